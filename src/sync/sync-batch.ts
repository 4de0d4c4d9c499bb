import type { Database, Queryable } from '../db/database.js';
import { importRecords } from '../imports/import-records.js';
import type { ImportRecord, ImportSettings } from '../imports/import-types.js';
import { recordAudit } from '../organization/record-audit.js';
import { isAppError } from '../shared/app-error.js';
import { crmCatalog } from './crm-catalog.js';
import { type CrmConnection, renewHold, saveCursor, stopConnection } from './crm-connection.js';
import { DEFAULT_HOLD_MS, type HeldRunOptions, type SyncResult } from './sync-run.js';

/** What a run of either CRM is given, besides its CRM's own settings. */
export interface SyncRunOptions extends HeldRunOptions {
  orgId: string;
  actorId?: string | null;
  /** Read everything again, from no cursor (the merge still writes only what changed). */
  full?: boolean;
  /** Inside each batch's transaction, before it commits: a job's fence (see JobContext). */
  fence?: (tx: Queryable) => Promise<void>;
  onProgress?: (progress: { object: string; rowsRead: number }) => void;
}

/** One run under way: its options, the connection it holds and the result it fills. */
export interface SyncContext {
  options: SyncRunOptions;
  connection: CrmConnection;
  result: SyncResult;
}

/** One CRM object's batch: its records, the cursors it reaches, what it skipped or saw deleted. */
export interface BatchStep {
  object: string;
  kind: ImportSettings['kind'];
  records: AsyncIterable<ImportRecord>;
  /** Once the records are read: the cursor (an ISO instant) each object reached. */
  cursors: () => Record<string, string>;
  skipped: () => number;
  deleted: () => number;
  /** Whether a batch without records still writes an import run (it read or skipped some). */
  keepEmpty: () => boolean;
  settings?: Partial<ImportSettings>;
  beforeCommit?: (tx: Queryable) => Promise<void>;
}

/**
 * One object's batch through the import pipeline, all or nothing, its cursors committed with
 * its rows. An empty batch writes no import run (hourly runs would fill the history with
 * empty ones). Answers whether the run goes on.
 */
export async function importBatch(run: SyncContext, step: BatchStep): Promise<boolean> {
  const { options, connection, result } = run;
  const { db, orgId, clock } = options;
  const crm = connection.kind;
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
  const first = await records.next();
  if (failure !== undefined) throw failure;
  if (first.done === true && step.deleted() === 0 && !step.keepEmpty()) {
    result.objects.push({
      object: step.object,
      runId: null,
      status: 'unchanged',
      counts: null,
      cursor: null,
      deleted: 0,
      skipped: step.skipped(),
      errors: [],
    });
    return true;
  }
  async function* all(): AsyncGenerator<ImportRecord> {
    if (first.done !== true) yield first.value;
    yield* records;
  }
  await renewHold(db, connection, clock.now(), options.holdMs ?? DEFAULT_HOLD_MS);
  const now = clock.now();
  const imported = await importRecords({
    db,
    orgId,
    clock,
    now,
    fileName: `${crm}:${step.object}`,
    actorId: options.actorId ?? null,
    settings: {
      kind: step.kind,
      asOf: now.toISOString(),
      dryRun: options.dryRun === true,
      probabilityScale: 'percent',
      preset: crm,
      ...step.settings,
    },
    records: all(),
    onProgress: (progress) =>
      options.onProgress?.({ object: step.object, rowsRead: progress.rowsRead }),
    beforeCommit: async (tx) => {
      await step.beforeCommit?.(tx);
      for (const [object, reached] of Object.entries(step.cursors())) {
        await saveCursor(tx, connection, object, reached);
      }
      await options.fence?.(tx);
    },
  });
  const cursors = step.cursors();
  const deleted = step.deleted();
  const skipped = step.skipped();
  await db.query(
    `update import_run set counts = counts || $3::jsonb where org_id = $1 and id = $2`,
    [
      orgId,
      imported.runId,
      JSON.stringify({
        source: crm,
        cursors,
        ...(deleted > 0 ? { deletedInCrm: deleted } : {}),
        ...(skipped > 0 ? { skipped } : {}),
      }),
    ],
  );
  result.objects.push({
    object: step.object,
    runId: imported.runId,
    status: imported.status,
    counts: imported.counts,
    cursor: Object.values(cursors).sort().at(-1) ?? null,
    deleted,
    skipped,
    errors: imported.errors,
  });
  if (failure !== undefined) throw failure;
  if (imported.status === 'failed') {
    result.status = 'failed';
    result.message =
      `${crmCatalog[crm]?.label ?? crm} ${step.object}: ${imported.errorCount} record(s) could ` +
      `not be imported (first: ${imported.errors[0]?.reason ?? 'unknown'}); nothing of that ` +
      'batch was written and the next run reads it again.';
    return false;
  }
  return true;
}

/** Ends the run on an error of the CRM: a refused credential stops the connection. */
export async function endRunOnError(run: SyncContext, error: unknown): Promise<void> {
  const { options, connection, result } = run;
  if (!isAppError(error)) throw error;
  result.message = error.message;
  if (error.code === 'CRM_AUTH_FAILED') {
    result.status = 'stopped';
    await stopConnection(options.db, connection, error.message);
    await recordAudit(options.db, {
      orgId: options.orgId,
      actorId: null,
      action: 'crm.sync_stopped',
      subjectType: 'crm_connection',
      subjectId: connection.id,
      details: { kind: connection.kind, reason: error.message },
      at: options.clock.now(),
    });
  } else if (error.code === 'RATE_LIMITED') {
    result.status = 'rate-limited';
  } else {
    result.status = 'failed';
  }
}

/** The organization's admins by external id and lower-cased e-mail: they stay admins. */
export async function adminKeys(db: Database, orgId: string): Promise<Set<string>> {
  const rows = await db.query<{ key: string }>(
    `select k.key from person p
       cross join lateral (values (p.external_id), (lower(p.email))) as k(key)
      where p.org_id = $1 and p.role = 'admin' and k.key is not null`,
    [orgId],
  );
  return new Set(rows.map((row) => row.key));
}

/** Which of these CRM ids are opportunities Rudder has. */
export async function knownOpportunities(
  db: Database,
  orgId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ external_id: string }>(
    'select external_id from opportunity where org_id = $1 and external_id = any($2::text[])',
    [orgId, ids],
  );
  return new Set(rows.map((row) => row.external_id));
}
