/**
 * Attendance (điểm danh) of a session: marked by the school or by the lecturer who teaches the
 * session, or by the learners themselves through the session's QR code.
 *
 * Who: the school running the class (classes.manage with the organiser unit in scope) or the
 * lecturer of the session (lecturers.user_id = the caller; the session's lecturer or, when it
 * names none, a lecturer of its module); anyone else gets 404.
 *
 * QR check-in: the code shown in class is a token `<sessionId>.<window>.<mac>`, where window is a
 * 5-minute slot of time and mac = HMAC-SHA256(session's checkin_secret, "nt-checkin:<sessionId>:<window>").
 * A new token is issued every window, only on the session's date. The phone keeps the token, the
 * moment it scanned (`checkedInAt`) and a `clientId` it made, and posts them when it is online: the
 * check-in counts when the token verifies, its window is that of `checkedInAt` (± one window, for
 * clocks that drift) and `checkedInAt` lies between 30 minutes before the session and its end — the
 * time of the sync does not matter. The same clientId posted again answers the same result; a
 * learner who already has a mark gets "already checked in" and nothing is written twice.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { formatViDate, todayInVietnam, training } from '@nang-tam/domain';
import { auditRepo, attendanceRepo, classesRepo, enrolmentsRepo, recallsRepo, type Db, type Queryable } from '@nang-tam/db';
import {
  FIELD_ERRORS,
  type AttendanceInput,
  type AttendanceMarkCode,
  type CheckinCode,
  type CheckinInput,
  type CheckinResult,
  type ErrorDetail,
  type SessionAttendance,
} from '@nang-tam/contracts';
import { AppError, assertNoFieldErrors, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { enrolmentActionsOf, enrolmentFactsOf, lecturerIdOf, personOf, runsClass, sessionRefOf, vietnamInstant } from './learner-records.js';
import { classPolicy, type ClassFacts } from '../policies/class.js';
import { checkInRole, enrolmentPolicy } from '../policies/enrolment.js';
import { refusalError } from '../policies/policy.js';
import { classFactsOf } from './access-facts.js';

// ---------- access to a session ----------

interface SessionAccess {
  session: classesRepo.SessionContextRow;
  /** The class as the policy sees it, "teaches" meaning: the caller teaches this session. */
  facts: ClassFacts;
  /** The school marks as 'registrar', the session's lecturer as 'lecturer'. */
  source: 'registrar' | 'lecturer';
}

/** A session whose attendance the caller may see (policy `class.viewAttendance`, per session): the school or the session's lecturer. */
async function requireSession(db: Queryable, user: AuthUser, sessionId: number): Promise<SessionAccess> {
  const lecturerId = await lecturerIdOf(db, user);
  const session = await classesRepo.findSessionContext(db, sessionId, lecturerId);
  if (!session) throw notFound();
  const facts = classFactsOf((await classesRepo.findClassContext(db, session.class_id))!, { teaches: session.taught_by_lecturer, teachesModule: false });
  classPolicy.authorize(user, facts, 'viewAttendance');
  return { session, facts, source: runsClass(user, session.organiser_path) ? 'registrar' : 'lecturer' };
}

// ---------- reading and marking ----------

export async function getSessionAttendance(db: Queryable, user: AuthUser, sessionId: number): Promise<SessionAttendance> {
  const { session } = await requireSession(db, user, sessionId);
  return loadSessionAttendance(db, user, session);
}

async function loadSessionAttendance(db: Queryable, user: AuthUser, session: classesRepo.SessionContextRow): Promise<SessionAttendance> {
  const enrolments = await enrolmentsRepo.listClassEnrolments(db, session.class_id);
  const actionsOf = await enrolmentActionsOf(db, user, enrolments.map((e) => e.id));
  const marks = new Map((await attendanceRepo.listSessionAttendance(db, session.id)).map((m) => [m.enrolment_id, m]));
  const recalls = await recallsRepo.listRecalls(db, { classId: session.class_id });
  const recalled = new Set(recalls.filter((r) => r.from_date <= session.on_date && session.on_date <= r.to_date).map((r) => r.enrolment_id));
  const counts = { present: 0, absentExcused: 0, absentUnexcused: 0, recalled: 0, unmarked: 0 };
  const items = enrolments.map((e) => {
    const m = marks.get(e.id);
    if (!m) counts.unmarked += 1;
    else if (m.mark === 'present') counts.present += 1;
    else if (m.mark === 'absent_excused') counts.absentExcused += 1;
    else if (m.mark === 'absent_unexcused') counts.absentUnexcused += 1;
    else counts.recalled += 1;
    return {
      enrolmentId: e.id,
      person: personOf(e),
      mark: m?.mark ?? null,
      source: m?.source ?? null,
      checkedInAt: m?.checked_in_at ?? null,
      markedBy: m?.marked_by_name ?? null,
      markedAt: m?.marked_at ?? null,
      inRecall: recalled.has(e.id),
      actions: actionsOf(e.id),
    };
  });
  return {
    session: sessionRefOf(session),
    class: { id: session.class_id, name: session.class_name, cohortCode: session.cohort_code, status: session.class_status },
    held: session.on_date <= todayInVietnam(),
    counts,
    items,
  };
}

/**
 * Records marks of one session in one transaction: refused for a session that has not happened
 * (its date after today in Vietnam), for a learner listed twice, and for anyone not enrolled in the
 * class (each row named). Learners not listed keep their marks; an unchanged mark is not rewritten.
 * Optimistic concurrency: a mark sent with `expected` (what the client saw) is refused, with the whole
 * request, when the stored mark differs — another lecturer, the school or a QR scan marked the learner
 * meanwhile (409 ATTENDANCE_CONFLICT, one detail per such row). Markers of one session are serialised
 * by a lock on the session row, so of two saves at once the second sees the first's marks.
 */
export async function markAttendance(db: Db, user: AuthUser, sessionId: number, input: AttendanceInput): Promise<SessionAttendance> {
  const { session, facts, source } = await requireSession(db, user, sessionId);
  const today = todayInVietnam();
  if (session.on_date > today) {
    throw new AppError('SESSION_NOT_HELD', [], `Buổi học ngày ${formatViDate(session.on_date)} chưa diễn ra nên chưa điểm danh được.`);
  }
  const seen = new Set<number>();
  const duplicates: ErrorDetail[] = [];
  input.marks.forEach((m, i) => {
    if (seen.has(m.enrolmentId)) duplicates.push(fieldError(`marks.${i}.enrolmentId`, 'DUPLICATE_ENTRY'));
    seen.add(m.enrolmentId);
  });
  assertNoFieldErrors(duplicates);

  return db.transaction(async (tx) => {
    const cls = await classesRepo.lockClassShared(tx, session.class_id);
    if (!cls) throw notFound();
    classPolicy.authorize(user, { ...facts, status: cls.status }, 'markAttendance');
    const enrolled = new Map((await enrolmentsRepo.listClassEnrolments(tx, session.class_id)).filter((e) => e.status === 'enrolled').map((e) => [e.id, e]));
    const outsiders = input.marks.flatMap((m, i) => (enrolled.has(m.enrolmentId) ? [] : [fieldError(`marks.${i}.enrolmentId`, 'NOT_IN_CLASS')]));
    if (outsiders.length > 0) throw new AppError('NOT_IN_CLASS', outsiders);

    await attendanceRepo.lockSessionForMarking(tx, sessionId);
    const before = new Map((await attendanceRepo.lockSessionMarks(tx, sessionId, [...seen])).map((m) => [m.enrolment_id, m]));
    // optimistic concurrency: a row whose stored mark is no longer the one the client saw was
    // marked by someone else meanwhile; the whole request is refused, naming each such learner
    const stale = input.marks.flatMap((m, i) => {
      if (m.expected === undefined) return [];
      const now = before.get(m.enrolmentId)?.mark ?? null;
      if (now === m.expected) return [];
      const name = enrolled.get(m.enrolmentId)!.full_name;
      const what = now === null ? 'bỏ điểm danh' : MARK_LABELS[now].toLowerCase();
      return [{ ...fieldError(`marks.${i}.mark`, 'ATTENDANCE_CHANGED'), message: `${name}: người khác vừa điểm danh là "${what}".` }];
    });
    if (stale.length > 0) throw new AppError('ATTENDANCE_CONFLICT', stale);
    const changed = input.marks.filter((m) => before.get(m.enrolmentId)?.mark !== m.mark);
    await attendanceRepo.upsertMarks(tx, sessionId, changed, source, user.id);
    const actor = actorOf(user);
    await auditRepo.appendAuditMany(
      tx,
      changed.map((m) => {
        const old = before.get(m.enrolmentId);
        return {
          ...actor,
          action: old ? 'update' : 'create',
          entity: 'attendance',
          entityId: `${sessionId}:${m.enrolmentId}`,
          personId: enrolled.get(m.enrolmentId)!.person_id,
          before: old ? { sessionId, enrolmentId: m.enrolmentId, mark: old.mark, source: old.source } : undefined,
          after: { sessionId, enrolmentId: m.enrolmentId, mark: m.mark, source },
        };
      }),
    );
    return loadSessionAttendance(tx, user, session);
  });
}

// ---------- the QR code ----------

/** The length of one check-in window: the QR shown in class changes this often. */
export const CHECKIN_WINDOW_SECONDS = 300;
/** A scan counts from this long before the session starts. */
const EARLY_MS = 30 * 60_000;
/** A phone's clock may run ahead of the server's by this much. */
const CLOCK_SKEW_MS = 5 * 60_000;

function checkinMac(secret: string, sessionId: number, window: number): Buffer {
  return createHmac('sha256', secret).update(`nt-checkin:${sessionId}:${window}`).digest();
}

export function checkinWindowOf(at: Date): number {
  return Math.floor(at.getTime() / 1000 / CHECKIN_WINDOW_SECONDS);
}

/** The token of one session and window (what the QR carries after `/checkin/`). */
export function signCheckinToken(secret: string, sessionId: number, window: number): string {
  return `${sessionId}.${window}.${checkinMac(secret, sessionId, window).toString('base64url')}`;
}

function parseCheckinToken(token: string): { sessionId: number; window: number; mac: Buffer } | null {
  const m = /^(\d{1,9})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const mac = Buffer.from(m[3]!, 'base64url');
  // one spelling per MAC: the unused bits of the last character cannot be changed unnoticed
  if (mac.length !== 32 || mac.toString('base64url') !== m[3]) return null;
  return { sessionId: Number(m[1]), window: Number(m[2]), mac };
}

/**
 * The token to show as a QR code now: only on the session's date (Vietnam), only by the school or
 * the session's lecturer, never for a class already graduated.
 */
export async function getCheckinCode(db: Queryable, user: AuthUser, sessionId: number, now = new Date()): Promise<CheckinCode> {
  const { session, facts } = await requireSession(db, user, sessionId);
  classPolicy.authorize(user, facts, 'markAttendance');
  if (todayInVietnam(now) !== session.on_date) {
    throw new AppError('CHECKIN_NOT_OPEN', [], `Buổi học diễn ra ngày ${formatViDate(session.on_date)}; chỉ tạo được mã điểm danh QR trong ngày đó.`);
  }
  const window = checkinWindowOf(now);
  const token = signCheckinToken(session.checkin_secret, session.id, window);
  return {
    sessionId: session.id,
    token,
    path: `/checkin/${token}`,
    expiresAt: new Date((window + 1) * CHECKIN_WINDOW_SECONDS * 1000).toISOString(),
    windowSeconds: CHECKIN_WINDOW_SECONDS,
  };
}

// ---------- the learner's check-in ----------

function invalidCheckin(path: 'token' | 'checkedInAt' | 'clientId', code: keyof typeof FIELD_ERRORS, message?: string): AppError {
  return new AppError('CHECKIN_INVALID', [{ ...fieldError(path, code), ...(message ? { message } : {}) }]);
}

const MARK_LABELS: Record<AttendanceMarkCode, string> = training.ATTENDANCE_MARK_LABELS;

function resultOf(
  status: CheckinResult['status'],
  session: classesRepo.SessionContextRow,
  enrolmentId: number,
  row: attendanceRepo.AttendanceRow,
): CheckinResult {
  const when = `buổi học ngày ${formatViDate(session.on_date)} (${session.starts_at}–${session.ends_at})`;
  const message =
    status === 'checked_in'
      ? `Đã điểm danh có mặt ${when}.`
      : status === 'already_checked_in'
        ? `Bạn đã điểm danh ${when} trước đó; lần quét này không ghi thêm.`
        : `Lớp đã điểm danh bạn ${when}: ${MARK_LABELS[row.mark].toLowerCase()}. Nếu chưa đúng, vui lòng báo phòng đào tạo hoặc giảng viên.`;
  return {
    status,
    message,
    session: sessionRefOf(session),
    className: session.class_name,
    enrolmentId,
    mark: row.mark,
    checkedInAt: row.checked_in_at,
  };
}

/**
 * A learner's check-in from their phone, possibly synced long after the scan. Only a learner
 * (their own registry record, enrolled in the session's class) can check in, and only themself.
 */
export async function checkIn(db: Db, user: AuthUser, input: CheckinInput, now = new Date()): Promise<CheckinResult> {
  // the policy's role check comes before the token is read: a non-learner learns nothing about it
  const role = checkInRole(user);
  if (role !== true) throw refusalError(role);
  const parsed = parseCheckinToken(input.token);
  if (!parsed) throw invalidCheckin('token', 'CHECKIN_TOKEN_INVALID');
  const session = await classesRepo.findSessionContext(db, parsed.sessionId, null);
  if (!session || !timingSafeEqual(parsed.mac, checkinMac(session.checkin_secret, session.id, parsed.window))) {
    throw invalidCheckin('token', 'CHECKIN_TOKEN_INVALID');
  }
  if (user.personId === null) throw notFound();
  const enrolment = await enrolmentsRepo.findPersonEnrolment(db, session.class_id, user.personId);
  if (!enrolment) throw notFound();
  const facts = enrolmentFactsOf(enrolment, (await classesRepo.findClassContext(db, session.class_id))!);
  if (enrolment.status !== 'enrolled') enrolmentPolicy.authorize(user, facts, 'checkIn');

  // the same scan synced again: the same answer
  const replay = await attendanceRepo.findAttendanceByClientId(db, input.clientId);
  if (replay) {
    if (replay.session_id !== session.id || replay.enrolment_id !== enrolment.id) throw invalidCheckin('clientId', 'CHECKIN_CLIENT_ID_TAKEN');
    // the school may have corrected the mark since: the answer says what counts now
    return resultOf(replay.mark === 'present' ? 'checked_in' : 'already_marked', session, enrolment.id, replay);
  }

  const scannedAt = Date.parse(input.checkedInAt);
  const windowStart = parsed.window * CHECKIN_WINDOW_SECONDS * 1000;
  const windowMs = CHECKIN_WINDOW_SECONDS * 1000;
  const start = vietnamInstant(session.on_date, session.starts_at);
  const end = vietnamInstant(session.on_date, session.ends_at);
  const outside =
    todayInVietnam(new Date(windowStart)) !== session.on_date ||
    scannedAt < windowStart - windowMs ||
    scannedAt >= windowStart + 2 * windowMs ||
    scannedAt < start - EARLY_MS ||
    scannedAt > end ||
    scannedAt > now.getTime() + CLOCK_SKEW_MS;
  if (outside) {
    throw invalidCheckin(
      'checkedInAt',
      'CHECKIN_OUTSIDE_SESSION',
      `Thời điểm quét mã không khớp với mã hoặc không nằm trong thời gian buổi học ngày ${formatViDate(session.on_date)} (từ 30 phút trước ${session.starts_at} đến ${session.ends_at}).`,
    );
  }

  return db.transaction(async (tx) => {
    const cls = await classesRepo.lockClassShared(tx, session.class_id);
    if (!cls) throw notFound();
    enrolmentPolicy.authorize(user, { ...facts, class: { ...facts.class, status: cls.status } }, 'checkIn');
    // the same lock as a lecturer's save: a scan and a save of the same session never interleave
    await attendanceRepo.lockSessionForMarking(tx, session.id);
    const write = { sessionId: session.id, enrolmentId: enrolment.id, clientId: input.clientId, checkedInAt: new Date(scannedAt).toISOString(), markedBy: user.id };
    const existing = await attendanceRepo.findAttendance(tx, session.id, enrolment.id);
    let recorded = false;
    if (!existing) recorded = await attendanceRepo.insertCheckin(tx, write);
    else if (existing.source === 'recall') recorded = await attendanceRepo.replaceRecallMarkWithCheckin(tx, write);
    const row = await attendanceRepo.findAttendance(tx, session.id, enrolment.id);
    if (!row) {
      // the insert met the client id of another check-in committed meanwhile
      const other = await attendanceRepo.findAttendanceByClientId(tx, input.clientId);
      if (other && (other.session_id !== session.id || other.enrolment_id !== enrolment.id)) throw invalidCheckin('clientId', 'CHECKIN_CLIENT_ID_TAKEN');
      throw notFound();
    }
    if (recorded) {
      await auditRepo.appendAudit(tx, {
        ...actorOf(user),
        action: existing ? 'update' : 'create',
        entity: 'attendance',
        entityId: `${session.id}:${enrolment.id}`,
        personId: enrolment.person_id,
        before: existing ? { sessionId: session.id, enrolmentId: enrolment.id, mark: existing.mark, source: existing.source } : undefined,
        after: { sessionId: session.id, enrolmentId: enrolment.id, mark: 'present', source: 'qr', clientId: input.clientId, checkedInAt: write.checkedInAt },
      });
      return resultOf('checked_in', session, enrolment.id, row);
    }
    if (row.client_id === input.clientId) return resultOf('checked_in', session, enrolment.id, row);
    return resultOf(row.mark === 'present' ? 'already_checked_in' : 'already_marked', session, enrolment.id, row);
  });
}
