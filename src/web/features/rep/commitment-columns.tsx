import { api, messageOf } from '../../api/client.js';
import { keys, useApiMutation } from '../../api/queries.js';
import type { Commitment } from '../../api/types.js';
import { useFormat } from '../../components/format.js';

/**
 * The rep's commitments and the manager's commitments to the rep, side by side. The rep
 * marks their own done as they go; the manager sees the mark when reviewing it.
 */
export function CommitmentColumns({
  commitments,
  viewerId,
}: {
  commitments: readonly Commitment[];
  viewerId: string;
}) {
  const f = useFormat();
  const mark = useApiMutation(
    (input: { id: string; done: boolean }) =>
      api<Commitment>('POST', `/commitments/${input.id}/done`, { body: { done: input.done } }),
    [keys.commitments({})],
  );
  const open = commitments.filter((c) => c.status === 'open');
  const column = (role: Commitment['ownerRole'], title: string) => {
    const list = open.filter((c) => c.ownerRole === role);
    return (
      <div>
        <h3>{title}</h3>
        {list.length === 0 ? (
          <p className="muted">None open.</p>
        ) : (
          <ul className="commitment-list">
            {list.map((c) => (
              <li key={c.id}>
                {c.ownerId === viewerId ? (
                  <label className="done-mark">
                    <input
                      type="checkbox"
                      checked={c.doneAt !== null}
                      disabled={mark.isPending}
                      onChange={(e) => mark.mutate({ id: c.id, done: e.target.checked })}
                    />
                    <span>
                      {c.text} <span className="muted">by {f.day(c.dueOn)}</span>
                      {c.doneAt ? (
                        <span className="badge pass">done {f.dateTime(c.doneAt)}</span>
                      ) : null}
                    </span>
                  </label>
                ) : (
                  <>
                    {c.text} <span className="muted">by {f.day(c.dueOn)}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  };
  return (
    <section className="card" aria-label="Commitments">
      <h2>Commitments</h2>
      {mark.error ? (
        <p className="form-error" role="alert">
          {messageOf(mark.error)}
        </p>
      ) : null}
      <div className="columns">
        {column('rep', 'Yours')}
        {column('manager', "Your manager's, to you")}
      </div>
    </section>
  );
}
