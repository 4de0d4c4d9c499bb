import type { Database } from '../db/database.js';
import type { Actor } from '../meetings/meeting-records.js';
import { assertTarget, sideOf } from './goal-sides.js';
import type { GoalView } from './goal-view.js';
import { type ProposeGoalOptions, proposeGoal } from './propose-goal.js';

/**
 * `proposeGoal` with the agreement's rule checked: only the rep or the rep's manager (or
 * leader) proposes a rep's goal. The other side then accepts, counters or rejects it.
 */
export async function proposeGoalForRep(
  db: Database,
  options: { orgId: string; actor: Actor; goal: ProposeGoalOptions['goal']; now: Date },
): Promise<GoalView> {
  assertTarget(options.goal.target);
  await sideOf(db, {
    orgId: options.orgId,
    repId: options.goal.personId,
    actor: options.actor,
    now: options.now,
  });
  return proposeGoal(db, {
    orgId: options.orgId,
    actorId: options.actor.personId,
    goal: options.goal,
    now: options.now,
  });
}
