import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { peopleRepo, type Db } from '@nang-tam/db';
import { todayInVietnam, training } from '@nang-tam/domain';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, personWrite, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { jobsClient, readSheet } from '../../../../tests/support/jobs.js';

/**
 * Gaps and eligibility through the API, on the fixture province plus a few cadres built for the
 * rules: commune A holds the candidates for trung cấp LLCT.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let board: Session;
let officerA: Session;
let learner: Session;
const ids: Record<string, number> = {};

interface Cadre {
  name: string;
  title?: string;
  gender?: 'male' | 'female';
  ethnicity?: string;
  birthDate?: string;
  party?: [string, string | null];
  quals?: [string, string, string | null][];
  appraisals?: [number, string][];
  planned?: [string, string];
  unit?: 'communeA' | 'communeB';
}

const CADRES: Cadre[] = [
  // PCT_UBND_X: its standard needs trung cấp LLCT, which Giang lacks → post_requires
  { name: 'Phạm Văn Giang', title: 'PCT_UBND_X', party: ['2010-03-01', '2011-03-01'], quals: [['education', 'cao_dang', '2008-06-01']], appraisals: [[2023, 'good'], [2024, 'good'], [2025, 'excellent']] },
  // ethnic minority with upper secondary only: eligible under 350 through the alternative
  { name: 'Ma Văn Khánh', title: 'DUV_X', ethnicity: '02', birthDate: '1995-04-10', party: ['2018-01-01', '2019-01-01'], quals: [['education', 'thpt', '2013-06-01']], appraisals: [[2023, 'good'], [2024, 'good'], [2025, 'good']] },
  // village party-cell secretary: a target post under 350-QĐ/TW only
  { name: 'Đỗ Thị Lan', title: 'BT_CB', gender: 'female', party: ['2012-05-01', '2013-05-01'], quals: [['education', 'cao_dang', '2010-06-01']], appraisals: [[2023, 'good'], [2024, 'good'], [2025, 'good']] },
  // Kinh with upper secondary only: enough under 57-QĐ/TW, not under 350-QĐ/TW
  { name: 'Vũ Văn Minh', title: 'PTP_X', party: ['2009-01-01', '2010-01-01'], quals: [['education', 'thpt', '2005-06-01']], appraisals: [[2023, 'good'], [2024, 'good'], [2025, 'good']] },
  // no title, planned for a commune division head: planned cadres come first
  { name: 'Lê Thị Nga', gender: 'female', birthDate: '1996-09-09', party: ['2019-02-01', '2020-02-01'], quals: [['education', 'dai_hoc', '2018-06-01']], appraisals: [[2023, 'good'], [2024, 'good'], [2025, 'good']], planned: ['TP_X', '2025-2030'] },
  // 2024 appraisal missing: cannot decide
  { name: 'Trịnh Văn Oanh', title: 'PCT_UBND_X', party: ['2008-01-01', '2009-01-01'], quals: [['education', 'dai_hoc', '2006-06-01']], appraisals: [[2025, 'good']] },
  // commune party secretary without university or LLCT: two gaps
  { name: 'Hà Văn Hải', title: 'BT_X', party: ['2000-01-01', '2001-01-01'], quals: [['education', 'cao_dang', '1998-06-01']], appraisals: [[2024, 'good'], [2025, 'good']] },
  // commune B: outside officer A's scope
  { name: 'Quách Văn Quý', title: 'PCT_UBND_X', unit: 'communeB', party: ['2010-01-01', '2011-01-01'], quals: [['education', 'dai_hoc', '2008-06-01']], appraisals: [[2024, 'good'], [2025, 'good']] },
];

async function insertCadres(): Promise<void> {
  const titleIds = new Map((await db.query<{ id: number; code: string }>('SELECT id, code FROM titles')).rows.map((t) => [t.code, t.id]));
  let n = 100;
  for (const c of CADRES) {
    n += 1;
    const [id] = await peopleRepo.insertPeople(db, [
      personWrite({
        fullName: c.name,
        unitId: fx.units[c.unit ?? 'communeA'],
        citizenId: `0080850${String(n).padStart(5, '0')}`,
        birthDate: c.birthDate ?? '1985-06-15',
        gender: c.gender ?? 'male',
        ethnicityCode: c.ethnicity ?? '01',
        titleId: c.title ? titleIds.get(c.title)! : null,
        partyJoinedOn: c.party?.[0] ?? null,
        partyOfficialOn: c.party?.[1] ?? null,
      }),
    ]);
    ids[c.name] = id!;
    for (const [kind, level, on] of c.quals ?? []) {
      await db.query("INSERT INTO qualifications (person_id, kind, level, awarded_on, source) VALUES ($1, $2, $3, $4, 'imported')", [id, kind, level, on]);
    }
    for (const [year, cls] of c.appraisals ?? []) await db.query('INSERT INTO appraisals (person_id, year, classification) VALUES ($1, $2, $3)', [id, year, cls]);
    if (c.planned) await db.query('INSERT INTO planning_entries (person_id, title_id, term) VALUES ($1, $2, $3)', [id, titleIds.get(c.planned[0]), c.planned[1]]);
    await peopleRepo.refreshHighestLevels(db, [id!]);
  }
}

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  await insertCadres();
  app = await buildTestApp(db);
  board = await loginAs(app, 'board');
  officerA = await loginAs(app, 'officerA');
  learner = await loginAs(app, 'learner');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const get = (s: Session, url: string) => app.inject({ url, headers: as(s) });

describe('a person\'s gaps', () => {
  it('lists the gaps of the current title with their sources, and closes them when qualifications are added through the API', async () => {
    const hai = ids['Hà Văn Hải']!;
    const before = (await get(officerA, `/api/v1/people/${hai}/gaps?asOf=2026-06-01`)).json();
    expect(before.person).toEqual({ id: hai, fullName: 'Hà Văn Hải' });
    const target = before.targets.find((t: { role: string }) => t.role === 'current_title');
    expect(target).toMatchObject({ code: 'BT_X', name: 'Bí thư Đảng ủy xã, phường' });
    expect(target.gaps.map((g: { kind: string; neededLevel: string }) => [g.kind, g.neededLevel]).sort()).toEqual([
      ['education', 'dai_hoc'],
      ['political_theory', 'trung_cap'],
    ]);
    expect(target.gaps.find((g: { kind: string }) => g.kind === 'education').source.code).toBe('33/2023/NĐ-CP');
    expect(before.summary.gapCount).toBe(2);
    expect(before.summary.text).toMatch(/2 khoảng trống/);

    const add = await app.inject({
      method: 'POST',
      url: `/api/v1/people/${hai}/qualifications`,
      headers: as(officerA),
      payload: { kind: 'political_theory', level: 'trung_cap', awardedOn: '2026-01-15', institution: 'Trường Chính trị tỉnh' },
    });
    expect(add.statusCode).toBe(201);
    const after = (await get(officerA, `/api/v1/people/${hai}/gaps?asOf=2026-06-01`)).json();
    expect(after.summary.needs).toEqual([{ kind: 'education', level: 'dai_hoc', levelName: 'Đại học', forTargets: ['BT_X'] }]);
    // as of a date before the award, the gap is still there
    const earlier = (await get(officerA, `/api/v1/people/${hai}/gaps?asOf=2025-12-31`)).json();
    expect(earlier.summary.gapCount).toBe(2);
  });

  it('counts a planned title and says when there is nothing to measure', async () => {
    const nga = (await get(board, `/api/v1/people/${ids['Lê Thị Nga']}/gaps?asOf=2026-06-01`)).json();
    expect(nga.targets).toMatchObject([{ role: 'planned_title', code: 'TP_X', term: '2025-2030' }]);
    expect(nga.summary.needs).toEqual([{ kind: 'political_theory', level: 'trung_cap', levelName: 'Trung cấp', forTargets: ['TP_X'] }]);
    const binh = (await get(board, `/api/v1/people/${fx.people.binh}/gaps`)).json();
    expect(binh.targets).toEqual([]);
    expect(binh.summary.text).toMatch(/Chưa có chức danh/);
  });

  it('refuses an invalid date with the field path, and answers 404 out of scope', async () => {
    const bad = await get(board, `/api/v1/people/${fx.people.an}/gaps?asOf=2025-02-30`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'asOf', code: 'INVALID_DATE' }] });
    expect((await get(officerA, `/api/v1/people/${ids['Quách Văn Quý']}/gaps`)).statusCode).toBe(404);
    expect((await get(learner, `/api/v1/people/${fx.people.binh}/gaps`)).statusCode).toBe(200);
  });
});

describe('a person\'s eligibility', () => {
  const url = (name: string, q: string) => `/api/v1/people/${ids[name]}/eligibility?${q}`;

  it('explains every rule with its outcome, facts and source document', async () => {
    const res = await get(officerA, url('Phạm Văn Giang', 'programme=TC_LLCT&mode=full_time&asOf=2026-06-01'));
    expect(res.statusCode).toBe(200);
    const [result] = res.json().results;
    expect(result).toMatchObject({ programmeCode: 'TC_LLCT', mode: 'full_time', asOf: '2026-06-01', outcome: 'eligible', missing: [] });
    expect(result.rules.map((r: { ruleId: string }) => r.ruleId)).toEqual([
      'TC_LLCT_350.target_post',
      'TC_LLCT_350.party_member',
      'TC_LLCT_350.education',
      'TC_LLCT_350.appraisal_streak',
      'TC_LLCT_350.age_part_time',
      'TC_LLCT_350.not_already_holding',
      'TC_LLCT_350.not_enrolled',
    ]);
    for (const r of result.rules) expect(r.source).toMatchObject({ code: '350-QĐ/TW', issuer: 'Ban Bí thư', issuedOn: '2025-08-29' });
    const appraisal = result.rules.find((r: { kind: string }) => r.kind === 'appraisal_streak');
    expect(appraisal).toMatchObject({ outcome: 'pass', facts: { years: [2025, 2024], classifications: { '2025': 'excellent', '2024': 'good' } } });
    expect(result.rules.find((r: { kind: string }) => r.kind === 'age_limit').outcome).toBe('not_applicable');
    expect(result.summary).toMatch(/^Đủ điều kiện/);
  });

  it('changes the answer on the day 350-QĐ/TW takes effect', async () => {
    const lan28 = (await get(board, url('Đỗ Thị Lan', 'programme=TC_LLCT&mode=full_time&asOf=2025-08-28'))).json().results[0];
    const lan29 = (await get(board, url('Đỗ Thị Lan', 'programme=TC_LLCT&mode=full_time&asOf=2025-08-29'))).json().results[0];
    expect(lan28.outcome).toBe('not_eligible');
    expect(lan28.rules.find((r: { outcome: string }) => r.outcome === 'fail')).toMatchObject({ ruleId: 'TC_LLCT_57.target_post', source: { code: '57-QĐ/TW' } });
    expect(lan29.outcome).toBe('eligible');
    expect(lan29.rules.every((r: { source: { code: string } }) => r.source.code === '350-QĐ/TW')).toBe(true);
    const minh29 = (await get(board, url('Vũ Văn Minh', 'programme=TC_LLCT&mode=full_time&asOf=2025-08-29'))).json().results[0];
    expect(minh29.outcome).toBe('not_eligible');
    expect(minh29.rules.find((r: { ruleId: string }) => r.ruleId === 'TC_LLCT_350.education')).toMatchObject({ outcome: 'fail', facts: { held: 'thpt', required: 'cao_dang' } });
    const khanh = (await get(board, url('Ma Văn Khánh', 'programme=TC_LLCT&mode=full_time&asOf=2025-08-29'))).json().results[0];
    expect(khanh.outcome).toBe('eligible');
    expect(khanh.rules.find((r: { ruleId: string }) => r.ruleId === 'TC_LLCT_350.education')).toMatchObject({ outcome: 'pass', facts: { alternativeApplied: 'thpt' } });
  });

  it('answers cannot_decide naming the missing facts instead of guessing', async () => {
    const [result] = (await get(board, url('Trịnh Văn Oanh', 'programme=TC_LLCT&mode=full_time&asOf=2026-06-01'))).json().results;
    expect(result.outcome).toBe('cannot_decide');
    expect(result.missing).toEqual(['appraisals.2024']);
    expect(result.missingLabels).toEqual(['xếp loại đánh giá năm 2024']);
    expect(result.summary).toMatch(/Chưa thể kết luận/);
    // admitted years ago, status not recorded, no official date: cao cấp needs it
    await db.query('UPDATE people SET party_membership = NULL, party_official_on = NULL WHERE id = $1', [ids['Trịnh Văn Oanh']]);
    const cc = (await get(board, url('Trịnh Văn Oanh', 'programme=CC_LLCT&mode=full_time&asOf=2026-06-01'))).json().results[0];
    expect(cc.missing).toContain('partyOfficialOn');
    expect(cc.rules.find((r: { kind: string }) => r.kind === 'party_member')).toMatchObject({ outcome: 'missing_fact', missing: ['partyOfficialOn'] });
  });

  it('answers every programme and mode when none is named, and the learner about themself', async () => {
    const all = (await get(board, url('Phạm Văn Giang', 'asOf=2026-06-01'))).json();
    // every programme of the catalogue (issue 9: 8 rule programmes and the rest) × the modes each offers
    const shown = training
      .shippedProgrammeCodes()
      .map((code) => training.programmeVersionShown(training.SHIPPED_PROGRAMME_VERSIONS.filter((v) => v.code === code), todayInVietnam())!);
    expect(all.results.length).toBe(shown.reduce((n, p) => n + p.modes.length, 0));
    expect(new Set(all.results.map((r: { programmeCode: string }) => r.programmeCode)).size).toBe(shown.length);
    const own = await get(learner, `/api/v1/people/${fx.people.binh}/eligibility?programme=SDH_THS&mode=full_time&asOf=2026-06-01`);
    expect(own.statusCode).toBe(200);
    expect(own.json().results[0].notes[0].source.code).toBe('171/2025/NĐ-CP');
  });

  it('refuses an unknown programme, an unsupported mode and an invalid date clearly', async () => {
    const unknown = await get(board, url('Phạm Văn Giang', 'programme=XYZ'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_PROGRAMME', details: [{ path: 'programme', code: 'UNKNOWN_PROGRAMME' }] });
    expect(unknown.json().error.message).toMatch(/XYZ/);
    const mode = await get(board, url('Phạm Văn Giang', 'programme=QLNN_CVCC&mode=online'));
    expect(mode.statusCode).toBe(400);
    expect(mode.json().error.code).toBe('UNSUPPORTED_MODE');
    const date = await get(board, url('Phạm Văn Giang', 'programme=TC_LLCT&asOf=29/08/2025'));
    expect(date.statusCode).toBe(400);
    expect(date.json().error.details).toEqual([expect.objectContaining({ path: 'asOf', code: 'INVALID_DATE' })]);
    const badMode = await get(board, url('Phạm Văn Giang', 'mode=evening'));
    expect(badMode.json().error.details).toEqual([expect.objectContaining({ path: 'mode' })]);
  });

  it('knows who is already enrolled', async () => {
    await db.query("INSERT INTO enrolments (person_id, programme_code, started_on, ended_on) VALUES ($1, 'TC_LLCT', '2026-03-01', '2026-12-20')", [ids['Phạm Văn Giang']]);
    const during = (await get(board, url('Phạm Văn Giang', 'programme=TC_LLCT&mode=full_time&asOf=2026-06-01'))).json().results[0];
    expect(during.outcome).toBe('not_eligible');
    expect(during.rules.find((r: { kind: string }) => r.kind === 'not_enrolled')).toMatchObject({ outcome: 'fail', message: 'Đang học chương trình Trung cấp lý luận chính trị — không đạt.' });
    const before = (await get(board, url('Phạm Văn Giang', 'programme=TC_LLCT&mode=full_time&asOf=2026-02-28'))).json().results[0];
    expect(before.outcome).toBe('eligible');
    // a withdrawn enrolment no longer counts
    await db.query("UPDATE enrolments SET status = 'withdrawn'");
    expect((await get(board, url('Phạm Văn Giang', 'programme=TC_LLCT&mode=full_time&asOf=2026-06-01'))).json().results[0].outcome).toBe('eligible');
    const listed = (await get(board, `/api/v1/candidates?programme=TC_LLCT&mode=full_time&asOf=2026-06-01&unitId=${fx.units.communeA}`)).json();
    expect(listed.items.map((c: { person: { fullName: string } }) => c.person.fullName)).toContain('Phạm Văn Giang');
    await db.query('DELETE FROM enrolments');
  });
});

describe('unit gaps dashboard', () => {
  it('counts people by missing qualification per child unit, and drills down to them', async () => {
    const res = await get(board, `/api/v1/units/${fx.units.root}/gaps?asOf=2026-06-01`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unit).toEqual({ id: fx.units.root, name: 'Tỉnh Thử Nghiệm' });
    const a = body.children.find((c: { unit: { id: number } | null }) => c.unit?.id === fx.units.communeA);
    expect(a.people).toBe(9);
    // An, Giang, Minh, Nga (planned), Oanh, Hải; DUV_X, BT_CB and no title have no standard
    expect(a.withStandards).toBe(6);
    const llct = a.needs.find((n: { kind: string; level: string }) => n.kind === 'political_theory' && n.level === 'trung_cap');
    expect(llct.people).toBe(4); // Giang, Minh, Nga, Oanh (Hải got his in the first test)
    expect(body.totals.people).toBe(12);
    expect(body.totals.needs.find((n: { kind: string; level: string }) => n.kind === 'political_theory').people).toBe(5); // + Quý in commune B

    const drill = (await get(board, `/api/v1/units/${fx.units.communeA}/gaps/people?kind=political_theory&level=trung_cap&asOf=2026-06-01&limit=2`)).json();
    expect(drill.total).toBe(4);
    expect(drill.items.map((p: { fullName: string }) => p.fullName)).toEqual(['Phạm Văn Giang', 'Vũ Văn Minh']);
    expect(drill.items[0]).toMatchObject({ unit: { id: fx.units.communeA }, title: { name: 'Phó Chủ tịch UBND xã, phường' } });
    const page2 = (await get(board, `/api/v1/units/${fx.units.communeA}/gaps/people?kind=political_theory&level=trung_cap&asOf=2026-06-01&limit=2&offset=2`)).json();
    expect(page2.items.map((p: { fullName: string }) => p.fullName)).toEqual(['Lê Thị Nga', 'Trịnh Văn Oanh']);
  });

  it('answers 404 for a unit out of scope and refuses an unknown level', async () => {
    expect((await get(officerA, `/api/v1/units/${fx.units.communeB}/gaps`)).statusCode).toBe(404);
    expect((await get(officerA, `/api/v1/units/${fx.units.communeB}/gaps/people?kind=education`)).statusCode).toBe(404);
    const bad = await get(board, `/api/v1/units/${fx.units.root}/gaps/people?kind=education&level=phd`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ path: 'level', code: 'UNKNOWN_LEVEL' })]);
  });
});

describe('candidate list', () => {
  const list = (s: Session, q: string) => get(s, `/api/v1/candidates?programme=TC_LLCT&mode=full_time&asOf=2026-06-01&${q}`);

  it('ranks planned cadres first, then those whose post requires it, then others', async () => {
    const res = await list(board, `unitId=${fx.units.communeA}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((c: { person: { fullName: string }; priority: string }) => [c.person.fullName, c.priority])).toEqual([
      ['Lê Thị Nga', 'planned'],
      ['Phạm Văn Giang', 'post_requires'],
      ['Ma Văn Khánh', 'other'],
      ['Đỗ Thị Lan', 'other'],
    ]);
    // not eligible: An and Hải hold trung cấp LLCT, Minh lacks a college degree, Bình holds no target post
    expect(body.counts).toEqual({ people: 9, eligible: 4, cannotDecide: 1, notEligible: 4 });
    expect(body.total).toBe(4);
    expect(body.items[0]).toMatchObject({ age: 29, plannedTitles: [{ titleCode: 'TP_X', term: '2025-2030' }], person: { gender: 'female' } });
  });

  it('filters young, female and ethnic-minority cadres, pages, and lists the undecided on request', async () => {
    const female = (await list(board, `unitId=${fx.units.communeA}&female=true`)).json();
    expect(female.items.map((c: { person: { fullName: string } }) => c.person.fullName)).toEqual(['Lê Thị Nga', 'Đỗ Thị Lan']);
    expect(female.counts.people).toBe(3); // + Bình
    const minority = (await list(board, `unitId=${fx.units.communeA}&minority=true`)).json();
    expect(minority.items.map((c: { person: { fullName: string } }) => c.person.fullName)).toEqual(['Ma Văn Khánh']);
    const young = (await list(board, `unitId=${fx.units.communeA}&young=true`)).json();
    expect(young.items.map((c: { person: { fullName: string } }) => c.person.fullName)).toEqual(['Lê Thị Nga', 'Ma Văn Khánh']);
    const paged = (await list(board, `unitId=${fx.units.communeA}&limit=1&offset=1`)).json();
    expect(paged.total).toBe(4);
    expect(paged.items.map((c: { person: { fullName: string } }) => c.person.fullName)).toEqual(['Phạm Văn Giang']);
    const undecided = (await list(board, `unitId=${fx.units.communeA}&outcome=cannot_decide`)).json();
    expect(undecided.items).toMatchObject([{ person: { fullName: 'Trịnh Văn Oanh' }, outcome: 'cannot_decide', missingLabels: ['xếp loại đánh giá năm 2024'] }]);
  });

  it('keeps to the caller\'s scope by default and answers 404 for a unit outside it', async () => {
    const own = (await list(officerA, '')).json();
    expect(own.unit.id).toBe(fx.units.communeA);
    expect(own.items.map((c: { person: { fullName: string } }) => c.person.fullName)).not.toContain('Quách Văn Quý');
    expect((await list(officerA, `unitId=${fx.units.communeB}`)).statusCode).toBe(404);
    const whole = (await list(board, '')).json();
    expect(whole.items.map((c: { person: { fullName: string } }) => c.person.fullName)).toContain('Quách Văn Quý');
  });

  it('refuses an unknown programme and a missing one', async () => {
    const unknown = await get(board, '/api/v1/candidates?programme=NOPE');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('UNKNOWN_PROGRAMME');
    const missing = await get(board, '/api/v1/candidates');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([expect.objectContaining({ path: 'programme', code: 'REQUIRED' })]);
  });
});

describe('candidate list export', () => {
  const start = (s: Session, body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/v1/exports/candidates', headers: as(s), payload: body });

  it('writes the whole ranked list under the question it answers, as a background job', async () => {
    const jobs = jobsClient(app, db);
    const res = await start(board, { programme: 'TC_LLCT', mode: 'full_time', asOf: '2026-06-01', unitId: fx.units.communeA, female: true });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ kind: 'candidates_export', status: 'queued' });
    await jobs.run();
    const job = await jobs.get(board, res.json().id);
    expect(job).toMatchObject({ status: 'succeeded', result: { rows: 2 }, fileName: 'nguon-cu-di-hoc-tc-llct-2026-06-01.xlsx' });
    const rows = await readSheet((await jobs.file(board, job.id)).body);
    expect(String(rows[0]![0])).toContain('TRUNG CẤP LÝ LUẬN CHÍNH TRỊ');
    expect(String(rows[1]![0])).toContain('xét tại ngày 01/06/2026; 3 người: 2 đủ điều kiện');
    expect(rows[2]).toEqual(['STT', 'Họ và tên', 'Ngày sinh', 'Tuổi', 'Giới tính', 'Dân tộc', 'Đơn vị', 'Chức danh', 'Ưu tiên', 'Chức danh quy hoạch', 'Kết quả xét', 'Dữ kiện còn thiếu']);
    expect(rows.slice(3).map((r) => [r[0], r[1], r[3], r[8], r[10]])).toEqual([
      [1, 'Lê Thị Nga', 29, 'Trong quy hoạch', 'Đủ điều kiện'],
      [2, 'Đỗ Thị Lan', 40, 'Khác', 'Đủ điều kiện'],
    ]);
    expect(String(rows[3]![9])).toMatch(/\(2025-2030\)$/);
  });

  it('refuses an unknown programme, unknown fields, a unit out of scope and a learner before queueing', async () => {
    const unknown = await start(board, { programme: 'NOPE' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('UNKNOWN_PROGRAMME');
    expect((await start(officerA, { programme: 'TC_LLCT', unitId: fx.units.communeB })).statusCode).toBe(404);
    const extra = await start(board, { programme: 'TC_LLCT', limit: 5 });
    expect(extra.statusCode).toBe(400);
    expect((await start(learner, { programme: 'TC_LLCT' })).statusCode).toBe(403);
    const queued = await db.query("SELECT count(*)::int AS n FROM jobs WHERE kind = 'candidates_export'");
    expect(queued.rows[0]).toEqual({ n: 1 });
  });
});

describe('what-if', () => {
  it('lists who changes status when 350-QĐ/TW replaces 57-QĐ/TW', async () => {
    const res = await get(board, `/api/v1/candidates/what-if?programme=TC_LLCT&mode=full_time&unitId=${fx.units.communeA}&from=2025-08-28&to=2025-08-29`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((c: { person: { fullName: string }; from: { outcome: string }; to: { outcome: string } }) => [c.person.fullName, c.from.outcome, c.to.outcome])).toEqual([
      ['Đỗ Thị Lan', 'not_eligible', 'eligible'],
      ['Vũ Văn Minh', 'eligible', 'not_eligible'],
    ]);
    expect(body.items[0].from.failed).toEqual([expect.objectContaining({ ruleId: 'TC_LLCT_57.target_post', source: '57-QĐ/TW' })]);
    expect(body.items[1].to.failed).toEqual([expect.objectContaining({ ruleId: 'TC_LLCT_350.education', source: '350-QĐ/TW' })]);
    expect(body.rules.from.every((r: string) => r.startsWith('TC_LLCT_57.'))).toBe(true);
    expect(body.rules.to.every((r: string) => r.startsWith('TC_LLCT_350.'))).toBe(true);
    expect(body.total).toBe(2);
    expect(body.transitions).toEqual(
      expect.arrayContaining([
        { from: 'eligible', to: 'not_eligible', people: 1 },
        { from: 'not_eligible', to: 'eligible', people: 1 },
      ]),
    );
    expect(body.counts.people).toBe(9);
  });

  it('refuses the same date twice', async () => {
    const res = await get(board, '/api/v1/candidates/what-if?programme=TC_LLCT&from=2025-08-29&to=2025-08-29');
    expect(res.statusCode).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents the new routes', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/programmes', '/api/v1/rules', '/api/v1/rules/{ruleId}/versions', '/api/v1/standards', '/api/v1/people/{id}/gaps', '/api/v1/people/{id}/eligibility', '/api/v1/units/{id}/gaps', '/api/v1/units/{id}/gaps/people', '/api/v1/candidates', '/api/v1/candidates/what-if']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
