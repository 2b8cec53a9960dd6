/**
 * "Đánh giá sau đào tạo": pick a class or a programme (and the period its classes ended in), see the
 * share rated "hoàn thành tốt nhiệm vụ" or better before and after, and the numbers planned,
 * rotated or transferred and given higher duties within two years — beside comparable people who
 * did not attend — as a chart (loaded lazily) and its table; open a campaign for a class.
 */
import { lazy, Suspense, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Select,
  Skeleton,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import type { Comparison, Results } from '@nang-tam/contracts';
import { evaluationResultsApi, type ResultsParams } from '../../api/evaluation-results';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { FormModal } from '../../shared/FormModal';
import { usePageTitle } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';

const ResultsChart = lazy(() => import('./ResultsChart'));

type Metric = keyof Comparison['graduateShares'];
const METRICS: readonly Metric[] = ['beforeGood', 'afterGood', 'planned', 'rotated', 'promoted'];

export function usePercent() {
  const { formatNumber } = useI18n();
  return (v: number | null) => (v === null ? '—' : `${formatNumber(v)}%`);
}

/** The comparison as a table: one row per measure, graduates (count and share) beside comparable people. */
export function ComparisonTable({ comparison }: { comparison: Comparison }) {
  const { t, formatNumber } = useI18n();
  const pct = usePercent();
  const g = comparison.graduates;
  const counts: Record<Metric, string> = {
    beforeGood: `${formatNumber(g.beforeGood)}/${formatNumber(g.beforeRated)}`,
    afterGood: `${formatNumber(g.afterGood)}/${formatNumber(g.afterRated)}`,
    planned: `${formatNumber(g.planned)}/${formatNumber(g.people - g.left)}`,
    rotated: `${formatNumber(g.rotated)}/${formatNumber(g.people - g.left)}`,
    promoted: `${formatNumber(g.promoted)}/${formatNumber(g.people - g.left)}`,
  };
  const rows = METRICS.map((k) => ({
    key: k,
    label: t(`evr.metric.${k}`),
    count: counts[k],
    share: pct(comparison.graduateShares[k]),
    matched: pct(comparison.matchedShares[k]),
    control: pct(comparison.controlShares[k]),
  }));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { key: 'label', title: t('evr.measure'), dataIndex: 'label' },
    { key: 'count', title: t('evr.count'), align: 'right', render: (_, r) => <span className="nt-num">{r.count}</span> },
    { key: 'share', title: t('evr.graduates'), align: 'right', render: (_, r) => <span className="nt-num">{r.share}</span> },
    { key: 'matched', title: t('evr.matchedGraduates'), align: 'right', render: (_, r) => <span className="nt-num">{r.matched}</span> },
    { key: 'control', title: t('evr.controls'), align: 'right', render: (_, r) => <span className="nt-num">{r.control}</span> },
  ];
  return <Table rowKey="key" size="small" pagination={false} columns={columns} dataSource={rows} aria-label={t('evr.tableLabel')} />;
}

export function ComparisonNotes({ comparison }: { comparison: Comparison }) {
  const { t, formatNumber } = useI18n();
  return (
    <Flex vertical gap={4}>
      <Typography.Text>
        {t('evr.graduatesLine', { n: formatNumber(comparison.graduates.people), left: formatNumber(comparison.graduates.left) })}
      </Typography.Text>
      {comparison.notes.map((n) => (
        <Typography.Text key={n} type="secondary">
          {n}
        </Typography.Text>
      ))}
      {!comparison.sufficient && <Alert type="warning" showIcon title={t('evr.tooSmall')} />}
    </Flex>
  );
}

export default function ResultsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  usePageTitle(t('evr.title'));
  const [mode, setMode] = useState<'class' | 'programme'>('class');
  const [params, setParams] = useState<ResultsParams | null>(null);
  const [opening, setOpening] = useState<{ id: number; name: string } | null>(null);
  const options = useQuery({ queryKey: ['evaluation', 'cohorts'], queryFn: ({ signal }) => evaluationResultsApi.cohorts(signal) });
  const results = useQuery({
    queryKey: ['evaluation', 'results', params],
    queryFn: ({ signal }) => evaluationResultsApi.results(params!, signal),
    enabled: params !== null,
  });
  const [programme, setProgramme] = useState<string | null>(null);
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);

  const classColumns: TableColumnsType<Results['classes'][number]> = [
    { key: 'name', title: t('evr.class'), render: (_, c) => <strong>{c.name}</strong> },
    {
      key: 'dates',
      title: t('evr.courseDates'),
      render: (_, c) => <span className="nt-num">{`${formatDate(c.startDate)} – ${formatDate(c.endDate)}`}</span>,
    },
    {
      key: 'years',
      title: t('evr.years'),
      render: (_, c) => t('evr.yearsText', { b1: c.beforeYears[0], b2: c.beforeYears[1], a1: c.afterYears[0], a2: c.afterYears[1] }),
    },
    {
      key: 'n',
      title: t('evr.graduates'),
      align: 'right',
      render: (_, c) => <span className="nt-num">{c.comparison.graduates.people}</span>,
    },
    {
      key: 'before',
      title: t('evr.metric.beforeGood'),
      align: 'right',
      render: (_, c) => <span className="nt-num">{share(c.comparison, 'beforeGood')}</span>,
    },
    {
      key: 'after',
      title: t('evr.metric.afterGood'),
      align: 'right',
      render: (_, c) => <span className="nt-num">{share(c.comparison, 'afterGood')}</span>,
    },
    {
      key: 'campaign',
      title: t('evr.campaign'),
      render: (_, c) =>
        c.campaignId !== null ? (
          <Link to={`/evaluation/results/campaigns/${c.campaignId}`}>{t('evr.seeCampaign')}</Link>
        ) : c.actions.includes('openCampaign') ? (
          <Button size="small" onClick={() => setOpening({ id: c.id, name: c.name })}>
            {t('evr.openCampaign')}
          </Button>
        ) : null,
    },
  ];
  const pct = usePercent();
  const share = (c: Comparison, k: Metric) => `${pct(c.graduateShares[k])} / ${pct(c.controlShares[k])}`;

  const classOptions = (options.data?.classes ?? []).map((c) => ({
    value: c.id,
    label: `${c.name} (${formatDate(c.endDate)})${c.ready ? '' : ` — ${t('evr.notReadyShort')}`}`,
  }));

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
          {t('evr.title')}
        </Typography.Title>
        <Flex gap={8}>
          <Link to="/evaluation/results/campaigns">
            <Button>{t('evr.campaigns')}</Button>
          </Link>
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('evr.intro')}
      </Typography.Paragraph>
      <Card>
        <Flex vertical gap={12}>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} optionType="button">
            <Radio.Button value="class">{t('evr.byClass')}</Radio.Button>
            <Radio.Button value="programme">{t('evr.byProgramme')}</Radio.Button>
          </Radio.Group>
          {mode === 'class' ? (
            <Select<number>
              showSearch
              optionFilterProp="label"
              aria-label={t('evr.pickClass')}
              placeholder={t('evr.pickClass')}
              style={{ maxWidth: 640 }}
              loading={options.isPending}
              options={classOptions}
              onChange={(id) => setParams({ classId: id })}
            />
          ) : (
            <Flex gap={8} wrap>
              <Select<string>
                showSearch
                optionFilterProp="label"
                aria-label={t('evr.pickProgramme')}
                placeholder={t('evr.pickProgramme')}
                style={{ minWidth: 320 }}
                options={(options.data?.programmes ?? []).map((p) => ({ value: p.code, label: p.name }))}
                onChange={(code) => setProgramme(code)}
              />
              <DatePicker.RangePicker
                format="DD/MM/YYYY"
                aria-label={t('evr.period')}
                placeholder={[t('evr.endedFrom'), t('evr.endedTo')]}
                onChange={(v) => setRange([v?.[0]?.format('YYYY-MM-DD') ?? null, v?.[1]?.format('YYYY-MM-DD') ?? null])}
              />
              <Button
                type="primary"
                disabled={!programme}
                onClick={() => setParams({ programmeCode: programme, from: range[0], to: range[1] })}
              >
                {t('evr.show')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Card>
      {params === null ? (
        <Empty description={t('evr.pickFirst')} />
      ) : results.isError ? (
        <PageError error={results.error} onRetry={() => void results.refetch()} />
      ) : results.isPending ? (
        <Skeleton active />
      ) : (
        <>
          <Card
            title={
              <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
                {results.data.title}
              </Typography.Title>
            }
          >
            {results.data.classes.length === 0 ? (
              <Alert
                type="info"
                showIcon
                title={t('evr.nothingReady')}
                description={results.data.notReady.map((c) => t('evr.readyOn', { name: c.name, date: formatDate(c.readyOn) })).join(' ')}
              />
            ) : (
              <Flex vertical gap={16}>
                {results.data.scopedToUnit && <Alert type="info" showIcon title={t('evr.scoped')} />}
                <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 300 }} />}>
                  <ResultsChart comparison={results.data.comparison} />
                </Suspense>
                <ComparisonTable comparison={results.data.comparison} />
                <ComparisonNotes comparison={results.data.comparison} />
              </Flex>
            )}
          </Card>
          {results.data.classes.length > 0 && (
            <Card title={t('evr.classes')}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                columns={classColumns}
                dataSource={results.data.classes}
                scroll={{ x: 900 }}
              />
              {results.data.notReady.length > 0 && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                  {results.data.notReady.map((c) => t('evr.readyOn', { name: c.name, date: formatDate(c.readyOn) })).join(' ')}
                </Typography.Paragraph>
              )}
            </Card>
          )}
          <Card size="small" title={t('evr.rules')}>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {results.data.rules.map((r) => (
                <li key={r}>
                  <Typography.Text>{r}</Typography.Text>
                </li>
              ))}
            </ul>
          </Card>
        </>
      )}
      <FormModal<{ dueOn: dayjs.Dayjs; note?: string }>
        open={opening !== null}
        name="evaluation-open"
        title={t('evr.openCampaignOf', { name: opening?.name ?? '' })}
        okText={t('evr.openCampaign')}
        fields={['dueOn', 'note', 'classId']}
        initialValues={{ dueOn: dayjs().add(30, 'day') }}
        intro={<Typography.Paragraph type="secondary">{t('evr.openIntro')}</Typography.Paragraph>}
        onClose={() => setOpening(null)}
        onSubmit={async (v) => {
          const c = await evaluationResultsApi.open({
            classId: opening!.id,
            dueOn: v.dueOn.format('YYYY-MM-DD'),
            ...(v.note ? { note: v.note } : {}),
          });
          message.success(t('evr.opened'));
          navigate(`/evaluation/results/campaigns/${c.id}`);
        }}
      >
        {() => (
          <>
            <Form.Item name="dueOn" label={t('evr.dueOn')} rules={[{ required: true, message: t('out.required') }]}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="note" label={t('evr.note')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Flex>
  );
}
