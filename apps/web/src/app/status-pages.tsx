import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n';

// antd's Result with its 403 / 404 illustrations (~10 KB gzip): a chunk of its own, loaded when such a
// page is shown, not on every signed-in first visit (app/guards.tsx, docs/decisions/0067).

export function ForbiddenResult() {
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

export function NotFoundResult() {
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
