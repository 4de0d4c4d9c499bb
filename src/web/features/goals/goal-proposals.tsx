import { type FormEvent, useId, useState } from 'react';
import { api, messageOf } from '../../api/client.js';
import { keys, useApiMutation, useGoals } from '../../api/queries.js';
import type { AcceptGoalBody, Goal, RejectGoalBody, ReviseGoalBody } from '../../api/types.js';
import { useSession } from '../../app/session.js';
import { useFormat } from '../../components/format.js';
import { QueryView } from '../../components/states.js';
import { addMonths, todayIn } from '../../components/today.js';

/** What waits for an answer: a goal never agreed, or a change beside an agreed goal. */
const waitsForAnswer = (g: Goal) => g.status === 'proposed' || g.pendingChange !== null;

/**
 * Goals become agreed only when the other side accepts: the proposals waiting for an answer
 * (new goals, and changes to agreed goals, whose agreed target stays in force until the
 * change is accepted), and a form to propose a goal or a change. `repName` names the rep
 * when someone else (their manager) is looking.
 */
export function GoalProposals({ personId, repName }: { personId: string; repName?: string }) {
  const f = useFormat();
  const { person, org } = useSession();
  const goals = useGoals(personId);
  // Goals are agreed ahead: the month in progress and the next five to choose from.
  const thisMonth = todayIn(org.timeZone).slice(0, 7);
  const months = Array.from({ length: 6 }, (_, i) => addMonths(thisMonth, i));
  const formId = useId();
  const [month, setMonth] = useState(addMonths(thisMonth, 1));
  const [target, setTarget] = useState('');
  const changed = [keys.goals(personId), keys.agenda(personId)];
  const existing = goals.data?.items.find(
    (g) => g.metric === 'bookings' && g.periodKind === 'month' && g.periodStart === `${month}-01`,
  );
  const whoProposed = (goal: Goal, proposedBy: string | null) =>
    proposedBy === person.id
      ? 'you'
      : proposedBy === goal.personId
        ? (repName ?? 'the rep')
        : person.id === goal.personId
          ? 'your manager'
          : 'the manager';
  // Accepting names the target seen: if it changed meanwhile, the server says 409.
  const answer = useApiMutation(
    (input: { goal: Goal; answer: 'accept' | 'reject' }) =>
      input.answer === 'accept'
        ? api<Goal>('POST', `/goals/${input.goal.id}/accept`, {
            body: {
              target: input.goal.pendingChange?.target ?? input.goal.target,
            } satisfies AcceptGoalBody,
          })
        : api<Goal>('POST', `/goals/${input.goal.id}/reject`, {
            body: {} satisfies RejectGoalBody,
          }),
    changed,
  );
  // A month that already has a goal gets a change (beside it, if agreed), not a second goal.
  const propose = useApiMutation(
    (goal: Goal | undefined) =>
      goal
        ? api<Goal>('PATCH', `/goals/${goal.id}`, {
            body: { target: f.toMinor(Number(target)) } satisfies ReviseGoalBody,
          })
        : api<Goal>('POST', '/goals', {
            body: {
              personId,
              metric: 'bookings',
              periodKind: 'month',
              periodStart: `${month}-01`,
              target: f.toMinor(Number(target)),
            },
          }),
    changed,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    propose.mutate(existing, { onSuccess: () => setTarget('') });
  };
  const answerButtons = (g: Goal) => (
    <span className="button-row">
      <button type="button" onClick={() => answer.mutate({ goal: g, answer: 'accept' })}>
        Accept
      </button>
      <button type="button" onClick={() => answer.mutate({ goal: g, answer: 'reject' })}>
        Reject
      </button>
    </span>
  );
  return (
    <section className="card" aria-labelledby="goals-title">
      <h2 id="goals-title">Goal proposals</h2>
      <QueryView query={goals} what="goals">
        {(page) => {
          const waiting = page.items.filter(waitsForAnswer);
          if (waiting.length === 0)
            return <p className="muted">No proposal waits for an answer.</p>;
          return (
            <ul className="goal-list">
              {waiting.map((g) => {
                const change = g.pendingChange;
                const proposer = change ? change.proposedBy : g.proposedBy;
                return (
                  <li key={g.id}>
                    {g.metric} {f.month(g.periodStart)}:{' '}
                    {change ? (
                      <>
                        agreed <strong>{f.money(g.target)}</strong>; change to{' '}
                        <strong>{f.money(change.target)}</strong> proposed by{' '}
                        {whoProposed(g, change.proposedBy)}{' '}
                      </>
                    ) : (
                      <>
                        <strong>{f.money(g.target)}</strong> proposed by{' '}
                        {whoProposed(g, g.proposedBy)}, not agreed yet{' '}
                      </>
                    )}
                    {proposer === person.id ? (
                      <span className="muted">waiting for the other side</span>
                    ) : (
                      answerButtons(g)
                    )}
                  </li>
                );
              })}
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
          {existing?.status === 'agreed' ? 'Propose a change' : 'Propose'}
        </button>
      </form>
      {existing?.status === 'agreed' ? (
        <p className="muted">
          Agreed for {f.month(existing.periodStart)}: {f.money(existing.target)}. A change stays a
          proposal until the other side accepts it.
        </p>
      ) : null}
      {answer.error || propose.error ? (
        <p className="form-error" role="alert">
          {messageOf(answer.error ?? propose.error)}
        </p>
      ) : null}
    </section>
  );
}
