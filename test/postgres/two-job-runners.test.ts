import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/create-db.js';
import type { Database } from '../../src/db/database.js';
import { adminQuery } from '../../src/db/test-db.js';
import { createJobHandlers } from '../../src/jobs/create-job-handlers.js';
import { type JobRunner, startJobRunner } from '../../src/jobs/start-job-runner.js';
import { insertMeetingToRemind, jobTestConfig, waitFor } from '../../src/jobs/test-job-setup.js';
import { startSmtpSink } from '../../src/mail/test-smtp-server.js';
import { fixedClock } from '../../src/shared/clock.js';

// Exactly-once across processes is a PostgreSQL property (PGlite has one connection). This
// in-process variant races four loops polling every 5 ms under a fixed clock; the real thing,
// two `rudder serve` processes, is two-server-processes.test.ts.
// Runs only in the PostgreSQL suite (see vitest.config.ts), where TEST_DATABASE_URL is set.
const serverUrl = process.env.TEST_DATABASE_URL ?? '';

const admin = (text: string) => adminQuery(serverUrl, text);

describe('two job runners on one PostgreSQL database', () => {
  const name = `rudder_runners_${process.pid}_${randomBytes(4).toString('hex')}`;
  let first: Database;
  let second: Database;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    // Two pools, as two server processes would have; only the first migrates.
    first = await createDb({ databaseUrl: url.toString() });
    second = await createDb({ databaseUrl: url.toString(), migrate: false });
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
    await first.close();
    await second.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('sends exactly one e-mail for one due reminder', async () => {
    await insertMeetingToRemind(first, '2026-11-03T09:00:00.000Z');
    const config = jobTestConfig(sink.url);
    const clock = fixedClock('2026-11-02T10:00:00Z');
    const runners: JobRunner[] = [first, second, first, second].map((db) =>
      startJobRunner({ db, clock, config, handlers: createJobHandlers(config), pollMs: 5 }),
    );
    await waitFor(() => sink.received.length > 0);
    // Let every runner poll many more times: a duplicate would arrive now.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await Promise.all(runners.map((r) => r.stop()));
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]?.to).toEqual(['morgan@example.com', 'riley@example.com']);
    const [counts] = await first.query<{ outbox: number; jobs: number; done: number }>(
      `select (select count(*) from outbox_message) as outbox, (select count(*) from job) as jobs,
              (select count(*) from job where done_at is not null and attempts = 1) as done`,
    );
    // One reminder job, one delivery job, each run once; one message in the outbox.
    expect(counts).toEqual({ outbox: 1, jobs: 2, done: 2 });
  });
});
