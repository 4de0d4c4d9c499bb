import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, messageOf } from '../../api/client.js';
import { useApiMutation } from '../../api/queries.js';
import type { CalendarFeedCreated, CalendarFeedStatus } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { QueryView } from '../../components/states.js';

const feedKey = ['calendar-feed'] as const;

/**
 * The secret iCalendar feed of one's 1:1s, to subscribe to from any calendar app. The server
 * keeps only a hash of the link: it is shown once, when created; a new one replaces the old.
 */
export function CalendarLink() {
  const f = useFormat();
  const feed = useQuery({
    queryKey: feedKey,
    queryFn: () => api<CalendarFeedStatus>('GET', '/me/calendar-feed'),
  });
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useApiMutation(
    () => api<CalendarFeedCreated>('POST', '/me/calendar-feed'),
    [feedKey],
  );
  const revoke = useApiMutation(() => api<undefined>('DELETE', '/me/calendar-feed'), [feedKey]);
  const createLink = () =>
    create.mutate(undefined, {
      onSuccess: (link) => {
        setCopied(false);
        setCreated(link.url ?? new URL(link.path, window.location.origin).toString());
      },
    });
  return (
    <section className="card" aria-labelledby="cal-title">
      <h2 id="cal-title">Calendar subscription</h2>
      <p className="muted">
        Your 1:1s in your calendar app. Keep the link secret: it opens your schedule.
      </p>
      <QueryView query={feed} what="your calendar link">
        {(status) => (
          <>
            {created ? (
              <div className="inline-form">
                <label className="grow">
                  Feed address (shown only now)
                  <input readOnly value={created} onFocus={(e) => e.target.select()} />
                </label>
                <button
                  type="button"
                  onClick={() => navigator.clipboard.writeText(created).then(() => setCopied(true))}
                >
                  {copied ? 'Copied' : 'Copy link'}
                </button>
              </div>
            ) : status.active && status.createdAt ? (
              <p>A link created {f.dateTime(status.createdAt)} is active.</p>
            ) : (
              <p className="muted">No link yet.</p>
            )}
            <div className="button-row">
              <button type="button" onClick={createLink} disabled={create.isPending}>
                {status.active ? 'Replace link' : 'Create link'}
              </button>
              {status.active ? (
                <button
                  type="button"
                  onClick={() => revoke.mutate(undefined, { onSuccess: () => setCreated(null) })}
                  disabled={revoke.isPending}
                >
                  Stop the link
                </button>
              ) : null}
            </div>
            {status.active && !created ? (
              <p className="muted">Replacing it stops the old link in every calendar using it.</p>
            ) : null}
          </>
        )}
      </QueryView>
      {create.error || revoke.error ? (
        <p className="form-error" role="alert">
          {messageOf(create.error ?? revoke.error)}
        </p>
      ) : null}
    </section>
  );
}
