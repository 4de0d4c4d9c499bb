import { useQueryClient } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { api } from '../api/client.js';
import type { PersonView } from '../api/types.js';
import { useSession } from './session.js';

type Role = PersonView['role'];

const navigation: Record<Role, ReadonlyArray<{ to: string; label: string }>> = {
  rep: [
    { to: '/', label: 'Home' },
    { to: '/scorecard', label: 'Scorecard' },
    { to: '/settings', label: 'Settings' },
  ],
  manager: [
    { to: '/', label: 'Home' },
    { to: '/scorecard', label: 'Scorecard' },
    { to: '/settings', label: 'Settings' },
  ],
  leader: [
    { to: '/', label: 'Home' },
    { to: '/scorecard', label: 'Scorecards' },
    { to: '/settings', label: 'Settings' },
  ],
  admin: [
    { to: '/', label: 'Home' },
    { to: '/admin/people', label: 'People & teams' },
    { to: '/admin/imports', label: 'Imports' },
    { to: '/admin/tokens', label: 'API tokens' },
    { to: '/admin/audit', label: 'Audit log' },
    { to: '/settings', label: 'Settings' },
  ],
};

/** "Sam Rivera" → "SR"; one name → its first letter. */
function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return `${first}${last}`.toUpperCase();
}

export function Layout() {
  const { person, org } = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const signOut = async () => {
    await api('POST', '/auth/sign-out').catch(() => undefined);
    client.clear();
    navigate('/sign-in');
  };
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Rudder</span>
        <nav aria-label="Main">
          <ul>
            {navigation[person.role].map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/'}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          {/* Narrow screens show the initials; the name stays for screen readers. */}
          <span className="who-initials" aria-hidden="true" title={`${person.name} · ${org.name}`}>
            {initialsOf(person.name)}
          </span>
          <span className="who-label">
            {person.name} <span className="muted">· {org.name}</span>
          </span>
          <button type="button" className="link-button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
