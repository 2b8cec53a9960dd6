/** "Chỉ tiêu": every indicator with its value as of a date (over the reader's subtree), target, status, deadline. */
import { useState } from 'react';
import { Button, Card, DatePicker, Empty, Flex, Space, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, TagsOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { IndicatorSummary } from '@nang-tam/contracts';
import { indicatorsApi } from '../../api/indicators';
import { allows } from '../../app/actions';
import { useI18n } from '../../i18n';
import { toDayjs, toIso, VI_DATE_FORMATS } from '../../shared/dates';
import { formatDate } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';
import { AdminReformPostsModal } from './AdminReformPostsModal';
import { IndicatorForm } from './IndicatorForm';
import { StatusTag, useIndicatorFormat } from './common';

export default function IndicatorsPage() {
  const { t, formatNumber } = useI18n();
  usePageTitle(t('ind.title'));
  const fmt = useIndicatorFormat();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const asOf = sp.get('asOf');
  const [creating, setCreating] = useState(false);
  const [posts, setPosts] = useState(false);
  const list = useQuery({ queryKey: ['indicators', 'list', asOf], queryFn: ({ signal }) => indicatorsApi.list({ asOf }, signal) });

  const columns: TableColumnsType<IndicatorSummary> = [
    {
      key: 'name',
      title: t('ind.name'),
      render: (_, i) => (
        <Flex vertical>
          <Link to={`/indicators/${i.id}${asOf ? `?asOf=${asOf}` : ''}`}>
            <strong>{i.name}</strong>
          </Link>
          <Typography.Text type="secondary">
            {i.source.number} · {i.source.issuer}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'value',
      title: t('ind.value'),
      align: 'right',
      render: (_, i) => (
        <Flex vertical align="end">
          <span className="nt-num">
            <strong>{fmt.value(i.target.kind, i.value)}</strong>
          </span>
          <Typography.Text type="secondary" className="nt-num">
            {formatNumber(i.counted)}/{formatNumber(i.population)}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'target', title: t('ind.target'), render: (_, i) => fmt.target(i) },
    { key: 'status', title: t('ind.status'), render: (_, i) => <StatusTag status={i.status} /> },
    { key: 'projection', title: t('ind.projection'), align: 'right', render: (_, i) => <span className="nt-num">{i.projection ? fmt.value(i.target.kind, i.projection.value) : '—'}</span> },
    { key: 'deadline', title: t('ind.deadline'), render: (_, i) => <span className="nt-num">{formatDate(i.deadline)}</span> },
    { key: 'owner', title: t('ind.ownerUnit'), render: (_, i) => i.ownerUnit.name },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
          {t('ind.title')}
        </Typography.Title>
        <Space wrap>
          <DatePicker
            aria-label={t('ind.asOf')}
            placeholder={t('ind.asOfToday')}
            format={VI_DATE_FORMATS}
            value={toDayjs(asOf)}
            onChange={(d) => setSp(toIso(d) ? { asOf: toIso(d)! } : {})}
          />
          {allows(list.data, 'markPosts') && (
            <Button icon={<TagsOutlined />} onClick={() => setPosts(true)}>
              {t('ind.posts')}
            </Button>
          )}
          {allows(list.data, 'create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('ind.create')}
            </Button>
          )}
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('ind.intro', { date: formatDate(list.data?.asOf ?? '') })}
      </Typography.Paragraph>
      <Card>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<IndicatorSummary>
            rowKey="id"
            size="small"
            loading={list.isPending}
            columns={columns}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 960 }}
            pagination={false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ind.empty')} /> }}
          />
        )}
      </Card>
      {creating && <IndicatorForm open indicator={null} onClose={() => setCreating(false)} onSaved={(d) => navigate(`/indicators/${d.id}`)} />}
      {posts && <AdminReformPostsModal open onClose={() => setPosts(false)} />}
    </Space>
  );
}
