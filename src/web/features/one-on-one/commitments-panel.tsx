import { type FormEvent, useState } from 'react';
import { api, messageOf } from '../../api/client.js';
import { keys, useApiMutation } from '../../api/queries.js';
import type { Commitment } from '../../api/types.js';
import { useFormat } from '../../components/format.js';

export const ownerWords = { rep: 'Rep', manager: 'Manager' } as const;

/** Commitments made in this meeting, both ways, each with a due date. */
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
  const [text, setText] = useState('');
  const [ownerRole, setOwnerRole] = useState<Commitment['ownerRole']>('rep');
  const [dueOn, setDueOn] = useState(defaultDue);
  const add = useApiMutation(
    () =>
      api<Commitment>('POST', `/meetings/${meetingId}/commitments`, {
        body: { owner: ownerRole, text: text.trim(), dueOn },
      }),
    [keys.commitments({ rep: repId })],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) add.mutate(undefined, { onSuccess: () => setText('') });
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
            value={ownerRole}
            onChange={(e) => setOwnerRole(e.target.value as Commitment['ownerRole'])}
          >
            <option value="rep">Rep</option>
            <option value="manager">Manager</option>
          </select>
        </label>
        <label className="grow">
          Commitment
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="What, precisely"
          />
        </label>
        <label>
          Due
          <input type="date" value={dueOn} required onChange={(e) => setDueOn(e.target.value)} />
        </label>
        <button type="submit" disabled={add.isPending}>
          Add commitment
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
