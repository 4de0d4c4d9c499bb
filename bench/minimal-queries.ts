import { addDays, addMonths, monthOf } from '../src/core/days.js';
import type { Queryable } from '../src/db/database.js';
import type { OrgContext } from '../src/db/facts/org-context.js';

/**
 * The floor that `prepareAgenda` is compared with ("minimal facts"): the fewest statements
 * that fetch the same facts for one rep as loadRepFacts (same windows) — one statement,
 * written by hand for the bench as directly as it can be: the rep's opportunities are read
 * once (a materialized CTE) and serve the months, the year's closed deals and the deal list;
 * each field's value at the last 1:1 is its first change after it (DISTINCT ON); activity is
 * one scan grouped by month and kind with the counts since the 1:1 as a filter. It knows what
 * the agenda cannot assume: the bench's as-of day is the last day of its data, so nothing
 * happened after it and no state is rebuilt as of that day (the agenda's as-of machinery,
 * gated on `last_changed_at`, reads nothing more there but still costs its joins: that cost
 * is in the ratio). The organization is given (the server keeps it per data version).
 * Prepared once per connection like the agenda's facts statement, so the ratio compares
 * the statements' work, not one's planning against the other's.
 */
export interface MinimalFacts {
  statements: number;
  opportunities: number;
  goals: number;
  scheduled: number;
  teamMembers: number;
  /** Sum of the months' bookings, and of the activity since the last 1:1. */
  bookings: number;
  activitySince: number;
}

const day = (p: string) => `((${p})::date::timestamp at time zone $3)`;
const since = '(select d from s)';
const end = day('$4::date + 1');
const team = '(select team_id from tm)';
const membersOn = `select distinct person_id from team_membership where org_id = $1
                    and team_id = ${team} and valid_from <= $4::date
                    and (valid_to is null or valid_to > $4::date)`;

const minimalSql = `
  with lm as (
    select held_at from meeting
     where org_id = $1 and rep_id = $2 and status = 'held' and held_at < ${end}
     order by held_at desc limit 1
  ), s as (
    select coalesce(((select held_at from lm) at time zone $3)::date, $4::date - 30) as d
  ), tm as (
    select team_id from team_membership
     where org_id = $1 and person_id = $2 and valid_from <= $4::date
       and (valid_to is null or valid_to > $4::date)
     order by valid_from desc limit 1
  ), mine as materialized (
    select id, name, account, amount, stage_id, probability, close_date, status, created_at,
           closed_at, last_changed_at, amount_missing, external_id
      from opportunity where org_id = $1 and owner_id = $2 and created_at < ${end}
  )
  select
    (select name from person where org_id = $1 and id = $2) as person,
    (select held_at from lm) as last_held_at,
    (select name from team where org_id = $1 and id = ${team}) as team_name,
    (select json_agg(g) from goal g
      where org_id = $1 and person_id = $2 and period_start >= $5::date and period_start < $6::date)
      as goals,
    (select json_agg(m) from (
       select 'won' as what, to_char(closed_at at time zone $3, 'YYYY-MM') as month, sum(amount) as v
         from mine where status = 'won' and closed_at >= ${day('$7')} and closed_at < ${day('$8')}
        group by 2
       union all
       select 'created', to_char(created_at at time zone $3, 'YYYY-MM'), sum(amount)
         from mine where created_at >= ${day('$7')} and created_at < ${day('$8')} group by 2
       union all
       select 'result', to_char(day, 'YYYY-MM'), sum(amount) from result_entry
        where org_id = $1 and person_id = $2 and day >= $7::date and day < $8::date group by 2
     ) m) as months,
    (select json_agg(st order by position) from stage st where org_id = $1) as stages,
    (select json_agg(json_build_object('o', o, 'before', e.before))
       from mine o
       left join lateral (
         select json_object_agg(field, old_value) as before from (
           select distinct on (field) field, old_value from opportunity_event ev
            where ev.org_id = $1 and ev.opportunity_id = o.id and ev.observed_at >= ${day(since)}
            order by field, observed_at, id) f
       ) e on true
      where o.status = 'open' or o.closed_at >= ${day(since)}) as opportunities,
    (select json_build_object('won', count(*) filter (where status = 'won'),
                              'lost', count(*) filter (where status = 'lost'),
                              'value', sum(amount) filter (where status = 'won'),
                              'cycle', sum((closed_at at time zone $3)::date
                                           - (created_at at time zone $3)::date)
                                         filter (where status = 'won'))
       from mine where closed_at >= ${day('$9')} and closed_at < ${end}) as closed,
    (select json_agg(a) from (
       select to_char(occurred_at at time zone $3, 'YYYY-MM') as month, kind, sum(count) as n,
              sum(count) filter (where occurred_at >= ${day(since)}) as since
         from activity where org_id = $1 and person_id = $2
          and occurred_at >= ${day(`least(${since}, $10::date)`)} and occurred_at < ${end}
        group by 1, 2) a) as activity,
    (select json_agg(x) from (
       select a.kind, a.occurred_at, a.subject, o.name from activity a
         left join opportunity o on o.org_id = a.org_id and o.id = a.opportunity_id
        where a.org_id = $1 and a.person_id = $2 and a.occurred_at >= ${end}
          and a.occurred_at < ${day('$4::date + 1 + $11::int')}
        order by a.occurred_at limit 50) x) as scheduled,
    (select json_agg(external_id) from mine
      where status = 'won' and amount_missing
        and closed_at >= ${day('$12')} and closed_at < ${day('$13')}) as won_without_amount,
    (select json_agg(t) from (
       select mo.month, m.person_id, p.name, g.target,
              (select coalesce(sum(amount), 0) from opportunity o
                where o.org_id = $1 and o.owner_id = m.person_id and o.status = 'won'
                  and o.closed_at >= ${day('mo.month')}
                  and o.closed_at < ${day("mo.month + interval '1 month'")})
            + (select coalesce(sum(amount), 0) from result_entry r
                where r.org_id = $1 and r.person_id = m.person_id
                  and r.day >= mo.month and r.day < mo.month + interval '1 month') as actual
         from (values ($14::date), ($12::date)) mo(month)
         join lateral (select distinct person_id from team_membership
                        where org_id = $1 and team_id = ${team}
                          and valid_from < (mo.month + interval '1 month')::date
                          and (valid_to is null or valid_to > mo.month)) m on true
         join person p on p.org_id = $1 and p.id = m.person_id
         left join goal g on g.org_id = $1 and g.person_id = m.person_id
          and g.metric = 'bookings' and g.activity_kind = '' and g.period_kind = 'month'
          and g.period_start = mo.month and g.status <> 'rejected') t) as team_results,
    (select json_build_object('average', avg(amount), 'median', percentile_cont(0.5)
              within group (order by (closed_at at time zone $3)::date
                                     - (created_at at time zone $3)::date))
       from opportunity where org_id = $1 and owner_id in (${membersOn}) and status = 'won'
        and closed_at >= ${day('$9')} and closed_at < ${end}) as team_won,
    (select json_agg(c) from (
       select owner_id, count(*) from opportunity
        where org_id = $1 and owner_id in (${membersOn})
          and created_at >= ${day(since)} and created_at < ${end} group by 1) c) as team_created,
    (select json_agg(a) from (
       select person_id, kind, sum(count) from activity
        where org_id = $1 and person_id in (${membersOn})
          and occurred_at >= ${day(since)} and occurred_at < ${end} group by 1, 2) a)
      as team_activity`;

interface MinimalRow {
  goals: unknown[] | null;
  months: Array<{ what: string; v: number }> | null;
  opportunities: unknown[] | null;
  activity: Array<{ since: number | null }> | null;
  scheduled: unknown[] | null;
  team_results: unknown[] | null;
}

export async function runMinimalQueries(
  db: Queryable,
  options: { org: OrgContext; personId: string; asOf: string },
): Promise<MinimalFacts> {
  const { org, personId, asOf } = options;
  const asOfMonth = monthOf(asOf);
  const firstMonth = addMonths(asOfMonth, -23);
  const lastMonth = addMonths(asOfMonth, org.settings.coverageHorizonMonths - 1);
  const review = addMonths(asOfMonth, -1);
  const [row] = await db.query<MinimalRow>(
    minimalSql,
    [
      org.orgId,
      personId,
      org.timeZone,
      asOf,
      `${addMonths(firstMonth, -12)}-01`,
      `${addMonths(lastMonth, 13)}-01`,
      `${firstMonth}-01`,
      addDays(asOf, 1),
      addDays(asOf, -365),
      `${addMonths(asOfMonth, -11)}-01`,
      org.settings.calendarAheadDays,
      `${review}-01`,
      `${asOfMonth}-01`,
      `${addMonths(review, -1)}-01`,
    ],
    { name: 'rudder_bench_minimal_facts' },
  );
  if (!row) throw new Error(`no person ${personId}`);
  return {
    statements: 1,
    opportunities: row.opportunities?.length ?? 0,
    goals: row.goals?.length ?? 0,
    scheduled: row.scheduled?.length ?? 0,
    teamMembers: row.team_results?.length ?? 0,
    bookings: (row.months ?? []).reduce((sum, m) => sum + (m.what === 'created' ? 0 : m.v), 0),
    activitySince: (row.activity ?? []).reduce((sum, a) => sum + (a.since ?? 0), 0),
  };
}
