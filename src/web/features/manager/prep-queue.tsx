import { Link } from 'react-router';
import { usePrepQueue } from '../../api/queries.js';
import type { PrepQueueEntry } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { Empty, QueryView } from '../../components/states.js';
import { StageBadge } from '../meetings/stage-badge.js';

/** Last held, then when the next is due, in words that add up ("due Mar 10 · 5 days late"). */
function When({ entry }: { entry: PrepQueueEntry }) {
  const f = useFormat();
  const held = entry.lastHeldAt
    ? `last held ${f.day(entry.lastHeldAt.slice(0, 10))}`
    : 'never held';
  const late = entry.daysOverdue === 1 ? '1 day late' : `${entry.daysOverdue} days late`;
  const due =
    entry.state === 'overdue' && entry.dueOn
      ? `due ${f.dayShort(entry.dueOn)} · ${late}`
      : entry.dueOn
        ? `due ${f.dayShort(entry.dueOn)}`
        : 'due now';
  const next = entry.nextMeeting
    ? `next ${f.dateTime(entry.nextMeeting.scheduledAt)}`
    : 'nothing planned';
  return (
    <p className="prep-when">
      {held} · <span className={entry.state === 'overdue' ? 'late' : undefined}>{due}</span> ·{' '}
      {next}
    </p>
  );
}

/**
 * What to prepare, in order: per rep, how far the 1:1 will go and the sentence that decided
 * it, when the last one was held and when the next is due, late ones first.
 */
export function PrepQueue() {
  const queue = usePrepQueue();
  return (
    <section className="card prep-queue" aria-labelledby="prep-title">
      <h2 id="prep-title">Prep queue</h2>
      <QueryView query={queue} what="your prep queue">
        {({ items }) =>
          items.length === 0 ? (
            <Empty title="No rep to prepare for." next="Your teams have no reps today." />
          ) : (
            <ol className="prep-list">
              {items.map((entry) => (
                <li key={entry.repId}>
                  <div className="prep-head">
                    <Link to={`/one-on-one/${entry.repId}`} className="prep-name">
                      {entry.repName}
                    </Link>
                    <StageBadge stage={entry.stage} />
                  </div>
                  <p className="prep-reason">{entry.reason}</p>
                  <When entry={entry} />
                </li>
              ))}
            </ol>
          )
        }
      </QueryView>
    </section>
  );
}
