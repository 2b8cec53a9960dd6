import { createHash, randomBytes } from 'node:crypto';
import { hasPermission, todayInVietnam, training } from '@nang-tam/domain';
import type { Calendar, CalendarEntry, CalendarFeedCreated, CalendarQuery } from '@nang-tam/contracts';
import { auditRepo, calendarRepo, lecturersRepo, usersRepo, type Db, type Queryable } from '@nang-tam/db';
import { AppError, fieldError, notFound } from '../errors.js';
import { actorOf, toAuthUser, type AuthUser } from '../auth/auth-user.js';
import { renderIcs } from '../calendar/ics.js';

/**
 * One's own calendar (issue 14, point 9): a learner sees the sessions of the classes they are
 * enrolled in, a lecturer the sessions they teach, a school registrar the sessions of the classes
 * their unit subtree organises; the same sessions as an .ics download, and as a subscription whose
 * secret address a phone's calendar polls (only the token's SHA-256 is stored; revocable).
 */

type CalendarKind = Calendar['kind'];

function kindOf(user: AuthUser): CalendarKind {
  if (user.role === 'learner') return 'learner';
  if (user.role === 'lecturer') return 'lecturer';
  if (user.role === 'school_registrar') return 'registrar';
  // the route's access ('calendar.read') admits these three roles only
  throw new AppError('FORBIDDEN');
}

/** Whose sessions the user's calendar holds; null when there are none to show (no learner or lecturer record). */
async function ownerOf(db: Queryable, user: AuthUser): Promise<calendarRepo.CalendarOwner | null> {
  const kind = kindOf(user);
  if (kind === 'learner') return user.personId === null ? null : { kind, personId: user.personId };
  if (kind === 'lecturer') {
    const lecturer = await lecturersRepo.findLecturerByUser(db, user.id);
    return lecturer ? { kind, lecturerId: lecturer.id } : null;
  }
  return { kind, unitPath: user.unitPath };
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function factsOf(r: calendarRepo.CalendarSessionRow): training.CalendarSessionFacts {
  return {
    id: r.id,
    classId: r.class_id,
    className: r.class_name,
    cohortCode: r.cohort_code,
    programmeName: r.programme_name,
    site: r.site,
    kind: r.kind,
    moduleName: r.module_name,
    date: r.on_date,
    startTime: r.starts_at,
    endTime: r.ends_at,
    room: r.room,
    onlineLink: r.online_link,
    lecturerName: r.lecturer_full_name,
    lecturerTitle: r.lecturer_title,
    sequence: r.sequence,
    cancelled: r.cancelled,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

function entryOf(f: training.CalendarSessionFacts): CalendarEntry {
  return {
    id: f.id,
    uid: training.sessionUid(f.id),
    classId: f.classId,
    className: f.className,
    cohortCode: f.cohortCode,
    programmeName: f.programmeName,
    site: f.site,
    kind: f.kind,
    moduleName: f.moduleName,
    date: f.date,
    startTime: f.startTime,
    endTime: f.endTime,
    room: f.room,
    onlineLink: f.onlineLink,
    lecturerName: f.lecturerName ? [f.lecturerTitle, f.lecturerName].filter(Boolean).join(' ') : null,
    sequence: f.sequence,
    cancelled: f.cancelled,
  };
}

async function sessionsOf(db: Queryable, user: AuthUser, from: string, to: string): Promise<training.CalendarSessionFacts[]> {
  const owner = await ownerOf(db, user);
  return owner ? (await calendarRepo.listCalendarSessions(db, owner, from, to)).map(factsOf) : [];
}

/** The user's sessions between two dates (default: six weeks from this week's Monday), cancelled ones marked. */
export async function getMyCalendar(db: Db, user: AuthUser, q: CalendarQuery): Promise<Calendar> {
  const kind = kindOf(user);
  const from = q.from ?? training.weekStart(todayInVietnam());
  const to = q.to ?? addDays(from, 41);
  if (to < from) throw new AppError('VALIDATION_FAILED', [fieldError('to', 'DATE_BEFORE_START')]);
  if (to > addDays(from, 366)) throw new AppError('VALIDATION_FAILED', [fieldError('to', 'OUT_OF_RANGE')]);
  const feed = await calendarRepo.findActiveFeed(db, user.id);
  return {
    kind,
    from,
    to,
    items: (await sessionsOf(db, user, from, to)).map(entryOf),
    feed: feed
      ? {
          createdAt: new Date(feed.created_at).toISOString(),
          lastUsedAt: feed.last_used_at ? new Date(feed.last_used_at).toISOString() : null,
        }
      : null,
  };
}

const CALENDAR_NAMES: Record<CalendarKind, { vi: string; en: string }> = {
  learner: { vi: 'Lịch học', en: 'Study timetable' },
  lecturer: { vi: 'Lịch giảng', en: 'Teaching schedule' },
  registrar: { vi: 'Lịch các lớp', en: 'Class schedule' },
};

/** What a calendar file holds: two months back (so changes and cancellations reach clients) and a year ahead. */
const PAST_DAYS = 62;
const AHEAD_DAYS = 366;

export interface IcsFile {
  fileName: string;
  content: string;
}

async function icsOf(db: Queryable, user: AuthUser, now: Date): Promise<IcsFile> {
  const kind = kindOf(user);
  const today = todayInVietnam(now);
  const sessions = await sessionsOf(db, user, addDays(today, -PAST_DAYS), addDays(today, AHEAD_DAYS));
  const name = `${CALENDAR_NAMES[kind][user.locale]} – ${user.displayName}`;
  return {
    fileName: kind === 'lecturer' ? 'lich-giang.ics' : kind === 'learner' ? 'lich-hoc.ics' : 'lich-cac-lop.ics',
    content: renderIcs({ name, now, events: sessions.map((s) => training.sessionEvent(s, user.locale)) }),
  };
}

/** The user's calendar as an .ics file (downloaded while signed in). */
export async function downloadMyCalendar(db: Db, user: AuthUser, now = new Date()): Promise<IcsFile> {
  return icsOf(db, user, now);
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A new subscription address (any earlier one stops working): `<base>/api/v1/calendar/feeds/<token>.ics`.
 * The token is returned this once; the database keeps its hash.
 */
export async function createFeed(db: Db, user: AuthUser, baseUrl: string): Promise<CalendarFeedCreated> {
  kindOf(user);
  const token = randomBytes(32).toString('base64url');
  const feed = await db.transaction(async (tx) => {
    const revoked = await calendarRepo.revokeFeed(tx, user.id);
    const inserted = await calendarRepo.insertFeed(tx, user.id, hashOf(token));
    if (revoked !== null)
      await auditRepo.appendAudit(tx, {
        ...actorOf(user),
        action: 'revoke',
        entity: 'calendar_feed',
        entityId: revoked,
        before: { userId: user.id },
      });
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'create',
      entity: 'calendar_feed',
      entityId: inserted.id,
      after: { userId: user.id },
    });
    return inserted;
  });
  const url = `${baseUrl}/api/v1/calendar/feeds/${token}.ics`;
  return {
    createdAt: new Date(feed.created_at).toISOString(),
    lastUsedAt: null,
    url,
    webcalUrl: url.replace(/^https?:/, 'webcal:'),
  };
}

/** Stops the user's subscription address; none active answers "not found". */
export async function revokeFeed(db: Db, user: AuthUser): Promise<void> {
  kindOf(user);
  await db.transaction(async (tx) => {
    const revoked = await calendarRepo.revokeFeed(tx, user.id);
    if (revoked === null) throw notFound();
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'revoke',
      entity: 'calendar_feed',
      entityId: revoked,
      before: { userId: user.id },
    });
  });
}

/**
 * The calendar behind a subscription address, as its owner may see it now (their role and unit
 * read again); an unknown or revoked token, or an owner no longer active or allowed, is "not found".
 */
export async function feedCalendar(db: Db, tokenFile: string, now = new Date()): Promise<IcsFile> {
  const feed = await calendarRepo.findFeedByHash(db, hashOf(tokenFile.replace(/\.ics$/, '')));
  if (!feed) throw notFound();
  const row = await usersRepo.findUserById(db, feed.user_id);
  if (!row || !row.active) throw notFound();
  const owner = toAuthUser(row, `calendar-feed:${feed.id}`, '');
  if (!hasPermission(owner.role, 'calendar.read')) throw notFound();
  await calendarRepo.touchFeed(db, feed.id);
  return icsOf(db, owner, now);
}
