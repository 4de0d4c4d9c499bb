import { useState } from 'react';
import { Link } from 'react-router';
import { api, messageOf } from '../../api/client.js';
import type { CrmConnection, CrmListing } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { TableScroll } from '../../components/table-scroll.js';
import { CrmSettingsForm } from './crm-settings-form.js';
import { CrmSyncNow } from './crm-sync-now.js';

type Health = 'not-connected' | 'stopped' | 'never-synced' | 'connected';

/** The connection's state as the admin reads it. */
export function healthOf(connection: CrmConnection | null): Health {
  if (connection === null) return 'not-connected';
  if (connection.status === 'stopped') return 'stopped';
  if (connection.lastSyncAt === null && connection.lastRun === null) return 'never-synced';
  return 'connected';
}

const badges: Record<Health, { text: string; className: string }> = {
  'not-connected': { text: 'Not connected', className: 'badge' },
  stopped: { text: 'Stopped', className: 'badge fail' },
  'never-synced': { text: 'Never synced', className: 'badge warn' },
  connected: { text: 'Connected', className: 'badge pass' },
};

/** One CRM: its state, what was synced, its settings, "Sync now" and (re)connecting. */
export function CrmCard({ crm, canRun }: { crm: CrmListing; canRun: boolean }) {
  const f = useFormat();
  const { connection } = crm;
  const health = healthOf(connection);
  const titleId = `crm-${crm.kind}-title`;
  return (
    <section className="card crm-card" aria-labelledby={titleId}>
      <div className="crm-head">
        <h2 id={titleId}>{crm.label}</h2>
        <span className={badges[health].className}>{badges[health].text}</span>
      </div>
      {connection === null ? (
        <>
          <p>Not connected: Rudder reads nothing from {crm.label} yet.</p>
          <Connect crm={crm} />
        </>
      ) : (
        <>
          {health === 'stopped' ? (
            <div className="banner bad" role="alert">
              <p className="banner-title">The sync is stopped.</p>
              <p>{connection.statusMessage}</p>
              <p>
                Connect {crm.label} again below: the sync resumes from where it stopped, nothing is
                read twice.
              </p>
            </div>
          ) : null}
          {health === 'never-synced' ? (
            <p>Connected, never synced yet: the first run reads everything.</p>
          ) : null}
          <dl className="crm-facts">
            <dt>Instance</dt>
            <dd className="crm-url">{connection.instanceUrl}</dd>
            <dt>Last synced</dt>
            <dd>{connection.lastSyncAt ? f.dateTime(connection.lastSyncAt) : 'never'}</dd>
            <dt>Schedule</dt>
            <dd>every {connection.settings.scheduleMinutes} minutes</dd>
            <dt>Amount field</dt>
            <dd>
              <code>{connection.settings.amountField}</code>
            </dd>
          </dl>
          {health === 'stopped' ? null : (
            <CrmSyncNow crm={crm} connection={connection} canRun={canRun} />
          )}
          <LastRunView crm={crm} connection={connection} />
          <Cursors label={crm.label} cursors={connection.cursors} />
          <p>
            <Link to={`/admin/imports?source=${crm.kind}`}>
              {crm.label} sync runs in the import history
            </Link>
          </p>
          <CrmSettingsForm crm={crm} connection={connection} />
          <details className="crm-reconnect" open={health === 'stopped'}>
            <summary>Connect {crm.label} again</summary>
            <p className="muted">
              New credentials replace the old ones; the cursors stay, so the sync resumes.
            </p>
            <Connect crm={crm} again />
          </details>
        </>
      )}
    </section>
  );
}

/** "Connect": the browser flow where the CRM has one, else the command that does it. */
function Connect({ crm, again = false }: { crm: CrmListing; again?: boolean }) {
  const [sandbox, setSandbox] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const { authorizeUrl } = await api<{ authorizeUrl: string }>(
        'POST',
        `/crm/${crm.kind}/oauth/start`,
        { body: { sandbox } },
      );
      window.location.assign(authorizeUrl);
    } catch (caught: unknown) {
      setError(messageOf(caught));
      setBusy(false);
    }
  };
  const command = <code>{crm.connectCommand}</code>;
  if (!crm.connectInBrowser) {
    return <p>Connect it from the command line: {command} (see docs/crm-sync.md).</p>;
  }
  return (
    <div className="crm-connect">
      {crm.kind === 'salesforce' ? (
        <label className="check">
          <input type="checkbox" checked={sandbox} onChange={(e) => setSandbox(e.target.checked)} />
          A sandbox (sign in at test.salesforce.com)
        </label>
      ) : null}
      <button type="button" className="primary" disabled={busy} onClick={start}>
        {again ? `Connect ${crm.label} again` : `Connect ${crm.label}`}
      </button>
      <p className="muted">
        You sign in at {crm.label} and allow Rudder to read; it comes back here. Without a browser:{' '}
        {command}.
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function LastRunView({ crm, connection }: { crm: CrmListing; connection: CrmConnection }) {
  const f = useFormat();
  const run = connection.lastRun;
  if (run === null) return null;
  return (
    <section aria-labelledby={`crm-${crm.kind}-last`}>
      <h3 id={`crm-${crm.kind}-last`}>Last run</h3>
      <p>
        {f.dateTime(run.finishedAt)}:{' '}
        <span className={run.status === 'succeeded' ? 'badge pass' : 'badge fail'}>
          {run.status}
        </span>
        {/* A stop's reason is already said above, in the alert. */}
        {run.message && run.message !== connection.statusMessage ? ` ${run.message}` : ''}
      </p>
      {run.objects.length > 0 ? (
        <TableScroll label={`${crm.label}: the last run per object`}>
          <table className="data">
            <caption className="visually-hidden">The last run per object</caption>
            <thead>
              <tr>
                <th scope="col">Object</th>
                <th scope="col">Result</th>
                <th scope="col" className="num">
                  Read
                </th>
                <th scope="col" className="num">
                  New
                </th>
                <th scope="col" className="num">
                  Changed
                </th>
                <th scope="col" className="num">
                  Deleted in {crm.label}
                </th>
              </tr>
            </thead>
            <tbody>
              {run.objects.map((o) => (
                <tr key={o.object}>
                  <th scope="row">{o.object}</th>
                  <td>{o.status === 'unchanged' ? 'nothing new' : o.status}</td>
                  <td className="num">{o.rows}</td>
                  <td className="num">{o.new}</td>
                  <td className="num">{o.changed}</td>
                  <td className="num">{o.deleted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}

function Cursors({ label, cursors }: { label: string; cursors: Record<string, string> }) {
  const f = useFormat();
  const entries = Object.entries(cursors).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby={`cursors-${label}`}>
      <h3 id={`cursors-${label}`}>Synced up to</h3>
      <p className="muted">Per object, the last change read; the next run starts there.</p>
      <ul className="crm-cursors">
        {entries.map(([object, at]) => (
          <li key={object}>
            <span>{object}</span> <span className="muted">{f.dateTime(at)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
