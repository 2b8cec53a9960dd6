import { lazy, Suspense, type ReactNode } from 'react';
import { Button } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import type { Permission } from '@nang-tam/domain';
import { useI18n } from '../i18n';
import { errorMessage } from '../shared/errors';
import { PageLoading } from '../shared/PageState';
import { Icon } from '../public/icons';
import { Result } from '../public/ui';
import { sessionExpiredNotice, useMe } from './session';

/** Signed-in users only; anyone else goes to the login page and comes back afterwards. */
export function RequireAuth() {
  const { data: me, isPending, isError, error, refetch } = useMe();
  const location = useLocation();
  const { t, locale } = useI18n();
  if (isPending) return <PageLoading fullScreen />;
  if (isError) {
    return (
      <Result
        icon={<Icon name="ExclamationCircleFilled" style={{ color: '#8a5300' }} />}
        title={t('error.cannotReachServer')}
        subTitle={errorMessage(error, locale)}
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            {t('action.retry')}
          </Button>
        }
      />
    );
  }
  if (!me) {
    const params = new URLSearchParams();
    const next = location.pathname + location.search;
    if (next !== '/') params.set('next', next);
    if (sessionExpiredNotice()) params.set('expired', '1');
    const qs = params.toString();
    return <Navigate to={`/login${qs ? `?${qs}` : ''}`} replace />;
  }
  return <Outlet />;
}

// the 403 and 404 pages show antd's illustrations: loaded when shown (docs/decisions/0067)
const ForbiddenResult = lazy(() => import('./status-pages').then((m) => ({ default: m.ForbiddenResult })));
const NotFoundResult = lazy(() => import('./status-pages').then((m) => ({ default: m.NotFoundResult })));

function Forbidden() {
  return (
    <Suspense fallback={<PageLoading />}>
      <ForbiddenResult />
    </Suspense>
  );
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me?.permissions.includes(permission)) return <Forbidden />;
  return <>{children}</>;
}

/** Registry pages: staff with the permission; a learner sees only their own profile. */
export function RequireStaff({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me) return null;
  if (me.role === 'learner') {
    return me.personId ? <Navigate to={`/people/${me.personId}`} replace /> : <Forbidden />;
  }
  if (!me.permissions.includes(permission)) return <Forbidden />;
  return <>{children}</>;
}

/** "/" sends the user to their first screen, which the server names in the session (`home`). */
export function HomeRedirect() {
  const { data: me } = useMe();
  if (!me) return null;
  return <Navigate to={me.home} replace />;
}

export function NotFoundPage() {
  return (
    <Suspense fallback={<PageLoading />}>
      <NotFoundResult />
    </Suspense>
  );
}
