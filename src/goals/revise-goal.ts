import type { Database, Queryable } from '../db/database.js';
import type { Actor } from '../meetings/meeting-records.js';
import { AppError } from '../shared/app-error.js';
import { assertTarget, lockGoal, sideOf, stepGoal } from './goal-sides.js';
import type { GoalView } from './goal-view.js';

export interface ReviseGoalOptions {
  orgId: string;
  goalId: string;
  actor: Actor;
  target: number;
  now: Date;
}

/**
 * A new target for an existing goal, by either side.
 *
 * An agreed goal stays agreed: the new target waits beside it as a proposed change, and the
 * agreed target stays in force (results, agendas, rankings) until the other side accepts the
 * change. Otherwise one side could rewrite what was agreed and be measured against it at
 * once. A new change replaces one that was waiting (the other side's answer to it, or the
 * author's second thought).
 *
 * A goal never agreed (proposed or rejected) simply takes the new target as the standing
 * proposal, by the actor, for the other side to accept.
 */
export async function reviseGoal(db: Database, options: ReviseGoalOptions): Promise<GoalView> {
  assertTarget(options.target);
  return db.transaction(async (tx) => {
    const goal = await lockGoal(tx, options);
    await sideOf(tx, { ...options, repId: goal.personId });
    return goal.status === 'agreed'
      ? proposeChange(tx, goal, options)
      : reviseProposal(tx, goal, options);
  });
}

async function proposeChange(
  tx: Queryable,
  goal: GoalView,
  options: ReviseGoalOptions,
): Promise<GoalView> {
  if (goal.target === options.target) {
    throw new AppError('CONFLICT', 'This target is already the agreed one.');
  }
  if (
    goal.pendingChange?.target === options.target &&
    goal.pendingChange.proposedBy === options.actor.personId
  ) {
    throw new AppError('CONFLICT', 'This change is already proposed.');
  }
  return stepGoal(tx, {
    orgId: options.orgId,
    goalId: goal.id,
    action: 'change_proposed',
    target: options.target,
    actorId: options.actor.personId,
    now: options.now,
    set: `pending_target = $3, pending_by = $4, pending_at = $5`,
    params: [options.target, options.actor.personId, options.now.toISOString()],
  });
}

async function reviseProposal(
  tx: Queryable,
  goal: GoalView,
  options: ReviseGoalOptions,
): Promise<GoalView> {
  if (goal.status === 'proposed' && goal.target === options.target) {
    throw new AppError('CONFLICT', 'This target is already the standing proposal.');
  }
  return stepGoal(tx, {
    orgId: options.orgId,
    goalId: goal.id,
    action: 'proposed',
    target: options.target,
    actorId: options.actor.personId,
    now: options.now,
    set: `target = $3, status = 'proposed', proposed_by = $4, proposed_at = $5,
          agreed_by = null, agreed_at = null`,
    params: [options.target, options.actor.personId, options.now.toISOString()],
  });
}
