import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { AppLink } from '../../public/nav';
import { LanguageSwitch } from '../../public/ui';
import { LogoMark } from '../../shared/Logo';

/** The phone page's frame: the brand, the language, one card. Outside the app's layout (no login needed to see it). */
export function PhoneFrame({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  return (
    <div style={{ minHeight: '100vh', background: '#f3f5f8' }}>
      <header className="nt-header" style={{ height: 56 }}>
        <AppLink to="/" className="nt-brand" aria-label={t('app.name')}>
          <LogoMark size={30} />
          <span className="nt-brand-name">{t('app.name')}</span>
        </AppLink>
        <div className="nt-header-right">
          <LanguageSwitch dark />
        </div>
      </header>
      <main style={{ maxWidth: wide ? 720 : 560, margin: '0 auto', padding: '16px 12px 32px' }}>{children}</main>
    </div>
  );
}
