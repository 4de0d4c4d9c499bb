import type { Database } from '../db/database.js';
import type { Actor } from '../meetings/meeting-records.js';
import { AppError } from '../shared/app-error.js';
import { assertTarget, lockGoal, proposerSide, sideOf, stepGoal } from './goal-sides.js';
import type { GoalView } from './goal-view.js';

export interface CounterGoalOptions {
  orgId: string;
  goalId: string;
  actor: Actor;
  /** The other target proposed instead (minor units for money, a count otherwise). */
  target: number;
  now: Date;
}

/**
 * The other side answers a proposal with another target: the goal stays `proposed`, now
 * proposed by the counter's author, and the first side may accept, reject or counter back.
 */
export async function counterGoal(db: Database, options: CounterGoalOptions): Promise<GoalView> {
  assertTarget(options.target);
  return db.transaction(async (tx) => {
    const goal = await lockGoal(tx, options);
    const side = await sideOf(tx, { ...options, repId: goal.personId });
    if (goal.status !== 'proposed') {
      throw new AppError('CONFLICT', `An ${goal.status} goal is not countered; propose a change.`);
    }
    if (proposerSide(goal) === side) {
      throw new AppError('CONFLICT', 'Your side made this proposal: the other side answers it.');
    }
    return stepGoal(tx, {
      orgId: options.orgId,
      goalId: goal.id,
      action: 'countered',
      target: options.target,
      actorId: options.actor.personId,
      now: options.now,
      set: `target = $3, proposed_by = $4, proposed_at = $5`,
      params: [options.target, options.actor.personId, options.now.toISOString()],
    });
  });
}
