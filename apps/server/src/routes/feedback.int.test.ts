import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { agencyFeedback, todayInVietnam, training } from '@nang-tam/domain';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { insertPeople } from '../../../../tests/support/classes.js';
import { addDays, addUser, assignLecturer, enrol, insertLecturer, insertTrainingClass } from '../../../../tests/support/learners.js';
import { recordFeedbackReminders } from '../services/feedback.service.js';

/**
 * Evaluation after training through the API (issue 11 point 4; decision 0051): the learners'
 * reaction survey of a class (opened by the school, answered once, anonymous, suppressed below the
 * threshold) and the agency's feedback on its graduates at 6 and 12 months.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const today = todayInVietnam();
const s: Record<string, Session> = {};
let classId = 0;
let lecturerId = 0;
let surveyId = 0;
const extra: { id: number; user: string }[] = [];

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  // a class of the school (Sở Y tế stands for it in the fixture) that ended three days ago
  const c = await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'KS-1', startDate: addDays(today, -60), endDate: addDays(today, -3), modules: [{ code: 'HP1', name: 'Học phần 1', periods: 30 }] });
  classId = c.id;
  lecturerId = await insertLecturer(db, 'Trần Giảng Viên', fx.units.department);
  await assignLecturer(db, c.modules.HP1!, lecturerId, 30);
  await enrol(db, classId, fx.people.binh);
  for (const p of await insertPeople(db, 5, { unitId: fx.units.communeA, namePrefix: 'Khảo Sát' })) {
    await enrol(db, classId, p.id);
    const user = `hv${p.id}`;
    await addUser(db, user, 'learner', fx.units.communeA, p.id);
    extra.push({ id: p.id, user });
  }
  // Cường (commune B) is a learner of no class here
  await addUser(db, 'cuonghv', 'learner', fx.units.communeB, fx.people.cuong);
  for (const u of ['registrar', 'board', 'officerA', 'officerD', 'learner', 'cuonghv', 'noivu', ...extra.map((e) => e.user)]) s[u] = await loginAs(app, u);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: as(s[who]!), payload: payload as object | undefined });
const responsesCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reaction_responses')).rows[0]!.n;
const respondentsCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reaction_respondents')).rows[0]!.n;

const fullAnswer = (score: number, comment?: string) => ({
  items: { content_1: score, content_2: score, organisation_1: score, organisation_2: 4, usefulness_1: score },
  lecturers: { [String(lecturerId)]: { lecturer_1: score, lecturer_2: 5 } },
  ...(comment ? { comment } : {}),
});

describe("learners' reaction", () => {
  it('is opened by the school at the class end, not earlier, not by an agency', async () => {
    expect((await call('officerA', 'PUT', `/api/v1/classes/${classId}/survey`, { opensOn: today, closesOn: addDays(today, 7) })).statusCode).toBe(403);
    const early = await call('registrar', 'PUT', `/api/v1/classes/${classId}/survey`, { opensOn: addDays(today, -30), closesOn: addDays(today, 7) });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'SURVEY_TOO_EARLY']);
    const backwards = await call('registrar', 'PUT', `/api/v1/classes/${classId}/survey`, { opensOn: today, closesOn: addDays(today, -1) });
    expect(backwards.statusCode).toBe(400);
    const opened = await call('registrar', 'PUT', `/api/v1/classes/${classId}/survey`, { opensOn: addDays(today, -3), closesOn: addDays(today, 7) });
    expect(opened.statusCode, opened.body).toBe(200);
    const body = opened.json();
    expect(body.survey).toMatchObject({ state: 'open', responses: 0, learners: 6, questionnaireVersion: 1, questionnaireOfProgramme: false });
    expect(body.actions).toEqual(['changeDates']);
    surveyId = body.survey.id;
  });

  it("answers 404 to a class outside the school's reach", async () => {
    const other = await insertTrainingClass(db, { organiserUnitId: fx.units.communeB, cohortCode: 'KS-B', startDate: addDays(today, -30), endDate: addDays(today, -1), modules: [] });
    expect((await call('registrar', 'GET', `/api/v1/classes/${other.id}/survey`)).statusCode).toBe(404);
    expect((await call('registrar', 'PUT', `/api/v1/classes/${other.id}/survey`, { opensOn: today, closesOn: today })).statusCode).toBe(404);
  });

  it("lists the survey on the learner's own page and gives its form with the class's lecturers", async () => {
    const mine = (await call('learner', 'GET', '/api/v1/me/surveys')).json();
    expect(mine.items).toEqual([expect.objectContaining({ id: surveyId, state: 'open', answered: false })]);
    const formRes = await call('learner', 'GET', `/api/v1/me/surveys/${surveyId}`);
    expect(formRes.statusCode, formRes.body).toBe(200);
    const form = formRes.json();
    expect(form.lecturers).toEqual([{ id: lecturerId, name: 'Trần Giảng Viên' }]);
    expect(form.definition.questions.length).toBeGreaterThan(4);
  });

  it('takes one answer per learner and refuses the second, nothing changed', async () => {
    const first = await call('learner', 'POST', `/api/v1/me/surveys/${surveyId}/answers`, fullAnswer(5, 'Giảng viên nhiệt tình'));
    expect(first.statusCode, first.body).toBe(201);
    const [responses, respondents] = [await responsesCount(), await respondentsCount()];
    const again = await call('learner', 'POST', `/api/v1/me/surveys/${surveyId}/answers`, fullAnswer(1));
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'SURVEY_ANSWERED']);
    expect(again.json().error.message).toMatch(/chỉ trả lời một lần/);
    expect([await responsesCount(), await respondentsCount()]).toEqual([responses, respondents]);
    expect((await call('learner', 'GET', '/api/v1/me/surveys')).json().items[0].answered).toBe(true);
  });

  it('refuses a person who is not a learner of the class (404), an incomplete answer (400), nothing changed', async () => {
    const before = [await responsesCount(), await respondentsCount()];
    expect((await call('cuonghv', 'GET', `/api/v1/me/surveys/${surveyId}`)).statusCode).toBe(404);
    expect((await call('cuonghv', 'POST', `/api/v1/me/surveys/${surveyId}/answers`, fullAnswer(3))).statusCode).toBe(404);
    expect((await call('officerA', 'POST', `/api/v1/me/surveys/${surveyId}/answers`, fullAnswer(3))).statusCode).toBe(403);
    const partial = await call(extra[0]!.user, 'POST', `/api/v1/me/surveys/${surveyId}/answers`, { items: { content_1: 4 }, lecturers: {} });
    expect(partial.statusCode).toBe(400);
    const outOfScale = await call(extra[0]!.user, 'POST', `/api/v1/me/surveys/${surveyId}/answers`, { ...fullAnswer(3), items: { ...fullAnswer(3).items, content_1: 6 } });
    expect(outOfScale.statusCode).toBe(400);
    expect([await responsesCount(), await respondentsCount()]).toEqual(before);
  });

  it('keeps the answers without a link to the person', async () => {
    const cols = await db.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'reaction_responses' ORDER BY column_name");
    expect(cols.rows.map((c) => c.column_name)).toEqual(['answers', 'comment', 'id', 'survey_id']);
    const audit = await db.query<{ after: unknown }>("SELECT after FROM audit_log WHERE entity = 'reaction_survey' AND action = 'answer'");
    expect(audit.rows.map((r) => r.after)).toEqual([{ answered: true }]);
  });

  it('suppresses the results below the threshold and shows them from it on, per class and per lecturer', async () => {
    for (const [i, e] of extra.slice(0, 3).entries()) expect((await call(e.user, 'POST', `/api/v1/me/surveys/${surveyId}/answers`, fullAnswer(4 - i))).statusCode).toBe(201);
    let r = (await call('registrar', 'GET', `/api/v1/classes/${classId}/survey`)).json();
    expect(r.results).toMatchObject({ responses: 4, learners: 6, responseRate: 66.7, minResponses: 5, suppressed: true, overall: { average: null, distribution: null }, comments: [] });
    expect(r.results.lecturers[0]).toMatchObject({ suppressed: true, average: null });
    expect((await call(extra[3]!.user, 'POST', `/api/v1/me/surveys/${surveyId}/answers`, fullAnswer(4))).statusCode).toBe(201);
    r = (await call('board', 'GET', `/api/v1/classes/${classId}/survey`)).json();
    expect(r.results).toMatchObject({ responses: 5, responseRate: 83.3, suppressed: false, comments: ['Giảng viên nhiệt tình'] });
    // content_1: 5, 4, 3, 2, 4 → 3.6
    expect(r.results.questions.find((q: { code: string }) => q.code === 'content_1')).toMatchObject({ average: 3.6, distribution: [0, 1, 1, 2, 1] });
    // the lecturer: lecturer_1 5,4,3,2,4 and lecturer_2 5 ×5 → 43/10
    expect(r.results.lecturers).toEqual([expect.objectContaining({ lecturerId, name: 'Trần Giảng Viên', responses: 5, suppressed: false, average: 4.3 })]);
    const lect = (await call('registrar', 'GET', `/api/v1/reaction/lecturers/${lecturerId}`)).json();
    expect(lect.overall).toMatchObject({ responses: 5, suppressed: false, average: 4.3 });
    // the threshold is a setting
    expect((await call('registrar', 'PUT', '/api/v1/reaction/settings', { minResponses: 6 })).statusCode).toBe(200);
    expect((await call('registrar', 'GET', `/api/v1/classes/${classId}/survey`)).json().results.suppressed).toBe(true);
    expect((await call('registrar', 'PUT', '/api/v1/reaction/settings', { minResponses: 5 })).statusCode).toBe(200);
  });

  it('refuses an answer after the survey closed, nothing changed', async () => {
    const closed = await call('registrar', 'PUT', `/api/v1/classes/${classId}/survey`, { opensOn: addDays(today, -3), closesOn: addDays(today, -1) });
    expect(closed.json().survey.state).toBe('closed');
    const before = await responsesCount();
    const late = await call(extra[4]!.user, 'POST', `/api/v1/me/surveys/${surveyId}/answers`, fullAnswer(5));
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'SURVEY_CLOSED']);
    expect(await responsesCount()).toBe(before);
  });

  it('versions the questionnaires; a class opened after uses its programme’s', async () => {
    const def = { questions: [{ code: 'c', section: 'content', text: 'Nội dung' }, { code: 'l', section: 'lecturers', text: 'Giảng viên' }, { code: 'o', section: 'organisation', text: 'Tổ chức' }, { code: 'u', section: 'usefulness', text: 'Hữu ích' }], commentPrompt: 'Ý kiến' };
    const bad = await call('registrar', 'POST', '/api/v1/reaction/questionnaires', { programmeCode: 'TC_LLCT', definition: { ...def, questions: def.questions.slice(0, 3) } });
    expect(bad.statusCode).toBe(400);
    const saved = await call('registrar', 'POST', '/api/v1/reaction/questionnaires', { programmeCode: 'TC_LLCT', definition: def, note: 'Rút gọn' });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ version: 1, programme: { code: 'TC_LLCT' } });
    expect((await call('registrar', 'POST', '/api/v1/reaction/questionnaires', { programmeCode: 'TC_LLCT', definition: def })).json().version).toBe(2);
    const list = (await call('board', 'GET', '/api/v1/reaction/questionnaires')).json();
    expect(list.items.map((q: { programme: { code: string } | null; version: number }) => [q.programme?.code ?? null, q.version])).toEqual([[null, 1], ['TC_LLCT', 2]]);
    expect((await call('officerA', 'POST', '/api/v1/reaction/questionnaires', { programmeCode: null, definition: def })).statusCode).toBe(403);
    const later = await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'KS-2', startDate: addDays(today, -20), endDate: today, modules: [] });
    const opened = (await call('registrar', 'PUT', `/api/v1/classes/${later.id}/survey`, { opensOn: today, closesOn: addDays(today, 5) })).json();
    expect(opened.survey).toMatchObject({ questionnaireVersion: 2, questionnaireOfProgramme: true });
    // the earlier class keeps the questionnaire it was opened with
    expect((await call('registrar', 'GET', `/api/v1/classes/${classId}/survey`)).json().survey).toMatchObject({ questionnaireVersion: 1, questionnaireOfProgramme: false });
  });
});

describe("the agency's feedback at 6 and 12 months", () => {
  let graduated = 0;
  let overdueOne = 0;
  let outOfScope = 0;
  let notGraduate = 0;
  const sixDue = addDays(today, -10);
  const graduatedOn = training.addMonths(sixDue, -6);

  beforeAll(async () => {
    const c = await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'NX-1', startDate: addDays(graduatedOn, -90), endDate: graduatedOn, modules: [] });
    const d = await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'NX-2', startDate: addDays(today, -400), endDate: addDays(today, -300), modules: [] });
    graduated = await enrol(db, c.id, fx.people.an);
    outOfScope = await enrol(db, c.id, fx.people.cuong);
    overdueOne = await enrol(db, d.id, fx.people.binh);
    notGraduate = await enrol(db, d.id, fx.people.dung);
    await db.query("UPDATE enrolments SET status = 'completed', graduated_on = $2 WHERE id = ANY($1::int[])", [[graduated, outOfScope], graduatedOn]);
    await db.query("UPDATE enrolments SET status = 'completed', graduated_on = $2 WHERE id = $1", [overdueOne, addDays(today, -300)]);
    await db.query("UPDATE classes SET status = 'finished' WHERE id = ANY($1::int[])", [[c.id, d.id]]);
  });

  it("lists what the agency owes in its subtree, due and overdue, with the due dates of the domain", async () => {
    const owed = (await call('officerA', 'GET', '/api/v1/agency-feedback?status=owed')).json();
    const rows = owed.items.map((i: { enrolmentId: number; milestone: number; status: string; dueOn: string }) => [i.enrolmentId, i.milestone, i.status, i.dueOn]);
    expect(rows).toEqual([
      [overdueOne, 6, 'overdue', agencyFeedback.dueOn(addDays(today, -300), 6)],
      [graduated, 6, 'due', agencyFeedback.dueOn(graduatedOn, 6)],
    ]);
    expect(owed.items.every((i: { actions: string[] }) => i.actions.includes('submit'))).toBe(true);
    // commune B's graduate is not commune A's to see
    const all = (await call('officerA', 'GET', '/api/v1/agency-feedback?limit=100')).json();
    expect(all.items.some((i: { enrolmentId: number }) => i.enrolmentId === outOfScope)).toBe(false);
    expect((await call('officerA', 'GET', '/api/v1/agency-feedback?status=upcoming')).json().items.map((i: { milestone: number }) => i.milestone)).toEqual([12, 12]);
  });

  it('computes month-end due dates in SQL as the domain does', async () => {
    const c = await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode: 'NX-3', startDate: '2025-06-01', endDate: '2025-08-31', modules: [] });
    const e = await enrol(db, c.id, fx.people.dung);
    await db.query("UPDATE enrolments SET status = 'completed', graduated_on = '2025-08-31' WHERE id = $1", [e]);
    const items = (await call('officerD', 'GET', `/api/v1/agency-feedback?classId=${c.id}`)).json().items;
    expect(items.map((i: { milestone: number; dueOn: string }) => [i.milestone, i.dueOn]).sort()).toEqual([
      [12, '2026-08-31'],
      [6, '2026-02-28'],
    ]);
  });

  it('takes the 6-month feedback once, refuses the 12-month before it is due, and a graduate not the agency’s', async () => {
    const body = { enrolmentId: graduated, milestone: 6, applies: 'fully', rating: 5, comment: 'Vận dụng tốt kiến thức vào công tác' };
    const ok = await call('officerA', 'POST', '/api/v1/agency-feedback', body);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'submitted', form: { applies: 'fully', rating: 5 }, actions: [] });
    const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM agency_feedback')).rows[0]!.n;
    const n = await count();
    const twice = await call('officerA', 'POST', '/api/v1/agency-feedback', { ...body, rating: 1 });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'FEEDBACK_SUBMITTED']);
    const early = await call('officerA', 'POST', '/api/v1/agency-feedback', { ...body, milestone: 12 });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'FEEDBACK_NOT_DUE']);
    expect(early.json().error.message).toMatch(/Chưa đến hạn nhận xét/);
    expect((await call('officerA', 'POST', '/api/v1/agency-feedback', { ...body, enrolmentId: outOfScope })).statusCode).toBe(404);
    expect((await call('officerA', 'POST', '/api/v1/agency-feedback', { ...body, enrolmentId: notGraduate })).statusCode).toBe(404);
    expect((await call('officerA', 'POST', '/api/v1/agency-feedback', { ...body, rating: 7 })).statusCode).toBe(400);
    expect((await call('registrar', 'POST', '/api/v1/agency-feedback', body)).statusCode).toBe(403);
    expect(await count()).toBe(n);
    const audit = await db.query("SELECT 1 FROM audit_log WHERE entity = 'agency_feedback' AND action = 'submit'");
    expect(audit.rows.length).toBe(1);
  });

  it('reminds once per feedback and reminder kind, in the bell of the agency officers', async () => {
    const first = await recordFeedbackReminders(db, today);
    expect(first).toBeGreaterThan(0);
    expect(await recordFeedbackReminders(db, today)).toBe(0);
    const bell = (await call('officerA', 'GET', '/api/v1/me/notifications')).json();
    expect(bell.items.map((i: { kind: string }) => i.kind)).toContain('feedback_overdue');
    const summary = (await call('officerA', 'GET', '/api/v1/me/notifications/summary')).json();
    expect(summary.work).toContainEqual(expect.objectContaining({ kind: 'agencyFeedback', link: '/feedback' }));
  });

  it('shows the school and the board the results per class and programme, and exports them', async () => {
    const byClass = (await call('registrar', 'GET', '/api/v1/agency-feedback/results?groupBy=class')).json();
    const nx1 = byClass.rows.find((r: { label: string }) => r.label.endsWith('NX-1'));
    expect(nx1.graduates).toBe(2);
    expect(nx1.milestones[0]).toMatchObject({ milestone: 6, owed: 2, submitted: 1, averageRating: 5, applies: { fully: 1, partly: 0, not_yet: 0 } });
    const byProgramme = (await call('board', 'GET', '/api/v1/agency-feedback/results?groupBy=programme')).json();
    expect(byProgramme.rows.map((r: { key: string }) => r.key)).toEqual(['TC_LLCT']);
    expect((await call('officerA', 'GET', '/api/v1/agency-feedback/results')).statusCode).toBe(403);
    const job = await call('registrar', 'POST', '/api/v1/agency-feedback/results/export', { format: 'xlsx' });
    expect(job.statusCode, job.body).toBe(202);
    expect((await call('registrar', 'POST', `/api/v1/classes/${classId}/survey/export`, { format: 'pdf' })).statusCode).toBe(202);
  });
});
