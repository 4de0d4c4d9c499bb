import type { Queryable, QueryOptions, Row } from '../../src/db/database.js';

/** One statement as a profile saw it. */
export interface TimedStatement {
  text: string;
  params: readonly unknown[];
  ms: number;
  rows: number;
}

/**
 * `db`, one statement at a time (prepareAgenda sends some at once; serialised, each time is
 * its own), each timed and handed to `seen`. The prepared name passes through, so a profile
 * runs the statements as the product does.
 */
export function serialTiming(db: Queryable, seen: (statement: TimedStatement) => void): Queryable {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    query<T = Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions) {
      const run = queue.then(async () => {
        const start = performance.now();
        const rows = await db.query<T>(text, params, options);
        seen({ text, params, ms: performance.now() - start, rows: rows.length });
        return rows;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
