import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import { buildCalendar } from './build-calendar.js';
import { loadCalendarMeetings } from './load-calendar-rows.js';

/**
 * One 1:1 as an .ics file (to download or attach): a standalone event with its own UID,
 * in the series' zone, STATUS:CANCELLED when it was cancelled or moved. Access is the
 * caller's to check (the meeting's rep, manager, or someone who may see it).
 */
export async function renderMeetingIcs(
  db: Queryable,
  options: { orgId: string; meetingId: string; now?: Date; publicUrl?: string | undefined },
): Promise<string> {
  const [meeting] = await loadCalendarMeetings(db, options);
  if (!meeting) throw new AppError('NOT_FOUND', 'No such meeting.');
  const [zone] = await db.query<{ time_zone: string }>(
    `select coalesce(s.time_zone, o.time_zone) as time_zone
       from meeting m join org o on o.id = m.org_id
       left join meeting_series s on s.org_id = m.org_id and s.id = m.series_id
      where m.org_id = $1 and m.id = $2`,
    [options.orgId, options.meetingId],
  );
  // No series passed: the meeting stands alone, whatever series it belongs to.
  return buildCalendar({
    name: meeting.title,
    timeZone: zone?.time_zone ?? 'UTC',
    series: [],
    meetings: [{ ...meeting, seriesId: null }],
    // DTSTAMP is required; the meeting's own time keeps the file reproducible without `now`.
    now: options.now ?? new Date(meeting.scheduledAt),
    publicUrl: options.publicUrl,
  });
}
