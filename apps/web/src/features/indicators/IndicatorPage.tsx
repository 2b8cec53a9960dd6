/**
 * One indicator: value as of a date against its target, status and the rule that decided it, the
 * trend chart (recharts, loaded lazily) with its table, the projection's method, the definition in
 * words, and the people counted and missing (paged, exportable).
 */
import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Flex, Row, Space, Statistic, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { IndicatorPerson, IndicatorTrendPoint } from '@nang-tam/contracts';
import { indicatorsApi } from '../../api/indicators';
import { allows } from '../../app/actions';
import { useI18n, type MessageKey } from '../../i18n';
import { toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { formatDate } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { ExportButton } from '../jobs/ExportButton';
import { IndicatorForm } from './IndicatorForm';
import { StatusTag, useIndicatorFormat } from './common';

const TrendChart = lazy(() => import('./TrendChart'));
const PAGE = 20;

function PeopleTable({ id, asOf, set }: { id: number; asOf: string | null; set: 'counted' | 'missing' }) {
  const { t, formatNumber } = useI18n();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['indicators', id, 'people', asOf, set, page],
    queryFn: ({ signal }) => indicatorsApi.people(id, { asOf, set, limit: PAGE, offset: (page - 1) * PAGE }, signal),
  });
  const columns: TableColumnsType<IndicatorPerson> = [
    { key: 'name', title: t('ind.person'), render: (_, p) => <Link to={`/people/${p.id}`}>{p.fullName}</Link> },
    { key: 'birth', title: t('ind.birthDate'), render: (_, p) => <span className="nt-num">{formatDate(p.birthDate)}</span> },
    { key: 'unit', title: t('ind.unitAt'), render: (_, p) => p.unit.name },
    { key: 'title', title: t('ind.titleAt'), render: (_, p) => p.title ?? '—' },
    { key: 'evidence', title: t('ind.evidence'), render: (_, p) => (p.evidence && /^\d{4}-\d{2}-\d{2}$/.test(p.evidence) ? formatDate(p.evidence) : (p.evidence ?? '—')) },
  ];
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t('ind.peopleTotal', { n: formatNumber(q.data?.total ?? 0) })}</Typography.Text>
        <ExportButton start={() => indicatorsApi.exportPeople(id, { ...(asOf ? { asOf } : {}), set })} total={q.data?.total} />
      </Flex>
      <Table<IndicatorPerson>
        rowKey="id"
        size="small"
        loading={q.isPending}
        columns={columns}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 800 }}
        pagination={{ current: page, pageSize: PAGE, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Space>
  );
}

export default function IndicatorPage() {
  const { t, formatNumber } = useI18n();
  const fmt = useIndicatorFormat();
  const id = Number(useParams().id);
  const [sp, setSp] = useSearchParams();
  const asOf = sp.get('asOf');
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: ['indicators', id, asOf], queryFn: ({ signal }) => indicatorsApi.get(id, { asOf }, signal) });
  usePageTitle(q.data?.name ?? t('ind.title'));
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const trendColumns: TableColumnsType<IndicatorTrendPoint> = [
    { key: 'date', title: t('ind.date'), render: (_, p) => <span className="nt-num">{formatDate(p.date)}</span> },
    { key: 'population', title: t('ind.populationCount'), align: 'right', render: (_, p) => <span className="nt-num">{formatNumber(p.population)}</span> },
    { key: 'counted', title: t('ind.countedCount'), align: 'right', render: (_, p) => <span className="nt-num">{formatNumber(p.counted)}</span> },
    { key: 'value', title: t('ind.value'), align: 'right', render: (_, p) => <span className="nt-num">{fmt.value(d.target.kind, p.value)}</span> },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Space direction="vertical" size={0}>
          <Link to="/indicators">{t('ind.title')}</Link>
          <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
            {d.name}
          </Typography.Title>
        </Space>
        <Space wrap>
          <DatePicker aria-label={t('ind.asOf')} placeholder={t('ind.asOfToday')} format={VI_DATE_FORMATS} value={toDayjs(asOf)} onChange={(v) => setSp(toIso(v) ? { asOf: toIso(v)! } : {})} />
          {allows(d, 'update') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('ind.edit')}
            </Button>
          )}
        </Space>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('ind.valueAt', { date: formatDate(d.asOf) })} value={fmt.value(d.target.kind, d.value)} />
            <Typography.Text type="secondary" className="nt-num">
              {formatNumber(d.counted)}/{formatNumber(d.population)} · {d.unit.name}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('ind.target')} value={fmt.target(d)} />
            <Typography.Text type="secondary">{t('ind.byDeadline', { date: formatDate(d.deadline) })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('ind.projectionAt', { date: formatDate(d.deadline) })} value={d.projection ? fmt.value(d.target.kind, d.projection.value) : '—'} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Typography.Text type="secondary">{t('ind.status')}</Typography.Text>
            <div style={{ fontSize: 20, margin: '6px 0' }} data-testid="indicator-status">
              <StatusTag status={d.status} />
            </div>
          </Card>
        </Col>
      </Row>
      <Alert type={d.status === 'at_risk' ? 'warning' : 'info'} showIcon message={d.statusExplanation} description={t('ind.statusRule')} />
      <Card title={t('ind.trend')}>
        <Suspense fallback={<PageLoading />}>
          <TrendChart indicator={d} />
        </Suspense>
        <Table<IndicatorTrendPoint> rowKey="date" size="small" columns={trendColumns} dataSource={d.trend ?? []} pagination={false} style={{ marginTop: 16 }} />
        {d.projection && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('ind.projectionMethod')}: {d.projection.method}
          </Typography.Paragraph>
        )}
      </Card>
      <Card title={t('ind.definition')}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('ind.population')}>{d.populationText}</Descriptions.Item>
          <Descriptions.Item label={t('ind.condition')}>{d.conditionText}</Descriptions.Item>
          <Descriptions.Item label={t('ind.period')}>
            {formatDate(d.startOn)} – {formatDate(d.deadline)}
          </Descriptions.Item>
          <Descriptions.Item label={t('ind.source')}>
            {t(`ind.sourceKind.${d.source.kind}` as MessageKey)} {d.source.number} {t('ind.issuedOn', { date: formatDate(d.source.issuedOn) })} · {d.source.issuer}
            {d.source.title ? ` — ${d.source.title}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('ind.ownerUnit')}>{d.ownerUnit.name}</Descriptions.Item>
          {d.definition.note && <Descriptions.Item label={t('ind.note')}>{d.definition.note}</Descriptions.Item>}
          <Descriptions.Item label={t('ind.asOfMethod')}>{d.asOfMethod}</Descriptions.Item>
          <Descriptions.Item label={t('ind.versions')}>
            {d.versions.map((v) => `${t('ind.versionN', { n: v.version })} (${formatDate(v.changedAt.slice(0, 10))}${v.changedBy ? `, ${v.changedBy}` : ''})`).join('; ')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('ind.drillDown')}>
        <Tabs
          items={[
            { key: 'missing', label: t('ind.missing', { n: formatNumber(d.population - d.counted) }), children: <PeopleTable id={id} asOf={asOf} set="missing" /> },
            { key: 'counted', label: t('ind.counted', { n: formatNumber(d.counted) }), children: <PeopleTable id={id} asOf={asOf} set="counted" /> },
          ]}
        />
      </Card>
      {editing && <IndicatorForm open indicator={d} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
    </Space>
  );
}
