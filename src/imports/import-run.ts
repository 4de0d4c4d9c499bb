import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { startHeartbeat } from '../shared/heartbeat.js';
import type { ImportResult, ImportSettings } from './import-types.js';
import type { ImportKind } from './read/import-fields.js';

export interface StartRunOptions {
  orgId: string;
  kind: ImportKind;
  fileName: string | null;
  /** The person who imports; null for the CLI. */
  actorId: string | null;
  dryRun: boolean;
  /** When the run started, by the caller's clock (the import history shows it). */
  now: Date;
}

/**
 * A running import's lease: its process renews it every RENEW_EVERY_SECONDS while the run
 * lasts (on PostgreSQL), so a run whose lease is over died with its process. Short, so the
 * import history stops showing a dead run as running within half a minute; three renewals
 * per lease, so one missed renewal (a busy event loop, a brief network hiccup) is harmless.
 */
export const LEASE_SECONDS = 30;
export const RENEW_EVERY_SECONDS = 10;

/** `now` + the lease, as the timestamptz text import_run keeps. */
export const leaseEnd = (now: Date): string =>
  new Date(now.getTime() + LEASE_SECONDS * 1000).toISOString();

/**
 * Records the start of an import. It is committed on its own, outside the import's
 * transaction: a failed or killed run leaves its record (status running or failed), and
 * a killed one is marked failed once its lease is over (fail-dead-import-runs.ts).
 */
export async function startImportRun(db: Queryable, options: StartRunOptions): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into import_run (org_id, kind, file_name, actor_id, dry_run, status, started_at,
                             lease_until)
     values ($1, $2, $3, $4, $5, 'running', $6, $7) returning id`,
    [
      options.orgId,
      options.kind,
      options.fileName,
      options.actorId,
      options.dryRun ? 'yes' : 'no',
      options.now.toISOString(),
      leaseEnd(options.now),
    ],
  );
  if (row === undefined) throw new Error('import_run insert returned no row');
  return row.id;
}

/** Progress for readers of import_run (the future API's status endpoint). */
export async function updateImportRunProgress(
  db: Queryable,
  run: { orgId: string; runId: string; rowsRead: number },
): Promise<void> {
  await db.query(
    `update import_run set rows_read = $3 where org_id = $1 and id = $2 and status = 'running'`,
    [run.orgId, run.runId, run.rowsRead],
  );
}

/** Extends a running run's lease from `now`; a run already settled or failed stays so. */
export async function renewImportRunLease(
  db: Queryable,
  run: { orgId: string; runId: string; now: Date },
): Promise<void> {
  await db.query(
    `update import_run set lease_until = $3 where org_id = $1 and id = $2 and status = 'running'`,
    [run.orgId, run.runId, leaseEnd(run.now)],
  );
}

/**
 * Renews the run's lease every RENEW_EVERY_SECONDS until `stop`. Only on PostgreSQL, which
 * several server processes share: on PGlite the import's transaction holds the only
 * connection (a renewal would wait for the end of the run), and no other process can be
 * reading the data folder anyway: a running run there is judged at start (the lock's owner).
 */
export function keepImportRunAlive(
  db: Database,
  run: { orgId: string; runId: string; clock: Clock; everyMs?: number },
): { stop(): void } {
  if (db.engine !== 'postgres') return { stop: () => undefined };
  // A failed renewal (the database briefly unreachable) is tried again at the next beat; the
  // run's own transaction decides its outcome, so a lost lease does not abort it.
  const heartbeat = startHeartbeat({
    renew: async () => {
      await renewImportRunLease(db, { ...run, now: run.clock.now() });
      return true;
    },
    everyMs: run.everyMs ?? RENEW_EVERY_SECONDS * 1000,
  });
  return { stop: () => void heartbeat.stop() };
}

/** The outcome: status, counts and the kept row errors with their total. */
export async function finishImportRun(
  db: Queryable,
  orgId: string,
  result: ImportResult,
): Promise<void> {
  const counts = {
    ...result.counts,
    errorCount: result.errorCount,
    ...(result.warningCount > 0 ? { warningCount: result.warningCount } : {}),
    ...(result.missing === undefined ? {} : { missing: result.missing.count }),
    ...(result.stagesAdded.length > 0 ? { stagesAdded: result.stagesAdded } : {}),
  };
  await db.query(
    `update import_run set status = $3, rows_read = $4, counts = $5::jsonb, errors = $6::jsonb,
       warnings = $7::jsonb, finished_at = now(), lease_until = null
     where org_id = $1 and id = $2`,
    [
      orgId,
      result.runId,
      result.status,
      result.rowsRead,
      JSON.stringify(counts),
      JSON.stringify(result.errors),
      JSON.stringify(result.warnings),
    ],
  );
}

/** A failed result with nothing counted yet; callers fill in what they know. */
export function blankResult(
  runId: string,
  settings: Pick<ImportSettings, 'kind'>,
  dryRun: boolean,
  rowsRead: number,
): ImportResult {
  return {
    runId,
    kind: settings.kind,
    dryRun,
    status: 'failed',
    rowsRead,
    counts: { rows: rowsRead, new: 0, changed: 0, unchanged: 0, errors: 0, events: 0 },
    errors: [],
    errorCount: 0,
    warnings: [],
    warningCount: 0,
    stagesAdded: [],
  };
}
