import type { Database } from '../db/database.js';
import type { Actor } from '../meetings/meeting-records.js';
import { AppError } from '../shared/app-error.js';
import { lockGoal, proposerSide, recordGoalEvent, sideOf } from './goal-sides.js';
import { type GoalView, goalColumns } from './goal-view.js';

/**
 * The other side turns a proposal down: the goal is `rejected` (the agenda shows it as not
 * agreed) until someone proposes a new target with `reviseGoal`.
 */
export async function rejectGoal(
  db: Database,
  options: { orgId: string; goalId: string; actor: Actor; now: Date },
): Promise<GoalView> {
  return db.transaction(async (tx) => {
    const goal = await lockGoal(tx, options);
    const side = await sideOf(tx, { ...options, repId: goal.personId });
    if (goal.status !== 'proposed') {
      throw new AppError('CONFLICT', `This goal is ${goal.status}, not proposed.`);
    }
    if (proposerSide(goal) === side) {
      throw new AppError(
        'CONFLICT',
        'A proposal is rejected by the other side, not by its author.',
      );
    }
    const [rejected] = await tx.query<GoalView>(
      `update goal g set status = 'rejected', agreed_by = null, agreed_at = null
        where g.org_id = $1 and g.id = $2 returning ${goalColumns}`,
      [options.orgId, goal.id],
    );
    if (!rejected) throw new AppError('NOT_FOUND', 'No such goal.');
    await recordGoalEvent(tx, {
      orgId: options.orgId,
      goalId: goal.id,
      action: 'rejected',
      target: goal.target,
      actorId: options.actor.personId,
      now: options.now,
    });
    return rejected;
  });
}
