import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Database } from '../db/database.js';
import { AppError, isAppError } from '../shared/app-error.js';
import { importRecords } from './import-records.js';
import { blankResult, finishImportRun, startImportRun } from './import-run.js';
import type { ImportProgress, ImportRecord, ImportResult, ImportSettings } from './import-types.js';
import type { CsvDelimiter } from './read/detect-delimiter.js';
import { type PresetName, probabilityScale } from './read/presets.js';
import { type CsvFile, openCsv } from './read/read-csv.js';
import { resolveColumns } from './read/resolve-columns.js';

export interface ImportFileOptions {
  db: Database;
  orgId: string;
  /** Path of the CSV file. */
  path: string;
  settings: Omit<ImportSettings, 'preset' | 'probabilityScale'>;
  /** Export format of the file; `auto` (default) picks the best-matching preset. */
  preset?: PresetName | 'auto';
  /** `field → header` choices that win over the preset. */
  map?: Readonly<Record<string, string>>;
  delimiter?: CsvDelimiter;
  maxFieldBytes?: number;
  actorId?: string | null;
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Imports one CSV file: reads its header, maps its columns with a preset, then streams
 * its rows through `importRecords`. A file whose header cannot be read or mapped fails
 * before any row, and that failure is recorded in import_run like any other.
 */
export async function importFile(options: ImportFileOptions): Promise<ImportResult> {
  const { db, settings } = options;
  const size = await stat(options.path).then(
    (info) => info.size,
    (error: unknown) => {
      throw new AppError('NOT_FOUND', `Cannot read ${options.path}.`, { cause: error });
    },
  );
  const dryRun = settings.dryRun === true;
  const fileName = basename(options.path);
  const runId = await startImportRun(db, {
    orgId: options.orgId,
    kind: settings.kind,
    fileName,
    actorId: options.actorId ?? null,
    dryRun,
  });
  const stream = createReadStream(options.path);
  let file: CsvFile;
  let mapping: ReturnType<typeof resolveColumns>;
  try {
    file = await openCsv(stream, {
      ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
      ...(options.maxFieldBytes === undefined ? {} : { maxFieldBytes: options.maxFieldBytes }),
    });
    mapping = resolveColumns({
      kind: settings.kind,
      headers: file.headers,
      preset: options.preset ?? 'auto',
      ...(options.map === undefined ? {} : { map: options.map }),
    });
  } catch (error: unknown) {
    stream.destroy();
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
    fileName,
    actorId: options.actorId ?? null,
    settings: {
      ...settings,
      preset: mapping.preset,
      probabilityScale: probabilityScale[mapping.preset],
    },
    records: byField(csv, mapping.columns),
    readerIssues: () => csv.issues,
    bytesRead: () => stream.bytesRead,
    totalBytes: size,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
}

/** The file's records keyed by Rudder's field names instead of the file's headers. */
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
