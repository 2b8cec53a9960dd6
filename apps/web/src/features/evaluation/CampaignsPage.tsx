/**
 * The evaluation campaigns the user sees (the organiser and the board: theirs; an agency: those
 * with its graduates), and — for an agency — the assessments it still owes.
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import { CAMPAIGN_STATUS_LABELS, type CampaignSummary, type OwedList } from '@nang-tam/contracts';
import { evaluationResultsApi } from '../../api/evaluation-results';
import { useCurrentUser } from '../../app/session';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';
import { FormModal } from '../../shared/FormModal';

export function CampaignStatusTag({ status }: { status: CampaignSummary['status'] }) {
  const { locale } = useI18n();
  return <Tag color={status === 'open' ? 'blue' : 'default'}>{CAMPAIGN_STATUS_LABELS[status][locale]}</Tag>;
}

/** What a campaign covers: its class, or a programme's classes that ended in a period (decision 0066). */
export function campaignTitle(c: Pick<CampaignSummary, 'class' | 'period' | 'programme'>, t: ReturnType<typeof useI18n>['t']): string {
  if (c.class) return c.class.name;
  return t('ev.programmeCampaign', { p: c.programme.name, from: formatDate(c.period!.from), to: formatDate(c.period!.to) });
}

type ProgrammeForm = { programmeCode: string; period: [dayjs.Dayjs, dayjs.Dayjs]; dueOn: dayjs.Dayjs; note?: string };

/** Opens a campaign for a programme and a period (branch lecturer-views, decision 0066). */
function OpenProgrammeCampaign() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const options = useQuery({ queryKey: ['evaluation', 'cohorts'], queryFn: ({ signal }) => evaluationResultsApi.cohorts(signal), enabled: open });
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t('evr.openCampaign')}: {t('ev.scopeProgramme').toLowerCase()}
      </Button>
      <FormModal<ProgrammeForm>
        open={open}
        name="programme-campaign"
        title={`${t('evr.openCampaign')}: ${t('ev.scopeProgramme').toLowerCase()}`}
        okText={t('evr.openCampaign')}
        // from / to refusals (reversed, overlapping, no due class) are shown above the fields with their message
        fields={['programmeCode', 'dueOn', 'note']}
        initialValues={{ dueOn: dayjs().add(30, 'day') }}
        intro={<Typography.Paragraph type="secondary">{t('evr.openIntro')}</Typography.Paragraph>}
        onClose={() => setOpen(false)}
        onSubmit={async (v) => {
          const c = await evaluationResultsApi.open({
            programmeCode: v.programmeCode,
            from: v.period[0].format('YYYY-MM-DD'),
            to: v.period[1].format('YYYY-MM-DD'),
            dueOn: v.dueOn.format('YYYY-MM-DD'),
            ...(v.note ? { note: v.note } : {}),
          });
          message.success(t('evr.opened'));
          navigate(`/evaluation/results/campaigns/${c.id}`);
        }}
      >
        {() => (
          <>
            <Form.Item name="programmeCode" label={t('evr.pickProgramme')} rules={[{ required: true, message: t('out.required') }]}>
              <Select<string>
                showSearch
                optionFilterProp="label"
                loading={options.isPending}
                options={(options.data?.programmes ?? []).map((p) => ({ value: p.code, label: p.name }))}
              />
            </Form.Item>
            <Form.Item name="period" label={t('evr.period')} rules={[{ required: true, message: t('out.required') }]}>
              <DatePicker.RangePicker format="DD/MM/YYYY" style={{ width: '100%' }} placeholder={[t('evr.endedFrom'), t('evr.endedTo')]} />
            </Form.Item>
            <Form.Item name="dueOn" label={t('evr.dueOn')} rules={[{ required: true, message: t('out.required') }]}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="note" label={t('evr.note')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </FormModal>
    </>
  );
}

export default function CampaignsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  usePageTitle(t('evr.campaigns'));
  const agency = me.permissions.includes('conduct.write');
  const list = useQuery({ queryKey: ['evaluation', 'campaigns'], queryFn: ({ signal }) => evaluationResultsApi.campaigns(signal) });
  const owed = useQuery({ queryKey: ['evaluation', 'owed'], queryFn: ({ signal }) => evaluationResultsApi.owed(signal), enabled: agency });

  const columns: TableColumnsType<CampaignSummary> = [
    {
      key: 'class',
      title: t('evr.class'),
      render: (_, c) => (
        <Flex vertical>
          <Link to={`/evaluation/results/campaigns/${c.id}`}>
            <strong>{campaignTitle(c, t)}</strong>
          </Link>
          <Typography.Text type="secondary">
            {c.programme.name}
            {c.scope === 'programme' ? ` · ${t('ev.classesInCampaign', { n: c.classCount })}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'ended', title: t('evr.ended'), render: (_, c) => <span className="nt-num">{c.class ? formatDate(c.class.endDate) : `${formatDate(c.period!.from)} – ${formatDate(c.period!.to)}`}</span> },
    { key: 'due', title: t('evr.dueOn'), render: (_, c) => <span className="nt-num">{formatDate(c.dueOn)}</span> },
    {
      key: 'assessed',
      title: t('evr.assessed'),
      align: 'right',
      render: (_, c) => <span className="nt-num">{`${c.assessed}/${c.graduates}`}</span>,
    },
    { key: 'status', title: t('evr.status'), render: (_, c) => <CampaignStatusTag status={c.status} /> },
  ];
  const owedColumns: TableColumnsType<OwedList['items'][number]> = [
    {
      key: 'person',
      title: t('evr.person'),
      render: (_, a) => (
        <Flex vertical>
          <Link to={`/evaluation/results/campaigns/${a.campaignId}?person=${a.person.id}`}>
            <strong>{a.person.fullName}</strong>
          </Link>
          <Typography.Text type="secondary">{a.unit.name}</Typography.Text>
        </Flex>
      ),
    },
    { key: 'class', title: t('evr.class'), render: (_, a) => a.className },
    { key: 'due', title: t('evr.dueOn'), render: (_, a) => <span className="nt-num">{formatDate(a.dueOn)}</span> },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
          {t('evr.campaigns')}
        </Typography.Title>
        {list.data?.actions.includes('open') && <OpenProgrammeCampaign />}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('evr.campaignsIntro')} <Link to="/evaluation/results">{t('evr.title')}</Link>
      </Typography.Paragraph>
      {agency && (
        <Card title={t('evr.owed')}>
          {owed.isError ? (
            <PageError error={owed.error} onRetry={() => void owed.refetch()} />
          ) : (
            <Table
              rowKey={(a) => `${a.campaignId}-${a.person.id}`}
              size="small"
              loading={owed.isPending}
              columns={owedColumns}
              dataSource={owed.data?.items ?? []}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evr.owedEmpty')} /> }}
            />
          )}
        </Card>
      )}
      <Card title={t('evr.allCampaigns')}>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<CampaignSummary>
            rowKey="id"
            size="small"
            loading={list.isPending}
            columns={columns}
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            scroll={{ x: 800 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evr.noCampaigns')} /> }}
          />
        )}
      </Card>
    </Flex>
  );
}
