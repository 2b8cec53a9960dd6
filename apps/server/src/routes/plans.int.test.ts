import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { enrol, insertTrainingClass } from '../../../../tests/support/learners.js';
import { jobsClient, readSheet } from '../../../../tests/support/jobs.js';
import { pdfText } from '../../../../tests/support/pdf-text.js';
import { closeWorkerPool } from '../workers/pool.js';

/**
 * Annual plans end to end through the API: lines drafted by the board and by the school (its own
 * lines only), submitted, approved and frozen, adjusted (two adjustments racing: one wins),
 * compared line by line; classes linked to a line (of the right year and programme) or outside the
 * plan; plan against actual with the carried-over convention and its drill-down; five-year targets.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let board: Session;
let noivu: Session;
let registrar: Session;
let officer: Session;
const YEAR = 2023;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  board = await loginAs(app, 'board');
  noivu = await loginAs(app, 'noivu');
  registrar = await loginAs(app, 'registrar');
  officer = await loginAs(app, 'officerA');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  await closeWorkerPool();
});

const get = (s: Session, url: string) => app.inject({ url, headers: as(s) });
const send = (s: Session, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: as(s), payload: payload as object | undefined });

const line = (over: Record<string, unknown> = {}) => ({
  programmeCode: 'TC_LLCT',
  mode: 'full_time',
  classes: 2,
  learners: 120,
  year: YEAR,
  quarter: 1,
  siteKind: 'school',
  site: 'Trường Chính trị tỉnh',
  estimatedCost: 500_000_000,
  ...over,
});

async function auditCount(entity: string): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE entity = $1', [entity])).rows[0]!.n;
}

let v1: { id: number; rowVersion: number };
const lineIds: Record<string, number> = {};

describe('the annual plan: lines, workflow, frozen once approved', () => {
  it('is opened by the board as an empty draft; not by an agency officer; once per year', async () => {
    expect((await send(officer, 'POST', '/api/v1/plans/annual', { year: YEAR, title: 'x' })).statusCode).toBe(403);
    const res = await send(board, 'POST', '/api/v1/plans/annual', { year: YEAR, title: 'Kế hoạch đào tạo, bồi dưỡng năm 2023' });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    expect(plan.versions).toHaveLength(1);
    expect(plan.versions[0]).toMatchObject({ number: 1, status: 'draft', isAdjustment: false, lineCount: 0 });
    expect(plan.rounding).toEqual({ mode: 'truncate', decimals: 2 });
    v1 = { id: plan.versions[0].id, rowVersion: plan.versions[0].rowVersion };
    const again = await send(board, 'POST', '/api/v1/plans/annual', { year: YEAR, title: 'Lần hai' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'PLAN_EXISTS']);
    expect((await get(board, '/api/v1/plans/annual')).json().items.map((p: { year: number }) => p.year)).toEqual([YEAR]);
  });

  it('refuses to submit or approve a plan with no lines', async () => {
    const res = await send(board, 'POST', `/api/v1/plans/versions/${v1.id}/submit`, { rowVersion: v1.rowVersion });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'PLAN_EMPTY']);
  });

  it.each([
    ['a quarter outside 1–4', { quarter: 5 }, 'lines.0.quarter', 'PLAN_LINE_QUARTER', 'Quý phải từ 1 đến 4.'],
    ['quarter 0', { quarter: 0 }, 'lines.0.quarter', 'PLAN_LINE_QUARTER', 'Quý phải từ 1 đến 4.'],
    ['a year not the plan’s', { year: 2024 }, 'lines.0.year', 'PLAN_LINE_YEAR', 'Năm mở lớp phải là năm của kế hoạch.'],
    ['a mode the programme does not offer', { mode: 'online' }, 'lines.0.mode', 'UNSUPPORTED_MODE', undefined],
    ['an unknown programme', { programmeCode: 'NOPE' }, 'lines.0.programmeCode', 'UNKNOWN_PROGRAMME', undefined],
    ['an organiser outside the caller’s subtree', { organiserUnitId: 999999 }, 'lines.0.organiserUnitId', 'UNIT_OUT_OF_SCOPE', undefined],
  ])('refuses a line with %s, at the field, nothing written', async (_n, over, path, code, message) => {
    const res = await send(board, 'POST', `/api/v1/plans/versions/${v1.id}/lines`, { rowVersion: v1.rowVersion, lines: [line(over)] });
    expect(res.statusCode, res.body).toBe(400);
    const d = res.json().error.details.find((x: { path: string }) => x.path === path);
    expect(d?.code).toBe(code);
    if (message) expect(d.message).toBe(message);
    expect((await get(board, `/api/v1/plans/versions/${v1.id}`)).json().lineCount).toBe(0);
  });

  it.each([
    ['negative classes', { classes: -1 }, 'lines.0.classes'],
    ['fractional learners', { learners: 1.5 }, 'lines.0.learners'],
  ])('refuses %s at the edge', async (_n, over, path) => {
    const res = await send(board, 'POST', `/api/v1/plans/versions/${v1.id}/lines`, { rowVersion: v1.rowVersion, lines: [line(over)] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('takes lines from the board and from the school (its own lines only), with an audit record', async () => {
    const before = await auditCount('plan_line');
    let res = await send(board, 'POST', `/api/v1/plans/versions/${v1.id}/lines`, {
      rowVersion: v1.rowVersion,
      lines: [
        line({ classes: 1, learners: 60, carriedOver: true, organiserUnitId: fx.units.department, note: 'Lớp chuyển tiếp từ năm 2022' }),
        line({ classes: 2, learners: 120, quarter: 2, organiserUnitId: fx.units.department }),
        line({ programmeCode: 'CC_LLCT', mode: 'part_time', classes: 1, learners: 50, quarter: 3, organiserUnitId: fx.units.communeB, siteKind: 'local', site: 'Hội trường phường' }),
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    let v = res.json();
    [lineIds.carried, lineIds.tc, lineIds.ccB] = v.lines.map((l: { lineId: number }) => l.lineId);
    expect(v.totals).toEqual({ lines: 3, classes: 4, learners: 230, estimatedCost: 1_500_000_000 });
    // a stale row version: 409, nothing written
    const stale = await send(registrar, 'POST', `/api/v1/plans/versions/${v1.id}/lines`, { rowVersion: v1.rowVersion, lines: [line()] });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'CONFLICT']);
    v1.rowVersion = v.rowVersion;
    // the registrar (Sở Y tế) sees and edits only the lines its unit organises
    const seen = (await get(registrar, `/api/v1/plans/versions/${v1.id}`)).json();
    expect(seen.lines.map((l: { lineId: number }) => l.lineId)).toEqual([lineIds.carried, lineIds.tc]);
    expect(seen.actions).toEqual(['addLines', 'export']);
    expect(seen.lines[0].actions).toEqual(['update', 'delete']);
    res = await send(registrar, 'POST', `/api/v1/plans/versions/${v1.id}/lines`, {
      rowVersion: v1.rowVersion,
      lines: [line({ programmeCode: 'QLNN_CV', mode: 'online', classes: 1, learners: 80, quarter: 4 })],
    });
    expect(res.statusCode, res.body).toBe(200);
    v = res.json();
    lineIds.cv = v.lines.at(-1).lineId;
    v1.rowVersion = v.rowVersion;
    // another unit's line is "not found" for the registrar
    const other = await send(registrar, 'PUT', `/api/v1/plans/versions/${v1.id}/lines/${lineIds.ccB}`, { rowVersion: v1.rowVersion, line: line() });
    expect(other.statusCode).toBe(404);
    const gone = await send(registrar, 'DELETE', `/api/v1/plans/versions/${v1.id}/lines/${lineIds.ccB}?rowVersion=${v1.rowVersion}`);
    expect(gone.statusCode).toBe(404);
    expect(await auditCount('plan_line')).toBe(before + 2);
  });

  it('edits and deletes a draft line', async () => {
    let res = await send(board, 'PUT', `/api/v1/plans/versions/${v1.id}/lines/${lineIds.cv}`, {
      rowVersion: v1.rowVersion,
      line: line({ programmeCode: 'QLNN_CV', mode: 'online', classes: 2, learners: 160, quarter: 4, organiserUnitId: fx.units.department }),
    });
    expect(res.statusCode, res.body).toBe(200);
    v1.rowVersion = res.json().rowVersion;
    res = await send(board, 'POST', `/api/v1/plans/versions/${v1.id}/lines`, { rowVersion: v1.rowVersion, lines: [line({ quarter: 4, organiserUnitId: fx.units.department })] });
    const extraLine = res.json().lines.at(-1).lineId;
    v1.rowVersion = res.json().rowVersion;
    res = await send(board, 'DELETE', `/api/v1/plans/versions/${v1.id}/lines/${extraLine}?rowVersion=${v1.rowVersion}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lines).toHaveLength(4);
    v1.rowVersion = res.json().rowVersion;
  });

  it('goes draft → submitted → (returned) → submitted → approved; home affairs cannot approve', async () => {
    let res = await send(board, 'POST', `/api/v1/plans/versions/${v1.id}/submit`, { rowVersion: v1.rowVersion });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'submitted', actions: ['return', 'approve', 'export'] });
    v1.rowVersion = res.json().rowVersion;
    const edit = await send(board, 'POST', `/api/v1/plans/versions/${v1.id}/lines`, { rowVersion: v1.rowVersion, lines: [line()] });
    expect([edit.statusCode, edit.json().error.code]).toEqual([409, 'PLAN_VERSION_SUBMITTED']);
    expect((await send(noivu, 'POST', `/api/v1/plans/versions/${v1.id}/approve`, { rowVersion: v1.rowVersion })).statusCode).toBe(403);
    res = await send(board, 'POST', `/api/v1/plans/versions/${v1.id}/return`, { rowVersion: v1.rowVersion });
    expect(res.json().status).toBe('draft');
    v1.rowVersion = res.json().rowVersion;
    res = await send(noivu, 'POST', `/api/v1/plans/versions/${v1.id}/submit`, { rowVersion: v1.rowVersion });
    v1.rowVersion = res.json().rowVersion;
    res = await send(board, 'POST', `/api/v1/plans/versions/${v1.id}/approve`, { rowVersion: v1.rowVersion, decisionNumber: '125-QĐ/TU', decisionDate: '2023-01-10' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', decisionNumber: '125-QĐ/TU', decisionDate: '2023-01-10', approvedBy: 'board', actions: ['adjust', 'export'] });
    v1.rowVersion = res.json().rowVersion;
    // backdate the approval so plan-against-actual in 2023 counts against it
    await db.query("UPDATE plan_versions SET approved_at = '2023-01-10T08:00:00+07:00' WHERE id = $1", [v1.id]);
  });

  it('refuses to edit the approved version: it must be an adjustment', async () => {
    const add = await send(board, 'POST', `/api/v1/plans/versions/${v1.id}/lines`, { rowVersion: v1.rowVersion, lines: [line()] });
    expect([add.statusCode, add.json().error.code]).toEqual([409, 'PLAN_VERSION_FROZEN']);
    expect(add.json().error.message).toContain('điều chỉnh');
    const put = await send(registrar, 'PUT', `/api/v1/plans/versions/${v1.id}/lines/${lineIds.tc}`, { rowVersion: v1.rowVersion, line: line() });
    expect([put.statusCode, put.json().error.code]).toEqual([409, 'PLAN_VERSION_FROZEN']);
    const del = await send(board, 'DELETE', `/api/v1/plans/versions/${v1.id}/lines/${lineIds.tc}?rowVersion=${v1.rowVersion}`);
    expect(del.json().error.code).toBe('PLAN_VERSION_FROZEN');
  });
});

let v2: { id: number; rowVersion: number };

describe('adjustments and comparison', () => {
  const adjustment = (reason: string) => ({ rowVersion: v1.rowVersion, reason, decisionNumber: '310-QĐ/TU', decisionDate: '2023-06-15' });

  it('two adjustments racing on the same version: one wins, the other is told', async () => {
    const [a, b] = await Promise.all([
      send(board, 'POST', `/api/v1/plans/versions/${v1.id}/adjustments`, adjustment('Mở thêm lớp trung cấp hệ vừa làm vừa học')),
      send(noivu, 'POST', `/api/v1/plans/versions/${v1.id}/adjustments`, adjustment('Điều chỉnh thời gian')),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes, `${a.body} ${b.body}`).toEqual([201, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('PLAN_ADJUSTMENT_RACE');
    const winner = (a.statusCode === 201 ? a : b).json();
    expect(winner).toMatchObject({ number: 2, status: 'draft', isAdjustment: true, basedOnId: v1.id, decisionNumber: '310-QĐ/TU', lineCount: 4 });
    v2 = { id: winner.id, rowVersion: winner.rowVersion };
    // and later: the approved version already has its adjustment
    const late = await send(board, 'POST', `/api/v1/plans/versions/${v1.id}/adjustments`, adjustment('Muộn'));
    expect(late.json().error.code).toBe('PLAN_ADJUSTMENT_RACE');
  });

  it('edits the adjustment, approves it, and compares it with the plan line by line', async () => {
    let res = await send(board, 'PUT', `/api/v1/plans/versions/${v2.id}/lines/${lineIds.tc}`, {
      rowVersion: v2.rowVersion,
      line: line({ classes: 3, learners: 180, quarter: 2, mode: 'part_time', organiserUnitId: fx.units.department }),
    });
    v2.rowVersion = res.json().rowVersion;
    res = await send(board, 'DELETE', `/api/v1/plans/versions/${v2.id}/lines/${lineIds.cv}?rowVersion=${v2.rowVersion}`);
    v2.rowVersion = res.json().rowVersion;
    res = await send(board, 'POST', `/api/v1/plans/versions/${v2.id}/lines`, {
      rowVersion: v2.rowVersion,
      lines: [line({ programmeCode: 'SC_LLCT', classes: 1, learners: 40, quarter: 3, organiserUnitId: fx.units.department })],
    });
    lineIds.sc = res.json().lines.at(-1).lineId;
    v2.rowVersion = res.json().rowVersion;
    for (const step of ['submit', 'approve']) {
      res = await send(board, 'POST', `/api/v1/plans/versions/${v2.id}/${step}`, { rowVersion: v2.rowVersion });
      expect(res.statusCode, res.body).toBe(200);
      v2.rowVersion = res.json().rowVersion;
    }
    await db.query("UPDATE plan_versions SET approved_at = '2023-06-20T08:00:00+07:00' WHERE id = $1", [v2.id]);
    const c = (await get(board, `/api/v1/plans/compare?from=${v1.id}&to=${v2.id}`)).json();
    expect(c.added.map((l: { lineId: number }) => l.lineId)).toEqual([lineIds.sc]);
    expect(c.removed.map((l: { lineId: number }) => l.lineId)).toEqual([lineIds.cv]);
    expect(c.changed).toHaveLength(1);
    expect(c.changed[0].fields).toEqual([
      { field: 'mode', before: 'full_time', after: 'part_time' },
      { field: 'classes', before: 2, after: 3 },
      { field: 'learners', before: 120, after: 180 },
    ]);
    expect(c.unchanged).toBe(2);
    expect([c.totals.before.classes, c.totals.after.classes]).toEqual([6, 6]);
    const plan = (await get(board, `/api/v1/plans/annual/${YEAR}`)).json();
    expect(plan.inForceVersionId).toBe(v2.id);
  });
});

describe('classes against plan lines', () => {
  const TC = { programmeCode: 'TC_LLCT', cohortCode: 'TC-2023-P1', name: 'Lớp trung cấp K23', mode: 'part_time', site: 'Trường Chính trị tỉnh', startDate: '2023-04-03', endDate: '2024-05-30', capacity: 60 };

  it.each([
    ['a line of another programme', () => ({ ...TC, planLineId: lineIds.sc }), 'PLAN_LINE_OTHER_PROGRAMME'],
    ['a line of another year', () => ({ ...TC, startDate: '2024-02-01', endDate: '2024-12-01', planLineId: lineIds.tc }), 'PLAN_LINE_OTHER_YEAR'],
    ['a line out of the caller’s subtree', () => ({ ...TC, programmeCode: 'CC_LLCT', planLineId: lineIds.ccB }), 'PLAN_LINE_UNKNOWN'],
    ['a line and outside the plan at once', () => ({ ...TC, planLineId: lineIds.tc, outsidePlan: true }), 'PLAN_LINE_OR_OUTSIDE'],
  ])('refuses a class linked to %s', async (_n, body, code) => {
    const res = await send(registrar, 'POST', '/api/v1/classes', body());
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { code: string }) => d.code)).toContain(code);
  });

  it('lists the lines a class may link to', async () => {
    const r = (await get(registrar, `/api/v1/plans/linkable-lines?year=${YEAR}&programme=TC_LLCT`)).json();
    expect(r.items.map((l: { lineId: number }) => l.lineId)).toEqual([lineIds.carried, lineIds.tc]);
  });

  it('opens a class against a line, and plan against actual moves', async () => {
    const before = (await get(board, `/api/v1/plans/annual/${YEAR}/realisation?asOf=2023-12-31`)).json();
    const res = await send(registrar, 'POST', '/api/v1/classes', { ...TC, planLineId: lineIds.tc });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().plan).toEqual({ lineId: lineIds.tc, outsidePlan: false });
    const classId = res.json().id;
    await enrol(db, classId, fx.people.an);
    await enrol(db, classId, fx.people.binh);
    const after = (await get(board, `/api/v1/plans/annual/${YEAR}/realisation?asOf=2023-12-31`)).json();
    const row = (r: typeof after) => r.lines.find((l: { line: { lineId: number } }) => l.line.lineId === lineIds.tc).figures;
    expect(row(after).doneClasses).toBe(row(before).doneClasses + 1);
    expect(row(after)).toMatchObject({ plannedClasses: 3, doneClasses: 1, openedClasses: 1, doneLearners: 2, carriedOutClasses: 1 });
    expect(row(after).classesPercent).toEqual({ value: 33.33, text: '33,33%' });
    // unlink and mark outside the plan, then link again
    const version = (await get(registrar, `/api/v1/classes/${classId}`)).json().version;
    const moved = await app.inject({ method: 'PATCH', url: `/api/v1/classes/${classId}`, headers: as(registrar), payload: { version, planLineId: null, outsidePlan: true } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().plan).toEqual({ lineId: null, outsidePlan: true });
    const extra = (await get(board, `/api/v1/plans/annual/${YEAR}/realisation?asOf=2023-12-31`)).json();
    expect(extra.extra.doneClasses).toBe(1);
    const back = await app.inject({ method: 'PATCH', url: `/api/v1/classes/${classId}`, headers: as(registrar), payload: { version: moved.json().version, planLineId: lineIds.tc } });
    expect(back.json().plan).toEqual({ lineId: lineIds.tc, outsidePlan: false });
  });

  it('counts a class carried over from last year against the carried-over line, and an extra class apart', async () => {
    const modules = [{ code: 'HP1', name: 'Học phần', periods: 10 }];
    const carried = await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'TC-2022-C', startDate: '2022-09-05', endDate: '2023-06-30', modules });
    await enrol(db, carried.id, fx.people.dung);
    const extra = await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'BD-2023-X', startDate: '2023-05-02', endDate: '2023-05-06', modules });
    await db.query('UPDATE classes SET outside_plan = true WHERE id = $1', [extra.id]);
    await enrol(db, extra.id, fx.people.cuong);
    await enrol(db, extra.id, fx.people.an);
    const r = (await get(board, `/api/v1/plans/annual/${YEAR}/realisation?asOf=2023-12-31`)).json();
    const carriedRow = r.lines.find((l: { line: { lineId: number } }) => l.line.lineId === lineIds.carried).figures;
    expect(carriedRow).toMatchObject({ plannedClasses: 1, doneClasses: 1, carriedInClasses: 1, finishedClasses: 1, doneLearners: 1 });
    expect(carriedRow.classesPercent.text).toBe('100,00%');
    expect(r.extra).toMatchObject({ doneClasses: 1, doneLearners: 2 });
    expect(r.total).toMatchObject({ plannedClasses: 6, doneClasses: 2 });
    expect(r.total.classesPercent).toEqual({ value: 33.33, text: '33,33%' });
    expect(r.notes.join(' ')).toContain('cắt bỏ phần thập phân thừa');
    expect(r.version.number).toBe(2);
    // on a date before the adjustment the plan in force is version 1, and the carried class counts already
    const early = (await get(board, `/api/v1/plans/annual/${YEAR}/realisation?asOf=2023-03-01`)).json();
    expect(early.version.number).toBe(1);
    expect(early.total).toMatchObject({ plannedClasses: 6, doneClasses: 1 });
    // drill down: the classes and the people behind a figure
    const d = (await get(board, `/api/v1/plans/annual/${YEAR}/realisation/drill?asOf=2023-12-31&row=total&measure=done`)).json();
    expect(d.classes.map((c: { cohortCode: string }) => c.cohortCode).sort()).toEqual(['TC-2022-C', 'TC-2023-P1']);
    expect(d.people.total).toBe(3);
    const dx = (await get(board, `/api/v1/plans/annual/${YEAR}/realisation/drill?asOf=2023-12-31&row=extra&measure=done`)).json();
    expect(dx.people.items.map((p: { fullName: string }) => p.fullName).sort()).toEqual(['Nguyễn Văn An', 'Trần Văn Cường']);
    expect((await get(board, `/api/v1/plans/annual/${YEAR}/realisation/drill?row=line:999999&measure=done`)).statusCode).toBe(404);
  });

  it('shows the registrar only the lines and classes of its unit', async () => {
    const r = (await get(registrar, `/api/v1/plans/annual/${YEAR}/realisation?asOf=2023-12-31`)).json();
    expect(r.lines.map((l: { line: { lineId: number } }) => l.line.lineId)).not.toContain(lineIds.ccB);
    expect((await get(officer, `/api/v1/plans/annual/${YEAR}/realisation`)).statusCode).toBe(403);
  });
});

describe('exports as background jobs (official document: title block, Excel and PDF)', () => {
  it('exports the annual plan table of a version to Excel', { timeout: 60_000 }, async () => {
    const res = await send(board, 'POST', '/api/v1/exports/plan', { versionId: v2.id, format: 'xlsx' });
    expect(res.statusCode, res.body).toBe(202);
    const jobs = jobsClient(app, db);
    await jobs.run();
    const job = await jobs.get(board, res.json().id);
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    const file = await jobs.file(board, job.id);
    const rows = (await readSheet(file.body)).map((r) => r.map((c) => (c && typeof c === 'object' && 'richText' in c ? '' : c)).join('|'));
    const text = rows.join('\n');
    expect(text).toContain('KẾ HOẠCH ĐÀO TẠO, BỒI DƯỠNG NĂM 2023'.toUpperCase());
    expect(text).toContain('Điều chỉnh lần 1 theo Quyết định số 310-QĐ/TU ngày 15/06/2023');
    expect(text).toContain('Sơ cấp lý luận chính trị');
    expect((await send(board, 'POST', '/api/v1/exports/plan', { versionId: 999999, format: 'pdf' })).statusCode).toBe(404);
  });

  it('exports plan against actual to PDF with the truncated percentages and the notes', { timeout: 60_000 }, async () => {
    const res = await send(board, 'POST', '/api/v1/exports/realisation', { year: YEAR, asOf: '2023-12-31', format: 'pdf' });
    expect(res.statusCode, res.body).toBe(202);
    const jobs = jobsClient(app, db);
    await jobs.run();
    const job = await jobs.get(board, res.json().id);
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    const text = pdfText((await jobs.file(board, job.id)).body);
    expect(text).toContain('KẾT QUẢ THỰC HIỆN KẾ HOẠCH');
    expect(text).toContain('33,33%');
    expect(text).toContain('cắt bỏ phần thập phân thừa');
    expect((await send(officer, 'POST', '/api/v1/exports/realisation', { year: YEAR, format: 'pdf' })).statusCode).toBe(403);
  });
});

describe('five-year plans', () => {
  it('holds targets per year that the annual plans are measured against', async () => {
    let res = await send(board, 'POST', '/api/v1/plans/five-year', { startYear: 2021, title: 'Kế hoạch đào tạo, bồi dưỡng giai đoạn 2021–2025' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(res.json()).toMatchObject({ startYear: 2021, endYear: 2025, targets: [], actions: ['update'] });
    const bad = await send(board, 'PUT', `/api/v1/plans/five-year/${id}`, {
      version: 1,
      title: 'x',
      targets: [
        { year: 2030, programmeCode: 'TC_LLCT', classes: 5, learners: 300 },
        { year: 2023, programmeCode: 'TC_LLCT', classes: 5, learners: 300 },
        { year: 2023, programmeCode: 'TC_LLCT', classes: 5, learners: 300 },
      ],
    });
    expect(bad.json().error.details.map((d: { path: string; code: string }) => `${d.path}:${d.code}`)).toEqual(['targets.0.year:TARGET_YEAR_OUTSIDE_PERIOD', 'targets.2.programmeCode:DUPLICATE_TARGET']);
    res = await send(board, 'PUT', `/api/v1/plans/five-year/${id}`, {
      version: 1,
      title: 'Kế hoạch giai đoạn 2021–2025',
      decisionNumber: '45-KH/TU',
      decisionDate: '2021-03-01',
      targets: [{ year: 2023, programmeCode: 'TC_LLCT', classes: 4, learners: 240 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json().targets[0];
    expect(t).toMatchObject({ year: 2023, classes: 4, plannedClasses: 4, doneClasses: 2, planPercent: { value: 100, text: '100,00%' }, donePercent: { value: 50, text: '50,00%' } });
    expect((await send(registrar, 'PUT', `/api/v1/plans/five-year/${id}`, { version: 2, title: 'x', targets: [] })).statusCode).toBe(403);
    const stale = await send(board, 'PUT', `/api/v1/plans/five-year/${id}`, { version: 1, title: 'x', targets: [] });
    expect(stale.json().error.code).toBe('CONFLICT');
  });
});
