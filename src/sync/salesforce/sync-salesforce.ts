import type { Queryable } from '../../db/database.js';
import type { OpportunityField } from '../../db/schema/pipeline.js';
import type { ImportRecord, ImportSettings } from '../../imports/import-types.js';
import { type CrmConnection, saveCrmSecrets } from '../crm-connection.js';
import type { SecretBox } from '../secret-box.js';
import {
  adminKeys,
  endRunOnError,
  importBatch,
  knownOpportunities,
  type SyncContext,
  type SyncRunOptions,
} from '../sync-batch.js';
import { type SyncedObject, type SyncResult, syncConnection } from '../sync-run.js';
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

export interface SyncSalesforceOptions extends SyncRunOptions {
  box: SecretBox;
  /** Use this API base URL for this run (a sandbox, a proxy, a test server). */
  instanceUrl?: string;
  fetch?: Fetch;
  sleep?: (ms: number) => Promise<void>;
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
export function syncSalesforce(options: SyncSalesforceOptions): Promise<SyncResult> {
  const { db, box, clock } = options;
  return syncConnection(
    options,
    'salesforce',
    (stored) => options.instanceUrl?.replace(/\/+$/, '') ?? stored.instanceUrl,
    (connection, result, stored) => {
      const api = new SalesforceApi(connection, {
        now: () => clock.now(),
        onTokens: (renewed) =>
          saveCrmSecrets(db, { ...renewed, instanceUrl: stored.instanceUrl }, box),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
      });
      const run = new SyncRun(options, connection, api, result);
      return {
        all: () => run.all(),
        failed: (error) => run.failed(error),
        requests: () => api.requests,
      };
    },
  );
}

/** One run's steps, sharing the connection, the API and the result. */
class SyncRun {
  private readonly cursors: Record<string, string>;
  private readonly settings: CrmConnection['settings'];
  private readonly context: SyncContext;

  constructor(
    private readonly options: SyncSalesforceOptions,
    connection: CrmConnection,
    private readonly api: SalesforceApi,
    private readonly result: SyncResult,
  ) {
    this.cursors = options.full === true ? {} : { ...connection.cursors };
    this.settings = connection.settings;
    this.context = { options, connection, result };
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
    const admins = await adminKeys(this.options.db, this.options.orgId);
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
    const known = await knownOpportunities(this.options.db, this.options.orgId, ids);
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

  /** One object's batch (src/sync/sync-batch.ts); answers whether the run goes on. */
  private batch(step: {
    object: string;
    kind: ImportSettings['kind'];
    records: AsyncIterable<ImportRecord>;
    /** Filled while the records are read: the latest SystemModstamp per object. */
    stamps: Record<string, string | undefined>;
    /** Records read from Salesforce: a batch that read some writes a run even if it imports none. */
    count?: number;
    skipped?: number;
    deleted?: () => number;
    settings?: Partial<ImportSettings>;
    beforeCommit?: (tx: Queryable) => Promise<void>;
  }): Promise<boolean> {
    return importBatch(this.context, {
      ...step,
      cursors: () =>
        Object.fromEntries(
          Object.entries(step.stamps).filter((entry): entry is [string, string] => !!entry[1]),
        ),
      skipped: () => step.skipped ?? 0,
      deleted: step.deleted ?? (() => 0),
      keepEmpty: () => (step.count ?? 0) > 0,
    });
  }

  /** Ends the run on an error of the CRM: a refused credential stops the connection. */
  failed(error: unknown): Promise<void> {
    return endRunOnError(this.context, error);
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
