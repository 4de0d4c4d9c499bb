import { defineConfig } from 'vitest/config';

// `npm run test:scale` (issue #26): the tests on real parts — a PostgreSQL 15 primary and
// streaming standby, three `rudder serve` behind HAProxy, an SMTP receiver. Each file starts
// its own set (test/scale/cluster.ts); one file at a time: three servers and two PostgreSQL
// servers already fill a 2-core machine. Not part of `npm test`: it needs Debian's
// postgresql-15 and haproxy packages (.ci/run installs haproxy and runs it after the
// PostgreSQL suite).
export default defineConfig({
  test: {
    include: ['test/scale/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
