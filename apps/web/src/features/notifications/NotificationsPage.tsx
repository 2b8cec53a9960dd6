import { useState } from 'react';
import { Badge, Button, Card, Empty, Flex, List, Segmented, Space, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import type { Notification } from '@nang-tam/contracts';
import { notificationsApi } from '../../api/notifications';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PageError, PageLoading } from '../../shared/PageState';
import { NOTIFICATIONS_KEY, useMarkAllRead, useMarkRead, useNotificationSummary } from './queries';

const PAGE_SIZE = 20;

/** /notifications: the work waiting and every notification of one's own, with mark read / mark all read. */
export default function NotificationsPage() {
  const { t, locale } = useI18n();
  usePageTitle(t('notifications.title'));
  const navigate = useNavigate();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [page, setPage] = useState(1);
  const summary = useNotificationSummary();
  const list = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', filter, page],
    queryFn: ({ signal }) =>
      notificationsApi.list(
        { ...(filter === 'unread' ? { unread: 'true' as const } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  if (list.isPending) return <PageLoading />;
  if (list.isError) return <PageError error={list.error} onRetry={() => void list.refetch()} />;

  const open = (n: Notification) => {
    if (!n.read) markRead.mutate(n.id);
    navigate(n.link);
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('notifications.title')}
      </Typography.Title>
      <Card title={t('notifications.work')} size="small">
        {summary.data && summary.data.work.length > 0 ? (
          <List
            size="small"
            dataSource={summary.data.work}
            renderItem={(w) => (
              <List.Item key={w.link}>
                <Link to={w.link}>{w.label}</Link>
                <Space>
                  {w.overdue ? <Tag color="red">{t('notifications.overdue', { n: w.overdue })}</Tag> : null}
                  <Badge count={w.count} overflowCount={9999} color="#1d4ed8" />
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Typography.Text type="secondary">{t('notifications.noWork')}</Typography.Text>
        )}
      </Card>
      <Card
        size="small"
        title={
          <Segmented
            value={filter}
            onChange={(v) => {
              setFilter(v as 'all' | 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('notifications.all') },
              { value: 'unread', label: t('notifications.unreadOnly', { n: list.data.unread }) },
            ]}
          />
        }
        extra={
          <Button icon={<CheckOutlined />} disabled={list.data.unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
            {t('notifications.markAllRead')}
          </Button>
        }
      >
        {list.data.items.length === 0 ? (
          <Empty description={t('notifications.none')} />
        ) : (
          <List
            dataSource={list.data.items}
            pagination={
              list.data.total > PAGE_SIZE
                ? { current: page, pageSize: PAGE_SIZE, total: list.data.total, onChange: setPage, showSizeChanger: false }
                : false
            }
            renderItem={(n) => (
              <List.Item
                key={n.id}
                actions={[
                  <Button key="open" type="link" onClick={() => open(n)}>
                    {t('notifications.open')}
                  </Button>,
                  n.read ? (
                    <Typography.Text key="read" type="secondary">
                      {t('notifications.read')}
                    </Typography.Text>
                  ) : (
                    <Button key="mark" size="small" onClick={() => markRead.mutate(n.id)}>
                      {t('notifications.markRead')}
                    </Button>
                  ),
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space>
                      {!n.read && <Badge status="processing" aria-label={t('notifications.unread')} />}
                      <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                    </Space>
                  }
                  description={
                    <Flex vertical>
                      <span>{n.body}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(n.createdAt, locale)}
                      </Typography.Text>
                    </Flex>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  );
}
