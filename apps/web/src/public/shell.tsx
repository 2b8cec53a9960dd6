/**
 * The first thing a visit runs (docs/decisions/0060). The public pages — /login, /verify/<code>,
 * /checkin/<token> — render here with React alone: no antd, no React Router, no React Query, and only
 * the public texts of the dictionary, so a phone opening a QR code downloads a fraction of the app.
 * Any other page loads the signed-in app (app/App.tsx: antd, the router, the layout) and hands the
 * page over to it for good; its chunks and the session are asked for at the same time.
 */
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nProvider, useI18n } from '../i18n';
import { prefetchMe } from '../app/session-core';
import { startPendingCheckinSync } from '../features/checkin/pending';
import { PUBLIC_PATH, publicPage, setNavigator } from './nav';
import { PublicPage } from './PublicPage';
import { preloadRoute } from './preload';

function AppLoadFailed({ retry }: { retry: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" style={{ padding: 32, textAlign: 'center' }}>
      <p>{t('error.network')}</p>
      <button type="button" className="nt-p-btn nt-p-btn-primary" onClick={retry}>
        <span>{t('action.reload')}</span>
      </button>
    </div>
  );
}

export function startShell(element: HTMLElement): void {
  const root: Root = createRoot(element);
  let handedOver = false;

  const loadApp = () => {
    handedOver = true;
    window.removeEventListener('popstate', render);
    import('../app/App').then(
      ({ App }) =>
        root.render(
          <StrictMode>
            <App />
          </StrictMode>,
        ),
      () =>
        root.render(
          <I18nProvider>
            <AppLoadFailed retry={() => window.location.reload()} />
          </I18nProvider>,
        ),
    );
  };

  function render() {
    if (handedOver) return;
    const { pathname } = window.location;
    if (!PUBLIC_PATH.test(pathname) || !publicPage(pathname)) {
      // the signed-in app, its first page and the session, all at once (not one after another)
      prefetchMe();
      preloadRoute(pathname);
      loadApp();
      return;
    }
    root.render(
      <StrictMode>
        <I18nProvider>
          <PublicPage pathname={pathname} />
        </I18nProvider>
      </StrictMode>,
    );
  }

  setNavigator((path, options) => {
    window.history[options?.replace ? 'replaceState' : 'pushState'](null, '', path);
    render();
  });
  window.addEventListener('popstate', render);
  // QR check-ins kept on the phone while offline: sent now, when back online and when someone signs in
  startPendingCheckinSync();
  render();
}
