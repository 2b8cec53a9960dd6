import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { announceSignIn, fetchMe } from '../../app/session-core';
import { useI18n } from '../../i18n';
import { Icon } from '../../public/icons';
import { go } from '../../public/nav';
import { Alert, Button, Card, LanguageSwitch } from '../../public/ui';
import { errorMessage } from '../../shared/errors';
import { usePageTitle } from '../../shared/page-title';
import { LogoMark } from '../../shared/Logo';
import { PlainText, PlainTitle } from '../../shared/PlainText';

/** Only paths of this app are followed after login (never another site). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

type Field = 'username' | 'password';

/**
 * The login page: plain elements, no antd and no React Router (docs/decisions/0060), so a first
 * visit downloads React, this page and the public texts only. After login the signed-in app is loaded
 * (public/shell.tsx) or, when it already runs, its router opens the page asked for.
 */
export function LoginPage() {
  const { t, locale } = useI18n();
  usePageTitle(t('login.title'));
  const params = new URLSearchParams(window.location.search);
  const next = safeNext(params.get('next'));
  const [expired, setExpired] = useState(params.get('expired') === '1');
  const [values, setValues] = useState<Record<Field, string>>({ username: '', password: '' });
  const [submitted, setSubmitted] = useState<Record<Field, boolean>>({ username: false, password: false });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  // someone already signed in on this browser goes on to the page asked for
  useEffect(() => {
    let live = true;
    fetchMe().then(
      (me) => {
        if (live && me) go(next, { replace: true });
      },
      () => undefined, // no network: the form stays; logging in will say so
    );
    return () => {
      live = false;
    };
  }, [next]);

  const problems: Record<Field, string | null> = {
    username: values.username.trim() === '' ? t('login.usernameRequired') : null,
    password: values.password === '' ? t('login.passwordRequired') : null,
  };
  const shown = (f: Field) => (submitted[f] ? problems[f] : null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted({ username: true, password: true });
    if (problems.username) return usernameRef.current?.focus();
    if (problems.password) return passwordRef.current?.focus();
    setPending(true);
    authApi.login({ username: values.username.trim(), password: values.password }).then(
      (user) => {
        announceSignIn(user);
        go(next, { replace: true });
      },
      (err: unknown) => {
        setPending(false);
        setExpired(false);
        setError(err);
        setValues((v) => ({ ...v, password: '' }));
        setSubmitted((s) => ({ ...s, password: false }));
      },
    );
  };

  const errText = error
    ? isApiError(error) && error.code === 'INVALID_CREDENTIALS'
      ? t('login.invalid')
      : isApiError(error) && error.code === 'RATE_LIMITED'
        ? t('login.rateLimited')
        : errorMessage(error, locale)
    : null;

  const field = (
    name: Field,
    label: string,
    icon: 'UserOutlined' | 'LockOutlined',
    attrs: { type: string; autoComplete: string; maxLength: number; autoFocus?: boolean },
  ) => {
    const problem = shown(name);
    return (
      <div className={`nt-p-field${problem ? ' has-error' : ''}`}>
        <label htmlFor={`login-${name}`} className="nt-p-label">
          {label}
        </label>
        <span className="nt-p-input nt-p-input-lg">
          <Icon name={icon} className="nt-p-input-prefix" />
          <input
            id={`login-${name}`}
            ref={name === 'username' ? usernameRef : passwordRef}
            name={name}
            value={values[name]}
            onChange={(e) => {
              const v = e.target.value;
              setValues((old) => ({ ...old, [name]: v }));
              setSubmitted((s) => ({ ...s, [name]: true }));
            }}
            aria-required="true"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `login-${name}-help` : undefined}
            {...attrs}
          />
        </span>
        {problem && (
          <div id={`login-${name}-help`} className="nt-p-field-error" role="alert">
            {problem}
          </div>
        )}
      </div>
    );
  };

  return (
    <div className="nt-login">
      <div className="nt-p-stack" style={{ width: '100%', alignItems: 'center', gap: 16 }}>
        <Card className="nt-login-card" style={{ padding: '32px 28px 24px' }}>
          <div className="nt-p-stack" style={{ alignItems: 'center', gap: 6, marginBottom: 24, textAlign: 'center' }}>
            <LogoMark size={52} />
            <PlainTitle level={1} size={30} style={{ margin: '8px 0 0' }}>
              {t('app.name')}
            </PlainTitle>
            <PlainText type="secondary">{t('login.subtitle')}</PlainText>
          </div>

          {expired && <Alert type="warning" title={t('login.sessionExpired')} style={{ marginBottom: 16 }} role="alert" />}
          {errText && <Alert type="error" title={errText} style={{ marginBottom: 16 }} role="alert" />}

          <form onSubmit={onSubmit} noValidate aria-label={t('login.title')}>
            {field('username', t('login.username'), 'UserOutlined', {
              type: 'text',
              autoComplete: 'username',
              maxLength: 64,
              autoFocus: true,
            })}
            {field('password', t('login.password'), 'LockOutlined', { type: 'password', autoComplete: 'current-password', maxLength: 256 })}
            <Button type="submit" primary large block loading={pending}>
              {t('login.submit')}
            </Button>
          </form>
        </Card>
        <div className="nt-p-row" style={{ gap: 8 }}>
          <PlainText type="secondary">{t('header.language')}:</PlainText>
          <LanguageSwitch />
        </div>
        <PlainText type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
          {t('login.footer')}
        </PlainText>
      </div>
    </div>
  );
}
