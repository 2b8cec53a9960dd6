import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@nang-tam/db';
import { ZCandidatesQuery } from '@nang-tam/contracts';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { seedFixture, type Fixture } from '../../../../tests/support/fixtures.js';
import type { AuthUser } from '../auth/auth-user.js';
import { getPersonEligibility, listCandidates } from './eligibility.service.js';

/**
 * The day a class graduates: its graduates hold the qualification from that day and are no longer
 * enrolled, so eligibility names one reason ("already holds"), not two. A learner whose enrolment is
 * not completed is still enrolled on its last day.
 */
let db: Db;
let fx: Fixture;
let user: AuthUser;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  const root = (await db.query<{ id: number; path: string }>('SELECT id, path FROM units WHERE id = $1', [fx.units.root])).rows[0]!;
  user = { id: fx.users.board!.id, unitId: root.id, scope: { kind: 'subtree', unitPath: root.path } } as AuthUser;
  // An graduated from a sơ cấp class ending on 30/6/2026; Bình's trung cấp class ends the same day, not yet graded
  await db.query(
    `INSERT INTO enrolments (person_id, programme_code, started_on, ended_on, status) VALUES
       ($1, 'SC_LLCT', '2026-03-01', '2026-06-30', 'completed'),
       ($2, 'TC_LLCT', '2026-03-01', '2026-06-30', 'enrolled')`,
    [fx.people.an, fx.people.binh],
  );
  await db.query("DELETE FROM qualifications WHERE person_id = $1 AND kind = 'political_theory'", [fx.people.an]);
  await db.query(
    "INSERT INTO qualifications (person_id, kind, level, awarded_on, source) VALUES ($1, 'political_theory', 'so_cap', '2026-06-30', 'imported')",
    [fx.people.an],
  );
}, 60_000);
afterAll(async () => {
  await db?.close();
});

async function outcomes(personId: number, programme: string, asOf: string): Promise<Record<string, string>> {
  const r = await getPersonEligibility(db, user, personId, { programme, mode: 'full_time', asOf });
  const out: Record<string, string> = {};
  for (const rule of r.results[0]!.rules) out[rule.ruleId.split('.')[1]!] = rule.outcome;
  return out;
}

describe('eligibility on the day a class graduates', () => {
  it.each([
    ['2026-06-29', 'pass', 'fail'],
    ['2026-06-30', 'fail', 'pass'],
    ['2026-07-01', 'fail', 'pass'],
  ])('a graduate on %s: not already holding → %s, not enrolled → %s', async (asOf, holding, enrolled) => {
    const r = await outcomes(fx.people.an, 'SC_LLCT', asOf);
    expect(r.not_already_holding).toBe(holding);
    expect(r.not_enrolled).toBe(enrolled);
  });

  it.each([
    ['2026-06-30', 'fail'],
    ['2026-07-01', 'pass'],
  ])('a learner whose enrolment is not completed, on %s: not enrolled → %s', async (asOf, enrolled) => {
    expect((await outcomes(fx.people.binh, 'TC_LLCT', asOf)).not_enrolled).toBe(enrolled);
  });

  it.each([['SC_LLCT'], ['TC_LLCT']])('%s: the SQL pre-filter agrees with full evaluation around the boundary', async (programme) => {
    for (const asOf of ['2026-06-29', '2026-06-30', '2026-07-01']) {
      const q = { ...ZCandidatesQuery.parse({ programme, mode: 'full_time', asOf }), limit: 100_000 };
      const fast = await listCandidates(db, user, q);
      const full = await listCandidates(db, user, q, { prefilter: false });
      expect(fast.counts, asOf).toEqual(full.counts);
      expect(fast.items.map((c) => c.person.id)).toEqual(full.items.map((c) => c.person.id));
    }
  });
});
