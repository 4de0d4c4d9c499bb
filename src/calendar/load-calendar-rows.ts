import type { Queryable } from '../db/database.js';
import type { MeetingStatus, SeriesCadence } from '../meetings/meeting-records.js';
import type { CalendarMeeting, CalendarSeries } from './build-calendar.js';

/** What a 1:1 is called in a calendar: both names, so it reads right for either side. */
const title = (rep: string, manager: string) => `1:1 ${rep} / ${manager}`;

/** The active series of a person, as rep or as manager. */
export async function loadCalendarSeries(
  db: Queryable,
  options: { orgId: string; personId: string },
): Promise<CalendarSeries[]> {
  const rows = await db.query<{
    id: string;
    cadence: SeriesCadence;
    weekday: number;
    time_of_day: string;
    time_zone: string;
    starts_on: string;
    duration_minutes: number;
    sequence: number;
    rep_name: string;
    manager_name: string;
  }>(
    `select s.id, s.cadence, s.weekday, s.time_of_day, s.time_zone, s.starts_on,
            s.duration_minutes, s.sequence, r.name as rep_name, mg.name as manager_name
       from meeting_series s
       join person r on r.org_id = s.org_id and r.id = s.rep_id
       join person mg on mg.org_id = s.org_id and mg.id = s.manager_id
      where s.org_id = $1 and s.active and (s.rep_id = $2 or s.manager_id = $2)
      order by s.id`,
    [options.orgId, options.personId],
  );
  return rows.map((r) => ({
    id: r.id,
    title: title(r.rep_name, r.manager_name),
    slot: {
      cadence: r.cadence,
      weekday: r.weekday,
      timeOfDay: r.time_of_day,
      timeZone: r.time_zone,
      startsOn: r.starts_on,
    },
    durationMinutes: r.duration_minutes,
    sequence: r.sequence,
  }));
}

/** Meetings of a person from `since` on (or one meeting by id). */
export async function loadCalendarMeetings(
  db: Queryable,
  options: { orgId: string; personId?: string; meetingId?: string; since?: Date },
): Promise<CalendarMeeting[]> {
  const rows = await db.query<
    Omit<CalendarMeeting, 'title'> & { status: MeetingStatus; repName: string; managerName: string }
  >(
    `select m.id, m.series_id as "seriesId", m.scheduled_at as "scheduledAt",
            m.duration_minutes as "durationMinutes", m.status, m.sequence,
            m.rescheduled_to_id as "rescheduledToId", r.name as "repName",
            mg.name as "managerName"
       from meeting m
       join person r on r.org_id = m.org_id and r.id = m.rep_id
       join person mg on mg.org_id = m.org_id and mg.id = m.manager_id
      where m.org_id = $1
        and ($2::uuid is null or m.rep_id = $2::uuid or m.manager_id = $2::uuid)
        and ($3::uuid is null or m.id = $3::uuid)
        and ($4::timestamptz is null or m.scheduled_at >= $4::timestamptz)
      order by m.scheduled_at, m.id`,
    [
      options.orgId,
      options.personId ?? null,
      options.meetingId ?? null,
      options.since?.toISOString() ?? null,
    ],
  );
  return rows.map(({ repName, managerName, ...m }) => ({
    ...m,
    title: title(repName, managerName),
  }));
}
