/**
 * TEST ONLY: one rep's agenda facts as they were loaded before they became one statement
 * (sixteen queries, each with its own parameters), kept as they were as the independent
 * reference that load-rep-facts.test.ts compares the one-statement loader with. Nothing
 * outside the tests imports it.
 */
import { NOTED_IDS } from '../../core/data-quality.js';
import { addDays, addMonths, monthOf } from '../../core/days.js';
import type {
  ActivityCountFact,
  ActivityPeriodFact,
  ClosedFact,
  Day,
  GoalFact,
  MonthFact,
  OpportunityFact,
  OpportunityState,
  RepFacts,
  ScheduledActivityFact,
  StageFact,
  TeamFacts,
  TeamMemberResult,
  WonWithoutAmountFact,
} from '../../core/facts.js';
import { AppError } from '../../shared/app-error.js';
import type { Queryable } from '../database.js';
import { atEnd, changedSince, dayStart, ownedUntilLater, tracked, valueAt } from './as-of-state.js';
import type { OrgContext } from './org-context.js';
import { monthFacts } from './rep-month-queries.js';

interface LoadRepFactsOptions {
  org: OrgContext;
  personId: string;
  /** The org-local day the agenda is prepared for. */
  asOf: Day;
  /** Measure movement from this day instead of the last held 1:1. */
  since?: Day;
}

/** Months of history the results need: the trend covers 12 periods, YTD up to 12 more. */
const historyMonths = 24;
/** With no 1:1 ever held and no `since`, movement covers the 30 days before `asOf`. */
const defaultSinceDays = 30;

/**
 * Everything the core needs for one rep's agenda, in a handful of indexed queries. Independent
 * queries run concurrently (a PostgreSQL pool spreads them; PGlite runs them in turn).
 */
export async function loadRepFactsInParts(
  db: Queryable,
  options: LoadRepFactsOptions,
): Promise<RepFacts> {
  const { org, personId, asOf } = options;
  const scope = { orgId: org.orgId, personId, timeZone: org.timeZone };
  // One round trip for the three facts everything else waits on.
  const [[person], lastMeeting, teamRow] = await Promise.all([
    db.query<{ id: string; name: string }>(
      'select id, name from person where org_id = $1 and id = $2',
      [org.orgId, personId],
    ),
    rep.lastHeldMeeting(db, scope, asOf),
    team.teamOn(db, scope, asOf),
  ]);
  if (!person) throw new AppError('NOT_FOUND', 'No such person.');

  const asOfMonth = monthOf(asOf);
  const firstMonth = addMonths(asOfMonth, -(historyMonths - 1));
  const lastMonth = addMonths(asOfMonth, org.settings.coverageHorizonMonths - 1);
  const reviewMonth = addMonths(asOfMonth, -1);
  const yearAgo = addDays(asOf, -365);

  const since = options.since ?? lastMeeting?.day ?? addDays(asOf, -defaultSinceDays);

  const reviewFrom = `${reviewMonth}-01`;
  const reviewTo = `${asOfMonth}-01`;
  const [goals, months, stages, opportunities, closed, activity, teamFacts, wonWithoutAmount] =
    await Promise.all([
      rep.goals(db, scope, `${addMonths(firstMonth, -12)}-01`, `${addMonths(lastMonth, 13)}-01`),
      rep.months(db, scope, { firstMonth, lastMonth, asOf }),
      rep.stages(db, org.orgId),
      rep.opportunities(db, scope, { since, asOf }),
      rep.closed(db, scope, yearAgo, addDays(asOf, 1)),
      rep.activity(db, scope, {
        since,
        asOf,
        firstMonth: addMonths(asOfMonth, -11),
        aheadDays: org.settings.calendarAheadDays,
      }),
      teamRow
        ? loadTeamFacts(db, {
            org,
            teamId: teamRow.id,
            teamName: teamRow.name,
            reviewMonth,
            since,
            asOf,
            yearAgo,
          })
        : Promise.resolve(null),
      rep.wonWithoutAmount(db, scope, reviewFrom, reviewTo),
    ]);

  return {
    person,
    team: teamFacts,
    asOf,
    lastMeeting,
    since,
    goals,
    months,
    stages,
    opportunities,
    closed,
    activitySince: activity.since,
    activityByMonth: activity.byMonth,
    scheduled: activity.scheduled,
    wonWithoutAmount,
  };
}

async function loadTeamFacts(
  db: Queryable,
  options: {
    org: OrgContext;
    teamId: string;
    teamName: string;
    reviewMonth: string;
    since: Day;
    asOf: Day;
    yearAgo: Day;
  },
) {
  const { org, teamId, reviewMonth } = options;
  const monthRange = (month: string) => ({
    orgId: org.orgId,
    teamId,
    timeZone: org.timeZone,
    monthStart: `${month}-01`,
    monthEnd: `${addMonths(month, 1)}-01`,
  });
  const [current, previous, comparisons] = await Promise.all([
    team.teamMonthResults(db, monthRange(reviewMonth)),
    team.teamMonthResults(db, monthRange(addMonths(reviewMonth, -1))),
    team.teamComparisons(db, {
      orgId: org.orgId,
      teamId,
      timeZone: org.timeZone,
      since: options.since,
      asOf: options.asOf,
      yearAgo: options.yearAgo,
    }),
  ]);
  return { teamId, teamName: options.teamName, current, previous, ...comparisons };
}

/**
 * The SQL behind one rep's facts. Every query is scoped by (org_id, person) and served by an
 * index that leads with them, so its cost grows with the rep's own data, not the org's.
 * Days are org-local: `$tz` turns a day into the instant it starts (`day::timestamp at time
 * zone tz`) and an instant into its day (`(at at time zone tz)::date`).
 */
interface RepScope {
  orgId: string;
  personId: string;
  timeZone: string;
}

async function lastHeldMeeting(db: Queryable, scope: RepScope, asOf: Day) {
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

async function goals(db: Queryable, scope: RepScope, from: Day, to: Day) {
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
async function months(
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

async function stages(db: Queryable, orgId: string): Promise<StageFact[]> {
  return db.query<StageFact>(
    `select id, name, position as "order", kind, probability
       from stage where org_id = $1 order by position`,
    [orgId],
  );
}

/**
 * The rep's opportunities as they stood at the end of `asOf`: open then, or closed in
 * [since, end of asOf]; each with its state at `since` too. A state at an instant is rebuilt
 * from the first change after it (its old value), or is the state now when nothing changed
 * since: only the events after `since` are read. Opportunities created after `asOf` are left
 * out, and ones the rep owned then but someone else owns now are in (found through the
 * owner changes after `asOf`, a small partial index). The probability override, name and
 * account have no history: they are today's.
 */
async function opportunities(
  db: Queryable,
  scope: RepScope,
  window: { since: Day; asOf: Day },
): Promise<OpportunityFact[]> {
  const since = dayStart('$4');
  const end = dayStart('$5::date + 1');
  const rows = await db.query<
    {
      id: string;
      name: string;
      account: string | null;
      amount: number;
      stage_id: string;
      owner_id: string;
      status: string;
      probability: number | null;
      close_date: string | null;
      created_day: string;
      closed_day: string | null;
      closed_by_end: boolean;
      closed_since: boolean;
      last_change_day: string;
      existed: boolean;
    } & Record<`${(typeof tracked)[number]}_${'then' | 'at'}`, string | null> &
      Record<`${(typeof tracked)[number]}_${'changed' | 'later'}`, boolean>
  >(
    `with candidates as (
       select o.id from opportunity o where o.org_id = $1 and o.owner_id = $2
       union
       ${ownedUntilLater('$5')}
     )
     select o.id, o.name, o.account, o.amount, o.stage_id, o.owner_id, o.status, o.probability,
            o.close_date,
            (o.created_at at time zone $3)::date as created_day,
            (o.closed_at at time zone $3)::date as closed_day,
            coalesce(o.closed_at < ${end}, false) as closed_by_end,
            coalesce(o.closed_at >= ${since} and o.closed_at < ${end}, false) as closed_since,
            (case when o.last_changed_at < ${end} then o.last_changed_at
                  else coalesce((select max(h.observed_at) from opportunity_event h
                                  where h.org_id = o.org_id and h.opportunity_id = o.id
                                    and h.field in (${tracked.map((f) => `'${f}'`).join(', ')})
                                    and h.observed_at < ${end}), o.created_at)
              end at time zone $3)::date as last_change_day,
            o.created_at < ${since} as existed,
            ${tracked
              .map(
                (f) => `coalesce(e.${f}_changed, false) as ${f}_changed, e.${f}_then,
            coalesce(e.${f}_later, false) as ${f}_later, e.${f}_at`,
              )
              .join(',\n            ')}
       from candidates c
       join opportunity o on o.org_id = $1 and o.id = c.id
       left join lateral (
         select ${tracked
           .map(
             (f) => `${changedSince(f, since)} as ${f}_changed, ${valueAt(f, since)} as ${f}_then,
                ${changedSince(f, end)} as ${f}_later, ${valueAt(f, end)} as ${f}_at`,
           )
           .join(',\n                ')}
           from opportunity_event ev
          where ev.org_id = o.org_id and ev.opportunity_id = o.id
            and ev.observed_at >= least(${since}, ${end})
       ) e on true
      where o.created_at < ${end} and (o.status = 'open' or o.closed_at >= least(${since}, ${end}))`,
    [scope.orgId, scope.personId, scope.timeZone, window.since, window.asOf],
  );
  return rows.flatMap((r): OpportunityFact[] => {
    // At the end of asOf: the value then when it changed later, else the value now.
    const ownerAtEnd = r.owner_later ? r.owner_at : r.owner_id;
    const statusAtEnd = r.status_later ? r.status_at : r.status;
    if (ownerAtEnd !== scope.personId) return [];
    if (statusAtEnd !== 'open' && !r.closed_since) return [];
    const now: OpportunityState = {
      stageId: r.stage_later ? (r.stage_at ?? r.stage_id) : r.stage_id,
      amount: r.amount_later ? Number(r.amount_at ?? r.amount) : r.amount,
      closeDate: r.close_date_later ? r.close_date_at : r.close_date,
    };
    // At `since`: the first change after it, else the value now (nothing changed since).
    const ownedThen = (r.owner_changed ? r.owner_then : r.owner_id) === scope.personId;
    return [
      {
        id: r.id,
        name: r.name,
        account: r.account,
        ...now,
        probability: r.probability,
        createdDay: r.created_day,
        closedDay: statusAtEnd !== 'open' && r.closed_by_end ? r.closed_day : null,
        lastChangeDay: r.last_change_day,
        before:
          r.existed && ownedThen
            ? {
                stageId: r.stage_changed ? (r.stage_then ?? r.stage_id) : r.stage_id,
                amount: r.amount_changed ? Number(r.amount_then ?? r.amount) : r.amount,
                closeDate: r.close_date_changed ? r.close_date_then : r.close_date,
              }
            : null,
      },
    ];
  });
}

/**
 * Won deals closed in [from, to) that were imported without an amount: their count and the
 * first NOTED_IDS external ids. A partial index holds only such deals, so clean data costs
 * one empty index probe.
 */
async function wonWithoutAmount(
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
async function closed(db: Queryable, scope: RepScope, from: Day, to: Day): Promise<ClosedFact> {
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

async function activity(
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

/**
 * Bookings against the monthly bookings goal of everyone who was on the team during the
 * month: rankings use the team at the time, not today's.
 */
async function teamMonthResults(
  db: Queryable,
  options: { orgId: string; teamId: string; timeZone: string; monthStart: Day; monthEnd: Day },
): Promise<TeamMemberResult[]> {
  return db.query<TeamMemberResult>(
    `with members as (
       select distinct m.person_id
         from team_membership m
        where m.org_id = $1 and m.team_id = $2
          and m.valid_from < $5::date and (m.valid_to is null or m.valid_to > $4::date)
     )
     select p.id as "personId", p.name,
            coalesce((select sum(o.amount) from opportunity o
                       where o.org_id = $1 and o.owner_id = p.id and o.status = 'won'
                         and o.closed_at >= ${dayStart('$4')} and o.closed_at < ${dayStart('$5')}), 0)
          + coalesce((select sum(r.amount) from result_entry r
                       where r.org_id = $1 and r.person_id = p.id
                         and r.day >= $4::date and r.day < $5::date), 0) as actual,
            (select g.target from goal g
              where g.org_id = $1 and g.person_id = p.id and g.metric = 'bookings'
                and g.activity_kind = '' and g.period_kind = 'month' and g.period_start = $4::date
                and g.status <> 'rejected') as goal
       from members join person p on p.org_id = $1 and p.id = members.person_id
      order by p.id`,
    [options.orgId, options.teamId, options.timeZone, options.monthStart, options.monthEnd],
  );
}

const rep = {
  lastHeldMeeting,
  goals,
  months,
  stages,
  opportunities,
  closed,
  activity,
  wonWithoutAmount,
};
const team = { teamOn, teamMonthResults, teamComparisons };

/** The team a person belongs to on `day` (memberships have valid-from/valid-to). */
async function teamOn(db: Queryable, scope: RepScope, day: Day) {
  const [row] = await db.query<{ id: string; name: string }>(
    `select t.id, t.name
       from team_membership m join team t on t.org_id = m.org_id and t.id = m.team_id
      where m.org_id = $1 and m.person_id = $2 and m.valid_from <= $3
        and (m.valid_to is null or m.valid_to > $3)
      order by m.valid_from desc limit 1`,
    [scope.orgId, scope.personId, day],
  );
  return row ?? null;
}

/** The team's comparison figures: deal size, cycle, and what each member did since a day. */
async function teamComparisons(
  db: Queryable,
  options: { orgId: string; teamId: string; timeZone: string; since: Day; asOf: Day; yearAgo: Day },
): Promise<
  Pick<
    TeamFacts,
    'averageDealSize' | 'createdSinceByMember' | 'activitySinceByMember' | 'medianCycleDays'
  >
> {
  const params = [options.orgId, options.teamId, options.timeZone, options.since, options.asOf];
  const members = `select distinct m.person_id from team_membership m
                    where m.org_id = $1 and m.team_id = $2 and m.valid_from <= $5::date
                      and (m.valid_to is null or m.valid_to > $5::date)`;
  const [won, created, activity] = await Promise.all([
    db.query<{ average: number | null; median_cycle: number | null }>(
      `select avg(o.amount) as average,
              percentile_cont(0.5) within group (order by
                (o.closed_at at time zone $3)::date - (o.created_at at time zone $3)::date)
                as median_cycle
         from opportunity o
        where o.org_id = $1 and o.owner_id in (${members}) and o.status = 'won'
          and o.closed_at >= ${dayStart('$4')} and o.closed_at < ${dayStart('$5::date + 1')}`,
      [options.orgId, options.teamId, options.timeZone, options.yearAgo, options.asOf],
    ),
    // Counted for whoever owned each deal at the end of `asOf` (an agenda of a past day).
    db.query<{ person_id: string; n: number }>(
      `with created as (
         select case when l.owner_later then l.owner_at else o.owner_id::text end as owner_id
           from opportunity o
           left join lateral (${atEnd(['owner'], 'o', '$5')}) l on true
          where o.org_id = $1
            and (o.owner_id in (${members})
                 or o.id in (${ownedUntilLater('$5', `select person_id::text from (${members}) m`)}))
            and o.created_at >= ${dayStart('$4')} and o.created_at < ${dayStart('$5::date + 1')}
       )
       select mem.person_id, count(c.owner_id) as n
         from (${members}) mem
         left join created c on c.owner_id = mem.person_id::text
        group by mem.person_id`,
      params,
    ),
    db.query<{ person_id: string; kind: string; n: number }>(
      `select a.person_id, a.kind, sum(a.count) as n
         from activity a
        where a.org_id = $1 and a.person_id in (${members})
          and a.occurred_at >= ${dayStart('$4')} and a.occurred_at < ${dayStart('$5::date + 1')}
        group by 1, 2`,
      params,
    ),
  ]);
  const average = won[0]?.average;
  const medianCycle = won[0]?.median_cycle;
  return {
    averageDealSize: average === null || average === undefined ? null : Math.round(average),
    medianCycleDays: medianCycle === null || medianCycle === undefined ? null : medianCycle,
    createdSinceByMember: created.map((r) => r.n),
    activitySinceByMember: activity.map((r) => ({
      personId: r.person_id,
      kind: r.kind,
      count: r.n,
    })),
  };
}
