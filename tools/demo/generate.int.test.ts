import type { Db } from '@nang-tam/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../apps/server/src/auth/password.js';
import { createTestDb } from '../../tests/support/test-db.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.js';
import { seedDemoProvince, type SeedResult } from './generate.js';
import { usersRepo } from '@nang-tam/db';
import { toAuthUser } from '../../apps/server/src/auth/auth-user.js';
import { summaryOf } from '../../apps/server/src/services/notifications.service.js';

const PEOPLE = 2_000;
let db: Db;
let result: SeedResult;
const progress: string[] = [];

const count = async (sql: string): Promise<number> => (await db.query<{ n: number }>(sql)).rows[0]!.n;

beforeAll(async () => {
  db = await createTestDb();
  result = await seedDemoProvince(db, { people: PEOPLE, today: '2026-11-23', onProgress: (m) => progress.push(m) });
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('seedDemoProvince', () => {
  it('writes the units, people and accounts it reports', async () => {
    expect(result).toEqual({ units: await count('SELECT count(*)::int AS n FROM units'), people: PEOPLE, users: 8 });
    expect(await count('SELECT count(*)::int AS n FROM people')).toBe(PEOPLE);
    expect(await count("SELECT count(*)::int AS n FROM units WHERE kind = 'commune'")).toBe(124);
    expect(await count('SELECT count(*)::int AS n FROM unit_links')).toBe(2);
    for (const table of ['qualifications', 'assignments', 'appraisals', 'planning_entries']) {
      expect(await count(`SELECT count(*)::int AS n FROM ${table}`), table).toBeGreaterThan(PEOPLE / 20);
    }
    expect(progress.at(-1)).toBe('statistics updated');
  });

  it('gives plan lines and classes their estimates, and the started classes vouchers near them (issue 11 point 2)', async () => {
    expect(progress.some((m) => /^budgets: \d+ plan-line estimates, \d+ class estimates, \d+ vouchers$/.test(m))).toBe(true);
    // the decade of finished classes before the plans (training-history.ts, cohorts 'LS-') and the classes the
    // evaluation seeds add after the budgets (feedback.ts, evaluation-results.ts, cohorts 'DG-') have no budget
    expect(await count('SELECT count(*)::int AS n FROM budget_estimates WHERE class_id IS NOT NULL')).toBe(await count("SELECT count(*)::int AS n FROM classes WHERE cohort_code NOT LIKE 'LS-%' AND cohort_code NOT LIKE 'DG-%'"));
    expect(await count('SELECT count(*)::int AS n FROM budget_estimates WHERE plan_line_id IS NOT NULL')).toBeGreaterThan(0);
    expect(await count("SELECT count(*)::int AS n FROM classes c WHERE c.start_date <= '2026-11-23' AND c.cohort_code NOT LIKE 'LS-%' AND c.cohort_code NOT LIKE 'DG-%' AND NOT EXISTS (SELECT 1 FROM budget_cost_entries e WHERE e.class_id = c.id)")).toBe(0);
    // every estimate adds up its items; actual cost within ±20 % of the estimate for the classes that ended
    expect(await count('SELECT count(*)::int AS n FROM budget_estimates e WHERE e.total <> (SELECT sum(amount) FROM budget_estimate_items i WHERE i.estimate_id = e.id)')).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM classes c JOIN budget_estimates e ON e.class_id = c.id
        WHERE c.end_date <= '2026-11-23' AND (SELECT sum(amount) FROM budget_cost_entries x WHERE x.class_id = c.id) NOT BETWEEN e.total * 0.8 AND e.total * 1.2`),
    ).toBe(0);
  });

  it('builds unit paths from the ids of the ancestors', async () => {
    expect(
      await count(`SELECT count(*)::int AS n FROM units c LEFT JOIN units p ON p.id = c.parent_id
        WHERE c.path <> coalesce(p.path, '/') || c.id || '/' OR c.depth <> coalesce(p.depth + 1, 0)`),
    ).toBe(0);
  });

  it('puts every person in a current unit, with their open assignment there', async () => {
    expect(await count('SELECT count(*)::int AS n FROM people p JOIN units u ON u.id = p.unit_id WHERE u.valid_to IS NULL')).toBe(PEOPLE);
    expect(
      await count(`SELECT count(*)::int AS n FROM people p JOIN assignments a ON a.person_id = p.id AND a.ended_on IS NULL
        WHERE a.unit_id = p.unit_id AND a.title_id IS NOT DISTINCT FROM p.title_id`),
    ).toBe(PEOPLE);
  });

  it('sets the highest level columns from the qualifications', async () => {
    for (const [kind, column] of [
      ['education', 'education_level'],
      ['political_theory', 'political_theory_level'],
      ['state_management', 'state_management_level'],
    ] as const) {
      const mismatches = await count(`
        SELECT count(*)::int AS n FROM people p
        LEFT JOIN LATERAL (
          SELECT q.level FROM qualifications q JOIN qualification_levels l ON l.kind = q.kind AND l.code = q.level
          WHERE q.person_id = p.id AND q.kind = '${kind}' ORDER BY l.rank DESC LIMIT 1) h ON true
        WHERE p.${column} IS DISTINCT FROM h.level`);
      expect(mismatches, kind).toBe(0);
    }
    expect(await count('SELECT count(*)::int AS n FROM people WHERE education_level IS NULL')).toBe(0);
  });

  it('gives every demo account its own salt: no two accounts share a stored hash, each opens with the demo password', async () => {
    const hashes = (await db.query<{ password_hash: string }>('SELECT password_hash FROM users')).rows.map((u) => u.password_hash);
    expect(hashes).toHaveLength(DEMO_ACCOUNTS.length);
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(new Set(hashes.map((h) => h.split('$')[4])).size).toBe(hashes.length);
    for (const h of hashes) expect(await verifyPassword(DEMO_PASSWORD, h)).toBe(true);
  });

  it('creates the demo accounts with the demo password', async () => {
    const users = await db.query<{ username: string; role: string; password_hash: string; person_id: number | null; locale: string }>(
      'SELECT username, role, password_hash, person_id, locale FROM users ORDER BY id',
    );
    expect(users.rows.map((u) => [u.username, u.role])).toEqual(DEMO_ACCOUNTS.map((a) => [a.username, a.role]));
    expect(users.rows.every((u) => u.locale === 'vi')).toBe(true);
    expect(await verifyPassword(DEMO_PASSWORD, users.rows[0]!.password_hash)).toBe(true);
    for (const u of users.rows) expect(u.person_id !== null, u.username).toBe(u.username === 'giangvien' || u.username === 'hocvien');
    const unit = await db.query<{ name: string }>("SELECT u.name FROM users s JOIN units u ON u.id = s.unit_id WHERE s.username = 'unit'");
    expect(unit.rows[0]?.name).toBe('Phường Hà Giang 2');
    const learner = await db.query<{ same: boolean }>(
      "SELECT p.unit_id = s.unit_id AS same FROM users s JOIN people p ON p.id = s.person_id WHERE s.username = 'hocvien'",
    );
    expect(learner.rows[0]?.same).toBe(true);
  });

  it('gives the demo accounts unread notifications and work waiting on first start', async () => {
    const bell = async (username: string) => summaryOf(db, toAuthUser((await usersRepo.findUserByUsername(db, username))!, 'test', ''));
    const unit = await bell('unit');
    expect(unit.unread).toBeGreaterThanOrEqual(3);
    const kinds = await db.query<{ kind: string }>("SELECT DISTINCT n.kind FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'unit' ORDER BY 1");
    expect(kinds.rows.map((k) => k.kind)).toEqual(expect.arrayContaining(['nomination_decided', 'recall_recorded']));
    expect(unit.work.length).toBeGreaterThan(0);
    const board = await bell('admin');
    expect(board.work.map((w) => w.kind)).toContain('nominations');
    expect(board.total).toBeGreaterThan(0);
  });

  it('refuses to seed a registry that already has people', async () => {
    await expect(seedDemoProvince(db, { people: 10 })).rejects.toThrow(/not empty/);
    expect(await count('SELECT count(*)::int AS n FROM people')).toBe(PEOPLE);
  });
});
