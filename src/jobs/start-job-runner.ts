import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { enqueuePeriodicJobs } from './enqueue-periodic-jobs.js';
import type { ClaimedJob, JobHandler } from './job-types.js';
import { runDueJobs } from './run-due-jobs.js';

export interface StartJobRunnerOptions {
  db: Database;
  clock: Clock;
  config: Config;
  handlers: Readonly<Record<string, JobHandler>>;
  /** Pause between polls when no job is due; default the configuration's `JOB_POLL_SECONDS`. */
  pollMs?: number;
  /**
   * Wait before the first poll; default 0. A server gives itself a moment so that its first
   * requests are not queued behind the scheduler (PGlite has one connection).
   */
  firstPollAfterMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Run the scheduler (reminders, missed meetings, mail) on each poll; default true. */
  schedule?: boolean;
  onError?: (error: unknown, job: ClaimedJob | null) => void;
}

export interface JobRunner {
  /** Finishes the job in hand, then stops polling. */
  stop(): Promise<void>;
}

/**
 * The background loop of a server process: poll, schedule, run due jobs, sleep. Several
 * processes on one PostgreSQL database each run one; the job table's claims make every job
 * run once across them. On PGlite the single server process runs the only loop.
 */
export function startJobRunner(options: StartJobRunnerOptions): JobRunner {
  const pollMs = options.pollMs ?? options.config.JOB_POLL_SECONDS * 1_000;
  let stopping = false;
  let wake: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).then(() => {
      wake = null;
    });
  const loop = (async () => {
    if (options.firstPollAfterMs) await pause(options.firstPollAfterMs);
    while (!stopping) {
      try {
        if (options.schedule ?? true) {
          await enqueuePeriodicJobs(options.db, {
            now: options.clock.now(),
            deliverMail: 'deliver-mail' in options.handlers,
            syncCrm: 'crm-sync' in options.handlers,
          });
        }
        await runDueJobs({
          ...options,
          stopping: () => stopping,
          onError: (error, job) => options.onError?.(error, job),
        });
      } catch (error: unknown) {
        // A poll that fails (database restarting) is retried on the next one.
        options.onError?.(error, null);
      }
      if (stopping) break;
      await pause(pollMs);
    }
  })();
  return {
    async stop() {
      stopping = true;
      (wake as (() => void) | null)?.();
      await loop;
    },
  };
}
