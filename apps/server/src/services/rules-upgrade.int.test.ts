import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '@nang-tam/domain';
import { rulesRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { seedFixture, type Fixture } from '../../../../tests/support/fixtures.js';

/**
 * A database seeded by the previous release gets this release's shipped rule corrections as new
 * versions, while a rule an administrator already changed keeps the administrator's version.
 */
let db: Db;
let fx: Fixture;

const NEW_IDS = rules.SHIPPED_RULE_SETS.flatMap((s) => s.rules)
  .filter((r) => r.id.startsWith('SDH_THS_101.') || r.id.startsWith('SDH_TS_101.'))
  .map((r) => r.id);

async function versionsOf(id: string) {
  const r = await db.query<{
    version: number;
    superseded_by: number | null;
    created_by: number | null;
    description: string;
    period_from: string;
  }>(
    'SELECT version, superseded_by, created_by, description, period_from::text AS period_from FROM rule_versions WHERE id = $1 ORDER BY version',
    [id],
  );
  return r.rows;
}

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db); // writes this release's shipped rules
  // turn it back into what the previous release wrote
  await db.query('DELETE FROM rule_versions WHERE id = ANY($1::text[])', [NEW_IDS]);
  await db.query('DELETE FROM rule_versions WHERE corrects IS NOT NULL');
  await db.query('UPDATE rule_versions SET superseded_by = NULL');
  await db.query("UPDATE rule_versions SET period_from = '2017-10-15' WHERE period_from = '2017-10-21'");
  await db.query("DELETE FROM programme_notes WHERE source->>'code' = '101/2017/NĐ-CP'");
  // an administrator corrected one of the rules this release also corrects
  const v1 = (
    await db.query<{ params: unknown; source: unknown; period_to: string | null }>(
      "SELECT params, source, period_to::text AS period_to FROM rule_versions WHERE id = 'QLNN_CVC_171.target_group'",
    )
  ).rows[0]!;
  await db.query(
    `INSERT INTO rule_versions (id, version, programme_code, kind, params, description, source, period_from, period_to, corrects, created_by)
     VALUES ('QLNN_CVC_171.target_group', 2, 'QLNN_CVC', 'target_group', $1, 'Đính chính của quản trị viên tỉnh.', $2, '2025-07-01', $3, 1, $4)`,
    [JSON.stringify(v1.params), JSON.stringify(v1.source), v1.period_to, fx.users.board!.id],
  );
  await db.query("UPDATE rule_versions SET superseded_by = 2 WHERE id = 'QLNN_CVC_171.target_group' AND version = 1");
});
afterAll(async () => {
  await db?.close();
});

describe('upgradeShippedRules on a database seeded by the previous release', () => {
  it('adds the NĐ 101/2017 postgraduate rules and the 2× commitment note', async () => {
    const r = await rulesRepo.upgradeShippedRules(db);
    expect(r?.added.sort()).toEqual([...NEW_IDS].sort());
    expect(r?.notes).toBe(2);
    // with its history: version 1 as first shipped, version 2 read against Điều 6 (decision 0031)
    expect(await versionsOf('SDH_THS_101.age_limit')).toMatchObject([
      { version: 1, superseded_by: 2, created_by: null, period_from: '2017-10-21' },
      { version: 2, superseded_by: null, created_by: null, period_from: '2017-10-21' },
    ]);
    const notes = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM programme_notes WHERE text LIKE '%gấp 02 lần%'");
    expect(notes.rows[0]!.n).toBe(2);
  });

  it('writes the shipped corrections as version 2 and keeps version 1 for history', async () => {
    const sc = await versionsOf('SC_LLCT_57.target_group');
    // two corrections behind: version 2 (0025) as history, version 3 (0031, commune level) in use
    expect(sc.map((v) => [v.version, v.superseded_by])).toEqual([
      [1, 2],
      [2, 3],
      [3, null],
    ]);
    expect(sc[2]!.description).toContain('trừ trưởng công an và chỉ huy trưởng quân sự cấp xã');
    expect((await versionsOf('QLNN_CV_171.target_group')).map((v) => [v.version, v.superseded_by])).toEqual([
      [1, 2],
      [2, null],
    ]);
  });

  it("leaves an administrator's version alone", async () => {
    const cvc = await versionsOf('QLNN_CVC_171.target_group');
    expect(cvc.map((v) => [v.version, v.created_by, v.description])).toEqual([
      [1, null, expect.any(String)],
      [2, fx.users.board!.id, 'Đính chính của quản trị viên tỉnh.'],
    ]);
  });

  it('puts the NĐ 101/2017 start date right on untouched shipped rules', async () => {
    expect((await versionsOf('QLNN_CV_101.target_group'))[0]!.period_from).toBe('2017-10-21');
  });

  it('then the database equals a fresh seed except for the administrator’s edit, and a second run changes nothing', async () => {
    const n = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rule_versions')).rows[0]!.n;
    expect(n).toBe(rules.SHIPPED_RULE_SETS.reduce((k, s) => k + s.rules.length, 0) + rules.SHIPPED_SUPERSEDED_RULES.length);
    expect(await rulesRepo.upgradeShippedRules(db)).toBeNull();
    const audit = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity_id = 'shipped-corrections'");
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('does nothing on a fresh database', async () => {
    const fresh = await createTestDb();
    try {
      await rulesRepo.seedShippedRules(fresh);
      expect(await rulesRepo.upgradeShippedRules(fresh)).toBeNull();
    } finally {
      await fresh.close();
    }
  });
});

describe('upgradeShippedRules on a database seeded by the release of decision 0025', () => {
  let old: Db;
  const PG_IDS = NEW_IDS;

  beforeAll(async () => {
    old = await createTestDb();
    await seedFixture(old);
    // what that release wrote: the NĐ 101/2017 postgraduate rules as version 1 citing "Điều 37", the note likewise
    await old.query('DELETE FROM rule_versions WHERE id = ANY($1::text[]) AND version = 2', [PG_IDS]);
    await old.query('UPDATE rule_versions SET superseded_by = NULL WHERE id = ANY($1::text[])', [PG_IDS]);
    // and sơ cấp under 57-QĐ/TW at its version 2
    await old.query("DELETE FROM rule_versions WHERE id = 'SC_LLCT_57.target_group' AND version = 3");
    await old.query("UPDATE rule_versions SET superseded_by = NULL WHERE id = 'SC_LLCT_57.target_group' AND version = 2");
    await old.query(
      `UPDATE programme_notes SET source = jsonb_set(source, '{article}', '"Điều 37 (sửa đổi bởi Nghị định 89/2021/NĐ-CP)"')
        WHERE source->>'code' = '101/2017/NĐ-CP'`,
    );
  });
  afterAll(async () => {
    await old?.close();
  });

  it('corrects each NĐ 101/2017 postgraduate rule to Điều 6 as version 2, sơ cấp to commune civil servants as version 3, and the note’s citation', async () => {
    const r = await rulesRepo.upgradeShippedRules(old);
    expect(r?.corrected.sort()).toEqual([...PG_IDS, 'SC_LLCT_57.target_group'].sort());
    expect(r?.added).toEqual([]);
    expect(r?.noteSourcesFixed).toBe(2);
    const rows = await old.query<{ version: number; superseded_by: number | null; params: { categories?: string[] }; source: { article?: string } }>(
      "SELECT version, superseded_by, params, source FROM rule_versions WHERE id = 'SDH_TS_101.service_years' ORDER BY version",
    );
    expect(rows.rows.map((v) => [v.version, v.superseded_by, v.source.article, v.params.categories ?? null])).toEqual([
      [1, 2, 'Điều 37 (sửa đổi bởi Nghị định 89/2021/NĐ-CP)', null],
      [2, null, 'Điều 6', ['can_bo', 'cong_chuc']],
    ]);
    const notes = await old.query<{ article: string }>("SELECT source->>'article' AS article FROM programme_notes WHERE source->>'code' = '101/2017/NĐ-CP'");
    expect(notes.rows.map((n) => n.article)).toEqual(['Điều 6', 'Điều 6']);
    expect(await rulesRepo.upgradeShippedRules(old)).toBeNull();
  });
});
