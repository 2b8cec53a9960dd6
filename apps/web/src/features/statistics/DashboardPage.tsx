import { Card, Col, Flex, Row, Select, Space, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { statisticsApi } from '../../api/statistics';
import { useCurrentUser } from '../../app/session';
import { useI18n } from '../../i18n';
import { PageError, PageLoading } from '../../shared/PageState';
import { UnitPicker } from '../../shared/UnitPicker';
import { DASHBOARD_PANELS, type PanelContext } from './panels';

/** The dashboard of the caller's province, unit or school (issue 10): a list of panels, each a chart with its table and export. */
export default function DashboardPage() {
  const { t, formatNumber } = useI18n();
  const me = useCurrentUser();
  const [sp, setSp] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const toYear = Number(sp.get('toYear')) || thisYear;
  const fromYear = Number(sp.get('fromYear')) || toYear - 9;
  const unitId = Number(sp.get('unitId')) || undefined;
  const q = useQuery({ queryKey: ['statistics', 'dashboard', unitId, fromYear, toYear], queryFn: () => statisticsApi.dashboard({ unitId, fromYear, toYear }) });
  const years = Array.from({ length: 15 }, (_, i) => thisYear - i);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) (v === undefined ? next.delete(k) : next.set(k, v));
    setSp(next, { replace: true });
  };
  const titleKey = me.role === 'school_registrar' ? 'stats.dashboard.school' : me.role === 'unit_officer' ? 'stats.dashboard.unit' : 'stats.dashboard.province';
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
          {t(titleKey)}
        </Typography.Title>
        <Space wrap>
          <UnitPicker aria-label={t('stats.unit')} value={unitId ?? null} onChange={(v) => set({ unitId: v ? String(v) : undefined })} placeholder={me.unit.name} />
          <Select aria-label={t('stats.fromYear')} value={fromYear} style={{ width: 100 }} options={years.map((y) => ({ value: y, label: String(y) }))} onChange={(y: number) => set({ fromYear: String(y) })} />
          <Select aria-label={t('stats.toYear')} value={toYear} style={{ width: 100 }} options={years.map((y) => ({ value: y, label: String(y) }))} onChange={(y: number) => set({ toYear: String(y) })} />
        </Space>
      </Flex>
      {q.isPending ? (
        <PageLoading />
      ) : q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        (() => {
          const d = q.data;
          const ctx: PanelContext = { me, unitId, fromYear: d.fromYear, toYear: d.toYear, dashboard: d };
          const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v)}%`);
          return (
            <>
              <Typography.Text>
                {d.unit.name} · {d.fromYear}–{d.toYear} · {t(d.unitBasis === 'organiser' ? 'stats.basis.organiser' : 'stats.basis.learner')}
              </Typography.Text>
              <Row gutter={[16, 16]}>
                {[
                  [t('stats.personTimes'), formatNumber(d.total.personTimes)],
                  [t('stats.people'), formatNumber(d.total.people)],
                  [t('stats.share.young'), pct(d.shares.young.value)],
                  [t('stats.share.female'), pct(d.shares.female.value)],
                  [t('stats.share.minority'), pct(d.shares.minority.value)],
                ].map(([label, value]) => (
                  <Col key={label} xs={12} md={8} lg={4}>
                    <Card size="small">
                      <Statistic title={label} value={value} />
                    </Card>
                  </Col>
                ))}
              </Row>
              <Row gutter={[16, 16]}>
                {DASHBOARD_PANELS.filter((p) => p.visible?.(ctx) ?? true).map((p) => (
                  <Col key={p.key} xs={24} xl={p.span === 'half' ? 12 : 24}>
                    {p.render(ctx)}
                  </Col>
                ))}
              </Row>
              <Card size="small" title={t('stats.notes')}>
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {d.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              </Card>
            </>
          );
        })()
      )}
    </Space>
  );
}
