import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, messageOf } from '../../api/client.js';
import type { CrmConnection, CrmListing } from '../../api/types.js';

/**
 * "Sync now" and what became of it: queued, running, then done with its counts or failed with
 * its message (the page polls while the run is queued or running). The run asked for is the
 * first one that finishes after the button was pressed.
 */
export function CrmSyncNow({
  crm,
  connection,
  canRun,
}: {
  crm: CrmListing;
  connection: CrmConnection;
  canRun: boolean;
}) {
  const client = useQueryClient();
  const [asked, setAsked] = useState<{ before: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Whether the run asked for was seen queued or running (then its end is known).
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (asked !== null && (crm.queued || crm.running)) setSeen(true);
  }, [asked, crm.queued, crm.running]);
  const syncNow = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/crm/${crm.kind}/sync`);
      setAsked({ before: connection.lastRun?.finishedAt ?? null });
      setSeen(false);
      await client.invalidateQueries({ queryKey: ['crm'] });
    } catch (caught: unknown) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  const run = connection.lastRun;
  const finished = asked !== null && run !== null && run.finishedAt !== asked.before;
  let status: string | null = null;
  if (crm.running) status = 'Running: reading from the CRM and importing…';
  else if (crm.queued) status = 'Queued: a server starts it within seconds.';
  else if (finished && run.status === 'succeeded') {
    const read = run.objects.reduce((n, o) => n + o.rows, 0);
    const added = run.objects.reduce((n, o) => n + o.new, 0);
    const changed = run.objects.reduce((n, o) => n + o.changed, 0);
    status = `Done: ${read} records read, ${added} new, ${changed} changed.`;
  } else if (finished)
    status = `Failed (${run.status}): ${run.message ?? 'see the import history.'}`;
  else if (asked !== null && seen)
    status =
      'Finished without a new result (another run held the connection): see the import history.';
  else if (asked !== null) status = 'Queued: a server starts it within seconds.';
  const failed = finished && !crm.running && !crm.queued && run.status !== 'succeeded';
  return (
    <div className="crm-sync-now">
      <button
        type="button"
        className="primary"
        disabled={busy || crm.queued || crm.running || !canRun}
        onClick={syncNow}
      >
        Sync now
      </button>
      <p className={failed ? 'form-error' : 'crm-sync-status'} role="status" aria-live="polite">
        {status ?? ''}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
