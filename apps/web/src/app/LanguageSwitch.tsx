import { Segmented } from 'antd';
import { useI18n, type Locale } from '../i18n';

/** VI / EN, in the header and on the pages without it (login, check-in); its own module, so those pages do not load the signed-in layout. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('header.language')}
      value={locale}
      onChange={(v) => setLocale(v)}
      options={[
        { value: 'vi', label: <span title="Tiếng Việt">VI</span> },
        { value: 'en', label: <span title="English">EN</span> },
      ]}
      style={dark ? { background: 'rgba(255,255,255,0.16)' } : undefined}
    />
  );
}
