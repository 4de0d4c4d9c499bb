import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.js';
import type { CrmList } from '../../api/types.js';
import { QueryView } from '../../components/states.js';
import { CrmCard } from './crm-card.js';
import './crm.css';

export const crmKey = ['crm'] as const;

/** What the OAuth callback's `error` means, said to the admin. */
const failures: Record<string, string> = {
  denied: 'Salesforce did not authorize Rudder.',
  'bad-state': 'That answer from Salesforce could not be trusted.',
  'expired-state': 'The connection took too long.',
  'exchange-failed': 'Salesforce refused to complete the connection.',
};

/**
 * Settings → CRM (admins): each CRM Rudder syncs, as the API lists them, with its connection,
 * status, cursors, settings and "Sync now". Polls while a run is queued or running.
 */
export default function CrmPage() {
  const [params] = useSearchParams();
  const crms = useQuery({
    queryKey: crmKey,
    queryFn: () => api<CrmList>('GET', '/crm'),
    refetchInterval: (query) =>
      query.state.data?.crms.some((c) => c.queued || c.running) ? 1500 : false,
  });
  const connected = params.get('connected');
  const error = params.get('error');
  return (
    <section className="page" aria-labelledby="crm-title">
      <p className="crm-back">
        <Link to="/settings">Settings</Link> › CRM
      </p>
      <h1 id="crm-title">CRM connections</h1>
      <p className="muted">
        Rudder reads deals, their history, people and activities from your CRM on a schedule, so a
        1:1 is prepared from this morning's pipeline.
      </p>
      {connected ? (
        <p className="banner good" role="status">
          {labelOf(crms.data, connected)} is connected. The first sync runs at the next scheduled
          slot; press “Sync now” to run it at once.
        </p>
      ) : null}
      {error ? (
        <div className="banner bad" role="alert">
          <p className="banner-title">
            {failures[error] ?? 'The connection failed.'} Nothing was connected.
          </p>
          {params.get('message') ? <p>{params.get('message')}</p> : null}
        </div>
      ) : null}
      <QueryView query={crms} what="the CRM connections">
        {(list) => (
          <>
            {list.secretKeyConfigured ? null : (
              <p className="banner warn" role="status">
                This server has no CRM_SECRET_KEY: it can neither store a connection nor run a sync.
                Set it (32 random bytes, <code>openssl rand -hex 32</code>) in the environment of
                every Rudder process and restart.
              </p>
            )}
            {list.crms.map((crm) => (
              <CrmCard key={crm.kind} crm={crm} canRun={list.secretKeyConfigured} />
            ))}
          </>
        )}
      </QueryView>
    </section>
  );
}

function labelOf(list: CrmList | undefined, kind: string): string {
  return list?.crms.find((c) => c.kind === kind)?.label ?? kind;
}
