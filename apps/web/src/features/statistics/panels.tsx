/**
 * The dashboard's panels, as a list: each panel draws from the dashboard's data (or loads its
 * own). Another panel is one more entry in DASHBOARD_PANELS.
 */
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import type { Dashboard, Me } from '@nang-tam/contracts';
import { statisticsApi } from '../../api/statistics';
import { useI18n } from '../../i18n';
import { ChartPanel } from '../../shared/charts/ChartPanel';
import { PageError, PageLoading } from '../../shared/PageState';
import { DashboardIndicatorsPanel } from '../indicators/DashboardIndicatorsPanel';

export interface PanelContext {
  me: Me;
  unitId: number | undefined;
  fromYear: number;
  toYear: number;
  dashboard: Dashboard;
}

export interface DashboardPanel {
  key: string;
  /** Shown when true (default: always). */
  visible?: (ctx: PanelContext) => boolean;
  /** Full width (default) or half. */
  span?: 'full' | 'half';
  render: (ctx: PanelContext) => ReactNode;
}

const period = (ctx: PanelContext) => ({ from: `${ctx.fromYear}-01-01`, to: `${ctx.toYear}-12-31`, unitId: ctx.unitId, unitBasis: ctx.dashboard.unitBasis });

function ByYearPanel(ctx: PanelContext) {
  const { t } = useI18n();
  const q = { ...period(ctx), groupBy: ['year' as const] };
  return (
    <ChartPanel
      testId="panel-by-year"
      title={t('stats.panel.byYear')}
      xKey="year"
      xLabel={t('stats.dim.year')}
      kind="bar"
      series={[
        { key: 'personTimes', label: t('stats.personTimes') },
        { key: 'people', label: t('stats.people') },
      ]}
      data={ctx.dashboard.byYear.map((r) => ({ year: r.keys[0]!.label, personTimes: r.personTimes, people: r.people }))}
      exportXlsx={() => statisticsApi.export(q, 'xlsx')}
      exportPdf={() => statisticsApi.export(q, 'pdf')}
    />
  );
}

function ByProgrammePanel(ctx: PanelContext) {
  const { t } = useI18n();
  const q = { ...period(ctx), groupBy: ['programme' as const] };
  return (
    <ChartPanel
      testId="panel-by-programme"
      title={t('stats.panel.byProgramme', { from: ctx.fromYear, to: ctx.toYear })}
      xKey="programme"
      xLabel={t('stats.dim.programme')}
      kind="bar"
      height={340}
      series={[{ key: 'personTimes', label: t('stats.personTimes') }]}
      data={ctx.dashboard.byProgramme.slice(0, 15).map((r) => ({ programme: r.keys[0]!.label, personTimes: r.personTimes }))}
      exportXlsx={() => statisticsApi.export(q, 'xlsx')}
      exportPdf={() => statisticsApi.export(q, 'pdf')}
    />
  );
}

function PlanPanel(ctx: PanelContext) {
  const { t } = useI18n();
  const rows = ctx.dashboard.planVsActual ?? [];
  return (
    <ChartPanel
      testId="panel-plan"
      title={t('stats.panel.plan')}
      xKey="year"
      xLabel={t('stats.dim.year')}
      fileName="ke-hoach-thuc-hien"
      series={[
        { key: 'plannedLearners', label: t('stats.plannedLearners') },
        { key: 'doneLearners', label: t('stats.doneLearners') },
        { key: 'plannedClasses', label: t('stats.plannedClasses') },
        { key: 'doneClasses', label: t('stats.doneClasses') },
      ]}
      data={rows.map((r) => ({ ...r, year: String(r.year) }))}
    />
  );
}

function GapsPanel(ctx: PanelContext) {
  const { t } = useI18n();
  const from = Math.max(ctx.fromYear, ctx.toYear - 4);
  const q = useQuery({ queryKey: ['statistics', 'gaps-trend', ctx.unitId, from, ctx.toYear], queryFn: () => statisticsApi.gapsTrend({ unitId: ctx.unitId, fromYear: from, toYear: ctx.toYear }) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <ChartPanel
      testId="panel-gaps"
      title={t('stats.panel.gaps')}
      xKey="asOf"
      xLabel={t('stats.asOf')}
      kind="line"
      fileName="thieu-trinh-do-llct"
      series={[
        { key: 'lacking', label: t('stats.lacking') },
        { key: 'withStandards', label: t('stats.withStandards') },
      ]}
      data={q.data.points.map((p) => ({ asOf: p.asOf.split('-').reverse().join('/'), lacking: p.lacking, withStandards: p.withStandards }))}
      footer={
        <ul style={{ margin: '8px 0 0', paddingInlineStart: 18 }}>
          {q.data.notes.map((n) => (
            <li key={n}>
              <Typography.Text type="secondary">{n}</Typography.Text>
            </li>
          ))}
        </ul>
      }
    />
  );
}

export const DASHBOARD_PANELS: DashboardPanel[] = [
  { key: 'by-year', span: 'half', render: (ctx) => <ByYearPanel {...ctx} /> },
  { key: 'plan', span: 'half', visible: (ctx) => ctx.dashboard.planVsActual !== null, render: (ctx) => <PlanPanel {...ctx} /> },
  { key: 'by-programme', render: (ctx) => <ByProgrammePanel {...ctx} /> },
  { key: 'gaps', visible: (ctx) => ctx.me.permissions.includes('rules.read'), render: (ctx) => <GapsPanel {...ctx} /> },
  // indicators against targets, with their yearly trend (issue 10 point 1)
  { key: 'indicators', visible: (ctx) => ctx.me.permissions.includes('indicators.read'), render: (ctx) => <DashboardIndicatorsPanel unitId={ctx.unitId} /> },
];
