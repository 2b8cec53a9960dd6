import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { Db } from '@nang-tam/db';
import { todayInVietnam } from '@nang-tam/domain';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, testConfig, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { insertClass, insertPeople } from '../../../../tests/support/classes.js';
import { addDays, enrol, insertTrainingClass } from '../../../../tests/support/learners.js';
import { parseTextMail } from '../../../../tests/support/mail.js';
import { notifyEvent } from '../services/notifications.service.js';
import { sendNotificationEmails } from '../jobs/notification-emails.job.js';

/**
 * The notification centre (decision 0036) through the API, on the fixture province: work waiting
 * per role and scope, event notifications written with their event, one's own only, and the e-mail
 * outbox sent to a local SMTP sink (127.0.0.1, a free port; never the network).
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const USERS = ['board', 'noivu', 'officerA', 'officerD', 'registrar', 'lecturer', 'learner'] as const;
type Who = (typeof USERS)[number];
const s = {} as Record<Who, Session>;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of USERS) s[u] = await loginAs(app, u);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const post = (who: Who, url: string, payload: unknown = {}) =>
  app.inject({ method: 'POST', url, headers: as(s[who]), payload: payload as object });
const get = (who: Who, url: string) => app.inject({ url, headers: as(s[who]) });
const summary = async (who: Who) => {
  const res = await get(who, '/api/v1/me/notifications/summary');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    unread: number;
    total: number;
    work: { kind: string; label: string; count: number; link: string }[];
    latest: { id: number; kind: string; title: string; body: string; link: string; read: boolean }[];
  };
};
const nominationsWork = async (who: Who, classId: number) =>
  (await summary(who)).work.find((w) => w.kind === 'nominations' && w.link === `/classes/${classId}?tab=nominations`);
const countNotifications = async (userId: number) =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1', [userId])).rows[0]!.n;

describe('work waiting', () => {
  it("counts a nomination at the step of whoever must act, in their scope, and links to the class's nominations", async () => {
    const cls = await insertClass(db, { organiserUnitId: fx.units.department, name: 'Lớp sơ cấp LLCT thông báo 1' });
    const people = await insertPeople(db, 2, { unitId: fx.units.communeA });
    for (const p of people) expect((await post('officerA', `/api/v1/classes/${cls}/nominations`, { personId: p.id })).statusCode).toBe(201);
    // the programme's approver (the board) has two to approve; home affairs, the school, other agencies none
    expect(await nominationsWork('board', cls)).toMatchObject({ count: 2, label: 'Đề cử chờ anh/chị duyệt: Lớp sơ cấp LLCT thông báo 1' });
    for (const who of ['noivu', 'registrar', 'officerA', 'officerD', 'lecturer', 'learner'] as const)
      expect(await nominationsWork(who, cls)).toBeUndefined();
    const board = await summary('board');
    expect(board.total).toBe(board.unread + board.work.reduce((t, w) => t + w.count, 0));
    // once the board approves one, the school has it to accept and the board one left
    const [first] = (await db.query<{ id: number }>('SELECT id FROM nominations WHERE class_id = $1 ORDER BY id', [cls])).rows;
    expect((await post('board', `/api/v1/nominations/${first!.id}/decision`, { step: 'board', decision: 'approved' })).statusCode).toBe(
      200,
    );
    expect(await nominationsWork('board', cls)).toMatchObject({ count: 1 });
    expect(await nominationsWork('registrar', cls)).toMatchObject({ count: 1 });
  });

  it('gives each role only its own kinds of work', async () => {
    expect((await summary('learner')).work).toEqual([]);
    expect((await summary('lecturer')).work).toEqual([]);
    expect((await summary('officerD')).work.map((w) => w.kind)).not.toContain('nominations');
  });
});

describe('event notifications', () => {
  it('tells the proposer of a decision, in Vietnamese, and no one else', async () => {
    const cls = await insertClass(db, { organiserUnitId: fx.units.department, name: 'Lớp sơ cấp LLCT thông báo 2' });
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA });
    const n = (await post('officerA', `/api/v1/classes/${cls}/nominations`, { personId: p!.id })).json();
    const before = {
      officerA: await countNotifications(fx.users.officerA!.id),
      officerD: await countNotifications(fx.users.officerD!.id),
      board: await countNotifications(fx.users.board!.id),
    };
    expect(
      (await post('board', `/api/v1/nominations/${n.id}/decision`, { step: 'board', decision: 'refused', note: 'Chưa đến lượt' }))
        .statusCode,
    ).toBe(200);
    const mine = await summary('officerA');
    expect(mine.latest[0]).toMatchObject({
      kind: 'nomination_decided',
      title: 'Đề cử bị từ chối',
      body: `Đề cử ${p!.fullName} đi học lớp “Lớp sơ cấp LLCT thông báo 2” đã bị từ chối.`,
      link: `/classes/${cls}?tab=nominations`,
      read: false,
    });
    expect(await countNotifications(fx.users.officerA!.id)).toBe(before.officerA + 1);
    expect(await countNotifications(fx.users.officerD!.id)).toBe(before.officerD);
    expect(await countNotifications(fx.users.board!.id)).toBe(before.board);
  });

  it("tells the agency's officers when a waitlisted person gets the freed place", async () => {
    const cls = await insertClass(db, { organiserUnitId: fx.units.department, capacity: 1, name: 'Lớp sơ cấp LLCT một chỗ' });
    const [p1, p2] = await insertPeople(db, 2, { unitId: fx.units.communeA });
    const n1 = (await post('officerA', `/api/v1/classes/${cls}/nominations`, { personId: p1!.id })).json();
    const n2 = (await post('officerA', `/api/v1/classes/${cls}/nominations`, { personId: p2!.id })).json();
    expect(n2.status).toBe('waitlisted');
    expect(
      (
        await post('board', `/api/v1/nominations/${n1.id}/decision`, {
          step: 'board',
          decision: 'refused',
          note: 'Cơ quan cần người ở lại',
        })
      ).statusCode,
    ).toBe(200);
    const promoted = (await get('officerA', '/api/v1/me/notifications?limit=5'))
      .json()
      .items.find((i: { kind: string }) => i.kind === 'waitlist_promoted');
    expect(promoted).toMatchObject({
      title: 'Có chỗ trống trong lớp',
      body: `${p2!.fullName} được chuyển từ danh sách chờ vào lớp “Lớp sơ cấp LLCT một chỗ”.`,
    });
  });

  it('tells the learner and their agency of a recall, each with their own page', async () => {
    const today = todayInVietnam();
    const cls = await insertTrainingClass(db, {
      organiserUnitId: fx.units.department,
      cohortCode: 'K-TB',
      startDate: addDays(today, -5),
      endDate: addDays(today, 20),
      modules: [{ code: 'HP1', name: 'Triết học', periods: 10 }],
    });
    const enrolment = await enrol(db, cls.id, fx.people.binh);
    const res = await post('board', `/api/v1/enrolments/${enrolment}/recalls`, {
      fromDate: today,
      toDate: addDays(today, 1),
      reason: 'Triệu tập họp',
    });
    expect(res.statusCode, res.body).toBe(201);
    const learner = (await summary('learner')).latest[0];
    expect(learner).toMatchObject({ kind: 'recall_recorded', title: 'Có đợt triệu tập về cơ quan', link: '/learning' });
    expect(learner!.body).toContain('Nguyễn Thị Bình được triệu tập về cơ quan từ');
    expect((await summary('officerA')).latest[0]).toMatchObject({ kind: 'recall_recorded', link: '/my-learners' });
    expect((await summary('officerD')).latest.filter((l) => l.kind === 'recall_recorded')).toEqual([]);
  });

  it("counts the agency's conduct reports overdue or due soon, in its scope only", async () => {
    const today = todayInVietnam();
    const cls = await insertTrainingClass(db, {
      organiserUnitId: fx.units.department,
      cohortCode: 'K-RL',
      startDate: addDays(today, -30),
      endDate: addDays(today, 30),
      modules: [{ code: 'HP1', name: 'Triết học', periods: 10 }],
    });
    const an = await enrol(db, cls.id, fx.people.an);
    const dung = await enrol(db, cls.id, fx.people.dung);
    await db.query('INSERT INTO conduct_reports (enrolment_id, due_on) VALUES ($1, $2), ($3, $4)', [
      an,
      addDays(today, -2),
      dung,
      addDays(today, 3),
    ]);
    const conductOf = async (who: Who) => (await summary(who)).work.find((w) => w.kind === 'conductReports');
    expect(await conductOf('officerA')).toMatchObject({ count: 1, overdue: 1, link: '/my-learners', label: 'Nhận xét rèn luyện đến hạn' });
    expect(await conductOf('officerD')).toMatchObject({ count: 1, overdue: 0 });
    expect(await conductOf('board')).toMatchObject({ count: 2, overdue: 1 });
    expect(await conductOf('registrar')).toBeUndefined();
  });

  it('writes nothing when the transaction of the event fails', async () => {
    const before = await countNotifications(fx.users.officerA!.id);
    await expect(
      db.transaction(async (tx) => {
        const told = await notifyEvent(tx, {
          kind: 'waitlist_promoted',
          actorId: fx.users.board!.id,
          personId: fx.people.an,
          link: '/classes/1',
          params: { className: 'Lớp thử' },
        });
        expect(told).toBe(1);
        throw new Error('the event write failed');
      }),
    ).rejects.toThrow('the event write failed');
    expect(await countNotifications(fx.users.officerA!.id)).toBe(before);
  });
});

describe('reading and marking one’s own', () => {
  it('marks one read (audited), refuses another user’s id with 404, then marks all read', async () => {
    const list = (await get('officerA', '/api/v1/me/notifications?unread=true')).json();
    expect(list.unread).toBeGreaterThan(1);
    const id = list.items[0].id as number;
    const stranger = await post('officerD', `/api/v1/me/notifications/${id}/read`);
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().error.code).toBe('NOT_FOUND');
    expect((await get('officerD', '/api/v1/me/notifications')).json().items.map((i: { id: number }) => i.id)).not.toContain(id);
    expect((await post('officerA', `/api/v1/me/notifications/${id}/read`)).json()).toEqual({ marked: 1 });
    expect(
      (await db.query("SELECT 1 FROM audit_log WHERE entity = 'notification' AND action = 'read' AND entity_id = $1", [String(id)])).rows,
    ).toHaveLength(1);
    const after = (await get('officerA', '/api/v1/me/notifications?unread=true')).json();
    expect(after.unread).toBe(list.unread - 1);
    expect((await post('officerA', '/api/v1/me/notifications/read-all')).json()).toEqual({ marked: list.unread - 1 });
    expect((await summary('officerA')).unread).toBe(0);
    expect((await post('officerA', '/api/v1/me/notifications/999999/read')).statusCode).toBe(404);
  });
});

describe('e-mail to a local SMTP sink', () => {
  it('sends the outbox in Vietnamese with diacritics, retrying after a refusal, with nothing sent twice', async () => {
    const received: { to: string; raw: string }[] = [];
    let refuseNext = 1;
    const sink = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (refuseNext > 0) {
          refuseNext -= 1;
          return callback(Object.assign(new Error('Mailbox busy'), { responseCode: 451 }));
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const port = (sink.server.address() as AddressInfo).port;
    try {
      await db.query("UPDATE users SET email = 'can.bo.xa.a@example.test' WHERE id = $1", [fx.users.officerA!.id]);
      const cls = await insertClass(db, { organiserUnitId: fx.units.department, name: 'Lớp sơ cấp LLCT thư điện tử' });
      const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA });
      const n = (await post('officerA', `/api/v1/classes/${cls}/nominations`, { personId: p!.id })).json();
      expect((await post('board', `/api/v1/nominations/${n.id}/decision`, { step: 'board', decision: 'approved' })).statusCode).toBe(200);
      const outbox = (
        await db.query<{ id: number }>(
          "SELECT m.id FROM notification_emails m JOIN notifications n ON n.id = m.notification_id WHERE n.user_id = $1 AND m.status = 'pending'",
          [fx.users.officerA!.id],
        )
      ).rows;
      expect(outbox).toHaveLength(1);
      const ctx = {
        db,
        config: testConfig({
          smtp: { url: `smtp://127.0.0.1:${port}`, from: 'Nâng Tầm <no-reply@example.test>' },
          publicBaseUrl: 'https://nangtam.example.test',
        }),
      };
      // first attempt: the sink refuses (451); the row waits for its retry
      expect(await sendNotificationEmails(ctx, silent)).toEqual({ sent: 0, failed: 1 });
      const retrying = (
        await db.query<{ status: string; attempts: number; last_error: string; later: boolean }>(
          'SELECT status, attempts, last_error, next_attempt_at > now() AS later FROM notification_emails WHERE id = $1',
          [outbox[0]!.id],
        )
      ).rows[0]!;
      expect(retrying).toMatchObject({ status: 'pending', attempts: 1, later: true });
      expect(retrying.last_error).not.toContain('@');
      // not yet due: nothing sent
      expect(await sendNotificationEmails(ctx, silent)).toEqual({ sent: 0, failed: 0 });
      await db.query('UPDATE notification_emails SET next_attempt_at = now() WHERE id = $1', [outbox[0]!.id]);
      expect(await sendNotificationEmails(ctx, silent)).toEqual({ sent: 1, failed: 0 });
      expect(await sendNotificationEmails(ctx, silent)).toEqual({ sent: 0, failed: 0 });
      expect(received).toHaveLength(1);
      expect(received[0]!.to).toBe('can.bo.xa.a@example.test');
      const mail = parseTextMail(received[0]!.raw);
      expect(mail.headers.get('content-type')).toContain('charset=utf-8');
      expect(mail.subject).toBe('[Nâng Tầm] Đề cử đã được duyệt');
      expect(mail.text).toContain(`Đề cử ${p!.fullName} đi học lớp “Lớp sơ cấp LLCT thư điện tử” đã được duyệt.`);
      expect(mail.text).toContain(`Xem tại: https://nangtam.example.test/classes/${cls}?tab=nominations`);
      expect(
        (
          await db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM notification_emails WHERE id = $1', [
            outbox[0]!.id,
          ])
        ).rows[0],
      ).toEqual({ status: 'sent', attempts: 2 });
    } finally {
      await new Promise<void>((resolve) => sink.close(() => resolve()));
    }
  });

  it('sends nothing when SMTP is not configured', async () => {
    expect(await sendNotificationEmails({ db, config: testConfig() }, silent)).toEqual({ sent: 0, failed: 0 });
  });
});
