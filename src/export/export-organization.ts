import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Queryable } from '../db/database.js';
import { exportRows } from './export-rows.js';
import { exportTables } from './export-tables.js';
import { neutralizeCell } from './neutralize-cell.js';

export type ExportFormat = 'csv' | 'ndjson';

export interface ExportOrganizationOptions {
  db: Queryable;
  orgId: string;
  outDir: string;
  format: ExportFormat;
}

/**
 * Writes all of an organization's data, one file per kind, as CSV (safe to open in a
 * spreadsheet: formulas are neutralised) or NDJSON (values exactly as stored).
 * Resolves with the number of rows written per file.
 */
export async function exportOrganization(
  options: ExportOrganizationOptions,
): Promise<Record<string, number>> {
  await mkdir(options.outDir, { recursive: true });
  const written: Record<string, number> = {};
  for (const table of exportTables) {
    const path = join(options.outDir, `${table.file}.${options.format}`);
    const out = createWriteStream(path);
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    if (options.format === 'csv') await write(stringify([table.columns as string[]]));
    let count = 0;
    for await (const row of exportRows(options.db, options.orgId, table)) {
      await write(
        options.format === 'csv'
          ? stringify([Object.values(row).map(neutralizeCell)])
          : `${JSON.stringify(row)}\n`,
      );
      count += 1;
    }
    out.end();
    await once(out, 'finish');
    written[table.file] = count;
  }
  return written;
}
