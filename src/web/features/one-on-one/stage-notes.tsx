import { type FormEvent, useState } from 'react';
import { api, messageOf } from '../../api/client.js';
import { keys, useApiMutation } from '../../api/queries.js';
import type { Note, NoteSection } from '../../api/types.js';

/** The notes of one stage: shared with the rep, or private to their author. */
export function StageNotes({
  meetingId,
  section,
  notes,
}: {
  meetingId: string;
  section: NoteSection;
  notes: readonly Note[];
}) {
  const [body, setBody] = useState('');
  const [privateNote, setPrivateNote] = useState(false);
  const add = useApiMutation(
    (input: { body: string; visibility: Note['visibility'] }) =>
      api<Note>('POST', `/meetings/${meetingId}/notes`, { body: { section, ...input } }),
    [keys.notes(meetingId)],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    add.mutate(
      { body: body.trim(), visibility: privateNote ? 'private' : 'shared' },
      { onSuccess: () => setBody('') },
    );
  };
  const id = `note-${section}`;
  return (
    <div className="notes">
      <h4>Notes</h4>
      <ul className="note-list">
        {notes
          .filter((n) => n.section === section)
          .map((n) => (
            <li key={n.id}>
              {n.body} {n.visibility === 'private' ? <span className="badge">private</span> : null}
            </li>
          ))}
      </ul>
      <form onSubmit={submit} className="inline-form">
        <label htmlFor={id} className="visually-hidden">
          Note on {section}
        </label>
        <textarea
          id={id}
          rows={2}
          value={body}
          placeholder={`A note on ${section}…`}
          onChange={(e) => setBody(e.target.value)}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={privateNote}
            onChange={(e) => setPrivateNote(e.target.checked)}
          />
          Private
        </label>
        <button type="submit" disabled={add.isPending}>
          Add note
        </button>
      </form>
      {add.error ? (
        <p className="form-error" role="alert">
          {messageOf(add.error)}
        </p>
      ) : null}
    </div>
  );
}
