import type { FormEvent } from 'react';
import { messageOf } from '../../api/client.js';
import { keys, useApiMutation } from '../../api/queries.js';
import type { Note, NoteSection } from '../../api/types.js';
import { LockIcon } from '../../components/lock-icon.js';
import { type NoteDraft, saveDraft, useDraft } from './drafts.js';

/**
 * The notes of one stage: shared with the rep, or private to their author, by an explicit
 * choice. What is typed is a draft kept in the browser until it is saved (drafts.ts).
 */
export function StageNotes({
  meetingId,
  section,
  notes,
}: {
  meetingId: string;
  section: NoteSection;
  notes: readonly Note[];
}) {
  const [stored, setDraft] = useDraft(meetingId, section);
  const draft: NoteDraft = stored ?? { body: '', visibility: null };
  const update = (change: Partial<NoteDraft>) => {
    const next = { ...draft, ...change };
    setDraft(next.body || next.visibility ? next : null);
  };
  const add = useApiMutation(
    (input: NoteDraft) => saveDraft(meetingId, section, input),
    [keys.notes(meetingId)],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.body.trim()) add.mutate(draft);
  };
  const id = `note-${section}`;
  return (
    <div className="notes">
      <h3>Notes</h3>
      <ul className="note-list">
        {notes
          .filter((n) => n.section === section)
          .map((n) => (
            <li key={n.id}>
              {n.body}{' '}
              {n.visibility === 'private' ? (
                <span className="badge">
                  <LockIcon /> private
                </span>
              ) : null}
            </li>
          ))}
      </ul>
      <form onSubmit={submit} className="note-form">
        <label htmlFor={id} className="visually-hidden">
          Note on {section}
        </label>
        <textarea
          id={id}
          rows={2}
          value={draft.body}
          placeholder={`A note on ${section}…`}
          onChange={(e) => update({ body: e.target.value })}
        />
        <fieldset className="audience">
          <legend>Who sees it</legend>
          <label>
            <input
              type="radio"
              name={`audience-${section}`}
              value="shared"
              required
              checked={draft.visibility === 'shared'}
              onChange={() => update({ visibility: 'shared' })}
            />
            Shared with the rep
          </label>
          <label>
            <input
              type="radio"
              name={`audience-${section}`}
              value="private"
              required
              checked={draft.visibility === 'private'}
              onChange={() => update({ visibility: 'private' })}
            />
            <LockIcon /> Private to you
          </label>
        </fieldset>
        <button type="submit" disabled={add.isPending}>
          Add note
        </button>
      </form>
      {add.error ? (
        <p className="form-error" role="alert">
          Not saved: {messageOf(add.error)} The text stays here, kept in this browser.
        </p>
      ) : null}
    </div>
  );
}
