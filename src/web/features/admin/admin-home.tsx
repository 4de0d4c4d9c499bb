import { Link } from 'react-router';
import { usePeople, useTeams } from '../../api/queries.js';
import { useSession } from '../../app/session.js';
import { Stat } from '../../components/stat.js';
import { SetupChecklistCard } from './setup-checklist.js';

/** The admin's overview: the organization's size and where each task lives. */
export default function AdminHome() {
  const { org } = useSession();
  const people = usePeople();
  const teams = useTeams();
  return (
    <section className="page admin-home" aria-labelledby="home-title">
      <h1 id="home-title">{org.name}</h1>
      <SetupChecklistCard />
      <h2>Your organization</h2>
      <dl className="stats">
        <Stat label="People" value={people.data?.total ?? '…'} />
        <Stat label="Teams" value={teams.data?.total ?? '…'} />
        <Stat label="Currency" value={org.currency} hint={org.locale} />
        <Stat label="Time zone" value={org.timeZone.replaceAll('/', '/\u200B')} />
      </dl>
      <ul className="tile-list">
        <li>
          <Link to="/admin/people">People and teams</Link>
          <span>Who sells, who manages whom, who has a login.</span>
        </li>
        <li>
          <Link to="/admin/imports">Imports</Link>
          <span>CSV from the CRM: preview the errors by line, then import.</span>
        </li>
        <li>
          <Link to="/settings">Stages, thresholds and cadence</Link>
          <span>The numbers the progression decides with.</span>
        </li>
        <li>
          <Link to="/admin/tokens">API tokens</Link>
          <span>For CRM sync jobs.</span>
        </li>
        <li>
          <Link to="/admin/audit">Audit log</Link>
          <span>Sign-ins, changes, activity views.</span>
        </li>
      </ul>
    </section>
  );
}
