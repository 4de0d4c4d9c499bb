import type { Queryable } from '../db/database.js';
import { loadMeeting } from './meeting-records.js';
import { type CommitmentView, commitmentColumns } from './meeting-view.js';

export interface CommitmentToReview extends CommitmentView {
  /** The 1:1 that reviewed it: this one once reviewed here, else null (still open). */
  reviewedInMeetingId: string | null;
}

/**
 * What the 1:1 reviews first: the commitments both sides made in the rep's earlier 1:1s
 * that are still open, and those this meeting already reviewed (so a mistake can be
 * corrected), oldest due first.
 */
export async function listCommitmentsToReview(
  db: Queryable,
  options: { orgId: string; meetingId: string; now: Date },
): Promise<CommitmentToReview[]> {
  const meeting = await loadMeeting(db, options);
  return db.query<CommitmentToReview>(
    `select ${commitmentColumns}, c.reviewed_in_meeting_id as "reviewedInMeetingId"
       from commitment c
      where c.org_id = $1 and c.rep_id = $2 and c.meeting_id <> $3
        and c.created_at < coalesce($4::timestamptz, $5::timestamptz)
        and (c.status = 'open' or c.reviewed_in_meeting_id = $3)
      order by c.due_on, c.created_at, c.id`,
    [options.orgId, meeting.repId, meeting.id, meeting.startedAt, options.now.toISOString()],
  );
}
