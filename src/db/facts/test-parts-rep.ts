/**
 * TEST ONLY: the rep's own parts of test-rep-facts-in-parts.ts (its 1:1s, goals, months,
 * stages and activity; its deals are in test-parts-deals.ts).
 */

import { addDays, addMonths } from '../../core/days.js';
import type {
  ActivityCountFact,
  ActivityPeriodFact,
  Day,
  GoalFact,
  MonthFact,
  ScheduledActivityFact,
  StageFact,
} from '../../core/facts.js';
import type { Queryable } from '../database.js';
import { atEnd, dayStart, ownedUntilLater } from './as-of-state.js';
import { monthFacts } from './rep-month-queries.js';

/**
 * The SQL behind one rep's facts. Every query is scoped by (org_id, person) and served by an
 * index that leads with them, so its cost grows with the rep's own data, not the org's.
 * Days are org-local: `$tz` turns a day into the instant it starts (`day::timestamp at time
 * zone tz`) and an instant into its day (`(at at time zone tz)::date`).
 */
export interface RepScope {
  orgId: string;
  personId: string;
  timeZone: string;
}

export async function lastHeldMeeting(db: Queryable, scope: RepScope, asOf: Day) {
  const [row] = await db.query<{ held_at: string; day: string }>(
    `select held_at, (held_at at time zone $3)::date as day
       from meeting
      where org_id = $1 and rep_id = $2 and status = 'held'
        and held_at < ${dayStart('$4::date + 1')}
      order by held_at desc limit 1`,
    [scope.orgId, scope.personId, scope.timeZone, asOf],
  );
  return row ? { heldAt: row.held_at, day: row.day } : null;
}

export async function goals(db: Queryable, scope: RepScope, from: Day, to: Day) {
  const rows = await db.query<{
    metric: GoalFact['metric'];
    activity_kind: string;
    period_kind: GoalFact['periodKind'];
    period_start: string;
    target: number;
    status: GoalFact['status'];
  }>(
    `select metric, activity_kind, period_kind, period_start, target, status
       from goal
      where org_id = $1 and person_id = $2 and period_start >= $3 and period_start < $4`,
    [scope.orgId, scope.personId, from, to],
  );
  return rows.map(
    (r): GoalFact => ({
      metric: r.metric,
      activityKind: r.activity_kind === '' ? null : r.activity_kind,
      periodKind: r.period_kind,
      periodStart: r.period_start,
      target: r.target,
      status: r.status,
    }),
  );
}

/**
 * Bookings (won opportunities and imported results) and created pipeline per month, counted
 * as they stood at the end of `asOf`: the month of `asOf` is month to date, later months are
 * zeros, and a deal counts for whoever owned it then, at its amount then (see `atEnd`).
 */
export async function months(
  db: Queryable,
  scope: RepScope,
  range: { firstMonth: string; lastMonth: string; asOf: Day },
): Promise<MonthFact[]> {
  const from = `${range.firstMonth}-01`;
  const monthsEnd = `${addMonths(range.lastMonth, 1)}-01`;
  const to = range.asOf < monthsEnd ? addDays(range.asOf, 1) : monthsEnd;
  const inRange = (column: string) =>
    `(o.${column} >= ${dayStart('$4')} and o.${column} < ${dayStart('$5')})`;
  const rows = await db.query<{ what: string; month: string; value: number; n: number }>(
    `with deals as (
       select o.id, o.created_at, o.closed_at, o.owner_id::text as owner_id, o.amount, o.status,
              o.last_changed_at
         from opportunity o
        where o.org_id = $1 and o.owner_id = $2
          and (${inRange('created_at')} or ${inRange('closed_at')})
       union all
       select o.id, o.created_at, o.closed_at, o.owner_id::text, o.amount, o.status,
              o.last_changed_at
         from opportunity o
        where o.org_id = $1 and o.owner_id <> $2 and o.id in (${ownedUntilLater('$6')})
          and (${inRange('created_at')} or ${inRange('closed_at')})
     ), then_ as (
       select d.created_at, d.closed_at,
              case when l.owner_later then l.owner_at else d.owner_id end as owner_id,
              case when l.amount_later then l.amount_at::int8 else d.amount end as amount,
              case when l.status_later then l.status_at else d.status end as status
         from deals d
         left join lateral (${atEnd(['owner', 'amount', 'status'], 'd', '$6')}) l on true
     )
     select 'won' as what, to_char(closed_at at time zone $3, 'YYYY-MM') as month,
            sum(amount) as value, count(*) as n
       from then_
      where owner_id = $2::text and status = 'won'
        and closed_at >= ${dayStart('$4')} and closed_at < ${dayStart('$5')}
      group by 2
     union all
     select 'created', to_char(created_at at time zone $3, 'YYYY-MM'), sum(amount), count(*)
       from then_
      where owner_id = $2::text
        and created_at >= ${dayStart('$4')} and created_at < ${dayStart('$5')}
      group by 2
     union all
     select 'result', to_char(day, 'YYYY-MM'), sum(amount), count(*)
       from result_entry
      where org_id = $1 and person_id = $2 and day >= $4::date and day < $5::date
      group by 2`,
    [scope.orgId, scope.personId, scope.timeZone, from, to, range.asOf],
  );
  return monthFacts(rows, range.firstMonth, range.lastMonth);
}

export async function stages(db: Queryable, orgId: string): Promise<StageFact[]> {
  return db.query<StageFact>(
    `select id, name, position as "order", kind, probability
       from stage where org_id = $1 order by position`,
    [orgId],
  );
}

export async function activity(
  db: Queryable,
  scope: RepScope,
  window: { since: Day; asOf: Day; firstMonth: string; aheadDays: number },
): Promise<{
  since: ActivityCountFact[];
  byMonth: ActivityPeriodFact[];
  scheduled: ScheduledActivityFact[];
}> {
  const params = [scope.orgId, scope.personId, scope.timeZone];
  const [grouped, scheduled] = await Promise.all([
    db.query<{ what: string; month: string | null; kind: string; n: number }>(
      `select 'since' as what, null as month, kind, sum(count) as n
         from activity
        where org_id = $1 and person_id = $2
          and occurred_at >= ${dayStart('$4')} and occurred_at < ${dayStart('$5::date + 1')}
        group by kind
       union all
       select 'month', to_char(occurred_at at time zone $3, 'YYYY-MM'), kind, sum(count)
         from activity
        where org_id = $1 and person_id = $2
          and occurred_at >= ${dayStart('$6')} and occurred_at < ${dayStart('$5::date + 1')}
        group by 2, 3`,
      [...params, window.since, window.asOf, `${window.firstMonth}-01`],
    ),
    db.query<{
      kind: string;
      occurred_at: string;
      subject: string | null;
      opportunity: string | null;
    }>(
      `select a.kind, a.occurred_at, a.subject, o.name as opportunity
         from activity a
         left join opportunity o on o.org_id = a.org_id and o.id = a.opportunity_id
        where a.org_id = $1 and a.person_id = $2
          and a.occurred_at >= ${dayStart('$4::date + 1')}
          and a.occurred_at < ${dayStart('$4::date + 1 + $5::int')}
        order by a.occurred_at
        limit 50`,
      [...params, window.asOf, window.aheadDays],
    ),
  ]);
  return {
    since: grouped.filter((r) => r.what === 'since').map((r) => ({ kind: r.kind, count: r.n })),
    byMonth: grouped
      .filter((r) => r.what === 'month')
      .map((r) => ({ month: r.month ?? '', kind: r.kind, count: r.n })),
    scheduled: scheduled.map((r) => ({
      kind: r.kind,
      occurredAt: r.occurred_at,
      subject: r.subject,
      opportunityName: r.opportunity,
    })),
  };
}
