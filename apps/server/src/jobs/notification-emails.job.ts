/**
 * Notification e-mail (decision 0036): the job runner sends the outbox when SMTP is configured, in
 * the background, never in a request. Each row is leased while it is sent; a failure is retried
 * after a growing delay (notifications.retryDelaySeconds) and given up after the last attempt.
 * Logs carry counts and error codes only: no address, no name, no message text.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { notifications } from '@nang-tam/domain';
import { notificationsRepo } from '@nang-tam/db';
import type { AppContext } from '../context.js';
import type { JobLog } from './context.js';

/** Rows sent per run; the runner runs again a second later while any are due. */
const BATCH = 20;
/** How long a claimed row is held by the runner that sends it. */
const LEASE_SECONDS = 300;
/** Outbox rows older than this when SMTP becomes available are not sent. */
const EXPIRE_DAYS = 3;

const transports = new Map<string, Transporter>();

function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/** A short code for the log and the outbox row: never the server's reply text (it may echo the address). */
function errorCode(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown };
  const parts = [typeof e?.code === 'string' ? e.code : 'ERROR', typeof e?.responseCode === 'number' ? String(e.responseCode) : ''];
  return parts.filter(Boolean).join(' ');
}

export interface SentCounts {
  sent: number;
  failed: number;
}

/** Sends the due outbox rows; nothing when SMTP is not configured. */
export async function sendNotificationEmails(ctx: Pick<AppContext, 'db' | 'config'>, log: JobLog): Promise<SentCounts> {
  const smtp = ctx.config.smtp;
  const counts: SentCounts = { sent: 0, failed: 0 };
  if (!smtp) return counts;
  const expired = await notificationsRepo.expireOldEmails(ctx.db, EXPIRE_DAYS);
  if (expired > 0) log.info({ expired }, 'old notification e-mails not sent');
  const due = await notificationsRepo.claimDueEmails(ctx.db, BATCH, LEASE_SECONDS);
  const base = ctx.config.publicBaseUrl ?? '';
  for (const row of due) {
    const locale = row.locale === 'en' ? 'en' : 'vi';
    const mail = notifications.notificationEmail(
      row.kind as notifications.NotificationKind,
      row.params as unknown as notifications.NotificationParams,
      locale,
      `${base}${row.link}`,
    );
    try {
      await transportFor(smtp.url).sendMail({ from: smtp.from, to: row.email, subject: mail.subject, text: mail.text });
      await notificationsRepo.markEmailSent(ctx.db, row.id);
      counts.sent += 1;
    } catch (err) {
      const code = errorCode(err);
      const retry = notifications.retryDelaySeconds(row.attempts + 1);
      await notificationsRepo.markEmailFailed(ctx.db, row.id, code, retry);
      counts.failed += 1;
      log.warn({ outboxId: row.id, attempt: row.attempts + 1, code, retry: retry !== null }, 'notification e-mail not sent');
    }
  }
  if (counts.sent > 0) log.info({ sent: counts.sent }, 'notification e-mails sent');
  return counts;
}
