import type { Agenda } from '../core/agenda-schema.js';
import type { Database } from '../db/database.js';
import type { Actor, MeetingRecord } from '../meetings/meeting-records.js';
import { startMeeting } from '../meetings/start-meeting.js';
import { recordAudit } from '../organization/record-audit.js';
import { isActivityShared } from '../organization/set-activity-sharing.js';

export interface BeginMeetingOptions {
  orgId: string;
  meetingId: string;
  repId: string;
  actor: Actor;
  now: Date;
  ip?: string | undefined;
}

/**
 * `startMeeting` as the manager's screen needs it: the agenda is frozen with the rep's
 * activity sharing as it is now, and the manager then sees that agenda, so under the
 * activity gate showing its activity detail is a gated view, audited like `viewAgenda`.
 */
export async function beginMeeting(
  db: Database,
  options: BeginMeetingOptions,
): Promise<{ meeting: MeetingRecord; agenda: Agenda }> {
  const activityShared = await isActivityShared(db, {
    orgId: options.orgId,
    personId: options.repId,
  });
  const started = await startMeeting(db, { ...options, activityShared });
  const { agenda } = started;
  if (agenda.settings.activityGate && agenda.activity !== null) {
    await recordAudit(db, {
      orgId: options.orgId,
      actorId: options.actor.personId,
      action: 'activity.viewed',
      subjectType: 'person',
      subjectId: options.repId,
      details: {
        meetingId: options.meetingId,
        stage: agenda.progression.stage,
        shared: activityShared,
      },
      ...(options.ip ? { ip: options.ip } : {}),
      at: options.now,
    });
  }
  return started;
}
