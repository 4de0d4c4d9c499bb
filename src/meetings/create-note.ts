import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import {
  type NoteView,
  noteColumns,
  type noteSections,
  type noteVisibilities,
} from './meeting-view.js';

/** A note by the caller on a 1:1 they take part in; the author is always the caller. */
export async function createNote(
  db: Queryable,
  options: {
    orgId: string;
    meetingId: string;
    authorId: string;
    note: {
      section: (typeof noteSections)[number];
      visibility: (typeof noteVisibilities)[number];
      body: string;
    };
    now: Date;
  },
): Promise<NoteView> {
  const { note } = options;
  const [row] = await db.query<NoteView>(
    `insert into meeting_note as n (org_id, meeting_id, author_id, section, visibility, body, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $7) returning ${noteColumns}`,
    [
      options.orgId,
      options.meetingId,
      options.authorId,
      note.section,
      note.visibility,
      note.body,
      options.now.toISOString(),
    ],
  );
  if (!row) throw new AppError('NOT_FOUND', 'No such meeting.');
  return row;
}
