import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Queryable } from './database.js';

interface Ambient {
  /** The open transaction; null once it has ended (a timer started inside must not use it). */
  tx: Queryable | null;
  savepoints: number;
}

const storage = new AsyncLocalStorage<Ambient>();

/**
 * A `Database` that joins the ambient transaction when there is one. `inTransaction(db, fn)`
 * runs `fn` in one transaction of the database behind; everything `fn` does through this
 * database, directly or deep inside a use case, then runs in that transaction: `query` on
 * it, `transaction(inner)` as a savepoint of it (an inner failure rolls back only the
 * inner part, as before), `copyIn` into it. Outside `inTransaction` it is the database
 * itself. This is how an `Idempotency-Key` is stored in the same transaction as the write
 * it answers (src/server/idempotent-writes.ts) without threading a transaction through
 * every route and use case.
 *
 * `orm` is the database's own (drizzle is not used on request paths).
 */
export function ambientDatabase(db: Database): Database {
  const current = () => storage.getStore()?.tx ?? null;
  const self: Database = {
    engine: db.engine,
    orm: db.orm,
    query: (text, params, options) => (current() ?? db).query(text, params, options),
    async transaction(fn) {
      const ambient = storage.getStore();
      const tx = ambient?.tx;
      if (!ambient || !tx) return db.transaction(fn);
      const name = `ambient_${++ambient.savepoints}`;
      await tx.query(`savepoint ${name}`);
      try {
        const result = await fn(tx);
        await tx.query(`release savepoint ${name}`);
        return result;
      } catch (error: unknown) {
        await tx.query(`rollback to savepoint ${name}`);
        throw error;
      }
    },
    copyIn: (into, options) => db.copyIn(into === self ? (current() ?? db) : into, options),
    vacuumAnalyze: (tables) => db.vacuumAnalyze(tables),
    close: () => db.close(),
  };
  return self;
}

/**
 * Runs `fn` in one transaction of `db` (the database behind an `ambientDatabase`), which
 * every use of that ambient database inside `fn` joins. Commits when `fn` resolves, rolls
 * back when it throws.
 */
export async function inTransaction<T>(
  db: Database,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  const ambient: Ambient = { tx: null, savepoints: 0 };
  try {
    return await db.transaction((tx) => {
      ambient.tx = tx;
      return storage.run(ambient, () => fn(tx));
    });
  } finally {
    ambient.tx = null;
  }
}
