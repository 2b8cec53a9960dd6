/** Certificate pieces shared by the class tab, the learner's page and the agency's page. */
import { Button, Tag, Tooltip } from 'antd';
import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Certificate } from '@nang-tam/contracts';
import { certificatesApi } from '../../api/learners';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../shared/format';

/** "Hợp lệ" or "Đã thu hồi" (with the reason in a tooltip). */
export function CertificateStatusTag({ certificate }: { certificate: Pick<Certificate, 'revocation'> }) {
  const { t, locale } = useI18n();
  const r = certificate.revocation;
  if (!r) {
    return (
      <Tag color="green" style={{ marginInlineEnd: 0 }}>
        {t('cert.valid')}
      </Tag>
    );
  }
  return (
    <Tooltip title={t('cert.revokedTip', { date: formatDateTime(r.revokedAt, locale), reason: r.reason })}>
      <Tag color="red" style={{ marginInlineEnd: 0 }} tabIndex={0}>
        {t('cert.revoked')}
      </Tag>
    </Tooltip>
  );
}

/** The PDF, downloaded with the session cookie (the server names the file). */
export function PdfButton({ certificate, compact = false }: { certificate: Pick<Certificate, 'id' | 'number'>; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <Button
      size="small"
      icon={<FilePdfOutlined />}
      href={certificatesApi.pdfUrl(certificate.id)}
      download
      aria-label={t('cert.pdfOf', { number: certificate.number })}
    >
      {compact ? null : t('cert.pdf')}
    </Button>
  );
}

/** The public verification page of a certificate, in a new tab. */
export function VerifyLink({
  certificate,
  compact = false,
}: {
  certificate: Pick<Certificate, 'verificationPath' | 'number'>;
  compact?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Button
      size="small"
      type="link"
      icon={<SafetyCertificateOutlined />}
      href={certificate.verificationPath}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={t('cert.verifyOf', { number: certificate.number })}
    >
      {compact ? null : t('cert.verify')}
    </Button>
  );
}
