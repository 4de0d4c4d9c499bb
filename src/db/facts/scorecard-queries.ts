import type { Day, GoalFact, MonthFact } from '../../core/facts.js';
import type { Queryable } from '../database.js';

export interface ScorecardMember {
  personId: string;
  name: string;
  teamId: string;
  teamName: string;
}

/**
 * Everyone who was on the team (or, with no team, on any team of the organization) at some
 * time in [start, end): the ranking uses the team as it was in the period.
 */
export async function scorecardMembers(
  db: Queryable,
  options: { orgId: string; teamId: string | null; start: Day; end: Day },
): Promise<ScorecardMember[]> {
  return db.query<ScorecardMember>(
    `select distinct on (p.id) p.id as "personId", p.name, t.id as "teamId", t.name as "teamName"
       from team_membership m
       join person p on p.org_id = m.org_id and p.id = m.person_id
       join team t on t.org_id = m.org_id and t.id = m.team_id
      where m.org_id = $1 and ($2::uuid is null or m.team_id = $2::uuid)
        and m.valid_from < $4::date and (m.valid_to is null or m.valid_to > $3::date)
      order by p.id, m.valid_from desc`,
    [options.orgId, options.teamId, options.start, options.end],
  );
}

/**
 * Monthly facts per person over [firstMonth, lastMonth] from the `rep_month` rollup: bookings
 * are won deals by owner and org-local month of closing plus imported results, new pipeline the
 * deals created that month. One index range per person (its key leads with org, person,
 * month), so an org-wide ranking of 2,000 reps reads about 2,000 × 13 small rows.
 * Months without a row are zero.
 */
export async function monthlyBookings(
  db: Queryable,
  options: {
    orgId: string;
    personIds: string[];
    firstMonth: string;
    lastMonth: string;
  },
): Promise<Map<string, MonthFact[]>> {
  const rows = await db.query<{
    person_id: string;
    month: string;
    bookings: number;
    created_value: number;
    created_count: number;
  }>(
    `select person_id, to_char(month, 'YYYY-MM') as month, won_amount + result_amount as bookings,
            created_value, created_count
       from rep_month
      where org_id = $1 and person_id = any($2::uuid[]) and month >= $3::date and month <= $4::date`,
    [options.orgId, options.personIds, `${options.firstMonth}-01`, `${options.lastMonth}-01`],
  );
  const result = new Map<string, MonthFact[]>();
  for (const id of options.personIds) result.set(id, []);
  for (const row of rows) {
    result.get(row.person_id)?.push({
      month: row.month,
      bookings: row.bookings,
      createdValue: row.created_value,
      createdCount: row.created_count,
    });
  }
  return result;
}

/** Bookings goals per person whose period starts in [from, to). */
export async function bookingsGoals(
  db: Queryable,
  options: { orgId: string; personIds: string[]; from: Day; to: Day },
): Promise<Map<string, GoalFact[]>> {
  const rows = await db.query<{
    person_id: string;
    period_kind: GoalFact['periodKind'];
    period_start: string;
    target: number;
    status: GoalFact['status'];
  }>(
    `select person_id, period_kind, period_start, target, status
       from goal
      where org_id = $1 and person_id = any($2::uuid[]) and metric = 'bookings'
        and activity_kind = '' and period_start >= $3::date and period_start < $4::date`,
    [options.orgId, options.personIds, options.from, options.to],
  );
  const result = new Map<string, GoalFact[]>();
  for (const id of options.personIds) result.set(id, []);
  for (const row of rows) {
    result.get(row.person_id)?.push({
      metric: 'bookings',
      activityKind: null,
      periodKind: row.period_kind,
      periodStart: row.period_start,
      target: row.target,
      status: row.status,
    });
  }
  return result;
}

/** One member of a scorecard with the facts its results are computed from. */
export interface ScorecardMemberFacts {
  personId: string;
  name: string;
  /** On the team (or any team) at some time in the period, and in the previous one. */
  current: boolean;
  previous: boolean;
  /** Bookings by month (what the scorecard reads of `monthlyBookings`). */
  months: Array<Pick<MonthFact, 'month' | 'bookings'>>;
  goals: GoalFact[];
}

export interface ScorecardFactsOptions {
  orgId: string;
  teamId: string | null;
  period: { start: Day; end: Day };
  previous: { start: Day; end: Day };
  /** `YYYY-MM`, both included: the `rep_month` rows read. */
  firstMonth: string;
  lastMonth: string;
  /** Bookings goals whose period starts in [goalsFrom, goalsTo). */
  goalsFrom: Day;
  goalsTo: Day;
}

/**
 * What `scorecardMembers` (for the period and the previous one), `monthlyBookings` and
 * `bookingsGoals` give, in one statement and one round trip: the members of either period
 * with their months and goals, one row per member with a JSON array per column (read with
 * the native JSON.parse: parsing PostgreSQL's array text in JavaScript, or JSON objects per
 * fact built by the server, cost more at bench-L, and 20,000 plain rows more still). The org-wide ranking reads the org's
 * months and goals of the range in one scan each instead of sending 2,000 ids back as
 * `= any($2)`; a team's reads its members' through the keys. Prepared once per connection.
 */
export async function scorecardFacts(
  db: Queryable,
  options: ScorecardFactsOptions,
): Promise<ScorecardMemberFacts[]> {
  const rows = await db.query<{
    personId: string;
    name: string;
    current: boolean;
    previous: boolean;
    months: string[] | null;
    bookings: number[] | null;
    kinds: Array<GoalFact['periodKind']> | null;
    starts: Day[] | null;
    targets: number[] | null;
    statuses: Array<GoalFact['status']> | null;
  }>(
    `with spans as (
       select m.person_id,
              bool_or(m.valid_from < $4::date and (m.valid_to is null or m.valid_to > $3::date)) as current,
              bool_or(m.valid_from < $6::date and (m.valid_to is null or m.valid_to > $5::date)) as previous
         from team_membership m
         join team t on t.org_id = m.org_id and t.id = m.team_id
        where m.org_id = $1 and ($2::uuid is null or m.team_id = $2::uuid)
          and ((m.valid_from < $4::date and (m.valid_to is null or m.valid_to > $3::date))
            or (m.valid_from < $6::date and (m.valid_to is null or m.valid_to > $5::date)))
        group by m.person_id),
     months as (
       select r.person_id, json_agg(to_char(r.month, 'YYYY-MM')) as months,
              json_agg(r.won_amount + r.result_amount) as bookings
         from rep_month r
        where r.org_id = $1 and r.month >= $7::date and r.month <= $8::date
          and ($2::uuid is null or r.person_id in (select person_id from spans))
        group by r.person_id),
     goals as (
       select g.person_id, json_agg(g.period_kind) as kinds, json_agg(g.period_start) as starts,
              json_agg(g.target) as targets, json_agg(g.status) as statuses
         from goal g
        where g.org_id = $1 and g.metric = 'bookings' and g.activity_kind = ''
          and g.period_start >= $9::date and g.period_start < $10::date
          and ($2::uuid is null or g.person_id in (select person_id from spans))
        group by g.person_id)
     select p.id as "personId", p.name, s.current, s.previous, mo.months, mo.bookings,
            go.kinds, go.starts, go.targets, go.statuses
       from spans s
       join person p on p.org_id = $1 and p.id = s.person_id
       left join months mo on mo.person_id = s.person_id
       left join goals go on go.person_id = s.person_id`,
    [
      options.orgId,
      options.teamId,
      options.period.start,
      options.period.end,
      options.previous.start,
      options.previous.end,
      `${options.firstMonth}-01`,
      `${options.lastMonth}-01`,
      options.goalsFrom,
      options.goalsTo,
    ],
    { name: 'scorecard-facts' },
  );
  // The arrays of one aggregate are aligned (same rows, same order): the fallbacks never apply.
  return rows.map((row) => ({
    personId: row.personId,
    name: row.name,
    current: row.current,
    previous: row.previous,
    months: (row.months ?? []).map((month, i) => ({
      month,
      bookings: row.bookings?.[i] ?? 0,
    })),
    goals: (row.kinds ?? []).map((periodKind, i) => ({
      metric: 'bookings',
      activityKind: null,
      periodKind,
      periodStart: row.starts?.[i] ?? '',
      target: row.targets?.[i] ?? 0,
      status: row.statuses?.[i] ?? 'proposed',
    })),
  }));
}
