import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../tests/support/test-db.js';
import type { Db } from '../create-db.js';
import { publishStagedImport, stageImportRows, toCsv, type StagedPerson } from './people-import.repository.js';

/**
 * Staging through COPY (decision 0053: pg-copy-streams on PostgreSQL, a blob on PGlite) against the
 * multi-row INSERTs it replaced: the same staged rows, and once published the same people,
 * qualifications and audit records — on whichever database this run uses (the suite runs on both).
 */
let db: Db;
let unitId: number;
let actor: { id: number; name: string };
let level: { education: string; political_theory: string };

beforeAll(async () => {
  db = await createTestDb();
  unitId = (
    await db.query<{ id: number }>(
      `INSERT INTO units (code, name, search_name, kind, path, depth) VALUES ('C1', 'Tỉnh', 'tinh', 'province', '/c1/', 0) RETURNING id`,
    )
  ).rows[0]!.id;
  const user = await db.query<{ id: number }>(
    `INSERT INTO users (username, password_hash, display_name, role, unit_id) VALUES ('copy', 'x', 'Ban', 'provincial_board', $1) RETURNING id`,
    [unitId],
  );
  actor = { id: user.rows[0]!.id, name: 'copy' };
  const lv = async (kind: string) =>
    (await db.query<{ code: string }>('SELECT code FROM qualification_levels WHERE kind = $1 ORDER BY code LIMIT 1', [kind])).rows[0]!.code;
  level = { education: await lv('education'), political_theory: await lv('political_theory') };
});
afterAll(async () => {
  await db?.close();
});

async function newJob(): Promise<number> {
  const r = await db.query<{ id: number }>(`INSERT INTO jobs (kind, created_by, status) VALUES ('people_import', $1, 'running') RETURNING id`, [
    actor.id,
  ]);
  return r.rows[0]!.id;
}

/** Rows with what CSV must quote: commas, quotes, backslashes, an empty string next to NULLs, letters of every width. */
function rows(prefix: string): StagedPerson[] {
  const names = ['Nguyễn Văn "Tí", con', 'Lò Thị Mai\\Páo', "Hầu A Dơ's", 'Ước Ngọc Ánh'];
  return names.map((fullName, i) => ({
    row: i + 2,
    person: {
      citizenId: `${prefix}${String(i).padStart(8, '0')}`,
      fullName,
      birthDate: `198${i}-0${i + 1}-1${i}`,
      gender: i % 2 ? 'female' : 'male',
      ethnicityCode: '01',
      category: 'cong_chuc',
      partyMembership: i === 0 ? 'member' : null,
      partyJoinedOn: i === 0 ? '2005-05-15' : null,
      partyOfficialOn: i === 0 ? '2006-05-15' : null,
      unitId,
      titleId: null,
      jobPositionId: null,
      rankId: null,
      managementScopeId: null,
      phone: i === 1 ? '' : i === 2 ? null : '0912,345"678',
      email: i === 3 ? null : `cb${i}@tuyenquang.gov.vn`,
      educationLevel: level.education,
      politicalTheoryLevel: i % 2 ? null : level.political_theory,
      stateManagementLevel: null,
    },
    qualifications: [
      { kind: 'education', level: level.education, field: i === 2 ? null : `Luật, "kinh tế" ${fullName}` },
      ...(i % 2 ? [] : [{ kind: 'political_theory', level: level.political_theory, field: null }]),
    ],
  }));
}

const strip = (citizenId: string) => citizenId.slice(4);

/** The staged rows of a job, without the job and the id the sequence gave. */
async function stagedRows(jobId: number): Promise<Record<string, unknown>[]> {
  const r = await db.query<Record<string, unknown>>('SELECT * FROM import_staging WHERE job_id = $1 ORDER BY row_no', [jobId]);
  return r.rows.map(({ job_id: _j, person_id: _p, citizen_id, ...rest }) => ({ ...rest, citizen_id: strip(String(citizen_id)) }));
}

/** What the publish wrote for a job: every column of people but id and times, qualifications, audit records. */
async function published(jobId: number) {
  const r = await db.query<Record<string, unknown>>(
    `SELECT to_jsonb(p) - 'id' - 'created_at' - 'updated_at' - 'citizen_id' AS person,
            (SELECT jsonb_agg(jsonb_build_object('kind', q.kind, 'level', q.level, 'field', q.field, 'source', q.source) ORDER BY q.kind)
               FROM qualifications q WHERE q.person_id = p.id) AS qualifications,
            (SELECT jsonb_agg(jsonb_build_object('actor', a.actor_id, 'name', a.actor_name, 'action', a.action, 'entity', a.entity,
                                                 'entityIsPerson', a.entity_id = p.id::text, 'before', a.before,
                                                 'after', a.after - 'jobId' - 'citizenId'))
               FROM audit_log a WHERE a.person_id = p.id) AS audit
     FROM people p
     WHERE p.id IN (SELECT person_id FROM audit_log WHERE (after->>'jobId')::int = $1)
     ORDER BY p.citizen_id`,
    [jobId],
  );
  return r.rows;
}

describe('staging an import through COPY', () => {
  it('stages and publishes exactly what the multi-row INSERTs did: people, qualifications, one audit record each', async () => {
    const byCopy = await newJob();
    const byInsert = await newJob();
    await stageImportRows(db, byCopy, rows('0081'), 3);
    await stageImportRows(db, byInsert, rows('0082'), 3, { copy: false });

    const staged = await stagedRows(byCopy);
    expect(staged).toHaveLength(4);
    expect(staged).toEqual(await stagedRows(byInsert));
    expect(staged.map((r) => [r.full_name, r.phone, r.email])).toEqual([
      ['Nguyễn Văn "Tí", con', '0912,345"678', 'cb0@tuyenquang.gov.vn'],
      ['Lò Thị Mai\\Páo', '', 'cb1@tuyenquang.gov.vn'],
      ["Hầu A Dơ's", null, 'cb2@tuyenquang.gov.vn'],
      ['Ước Ngọc Ánh', '0912,345"678', null],
    ]);

    for (const job of [byCopy, byInsert]) expect(await db.transaction((tx) => publishStagedImport(tx, job, actor))).toBe(4);
    const a = await published(byCopy);
    expect(a).toHaveLength(4);
    expect(a).toEqual(await published(byInsert));
    expect(a[0]).toMatchObject({
      person: { full_name: 'Nguyễn Văn "Tí", con', phone: '0912,345"678', party_membership: 'member', party_joined_on: '2005-05-15' },
      qualifications: [
        { kind: 'education', level: level.education, field: 'Luật, "kinh tế" Nguyễn Văn "Tí", con', source: 'imported' },
        { kind: 'political_theory', level: level.political_theory, field: null, source: 'imported' },
      ],
      audit: [{ actor: actor.id, name: 'copy', action: 'import', entity: 'person', entityIsPerson: true, before: null, after: { row: 2, fullName: 'Nguyễn Văn "Tí", con', unitId } }],
    });
  });

  it('loads all of a batch or none of it (a bad row fails its COPY statement)', async () => {
    const job = await newJob();
    const bad = rows('0083');
    bad[2]!.person.birthDate = 'not a date';
    await expect(stageImportRows(db, job, bad, 10)).rejects.toMatchObject({ code: '22007' });
    expect(await stagedRows(job)).toEqual([]);
  });

  it('writes CSV as COPY reads it: NULL unquoted, text quoted with quotes doubled', () => {
    expect(toCsv([[1, null, '', 'a"b,c', 'x\\y\nz', undefined, true]])).toBe('1,,"","a""b,c","x\\y\nz",,t\n');
  });
});
