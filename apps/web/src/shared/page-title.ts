import { useEffect } from 'react';
import { useI18n } from '../i18n';

/** Sets the browser tab title: "<page> · Nâng Tầm". Its own module: the public pages must not load antd (hooks.ts). */
export function usePageTitle(title: string | null | undefined): void {
  const { t } = useI18n();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${app}` : app;
  }, [title, app]);
}
