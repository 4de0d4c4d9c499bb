import { cadenceIntervalDays } from '../core/cadence.js';
import type { Queryable } from '../db/database.js';
import {
  findActiveSeries,
  type MeetingRecord,
  meetingRecordColumns,
  type SeriesRecord,
} from './meeting-records.js';
import { nextOccurrence } from './series-occurrences.js';

export interface ScheduleNextMeetingOptions {
  orgId: string;
  repId: string;
  /** The next 1:1 is the first occurrence of the series strictly after this instant. */
  after: Date;
  now: Date;
}

/**
 * Keeps a rep's series going: when no 1:1 is scheduled after `after`, the next occurrence
 * of the rep's active series becomes a scheduled meeting. An occurrence someone already
 * cancelled or moved is skipped, not recreated. Without a series nothing is scheduled: the
 * rep then shows as due in `listMeetingsDue` until the manager sets one up.
 */
export async function scheduleNextMeeting(
  db: Queryable,
  options: ScheduleNextMeetingOptions,
): Promise<{ meeting: MeetingRecord | null; created: boolean }> {
  const [existing] = await db.query<MeetingRecord>(
    `select ${meetingRecordColumns} from meeting m
      where m.org_id = $1 and m.rep_id = $2 and m.status = 'scheduled' and m.started_at is null
        and m.scheduled_at > $3
      order by m.scheduled_at limit 1`,
    [options.orgId, options.repId, options.after.toISOString()],
  );
  if (existing) return { meeting: existing, created: false };
  const series = await findActiveSeries(db, { orgId: options.orgId, repId: options.repId });
  if (!series) return { meeting: null, created: false };
  const meeting = await insertOccurrence(db, {
    orgId: options.orgId,
    series,
    after: options.after,
    now: options.now,
  });
  return { meeting, created: true };
}

/** Inserts the first free occurrence of the series after `after`. */
export async function insertOccurrence(
  db: Queryable,
  options: { orgId: string; series: SeriesRecord; after: Date; now: Date },
): Promise<MeetingRecord> {
  const { series } = options;
  let after = options.after;
  // A handful of tries: each taken slot (cancelled, moved) pushes to the next one.
  for (let attempt = 0; attempt < 52; attempt += 1) {
    const { at } = nextOccurrence(series, after);
    const [taken] = await db.query(
      `select 1 from meeting where org_id = $1 and series_id = $2 and scheduled_at = $3`,
      [options.orgId, series.id, at.toISOString()],
    );
    if (!taken) {
      const [row] = await db.query<MeetingRecord>(
        `insert into meeting as m (org_id, series_id, rep_id, manager_id, scheduled_at,
                                  duration_minutes, status, created_at)
         values ($1, $2, $3, $4, $5, $6, 'scheduled', $7) returning ${meetingRecordColumns}`,
        [
          options.orgId,
          series.id,
          series.repId,
          series.managerId,
          at.toISOString(),
          series.durationMinutes,
          options.now.toISOString(),
        ],
      );
      if (row) return row;
    }
    after = new Date(at.getTime() + 60_000);
  }
  throw new Error(`no free occurrence within ${52 * cadenceIntervalDays(series.cadence)} days`);
}
