import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { QueryView } from '../../components/states.js';

/** The secret iCalendar feed of one's 1:1s, to subscribe to from any calendar app. */
export function CalendarLink() {
  const feed = useQuery({
    queryKey: ['calendar-feed'],
    queryFn: () => api<{ url: string }>('GET', '/me/calendar-feed'),
  });
  const [copied, setCopied] = useState(false);
  return (
    <section className="card" aria-labelledby="cal-title">
      <h2 id="cal-title">Calendar subscription</h2>
      <p className="muted">
        Your 1:1s in your calendar app. Keep the link secret: it opens your schedule.
      </p>
      <QueryView query={feed} what="your calendar link">
        {({ url }) => (
          <div className="inline-form">
            <label className="grow">
              Feed address
              <input readOnly value={url} onFocus={(e) => e.target.select()} />
            </label>
            <button
              type="button"
              onClick={() => navigator.clipboard.writeText(url).then(() => setCopied(true))}
            >
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
        )}
      </QueryView>
    </section>
  );
}
