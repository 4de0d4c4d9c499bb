import type { Queryable } from '../db/database.js';
import { type ExportTable, exportTables } from './export-tables.js';
import type { CellValue } from './neutralize-cell.js';

/** Rows per page read from the database. */
const PAGE = 5000;

export type ExportRow = Record<string, CellValue>;

/**
 * The organization's rows of one kind, as exported: the table's columns in order, values as
 * stored, but amounts and goal periods as the importers read them. Keyset paging keeps
 * memory flat however large the table is.
 */
export async function* exportRows(
  db: Queryable,
  orgId: string,
  table: ExportTable,
): AsyncGenerator<ExportRow> {
  let after = '';
  for (;;) {
    const rows = await db.query<ExportRow & { key: string }>(
      `select * from (${table.sql}) x where x.key > $2 order by x.key limit ${PAGE}`,
      [orgId, after],
    );
    for (const row of rows) {
      const cells = table.cells?.(row) ?? {};
      yield Object.fromEntries(
        table.columns.map((column) => [column, cells[column] ?? row[column] ?? null]),
      );
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < PAGE) return;
    after = last.key;
  }
}

/** Every row of the organization as NDJSON lines: `{"kind":"people","row":{…}}`. */
export async function* organizationNdjson(db: Queryable, orgId: string): AsyncGenerator<string> {
  for (const table of exportTables) {
    for await (const row of exportRows(db, orgId, table)) {
      yield `${JSON.stringify({ kind: table.file, row })}\n`;
    }
  }
}
