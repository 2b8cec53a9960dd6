import { lazy, Suspense, useEffect, useState } from 'react';
import { Avatar, Button, Layout } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from 'react-router-dom';
import { authApi } from '../api/endpoints';
import { hasStoredLocale, useI18n } from '../i18n';
import { useIsMobile } from '../shared/hooks';
import { LogoMark } from '../shared/Logo';
import { initials } from '../shared/format';
import { signOut, useCurrentUser } from './session';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from '../features/notifications/NotificationBell';

// The menu is not in the layout's chunk (docs/decisions/0067): a desktop screen loads the horizontal
// menu and the account menu with the layout (public/preload.ts asks for them at once), a phone loads
// its drawer when the menu button is first tapped. The menu's entries: nav-items.tsx.
const DesktopMenu = lazy(() => import('./DesktopNav').then((m) => ({ default: m.DesktopMenu })));
const AccountButton = lazy(() => import('./DesktopNav').then((m) => ({ default: m.AccountButton })));
const MobileNav = lazy(() => import('./MobileNav'));

function UserAvatar({ name, label }: { name: string; label?: string }) {
  return (
    <Avatar size={32} style={{ background: '#fcd34d', color: '#7c2d12', fontWeight: 600 }} aria-label={label}>
      {initials(name)}
    </Avatar>
  );
}

export function AppLayout() {
  const me = useCurrentUser();
  const { t, locale, setLocale } = useI18n();
  const isMobile = useIsMobile();
  // The account's language applies until the user picks one on this device.
  useEffect(() => {
    if (!hasStoredLocale() && me.locale !== locale) setLocale(me.locale);
  }, [me.locale, locale, setLocale]);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // the drawer's chunk is requested at the first tap and the drawer stays mounted afterwards
  const [drawerUsed, setDrawerUsed] = useState(false);

  const logout = async () => {
    try {
      await authApi.logout();
    } catch {
      /* the session may already be gone; log out locally anyway */
    }
    signOut(qc);
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main-content" className="nt-skip-link">
        {t('a11y.skipToContent')}
      </a>
      <Layout.Header className="nt-header">
        {isMobile && (
          <Button
            type="text"
            aria-label={t('header.openMenu')}
            icon={<MenuOutlined aria-hidden style={{ color: '#fff', fontSize: 18 }} />}
            onClick={() => {
              setDrawerUsed(true);
              setDrawerOpen(true);
            }}
          />
        )}
        <Link to="/" className="nt-brand" aria-label={t('app.name')}>
          <LogoMark size={34} />
          <span>
            <div className="nt-brand-name">{t('app.name')}</div>
            <div className="nt-brand-sub">{t('app.tagline')}</div>
          </span>
        </Link>
        {!isMobile && (
          <Suspense fallback={<div className="nt-menu-placeholder" />}>
            <DesktopMenu />
          </Suspense>
        )}
        <div className="nt-header-right">
          {!isMobile && <LanguageSwitch dark />}
          <NotificationBell />
          {!isMobile ? (
            <Suspense fallback={<UserAvatar name={me.displayName} />}>
              <AccountButton onLogout={() => void logout()} />
            </Suspense>
          ) : (
            <UserAvatar name={me.displayName} label={me.displayName} />
          )}
        </div>
      </Layout.Header>

      {isMobile && drawerUsed && (
        <Suspense fallback={null}>
          <MobileNav open={drawerOpen} onClose={() => setDrawerOpen(false)} onLogout={() => void logout()} />
        </Suspense>
      )}

      {/* antd's Layout.Content is the page's one <main> landmark, the skip link's target */}
      <Layout.Content id="main-content" tabIndex={-1}>
        <div className="nt-content">
          <Outlet />
        </div>
      </Layout.Content>
    </Layout>
  );
}
