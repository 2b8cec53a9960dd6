import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Drawer, Flex, Form, Select, Space, Table, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { STAT_DIMENSIONS, STAT_DIMENSION_LABELS, type StatDimension, type StatFilters, type StatRow, type StatisticsQuery } from '@nang-tam/contracts';
import { statisticsApi } from '../../api/statistics';
import { useI18n } from '../../i18n';
import { toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { formatDate } from '../../shared/format';
import { PageError, PageLoading } from '../../shared/PageState';
import { UnitPicker } from '../../shared/UnitPicker';
import { useIsMobile } from '../../shared/hooks';
import { ExportButton } from '../jobs/ExportButton';

type Bool = 'true' | 'false' | undefined;
const bool = (v: string | null): boolean | undefined => (v === 'true' ? true : v === 'false' ? false : undefined);

/** Training statistics (issue 10): person-times and people by up to two dimensions, filters, drill-down and exports. */
export default function StatisticsPage() {
  const { t, locale, formatNumber } = useI18n();
  const [sp, setSp] = useSearchParams();
  const year = new Date().getFullYear();
  const from = sp.get('from') ?? `${year - 4}-01-01`;
  const to = sp.get('to') ?? `${year}-12-31`;
  const unitId = Number(sp.get('unitId')) || undefined;
  const groupBy = (sp.get('groupBy') ?? 'programme').split(',').filter((d): d is StatDimension => (STAT_DIMENSIONS as readonly string[]).includes(d));
  const basis = sp.get('basis') === 'completed' ? 'completed' : 'enrolled';
  const unitBasis = sp.get('unitBasis') === 'organiser' ? 'organiser' : 'learner';
  const filters: StatFilters = {
    ...(sp.get('gender') === 'female' || sp.get('gender') === 'male' ? { gender: sp.get('gender') as 'male' | 'female' } : {}),
    ...(bool(sp.get('young')) !== undefined ? { young: bool(sp.get('young')) } : {}),
    ...(bool(sp.get('minority')) !== undefined ? { ethnicMinority: bool(sp.get('minority')) } : {}),
    ...(bool(sp.get('party')) !== undefined ? { partyMember: bool(sp.get('party')) } : {}),
  };
  const query: StatisticsQuery = { from, to, unitId, groupBy, basis, unitBasis, filters };
  const q = useQuery({ queryKey: ['statistics', 'query', query], queryFn: () => statisticsApi.query(query), retry: false });
  const [drill, setDrill] = useState<{ row: StatRow | null } | null>(null);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) (v === undefined || v === '' ? next.delete(k) : next.set(k, v));
    setSp(next, { replace: true });
  };
  const dimOptions = STAT_DIMENSIONS.map((d) => ({ value: d, label: STAT_DIMENSION_LABELS[d][locale] }));
  const boolOptions = [
    { value: 'true', label: t('stats.yes') },
    { value: 'false', label: t('stats.no') },
  ];
  const countCell = (row: StatRow | null, n: number) =>
    n === 0 ? (
      '0'
    ) : (
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setDrill({ row })}>
        {formatNumber(n)}
      </Button>
    );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
          {t('stats.title')}
        </Typography.Title>
        <Space wrap>
          <ExportButton start={() => statisticsApi.export(query, 'xlsx')} total={undefined} />
          <ExportButton start={() => statisticsApi.export(query, 'pdf')} total={undefined} label={t('stats.exportPdf')} icon={<FilePdfOutlined />} />
          <Link to="/dashboard">{t('nav.dashboard')}</Link>
        </Space>
      </Flex>
      <Card size="small">
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('stats.from')}>
            <DatePicker aria-label={t('stats.from')} format={VI_DATE_FORMATS} value={toDayjs(from)} allowClear={false} onChange={(d) => set({ from: toIso(d) ?? undefined })} />
          </Form.Item>
          <Form.Item label={t('stats.to')}>
            <DatePicker aria-label={t('stats.to')} format={VI_DATE_FORMATS} value={toDayjs(to)} allowClear={false} onChange={(d) => set({ to: toIso(d) ?? undefined })} />
          </Form.Item>
          <Form.Item label={t('stats.unit')}>
            <UnitPicker aria-label={t('stats.unit')} value={unitId ?? null} onChange={(v) => set({ unitId: v ? String(v) : undefined })} />
          </Form.Item>
          <Form.Item label={t('stats.groupBy')}>
            <Select
              aria-label={t('stats.groupBy')}
              data-testid="stats-groupby"
              mode="multiple"
              maxCount={2}
              style={{ minWidth: 260 }}
              value={groupBy}
              options={dimOptions}
              onChange={(v: StatDimension[]) => set({ groupBy: v.join(',') })}
            />
          </Form.Item>
          <Form.Item label={t('stats.basisLabel')}>
            <Select
              aria-label={t('stats.basisLabel')}
              style={{ width: 190 }}
              value={basis}
              options={[
                { value: 'enrolled', label: t('stats.basis.enrolled') },
                { value: 'completed', label: t('stats.basis.completed') },
              ]}
              onChange={(v: string) => set({ basis: v })}
            />
          </Form.Item>
          <Form.Item label={t('stats.unitBasisLabel')}>
            <Select
              aria-label={t('stats.unitBasisLabel')}
              style={{ width: 200 }}
              value={unitBasis}
              options={[
                { value: 'learner', label: t('stats.basis.learner') },
                { value: 'organiser', label: t('stats.basis.organiser') },
              ]}
              onChange={(v: string) => set({ unitBasis: v })}
            />
          </Form.Item>
          <Form.Item label={t('stats.filter.gender')}>
            <Select aria-label={t('stats.filter.gender')} allowClear style={{ width: 100 }} value={filters.gender} options={[{ value: 'female', label: t('stats.female') }, { value: 'male', label: t('stats.male') }]} onChange={(v?: string) => set({ gender: v })} />
          </Form.Item>
          {(
            [
              ['young', 'stats.filter.young'],
              ['minority', 'stats.filter.minority'],
              ['party', 'stats.filter.party'],
            ] as const
          ).map(([k, label]) => (
            <Form.Item key={k} label={t(label)}>
              <Select aria-label={t(label)} allowClear style={{ width: 100 }} value={(sp.get(k) ?? undefined) as Bool} options={boolOptions} onChange={(v?: string) => set({ [k]: v })} />
            </Form.Item>
          ))}
        </Form>
      </Card>
      {q.isPending ? (
        <PageLoading />
      ) : q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <ResultView data={q.data} countCell={countCell} />
      )}
      {drill && q.data && <DrillDrawer query={query} row={drill.row} onClose={() => setDrill(null)} />}
    </Space>
  );
}

function ResultView({ data, countCell }: { data: NonNullable<Awaited<ReturnType<typeof statisticsApi.query>>>; countCell: (row: StatRow | null, n: number) => React.ReactNode }) {
  const { t, locale, formatNumber } = useI18n();
  const isMobile = useIsMobile();
  const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v)}%`);
  const rows = data.rows;
  const columns = useMemo(
    () => [
      ...data.groupBy.map((d, i) => ({ key: `k${i}`, title: STAT_DIMENSION_LABELS[d][locale], render: (_: unknown, r: StatRow) => r.keys[i]?.label ?? '' })),
      { key: 'pt', title: t('stats.personTimes'), align: 'right' as const, render: (_: unknown, r: StatRow) => countCell(r, r.personTimes) },
      { key: 'people', title: t('stats.people'), align: 'right' as const, render: (_: unknown, r: StatRow) => formatNumber(r.people) },
      { key: 'young', title: t('stats.youngUnder', { age: data.young.underAge }), align: 'right' as const, render: (_: unknown, r: StatRow) => formatNumber(r.young) },
      { key: 'female', title: t('stats.female'), align: 'right' as const, render: (_: unknown, r: StatRow) => formatNumber(r.female) },
      { key: 'minority', title: t('stats.minority'), align: 'right' as const, render: (_: unknown, r: StatRow) => formatNumber(r.minority) },
      { key: 'party', title: t('stats.partyMember'), align: 'right' as const, render: (_: unknown, r: StatRow) => formatNumber(r.partyMember) },
    ],
    [data, locale, t, formatNumber, countCell],
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text data-testid="stats-summary">
        {data.unit.name} · {formatDate(data.from)} – {formatDate(data.to)} · {t('stats.personTimes')}: {countCell(null, data.total.personTimes)} · {t('stats.people')}: {formatNumber(data.total.people)} ·{' '}
        {t('stats.share.young')} {pct(data.shares.young.value)} · {t('stats.share.female')} {pct(data.shares.female.value)} · {t('stats.share.minority')} {pct(data.shares.minority.value)}
      </Typography.Text>
      {data.groupBy.length > 0 && (
        <Table<StatRow>
          size="small"
          data-testid="stats-table"
          rowKey={(r) => r.keys.map((k) => k.code).join('|')}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: isMobile ? 900 : undefined }}
          dataSource={rows}
          columns={columns}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={data.groupBy.length}>
                <strong>{t('stats.total')}</strong>
              </Table.Summary.Cell>
              {[data.total.personTimes, data.total.people, data.total.young, data.total.female, data.total.minority, data.total.partyMember].map((n, i) => (
                <Table.Summary.Cell key={i} index={i + 1} align="right">
                  <strong>{formatNumber(n)}</strong>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )}
        />
      )}
      {data.groupBy.includes('year') && <Alert type="info" showIcon title={t('stats.yearNote')} />}
      <Card size="small" title={t('stats.notes')}>
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {data.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
          <li>{t('stats.youngSource', { source: data.young.source })}</li>
        </ul>
      </Card>
    </Space>
  );
}

function DrillDrawer({ query, row, onClose }: { query: StatisticsQuery; row: StatRow | null; onClose: () => void }) {
  const { t, formatNumber } = useI18n();
  const isMobile = useIsMobile();
  const [page, setPage] = useState(1);
  const pageSize = 50;
  const cell = row ? row.keys.map((k) => k.code) : (query.groupBy ?? []).map(() => '');
  const drillQuery = row ? query : { ...query, groupBy: [] };
  const q = useQuery({
    queryKey: ['statistics', 'drill', drillQuery, cell, page],
    queryFn: () => statisticsApi.drill({ ...drillQuery, cell: row ? cell : [], limit: pageSize, offset: (page - 1) * pageSize }),
  });
  const label = row ? row.keys.map((k) => k.label).join(' · ') : t('stats.total');
  return (
    <Drawer open onClose={onClose} size={isMobile ? '100%' : 900} title={t('stats.drillTitle', { cell: label })}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Flex gap={8} justify="flex-end">
          <ExportButton start={() => statisticsApi.export(drillQuery, 'xlsx', row ? cell : [])} total={q.data?.total} />
          <ExportButton start={() => statisticsApi.export(drillQuery, 'pdf', row ? cell : [])} total={q.data?.total} label={t('stats.exportPdf')} icon={<FilePdfOutlined />} />
        </Flex>
        {q.isPending ? (
          <PageLoading />
        ) : q.isError ? (
          <PageError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table
            size="small"
            data-testid="stats-drill"
            rowKey={(r) => `${r.source}:${r.factId}:${r.personId}`}
            title={() => t('stats.drillCount', { n: formatNumber(q.data.total), people: formatNumber(q.data.people) })}
            dataSource={q.data.rows}
            pagination={{ current: page, pageSize, total: q.data.total, onChange: setPage, showSizeChanger: false }}
            scroll={{ x: 900 }}
            columns={[
              { key: 'name', title: t('stats.col.person'), render: (_, r) => <Link to={`/people/${r.personId}`}>{r.fullName}</Link> },
              { key: 'unit', title: t('stats.col.unit'), dataIndex: 'unitName' },
              { key: 'programme', title: t('stats.dim.programme'), dataIndex: 'programmeName' },
              {
                key: 'where',
                title: t('stats.col.where'),
                render: (_, r) => (r.source === 'class' ? <Link to={`/classes/${r.factId}`}>{r.where}</Link> : <Link to={`/outside-trainings/${r.factId}`}>{r.where}</Link>),
              },
              { key: 'dates', title: t('stats.col.dates'), render: (_, r) => `${formatDate(r.startDate)} – ${formatDate(r.endDate)}` },
              { key: 'done', title: t('stats.col.result'), render: (_, r) => (r.completed ? t('stats.completed') : t('stats.notCompleted')) },
            ]}
          />
        )}
      </Space>
    </Drawer>
  );
}
