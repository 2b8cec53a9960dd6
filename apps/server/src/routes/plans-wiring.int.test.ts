import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { needsRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { insertPeople } from '../../../../tests/support/classes.js';
import { insertTrainingClass } from '../../../../tests/support/learners.js';

/**
 * Issue 9 wired end to end (decision 0035): outside-training records realise plan lines (one
 * learner, no class), linked under the same checks as classes and shown in plan against actual and
 * its drill-down; a line of a programme taught outside plans people, not classes; a campaign's
 * aggregated needs proposed as plan lines and added to the draft version (refused once approved).
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let board: Session;
let noivu: Session;
let officer: Session;
const YEAR = 2031;
const ACADEMY = 'Học viện Chính trị quốc gia Hồ Chí Minh';

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  board = await loginAs(app, 'board');
  noivu = await loginAs(app, 'noivu');
  officer = await loginAs(app, 'officerA');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const get = (s: Session, url: string) => app.inject({ url, headers: as(s) });
const post = (s: Session, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: as(s), payload: payload as object });
const line = (over: Record<string, unknown> = {}) => ({
  programmeCode: 'TC_LLCT',
  mode: 'full_time',
  classes: 1,
  learners: 60,
  year: YEAR,
  quarter: 1,
  organiserUnitId: fx.units.department,
  siteKind: 'school',
  site: 'Trường Chính trị tỉnh',
  estimatedCost: 100_000_000,
  ...over,
});
const outsideCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outside_trainings')).rows[0]!.n;
const detailAt = (body: { error: { details: { path: string; code: string; message: string }[] } }, path: string) => body.error.details.find((d) => d.path === path);

async function openPlan(year: number, lines: Record<string, unknown>[]) {
  const plan = (await post(board, '/api/v1/plans/annual', { year, title: `Kế hoạch đào tạo, bồi dưỡng năm ${year}` })).json();
  const v = plan.versions[0];
  const res = await post(board, `/api/v1/plans/versions/${v.id}/lines`, { rowVersion: v.rowVersion, lines });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; rowVersion: number; lines: { lineId: number; programme: { code: string } }[] };
}

let version: { id: number; rowVersion: number };
const lineOf: Record<string, number> = {};

describe('a line of a programme taught outside the province plans people sent, no classes', () => {
  it('refuses classes on a master’s line, at the field', async () => {
    const plan = (await post(board, '/api/v1/plans/annual', { year: YEAR, title: `Kế hoạch năm ${YEAR}` })).json();
    version = { id: plan.versions[0].id, rowVersion: plan.versions[0].rowVersion };
    const res = await post(board, `/api/v1/plans/versions/${version.id}/lines`, { rowVersion: version.rowVersion, lines: [line({ programmeCode: 'SDH_THS', classes: 1, learners: 3 })] });
    expect(res.statusCode).toBe(400);
    expect(detailAt(res.json(), 'lines.0.classes')).toMatchObject({
      code: 'PLAN_LINE_NO_CLASSES',
      message: 'Chương trình do cơ sở ngoài tỉnh hoặc ở nước ngoài tổ chức: kế hoạch ghi số người được cử đi học, số lớp để 0.',
    });
  });

  it('takes 0 classes and 3 learners at the academy beside a class line', async () => {
    const res = await post(board, `/api/v1/plans/versions/${version.id}/lines`, {
      rowVersion: version.rowVersion,
      lines: [line(), line({ programmeCode: 'SDH_THS', classes: 0, learners: 3, quarter: 3, site: ACADEMY })],
    });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    [lineOf.tc, lineOf.ths] = v.lines.map((l: { lineId: number }) => l.lineId);
    version.rowVersion = v.rowVersion;
  });
});

describe('outside-training records against plan lines', () => {
  const base = (personId: number, over: Record<string, unknown> = {}) => ({
    personId,
    programmeCode: 'SDH_THS',
    mode: 'full_time',
    institution: ACADEMY,
    startDate: `${YEAR}-09-01`,
    endDate: `${YEAR + 2}-06-30`,
    studyField: 'Quản lý công',
    overrideReason: 'Cán bộ trong quy hoạch, Ban Thường vụ đã đồng ý.',
    ...over,
  });
  let people: { id: number }[];

  it('the agency’s form lists every line of the year’s plan for the programme (the line is organised by the school)', async () => {
    const mine = (await get(officer, `/api/v1/plans/linkable-lines?year=${YEAR}&programme=SDH_THS&purpose=outside`)).json();
    expect(mine.items.map((l: { lineId: number }) => l.lineId)).toEqual([lineOf.ths]);
  });

  it.each([
    ['a line of another year', () => ({ startDate: `${YEAR + 1}-02-01`, endDate: `${YEAR + 3}-01-31` }), 'planLineId', 'PLAN_LINE_OTHER_YEAR'],
    ['a line of another programme', () => ({ planLineId: lineOf.tc }), 'planLineId', 'PLAN_LINE_OTHER_PROGRAMME'],
    ['a line and outside the plan', () => ({ outsidePlan: true }), 'outsidePlan', 'PLAN_LINE_OR_OUTSIDE'],
    ['no such line', () => ({ planLineId: 999_999 }), 'planLineId', 'PLAN_LINE_UNKNOWN'],
  ])('refuses %s with a field error, nothing written', async (_n, over, path, code) => {
    people ??= await insertPeople(db, 4, { unitId: fx.units.communeA, namePrefix: 'Lương Thị Học' });
    const before = await outsideCount();
    const res = await post(board, '/api/v1/outside-trainings', base(people[0]!.id, { planLineId: lineOf.ths, ...over() }));
    expect(res.statusCode, res.body).toBe(400);
    const d = detailAt(res.json(), path);
    expect(d?.code).toBe(code);
    expect(d?.message).toMatch(/[àáảãạăâđêôơư]/);
    expect(await outsideCount()).toBe(before);
  });

  it('links records to the line; the database refuses a link to no line', async () => {
    const ids: number[] = [];
    for (const p of people.slice(0, 3)) {
      const res = await post(board, '/api/v1/outside-trainings', base(p.id, { planLineId: lineOf.ths }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().planLineId).toBe(lineOf.ths);
      ids.push(res.json().id);
    }
    // two are sent (sending decision recorded), the third is still proposed: it does not count
    for (const id of ids.slice(0, 2)) {
      await db.query(`UPDATE outside_trainings SET status = 'sent', decision_no = '12-QĐ/TU', decision_date = $2 WHERE id = $1`, [id, `${YEAR}-08-15`]);
    }
    await expect(db.query('UPDATE outside_trainings SET plan_line_id = 999999 WHERE id = $1', [ids[2]])).rejects.toThrow(/foreign key|outside_trainings_plan_line_fkey/);
  });

  it('plan against actual counts them as learners of their line, not classes, and the drill-down lists them and their people', async () => {
    const r = (await get(board, `/api/v1/plans/annual/${YEAR}/realisation?asOf=${YEAR}-12-31`)).json();
    const ths = r.lines.find((l: { row: string }) => l.row === `line:${lineOf.ths}`);
    expect(ths.figures).toMatchObject({ plannedClasses: 0, plannedLearners: 3, doneClasses: 0, doneLearners: 2, carriedOutClasses: 0 });
    expect(ths.figures.learnersPercent.text).toBe('66,66%');
    expect(r.total.doneLearners).toBe(2);
    expect(r.notes.join(' ')).toMatch(/ngoài tỉnh/);
    const drill = (await get(board, `/api/v1/plans/annual/${YEAR}/realisation/drill?asOf=${YEAR}-12-31&row=line:${lineOf.ths}&measure=done`)).json();
    expect(drill.classes).toEqual([]);
    expect(drill.outside).toHaveLength(2);
    expect(drill.outside[0]).toMatchObject({ source: 'outside_training', institution: ACADEMY, status: 'sent', programme: { code: 'SDH_THS' } });
    expect(drill.outside.map((o: { person: { fullName: string } }) => o.person.fullName).every((n: string) => n.startsWith('Lương Thị Học'))).toBe(true);
    const carried = (await get(board, `/api/v1/plans/annual/${YEAR}/realisation/drill?asOf=${YEAR}-12-31&row=line:${lineOf.ths}&measure=carriedOut`)).json();
    expect(carried.outside).toHaveLength(2);
  });
});

describe('needs → plan', () => {
  let campaignId: number;
  const NEXT = YEAR + 1;

  beforeAll(async () => {
    // the board's campaign for next year, answered by commune A and the department (submitted), commune B still drafting
    campaignId = await needsRepo.insertCampaign(db, {
      year: NEXT,
      title: `Đăng ký nhu cầu đào tạo năm ${NEXT}`,
      deadline: `${YEAR}-10-31`,
      ownerUnitId: fx.units.root,
      target: { kinds: ['commune', 'department'] },
      note: null,
      createdBy: fx.users.board!.id,
    });
    await needsRepo.insertOffers(db, campaignId, [
      { programmeCode: 'TC_LLCT', modes: ['full_time', 'part_time'] },
      { programmeCode: 'SDH_THS', modes: ['full_time'] },
      { programmeCode: 'QLNN_CV', modes: ['full_time'] },
    ]);
    await needsRepo.insertCampaignUnits(db, campaignId, [fx.units.communeA, fx.units.communeB, fx.units.department]);
    const answer = (unitId: number, status: 'submitted' | 'draft') => ({
      campaignId,
      unitId,
      status,
      version: 2,
      submittedAt: status === 'submitted' ? `${YEAR}-10-01T09:00:00+07:00` : null,
      submittedBy: status === 'submitted' ? fx.users.board!.id : null,
      returnComment: null,
      returnedAt: null,
      returnedBy: null,
      updatedAt: `${YEAR}-10-01T09:00:00+07:00`,
      updatedBy: fx.users.board!.id,
    });
    const [a, b, d] = await needsRepo.insertAnswersAs(db, [answer(fx.units.communeA, 'submitted'), answer(fx.units.communeB, 'draft'), answer(fx.units.department, 'submitted')]);
    await needsRepo.insertLinesMany(db, [
      { answerId: a!, lineNo: 1, programmeCode: 'TC_LLCT', mode: 'full_time', quarter: 2, people: 40, personIds: [] },
      { answerId: a!, lineNo: 2, programmeCode: 'SDH_THS', mode: 'full_time', quarter: 3, people: 2, personIds: [] },
      { answerId: d!, lineNo: 1, programmeCode: 'TC_LLCT', mode: 'full_time', quarter: 2, people: 35, personIds: [] },
      { answerId: d!, lineNo: 2, programmeCode: 'QLNN_CV', mode: 'full_time', quarter: 1, people: 30, personIds: [] },
      { answerId: b!, lineNo: 1, programmeCode: 'TC_LLCT', mode: 'full_time', quarter: 2, people: 500, personIds: [] },
    ]);
    // the school (the department here) organises the province's classes: the proposal's default organiser
    await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'TC-60', programmeCode: 'TC_LLCT', startDate: `${YEAR}-03-01`, endDate: `${YEAR}-10-01`, modules: [] });
  });

  it('asks for a class size when a programme has no class to take one from', async () => {
    const res = await get(board, `/api/v1/needs/campaigns/${campaignId}/plan-lines`);
    expect(res.statusCode).toBe(400);
    const d = detailAt(res.json(), 'classSize');
    expect(d?.code).toBe('NEEDS_PLAN_CLASS_SIZE');
    expect(d?.message).toContain('quản lý nhà nước ngạch chuyên viên');
  });

  let proposal: { lines: Record<string, unknown>[]; draftVersion: { id: number; rowVersion: number } | null; plan: unknown };
  it('proposes lines from the submitted answers: ⌈learners ÷ class size⌉, 0 classes for the academy, the school organising', async () => {
    const res = await get(board, `/api/v1/needs/campaigns/${campaignId}/plan-lines?classSize=25`);
    expect(res.statusCode, res.body).toBe(200);
    proposal = res.json();
    expect(proposal.plan).toBeNull();
    const rows = proposal.lines.map((l) => [l.programmeCode, l.mode, l.quarter, l.learners, l.classes, l.classSize, l.site]);
    // commune B's draft (500 people) is not counted: submitted answers only
    expect(rows.sort((x, y) => String(x[0]).localeCompare(String(y[0])))).toEqual([
      ['QLNN_CV', 'full_time', 1, 30, 2, 25, 'Sở Y tế'],
      ['SDH_THS', 'full_time', 3, 2, 0, null, ACADEMY],
      ['TC_LLCT', 'full_time', 2, 75, 3, 25, 'Sở Y tế'],
    ]);
    expect(proposal.lines.every((l) => l.organiserUnitId === fx.units.department && l.estimatedCost === 0 && l.year === NEXT)).toBe(true);
    const usual = (await get(board, `/api/v1/needs/campaigns/${campaignId}/plan-lines?classSize=60`)).json();
    expect(usual.lines.find((l: { programmeCode: string }) => l.programmeCode === 'TC_LLCT').classes).toBe(2);
  });

  it('is refused to an agency officer (no plans.write) and out of reach answers 404', async () => {
    expect((await get(officer, `/api/v1/needs/campaigns/${campaignId}/plan-lines?classSize=25`)).statusCode).toBe(403);
    expect((await get(board, `/api/v1/needs/campaigns/999999/plan-lines?classSize=25`)).statusCode).toBe(404);
  });

  it('the reviewed lines are added to the draft version in one audited write; an approved version refuses them', async () => {
    const drafted = await openPlan(NEXT, [line({ year: NEXT, quarter: 4 })]);
    const again = (await get(noivu, `/api/v1/needs/campaigns/${campaignId}/plan-lines?classSize=25`)).json();
    expect(again.draftVersion).toMatchObject({ id: drafted.id, rowVersion: drafted.rowVersion });
    const auditBefore = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'plan_line'`)).rows[0]!.n;
    const lines = again.lines.map(({ programmeName: _n, classSize: _s, ...l }: Record<string, unknown>) => l);
    const res = await post(noivu, `/api/v1/plans/versions/${drafted.id}/lines`, { rowVersion: again.draftVersion.rowVersion, lines });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v.lines).toHaveLength(4);
    expect(v.lines.find((l: { programme: { code: string } }) => l.programme.code === 'SDH_THS')).toMatchObject({ classes: 0, learners: 2 });
    expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'plan_line'`)).rows[0]!.n).toBe(auditBefore + 1);
    const submitted = (await post(board, `/api/v1/plans/versions/${drafted.id}/submit`, { rowVersion: v.rowVersion })).json();
    const approved = (await post(board, `/api/v1/plans/versions/${drafted.id}/approve`, { rowVersion: submitted.rowVersion })).json();
    expect(approved.status).toBe('approved');
    expect((await get(board, `/api/v1/needs/campaigns/${campaignId}/plan-lines?classSize=25`)).json().draftVersion).toBeNull();
    const frozen = await post(board, `/api/v1/plans/versions/${drafted.id}/lines`, { rowVersion: approved.rowVersion, lines });
    expect([frozen.statusCode, frozen.json().error.code]).toEqual([409, 'PLAN_VERSION_FROZEN']);
  });
});
