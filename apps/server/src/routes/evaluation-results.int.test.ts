import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { peopleRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, personWrite, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { enrol, insertTrainingClass } from '../../../../tests/support/learners.js';
import { jobsClient, readSheet } from '../../../../tests/support/jobs.js';
import { pdfText } from '../../../../tests/support/pdf-text.js';

/**
 * Evaluation of results at two years (issue 11 point 4, decision 0052) through the API, on the
 * fixture province with a registry history written here: a class of 24 graduates (20 in commune A,
 * 4 in commune B) that ran 1/3–31/5/2022, 40 comparable people who never took the programme, and a
 * class that ended in 2025 (too early). The figures are checked against hand-written SQL.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const USERS = ['board', 'registrar', 'officerA', 'officerD', 'lecturer'] as const;
type Who = (typeof USERS)[number];
const s = {} as Record<Who, Session>;
let oldClass = 0;
let recentClass = 0;
const graduates: number[] = [];
const controls: number[] = [];
let outsider = 0;

const send = (who: Who, method: 'POST' | 'PUT', url: string, payload: unknown) =>
  app.inject({ method, url, headers: as(s[who]), payload: payload as object });
const get = (who: Who, url: string) => app.inject({ url, headers: as(s[who]) });

let serial = 0;
async function people(n: number, unitId: number, over: Partial<Parameters<typeof personWrite>[0]> = {}): Promise<number[]> {
  const rows = Array.from({ length: n }, () => {
    serial += 1;
    return personWrite({
      fullName: `Cán Bộ ${String(serial).padStart(3, '0')}`,
      unitId,
      citizenId: `00809100${String(serial).padStart(4, '0')}`,
      birthDate: '1986-04-10',
      ...over,
    });
  });
  const ids = await peopleRepo.insertPeople(db, rows);
  // in service since 2012 without a title
  for (const id of ids)
    await db.query("INSERT INTO assignments (person_id, unit_id, started_on, reason) VALUES ($1, $2, '2012-01-01', 'recruitment')", [
      id,
      unitId,
    ]);
  return ids;
}

async function appraise(personId: number, byYear: Record<number, string>): Promise<void> {
  for (const [year, c] of Object.entries(byYear))
    await db.query('INSERT INTO appraisals (person_id, year, classification) VALUES ($1, $2, $3)', [personId, Number(year), c]);
}

/** Ends the person's open assignment the day before and starts a new one. */
async function move(personId: number, on: string, reason: string, titleCode: string | null): Promise<void> {
  await db.query('UPDATE assignments SET ended_on = $2::date - 1 WHERE person_id = $1 AND ended_on IS NULL', [personId, on]);
  await db.query(
    `INSERT INTO assignments (person_id, unit_id, title_id, started_on, reason)
     SELECT $1, p.unit_id, (SELECT id FROM titles WHERE code = $4), $2, $3 FROM people p WHERE p.id = $1`,
    [personId, on, reason, titleCode],
  );
}

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of USERS) s[u] = await loginAs(app, u);
  const modules = [{ code: 'HP1', name: 'Học phần 1', periods: 40 }];
  oldClass = (
    await insertTrainingClass(db, {
      organiserUnitId: fx.units.department,
      cohortCode: 'K2022',
      startDate: '2022-03-01',
      endDate: '2022-05-31',
      modules,
    })
  ).id;
  recentClass = (
    await insertTrainingClass(db, {
      organiserUnitId: fx.units.department,
      cohortCode: 'K2025',
      startDate: '2025-03-01',
      endDate: '2025-10-01',
      modules,
    })
  ).id;
  graduates.push(...(await people(20, fx.units.communeA)), ...(await people(4, fx.units.communeB)));
  controls.push(...(await people(40, fx.units.communeA)));
  outsider = (await people(1, fx.units.communeA))[0]!;
  for (const [i, id] of graduates.entries()) {
    await enrol(db, oldClass, id);
    await db.query("UPDATE enrolments SET status = 'completed' WHERE class_id = $1 AND person_id = $2", [oldClass, id]);
    // before: 2020 good for even, completed for odd; 2021 good — except the first, with no 2021 appraisal
    await appraise(id, i === 0 ? { 2020: 'good' } : { 2020: i % 2 === 0 ? 'good' : 'completed', 2021: 'good' });
    // after (the course ended by 30 June: 2022 and 2023); 2024 lies outside the window
    await appraise(id, { 2022: i % 5 === 0 ? 'completed' : 'excellent', 2023: 'good', 2024: 'completed' });
    if (i % 3 === 0)
      await db.query(
        "INSERT INTO planning_entries (person_id, title_id, term, approved_on) SELECT $1, id, '2025-2030', '2023-04-01' FROM titles WHERE code = 'PCT_UBND_X'",
        [id],
      );
    if (i % 4 === 0) await move(id, '2023-09-01', 'appointment', 'PCT_UBND_X');
    if (i % 6 === 1) await move(id, '2024-05-31', 'rotation', null);
    if (i === 23) await move(id, '2024-06-01', 'rotation', null); // the day after the window: not counted
  }
  // a graduate who left inside the window; one who enrolled in the recent class only
  await db.query("INSERT INTO service_leavings (person_id, left_on, reason, recorded_by) VALUES ($1, '2023-12-31', 'resigned', $2)", [
    graduates[5],
    fx.users.board!.id,
  ]);
  await enrol(db, recentClass, graduates[0]!);
  await db.query("UPDATE enrolments SET status = 'completed' WHERE class_id = $1", [recentClass]);
  for (const [i, id] of controls.entries()) {
    await appraise(id, {
      2020: 'good',
      2021: i % 2 === 0 ? 'good' : 'completed',
      2022: i % 2 === 0 ? 'good' : 'completed',
      2023: i % 3 === 0 ? 'completed' : 'good',
    });
    if (i % 10 === 0)
      await db.query(
        "INSERT INTO planning_entries (person_id, title_id, term, approved_on) SELECT $1, id, '2025-2030', '2023-04-01' FROM titles WHERE code = 'PCT_UBND_X'",
        [id],
      );
    if (i % 20 === 0) await move(id, '2023-02-01', 'appointment', 'PCT_UBND_X');
    if (i % 8 === 3) await move(id, '2022-12-01', 'transfer', null);
  }
  // one comparable person took the programme in another class (withdrawn does not count), another left before the course
  await db.query("INSERT INTO service_leavings (person_id, left_on, reason, recorded_by) VALUES ($1, '2021-12-31', 'resigned', $2)", [
    controls[39],
    fx.users.board!.id,
  ]);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** The figures by hand: plain SQL written apart from the repository's. */
async function byHand(): Promise<Record<string, number>> {
  const g = (
    await db.query<Record<string, number>>(
      `WITH grads AS (
         SELECT e.person_id, (SELECT l.left_on FROM service_leavings l WHERE l.person_id = e.person_id) <= DATE '2024-05-31' AS gone
         FROM enrolments e WHERE e.class_id = $1 AND e.status = 'completed')
       SELECT count(*)::int AS people,
              count(*) FILTER (WHERE gone IS TRUE)::int AS left,
              (SELECT count(*) FROM appraisals a JOIN grads USING (person_id) WHERE a.year IN (2020, 2021))::int AS before_rated,
              (SELECT count(*) FROM appraisals a JOIN grads USING (person_id) WHERE a.year IN (2020, 2021) AND a.classification IN ('good', 'excellent'))::int AS before_good,
              (SELECT count(*) FROM appraisals a JOIN grads USING (person_id) WHERE a.year IN (2022, 2023) AND gone IS NOT TRUE)::int AS after_rated,
              (SELECT count(*) FROM appraisals a JOIN grads USING (person_id) WHERE a.year IN (2022, 2023) AND gone IS NOT TRUE AND a.classification IN ('good', 'excellent'))::int AS after_good,
              (SELECT count(DISTINCT pe.person_id) FROM planning_entries pe JOIN grads USING (person_id) WHERE gone IS NOT TRUE AND pe.approved_on > DATE '2022-05-31' AND pe.approved_on <= DATE '2024-05-31')::int AS planned,
              (SELECT count(DISTINCT x.person_id) FROM assignments x JOIN grads USING (person_id) WHERE gone IS NOT TRUE AND x.reason IN ('rotation', 'transfer') AND x.started_on > DATE '2022-05-31' AND x.started_on <= DATE '2024-05-31')::int AS rotated,
              (SELECT count(DISTINCT x.person_id) FROM assignments x JOIN grads USING (person_id) WHERE gone IS NOT TRUE AND x.title_id IS NOT NULL AND x.reason = 'appointment' AND x.started_on > DATE '2022-05-31' AND x.started_on <= DATE '2024-05-31')::int AS promoted
       FROM grads`,
      [oldClass],
    )
  ).rows[0]!;
  const c = (
    await db.query<Record<string, number>>(
      `WITH ctl AS (
         SELECT p.id AS person_id FROM people p
         WHERE p.category = 'cong_chuc' AND p.birth_date BETWEEN DATE '1982-03-02' AND DATE '1992-03-01'
           AND EXISTS (SELECT 1 FROM assignments y WHERE y.person_id = p.id AND y.title_id IS NULL AND y.started_on <= DATE '2022-03-01' AND (y.ended_on IS NULL OR y.ended_on >= DATE '2022-03-01'))
           AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = p.id AND e.programme_code = 'TC_LLCT')
           AND NOT EXISTS (SELECT 1 FROM service_leavings l WHERE l.person_id = p.id AND l.left_on < DATE '2022-03-01'))
       SELECT count(*)::int AS people,
              (SELECT count(*) FROM appraisals a JOIN ctl USING (person_id) WHERE a.year IN (2022, 2023) AND a.classification IN ('good', 'excellent'))::int AS after_good,
              (SELECT count(*) FROM appraisals a JOIN ctl USING (person_id) WHERE a.year IN (2022, 2023))::int AS after_rated,
              (SELECT count(*) FROM appraisals a JOIN ctl USING (person_id) WHERE a.year IN (2020, 2021) AND a.classification IN ('good', 'excellent'))::int AS before_good,
              (SELECT count(*) FROM appraisals a JOIN ctl USING (person_id) WHERE a.year IN (2020, 2021))::int AS before_rated,
              (SELECT count(DISTINCT pe.person_id) FROM planning_entries pe JOIN ctl USING (person_id) WHERE pe.approved_on > DATE '2022-05-31' AND pe.approved_on <= DATE '2024-05-31')::int AS planned
       FROM ctl`,
    )
  ).rows[0]!;
  return {
    ...g,
    c_people: c.people!,
    c_after_good: c.after_good!,
    c_after_rated: c.after_rated!,
    c_before_good: c.before_good!,
    c_before_rated: c.before_rated!,
    c_planned: c.planned!,
  };
}

describe('two-year results of a class', () => {
  it('shows before and after beside comparable people, as hand-written SQL counts them', async () => {
    const res = await get('board', `/api/v1/evaluation/results?classId=${oldClass}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const k = r.classes[0];
    expect(k).toMatchObject({
      id: oldClass,
      beforeYears: [2020, 2021],
      afterYears: [2022, 2023],
      eventsTo: '2024-05-31',
      readyOn: '2024-05-31',
    });
    const h = await byHand();
    expect(k.comparison.graduates).toEqual({
      people: h.people,
      left: h.left,
      beforeRated: h.before_rated,
      beforeGood: h.before_good,
      afterRated: h.after_rated,
      afterGood: h.after_good,
      planned: h.planned,
      rotated: h.rotated,
      promoted: h.promoted,
    });
    // the figures themselves (so that the hand SQL cannot drift with the repository's)
    expect(k.comparison.graduates).toMatchObject({ people: 24, left: 1, beforeRated: 47, planned: 8, promoted: 6 });
    expect(k.comparison.controls).toBe(h.c_people);
    expect(k.comparison.controls).toBe(40);
    const pct = (n: number | undefined, d: number | undefined) => Math.round((1000 * n!) / d!) / 10;
    expect(k.comparison.controlShares.afterGood).toBe(pct(h.c_after_good, h.c_after_rated));
    expect(k.comparison.controlShares.beforeGood).toBe(pct(h.c_before_good, h.c_before_rated));
    expect(k.comparison.controlShares.planned).toBe(pct(h.c_planned, h.c_people));
    expect(k.comparison.graduateShares.afterGood).toBeGreaterThan(k.comparison.controlShares.afterGood);
    expect(k.comparison.sufficient).toBe(true);
    expect(k.actions).toEqual(['openCampaign']);
    expect(r.rules.length).toBeGreaterThan(3);
  });

  it('lists a class that ended less than two years ago as not ready, with the day it becomes possible', async () => {
    const r = (await get('board', `/api/v1/evaluation/results?programmeCode=TC_LLCT`)).json();
    expect(r.notReady).toEqual([{ id: recentClass, name: expect.any(String), endDate: '2025-10-01', readyOn: '2027-10-01' }]);
    expect(r.classes.map((c: { id: number }) => c.id)).toEqual([oldClass]);
  });

  it('shows an agency its own graduates only', async () => {
    const r = (await get('officerA', `/api/v1/evaluation/results?classId=${oldClass}`)).json();
    expect(r.scopedToUnit).toBe(true);
    expect(r.classes[0].comparison.graduates.people).toBe(20);
    expect(r.classes[0].actions).toEqual([]);
    expect((await get('officerD', `/api/v1/evaluation/results?classId=${oldClass}`)).json().classes[0].comparison.graduates.people).toBe(0);
  });

  it('refuses a lecturer, a missing cohort and a bad query', async () => {
    expect((await get('lecturer', `/api/v1/evaluation/results?classId=${oldClass}`)).statusCode).toBe(403);
    expect((await get('board', '/api/v1/evaluation/results?classId=999999')).statusCode).toBe(404);
    expect((await get('board', '/api/v1/evaluation/results')).statusCode).toBe(400);
    expect((await get('board', `/api/v1/evaluation/results?classId=${oldClass}&programmeCode=TC_LLCT`)).statusCode).toBe(400);
  });
});

describe('an evaluation campaign', () => {
  let campaignId = 0;
  const count = async (sql: string) => Number((await db.query<{ n: number }>(sql)).rows[0]!.n);

  it('refuses a class that ended less than two years ago, nothing changed', async () => {
    const before = await count('SELECT count(*)::int AS n FROM evaluation_campaigns');
    const res = await send('registrar', 'POST', '/api/v1/evaluation/campaigns', { classId: recentClass, dueOn: '2099-01-31' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('EVALUATION_TOO_EARLY');
    expect(res.json().error.message).toContain('01/10/2027');
    expect(await count('SELECT count(*)::int AS n FROM evaluation_campaigns')).toBe(before);
  });

  it('is opened by the school with the facts pre-filled per graduate, and audited', async () => {
    expect((await send('officerA', 'POST', '/api/v1/evaluation/campaigns', { classId: oldClass, dueOn: '2099-01-31' })).statusCode).toBe(
      403,
    );
    const res = await send('registrar', 'POST', '/api/v1/evaluation/campaigns', {
      classId: oldClass,
      dueOn: '2099-01-31',
      note: 'Đợt đánh giá năm 2026',
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    campaignId = c.id;
    expect(c).toMatchObject({ status: 'open', graduates: 24, assessed: 0, actions: ['close', 'report'] });
    const first = c.assessments.find((a: { person: { id: number } }) => a.person.id === graduates[0]);
    expect(first.facts).toMatchObject({
      beforeRated: 1,
      beforeGood: 1,
      afterRated: 2,
      afterGood: 1,
      planned: true,
      promoted: true,
      left: false,
    });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'evaluation_campaign' AND entity_id = '${campaignId}' AND action = 'open'`,
      ),
    ).toBe(1);
    const again = await send('board', 'POST', '/api/v1/evaluation/campaigns', { classId: oldClass, dueOn: '2099-01-31' });
    expect(again.statusCode).toBe(409);
  });

  it('lets the agency assess its own graduates only', async () => {
    const owed = (await get('officerA', '/api/v1/evaluation/owed')).json();
    expect(owed.items.length).toBe(20);
    const url = (p: number) => `/api/v1/evaluation/campaigns/${campaignId}/assessments/${p}`;
    const body = { appliesKnowledge: 'fully', workChange: 'improved', comment: 'Chủ động tham mưu' };
    const ok = await send('officerA', 'PUT', url(graduates[0]!), body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ appliesKnowledge: 'fully', workChange: 'improved', assessedBy: 'officerA' });
    // a graduate of commune B, a person outside the cohort, a person that does not exist: 404, nothing changed
    for (const p of [graduates[22]!, outsider, 999999]) expect((await send('officerA', 'PUT', url(p), body)).statusCode).toBe(404);
    expect((await send('officerA', 'PUT', url(graduates[1]!), { appliesKnowledge: 'fully' })).statusCode).toBe(400);
    expect(
      await count(`SELECT count(*)::int AS n FROM evaluation_assessments WHERE campaign_id = ${campaignId} AND assessed_at IS NOT NULL`),
    ).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'evaluation_assessment'`)).toBe(1);
    expect((await get('officerA', '/api/v1/evaluation/owed')).json().items.length).toBe(19);
    // the agency's view of the campaign: its own graduates
    const mine = (await get('officerA', `/api/v1/evaluation/campaigns/${campaignId}`)).json();
    expect(mine.assessments.length).toBe(20);
    expect(mine.actions).toEqual([]);
    expect((await get('officerD', `/api/v1/evaluation/campaigns/${campaignId}`)).statusCode).toBe(404);
  });

  it('closes with its final report, and refuses assessments after', async () => {
    const stale = await send('registrar', 'POST', `/api/v1/evaluation/campaigns/${campaignId}/close`, { version: 99 });
    expect(stale.statusCode).toBe(409);
    const closed = await send('registrar', 'POST', `/api/v1/evaluation/campaigns/${campaignId}/close`, { version: 1 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', assessed: 1, actions: ['report'] });
    const late = await send('officerA', 'PUT', `/api/v1/evaluation/campaigns/${campaignId}/assessments/${graduates[1]}`, {
      appliesKnowledge: 'partly',
      workChange: 'unchanged',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('CAMPAIGN_CLOSED');
    expect((await send('registrar', 'POST', `/api/v1/evaluation/campaigns/${campaignId}/close`, { version: 2 })).json().error.code).toBe(
      'CAMPAIGN_CLOSED',
    );

    const jobs = jobsClient(app, db);
    const xlsx = await send('registrar', 'POST', `/api/v1/evaluation/campaigns/${campaignId}/report`, { format: 'xlsx' });
    const pdf = await send('registrar', 'POST', `/api/v1/evaluation/campaigns/${campaignId}/report`, { format: 'pdf' });
    expect(xlsx.statusCode, xlsx.body).toBe(202);
    await jobs.run();
    const jx = await jobs.get(s.registrar, xlsx.json().id);
    expect(jx.status, JSON.stringify(jx)).toBe('succeeded');
    const text = (await readSheet((await jobs.file(s.registrar, jx.id)).body)).map((r) => r.join('|')).join('\n');
    expect(text).toContain('BÁO CÁO ĐÁNH GIÁ KẾT QUẢ SAU ĐÀO TẠO');
    expect(text).toContain('Chủ động tham mưu');
    expect(text).toContain('nhóm đối chứng');
    const jp = await jobs.get(s.registrar, pdf.json().id);
    expect(jp.status).toBe('succeeded');
    expect(pdfText((await jobs.file(s.registrar, jp.id)).body)).toContain('ĐÁNH GIÁ KẾT QUẢ');
  }, 60_000);
});
