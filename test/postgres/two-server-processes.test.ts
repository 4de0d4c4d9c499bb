import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/create-db.js';
import type { Database } from '../../src/db/database.js';
import { adminQuery } from '../../src/db/test-db.js';
import { insertMeetingToRemind } from '../../src/jobs/test-job-setup.js';
import { startSmtpSink } from '../../src/mail/test-smtp-server.js';
import { type Spawned, spawnTs } from '../embedded/spawn-rudder.js';

// Runs only in the PostgreSQL suite (see vitest.config.ts), where TEST_DATABASE_URL is set.
const serverUrl = process.env.TEST_DATABASE_URL ?? '';

const admin = (text: string) => adminQuery(serverUrl, text);

/** Polls `done` every 100 ms for at most 20 s; the servers' output explains a timeout. */
async function until(done: () => Promise<boolean>, servers: Spawned[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await done())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out; server output:\n${servers.map((s) => s.output()).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM (the server checkpoints and exits), SIGKILL if it has not exited 10 s later. */
async function stop(server: Spawned): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await server.exited;
  clearTimeout(timer);
}

/**
 * The must-show of issue #6: two real `rudder serve` processes, each with its own job loop,
 * on one database with one due reminder. The server processes read the real clock, so the
 * 1:1 is placed one hour from now: inside the default 24-hour reminder lead time.
 */
describe('two rudder serve processes on one PostgreSQL database', () => {
  const name = `rudder_servers_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let db: Database;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const servers: Spawned[] = [];

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    db = await createDb({ databaseUrl: url.toString() });
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await Promise.all(servers.map(stop));
    await sink?.close();
    await db?.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('e-mails one due reminder exactly once', async () => {
    await insertMeetingToRemind(db, new Date(Date.now() + 3_600_000).toISOString());
    const env = {
      DATABASE_URL: url.toString(),
      SMTP_URL: sink.url,
      MAIL_FROM: 'Rudder <rudder@example.com>',
      PORT: '0',
      // The shortest poll: the processes race for the jobs many times in a few seconds.
      JOB_POLL_SECONDS: '1',
      LOG_LEVEL: 'warn',
    };
    servers.push(
      spawnTs('bin/rudder.js', ['serve'], env),
      spawnTs('bin/rudder.js', ['serve'], env),
    );
    const opened = await Promise.all(
      servers.map(
        async (s) => /Open http:\/\/localhost(:\d+)/.exec(await s.waitFor(/Open http:\S+/))?.[1],
      ),
    );
    // Two ports (PORT=0: each process takes a free one), both serving.
    expect(new Set(opened).size).toBe(2);
    for (const port of opened) {
      expect((await fetch(`http://127.0.0.1${port}/healthz`)).status).toBe(200);
    }

    // The first poll comes 3 s after the start: the reminder job queues the message, a later
    // poll queues and runs its delivery.
    await until(async () => {
      const [row] = await db.query<{ n: number }>(
        `select count(*) as n from job where kind = 'deliver-mail' and done_at is not null`,
      );
      return row?.n === 1;
    }, servers);
    // Both loops poll every second: a duplicate would be queued or sent in these 4 s.
    await new Promise((resolve) => setTimeout(resolve, 4_000));

    expect(servers.map((s) => s.child.exitCode)).toEqual([null, null]);
    expect(sink.received).toHaveLength(1);
    const [mail] = sink.received;
    expect(mail?.from).toBe('rudder@example.com');
    expect(mail?.to).toEqual(['morgan@example.com', 'riley@example.com']);
    expect(mail?.raw).toMatch(/^Subject: 1:1 Riley \/ Morgan: /m);
    expect(mail?.raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(mail?.raw).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(mail?.raw).toMatch(/^Content-Type: text\/html; charset=utf-8$/m);
    const jobs = await db.query<{ kind: string; attempts: number; done: boolean }>(
      `select kind, attempts, done_at is not null as done from job order by kind`,
    );
    // One reminder job and one delivery job, each claimed once and done; one message, sent.
    expect(jobs).toEqual([
      { kind: 'deliver-mail', attempts: 1, done: true },
      { kind: 'send-reminder', attempts: 1, done: true },
    ]);
    const outbox = await db.query<{ sent: boolean }>(
      'select sent_at is not null as sent from outbox_message',
    );
    expect(outbox).toEqual([{ sent: true }]);
  });
});
