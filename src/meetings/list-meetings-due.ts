import { cadenceIntervalDays } from '../core/cadence.js';
import { type Cadence, defaultCadence } from '../core/cadence-schema.js';
import { addDays, dayInZone, daysBetween } from '../core/days.js';
import type { Day } from '../core/facts.js';
import type { Queryable } from '../db/database.js';
import { orgTimeZone } from './meeting-records.js';

/**
 * - `overdue`: the last held 1:1 is older than the cadence allows (`dueOn` has passed);
 * - `due`: nothing is scheduled by `dueOn` (or no 1:1 was ever held and none is scheduled);
 * - `scheduled`: a 1:1 is in the calendar in time.
 */
export type DueState = 'overdue' | 'due' | 'scheduled';

export interface MeetingDue {
  repId: string;
  repName: string;
  managerId: string;
  managerName: string;
  teamName: string;
  /** The series' cadence, or monthly (the product's default) without a series. */
  cadence: Cadence;
  lastHeldAt: string | null;
  /** Last held day + the cadence's days (org-local); null when no 1:1 was ever held. */
  dueOn: Day | null;
  nextMeeting: { id: string; scheduledAt: string } | null;
  state: DueState;
  /** Days past `dueOn`; 0 unless overdue. */
  daysOverdue: number;
}

export interface ListMeetingsDueOptions {
  orgId: string;
  /** One manager's reps (the teams they manage now); all managers' when omitted. */
  managerId?: string | undefined;
  now: Date;
  /** Also list reps whose next 1:1 is scheduled in time. */
  includeScheduled?: boolean;
}

/** Who is due or overdue a 1:1, per manager: the manager's "who do I meet this month". */
export async function listMeetingsDue(
  db: Queryable,
  options: ListMeetingsDueOptions,
): Promise<MeetingDue[]> {
  const timeZone = await orgTimeZone(db, options.orgId);
  const today = dayInZone(options.now, timeZone);
  const rows = await db.query<{
    rep_id: string;
    rep_name: string;
    manager_id: string;
    manager_name: string;
    team_name: string;
    cadence: Cadence | null;
    last_held_at: string | null;
    next_id: string | null;
    next_at: string | null;
  }>(
    `select p.id as rep_id, p.name as rep_name, t.manager_id, mg.name as manager_name,
            t.name as team_name,
            (select s.cadence from meeting_series s
              where s.org_id = p.org_id and s.rep_id = p.id and s.active
              order by s.created_at desc limit 1) as cadence,
            (select max(h.held_at) from meeting h
              where h.org_id = p.org_id and h.rep_id = p.id and h.status = 'held') as last_held_at,
            n.id as next_id, n.scheduled_at as next_at
       from team t
       join team_membership tm on tm.org_id = t.org_id and tm.team_id = t.id
        and tm.valid_from <= $3::date and (tm.valid_to is null or tm.valid_to > $3::date)
       join person p on p.org_id = t.org_id and p.id = tm.person_id and p.active
       join person mg on mg.org_id = t.org_id and mg.id = t.manager_id
       left join lateral (
         select x.id, x.scheduled_at from meeting x
          where x.org_id = p.org_id and x.rep_id = p.id and x.status = 'scheduled'
            and x.scheduled_at + x.duration_minutes * interval '1 minute' > $4::timestamptz
          order by x.scheduled_at limit 1) n on true
      where t.org_id = $1 and ($2::uuid is null or t.manager_id = $2::uuid)
      order by mg.name, p.name, p.id`,
    [options.orgId, options.managerId ?? null, today, options.now.toISOString()],
  );
  const entries = rows.map((r): MeetingDue => {
    const cadence = r.cadence ?? defaultCadence;
    const dueOn = r.last_held_at
      ? addDays(dayInZone(r.last_held_at, timeZone), cadenceIntervalDays(cadence))
      : null;
    const nextDay = r.next_at ? dayInZone(r.next_at, timeZone) : null;
    let state: DueState;
    if (dueOn !== null && dueOn < today) state = 'overdue';
    else if (nextDay !== null && (dueOn === null || nextDay <= dueOn)) state = 'scheduled';
    else state = 'due';
    return {
      repId: r.rep_id,
      repName: r.rep_name,
      managerId: r.manager_id,
      managerName: r.manager_name,
      teamName: r.team_name,
      cadence,
      lastHeldAt: r.last_held_at,
      dueOn,
      nextMeeting: r.next_id && r.next_at ? { id: r.next_id, scheduledAt: r.next_at } : null,
      state,
      daysOverdue: state === 'overdue' && dueOn ? daysBetween(dueOn, today) : 0,
    };
  });
  return options.includeScheduled ? entries : entries.filter((e) => e.state !== 'scheduled');
}
