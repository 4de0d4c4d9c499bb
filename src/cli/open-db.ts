import type { Config } from '../config/config.js';
import { createDb } from '../db/create-db.js';
import type { Database } from '../db/database.js';

/** The database of the configuration: PostgreSQL when DATABASE_URL is set, else PGlite. */
export function openDb(config: Config, migrate = true): Promise<Database> {
  return createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.RUDDER_DATA_DIR, migrate });
}

/** Runs `fn` with an open database and always closes it (PGlite keeps Node alive otherwise). */
export async function withDb<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDb(config);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function describeDb(config: Config): string {
  if (!config.DATABASE_URL) return `embedded PostgreSQL (PGlite) in ${config.RUDDER_DATA_DIR}`;
  const url = new URL(config.DATABASE_URL);
  return `PostgreSQL at ${url.host}${url.pathname}`;
}
