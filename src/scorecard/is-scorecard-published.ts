import type { Queryable } from '../db/database.js';

export async function isScorecardPublished(
  db: Queryable,
  options: { orgId: string; teamId: string; periodKey: string },
): Promise<boolean> {
  const [row] = await db.query(
    'select 1 from scorecard_publication where org_id = $1 and team_id = $2 and period_key = $3',
    [options.orgId, options.teamId, options.periodKey],
  );
  return row !== undefined;
}
