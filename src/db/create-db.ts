import { once } from 'node:events';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AppError } from '../shared/app-error.js';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';
import type { CopyInOptions, Database, Orm, Queryable, Row } from './database.js';
import { migrationsFolder } from './migrations-folder.js';
import * as schema from './schema/index.js';
import { rawParsers } from './value-parsers.js';

export interface CreateDbOptions {
  /** A PostgreSQL server; when absent, the embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` keeps everything in memory (tests). */
  dataDir?: string;
  /** Apply pending migrations (the process that owns the database does this at start). */
  migrate?: boolean;
}

/** The one place that chooses the engine. Everything else sees a `Database`. */
export async function createDb(options: CreateDbOptions): Promise<Database> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir ?? './rudder-data');
  if (options.migrate ?? true) {
    try {
      await db.migrate();
    } catch (error: unknown) {
      await db.close();
      throw error;
    }
  }
  return db;
}

type OpenDatabase = Database & { migrate(): Promise<void> };

function vacuumSql(tables: readonly string[] | undefined): string {
  return tables && tables.length > 0
    ? `VACUUM (ANALYZE) ${tables.map((t) => `"${t.replaceAll('"', '')}"`).join(', ')}`
    : 'VACUUM (ANALYZE)';
}

async function openPglite(dataDir: string): Promise<OpenDatabase> {
  const inMemory = dataDir.startsWith('memory://');
  const lock: DataDirLock | null = inMemory ? null : lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(inMemory ? dataDir : join(dataDir, 'pg'));
  } catch (error: unknown) {
    lock?.release();
    throw new AppError('DATABASE_UNAVAILABLE', `Cannot open the embedded database in ${dataDir}`, {
      cause: error,
    });
  }
  const orm = drizzlePglite(client, { schema }) as unknown as Orm;
  // copyIn needs the connection behind a Queryable; the Queryable itself stays minimal.
  const connections = new WeakMap<Queryable, Pick<PGlite, 'query'>>();
  const runner = (q: Pick<PGlite, 'query'>): Queryable => {
    const queryable: Queryable = {
      async query<T = Row>(text: string, params: readonly unknown[] = []) {
        const result = await q.query<T>(text, [...params], { parsers: rawParsers });
        return result.rows;
      },
    };
    connections.set(queryable, q);
    return queryable;
  };
  const self = runner(client);
  let closed = false;
  return {
    engine: 'pglite',
    orm,
    query: self.query,
    transaction: (fn) => client.transaction((tx) => fn(runner(tx))),
    async copyIn(into, options) {
      const q = connections.get(into) ?? client;
      let rows = 0;
      // PGlite reads COPY input from a virtual file: one Blob per chunk bounds the memory.
      for await (const chunk of options.csv) {
        if (chunk === '') continue;
        const result = await q.query(`${copySql(options)} FROM '/dev/blob' WITH (FORMAT csv)`, [], {
          blob: new Blob([chunk]),
        });
        rows += result.affectedRows ?? 0;
      }
      return rows;
    },
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    async vacuumAnalyze(tables) {
      await client.exec(vacuumSql(tables));
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        // fsync is off in PGlite: a checkpoint puts everything in the data files first.
        if (!inMemory) await client.exec('CHECKPOINT');
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(databaseUrl: string): Promise<OpenDatabase> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
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
    const queryable: Queryable = {
      async query<T = Row>(text: string, params: readonly unknown[] = []) {
        const result = await q.query({ text, values: [...params], types });
        return result.rows as T[];
      },
    };
    if (q instanceof pg.Client) clients.set(queryable, q as pg.PoolClient);
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
        await client.query('BEGIN');
        const result = await fn(runner(client));
        await client.query('COMMIT');
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

function copySql({ table, columns }: Pick<CopyInOptions, 'table' | 'columns'>): string {
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return `COPY ${quote(table)} (${columns.map(quote).join(', ')})`;
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

function pgTypeParser(oid: number, format?: string): (value: string) => unknown {
  const own = rawParsers[oid];
  if (own) return own;
  return format === 'binary'
    ? pg.types.getTypeParser(oid, 'binary')
    : pg.types.getTypeParser(oid, 'text');
}
