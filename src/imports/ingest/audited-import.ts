import type { Queryable } from '../../db/database.js';
import { recordAudit } from '../../organization/record-audit.js';
import { AppError } from '../../shared/app-error.js';
import type { ImportResult, ImportSettings } from '../import-types.js';

export interface AuditedImportOptions {
  db: Queryable;
  orgId: string;
  actorId: string;
  ip: string;
  now: Date;
  runId: string;
  settings: Pick<ImportSettings, 'kind' | 'dryRun'>;
  /** How the rows came: a CSV upload or the JSON/NDJSON ingest API. */
  via: 'upload' | 'ingest';
  fileName: string | null;
  run: () => Promise<ImportResult>;
}

/** Runs an import between its `import.started` and `import.finished` audit events. */
export async function auditedImport(options: AuditedImportOptions): Promise<ImportResult> {
  const { db, orgId, actorId, ip, runId, settings } = options;
  const event = { orgId, actorId, ip, subjectType: 'import_run', subjectId: runId };
  const base = { kind: settings.kind, dryRun: settings.dryRun === true, via: options.via };
  await recordAudit(db, {
    ...event,
    action: 'import.started',
    details: { ...base, fileName: options.fileName },
    at: options.now,
  });
  let result: ImportResult;
  try {
    result = await options.run();
  } catch (error: unknown) {
    await recordAudit(db, {
      ...event,
      action: 'import.finished',
      details: { ...base, status: 'failed', reason: 'the import broke off' },
      at: options.now,
    });
    throw error;
  }
  await recordAudit(db, {
    ...event,
    action: 'import.finished',
    details: { ...base, status: result.status, counts: result.counts },
    at: options.now,
  });
  return result;
}

/**
 * The HTTP answer of an import: the result when it succeeded (or a clean dry run), else
 * IMPORT_FAILED whose `issues` are the row errors by line, field and value.
 */
export function importAnswer(result: ImportResult): ImportResult {
  if (result.status === 'succeeded') return result;
  const more =
    result.errorCount > result.errors.length ? ` (the first ${result.errors.length})` : '';
  throw new AppError(
    'IMPORT_FAILED',
    `${result.errorCount} error${result.errorCount === 1 ? '' : 's'}${more}; nothing was imported. ` +
      `Import ${result.runId}.`,
    { issues: result.errors },
  );
}
