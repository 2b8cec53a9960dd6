/**
 * Notifications (issue 14, point 8; decision 0036). Event notifications are written by the services
 * of the events (notifyEvent, inside their transaction); this service also answers the bell: one's
 * own notifications and the work waiting, derived live and bounded by the user's scope and role.
 */
import { agencyFeedback, hasPermission, notifications, todayInVietnam, type Role } from '@nang-tam/domain';
import type { Notification, NotificationListQuery, NotificationPage, NotificationSummary, WorkItem } from '@nang-tam/contracts';
import { auditRepo, feedbackRepo, notificationsRepo, type Db, type Queryable } from '@nang-tam/db';
import { notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';

type Kind = notifications.NotificationKind;

export interface NotificationEvent {
  kind: Kind;
  /** Who acted (never told of their own act). */
  actorId: number;
  personId: number;
  /** nomination_decided: who proposed the nomination. */
  proposerId?: number | null;
  /** The page of the work: one for all, or per recipient's role (the learner's page differs from the agency's). */
  link: string | ((role: Role) => string);
  params: Omit<notifications.NotificationParams, 'personName'>;
}

/**
 * Tells the event's recipients (notifications.recipientsOf): one notification each, with the e-mail
 * outbox row of those with an address. Call inside the event's transaction, so a failed write
 * leaves no notification. Returns how many were told.
 */
export async function notifyEvent(tx: Queryable, event: NotificationEvent): Promise<number> {
  const person = await notificationsRepo.findPersonFacts(tx, event.personId);
  if (!person) return 0;
  const candidates = await notificationsRepo.listCandidates(tx, person.unit_path, event.personId, event.proposerId ?? null);
  const recipients = notifications.recipientsOf(
    {
      kind: event.kind,
      actorId: event.actorId,
      personId: event.personId,
      personUnitPath: person.unit_path,
      proposerId: event.proposerId ?? null,
    },
    candidates.map((c) => ({ userId: c.user_id, role: c.role as Role, unitPath: c.unit_path, personId: c.person_id, active: c.active })),
  );
  const params = { ...event.params, personName: person.full_name };
  const roleOf = new Map(candidates.map((c) => [c.user_id, c.role as Role]));
  const linkOf = (userId: number) => (typeof event.link === 'string' ? event.link : event.link(roleOf.get(userId)!));
  const ids = await notificationsRepo.insertNotifications(
    tx,
    recipients.map((userId) => ({ userId, kind: event.kind, link: linkOf(userId), params })),
  );
  return ids.length;
}

function toNotification(
  r: Pick<notificationsRepo.NotificationRow, 'id' | 'kind' | 'link' | 'params' | 'created_at' | 'read_at'>,
  locale: 'vi' | 'en',
): Notification {
  const kind = r.kind as Kind;
  const text = notifications.notificationText(kind, r.params as unknown as notifications.NotificationParams, locale);
  return {
    id: r.id,
    kind,
    title: text.title,
    body: text.body,
    link: r.link,
    createdAt: new Date(r.created_at).toISOString(),
    read: r.read_at !== null,
  };
}

/** GET /me/notifications: the user's own, newest first. */
export async function listMine(db: Queryable, user: AuthUser, q: NotificationListQuery): Promise<NotificationPage> {
  const rows = await notificationsRepo.listForUser(db, user.id, { unreadOnly: q.unread === 'true', limit: q.limit, offset: q.offset });
  return {
    total: rows[0]?.total ?? 0,
    unread: await notificationsRepo.countUnread(db, user.id),
    items: rows.map((r) => toNotification(r, user.locale)),
  };
}

/** The board step approvers a role stands for (system_admin: both), and whether it takes the school step. */
function nominationStepsOf(role: Role): { approvers: string[]; school: boolean } {
  const approvers =
    role === 'system_admin' ? ['province_board', 'home_affairs'] : role === 'province_board' || role === 'home_affairs' ? [role] : [];
  return { approvers: hasPermission(role, 'nominations.approve') ? approvers : [], school: hasPermission(role, 'classes.manage') };
}

/** Days ahead in which a conduct report not yet received counts as due. */
const CONDUCT_DUE_SOON_DAYS = 7;

/** The work waiting for the user (only the kinds their role has), derived from the records in their scope. */
export async function workOf(db: Queryable, user: AuthUser): Promise<WorkItem[]> {
  const kinds = notifications.workKindsOf(user.role);
  const label = (k: notifications.WorkKind) => notifications.WORK_LABELS[k][user.locale];
  const items: WorkItem[] = [];
  if (kinds.includes('nominations')) {
    const rows = await notificationsRepo.listNominationsAwaiting(db, user.scope, nominationStepsOf(user.role));
    for (const r of rows)
      items.push({
        kind: 'nominations',
        label: `${label('nominations')}: ${r.class_name}`,
        count: r.count,
        link: `/classes/${r.class_id}?tab=nominations`,
      });
  }
  if (kinds.includes('conductReports')) {
    const today = todayInVietnam();
    const c = await notificationsRepo.countConductReportsDue(db, user.scope, today, CONDUCT_DUE_SOON_DAYS);
    if (c.due + c.overdue > 0)
      items.push({
        kind: 'conductReports',
        label: label('conductReports'),
        count: c.due + c.overdue,
        overdue: c.overdue,
        link: notifications.WORK_LINKS.conductReports,
      });
  }
  if (kinds.includes('needsAnswers')) {
    const n = await notificationsRepo.countNeedsAnswersDue(db, user.unitId);
    if (n > 0) items.push({ kind: 'needsAnswers', label: label('needsAnswers'), count: n, link: notifications.WORK_LINKS.needsAnswers });
  }
  // the agency's feedback on its graduates (decision 0051): due or overdue, falling due in the reminders' horizon
  if (kinds.includes('agencyFeedback')) {
    const c = await feedbackRepo.countFeedbackOwed(db, user.scope, todayInVietnam(), agencyFeedback.OVERDUE_AFTER_DAYS, agencyFeedback.REMINDER_HORIZON_DAYS);
    if (c.due + c.overdue > 0)
      items.push({ kind: 'agencyFeedback', label: label('agencyFeedback'), count: c.due + c.overdue, overdue: c.overdue, link: notifications.WORK_LINKS.agencyFeedback });
  }
  if (kinds.includes('planApprovals')) {
    const n = await notificationsRepo.countPlanVersionsSubmitted(db);
    if (n > 0) items.push({ kind: 'planApprovals', label: label('planApprovals'), count: n, link: notifications.WORK_LINKS.planApprovals });
  }
  return items;
}

/** GET /me/notifications/summary: what the bell shows. */
export async function summaryOf(db: Queryable, user: AuthUser): Promise<NotificationSummary> {
  const [unread, work, latest] = [
    await notificationsRepo.countUnread(db, user.id),
    await workOf(db, user),
    await notificationsRepo.listForUser(db, user.id, { unreadOnly: false, limit: 5, offset: 0 }),
  ];
  return {
    unread,
    work,
    total: unread + work.reduce((s, w) => s + w.count, 0),
    latest: latest.map((r) => toNotification(r, user.locale)),
  };
}

/** POST /me/notifications/:id/read: someone else's (or no) notification answers 404. */
export async function markRead(db: Db, user: AuthUser, id: number): Promise<{ marked: number }> {
  return db.transaction(async (tx) => {
    if (!(await notificationsRepo.markRead(tx, user.id, id))) throw notFound();
    await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'read', entity: 'notification', entityId: id, after: { read: true } });
    return { marked: 1 };
  });
}

/** POST /me/notifications/read-all. */
export async function markAllRead(db: Db, user: AuthUser): Promise<{ marked: number }> {
  return db.transaction(async (tx) => {
    const marked = await notificationsRepo.markAllRead(tx, user.id);
    if (marked > 0)
      await auditRepo.appendAudit(tx, {
        ...actorOf(user),
        action: 'read_all',
        entity: 'notification',
        entityId: user.id,
        after: { marked },
      });
    return { marked };
  });
}
