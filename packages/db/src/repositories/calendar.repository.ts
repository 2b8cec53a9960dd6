import type { Queryable } from '../create-db.js';
import { likeEscape, Params } from './scope.js';

/** Whose sessions a calendar shows: a learner's classes, a lecturer's teaching, a registrar's unit subtree. */
export type CalendarOwner =
  { kind: 'learner'; personId: number } | { kind: 'lecturer'; lecturerId: number } | { kind: 'registrar'; unitPath: string };

export interface CalendarSessionRow {
  id: number;
  class_id: number;
  class_name: string;
  cohort_code: string;
  programme_code: string;
  programme_name: string;
  site: string;
  kind: 'lesson' | 'field_trip' | 'exam';
  module_name: string | null;
  on_date: string;
  starts_at: string;
  ends_at: string;
  room: string | null;
  online_link: string | null;
  lecturer_full_name: string | null;
  lecturer_title: string | null;
  sequence: number;
  cancelled: boolean;
  updated_at: Date;
}

/**
 * The sessions of the owner's calendar between two dates (inclusive), with those deleted
 * (cancelled) since, in date and time order.
 */
export async function listCalendarSessions(db: Queryable, owner: CalendarOwner, from: string, to: string): Promise<CalendarSessionRow[]> {
  const p = new Params();
  const range = `x.on_date BETWEEN ${p.add(from)} AND ${p.add(to)}`;
  let who: string;
  if (owner.kind === 'learner') {
    who = `EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = x.class_id AND e.person_id = ${p.add(owner.personId)} AND e.status <> 'withdrawn')`;
  } else if (owner.kind === 'lecturer') {
    who = `x.lecturer_id = ${p.add(owner.lecturerId)}`;
  } else {
    who = `ou.path LIKE ${p.add(`${likeEscape(owner.unitPath)}%`)}`;
  }
  const r = await db.query<CalendarSessionRow>(
    `SELECT x.id, x.class_id, c.name AS class_name, c.cohort_code, c.programme_code, pr.name AS programme_name, c.site,
       x.kind, m.name AS module_name, x.on_date, to_char(x.starts_at, 'HH24:MI') AS starts_at, to_char(x.ends_at, 'HH24:MI') AS ends_at,
       x.room, x.online_link, l.full_name AS lecturer_full_name, l.title AS lecturer_title, x.sequence, x.cancelled, x.updated_at
     FROM (
       SELECT id, class_id, class_module_id, kind, on_date, starts_at, ends_at, room, online_link, lecturer_id, sequence, false AS cancelled, updated_at
       FROM class_sessions
       UNION ALL
       SELECT session_id, class_id, class_module_id, kind, on_date, starts_at, ends_at, room, online_link, lecturer_id, sequence, true, cancelled_at
       FROM cancelled_class_sessions
     ) x
     JOIN classes c ON c.id = x.class_id
     JOIN programmes pr ON pr.code = c.programme_code
     JOIN units ou ON ou.id = c.organiser_unit_id
     LEFT JOIN class_modules m ON m.id = x.class_module_id
     LEFT JOIN lecturers l ON l.id = x.lecturer_id
     WHERE ${range} AND ${who}
     ORDER BY x.on_date, x.starts_at, x.id`,
    p.values,
  );
  return r.rows;
}

// ---------- subscriptions ----------

export interface CalendarFeedRow {
  id: number;
  user_id: number;
  created_at: Date;
  last_used_at: Date | null;
}

/** The user's active subscription, if any. */
export async function findActiveFeed(db: Queryable, userId: number): Promise<CalendarFeedRow | null> {
  const r = await db.query<CalendarFeedRow>(
    'SELECT id, user_id, created_at, last_used_at FROM calendar_feeds WHERE user_id = $1 AND revoked_at IS NULL',
    [userId],
  );
  return r.rows[0] ?? null;
}

/** An active subscription by its token's hash. */
export async function findFeedByHash(db: Queryable, tokenHash: string): Promise<CalendarFeedRow | null> {
  const r = await db.query<CalendarFeedRow>(
    'SELECT id, user_id, created_at, last_used_at FROM calendar_feeds WHERE token_hash = $1 AND revoked_at IS NULL',
    [tokenHash],
  );
  return r.rows[0] ?? null;
}

/** Revokes the user's active subscription; returns the revoked one's id, or null. */
export async function revokeFeed(tx: Queryable, userId: number): Promise<number | null> {
  const r = await tx.query<{ id: number }>(
    'UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id',
    [userId],
  );
  return r.rows[0]?.id ?? null;
}

export async function insertFeed(tx: Queryable, userId: number, tokenHash: string): Promise<CalendarFeedRow> {
  const r = await tx.query<CalendarFeedRow>(
    'INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, $2) RETURNING id, user_id, created_at, last_used_at',
    [userId, tokenHash],
  );
  return r.rows[0]!;
}

/** Records that a calendar client fetched the feed (at most once a minute: feeds are polled). */
export async function touchFeed(db: Queryable, id: number): Promise<void> {
  await db.query(
    "UPDATE calendar_feeds SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
    [id],
  );
}
