import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Job } from '@nang-tam/contracts';
import type { Db } from '@nang-tam/db';
import { runPendingJobs } from '../../apps/server/src/jobs/runner.js';
import { IMPORT_COLUMNS, type ColumnKey } from '../../apps/server/src/jobs/people-import/columns.js';
import { as, testConfig, type Session } from './fixtures.js';

export type PersonRow = Partial<Record<ColumnKey, ExcelJS.CellValue>>;

/** A valid import row; override any cell. */
export function personRow(over: PersonRow = {}): PersonRow {
  return {
    fullName: 'Hoàng Văn Em',
    citizenId: '008090000101',
    birthDate: '15/04/1990',
    gender: 'Nam',
    ethnicity: '01',
    category: 'Công chức',
    unit: 'XA',
    ...over,
  };
}

/** A workbook built in the test. */
export async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sheet "CanBo" with the template's header and these rows (row 2 onwards). */
export function addPeopleSheet(wb: ExcelJS.Workbook, rows: PersonRow[], name = 'CanBo'): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
  for (const r of rows) ws.addRow(IMPORT_COLUMNS.map((c) => r[c.key] ?? null));
  return ws;
}

export const peopleFile = (rows: PersonRow[]) => xlsx((wb) => addPeopleSheet(wb, rows));

export function multipart(fileName: string, content: Buffer, field = 'file') {
  const boundary = `----nangtam${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  const payload = Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export interface JobsClient {
  upload(s: Session, content: Buffer, fileName?: string): Promise<Job>;
  /** Uploads, runs the queue and returns the finished job. */
  importFile(s: Session, content: Buffer): Promise<Job>;
  get(s: Session, id: number): Promise<Job>;
  file(s: Session, id: number): Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }>;
  run(): Promise<number>;
}

export function jobsClient(app: FastifyInstance, db: Db): JobsClient {
  const client: JobsClient = {
    async upload(s, content, fileName = 'ho-so.xlsx') {
      const m = multipart(fileName, content);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/imports/people',
        headers: { ...as(s), ...m.headers },
        payload: m.payload,
      });
      if (res.statusCode !== 202) throw new Error(`upload: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    async importFile(s, content) {
      const job = await client.upload(s, content);
      await client.run();
      return client.get(s, job.id);
    },
    async get(s, id) {
      const res = await app.inject({ url: `/api/v1/jobs/${id}`, headers: as(s) });
      if (res.statusCode !== 200) throw new Error(`job ${id}: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    async file(s, id) {
      const res = await app.inject({ url: `/api/v1/jobs/${id}/file`, headers: as(s) });
      return { status: res.statusCode, body: res.rawPayload, headers: res.headers };
    },
    run: () => runPendingJobs({ db, config: testConfig() }),
  };
  return client;
}

/** The rows of a workbook's first sheet (or the named one), as plain values, header included. */
export async function readSheet(content: Buffer, sheet?: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
