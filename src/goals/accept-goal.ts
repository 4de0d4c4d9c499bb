import type { Database, Queryable } from '../db/database.js';
import type { Actor } from '../meetings/meeting-records.js';
import { AppError } from '../shared/app-error.js';
import {
  changeProposerSide,
  type GoalSide,
  lockGoal,
  proposerSide,
  sideOf,
  stepGoal,
} from './goal-sides.js';
import type { GoalView } from './goal-view.js';

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
 * (agreed_by, agreed_at) and from then on the 1:1 holds the rep accountable to it. On an
 * agreed goal, what is accepted is the change waiting beside it: its target comes into force.
 */
export async function acceptGoal(db: Database, options: AcceptGoalOptions): Promise<GoalView> {
  return db.transaction(async (tx) => {
    const goal = await lockGoal(tx, options);
    const side = await sideOf(tx, { ...options, repId: goal.personId });
    return goal.status === 'agreed'
      ? acceptChange(tx, goal, side, options)
      : acceptProposal(tx, goal, side, options);
  });
}

async function acceptProposal(
  tx: Queryable,
  goal: GoalView,
  side: GoalSide,
  options: AcceptGoalOptions,
): Promise<GoalView> {
  if (goal.status !== 'proposed') {
    throw new AppError('CONFLICT', `This goal is ${goal.status}, not proposed.`);
  }
  if (proposerSide(goal) === side) {
    throw new AppError('CONFLICT', 'A proposal is accepted by the other side, not by its author.');
  }
  if (options.target !== undefined && options.target !== goal.target) {
    throw new AppError('CONFLICT', `The proposal changed: the target is now ${goal.target}.`);
  }
  return stepGoal(tx, {
    orgId: options.orgId,
    goalId: goal.id,
    action: 'accepted',
    target: goal.target,
    actorId: options.actor.personId,
    now: options.now,
    set: `status = 'agreed', agreed_by = $3, agreed_at = $4`,
    params: [options.actor.personId, options.now.toISOString()],
  });
}

/** The changed target becomes the agreed one, proposed by the change's author. */
async function acceptChange(
  tx: Queryable,
  goal: GoalView,
  side: GoalSide,
  options: AcceptGoalOptions,
): Promise<GoalView> {
  const change = goal.pendingChange;
  if (change === null) {
    throw new AppError('CONFLICT', 'This goal is agreed and no change waits for an answer.');
  }
  if (changeProposerSide(goal) === side) {
    throw new AppError('CONFLICT', 'A change is accepted by the other side, not by its author.');
  }
  if (options.target !== undefined && options.target !== change.target) {
    throw new AppError('CONFLICT', `The proposed change is now to ${change.target}.`);
  }
  return stepGoal(tx, {
    orgId: options.orgId,
    goalId: goal.id,
    action: 'change_accepted',
    target: change.target,
    actorId: options.actor.personId,
    now: options.now,
    set: `target = g.pending_target, proposed_by = g.pending_by, proposed_at = g.pending_at,
          agreed_by = $3, agreed_at = $4,
          pending_target = null, pending_by = null, pending_at = null`,
    params: [options.actor.personId, options.now.toISOString()],
  });
}
