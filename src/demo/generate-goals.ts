import { addDays, localInstant } from './demo-calendar.js';
import { bookingsGoal, type DemoContext, repStartDay } from './demo-context.js';
import type { DemoRows } from './demo-rows.js';
import { type RepProfile, reps } from './profiles.js';
import { demoId, roundToHundredDollars } from './random.js';

/** Monthly activity targets every rep agreed to; the anemic rep's gap shows against them. */
const activityTargets = { call: 200, meeting: 12 } as const;

interface GoalSpec {
  metric: 'bookings' | 'pipeline_value' | 'pipeline_count' | 'activity';
  activityKind: string;
  target: number;
}

/**
 * Goals from 12 months back to 3 months ahead, each proposed by the rep ten days before its
 * month and accepted by the manager two days later (so `agreed_by` is the manager), with the
 * events that record it. The one pending goal goes the other way: the manager proposed it.
 */
export function generateGoals(ctx: DemoContext, rows: DemoRows): void {
  for (const rep of reps) {
    for (let offset = -12; offset <= 3; offset += 1) {
      const bookings = bookingsGoal(ctx.calendar, rep, offset);
      if (bookings === null) continue;
      const specs: GoalSpec[] = [
        { metric: 'bookings', activityKind: '', target: bookings },
        // New pipeline to create each month: 2.5× the bookings goal, in deals of the usual size.
        {
          metric: 'pipeline_value',
          activityKind: '',
          target: roundToHundredDollars(bookings * 2.5),
        },
        {
          metric: 'pipeline_count',
          activityKind: '',
          target: Math.max(2, Math.round((bookings * 2.5) / rep.averageDeal)),
        },
        { metric: 'activity', activityKind: 'call', target: activityTargets.call },
        { metric: 'activity', activityKind: 'meeting', target: activityTargets.meeting },
      ];
      for (const spec of specs) addGoal({ ctx, rows, rep, offset, spec });
    }
  }
}

function addGoal(options: {
  ctx: DemoContext;
  rows: DemoRows;
  rep: RepProfile;
  offset: number;
  spec: GoalSpec;
}): void {
  const { ctx, rows, rep, offset, spec } = options;
  const { calendar } = ctx;
  const periodStart = calendar.monthStart(offset);
  const id = demoId(`goal:${rep.key}:${spec.metric}:${spec.activityKind}:${offset}`);
  const managerId = ctx.personId(ctx.managerKey(rep));
  const repId = ctx.personId(rep.key);
  // Proposed before the month starts, but never before the rep joined or after today.
  let proposedDay = addDays(periodStart, -10);
  const start = repStartDay(calendar, rep);
  if (proposedDay < start) proposedDay = start;
  if (proposedDay > addDays(calendar.today, -4)) proposedDay = addDays(calendar.today, -4);
  const proposedAt = localInstant(proposedDay, '16:00', calendar.timeZone);
  const agreedAt = localInstant(addDays(proposedDay, 2), '11:30', calendar.timeZone);
  // One rep has not agreed next month's number yet: the 1:1 must show it as a proposal.
  const pending = rep.nextGoalProposed === true && offset === 1 && spec.metric === 'bookings';
  rows.goal.push({
    org_id: ctx.orgId,
    id,
    person_id: repId,
    metric: spec.metric,
    activity_kind: spec.activityKind,
    period_kind: 'month',
    period_start: periodStart,
    target: spec.target,
    status: pending ? 'proposed' : 'agreed',
    proposed_by: pending ? managerId : repId,
    proposed_at: proposedAt,
    agreed_by: pending ? null : managerId,
    agreed_at: pending ? null : agreedAt,
  });
  const event = (action: string, actor: string, at: string) =>
    rows.goal_event.push({
      org_id: ctx.orgId,
      id: demoId(`goal-event:${id}:${action}`),
      goal_id: id,
      action,
      target: spec.target,
      actor_id: actor,
      at,
    });
  event('proposed', pending ? managerId : repId, proposedAt);
  if (!pending) event('accepted', managerId, agreedAt);
}
