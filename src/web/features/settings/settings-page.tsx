import { Link } from 'react-router';
import { useOrgSettings } from '../../api/queries.js';
import { useSession } from '../../app/session.js';
import { QueryView } from '../../components/states.js';
import { CalendarLink } from './calendar-link.js';
import { ThresholdsForm } from './thresholds-form.js';

/** Personal settings (calendar feed) and the organization's thresholds and cadence. */
export default function SettingsPage() {
  const { person } = useSession();
  const settings = useOrgSettings();
  return (
    <section className="page" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {person.role === 'admin' ? (
        <section className="card" aria-labelledby="crm-link-title">
          <h2 id="crm-link-title">CRM</h2>
          <p>
            Connect Salesforce so deals, their history and activities sync on a schedule.{' '}
            <Link to="/settings/crm">CRM connections</Link>
          </p>
        </section>
      ) : (
        <CalendarLink />
      )}
      <section className="card" aria-labelledby="thresholds-title">
        <h2 id="thresholds-title">Thresholds and cadence</h2>
        <p className="muted">
          {person.role === 'admin'
            ? 'The progression decides with these numbers; everyone sees them.'
            : 'Set by your admin; the progression decides with these numbers.'}
        </p>
        <QueryView query={settings} what="the settings">
          {(s) => <ThresholdsForm settings={s.settings} editable={person.role === 'admin'} />}
        </QueryView>
      </section>
    </section>
  );
}
