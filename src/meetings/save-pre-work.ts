import type { Queryable } from '../db/database.js';
import type { PreWorkAnswer } from '../db/schema/meetings.js';
import { AppError } from '../shared/app-error.js';
import type { MeetingView, PreWorkView } from './meeting-view.js';

/**
 * The rep writes their answers before the 1:1: only the meeting's own rep, and only while it
 * is still to be held (a held, missed or cancelled 1:1 is a record). Blank answers are
 * dropped; what is left replaces what was there.
 */
export async function savePreWork(
  db: Queryable,
  options: {
    orgId: string;
    meeting: MeetingView;
    actorId: string;
    answers: readonly PreWorkAnswer[];
    now: Date;
  },
): Promise<PreWorkView> {
  const { meeting } = options;
  if (meeting.repId !== options.actorId)
    throw new AppError('FORBIDDEN', 'Only the rep of this 1:1 writes its pre-work.');
  if (meeting.status !== 'scheduled')
    throw new AppError('CONFLICT', `This 1:1 is ${meeting.status}: its pre-work is closed.`);
  const answers = options.answers.filter((a) => a.answer.trim() !== '');
  const [row] = await db.query<PreWorkView>(
    `insert into rep_pre_work (org_id, meeting_id, rep_id, answers, updated_at)
     values ($1, $2, $3, $4::jsonb, $5)
     on conflict (org_id, meeting_id)
       do update set answers = excluded.answers, updated_at = excluded.updated_at
     returning meeting_id as "meetingId", rep_id as "repId", answers, updated_at as "updatedAt"`,
    [options.orgId, meeting.id, meeting.repId, JSON.stringify(answers), options.now.toISOString()],
  );
  if (!row) throw new Error('the pre-work was not written');
  return row;
}
