import type { Readable } from 'node:stream';
import type { Database } from '../db/database.js';
import { importRecords } from '../import/import-records.js';
import { blankResult, finishImportRun } from '../import/import-run.js';
import type { ImportRecord, ImportResult, ImportSettings } from '../import/import-types.js';
import { type PresetName, probabilityScale } from '../import/read/presets.js';
import { type CsvFile, openCsv } from '../import/read/read-csv.js';
import { resolveColumns } from '../import/read/resolve-columns.js';
import { isAppError } from '../shared/app-error.js';

export interface ImportCsvStreamOptions {
  db: Database;
  orgId: string;
  /** The import_run already started for this upload. */
  runId: string;
  body: Readable;
  fileName: string | null;
  settings: Omit<ImportSettings, 'preset' | 'probabilityScale'>;
  preset: PresetName | 'auto';
  actorId: string | null;
  bytesRead: () => number;
  totalBytes: number | null;
}

/**
 * `rudder import` over a stream instead of a path: the same header reading, column
 * mapping and `importRecords`, so an upload validates and merges exactly like the CLI.
 * (importFile takes a path; the two differ only in where the bytes come from.)
 */
export async function importCsvStream(options: ImportCsvStreamOptions): Promise<ImportResult> {
  const { db, settings, runId } = options;
  const dryRun = settings.dryRun === true;
  let file: CsvFile;
  let mapping: ReturnType<typeof resolveColumns>;
  try {
    file = await openCsv(options.body);
    mapping = resolveColumns({
      kind: settings.kind,
      headers: file.headers,
      preset: options.preset,
    });
  } catch (error: unknown) {
    options.body.destroy();
    if (!isAppError(error)) throw error;
    const issues =
      error.issues.length > 0 ? error.issues : [{ field: '(file)', reason: error.message }];
    const result: ImportResult = {
      ...blankResult(runId, settings, dryRun, 0),
      errors: issues.map((issue) => ({ ...issue, line: issue.line ?? 1 })),
      errorCount: issues.length,
    };
    result.counts.errors = issues.length;
    await finishImportRun(db, options.orgId, result);
    return result;
  }
  const csv = file;
  return importRecords({
    db,
    orgId: options.orgId,
    runId,
    fileName: options.fileName,
    actorId: options.actorId,
    settings: {
      ...settings,
      preset: mapping.preset,
      probabilityScale: probabilityScale[mapping.preset],
    },
    records: byField(csv, mapping.columns),
    readerIssues: () => csv.issues,
    bytesRead: options.bytesRead,
    totalBytes: options.totalBytes,
  });
}

async function* byField(
  file: CsvFile,
  columns: Readonly<Record<string, string | undefined>>,
): AsyncGenerator<ImportRecord> {
  const pairs = Object.entries(columns).filter(
    (pair): pair is [string, string] => pair[1] !== undefined,
  );
  for await (const record of file) {
    const values: Record<string, string> = {};
    for (const [field, header] of pairs) values[field] = record.values[header] ?? '';
    yield { line: record.line, values };
  }
}
