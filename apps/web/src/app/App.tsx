import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { RouterProvider } from 'react-router-dom';
import { I18nProvider, useI18n } from '../i18n';
import { queryClient } from './query-client';
import { router } from './router';

const theme: ThemeConfig = {
  token: {
    colorPrimary: '#14508f',
    colorLink: '#14508f',
    colorError: '#c62828',
    borderRadius: 8,
    fontSize: 14,
  },
  components: {
    Layout: { headerBg: '#0f3b6e', headerHeight: 60, bodyBg: '#f3f5f8' },
    Menu: {
      darkItemBg: 'transparent',
      darkItemSelectedBg: 'rgba(255,255,255,0.16)',
      darkItemHoverBg: 'rgba(255,255,255,0.08)',
      darkPopupBg: '#0f3b6e',
      itemSelectedBg: '#e3edf8',
    },
    Table: { headerBg: '#f5f7fa' },
    Tree: { nodeSelectedBg: '#dce8f6', nodeHoverBg: '#eef3fa' },
  },
};

function Localised() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'vi' ? viVN : enUS} theme={theme}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localised />
      </I18nProvider>
    </QueryClientProvider>
  );
}
