/**
 * Notifications (issue 14, point 8; decision 0036). Two kinds of "this needs you":
 * - work waiting: counts derived live from the records (nominations at the user's step, conduct
 *   reports due, needs answers due, plan versions to approve). WORK_KINDS says which
 *   counts a role has; nothing is stored.
 * - events: a waitlist place opened, a recall recorded, a nomination decided. Each is stored per
 *   recipient, with its words (params), in the transaction of the event; the text is built here, in
 *   the recipient's language, for the bell and for the e-mail.
 */
import { hasPermission, type Role } from '../access.js';

export type Locale = 'vi' | 'en';

// ---------- work waiting ----------

export const WORK_KINDS = ['nominations', 'conductReports', 'needsAnswers', 'planApprovals', 'agencyFeedback'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** The work-waiting counts a role has (its bell counts only these). */
export function workKindsOf(role: Role): WorkKind[] {
  const kinds: WorkKind[] = [];
  if (hasPermission(role, 'nominations.approve') || hasPermission(role, 'classes.manage')) kinds.push('nominations');
  if (hasPermission(role, 'conduct.write') && hasPermission(role, 'nominations.write')) kinds.push('conductReports');
  if (hasPermission(role, 'needs.write')) kinds.push('needsAnswers');
  if (hasPermission(role, 'plans.approve')) kinds.push('planApprovals');
  // the agency's feedback on its graduates at 6 and 12 months (decision 0051): its officers
  if (role === 'unit_officer') kinds.push('agencyFeedback');
  return kinds;
}

/** The page where each kind of waiting work is done. */
export const WORK_LINKS: Record<WorkKind, string> = {
  nominations: '/classes',
  conductReports: '/my-learners',
  needsAnswers: '/needs',
  planApprovals: '/plans',
  agencyFeedback: '/feedback',
};

export const WORK_LABELS: Record<WorkKind, Record<Locale, string>> = {
  nominations: { vi: 'Đề cử chờ anh/chị duyệt', en: 'Nominations awaiting your approval' },
  conductReports: { vi: 'Nhận xét rèn luyện đến hạn', en: 'Conduct reports due' },
  needsAnswers: { vi: 'Phiếu nhu cầu chưa gửi', en: 'Needs answers not yet sent' },
  planApprovals: { vi: 'Kế hoạch chờ phê duyệt', en: 'Plans awaiting approval' },
  agencyFeedback: { vi: 'Nhận xét sau đào tạo đến hạn', en: 'Post-training feedback due' },
};

// ---------- events ----------

export const NOTIFICATION_KINDS = ['waitlist_promoted', 'recall_recorded', 'nomination_decided', 'feedback_due', 'feedback_overdue'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationParams {
  personName: string;
  className: string;
  /** nomination_decided: the decision. */
  decision?: 'approved' | 'refused';
  /** recall_recorded: the period. */
  fromDate?: string;
  toDate?: string;
  /** feedback_due / feedback_overdue: the milestone in months (6, 12); the due date is fromDate. */
  milestone?: number;
}

/** A user who may receive an event's notification. */
export interface Candidate {
  userId: number;
  role: Role;
  /** The user's unit path ("/1/7/"). */
  unitPath: string;
  personId: number | null;
  active: boolean;
}

export interface EventFacts {
  kind: NotificationKind;
  /** The user whose action caused the event: never told of their own act. */
  actorId: number;
  /** The person concerned and their unit path. */
  personId: number;
  personUnitPath: string;
  /** nomination_decided: who proposed the nomination. */
  proposerId?: number | null;
}

const isAgencyOfficer = (c: Candidate, unitPath: string) =>
  hasPermission(c.role, 'nominations.write') && c.role === 'unit_officer' && unitPath.startsWith(c.unitPath);

/**
 * Who is told of an event (ids, ascending, without repeats):
 * - nomination_decided: the proposer;
 * - waitlist_promoted: the agency's officers whose subtree holds the person (they nominated them);
 * - recall_recorded: the learner's own account and the agency's officers.
 * Inactive accounts and the actor themselves are left out.
 */
export function recipientsOf(event: EventFacts, candidates: readonly Candidate[]): number[] {
  const chosen = new Set<number>();
  for (const c of candidates) {
    if (!c.active || c.userId === event.actorId) continue;
    if (event.kind === 'nomination_decided' && c.userId === event.proposerId) chosen.add(c.userId);
    if ((event.kind === 'waitlist_promoted' || event.kind === 'recall_recorded') && isAgencyOfficer(c, event.personUnitPath))
      chosen.add(c.userId);
    if (event.kind === 'recall_recorded' && c.role === 'learner' && c.personId === event.personId) chosen.add(c.userId);
    if ((event.kind === 'feedback_due' || event.kind === 'feedback_overdue') && isAgencyOfficer(c, event.personUnitPath)) chosen.add(c.userId);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** dd/mm/yyyy from an ISO date. */
const viDate = (iso: string | undefined) => (iso ? iso.split('-').reverse().join('/') : '');

/** The message of an event, in the recipient's language: a title for the bell and a sentence. */
export function notificationText(kind: NotificationKind, p: NotificationParams, locale: Locale): { title: string; body: string } {
  if (locale === 'en') {
    switch (kind) {
      case 'waitlist_promoted':
        return { title: 'A waitlist place opened', body: `${p.personName} moved from the waitlist into the class "${p.className}".` };
      case 'recall_recorded':
        return {
          title: 'Recall recorded',
          body: `${p.personName} is recalled to work from ${viDate(p.fromDate)} to ${viDate(p.toDate)} during the class "${p.className}".`,
        };
      case 'nomination_decided':
        return {
          title: p.decision === 'refused' ? 'Nomination refused' : 'Nomination approved',
          body: `The nomination of ${p.personName} to the class "${p.className}" was ${p.decision === 'refused' ? 'refused' : 'approved'}.`,
        };
      case 'feedback_due':
      case 'feedback_overdue':
        return {
          title: kind === 'feedback_due' ? 'Post-training feedback due' : 'Post-training feedback overdue',
          body: `The ${p.milestone}-month feedback on ${p.personName} (class "${p.className}") is due on ${viDate(p.fromDate)}.`,
        };
    }
  }
  switch (kind) {
    case 'waitlist_promoted':
      return { title: 'Có chỗ trống trong lớp', body: `${p.personName} được chuyển từ danh sách chờ vào lớp “${p.className}”.` };
    case 'recall_recorded':
      return {
        title: 'Có đợt triệu tập về cơ quan',
        body: `${p.personName} được triệu tập về cơ quan từ ${viDate(p.fromDate)} đến ${viDate(p.toDate)} trong thời gian học lớp “${p.className}”.`,
      };
    case 'nomination_decided':
      return {
        title: p.decision === 'refused' ? 'Đề cử bị từ chối' : 'Đề cử đã được duyệt',
        body: `Đề cử ${p.personName} đi học lớp “${p.className}” đã ${p.decision === 'refused' ? 'bị từ chối' : 'được duyệt'}.`,
      };
    case 'feedback_due':
    case 'feedback_overdue':
      return {
        title: kind === 'feedback_due' ? 'Đến hạn nhận xét sau đào tạo' : 'Quá hạn nhận xét sau đào tạo',
        body: `Nhận xét sau ${p.milestone} tháng về ${p.personName} (lớp “${p.className}”) đến hạn ngày ${viDate(p.fromDate)}.`,
      };
  }
}

/** The e-mail of an event: subject and plain-text body with the link to the work. */
export function notificationEmail(
  kind: NotificationKind,
  p: NotificationParams,
  locale: Locale,
  url: string,
): { subject: string; text: string } {
  const { title, body } = notificationText(kind, p, locale);
  const open = locale === 'en' ? 'Open' : 'Xem tại';
  const footer =
    locale === 'en'
      ? 'This message was sent by Nâng Tầm; you can see all your notifications in the app.'
      : 'Thư này do hệ thống Nâng Tầm gửi; anh/chị xem mọi thông báo của mình trong ứng dụng.';
  return { subject: `[Nâng Tầm] ${title}`, text: `${body}\n\n${open}: ${url}\n\n${footer}\n` };
}

// ---------- e-mail retries ----------

export const EMAIL_MAX_ATTEMPTS = 5;

/** Seconds to wait after a failed attempt (1 min, 5 min, 25 min, …); null: give up. */
export function retryDelaySeconds(attempts: number): number | null {
  return attempts >= EMAIL_MAX_ATTEMPTS ? null : 60 * 5 ** (attempts - 1);
}
