import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { AppError } from '../shared/app-error.js';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';
import { beginDataVersion, commitDataVersion } from './data-version.js';
import type { Orm, Queryable, QueryOptions, Row } from './database.js';
import { migrationsFolder } from './migrations-folder.js';
import { copySql, type OpenDatabase, vacuumSql } from './open-database.js';
import * as schema from './schema/index.js';
import { rawParsers } from './value-parsers.js';

/** The embedded engine: PGlite in `dataDir` (or in memory), guarded by the folder lock. */
export async function openPglite(dataDir: string): Promise<OpenDatabase> {
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
  // PGlite's query parses and plans its text on every call and has no named statements in
  // its API; SQL's PREPARE/EXECUTE do the same on its one connection (which keeps them
  // across transactions and rollbacks). EXECUTE takes no bound parameters here, so the
  // values go in as literals — only when all of them can be written safely as one.
  const prepared = new Map<string, string>();
  const runner = (q: Pick<PGlite, 'query'>): Queryable => {
    const queryable: Queryable = {
      async query<T = Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions) {
        const name = options?.name;
        const literals = name === undefined ? null : executeArguments(params);
        if (name === undefined || literals === null) {
          return (await q.query<T>(text, [...params], { parsers: rawParsers })).rows;
        }
        const known = prepared.get(name);
        if (known === undefined) {
          await q.query(`prepare ${quoteIdentifier(name)} as ${text}`);
          prepared.set(name, text);
        } else if (known !== text) {
          throw new Error(`The statement ${name} was prepared with another text.`);
        }
        const args = literals.length === 0 ? '' : `(${literals.join(', ')})`;
        const result = await q.query<T>(`execute ${quoteIdentifier(name)}${args}`, [], {
          parsers: rawParsers,
        });
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
    transaction: (fn) =>
      client.transaction(async (tx) => {
        await tx.query(beginDataVersion);
        const result = await fn(runner(tx));
        await tx.query(commitDataVersion);
        return result;
      }),
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

/**
 * Parameters as SQL literals for EXECUTE, or null when one is not a plain value: strings
 * quoted (only the quote is doubled; a string with a backslash or NUL is not plain), finite numbers,
 * booleans and null. Each literal is cast by EXECUTE to its parameter's type.
 */
export function executeArguments(params: readonly unknown[]): string[] | null {
  const out: string[] = [];
  for (const value of params) {
    if (value === null || value === undefined) out.push('null');
    else if (typeof value === 'string') {
      // A backslash means one thing or another by standard_conforming_strings: such a value
      // goes as a bound parameter instead, so no setting can change what a literal says.
      if (value.includes('\0') || value.includes('\\')) return null;
      out.push(`'${value.replaceAll("'", "''")}'`);
    } else if (typeof value === 'number' && Number.isFinite(value)) out.push(String(value));
    else if (typeof value === 'boolean') out.push(String(value));
    else return null;
  }
  return out;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
