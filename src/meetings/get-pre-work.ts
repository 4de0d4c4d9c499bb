import type { Queryable } from '../db/database.js';
import type { MeetingView, PreWorkView } from './meeting-view.js';

/**
 * The rep's answers before a 1:1 (none yet: an empty list). The caller has already checked
 * that the meeting's rep is within reach (the rep, their manager, the leaders above).
 */
export async function getPreWork(
  db: Queryable,
  options: { orgId: string; meeting: MeetingView },
): Promise<PreWorkView> {
  const [row] = await db.query<PreWorkView>(
    `select meeting_id as "meetingId", rep_id as "repId", answers, updated_at as "updatedAt"
       from rep_pre_work where org_id = $1 and meeting_id = $2`,
    [options.orgId, options.meeting.id],
  );
  return (
    row ?? {
      meetingId: options.meeting.id,
      repId: options.meeting.repId,
      answers: [],
      updatedAt: null,
    }
  );
}
