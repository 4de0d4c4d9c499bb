import { createContext, type ReactNode, useContext } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../api/client.js';
import { useMe, useOrgSettings } from '../api/queries.js';
import type { Me, OrgSettingsView } from '../api/types.js';
import { FormatContext } from '../components/format.js';
import { ErrorState, Loading } from '../components/states.js';

/** The signed-in person and their organization, with its currency, locale and zone. */
export interface Session {
  person: Me['person'];
  org: Me['org'] & Omit<OrgSettingsView, 'name' | 'settings'>;
}

const SessionContext = createContext<Session | null>(null);

/** The session; only inside <RequireSignIn>. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <RequireSignIn>');
  return session;
}

/** Renders its children for a signed-in person; sends anyone else to the sign-in page. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const settings = useOrgSettings(Boolean(me.data));
  const location = useLocation();
  // Signed out: the probe answers null (204); a 401 still means the same, from an older server.
  if (me.data === null || (me.error instanceof ApiError && me.error.status === 401)) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.isPending || settings.isPending) return <Loading what="your session" />;
  if (me.error || !me.data) return <ErrorState error={me.error} retry={() => me.refetch()} />;
  if (settings.error || !settings.data)
    return <ErrorState error={settings.error} retry={() => settings.refetch()} />;
  const { currency, locale, timeZone, fiscalYearStartMonth } = settings.data;
  const session: Session = {
    person: me.data.person,
    org: { ...me.data.org, currency, locale, timeZone, fiscalYearStartMonth },
  };
  return (
    <SessionContext.Provider value={session}>
      <FormatContext.Provider value={{ currency, locale, timeZone }}>
        {children}
      </FormatContext.Provider>
    </SessionContext.Provider>
  );
}
