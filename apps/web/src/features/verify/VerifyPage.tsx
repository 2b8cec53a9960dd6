import { Alert, Card, Descriptions, Flex, Result, Spin } from 'antd';
import { PlainText, PlainTitle } from '../../shared/PlainText';
import { CheckCircleFilled, CloseCircleFilled, StopFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { VERIFICATION_INVALID_REASONS, type CertificateVerification } from '@nang-tam/contracts';
import { certificatesApi } from '../../api/learners';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { formatDate, formatDateTime } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PhoneFrame } from '../checkin/PhoneFrame';

const COLORS = {
  valid: { bg: '#f0fdf4', border: '#16a34a', fg: '#15803d' },
  revoked: { bg: '#fef2f2', border: '#dc2626', fg: '#b91c1c' },
  invalid: { bg: '#fef2f2', border: '#dc2626', fg: '#b91c1c' },
} as const;

function Details({ v }: { v: CertificateVerification }) {
  const { t } = useI18n();
  const c = v.certificate!;
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      styles={{ label: { width: 180 } }}
      items={[
        { key: 'holder', label: t('verify.holder'), children: <strong>{c.holderName}</strong> },
        { key: 'born', label: t('verify.birthYear'), children: <span className="nt-num">{c.holderBirthYear}</span> },
        { key: 'kind', label: t('verify.document'), children: c.documentTitle },
        { key: 'programme', label: t('verify.programme'), children: c.programme.name },
        { key: 'classification', label: t('verify.classification'), children: c.classification.label },
        { key: 'issued', label: t('verify.issuedOn'), children: <span className="nt-num">{formatDate(c.issuedOn)}</span> },
        { key: 'issuer', label: t('verify.issuer'), children: c.issuer },
        { key: 'number', label: t('verify.number'), children: <strong className="nt-num">{c.number}</strong> },
      ]}
    />
  );
}

/**
 * /verify/<code>: the public page a certificate's QR code opens (no login). It says whether the
 * certificate is valid (its holder, birth year, programme, classification, date and number),
 * revoked (when and why) or not valid (why: a mistyped or cut code, a forged or edited one, an
 * unknown number).
 */
export default function VerifyPage() {
  const { t, locale } = useI18n();
  usePageTitle(t('verify.pageTitle'));
  const code = useParams().code ?? '';
  const q = useQuery({ queryKey: ['verify', code], queryFn: () => certificatesApi.verify(code), retry: false, staleTime: 60_000 });
  const v = q.data;

  let body;
  if (q.isPending) {
    body = (
      <Flex vertical align="center" gap={12} style={{ padding: 32 }} role="status">
        <Spin size="large" />
        <PlainText>{t('verify.checking')}</PlainText>
      </Flex>
    );
  } else if (q.isError) {
    body = <Result status="warning" title={t('verify.failedTitle')} subTitle={errorMessage(q.error, locale)} />;
  } else {
    const colors = COLORS[v!.status];
    const icon =
      v!.status === 'valid' ? (
        <CheckCircleFilled style={{ color: colors.border, fontSize: 44 }} />
      ) : v!.status === 'revoked' ? (
        <StopFilled style={{ color: colors.border, fontSize: 44 }} />
      ) : (
        <CloseCircleFilled style={{ color: colors.border, fontSize: 44 }} />
      );
    const reason = v!.reason ? (locale === 'en' ? VERIFICATION_INVALID_REASONS[v!.reason.code].en : v!.reason.message) : null;
    body = (
      <Flex vertical gap={16} data-testid="verify-result" data-status={v!.status}>
        <div
          role="status"
          style={{
            background: colors.bg,
            border: `2px solid ${colors.border}`,
            borderRadius: 12,
            padding: 16,
            display: 'flex',
            gap: 14,
            alignItems: 'center',
          }}
        >
          {icon}
          <Flex vertical gap={2}>
            <PlainTitle level={4} style={{ margin: 0, color: colors.fg }}>
              {locale === 'en' ? t(`verify.status.${v!.status}`) : v!.headline}
            </PlainTitle>
            {v!.status === 'valid' && <PlainText>{t('verify.validText')}</PlainText>}
            {v!.status === 'revoked' && v!.revocation && (
              <PlainText>{t('verify.revokedText', { date: formatDate(v!.revocation.revokedOn) })}</PlainText>
            )}
            {v!.status === 'invalid' && <PlainText>{t('verify.invalidText')}</PlainText>}
          </Flex>
        </div>
        {v!.status === 'revoked' && v!.revocation && (
          <Alert type="error" showIcon title={t('verify.revokedReason')} description={v!.revocation.reason} />
        )}
        {v!.status === 'invalid' && reason && <Alert type="error" showIcon title={t('verify.invalidReason')} description={reason} />}
        {v!.certificate && <Details v={v!} />}
        <PlainText type="secondary" style={{ fontSize: 12 }}>
          {t('verify.checkedAt', { at: formatDateTime(v!.checkedAt, locale) })} {t('verify.privacy')}
        </PlainText>
      </Flex>
    );
  }

  return (
    <PhoneFrame wide>
      <Card>
        <PlainTitle level={1} size={24} style={{ marginTop: 0 }}>
          {t('verify.pageTitle')}
        </PlainTitle>
        <div aria-live="polite">{body}</div>
      </Card>
    </PhoneFrame>
  );
}
