import type { Config } from '../config/config.js';
import { createDb } from '../db/create-db.js';
import type { Database } from '../db/database.js';
import { failDeadImportRuns } from '../imports/fail-dead-import-runs.js';
import { systemClock } from '../shared/clock.js';

/**
 * The database of the configuration: PostgreSQL when DATABASE_URL is set, else PGlite.
 * Every start of the server or of a command opens it here, before any import of its own
 * runs: the moment to mark failed the imports whose process died (on PGlite, every run
 * still `running`; on PostgreSQL, those whose lease is over).
 */
export async function openDb(config: Config, migrate = true): Promise<Database> {
  const db = await createDb({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.RUDDER_DATA_DIR,
    migrate,
  });
  if (!migrate) return db;
  try {
    await failDeadImportRuns(db, { at: 'start', now: systemClock.now() });
  } catch (error: unknown) {
    await db.close();
    throw error;
  }
  return db;
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
