import type { Database, Queryable } from '../db/database.js';
import { link } from '../mail/mail-html.js';
import { meetingSummaryMail } from '../mail/meeting-summary-mail.js';
import { queueMail } from '../mail/queue-mail.js';
import { AppError } from '../shared/app-error.js';
import {
  type Actor,
  assertMeetingManager,
  loadMeeting,
  type MeetingRecord,
  meetingRecordColumns,
} from './meeting-records.js';
import { scheduleNextMeeting } from './schedule-next-meeting.js';

export interface FinishMeetingOptions {
  orgId: string;
  meetingId: string;
  actor: Actor;
  now: Date;
  /** For the link in the summary e-mail (config PUBLIC_URL). */
  publicUrl?: string | undefined;
}

export interface FinishMeetingResult {
  meeting: MeetingRecord;
  /** The summary in the outbox; null when the rep has no e-mail address. */
  summaryMessageId: string | null;
  /** The rep's next scheduled 1:1 (created from the series' cadence when there was none). */
  nextMeeting: MeetingRecord | null;
}

/**
 * Closes a started 1:1: status held, `held_at` now. In the same transaction the summary
 * goes to the outbox (shared notes only, commitments both ways, the stage and its reasons
 * from the frozen agenda) and the next 1:1 of the series is scheduled if none is: the
 * habit continues without anyone having to remember it.
 */
export async function finishMeeting(
  db: Database,
  options: FinishMeetingOptions,
): Promise<FinishMeetingResult> {
  return db.transaction(async (tx) => {
    const current = await loadMeeting(tx, { ...options, lock: true });
    assertMeetingManager(current, options.actor);
    if (current.status === 'held') throw new AppError('CONFLICT', 'This 1:1 is already finished.');
    if (current.status !== 'scheduled' || current.startedAt === null) {
      throw new AppError('CONFLICT', 'Only a started 1:1 can be finished.');
    }
    const [meeting] = await tx.query<MeetingRecord>(
      `update meeting as m set status = 'held', held_at = $3
        where m.org_id = $1 and m.id = $2 returning ${meetingRecordColumns}`,
      [options.orgId, current.id, options.now.toISOString()],
    );
    if (!meeting) throw new AppError('NOT_FOUND', 'No such meeting.');
    // A 1:1 held ahead of its slot must not get that same slot as its "next" one.
    const after = new Date(Math.max(options.now.getTime(), Date.parse(meeting.scheduledAt)));
    const next = await scheduleNextMeeting(tx, {
      orgId: options.orgId,
      repId: meeting.repId,
      after,
      now: options.now,
    });
    const summaryMessageId = await queueSummary(tx, {
      ...options,
      meeting,
      nextMeetingAt: next.meeting?.scheduledAt ?? null,
    });
    return { meeting, summaryMessageId, nextMeeting: next.meeting };
  });
}

async function queueSummary(
  tx: Queryable,
  options: FinishMeetingOptions & { meeting: MeetingRecord; nextMeetingAt: string | null },
): Promise<string | null> {
  const { orgId, meeting } = options;
  const [people] = await tx.query<{
    rep_name: string;
    rep_email: string | null;
    manager_name: string;
    locale: string;
    time_zone: string;
    snapshot: { progression?: { reasons?: string[] } } | null;
  }>(
    `select r.name as rep_name, r.email as rep_email, mg.name as manager_name, o.locale,
            coalesce(s.time_zone, o.time_zone) as time_zone, m.agenda_snapshot as snapshot
       from meeting m
       join org o on o.id = m.org_id
       join person r on r.org_id = m.org_id and r.id = m.rep_id
       join person mg on mg.org_id = m.org_id and mg.id = m.manager_id
       left join meeting_series s on s.org_id = m.org_id and s.id = m.series_id
      where m.org_id = $1 and m.id = $2`,
    [orgId, meeting.id],
  );
  if (!people?.rep_email) return null;
  const notes = await tx.query<{ section: string; body: string }>(
    `select section, body from meeting_note
      where org_id = $1 and meeting_id = $2 and visibility = 'shared'
      order by case section when 'results' then 1 when 'pipeline' then 2 when 'activity' then 3
               else 4 end, created_at, id`,
    [orgId, meeting.id],
  );
  const commitments = await tx.query<{ ownerRole: 'rep' | 'manager'; text: string; dueOn: string }>(
    `select owner_role as "ownerRole", text, due_on as "dueOn" from commitment
      where org_id = $1 and meeting_id = $2 order by owner_role desc, due_on, created_at, id`,
    [orgId, meeting.id],
  );
  const reviewed = await tx.query<{
    ownerRole: 'rep' | 'manager';
    text: string;
    status: 'kept' | 'not_kept';
  }>(
    `select owner_role as "ownerRole", text, status from commitment
      where org_id = $1 and reviewed_in_meeting_id = $2 order by owner_role desc, due_on, id`,
    [orgId, meeting.id],
  );
  const message = meetingSummaryMail({
    orgId,
    to: [people.rep_email],
    repName: people.rep_name,
    managerName: people.manager_name,
    heldAt: meeting.heldAt ?? options.now.toISOString(),
    locale: people.locale,
    timeZone: people.time_zone,
    stage: meeting.stageReached,
    reasons: people.snapshot?.progression?.reasons ?? [],
    sharedNotes: notes,
    commitments,
    reviewed,
    nextMeetingAt: options.nextMeetingAt,
    meetingUrl: link(options.publicUrl, `/meetings/${meeting.id}`),
  });
  return queueMail(tx, message);
}
