import { dayInZone } from '../core/days.js';
import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import { createCommitment } from './create-commitment.js';
import { type Actor, assertParticipant, loadMeeting, orgTimeZone } from './meeting-records.js';
import type { CommitmentView } from './meeting-view.js';

export interface AddCommitmentOptions {
  orgId: string;
  meetingId: string;
  actor: Actor;
  /** Whose commitment: the rep's, or the manager's own accountability to the rep. */
  owner: 'rep' | 'manager';
  text: string;
  /** Org-local day by which it is due; reviewed (kept / not kept) at a later 1:1. */
  dueOn: string;
  now: Date;
}

/**
 * A commitment made in a running (started) or just held 1:1, by either side, with a due
 * date that is not in the past. Either participant may write either side's commitment down
 * (the manager usually types), but the owner is always the meeting's rep or manager.
 */
export async function addCommitment(
  db: Queryable,
  options: AddCommitmentOptions,
): Promise<CommitmentView> {
  const meeting = await loadMeeting(db, options);
  assertParticipant(meeting, options.actor);
  if (meeting.startedAt === null || (meeting.status !== 'scheduled' && meeting.status !== 'held')) {
    throw new AppError('CONFLICT', 'Commitments are made in a 1:1 that has started.');
  }
  const text = options.text.trim();
  const issues = [];
  if (text === '') issues.push({ field: 'body.text', reason: 'empty' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.dueOn)) {
    issues.push({ field: 'body.dueOn', value: options.dueOn, reason: 'expected YYYY-MM-DD' });
  } else if (options.dueOn < dayInZone(options.now, await orgTimeZone(db, options.orgId))) {
    issues.push({ field: 'body.dueOn', value: options.dueOn, reason: 'in the past' });
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', 'Invalid commitment.', { issues });
  return createCommitment(db, {
    orgId: options.orgId,
    meeting: {
      id: meeting.id,
      seriesId: meeting.seriesId,
      repId: meeting.repId,
      managerId: meeting.managerId,
      scheduledAt: meeting.scheduledAt,
      durationMinutes: meeting.durationMinutes,
      status: meeting.status,
      heldAt: meeting.heldAt,
      stageReached: meeting.stageReached,
    },
    commitment: { owner: options.owner, text, dueOn: options.dueOn },
    now: options.now,
  });
}
