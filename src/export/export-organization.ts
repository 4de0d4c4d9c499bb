import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Queryable } from '../db/database.js';
import { exportTables } from './export-tables.js';
import { type CellValue, neutralizeCell } from './neutralize-cell.js';

export type ExportFormat = 'csv' | 'ndjson';

export interface ExportOrganizationOptions {
  db: Queryable;
  orgId: string;
  outDir: string;
  format: ExportFormat;
}

/** Rows per page read from the database. */
const PAGE = 5000;

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
    let after = '';
    for (;;) {
      const rows = await options.db.query<Record<string, CellValue> & { key: string }>(
        `select * from (${table.sql}) x where x.key > $2 order by x.key limit ${PAGE}`,
        [options.orgId, after],
      );
      for (const row of rows) {
        const values = table.columns.map((column) => row[column] ?? null);
        if (options.format === 'csv') {
          await write(stringify([values.map(neutralizeCell)]));
        } else {
          await write(
            `${JSON.stringify(Object.fromEntries(table.columns.map((c, i) => [c, values[i]])))}\n`,
          );
        }
      }
      count += rows.length;
      const last = rows.at(-1);
      if (last === undefined || rows.length < PAGE) break;
      after = last.key;
    }
    out.end();
    await once(out, 'finish');
    written[table.file] = count;
  }
  return written;
}
