import type { Queryable } from '../db/database.js';

export interface UpcomingMeeting {
  id: string;
  scheduledAt: string;
  durationMinutes: number;
  repId: string;
  repName: string;
  managerId: string;
  managerName: string;
  sequence: number;
}

/** The scheduled 1:1s starting within `days` of `now`, soonest first (the CLI's agenda). */
export async function listUpcomingMeetings(
  db: Queryable,
  options: { orgId: string; now: Date; days?: number; managerId?: string | undefined },
): Promise<UpcomingMeeting[]> {
  return db.query<UpcomingMeeting>(
    `select m.id, m.scheduled_at as "scheduledAt", m.duration_minutes as "durationMinutes",
            m.rep_id as "repId", r.name as "repName", m.manager_id as "managerId",
            mg.name as "managerName", m.sequence
       from meeting m
       join person r on r.org_id = m.org_id and r.id = m.rep_id
       join person mg on mg.org_id = m.org_id and mg.id = m.manager_id
      where m.org_id = $1 and m.status = 'scheduled'
        and m.scheduled_at + m.duration_minutes * interval '1 minute' > $2::timestamptz
        and m.scheduled_at < $2::timestamptz + $3 * interval '1 day'
        and ($4::uuid is null or m.manager_id = $4::uuid)
      order by m.scheduled_at, r.name, m.id`,
    [options.orgId, options.now.toISOString(), options.days ?? 30, options.managerId ?? null],
  );
}
