import type { Queryable } from '../db/database.js';
import { inScope, type Scope } from '../server/access/scope.js';
import { AppError } from '../shared/app-error.js';
import { type MeetingView, meetingColumns } from './meeting-view.js';

/** One 1:1, if its rep is within reach: otherwise 404, as if it did not exist. */
export async function getMeeting(
  db: Queryable,
  options: { orgId: string; meetingId: string; scope: Scope },
): Promise<MeetingView> {
  const [row] = await db.query<MeetingView>(
    `select ${meetingColumns} from meeting m where m.org_id = $1 and m.id = $2`,
    [options.orgId, options.meetingId],
  );
  if (!row || !inScope(options.scope, row.repId))
    throw new AppError('NOT_FOUND', 'No such meeting.');
  return row;
}
