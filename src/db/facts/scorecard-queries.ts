import { addMonths } from '../../core/days.js';
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

/** Monthly bookings per person over [firstMonth, lastMonth], zero-filled. */
export async function monthlyBookings(
  db: Queryable,
  options: {
    orgId: string;
    timeZone: string;
    personIds: string[];
    firstMonth: string;
    lastMonth: string;
  },
): Promise<Map<string, MonthFact[]>> {
  const from = `${options.firstMonth}-01`;
  const to = `${addMonths(options.lastMonth, 1)}-01`;
  const rows = await db.query<{ person_id: string; month: string; value: number }>(
    `select owner_id as person_id, to_char(closed_at at time zone $3, 'YYYY-MM') as month,
            sum(amount) as value
       from opportunity
      where org_id = $1 and owner_id = any($2::uuid[]) and status = 'won'
        and closed_at >= ($4::date::timestamp at time zone $3)
        and closed_at < ($5::date::timestamp at time zone $3)
      group by 1, 2
     union all
     select person_id, to_char(day, 'YYYY-MM'), sum(amount)
       from result_entry
      where org_id = $1 and person_id = any($2::uuid[]) and day >= $4::date and day < $5::date
      group by 1, 2`,
    [options.orgId, options.personIds, options.timeZone, from, to],
  );
  const result = new Map<string, MonthFact[]>();
  for (const id of options.personIds) result.set(id, []);
  for (const row of rows) {
    result.get(row.person_id)?.push({
      month: row.month,
      bookings: row.value,
      createdValue: 0,
      createdCount: 0,
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
