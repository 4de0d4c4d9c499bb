import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb } from './create-db.js';
import type { Database } from './database.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the PostgreSQL server of `TEST_DATABASE_URL` (dropped again on close).
 * The same contract tests run on both engines this way.
 */
export async function createTestDb(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return createDb({ dataDir: 'memory://' });
  const name = `rudder_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await createDb({ databaseUrl: url.toString() });
  return {
    ...db,
    async close() {
      await db.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** The engine the suite runs on, for test names. */
export const testEngine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** One statement on the server's maintenance connection (CREATE/DROP DATABASE). */
export async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
