import type { Day, TeamFacts } from '../../core/facts.js';
import type { Queryable } from '../database.js';
import { atEnd, changedLaterClosed, closedAsOf, dayStart, ownedUntilLater } from './as-of-state.js';
import type { RepScope } from './rep-queries.js';

/*
 * The team's side of an agenda. Each piece is SQL text over expressions handed in (a
 * parameter, or a subquery of the agenda's one statement), with $1 the organization and $3
 * its time zone, so the agenda's statement and the standalone functions below share it.
 */

/** The team `person` belongs to on `day` (memberships have valid-from/valid-to): 0 or 1 row. */
export const teamOnSql = (person: string, day: string) => `
  select t.id, t.name
    from team_membership m join team t on t.org_id = m.org_id and t.id = m.team_id
   where m.org_id = $1 and m.person_id = ${person} and m.valid_from <= ${day}::date
     and (m.valid_to is null or m.valid_to > ${day}::date)
   order by m.valid_from desc limit 1`;

/** The team a person belongs to on `day`. */
export async function teamOn(db: Queryable, scope: RepScope, day: Day) {
  const [row] = await db.query<{ id: string; name: string }>(teamOnSql('$2', '$3'), [
    scope.orgId,
    scope.personId,
    day,
  ]);
  return row ?? null;
}

/** Who was on `team` on day `day`. */
const membersOn = (team: string, day: string) =>
  `select distinct m.person_id from team_membership m
    where m.org_id = $1 and m.team_id = ${team} and m.valid_from <= ${day}::date
      and (m.valid_to is null or m.valid_to > ${day}::date)`;

/** Who was on `team` at some time in the month starting on day `from`, ending before `to`. */
const membersDuring = (team: string, from: string, to: string) =>
  `select distinct m.person_id from team_membership m
    where m.org_id = $1 and m.team_id = ${team}
      and m.valid_from < ${to}::date and (m.valid_to is null or m.valid_to > ${from}::date)`;

/**
 * Bookings against the monthly bookings goal of everyone who was on `team` during the month
 * starting on day `from` and ending before `to` (a whole month before the as-of day `asOf`):
 * rankings use the team at the time, not today's. Bookings are the member's `rep_month` row
 * (won deals by owner and month of closing, plus imported results), corrected for the deals
 * changed after the as-of day (counted as they stood then, not as the rollup has them now).
 * A JSON array of TeamMemberResult, by person id.
 */
export const teamMonthResultsJson = (team: string, from: string, to: string, asOf: string) => `(
  with members as (${membersDuring(team, from, to)}
  ), changed as (${changedLaterClosed({
    owners: 'select person_id from members',
    from: dayStart(from),
    to: dayStart(to),
    asOf,
  })}
  ), correction as (
    select owner_then as person_id, amount_then as amount from changed where status_then = 'won'
    union all
    select owner_now, -amount_now from changed where status_now = 'won'
  )
  select coalesce(json_agg(json_build_object(
           'personId', p.id, 'name', p.name, 'actual', coalesce(r.actual, 0) + coalesce(c.amount, 0),
           'goal', g.target)
           order by p.id), '[]')
    -- Each member's name by its key: a join let the generic plan hash the whole org's people.
    from (select members.person_id as id,
                 (select name from person where org_id = $1 and id = members.person_id) as name
            from members) p
    left join lateral (
      select rm.won_amount + rm.result_amount as actual from rep_month rm
       where rm.org_id = $1 and rm.person_id = p.id and rm.month = ${from}::date
    ) r on true
    left join lateral (
      select sum(amount) as amount from correction where person_id = p.id::text
    ) c on true
    left join goal g on g.org_id = $1 and g.person_id = p.id and g.metric = 'bookings'
     and g.activity_kind = '' and g.period_kind = 'month' and g.period_start = ${from}::date
     and g.status <> 'rejected')`;

/**
 * Average won deal size and median won cycle of the team on `asOf`, since day `from`, each
 * deal as it stood at the end of `asOf` (see `closedAsOf`). Won is filtered in the aggregates,
 * not in a WHERE: pushed into the scan, it let PGlite's generic plan read the members' wins
 * through the partial opportunity_won_idx, the whole organization's window once per member
 * (bench-L: 29 ms of the statement's 42).
 */
export const teamWonSql = (w: { team: string; from: string; asOf: string }) => `
  with members as (${membersOn(w.team, w.asOf)})
  select avg(c.amount) filter (where c.status = 'won') as average,
         percentile_cont(0.5) within group (order by
           (c.closed_at at time zone $3)::date - (c.created_at at time zone $3)::date)
           filter (where c.status = 'won') as median_cycle
    from (${closedAsOf({
      owners: 'select person_id from members',
      from: dayStart(w.from),
      to: dayStart(`${w.asOf}::date + 1`),
      asOf: w.asOf,
    })}) c
`;

/**
 * Opportunities created by each member of the team from day `since` to the end of `asOf`,
 * counted for whoever owned each deal at the end of `asOf` (an agenda of a past day): rows
 * (person_id, n), by person id.
 */
export const teamCreatedSql = (w: { team: string; since: string; asOf: string }) => {
  const createdIn = `o.created_at >= ${dayStart(w.since)}
       and o.created_at < ${dayStart(`${w.asOf}::date + 1`)}`;
  // Two index range scans, not one OR: each member's deals through (org, owner, created_at),
  // and the few deals members owned then and others own now through their owner changes.
  // An OR of the two made the planner walk the whole organization's deals created since.
  return `
  with members as (${membersOn(w.team, w.asOf)}
  ), candidates as (
    select o.id, o.owner_id, o.last_changed_at
      from members mem
      join opportunity o on o.org_id = $1 and o.owner_id = mem.person_id
     where ${createdIn}
    union
    select o.id, o.owner_id, o.last_changed_at
      from opportunity o
     where o.org_id = $1
       and o.id in (${ownedUntilLater(w.asOf, 'select person_id::text from members')})
       and ${createdIn}
  ), created as (
    select case when l.owner_later then l.owner_at else o.owner_id::text end as owner_id
      from candidates o
      left join lateral (${atEnd(['owner'], 'o', w.asOf)}) l on true
  )
  select mem.person_id, count(c.owner_id) as n
    from members mem
    left join created c on c.owner_id = mem.person_id::text
   group by mem.person_id
   order by mem.person_id`;
};

/**
 * Activity of each member of the team by kind from `since` to the end of `asOf`. Summed per
 * member (a lateral over each one's index range, hashed by kind): one sort of the whole
 * team's rows by member and kind cost more than the sums.
 */
export const teamActivitySql = (w: { team: string; since: string; asOf: string }) => `
  select mem.person_id, k.kind, k.n
    from (${membersOn(w.team, w.asOf)}) mem
    cross join lateral (
      select a.kind, sum(a.count) as n
        from activity a
       where a.org_id = $1 and a.person_id = mem.person_id
         and a.occurred_at >= ${dayStart(w.since)}
         and a.occurred_at < ${dayStart(`${w.asOf}::date + 1`)}
       group by a.kind
    ) k
   order by 1, 2`;

/** The team's comparison figures: deal size, cycle, and what each member did since a day. */
export async function teamComparisons(
  db: Queryable,
  options: { orgId: string; teamId: string; timeZone: string; since: Day; asOf: Day; yearAgo: Day },
): Promise<
  Pick<
    TeamFacts,
    'averageDealSize' | 'createdSinceByMember' | 'activitySinceByMember' | 'medianCycleDays'
  >
> {
  const params = [options.orgId, options.teamId, options.timeZone, options.since, options.asOf];
  const window = { team: '$2', since: '$4', asOf: '$5' };
  const [won, created, activity] = await Promise.all([
    db.query<{ average: number | null; median_cycle: number | null }>(
      teamWonSql({ team: '$2', from: '$4', asOf: '$5' }),
      [options.orgId, options.teamId, options.timeZone, options.yearAgo, options.asOf],
    ),
    db.query<{ person_id: string; n: number }>(teamCreatedSql(window), params),
    db.query<{ person_id: string; kind: string; n: number }>(teamActivitySql(window), params),
  ]);
  return teamComparisonFacts(won[0], created, activity);
}

/** The rows of the three comparison queries as TeamFacts fields. */
export function teamComparisonFacts(
  won: { average: number | null; median_cycle: number | null } | undefined,
  created: Array<{ n: number }>,
  activity: Array<{ person_id: string; kind: string; n: number }>,
): Pick<
  TeamFacts,
  'averageDealSize' | 'createdSinceByMember' | 'activitySinceByMember' | 'medianCycleDays'
> {
  const average = won?.average;
  const medianCycle = won?.median_cycle;
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
