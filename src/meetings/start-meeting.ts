import { prepareAgenda } from '../agenda/prepare-agenda.js';
import type { Agenda } from '../core/agenda-schema.js';
import type { Database } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import {
  type Actor,
  assertMeetingManager,
  loadMeeting,
  type MeetingRecord,
  meetingRecordColumns,
} from './meeting-records.js';

export interface StartMeetingOptions {
  orgId: string;
  meetingId: string;
  actor: Actor;
  now: Date;
  /** The rep shared their activity detail (matters only with the activity gate on). */
  activityShared?: boolean;
}

/**
 * Opens the 1:1: the agenda is prepared now and frozen as the meeting's snapshot, with the
 * stage the progression reached, so history shows the numbers as they were at the time
 * even after later imports change them. Only the meeting's manager starts it, once.
 */
export async function startMeeting(
  db: Database,
  options: StartMeetingOptions,
): Promise<{ meeting: MeetingRecord; agenda: Agenda }> {
  return db.transaction(async (tx) => {
    const meeting = await loadMeeting(tx, { ...options, lock: true });
    assertMeetingManager(meeting, options.actor);
    if (meeting.startedAt !== null) {
      throw new AppError('CONFLICT', 'This 1:1 has already been started.');
    }
    if (meeting.status !== 'scheduled') {
      throw new AppError('CONFLICT', `A ${meeting.status} 1:1 cannot be started.`);
    }
    const agenda = await prepareAgenda(tx, {
      orgId: options.orgId,
      personId: meeting.repId,
      now: options.now,
      activityShared: options.activityShared ?? false,
    });
    const [started] = await tx.query<MeetingRecord>(
      `update meeting as m set started_at = $3, agenda_snapshot = $4, stage_reached = $5
        where m.org_id = $1 and m.id = $2 returning ${meetingRecordColumns}`,
      [
        options.orgId,
        meeting.id,
        options.now.toISOString(),
        JSON.stringify(agenda),
        agenda.progression.stage,
      ],
    );
    if (!started) throw new AppError('NOT_FOUND', 'No such meeting.');
    return { meeting: started, agenda };
  });
}
