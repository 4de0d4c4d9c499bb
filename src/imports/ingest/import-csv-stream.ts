import type { Readable } from 'node:stream';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { importCsv } from '../import-csv.js';
import type { ImportResult, ImportSettings } from '../import-types.js';
import type { PresetName } from '../read/presets.js';

export interface ImportCsvStreamOptions {
  db: Database;
  orgId: string;
  /** The import_run already started for this upload. */
  runId: string;
  body: Readable;
  fileName: string | null;
  settings: Omit<ImportSettings, 'preset' | 'probabilityScale'>;
  preset: PresetName | 'auto';
  /** `field → header` choices that win over the preset (the web's column mapping). */
  map?: Readonly<Record<string, string>> | undefined;
  actorId: string | null;
  bytesRead: () => number;
  totalBytes: number | null;
  clock: Clock;
}

/** `rudder import` over an upload's body: the same pipeline as a file (see `importCsv`). */
export function importCsvStream(options: ImportCsvStreamOptions): Promise<ImportResult> {
  return importCsv({
    db: options.db,
    orgId: options.orgId,
    runId: options.runId,
    source: options.body,
    fileName: options.fileName,
    settings: options.settings,
    preset: options.preset,
    map: options.map,
    actorId: options.actorId,
    bytesRead: options.bytesRead,
    totalBytes: options.totalBytes,
    clock: options.clock,
  });
}
