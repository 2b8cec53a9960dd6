import { Avatar, Button, Dropdown, Flex, Menu, Typography, type MenuProps } from 'antd';
import { EllipsisOutlined, LogoutOutlined } from '@ant-design/icons';
import { useLocation } from 'react-router-dom';
import { ROLE_LABELS } from '@nang-tam/domain';
import { useI18n } from '../i18n';
import { initials } from '../shared/format';
import { selectedKey, useNavItems } from './nav-items';
import { useCurrentUser } from './session';

// The header's parts shown on a desktop screen only: the horizontal menu and the account menu. A
// chunk of their own (antd's Menu, Dropdown, Typography and the menu's icons), requested with the
// layout on a desktop screen (public/preload.ts) and never on a phone's first visit (docs/decisions/0067).

export function DesktopMenu() {
  const { t } = useI18n();
  const location = useLocation();
  const items = useNavItems();
  return (
    <Menu
      theme="dark"
      mode="horizontal"
      selectedKeys={selectedKey(location.pathname, items)}
      items={items}
      aria-label={t('nav.main')}
      overflowedIndicator={<EllipsisOutlined aria-label={t('nav.more')} />}
    />
  );
}

export function AccountButton({ onLogout }: { onLogout: () => void }) {
  const me = useCurrentUser();
  const { t, locale } = useI18n();
  const roleLabel = ROLE_LABELS[me.role][locale];
  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <Flex vertical>
            <Typography.Text strong>{me.displayName}</Typography.Text>
            <Typography.Text type="secondary">{roleLabel}</Typography.Text>
          </Flex>
        ),
      },
      { key: 'unit', disabled: true, label: <span>{me.unit.name}</span> },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: t('header.logout'), onClick: onLogout },
    ],
  };
  return (
    <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
      <Button type="text" className="nt-user-button" title={t('header.account', { name: me.displayName })}>
        <Flex align="center" gap={8}>
          <Avatar size={32} style={{ background: '#fcd34d', color: '#7c2d12', fontWeight: 600 }}>
            {initials(me.displayName)}
          </Avatar>
          <span className="nt-user-text">
            <span className="nt-user-name">{me.displayName}</span>
            <span className="nt-user-role">{roleLabel}</span>
          </span>
        </Flex>
      </Button>
    </Dropdown>
  );
}
