import { useEffect, useState } from 'react';
import { VERIFICATION_INVALID_REASONS, type CertificateVerification } from '@nang-tam/contracts';
import { certificatesApi } from '../../api/learners';
import { useI18n } from '../../i18n';
import { Icon } from '../../public/icons';
import { Alert, Card, Descriptions, Result, Spinner } from '../../public/ui';
import { PlainText, PlainTitle } from '../../shared/PlainText';
import { errorMessage } from '../../shared/errors';
import { formatDate, formatDateTime } from '../../shared/format';
import { usePageTitle } from '../../shared/page-title';
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
export default function VerifyPage({ code }: { code: string }) {
  const { t, locale } = useI18n();
  usePageTitle(t('verify.pageTitle'));
  // plain state, no React Query: this page renders before the signed-in app is loaded (docs/decisions/0060)
  const [q, setQ] = useState<{ code: string; data?: CertificateVerification; error?: unknown } | null>(null);
  useEffect(() => {
    let live = true;
    certificatesApi.verify(code).then(
      (data) => live && setQ({ code, data }),
      (error: unknown) => live && setQ({ code, error: error ?? new Error('verify failed') }),
    );
    return () => {
      live = false;
    };
  }, [code]);
  const v = q?.data;

  let body;
  if (!q || q.code !== code) {
    body = (
      <div className="nt-p-stack" style={{ alignItems: 'center', gap: 12, padding: 32 }} role="status">
        <Spinner />
        <PlainText>{t('verify.checking')}</PlainText>
      </div>
    );
  } else if (q.error) {
    body = (
      <Result
        icon={<Icon name="WarningFilled" style={{ color: '#faad14' }} />}
        title={t('verify.failedTitle')}
        subTitle={errorMessage(q.error, locale)}
      />
    );
  } else {
    const colors = COLORS[v!.status];
    const icon =
      v!.status === 'valid' ? (
        <Icon name="CheckCircleFilled" style={{ color: colors.border, fontSize: 44 }} />
      ) : v!.status === 'revoked' ? (
        <Icon name="StopFilled" style={{ color: colors.border, fontSize: 44 }} />
      ) : (
        <Icon name="CloseCircleFilled" style={{ color: colors.border, fontSize: 44 }} />
      );
    const reason = v!.reason ? (locale === 'en' ? VERIFICATION_INVALID_REASONS[v!.reason.code].en : v!.reason.message) : null;
    body = (
      <div className="nt-p-stack" style={{ gap: 16 }} data-testid="verify-result" data-status={v!.status}>
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
          <div className="nt-p-stack" style={{ gap: 2 }}>
            <PlainTitle level={4} style={{ margin: 0, color: colors.fg }}>
              {locale === 'en' ? t(`verify.status.${v!.status}`) : v!.headline}
            </PlainTitle>
            {v!.status === 'valid' && <PlainText>{t('verify.validText')}</PlainText>}
            {v!.status === 'revoked' && v!.revocation && (
              <PlainText>{t('verify.revokedText', { date: formatDate(v!.revocation.revokedOn) })}</PlainText>
            )}
            {v!.status === 'invalid' && <PlainText>{t('verify.invalidText')}</PlainText>}
          </div>
        </div>
        {v!.status === 'revoked' && v!.revocation && (
          <Alert type="error" title={t('verify.revokedReason')} description={v!.revocation.reason} />
        )}
        {v!.status === 'invalid' && reason && <Alert type="error" title={t('verify.invalidReason')} description={reason} />}
        {v!.certificate && <Details v={v!} />}
        <PlainText type="secondary" style={{ fontSize: 12 }}>
          {t('verify.checkedAt', { at: formatDateTime(v!.checkedAt, locale) })} {t('verify.privacy')}
        </PlainText>
      </div>
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
