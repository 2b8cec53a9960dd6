/**
 * The evaluation campaigns the user sees (the organiser and the board: theirs; an agency: those
 * with its graduates), and — for an agency — the assessments it still owes.
 */
import { Card, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { CAMPAIGN_STATUS_LABELS, type CampaignSummary, type OwedList } from '@nang-tam/contracts';
import { evaluationResultsApi } from '../../api/evaluation-results';
import { useCurrentUser } from '../../app/session';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';

export function CampaignStatusTag({ status }: { status: CampaignSummary['status'] }) {
  const { locale } = useI18n();
  return <Tag color={status === 'open' ? 'blue' : 'default'}>{CAMPAIGN_STATUS_LABELS[status][locale]}</Tag>;
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
            <strong>{c.class.name}</strong>
          </Link>
          <Typography.Text type="secondary">{c.programme.name}</Typography.Text>
        </Flex>
      ),
    },
    { key: 'ended', title: t('evr.ended'), render: (_, c) => <span className="nt-num">{formatDate(c.class.endDate)}</span> },
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
      <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
        {t('evr.campaigns')}
      </Typography.Title>
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
