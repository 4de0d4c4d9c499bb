import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Orm = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';
export type Row = Record<string, unknown>;

/** What runs SQL: the database itself, or one transaction of it. */
export interface Queryable {
  /**
   * Raw SQL with `$1` parameters. Values come back the same on both engines: int8 and
   * numeric as numbers, `date` as `YYYY-MM-DD`, `timestamptz` as an ISO string in UTC.
   */
  query<T = Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
}

export interface QueryOptions {
  /**
   * Prepare the statement under this name the first time and reuse it after: for a long
   * statement sent on every request, whose parsing and planning would otherwise be paid on
   * every call (PostgreSQL: a named prepared statement per connection, planned generically
   * once its custom plans cost no less; PGlite: `PREPARE` once, then `EXECUTE`). A name
   * always stands for the same text. Wrappers may ignore it: the result is the same.
   */
  name?: string;
}

/** A bulk load: CSV text (`FORMAT csv`, no header) into some columns of a table. */
export interface CopyInOptions {
  table: string;
  columns: readonly string[];
  /** Chunks of whole CSV rows; each chunk is loaded before the next is pulled. */
  csv: AsyncIterable<string>;
}

/** The database Rudder runs on; only `src/db/create-db.ts` knows which engine is behind it. */
export interface Database extends Queryable {
  readonly engine: Engine;
  readonly orm: Orm;
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * `COPY … FROM` into `into` (the database or a transaction of it): the fast path for
   * bulk imports, 10–20× faster than multi-row inserts. `into` must be this database or
   * a transaction it handed out (on PGlite another handle would wait on the transaction's
   * lock forever). Resolves with the rows loaded.
   */
  copyIn(into: Queryable, options: CopyInOptions): Promise<number>;
  /** After bulk loads: fresh planner statistics and a visibility map for index-only scans. */
  vacuumAnalyze(tables?: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
