/**
 * A chart with its table and an export (issue 10): the same rows drawn (recharts, lazily loaded)
 * and listed (an accessible table a screen reader and a printout can use), and an export — a
 * server job (official Excel / PDF) when the caller gives one, else the table as CSV.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Button, Card, Flex, Skeleton, Table, Typography } from 'antd';
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { Job } from '@nang-tam/contracts';
import { useI18n } from '../../i18n';
import { ExportButton } from '../../features/jobs/ExportButton';
import { toCsv } from './csv';
import type { ChartSeries } from './types';

const Chart = lazy(() => import('./Chart'));

export type { ChartSeries };

export interface ChartPanelProps {
  title: string;
  /** One object per x value: the x key and each series' value. */
  data: Record<string, string | number | null>[];
  xKey: string;
  xLabel: string;
  series: ChartSeries[];
  kind?: 'bar' | 'line';
  height?: number;
  /** A server export (official Excel / PDF); without it the panel offers the table as CSV. */
  exportXlsx?: () => Promise<Job>;
  exportPdf?: () => Promise<Job>;
  /** The CSV file's name (without extension). */
  fileName?: string;
  extra?: ReactNode;
  footer?: ReactNode;
  testId?: string;
}

export function ChartPanel({ title, data, xKey, xLabel, series, kind = 'bar', height = 280, exportXlsx, exportPdf, fileName, extra, footer, testId }: ChartPanelProps) {
  const { t, formatNumber } = useI18n();
  const csv = () => {
    const text = toCsv([xLabel, ...series.map((s) => s.label)], data.map((r) => [r[xKey] ?? '', ...series.map((s) => r[s.key] ?? '')]));
    const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${fileName ?? 'bieu-do'}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Card
      size="small"
      data-testid={testId}
      title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{title}</Typography.Title>}
      extra={
        <Flex gap={8} wrap>
          {extra}
          {exportXlsx && <ExportButton start={exportXlsx} total={undefined} />}
          {exportPdf && <ExportButton start={exportPdf} total={undefined} label={t('stats.exportPdf')} icon={<FilePdfOutlined />} />}
          {!exportXlsx && !exportPdf && (
            <Button icon={<DownloadOutlined />} onClick={csv} disabled={data.length === 0}>
              {t('stats.exportCsv')}
            </Button>
          )}
        </Flex>
      }
    >
      {data.length === 0 ? (
        <Typography.Text type="secondary">{t('stats.noData')}</Typography.Text>
      ) : (
        <Flex vertical gap={12}>
          <div role="img" aria-label={title} data-testid={testId ? `${testId}-chart` : undefined}>
            <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
              <Chart kind={kind} data={data} xKey={xKey} series={series} height={height} format={(n) => formatNumber(n)} />
            </Suspense>
          </div>
          <Table
            size="small"
            pagination={data.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
            rowKey={(r) => String(r[xKey])}
            dataSource={data}
            data-testid={testId ? `${testId}-table` : undefined}
            columns={[
              { key: 'x', title: xLabel, render: (_, r) => String(r[xKey] ?? '') },
              ...series.map((s) => ({ key: s.key, title: s.label, align: 'right' as const, render: (_: unknown, r: Record<string, string | number | null>) => (typeof r[s.key] === 'number' ? formatNumber(r[s.key] as number) : (r[s.key] ?? '—')) })),
            ]}
          />
        </Flex>
      )}
      {footer}
    </Card>
  );
}
