import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.js';
import type { Database } from '../../src/db/database.js';
import { createTestDb } from '../../src/db/test-db.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { createApp } from '../../src/server/create-app.js';
import { type MutableClock, mutableClock } from '../api/world.js';

/**
 * Every e2e run sees the same demo: the seed and the server's clock start at this instant.
 * The clock stands still unless a test moves it (a 1:1 that takes minutes).
 */
export const demoNow = new Date('2026-03-18T15:00:00Z');
export const demoPassword = 'rudder-demo';

export interface AppServer {
  app: FastifyInstance;
  config: ReturnType<typeof loadConfig>;
  /** The server's database, for a test that needs more data than the demo has. */
  db: Database;
  url: string;
  clock: MutableClock;
  close(): Promise<void>;
}

/**
 * The real server on an in-memory PGlite seeded with the demo, on a free port; with
 * `empty: true`, on an empty database, as `rudder serve` on a fresh data folder (first run).
 */
export async function startAppServer(
  options: { empty?: boolean; env?: Record<string, string> } = {},
): Promise<AppServer> {
  const db = await createTestDb();
  if (!options.empty) await seedDemo({ db, now: demoNow });
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', ...options.env });
  const clock = mutableClock(demoNow);
  const app = await createApp({ db, clock, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    config,
    db,
    url: `http://127.0.0.1:${port}`,
    clock,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
