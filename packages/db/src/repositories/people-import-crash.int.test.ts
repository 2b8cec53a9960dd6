import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../../../tests/support/test-db-config.js';
import { createDurableTestDb } from '../../../../tests/support/test-db.js';
import { stagedPerson } from '../../../../tests/support/staged-person.js';
import { createDb, type Db } from '../create-db.js';
import { migrate } from '../migrate.js';
import { publishStagedImport, stageImportRows, type StagedPerson } from './people-import.repository.js';

/**
 * A process killed in the middle of an import's publish (decision 0054), with kill -9: on PGlite
 * while its chunks are prepared, or after it finished the job and made one chunk visible; on
 * PostgreSQL inside the publishing transaction. At the next start nothing of the import is visible
 * and nothing stays prepared — or, when the job had finished, all of it is.
 */
const url = testDatabaseUrl();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A database of its own, with what a publish needs, and a running import job with `rows` staged. */
async function setUp(rows: number): Promise<{ target: string; jobId: number; actorId: number; citizenIds: string[] }> {
  const { db, target, remove } = await createDurableTestDb('nangtam-crash-');
  cleanups.push(remove);
  const unitId = (
    await db.query<{ id: number }>(
      `INSERT INTO units (code, name, search_name, kind, path, depth) VALUES ('T1', 'Tỉnh', 'tinh', 'province', '/t1/', 0) RETURNING id`,
    )
  ).rows[0]!.id;
  const actorId = (
    await db.query<{ id: number }>(
      `INSERT INTO users (username, password_hash, display_name, role, unit_id) VALUES ('bq', 'x', 'Ban', 'provincial_board', $1) RETURNING id`,
      [unitId],
    )
  ).rows[0]!.id;
  const jobId = (
    await db.query<{ id: number }>(
      `INSERT INTO jobs (kind, created_by, status, stage, attempts) VALUES ('people_import', $1, 'running', 'inserting', 1) RETURNING id`,
      [actorId],
    )
  ).rows[0]!.id;
  const staged: StagedPerson[] = Array.from({ length: rows }, (_, i) =>
    stagedPerson({
      row: i + 2,
      citizenId: `0082000${String(i).padStart(5, '0')}`,
      fullName: `Người Dở Dang ${i}`,
      unitId,
      qualifications: [{ kind: 'education', level: null, field: 'Luật' }],
    }),
  );
  await stageImportRows(db, jobId, staged);
  await db.close();
  return { target, jobId, actorId, citizenIds: staged.map((s) => s.person.citizenId) };
}

/** Runs publish-and-die.ts until it says READY, then kills it with SIGKILL. */
async function publishAndKill(args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/publish-and-die.ts', ...args], {
    cwd: join(import.meta.dirname, '../../../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('READY')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`publish-and-die exited with ${code} before READY`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

/** Opens the database again as the server does at start-up (migrate resolves what was left prepared). */
async function restart(target: string): Promise<Db> {
  const db = url ? await createDb({ databaseUrl: target, poolSize: 2 }) : await createDb({ dataDir: target });
  await migrate(db);
  return db;
}

const count = async (db: Db, sql: string, params: unknown[]) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
const visible = (db: Db, ids: string[]) => count(db, 'SELECT count(*)::int AS n FROM people WHERE citizen_id = ANY($1::text[])', [ids]);
const audited = (db: Db, jobId: number) =>
  count(db, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'import' AND (after->>'jobId')::int = $1", [jobId]);
const prepared = (db: Db) => count(db, "SELECT count(*)::int AS n FROM pg_prepared_xacts WHERE gid LIKE 'nangtam-import:%'", []);

describe('an import publish killed with kill -9', () => {
  it('leaves nothing visible, nothing prepared and nothing locked', async () => {
    const s = await setUp(7);
    await publishAndKill([s.target, String(s.jobId), String(s.actorId), '2']);
    const db = await restart(s.target);
    try {
      expect(await visible(db, s.citizenIds)).toBe(0);
      expect(await audited(db, s.jobId)).toBe(0);
      expect(await prepared(db)).toBe(0);
      // nothing holds the citizen ids: the same people can be written now
      if (db.kind === 'postgres') {
        expect(await db.transaction((tx) => publishStagedImport(tx, s.jobId, { id: s.actorId, name: 'bq' }))).toBe(7);
        expect(await visible(db, s.citizenIds)).toBe(7);
      } else {
        // PGlite's crash recovery empties the unlogged staging table: the job is run again from its file
        expect(await count(db, 'SELECT count(*)::int AS n FROM import_staging WHERE job_id = $1', [s.jobId])).toBe(0);
        await db.query(
          `INSERT INTO people (citizen_id, full_name, search_name, sort_key, birth_date, gender, ethnicity_code, category, unit_id)
           SELECT $1, 'Người Sau', 'nguoi sau', 'sau', '1985-06-15', 'male', '01', 'cong_chuc', id FROM units LIMIT 1`,
          [s.citizenIds[0]],
        );
        expect(await visible(db, s.citizenIds)).toBe(1);
      }
    } finally {
      await db.close();
    }
  });

  it('PGlite: killed after the job finished and one chunk was made visible, the rest is made visible at the next start', async () => {
    const s = await setUp(7);
    // PostgreSQL commits its one transaction or not at all: there the job finishes with the publish, in one commit
    if (url) return;
    await publishAndKill([s.target, String(s.jobId), String(s.actorId), '2', 'finished']);
    const db = await restart(s.target);
    try {
      expect(await prepared(db)).toBe(0);
      expect(await visible(db, s.citizenIds)).toBe(7);
      expect(await audited(db, s.jobId)).toBe(7);
      expect(await count(db, 'SELECT count(*)::int AS n FROM qualifications q JOIN people p ON p.id = q.person_id WHERE p.citizen_id = ANY($1::text[])', [s.citizenIds])).toBe(7);
    } finally {
      await db.close();
    }
  });
});
