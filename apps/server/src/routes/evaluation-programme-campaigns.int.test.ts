import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { peopleRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, personWrite, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { enrol, insertTrainingClass } from '../../../../tests/support/learners.js';
import { jobsClient, readSheet } from '../../../../tests/support/jobs.js';
import { pdfText } from '../../../../tests/support/pdf-text.js';

/**
 * Evaluation campaigns for a programme and a period (branch lecturer-views, decision 0066): every
 * class of the programme that ended in the period, is due (two years after its end) and is
 * organised in the opener's reach; the agencies' assessments on top of the pre-filled facts; the
 * report. Classes of TC_LLCT: A (school, ended 31/5/2022: An, Bình of commune A, Cường of commune B),
 * B (school, ended 30/11/2022: An again, Dũng of commune A), C (commune B, ended 30/6/2022: Em of
 * commune B), D (school, ended 1/10/2025: not due).
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const USERS = ['board', 'registrar', 'officerA', 'officerD', 'lecturer', 'noivu'] as const;
type Who = (typeof USERS)[number];
const s = {} as Record<Who, Session>;
const k = { A: 0, B: 0, C: 0, D: 0 };
const p = { an: 0, binh: 0, cuong: 0, dung: 0, em: 0 };

const send = (who: Who, method: 'POST' | 'PUT', url: string, payload: unknown) => app.inject({ method, url, headers: as(s[who]), payload: payload as object });
const get = (who: Who, url: string) => app.inject({ url, headers: as(s[who]) });
const open = (who: Who, body: Record<string, unknown>) => send(who, 'POST', '/api/v1/evaluation/campaigns', { dueOn: '2099-01-31', ...body });
const campaigns = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM evaluation_campaigns')).rows[0]!.n;

let serial = 0;
async function person(unitId: number): Promise<number> {
  serial += 1;
  const [id] = await peopleRepo.insertPeople(db, [personWrite({ fullName: `Học Viên ${serial}`, unitId, citizenId: `00809200${String(serial).padStart(4, '0')}`, birthDate: '1985-01-01' })]);
  await db.query("INSERT INTO assignments (person_id, unit_id, started_on, reason) VALUES ($1, $2, '2012-01-01', 'recruitment')", [id, unitId]);
  return id!;
}

async function graduated(code: string, organiserUnitId: number, startDate: string, endDate: string, people: number[]): Promise<number> {
  const c = await insertTrainingClass(db, { organiserUnitId, cohortCode: code, startDate, endDate, modules: [{ code: 'HP1', name: 'Học phần 1', periods: 40 }] });
  for (const id of people) await enrol(db, c.id, id);
  await db.query("UPDATE enrolments SET status = 'completed' WHERE class_id = $1", [c.id]);
  return c.id;
}

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of USERS) s[u] = await loginAs(app, u);
  p.an = await person(fx.units.communeA);
  p.binh = await person(fx.units.communeA);
  p.cuong = await person(fx.units.communeB);
  p.dung = await person(fx.units.communeA);
  p.em = await person(fx.units.communeB);
  k.A = await graduated('P-A', fx.units.department, '2022-03-01', '2022-05-31', [p.an, p.binh, p.cuong]);
  k.B = await graduated('P-B', fx.units.department, '2022-09-01', '2022-11-30', [p.an, p.dung]);
  k.C = await graduated('P-C', fx.units.communeB, '2022-06-01', '2022-06-30', [p.em]);
  k.D = await graduated('P-D', fx.units.department, '2025-03-01', '2025-10-01', [p.binh]);
  await db.query("INSERT INTO appraisals (person_id, year, classification) VALUES ($1, 2020, 'good'), ($1, 2021, 'good'), ($1, 2023, 'excellent')", [p.dung]);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

let first = 0;

describe('evaluation campaigns for a programme and a period', () => {
  it('refuses a reversed or missing period, an unknown programme, a period with no due class — nothing opened', async () => {
    const reversed = await open('registrar', { programmeCode: 'TC_LLCT', from: '2022-12-31', to: '2022-01-01' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'to', code: 'DATE_BEFORE_START' })] });
    expect(reversed.json().error.message).toContain('ngày cuối trước ngày đầu');
    const missing = await open('registrar', { programmeCode: 'TC_LLCT', from: '2022-01-01' });
    expect(missing.statusCode).toBe(400);
    expect((await open('registrar', { programmeCode: 'TC_LLCT', from: '2022-01-01', to: '' })).statusCode).toBe(400);
    const unknown = await open('registrar', { programmeCode: 'KHONG_CO', from: '2022-01-01', to: '2022-12-31' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'UNKNOWN_PROGRAMME']);
    // a period where no class of the programme ended
    const none = await open('registrar', { programmeCode: 'TC_LLCT', from: '2019-01-01', to: '2019-12-31' });
    expect([none.statusCode, none.json().error.code]).toEqual([409, 'EVALUATION_NO_DUE_CLASS']);
    expect(none.json().error.message).toContain('không có lớp nào');
    // a class ended in the period, not yet two years ago: the message names the day it becomes due
    const early = await open('registrar', { programmeCode: 'TC_LLCT', from: '2025-01-01', to: '2025-12-31' });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'EVALUATION_NO_DUE_CLASS']);
    expect(early.json().error.message).toContain('01/10/2027');
    // a class campaign's body and a programme's cannot be mixed
    expect((await open('registrar', { classId: k.A, programmeCode: 'TC_LLCT', from: '2022-01-01', to: '2022-12-31' })).statusCode).toBe(400);
    // only the school and the board open one
    for (const who of ['officerA', 'lecturer'] as const) expect((await open(who, { programmeCode: 'TC_LLCT', from: '2022-01-01', to: '2022-12-31' })).statusCode).toBe(403);
    expect(await campaigns()).toBe(0);
  });

  it("opens for the school its due classes of the period, one row per graduate, audited", async () => {
    const res = await open('registrar', { programmeCode: 'TC_LLCT', from: '2022-01-01', to: '2022-12-31', note: 'Đánh giá khóa 2022' });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    first = c.id;
    expect(c).toMatchObject({ scope: 'programme', class: null, period: { from: '2022-01-01', to: '2022-12-31' }, classCount: 2, status: 'open', graduates: 4, assessed: 0, actions: ['close', 'report'] });
    // C is organised by commune B (out of the school's reach), D is not due
    expect(c.classes.map((x: { id: number }) => x.id)).toEqual([k.B, k.A]);
    // An graduated from A and B: one row, the later class
    const byPerson = new Map(c.assessments.map((a: { person: { id: number }; class: { id: number } }) => [a.person.id, a.class.id]));
    expect(Object.fromEntries(byPerson)).toEqual({ [p.an]: k.B, [p.binh]: k.A, [p.cuong]: k.A, [p.dung]: k.B });
    // Dũng's pre-filled facts: before 2020–2021 (course B started 2022) both good; after 2023–2024 (ended after 30 June): 2023 excellent
    const dung = c.assessments.find((a: { person: { id: number } }) => a.person.id === p.dung);
    expect(dung.facts).toMatchObject({ beforeRated: 2, beforeGood: 2, afterRated: 1, afterGood: 1 });
    expect(c.comparison.graduates.people).toBe(5); // the comparison pools the classes' cohorts (An counts in both)
    const audit = await db.query<{ after: { programmeCode: string; classIds: number[]; graduates: number } }>(
      "SELECT after FROM audit_log WHERE entity = 'evaluation_campaign' AND action = 'open' AND entity_id = $1",
      [String(first)],
    );
    expect(audit.rows.map((r) => [r.after.programmeCode, r.after.classIds, r.after.graduates])).toEqual([['TC_LLCT', [k.B, k.A], 4]]);
    const list = (await get('registrar', '/api/v1/evaluation/campaigns')).json();
    expect(list.items).toEqual([expect.objectContaining({ id: first, scope: 'programme', classCount: 2 })]);
  });

  it('refuses a second open campaign of the programme over an overlapping period (409), nothing changed', async () => {
    for (const [from, to] of [
      ['2022-06-01', '2023-01-31'],
      ['2021-01-01', '2022-01-01'],
      ['2022-12-31', '2022-12-31'],
    ]) {
      const res = await open('board', { programmeCode: 'TC_LLCT', from, to });
      expect([res.statusCode, res.json().error.code], `${from}–${to}`).toEqual([409, 'CAMPAIGN_OVERLAP']);
      expect(res.json().error.message).toContain('01/01/2022 đến 31/12/2022');
    }
    expect(await campaigns()).toBe(1);
  });

  it("takes the agencies' assessments of their own graduates only; out of reach is 404", async () => {
    const a = (await get('officerA', `/api/v1/evaluation/campaigns/${first}`)).json();
    expect(a.assessments.map((x: { person: { id: number } }) => x.person.id).sort()).toEqual([p.an, p.binh, p.dung].sort());
    const body = { appliesKnowledge: 'fully', workChange: 'improved', comment: 'Vận dụng tốt' };
    const ok = await send('officerA', 'PUT', `/api/v1/evaluation/campaigns/${first}/assessments/${p.an}`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ class: { id: k.B }, appliesKnowledge: 'fully' });
    expect((await send('officerA', 'PUT', `/api/v1/evaluation/campaigns/${first}/assessments/${p.cuong}`, body)).statusCode).toBe(404);
    expect((await send('officerA', 'PUT', `/api/v1/evaluation/campaigns/${first}/assessments/${p.em}`, body)).statusCode).toBe(404);
    expect((await get('officerD', `/api/v1/evaluation/campaigns/${first}`)).statusCode).toBe(404);
    const owed = (await get('officerA', '/api/v1/evaluation/owed')).json();
    expect(owed.items.map((x: { person: { id: number }; className: string }) => [x.person.id, x.className]).sort()).toEqual(
      [
        [p.binh, expect.stringContaining('P-A')],
        [p.dung, expect.stringContaining('P-B')],
      ].sort((x, y) => (x[0] as number) - (y[0] as number)),
    );
  });

  it('ends in a report in Excel and PDF naming the classes, and closes', async () => {
    const jobs = jobsClient(app, db);
    const xlsx = await send('registrar', 'POST', `/api/v1/evaluation/campaigns/${first}/report`, { format: 'xlsx' });
    const pdf = await send('registrar', 'POST', `/api/v1/evaluation/campaigns/${first}/report`, { format: 'pdf' });
    expect(xlsx.statusCode, xlsx.body).toBe(202);
    await jobs.run();
    const jx = await jobs.get(s.registrar, xlsx.json().id);
    expect(jx.status, JSON.stringify(jx)).toBe('succeeded');
    const text = (await readSheet((await jobs.file(s.registrar, jx.id)).body)).map((r) => r.join('|')).join('\n');
    expect(text).toContain('các lớp kết thúc từ 01/01/2022 đến 31/12/2022');
    expect(text).toContain('Các lớp được đánh giá (2)');
    expect(text).toContain('Vận dụng tốt');
    const jp = await jobs.get(s.registrar, pdf.json().id);
    expect(jp.status).toBe('succeeded');
    expect(pdfText((await jobs.file(s.registrar, jp.id)).body)).toContain('ĐÁNH GIÁ KẾT QUẢ');
    const closed = await send('registrar', 'POST', `/api/v1/evaluation/campaigns/${first}/close`, { version: 1 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', assessed: 1 });
    const late = await send('officerA', 'PUT', `/api/v1/evaluation/campaigns/${first}/assessments/${p.binh}`, { appliesKnowledge: 'partly', workChange: 'unchanged' });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'CAMPAIGN_CLOSED']);
  }, 60_000);

  it('lets the board open an overlapping period once the first is closed, with every organiser’s classes', async () => {
    const res = await open('board', { programmeCode: 'TC_LLCT', from: '2022-06-01', to: '2023-06-30' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().classes.map((x: { id: number }) => x.id)).toEqual([k.B, k.C]);
    // the school does not run the board's campaign: it sees it as an organiser would not
    expect((await get('registrar', `/api/v1/evaluation/campaigns/${res.json().id}`)).statusCode).toBe(404);
    expect((await send('registrar', 'POST', `/api/v1/evaluation/campaigns/${res.json().id}/close`, { version: 1 })).statusCode).toBe(404);
    expect((await send('board', 'POST', `/api/v1/evaluation/campaigns/${res.json().id}/close`, { version: 1 })).statusCode).toBe(200);
  });

  it('opens one of two overlapping campaigns asked for at once, refuses the other', async () => {
    const before = await campaigns();
    const answers = await Promise.all([
      open('board', { programmeCode: 'TC_LLCT', from: '2022-01-01', to: '2022-12-31' }),
      open('registrar', { programmeCode: 'TC_LLCT', from: '2022-03-01', to: '2022-12-31' }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((r) => r.statusCode === 409)!.json().error.code).toBe('CAMPAIGN_OVERLAP');
    expect(await campaigns()).toBe(before + 1);
  });
});
