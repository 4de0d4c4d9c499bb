import type { Database } from '../db/database.js';
import type { Actor } from '../meetings/meeting-records.js';
import { AppError } from '../shared/app-error.js';
import { lockGoal, proposerSide, recordGoalEvent, sideOf } from './goal-sides.js';
import { type GoalView, goalColumns } from './goal-view.js';

export interface AcceptGoalOptions {
  orgId: string;
  goalId: string;
  actor: Actor;
  /**
   * The target the actor saw: if a counter changed it meanwhile, accepting fails with a
   * conflict instead of agreeing to a number nobody looked at.
   */
  target?: number;
  now: Date;
}

/**
 * The side that did NOT make the standing proposal accepts it: the goal becomes `agreed`
 * (agreed_by, agreed_at) and from then on the 1:1 holds the rep accountable to it.
 */
export async function acceptGoal(db: Database, options: AcceptGoalOptions): Promise<GoalView> {
  return db.transaction(async (tx) => {
    const goal = await lockGoal(tx, options);
    const side = await sideOf(tx, { ...options, repId: goal.personId });
    if (goal.status !== 'proposed') {
      throw new AppError('CONFLICT', `This goal is ${goal.status}, not proposed.`);
    }
    if (proposerSide(goal) === side) {
      throw new AppError(
        'CONFLICT',
        'A proposal is accepted by the other side, not by its author.',
      );
    }
    if (options.target !== undefined && options.target !== goal.target) {
      throw new AppError('CONFLICT', `The proposal changed: the target is now ${goal.target}.`);
    }
    const [agreed] = await tx.query<GoalView>(
      `update goal g set status = 'agreed', agreed_by = $3, agreed_at = $4
        where g.org_id = $1 and g.id = $2 returning ${goalColumns}`,
      [options.orgId, goal.id, options.actor.personId, options.now.toISOString()],
    );
    if (!agreed) throw new AppError('NOT_FOUND', 'No such goal.');
    await recordGoalEvent(tx, {
      orgId: options.orgId,
      goalId: goal.id,
      action: 'accepted',
      target: goal.target,
      actorId: options.actor.personId,
      now: options.now,
    });
    return agreed;
  });
}
