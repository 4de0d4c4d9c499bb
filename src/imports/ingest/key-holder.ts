import type { Database } from '../../db/database.js';

/** A run holding an Idempotency-Key. */
export interface HeldKey {
  orgId: string;
  runId: string;
  key: string;
}

export interface KeyHolderOptions {
  /** How long a claim of this holder lasts unless renewed. */
  leaseSeconds: number;
  /** How often the leases are renewed while their runs last; null: never (a dead process). */
  renewEverySeconds: number | null;
}

/**
 * The Idempotency-Keys one server process is running. On PostgreSQL, which several server
 * processes may share, each key's lease is renewed while its run lasts, so the others can
 * tell a long run from one whose process died. On PGlite the process owns the database:
 * no lease is needed, nor could a renewal run while the import holds the only connection.
 */
export class KeyHolder {
  readonly leaseSeconds: number;
  private readonly renewEverySeconds: number | null;
  private readonly held = new Map<string, { run: HeldKey; renewal: NodeJS.Timeout | undefined }>();

  constructor(options: KeyHolderOptions) {
    this.leaseSeconds = options.leaseSeconds;
    this.renewEverySeconds = options.renewEverySeconds;
  }

  /** The run of this holder that has the key now, if any. */
  runIdOf(orgId: string, key: string): string | undefined {
    return this.held.get(`${orgId} ${key}`)?.run.runId;
  }

  /** Holds the key for its run, renewing the lease with `renew` until the run is forgotten. */
  hold(db: Database, run: HeldKey, renew: (run: HeldKey) => Promise<void>): void {
    let renewal: NodeJS.Timeout | undefined;
    if (db.engine === 'postgres' && this.renewEverySeconds !== null) {
      // A renewal that fails (the database briefly unreachable) is tried again at the next
      // tick: the lease outlives a few misses.
      renewal = setInterval(() => {
        renew(run).catch(() => undefined);
      }, this.renewEverySeconds * 1000);
      renewal.unref();
    }
    this.held.set(`${run.orgId} ${run.key}`, { run, renewal });
  }

  /** The run settled or released its key. */
  forgetRun(orgId: string, runId: string): void {
    for (const [name, { run, renewal }] of this.held) {
      if (run.orgId !== orgId || run.runId !== runId) continue;
      clearInterval(renewal);
      this.held.delete(name);
    }
  }
}

/** This server process: a retry after a crash waits at most a minute for the lease to end. */
export const thisProcess = new KeyHolder({ leaseSeconds: 60, renewEverySeconds: 15 });
