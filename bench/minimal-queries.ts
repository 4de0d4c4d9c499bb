import { addDays, addMonths, monthOf } from '../src/core/days.js';
import { OrgSettingsSchema } from '../src/core/settings.js';
import type { Queryable } from '../src/db/database.js';

/**
 * The floor that `prepareAgenda` is compared with: the fewest, simplest hand-written queries
 * that fetch the same facts for one rep (same windows as loadRepFacts), run one after the
 * other, with no mapping beyond what the next query needs. Each is an index range scan on
 * (org_id, person); facts of one kind that share a scan share a query.
 */
export interface MinimalFacts {
  queries: number;
  opportunities: number;
  goals: number;
  scheduled: number;
  teamMembers: number;
}

const day = (p: string) => `((${p})::date::timestamp at time zone o.time_zone)`;
const dayT = (p: string) => `((${p})::date::timestamp at time zone $3)`;

export async function runMinimalQueries(
  db: Queryable,
  options: { orgId: string; personId: string; asOf: string },
): Promise<MinimalFacts> {
  const { orgId, personId, asOf } = options;
  // 1. The org, the person, their team on asOf, and the last held 1:1 before it.
  const [context] = await db.query<{
    time_zone: string;
    settings: unknown;
    team_id: string | null;
    last_day: string | null;
  }>(
    `select o.time_zone, o.settings, p.name, tm.id as team_id, tm.name as team_name,
            (lm.held_at at time zone o.time_zone)::date as last_day
       from org o join person p on p.org_id = o.id and p.id = $2
       left join lateral (
         select t.id, t.name from team_membership m join team t on t.org_id = m.org_id and t.id = m.team_id
          where m.org_id = o.id and m.person_id = $2 and m.valid_from <= $3::date
            and (m.valid_to is null or m.valid_to > $3::date)
          order by m.valid_from desc limit 1) tm on true
       left join lateral (
         select held_at from meeting
          where org_id = o.id and rep_id = $2 and status = 'held' and held_at < ${day('$3::date + 1')}
          order by held_at desc limit 1) lm on true
      where o.id = $1`,
    [orgId, personId, asOf],
  );
  if (!context) throw new Error(`no person ${personId}`);
  const tz = context.time_zone;
  const settings = OrgSettingsSchema.parse(context.settings ?? {});
  const since = context.last_day ?? addDays(asOf, -30);
  const asOfMonth = monthOf(asOf);
  const firstMonth = addMonths(asOfMonth, -23);
  const lastMonth = addMonths(asOfMonth, settings.coverageHorizonMonths - 1);
  const yearAgo = addDays(asOf, -365);
  const rep = [orgId, personId, tz];

  // 2. Goals in the window, 3. the stages.
  const goals = await db.query(
    `select metric, activity_kind, period_kind, period_start, target, status from goal
      where org_id = $1 and person_id = $2 and period_start >= $3 and period_start < $4`,
    [orgId, personId, `${addMonths(firstMonth, -12)}-01`, `${addMonths(lastMonth, 13)}-01`],
  );
  await db.query('select id, name, position, kind, probability from stage where org_id = $1', [
    orgId,
  ]);
  // 4. Bookings and created pipeline per month (plus imported results).
  await db.query(
    `select 'won', to_char(closed_at at time zone $3, 'YYYY-MM'), sum(amount), count(*) from opportunity
      where org_id = $1 and owner_id = $2 and status = 'won' and closed_at >= ${dayT('$4')} and closed_at < ${dayT('$5')} group by 2
     union all
     select 'created', to_char(created_at at time zone $3, 'YYYY-MM'), sum(amount), count(*) from opportunity
      where org_id = $1 and owner_id = $2 and created_at >= ${dayT('$4')} and created_at < ${dayT('$5')} group by 2
     union all
     select 'result', to_char(day, 'YYYY-MM'), sum(amount), count(*) from result_entry
      where org_id = $1 and person_id = $2 and day >= $4::date and day < $5::date group by 2`,
    [...rep, `${firstMonth}-01`, `${addMonths(lastMonth, 1)}-01`],
  );
  // 5. Won and lost over the last year.
  await db.query(
    `select status, count(*), sum(amount),
            sum((closed_at at time zone $3)::date - (created_at at time zone $3)::date)
       from opportunity where org_id = $1 and owner_id = $2
        and closed_at >= ${dayT('$4')} and closed_at < ${dayT('$5::date + 1')} group by status`,
    [...rep, yearAgo, asOf],
  );
  // 6. Open or recently closed opportunities, with the first change of each field since.
  const opportunities = await db.query<{ id: string }>(
    `select o.id, o.name, o.account, o.amount, o.stage_id, o.probability, o.close_date,
            o.created_at, o.closed_at, o.last_changed_at, e.field, e.old_value
       from opportunity o
       left join lateral (
         select distinct on (field) field, old_value from opportunity_event ev
          where ev.org_id = o.org_id and ev.opportunity_id = o.id and ev.observed_at >= ${dayT('$4')}
          order by field, observed_at, id) e on true
      where o.org_id = $1 and o.owner_id = $2 and (o.status = 'open' or o.closed_at >= ${dayT('$4')})`,
    [...rep, since],
  );
  // 7. Activity per month and kind over 12 months, with the counts since the last 1:1.
  await db.query(
    `select to_char(occurred_at at time zone $3, 'YYYY-MM'), kind, sum(count),
            sum(count) filter (where occurred_at >= ${dayT('$4')})
       from activity where org_id = $1 and person_id = $2
        and occurred_at >= ${dayT('least($4::date, $6::date)')} and occurred_at < ${dayT('$5::date + 1')}
      group by 1, 2`,
    [...rep, since, asOf, `${addMonths(asOfMonth, -11)}-01`],
  );
  // 8. What is scheduled ahead.
  const scheduled = await db.query(
    `select a.kind, a.occurred_at, a.subject, o.name from activity a
       left join opportunity o on o.org_id = a.org_id and o.id = a.opportunity_id
      where a.org_id = $1 and a.person_id = $2 and a.occurred_at >= ${dayT('$4::date + 1')}
        and a.occurred_at < ${dayT('$4::date + 1 + $5::int')}
      order by a.occurred_at limit 50`,
    [...rep, asOf, settings.calendarAheadDays],
  );
  if (context.team_id === null) {
    return {
      queries: 8,
      opportunities: new Set(opportunities.map((r) => r.id)).size,
      goals: goals.length,
      scheduled: scheduled.length,
      teamMembers: 0,
    };
  }
  const teamMembers = await teamQueries(db, {
    orgId,
    teamId: context.team_id,
    tz,
    since,
    asOf,
    yearAgo,
  });
  return {
    queries: 12,
    opportunities: new Set(opportunities.map((r) => r.id)).size,
    goals: goals.length,
    scheduled: scheduled.length,
    teamMembers,
  };
}

/** The team's side: two months of results, the year's won deals, and what members did since. */
async function teamQueries(
  db: Queryable,
  options: {
    orgId: string;
    teamId: string;
    tz: string;
    since: string;
    asOf: string;
    yearAgo: string;
  },
): Promise<number> {
  const { orgId, teamId, tz, since, asOf } = options;
  const review = addMonths(monthOf(asOf), -1);
  const previous = `${addMonths(review, -1)}-01`;
  // 9. Bookings and goal of everyone on the team in the review month and the one before.
  const members = await db.query(
    `select m.person_id, p.name, mo.month,
            (select coalesce(sum(amount), 0) from opportunity o where o.org_id = $1 and o.owner_id = m.person_id
               and o.status = 'won' and o.closed_at >= ${dayT('mo.month')} and o.closed_at < ${dayT("mo.month + interval '1 month'")})
          + (select coalesce(sum(amount), 0) from result_entry r where r.org_id = $1 and r.person_id = m.person_id
               and r.day >= mo.month and r.day < mo.month + interval '1 month') as actual,
            g.target
       from (values ($4::date), ($4::date + interval '1 month')) mo(month)
       join lateral (select distinct person_id from team_membership m where m.org_id = $1 and m.team_id = $2
                      and m.valid_from < (mo.month + interval '1 month')::date
                      and (m.valid_to is null or m.valid_to > mo.month)) m on true
       join person p on p.org_id = $1 and p.id = m.person_id
       left join goal g on g.org_id = $1 and g.person_id = m.person_id and g.metric = 'bookings'
        and g.activity_kind = '' and g.period_kind = 'month' and g.period_start = mo.month
        and g.status <> 'rejected'`,
    [orgId, teamId, tz, previous],
  );
  const current = `select distinct person_id from team_membership where org_id = $1 and team_id = $2
                    and valid_from <= $5::date and (valid_to is null or valid_to > $5::date)`;
  // 10. The team's won deals over the year: average size and median cycle.
  await db.query(
    `select avg(amount), percentile_cont(0.5) within group (order by
            (closed_at at time zone $3)::date - (created_at at time zone $3)::date)
       from opportunity where org_id = $1 and owner_id in (${current}) and status = 'won'
        and closed_at >= ${dayT('$4')} and closed_at < ${dayT('$5::date + 1')}`,
    [orgId, teamId, tz, options.yearAgo, asOf],
  );
  // 11. Opportunities created, 12. activity, per member since the last 1:1.
  await db.query(
    `select owner_id, count(*) from opportunity where org_id = $1 and owner_id in (${current})
        and created_at >= ${dayT('$4')} and created_at < ${dayT('$5::date + 1')} group by 1`,
    [orgId, teamId, tz, since, asOf],
  );
  await db.query(
    `select person_id, kind, sum(count) from activity where org_id = $1 and person_id in (${current})
        and occurred_at >= ${dayT('$4')} and occurred_at < ${dayT('$5::date + 1')} group by 1, 2`,
    [orgId, teamId, tz, since, asOf],
  );
  return members.length;
}
