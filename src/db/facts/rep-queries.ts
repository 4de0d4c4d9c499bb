import { NOTED_IDS } from '../../core/data-quality.js';
import { addMonths } from '../../core/days.js';
import type {
  ActivityCountFact,
  ActivityPeriodFact,
  ClosedFact,
  Day,
  GoalFact,
  MonthFact,
  OpportunityFact,
  ScheduledActivityFact,
  StageFact,
  WonWithoutAmountFact,
} from '../../core/facts.js';
import type { Queryable } from '../database.js';

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

const dayStart = (param: string) => `((${param})::date::timestamp at time zone $3)`;

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

/** Bookings (won opportunities and imported results) and created pipeline per month. */
export async function months(
  db: Queryable,
  scope: RepScope,
  range: { firstMonth: string; lastMonth: string },
): Promise<MonthFact[]> {
  const from = `${range.firstMonth}-01`;
  const to = `${addMonths(range.lastMonth, 1)}-01`;
  const rows = await db.query<{ what: string; month: string; value: number; n: number }>(
    `select 'won' as what, to_char(closed_at at time zone $3, 'YYYY-MM') as month,
            sum(amount) as value, count(*) as n
       from opportunity
      where org_id = $1 and owner_id = $2 and status = 'won'
        and closed_at >= ${dayStart('$4')} and closed_at < ${dayStart('$5')}
      group by 2
     union all
     select 'created', to_char(created_at at time zone $3, 'YYYY-MM'), sum(amount), count(*)
       from opportunity
      where org_id = $1 and owner_id = $2
        and created_at >= ${dayStart('$4')} and created_at < ${dayStart('$5')}
      group by 2
     union all
     select 'result', to_char(day, 'YYYY-MM'), sum(amount), count(*)
       from result_entry
      where org_id = $1 and person_id = $2 and day >= $4::date and day < $5::date
      group by 2`,
    [scope.orgId, scope.personId, scope.timeZone, from, to],
  );
  const byMonth = new Map<string, MonthFact>();
  for (let m = range.firstMonth; m <= range.lastMonth; m = addMonths(m, 1)) {
    byMonth.set(m, { month: m, bookings: 0, createdValue: 0, createdCount: 0 });
  }
  for (const row of rows) {
    const fact = byMonth.get(row.month);
    if (!fact) continue;
    if (row.what === 'created') {
      fact.createdValue += row.value;
      fact.createdCount += row.n;
    } else {
      fact.bookings += row.value;
    }
  }
  return [...byMonth.values()];
}

export async function stages(db: Queryable, orgId: string): Promise<StageFact[]> {
  return db.query<StageFact>(
    `select id, name, position as "order", kind, probability
       from stage where org_id = $1 order by position`,
    [orgId],
  );
}

/**
 * Opportunities open now or closed since `since`, each with its state at `since`. The state
 * then is read from the first change after `since` (its old value); with no change after,
 * the state then is the state now. That needs only the events since the last 1:1.
 */
export async function opportunities(
  db: Queryable,
  scope: RepScope,
  since: Day,
): Promise<OpportunityFact[]> {
  const rows = await db.query<{
    id: string;
    name: string;
    account: string | null;
    amount: number;
    stage_id: string;
    probability: number | null;
    close_date: string | null;
    created_day: string;
    closed_day: string | null;
    last_change_day: string;
    existed: boolean;
    stage_changed: boolean;
    stage_then: string | null;
    amount_changed: boolean;
    amount_then: string | null;
    close_changed: boolean;
    close_then: string | null;
    owner_changed: boolean;
    owner_then: string | null;
  }>(
    `select o.id, o.name, o.account, o.amount, o.stage_id, o.probability, o.close_date,
            (o.created_at at time zone $3)::date as created_day,
            (o.closed_at at time zone $3)::date as closed_day,
            (o.last_changed_at at time zone $3)::date as last_change_day,
            o.created_at < ${dayStart('$4')} as existed,
            coalesce(e.stage_changed, false) as stage_changed, e.stage_then,
            coalesce(e.amount_changed, false) as amount_changed, e.amount_then,
            coalesce(e.close_changed, false) as close_changed, e.close_then,
            coalesce(e.owner_changed, false) as owner_changed, e.owner_then
       from opportunity o
       left join lateral (
         select bool_or(field = 'stage') as stage_changed,
                (array_agg(old_value order by observed_at, id) filter (where field = 'stage'))[1]
                  as stage_then,
                bool_or(field = 'amount') as amount_changed,
                (array_agg(old_value order by observed_at, id) filter (where field = 'amount'))[1]
                  as amount_then,
                bool_or(field = 'close_date') as close_changed,
                (array_agg(old_value order by observed_at, id)
                   filter (where field = 'close_date'))[1] as close_then,
                bool_or(field = 'owner') as owner_changed,
                (array_agg(old_value order by observed_at, id) filter (where field = 'owner'))[1]
                  as owner_then
           from opportunity_event ev
          where ev.org_id = o.org_id and ev.opportunity_id = o.id
            and ev.observed_at >= ${dayStart('$4')}
       ) e on true
      where o.org_id = $1 and o.owner_id = $2
        and (o.status = 'open' or o.closed_at >= ${dayStart('$4')})`,
    [scope.orgId, scope.personId, scope.timeZone, since],
  );
  return rows.map((r): OpportunityFact => {
    const ownedThen = r.owner_changed ? r.owner_then === scope.personId : true;
    return {
      id: r.id,
      name: r.name,
      account: r.account,
      amount: r.amount,
      stageId: r.stage_id,
      probability: r.probability,
      closeDate: r.close_date,
      createdDay: r.created_day,
      closedDay: r.closed_day,
      lastChangeDay: r.last_change_day,
      before:
        r.existed && ownedThen
          ? {
              stageId: r.stage_changed ? (r.stage_then ?? r.stage_id) : r.stage_id,
              amount: r.amount_changed ? Number(r.amount_then ?? r.amount) : r.amount,
              closeDate: r.close_changed ? r.close_then : r.close_date,
            }
          : null,
    };
  });
}

/**
 * Won deals closed in [from, to) that were imported without an amount: their count and the
 * first NOTED_IDS external ids. A partial index holds only such deals, so clean data costs
 * one empty index probe.
 */
export async function wonWithoutAmount(
  db: Queryable,
  scope: RepScope,
  from: Day,
  to: Day,
): Promise<WonWithoutAmountFact> {
  const rows = await db.query<{ external_id: string | null; total: number }>(
    `select external_id, count(*) over ()::int8 as total
       from opportunity
      where org_id = $1 and owner_id = $2 and status = 'won' and amount_missing
        and closed_at >= ${dayStart('$4')} and closed_at < ${dayStart('$5')}
      order by external_id limit ${NOTED_IDS}`,
    [scope.orgId, scope.personId, scope.timeZone, from, to],
  );
  return {
    count: rows[0]?.total ?? 0,
    externalIds: rows.flatMap((r) => (r.external_id === null ? [] : [r.external_id])),
  };
}

/** Won and lost over [from, to): win rate, cycle and velocity. */
export async function closed(
  db: Queryable,
  scope: RepScope,
  from: Day,
  to: Day,
): Promise<ClosedFact> {
  const [row] = await db.query<{
    won_count: number;
    lost_count: number;
    won_value: number;
    won_cycle_days: number;
  }>(
    `select count(*) filter (where status = 'won') as won_count,
            count(*) filter (where status = 'lost') as lost_count,
            coalesce(sum(amount) filter (where status = 'won'), 0) as won_value,
            coalesce(sum((closed_at at time zone $3)::date - (created_at at time zone $3)::date)
                       filter (where status = 'won'), 0) as won_cycle_days
       from opportunity
      where org_id = $1 and owner_id = $2
        and closed_at >= ${dayStart('$4')} and closed_at < ${dayStart('$5')}`,
    [scope.orgId, scope.personId, scope.timeZone, from, to],
  );
  return {
    wonCount: row?.won_count ?? 0,
    lostCount: row?.lost_count ?? 0,
    wonValue: row?.won_value ?? 0,
    wonCycleDays: row?.won_cycle_days ?? 0,
  };
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
