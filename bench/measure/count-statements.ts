import type { Queryable, QueryOptions, Row } from '../../src/db/database.js';

/** A Queryable that counts the statements sent through it (each one is a round trip). */
export function countingQueryable(db: Queryable): { db: Queryable; statements: () => number } {
  let statements = 0;
  return {
    db: {
      query<T = Row>(text: string, params?: readonly unknown[], options?: QueryOptions) {
        statements += 1;
        return db.query<T>(text, params, options);
      },
    },
    statements: () => statements,
  };
}
