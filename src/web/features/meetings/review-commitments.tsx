import { api, messageOf } from '../../api/client.js';
import { keys, useApiMutation, useCommitmentsToReview } from '../../api/queries.js';
import type { CommitmentToReview, ReviewCommitmentBody } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { QueryView } from '../../components/states.js';
import { ownerWords } from './commitments-panel.js';

/** Both sides' open commitments from earlier 1:1s, each reviewed now: kept or not kept. */
export function ReviewCommitments({ meetingId }: { meetingId: string }) {
  const f = useFormat();
  const toReview = useCommitmentsToReview(meetingId);
  const review = useApiMutation(
    (input: { id: string; status: ReviewCommitmentBody['status'] }) =>
      api<CommitmentToReview>('PATCH', `/commitments/${input.id}`, {
        body: {
          status: input.status,
          reviewedInMeetingId: meetingId,
        } satisfies ReviewCommitmentBody,
      }),
    [keys.toReview(meetingId), keys.commitments({})],
  );
  return (
    <>
      {review.error ? (
        <p className="form-error" role="alert">
          {messageOf(review.error)}
        </p>
      ) : null}
      <QueryView query={toReview} what="the commitments to review">
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">
              Nothing was left open at the earlier 1:1s: go on to the results.
            </p>
          ) : (
            <ul className="commitment-list review-list">
              {items.map((c) => (
                <li key={c.id}>
                  <span className={`badge owner-${c.ownerRole}`}>{ownerWords[c.ownerRole]}</span>{' '}
                  {c.text} <span className="muted">due {f.day(c.dueOn)}</span>{' '}
                  {c.doneAt ? (
                    <span className="badge pass">
                      marked done {f.dateTime(c.doneAt)} by{' '}
                      {c.ownerRole === 'rep' ? 'the rep' : 'you'}
                    </span>
                  ) : null}{' '}
                  {c.reviewedInMeetingId ? (
                    <span className={c.status === 'kept' ? 'badge pass' : 'badge fail'}>
                      {c.status === 'kept' ? 'kept' : 'not kept'}
                    </span>
                  ) : (
                    <span className="button-row">
                      <button
                        type="button"
                        onClick={() => review.mutate({ id: c.id, status: 'kept' })}
                        disabled={review.isPending}
                      >
                        Kept<span className="visually-hidden">: {c.text}</span>
                      </button>
                      <button
                        type="button"
                        onClick={() => review.mutate({ id: c.id, status: 'not_kept' })}
                        disabled={review.isPending}
                      >
                        Not kept<span className="visually-hidden">: {c.text}</span>
                      </button>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </>
  );
}
