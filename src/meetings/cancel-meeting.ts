import type { Database } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import {
  type Actor,
  assertMeetingManager,
  loadMeeting,
  type MeetingRecord,
  meetingRecordColumns,
} from './meeting-records.js';

/**
 * Cancels one 1:1 that has not started (the series goes on): calendars show it as
 * STATUS:CANCELLED, because its SEQUENCE rises. Only the meeting's manager cancels it.
 */
export async function cancelMeeting(
  db: Database,
  options: { orgId: string; meetingId: string; actor: Actor },
): Promise<MeetingRecord> {
  return db.transaction(async (tx) => {
    const meeting = await loadMeeting(tx, { ...options, lock: true });
    assertMeetingManager(meeting, options.actor);
    if (meeting.status !== 'scheduled' || meeting.startedAt !== null) {
      throw new AppError('CONFLICT', 'Only a 1:1 that has not started can be cancelled.');
    }
    const [cancelled] = await tx.query<MeetingRecord>(
      `update meeting as m set status = 'cancelled', sequence = m.sequence + 1
        where m.org_id = $1 and m.id = $2 returning ${meetingRecordColumns}`,
      [options.orgId, meeting.id],
    );
    if (!cancelled) throw new AppError('NOT_FOUND', 'No such meeting.');
    return cancelled;
  });
}
