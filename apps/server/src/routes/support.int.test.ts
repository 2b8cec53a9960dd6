import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { SupportList, SupportPolicyInput } from '@nang-tam/contracts';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { enrol, insertSession, insertTrainingClass } from '../../../../tests/support/learners.js';
import { jobsClient, readSheet } from '../../../../tests/support/jobs.js';
import { supportOwedForClass } from '../services/support.service.js';

/**
 * Support policies and payment lists through the API on the fixture province: An (commune A, male,
 * Kinh, công chức), Bình (commune A, female, Tày, cán bộ; the learner account), Cường (commune B),
 * Dung (the department, female, viên chức). The class is organised by the department (the school).
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const USERS = ['board', 'noivu', 'officerA', 'officerD', 'registrar', 'learner'] as const;
type Who = (typeof USERS)[number];
const s = {} as Record<Who, Session>;
let classId: number;
let otherClassId: number;

const rates = {
  daily: {
    full_time: { inProvince: 50_000, outsideProvince: 100_000 },
    part_time: { inProvince: 30_000, outsideProvince: 60_000 },
    online: { inProvince: 0, outsideProvince: 0 },
  },
  accommodationPerNight: { inProvince: 0, outsideProvince: 150_000 },
  travelPerCourse: { inProvince: 100_000, outsideProvince: 400_000 },
  tuitionPercent: 0,
  women: { perDay: 10_000, perCourse: 0 },
  ethnicMinority: { perDay: 0, perCourse: 200_000 },
  capPerCourse: null,
  capPerYear: null,
};
const policy = (over: Partial<SupportPolicyInput> = {}): SupportPolicyInput => ({
  id: 'T99_NQ',
  name: 'Chính sách hỗ trợ học viên lớp của tỉnh',
  source: { code: '09/2025/NQ-HĐND', title: 'Nghị quyết thử', issuer: 'HĐND tỉnh Thử Nghiệm', issuedOn: '2024-12-10' },
  verified: false,
  coverage: { courseKinds: ['class'] },
  rates,
  period: { from: '2025-01-01', to: null },
  ...over,
});

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of USERS) s[u] = await loginAs(app, u);
  const c = await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'HT1', startDate: '2026-03-02', endDate: '2026-03-11', modules: [{ code: 'HP1', name: 'Học phần 1', periods: 40 }] });
  classId = c.id;
  for (const p of [fx.people.an, fx.people.binh, fx.people.cuong]) await enrol(db, classId, p);
  const other = await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'HT2', startDate: '2026-04-06', endDate: '2026-04-08', modules: [{ code: 'HP1', name: 'Học phần 1', periods: 12 }] });
  otherClassId = other.id;
  await enrol(db, otherClassId, fx.people.cuong);
  for (const d of ['2026-04-06', '2026-04-07']) await insertSession(db, otherClassId, { moduleId: other.modules.HP1!, date: d });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const post = (who: Who, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: as(s[who]), payload: payload as object });
const get = (who: Who, url: string) => app.inject({ url, headers: as(s[who]) });
const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

describe('support policies', () => {
  it('the board records a policy; it is audited and listed with its source', async () => {
    const res = await post('board', '/api/v1/support-policies', policy());
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json().items.find((p: { id: string }) => p.id === 'T99_NQ');
    expect(item).toMatchObject({ version: 1, verified: false, source: { code: '09/2025/NQ-HĐND' }, inForce: true });
    const audit = await db.query("SELECT action FROM audit_log WHERE entity = 'support_policy'");
    expect(audit.rows).toEqual([{ action: 'create' }]);
  });

  it.each([
    ['a negative rate', { ...rates, travelPerCourse: { inProvince: -1, outsideProvince: 0 } }, 'rates.travelPerCourse.inProvince', 'RATE_NEGATIVE'],
    ['a missing rate', { ...rates, women: { perDay: 10_000 } }, 'rates.women.perCourse', 'RATE_MISSING'],
    ['a fractional đồng', { ...rates, tuitionPercent: 12.5 }, 'rates.tuitionPercent', 'RATE_NOT_WHOLE'],
  ])('refuses %s with a Vietnamese message, nothing changed', async (_n, r, path, code) => {
    const before = await count('support_policy_versions');
    const res = await post('noivu', '/api/v1/support-policies', policy({ id: 'T99_OTHER', coverage: { courseKinds: ['outside'] }, rates: r as never }));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('SUPPORT_POLICY_INVALID');
    const d = res.json().error.details.find((x: { path: string }) => x.path === path);
    expect(d).toMatchObject({ code });
    expect(d.message).toMatch(/Mức|Chưa nhập/);
    expect(await count('support_policy_versions')).toBe(before);
  });

  it('refuses another policy for the same group over an overlapping period, nothing changed', async () => {
    const before = await count('support_policy_versions');
    const res = await post('board', '/api/v1/support-policies', policy({ id: 'T99_DUP', period: { from: '2025-06-01', to: '2026-12-31' } }));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'SUPPORT_POLICY_OVERLAP' });
    expect(res.json().error.message).toContain('cùng đối tượng');
    expect(await count('support_policy_versions')).toBe(before);
  });

  it('a new version from a date closes the one in force the day before (audited); a correction keeps the period', async () => {
    const res = await post('board', '/api/v1/support-policies', policy({ id: 'T99_V', name: 'Chính sách thử phiên bản', coverage: { courseKinds: ['outside'], categories: ['khong_chuyen_trach'] }, period: { from: '2024-01-01', to: null } }));
    expect(res.statusCode, res.body).toBe(201);
    const v2 = await post('noivu', '/api/v1/support-policies', policy({ id: 'T99_V', name: 'Chính sách thử phiên bản', coverage: { courseKinds: ['outside'], categories: ['khong_chuyen_trach'] }, period: { from: '2026-01-01', to: null }, rates: { ...rates, travelPerCourse: { inProvince: 150_000, outsideProvince: 400_000 } } }));
    expect(v2.statusCode, v2.body).toBe(201);
    const versions = v2.json().items.filter((p: { id: string }) => p.id === 'T99_V');
    expect(versions.map((p: { version: number; period: unknown; inForce: boolean }) => [p.version, p.period, p.inForce])).toEqual([
      [1, { from: '2024-01-01', to: '2025-12-31' }, false],
      [2, { from: '2026-01-01', to: null }, true],
    ]);
    const fix = await post('noivu', '/api/v1/support-policies', policy({ id: 'T99_V', name: 'Chính sách thử phiên bản', coverage: { courseKinds: ['outside'], categories: ['khong_chuyen_trach'] }, period: { from: '2024-01-01', to: '2025-06-30' }, corrects: 1 }));
    expect(fix.statusCode).toBe(400);
    expect(fix.json().error.details[0]).toMatchObject({ path: 'period', code: 'CORRECTION_PERIOD_MISMATCH' });
    const audit = await db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'support_policy' AND entity_id LIKE 'T99_V@%' ORDER BY id");
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'add_version']);
  });

  it('an agency cannot record a policy; a learner cannot read them', async () => {
    expect((await post('officerA', '/api/v1/support-policies', policy({ id: 'T99_X' }))).statusCode).toBe(403);
    expect((await get('learner', '/api/v1/support-policies')).statusCode).toBe(403);
  });

  it('a policy for people sent outside the province (another group) may overlap in time', async () => {
    const res = await post('board', '/api/v1/support-policies', policy({ id: 'T99_OUT', name: 'Hỗ trợ đi học ngoài tỉnh', coverage: { courseKinds: ['outside'], categories: ['can_bo', 'cong_chuc', 'vien_chuc'] }, rates: { ...rates, tuitionPercent: 50 } }));
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('a class payment list', () => {
  const rowOf = (l: SupportList, personId: number) => l.rows.find((r) => r.person.id === personId)!;

  it('the board sees every learner with each amount explained (10 calendar days, no schedule)', async () => {
    const res = await get('board', `/api/v1/classes/${classId}/support`);
    expect(res.statusCode, res.body).toBe(200);
    const l: SupportList = res.json();
    expect(l.rows).toHaveLength(3);
    const an = rowOf(l, fx.people.an);
    expect(an.items.map((i) => [i.code, i.amount])).toEqual([
      ['daily', 500_000],
      ['travel', 100_000],
    ]);
    expect(an.items[0]!.explanation).toBe('10 ngày học (từ 02/03/2026 đến 11/03/2026) × 50.000 đ/ngày (học tập trung, trong tỉnh; 09/2025/NQ-HĐND)');
    expect(an).toMatchObject({ owed: 600_000, paid: 0, remaining: 600_000, covered: true, actions: ['recordPayment'] });
    const binh = rowOf(l, fx.people.binh);
    expect(binh.owed).toBe(900_000); // + women 10 × 10,000 + Tày 200,000
    expect(binh.explanation).toContain('chưa được đối chiếu');
    expect(l.totals).toMatchObject({ owed: 2_100_000, paid: 0, items: { daily: 1_500_000, travel: 300_000, women: 100_000, ethnic_minority: 200_000 } });
    expect(l.actions).toEqual(['recordPayment', 'export']);
  });

  it('an agency sees the rows of its subtree only; the organiser (school) sees all, without payment actions', async () => {
    const a: SupportList = (await get('officerA', `/api/v1/classes/${classId}/support`)).json();
    expect(a.rows.map((r) => r.person.id).sort()).toEqual([fx.people.an, fx.people.binh].sort());
    expect(a.actions).toEqual(['export']);
    const school: SupportList = (await get('registrar', `/api/v1/classes/${classId}/support`)).json();
    expect(school.rows).toHaveLength(3);
    expect(school.rows.every((r) => r.actions.length === 0)).toBe(true);
  });

  it("another unit's list answers 404; a learner has no access to class lists", async () => {
    expect((await get('officerA', `/api/v1/classes/${otherClassId}/support`)).statusCode).toBe(404);
    expect((await get('officerA', '/api/v1/classes/999999/support')).statusCode).toBe(404);
    expect((await get('learner', `/api/v1/classes/${classId}/support`)).statusCode).toBe(403);
  });

  it('scheduled session dates are the study days when the class has a schedule', async () => {
    const l: SupportList = (await get('board', `/api/v1/classes/${otherClassId}/support`)).json();
    expect(l.rows[0]!.course).toMatchObject({ studyDays: 2, daysBasis: 'số ngày có buổi học theo lịch' });
    expect(l.rows[0]!.owed).toBe(2 * 50_000 + 100_000);
  });

  it('records a payment (one transaction, audited) and refuses one above what is still owed', async () => {
    const res = await post('board', `/api/v1/classes/${classId}/support/payments`, { personId: fx.people.an, amount: 400_000, paidOn: '2026-03-12', voucherNo: 'PC-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(rowOf(res.json(), fx.people.an)).toMatchObject({ paid: 400_000, remaining: 200_000 });
    const audit = await db.query<{ before: unknown; after: { amount: string } }>("SELECT before, after FROM audit_log WHERE entity = 'support_payment'");
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after.amount).toBe('400000');

    const before = await count('support_payments');
    const over = await post('noivu', `/api/v1/classes/${classId}/support/payments`, { personId: fx.people.an, amount: 200_001, paidOn: '2026-03-12' });
    expect(over.statusCode, over.body).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'SUPPORT_PAYMENT_ABOVE_OWED', details: [{ path: 'amount' }] });
    expect(over.json().error.message).toBe('Số tiền chi 200.001 đ vượt số còn được hỗ trợ 200.000 đ (được hỗ trợ 600.000 đ, đã chi 400.000 đ).');
    expect(await count('support_payments')).toBe(before);

    const rest = await post('noivu', `/api/v1/classes/${classId}/support/payments`, { personId: fx.people.an, amount: 200_000, paidOn: '2026-03-13' });
    expect(rowOf(rest.json(), fx.people.an)).toMatchObject({ paid: 600_000, remaining: 0, actions: [] });
  });

  it('refuses bad payments: an agency (403), a person not in the class (404), a zero or fractional amount (400), a future date', async () => {
    expect((await post('officerA', `/api/v1/classes/${classId}/support/payments`, { personId: fx.people.binh, amount: 1, paidOn: '2026-03-12' })).statusCode).toBe(403);
    expect((await post('board', `/api/v1/classes/${classId}/support/payments`, { personId: fx.people.dung, amount: 1, paidOn: '2026-03-12' })).statusCode).toBe(404);
    expect((await post('board', `/api/v1/classes/${classId}/support/payments`, { personId: fx.people.binh, amount: 0, paidOn: '2026-03-12' })).statusCode).toBe(400);
    expect((await post('board', `/api/v1/classes/${classId}/support/payments`, { personId: fx.people.binh, amount: 10.5, paidOn: '2026-03-12' })).statusCode).toBe(400);
    const future = await post('board', `/api/v1/classes/${classId}/support/payments`, { personId: fx.people.binh, amount: 1, paidOn: inAMonth() });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details).toEqual([expect.objectContaining({ path: 'paidOn', code: 'DATE_IN_FUTURE' })]);
  });

  it('the learner sees their own support and payments only', async () => {
    await post('board', `/api/v1/classes/${classId}/support/payments`, { personId: fx.people.binh, amount: 300_000, paidOn: '2026-03-12' });
    const res = await get('learner', '/api/v1/me/support');
    expect(res.statusCode, res.body).toBe(200);
    const me = res.json();
    expect(me.rows.map((r: { person: { id: number } }) => r.person.id)).toEqual([fx.people.binh]);
    expect(me.totals).toEqual({ owed: 900_000, paid: 300_000 });
    expect(me.payments.every((p: { personId: number }) => p.personId === fx.people.binh)).toBe(true);
    expect((await get('board', '/api/v1/me/support')).statusCode).toBe(404);
  });

  it('the budgets read the support owed for a class (whole đồng)', async () => {
    const owed = await supportOwedForClass(db, classId);
    expect(owed).toMatchObject({ learners: 3, covered: 3, total: 2_100_000n, paid: 900_000n });
    expect(owed!.byItem.women).toBe(100_000n);
  });

  it('exports the payment list as Excel with a signature column and its total', async () => {
    const jobs = jobsClient(app, db);
    const res = await post('board', '/api/v1/exports/support-list', { classId, format: 'xlsx' });
    expect(res.statusCode, res.body).toBe(202);
    await jobs.run();
    const job = await jobs.get(s.board, res.json().id);
    expect(job.status, JSON.stringify(job.result)).toBe('succeeded');
    const file = await jobs.file(s.board, job.id);
    const cells = (await readSheet(file.body)).flat().map((c) => (typeof c === 'object' && c !== null && 'result' in c ? (c as { result: unknown }).result : c));
    expect(cells).toContain('DANH SÁCH CHI TRẢ HỖ TRỢ HỌC VIÊN');
    expect(cells).toContain('Ký nhận');
    expect(cells).toContain('Nguyễn Thị Bình');
    expect(cells).toContain(2_100_000);
    expect((await post('officerA', '/api/v1/exports/support-list', { classId: otherClassId, format: 'xlsx' })).statusCode).toBe(404);
    const pdf = await post('officerA', '/api/v1/exports/support-list', { classId, format: 'pdf' });
    expect(pdf.statusCode, pdf.body).toBe(202);
    await jobs.run();
    const pdfJob = await jobs.get(s.officerA, pdf.json().id);
    expect(pdfJob.status, JSON.stringify(pdfJob.result)).toBe('succeeded');
    expect(pdfJob.result).toMatchObject({ rows: 2 }); // the agency's own learners only
    expect((await jobs.file(s.officerA, pdfJob.id)).body.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('an outside-training batch', () => {
  it('lists the people sent by one decision with tuition support, in the scope', async () => {
    await db.query(
      `INSERT INTO outside_trainings (person_id, programme_code, mode, institution, start_date, end_date, cost, status, eligibility, proposed_by, decision_no, decision_date, decision_signer)
       VALUES ($1, 'SDH_THS', 'part_time', 'Học viện Hành chính quốc gia', '2026-01-05', '2026-01-09', 12345679, 'sent', '{}'::jsonb, $2, '12-QĐ/BTCTU', '2025-12-20', 'Trưởng ban')`,
      [fx.people.dung, fx.users.board!.id],
    );
    const res = await get('board', `/api/v1/outside-support?decisionNo=${encodeURIComponent('12-QĐ/BTCTU')}`);
    expect(res.statusCode, res.body).toBe(200);
    const row = (res.json() as SupportList).rows[0]!;
    expect(row.items.map((i) => [i.code, i.amount])).toEqual([
      ['daily', 5 * 60_000],
      ['travel', 400_000],
      ['tuition', 6_172_840], // 50% of 12,345,679 = 6,172,839.5, half up
      ['women', 50_000],
      ['ethnic_minority', 200_000],
    ]);
    expect((await get('officerA', `/api/v1/outside-support?decisionNo=${encodeURIComponent('12-QĐ/BTCTU')}`)).statusCode).toBe(404);
    const batches = (await get('officerD', '/api/v1/outside-support/batches')).json();
    expect(batches.items).toEqual([{ decisionNo: '12-QĐ/BTCTU', decisionDate: '2025-12-20', people: 1 }]);
    const pay = await post('noivu', '/api/v1/outside-support/payments', { outsideTrainingId: row.course.id, amount: row.owed + 1, paidOn: '2026-01-10' });
    expect(pay.json().error).toMatchObject({ code: 'SUPPORT_PAYMENT_ABOVE_OWED' });
    const future = await post('noivu', '/api/v1/outside-support/payments', { outsideTrainingId: row.course.id, amount: 1, paidOn: inAMonth() });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details).toEqual([expect.objectContaining({ path: 'paidOn', code: 'DATE_IN_FUTURE' })]);
    const ok = await post('noivu', '/api/v1/outside-support/payments', { outsideTrainingId: row.course.id, amount: row.owed, paidOn: '2026-01-10' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as SupportList).rows[0]).toMatchObject({ paid: row.owed, remaining: 0 });
  });
});

/** A date a month from now, a real date the contract accepts but after today. */
function inAMonth(): string {
  return new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
}
