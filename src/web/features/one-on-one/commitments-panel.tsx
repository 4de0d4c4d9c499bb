import { type FormEvent, useState } from 'react';
import { api, messageOf } from '../../api/client.js';
import type { Commitment } from '../../api/pending-shapes.js';
import { keys, useApiMutation } from '../../api/queries.js';
import { useFormat } from '../../components/format.js';

const who = { rep: 'Rep', manager: 'Manager' } as const;

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
    <section className="card" aria-labelledby="commitments-title">
      <h3 id="commitments-title">Commitments, both ways</h3>
      {made.length === 0 ? (
        <p className="muted">None yet: end with what each side will do, by when.</p>
      ) : (
        <ul className="commitment-list">
          {made.map((c) => (
            <li key={c.id}>
              <span className={`badge owner-${c.ownerRole}`}>{who[c.ownerRole]}</span> {c.text}{' '}
              <span className="muted">by {f.day(c.dueOn)}</span>
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
    </section>
  );
}

/** The commitments of earlier meetings, reviewed now: kept or not kept. */
export function PreviousCommitments({
  repId,
  meetingId,
  commitments,
}: {
  repId: string;
  meetingId: string;
  commitments: readonly Commitment[];
}) {
  const f = useFormat();
  const review = useApiMutation(
    (input: { id: string; status: 'kept' | 'not_kept' }) =>
      api<Commitment>('PATCH', `/commitments/${input.id}`, {
        body: { status: input.status, reviewedInMeetingId: meetingId },
      }),
    [keys.commitments({ rep: repId })],
  );
  const earlier = commitments.filter((c) => c.meetingId !== meetingId);
  return (
    <section className="card" aria-labelledby="previous-title">
      <h3 id="previous-title">Commitments from last time</h3>
      {earlier.length === 0 ? (
        <p className="muted">Nothing was committed at the previous 1:1.</p>
      ) : (
        <ul className="commitment-list">
          {earlier.map((c) => (
            <li key={c.id}>
              <span className={`badge owner-${c.ownerRole}`}>{who[c.ownerRole]}</span> {c.text}{' '}
              <span className="muted">due {f.day(c.dueOn)}</span>{' '}
              {c.status === 'open' ? (
                <span className="button-row">
                  <button type="button" onClick={() => review.mutate({ id: c.id, status: 'kept' })}>
                    Kept
                  </button>
                  <button
                    type="button"
                    onClick={() => review.mutate({ id: c.id, status: 'not_kept' })}
                  >
                    Not kept
                  </button>
                </span>
              ) : (
                <span className={c.status === 'kept' ? 'badge pass' : 'badge fail'}>
                  {c.status === 'kept' ? 'kept' : 'not kept'}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {review.error ? (
        <p className="form-error" role="alert">
          {messageOf(review.error)}
        </p>
      ) : null}
    </section>
  );
}
