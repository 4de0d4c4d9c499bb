import type { Queryable } from '../db/database.js';
import { recordAudit } from './record-audit.js';

/** A rep opens (or closes) their activity detail to their manager under the activity gate. */
export async function setActivitySharing(
  db: Queryable,
  options: { orgId: string; personId: string; shared: boolean; now: Date },
): Promise<void> {
  if (options.shared) {
    await db.query(
      `insert into activity_share (org_id, person_id, shared_at) values ($1, $2, $3)
       on conflict (org_id, person_id) do nothing`,
      [options.orgId, options.personId, options.now.toISOString()],
    );
  } else {
    await db.query('delete from activity_share where org_id = $1 and person_id = $2', [
      options.orgId,
      options.personId,
    ]);
  }
  await recordAudit(db, {
    orgId: options.orgId,
    actorId: options.personId,
    action: 'activity.sharing_changed',
    subjectType: 'person',
    subjectId: options.personId,
    details: { shared: options.shared },
    at: options.now,
  });
}

/** SQL: whether the rep ($2) of the organization ($1) shares their activity detail. */
export const activitySharedSql =
  'exists (select 1 from activity_share where org_id = $1 and person_id = $2)';

export async function isActivityShared(
  db: Queryable,
  options: { orgId: string; personId: string },
): Promise<boolean> {
  const [row] = await db.query<{ shared: boolean }>(`select ${activitySharedSql} as shared`, [
    options.orgId,
    options.personId,
  ]);
  return row?.shared === true;
}
