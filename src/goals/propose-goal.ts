import type { Database } from '../db/database.js';
import type { goalMetrics, periodKinds } from '../db/schema/pipeline.js';
import { conflictOrRethrow } from '../organization/unique-violation.js';
import { AppError } from '../shared/app-error.js';
import { type GoalRow, type GoalView, goalColumns, goalView } from './goal-view.js';

export interface ProposeGoalOptions {
  orgId: string;
  actorId: string;
  goal: {
    personId: string;
    metric: (typeof goalMetrics)[number];
    activityKind?: string | undefined;
    periodKind: (typeof periodKinds)[number];
    periodStart: string;
    target: number;
  };
  now: Date;
}

/**
 * A goal proposed by the rep or their manager: it is `proposed` until the other side accepts
 * (the accept/counter workflow is a later issue). Its history starts with this proposal.
 */
export async function proposeGoal(db: Database, options: ProposeGoalOptions): Promise<GoalView> {
  const g = options.goal;
  const activityKind = g.metric === 'activity' ? (g.activityKind ?? '') : '';
  if (g.metric === 'activity' && activityKind === '') {
    throw new AppError('VALIDATION_FAILED', 'activityKind: required for an activity goal.', {
      issues: [{ field: 'body.activityKind', reason: 'required for an activity goal' }],
    });
  }
  return db.transaction(async (tx) => {
    let id = '';
    try {
      const [row] = await tx.query<{ id: string }>(
        `insert into goal (org_id, person_id, metric, activity_kind, period_kind, period_start, target,
                           status, proposed_by, proposed_at)
         values ($1, $2, $3, $4, $5, $6, $7, 'proposed', $8, $9) returning id`,
        [
          options.orgId,
          g.personId,
          g.metric,
          activityKind,
          g.periodKind,
          g.periodStart,
          g.target,
          options.actorId,
          options.now.toISOString(),
        ],
      );
      id = row?.id ?? '';
    } catch (error: unknown) {
      conflictOrRethrow(error, 'A goal for this person, metric and period already exists.');
    }
    await tx.query(
      `insert into goal_event (org_id, goal_id, action, target, actor_id, at) values ($1, $2, 'proposed', $3, $4, $5)`,
      [options.orgId, id, g.target, options.actorId, options.now.toISOString()],
    );
    const [goal] = await tx.query<GoalRow>(
      `select ${goalColumns} from goal g where g.org_id = $1 and g.id = $2`,
      [options.orgId, id],
    );
    if (!goal) throw new AppError('NOT_FOUND', 'No such goal.');
    return goalView(goal);
  });
}
