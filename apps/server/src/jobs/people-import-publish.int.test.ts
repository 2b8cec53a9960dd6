import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { jobsClient, peopleFile, personRow, type JobsClient } from '../../../../tests/support/jobs.js';
import { publishChunk } from './people-import.job.js';

/**
 * The publish of an import (decision 0054), on both databases: on PGlite a file larger than a chunk
 * is published in prepared transactions made visible at once; on PostgreSQL in one transaction.
 * Either way: all of it or none of it, one audit record per person, and a citizen id cannot be
 * saved twice by a person created meanwhile.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let board: Session;
let jobs: JobsClient;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  board = await loginAs(app, 'board');
  jobs = jobsClient(app, db);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});
const defaults = { ...publishChunk };
afterEach(() => {
  Object.assign(publishChunk, defaults, { beforeWrite: undefined, afterChunk: undefined });
});

let serial = 0;
/** n rows of new people, citizen ids unique to this file. */
function rows(n: number) {
  serial += 1;
  return Array.from({ length: n }, (_, i) =>
    personRow({ fullName: `Người Nhập ${serial}-${i}`, citizenId: `0081${String(serial).padStart(3, '0')}${String(i).padStart(5, '0')}` }),
  );
}
const ids = (r: ReturnType<typeof rows>) => r.map((x) => String(x.citizenId));

async function visible(citizenIds: string[]): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE citizen_id = ANY($1::text[])', [citizenIds]);
  return r.rows[0]!.n;
}
async function audited(citizenIds: string[]): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log a JOIN people p ON p.id = a.person_id
     WHERE a.action = 'import' AND a.entity = 'person' AND p.citizen_id = ANY($1::text[])`,
    [citizenIds],
  );
  return r.rows[0]!.n;
}
async function prepared(): Promise<number> {
  const r = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_xacts WHERE gid LIKE 'nangtam-import:%'");
  return r.rows[0]!.n;
}
const createPerson = (citizenId: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: as(board),
    payload: {
      fullName: 'Người Tạo Tay',
      citizenId,
      birthDate: '1985-06-15',
      gender: 'male',
      ethnicityCode: '01',
      category: 'cong_chuc',
      unitId: fx.units.communeA,
    },
  });

describe('publish of an import', () => {
  it('writes every row and one audit record per person, and nothing is visible before the end', async () => {
    publishChunk.rows = 2;
    const file = rows(7);
    const seen: number[] = [];
    publishChunk.afterChunk = async () => {
      seen.push(await visible(ids(file)));
    };
    const job = await jobs.importFile(board, await peopleFile(file));
    expect(job.status, JSON.stringify(job.result)).toBe('succeeded');
    expect(job.result).toEqual({ imported: 7 });
    // PGlite: four chunks of two rows, none of them visible until all were; PostgreSQL: one transaction
    expect(seen).toEqual(db.kind === 'pglite' ? [0, 0, 0, 0] : []);
    expect(await visible(ids(file))).toBe(7);
    expect(await audited(ids(file))).toBe(7);
    expect(await prepared()).toBe(0);
    const staged = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_staging WHERE job_id = $1', [job.id]);
    expect(staged.rows[0]!.n).toBe(0);
  });

  it('leaves nothing visible and nothing prepared when it fails midway', async () => {
    publishChunk.rows = 2;
    const file = rows(7);
    let calls = 0;
    const stop = async () => {
      calls += 1;
      throw new Error('stopped midway');
    };
    if (db.kind === 'pglite') publishChunk.afterChunk = async (_job, n) => (n === 2 ? stop() : undefined);
    else publishChunk.beforeWrite = stop;
    const job = await jobs.importFile(board, await peopleFile(file));
    expect(calls).toBe(1);
    expect(job.status).toBe('failed');
    expect(await visible(ids(file))).toBe(0);
    expect(await prepared()).toBe(0);
  });

  it('refuses a person created meanwhile with a citizen id of the import (409), and the import writes it once', async () => {
    publishChunk.rows = 2;
    const file = rows(7);
    const taken = ids(file)[6]!; // in the last chunk, not yet written
    let answer: { status: number; body: { error?: { code: string; details?: { path: string; code: string }[] } } } | null = null;
    const meanwhile = async () => {
      if (answer) return;
      const res = await createPerson(taken);
      answer = { status: res.statusCode, body: res.json() };
    };
    if (db.kind === 'pglite') publishChunk.afterChunk = meanwhile;
    else publishChunk.beforeWrite = meanwhile;
    const job = await jobs.importFile(board, await peopleFile(file));
    expect(answer).not.toBeNull();
    expect(answer!.status).toBe(409);
    expect(answer!.body.error?.details).toEqual([expect.objectContaining({ path: 'citizenId', code: 'DUPLICATE_CITIZEN_ID' })]);
    expect(job.status, JSON.stringify(job.result)).toBe('succeeded');
    expect(await visible([taken])).toBe(1);
    expect(await visible(ids(file))).toBe(7);
  });

  it('fails as a whole when a citizen id of a later chunk was saved before the publish reached it', async () => {
    publishChunk.rows = 2;
    const file = rows(7);
    const taken = ids(file)[6]!;
    const before = async () => {
      // written past the service's checks, as a writer racing the import's duplicate check would
      await db.query(
        `INSERT INTO people (citizen_id, full_name, search_name, sort_key, birth_date, gender, ethnicity_code, category, unit_id)
         VALUES ($1, 'Người Chen Ngang', 'nguoi chen ngang', 'ngang', '1985-06-15', 'male', '01', 'cong_chuc', $2)`,
        [taken, fx.units.communeA],
      );
    };
    if (db.kind === 'pglite') publishChunk.afterChunk = async (_job, n) => (n === 1 ? before() : undefined);
    else publishChunk.beforeWrite = before;
    const job = await jobs.importFile(board, await peopleFile(file));
    expect(job.status).toBe('failed');
    expect(job.result?.code).toBe('DUPLICATE_CITIZEN_ID');
    expect(await visible(ids(file))).toBe(1); // the one saved meanwhile, none of the import
    expect(await prepared()).toBe(0);
  });
});
