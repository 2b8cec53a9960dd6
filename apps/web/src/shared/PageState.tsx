import { Button, Result, Spin } from 'antd';
import { useI18n } from '../i18n';
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

/** A failed page load: the message and a retry button. */
export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, locale } = useI18n();
  return (
    <Result
      status="error"
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
