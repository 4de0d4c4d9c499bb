import type { Database } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import {
  type Actor,
  assertMeetingManager,
  loadMeeting,
  type MeetingRecord,
  meetingRecordColumns,
} from './meeting-records.js';

export interface RescheduleMeetingOptions {
  orgId: string;
  meetingId: string;
  actor: Actor;
  /** The new start. */
  scheduledAt: Date;
  durationMinutes?: number;
  now: Date;
}

/**
 * Moves a 1:1 that has not started: the old meeting becomes `rescheduled` and points to the
 * new one (`rescheduled_to_id`), so history keeps the move; its SEQUENCE rises so
 * calendars replace the old slot. Only the meeting's manager moves it.
 */
export async function rescheduleMeeting(
  db: Database,
  options: RescheduleMeetingOptions,
): Promise<{ previous: MeetingRecord; meeting: MeetingRecord }> {
  if (Number.isNaN(options.scheduledAt.getTime()) || options.scheduledAt <= options.now) {
    throw new AppError('VALIDATION_FAILED', 'A 1:1 is moved to a time in the future.', {
      issues: [{ field: 'body.scheduledAt', reason: 'not in the future' }],
    });
  }
  return db.transaction(async (tx) => {
    const old = await loadMeeting(tx, { ...options, lock: true });
    assertMeetingManager(old, options.actor);
    if (old.status !== 'scheduled' || old.startedAt !== null) {
      throw new AppError('CONFLICT', 'Only a 1:1 that has not started can be moved.');
    }
    const [meeting] = await tx.query<MeetingRecord>(
      `insert into meeting as m (org_id, series_id, rep_id, manager_id, scheduled_at,
                                duration_minutes, status, created_at)
       values ($1, $2, $3, $4, $5, $6, 'scheduled', $7) returning ${meetingRecordColumns}`,
      [
        options.orgId,
        old.seriesId,
        old.repId,
        old.managerId,
        options.scheduledAt.toISOString(),
        options.durationMinutes ?? old.durationMinutes,
        options.now.toISOString(),
      ],
    );
    if (!meeting) throw new Error('meeting insert returned nothing');
    const [previous] = await tx.query<MeetingRecord>(
      `update meeting as m set status = 'rescheduled', rescheduled_to_id = $3,
              sequence = m.sequence + 1
        where m.org_id = $1 and m.id = $2 returning ${meetingRecordColumns}`,
      [options.orgId, old.id, meeting.id],
    );
    if (!previous) throw new AppError('NOT_FOUND', 'No such meeting.');
    return { previous, meeting };
  });
}
