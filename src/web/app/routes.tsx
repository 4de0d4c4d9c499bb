import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Loading } from '../components/states.js';
import { HomePage } from '../features/home/home-page.js';
import { SignInPage } from '../features/sign-in/sign-in-page.js';
import { Layout } from './layout.js';
import { NotFoundPage } from './not-found-page.js';
import { RequireSignIn } from './session.js';

// Everything past the first screens loads on demand: the first screen stays small.
const SetPasswordPage = lazy(() => import('../features/sign-in/set-password-page.js'));
const SetupPage = lazy(() => import('../features/setup/setup-page.js'));
const OneOnOnePage = lazy(() => import('../features/meetings/one-on-one-page.js'));
const PersonPage = lazy(() => import('../features/rep/person-page.js'));
const ScorecardPage = lazy(() => import('../features/scorecard/scorecard-page.js'));
const PresentationPage = lazy(() => import('../features/scorecard/presentation-page.js'));
const SettingsPage = lazy(() => import('../features/settings/settings-page.js'));
const CrmPage = lazy(() => import('../features/settings/crm-page.js'));
const AdminPeoplePage = lazy(() => import('../features/admin/people-page.js'));
const AdminImportsPage = lazy(() => import('../features/admin/imports-page.js'));
const AdminTokensPage = lazy(() => import('../features/admin/tokens-page.js'));
const AdminAuditPage = lazy(() => import('../features/admin/audit-page.js'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/setup" element={lazyPage(<SetupPage />)} />
      <Route path="/set-password" element={lazyPage(<SetPasswordPage />)} />
      <Route
        element={
          <RequireSignIn>
            <Layout />
          </RequireSignIn>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="one-on-one/:personId" element={lazyPage(<OneOnOnePage />)} />
        <Route path="people/:personId" element={lazyPage(<PersonPage />)} />
        <Route path="scorecard" element={lazyPage(<ScorecardPage />)} />
        <Route path="scorecard/present" element={lazyPage(<PresentationPage />)} />
        <Route path="settings" element={lazyPage(<SettingsPage />)} />
        <Route path="settings/crm" element={lazyPage(<CrmPage />)} />
        <Route path="admin/people" element={lazyPage(<AdminPeoplePage />)} />
        <Route path="admin/imports" element={lazyPage(<AdminImportsPage />)} />
        <Route path="admin/tokens" element={lazyPage(<AdminTokensPage />)} />
        <Route path="admin/audit" element={lazyPage(<AdminAuditPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function lazyPage(page: React.ReactNode) {
  return <Suspense fallback={<Loading what="the page" />}>{page}</Suspense>;
}
