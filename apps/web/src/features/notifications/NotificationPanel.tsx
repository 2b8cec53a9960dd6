import { Badge, Button, Divider, Empty, Flex, List, Typography } from 'antd';
import type { Notification, WorkItem } from '@nang-tam/contracts';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../shared/format';
import { useMarkAllRead, useMarkRead, useNotificationSummary } from './queries';

/**
 * The bell's panel: work waiting and the latest notifications. A chunk of its own, loaded when the
 * bell is opened: antd's List (with its pagination and select) is not on every signed-in first
 * visit (docs/decisions/0067).
 */
export default function NotificationPanel({ go }: { go: (link: string) => void }) {
  const { t, locale } = useI18n();
  const summary = useNotificationSummary();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const openNotification = (n: Notification) => {
    if (!n.read) markRead.mutate(n.id);
    go(n.link);
  };

  return (
    <div className="nt-bell-panel" role="region" aria-label={t('notifications.title')}>
      <Typography.Text strong>{t('notifications.work')}</Typography.Text>
      {summary.data && summary.data.work.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {t('notifications.noWork')}
        </Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={summary.data?.work ?? []}
          renderItem={(w: WorkItem) => (
            <List.Item key={w.link} style={{ paddingInline: 0 }}>
              <Button type="link" className="nt-bell-item" onClick={() => go(w.link)}>
                <Flex justify="space-between" gap={12} style={{ width: '100%' }}>
                  <span>{w.label}</span>
                  <Badge count={w.count} overflowCount={9999} color={w.overdue ? '#b91c1c' : '#1d4ed8'} />
                </Flex>
              </Button>
            </List.Item>
          )}
        />
      )}
      <Divider style={{ margin: '8px 0' }} />
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t('notifications.latest')}</Typography.Text>
        {(summary.data?.unread ?? 0) > 0 && (
          <Button size="small" type="link" onClick={() => markAll.mutate()} loading={markAll.isPending}>
            {t('notifications.markAllRead')}
          </Button>
        )}
      </Flex>
      {summary.data && summary.data.latest.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.none')} />
      ) : (
        <List
          size="small"
          dataSource={summary.data?.latest ?? []}
          renderItem={(n: Notification) => (
            <List.Item key={n.id} style={{ paddingInline: 0 }}>
              <Button type="link" className="nt-bell-item" onClick={() => openNotification(n)}>
                <Flex vertical align="start" style={{ width: '100%', whiteSpace: 'normal', textAlign: 'left' }}>
                  <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                  <Typography.Text type="secondary">{n.body}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(n.createdAt, locale)}
                  </Typography.Text>
                </Flex>
              </Button>
            </List.Item>
          )}
        />
      )}
      <Divider style={{ margin: '8px 0' }} />
      <Button block onClick={() => go('/notifications')}>
        {t('notifications.seeAll')}
      </Button>
    </div>
  );
}
