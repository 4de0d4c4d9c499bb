import type { Database, Queryable } from '../db/database.js';
import { type StartRunOptions, startImportRun } from '../import/import-run.js';

/**
 * `Idempotency-Key` for API imports, kept in import_run.idempotency_key as
 * `<fingerprint> <key>`: the SHA-256 of the request (kind, options, body), or `pending`
 * while the run has not finished reading it. The key belongs to its organization.
 */
export type KeyClaim =
  | { state: 'claimed'; runId: string }
  | { state: 'running'; runId: string }
  | { state: 'done'; runId: string; fingerprint: string };

const PENDING = 'pending';

/**
 * Starts a run under `key`, or finds the run that already holds it. An advisory lock makes
 * check-and-start atomic, so two concurrent requests with one key never both run.
 */
export async function claimIdempotencyKey(
  db: Database,
  options: { key: string; start: StartRunOptions },
): Promise<KeyClaim> {
  const { key, start } = options;
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`${start.orgId} ${key}`]);
    const [held] = await tx.query<{ id: string; status: string; idempotency_key: string }>(
      `select id, status, idempotency_key from import_run
        where org_id = $1 and idempotency_key is not null
          and substr(idempotency_key, strpos(idempotency_key, ' ') + 1) = $2
        order by started_at desc limit 1`,
      [start.orgId, key],
    );
    if (held) {
      if (held.status === 'running') return { state: 'running', runId: held.id };
      const fingerprint = held.idempotency_key.slice(0, held.idempotency_key.indexOf(' '));
      return { state: 'done', runId: held.id, fingerprint };
    }
    const runId = await startImportRun(tx, start);
    await setKey(tx, start.orgId, runId, `${PENDING} ${key}`);
    return { state: 'claimed', runId };
  });
}

/** The run finished: a retry with the same fingerprint gets its result. */
export async function settleIdempotencyKey(
  db: Queryable,
  run: { orgId: string; runId: string; key: string; fingerprint: string },
): Promise<void> {
  await setKey(db, run.orgId, run.runId, `${run.fingerprint} ${run.key}`);
}

/** The run broke off (a crash, a body that could not be read): a retry runs again. */
export async function releaseIdempotencyKey(
  db: Queryable,
  run: { orgId: string; runId: string },
): Promise<void> {
  await setKey(db, run.orgId, run.runId, null);
}

async function setKey(db: Queryable, orgId: string, runId: string, value: string | null) {
  await db.query('update import_run set idempotency_key = $3 where org_id = $1 and id = $2', [
    orgId,
    runId,
    value,
  ]);
}
