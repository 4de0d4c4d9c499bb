import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Database } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import { systemClock } from '../shared/clock.js';
import { importCsv } from './import-csv.js';
import { startImportRun } from './import-run.js';
import type { ImportProgress, ImportResult, ImportSettings } from './import-types.js';
import type { CsvDelimiter } from './read/detect-delimiter.js';
import type { PresetName } from './read/presets.js';

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
  /** When the import starts (its run's record), by the caller's clock; default: the system's. */
  now?: Date;
  onProgress?: (progress: ImportProgress) => void;
  /** Rows per segment merged while parsing, or null for none (see importRecords). */
  segmentRows?: number | null;
}

/** Imports one CSV file (see `importCsv`); a path that cannot be read is NOT_FOUND. */
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
    now: options.now ?? systemClock.now(),
  });
  const stream = createReadStream(options.path);
  return importCsv({
    db,
    orgId: options.orgId,
    runId,
    source: stream,
    fileName,
    settings,
    preset: options.preset ?? 'auto',
    map: options.map,
    delimiter: options.delimiter,
    maxFieldBytes: options.maxFieldBytes,
    segmentRows: options.segmentRows,
    actorId: options.actorId ?? null,
    bytesRead: () => stream.bytesRead,
    totalBytes: size,
    onProgress: options.onProgress,
  });
}
