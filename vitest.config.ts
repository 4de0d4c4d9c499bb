import { defineConfig } from 'vitest/config';

// With TEST_DATABASE_URL the suite runs against a PostgreSQL server. The embedded-mode tests
// (data folder lock, kill -9) are about PGlite alone and run only without it; the tests of
// several server processes on one database (test/postgres) need a server and run only with it.
const onServer = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    // test/scale runs on its own (`npm run test:scale`, test/scale/vitest.config.ts).
    exclude: [
      '**/node_modules/**',
      'test/scale/**',
      onServer ? 'test/embedded/**' : 'test/postgres/**',
    ],
    // Builds the web app once (when dist/web is missing or stale) for the browser tests.
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // PGlite instances are memory-heavy and the machines have 2 cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
