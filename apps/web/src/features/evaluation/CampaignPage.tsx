/**
 * One evaluation campaign: the cohort's figures as they stood when it opened, each graduate's
 * pre-filled facts and the agency's short assessment (given from here while it is open), closing,
 * and the final report in Excel or PDF (a background job).
 */
import { useState } from 'react';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Popconfirm,
  Radio,
  Result,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  APPLIES_KNOWLEDGE,
  APPLIES_KNOWLEDGE_LABELS,
  WORK_CHANGES,
  WORK_CHANGE_LABELS,
  type Assessment,
  type AssessmentInput,
  type CampaignDetail,
} from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { evaluationResultsApi } from '../../api/evaluation-results';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { FormModal } from '../../shared/FormModal';
import { usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { ExportButton } from '../jobs/ExportButton';
import { CampaignStatusTag, campaignTitle } from './CampaignsPage';
import { ComparisonNotes, ComparisonTable } from './ResultsPage';

export default function CampaignPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const [search] = useSearchParams();
  const focus = Number(search.get('person') ?? 0);
  const valid = Number.isInteger(id) && id > 0;
  const q = useQuery({
    queryKey: ['evaluation', 'campaign', id],
    queryFn: ({ signal }) => evaluationResultsApi.campaign(id, signal),
    enabled: valid,
  });
  const [assessing, setAssessing] = useState<Assessment | null>(null);
  const [closing, setClosing] = useState(false);
  usePageTitle(q.data ? `${campaignTitle(q.data, t)} · ${t('evr.campaigns')}` : t('evr.campaigns'));

  if (!valid || (q.isError && isApiError(q.error) && q.error.status === 404)) {
    return <Result status="404" title={t('evr.notFound')} extra={<Link to="/evaluation/results/campaigns">{t('evr.campaigns')}</Link>} />;
  }
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  const yes = (b: boolean) => (b ? <Tag color="green">{t('common.yes')}</Tag> : null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['evaluation'] });
  };

  const columns: TableColumnsType<Assessment> = [
    {
      key: 'person',
      title: t('evr.person'),
      render: (_, a) => (
        <Flex vertical>
          <strong>{a.person.fullName}</strong>
          <Typography.Text type="secondary">{a.unit.name}</Typography.Text>
          {c.scope === 'programme' && <Typography.Text type="secondary">{a.class.name}</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: 'before',
      title: t('evr.beforeCol'),
      align: 'right',
      render: (_, a) => <span className="nt-num">{`${a.facts.beforeGood}/${a.facts.beforeRated}`}</span>,
    },
    {
      key: 'after',
      title: t('evr.afterCol'),
      align: 'right',
      render: (_, a) =>
        a.facts.left ? <Tag>{t('evr.left')}</Tag> : <span className="nt-num">{`${a.facts.afterGood}/${a.facts.afterRated}`}</span>,
    },
    { key: 'planned', title: t('evr.metric.planned'), render: (_, a) => yes(a.facts.planned) },
    { key: 'rotated', title: t('evr.metric.rotated'), render: (_, a) => yes(a.facts.rotated) },
    { key: 'promoted', title: t('evr.metric.promoted'), render: (_, a) => yes(a.facts.promoted) },
    {
      key: 'assessment',
      title: t('evr.assessment'),
      render: (_, a) =>
        a.workChange ? (
          <Flex vertical>
            <span>{a.appliesKnowledge ? APPLIES_KNOWLEDGE_LABELS[a.appliesKnowledge][locale] : ''}</span>
            <span>{WORK_CHANGE_LABELS[a.workChange][locale]}</span>
            {a.comment && <Typography.Text type="secondary">{a.comment}</Typography.Text>}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('evr.notAssessed')}</Typography.Text>
        ),
    },
    {
      key: 'actions',
      title: '',
      render: (_, a) =>
        a.actions.includes('assess') ? (
          <Button
            size="small"
            type={a.person.id === focus ? 'primary' : 'default'}
            onClick={() => setAssessing(a)}
            aria-label={t('evr.assessOf', { name: a.person.fullName })}
          >
            {a.workChange ? t('evr.reassess') : t('evr.assess')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/evaluation/results/campaigns">{t('evr.campaigns')}</Link> }, { title: campaignTitle(c, t) }]} />
      <Flex justify="space-between" align="start" wrap gap={12}>
        <Flex vertical gap={4}>
          <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
            {t('evr.campaignOf', { name: campaignTitle(c, t) })}
          </Typography.Title>
          <Typography.Text type="secondary">
            {c.programme.name} · {c.class ? `${formatDate(c.class.startDate)} – ${formatDate(c.class.endDate)}` : t('ev.classesInCampaign', { n: c.classCount })} · {t('evr.dueOn')}:{' '}
            {formatDate(c.dueOn)}
          </Typography.Text>
          <Flex gap={8} align="center">
            <CampaignStatusTag status={c.status} />
            <Typography.Text>{t('evr.assessedCount', { n: c.assessed, total: c.graduates })}</Typography.Text>
          </Flex>
          {c.note && <Typography.Text>{c.note}</Typography.Text>}
          {c.scope === 'programme' && (
            <Typography.Text type="secondary" data-testid="campaign-classes">
              {c.classes.map((k) => `${k.name} (${formatDate(k.startDate)} – ${formatDate(k.endDate)})`).join('; ')}
            </Typography.Text>
          )}
        </Flex>
        <Flex gap={8} wrap>
          {c.actions.includes('close') && (
            <Popconfirm
              title={t('evr.confirmClose')}
              okText={t('evr.close')}
              cancelText={t('action.cancel')}
              onConfirm={async () => {
                setClosing(true);
                try {
                  qc.setQueryData(['evaluation', 'campaign', id], await evaluationResultsApi.close(c.id, c.version));
                  refresh();
                  message.success(t('evr.closed'));
                } catch (e) {
                  message.error(errorMessage(e, locale));
                } finally {
                  setClosing(false);
                }
              }}
            >
              <Button loading={closing}>{t('evr.close')}</Button>
            </Popconfirm>
          )}
          {c.actions.includes('report') && (
            <>
              <ExportButton
                start={() => evaluationResultsApi.report(c.id, 'xlsx')}
                total={c.assessments.length}
                label={t('evr.reportXlsx')}
              />
              <ExportButton
                start={() => evaluationResultsApi.report(c.id, 'pdf')}
                total={c.assessments.length}
                label={t('evr.reportPdf')}
                icon={<FilePdfOutlined />}
              />
            </>
          )}
        </Flex>
      </Flex>
      <Card title={t('evr.figures')}>
        <Flex vertical gap={12}>
          <ComparisonTable comparison={c.comparison} />
          <ComparisonNotes comparison={c.comparison} />
        </Flex>
      </Card>
      <AnswersCard c={c} />
      <Card title={t('evr.graduatesList')}>
        <Table<Assessment>
          rowKey={(a) => a.person.id}
          size="small"
          columns={columns}
          dataSource={c.assessments}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          scroll={{ x: 1000 }}
        />
      </Card>
      <FormModal<AssessmentInput>
        open={assessing !== null}
        name="evaluation-assess"
        title={t('evr.assessOf', { name: assessing?.person.fullName ?? '' })}
        okText={t('action.save')}
        fields={['appliesKnowledge', 'workChange', 'comment']}
        initialValues={
          assessing?.workChange
            ? {
                appliesKnowledge: assessing.appliesKnowledge ?? undefined,
                workChange: assessing.workChange,
                comment: assessing.comment ?? undefined,
              }
            : {}
        }
        onClose={() => setAssessing(null)}
        onSubmit={async (v) => {
          await evaluationResultsApi.assess(c.id, assessing!.person.id, {
            appliesKnowledge: v.appliesKnowledge,
            workChange: v.workChange,
            ...(v.comment ? { comment: v.comment } : {}),
          });
          refresh();
          message.success(t('evr.assessed.saved'));
        }}
      >
        {() => (
          <>
            <Form.Item name="appliesKnowledge" label={t('evr.appliesKnowledge')} rules={[{ required: true, message: t('out.required') }]}>
              <Radio.Group options={APPLIES_KNOWLEDGE.map((k) => ({ value: k, label: APPLIES_KNOWLEDGE_LABELS[k][locale] }))} />
            </Form.Item>
            <Form.Item name="workChange" label={t('evr.workChange')} rules={[{ required: true, message: t('out.required') }]}>
              <Radio.Group options={WORK_CHANGES.map((k) => ({ value: k, label: WORK_CHANGE_LABELS[k][locale] }))} />
            </Form.Item>
            <Form.Item name="comment" label={t('evr.comment')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </FormModal>
    </Flex>
  );
}

function AnswersCard({ c }: { c: CampaignDetail }) {
  const { t, locale } = useI18n();
  if (c.assessed === 0) return null;
  return (
    <Card size="small" title={t('evr.answers')}>
      <Flex gap={24} wrap>
        <Flex vertical>
          {APPLIES_KNOWLEDGE.map((k) => (
            <span key={k}>{`${APPLIES_KNOWLEDGE_LABELS[k][locale]}: ${c.answers.appliesKnowledge[k] ?? 0}`}</span>
          ))}
        </Flex>
        <Flex vertical>
          {WORK_CHANGES.map((k) => (
            <span key={k}>{`${WORK_CHANGE_LABELS[k][locale]}: ${c.answers.workChange[k] ?? 0}`}</span>
          ))}
        </Flex>
      </Flex>
    </Card>
  );
}
