import { NOTED_IDS } from '../../core/data-quality.js';
import type { OpportunityFact, OpportunityState } from '../../core/facts.js';
import {
  closedAsOf,
  dayStart,
  ownedUntilLater,
  tracked,
  trackedEventColumns,
} from './as-of-state.js';

/**
 * The SQL behind one rep's facts, as parts of the one statement `loadRepFacts` sends. Every
 * part is scoped by (org_id, person) and served by an index that leads with them, so its cost
 * grows with the rep's own data, not the org's. Days are org-local: `$3` is the time zone;
 * `dayStart` turns a day into the instant it starts and `(at at time zone $3)::date` an
 * instant into its day.
 *
 * The statement's parameters (see `loadRepFacts`): $1 org, $2 rep, $3 time zone, $4 the
 * as-of day. Every other bound is an SQL expression handed in: a parameter, or for `since`
 * (which waits on the last held 1:1) a scalar subquery of the statement's own CTE.
 */
export interface RepScope {
  orgId: string;
  personId: string;
  timeZone: string;
}

/** The end of the as-of day: every fact stops there. */
export const endOfAsOf = dayStart('$4::date + 1');

/** An instant as `Database.query` gives it: ISO 8601 in UTC with milliseconds. */
export const isoInstant = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The last 1:1 held with the rep up to the end of the as-of day (0 or 1 row). */
export const lastHeldMeetingSql = `
  select held_at, (held_at at time zone $3)::date as day
    from meeting
   where org_id = $1 and rep_id = $2 and status = 'held' and held_at < ${endOfAsOf}
   order by held_at desc limit 1`;

/** The rep's goals whose period starts in [from, to), as a JSON array of GoalFact. */
export const goalsJson = (from: string, to: string) => `(
  select coalesce(json_agg(json_build_object(
           'metric', metric, 'activityKind', nullif(activity_kind, ''), 'periodKind', period_kind,
           'periodStart', period_start, 'target', target, 'status', status)
           order by period_start, period_kind, metric, activity_kind), '[]')
    from goal
   where org_id = $1 and person_id = $2 and period_start >= ${from} and period_start < ${to})`;

/** The organization's stages in their order, as a JSON array of StageFact. */
export const stagesJson = `(
  select coalesce(json_agg(json_build_object(
           'id', id, 'name', name, 'order', position, 'kind', kind, 'probability', probability)
           order by position), '[]')
    from stage where org_id = $1)`;

/**
 * A deal `o` (org-local days in zone $3) with what its events `e` (`trackedEventColumns`)
 * say of it at `since` and at `end`: the row `opportunityFacts` reads.
 */
export const opportunityAsOfColumns = (since: string, end: string) => `o.id, o.name, o.account,
       o.amount, o.stage_id, o.owner_id, o.status, o.probability, o.close_date,
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
         .join(',\n       ')}`;

/**
 * The rep's opportunities as they stood at the end of the as-of day: open then, or closed in
 * [since, end of as-of day]; each with its state at `since` too. A state at an instant is
 * rebuilt from the first change after it (its old value), or is the state now when nothing
 * changed since: only the events after `since` are read. Opportunities created after the
 * as-of day are left out, and ones the rep owned then but someone else owns now are in
 * (found through the owner changes after it, a small partial index). The probability
 * override, name and account have no history: they are today's. JSON rows; see
 * `opportunityFacts`.
 */
export const opportunitiesJson = (sinceDay: string) => {
  const since = dayStart(sinceDay);
  const end = endOfAsOf;
  // Open then means open now or closed since least(since, end): the rep's open deals and
  // their recently closed ones are two index ranges; the deals they owned then and someone
  // else owns now come from the owner changes after the as-of day.
  const wanted = `o.created_at < ${end} and (o.status = 'open' or o.closed_at >= least(${since}, ${end}))`;
  return `(
  with candidates as (
    select o.* from opportunity o
     where o.org_id = $1 and o.owner_id = $2 and o.status = 'open' and o.created_at < ${end}
    union all
    select o.* from opportunity o
     where o.org_id = $1 and o.owner_id = $2 and o.status <> 'open'
       and o.closed_at >= least(${since}, ${end}) and o.created_at < ${end}
    union all
    select o.* from opportunity o
     where o.org_id = $1 and o.owner_id <> $2 and o.id in (${ownedUntilLater('$4')}) and ${wanted}
  ), changes as (
    -- Only deals whose tracked fields changed since least(since, end) read their events: for
    -- the others every field is as it is now (the import raises last_changed_at on each
    -- change), and an aggregate of ordered array_aggs costs ~0.1 ms per deal even when empty.
    select c.id, e.*
      from candidates c
     cross join lateral (
        select ${trackedEventColumns(since, end)}
          from opportunity_event ev
         where ev.org_id = c.org_id and ev.opportunity_id = c.id
           and ev.observed_at >= least(${since}, ${end})
     ) e
     where c.last_changed_at >= least(${since}, ${end})
  ), opp as (
    select ${opportunityAsOfColumns(since, end)}
      from candidates o
      left join changes e on e.id = o.id
  )
  select coalesce(json_agg(opp order by opp.id), '[]') from opp)`;
};

export type OpportunityRow = {
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
  Record<`${(typeof tracked)[number]}_${'changed' | 'later'}`, boolean>;

/** The rows of `opportunitiesJson` the rep held at the end of the as-of day, as facts. */
export function opportunityFacts(rows: OpportunityRow[], personId: string): OpportunityFact[] {
  return rows.flatMap((r): OpportunityFact[] => {
    // At the end of asOf: the value then when it changed later, else the value now.
    const ownerAtEnd = r.owner_later ? r.owner_at : r.owner_id;
    const statusAtEnd = r.status_later ? r.status_at : r.status;
    if (ownerAtEnd !== personId) return [];
    if (statusAtEnd !== 'open' && !r.closed_since) return [];
    const now: OpportunityState = {
      stageId: r.stage_later ? (r.stage_at ?? r.stage_id) : r.stage_id,
      amount: r.amount_later ? Number(r.amount_at ?? r.amount) : r.amount,
      closeDate: r.close_date_later ? r.close_date_at : r.close_date,
    };
    // At `since`: the first change after it, else the value now (nothing changed since).
    const ownedThen = (r.owner_changed ? r.owner_then : r.owner_id) === personId;
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
 * first NOTED_IDS external ids (a WonWithoutAmountFact). A partial index holds only such
 * deals, so clean data costs one empty index probe.
 */
export const wonWithoutAmountJson = (from: string, to: string) => `(
  with noted as (
    select external_id, count(*) over () as total
      from opportunity
     where org_id = $1 and owner_id = $2 and status = 'won' and amount_missing
       and closed_at >= ${dayStart(from)} and closed_at < ${dayStart(to)}
     order by external_id limit ${NOTED_IDS}
  )
  select json_build_object(
           'count', coalesce(max(total), 0),
           'externalIds', coalesce(json_agg(external_id order by external_id)
                                     filter (where external_id is not null), '[]'))
    from noted)`;

/**
 * Won and lost from day `from` to the end of the as-of day (a ClosedFact), each deal as it
 * stood then (owner, amount and status; see `closedAsOf`).
 */
export const closedJson = (from: string) => `(
  select json_build_object(
           'wonCount', count(*) filter (where status = 'won'),
           'lostCount', count(*) filter (where status = 'lost'),
           'wonValue', coalesce(sum(amount) filter (where status = 'won'), 0),
           'wonCycleDays',
           coalesce(sum((closed_at at time zone $3)::date - (created_at at time zone $3)::date)
                      filter (where status = 'won'), 0))
    from (${closedAsOf({ owners: 'select $2::uuid', from: dayStart(from), to: endOfAsOf, asOf: '$4' })}) c)`;

/** Activity counts by kind from day `since` to the end of the as-of day (ActivityCountFact[]). */
export const activitySinceJson = (since: string) => `(
  select coalesce(json_agg(json_build_object('kind', kind, 'count', n) order by kind), '[]')
    from (select kind, sum(count) as n
            from activity
           where org_id = $1 and person_id = $2
             and occurred_at >= ${dayStart(since)} and occurred_at < ${endOfAsOf}
           group by kind) k)`;

/**
 * Activity counts by month and kind from day `from` (a month's first day) to the end of the
 * as-of day: the months before `asOfMonth` from the `rep_month_activity` rollup (an activity
 * counts by the day it occurred, which no later change moves), the as-of month from its
 * activities up to the end of the day. One JSON row per month and kind.
 */
export const activityByMonthJson = (from: string, asOfMonth: string) => `(
  select coalesce(json_agg(json_build_object('month', month, 'kind', kind, 'count', n)
                           order by month, kind), '[]')
    from (select to_char(month, 'YYYY-MM') as month, kind, count as n
            from rep_month_activity
           where org_id = $1 and person_id = $2
             and month >= ${from}::date and month < ${asOfMonth}::date
          union all
          select to_char(${asOfMonth}::date, 'YYYY-MM'), kind, sum(count)
            from activity
           where org_id = $1 and person_id = $2
             and occurred_at >= ${dayStart(asOfMonth)} and occurred_at < ${endOfAsOf}
           group by kind) k)`;

/** The calendar ahead: activities in the `aheadDays` after the as-of day, soonest first. */
export const scheduledJson = (aheadDays: string) => `(
  select coalesce(json_agg(json_build_object(
           'kind', kind, 'occurredAt', ${isoInstant('occurred_at')}, 'subject', subject,
           'opportunityName', opportunity) order by occurred_at, id), '[]')
    from (select a.id, a.kind, a.occurred_at, a.subject, o.name as opportunity
            from activity a
            left join opportunity o on o.org_id = a.org_id and o.id = a.opportunity_id
           where a.org_id = $1 and a.person_id = $2
             and a.occurred_at >= ${endOfAsOf}
             and a.occurred_at < ${dayStart(`$4::date + 1 + ${aheadDays}`)}
           order by a.occurred_at, a.id
           limit 50) s)`;
