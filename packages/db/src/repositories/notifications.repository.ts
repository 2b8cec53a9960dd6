/**
 * Notifications (decision 0036): event notifications stored per user with their e-mail outbox, and
 * the live "work waiting" counts, each bounded by the caller's scope.
 */
import type { Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { Params, scopeCondition } from './scope.js';

// ---------- who may be told ----------

export interface CandidateRow {
  user_id: number;
  role: string;
  unit_path: string;
  person_id: number | null;
  active: boolean;
}

/** The person's name and unit path (facts of an event), or null. */
export async function findPersonFacts(db: Queryable, personId: number): Promise<{ full_name: string; unit_path: string } | null> {
  const r = await db.query<{ full_name: string; unit_path: string }>(
    `SELECT p.full_name, u.path AS unit_path FROM people p JOIN units u ON u.id = p.unit_id WHERE p.id = $1`,
    [personId],
  );
  return r.rows[0] ?? null;
}

/**
 * The accounts an event about a person may concern: the agency officers whose unit holds the
 * person's unit, the person's own account, and the given user (the proposer). The domain chooses.
 */
export async function listCandidates(
  db: Queryable,
  personUnitPath: string,
  personId: number,
  userId: number | null,
): Promise<CandidateRow[]> {
  const r = await db.query<CandidateRow>(
    `SELECT u.id AS user_id, u.role, un.path AS unit_path, u.person_id, u.active
     FROM users u JOIN units un ON un.id = u.unit_id
     WHERE (u.role = 'unit_officer' AND starts_with($1, un.path)) OR u.person_id = $2 OR u.id = $3
     ORDER BY u.id`,
    [personUnitPath, personId, userId],
  );
  return r.rows;
}

// ---------- writing ----------

export interface NotificationWrite {
  userId: number;
  kind: string;
  link: string;
  params: Record<string, unknown>;
}

/**
 * Stores one notification per recipient and, for each recipient with an e-mail address, its outbox
 * row. Call inside the transaction of the event's write. Returns the new ids.
 */
export async function insertNotifications(tx: Queryable, rows: readonly NotificationWrite[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const p = new Params();
  const values = rows.map(
    (r) => `(${p.add(r.userId)}::int, ${p.add(r.kind)}, ${p.add(r.link)}, ${p.add(JSON.stringify(r.params))}::jsonb)`,
  );
  const inserted = await tx.query<{ id: number }>(
    `INSERT INTO notifications (user_id, kind, link, params) VALUES ${values.join(', ')} RETURNING id`,
    p.values,
  );
  const ids = inserted.rows.map((r) => r.id);
  await tx.query(
    `INSERT INTO notification_emails (notification_id)
     SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id
     WHERE n.id = ANY($1::int[]) AND u.email IS NOT NULL AND u.email <> ''`,
    [ids],
  );
  return ids;
}

// ---------- reading one's own ----------

export interface NotificationRow {
  id: number;
  kind: string;
  link: string;
  params: Record<string, unknown>;
  created_at: string;
  read_at: string | null;
  total: number;
}

export async function listForUser(
  db: Queryable,
  userId: number,
  q: { unreadOnly: boolean; limit: number; offset: number },
): Promise<NotificationRow[]> {
  const r = await db.query<NotificationRow>(
    `SELECT id, kind, link, params, created_at, read_at, count(*) OVER ()::int AS total
     FROM notifications WHERE user_id = $1 AND ($2::boolean IS FALSE OR read_at IS NULL)
     ORDER BY id DESC LIMIT $3 OFFSET $4`,
    [userId, q.unreadOnly, q.limit, q.offset],
  );
  return r.rows;
}

export async function countUnread(db: Queryable, userId: number): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId]);
  return r.rows[0]?.n ?? 0;
}

/** Marks one of the user's notifications read; false when the user has no such notification. */
export async function markRead(db: Queryable, userId: number, id: number): Promise<boolean> {
  const r = await db.query<{ id: number }>(
    `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id`,
    [id, userId],
  );
  return r.rows.length > 0;
}

export async function markAllRead(db: Queryable, userId: number): Promise<number> {
  const r = await db.query<{ id: number }>(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id`, [
    userId,
  ]);
  return r.rows.length;
}

// ---------- work waiting ----------

export interface AwaitingClassRow {
  class_id: number;
  class_name: string;
  count: number;
}

/**
 * Nominations waiting for the user's step, per class: the board step of classes whose programme
 * `approvers` approve (people or organiser in scope), and, with `school`, the school step of
 * classes organised in scope.
 */
export async function listNominationsAwaiting(
  db: Queryable,
  scope: Scope,
  steps: { approvers: readonly string[]; school: boolean },
): Promise<AwaitingClassRow[]> {
  const p = new Params();
  const inPeople = scopeCondition(scope, p, 'pu');
  const inOrganiser = scopeCondition(scope, p, 'ou');
  const approvers = p.add(steps.approvers);
  const school = p.add(steps.school);
  const r = await db.query<AwaitingClassRow>(
    `SELECT c.id AS class_id, c.name AS class_name, count(*)::int AS count
     FROM nominations n
     JOIN classes c ON c.id = n.class_id
     JOIN programmes pr ON pr.code = c.programme_code
     JOIN people pe ON pe.id = n.person_id
     JOIN units pu ON pu.id = pe.unit_id
     JOIN units ou ON ou.id = c.organiser_unit_id
     WHERE c.status <> 'finished' AND (
       (n.status IN ('nominated', 'approved_agency') AND pr.approver = ANY(${approvers}::text[]) AND (${inPeople} OR ${inOrganiser}))
       OR (n.status = 'approved_board' AND ${school}::boolean AND ${inOrganiser}))
     GROUP BY c.id, c.name, c.start_date
     ORDER BY c.start_date, c.id
     LIMIT 20`,
    p.values,
  );
  return r.rows;
}

/** Conduct reports not received of learners of the scope still enrolled: overdue, and due within `soonDays`. */
export async function countConductReportsDue(
  db: Queryable,
  scope: Scope,
  today: string,
  soonDays: number,
): Promise<{ overdue: number; due: number }> {
  const p = new Params();
  const inScope = scopeCondition(scope, p, 'u');
  const r = await db.query<{ overdue: number; due: number }>(
    `SELECT count(*) FILTER (WHERE cr.due_on < ${p.add(today)}::date)::int AS overdue,
            count(*) FILTER (WHERE cr.due_on >= $${p.values.length}::date AND cr.due_on <= $${p.values.length}::date + ${p.add(soonDays)}::int)::int AS due
     FROM conduct_reports cr
     JOIN enrolments e ON e.id = cr.enrolment_id
     JOIN classes c ON c.id = e.class_id
     JOIN people pe ON pe.id = e.person_id
     JOIN units u ON u.id = pe.unit_id
     WHERE cr.received_at IS NULL AND e.status = 'enrolled' AND c.status <> 'finished' AND ${inScope}`,
    p.values,
  );
  return r.rows[0] ?? { overdue: 0, due: 0 };
}

/** Open needs campaigns the user's own unit must answer and has not submitted. */
export async function countNeedsAnswersDue(db: Queryable, unitId: number): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n
     FROM needs_campaign_units cu
     JOIN needs_campaigns nc ON nc.id = cu.campaign_id
     LEFT JOIN needs_answers na ON na.campaign_id = cu.campaign_id AND na.unit_id = cu.unit_id
     WHERE cu.unit_id = $1 AND nc.status = 'open' AND na.status IS DISTINCT FROM 'submitted'`,
    [unitId],
  );
  return r.rows[0]?.n ?? 0;
}

/** Plan versions submitted and not yet approved. */
export async function countPlanVersionsSubmitted(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plan_versions WHERE status = 'submitted'`);
  return r.rows[0]?.n ?? 0;
}

// ---------- the e-mail outbox ----------

export interface DueEmailRow {
  id: number;
  attempts: number;
  created_at: string;
  kind: string;
  link: string;
  params: Record<string, unknown>;
  email: string;
  locale: string;
}

/**
 * Claims the outbox rows due now (oldest first): each is leased for `leaseSeconds` (its next
 * attempt moved past the lease) so that another runner skips it while this one sends.
 */
export async function claimDueEmails(db: Queryable, limit: number, leaseSeconds: number): Promise<DueEmailRow[]> {
  const r = await db.query<DueEmailRow>(
    `WITH due AS (
       SELECT id FROM notification_emails
       WHERE status = 'pending' AND next_attempt_at <= now()
       ORDER BY next_attempt_at, id LIMIT $1
       FOR UPDATE SKIP LOCKED),
     claimed AS (
       UPDATE notification_emails m SET next_attempt_at = now() + make_interval(secs => $2::int)
       FROM due WHERE m.id = due.id RETURNING m.id, m.attempts, m.notification_id)
     SELECT c.id, c.attempts, n.created_at, n.kind, n.link, n.params, u.email, u.locale
     FROM claimed c JOIN notifications n ON n.id = c.notification_id JOIN users u ON u.id = n.user_id
     ORDER BY c.id`,
    [limit, leaseSeconds],
  );
  return r.rows;
}

export async function markEmailSent(db: Queryable, id: number): Promise<void> {
  await db.query(
    `UPDATE notification_emails SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
    [id],
  );
}

/** A failed attempt: retried after `retryInSeconds`, or given up ('failed') when null. The error is a code, no address. */
export async function markEmailFailed(db: Queryable, id: number, error: string, retryInSeconds: number | null): Promise<void> {
  await db.query(
    `UPDATE notification_emails SET attempts = attempts + 1, last_error = $2,
       status = CASE WHEN $3::int IS NULL THEN 'failed' ELSE 'pending' END,
       next_attempt_at = CASE WHEN $3::int IS NULL THEN next_attempt_at ELSE now() + make_interval(secs => $3::int) END
     WHERE id = $1`,
    [id, error.slice(0, 200), retryInSeconds],
  );
}

/** Outbox rows of notifications older than `days` (written while no SMTP was configured) are not sent any more. */
export async function expireOldEmails(db: Queryable, days: number): Promise<number> {
  const r = await db.query<{ id: number }>(
    `UPDATE notification_emails m SET status = 'expired' FROM notifications n
     WHERE n.id = m.notification_id AND m.status = 'pending' AND n.created_at < now() - make_interval(days => $1::int)
     RETURNING m.id`,
    [days],
  );
  return r.rows.length;
}

export async function listEmailStates(db: Queryable): Promise<{ id: number; status: string; attempts: number; notification_id: number }[]> {
  const r = await db.query<{ id: number; status: string; attempts: number; notification_id: number }>(
    `SELECT id, status, attempts, notification_id FROM notification_emails ORDER BY id`,
  );
  return r.rows;
}
