/**
 * Plain elements with antd's look (the app's theme) for the public pages, so /login, /verify and
 * /checkin need neither antd nor its CSS-in-JS runtime (docs/decisions/0060). Styles: styles.css, `.nt-p-*`.
 */
import type { ButtonHTMLAttributes, CSSProperties, ReactNode } from 'react';
import { useI18n, type Locale } from '../i18n';
import { Icon } from './icons';

export function Card({ children, className, style }: { children: ReactNode; className?: string; style?: CSSProperties }) {
  return (
    <div className={`nt-p-card${className ? ` ${className}` : ''}`} style={style}>
      {children}
    </div>
  );
}

export function Button({
  primary,
  large,
  block,
  loading,
  children,
  className,
  ...rest
}: {
  primary?: boolean;
  large?: boolean;
  block?: boolean;
  loading?: boolean;
  children: ReactNode;
} & ButtonHTMLAttributes<HTMLButtonElement>) {
  const cls = [
    'nt-p-btn',
    primary && 'nt-p-btn-primary',
    large && 'nt-p-btn-lg',
    block && 'nt-p-btn-block',
    loading && 'is-loading',
    className,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <button type="button" {...rest} className={cls} aria-busy={loading || undefined}>
      {loading && <span className="nt-p-spin nt-p-spin-sm" aria-hidden="true" />}
      <span>{children}</span>
    </button>
  );
}

const ALERT_ICON = { warning: 'ExclamationCircleFilled', error: 'CloseCircleFilled' } as const;

/** antd's Alert with an icon, a title and an optional description. */
export function Alert({
  type,
  title,
  description,
  style,
  role,
}: {
  type: 'warning' | 'error';
  title: ReactNode;
  description?: ReactNode;
  style?: CSSProperties;
  role?: string;
}) {
  return (
    <div className={`nt-p-alert nt-p-alert-${type}${description ? ' has-description' : ''}`} style={style} role={role}>
      <Icon name={ALERT_ICON[type]} className="nt-p-alert-icon" />
      <div>
        <div className="nt-p-alert-title">{title}</div>
        {description && <div className="nt-p-alert-description">{description}</div>}
      </div>
    </div>
  );
}

/** A spinning circle, as antd's large Spin. */
export function Spinner() {
  return <span className="nt-p-spin" aria-hidden="true" />;
}

/** antd's Result: a large icon, a title, a subtitle and actions. */
export function Result({
  icon,
  title,
  subTitle,
  extra,
  ...data
}: {
  icon: ReactNode;
  title: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
  'data-testid'?: string;
  'data-state'?: string;
}) {
  return (
    <div className="nt-p-result" {...data}>
      <div className="nt-p-result-icon">{icon}</div>
      <div className="nt-p-result-title">{title}</div>
      {subTitle && <div className="nt-p-result-subtitle">{subTitle}</div>}
      {extra && <div className="nt-p-result-extra">{extra}</div>}
    </div>
  );
}

/** antd's bordered Descriptions in one column: label and value rows. */
export function Descriptions({ items }: { items: { key: string; label: ReactNode; children: ReactNode }[] }) {
  return (
    <table className="nt-p-desc">
      <tbody>
        {items.map((i) => (
          <tr key={i.key}>
            <th scope="row">{i.label}</th>
            <td>{i.children}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** VI / EN, as antd's small Segmented (radio inputs in labels, as antd renders it); the signed-in header keeps app/LanguageSwitch.tsx. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  const options: { value: Locale; label: string; title: string }[] = [
    { value: 'vi', label: 'VI', title: 'Tiếng Việt' },
    { value: 'en', label: 'EN', title: 'English' },
  ];
  return (
    <div role="radiogroup" aria-label={t('header.language')} className={`nt-p-seg${dark ? ' nt-p-seg-dark' : ''}`}>
      {options.map((o) => (
        <label key={o.value} className={`nt-p-seg-item${locale === o.value ? ' is-selected' : ''}`}>
          <input type="radio" name="nt-language" value={o.value} checked={locale === o.value} onChange={() => setLocale(o.value)} />
          <span title={o.title}>{o.label}</span>
        </label>
      ))}
    </div>
  );
}
