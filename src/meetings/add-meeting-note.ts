import type { Queryable } from '../db/database.js';
import { AppError } from '../shared/app-error.js';
import { createNote } from './create-note.js';
import { type Actor, assertParticipant, loadMeeting } from './meeting-records.js';
import type { NoteView, noteSections, noteVisibilities } from './meeting-view.js';

export interface AddMeetingNoteOptions {
  orgId: string;
  meetingId: string;
  actor: Actor;
  section: (typeof noteSections)[number];
  /** shared: the rep and the manager read it; private: its author only. */
  visibility: (typeof noteVisibilities)[number];
  body: string;
  now: Date;
}

/**
 * A note in a section of the progression, by the rep or the manager of the 1:1. Notes go
 * on a 1:1 that is scheduled (preparation), running or held; not on one that never happened.
 */
export async function addMeetingNote(
  db: Queryable,
  options: AddMeetingNoteOptions,
): Promise<NoteView> {
  const meeting = await loadMeeting(db, options);
  assertParticipant(meeting, options.actor);
  if (meeting.status !== 'scheduled' && meeting.status !== 'held') {
    throw new AppError('CONFLICT', `No notes on a ${meeting.status} 1:1.`);
  }
  const body = options.body.trim();
  if (body === '') {
    throw new AppError('VALIDATION_FAILED', 'A note needs a text.', {
      issues: [{ field: 'body.body', reason: 'empty' }],
    });
  }
  return createNote(db, {
    orgId: options.orgId,
    meetingId: meeting.id,
    authorId: options.actor.personId,
    note: { section: options.section, visibility: options.visibility, body },
    now: options.now,
  });
}
