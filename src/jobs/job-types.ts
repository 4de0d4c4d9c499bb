import type { Config } from '../config/config.js';
import type { Database, Queryable } from '../db/database.js';
import type { Clock } from '../shared/clock.js';

/** A job this runner holds: `attempts` (raised by the claim) is its fencing token. */
export interface ClaimedJob {
  orgId: string;
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
}

export interface JobContext {
  job: ClaimedJob;
  db: Database;
  clock: Clock;
  config: Config;
  /**
   * Runs `fn` in one transaction that also marks the job done: the job's database effects
   * and its completion commit together or not at all. Throws `JobLostError` (rolling `fn`
   * back) if another runner took the job over after this one's lease expired.
   */
  complete<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Inside a transaction: row-locks the job and checks this runner still holds it. */
  fence(tx: Queryable): Promise<void>;
  /**
   * How long the claim holds without renewal. The runner renews it every third of that while
   * the handler runs; a lease the handler takes on something else should end no later.
   */
  leaseMs: number;
  /** Aborted when a renewal found the job taken over: whatever the handler does won't commit. */
  signal: AbortSignal;
}

export type JobHandler = (context: JobContext) => Promise<void>;

/** The job kinds Rudder runs. */
export const jobKinds = ['send-reminder', 'detect-missed', 'deliver-mail', 'crm-sync'] as const;
export type JobKind = (typeof jobKinds)[number];

/** This runner's claim was superseded (lease expired, another runner claimed the job). */
export class JobLostError extends Error {
  constructor(job: ClaimedJob) {
    super(`job ${job.kind} ${job.id} (attempt ${job.attempts}) is no longer held by this runner`);
    this.name = 'JobLostError';
  }
}
