import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Drawer, Flex, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import type { OutsideStatus, Realisation } from '@nang-tam/contracts';
import { plansApi } from '../../api/plans';
import { useI18n, type MessageKey } from '../../i18n';
import { toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { formatDate } from '../../shared/format';
import { PageError, PageLoading } from '../../shared/PageState';
import { useIsMobile } from '../../shared/hooks';
import { modeLabel } from '../eligibility/common';
import { institutionText, OutsideStatusTag } from '../outside/common';
import { ExportButton } from '../jobs/ExportButton';
import { FilePdfOutlined } from '@ant-design/icons';
import { versionName, type Measure, type RowKey } from './plan-view';

type Figures = Realisation['total'];
interface Row {
  key: RowKey;
  label: string;
  figures: Figures;
  strong?: boolean;
}

/** Plan against actual on any date: per line and overall, with the counting convention and rounding stated; every figure drills down. */
export default function RealisationPage() {
  const { t, formatNumber } = useI18n();
  const isMobile = useIsMobile();
  const [sp, setSp] = useSearchParams();
  const year = Number(sp.get('year')) || new Date().getFullYear();
  const asOf = sp.get('asOf');
  const [drill, setDrill] = useState<{ row: Row; measure: Measure } | null>(null);
  const q = useQuery({ queryKey: ['plans', 'realisation', year, asOf], queryFn: () => plansApi.realisation(year, asOf) });
  const years = [...new Set([year, new Date().getFullYear(), new Date().getFullYear() - 1, new Date().getFullYear() - 2])].sort((a, b) => b - a);
  const set = (y: number, d: string | null) => setSp(d ? { year: String(y), asOf: d } : { year: String(y) });

  const cell = (row: Row, measure: Measure, value: number) =>
    value === 0 ? (
      '0'
    ) : (
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setDrill({ row, measure })} aria-label={`${row.label}: ${t(`realisation.${measure}` as MessageKey)} ${value}`}>
        {formatNumber(value)}
      </Button>
    );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
          {t('realisation.title')}
        </Typography.Title>
        <Space wrap>
          <Link to={`/plans?year=${year}`}>{t('nav.plans')}</Link>
          <Select aria-label={t('plans.year')} value={year} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: String(y) }))} onChange={(y: number) => set(y, null)} />
          <ExportButton start={() => plansApi.exportRealisation(year, asOf, 'xlsx')} total={undefined} />
          <ExportButton start={() => plansApi.exportRealisation(year, asOf, 'pdf')} total={undefined} label={t('plans.exportPdf')} icon={<FilePdfOutlined />} />
          <DatePicker
            aria-label={t('realisation.asOf')}
            placeholder={t('realisation.asOf')}
            format={VI_DATE_FORMATS}
            value={toDayjs(asOf)}
            onChange={(d) => set(year, toIso(d))}
          />
        </Space>
      </Flex>
      {q.isPending ? (
        <PageLoading />
      ) : q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        (() => {
          const r = q.data;
          const rows: Row[] = [
            ...r.lines.map((l) => ({
              key: l.row as RowKey,
              label: `${l.line.programmeName} · ${modeLabel(t, l.line.mode)} · ${t('plans.quarterValue', { q: l.line.quarter })} · ${l.line.organiser}`,
              figures: l.figures,
            })),
            { key: 'total' as const, label: t('realisation.total'), figures: r.total, strong: true },
            { key: 'extra' as const, label: t('realisation.extra'), figures: r.extra },
            { key: 'unlinked' as const, label: t('realisation.unlinked'), figures: r.unlinked },
          ];
          return (
            <>
              {!r.plan && <Alert type="warning" showIcon title={t('realisation.noPlan', { year })} />}
              {r.version && (
                <Typography.Text>
                  {t('realisation.version', { version: versionName(t, r.version) })} · {t('realisation.asOf')} {formatDate(r.asOf)}
                </Typography.Text>
              )}
              {r.version && r.version.status !== 'approved' && <Alert type="warning" showIcon title={t('realisation.notApproved')} />}
              <Table<Row>
                size="small"
                rowKey="key"
                pagination={false}
                scroll={{ x: 1200 }}
                dataSource={rows}
                data-testid="realisation-table"
                columns={[
                  { key: 'label', title: t('realisation.line'), width: 300, fixed: isMobile ? undefined : 'left', render: (_, row) => (row.strong ? <strong>{row.label}</strong> : row.label) },
                  {
                    title: t('realisation.classes'),
                    children: [
                      { key: 'planned', title: t('realisation.planned'), align: 'right', render: (_, row) => formatNumber(row.figures.plannedClasses) },
                      { key: 'done', title: t('realisation.done'), align: 'right', render: (_, row) => cell(row, 'done', row.figures.doneClasses) },
                      { key: 'opened', title: t('realisation.opened'), align: 'right', render: (_, row) => cell(row, 'opened', row.figures.openedClasses) },
                      { key: 'carriedIn', title: t('realisation.carriedIn'), align: 'right', render: (_, row) => cell(row, 'carriedIn', row.figures.carriedInClasses) },
                      { key: 'finished', title: t('realisation.finished'), align: 'right', render: (_, row) => cell(row, 'finished', row.figures.finishedClasses) },
                      { key: 'carriedOut', title: t('realisation.carriedOut'), align: 'right', render: (_, row) => cell(row, 'carriedOut', row.figures.carriedOutClasses) },
                      { key: 'pc', title: t('realisation.percent'), align: 'right', render: (_, row) => row.figures.classesPercent.text },
                    ],
                  },
                  {
                    title: t('realisation.learners'),
                    children: [
                      { key: 'lp', title: t('realisation.planned'), align: 'right', render: (_, row) => formatNumber(row.figures.plannedLearners) },
                      { key: 'ld', title: t('realisation.done'), align: 'right', render: (_, row) => cell(row, 'done', row.figures.doneLearners) },
                      { key: 'lpc', title: t('realisation.percent'), align: 'right', render: (_, row) => row.figures.learnersPercent.text },
                    ],
                  },
                ]}
              />
              <Card size="small" title={t('realisation.notesTitle')}>
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {(['realisation.note.done', 'realisation.note.carriedOut', 'realisation.note.extra', 'realisation.note.learners', 'realisation.note.outside'] as const).map((k) => (
                    <li key={k}>{t(k)}</li>
                  ))}
                  <li>{t(`realisation.note.rounding.${r.rounding.mode}` as MessageKey, { decimals: r.rounding.decimals })}</li>
                  <li>{t('realisation.drillHint')}</li>
                </ul>
              </Card>
              {drill && <DrillDrawer year={year} asOf={r.asOf} row={drill.row} measure={drill.measure} onClose={() => setDrill(null)} />}
            </>
          );
        })()
      )}
    </Space>
  );
}

function DrillDrawer({ year, asOf, row, measure, onClose }: { year: number; asOf: string; row: Row; measure: Measure; onClose: () => void }) {
  const { t, formatNumber } = useI18n();
  const isMobile = useIsMobile();
  const [page, setPage] = useState(1);
  const pageSize = 50;
  const q = useQuery({
    queryKey: ['plans', 'drill', year, asOf, row.key, measure, page],
    queryFn: () => plansApi.drill(year, { asOf, row: row.key, measure, limit: pageSize, offset: (page - 1) * pageSize }),
  });
  return (
    <Drawer open onClose={onClose} size={isMobile ? '100%' : 820} title={t('realisation.drillTitle', { row: row.label, measure: t(`realisation.${measure}` as MessageKey) })}>
      {q.isPending ? (
        <PageLoading />
      ) : q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            title={() => t('realisation.drillClasses')}
            dataSource={q.data.classes}
            columns={[
              { key: 'name', title: t('realisation.col.class'), render: (_, c) => <Link to={`/classes/${c.id}`}>{c.name}</Link> },
              { key: 'organiser', title: t('plans.col.organiser'), dataIndex: 'organiser' },
              { key: 'dates', title: t('realisation.col.dates'), render: (_, c) => `${formatDate(c.startDate)} – ${formatDate(c.endDate)}` },
              { key: 'learners', title: t('realisation.learners'), align: 'right', render: (_, c) => formatNumber(c.learners) },
            ]}
          />
          {q.data.outside.length > 0 && (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              data-testid="drill-outside"
              title={() => t('realisation.drillOutside', { n: formatNumber(q.data.outside.length) })}
              dataSource={q.data.outside}
              columns={[
                { key: 'name', title: t('realisation.col.person'), render: (_, o) => <Link to={`/outside-trainings/${o.id}`}>{o.person.fullName}</Link> },
                { key: 'unit', title: t('realisation.col.unit'), render: (_, o) => o.person.unit },
                { key: 'institution', title: t('realisation.col.institution'), render: (_, o) => institutionText(o) },
                { key: 'dates', title: t('realisation.col.dates'), render: (_, o) => `${formatDate(o.startDate)} – ${formatDate(o.endDate)}` },
                { key: 'status', title: t('realisation.col.status'), render: (_, o) => <OutsideStatusTag status={o.status as OutsideStatus} /> },
              ]}
            />
          )}
          <Table
            size="small"
            rowKey={(p) => `${p.classId}-${p.personId}`}
            title={() => t('realisation.drillPeople', { n: formatNumber(q.data.people.total) })}
            dataSource={q.data.people.items}
            pagination={{ current: page, pageSize, total: q.data.people.total, onChange: setPage, showSizeChanger: false }}
            columns={[
              { key: 'name', title: t('realisation.col.person'), render: (_, p) => <Link to={`/people/${p.personId}`}>{p.fullName}</Link> },
              { key: 'unit', title: t('realisation.col.unit'), dataIndex: 'unit' },
              { key: 'class', title: t('realisation.col.class'), dataIndex: 'className' },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}
