import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { todayInVietnam } from '@nang-tam/domain';
import { peopleRepo, type Db } from '@nang-tam/db';
import type { NeedsAggregate, NeedsAnswer, NeedsCampaignDetail } from '@nang-tam/contracts';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, personWrite, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { addDays } from '../../../../tests/support/learners.js';
import { recordNeedsReminders } from '../services/needs.service.js';
import { jobsClient, readSheet } from '../../../../tests/support/jobs.js';
import { pdfText } from '../../../../tests/support/pdf-text.js';

/**
 * Needs campaigns through the API: the board opens a campaign for the communes, commune A's officer
 * fills in its answer from the gaps suggestion, bad input is refused at its field with nothing
 * changed, two officers editing at once are told, the board returns and the officer resubmits, the
 * board and the school see the aggregation, a closed campaign refuses until reopened for the unit,
 * reminders are recorded once, and the unit's history tells what became of each answer.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const today = todayInVietnam();
const year = Number(today.slice(0, 4)) + 1;
const s: Record<string, Session> = {};
let campaign: NeedsCampaignDetail;
let em: number;

const url = (unitId: number, tail = '') => `/api/v1/needs/campaigns/${campaign.id}/answers/${unitId}${tail}`;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of ['board', 'officerA', 'officerD', 'registrar', 'noivu', 'lecturer']) s[u] = await loginAs(app, u);
  // Em, vice-chairman of commune A: his post requires trung cấp LLCT, he holds sơ cấp
  const title = (await db.query<{ id: number }>("SELECT id FROM titles WHERE code = 'PCT_UBND_X'")).rows[0]!.id;
  [em] = (await peopleRepo.insertPeople(db, [
    personWrite({
      fullName: 'Hoàng Văn Em',
      unitId: fx.units.communeA,
      citizenId: '008085000005',
      birthDate: '1985-04-04',
      titleId: title,
      partyJoinedOn: '2010-01-01',
      partyOfficialOn: '2011-01-01',
    }),
  ])) as [number];
  await db.query(
    `INSERT INTO qualifications (person_id, kind, level, field, source) VALUES ($1, 'education', 'dai_hoc', 'Luật', 'imported'), ($1, 'political_theory', 'so_cap', NULL, 'imported')`,
    [em],
  );
  const y = Number(today.slice(0, 4));
  await db.query("INSERT INTO appraisals (person_id, year, classification) VALUES ($1, $2, 'good'), ($1, $3, 'good')", [em, y - 1, y - 2]);
  await peopleRepo.refreshHighestLevels(db, [em]);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function answerOf(who: string, unitId: number): Promise<NeedsAnswer> {
  const res = await app.inject({ url: url(unitId), headers: as(s[who]!) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const offers = [
  { programmeCode: 'TC_LLCT', modes: ['full_time', 'part_time'] },
  { programmeCode: 'QLNN_CV', modes: ['full_time', 'online'] },
];

describe('opening a campaign', () => {
  it('refuses bad offers and a choice of no unit, at their fields', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/needs/campaigns',
      headers: as(s.board!),
      payload: {
        year,
        title: 'Thử',
        deadline: `${year + 1}-01-10`,
        offers: [
          { programmeCode: 'KHONG_CO', modes: ['full_time'] },
          { programmeCode: 'TC_LLCT', modes: ['online'] },
          { programmeCode: 'TC_LLCT', modes: ['full_time'] },
        ],
        target: { kinds: ['commune'] },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string; code: string }) => `${d.path} ${d.code}`)).toEqual([
      'offers.0.programmeCode UNKNOWN_PROGRAMME',
      'offers.1.modes.0 UNSUPPORTED_MODE',
      'offers.2.programmeCode NEEDS_DUPLICATE_OFFER',
      'deadline NEEDS_DEADLINE_OUTSIDE_YEAR',
    ]);
    const none = await app.inject({
      method: 'POST',
      url: '/api/v1/needs/campaigns',
      headers: as(s.board!),
      payload: { year, title: 'Thử', deadline: addDays(today, 20), offers, target: { kinds: ['group'] } },
    });
    expect([none.statusCode, none.json().error.details[0].path, none.json().error.details[0].code]).toEqual([
      400,
      'target',
      'NEEDS_NO_UNITS',
    ]);
    const both = await app.inject({
      method: 'POST',
      url: '/api/v1/needs/campaigns',
      headers: as(s.board!),
      payload: { year, title: 'Thử', deadline: addDays(today, 20), offers, target: { kinds: ['commune'], unitIds: [fx.units.communeA] } },
    });
    expect([both.statusCode, both.json().error.details[0].code]).toEqual([400, 'NEEDS_TARGET_REQUIRED']);
    expect((await app.inject({ url: '/api/v1/needs/campaigns', headers: as(s.board!) })).json().items).toEqual([]);
  });

  it('opens a campaign for every commune, audited; an officer may not', async () => {
    const payload = {
      year,
      title: `Đăng ký nhu cầu đào tạo, bồi dưỡng năm ${year}`,
      deadline: addDays(today, 20),
      offers,
      target: { kinds: ['commune'] },
    };
    expect((await app.inject({ method: 'POST', url: '/api/v1/needs/campaigns', headers: as(s.officerA!), payload })).statusCode).toBe(403);
    const res = await app.inject({ method: 'POST', url: '/api/v1/needs/campaigns', headers: as(s.board!), payload });
    expect(res.statusCode, res.body).toBe(201);
    campaign = res.json();
    expect(campaign.units.map((u) => [u.unit.id, u.status])).toEqual([
      [fx.units.communeA, 'not_started'],
      [fx.units.communeB, 'not_started'],
    ]);
    expect(campaign.actions).toEqual(['update', 'reopenUnit', 'viewAggregate', 'export']);
    const audit = await db.query("SELECT action FROM audit_log WHERE entity = 'needs_campaign' AND entity_id = $1", [String(campaign.id)]);
    expect(audit.rows).toEqual([{ action: 'create' }]);
  });

  it('shows the campaign to the officers it asks, hides it from others', async () => {
    const list = (await app.inject({ url: '/api/v1/needs/campaigns', headers: as(s.officerA!) })).json();
    expect(list.items.map((c: { id: number; myUnits: number }) => [c.id, c.myUnits])).toEqual([[campaign.id, 1]]);
    expect(list.actions).toEqual([]);
    const mine = (await app.inject({ url: `/api/v1/needs/campaigns/${campaign.id}`, headers: as(s.officerA!) })).json();
    expect(mine.units.map((u: { unit: { id: number } }) => u.unit.id)).toEqual([fx.units.communeA]);
    expect(mine.actions).toEqual([]);
    // Sở Y tế is not asked: 404 for its officer
    expect((await app.inject({ url: `/api/v1/needs/campaigns/${campaign.id}`, headers: as(s.officerD!) })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/needs/campaigns/999999', headers: as(s.board!) })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/needs/campaigns', headers: as(s.lecturer!) })).statusCode).toBe(403);
  });
});

describe("a unit's answer", () => {
  it("answers 404 for another unit's answer, a unit not asked, an unknown campaign", async () => {
    expect((await app.inject({ url: url(fx.units.communeB), headers: as(s.officerA!) })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'PUT', url: url(fx.units.communeB), headers: as(s.officerA!), payload: { version: 0, lines: [] } }))
        .statusCode,
    ).toBe(404);
    expect((await app.inject({ url: url(fx.units.department), headers: as(s.board!) })).statusCode).toBe(404);
    expect(
      (await app.inject({ url: `/api/v1/needs/campaigns/999999/answers/${fx.units.communeA}`, headers: as(s.officerA!) })).statusCode,
    ).toBe(404);
  });

  it('suggests from gaps only people who lack the qualification and are eligible', async () => {
    const res = await app.inject({ url: url(fx.units.communeA, '/suggestion'), headers: as(s.officerA!) });
    expect(res.statusCode, res.body).toBe(200);
    const suggestion = res.json();
    for (const line of suggestion.lines) {
      for (const person of line.named) {
        const gaps = (await app.inject({ url: `/api/v1/people/${person.id}/gaps`, headers: as(s.officerA!) })).json();
        expect(gaps.summary.gapCount, `${person.fullName} has a gap`).toBeGreaterThan(0);
        const mode = line.mode;
        const el = (
          await app.inject({
            url: `/api/v1/people/${person.id}/eligibility?programme=${line.programmeCode}&mode=${mode}`,
            headers: as(s.officerA!),
          })
        ).json();
        expect(el.results[0].outcome, `${person.fullName} eligible for ${line.programmeCode}`).toBe('eligible');
      }
      expect(line.people).toBe(line.named.length);
    }
    expect(
      suggestion.lines.map((l: { programmeCode: string; mode: string; quarter: number; named: { id: number }[] }) => [
        l.programmeCode,
        l.mode,
        l.quarter,
        l.named.map((n) => n.id),
      ]),
    ).toEqual([['TC_LLCT', 'full_time', 1, [em]]]);
    expect(suggestion.peopleWithGaps).toBeGreaterThanOrEqual(
      suggestion.lines.reduce((n: number, l: { people: number }) => n + l.people, 0),
    );
  });

  it('refuses bad lines at their fields, changing nothing', async () => {
    const bad = async (line: Record<string, unknown>, path: string, code: string) => {
      const res = await app.inject({
        method: 'PUT',
        url: url(fx.units.communeA),
        headers: as(s.officerA!),
        payload: { version: 0, lines: [{ programmeCode: 'TC_LLCT', mode: 'part_time', quarter: 2, people: 3, personIds: [], ...line }] },
      });
      expect(res.statusCode, res.body).toBe(400);
      const detail = res.json().error.details.find((d: { path: string }) => d.path === path);
      expect(detail?.code, res.body).toBe(code);
      expect(detail.message).toMatch(/[ơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    };
    await bad({ people: -1 }, 'lines.0.people', 'NEEDS_COUNT_INVALID');
    await bad({ people: 1.5 }, 'lines.0.people', 'NEEDS_COUNT_INVALID');
    await bad({ quarter: 5 }, 'lines.0.quarter', 'NEEDS_QUARTER_INVALID');
    await bad({ quarter: 0 }, 'lines.0.quarter', 'NEEDS_QUARTER_INVALID');
    await bad({ programmeCode: 'CC_LLCT' }, 'lines.0.programmeCode', 'NEEDS_PROGRAMME_NOT_OFFERED');
    await bad({ programmeCode: 'QLNN_CV', mode: 'part_time' }, 'lines.0.mode', 'NEEDS_MODE_NOT_OFFERED');
    await bad({ personIds: [fx.people.cuong] }, 'lines.0.personIds.0', 'NEEDS_PERSON_OUTSIDE_UNIT');
    await bad({ personIds: [fx.people.an, fx.people.an] }, 'lines.0.personIds.1', 'NEEDS_PERSON_NAMED_TWICE');
    await bad({ personIds: [999999] }, 'lines.0.personIds.0', 'NEEDS_PERSON_OUTSIDE_UNIT');
    const answer = await answerOf('officerA', fx.units.communeA);
    expect([answer.status, answer.version, answer.lines]).toEqual(['not_started', 0, []]);
    expect((await db.query('SELECT count(*)::int AS n FROM needs_answers')).rows[0]).toEqual({ n: 0 });
  });

  it('saves a draft, tells a second editor the answer changed, submits', async () => {
    const lines = [
      { programmeCode: 'TC_LLCT', mode: 'part_time', quarter: 2, people: 3, personIds: [fx.people.binh] },
      { programmeCode: 'QLNN_CV', mode: 'online', quarter: 3, people: 2, personIds: [fx.people.an] },
    ];
    const first = await app.inject({
      method: 'PUT',
      url: url(fx.units.communeA),
      headers: as(s.officerA!),
      payload: { version: 0, lines },
    });
    expect(first.statusCode, first.body).toBe(200);
    const saved: NeedsAnswer = first.json();
    expect([saved.status, saved.version, saved.totals, saved.actions]).toEqual([
      'draft',
      1,
      { people: 5, named: 2 },
      ['edit', 'submit', 'export'],
    ]);
    expect(saved.lines.map((l) => [l.programmeName, l.quarter, l.people, l.named.map((n) => n.fullName)])).toEqual([
      ['Trung cấp lý luận chính trị', 2, 3, ['Nguyễn Thị Bình']],
      ['Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên', 3, 2, ['Nguyễn Văn An']],
    ]);
    // a second officer (the board, on the unit's behalf) who read version 0 is told
    const stale = await app.inject({
      method: 'PUT',
      url: url(fx.units.communeA),
      headers: as(s.board!),
      payload: { version: 0, lines: [] },
    });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'CONFLICT']);
    const submitted = await app.inject({
      method: 'POST',
      url: url(fx.units.communeA, '/submit'),
      headers: as(s.officerA!),
      payload: { version: 1 },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect([submitted.json().status, submitted.json().version, submitted.json().actions]).toEqual(['submitted', 2, ['export']]);
    const again = await app.inject({
      method: 'PUT',
      url: url(fx.units.communeA),
      headers: as(s.officerA!),
      payload: { version: 2, lines: [] },
    });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'NEEDS_ANSWER_SUBMITTED']);
    expect((await db.query("SELECT action FROM audit_log WHERE entity = 'needs_answer' ORDER BY id")).rows.map((r) => r.action)).toEqual([
      'create',
      'submit',
    ]);
  });

  it('the board returns it with a comment; the officer fixes and resubmits', async () => {
    const officerTry = await app.inject({
      method: 'POST',
      url: url(fx.units.communeA, '/return'),
      headers: as(s.officerA!),
      payload: { version: 2, comment: 'x' },
    });
    expect(officerTry.statusCode).toBe(403);
    const empty = await app.inject({
      method: 'POST',
      url: url(fx.units.communeA, '/return'),
      headers: as(s.board!),
      payload: { version: 2, comment: '  ' },
    });
    expect([empty.statusCode, empty.json().error.details[0].path]).toEqual([400, 'comment']);
    const returned = await app.inject({
      method: 'POST',
      url: url(fx.units.communeA, '/return'),
      headers: as(s.board!),
      payload: { version: 2, comment: 'Đề nghị tách riêng nhu cầu trung cấp hệ tập trung.' },
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect([returned.json().status, returned.json().returnComment]).toEqual([
      'returned',
      'Đề nghị tách riêng nhu cầu trung cấp hệ tập trung.',
    ]);
    const a = await answerOf('officerA', fx.units.communeA);
    expect(a.actions).toEqual(['edit', 'submit', 'export']);
    const fixed = await app.inject({
      method: 'PUT',
      url: url(fx.units.communeA),
      headers: as(s.officerA!),
      payload: {
        version: a.version,
        lines: [
          { programmeCode: 'TC_LLCT', mode: 'full_time', quarter: 1, people: 1, personIds: [fx.people.binh] },
          { programmeCode: 'TC_LLCT', mode: 'part_time', quarter: 2, people: 2, personIds: [] },
          { programmeCode: 'QLNN_CV', mode: 'online', quarter: 3, people: 2, personIds: [fx.people.an] },
        ],
      },
    });
    expect([fixed.statusCode, fixed.json().status]).toEqual([200, 'returned']);
    const resubmitted = await app.inject({
      method: 'POST',
      url: url(fx.units.communeA, '/submit'),
      headers: as(s.officerA!),
      payload: { version: fixed.json().version },
    });
    expect([resubmitted.statusCode, resubmitted.json().status]).toEqual([200, 'submitted']);
  });
});

describe('aggregation', () => {
  it('sums the submitted answers by programme, mode, quarter, unit and target group, with the units not answered', async () => {
    const res = await app.inject({ url: `/api/v1/needs/campaigns/${campaign.id}/aggregate`, headers: as(s.board!) });
    expect(res.statusCode, res.body).toBe(200);
    const agg: NeedsAggregate = res.json();
    // Bình: female, ethnicity 02, born 1992 (young when under 35 on 1 January of the campaign year); An: male, Kinh, born 1980
    const binhYoung = year - 1992 - 1 < 35 ? 1 : 0;
    expect(agg.total).toEqual({ people: 5, named: 2, young: binhYoung, female: 1, minority: 1, planned: 0 });
    expect(agg.byProgramme.map((p) => [p.programmeCode, p.total.people, p.byMode, p.byQuarter])).toEqual([
      ['TC_LLCT', 3, { full_time: 1, part_time: 2, online: 0 }, [1, 2, 0, 0]],
      ['QLNN_CV', 2, { full_time: 0, part_time: 0, online: 2 }, [0, 0, 2, 0]],
    ]);
    expect(agg.byQuarter).toEqual([1, 2, 2, 0]);
    expect(agg.byUnit.map((u) => [u.unit.id, u.depth, u.own.people, u.subtree.people])).toEqual([
      [fx.units.root, 0, 0, 5],
      [fx.units.communeA, 1, 5, 5],
    ]);
    expect(agg.notAnswered.map((u) => [u.unit.id, u.status, u.late])).toEqual([[fx.units.communeB, 'not_started', false]]);
    expect(agg.counts).toEqual({ required: 2, submitted: 1 });
    expect(agg.youngDefinition.maxAgeExclusive).toBe(35);
  });

  it('lets the school and home affairs see it, not an officer', async () => {
    expect((await app.inject({ url: `/api/v1/needs/campaigns/${campaign.id}/aggregate`, headers: as(s.registrar!) })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/v1/needs/campaigns/${campaign.id}/aggregate`, headers: as(s.noivu!) })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/v1/needs/campaigns/${campaign.id}/aggregate`, headers: as(s.officerA!) })).statusCode).toBe(403);
    // the school sees the campaign and its counts, not a unit's answer
    expect((await app.inject({ url: url(fx.units.communeA), headers: as(s.registrar!) })).statusCode).toBe(404);
  });
});

describe('exports', () => {
  it("writes the unit's registration form and the aggregated needs as Excel with a title block, and as PDF", async () => {
    const jobs = jobsClient(app, db);
    const queue = async (who: string, url: string, format: string) => {
      const res = await app.inject({ method: 'POST', url, headers: as(s[who]!), payload: { format } });
      expect(res.statusCode, res.body).toBe(202);
      return res.json().id as number;
    };
    const form = await queue('officerA', url(fx.units.communeA, '/export'), 'xlsx');
    const formPdf = await queue('officerA', url(fx.units.communeA, '/export'), 'pdf');
    const agg = await queue('board', `/api/v1/needs/campaigns/${campaign.id}/aggregate/export`, 'xlsx');
    const aggPdf = await queue('board', `/api/v1/needs/campaigns/${campaign.id}/aggregate/export`, 'pdf');
    await jobs.run();
    const formRows = (await readSheet((await jobs.file(s.officerA!, form)).body)).map((r) =>
      r.filter((c) => c !== null && c !== undefined && c !== ''),
    );
    const formText = JSON.stringify(formRows);
    expect(formText).toContain('XÃ MINH QUANG');
    expect(formText).toContain(`PHIẾU ĐĂNG KÝ NHU CẦU ĐÀO TẠO, BỒI DƯỠNG NĂM ${year}`);
    expect(formText).toContain('Nguyễn Thị Bình');
    const aggText = JSON.stringify(await readSheet((await jobs.file(s.board!, agg)).body));
    expect(aggText).toContain(`TỔNG HỢP NHU CẦU ĐÀO TẠO, BỒI DƯỠNG NĂM ${year}`);
    expect(aggText).toContain('Phường Hà Giang 1');
    const pdf = await jobs.file(s.board!, aggPdf);
    expect(pdf.body.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdfText(pdf.body)).toContain('Trung cấp lý luận chính trị');
    expect((await jobs.file(s.officerA!, formPdf)).body.subarray(0, 4).toString()).toBe('%PDF');
    // out of reach: another unit's form, the aggregation for an officer
    expect(
      (await app.inject({ method: 'POST', url: url(fx.units.communeB, '/export'), headers: as(s.officerA!), payload: { format: 'xlsx' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/needs/campaigns/${campaign.id}/aggregate/export`,
          headers: as(s.officerA!),
          payload: { format: 'pdf' },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('closing, reopening for one unit, reminders, history', () => {
  it('refuses an answer once closed, unless reopened for the unit', async () => {
    const closed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/needs/campaigns/${campaign.id}`,
      headers: as(s.board!),
      payload: { version: campaign.version, status: 'closed' },
    });
    expect([closed.statusCode, closed.json().status]).toEqual([200, 'closed']);
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/needs/campaigns/${campaign.id}`,
      headers: as(s.board!),
      payload: { version: campaign.version, deadline: addDays(today, 30) },
    });
    expect(stale.statusCode).toBe(409);
    const payload = { version: 0, lines: [{ programmeCode: 'TC_LLCT', mode: 'part_time', quarter: 2, people: 1, personIds: [] }] };
    const officerB = await loginAsOfficerB();
    const refused = await app.inject({ method: 'PUT', url: url(fx.units.communeB), headers: as(officerB), payload });
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'NEEDS_CAMPAIGN_CLOSED']);
    expect(refused.json().error.message).toContain('đã đóng');
    const reopened = await app.inject({
      method: 'POST',
      url: `/api/v1/needs/campaigns/${campaign.id}/units/${fx.units.communeB}/reopen`,
      headers: as(s.board!),
      payload: { until: addDays(today, 5) },
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const ok = await app.inject({ method: 'PUT', url: url(fx.units.communeB), headers: as(officerB), payload });
    expect([ok.statusCode, ok.json().status]).toEqual([200, 'draft']);
    // commune A, not reopened, stays refused
    const a = await answerOf('board', fx.units.communeA);
    expect(a.actions).toEqual(['return', 'export']);
  });

  it('records D-3 and D+1 reminders once for a unit that has not submitted', async () => {
    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/needs/campaigns',
      headers: as(s.board!),
      payload: {
        year,
        title: 'Đợt bổ sung',
        deadline: addDays(today, 3),
        offers,
        target: { unitIds: [fx.units.communeA, fx.units.department] },
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    expect(await recordNeedsReminders(db, addDays(today, -1))).toBe(0);
    expect(await recordNeedsReminders(db, today)).toBe(2);
    expect(await recordNeedsReminders(db, addDays(today, 1))).toBe(0);
    const mine = (await app.inject({ url: '/api/v1/needs/reminders', headers: as(s.officerA!) })).json();
    expect(mine.items.map((r: { campaignId: number; kind: string }) => [r.campaignId, r.kind])).toEqual([[id, 'before_deadline']]);
    expect(mine.items[0].message).toContain('chưa gửi bản đăng ký');
    expect(await recordNeedsReminders(db, addDays(today, 4))).toBe(2);
    expect(await recordNeedsReminders(db, addDays(today, 5))).toBe(0);
    const reminders = await db.query(
      'SELECT kind, count(*)::int AS n FROM needs_reminders WHERE campaign_id = $1 GROUP BY kind ORDER BY kind',
      [id],
    );
    expect(reminders.rows).toEqual([
      { kind: 'after_deadline', n: 2 },
      { kind: 'before_deadline', n: 2 },
    ]);
  });

  it("tells the unit's history: each campaign and what became of the answer", async () => {
    const res = await app.inject({ url: `/api/v1/needs/units/${fx.units.communeA}/history`, headers: as(s.officerA!) });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(
      items.map((i: { campaign: { title: string }; status: string; people: number }) => [i.campaign.title, i.status, i.people]),
    ).toEqual([
      ['Đợt bổ sung', 'not_started', 0],
      [`Đăng ký nhu cầu đào tạo, bồi dưỡng năm ${year}`, 'submitted', 5],
    ]);
    expect((await app.inject({ url: `/api/v1/needs/units/${fx.units.communeB}/history`, headers: as(s.officerA!) })).statusCode).toBe(404);
  });
});

async function loginAsOfficerB(): Promise<Session> {
  const { hashPassword } = await import('../auth/password.js');
  const { usersRepo } = await import('@nang-tam/db');
  const { PASSWORD } = await import('../../../../tests/support/fixtures.js');
  await usersRepo.insertUser(db, {
    username: 'officerB',
    passwordHash: await hashPassword(PASSWORD),
    displayName: 'officerB',
    role: 'unit_officer',
    unitId: fx.units.communeB,
    personId: null,
  });
  return loginAs(app, 'officerB');
}
