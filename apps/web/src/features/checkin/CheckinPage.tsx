import { useEffect, useState } from 'react';
import type { AttendanceMarkCode } from '@nang-tam/contracts';
import { PhoneFrame } from './PhoneFrame';
import { useI18n, type MessageKey, type TFunction } from '../../i18n';
import { Icon } from '../../public/icons';
import { go } from '../../public/nav';
import { Button, Card, Result, Spinner } from '../../public/ui';
import { formatDate, formatDateTime } from '../../shared/format';
import { usePageTitle } from '../../shared/page-title';
import { fieldErrorMessage } from '../../shared/errors';
import { PlainText, PlainTitle } from '../../shared/PlainText';
import { CHECKIN_TOKEN, onSyncOutcome, scan, syncOne, type PendingCheckin, type SyncOutcome } from './pending';

/** "Có mặt", "Vắng có phép"… (as learning/common's markLabel, without that module's antd parts). */
function markLabel(t: TFunction, mark: AttendanceMarkCode | null): string {
  return mark ? t(`mark.${mark}` as MessageKey) : t('mark.none');
}

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
export default function CheckinPage({ token }: { token: string }) {
  const { t, locale } = useI18n();
  usePageTitle(t('checkin.pageTitle'));
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
          icon={<Icon name="CloseCircleFilled" style={{ color: '#dc2626' }} />}
          title={t('checkin.invalidTitle')}
          subTitle={t('checkin.invalidText')}
          data-testid="checkin-state"
          data-state="invalid"
        />
      );
      break;
    case 'sending':
      body = (
        <div
          className="nt-p-stack"
          style={{ alignItems: 'center', gap: 12, padding: 32 }}
          data-testid="checkin-state"
          data-state="sending"
          role="status"
        >
          <Spinner />
          <PlainText>{t('checkin.sending')}</PlainText>
        </div>
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
              <Icon name="InfoCircleFilled" style={{ color: '#1677ff' }} />
            ) : (
              <Icon name="CheckCircleFilled" style={{ color: '#16a34a' }} />
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
            <div className="nt-p-stack" style={{ gap: 4 }}>
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
            </div>
          }
          extra={<Button onClick={() => go('/learning')}>{t('checkin.toLearning')}</Button>}
          data-testid="checkin-state"
          data-state="done"
        />
      );
      break;
    }
    case 'waiting':
      body = (
        <Result
          icon={<Icon name="CloudSyncOutlined" style={{ color: '#d97706' }} />}
          title={t('checkin.waitingTitle')}
          subTitle={t('checkin.waitingText', { at: scannedAt })}
          extra={
            <Button primary onClick={retry}>
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
          icon={<Icon name="LoginOutlined" style={{ color: '#14508f' }} />}
          title={t('checkin.loginTitle')}
          subTitle={t('checkin.loginText', { at: scannedAt })}
          extra={
            <Button primary onClick={() => go(`/login?next=${encodeURIComponent(`/checkin/${token}`)}`)}>
              {t('login.submit')}
            </Button>
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
          icon={<Icon name="CloseCircleFilled" style={{ color: '#dc2626' }} />}
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
