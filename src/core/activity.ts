import type { Activity, ActivityKind } from './agenda-schema.js';
import { attainmentOf, median } from './attainment.js';
import { addDays, dayInZone } from './days.js';
import type { RepFacts } from './facts.js';
import { findGoal } from './goals.js';
import { periodContaining, previousPeriod } from './periods.js';
import { elapsedFraction } from './proration.js';
import type { OrgSettings } from './settings.js';

export interface RepActivityOptions {
  facts: RepFacts;
  timeZone: string;
  settings: Pick<OrgSettings, 'proration' | 'calendarAheadDays'>;
}

/**
 * The team median of one activity kind since the comparison moment. Every member counts,
 * with 0 for a member who logged none of that kind: leaving them out would raise the median
 * exactly where the team is quiet. Members are the team's ranked list plus anyone who
 * logged activity. Null without a team.
 */
export function teamActivityMedian(options: {
  team: RepFacts['team'];
  kind: string;
}): number | null {
  const { team, kind } = options;
  if (!team) return null;
  const members = new Set([
    ...team.current.map((member) => member.personId),
    ...team.activitySinceByMember.map((row) => row.personId),
  ]);
  const counts = [...members].map((personId) =>
    team.activitySinceByMember
      .filter((row) => row.personId === personId && row.kind === kind)
      .reduce((sum, row) => sum + row.count, 0),
  );
  return median(counts);
}

/**
 * Activity by kind since the last 1:1 (against the team median) and per month: the last
 * complete month against the rep's monthly activity goal, and the month in progress with a
 * prorated goal and pace. Then the calendar ahead: activities scheduled after `asOf`, up to
 * `calendarAheadDays` days ahead (org-local days).
 */
export function repActivity(options: RepActivityOptions): Activity {
  const { facts, timeZone, settings } = options;
  const { asOf } = facts;
  // Activity goals are monthly whatever the fiscal calendar: a month is the same in any.
  const current = periodContaining({ day: asOf, kind: 'month', fiscalYearStartMonth: 1 });
  const review = previousPeriod(current, 1);
  const activityGoals = facts.goals.filter((goal) => goal.metric === 'activity');
  const kinds = [
    ...new Set([
      ...facts.activitySince.map((row) => row.kind),
      ...facts.activityByMonth
        .filter((row) => row.month === review.key || row.month === current.key)
        .map((row) => row.kind),
      ...activityGoals.flatMap((goal) => (goal.activityKind ? [goal.activityKind] : [])),
      ...(facts.team?.activitySinceByMember.map((row) => row.kind) ?? []),
    ]),
  ].sort();
  const monthCount = (month: string, kind: string) =>
    facts.activityByMonth
      .filter((row) => row.month === month && row.kind === kind)
      .reduce((sum, row) => sum + row.count, 0);
  const elapsed = elapsedFraction({ period: current, asOf, proration: settings.proration });
  const rows: ActivityKind[] = kinds.map((kind) => {
    const reviewGoal = findGoal({
      goals: activityGoals,
      metric: 'activity',
      period: review,
      activityKind: kind,
    });
    const currentGoal = findGoal({
      goals: activityGoals,
      metric: 'activity',
      period: current,
      activityKind: kind,
    });
    const reviewCount = monthCount(review.key, kind);
    const currentCount = monthCount(current.key, kind);
    const proratedGoal = currentGoal ? currentGoal.target * elapsed : null;
    return {
      kind,
      since: facts.activitySince
        .filter((row) => row.kind === kind)
        .reduce((sum, row) => sum + row.count, 0),
      teamMedian: teamActivityMedian({ team: facts.team, kind }),
      review: {
        count: reviewCount,
        goal: reviewGoal?.target ?? null,
        goalStatus: reviewGoal?.status ?? 'missing',
        attainment: attainmentOf(reviewCount, reviewGoal?.target),
      },
      current: {
        count: currentCount,
        goal: currentGoal?.target ?? null,
        proratedGoal,
        pace: attainmentOf(currentCount, proratedGoal),
      },
    };
  });
  const until = addDays(asOf, settings.calendarAheadDays);
  const items = facts.scheduled
    .map((item) => ({ ...item, day: dayInZone(item.occurredAt, timeZone) }))
    .filter((item) => item.day > asOf && item.day <= until)
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt))
    .map(({ day, occurredAt, kind, subject, opportunityName }) => ({
      day,
      occurredAt,
      kind,
      subject,
      opportunityName,
    }));
  return {
    since: facts.since,
    kinds: rows,
    calendarAhead: { from: addDays(asOf, 1), until, items },
  };
}
