import { Button, Divider, Drawer, Flex, Menu, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useLocation } from 'react-router-dom';
import { ROLE_LABELS } from '@nang-tam/domain';
import { useI18n } from '../i18n';
import { LogoMark } from '../shared/Logo';
import { LanguageSwitch } from './LanguageSwitch';
import { selectedKey, useNavItems } from './nav-items';
import { useCurrentUser } from './session';

/**
 * The phone's menu: a drawer with the account, the menu, the language and "Đăng xuất". A chunk of its
 * own (antd's Drawer, Menu, Typography and the menu's icons), loaded when the menu button is first
 * tapped, not on the phone's first visit (docs/decisions/0067); the service worker precaches it.
 */
export default function MobileNav({ open, onClose, onLogout }: { open: boolean; onClose: () => void; onLogout: () => void }) {
  const me = useCurrentUser();
  const { t, locale } = useI18n();
  const location = useLocation();
  const items = useNavItems();
  const roleLabel = ROLE_LABELS[me.role][locale];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="left"
      size={300}
      title={
        <Flex align="center" gap={8}>
          <LogoMark size={26} /> {t('app.name')}
        </Flex>
      }
    >
      <Flex vertical gap={4} style={{ marginBottom: 12 }}>
        <Typography.Text strong>{me.displayName}</Typography.Text>
        <Typography.Text type="secondary">{roleLabel}</Typography.Text>
        <Typography.Text type="secondary">{me.unit.name}</Typography.Text>
      </Flex>
      <Menu
        mode="inline"
        selectedKeys={selectedKey(location.pathname, items)}
        items={items}
        onClick={onClose}
        style={{ borderInlineEnd: 'none' }}
        aria-label={t('nav.main')}
      />
      <Divider />
      <Flex vertical gap={16}>
        <Flex align="center" gap={8}>
          <Typography.Text>{t('header.language')}:</Typography.Text>
          <LanguageSwitch />
        </Flex>
        <Button icon={<LogoutOutlined aria-hidden />} onClick={onLogout} block>
          {t('header.logout')}
        </Button>
      </Flex>
    </Drawer>
  );
}
