/**
 * "Kinh phí đào tạo": the board's yearly budget report (issue 11 point 2) — estimate against actual
 * per plan line, programme, organising unit or year, with the cost per learner and per person-time;
 * exports to Excel and PDF as background jobs.
 */
import { useState } from 'react';
import { Card, Flex, Segmented, Select, Table, Typography, type TableColumnsType } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { BudgetReport, BudgetReportRow } from '@nang-tam/contracts';
import { budgetsApi } from '../../api/budgets';
import { useI18n } from '../../i18n';
import { usePageTitle } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';
import { ExportButton } from '../jobs/ExportButton';
import { useDong } from '../reimbursement/common';

type By = BudgetReport['by'];

export default function BudgetReportPage() {
  const { t, formatNumber } = useI18n();
  const dong = useDong();
  usePageTitle(t('budget.reportTitle'));
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [by, setBy] = useState<By>('line');
  const q = useQuery({ queryKey: ['budgets', 'report', year, by], queryFn: ({ signal }) => budgetsApi.report(year, by, signal) });
  const money = (n: number | null) => <span className="nt-num">{n === null ? '—' : dong(n)}</span>;
  const columns: TableColumnsType<BudgetReportRow> = [
    {
      key: 'label',
      title: t(`budget.by.${by}`),
      render: (_, r) => {
        const line = by === 'line' && r.key.startsWith('line:');
        const cls = by === 'line' && r.key.startsWith('class:');
        const label = line ? <Link to={`/plans/lines/${r.key.slice(5)}/budget`}>{r.label}</Link> : cls ? <Link to={`/classes/${r.key.slice(6)}?tab=budget`}>{r.label}</Link> : r.label;
        return (
          <Flex vertical>
            {label}
            {r.planEstimateOnly && <Typography.Text type="secondary">{t('budget.planEstimateOnly')}</Typography.Text>}
          </Flex>
        );
      },
    },
    { key: 'estimate', title: t('budget.estimate'), align: 'right', render: (_, r) => money(r.figures.estimate) },
    { key: 'actual', title: t('budget.actual'), align: 'right', render: (_, r) => money(r.figures.actual) },
    { key: 'difference', title: t('budget.difference'), align: 'right', render: (_, r) => money(r.figures.difference) },
    { key: 'learners', title: t('budget.learners'), align: 'right', render: (_, r) => <span className="nt-num">{formatNumber(r.figures.learners)}</span> },
    { key: 'personTimes', title: t('budget.personTimes'), align: 'right', render: (_, r) => <span className="nt-num">{formatNumber(r.figures.personTimes)}</span> },
    { key: 'perLearner', title: t('budget.perLearner'), align: 'right', render: (_, r) => money(r.figures.costPerLearner) },
    { key: 'perPersonTime', title: t('budget.perPersonTime'), align: 'right', render: (_, r) => money(r.figures.costPerPersonTime) },
  ];
  const r = q.data;
  return (
    <Flex vertical gap={16}>
      <h1 className="nt-h1">{t('budget.reportTitle')}</h1>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('budget.reportIntro')}
      </Typography.Paragraph>
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('budget.year')}
            value={year}
            onChange={setYear}
            style={{ width: 120 }}
            options={Array.from({ length: 8 }, (_, i) => thisYear + 1 - i).map((y) => ({ value: y, label: t('budget.yearValue', { year: y }) }))}
          />
          <Segmented<By>
            aria-label={t('budget.groupBy')}
            value={by}
            onChange={setBy}
            options={(['line', 'programme', 'unit', 'year'] as const).map((d) => ({ value: d, label: t(`budget.by.${d}`) }))}
          />
          <Flex gap={8} style={{ marginLeft: 'auto' }}>
            <ExportButton start={() => budgetsApi.exportReport(year, by, 'xlsx')} total={undefined} />
            <ExportButton start={() => budgetsApi.exportReport(year, by, 'pdf')} total={undefined} label={t('plans.exportPdf')} icon={<FilePdfOutlined />} />
          </Flex>
        </Flex>
        {q.isError ? (
          <PageError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<BudgetReportRow>
            rowKey="key"
            size="small"
            loading={q.isPending}
            columns={columns}
            dataSource={r?.rows ?? []}
            pagination={false}
            scroll={{ x: 1000 }}
            locale={{ emptyText: t('budget.reportEmpty') }}
            summary={() =>
              r ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>{t('budget.total')}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <strong data-testid="report-total-estimate">{money(r.total.estimate)}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <strong data-testid="report-total-actual">{money(r.total.actual)}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {money(r.total.difference)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    <span className="nt-num">{formatNumber(r.total.learners)}</span>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    <span className="nt-num">{formatNumber(r.total.personTimes)}</span>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">
                    {money(r.total.costPerLearner)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={7} align="right">
                    {money(r.total.costPerPersonTime)}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
          />
        )}
        {r && (
          <ul style={{ marginTop: 12, paddingLeft: 20 }}>
            {r.notes.map((n) => (
              <li key={n}>
                <Typography.Text type="secondary">{n}</Typography.Text>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </Flex>
  );
}
