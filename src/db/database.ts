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
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

/** The database Rudder runs on; only `src/db/create-db.ts` knows which engine is behind it. */
export interface Database extends Queryable {
  readonly engine: Engine;
  readonly orm: Orm;
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** After bulk loads: fresh planner statistics and a visibility map for index-only scans. */
  vacuumAnalyze(tables?: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
