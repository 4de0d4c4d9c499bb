import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createDb } from '../../src/db/create-db.js';
import type { Database } from '../../src/db/database.js';
import { adminQuery } from '../../src/db/test-db.js';
import { insertOrg } from '../../src/db/test-fixtures.js';
import { createJobHandlers } from '../../src/jobs/create-job-handlers.js';
import { startJobRunner } from '../../src/jobs/start-job-runner.js';
import { waitFor } from '../../src/jobs/test-job-setup.js';
import { queueMail } from '../../src/mail/queue-mail.js';
import { startSmtpSink } from '../../src/mail/test-smtp-server.js';
import { systemClock } from '../../src/shared/clock.js';
import { type Spawned, spawnTs } from '../embedded/spawn-rudder.js';

// Runs only in the PostgreSQL suite (see vitest.config.ts), where TEST_DATABASE_URL is set.
const serverUrl = process.env.TEST_DATABASE_URL ?? '';
const admin = (text: string) => adminQuery(serverUrl, text);

/**
 * Issue #26: a server killed -9 while it delivers an e-mail, at both windows. Before the
 * receiver's acknowledgement the message must arrive once, from another runner, once the
 * killed one's lease ran out; after it (before the commit) it arrives twice with one
 * Message-ID: the one duplicate docs/operations.md admits.
 */
describe('a server killed while it delivers an e-mail', () => {
  const name = `rudder_mailkill_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const leaseSeconds = 3;
  let db: Database;
  let orgId: string;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const children: Spawned[] = [];

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    db = await createDb({ databaseUrl: url.toString() });
    orgId = await insertOrg(db);
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    for (const child of children) child.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await sink?.close();
    await db?.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  const env = () => ({
    DATABASE_URL: url.toString(),
    SMTP_URL: sink.url,
    MAIL_FROM: 'Rudder <rudder@example.com>',
    JOB_LEASE_SECONDS: String(leaseSeconds),
  });
  const config = () => loadConfig(env());
  const withId = (id: string) =>
    sink.received.filter((m) => m.raw.includes(`Message-ID: <${id}@rudder>`));
  const queue = (subject: string) =>
    queueMail(db, { orgId, to: ['riley@example.com'], subject, text: 't', html: '<p>t</p>' });
  const deliveryJob = async (id: string) => {
    const [row] = await db.query<{ attempts: number; done: boolean }>(
      `select attempts, done_at is not null as done from job
        where kind = 'deliver-mail' and payload->>'messageId' = $1`,
      [id],
    );
    return row;
  };
  const sentAt = async (id: string) => {
    const [row] = await db.query<{ sent_at: string | null }>(
      'select sent_at from outbox_message where id = $1',
      [id],
    );
    return row?.sent_at;
  };
  /** The surviving server: an in-process job loop polling every 100 ms. */
  const survivor = () =>
    startJobRunner({
      db,
      clock: systemClock,
      config: config(),
      handlers: createJobHandlers(config()),
      pollMs: 100,
    });
  const kill = async (child: Spawned) => {
    child.child.kill('SIGKILL');
    expect(await child.exited).toBe('SIGKILL');
  };

  it('killed before the acknowledgement: another server sends it once, within the lease', async () => {
    const id = await queue('Before the 250');
    const held = sink.holdNext();
    const first = spawnTs('test/postgres/deliver-mail-runner.ts', ['plain'], env());
    children.push(first);
    // The whole message reached the receiver, which withholds its 250: kill the sender now.
    const heldMail = await held;
    expect(heldMail.raw).toContain(`Message-ID: <${id}@rudder>`);
    expect(await sentAt(id)).toBeNull();
    await kill(first);
    const killedAt = Date.now();
    const runner = survivor();
    try {
      await waitFor(() => withId(id).length > 0, 20_000);
      const tookMs = Date.now() - killedAt;
      // The killed server renewed its lease at most a third of a lease before it died: the
      // job is free within the lease; the rest is a poll, a claim and an SMTP round trip
      // (with room for a loaded CI machine).
      expect(tookMs).toBeLessThan(leaseSeconds * 1_000 + 3_000);
      // Any duplicate would come in these 1.5 s of polls.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      await runner.stop();
    }
    expect(withId(id)).toHaveLength(1);
    expect(await sentAt(id)).not.toBeNull();
    // Claimed by the killed server, then taken over once.
    expect(await deliveryJob(id)).toEqual({ attempts: 2, done: true });
  });

  it('killed after the acknowledgement, before the commit: sent again with the same Message-ID', async () => {
    const id = await queue('After the 250');
    const first = spawnTs('test/postgres/deliver-mail-runner.ts', ['stop-after-ack'], env());
    children.push(first);
    await first.waitFor('ACKNOWLEDGED');
    expect(withId(id)).toHaveLength(1);
    expect(await sentAt(id)).toBeNull();
    await kill(first);
    const runner = survivor();
    try {
      await waitFor(() => withId(id).length > 1, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      await runner.stop();
    }
    // The documented duplicate: two copies, one Message-ID, for a receiver to fold into one.
    expect(withId(id)).toHaveLength(2);
    expect(await sentAt(id)).not.toBeNull();
    expect(await deliveryJob(id)).toEqual({ attempts: 2, done: true });
  });
});
