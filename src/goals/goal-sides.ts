import { dayInZone } from '../core/days.js';
import type { Queryable } from '../db/database.js';
import type { goalEventActions } from '../db/schema/pipeline.js';
import type { Actor } from '../meetings/meeting-records.js';
import { findRepManager, orgTimeZone } from '../meetings/meeting-records.js';
import { AppError } from '../shared/app-error.js';
import { type GoalRow, type GoalView, goalColumns, goalView } from './goal-view.js';

/** The two sides of an agreement: the rep whose goal it is, and their manager (or leader). */
export type GoalSide = 'rep' | 'manager';

/**
 * The side the actor speaks for on this rep's goal: the rep themself, or the manager or
 * leader of the rep's team today. Anyone else (an admin included) is no party to it.
 */
export async function sideOf(
  db: Queryable,
  options: { orgId: string; repId: string; actor: Actor; now: Date },
): Promise<GoalSide> {
  if (options.actor.personId === options.repId) return 'rep';
  const day = dayInZone(options.now, await orgTimeZone(db, options.orgId));
  const team = await findRepManager(db, { orgId: options.orgId, repId: options.repId, day });
  if (
    team &&
    (team.managerId === options.actor.personId || team.leaderId === options.actor.personId)
  ) {
    return 'manager';
  }
  throw new AppError('FORBIDDEN', "Only the rep and the rep's manager agree on a goal.");
}

/** Who made the standing proposal; null for a goal that came by import (no proposer). */
export function proposerSide(goal: GoalView): GoalSide | null {
  if (goal.proposedBy === null) return null;
  return goal.proposedBy === goal.personId ? 'rep' : 'manager';
}

/** Who proposed the change waiting beside an agreed goal; null when none waits. */
export function changeProposerSide(goal: GoalView): GoalSide | null {
  if (goal.pendingChange === null) return null;
  return goal.pendingChange.proposedBy === goal.personId ? 'rep' : 'manager';
}

/** The goal, row-locked so that two answers to one proposal serialize. */
export async function lockGoal(
  db: Queryable,
  options: { orgId: string; goalId: string },
): Promise<GoalView> {
  const [goal] = await db.query<GoalRow>(
    `select ${goalColumns} from goal g where g.org_id = $1 and g.id = $2 for update`,
    [options.orgId, options.goalId],
  );
  if (!goal) throw new AppError('NOT_FOUND', 'No such goal.');
  return goalView(goal);
}

/**
 * Records one step of the agreement's history, strictly after the goal's previous step:
 * two steps at the same clock instant (an injected clock, or two within a millisecond)
 * would otherwise tie on `at`, and nothing else in the row tells which came first. The
 * caller holds the goal's row lock (`lockGoal`), so the steps of one goal are serialized
 * and the latest `at` read here is the latest there is. A microsecond is below what the
 * API shows (instants are returned in milliseconds), so the recorded time reads the same.
 */
export async function recordGoalEvent(
  db: Queryable,
  options: {
    orgId: string;
    goalId: string;
    action: (typeof goalEventActions)[number];
    target: number;
    actorId: string;
    now: Date;
  },
): Promise<void> {
  await db.query(
    `insert into goal_event (org_id, goal_id, action, target, actor_id, at)
     select $1, $2, $3, $4, $5, greatest($6::timestamptz, max(e.at) + interval '1 microsecond')
       from goal_event e where e.org_id = $1 and e.goal_id = $2`,
    [
      options.orgId,
      options.goalId,
      options.action,
      options.target,
      options.actorId,
      options.now.toISOString(),
    ],
  );
}

/**
 * One step of the agreement on the locked goal: `set` updates its row (SQL assignments: $1 is
 * the organization, $2 the goal, `params` follow from $3), and the step joins its history.
 */
export async function stepGoal(
  db: Queryable,
  options: Parameters<typeof recordGoalEvent>[1] & { set: string; params?: readonly unknown[] },
): Promise<GoalView> {
  const [row] = await db.query<GoalRow>(
    `update goal g set ${options.set} where g.org_id = $1 and g.id = $2 returning ${goalColumns}`,
    [options.orgId, options.goalId, ...(options.params ?? [])],
  );
  if (!row) throw new AppError('NOT_FOUND', 'No such goal.');
  await recordGoalEvent(db, options);
  return goalView(row);
}

export function assertTarget(target: number): void {
  if (!Number.isSafeInteger(target) || target < 0) {
    throw new AppError('VALIDATION_FAILED', 'A target is a whole, non-negative number.', {
      issues: [
        { field: 'body.target', value: String(target), reason: 'not a non-negative integer' },
      ],
    });
  }
}
