/**
 * The lecturer's own survey results (branch lecturer-views, decision 0066): what learners said about
 * them in each class whose survey rated them, anonymous, class by class and pooled; a class under the
 * anonymity threshold shows its count only. Export to Excel or PDF.
 */
import { Alert, Card, Descriptions, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { TeachingResults } from '@nang-tam/contracts';
import { feedbackApi } from '../../api/feedback';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { ExportButton } from '../jobs/ExportButton';
import { Distribution, useAverage } from './ClassSurveyPage';

type ClassRow = TeachingResults['classes'][number];
type QuestionRow = TeachingResults['overall']['questions'][number];

export default function TeachingResultsPage() {
  const { t } = useI18n();
  const avg = useAverage();
  usePageTitle(t('tr.title'));
  const q = useQuery({ queryKey: ['teaching-results'], queryFn: ({ signal }) => feedbackApi.teachingResults(signal) });
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  const qCols: TableColumnsType<QuestionRow> = [
    { key: 'text', title: t('fb.question'), dataIndex: 'text' },
    { key: 'n', title: t('tr.ratings'), align: 'right', render: (_, x) => <span className="nt-num">{x.ratings}</span>, width: 120 },
    { key: 'avg', title: t('fb.average'), align: 'right', render: (_, x) => <span className="nt-num">{avg(x.average)}</span>, width: 110 },
    { key: 'dist', title: t('fb.distribution'), render: (_, x) => <Distribution d={x.distribution} />, width: 200 },
  ];
  const cCols: TableColumnsType<ClassRow> = [
    {
      key: 'class',
      title: t('tr.class'),
      render: (_, c) => (
        <Flex vertical>
          <span>{c.className}</span>
          <Typography.Text type="secondary">
            {c.programmeName} · {formatDate(c.classStart)} – {formatDate(c.classEnd)}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'n', title: t('fb.responses'), align: 'right', render: (_, c) => <span className="nt-num">{t('tr.responsesOf', { n: c.responses, m: c.learners })}</span>, width: 140 },
    {
      key: 'avg',
      title: t('fb.average'),
      align: 'right',
      render: (_, c) => (c.suppressed ? <Tag>{t('fb.belowThreshold')}</Tag> : <span className="nt-num">{avg(c.average)}</span>),
      width: 130,
    },
    { key: 'dist', title: t('fb.distribution'), render: (_, c) => <Distribution d={c.distribution} />, width: 200 },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
          {t('tr.title')}
        </Typography.Title>
        {r.actions.includes('export') && (
          <Flex gap={8}>
            <ExportButton start={() => feedbackApi.exportTeachingResults('xlsx')} total={undefined} />
            <ExportButton start={() => feedbackApi.exportTeachingResults('pdf')} total={undefined} label={t('fb.exportPdf')} icon={<FilePdfOutlined />} />
          </Flex>
        )}
      </Flex>
      {r.lecturer && <Typography.Text strong data-testid="tr-lecturer">{r.lecturer.name}</Typography.Text>}
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('tr.intro')}
      </Typography.Paragraph>
      {!r.lecturer ? (
        <Alert type="info" showIcon title={t('tr.noLecturer')} />
      ) : r.classes.length === 0 ? (
        <Alert type="info" showIcon title={t('tr.none')} />
      ) : (
        <>
          <Card size="small" title={t('tr.overall')}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 3 }}
              items={[
                { key: 'avg', label: t('fb.overall'), children: <span className="nt-num" data-testid="tr-overall">{avg(r.overall.average)}</span> },
                { key: 'n', label: t('fb.responses'), children: <span className="nt-num">{r.overall.responses}</span> },
                { key: 'c', label: t('tr.classesShown'), children: <span className="nt-num">{`${r.overall.classesShown}/${r.classes.length}`}</span> },
              ]}
            />
            <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('tr.threshold', { n: r.minResponses })} />
            {!r.overall.suppressed && (
              <Table style={{ marginTop: 8 }} rowKey="code" size="small" pagination={false} columns={qCols} dataSource={r.overall.questions} scroll={{ x: 600 }} />
            )}
          </Card>
          <Card size="small" title={t('tr.byClass')}>
            <Table
              rowKey="classId"
              size="small"
              pagination={false}
              columns={cCols}
              dataSource={r.classes}
              scroll={{ x: 700 }}
              expandable={{
                rowExpandable: (c) => !c.suppressed,
                expandedRowRender: (c) => <Table rowKey="code" size="small" pagination={false} columns={qCols} dataSource={c.questions} />,
              }}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}
