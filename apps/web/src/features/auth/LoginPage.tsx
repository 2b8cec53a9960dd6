import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input } from 'antd';
import { PlainText, PlainTitle } from '../../shared/PlainText';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import type { LoginRequest } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { signIn, useMe } from '../../app/session';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { usePageTitle } from '../../shared/hooks';
import { LogoMark } from '../../shared/Logo';

/** Only paths of this app are followed after login (never another site). */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

export function LoginPage() {
  const { t, locale } = useI18n();
  usePageTitle(t('login.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [form] = Form.useForm<LoginRequest>();
  const [expired, setExpired] = useState(params.get('expired') === '1');
  const next = safeNext(params.get('next'));

  const login = useMutation({
    mutationFn: (body: LoginRequest) => authApi.login(body),
    onSuccess: (user) => {
      signIn(qc, user);
      navigate(next, { replace: true });
    },
    onError: () => {
      setExpired(false);
      form.setFieldValue('password', '');
    },
  });

  if (me && !login.isPending) return <Navigate to={next} replace />;

  const err = login.error;
  const errText = err
    ? isApiError(err) && err.code === 'INVALID_CREDENTIALS'
      ? t('login.invalid')
      : isApiError(err) && err.code === 'RATE_LIMITED'
        ? t('login.rateLimited')
        : errorMessage(err, locale)
    : null;

  return (
    <div className="nt-login">
      <Flex vertical gap={16} align="center" style={{ width: '100%' }}>
        <Card className="nt-login-card" styles={{ body: { padding: '32px 28px 24px' } }}>
          <Flex vertical align="center" gap={6} style={{ marginBottom: 24, textAlign: 'center' }}>
            <LogoMark size={52} />
            <PlainTitle level={1} size={30} style={{ margin: '8px 0 0' }}>
              {t('app.name')}
            </PlainTitle>
            <PlainText type="secondary">{t('login.subtitle')}</PlainText>
          </Flex>

          {expired && (
            <Alert type="warning" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} role="alert" />
          )}
          {errText && <Alert type="error" showIcon title={errText} style={{ marginBottom: 16 }} role="alert" />}

          <Form<LoginRequest>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={(v) => login.mutate({ username: v.username.trim(), password: v.password })}
            aria-label={t('login.title')}
          >
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" maxLength={64} />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" maxLength={256} />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        <Flex align="center" gap={8}>
          <PlainText type="secondary">{t('header.language')}:</PlainText>
          <LanguageSwitch />
        </Flex>
        <PlainText type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
          {t('login.footer')}
        </PlainText>
      </Flex>
    </div>
  );
}
