import { Breadcrumb, Button, Card, Flex, Result, Tabs, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { classesApi } from '../../api/classes';
import { useI18n } from '../../i18n';
import { useIsMobile, usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { modeLabel } from '../eligibility/common';
import { ClassStatusTag, dateRange, PlacesCell } from './common';
import { CLASS_TABS, type ClassTabContext } from './tabs';
import { useCurrentUser } from '../../app/session';

/** One class: its header (programme, mode, dates, places) and the tabs of CLASS_TABS. */
export default function ClassPage() {
  const { t, formatNumber } = useI18n();
  const params = useParams();
  const id = Number(params.id);
  const validId = Number.isInteger(id) && id > 0;
  const isMobile = useIsMobile();
  const [sp, setSp] = useSearchParams();
  const me = useCurrentUser();

  const q = useQuery({ queryKey: ['classes', id], queryFn: () => classesApi.get(id), enabled: validId });
  usePageTitle(q.data?.name ?? t('classes.title'));

  if (!validId || (q.isError && isApiError(q.error) && q.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('class.notFoundTitle')}
        subTitle={t('class.notFoundText')}
        extra={
          <Link to="/classes">
            <Button type="primary">{t('class.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const cls = q.data;

  const ctx: ClassTabContext = { cls, allows: (a) => cls.actions.includes(a), t, permissions: me.permissions };
  const tabs = CLASS_TABS.filter((d) => d.visible?.(ctx) ?? true);
  const tabParam = sp.get('tab');
  const active = tabs.find((d) => d.key === tabParam)?.key ?? tabs[0]?.key;
  const setTab = (k: string, extra: Record<string, string> = {}) =>
    setSp(k === tabs[0]?.key ? extra : { tab: k, ...extra }, { replace: true });
  const canNominate = cls.actions.includes('nominate');

  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/classes">{t('classes.title')}</Link> }, { title: cls.name }]} />
      <Card size="small">
        <Flex justify="space-between" align="start" gap={12} wrap>
          <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 420px' }}>
            <Flex gap={8} wrap align="center">
              <Typography.Title level={1} className={isMobile ? "nt-h1 nt-h1-sm" : "nt-h1"} style={{ margin: 0 }}>
                {cls.name}
              </Typography.Title>
              <ClassStatusTag status={cls.displayStatus} />
            </Flex>
            <Typography.Text>
              {cls.programme.name} · {modeLabel(t, cls.mode)} · {t('classes.cohort')} {cls.cohortCode}
            </Typography.Text>
            <Typography.Text type="secondary">
              <span className="nt-num">{dateRange(cls.startDate, cls.endDate)}</span> · {cls.site}
            </Typography.Text>
          </Flex>
          <Flex gap={24} align="center" wrap>
            <Flex vertical gap={0}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('classes.places')}
              </Typography.Text>
              <PlacesCell taken={cls.placesTaken} capacity={cls.capacity} />
            </Flex>
            <Flex vertical gap={0}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('classes.waitlist')}
              </Typography.Text>
              <strong className="nt-num">{formatNumber(cls.waitlisted)}</strong>
            </Flex>
            <Flex vertical gap={0}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('class.enrolled')}
              </Typography.Text>
              <strong className="nt-num">{formatNumber(cls.enrolled)}</strong>
            </Flex>
            <Flex gap={8} wrap>
              {canNominate && active !== 'nominations' && (
                <Button type="primary" icon={<UserAddOutlined />} onClick={() => setTab('nominations', { nominate: '1' })}>
                  {t('nom.nominate')}
                </Button>
              )}
            </Flex>
          </Flex>
        </Flex>
      </Card>
      <Card style={{ marginTop: 16 }} styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={active}
          onChange={(k) => setTab(k)}
          items={tabs.map((d) => ({ key: d.key, label: d.label(ctx), children: d.render(ctx) }))}
          size={isMobile ? 'small' : 'middle'}
          aria-label={t('class.tabs')}
          destroyOnHidden
        />
      </Card>
    </>
  );
}
