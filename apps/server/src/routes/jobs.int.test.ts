import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Job } from '@nang-tam/contracts';
import { jobsRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, testConfig, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { jobsClient, peopleFile, personRow, readSheet, type JobsClient } from '../../../../tests/support/jobs.js';
import { startJobRunner } from '../jobs/runner.js';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let board: Session;
let officerA: Session;
let officerD: Session;
let jobs: JobsClient;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  board = await loginAs(app, 'board');
  officerA = await loginAs(app, 'officerA');
  officerD = await loginAs(app, 'officerD');
  jobs = jobsClient(app, db);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function startExport(s: Session, filter: Record<string, unknown>): Promise<Job> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/exports/people', headers: as(s), payload: filter });
  expect(res.statusCode, res.body).toBe(202);
  return res.json();
}

async function exportRows(s: Session, filter: Record<string, unknown>) {
  const queued = await startExport(s, filter);
  expect(queued).toMatchObject({ kind: 'people_export', status: 'queued', fileName: null });
  await jobs.run();
  const job = await jobs.get(s, queued.id);
  expect(job.status, JSON.stringify(job.result)).toBe('succeeded');
  const file = await jobs.file(s, job.id);
  expect(file.status).toBe(200);
  return { job, file, rows: await readSheet(file.body) };
}

async function listNames(s: Session, query: string): Promise<string[]> {
  const res = await app.inject({ url: `/api/v1/people?limit=200&${query}`, headers: as(s) });
  return (res.json() as { items: { fullName: string }[] }).items.map((p) => p.fullName);
}

describe('export', () => {
  it('writes exactly the filtered people with Vietnamese labels and dates', async () => {
    const { job, file, rows } = await exportRows(board, { gender: 'female' });
    expect(rows[0]).toEqual([
      'STT',
      'Họ và tên',
      'Ngày sinh',
      'Giới tính',
      'Dân tộc',
      'Đối tượng',
      'Đơn vị',
      'Chức danh',
      'Diện quản lý',
      'Đảng viên',
      'Trình độ chuyên môn',
      'Lý luận chính trị',
      'Quản lý nhà nước',
    ]);
    const names = rows.slice(1).map((r) => r[1]);
    expect([...names].sort()).toEqual((await listNames(board, 'gender=female')).sort());
    expect(job.result).toEqual({ rows: names.length });
    const binh = rows.find((r) => r[1] === 'Nguyễn Thị Bình')!;
    expect(binh.slice(2, 11)).toEqual([
      new Date('1992-11-20T00:00:00Z'),
      'Nữ',
      'Tày',
      'Cán bộ',
      'Xã Minh Quang',
      undefined,
      undefined,
      'Không phải đảng viên',
      'Thạc sĩ',
    ]);
    expect(job.fileName).toMatch(/^danh-sach-can-bo-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${job.fileName}"; filename*=UTF-8''${job.fileName}`);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getCell('C2').numFmt).toBe('dd/mm/yyyy');
  });

  it('keeps to the unit filter and to the creator’s scope', async () => {
    const { rows } = await exportRows(board, { unitId: String(fx.units.communeA), politicalTheoryLevel: 'trung_cap' });
    expect(rows.slice(1).map((r) => [r[1], r[9], r[11]])).toEqual([['Nguyễn Văn An', 'Đảng viên chính thức', 'Trung cấp']]);
    const own = await exportRows(officerA, {});
    expect(
      own.rows
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(['Nguyễn Thị Bình', 'Nguyễn Văn An']);
  });

  it('refuses a unit outside the scope at once', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/exports/people',
      headers: as(officerA),
      payload: { unitId: fx.units.communeB },
    });
    expect(res.statusCode).toBe(404);
  });

  it('validates the filter', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/exports/people', headers: as(board), payload: { gender: 'x', limit: 5 } });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['gender', 'limit']);
  });
});

describe('jobs', () => {
  it('shows a job only to the user who created it', async () => {
    const job = await startExport(officerA, {});
    expect((await app.inject({ url: `/api/v1/jobs/${job.id}`, headers: as(officerD) })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/jobs/${job.id}`, headers: as(board) })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/jobs/${job.id}/file`, headers: as(officerD) })).statusCode).toBe(404);
    expect((await jobs.get(officerA, job.id)).status).toBe('queued');
  });

  it('answers JOB_NOT_READY for the file of a job still queued', async () => {
    const job = await startExport(officerA, {});
    const res = await app.inject({ url: `/api/v1/jobs/${job.id}/file`, headers: as(officerA) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'JOB_NOT_READY', message: 'Tác vụ chưa hoàn thành.' });
    await jobs.run();
    expect((await jobs.file(officerA, job.id)).status).toBe(200);
  });

  it('runs with the creator’s current rights: a user who lost them gets a failed job', async () => {
    const job = await startExport(officerD, {});
    await db.query("UPDATE users SET role = 'lecturer' WHERE username = 'officerD'");
    try {
      await jobs.run();
      const row = await jobsRepo.findJobOfUser(db, job.id, fx.users.officerD!.id);
      expect(row).toMatchObject({ status: 'failed', result: { code: 'FORBIDDEN' } });
    } finally {
      await db.query("UPDATE users SET role = 'unit_officer' WHERE username = 'officerD'");
    }
  });

  it('re-queues a job left running by a crashed process when the runner starts, then runs it', async () => {
    const content = await peopleFile([personRow({ citizenId: '008090002001' })]);
    const job = await jobs.upload(board, content);
    // as a process that died while running it would have left it
    await db.query(
      `UPDATE jobs SET status = 'running', attempts = 1, stage = 'validating', started_at = now() - interval '10 minutes',
         heartbeat_at = now() - interval '10 minutes' WHERE id = $1`,
      [job.id],
    );
    const runner = startJobRunner(
      { db, config: testConfig() },
      { info: () => undefined, warn: () => undefined, error: () => undefined },
      { pollMs: 20 },
    );
    let done: Job | undefined;
    try {
      for (let i = 0; i < 200 && done?.status !== 'succeeded'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        done = await jobs.get(board, job.id);
      }
    } finally {
      await runner.stop();
    }
    expect(done).toMatchObject({ status: 'succeeded', result: { imported: 1 } });
    const attempts = await db.query<{ attempts: number }>('SELECT attempts FROM jobs WHERE id = $1', [job.id]);
    expect(attempts.rows[0]!.attempts).toBe(2);
  });

  it('fails a job that keeps crashing its process instead of retrying it forever', async () => {
    const job = await startExport(board, {});
    await db.query("UPDATE jobs SET status = 'running', attempts = 3, heartbeat_at = NULL WHERE id = $1", [job.id]);
    const runner = startJobRunner(
      { db, config: testConfig() },
      { info: () => undefined, warn: () => undefined, error: () => undefined },
      { pollMs: 20 },
    );
    await new Promise((r) => setTimeout(r, 300));
    await runner.stop();
    expect(await jobs.get(board, job.id)).toMatchObject({ status: 'failed', result: { code: 'INTERRUPTED' } });
  });

  it('appears in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/imports/people/template',
        '/api/v1/imports/people',
        '/api/v1/exports/people',
        '/api/v1/jobs/{id}',
        '/api/v1/jobs/{id}/file',
      ]),
    );
    const upload = doc.paths['/api/v1/imports/people']!.post as { requestBody: { content: Record<string, { schema: unknown }> } };
    expect(upload.requestBody.content['multipart/form-data']!.schema).toMatchObject({ properties: { file: { format: 'binary' } } });
  });
});
