import type { Queryable } from '../db/database.js';
import { type Scope, scopeParam } from '../server/access/scope.js';
import { type GoalRow, type GoalView, goalColumns, goalView } from './goal-view.js';

export interface ListGoalsOptions {
  orgId: string;
  scope: Scope;
  personId?: string | undefined;
  /** Goals whose period starts in [from, to). */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/** Goals of the people within reach, newest period first. */
export async function listGoals(
  db: Queryable,
  options: ListGoalsOptions,
): Promise<{ items: GoalView[]; total: number }> {
  const where = `g.org_id = $1 and ($2::uuid[] is null or g.person_id = any($2::uuid[]))
    and ($3::uuid is null or g.person_id = $3::uuid)
    and ($4::date is null or g.period_start >= $4::date) and ($5::date is null or g.period_start < $5::date)`;
  const params = [
    options.orgId,
    scopeParam(options.scope),
    options.personId ?? null,
    options.from ?? null,
    options.to ?? null,
  ];
  const rows = await db.query<GoalRow>(
    `select ${goalColumns} from goal g where ${where}
      order by g.period_start desc, g.person_id, g.metric, g.id limit $6 offset $7`,
    [...params, options.limit, options.offset],
  );
  const [count] = await db.query<{ n: number }>(
    `select count(*)::int8 as n from goal g where ${where}`,
    params,
  );
  return { items: rows.map(goalView), total: count?.n ?? 0 };
}
