import type { Queryable } from '../db/database.js';

/** Whether the person has a live subscription URL, and since when (the URL itself is not kept). */
export async function getCalendarFeed(
  db: Queryable,
  options: { orgId: string; personId: string },
): Promise<{ active: boolean; createdAt: string | null }> {
  const [row] = await db.query<{ created_at: string }>(
    `select created_at from calendar_feed
      where org_id = $1 and person_id = $2 and revoked_at is null
      order by created_at desc limit 1`,
    [options.orgId, options.personId],
  );
  return { active: row !== undefined, createdAt: row?.created_at ?? null };
}
