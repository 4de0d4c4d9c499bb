import pg from 'pg';
import { type Clock, systemClock } from '../shared/clock.js';
import type { Queryable, Row } from './database.js';
import { pgTypeParser } from './open-postgres.js';

/** Reads that may lag a little, from a streaming standby while it is up and close behind. */
export interface ReplicaReader extends Queryable {
  /** Where the next read would go, checking the standby's health if the last check is old. */
  target(): Promise<'replica' | 'primary'>;
  close(): Promise<void>;
}

export interface ReplicaReaderOptions {
  /** A standby further behind than this is not read: the primary answers instead. */
  maxLagSeconds: number;
  /** How long a health check (reachable, lag) is trusted; default 1 s. */
  recheckMs?: number;
  clock?: Clock;
  /** Told why a read went to the primary instead (once per change of mind). */
  onFallback?: (reason: string) => void;
}

/**
 * The standby's replay lag in seconds: 0 when it has replayed all the WAL it received, else
 * the age of the last transaction it replayed (on a paused or slow replay this grows from the
 * moment the primary writes again). A standby cut off from its primary receives nothing and
 * reads as current: its lag is bounded by how long the primary goes on without it, which
 * monitoring of `pg_stat_replication` on the primary has to catch.
 */
const lagSql = `select case when not pg_is_in_recovery()
                            or pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
                       else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 0)
                  end::float8 as lag`;

/**
 * Sends each read to the replica at `replicaUrl` while a recent check found it reachable and
 * at most `maxLagSeconds` behind; otherwise, and whenever a read there fails (standby down,
 * a query cancelled by recovery), to `primary`. Only for reads that tolerate that lag:
 * whatever a user just wrote and reads back must stay on the primary.
 */
export function openReplicaReader(
  primary: Queryable,
  replicaUrl: string,
  options: ReplicaReaderOptions,
): ReplicaReader {
  // A standby that is down must cost a request at most this long before the primary answers.
  const pool = new pg.Pool({
    connectionString: replicaUrl,
    max: 5,
    connectionTimeoutMillis: 2_000,
  });
  pool.on('error', () => undefined);
  const types = { getTypeParser: pgTypeParser };
  const recheckMs = options.recheckMs ?? 1_000;
  const clock = options.clock ?? systemClock;
  let usable = false;
  let reason = 'not checked yet';
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<void> | null = null;
  const decide = (ok: boolean, why: string) => {
    if (!ok && (usable || why !== reason)) options.onFallback?.(why);
    usable = ok;
    reason = why;
    checkedAt = clock.now().getTime();
  };
  const check = async () => {
    try {
      const { rows } = await pool.query<{ lag: number }>({ text: lagSql, types });
      const lag = rows[0]?.lag ?? 0;
      decide(
        lag <= options.maxLagSeconds,
        `the replica is ${lag.toFixed(1)} s behind (bound ${options.maxLagSeconds} s)`,
      );
    } catch (error: unknown) {
      decide(
        false,
        `the replica cannot be read: ${error instanceof Error ? error.message : error}`,
      );
    }
  };
  const target = async (): Promise<'replica' | 'primary'> => {
    if (clock.now().getTime() - checkedAt >= recheckMs) {
      checking ??= check().finally(() => {
        checking = null;
      });
      await checking;
    }
    return usable ? 'replica' : 'primary';
  };
  return {
    target,
    async query<T = Row>(text: string, params: readonly unknown[] = []): Promise<T[]> {
      if ((await target()) === 'replica') {
        try {
          return (await pool.query({ text, values: [...params], types })).rows as T[];
        } catch (error: unknown) {
          decide(
            false,
            `a read on the replica failed: ${error instanceof Error ? error.message : error}`,
          );
        }
      }
      return primary.query<T>(text, params);
    },
    close: () => pool.end(),
  };
}
