import { addDays, addMonths, daysBetween } from '../../core/days.js';
import type { Day, GoalFact, MonthFact } from '../../core/facts.js';
import type { Queryable } from '../database.js';
import { goalStatuses, periodKinds } from '../schema/pipeline.js';
import { rankingEpoch } from '../schema/ranking-code.js';

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

/** A member as the statement sends it: months and goals still encoded (see `scorecardFacts`). */
export interface ScorecardMemberRow {
  personId: string;
  name: string;
  current: boolean;
  previous: boolean;
  months: string | null;
  goals: string | null;
}

/** The members of a scorecard, and the reader of one member's facts. */
export interface ScorecardFacts {
  members: ScorecardMemberRow[];
  /**
   * One member's months and goals, decoded when asked: a ranking computes each member's
   * results right after, so these ~10 objects per member die young. Decoding all 2,000
   * members first kept ~20,000 of them alive across scavenges, and V8 then allocated them
   * in the old generation (allocation-site pretenuring): the ranking's JavaScript took about
   * 1.5× as long at bench-L, 14–16 ms against 9.3–10.5 (bench/findings.md).
   */
  factsOf(member: ScorecardMemberRow): Pick<ScorecardMemberFacts, 'months' | 'goals'>;
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
 * with their months and goals, one row per member. Each member's months and goals come as
 * one JSON array of numbers each (`[days, bookings, …]` and `[kind, days, target, status, …]`,
 * days since `rankingEpoch`): the rows' `ranking_code` columns, written when the rows are
 * (src/db/schema/ranking-code.ts), joined. At bench-L that is ~10,000 months and ~10,000
 * goals per ranking: json_agg per column cost PostgreSQL ~5× string_agg over integers (8.6 →
 * 1.8 ms per ranking at bench-M, pgbench), and casting and joining each row's numbers ~5 ms
 * more than joining its code; numbers parse natively in JavaScript with no string per fact.
 * The org-wide ranking reads the org's months and goals of the range in one index-only scan
 * each (`rep_month_month_idx`, `goal_period_idx`) instead of sending 2,000 ids back as
 * `= any($2)`; a team's reads its members' through the keys. Prepared once per connection.
 */
export async function scorecardFacts(
  db: Queryable,
  options: ScorecardFactsOptions,
): Promise<ScorecardFacts> {
  const members = await db.query<ScorecardMemberRow>(
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
       select r.person_id, ('[' || string_agg(r.ranking_code, ',') || ']') as months
         from rep_month r
        where r.org_id = $1 and r.month >= $7::date and r.month <= $8::date
          and ($2::uuid is null or r.person_id in (select person_id from spans))
        group by r.person_id),
     goals as (
       select g.person_id, ('[' || string_agg(g.ranking_code, ',') || ']') as goals
         from goal g
        where g.org_id = $1 and g.metric = 'bookings' and g.activity_kind = ''
          and g.period_start >= $9::date and g.period_start < $10::date
          and ($2::uuid is null or g.person_id in (select person_id from spans))
        group by g.person_id)
     select p.id as "personId", p.name, s.current, s.previous, mo.months, go.goals
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
    { name: 'rudder_scorecard_facts' },
  );
  const monthAt = new Map<number, string>();
  for (let m = options.firstMonth; m <= options.lastMonth; m = addMonths(m, 1))
    monthAt.set(daysBetween(rankingEpoch, `${m}-01`), m);
  // Goals of thousands of reps start on the same few days: each day is computed once.
  const goalDayAt = new Map<number, Day>();
  const goalDay = (days: number) => {
    let day = goalDayAt.get(days);
    if (day === undefined) {
      day = addDays(rankingEpoch, days);
      goalDayAt.set(days, day);
    }
    return day;
  };
  // Text, parsed here: a json column would have PostgreSQL check the text it just wrote.
  const numbers = (text: string | null): number[] => {
    const parsed: unknown = text === null ? [] : JSON.parse(text);
    if (!Array.isArray(parsed)) throw invalid('array', text);
    return parsed;
  };
  // A value the statement cannot give (check constraints, the month range): a bug, not input.
  const invalid = (what: string, value: unknown) =>
    new Error(`The scorecard's facts hold an unexpected ${what}: ${String(value)}.`);
  const factsOf: ScorecardFacts['factsOf'] = (row) => {
    const months: ScorecardMemberFacts['months'] = [];
    const m = numbers(row.months);
    for (let i = 0; i + 1 < m.length; i += 2) {
      const month = monthAt.get(m[i] ?? -1);
      if (month === undefined) throw invalid('month', m[i]);
      months.push({ month, bookings: m[i + 1] ?? 0 });
    }
    const goals: GoalFact[] = [];
    const g = numbers(row.goals);
    for (let i = 0; i + 3 < g.length; i += 4) {
      const periodKind = periodKinds[g[i] ?? -1];
      const status = goalStatuses[g[i + 3] ?? -1];
      if (periodKind === undefined || status === undefined)
        throw invalid('goal', g.slice(i, i + 4));
      goals.push({
        metric: 'bookings',
        activityKind: null,
        periodKind,
        periodStart: goalDay(g[i + 1] ?? 0),
        target: g[i + 2] ?? 0,
        status,
      });
    }
    return { months, goals };
  };
  return { members, factsOf };
}
