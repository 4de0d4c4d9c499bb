import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
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
  // On a phone the navigation folds into a Menu button (CSS shows it under 640 px); a page
  // reached through it closes it again.
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on every change of page.
  useEffect(() => setMenuOpen(false), [pathname]);
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
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-menu"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span aria-hidden="true">☰ </span>Menu
        </button>
        <nav aria-label="Main" id="main-menu" className={menuOpen ? 'open' : undefined}>
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
