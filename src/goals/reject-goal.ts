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

interface RejectGoalOptions {
  orgId: string;
  goalId: string;
  actor: Actor;
  now: Date;
}

/**
 * The other side turns a proposal down: the goal is `rejected` (the agenda shows it as not
 * agreed) until someone proposes a new target with `reviseGoal`. On an agreed goal, what is
 * turned down is the change waiting beside it: the goal stays agreed at its target.
 */
export async function rejectGoal(db: Database, options: RejectGoalOptions): Promise<GoalView> {
  return db.transaction(async (tx) => {
    const goal = await lockGoal(tx, options);
    const side = await sideOf(tx, { ...options, repId: goal.personId });
    return goal.status === 'agreed'
      ? rejectChange(tx, goal, side, options)
      : rejectProposal(tx, goal, side, options);
  });
}

async function rejectProposal(
  tx: Queryable,
  goal: GoalView,
  side: GoalSide,
  options: RejectGoalOptions,
): Promise<GoalView> {
  if (goal.status !== 'proposed') {
    throw new AppError('CONFLICT', `This goal is ${goal.status}, not proposed.`);
  }
  if (proposerSide(goal) === side) {
    throw new AppError('CONFLICT', 'A proposal is rejected by the other side, not by its author.');
  }
  return stepGoal(tx, {
    orgId: options.orgId,
    goalId: goal.id,
    action: 'rejected',
    target: goal.target,
    actorId: options.actor.personId,
    now: options.now,
    set: `status = 'rejected', agreed_by = null, agreed_at = null`,
  });
}

async function rejectChange(
  tx: Queryable,
  goal: GoalView,
  side: GoalSide,
  options: RejectGoalOptions,
): Promise<GoalView> {
  const change = goal.pendingChange;
  if (change === null) {
    throw new AppError('CONFLICT', 'This goal is agreed and no change waits for an answer.');
  }
  if (changeProposerSide(goal) === side) {
    throw new AppError('CONFLICT', 'A change is rejected by the other side, not by its author.');
  }
  return stepGoal(tx, {
    orgId: options.orgId,
    goalId: goal.id,
    action: 'change_rejected',
    target: change.target,
    actorId: options.actor.personId,
    now: options.now,
    set: `pending_target = null, pending_by = null, pending_at = null`,
  });
}
