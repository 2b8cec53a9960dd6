import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { insertPeople } from '../../../../tests/support/classes.js';

/**
 * Service commitments and reimbursement cases through the API, on the fixture province. Training
 * records are inserted as the outside-training chain leaves them (sent, or completed with a result):
 * the chain itself is tested in outside-trainings.int.test.ts.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const USERS = ['board', 'sysadmin', 'noivu', 'officerA', 'officerD', 'learner'] as const;
type Who = (typeof USERS)[number];
const s = {} as Record<Who, Session>;

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

const post = (who: Who, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: as(s[who]), payload: payload as object });
const get = (who: Who, url: string) => app.inject({ url, headers: as(s[who]) });

interface TrainingOver {
  start?: string;
  end?: string;
  decisionDate?: string;
  cost?: number | null;
  status?: 'sent' | 'completed';
  result?: 'graduated' | 'not_graduated' | 'withdrawn';
}

/** A master's record as the chain leaves it (default: NĐ 101, 24 months to 31/8/2024, 120 million đồng, graduated). */
async function master(personId: number, o: TrainingOver = {}): Promise<number> {
  const status = o.status ?? 'completed';
  const end = o.end ?? '2024-08-31';
  const r = await db.query<{ id: number }>(
    `INSERT INTO outside_trainings (person_id, programme_code, mode, institution, start_date, end_date, cost, status, eligibility, proposed_by,
       decision_no, decision_date, decision_signer, result, result_date)
     VALUES ($1, 'SDH_THS', 'full_time', 'Trường Đại học Luật Hà Nội', $2, $3, $4, $5, $10, $6,
       '5-QĐ/TU', $7, 'Trưởng ban', $8, $9) RETURNING id`,
    [
      personId,
      o.start ?? '2022-09-01',
      end,
      o.cost === undefined ? 120_000_000 : o.cost,
      status,
      fx.users.board!.id,
      o.decisionDate ?? '2022-08-01',
      status === 'completed' ? (o.result ?? 'graduated') : null,
      status === 'completed' ? end : null,
      JSON.stringify({ programmeCode: 'SDH_THS', programmeName: 'Thạc sĩ', mode: 'full_time', asOf: o.start ?? '2022-09-01', outcome: 'eligible', rules: [], missing: [], missingLabels: [], notes: [], summary: 'Đủ điều kiện' }),
    ],
  );
  return r.rows[0]!.id;
}

const auditOf = async (entity: string, personId: number) =>
  (await db.query<{ action: string }>('SELECT action FROM audit_log WHERE entity = $1 AND person_id = $2 ORDER BY id', [entity, personId])).rows.map((r) => r.action);

describe("a person's commitment", () => {
  it('shows the commitment from the day after the course, twice the training time under NĐ 101/2017', async () => {
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA });
    await master(p!.id);
    const res = await get('officerA', `/api/v1/people/${p!.id}/commitments`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.commitments).toHaveLength(1);
    expect(body.commitments[0]).toMatchObject({ source: '101/2017/NĐ-CP', multiplier: 2, trainingMonths: 24, months: 48, from: '2024-09-01', to: '2028-08-31', inProgress: false });
    expect(body.commitments[0].served + body.commitments[0].remaining).toBe(48);
    expect(body.leaving).toBeNull();
    expect(body.actions).toEqual(['recordLeaving']);
    expect((await get('board', `/api/v1/people/${p!.id}/commitments`)).json().actions).toEqual(['recordLeaving', 'openCase']);
    expect((await get('officerD', `/api/v1/people/${p!.id}/commitments`)).statusCode).toBe(404);
    expect((await get('learner', `/api/v1/people/${p!.id}/commitments`)).statusCode).toBe(404);
  });

  it('lets a learner see their own commitment, read-only, and no case list', async () => {
    await master(fx.people.binh, { start: '2025-09-01', end: '2026-08-31', decisionDate: '2025-08-01', cost: 60_000_000 });
    const body = (await get('learner', `/api/v1/people/${fx.people.binh}/commitments`)).json();
    expect(body.commitments[0]).toMatchObject({ source: '171/2025/NĐ-CP', multiplier: 3, months: 36, from: '2026-09-01' });
    expect(body.actions).toEqual([]);
    expect((await get('learner', '/api/v1/reimbursement-cases')).statusCode).toBe(403);
    expect((await post('learner', `/api/v1/people/${fx.people.binh}/leaving`, { leftOn: '2026-10-01', reason: 'resigned' })).statusCode).toBe(403);
  });

  it('creates none for a self-paid course', async () => {
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA });
    await master(p!.id, { cost: null });
    expect((await get('officerA', `/api/v1/people/${p!.id}/commitments`)).json().commitments).toEqual([]);
  });
});

describe('leaving the service', () => {
  it('opens the case with the prorated amount in the same transaction, audited; a second leaving is refused', async () => {
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA });
    await master(p!.id);
    const res = await post('officerA', `/api/v1/people/${p!.id}/leaving`, { leftOn: '2026-08-31', reason: 'resigned', decisionNo: '12/QĐ-UBND' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.openedCaseIds).toHaveLength(1);
    expect(body.commitments.leaving).toMatchObject({ leftOn: '2026-08-31', reason: 'resigned', decisionNo: '12/QĐ-UBND' });
    expect(body.commitments.cases[0]).toMatchObject({ status: 'notified', basis: 'partial', cost: 120_000_000, commitmentMonths: 48, monthsServed: 24, amount: 60_000_000, paid: 0, actions: [] });
    expect(body.commitments.cases[0].explanation).toContain('120.000.000 đồng / 48 × (48 − 24) = 60.000.000 đồng');
    expect(await auditOf('service_leaving', p!.id)).toEqual(['record_leaving']);
    expect(await auditOf('reimbursement_case', p!.id)).toEqual(['open']);
    const again = await post('officerA', `/api/v1/people/${p!.id}/leaving`, { leftOn: '2026-09-30', reason: 'dismissed' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'LEAVING_RECORDED']);
    expect((await post('officerD', `/api/v1/people/${p!.id}/leaving`, { leftOn: '2026-08-31', reason: 'resigned' })).statusCode).toBe(404);
  });

  it('owes the full cost when leaving during the course, and nothing on a transfer within the political system', async () => {
    const [a, b] = await insertPeople(db, 2, { unitId: fx.units.communeA });
    await master(a!.id, { status: 'sent', start: '2025-09-01', end: '2027-08-31', decisionDate: '2025-08-01' });
    const left = (await post('officerA', `/api/v1/people/${a!.id}/leaving`, { leftOn: '2026-03-01', reason: 'left_public_sector' })).json();
    expect(left.commitments.cases[0]).toMatchObject({ cause: 'course_not_completed', basis: 'not_completed', amount: 120_000_000 });
    await master(b!.id);
    const moved = (await post('officerA', `/api/v1/people/${b!.id}/leaving`, { leftOn: '2026-03-01', reason: 'transferred_political_system' })).json();
    expect(moved.openedCaseIds).toEqual([]);
    expect(moved.commitments.cases).toEqual([]);
  });

  it('refuses a leaving date in the future', async () => {
    const res = await post('officerA', `/api/v1/people/${fx.people.an}/leaving`, { leftOn: '2999-01-01', reason: 'resigned' });
    expect([res.statusCode, res.json().error.details[0].path]).toEqual([400, 'leftOn']);
  });
});

describe('a case', () => {
  it('goes notified → agreed → paid, refusing a step out of order and a payment above what is owed, each step audited', async () => {
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA });
    await master(p!.id);
    const id = (await post('officerA', `/api/v1/people/${p!.id}/leaving`, { leftOn: '2026-08-31', reason: 'dismissed' })).json().openedCaseIds[0];
    const url = `/api/v1/reimbursement-cases/${id}`;
    expect((await get('board', url)).json().actions).toEqual(['agree', 'waive']);
    expect((await get('officerA', url)).statusCode).toBe(403);
    const early = await post('board', `${url}/steps`, { action: 'recordPayment', amount: 1_000 });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'CASE_STEP_ORDER']);
    expect(early.json().error.message).toContain('Đã thông báo');
    expect((await post('noivu', `${url}/steps`, { action: 'agree' })).json()).toMatchObject({ status: 'agreed', actions: ['recordPayment', 'waive'] });
    const above = await post('board', `${url}/steps`, { action: 'recordPayment', amount: 60_000_001 });
    expect([above.statusCode, above.json().error.code]).toEqual([409, 'PAYMENT_ABOVE_OWED']);
    expect(above.json().error.message).toBe('Số tiền nộp 60.000.001 đồng vượt số còn phải đền bù 60.000.000 đồng.');
    expect((await post('board', `${url}/steps`, { action: 'recordPayment', amount: 20_000_000 })).json()).toMatchObject({ status: 'agreed', paid: 20_000_000 });
    const paid = (await post('board', `${url}/steps`, { action: 'recordPayment', amount: 40_000_000 })).json();
    expect(paid).toMatchObject({ status: 'paid', paid: 60_000_000, actions: [] });
    expect(paid.steps.map((x: { step: string }) => x.step)).toEqual(['notified', 'agreed', 'payment', 'payment']);
    expect(await auditOf('reimbursement_case', p!.id)).toEqual(['open', 'agree', 'record_payment', 'record_payment']);
    expect((await post('board', `${url}/steps`, { action: 'recordPayment', amount: -5 })).statusCode).toBe(400);
  });

  it('is waived with a decision on a certified illness', async () => {
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA });
    await master(p!.id);
    const id = (await post('officerA', `/api/v1/people/${p!.id}/leaving`, { leftOn: '2026-08-31', reason: 'resigned' })).json().openedCaseIds[0];
    const url = `/api/v1/reimbursement-cases/${id}/steps`;
    expect((await post('board', url, { action: 'waive', ground: 'illness', decisionNo: '  ' })).statusCode).toBe(400);
    const res = await post('board', url, { action: 'waive', ground: 'illness', decisionNo: '88-QĐ/BTCTU' });
    expect(res.json()).toMatchObject({ status: 'waived', waiver: { ground: 'illness', decisionNo: '88-QĐ/BTCTU' }, actions: [] });
  });

  it('opens with the full cost when a result "not graduated" is recorded', async () => {
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA });
    const t = await master(p!.id, { status: 'sent', start: '2024-01-01', end: '2025-12-31', decisionDate: '2023-12-01' });
    const res = await post('sysadmin', `/api/v1/outside-trainings/${t}/result`, { result: 'not_graduated', date: '2025-12-31' });
    expect(res.statusCode, res.body).toBe(200);
    const cases = (await get('board', `/api/v1/people/${p!.id}/commitments`)).json().cases;
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ cause: 'course_not_completed', amount: 120_000_000, status: 'notified' });
    const again = await post('board', '/api/v1/reimbursement-cases', { outsideTrainingId: t });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'DUPLICATE']);
  });

  it('refuses a case for a person with no commitment, or nothing owed yet; 404 out of scope', async () => {
    const [p, q] = await insertPeople(db, 2, { unitId: fx.units.communeA });
    const none = await master(p!.id, { cost: null });
    const res = await post('board', '/api/v1/reimbursement-cases', { outsideTrainingId: none });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'COMMITMENT_NONE']);
    expect(res.json().error.message).toMatch(/không có cam kết phục vụ/);
    const serving = await master(q!.id);
    const notDue = await post('board', '/api/v1/reimbursement-cases', { outsideTrainingId: serving });
    expect([notDue.statusCode, notDue.json().error.code]).toEqual([409, 'REIMBURSEMENT_NOT_DUE']);
    const [d] = await insertPeople(db, 1, { unitId: fx.units.department });
    const other = await master(d!.id, { status: 'completed', result: 'withdrawn' });
    expect((await get('board', `/api/v1/people/${d!.id}/commitments`)).json().cases).toEqual([]);
    const opened = await post('board', '/api/v1/reimbursement-cases', { outsideTrainingId: other });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ basis: 'not_completed', amount: 120_000_000 });
    expect((await get('officerA', '/api/v1/reimbursement-cases')).statusCode).toBe(403);
    const list = (await get('noivu', '/api/v1/reimbursement-cases?q=' + encodeURIComponent(opened.json().person.fullName))).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(opened.json().id);
  });
});
