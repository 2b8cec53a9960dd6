import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { LinkOutlined, QrcodeOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { attendanceApi } from '../../api/learners';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';

/** "4:05" until a timestamp; "0:00" once passed. */
function useCountdown(until: string | undefined): string {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);
  if (!until) return '';
  const left = Math.max(0, Math.round((Date.parse(until) - now) / 1000));
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}

/**
 * The session's QR check-in code (today only): a signed link that changes every few minutes. The
 * learner opens it on their phone (/checkin/<token>) and is marked present, even when the phone is
 * offline at that moment (the check-in syncs later).
 * The QR image is drawn in the browser (`qrcode`, as the server uses for certificates); the link is
 * shown too, with a copy button, for a projector that cannot show the image.
 */
export function CheckinCodePanel({ sessionId }: { sessionId: number }) {
  const { t, locale } = useI18n();
  const q = useQuery({
    queryKey: ['sessions', sessionId, 'checkin-code'],
    queryFn: () => attendanceApi.checkinCode(sessionId),
    // a fresh code a few seconds after the shown one expires
    refetchInterval: (query) => {
      const exp = query.state.data?.expiresAt;
      return exp ? Math.max(5_000, Date.parse(exp) - Date.now() + 2_000) : false;
    },
    refetchOnWindowFocus: true,
    retry: false,
  });
  const left = useCountdown(q.data?.expiresAt);
  const url = q.data ? `${window.location.origin}${q.data.path}` : '';
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (!url) return setQr(null);
    QRCode.toDataURL(url, { margin: 1, width: 320, errorCorrectionLevel: 'M' })
      .then((data) => live && setQr(data))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [url]);

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" style={{ whiteSpace: 'normal' }}>
          <QrcodeOutlined aria-hidden /> {t('checkinCode.title')}
        </Flex>
      }
      data-testid="checkin-code"
    >
      {q.isError ? (
        <Alert type="warning" showIcon title={errorMessage(q.error, locale)} />
      ) : q.data ? (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('checkinCode.intro')}</Typography.Text>
          {qr && <img src={qr} alt={t('checkinCode.qrAlt')} width={240} height={240} style={{ alignSelf: 'center', imageRendering: 'pixelated' }} />}
          <Typography.Paragraph
            copyable={{ text: url, tooltips: [t('checkinCode.copy'), t('checkinCode.copied')] }}
            code
            style={{ marginBottom: 0, wordBreak: 'break-all' }}
            aria-label={t('checkinCode.link')}
          >
            {url}
          </Typography.Paragraph>
          <Flex gap={12} wrap align="center">
            <Typography.Text>{t('checkinCode.expires', { left })}</Typography.Text>
            <a href={url} target="_blank" rel="noopener noreferrer">
              <LinkOutlined aria-hidden /> {t('checkinCode.open')}
            </a>
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching}>
              {t('checkinCode.refresh')}
            </Button>
          </Flex>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
      )}
    </Card>
  );
}
