/**
 * "Đánh giá sau đào tạo" (the school, the board, home affairs): the classes' reaction surveys with
 * their response rates (open one for a class that is ending), the agencies' feedback at 6 and 12
 * months per class or programme with export, and the questionnaires with the anonymity threshold.
 */
import { useState } from 'react';
import { Card, Flex, Select, Segmented, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { FeedbackResults, SurveySummary } from '@nang-tam/contracts';
import { classesApi } from '../../api/classes';
import { feedbackApi } from '../../api/feedback';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { useDebounced, usePageTitle } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';
import { PagedTable } from '../../shared/PagedTable';
import { ExportButton } from '../jobs/ExportButton';
import { useAverage } from './ClassSurveyPage';
import { SurveyStateTag } from './MySurveysPage';
import { QuestionnairesTab } from './QuestionnairesTab';

const PAGE = 20;

function ClassPicker() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 300);
  const list = useQuery({ queryKey: ['classes', 'pick', q], queryFn: ({ signal }) => classesApi.list({ q: q.trim() || null, limit: 20, offset: 0 }, signal) });
  return (
    <Select
      showSearch
      filterOption={false}
      aria-label={t('fb.pickClass')}
      placeholder={t('fb.pickClass')}
      style={{ minWidth: 320 }}
      onSearch={setSearch}
      loading={list.isFetching}
      onChange={(id: number) => navigate(`/evaluation/classes/${id}`)}
      options={(list.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${formatDate(c.endDate)})` }))}
    />
  );
}

function SurveysTab() {
  const { t, formatNumber } = useI18n();
  const [page, setPage] = useState(1);
  const list = useQuery({ queryKey: ['survey', 'list', page], queryFn: ({ signal }) => feedbackApi.surveys({ limit: PAGE, offset: (page - 1) * PAGE }, signal) });
  const columns: TableColumnsType<SurveySummary> = [
    { key: 'class', title: t('fb.class'), render: (_, s) => <Link to={`/evaluation/classes/${s.classId}`}>{s.className}</Link> },
    { key: 'programme', title: t('fb.programme'), render: (_, s) => s.programme.name },
    { key: 'end', title: t('fb.classEnd'), render: (_, s) => <span className="nt-num">{formatDate(s.classEnd)}</span> },
    { key: 'window', title: t('fb.windowTitle'), render: (_, s) => <span className="nt-num">{`${formatDate(s.opensOn)} – ${formatDate(s.closesOn)}`}</span> },
    { key: 'state', title: t('fb.stateTitle'), render: (_, s) => <SurveyStateTag s={{ state: s.state, answered: false }} /> },
    { key: 'rate', title: t('fb.responseRate'), align: 'right', render: (_, s) => <span className="nt-num">{`${s.responses}/${s.learners} (${s.responseRate === null ? '—' : formatNumber(s.responseRate)}%)`}</span> },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('fb.openFor')}</Typography.Text>
        <ClassPicker />
      </Flex>
      <PagedTable<SurveySummary>
        query={list}
        page={page}
        onPage={setPage}
        pageSize={PAGE}
        empty={t('fb.noSurveys')}
        rowKey="id"
        columns={columns}
      />
    </Flex>
  );
}

type Row = FeedbackResults['rows'][number];

function FeedbackResultsTab() {
  const { t } = useI18n();
  const avg = useAverage();
  const [groupBy, setGroupBy] = useState<'class' | 'programme'>('class');
  const q = useQuery({ queryKey: ['feedback', 'results', groupBy], queryFn: ({ signal }) => feedbackApi.feedbackResults(groupBy, signal) });
  const m = (r: Row, months: number) => r.milestones.find((x) => x.milestone === months)!;
  const columns: TableColumnsType<Row> = [
    { key: 'label', title: groupBy === 'class' ? t('fb.class') : t('fb.programme'), dataIndex: 'label' },
    { key: 'graduates', title: t('fb.graduates'), align: 'right', render: (_, r) => <span className="nt-num">{r.graduates}</span> },
    ...[6, 12].map((months) => ({
      key: `m${months}`,
      title: t('fb.afterMonths', { n: months }),
      children: [
        { key: `s${months}`, title: t('fb.submittedOfOwed'), align: 'right' as const, render: (_: unknown, r: Row) => <span className="nt-num">{`${m(r, months).submitted}/${m(r, months).owed}`}</span> },
        { key: `o${months}`, title: t('fb.status.overdue'), align: 'right' as const, render: (_: unknown, r: Row) => <span className="nt-num">{m(r, months).overdue}</span> },
        { key: `a${months}`, title: t('fb.average'), align: 'right' as const, render: (_: unknown, r: Row) => <span className="nt-num">{avg(m(r, months).averageRating)}</span> },
        { key: `f${months}`, title: t('fb.appliesFully'), align: 'right' as const, render: (_: unknown, r: Row) => <span className="nt-num">{m(r, months).applies.fully}</span> },
      ],
    })),
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap justify="space-between">
        <Segmented<'class' | 'programme'>
          value={groupBy}
          onChange={setGroupBy}
          options={[
            { value: 'class', label: t('fb.byClass') },
            { value: 'programme', label: t('fb.byProgramme') },
          ]}
        />
        <Flex gap={8}>
          <ExportButton start={() => feedbackApi.exportFeedback(groupBy, 'xlsx')} total={q.data?.rows.length} />
          <ExportButton start={() => feedbackApi.exportFeedback(groupBy, 'pdf')} total={q.data?.rows.length} label={t('fb.exportPdf')} icon={<FilePdfOutlined />} />
        </Flex>
      </Flex>
      {q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Row> rowKey="key" size="small" bordered loading={q.isPending} columns={columns} dataSource={q.data?.rows ?? []} scroll={{ x: 1000 }} pagination={{ pageSize: 20, showSizeChanger: false }} />
      )}
      <Typography.Text type="secondary">{t('fb.feedbackNote')}</Typography.Text>
    </Flex>
  );
}

export default function EvaluationPage() {
  const { t } = useI18n();
  usePageTitle(t('fb.evaluation'));
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'surveys';
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
        {t('fb.evaluation')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('fb.evaluationIntro')}
      </Typography.Paragraph>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'surveys', label: t('fb.tabSurveys'), children: <SurveysTab /> },
            { key: 'feedback', label: t('fb.tabFeedback'), children: <FeedbackResultsTab /> },
            { key: 'questionnaires', label: t('fb.tabQuestionnaires'), children: <QuestionnairesTab /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
