import type { Database, Queryable } from '../../db/database.js';
import { type StartRunOptions, startImportRun } from '../import-run.js';
import { type KeyHolder, thisProcess } from './key-holder.js';

/**
 * `Idempotency-Key` for API imports, kept in import_run.idempotency_key as `<token> <key>`.
 * The token is the SHA-256 of the request (kind, options, body) once the run has finished,
 * or `pending:<end of lease, epoch seconds>` while it runs. The key belongs to its
 * organization. A pending key is live while its process holds it: this process knows its
 * own keys; another process's key is live until its lease (renewed while the run lasts,
 * on PostgreSQL) runs out. A pending key nobody holds is a run that died with its process:
 * a retry takes the key over and runs again. PGlite belongs to one process (the data-folder
 * lock), so there a pending key this process does not hold is always such a leftover.
 */
export type KeyClaim =
  | { state: 'claimed'; runId: string }
  | { state: 'running'; runId: string }
  | { state: 'done'; runId: string; fingerprint: string };

const PENDING = 'pending:';

export interface ClaimKeyOptions {
  key: string;
  start: StartRunOptions;
  /** Whose claim this is (default: this process). */
  holder?: KeyHolder;
}

/**
 * Starts a run under `key`, finds the finished run that holds it, or says it is running.
 * An advisory lock makes check-and-start atomic, so two requests with one key never both
 * run, even from two server processes.
 */
export async function claimIdempotencyKey(
  db: Database,
  options: ClaimKeyOptions,
): Promise<KeyClaim> {
  const { key, start, holder = thisProcess } = options;
  // Before any query: on PGlite this process's own run holds the only connection.
  const mine = holder.runIdOf(start.orgId, key);
  if (mine !== undefined) return { state: 'running', runId: mine };
  let claimed: string | undefined;
  try {
    return await db.transaction(async (tx): Promise<KeyClaim> => {
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`${start.orgId} ${key}`]);
      const ours = holder.runIdOf(start.orgId, key);
      if (ours !== undefined) return { state: 'running', runId: ours };
      const [held] = await tx.query<{ id: string; idempotency_key: string; now: number }>(
        `select id, idempotency_key, extract(epoch from now())::float8 as now from import_run
          where org_id = $1 and idempotency_key is not null
            and substr(idempotency_key, strpos(idempotency_key, ' ') + 1) = $2
          order by started_at desc limit 1`,
        [start.orgId, key],
      );
      if (held) {
        const token = held.idempotency_key.slice(0, held.idempotency_key.indexOf(' '));
        if (!token.startsWith(PENDING))
          return { state: 'done', runId: held.id, fingerprint: token };
        const leaseEnd = Number(token.slice(PENDING.length));
        if (db.engine === 'postgres' && leaseEnd > held.now) {
          return { state: 'running', runId: held.id };
        }
        await abandonRun(tx, start.orgId, held.id);
      }
      const runId = await startImportRun(tx, start);
      await tx.query(
        `update import_run set idempotency_key = ${pendingToken('$3')} || ' ' || $4::text
         where org_id = $1 and id = $2`,
        [start.orgId, runId, holder.leaseSeconds, key],
      );
      // Held before the commit: a second request of this process now sees the key as ours.
      holder.hold(db, { orgId: start.orgId, runId, key }, (run) => renewLease(db, run, holder));
      claimed = runId;
      return { state: 'claimed', runId };
    });
  } catch (error: unknown) {
    if (claimed !== undefined) holder.forgetRun(start.orgId, claimed);
    throw error;
  }
}

/** The run finished: a retry with the same fingerprint gets its result. */
export async function settleIdempotencyKey(
  db: Queryable,
  run: { orgId: string; runId: string; key: string; fingerprint: string; holder?: KeyHolder },
): Promise<void> {
  try {
    // A run whose key a retry took over (its lease ran out) leaves the key to the retry.
    await db.query(
      `update import_run set idempotency_key = $3
       where org_id = $1 and id = $2 and idempotency_key like '${PENDING}%'`,
      [run.orgId, run.runId, `${run.fingerprint} ${run.key}`],
    );
  } finally {
    (run.holder ?? thisProcess).forgetRun(run.orgId, run.runId);
  }
}

/** The run broke off (an error, a body that could not be read): a retry runs again. */
export async function releaseIdempotencyKey(
  db: Queryable,
  run: { orgId: string; runId: string; holder?: KeyHolder },
): Promise<void> {
  try {
    await db.query(
      `update import_run set idempotency_key = null
       where org_id = $1 and id = $2 and idempotency_key like '${PENDING}%'`,
      [run.orgId, run.runId],
    );
  } finally {
    (run.holder ?? thisProcess).forgetRun(run.orgId, run.runId);
  }
}

/** `pending:<now + lease>`, timed by the database: the one clock all processes share. */
const pendingToken = (seconds: string) =>
  `'${PENDING}' || (floor(extract(epoch from now()))::int8 + ${seconds}::int8)::text`;

async function renewLease(
  db: Queryable,
  run: { orgId: string; runId: string; key: string },
  holder: KeyHolder,
): Promise<void> {
  await db.query(
    `update import_run set idempotency_key = ${pendingToken('$3')} || ' ' || $4::text
     where org_id = $1 and id = $2 and idempotency_key like '${PENDING}%'`,
    [run.orgId, run.runId, holder.leaseSeconds, run.key],
  );
}

/** A run that died with its process: failed if it was still running, its key freed. */
async function abandonRun(tx: Queryable, orgId: string, runId: string): Promise<void> {
  const reason =
    'the run broke off (its process ended); a retry with its Idempotency-Key ran again';
  await tx.query(
    `update import_run set idempotency_key = null,
       errors = case when status = 'running' then $3::jsonb else errors end,
       finished_at = case when status = 'running' then now() else finished_at end,
       status = case when status = 'running' then 'failed' else status end
     where org_id = $1 and id = $2`,
    [orgId, runId, JSON.stringify([{ field: '(import)', reason }])],
  );
}
