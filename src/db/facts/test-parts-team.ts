/**
 * TEST ONLY: the team parts of test-rep-facts-in-parts.ts (the rep's team on a day, its
 * members' month results, and the comparison figures).
 */
import type { Day, TeamMemberResult } from '../../core/facts.js';
import type { Queryable } from '../database.js';
import { atEnd, dayStart, ownedUntilLater } from './as-of-state.js';
import * as oneStatement from './team-queries.js';
import type { RepScope } from './test-parts-rep.js';

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

/** The team's comparison figures: deal size, cycle, and what each member did since a day. */
async function teamComparisons(
  db: Queryable,
  options: Parameters<typeof oneStatement.teamComparisons>[1],
): ReturnType<typeof oneStatement.teamComparisons> {
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
  return oneStatement.teamComparisonFacts(won[0], created, activity);
}

export const team = { teamOn, teamMonthResults, teamComparisons };
