import type { Queryable } from '../db/database.js';
import { type NoteView, noteColumns } from './meeting-view.js';

/** The notes of a 1:1 the viewer may read: the shared ones, and the private ones they wrote. */
export async function listNotes(
  db: Queryable,
  options: { orgId: string; meetingId: string; viewerId: string },
): Promise<NoteView[]> {
  return db.query<NoteView>(
    `select ${noteColumns} from meeting_note n
      where n.org_id = $1 and n.meeting_id = $2 and (n.visibility = 'shared' or n.author_id = $3)
      order by n.created_at, n.id`,
    [options.orgId, options.meetingId, options.viewerId],
  );
}
