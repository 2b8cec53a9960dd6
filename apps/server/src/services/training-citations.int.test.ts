import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { training } from '@nang-tam/domain';
import { catalogueRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { seedFixture, type Fixture } from '../../../../tests/support/fixtures.js';
import { insertClass } from '../../../../tests/support/classes.js';

/**
 * A database written by an earlier release cites the 2010 regulation 268/QĐ-HVCT-HCQG for the
 * grading scheme and the LLCT graduation conditions; at start it comes to cite 1855-QĐ/HVCTQG of
 * 21/4/2016 and keeps the old source as history (decision 0031), figures untouched.
 */
let db: Db;
let fx: Fixture;
let classId: number;
const OLD = training.GRADING_SOURCE_BEFORE_1855.source;

type Basis = { source: { code: string; issuedOn: string }; previousSources?: { source: { code: string } }[] };

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  // what the earlier release wrote: the 2010 citation, no history
  const back = (column: string) => `${column} = jsonb_set(${column} #- '{basis,previousSources}', '{basis,source}', $1::jsonb)`;
  await db.query(`UPDATE programmes SET ${back('grading_scheme')}, ${back('graduation_conditions')} WHERE kind = 'political_theory'`, [
    JSON.stringify(OLD),
  ]);
  classId = await insertClass(db, { organiserUnitId: fx.units.root });
  await db.query(
    `UPDATE classes SET grading_scheme = (SELECT grading_scheme FROM programmes WHERE code = 'SC_LLCT'),
       graduation_conditions = (SELECT graduation_conditions FROM programmes WHERE code = 'SC_LLCT') WHERE id = $1`,
    [classId],
  );
});
afterAll(async () => {
  await db?.close();
});

describe('correctTrainingCitations', () => {
  it('cites 1855-QĐ/HVCTQG, keeps 268/QĐ-HVCT-HCQG as history, and changes no figure', async () => {
    const before = (
      await db.query<{ grading_scheme: { bands: unknown; passMark: number } }>(
        "SELECT grading_scheme FROM programmes WHERE code = 'TC_LLCT'",
      )
    ).rows[0]!;
    const r = await catalogueRepo.correctTrainingCitations(db);
    expect(r).toEqual({ programmeSchemes: 3, programmeConditions: 3, classSchemes: 1, classConditions: 1 });
    const p = (
      await db.query<{
        grading_scheme: Basis & { bands: unknown; passMark: number; basis: Basis };
        graduation_conditions: { basis: Basis };
      }>("SELECT grading_scheme, graduation_conditions FROM programmes WHERE code = 'TC_LLCT'")
    ).rows[0]!;
    for (const basis of [p.grading_scheme.basis, p.graduation_conditions.basis]) {
      expect(basis.source).toMatchObject({ code: '1855-QĐ/HVCTQG', issuedOn: '2016-04-21' });
      expect(basis.previousSources?.map((x) => x.source.code)).toEqual(['268/QĐ-HVCT-HCQG']);
    }
    expect(p.grading_scheme.bands).toEqual(before.grading_scheme.bands);
    expect(p.grading_scheme.passMark).toBe(before.grading_scheme.passMark);
    const c = (await db.query<{ grading_scheme: { basis: Basis } }>('SELECT grading_scheme FROM classes WHERE id = $1', [classId]))
      .rows[0]!;
    expect(c.grading_scheme.basis.source.code).toBe('1855-QĐ/HVCTQG');
    const audit = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity_id = 'citation-1855'");
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('is idempotent, and a fresh seed already cites the 2016 regulation', async () => {
    expect(await catalogueRepo.correctTrainingCitations(db)).toBeNull();
    const fresh = await createTestDb();
    try {
      await seedFixture(fresh);
      expect(await catalogueRepo.correctTrainingCitations(fresh)).toBeNull();
    } finally {
      await fresh.close();
    }
  });
});
