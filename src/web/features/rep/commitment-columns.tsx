import type { Commitment } from '../../api/types.js';
import { useFormat } from '../../components/format.js';

/** The rep's commitments and the manager's commitments to the rep, side by side. */
export function CommitmentColumns({ commitments }: { commitments: readonly Commitment[] }) {
  const f = useFormat();
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
                {c.text} <span className="muted">by {f.day(c.dueOn)}</span>
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
      <div className="columns">
        {column('rep', 'Yours')}
        {column('manager', "Your manager's, to you")}
      </div>
    </section>
  );
}
