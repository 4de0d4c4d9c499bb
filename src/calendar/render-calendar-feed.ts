import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import { buildCalendar } from './build-calendar.js';
import { parseFeedToken } from './calendar-token.js';
import { loadCalendarMeetings, loadCalendarSeries } from './load-calendar-rows.js';

/** How far back a feed reaches: enough to see the last few 1:1s, not years of history. */
const HISTORY_DAYS = 180;

/**
 * The subscription feed of the person owning `token`: their 1:1 series (RRULE) and
 * meetings, as rep or as manager. A wrong or revoked token is NOT_FOUND, the same answer
 * either way, so the URL space reveals nothing. Titles and times only: never notes.
 */
export async function renderCalendarFeed(
  db: Queryable,
  options: { token: string; now: Date; publicUrl?: string | undefined },
): Promise<string> {
  const parsed = parseFeedToken(options.token);
  if (!parsed) throw new AppError('NOT_FOUND', 'No such calendar.');
  const [feed] = await db.query<{ person_id: string; person_name: string; time_zone: string }>(
    `select f.person_id, p.name as person_name, o.time_zone
       from calendar_feed f
       join person p on p.org_id = f.org_id and p.id = f.person_id
       join org o on o.id = f.org_id
      where f.org_id = $1 and f.token_hash = $2 and f.revoked_at is null`,
    [parsed.orgId, parsed.hash],
  );
  if (!feed) throw new AppError('NOT_FOUND', 'No such calendar.');
  const scope = { orgId: parsed.orgId, personId: feed.person_id };
  const [series, meetings] = await Promise.all([
    loadCalendarSeries(db, scope),
    loadCalendarMeetings(db, {
      ...scope,
      since: new Date(options.now.getTime() - HISTORY_DAYS * 86_400_000),
    }),
  ]);
  return buildCalendar({
    name: `Rudder 1:1s — ${feed.person_name}`,
    timeZone: feed.time_zone,
    series,
    meetings,
    now: options.now,
    publicUrl: options.publicUrl,
  });
}
