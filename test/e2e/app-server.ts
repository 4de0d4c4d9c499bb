import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.js';
import { createTestDb } from '../../src/db/test-db.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { createApp } from '../../src/server/create-app.js';
import { fixedClock } from '../../src/shared/clock.js';

/** Every e2e run sees the same demo: the seed and the server's clock share this instant. */
export const demoNow = new Date('2026-03-18T15:00:00Z');
export const demoPassword = 'rudder-demo';

export interface AppServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** The real server on an in-memory PGlite seeded with the demo, on a free port. */
export async function startAppServer(): Promise<AppServer> {
  const db = await createTestDb();
  await seedDemo({ db, now: demoNow });
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0' });
  const app = await createApp({ db, clock: fixedClock(demoNow), config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
