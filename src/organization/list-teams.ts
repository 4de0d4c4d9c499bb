import type { Queryable } from '../db/database.js';
import { type Scope, scopeParam } from '../server/access/scope.js';
import { loadTeams, type TeamView } from './team-view.js';

/** The teams within the caller's reach, by name. */
export async function listTeams(
  db: Queryable,
  options: { orgId: string; scope: Scope; today: string; limit: number; offset: number },
): Promise<{ items: TeamView[]; total: number }> {
  const where = 'org_id = $1 and ($2::uuid[] is null or id = any($2::uuid[]))';
  const params = [options.orgId, scopeParam(options.scope)];
  const page = await db.query<{ id: string }>(
    `select id from team where ${where} order by name, id limit $3 offset $4`,
    [...params, options.limit, options.offset],
  );
  const [count] = await db.query<{ n: number }>(
    `select count(*)::int8 as n from team where ${where}`,
    params,
  );
  const items = await loadTeams(db, {
    orgId: options.orgId,
    teamIds: page.map((r) => r.id),
    today: options.today,
  });
  return { items, total: count?.n ?? 0 };
}
