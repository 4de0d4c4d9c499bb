import type { Queryable } from '../db/database.js';

/** The temporary table every import copies its valid rows into before the merge. */
export const STAGING_TABLE = 'import_staging';

/** A column of the staging table: its name and SQL type. */
export interface StagingColumn {
  name: string;
  type: string;
}

/** A staged cell: null is SQL NULL, anything else is written as its text. */
export type StagingValue = string | number | boolean | null;

/**
 * Creates the staging table for one import. It lives in the import's transaction only
 * (`on commit drop`), so a crash or a rollback leaves nothing behind. `line` is always
 * the first column: every SQL check reports the file line of the row it rejects.
 * Columns only the merge fills (resolved ids) are added after the copied ones.
 */
export async function createStaging(
  tx: Queryable,
  copied: readonly StagingColumn[],
  derived: readonly StagingColumn[] = [],
): Promise<void> {
  const columns = [{ name: 'line', type: 'int4 not null' }, ...copied, ...derived];
  await tx.query(
    `create temp table ${STAGING_TABLE} (${columns.map((c) => `${c.name} ${c.type}`).join(', ')}) on commit drop`,
  );
}

/**
 * One row in COPY's CSV format. Strings are always quoted so that an empty string stays
 * an empty string; an unquoted empty field is NULL.
 */
export function encodeCsvRow(values: readonly StagingValue[]): string {
  let out = '';
  for (let index = 0; index < values.length; index += 1) {
    if (index > 0) out += ',';
    const value = values[index];
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') out += `"${value.replaceAll('"', '""')}"`;
    else out += String(value);
  }
  return `${out}\n`;
}

export interface BatchOptions {
  /** Rows per COPY chunk (default 50,000). */
  maxRows?: number;
  /** Characters per chunk (default 16 MiB): a few very wide rows must not grow a chunk unbounded. */
  maxChars?: number;
}

/** Groups encoded rows into chunks for `Database.copyIn`, so memory holds one chunk at most. */
export async function* batchRows(
  rows: AsyncIterable<string>,
  options: BatchOptions = {},
): AsyncGenerator<string> {
  const maxRows = options.maxRows ?? 50_000;
  const maxChars = options.maxChars ?? 16 * 1024 * 1024;
  let parts: string[] = [];
  let chars = 0;
  for await (const row of rows) {
    parts.push(row);
    chars += row.length;
    if (parts.length >= maxRows || chars >= maxChars) {
      yield parts.join('');
      parts = [];
      chars = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}
