import type { Readable } from 'node:stream';
import type { Database } from '../db/database.js';
import { isAppError } from '../shared/app-error.js';
import { type Clock, systemClock } from '../shared/clock.js';
import { importRecords } from './import-records.js';
import { blankResult, finishImportRun, keepImportRunAlive } from './import-run.js';
import type { ImportProgress, ImportRecord, ImportResult, ImportSettings } from './import-types.js';
import type { CsvDelimiter } from './read/detect-delimiter.js';
import { type PresetName, probabilityScale } from './read/presets.js';
import { type CsvFile, type CsvRecord, openCsv } from './read/read-csv.js';
import { resolveColumns } from './read/resolve-columns.js';

export interface ImportCsvOptions {
  db: Database;
  orgId: string;
  /** The import_run already started for this file. */
  runId: string;
  source: Readable;
  fileName: string | null;
  settings: Omit<ImportSettings, 'preset' | 'probabilityScale'>;
  /** Export format of the file; `auto` picks the best-matching preset. */
  preset: PresetName | 'auto';
  /** `field → header` choices that win over the preset. */
  map?: Readonly<Record<string, string>> | undefined;
  delimiter?: CsvDelimiter | undefined;
  maxFieldBytes?: number | undefined;
  segmentRows?: number | null | undefined;
  actorId: string | null;
  bytesRead: () => number;
  totalBytes: number | null;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
  /** Times the run's lease (see keepImportRunAlive); the system clock by default. */
  clock?: Clock | undefined;
}

/**
 * One CSV stream, from a file (`rudder import`) or an upload (`POST /imports`): reads its
 * header, maps its columns with a preset, then streams its rows through `importRecords`.
 * A header that cannot be read or mapped fails before any row and is recorded like any run.
 */
export async function importCsv(options: ImportCsvOptions): Promise<ImportResult> {
  const { db, settings, runId } = options;
  const dryRun = settings.dryRun === true;
  let file: CsvFile;
  let ahead: Awaited<ReturnType<typeof peek>> = { read: [], failure: null };
  let rest: AsyncIterator<CsvRecord> | null = null;
  let mapping: ReturnType<typeof resolveColumns>;
  // An upload's header may be slow to arrive: the run's lease lasts while it is awaited.
  const lease = keepImportRunAlive(db, {
    orgId: options.orgId,
    runId,
    clock: options.clock ?? systemClock,
  });
  try {
    file = await openCsv(options.source, {
      ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
      ...(options.maxFieldBytes === undefined ? {} : { maxFieldBytes: options.maxFieldBytes }),
    });
    // A people file's "Role" column is the role or the team by its values (resolveColumns).
    if (settings.kind === 'people') {
      rest = file[Symbol.asyncIterator]();
      ahead = await peek(rest, SAMPLE_ROWS);
    }
    mapping = resolveColumns({
      kind: settings.kind,
      headers: file.headers,
      sample: ahead.read.map((record) => record.values),
      preset: options.preset,
      ...(options.map === undefined ? {} : { map: options.map }),
    });
  } catch (error: unknown) {
    options.source.destroy();
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
  } finally {
    lease.stop();
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
    records: byField(rest === null ? csv : resume(ahead, rest), mapping.columns),
    readerIssues: () => csv.issues,
    ...(options.segmentRows === undefined ? {} : { segmentRows: options.segmentRows }),
    bytesRead: options.bytesRead,
    totalBytes: options.totalBytes,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
}

/** Rows of a people file read before its columns are mapped. */
const SAMPLE_ROWS = 50;

/**
 * Up to `count` records, read ahead. A file problem met on the way (an unclosed quote) is
 * kept for `resume` to throw after these records, as reading them in order would.
 */
async function peek(
  records: AsyncIterator<CsvRecord>,
  count: number,
): Promise<{ read: CsvRecord[]; failure: { error: unknown } | null }> {
  const read: CsvRecord[] = [];
  try {
    while (read.length < count) {
      const next = await records.next();
      if (next.done === true) break;
      read.push(next.value);
    }
  } catch (error: unknown) {
    return { read, failure: { error } };
  }
  return { read, failure: null };
}

/** The records read ahead, then the rest of the file. */
async function* resume(
  ahead: Awaited<ReturnType<typeof peek>>,
  rest: AsyncIterator<CsvRecord>,
): AsyncGenerator<CsvRecord> {
  yield* ahead.read;
  if (ahead.failure !== null) throw ahead.failure.error;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
}

/** The file's records keyed by Rudder's field names instead of the file's headers. */
async function* byField(
  file: AsyncIterable<CsvRecord>,
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
