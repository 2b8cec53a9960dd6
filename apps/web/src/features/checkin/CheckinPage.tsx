import { useEffect, useState } from 'react';
import { Button, Card, Flex, Result, Spin } from 'antd';
import { PlainText, PlainTitle } from '../../shared/PlainText';
import { CheckCircleFilled, CloseCircleFilled, CloudSyncOutlined, InfoCircleFilled, LoginOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { PhoneFrame } from './PhoneFrame';
import { useI18n, type TFunction } from '../../i18n';
import { formatDate, formatDateTime } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { fieldErrorMessage } from '../../shared/errors';
import { markLabel } from '../learning/common';
import { CHECKIN_TOKEN, onSyncOutcome, scan, syncOne, type PendingCheckin, type SyncOutcome } from './pending';

type State = { kind: 'sending'; pending: PendingCheckin | null } | SyncOutcome | { kind: 'malformed' };

function rejectionText(t: TFunction, locale: 'vi' | 'en', o: Extract<SyncOutcome, { kind: 'rejected' }>): { title: string; text: string } {
  const e = o.error;
  if (e.code === 'CHECKIN_INVALID') {
    const d = e.details[0];
    if (d?.path === 'checkedInAt') return { title: t('checkin.outsideTitle'), text: fieldErrorMessage(d, locale) };
    return { title: t('checkin.invalidTitle'), text: t('checkin.invalidText') };
  }
  if (e.status === 404) return { title: t('checkin.notInClassTitle'), text: t('checkin.notInClassText') };
  if (e.status === 403) return { title: t('checkin.notLearnerTitle'), text: e.message || t('checkin.notLearnerText') };
  return { title: t('checkin.failedTitle'), text: e.message || t('error.generic') };
}

/**
 * /checkin/<token>: the page a learner's phone opens from the session's QR code. The scan is stored
 * on the phone first (clientId, time of the scan), then sent; without network it waits and is sent
 * when the phone is back online or the app is opened again, as the same check-in.
 */
export default function CheckinPage() {
  const { t, locale } = useI18n();
  usePageTitle(t('checkin.pageTitle'));
  const token = useParams().token ?? '';
  const valid = CHECKIN_TOKEN.test(token);
  const [state, setState] = useState<State>(valid ? { kind: 'sending', pending: null } : { kind: 'malformed' });
  // the scan waited for the network on this page: once it goes through, the page says "sent"
  const [queued, setQueued] = useState(false);
  useEffect(() => {
    if (state.kind === 'waiting') setQueued(true);
  }, [state.kind]);

  useEffect(() => {
    if (!valid) return;
    const pending = scan(token);
    setState({ kind: 'sending', pending });
    const off = onSyncOutcome((o) => {
      if (o.pending.clientId === pending.clientId) setState(o);
    });
    let live = true;
    void syncOne(pending).then((o) => live && setState(o));
    return () => {
      live = false;
      off();
    };
  }, [token, valid]);

  const retry = () => {
    if (state.kind === 'waiting' || state.kind === 'login') {
      setState({ kind: 'sending', pending: state.pending });
      void syncOne(state.pending);
    }
  };
  const scannedAt = 'pending' in state && state.pending ? formatDateTime(state.pending.checkedInAt, locale) : '';

  let body;
  switch (state.kind) {
    case 'malformed':
      body = (
        <Result
          icon={<CloseCircleFilled style={{ color: '#dc2626' }} />}
          title={t('checkin.invalidTitle')}
          subTitle={t('checkin.invalidText')}
          data-testid="checkin-state"
          data-state="invalid"
        />
      );
      break;
    case 'sending':
      body = (
        <Flex vertical align="center" gap={12} style={{ padding: 32 }} data-testid="checkin-state" data-state="sending" role="status">
          <Spin size="large" />
          <PlainText>{t('checkin.sending')}</PlainText>
        </Flex>
      );
      break;
    case 'done': {
      const r = state.result;
      const s = r.session;
      const when = `${formatDate(s.date)} · ${s.startTime}–${s.endTime}`;
      body = (
        <Result
          icon={
            r.status === 'already_marked' ? (
              <InfoCircleFilled style={{ color: '#1677ff' }} />
            ) : (
              <CheckCircleFilled style={{ color: '#16a34a' }} />
            )
          }
          title={
            r.status === 'checked_in'
              ? t('checkin.doneTitle')
              : r.status === 'already_checked_in'
                ? t('checkin.alreadyTitle')
                : t('checkin.markedTitle', { mark: markLabel(t, r.mark) })
          }
          subTitle={
            <Flex vertical gap={4}>
              <strong>{r.className}</strong>
              <span>
                {when}
                {s.module ? ` · ${s.module.code} — ${s.module.name}` : ''}
              </span>
              <span>{r.message}</span>
              {r.checkedInAt && <span>{t('checkin.scannedAt', { at: formatDateTime(r.checkedInAt, locale) })}</span>}
              {queued && (
                <PlainText type="success" strong data-testid="checkin-sent">
                  {t('checkin.sent')}
                </PlainText>
              )}
            </Flex>
          }
          extra={
            <Link to="/learning">
              <Button>{t('checkin.toLearning')}</Button>
            </Link>
          }
          data-testid="checkin-state"
          data-state="done"
        />
      );
      break;
    }
    case 'waiting':
      body = (
        <Result
          icon={<CloudSyncOutlined style={{ color: '#d97706' }} />}
          title={t('checkin.waitingTitle')}
          subTitle={t('checkin.waitingText', { at: scannedAt })}
          extra={
            <Button type="primary" onClick={retry}>
              {t('checkin.retry')}
            </Button>
          }
          data-testid="checkin-state"
          data-state="waiting"
        />
      );
      break;
    case 'login':
      body = (
        <Result
          icon={<LoginOutlined style={{ color: '#14508f' }} />}
          title={t('checkin.loginTitle')}
          subTitle={t('checkin.loginText', { at: scannedAt })}
          extra={
            <Link to={`/login?next=${encodeURIComponent(`/checkin/${token}`)}`}>
              <Button type="primary">{t('login.submit')}</Button>
            </Link>
          }
          data-testid="checkin-state"
          data-state="login"
        />
      );
      break;
    case 'rejected': {
      const { title, text } = rejectionText(t, locale, state);
      body = (
        <Result
          icon={<CloseCircleFilled style={{ color: '#dc2626' }} />}
          title={title}
          subTitle={text}
          data-testid="checkin-state"
          data-state={state.error.code === 'CHECKIN_INVALID' ? 'invalid' : 'rejected'}
        />
      );
      break;
    }
  }

  return (
    <PhoneFrame>
      <Card>
        <PlainTitle level={4} style={{ marginTop: 0, textAlign: 'center' }}>
          {t('checkin.pageTitle')}
        </PlainTitle>
        <div aria-live="polite">{body}</div>
      </Card>
    </PhoneFrame>
  );
}
