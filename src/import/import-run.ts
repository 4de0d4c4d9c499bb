import type { Queryable } from '../db/database.js';
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
 * Records the start of an import. It is committed on its own, outside the import's
 * transaction: a failed or killed run leaves its record (status running or failed).
 */
export async function startImportRun(db: Queryable, options: StartRunOptions): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into import_run (org_id, kind, file_name, actor_id, dry_run, status, started_at)
     values ($1, $2, $3, $4, $5, 'running', $6) returning id`,
    [
      options.orgId,
      options.kind,
      options.fileName,
      options.actorId,
      options.dryRun ? 'yes' : 'no',
      options.now.toISOString(),
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

/** The outcome: status, counts and the kept row errors with their total. */
export async function finishImportRun(
  db: Queryable,
  orgId: string,
  result: ImportResult,
): Promise<void> {
  const counts = {
    ...result.counts,
    errorCount: result.errorCount,
    ...(result.missing === undefined ? {} : { missing: result.missing.count }),
    ...(result.stagesAdded.length > 0 ? { stagesAdded: result.stagesAdded } : {}),
  };
  await db.query(
    `update import_run set status = $3, rows_read = $4, counts = $5::jsonb, errors = $6::jsonb,
       finished_at = now()
     where org_id = $1 and id = $2`,
    [
      orgId,
      result.runId,
      result.status,
      result.rowsRead,
      JSON.stringify(counts),
      JSON.stringify(result.errors),
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
    stagesAdded: [],
  };
}
