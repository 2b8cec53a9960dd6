import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { stagedPerson } from '../../../../tests/support/staged-person.js';
import type { Db, Queryable } from '../create-db.js';
import { publishStagedImport, stageImportRows, type StagedPerson } from './people-import.repository.js';

let db: Db;
let unitId: number;
let actor: { id: number; name: string };
let level: { education: string; political_theory: string };
let nextId = 1;

beforeAll(async () => {
  db = await createTestDb();
  unitId = (
    await db.query<{ id: number }>(
      `INSERT INTO units (code, name, search_name, kind, path, depth) VALUES ('T1', 'Tỉnh', 'tinh', 'province', '/t1/', 0) RETURNING id`,
    )
  ).rows[0]!.id;
  const user = await db.query<{ id: number }>(
    `INSERT INTO users (username, password_hash, display_name, role, unit_id) VALUES ('bq', 'x', 'Ban', 'provincial_board', $1) RETURNING id`,
    [unitId],
  );
  actor = { id: user.rows[0]!.id, name: 'bq' };
  const lv = async (kind: string) =>
    (await db.query<{ code: string }>('SELECT code FROM qualification_levels WHERE kind = $1 ORDER BY code LIMIT 1', [kind])).rows[0]!.code;
  level = { education: await lv('education'), political_theory: await lv('political_theory') };
});
afterAll(async () => {
  await db?.close();
});

async function newJob(): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO jobs (kind, created_by, status) VALUES ('people_import', $1, 'running') RETURNING id`,
    [actor.id],
  );
  return r.rows[0]!.id;
}

function staged(over: Partial<StagedPerson['person']> = {}): StagedPerson {
  const n = nextId++;
  return stagedPerson({
    row: n + 1,
    citizenId: `0080${String(n).padStart(8, '0')}`,
    fullName: `Nguyễn Văn Thứ ${n}`,
    unitId,
    qualifications: [
      { kind: 'education', level: level.education, field: 'Luật' },
      { kind: 'political_theory', level: level.political_theory, field: null },
    ],
    person: over,
  });
}

/** What a publish wrote for a job: people, their qualifications and audit records, without ids and times. */
async function written(jobId: number) {
  const people = await db.query<{ citizen_id: string; full_name: string; education_level: string; q: string; audit: unknown }>(
    `SELECT p.citizen_id, p.full_name, p.education_level,
            (SELECT string_agg(kind || ':' || coalesce(level, '') || ':' || coalesce(field, '') || ':' || source, ',' ORDER BY kind)
               FROM qualifications WHERE person_id = p.id) AS q,
            (SELECT jsonb_build_object('actor', a.actor_id, 'action', a.action, 'after', a.after - 'unitId')
               FROM audit_log a WHERE a.person_id = p.id AND a.entity = 'person') AS audit
     FROM people p JOIN audit_log a ON a.person_id = p.id AND (a.after->>'jobId')::int = $1
     ORDER BY p.citizen_id`,
    [jobId],
  );
  return people.rows;
}

const publish = (jobId: number, atOnce: boolean) =>
  db.transaction((tx) => publishStagedImport(tx, jobId, actor, { checkReferencesAtOnce: atOnce }));

describe('publishing a staged import with the references checked at once (PGlite, decision 0032)', () => {
  it('writes the same people, qualifications and audit records as the row-by-row foreign keys', async () => {
    const results: unknown[][] = [];
    for (const atOnce of [false, true]) {
      const job = await newJob();
      const rows = [staged(), staged({ fullName: 'Lò Thị Mai' }), staged()];
      await stageImportRows(db, job, rows);
      expect(await publish(job, atOnce)).toBe(3);
      const w = await written(job);
      expect(w).toHaveLength(3);
      expect(w[1]).toMatchObject({
        full_name: 'Lò Thị Mai',
        education_level: level.education,
        q: `education:${level.education}:Luật:imported,political_theory:${level.political_theory}::imported`,
        audit: {
          actor: actor.id,
          action: 'import',
          after: { jobId: job, row: rows[1]!.row, fullName: 'Lò Thị Mai', citizenId: rows[1]!.person.citizenId },
        },
      });
      results.push(w.map((r) => [r.education_level, r.q]));
      expect((await db.query('SELECT 1 FROM import_staging WHERE job_id = $1', [job])).rows).toEqual([]);
    }
    expect(results[1]).toEqual(results[0]);
  });

  it('still refuses a dangling reference (a title or a level that no longer exists): nothing is written', async () => {
    for (const bad of [{ titleId: 2_000_000_000 }, { ethnicityCode: 'ZZ' }]) {
      const job = await newJob();
      await stageImportRows(db, job, [staged(), staged(bad)]);
      const err = await publish(job, true).then(
        () => null,
        (e: unknown) => e,
      );
      expect((err as { code?: string }).code).toBe('23503');
      expect(await written(job)).toEqual([]);
    }
    const job = await newJob();
    const row = staged();
    row.qualifications = [{ kind: 'education', level: 'no_such_level', field: null }];
    await stageImportRows(db, job, [row]);
    const err = await publish(job, true).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as { code?: string }).code).toBe('23503');
    expect(await written(job)).toEqual([]);
  });

  it('takes the row-by-row path when one of the tables has a trigger of its own (it must fire)', async () => {
    await db.exec(`
      CREATE TABLE publish_trigger_seen (person_id integer);
      CREATE FUNCTION publish_trigger_note() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO publish_trigger_seen VALUES (NEW.id); RETURN NEW; END $$;
      CREATE TRIGGER publish_trigger_note AFTER INSERT ON people FOR EACH ROW EXECUTE FUNCTION publish_trigger_note();`);
    try {
      const job = await newJob();
      await stageImportRows(db, job, [staged(), staged()]);
      expect(await publish(job, true)).toBe(2);
      expect((await db.query('SELECT 1 FROM publish_trigger_seen')).rows).toHaveLength(2);
    } finally {
      await db.exec(`DROP TRIGGER publish_trigger_note ON people; DROP FUNCTION publish_trigger_note(); DROP TABLE publish_trigger_seen;`);
    }
  });
});

// import-speed (decision 0068): the set-based path on PostgreSQL too, and who may take it
describe('the references checked at once on either database (decision 0068)', () => {
  /** Runs the publish in a transaction with every statement it sends recorded; `inTx` runs before the commit. */
  async function publishRecorded(jobId: number, inTx: (tx: Queryable) => Promise<void> = async () => undefined) {
    const statements: string[] = [];
    const n = await db.transaction(async (tx) => {
      const recording: Queryable = { query: (sql, params) => (statements.push(sql), tx.query(sql, params)) } as Queryable;
      const written = await publishStagedImport(recording, jobId, actor, { checkReferencesAtOnce: true, sortInMemory: true });
      await inTx(tx);
      return written;
    });
    return { n, statements };
  }

  it('locks the referenced rows and skips the per-row triggers, writing what the foreign keys would', async () => {
    const ordinary = await newJob();
    await stageImportRows(db, ordinary, [staged(), staged({ fullName: 'Lò Thị Mai' })]);
    expect(await publish(ordinary, false)).toBe(2);
    const job = await newJob();
    await stageImportRows(db, job, [staged(), staged({ fullName: 'Lò Thị Mai' })]);
    const { n, statements } = await publishRecorded(job, async () => {
      if (db.kind !== 'postgres') return; // PGlite: one connection, nothing else runs meanwhile
      // another connection cannot delete (or re-key) what the import refers to until it commits
      for (const [table, where] of [['units', `id = ${unitId}`], ['ethnicities', "code = '01'"], ['users', `id = ${actor.id}`]]) {
        const err = await db.query(`SELECT 1 FROM ${table} WHERE ${where} FOR UPDATE NOWAIT`).then(
          () => null,
          (e: unknown) => e,
        );
        expect((err as { code?: string } | null)?.code, table).toBe('55P03');
      }
    });
    expect(n).toBe(2);
    expect(statements).toContain('SET LOCAL session_replication_role = replica');
    expect(statements).toContain('RELEASE SAVEPOINT import_references');
    const strip = (rows: Awaited<ReturnType<typeof written>>) => rows.map(({ full_name, education_level, q }) => ({ full_name: full_name.replace(/\d+$/, ''), education_level, q }));
    expect(strip(await written(job))).toEqual(strip(await written(ordinary)));
  });

  it('a role that may not set session_replication_role publishes through the foreign keys instead', async () => {
    const job = await newJob();
    await stageImportRows(db, job, [staged(), staged()]);
    const role = `nangtam_t_plain_${job}_${Math.floor(Math.random() * 1e9)}`;
    const statements: string[] = [];
    const Rollback = new Error('rolled back on purpose');
    const err = await db
      .transaction(async (tx) => {
        await tx.query(`CREATE ROLE ${role}`);
        await tx.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
        await tx.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
        await tx.query(`SET LOCAL ROLE ${role}`);
        const recording: Queryable = { query: (sql, params) => (statements.push(sql), tx.query(sql, params)) } as Queryable;
        expect(await publishStagedImport(recording, job, actor, { checkReferencesAtOnce: true })).toBe(2);
        expect((await tx.query('SELECT count(*)::int AS n FROM audit_log WHERE (after->>\'jobId\')::int = $1', [job])).rows[0]).toEqual({ n: 2 });
        throw Rollback; // the role goes away with the transaction
      })
      .catch((e: unknown) => e);
    expect(err).toBe(Rollback);
    expect(statements).toContain('ROLLBACK TO SAVEPOINT import_references');
    expect(statements).not.toContain('SET LOCAL session_replication_role = origin');
  });
});
