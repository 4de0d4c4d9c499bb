import type { Queryable } from '../db/database.js';
import type { FieldIssue } from '../shared/app-error.js';
import { MAX_KEPT_ERRORS } from './row-errors.js';
import { STAGING_TABLE } from './staging.js';

export interface DuplicateKeyOptions {
  /** SQL expression over the staging row `s` that must be unique in the file (null: no key). */
  key: string;
  /** The field reported, e.g. `external_id`. */
  field: string;
  /** How the key is described in the reason, e.g. `external id`. */
  label: string;
  params?: readonly unknown[];
}

/**
 * Keys that occur on more than one line of the file. Each repetition is an error at
 * its own line naming the first line, so both rows are easy to find.
 */
export async function findDuplicateKeys(
  tx: Queryable,
  options: DuplicateKeyOptions,
): Promise<FieldIssue[]> {
  const rows = await tx.query<{ key: string; lines: number[] }>(
    `select k.key, k.lines from (
       select (${options.key})::text as key, array_agg(s.line order by s.line) as lines
       from ${STAGING_TABLE} s where (${options.key}) is not null
       group by 1 having count(*) > 1
     ) k order by k.lines[1] limit ${MAX_KEPT_ERRORS}`,
    options.params ?? [],
  );
  return rows.flatMap(({ key, lines }) => {
    const [first, ...others] = lines;
    return others.map((line) => ({
      line,
      field: options.field,
      value: key,
      reason: `the ${options.label} "${key}" is also on line ${first}; each may appear once per file`,
    }));
  });
}

export interface UnknownReferenceOptions {
  /** SQL condition over staging row `s` that is true for a row naming an unknown thing. */
  where: string;
  /** SQL expression of the value reported. */
  value: string;
  field: string;
  reason: string;
  params?: readonly unknown[];
}

/** Rows whose reference (an opportunity, a manager) matches nothing: errors at their lines. */
export async function findUnknownReferences(
  tx: Queryable,
  options: UnknownReferenceOptions,
): Promise<FieldIssue[]> {
  const rows = await tx.query<{ line: number; value: string | null }>(
    `select s.line, (${options.value})::text as value from ${STAGING_TABLE} s
     where ${options.where} order by s.line limit ${MAX_KEPT_ERRORS}`,
    options.params ?? [],
  );
  return rows.map(({ line, value }) => ({
    line,
    field: options.field,
    value: value ?? '',
    reason: options.reason,
  }));
}

/** Runs a count query that returns `new`, `changed` and `unchanged` columns. */
export async function queryCounts(
  tx: Queryable,
  text: string,
  params: readonly unknown[],
): Promise<{ new: number; changed: number; unchanged: number }> {
  const [row] = await tx.query<{
    new: number | null;
    changed: number | null;
    unchanged: number | null;
  }>(text, params);
  return { new: row?.new ?? 0, changed: row?.changed ?? 0, unchanged: row?.unchanged ?? 0 };
}

/** Runs a statement ending in `select count(*) as n …`: the number of rows it wrote. */
export async function queryWritten(
  tx: Queryable,
  text: string,
  params: readonly unknown[],
): Promise<number> {
  const [row] = await tx.query<{ n: number }>(text, params);
  return row?.n ?? 0;
}

/**
 * Runs statements that use some of the parameters `$1…$n`: each gets exactly the ones it
 * references, since PostgreSQL rejects a parameter it cannot type.
 */
export async function runStatements(
  tx: Queryable,
  statements: readonly string[],
  params: readonly unknown[],
): Promise<void> {
  for (const statement of statements) {
    const used = params.filter((_, index) => statement.includes(`$${index + 1}`)).length;
    await tx.query(statement, params.slice(0, used));
  }
}
