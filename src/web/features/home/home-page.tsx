import { lazy, Suspense } from 'react';
import { useSession } from '../../app/session.js';
import { Loading } from '../../components/states.js';
import { unreachable } from '../../components/unreachable.js';

// Each role's home is its own chunk: a rep never downloads the admin screens.
const ManagerHome = lazy(() => import('../manager/manager-home.js'));
const RepHome = lazy(() => import('../rep/rep-home.js'));
const LeaderHome = lazy(() => import('../leaders/leader-home.js'));
const AdminHome = lazy(() => import('../admin/admin-home.js'));

export function HomePage() {
  const { person } = useSession();
  return <Suspense fallback={<Loading what="your home" />}>{homeOf(person.role)}</Suspense>;
}

function homeOf(role: ReturnType<typeof useSession>['person']['role']) {
  switch (role) {
    case 'manager':
      return <ManagerHome />;
    case 'rep':
      return <RepHome />;
    case 'leader':
      return <LeaderHome />;
    case 'admin':
      return <AdminHome />;
    default:
      return unreachable(role);
  }
}
