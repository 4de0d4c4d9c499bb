import type { Queryable } from '../db/database.js';
import { inScope, type Scope } from '../server/access/scope.js';
import { AppError } from '../shared/app-error.js';
import { type GoalRow, type GoalView, goalColumns, goalView } from './goal-view.js';

/** One goal, if the person it belongs to is within reach: otherwise 404, as if it did not exist. */
export async function getGoal(
  db: Queryable,
  options: { orgId: string; goalId: string; scope: Scope },
): Promise<GoalView> {
  const [row] = await db.query<GoalRow>(
    `select ${goalColumns} from goal g where g.org_id = $1 and g.id = $2`,
    [options.orgId, options.goalId],
  );
  if (!row || !inScope(options.scope, row.personId))
    throw new AppError('NOT_FOUND', 'No such goal.');
  return goalView(row);
}
