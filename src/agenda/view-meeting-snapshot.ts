import { gateFrozenAgenda } from '../core/activity-gate.js';
import { type Agenda, AgendaSchema } from '../core/agenda-schema.js';
import type { Queryable } from '../db/database.js';
import { loadOrgContext } from '../db/facts/org-context.js';
import { recordAudit } from '../organization/record-audit.js';
import { isActivityShared } from '../organization/set-activity-sharing.js';
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
 * What it may show of the rep's activity is decided by the activity gate of today, not the
 * one of the day it was frozen: for anyone but the rep, the detail is withheld unless the
 * progression reached activity or the rep shares it now, and each view of it is audited, as
 * a live agenda would be.
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
  if (row.agenda === null) return { meetingId: options.meetingId, frozenAt: null, agenda: null };
  // Decoded, not cast: a snapshot frozen by an older Rudder reads in today's vocabulary
  // (a cadence once stored as `daily` is weekly now), as the response schema expects.
  const frozen = AgendaSchema.parse(row.agenda);
  if (options.viewerId === row.rep_id) {
    return { meetingId: options.meetingId, frozenAt: row.started_at, agenda: frozen };
  }
  const { activityGate } = (await loadOrgContext(db, options.orgId)).settings;
  const shared = activityGate
    ? await isActivityShared(db, { orgId: options.orgId, personId: row.rep_id })
    : false;
  const agenda = gateFrozenAgenda(frozen, { activityGate, shared });
  if (activityGate && agenda.activity !== null) {
    await recordAudit(db, {
      orgId: options.orgId,
      actorId: options.viewerId,
      action: 'activity.viewed',
      subjectType: 'person',
      subjectId: row.rep_id,
      details: {
        meetingId: options.meetingId,
        snapshot: true,
        stage: agenda.progression.stage,
        shared,
      },
      ...(options.ip ? { ip: options.ip } : {}),
      at: options.now,
    });
  }
  return { meetingId: options.meetingId, frozenAt: row.started_at, agenda };
}
