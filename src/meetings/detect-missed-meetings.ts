import type { Queryable } from '../db/database.js';
import { scheduleNextMeeting } from './schedule-next-meeting.js';

export interface DetectMissedMeetingsOptions {
  now: Date;
  /** Limit to one organization, or to one meeting (the job's payload). */
  orgId?: string;
  meetingId?: string;
}

export interface MissedMeeting {
  orgId: string;
  meetingId: string;
  repId: string;
  /** The series' next 1:1, scheduled so the habit goes on; null without a series. */
  nextMeetingId: string | null;
}

/**
 * A scheduled 1:1 whose planned end (start + duration) has passed without being started is
 * missed. One that was started is not: it happened and may still be finished late. The
 * update is conditional, so running this twice (or from two processes) marks each meeting
 * once; call it inside a transaction to make the next meeting part of the same step.
 */
export async function detectMissedMeetings(
  db: Queryable,
  options: DetectMissedMeetingsOptions,
): Promise<MissedMeeting[]> {
  const missed = await db.query<{ org_id: string; id: string; rep_id: string }>(
    `update meeting set status = 'missed'
      where status = 'scheduled' and started_at is null
        and scheduled_at + duration_minutes * interval '1 minute' <= $1::timestamptz
        and ($2::uuid is null or org_id = $2::uuid) and ($3::uuid is null or id = $3::uuid)
      returning org_id, id, rep_id`,
    [options.now.toISOString(), options.orgId ?? null, options.meetingId ?? null],
  );
  const result: MissedMeeting[] = [];
  for (const m of missed) {
    const next = await scheduleNextMeeting(db, {
      orgId: m.org_id,
      repId: m.rep_id,
      after: options.now,
      now: options.now,
    });
    result.push({
      orgId: m.org_id,
      meetingId: m.id,
      repId: m.rep_id,
      nextMeetingId: next.meeting?.id ?? null,
    });
  }
  return result;
}
