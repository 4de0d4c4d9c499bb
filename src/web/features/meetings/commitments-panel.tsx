import type { FormEvent } from 'react';
import { messageOf } from '../../api/client.js';
import { keys, useApiMutation } from '../../api/queries.js';
import type { Commitment } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { type CommitmentDraft, saveDraft, useDraft } from './drafts.js';

export const ownerWords = { rep: 'Rep', manager: 'Manager' } as const;

/**
 * Commitments made in this meeting, both ways, each with a due date. What is typed is a draft
 * kept in the browser until it is saved (drafts.ts).
 */
export function CommitmentsPanel({
  meetingId,
  repId,
  commitments,
  defaultDue,
}: {
  meetingId: string;
  repId: string;
  commitments: readonly Commitment[];
  defaultDue: string;
}) {
  const f = useFormat();
  const [stored, setDraft] = useDraft(meetingId, 'commitments');
  const draft: CommitmentDraft = stored ?? { text: '', owner: 'rep', dueOn: defaultDue };
  const update = (change: Partial<CommitmentDraft>) => setDraft({ ...draft, ...change });
  const add = useApiMutation(
    (input: CommitmentDraft) => saveDraft(meetingId, 'commitments', input),
    [keys.commitments({ rep: repId })],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.text.trim()) add.mutate(draft);
  };
  const made = commitments.filter((c) => c.meetingId === meetingId);
  return (
    <div className="commitments">
      {made.length === 0 ? (
        <p className="muted">None yet: end with what each side will do, by when.</p>
      ) : (
        <ul className="commitment-list" aria-label="Agreed in this 1:1">
          {made.map((c) => (
            <li key={c.id}>
              <span className={`badge owner-${c.ownerRole}`}>{ownerWords[c.ownerRole]}</span>{' '}
              {c.text} <span className="muted">by {f.day(c.dueOn)}</span>
            </li>
          ))}
        </ul>
      )}
      <form className="commitment-form" onSubmit={submit}>
        <label>
          Who
          <select
            value={draft.owner}
            onChange={(e) => update({ owner: e.target.value as Commitment['ownerRole'] })}
          >
            <option value="rep">Rep</option>
            <option value="manager">Manager</option>
          </select>
        </label>
        <label className="grow">
          Commitment
          <input
            value={draft.text}
            onChange={(e) => update({ text: e.target.value })}
            placeholder="What, precisely"
          />
        </label>
        <label>
          Due
          <input
            type="date"
            value={draft.dueOn}
            required
            onChange={(e) => update({ dueOn: e.target.value })}
          />
        </label>
        <button type="submit" disabled={add.isPending}>
          Add commitment
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
