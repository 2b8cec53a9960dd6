import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../tests/support/test-db.js';
import type { Db, Queryable } from '../create-db.js';
import {
  INPUT_PART_BYTES,
  JobInputNotStored,
  abandonJobInput,
  claimNextJob,
  dropJobInput,
  failInterruptedUploads,
  finishJob,
  insertJob,
  loadJobInput,
  purgeJobInputs,
  storeJobInput,
} from './jobs.repository.js';

/**
 * An uploaded file stored in parts (decision 0064): read back byte for byte, never runnable before
 * its last part, and a half-stored file left by a stopped process failed and dropped.
 */
let db: Db;
let userId: number;

beforeAll(async () => {
  db = await createTestDb();
  const unitId = (
    await db.query<{ id: number }>(
      `INSERT INTO units (code, name, search_name, kind, path, depth) VALUES ('T1', 'Tỉnh', 'tinh', 'province', '/t1/', 0) RETURNING id`,
    )
  ).rows[0]!.id;
  userId = (
    await db.query<{ id: number }>(
      `INSERT INTO users (username, password_hash, display_name, role, unit_id) VALUES ('bq', 'x', 'Ban', 'provincial_board', $1) RETURNING id`,
      [unitId],
    )
  ).rows[0]!.id;
});
afterAll(async () => {
  await db?.close();
});

const count = async (sql: string, params: unknown[]) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
const partsOf = (jobId: number) => count('SELECT count(*)::int AS n FROM job_input_parts WHERE job_id = $1', [jobId]);
const statusOf = async (jobId: number) => (await db.query<{ status: string }>('SELECT status FROM jobs WHERE id = $1', [jobId])).rows[0]!.status;
/** Every job that could still run is finished, so that claimNextJob sees only the job under test. */
const finishOthers = () => db.query("UPDATE jobs SET status = 'failed', finished_at = now() WHERE status IN ('queued', 'running', 'storing')");

async function upload(file: Buffer, partBytes?: number): Promise<number> {
  const job = await insertJob(db, { kind: 'people_import', createdBy: userId, inputBytes: file.length });
  expect(job.status).toBe('storing');
  const queued = await storeJobInput(db, job.id, file, partBytes);
  expect(queued.status).toBe('queued');
  return job.id;
}

describe('an uploaded file stored in parts', () => {
  it.each([
    ['empty', 0, 1024, 0],
    ['one byte', 1, 1024, 1],
    ['one byte short of a part', 1023, 1024, 1],
    ['exactly two parts', 2048, 1024, 2],
    ['two parts and 7 bytes', 2 * 1024 + 7, 1024, 3],
    ['2.3 parts of the real size', Math.round(2.3 * INPUT_PART_BYTES), undefined, 3],
  ])('%s (%i bytes): read back byte for byte', async (_name, size, partBytes, parts) => {
    const file = randomBytes(size);
    const jobId = await upload(file, partBytes);
    expect(await partsOf(jobId)).toBe(parts);
    const back = await loadJobInput(db, jobId);
    expect(back).not.toBeNull();
    expect(back!.length).toBe(size);
    expect(back!.equals(file)).toBe(true);
  });

  it('a job without a file is queued at once and has no input', async () => {
    const job = await insertJob(db, { kind: 'people_export', createdBy: userId });
    expect(job.status).toBe('queued');
    expect(await loadJobInput(db, job.id)).toBeNull();
  });

  it('is not runnable until its last part is in', async () => {
    await finishOthers();
    const file = randomBytes(5 * 1000 + 3);
    const job = await insertJob(db, { kind: 'people_import', createdBy: userId, inputBytes: file.length });
    const seen: { parts: number; status: string; claimed: boolean }[] = [];
    // after every part (and before the statement that queues the job), a runner looks for work
    const watching: Queryable = {
      async query<T>(sql: string, params?: unknown[]) {
        const r = await db.query<T>(sql, params);
        if (sql.includes('INSERT INTO job_input_parts')) {
          const claimed = await claimNextJob(db);
          seen.push({ parts: await partsOf(job.id), status: await statusOf(job.id), claimed: claimed !== null });
        }
        return r;
      },
    };
    await storeJobInput(watching, job.id, file, 1000);
    expect(seen).toHaveLength(6);
    expect(seen.map((s) => s.parts)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.every((s) => s.status === 'storing' && !s.claimed)).toBe(true);
    expect(await statusOf(job.id)).toBe('queued');
    const claimed = await claimNextJob(db);
    expect(claimed?.id).toBe(job.id);
    expect((await loadJobInput(db, job.id))!.equals(file)).toBe(true);
  });

  it('is not queued when the parts written do not add up to the declared size', async () => {
    await finishOthers();
    const file = randomBytes(3000);
    const job = await insertJob(db, { kind: 'people_import', createdBy: userId, inputBytes: file.length });
    await expect(storeJobInput(db, job.id, file.subarray(0, 2000), 1000)).rejects.toBeInstanceOf(JobInputNotStored);
    expect(await statusOf(job.id)).toBe('storing');
    expect(await claimNextJob(db)).toBeNull();
  });

  it('left half-stored by a stopped process: failed with a Vietnamese message at the sweep, its parts dropped, never runnable', async () => {
    await finishOthers();
    const file = randomBytes(4000);
    const job = await insertJob(db, { kind: 'people_import', createdBy: userId, inputBytes: file.length });
    // the process stops after two of four parts: the statement that queues the job never runs
    const stopAfterTwo: Queryable = {
      async query<T>(sql: string, params?: unknown[]) {
        if (sql.includes('INSERT INTO job_input_parts') && (params?.[1] as number) >= 2) return new Promise<never>(() => undefined);
        return db.query<T>(sql, params);
      },
    };
    void storeJobInput(stopAfterTwo, job.id, file, 1000);
    await expect.poll(() => partsOf(job.id)).toBe(2);
    expect(await claimNextJob(db)).toBeNull();
    // a sweep that waits 60 s without a part leaves an upload still under way alone
    expect(await failInterruptedUploads(db, 60, { code: 'UPLOAD_INTERRUPTED', message: 'm' })).toEqual([]);
    expect(await statusOf(job.id)).toBe('storing');
    const message = 'Tệp tải lên chưa được lưu xong vì máy chủ bị dừng giữa chừng; chưa xử lý dòng nào. Vui lòng tải tệp lên lại.';
    expect(await failInterruptedUploads(db, 0, { code: 'UPLOAD_INTERRUPTED', message })).toEqual([job.id]);
    const row = (await db.query<{ status: string; result: { code: string; message: string }; finished_at: string | null }>(
      'SELECT status, result, finished_at FROM jobs WHERE id = $1',
      [job.id],
    )).rows[0]!;
    expect(row.status).toBe('failed');
    expect(row.result).toEqual({ code: 'UPLOAD_INTERRUPTED', message });
    expect(row.finished_at).not.toBeNull();
    expect(await partsOf(job.id)).toBe(0);
    expect(await claimNextJob(db)).toBeNull();
    // a writer that comes back after the sweep can neither add a part nor queue the job
    await expect(storeJobInput(db, job.id, file, 1000)).rejects.toBeInstanceOf(JobInputNotStored);
    expect(await partsOf(job.id)).toBe(0);
    expect(await statusOf(job.id)).toBe('failed');
  });

  it('an upload that failed midway is ended and its parts dropped', async () => {
    const file = randomBytes(3000);
    const job = await insertJob(db, { kind: 'people_import', createdBy: userId, inputBytes: file.length });
    await expect(storeJobInput(db, job.id, file.subarray(0, 1500), 1000)).rejects.toBeInstanceOf(JobInputNotStored);
    expect(await partsOf(job.id)).toBe(2);
    await abandonJobInput(db, job.id, { code: 'UPLOAD_INTERRUPTED', message: 'm' });
    expect(await statusOf(job.id)).toBe('failed');
    expect(await partsOf(job.id)).toBe(0);
  });

  it('the file of a finished job is dropped; the files of jobs still to run are kept', async () => {
    const done = await upload(randomBytes(2500), 1000);
    const waiting = await upload(randomBytes(2500), 1000);
    // still queued: dropJobInput keeps it
    expect(await dropJobInput(db, done)).toBe(0);
    expect(await finishJob(db, done, { status: 'succeeded', result: {} })).toBe(true);
    expect(await partsOf(done)).toBe(3);
    expect(await dropJobInput(db, done)).toBe(3);
    expect(await partsOf(done)).toBe(0);
    // the upkeep drops what a process that died after finishing a job left
    const orphan = await upload(randomBytes(1500), 1000);
    await finishJob(db, orphan, { status: 'failed', result: {} });
    expect(await purgeJobInputs(db)).toBeGreaterThanOrEqual(2);
    expect(await partsOf(orphan)).toBe(0);
    expect(await partsOf(waiting)).toBe(3);
  });
});
