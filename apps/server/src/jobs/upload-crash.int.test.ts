import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JOB_FAILURES } from '@nang-tam/contracts';
import { createDb, jobsRepo, migrate, type Db } from '@nang-tam/db';
import { testDatabaseUrl } from '../../../../tests/support/test-db-config.js';
import { createDurableTestDb } from '../../../../tests/support/test-db.js';
import type { AppContext } from '../context.js';
import { recoverJobs } from './runner.js';

/**
 * A process killed with kill -9 while it stored an upload (decision 0064): at the next start the
 * half-stored file is never run; the runner's start-up recovery fails the job with a Vietnamese
 * message and drops its parts.
 */
const url = testDatabaseUrl();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A database of its own with one user; returns where it is and the user's id. */
async function setUp(): Promise<{ target: string; userId: number }> {
  const { db, target, remove } = await createDurableTestDb('nangtam-upload-crash-');
  cleanups.push(remove);
  const unitId = (
    await db.query<{ id: number }>(
      `INSERT INTO units (code, name, search_name, kind, path, depth) VALUES ('T1', 'Tỉnh', 'tinh', 'province', '/t1/', 0) RETURNING id`,
    )
  ).rows[0]!.id;
  const userId = (
    await db.query<{ id: number }>(
      `INSERT INTO users (username, password_hash, display_name, role, unit_id) VALUES ('bq', 'x', 'Ban', 'provincial_board', $1) RETURNING id`,
      [unitId],
    )
  ).rows[0]!.id;
  await db.close();
  return { target, userId };
}

/** Runs upload-and-die.ts until it says READY, then kills it with SIGKILL; returns the job's id. */
async function uploadAndKill(args: string[]): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/upload-and-die.ts', ...args], {
    cwd: join(import.meta.dirname, '../../../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const jobId = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`upload-and-die exited with ${code} before READY`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return jobId;
}

const count = async (db: Db, sql: string, params: unknown[]) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

describe('an upload being stored, killed with kill -9', () => {
  it('is never run: the next start fails it with a clear message and drops its parts', async () => {
    const s = await setUp();
    const jobId = await uploadAndKill([s.target, String(s.userId), String(10 * 1024 + 5), '1024', '4']);
    const db = url ? await createDb({ databaseUrl: s.target, poolSize: 2 }) : await createDb({ dataDir: s.target });
    try {
      await migrate(db);
      // what the dead process left: a job still 'storing' with four of its eleven parts, which no runner takes
      expect((await db.query<{ status: string }>('SELECT status FROM jobs WHERE id = $1', [jobId])).rows[0]!.status).toBe('storing');
      expect(await count(db, 'SELECT count(*)::int AS n FROM job_input_parts WHERE job_id = $1', [jobId])).toBe(4);
      expect(await jobsRepo.claimNextJob(db)).toBeNull();
      // the runner's start-up recovery (PGlite: every job a previous process left; PostgreSQL: once stale)
      await recoverJobs({ db } as AppContext, 0, 3);
      const row = (await db.query<{ status: string; result: { code: string; message: string } }>('SELECT status, result FROM jobs WHERE id = $1', [jobId])).rows[0]!;
      expect(row.status).toBe('failed');
      expect(row.result).toEqual({ code: 'UPLOAD_INTERRUPTED', message: JOB_FAILURES.UPLOAD_INTERRUPTED.vi });
      expect(row.result.message).toMatch(/Tệp tải lên chưa được lưu xong/);
      expect(await count(db, 'SELECT count(*)::int AS n FROM job_input_parts', [])).toBe(0);
      expect(await jobsRepo.claimNextJob(db)).toBeNull();
    } finally {
      await db.close();
    }
    // two processes open the database one after the other (tsx, PGlite's start): slow on a loaded machine
  }, 180_000);
});
