import type { Config } from '../config/config.js';
import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { startHeartbeat } from '../shared/heartbeat.js';
import { claimJob, holdsJob, renewJobLease, retryDelayMs } from './claim-job.js';
import { type ClaimedJob, type JobContext, type JobHandler, JobLostError } from './job-types.js';

export interface RunDueJobsOptions {
  db: Database;
  clock: Clock;
  config: Config;
  handlers: Readonly<Record<string, JobHandler>>;
  /** Default the configuration's `JOB_LEASE_SECONDS`; renewed every third while a job runs. */
  leaseMs?: number;
  maxAttempts?: number;
  /** Stop after this many jobs (the loop comes back on its next poll). */
  limit?: number;
  /** Asked between jobs: true ends the run early (the runner is stopping). */
  stopping?: () => boolean;
  onError?: (error: unknown, job: ClaimedJob) => void;
}

export interface RunDueJobsResult {
  done: number;
  failed: number;
}

/**
 * Claims and runs due jobs one at a time until none is due. A job that throws is released
 * with `last_error` and retried after an exponential backoff; after `maxAttempts` it is
 * dead (attempts = max, done_at null). While a handler runs, its lease is renewed (a
 * heartbeat), so a short lease holds for a long job and a dead runner's job is taken over
 * one lease after its last renewal. Completion is fenced by the claim's `attempts`: whatever
 * happens to leases, one claim's effects commit per job.
 */
export async function runDueJobs(options: RunDueJobsOptions): Promise<RunDueJobsResult> {
  const leaseMs = options.leaseMs ?? options.config.JOB_LEASE_SECONDS * 1_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const kinds = Object.keys(options.handlers);
  const result: RunDueJobsResult = { done: 0, failed: 0 };
  for (let n = 0; n < (options.limit ?? 100); n += 1) {
    if (options.stopping?.()) break;
    const job = await claimJob(options.db, {
      kinds,
      now: options.clock.now(),
      leaseMs,
      maxAttempts,
    });
    if (!job) break;
    const handler = options.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await runOne(options, job, handler, leaseMs);
      result.done += 1;
    } catch (error: unknown) {
      result.failed += 1;
      options.onError?.(error, job);
      if (!(error instanceof JobLostError))
        await release(options.db, job, error, options.clock.now());
    }
  }
  return result;
}

async function runOne(
  options: RunDueJobsOptions,
  job: ClaimedJob,
  handler: JobHandler,
  leaseMs: number,
): Promise<void> {
  const { db } = options;
  let completed = false;
  const heartbeat = startHeartbeat({
    everyMs: leaseMs / 3,
    renew: () => renewJobLease(db, job, { now: options.clock.now(), leaseMs }),
    onError: (error) => options.onError?.(error, job),
  });
  const fence = async (tx: Queryable) => {
    if (!(await holdsJob(tx, job))) throw new JobLostError(job);
  };
  const context: JobContext = {
    job,
    db,
    clock: options.clock,
    config: options.config,
    fence,
    leaseMs,
    signal: heartbeat.signal,
    complete: (fn) =>
      db.transaction(async (tx) => {
        await fence(tx);
        const value = await fn(tx);
        await tx.query(
          'update job set done_at = $3, locked_until = null, last_error = null where org_id = $1 and id = $2',
          [job.orgId, job.id, options.clock.now().toISOString()],
        );
        completed = true;
        return value;
      }),
  };
  try {
    await handler(context);
    if (!completed) await context.complete(async () => undefined);
  } finally {
    await heartbeat.stop();
  }
}

/** Gives a failed job back, to run again after the backoff (if it has attempts left). */
async function release(db: Database, job: ClaimedJob, error: unknown, now: Date): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db.query(
    `update job set locked_until = null, run_at = $4, last_error = $5
      where org_id = $1 and id = $2 and attempts = $3 and done_at is null`,
    [
      job.orgId,
      job.id,
      job.attempts,
      new Date(now.getTime() + retryDelayMs(job.attempts)).toISOString(),
      message.slice(0, 2000),
    ],
  );
}
