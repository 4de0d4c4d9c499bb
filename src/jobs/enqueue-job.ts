import type { Queryable } from '../db/database.js';

export interface EnqueueJobOptions {
  orgId: string;
  kind: string;
  /** One job per (org, kind, key) ever: enqueueing the same key again does nothing. */
  dedupeKey?: string | null;
  payload?: Record<string, unknown>;
  runAt: Date;
}

/**
 * Adds a job; idempotent by `dedupeKey` (the unique index `job_dedupe_key`), so a
 * scheduler can run in every server process and still create each job once. Returns the
 * new job's id, or null when the key already existed.
 */
export async function enqueueJob(
  db: Queryable,
  options: EnqueueJobOptions,
): Promise<string | null> {
  const [row] = await db.query<{ id: string }>(
    `insert into job (org_id, kind, dedupe_key, payload, run_at) values ($1, $2, $3, $4, $5)
     on conflict (org_id, kind, dedupe_key) do nothing returning id`,
    [
      options.orgId,
      options.kind,
      options.dedupeKey ?? null,
      JSON.stringify(options.payload ?? {}),
      options.runAt.toISOString(),
    ],
  );
  return row?.id ?? null;
}
