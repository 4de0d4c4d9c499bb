import type { Queryable } from '../db/database.js';
import type { ClaimedJob } from './job-types.js';

export interface ClaimJobOptions {
  kinds: readonly string[];
  now: Date;
  /** How long the claim holds before another runner may take the job over. */
  leaseMs: number;
  /** Jobs that failed this many times are dead: kept for inspection, never claimed again. */
  maxAttempts: number;
}

/**
 * Takes the oldest due job: `FOR UPDATE SKIP LOCKED` lets concurrent runners pass over a
 * row another one is claiming instead of waiting for it, and PostgreSQL re-checks the
 * conditions on the locked row, so a job is claimed by one runner at a time. The claim
 * commits at once with a lease (`locked_until`); a runner that dies leaves the job to be
 * claimed again when the lease expires (recovery), with `attempts` raised as the fencing
 * token that tells the late runner it lost the job.
 */
export async function claimJob(
  db: Queryable,
  options: ClaimJobOptions,
): Promise<ClaimedJob | null> {
  const [row] = await db.query<ClaimedJob>(
    `update job j set attempts = j.attempts + 1,
            locked_until = $2::timestamptz + $3 * interval '1 millisecond'
      where (j.org_id, j.id) in (
        select q.org_id, q.id from job q
         where q.done_at is null and q.run_at <= $2::timestamptz and q.attempts < $4
           and q.kind = any($1::text[])
           and (q.locked_until is null or q.locked_until <= $2::timestamptz)
         order by q.run_at, q.id
         limit 1
         for update skip locked)
      returning j.org_id as "orgId", j.id, j.kind, j.payload, j.attempts`,
    [options.kinds, options.now.toISOString(), options.leaseMs, options.maxAttempts],
  );
  return row ?? null;
}

/** Inside a transaction: locks the job row and confirms this claim still holds it. */
export async function holdsJob(tx: Queryable, job: ClaimedJob): Promise<boolean> {
  const [row] = await tx.query(
    `select 1 from job where org_id = $1 and id = $2 and attempts = $3 and done_at is null
     for update`,
    [job.orgId, job.id, job.attempts],
  );
  return row !== undefined;
}

/**
 * Extends this claim's lease, fenced by its `attempts`: false when another runner claimed the
 * job after the lease ran out (or it is done), and then this runner must not commit.
 */
export async function renewJobLease(
  db: Queryable,
  job: ClaimedJob,
  options: { now: Date; leaseMs: number },
): Promise<boolean> {
  const rows = await db.query(
    `update job set locked_until = $4::timestamptz + $5 * interval '1 millisecond'
      where org_id = $1 and id = $2 and attempts = $3 and done_at is null
     returning 1`,
    [job.orgId, job.id, job.attempts, options.now.toISOString(), options.leaseMs],
  );
  return rows.length === 1;
}

/** Exponential backoff: 30 s, 1 min, 2 min, … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
