import { useNotes } from '../../api/queries.js';
import type { Commitment, Meeting } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { QueryView } from '../../components/states.js';
import { StageBadge } from '../meetings/stage-badge.js';

/** The summary of the last 1:1 held: the stage reached, the shared notes, what was agreed. */
export function LastMeetingSummary({
  meeting,
  commitments,
}: {
  meeting: Meeting;
  commitments: readonly Commitment[];
}) {
  const f = useFormat();
  const notes = useNotes(meeting.id);
  const agreed = commitments.filter((c) => c.meetingId === meeting.id);
  return (
    <section className="card" aria-labelledby="summary-title">
      <h2 id="summary-title">
        Summary of your last 1:1 <span className="muted">· {f.dateTime(meeting.heldAt)}</span>
      </h2>
      {meeting.stageReached ? (
        <p>
          Reached: <StageBadge stage={meeting.stageReached} />.
        </p>
      ) : null}
      <QueryView query={notes} what="notes">
        {(page) =>
          page.items.length === 0 ? (
            <p className="muted">No shared notes.</p>
          ) : (
            <ul className="note-list">
              {page.items.map((n) => (
                <li key={n.id}>
                  <span className="badge">{n.section}</span> {n.body}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      {agreed.length > 0 ? (
        <>
          <h3>Agreed</h3>
          <ul className="commitment-list">
            {agreed.map((c) => (
              <li key={c.id}>
                <span className={`badge owner-${c.ownerRole}`}>
                  {c.ownerRole === 'rep' ? 'You' : 'Manager'}
                </span>{' '}
                {c.text} <span className="muted">by {f.day(c.dueOn)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
