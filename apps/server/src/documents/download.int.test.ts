import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { jobsRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { buildTestApp, loginAs, seedFixture, type Fixture } from '../../../../tests/support/fixtures.js';
import { jobsClient } from '../../../../tests/support/jobs.js';
import { pdfText } from '../../../../tests/support/pdf-text.js';
import { closeWorkerPool } from '../workers/pool.js';
import { officialFileName, renderOfficialDocument, type OfficialDocument } from './official-document.js';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  await closeWorkerPool();
});

const doc: OfficialDocument = {
  issuer: ['UBND TỈNH LONG AN', 'SỞ NỘI VỤ'],
  place: 'Long An',
  date: '2026-12-07',
  title: 'BÁO CÁO SỐ LƯỢT CÁN BỘ ĐƯỢC BỒI DƯỠNG',
  columns: [
    { key: 'unit', header: 'Đơn vị' },
    { key: 'count', header: 'Số lượt', kind: 'integer' },
  ],
  rows: [{ unit: 'Huyện Đức Hòa', count: 1234 }],
  totals: { count: 1234 },
};

describe('an official document as a job’s result file', () => {
  it.each([
    ['pdf', 'application/pdf'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ] as const)(
    'is rendered in the worker pool, stored with the job and downloaded as %s (%s)',
    { timeout: 60_000 },
    async (format, type) => {
      // what an export job does: render, then return { fileName, file } for the runner to store
      const file = await renderOfficialDocument(doc, format);
      const fileName = officialFileName('Báo cáo số lượt bồi dưỡng', '2026-12-07', format);
      const job = await jobsRepo.insertJob(db, { kind: 'people_export', createdBy: fx.users.board!.id });
      await jobsRepo.finishJob(db, job.id, { status: 'succeeded', result: { rows: 1 }, fileName, file });

      const board = await loginAs(app, 'board');
      const res = await jobsClient(app, db).file(board, job.id);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(type);
      expect(res.headers['content-disposition']).toContain(`filename="bao-cao-so-luot-boi-duong-2026-12-07.${format}"`);
      expect(res.body.equals(file)).toBe(true);
      if (format === 'pdf') expect(pdfText(res.body)).toMatch(/Tổng cộng\s*1\.234/);

      // someone else's job answers "not found"
      const other = await loginAs(app, 'officerA');
      expect((await jobsClient(app, db).file(other, job.id)).status).toBe(404);
    },
  );
});
