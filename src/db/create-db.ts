import type { Database } from './database.js';

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
  // Each engine's driver is loaded only when chosen: a start on PGlite never loads `pg`.
  const db = options.databaseUrl
    ? await (await import('./open-postgres.js')).openPostgres(options.databaseUrl)
    : await (await import('./open-pglite.js')).openPglite(options.dataDir ?? './rudder-data');
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
