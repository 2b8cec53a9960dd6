import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { todayInVietnam, training } from '@nang-tam/domain';
import { type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { addDays, enrol, insertLecturer, insertSession, insertTrainingClass } from '../../../../tests/support/learners.js';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let learner: Session;
let lecturer: Session;
let registrar: Session;
let board: Session;
const ids = { own: 0, other: 0, s1: 0, s2: 0, s3: 0, s4: 0 };
const monday = training.weekStart(todayInVietnam());

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  learner = await loginAs(app, 'learner');
  lecturer = await loginAs(app, 'lecturer');
  registrar = await loginAs(app, 'registrar');
  board = await loginAs(app, 'board');
  const today = todayInVietnam();
  const modules = [{ code: 'HP1', name: 'Kinh tế chính trị Mác - Lênin', periods: 40 }];
  // the registrar's department organises one class; commune B another
  const own = await insertTrainingClass(db, {
    cohortCode: 'K12',
    organiserUnitId: fx.units.department,
    startDate: addDays(today, -20),
    endDate: addDays(today, 90),
    modules,
  });
  const other = await insertTrainingClass(db, {
    cohortCode: 'K13',
    organiserUnitId: fx.units.communeB,
    startDate: addDays(today, -20),
    endDate: addDays(today, 90),
    modules,
  });
  ids.own = own.id;
  ids.other = other.id;
  const giang = await insertLecturer(db, 'Trần Văn Giảng', fx.units.department, fx.users.lecturer!.id);
  ids.s1 = await insertSession(db, own.id, { moduleId: own.modules.HP1!, date: addDays(monday, 1), lecturerId: giang });
  ids.s2 = await insertSession(db, own.id, { moduleId: own.modules.HP1!, date: addDays(monday, 2), start: '13:30', end: '16:30' });
  ids.s3 = await insertSession(db, other.id, { moduleId: other.modules.HP1!, date: addDays(monday, 3), lecturerId: giang });
  ids.s4 = await insertSession(db, other.id, { moduleId: other.modules.HP1!, date: addDays(monday, 4) });
  // Bình (the learner account's person) studies in the department's class
  await enrol(db, own.id, fx.people.binh);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const get = (s: Session | null, url: string) => app.inject({ url, headers: s ? as(s) : {} });
const send = (s: Session, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: as(s), payload });

/** The .ics text's content lines, unfolded (RFC 5545 §3.1). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');
/** The properties of the event with this UID. */
function eventOf(ics: string, uid: string): Record<string, string> {
  const lines = unfold(ics);
  const start = lines.indexOf(`UID:${uid}`);
  expect(start, uid).toBeGreaterThan(0);
  const props: Record<string, string> = {};
  for (let i = start; lines[i] !== 'END:VEVENT'; i++) {
    const [key, ...rest] = lines[i]!.split(':');
    props[key!] = rest.join(':');
  }
  return props;
}

describe('my calendar', () => {
  it.each([
    ['learner', () => learner, 'learner', () => [ids.s1, ids.s2]],
    ['lecturer', () => lecturer, 'lecturer', () => [ids.s1, ids.s3]],
    ['registrar', () => registrar, 'registrar', () => [ids.s1, ids.s2]],
  ] as const)('the %s sees their own sessions only', async (_who, session, kind, expected) => {
    const res = await get(session(), `/api/v1/me/calendar?from=${monday}&to=${addDays(monday, 6)}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ kind, from: monday, to: addDays(monday, 6), feed: null });
    expect(body.items.map((s: { id: number }) => s.id)).toEqual(expected());
  });

  it('describes a session with its class, module, times, room and lecturer', async () => {
    const body = (await get(learner, `/api/v1/me/calendar?from=${monday}&to=${addDays(monday, 6)}`)).json();
    expect(body.items[0]).toEqual({
      id: ids.s1,
      uid: `class-session-${ids.s1}@nang-tam`,
      classId: ids.own,
      className: 'Lớp trung cấp lý luận chính trị K12',
      cohortCode: 'K12',
      programmeName: expect.any(String),
      site: 'Trường Chính trị tỉnh',
      kind: 'lesson',
      moduleName: 'Kinh tế chính trị Mác - Lênin',
      date: addDays(monday, 1),
      startTime: '07:30',
      endTime: '11:00',
      room: 'Phòng 201',
      onlineLink: null,
      lecturerName: 'Trần Văn Giảng',
      sequence: 0,
      cancelled: false,
    });
  });

  it('defaults to six weeks from this week’s Monday and refuses a backwards or too long range', async () => {
    expect((await get(learner, '/api/v1/me/calendar')).json()).toMatchObject({ from: monday, to: addDays(monday, 41) });
    const back = await get(learner, `/api/v1/me/calendar?from=${monday}&to=${addDays(monday, -1)}`);
    expect(back.statusCode).toBe(400);
    expect(back.json().error.details[0]).toMatchObject({ path: 'to', code: 'DATE_BEFORE_START' });
    expect((await get(learner, `/api/v1/me/calendar?from=${monday}&to=${addDays(monday, 400)}`)).statusCode).toBe(400);
  });

  it('is not for roles without sessions of their own', async () => {
    expect((await get(board, '/api/v1/me/calendar')).statusCode).toBe(403);
    expect((await get(board, '/api/v1/me/calendar.ics')).statusCode).toBe(403);
    expect((await get(null, '/api/v1/me/calendar')).statusCode).toBe(401);
  });
});

describe('the .ics file', () => {
  it('is RFC 5545: CRLF lines of at most 75 octets, UTC times, stable UIDs, escaped text', async () => {
    const res = await get(learner, '/api/v1/me/calendar.ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('filename="lich-hoc.ics"');
    const ics = res.body;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    const e = eventOf(ics, `class-session-${ids.s1}@nang-tam`);
    expect(e).toMatchObject({
      SEQUENCE: '0',
      DTSTART: `${addDays(monday, 1).replace(/-/g, '')}T003000Z`,
      DTEND: `${addDays(monday, 1).replace(/-/g, '')}T040000Z`,
      SUMMARY: 'Kinh tế chính trị Mác - Lênin – Lớp trung cấp lý luận chính trị K12',
      LOCATION: 'Phòng 201\\, Trường Chính trị tỉnh',
      STATUS: 'CONFIRMED',
    });
    expect(e.DESCRIPTION).toContain('\\nHọc phần: Kinh tế chính trị Mác - Lênin\\n');
    expect(ics).not.toContain(`class-session-${ids.s3}@`);
  });

  it('raises SEQUENCE when a session changes (not when a write changes nothing) and keeps a deleted one as CANCELLED', async () => {
    const url = (s: number) => `/api/v1/classes/${ids.own}/sessions/${s}`;
    expect((await send(registrar, 'PATCH', url(ids.s1), { room: 'Hội trường A' })).statusCode).toBe(200);
    expect((await send(registrar, 'PATCH', url(ids.s1), { room: 'Hội trường A' })).statusCode).toBe(200);
    expect((await send(registrar, 'DELETE', url(ids.s2))).statusCode).toBe(204);

    const ics = (await get(learner, '/api/v1/me/calendar.ics')).body;
    expect(eventOf(ics, `class-session-${ids.s1}@nang-tam`)).toMatchObject({
      SEQUENCE: '1',
      STATUS: 'CONFIRMED',
      LOCATION: 'Hội trường A\\, Trường Chính trị tỉnh',
    });
    expect(eventOf(ics, `class-session-${ids.s2}@nang-tam`)).toMatchObject({ SEQUENCE: '1', STATUS: 'CANCELLED' });
    expect(eventOf(ics, `class-session-${ids.s2}@nang-tam`).SUMMARY).toMatch(/^\[ĐÃ HỦY\] /);

    const body = (await get(registrar, `/api/v1/me/calendar?from=${monday}&to=${addDays(monday, 6)}`)).json();
    expect(body.items.map((s: { id: number; sequence: number; cancelled: boolean }) => [s.id, s.sequence, s.cancelled])).toEqual([
      [ids.s1, 1, false],
      [ids.s2, 1, true],
    ]);
  });
});

describe('subscriptions', () => {
  const path = (url: string) => new URL(url).pathname;

  it('gives a secret address whose token is stored only as a hash; a new one replaces it; revoking stops it', async () => {
    const created = await send(lecturer, 'POST', '/api/v1/me/calendar/feed');
    expect(created.statusCode, created.body).toBe(201);
    const feed = created.json();
    expect(feed.url).toMatch(/^http:\/\/localhost(:\d+)?\/api\/v1\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(feed.webcalUrl).toBe(feed.url.replace(/^http:/, 'webcal:'));
    const token = /feeds\/(.+)\.ics$/.exec(feed.url)![1]!;
    const rows = (
      await db.query<{ token_hash: string }>('SELECT token_hash FROM calendar_feeds WHERE user_id = $1', [fx.users.lecturer!.id])
    ).rows;
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);

    // a calendar app fetches it without a session
    const polled = await get(null, path(feed.url));
    expect(polled.statusCode).toBe(200);
    expect(polled.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(polled.body).toContain(`UID:class-session-${ids.s3}@nang-tam`);
    expect(polled.body).not.toContain(`UID:class-session-${ids.s2}@nang-tam`);
    expect((await get(lecturer, '/api/v1/me/calendar')).json().feed).toMatchObject({
      createdAt: feed.createdAt,
      lastUsedAt: expect.any(String),
    });

    const renewed = (await send(lecturer, 'POST', '/api/v1/me/calendar/feed')).json();
    expect(renewed.url).not.toBe(feed.url);
    expect((await get(null, path(feed.url))).statusCode).toBe(404);
    expect((await get(null, path(renewed.url))).statusCode).toBe(200);

    expect((await send(lecturer, 'DELETE', '/api/v1/me/calendar/feed')).statusCode).toBe(204);
    expect((await get(null, path(renewed.url))).statusCode).toBe(404);
    expect((await send(lecturer, 'DELETE', '/api/v1/me/calendar/feed')).statusCode).toBe(404);
    expect((await get(lecturer, '/api/v1/me/calendar')).json().feed).toBeNull();

    const audit = await db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity = 'calendar_feed' AND actor_id = $1 ORDER BY id",
      [fx.users.lecturer!.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'revoke', 'create', 'revoke']);
  });

  it('stops when its owner is deactivated, and answers 404 to an unknown token and 400 to a malformed one', async () => {
    const feed = (await send(learner, 'POST', '/api/v1/me/calendar/feed')).json();
    expect((await get(null, path(feed.url))).statusCode).toBe(200);
    await db.query('UPDATE users SET active = false WHERE id = $1', [fx.users.learner!.id]);
    expect((await get(null, path(feed.url))).statusCode).toBe(404);
    await db.query('UPDATE users SET active = true WHERE id = $1', [fx.users.learner!.id]);
    expect((await get(null, `/api/v1/calendar/feeds/${'A'.repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await get(null, '/api/v1/calendar/feeds/short.ics')).statusCode).toBe(400);
  });
});
