import { type FormEvent, useId, useState } from 'react';
import { api, messageOf } from '../../api/client.js';
import { keys, useApiMutation, useGoals } from '../../api/queries.js';
import type { AcceptGoalBody, Goal, RejectGoalBody } from '../../api/types.js';
import { useSession } from '../../app/session.js';
import { useFormat } from '../../components/format.js';
import { QueryView } from '../../components/states.js';
import { addMonths, todayIn } from '../../components/today.js';

/**
 * Goals become agreed only when the other side accepts: the proposals waiting for this
 * person's answer, and a form to propose one.
 */
export function GoalProposals({ personId }: { personId: string }) {
  const f = useFormat();
  const { person, org } = useSession();
  const goals = useGoals(personId);
  // Goals are agreed ahead: the month in progress and the next five to choose from.
  const thisMonth = todayIn(org.timeZone).slice(0, 7);
  const months = Array.from({ length: 6 }, (_, i) => addMonths(thisMonth, i));
  const formId = useId();
  const [month, setMonth] = useState(addMonths(thisMonth, 1));
  const [target, setTarget] = useState('');
  // Accepting names the target seen: if a counter changed it meanwhile, the server says 409.
  const answer = useApiMutation(
    (input: { goal: Goal; answer: 'accept' | 'reject' }) =>
      input.answer === 'accept'
        ? api<Goal>('POST', `/goals/${input.goal.id}/accept`, {
            body: { target: input.goal.target } satisfies AcceptGoalBody,
          })
        : api<Goal>('POST', `/goals/${input.goal.id}/reject`, {
            body: {} satisfies RejectGoalBody,
          }),
    [keys.goals(personId)],
  );
  const propose = useApiMutation(
    () =>
      api<Goal>('POST', '/goals', {
        body: {
          personId,
          metric: 'bookings',
          periodKind: 'month',
          periodStart: `${month}-01`,
          target: f.toMinor(Number(target)),
        },
      }),
    [keys.goals(personId)],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    propose.mutate(undefined, { onSuccess: () => setTarget('') });
  };
  return (
    <section className="card" aria-labelledby="goals-title">
      <h2 id="goals-title">Goal proposals</h2>
      <QueryView query={goals} what="goals">
        {(page) => {
          const waiting = page.items.filter((g) => g.status === 'proposed');
          if (waiting.length === 0)
            return <p className="muted">No proposal waits for an answer.</p>;
          return (
            <ul className="goal-list">
              {waiting.map((g) => (
                <li key={g.id}>
                  {g.metric} {f.month(g.periodStart)}: <strong>{f.money(g.target)}</strong>{' '}
                  {g.proposedBy === person.id ? (
                    <span className="muted">waiting for the other side</span>
                  ) : (
                    <span className="button-row">
                      <button
                        type="button"
                        onClick={() => answer.mutate({ goal: g, answer: 'accept' })}
                      >
                        Accept
                      </button>
                      <button
                        type="button"
                        onClick={() => answer.mutate({ goal: g, answer: 'reject' })}
                      >
                        Reject
                      </button>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          );
        }}
      </QueryView>
      <form className="inline-form" onSubmit={submit}>
        <span className="field">
          <label htmlFor={`${formId}-month`}>Month</label>
          <select id={`${formId}-month`} value={month} onChange={(e) => setMonth(e.target.value)}>
            {months.map((m) => (
              <option key={m} value={m}>
                {f.month(m)}
                {m === thisMonth ? ' (in progress)' : ''}
              </option>
            ))}
          </select>
        </span>
        <label>
          Bookings goal ({org.currency})
          <input
            placeholder="e.g. 90000"
            type="number"
            min="0"
            step="1"
            required
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
        </label>
        <button type="submit" disabled={propose.isPending}>
          Propose
        </button>
      </form>
      {answer.error || propose.error ? (
        <p className="form-error" role="alert">
          {messageOf(answer.error ?? propose.error)}
        </p>
      ) : null}
    </section>
  );
}
