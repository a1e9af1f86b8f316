/** Which page a person sees: sign-in, the forced password change, the post choice, then the views. */
import { Result, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { CalendarPage } from './admin/CalendarPage';
import { CataloguePage } from './admin/CataloguePage';
import { RulesPage } from './admin/RulesPage';
import { StaffPage } from './admin/StaffPage';
import { CasePage } from './case/CasePage';
import { HouseholdPage } from './household/HouseholdPage';
import { IntakePage } from './intake/IntakePage';
import { Shell } from './layout/Shell';
import { CyclePage } from './payments/CyclePage';
import { PaymentsPage } from './payments/PaymentsPage';
import { homePathFor } from './layout/views';
import { ReferralsPage } from './referrals/ReferralsPage';
import { PublicationPage } from './publication/PublicationPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { ChoosePostPage } from './pages/ChoosePostPage';
import { LoginPage } from './pages/LoginPage';
import { WorkbenchPage } from './pages/WorkbenchPage';
import { useSession } from './session/SessionContext';

// Its own chunk: the charts library is downloaded by supervisors only, when they open the view.
const SupervisionPage = lazy(() => import('./supervision/SupervisionPage'));

export function App() {
  const { state } = useSession();
  const location = useLocation();

  if (state.status === 'loading') {
    return (
      <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" description="正在加载…" />
      </div>
    );
  }
  if (state.status === 'signedOut') {
    // Back to where the person was going once they have signed in.
    const next =
      location.pathname === '/login'
        ? (new URLSearchParams(location.search).get('next') ?? '/')
        : `${location.pathname}${location.search}`;
    return (
      <Routes>
        <Route path="/login" element={<LoginPage reason={state.reason} />} />
        <Route path="*" element={<Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />} />
      </Routes>
    );
  }
  if (state.session.mustChangePassword) return <ChangePasswordPage />;
  if (!state.postChosen) return <ChoosePostPage />;
  const next = new URLSearchParams(location.search).get('next');
  const home = homePathFor(state.session.post.role);
  return (
    <Shell>
      <Routes>
        <Route
          path="/login"
          element={
            <Navigate
              to={next && next.startsWith('/') && !next.startsWith('//') && next !== '/' ? next : home}
              replace
            />
          }
        />
        <Route path="/" element={<Navigate to={home} replace />} />
        <Route path="/tasks" element={<WorkbenchPage />} />
        <Route path="/intake" element={<IntakePage />} />
        <Route path="/cases/:id" element={<CasePage />} />
        <Route path="/households/:id" element={<HouseholdPage />} />
        <Route path="/publication" element={<PublicationPage />} />
        <Route path="/payments" element={<PaymentsPage />} />
        <Route path="/payments/:id" element={<CyclePage />} />
        <Route path="/referrals" element={<ReferralsPage />} />
        <Route path="/staff" element={<StaffPage />} />
        <Route path="/rules" element={<RulesPage />} />
        <Route path="/calendar" element={<CalendarPage />} />
        <Route path="/catalogue" element={<CataloguePage />} />
        <Route
          path="/supervision"
          element={
            <Suspense fallback={<Spin description="正在加载…" />}>
              <SupervisionPage />
            </Suspense>
          }
        />
        <Route path="*" element={<Result status="404" title="页面不存在" subTitle="请从左侧菜单选择要办理的事项" />} />
      </Routes>
    </Shell>
  );
}
