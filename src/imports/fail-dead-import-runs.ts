import type { Database } from '../db/database.js';
import { LEASE_SECONDS } from './import-run.js';

/** What the history says of a run whose process died (a crash, `kill -9`, a power cut). */
export const DEAD_RUN_REASON = 'the server stopped during the import';

export interface FailDeadImportRunsOptions {
  /**
   * `start`: the process has just opened the database and runs no import yet. `read`:
   * someone reads the import history, maybe while imports run.
   */
  at: 'start' | 'read';
  now: Date;
  /** Only this organization's runs (a history read); default every organization's. */
  orgId?: string;
}

/**
 * Marks failed the runs still `running` whose process is gone, so the import history never
 * shows a dead run as running forever. Its data were never written: an import commits all
 * or nothing, and the process died before its commit or before it could record the outcome.
 *
 * - PGlite: one process holds the data folder (its lock), so at start every running run is
 *   one whose process died. Later it judges none: this process's own runs renew no lease
 *   (the import holds the only connection) and are settled by the process itself.
 * - PostgreSQL: several server processes share the database; a run is dead when its lease
 *   (renewed every 10 s while it runs) is over. Judged at start and at every history read,
 *   rather than by the job loop: the history is where a dead run shows, so whoever reads it
 *   sees the truth at once, also with a server started without jobs or with only the CLI.
 *   The lease is timed by the processes' clocks (as job leases are), which must agree within
 *   a few seconds, well inside the 30-second lease. A run from before leases existed has
 *   none: its lease is taken to end 30 s after it started.
 *
 * A run judged dead that was in fact alive (a process frozen past its lease) still records
 * its outcome when it ends: `finishImportRun` overwrites the status with what happened.
 */
export async function failDeadImportRuns(
  db: Database,
  options: FailDeadImportRunsOptions,
): Promise<number> {
  const byLease = db.engine === 'postgres';
  if (!byLease && options.at === 'read') return 0;
  const rows = await db.query<{ id: string }>(
    `update import_run
        set status = 'failed', finished_at = $1::timestamptz, lease_until = null,
            errors = jsonb_build_array(jsonb_build_object('field', '(import)', 'reason', $2::text)),
            counts = case when jsonb_typeof(counts) = 'object' then counts else '{}'::jsonb end
                     || jsonb_build_object('errorCount', 1)
      where status = 'running'
        and ($3::uuid is null or org_id = $3::uuid)
        and (not $4::boolean
             or coalesce(lease_until, started_at + $5 * interval '1 second') < $1::timestamptz)
      returning id`,
    [options.now.toISOString(), DEAD_RUN_REASON, options.orgId ?? null, byLease, LEASE_SECONDS],
  );
  return rows.length;
}
