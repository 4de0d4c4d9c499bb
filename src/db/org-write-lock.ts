import type { Queryable } from './database.js';

/**
 * Makes the long writers of one organization (imports of every source: CSV, the ingest API, a
 * CRM sync; the rollup's rebuild) queue behind each other instead of deadlocking: each keeps
 * the `rep_month` rollup inside its own transaction, and two of them touching the same reps'
 * months in different orders would each wait for the other's rows. Taken first in the
 * transaction, before any row is locked; released at its COMMIT or ROLLBACK. Other
 * organizations' writers do not wait (a hash collision only queues two of them).
 */
export async function lockOrgWrites(tx: Queryable, orgId: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1, hashtext($2::text))', [
    orgWritesLockClass,
    orgId,
  ]);
}

/** The first key of the lock's pair (the migration lock is 7210001, a one-key lock). */
export const orgWritesLockClass = 7210002;
