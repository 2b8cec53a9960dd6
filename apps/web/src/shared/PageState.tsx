import { Button, Spin } from 'antd';
import { useI18n } from '../i18n';
import { Icon } from '../public/icons';
import { Result } from '../public/ui';
import { errorMessage } from './errors';

export function PageLoading({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useI18n();
  return (
    <div
      role="status"
      aria-live="polite"
      style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: fullScreen ? '100vh' : 240 }}
    >
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

/**
 * A failed page load: the message and a retry button. antd's Result has the look of public/ui.tsx's:
 * antd's own imports its 403/404/500 illustrations, ~10 KB gzip on every signed-in first visit
 * (the router's pages all use this module; docs/decisions/0067).
 */
export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, locale } = useI18n();
  return (
    <Result
      icon={<Icon name="CloseCircleFilled" style={{ color: '#c62828' }} />}
      title={t('error.loadFailed')}
      subTitle={errorMessage(error, locale)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('action.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
