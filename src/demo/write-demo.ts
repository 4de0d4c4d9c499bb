import type { Queryable } from '../db/database.js';
import { type DemoRows, demoTables, otherOrgTables, type SqlRow } from './demo-rows.js';

/** Rows per INSERT: few round trips, modest statements. */
const CHUNK_ROWS = 500;

/**
 * Deletes an organization's data, children before parents: several foreign keys to
 * `person` and `stage` do not cascade, so deleting the org row alone would fail.
 */
export async function deleteOrgData(tx: Queryable, orgId: string): Promise<void> {
  const tables = [
    ...otherOrgTables,
    ...[...demoTables].reverse().filter((table) => table !== 'org'),
  ];
  for (const table of tables) await tx.query(`DELETE FROM "${table}" WHERE org_id = $1`, [orgId]);
  await tx.query('DELETE FROM org WHERE id = $1', [orgId]);
}

/** Inserts every table in foreign-key order with multi-row INSERTs. */
export async function insertDemoRows(tx: Queryable, rows: DemoRows): Promise<void> {
  for (const table of demoTables) {
    const tableRows = rows[table];
    for (let start = 0; start < tableRows.length; start += CHUNK_ROWS) {
      await insertChunk(tx, table, tableRows.slice(start, start + CHUNK_ROWS));
    }
  }
}

/**
 * One JSON parameter per chunk, expanded by `json_populate_recordset` into rows of the
 * table's own type: PGlite binds thousands of separate parameters slowly, and the column
 * types come from the table instead of being guessed per parameter.
 */
async function insertChunk(tx: Queryable, table: string, chunk: readonly SqlRow[]): Promise<void> {
  const first = chunk[0];
  if (!first) return;
  const columnList = Object.keys(first)
    .map((column) => `"${column}"`)
    .join(', ');
  await tx.query(
    `INSERT INTO "${table}" (${columnList}) SELECT ${columnList} FROM json_populate_recordset(null::"${table}", $1::json)`,
    [JSON.stringify(chunk)],
  );
}
