import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '@nang-tam/domain';
import { personFactsRepo, rulesRepo, type Db } from '@nang-tam/db';
import { ZCandidatesQuery } from '@nang-tam/contracts';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { seedDemoProvince } from '../../../../tools/demo/generate.js';
import type { AuthUser } from '../auth/auth-user.js';
import { listCandidates, whatIf } from './eligibility.service.js';
import { getUnitGaps } from './gaps.service.js';
import { loadCatalogue } from './rules.service.js';

/**
 * The SQL pre-filters only skip people the engine would fail for certain: on a generated province,
 * every programme × mode × date gives the same answers with and without them. The gaps dashboard
 * equals a brute-force computeGaps over every person.
 */
let db: Db;
let user: AuthUser;
let root: { id: number; path: string };

beforeAll(async () => {
  db = await createTestDb();
  await seedDemoProvince(db, { people: 1500, today: '2026-11-23' });
  await rulesRepo.seedShippedRules(db);
  // enrolments (issue 4 will write them): some running, some ending on the eve of 350-QĐ/TW
  await db.query(`INSERT INTO enrolments (person_id, programme_code, started_on, ended_on)
    SELECT id, (ARRAY['SC_LLCT', 'TC_LLCT', 'CC_LLCT', 'SDH_THS', 'QLNN_CV'])[1 + id % 5], '2025-01-01',
      CASE WHEN id % 3 = 0 THEN NULL ELSE '2025-08-28'::date END
    FROM people WHERE id % 4 = 0`);
  root = (await db.query<{ id: number; path: string }>('SELECT id, path FROM units WHERE depth = 0 ORDER BY id LIMIT 1')).rows[0]!;
  user = { id: 1, unitId: root.id, scope: { kind: 'subtree', unitPath: root.path } } as AuthUser;
}, 180_000);
afterAll(async () => {
  await db?.close();
});

const DATES = ['2025-08-28', '2025-08-29', '2026-11-23'];
const COMBOS = rules.SHIPPED_PROGRAMMES.flatMap((p) => p.modes.map((mode) => [p.code, mode] as const));

describe('pre-filtered candidate lists equal full evaluation', () => {
  it.each(COMBOS)('%s / %s', async (programme, mode) => {
    for (const asOf of DATES) {
      for (const outcome of asOf === '2026-11-23' ? (['eligible', 'cannot_decide'] as const) : (['eligible'] as const)) {
        const q = ZCandidatesQuery.parse({ programme, mode, asOf, outcome, limit: 200 });
        const all = { ...q, limit: 100_000 };
        const fast = await listCandidates(db, user, all);
        const full = await listCandidates(db, user, all, { prefilter: false });
        expect(fast.counts, `${programme} ${mode} ${asOf}`).toEqual(full.counts);
        expect(fast.items.map((c) => [c.person.id, c.priority, c.missing])).toEqual(full.items.map((c) => [c.person.id, c.priority, c.missing]));
      }
    }
  });

  it('finds real candidates in the generated province (the comparison is not vacuous)', async () => {
    const page = await listCandidates(db, user, ZCandidatesQuery.parse({ programme: 'TC_LLCT', mode: 'full_time', asOf: '2026-11-23' }));
    expect(page.counts.eligible).toBeGreaterThan(10);
    expect(page.counts.notEligible).toBeGreaterThan(page.counts.eligible);
    expect(page.items[0]!.priority).toBe('planned');
    const young = await listCandidates(db, user, ZCandidatesQuery.parse({ programme: 'TC_LLCT', mode: 'full_time', asOf: '2026-11-23', young: 'true', female: 'true' }));
    expect(young.counts.people).toBeLessThan(page.counts.people);
    for (const c of young.items) {
      expect(c.age).toBeLessThan(35);
      expect(c.person.gender).toBe('female');
    }
  });

  it.each([
    ['TC_LLCT', 'full_time'],
    ['CC_LLCT', 'part_time'],
    ['QLNN_CV', 'online'],
  ] as const)('what-if 57 → 350 and NĐ 101 → 171 for %s / %s', async (programme, mode) => {
    for (const [from, to] of [
      ['2025-08-28', '2025-08-29'],
      ['2025-06-30', '2025-07-01'],
    ] as const) {
      const q = { programme, mode, from, to, limit: 100_000, offset: 0 };
      const fast = await whatIf(db, user, q);
      const full = await whatIf(db, user, q, { prefilter: false });
      expect(fast.counts).toEqual(full.counts);
      expect(fast.transitions).toEqual(full.transitions);
      expect(fast.items.map((i) => i.person.id)).toEqual(full.items.map((i) => i.person.id));
    }
  });
});

describe('the gaps dashboard', () => {
  it('equals computeGaps over every person of the province', async () => {
    const asOf = '2026-11-23';
    const dashboard = await getUnitGaps(db, user, root.id, asOf);
    const catalogue = await loadCatalogue(db);
    const ids = await personFactsRepo.findSubtreePersonIds(db, root.path);
    const rows = await personFactsRepo.loadFactsOf(db, ids, personFactsRepo.ALL_FACTS);
    const needs = new Map<string, number>();
    let withStandards = 0;
    let withGaps = 0;
    for (const row of rows) {
      const report = rules.computeGaps({ person: row.facts, standards: catalogue.standards, levels: catalogue.levels, titles: catalogue.titles, jobPositions: catalogue.jobPositions, asOf });
      if (report.targets.some((t) => t.requirements.length > 0)) withStandards += 1;
      if (report.summary.gapCount > 0) withGaps += 1;
      for (const n of report.summary.needs) needs.set(`${n.kind}/${n.level}`, (needs.get(`${n.kind}/${n.level}`) ?? 0) + 1);
    }
    expect(dashboard.totals.people).toBe(rows.length);
    expect(dashboard.totals.withStandards).toBe(withStandards);
    expect(dashboard.totals.withGaps).toBe(withGaps);
    expect(Object.fromEntries(dashboard.totals.needs.map((n) => [`${n.kind}/${n.level}`, n.people]))).toEqual(Object.fromEntries(needs));
    expect(withGaps).toBeGreaterThan(0);
    // children add up to the totals
    const sum = (f: (r: (typeof dashboard.children)[number]) => number) => dashboard.children.reduce((k, r) => k + f(r), 0);
    expect(sum((r) => r.people)).toBe(dashboard.totals.people);
    expect(sum((r) => r.withGaps)).toBe(dashboard.totals.withGaps);
  });
});
