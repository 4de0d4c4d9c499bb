import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import { type CommitmentView, commitmentColumns, type MeetingView } from './meeting-view.js';

/**
 * A commitment made in a 1:1, by the rep or by the manager. The owner follows from the role
 * named (the meeting's rep or manager): nobody can put a commitment in someone else's name.
 */
export async function createCommitment(
  db: Queryable,
  options: {
    orgId: string;
    meeting: MeetingView;
    commitment: { owner: 'rep' | 'manager'; text: string; dueOn: string };
    now: Date;
  },
): Promise<CommitmentView> {
  const { meeting, commitment } = options;
  const ownerId = commitment.owner === 'rep' ? meeting.repId : meeting.managerId;
  const [row] = await db.query<CommitmentView>(
    `insert into commitment as c (org_id, meeting_id, owner_id, owner_role, rep_id, text, due_on, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${commitmentColumns}`,
    [
      options.orgId,
      meeting.id,
      ownerId,
      commitment.owner,
      meeting.repId,
      commitment.text,
      commitment.dueOn,
      options.now.toISOString(),
    ],
  );
  if (!row) throw new AppError('NOT_FOUND', 'No such meeting.');
  return row;
}
