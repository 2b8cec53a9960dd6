import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Link, Navigate, Outlet, useLocation } from 'react-router-dom';
import type { Permission } from '@nang-tam/domain';
import { useI18n } from '../i18n';
import { errorMessage } from '../shared/errors';
import { PageLoading } from '../shared/PageState';
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
        status="warning"
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

function Forbidden() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('error.forbiddenTitle')}
      subTitle={t('error.forbiddenText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('action.goHome')}</Button>
        </Link>
      }
    />
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
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('error.notFoundPageTitle')}
      subTitle={t('error.notFoundPageText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('action.goHome')}</Button>
        </Link>
      }
    />
  );
}
