import type { Database } from '../db/database.js';
import type { Actor } from '../meetings/meeting-records.js';
import { AppError } from '../shared/app-error.js';
import { assertTarget, lockGoal, recordGoalEvent, sideOf } from './goal-sides.js';
import { type GoalView, goalColumns } from './goal-view.js';

/**
 * A new target for an existing goal, by either side. Whatever its status, the goal goes
 * back to `proposed` by the actor and loses its agreement: a changed goal is not the goal
 * that was agreed, so the other side must accept it again.
 */
export async function reviseGoal(
  db: Database,
  options: { orgId: string; goalId: string; actor: Actor; target: number; now: Date },
): Promise<GoalView> {
  assertTarget(options.target);
  return db.transaction(async (tx) => {
    const goal = await lockGoal(tx, options);
    await sideOf(tx, { ...options, repId: goal.personId });
    if (goal.status === 'proposed' && goal.target === options.target) {
      throw new AppError('CONFLICT', 'This target is already the standing proposal.');
    }
    const [revised] = await tx.query<GoalView>(
      `update goal g set target = $3, status = 'proposed', proposed_by = $4, proposed_at = $5,
              agreed_by = null, agreed_at = null
        where g.org_id = $1 and g.id = $2 returning ${goalColumns}`,
      [options.orgId, goal.id, options.target, options.actor.personId, options.now.toISOString()],
    );
    if (!revised) throw new AppError('NOT_FOUND', 'No such goal.');
    await recordGoalEvent(tx, {
      orgId: options.orgId,
      goalId: goal.id,
      action: 'proposed',
      target: options.target,
      actorId: options.actor.personId,
      now: options.now,
    });
    return revised;
  });
}
