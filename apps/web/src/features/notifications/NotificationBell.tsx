import { lazy, Suspense, useState } from 'react';
import { Badge, Button, Popover, Spin } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { useNotificationSummary } from './queries';

// the panel (antd's List, Divider, Empty) is loaded when the bell is opened (docs/decisions/0067)
const NotificationPanel = lazy(() => import('./NotificationPanel'));

/** The bell in the header: work waiting and unread notifications, each item opening its page. */
export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const summary = useNotificationSummary();
  const total = summary.data?.total ?? 0;

  const go = (link: string) => {
    setOpen(false);
    navigate(link);
  };
  const content = (
    <Suspense fallback={<Spin size="small" />}>
      <NotificationPanel go={go} />
    </Suspense>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" arrow={false}>
      <Button
        type="text"
        className="nt-bell"
        aria-label={t('notifications.bell', { n: total })}
        icon={
          <Badge count={total} size="small" overflowCount={99}>
            <BellOutlined aria-hidden style={{ color: '#fff', fontSize: 20 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
