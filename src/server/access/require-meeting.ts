import type { Queryable } from '../../db/database.js';
import { getMeeting } from '../../meetings/get-meeting.js';
import type { MeetingView } from '../../meetings/meeting-view.js';
import { type Access, personScope } from './scope.js';

/** 404 unless the 1:1's rep is within the caller's reach (then the use case checks the role). */
export async function requireMeeting(
  db: Queryable,
  access: Access,
  meetingId: string,
): Promise<MeetingView> {
  const scope = await personScope(db, access);
  return getMeeting(db, { orgId: access.caller.orgId, meetingId, scope });
}
