/**
 * The dashboard's "indicators against targets" panel (issue 10 point 4): every share indicator the
 * reader can see, its value at each year end beside its target, as one line chart with its table,
 * and each indicator's status under it (with a link to its page, where the drill-down is).
 */
import { useQuery } from '@tanstack/react-query';
import { Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { indicatorsApi } from '../../api/indicators';
import { useI18n } from '../../i18n';
import { ChartPanel } from '../../shared/charts/ChartPanel';
import { PageError, PageLoading } from '../../shared/PageState';

const STATUS_COLOUR = { met: 'green', on_track: 'blue', at_risk: 'red' } as const;

export function DashboardIndicatorsPanel({ unitId }: { unitId: number | undefined }) {
  const { t, formatNumber } = useI18n();
  const q = useQuery({ queryKey: ['indicators', 'dashboard', unitId], queryFn: ({ signal }) => indicatorsApi.list({ unitId: unitId ?? null, trend: 'true' }, signal) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const shares = q.data.items.filter((i) => i.target.kind === 'share');
  // one row per year end; one series per indicator (its value in %)
  const years = [...new Set(shares.flatMap((i) => (i.trend ?? []).map((p) => p.date.slice(0, 4))))].sort();
  const data = years.map((year) => {
    const row: Record<string, string | number | null> = { year };
    for (const i of shares) row[i.code] = i.trend?.find((p) => p.date.startsWith(year))?.value ?? null;
    return row;
  });
  return (
    <ChartPanel
      testId="panel-indicators"
      title={t('stats.panel.indicators')}
      xKey="year"
      xLabel={t('stats.dim.year')}
      kind="line"
      fileName="chi-tieu-theo-nam"
      series={shares.map((i) => ({ key: i.code, label: `${i.code} (%)` }))}
      data={data}
      footer={
        <ul style={{ margin: '8px 0 0', paddingInlineStart: 18 }}>
          {q.data.items.map((i) => (
            <li key={i.id}>
              <Link to={`/indicators/${i.id}`}>{i.name}</Link>{' '}
              <Typography.Text type="secondary">
                {t('stats.indicatorLine', {
                  value: i.value === null ? '—' : i.target.kind === 'share' ? `${formatNumber(i.value)}%` : formatNumber(i.value),
                  target: i.target.kind === 'share' ? `${formatNumber(i.target.value)}%` : formatNumber(i.target.value),
                  deadline: i.deadline.split('-').reverse().join('/'),
                })}
              </Typography.Text>{' '}
              <Tag color={STATUS_COLOUR[i.status]}>{t(`ind.status.${i.status}`)}</Tag>
            </li>
          ))}
        </ul>
      }
    />
  );
}
