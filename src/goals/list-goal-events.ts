import type { Queryable } from '../db/database.js';
import type { goalEventActions } from '../db/schema/pipeline.js';

export interface GoalEventView {
  id: string;
  action: (typeof goalEventActions)[number];
  target: number;
  actorId: string | null;
  actorName: string | null;
  at: string;
}

/**
 * The agreement's history in the order the steps happened: who proposed, countered,
 * accepted what and when, and every change proposed to the agreed goal and its answer. `at` increases strictly from step to step of a goal
 * (`recordGoalEvent`); `id` only makes the order total for rows written otherwise.
 */
export async function listGoalEvents(
  db: Queryable,
  options: { orgId: string; goalId: string },
): Promise<GoalEventView[]> {
  return db.query<GoalEventView>(
    `select e.id, e.action, e.target, e.actor_id as "actorId", p.name as "actorName", e.at
       from goal_event e left join person p on p.org_id = e.org_id and p.id = e.actor_id
      where e.org_id = $1 and e.goal_id = $2
      order by e.at, e.id`,
    [options.orgId, options.goalId],
  );
}
