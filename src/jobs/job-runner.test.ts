import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDb, testEngine } from '../db/test-db.js';
import { insertOrg } from '../db/test-fixtures.js';
import { queueMail } from '../mail/queue-mail.js';
import { startSmtpSink } from '../mail/test-smtp-server.js';
import { fixedClock } from '../shared/clock.js';
import { claimJob, holdsJob } from './claim-job.js';
import { createJobHandlers } from './create-job-handlers.js';
import { enqueueJob } from './enqueue-job.js';
import { enqueuePeriodicJobs } from './enqueue-periodic-jobs.js';
import { type JobContext, JobLostError } from './job-types.js';
import { runDueJobs } from './run-due-jobs.js';
import { startJobRunner } from './start-job-runner.js';
import { insertMeetingToRemind, jobTestConfig, waitFor } from './test-job-setup.js';

const T0 = '2026-11-02T09:00:00.000Z';
const plus = (ms: number) => new Date(Date.parse(T0) + ms);

describe(`the job queue (${testEngine})`, () => {
  let db: Database;
  let orgId: string;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    db = await createTestDb();
    orgId = await insertOrg(db);
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
    await db.close();
  });

  it('enqueues idempotently by dedupe key', async () => {
    const first = await enqueueJob(db, {
      orgId,
      kind: 'test-once',
      dedupeKey: 'k',
      runAt: new Date(T0),
    });
    const again = await enqueueJob(db, {
      orgId,
      kind: 'test-once',
      dedupeKey: 'k',
      runAt: new Date(T0),
    });
    expect(first).not.toBeNull();
    expect(again).toBeNull();
  });

  it('retries a failing job with exponential backoff, then leaves it dead', async () => {
    await enqueueJob(db, { orgId, kind: 'test-fail', dedupeKey: 'f', runAt: new Date(T0) });
    let calls = 0;
    const handlers = {
      'test-fail': async () => {
        calls += 1;
        throw new Error(`boom ${calls}`);
      },
    };
    const config = jobTestConfig(sink.url);
    const run = (at: Date) =>
      runDueJobs({ db, clock: fixedClock(at), config, handlers, maxAttempts: 3 });
    expect(await run(plus(0))).toEqual({ done: 0, failed: 1 });
    const [job] = await db.query<{
      attempts: number;
      run_at: string;
      last_error: string;
      locked_until: string | null;
    }>("select attempts, run_at, last_error, locked_until from job where kind = 'test-fail'");
    // 1st failure: back off 30 s.
    expect(job).toEqual({
      attempts: 1,
      run_at: plus(30_000).toISOString(),
      last_error: 'boom 1',
      locked_until: null,
    });
    expect(await run(plus(29_000))).toEqual({ done: 0, failed: 0 });
    expect(await run(plus(30_000))).toEqual({ done: 0, failed: 1 });
    // 2nd failure at +30 s: back off 60 s → +90 s. 3rd failure: attempts = max → dead.
    expect(await run(plus(90_000))).toEqual({ done: 0, failed: 1 });
    expect(await run(plus(10 * 3_600_000))).toEqual({ done: 0, failed: 0 });
    expect(calls).toBe(3);
  });

  it('recovers a job whose runner died once its lease expires, and fences the late runner out', async () => {
    await enqueueJob(db, { orgId, kind: 'test-lease', dedupeKey: 'l', runAt: new Date(T0) });
    const options = { kinds: ['test-lease'], leaseMs: 60_000, maxAttempts: 5 };
    const crashed = await claimJob(db, { ...options, now: plus(0) });
    expect(crashed?.attempts).toBe(1);
    expect(await claimJob(db, { ...options, now: plus(59_000) })).toBeNull();
    const recovered = await claimJob(db, { ...options, now: plus(60_000) });
    expect(recovered?.attempts).toBe(2);
    if (!crashed || !recovered) throw new Error('claims expected');
    expect(await db.transaction((tx) => holdsJob(tx, crashed))).toBe(false);
    expect(await db.transaction((tx) => holdsJob(tx, recovered))).toBe(true);
    expect(new JobLostError(crashed).message).toContain('attempt 1');
  });

  it('renews a running job lease so no runner takes it over, and fences out a runner that lost it', async () => {
    await enqueueJob(db, { orgId, kind: 'test-slow', dedupeKey: 's', runAt: new Date(T0) });
    const config = jobTestConfig(sink.url);
    // Each runner has its own clock, as two servers would.
    let aNow = Date.parse(T0) + 1_000;
    let bNow = aNow;
    const clockA = { now: () => new Date(aNow) };
    const clockB = { now: () => new Date(bNow) };
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const signals: AbortSignal[] = [];
    const slow = {
      'test-slow': async ({ job, complete, signal }: JobContext) => {
        signals.push(signal);
        if (job.attempts === 1) await gate;
        await complete((tx) =>
          enqueueJob(tx, {
            orgId,
            kind: 'test-effect',
            dedupeKey: `attempt ${job.attempts}`,
            runAt: new Date(T0),
          }),
        );
      },
    };
    const lockedUntil = async () => {
      const [row] = await db.query<{ locked_until: string; attempts: number }>(
        "select locked_until, attempts from job where kind = 'test-slow'",
      );
      return row;
    };
    // 300 ms leases, renewed every 100 ms while the handler waits at the gate.
    const runA = runDueJobs({ db, clock: clockA, config, handlers: slow, leaseMs: 300 });
    await waitFor(async () => (await lockedUntil())?.attempts === 1);
    // A second passes on both clocks: A's renewals carry its lease to +2.3 s.
    aNow += 1_000;
    bNow += 1_000;
    await waitFor(async () => (await lockedUntil())?.locked_until === plus(2_300).toISOString());
    const options = { kinds: ['test-slow'], leaseMs: 300, maxAttempts: 5 };
    expect(await claimJob(db, { ...options, now: clockB.now() })).toBeNull();
    // Runner A's clock stops (its renewals stay at +2.3 s, as a dead server's lease would):
    // B, at +2.3 s, takes the job over and runs it to the end.
    bNow = Date.parse(T0) + 2_300;
    expect(await runDueJobs({ db, clock: clockB, config, handlers: slow, leaseMs: 300 })).toEqual({
      done: 1,
      failed: 0,
    });
    // A's next renewal finds the job taken: its signal is aborted, and its commit refused.
    await waitFor(() => signals[0]?.aborted === true);
    release();
    expect(await runA).toEqual({ done: 0, failed: 1 });
    const effects = await db.query<{ dedupe_key: string }>(
      "select dedupe_key from job where kind = 'test-effect' order by dedupe_key",
    );
    expect(effects).toEqual([{ dedupe_key: 'attempt 2' }]);
    const [job] = await db.query<{ attempts: number; done: boolean }>(
      "select attempts, done_at is not null as done from job where kind = 'test-slow'",
    );
    expect(job).toEqual({ attempts: 2, done: true });
  });

  it('retries a delivery whose message another sender holds, and sends it once that lease is over', async () => {
    const messageId = await queueMail(db, {
      orgId,
      to: ['casey@example.com'],
      subject: 'Held elsewhere',
      text: 't',
      html: '<p>t</p>',
    });
    // Another sender (a server that died mid-send) holds the message until +10 s.
    await db.query(
      `update outbox_message set sending_until = $2, sending_by = gen_random_uuid() where id = $1`,
      [messageId, plus(10_000).toISOString()],
    );
    await enqueueJob(db, {
      orgId,
      kind: 'deliver-mail',
      dedupeKey: messageId,
      payload: { messageId },
      runAt: new Date(T0),
    });
    const config = jobTestConfig(sink.url);
    const handlers = {
      'deliver-mail': createJobHandlers(config)['deliver-mail'] ?? (async () => {}),
    };
    const run = (at: Date) => runDueJobs({ db, clock: fixedClock(at), config, handlers });
    expect(await run(plus(0))).toEqual({ done: 0, failed: 1 });
    const [job] = await db.query<{ run_at: string; last_error: string }>(
      "select run_at, last_error from job where kind = 'deliver-mail' and dedupe_key = $1",
      [messageId],
    );
    expect(job).toEqual({
      run_at: plus(30_000).toISOString(),
      last_error: 'the message is being sent by another sender',
    });
    const before = sink.received.length;
    expect(await run(plus(30_000))).toEqual({ done: 1, failed: 0 });
    const mails = sink.received.slice(before);
    expect(mails.map((m) => m.raw.includes(`Message-ID: <${messageId}@rudder>`))).toEqual([true]);
  });

  it('reminds manager and rep once, through the outbox, over SMTP', async () => {
    const meeting = await insertMeetingToRemind(db, '2026-11-03T09:00:00.000Z');
    const config = jobTestConfig(sink.url);
    const before = sink.received.length;
    // 25 h ahead: outside the default 24 h lead time, nothing is due.
    expect(
      (await enqueuePeriodicJobs(db, { now: new Date('2026-11-02T08:00:00Z'), deliverMail: true }))
        .reminders,
    ).toBe(0);
    const clock = fixedClock('2026-11-02T10:00:00Z');
    const runner = startJobRunner({
      db,
      clock,
      config,
      handlers: createJobHandlers(config),
      pollMs: 25,
    });
    await waitFor(() => sink.received.length > before);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await runner.stop();
    const mails = sink.received.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual(['morgan@example.com', 'riley@example.com']);
    expect(mails[0]?.raw).toContain('Key numbers');
    const jobs = await db.query<{ kind: string; done: boolean }>(
      `select kind, done_at is not null as done from job where org_id = $1 order by kind`,
      [meeting.orgId],
    );
    expect(jobs).toEqual([
      { kind: 'deliver-mail', done: true },
      { kind: 'send-reminder', done: true },
    ]);
  });
});
