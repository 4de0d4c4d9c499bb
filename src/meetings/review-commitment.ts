import type { Database } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import type { CommitmentToReview } from './list-commitments-to-review.js';
import { type Actor, assertMeetingManager, loadMeeting } from './meeting-records.js';
import { commitmentColumns } from './meeting-view.js';

export interface ReviewCommitmentOptions {
  orgId: string;
  /** The 1:1 in which the review happens (not the one the commitment was made in). */
  meetingId: string;
  commitmentId: string;
  actor: Actor;
  outcome: 'kept' | 'not_kept';
  now: Date;
}

/**
 * Marks a commitment from one of the rep's earlier 1:1s as kept or not kept, in the
 * current 1:1 (`reviewed_in_meeting_id`). The rep's and the manager's own commitments are
 * reviewed alike: that is what the follow-through rates count. A commitment reviewed in an
 * earlier 1:1 is settled; one reviewed in this 1:1 may be corrected.
 */
export async function reviewCommitment(
  db: Database,
  options: ReviewCommitmentOptions,
): Promise<CommitmentToReview> {
  return db.transaction(async (tx) => {
    const meeting = await loadMeeting(tx, options);
    assertMeetingManager(meeting, options.actor);
    if (
      meeting.startedAt === null ||
      (meeting.status !== 'scheduled' && meeting.status !== 'held')
    ) {
      throw new AppError('CONFLICT', 'Commitments are reviewed in a 1:1 that has started.');
    }
    const [commitment] = await tx.query<{
      rep_id: string;
      meeting_id: string;
      status: string;
      reviewed_in_meeting_id: string | null;
      created_at: string;
    }>(
      `select rep_id, meeting_id, status, reviewed_in_meeting_id, created_at from commitment
        where org_id = $1 and id = $2 for update`,
      [options.orgId, options.commitmentId],
    );
    if (!commitment || commitment.rep_id !== meeting.repId) {
      throw new AppError('NOT_FOUND', 'No such commitment for this rep.');
    }
    if (commitment.meeting_id === meeting.id || commitment.created_at >= meeting.startedAt) {
      throw new AppError(
        'CONFLICT',
        'A commitment is reviewed at a later 1:1 than the one it was made in.',
      );
    }
    if (commitment.status !== 'open' && commitment.reviewed_in_meeting_id !== meeting.id) {
      throw new AppError('CONFLICT', 'This commitment was already reviewed in an earlier 1:1.');
    }
    const [reviewed] = await tx.query<CommitmentToReview>(
      `update commitment as c set status = $3, reviewed_in_meeting_id = $4, reviewed_at = $5
        where c.org_id = $1 and c.id = $2
       returning ${commitmentColumns}, c.reviewed_in_meeting_id as "reviewedInMeetingId"`,
      [options.orgId, options.commitmentId, options.outcome, meeting.id, options.now.toISOString()],
    );
    if (!reviewed) throw new AppError('NOT_FOUND', 'No such commitment.');
    return reviewed;
  });
}
