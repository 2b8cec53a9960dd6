import { QueryClientProvider } from '@tanstack/react-query';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { RouterProvider } from 'react-router-dom';
import { addDictionary, I18nProvider, onLocaleChange, useI18n } from '../i18n';
import { vi } from '../i18n/vi';
import { queryClient } from './query-client';
import { router } from './router';
import { theme } from './theme';

// The signed-in app: loaded by public/shell.tsx for any page but /login, /verify and /checkin
// (docs/decisions/0060). It brings the full Vietnamese dictionary and dayjs's locales.
addDictionary('vi', vi);
onLocaleChange((l) => dayjs.locale(l));

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
