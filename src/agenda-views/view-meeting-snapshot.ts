import { recordAudit } from '../audit/record-audit.js';
import { type Agenda, AgendaSchema } from '../core/agenda-schema.js';
import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';

export interface MeetingSnapshot {
  meetingId: string;
  /** When the agenda was frozen (the 1:1 started); null before. */
  frozenAt: string | null;
  /** The agenda as it was when the 1:1 started; null before it started. */
  agenda: Agenda | null;
}

/**
 * The agenda frozen when the 1:1 started: history shows the numbers as they were then.
 * Under the activity gate, someone other than the rep seeing its activity detail is a
 * gated view and is audited, as a live agenda would be.
 */
export async function viewMeetingSnapshot(
  db: Queryable,
  options: {
    orgId: string;
    meetingId: string;
    viewerId: string;
    now: Date;
    ip?: string | undefined;
  },
): Promise<MeetingSnapshot> {
  const [row] = await db.query<{
    rep_id: string;
    started_at: string | null;
    agenda: unknown;
  }>(
    `select rep_id, started_at, agenda_snapshot as agenda from meeting where org_id = $1 and id = $2`,
    [options.orgId, options.meetingId],
  );
  if (!row) throw new AppError('NOT_FOUND', 'No such meeting.');
  // Decoded, not cast: a snapshot frozen by an older Rudder reads in today's vocabulary
  // (a cadence once stored as `daily` is weekly now), as the response schema expects.
  const agenda = row.agenda === null ? null : AgendaSchema.parse(row.agenda);
  if (
    agenda?.settings.activityGate &&
    agenda.activity !== null &&
    options.viewerId !== row.rep_id
  ) {
    await recordAudit(db, {
      orgId: options.orgId,
      actorId: options.viewerId,
      action: 'activity.viewed',
      subjectType: 'person',
      subjectId: row.rep_id,
      details: { meetingId: options.meetingId, snapshot: true, stage: agenda.progression.stage },
      ...(options.ip ? { ip: options.ip } : {}),
      at: options.now,
    });
  }
  return { meetingId: options.meetingId, frozenAt: agenda ? row.started_at : null, agenda };
}
