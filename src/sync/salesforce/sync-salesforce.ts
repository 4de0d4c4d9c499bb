import type { Database, Queryable } from '../../db/database.js';
import type { OpportunityField } from '../../db/schema/pipeline.js';
import { importRecords } from '../../imports/import-records.js';
import type { ImportRecord, ImportSettings } from '../../imports/import-types.js';
import { recordAudit } from '../../organization/record-audit.js';
import { AppError, isAppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import {
  type CrmConnection,
  loadCrmConnection,
  renewHold,
  saveCrmSecrets,
  saveCursor,
  stopConnection,
} from '../crm-connection.js';
import type { SecretBox } from '../secret-box.js';
import {
  DEFAULT_HOLD_MS,
  type HeldRunOptions,
  runHoldingConnection,
  type SyncedObject,
  type SyncResult,
} from '../sync-run.js';
import { matchStages } from './match-stages.js';
import { SalesforceApi, type SalesforceRecord } from './salesforce-api.js';
import type { Fetch } from './salesforce-auth.js';
import {
  eventRecord,
  field,
  historyRecord,
  isDeleted,
  opportunityRecord,
  personRecord,
  rolesOf,
  type SalesforceObject,
  soql,
  taskRecord,
} from './salesforce-mapping.js';

export type { SyncedObject, SyncResult };

export interface SyncSalesforceOptions extends HeldRunOptions {
  db: Database;
  orgId: string;
  box: SecretBox;
  clock: Clock;
  /** Read everything again, from no cursor (the merge still writes only what changed). */
  full?: boolean;
  /** Read and validate everything, write nothing (cursors included). */
  dryRun?: boolean;
  /** Use this API base URL for this run (a sandbox, a proxy, a test server). */
  instanceUrl?: string;
  actorId?: string | null;
  fetch?: Fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Inside each batch's transaction, before it commits: a job's fence (see JobContext). */
  fence?: (tx: Queryable) => Promise<void>;
  onProgress?: (progress: { object: string; rowsRead: number }) => void;
}

/** Opportunity ids per history query: well under SOQL's and URLs' length limits. */
const HISTORY_CHUNK = 200;

/**
 * One Salesforce sync: users, stages, opportunities, their history, tasks and events, each
 * object one import run on the same all-or-nothing pipeline as a file (validate, stage,
 * set-based merge), its cursor committed in the same transaction as its rows. A failure stops
 * the run at that object: what committed stays, the rest resumes from its cursor next time.
 * A refused credential stops the connection itself until an admin reconnects: never a loop.
 */
export async function syncSalesforce(options: SyncSalesforceOptions): Promise<SyncResult> {
  const { db, orgId, box, clock } = options;
  const stored = await loadCrmConnection(db, orgId, 'salesforce', box);
  if (stored === null) {
    throw new AppError(
      'NOT_FOUND',
      'Salesforce is not connected for this organization (see docs/crm-sync.md).',
    );
  }
  const result: SyncResult = {
    status: 'succeeded',
    message: null,
    objects: [],
    stagesAdded: [],
    requests: 0,
  };
  if (stored.status === 'stopped') {
    return {
      ...result,
      status: 'stopped',
      message: stored.statusMessage ?? 'The Salesforce sync is stopped; connect Salesforce again.',
    };
  }
  const connection: CrmConnection = {
    ...stored,
    instanceUrl: options.instanceUrl?.replace(/\/+$/, '') ?? stored.instanceUrl,
  };
  const api = new SalesforceApi(connection, {
    now: () => clock.now(),
    onTokens: (renewed) => saveCrmSecrets(db, { ...renewed, instanceUrl: stored.instanceUrl }, box),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const run = new SyncRun(options, connection, api, result);
  const held = await runHoldingConnection(options, connection, result, {
    all: () => run.all(),
    failed: (error) => run.failed(error),
    requests: () => api.requests,
  });
  if (!held) return { ...result, status: 'busy', message: 'Another Salesforce sync is running.' };
  return result;
}

/** One run's steps, sharing the connection, the API and the result. */
class SyncRun {
  private readonly cursors: Record<string, string>;
  private readonly settings: CrmConnection['settings'];

  constructor(
    private readonly options: SyncSalesforceOptions,
    private readonly connection: CrmConnection,
    private readonly api: SalesforceApi,
    private readonly result: SyncResult,
  ) {
    this.cursors = options.full === true ? {} : { ...connection.cursors };
    this.settings = connection.settings;
  }

  /**
   * The objects in order; a failed batch ends a real run (later ones depend on it). A dry
   * run checks every object against the data as it is, writing none: on a first sync the
   * deals name owners only the users' batch would create, so they show as errors there.
   */
  async all(): Promise<void> {
    const goOn = (ok: boolean) => ok || this.options.dryRun === true;
    if (!goOn(await this.users())) return;
    await this.stages();
    if (!goOn(await this.opportunities())) return;
    if (!goOn(await this.history())) return;
    await this.activities();
  }

  private async users(): Promise<boolean> {
    const users = await collect(this.api.queryAll(soql.User(this.cursors.User)));
    const admins = await this.adminIds();
    const roles = rolesOf(users);
    const records = users.map((user, index) => {
      const id = field(user, 'Id');
      const admin = admins.has(id) || admins.has(field(user, 'Email').toLowerCase());
      // Rudder's admins stay admins whatever their place in Salesforce's hierarchy.
      return personRecord(user, index + 1, admin ? null : (roles.get(id) ?? null));
    });
    return this.batch({
      object: 'User',
      kind: 'people',
      records: fromArray(records),
      stamps: { User: maxStamp(users) },
      count: users.length,
    });
  }

  private async stages(): Promise<void> {
    const stages = await collect(this.api.queryAll(soql.stages()));
    if (this.options.dryRun === true) return;
    this.result.stagesAdded = await this.options.db.transaction((tx) =>
      matchStages(tx, this.options.orgId, stages),
    );
  }

  private async opportunities(): Promise<boolean> {
    const amountField = this.settings.amountField;
    const stamps: Record<string, string | undefined> = {};
    const deletedIds: string[] = [];
    const api = this.api;
    const cursor = this.cursors.Opportunity;
    async function* records(): AsyncGenerator<ImportRecord> {
      let line = 0;
      for await (const record of api.queryAll(soql.Opportunity(cursor, amountField))) {
        stamps.Opportunity = later(stamps.Opportunity, field(record, 'SystemModstamp'));
        if (isDeleted(record)) deletedIds.push(field(record, 'Id'));
        else yield opportunityRecord(record, ++line, amountField);
      }
    }
    // Stage, amount, close date and status changes come from OpportunityHistory, which knows
    // when each happened; a snapshot still records a change of owner, which it does not
    // keep, and of a custom amount field, which it does not have.
    const snapshotEvents: OpportunityField[] =
      amountField === 'Amount' ? ['owner'] : ['owner', 'amount'];
    return this.batch({
      object: 'Opportunity',
      kind: 'opportunities',
      records: records(),
      stamps,
      settings: { addStages: true, snapshotEvents },
      deleted: () => deletedIds.length,
      // A deal deleted in Salesforce (a duplicate, a mistake) leaves Rudder as it left the CRM,
      // in the batch that reads it: out of open pipeline, results and rankings, with its
      // events (the rep_month rollup follows through its triggers). Its activities stay,
      // unlinked; 1:1s already held keep what their snapshot showed.
      beforeCommit: (tx) => removeOpportunities(tx, this.options.orgId, deletedIds),
    });
  }

  private async history(): Promise<boolean> {
    const changed = await collect(
      this.api.queryAll(soql.OpportunityHistory(this.cursors.OpportunityHistory)),
    );
    const ids = [...new Set(changed.map((row) => field(row, 'OpportunityId')))];
    const known = await this.knownOpportunities(ids);
    const wanted = ids.filter((id) => known.has(id));
    const stamps = { OpportunityHistory: maxStamp(changed) };
    const api = this.api;
    const withAmount = this.settings.amountField === 'Amount';
    async function* records(): AsyncGenerator<ImportRecord> {
      let line = 0;
      for (let start = 0; start < wanted.length; start += HISTORY_CHUNK) {
        const chunk = wanted.slice(start, start + HISTORY_CHUNK);
        for await (const row of api.queryAll(soql.historyOf(chunk))) {
          if (!isDeleted(row)) yield historyRecord(row, ++line, withAmount);
        }
      }
    }
    return this.batch({
      object: 'OpportunityHistory',
      kind: 'opportunity-history',
      records: records(),
      stamps,
      count: changed.length,
      skipped: ids.length - wanted.length,
      settings: { addStages: true },
    });
  }

  private async activities(): Promise<boolean> {
    const stamps: Record<string, string | undefined> = {};
    const deletedIds: string[] = [];
    const api = this.api;
    const cursors = this.cursors;
    async function* records(): AsyncGenerator<ImportRecord> {
      let line = 0;
      const sources = [
        ['Task', soql.Task(cursors.Task), taskRecord],
        ['Event', soql.Event(cursors.Event), eventRecord],
      ] as const;
      for (const [object, query, toRecord] of sources) {
        for await (const record of api.queryAll(query)) {
          stamps[object] = later(stamps[object], field(record, 'SystemModstamp'));
          if (isDeleted(record)) deletedIds.push(field(record, 'Id'));
          else yield toRecord(record, ++line);
        }
      }
    }
    return this.batch({
      object: 'Task+Event',
      kind: 'activities',
      records: records(),
      stamps,
      deleted: () => deletedIds.length,
      // A deleted task or event no longer counts as an activity: nothing else refers to it.
      beforeCommit: async (tx) => {
        if (deletedIds.length === 0) return;
        await tx.query('delete from activity where org_id = $1 and external_id = any($2::text[])', [
          this.options.orgId,
          deletedIds,
        ]);
      },
    });
  }

  /**
   * One object's batch through the import pipeline, all or nothing, its cursors committed
   * with its rows. An empty batch writes no import run. Answers whether the run goes on.
   */
  private async batch(step: {
    object: string;
    kind: ImportSettings['kind'];
    records: AsyncIterable<ImportRecord>;
    /** Filled while the records are read: the latest SystemModstamp per object. */
    stamps: Record<string, string | undefined>;
    count?: number;
    skipped?: number;
    deleted?: () => number;
    settings?: Partial<ImportSettings>;
    beforeCommit?: (tx: Queryable) => Promise<void>;
  }): Promise<boolean> {
    const { db, orgId, clock } = this.options;
    let failure: unknown;
    // Errors of the API while the import reads are kept: the pipeline reports them as the
    // input's failure, and the run needs to know which (a revoked token, a rate limit).
    async function* watched(): AsyncGenerator<ImportRecord> {
      try {
        yield* step.records;
      } catch (error: unknown) {
        failure = error;
        throw error;
      }
    }
    const records = watched();
    // Peek: a batch with nothing to read writes no import run (hourly runs would fill the
    // history with empty ones).
    const first = await records.next();
    const deletedSoFar = step.deleted?.() ?? 0;
    if (failure !== undefined) throw failure;
    if (first.done === true && deletedSoFar === 0 && (step.count ?? 0) === 0) {
      this.result.objects.push({
        object: step.object,
        runId: null,
        status: 'unchanged',
        counts: null,
        cursor: null,
        deleted: 0,
        skipped: step.skipped ?? 0,
        errors: [],
      });
      return true;
    }
    async function* all(): AsyncGenerator<ImportRecord> {
      if (first.done !== true) yield first.value;
      yield* records;
    }
    await renewHold(db, this.connection, clock.now(), this.options.holdMs ?? DEFAULT_HOLD_MS);
    const now = clock.now();
    const imported = await importRecords({
      db,
      orgId,
      clock,
      now,
      fileName: `salesforce:${step.object}`,
      actorId: this.options.actorId ?? null,
      settings: {
        kind: step.kind,
        asOf: now.toISOString(),
        dryRun: this.options.dryRun === true,
        probabilityScale: 'percent',
        preset: 'salesforce',
        ...step.settings,
      },
      records: all(),
      onProgress: (progress) =>
        this.options.onProgress?.({ object: step.object, rowsRead: progress.rowsRead }),
      beforeCommit: async (tx) => {
        await step.beforeCommit?.(tx);
        for (const [object, reached] of Object.entries(step.stamps)) {
          if (reached !== undefined) await saveCursor(tx, this.connection, object, reached);
        }
        await this.options.fence?.(tx);
      },
    });
    const reached = Object.values(step.stamps).filter((v): v is string => v !== undefined);
    const cursor = reached.sort().at(-1) ?? null;
    const deleted = step.deleted?.() ?? 0;
    await db.query(
      `update import_run set counts = counts || $3::jsonb where org_id = $1 and id = $2`,
      [
        orgId,
        imported.runId,
        JSON.stringify({
          source: 'salesforce',
          cursors: step.stamps,
          ...(deleted > 0 ? { deletedInCrm: deleted } : {}),
          ...(step.skipped ? { skipped: step.skipped } : {}),
        }),
      ],
    );
    this.result.objects.push({
      object: step.object,
      runId: imported.runId,
      status: imported.status,
      counts: imported.counts,
      cursor,
      deleted,
      skipped: step.skipped ?? 0,
      errors: imported.errors,
    });
    if (failure !== undefined) throw failure;
    if (imported.status === 'failed') {
      this.result.status = 'failed';
      this.result.message =
        `Salesforce ${step.object}: ${imported.errorCount} record(s) could not be imported ` +
        `(first: ${imported.errors[0]?.reason ?? 'unknown'}); nothing of that batch was ` +
        'written and the next run reads it again.';
      return false;
    }
    return true;
  }

  /** Ends the run on an error of the CRM: a refused credential stops the connection. */
  async failed(error: unknown): Promise<void> {
    if (!isAppError(error)) throw error;
    this.result.message = error.message;
    if (error.code === 'CRM_AUTH_FAILED') {
      this.result.status = 'stopped';
      await stopConnection(this.options.db, this.connection, error.message);
      await recordAudit(this.options.db, {
        orgId: this.options.orgId,
        actorId: null,
        action: 'crm.sync_stopped',
        subjectType: 'crm_connection',
        subjectId: this.connection.id,
        details: { kind: 'salesforce', reason: error.message },
        at: this.options.clock.now(),
      });
    } else if (error.code === 'RATE_LIMITED') {
      this.result.status = 'rate-limited';
    } else {
      this.result.status = 'failed';
    }
  }

  private async adminIds(): Promise<Set<string>> {
    const rows = await this.options.db.query<{ key: string }>(
      `select k.key from person p
         cross join lateral (values (p.external_id), (lower(p.email))) as k(key)
        where p.org_id = $1 and p.role = 'admin' and k.key is not null`,
      [this.options.orgId],
    );
    return new Set(rows.map((row) => row.key));
  }

  private async knownOpportunities(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.options.db.query<{ external_id: string }>(
      'select external_id from opportunity where org_id = $1 and external_id = any($2::text[])',
      [this.options.orgId, ids],
    );
    return new Set(rows.map((row) => row.external_id));
  }
}

/** Deletes the organization's opportunities with these external ids, and their events. */
async function removeOpportunities(
  tx: Queryable,
  orgId: string,
  externalIds: readonly string[],
): Promise<void> {
  if (externalIds.length === 0) return;
  const gone = await tx.query<{ id: string }>(
    'delete from opportunity where org_id = $1 and external_id = any($2::text[]) returning id',
    [orgId, externalIds],
  );
  if (gone.length === 0) return;
  const ids = gone.map((row) => row.id);
  await tx.query(
    'delete from opportunity_event where org_id = $1 and opportunity_id = any($2::uuid[])',
    [orgId, ids],
  );
  await tx.query(
    `update activity set opportunity_id = null
      where org_id = $1 and opportunity_id = any($2::uuid[])`,
    [orgId, ids],
  );
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** The later of two SystemModstamps (ISO 8601, so compared as instants). */
function later(a: string | undefined, b: string): string | undefined {
  if (b === '') return a;
  if (a === undefined) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

function maxStamp(records: readonly SalesforceRecord[]): string | undefined {
  let max: string | undefined;
  for (const record of records) max = later(max, field(record, 'SystemModstamp'));
  return max;
}

export type { SalesforceObject };
