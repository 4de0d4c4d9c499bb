import type { Queryable } from '../db/database.js';

/** Stops a person's subscription URL from answering; returns how many were live (0 or 1). */
export async function revokeCalendarFeed(
  db: Queryable,
  options: { orgId: string; personId: string; now: Date },
): Promise<number> {
  const rows = await db.query(
    `update calendar_feed set revoked_at = $3
      where org_id = $1 and person_id = $2 and revoked_at is null returning id`,
    [options.orgId, options.personId, options.now.toISOString()],
  );
  return rows.length;
}
