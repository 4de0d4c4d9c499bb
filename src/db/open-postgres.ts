import { once } from 'node:events';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AppError } from '../shared/app-error.js';
import { beginDataVersion, commitDataVersion } from './data-version.js';
import type { CopyInOptions, Orm, Queryable, QueryOptions, Row } from './database.js';
import { migrationsFolder } from './migrations-folder.js';
import { copySql, type OpenDatabase, vacuumSql } from './open-database.js';
import * as schema from './schema/index.js';
import { rawParsers } from './value-parsers.js';

/** A PostgreSQL server through a pool of connections. */
export async function openPostgres(databaseUrl: string): Promise<OpenDatabase> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle connection the server ends (a restart, an administrator, a dropped database) is
  // reported here; without a listener Node treats it as an uncaught error and stops the
  // process. The pool replaces the connection, and a query that needed it fails on its own.
  pool.on('error', () => undefined);
  // Fail fast with a clear message instead of on the first request.
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error: unknown) {
    await pool.end();
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('DATABASE_UNAVAILABLE', `Cannot connect to DATABASE_URL: ${reason}`, {
      cause: error,
    });
  }
  const types = { getTypeParser: pgTypeParser };
  // copyIn needs the connection behind a transaction's Queryable.
  const clients = new WeakMap<Queryable, pg.PoolClient>();
  const runner = (q: pg.Pool | pg.PoolClient): Queryable => {
    // A name makes node-postgres prepare the statement once per connection and reuse it.
    const send = async <T>(text: string, params: readonly unknown[], options?: QueryOptions) =>
      (await q.query({ text, values: [...params], types, name: options?.name })).rows as T[];
    if (!(q instanceof pg.Client)) {
      return {
        query: <T = Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions) =>
          send<T>(text, params, options),
      };
    }
    // One connection runs one statement at a time: a transaction's concurrent queries (an
    // agenda frozen inside one) wait their turn here rather than inside pg, which deprecates
    // queueing them. The pool spreads concurrent queries over connections itself.
    let turn: Promise<unknown> = Promise.resolve();
    const queryable: Queryable = {
      query<T = Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions) {
        const result = turn.then(() => send<T>(text, params, options));
        turn = result.catch(() => undefined);
        return result;
      },
    };
    clients.set(queryable, q as pg.PoolClient);
    return queryable;
  };
  const orm = drizzlePg(pool, { schema }) as unknown as Orm;
  return {
    engine: 'postgres',
    orm,
    ...runner(pool),
    async copyIn(into, options) {
      const own = clients.get(into);
      const client = own ?? (await pool.connect());
      try {
        return await copyToServer(client, options);
      } finally {
        if (own === undefined) client.release();
      }
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        // One round trip each: the data version's bookkeeping rides with BEGIN and COMMIT.
        await client.query(`BEGIN; ${beginDataVersion}`);
        const result = await fn(runner(client));
        await client.query(`${commitDataVersion}; COMMIT`);
        return result;
      } catch (error: unknown) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async migrate() {
      // Several server processes may start at once: one migrates, the others wait.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(7210001)');
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock(7210001)').catch(() => undefined);
        client.release();
      }
    },
    async vacuumAnalyze(tables) {
      await pool.query(vacuumSql(tables));
    },
    close: () => pool.end(),
  };
}

/** One COPY … FROM STDIN for all chunks, written with backpressure. */
async function copyToServer(client: pg.PoolClient, options: CopyInOptions): Promise<number> {
  const stream = client.query(copyFrom(`${copySql(options)} FROM STDIN WITH (FORMAT csv)`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  // Observed here already; awaited below (an early failure must not be unhandled).
  done.catch(() => undefined);
  // Without this, an error thrown by the chunk source leaves the COPY (and the
  // connection) waiting forever; a destroyed stream aborts it with CopyFail.
  try {
    for await (const chunk of options.csv) {
      if (chunk !== '' && !stream.write(chunk)) await once(stream, 'drain');
    }
  } catch (error: unknown) {
    stream.destroy(error instanceof Error ? error : new Error(String(error)));
    await done.catch(() => undefined);
    throw error;
  }
  stream.end();
  await done;
  return stream.rowCount;
}

export function pgTypeParser(oid: number, format?: string): (value: string) => unknown {
  const own = rawParsers[oid];
  if (own) return own;
  return format === 'binary'
    ? pg.types.getTypeParser(oid, 'binary')
    : pg.types.getTypeParser(oid, 'text');
}
