import { request } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Job } from '@nang-tam/contracts';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import {
  addPeopleSheet,
  jobsClient,
  multipart,
  peopleFile,
  personRow,
  readSheet,
  xlsx,
  type JobsClient,
} from '../../../../tests/support/jobs.js';
import { IMPORT_COLUMNS } from '../jobs/people-import/columns.js';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let board: Session;
let officerA: Session;
let jobs: JobsClient;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  board = await loginAs(app, 'board');
  officerA = await loginAs(app, 'officerA');
  jobs = jobsClient(app, db);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const countPeople = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]!.n;
const header = (key: string) => IMPORT_COLUMNS.find((c) => c.key === key)!.header;

type ImportErrors = { errorCount: number; errors: { row: number; column: string; message: string; code: string }[] };
const errorsOf = (job: Job) => job.result as unknown as ImportErrors;

/** Imports a file that must fail on its rows, and checks nothing was written. */
async function importFailing(s: Session, content: Buffer): Promise<ImportErrors> {
  const before = await countPeople();
  const job = await jobs.importFile(s, content);
  expect(job.status, JSON.stringify(job.result)).toBe('failed');
  expect(job.result?.code).toBe('ROWS_INVALID');
  expect(job.fileName).toBe('loi-nhap-ho-so.xlsx');
  expect(await countPeople()).toBe(before);
  return errorsOf(job);
}

describe('template', () => {
  it('downloads a template with the columns, an example row and the codes of the user’s scope', async () => {
    const res = await app.inject({ url: '/api/v1/imports/people/template', headers: as(officerA) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''mau-nhap-ho-so-can-bo.xlsx");
    const rows = await readSheet(res.rawPayload, 'CanBo');
    expect(rows[0]).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect(String(rows[1]![0])).toMatch(/^Ví dụ:/);
    const codes = (await readSheet(res.rawPayload, 'DanhMuc')).slice(2).map((r) => r[0]);
    expect(codes).toContain('XA');
    expect(codes).not.toContain('XB'); // another commune: outside officer A's scope
  });

  it('re-imports cleanly once filled (the example row is skipped)', async () => {
    const res = await app.inject({ url: '/api/v1/imports/people/template', headers: as(officerA) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('CanBo')!;
    const fill = (r: ReturnType<typeof personRow>) => ws.addRow(IMPORT_COLUMNS.map((c) => r[c.key] ?? null));
    fill(personRow({ fullName: 'Vi Văn Mẫu', citizenId: '008090000501', educationLevel: 'Đại học', educationField: 'Luật' }));
    fill(personRow({ fullName: 'Nông Thị Điền', citizenId: '008091000502', gender: 'Nữ', ethnicity: 'Tày', category: 'can_bo' }));
    const job = await jobs.importFile(officerA, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(job.status, JSON.stringify(job.result)).toBe('succeeded');
    expect(job.result).toEqual({ imported: 2 });
    const r = await db.query<{ full_name: string; ethnicity_code: string; education_level: string | null }>(
      "SELECT full_name, ethnicity_code, education_level FROM people WHERE citizen_id IN ('008090000501', '008091000502') ORDER BY citizen_id",
    );
    expect(r.rows).toEqual([
      { full_name: 'Vi Văn Mẫu', ethnicity_code: '01', education_level: 'dai_hoc' },
      { full_name: 'Nông Thị Điền', ethnicity_code: '02', education_level: null },
    ]);
  });

  it('is refused to a role that may not import', async () => {
    const registrar = await loginAs(app, 'registrar');
    expect((await app.inject({ url: '/api/v1/imports/people/template', headers: as(registrar) })).statusCode).toBe(403);
  });
});

describe('import of good files', () => {
  it('imports every row with qualifications, highest levels and one audit record per person', async () => {
    const content = await peopleFile([
      personRow({
        fullName: 'Lê Văn Một',
        citizenId: '008085000601',
        unit: 'XA',
        educationLevel: 'thac_si',
        politicalTheoryLevel: 'Cao cấp',
      }),
      personRow({
        fullName: 'Phạm Thị Hai',
        citizenId: 8086000602, // typed into a number cell: the leading zeros come back
        gender: 'Nữ',
        unit: 'SYT',
        birthDate: new Date(Date.UTC(1986, 1, 28)), // a real date cell
        partyJoinedOn: '03/02/2010',
        partyOfficialOn: '2011-02-03',
        stateManagementLevel: 'Chuyên viên chính',
        email: 'hai@syt.gov.vn',
        phone: '0912 345 678',
      }),
      personRow({
        fullName: 'Đỗ Văn Ba',
        citizenId: '008070000603',
        unit: 'XB',
        title: 'CT_UBND_X',
        rank: '01.003',
        managementScope: 'CQDV',
      }),
    ]);
    const job = await jobs.importFile(board, content);
    expect(job.status, JSON.stringify(job.result)).toBe('succeeded');
    expect(job.result).toEqual({ imported: 3 });
    expect(job.progress).toBe(job.total);

    const people = await db.query<Record<string, unknown>>(
      `SELECT citizen_id, full_name, birth_date, gender, party_membership, party_joined_on, party_official_on, education_level,
              political_theory_level, state_management_level, phone
       FROM people WHERE citizen_id IN ('008085000601', '008086000602', '008070000603') ORDER BY citizen_id`,
    );
    // the template's rows leave "Đảng viên" empty: the dates decide, and no date is "not known" (decision 0031)
    expect(people.rows).toEqual([
      expect.objectContaining({ citizen_id: '008070000603', full_name: 'Đỗ Văn Ba', education_level: null, party_membership: null }),
      expect.objectContaining({ citizen_id: '008085000601', education_level: 'thac_si', political_theory_level: 'cao_cap', party_membership: null }),
      expect.objectContaining({
        citizen_id: '008086000602',
        birth_date: '1986-02-28',
        gender: 'female',
        party_membership: 'member',
        party_joined_on: '2010-02-03',
        party_official_on: '2011-02-03',
        state_management_level: 'chuyen_vien_chinh',
        phone: '0912 345 678',
      }),
    ]);
    const q = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM qualifications q JOIN people p ON p.id = q.person_id
       WHERE p.citizen_id IN ('008085000601', '008086000602', '008070000603') AND q.source = 'imported'`,
    );
    expect(q.rows[0]!.n).toBe(3);
    const audit = await db.query<{ action: string; actor_name: string; job: number }>(
      `SELECT a.action, a.actor_name, (a.after->>'jobId')::int AS job FROM audit_log a JOIN people p ON p.id = a.person_id
       WHERE p.citizen_id IN ('008085000601', '008086000602', '008070000603')`,
    );
    expect(audit.rows).toHaveLength(3);
    expect(audit.rows.every((a) => a.action === 'import' && a.actor_name === 'board' && a.job === job.id)).toBe(true);
  });
});

describe('import of files with bad rows', () => {
  it('imports nothing when one row is wrong, and the error report lists it (31/02 is not a date)', async () => {
    const content = await peopleFile([
      personRow({ citizenId: '008090000701' }),
      personRow({ citizenId: '008090000702', birthDate: '31/02/1990' }),
      personRow({ citizenId: '008090000703' }),
    ]);
    const before = await countPeople();
    const job = await jobs.importFile(board, content);
    expect(job.status).toBe('failed');
    expect(await countPeople()).toBe(before);
    const { errorCount, errors } = errorsOf(job);
    expect(errorCount).toBe(1);
    expect(errors).toEqual([{ row: 3, column: header('birthDate'), code: 'INVALID_DATE', message: expect.stringContaining('31/02/1990') }]);
    expect(errors[0]!.message).toMatch(/^Ngày không hợp lệ/);

    const file = await jobs.file(board, job.id);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toContain('loi-nhap-ho-so.xlsx');
    const report = await readSheet(file.body);
    expect(report[0]).toEqual(['Dòng', 'Cột', 'Lỗi', 'Mã lỗi']);
    expect(report.slice(1)).toEqual([[3, header('birthDate'), errors[0]!.message, 'INVALID_DATE']]);
  });

  it('reports every problem of every row, in sheet order', async () => {
    const { errors, errorCount } = await importFailing(
      board,
      await peopleFile([
        personRow({ citizenId: '12345', fullName: null, gender: 'X' }),
        personRow({ citizenId: '008090000802', birthDate: '01/01/2099', email: 'không phải email' }),
        personRow({ citizenId: '008090000803', birthDate: '01/01/2015', partyOfficialOn: '01/01/2030', ethnicity: '99', category: 'Khác' }),
      ]),
    );
    expect(errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'REQUIRED'],
      [2, 'INVALID_CITIZEN_ID'],
      [2, 'UNKNOWN_CODE'],
      [3, 'DATE_IN_FUTURE'],
      [3, 'INVALID_VALUE'],
      [4, 'AGE_OUT_OF_RANGE'],
      [4, 'UNKNOWN_CODE'],
      [4, 'UNKNOWN_CODE'],
      [4, 'PARTY_OFFICIAL_WITHOUT_JOIN'],
      [4, 'DATE_IN_FUTURE'],
    ]);
    expect(errorCount).toBe(10);
    expect(errors[0]).toMatchObject({ column: header('fullName'), message: 'Bắt buộc nhập.' });
  });

  it('reports a citizen id twice in the file on both rows, and one already registered', async () => {
    const { errors } = await importFailing(
      board,
      await peopleFile([
        personRow({ citizenId: '008090000901' }),
        personRow({ citizenId: '008080000001' }), // Nguyễn Văn An, already in the registry
        personRow({ citizenId: '008090000901' }),
      ]),
    );
    expect(errors).toEqual([
      { row: 2, column: header('citizenId'), code: 'DUPLICATE_IN_FILE', message: expect.stringContaining('Trùng với dòng 4') },
      { row: 3, column: header('citizenId'), code: 'DUPLICATE_CITIZEN_ID', message: 'Số CCCD đã có trong cơ sở dữ liệu.' },
      { row: 4, column: header('citizenId'), code: 'DUPLICATE_IN_FILE', message: expect.stringContaining('Trùng với dòng 2') },
    ]);
  });

  it('treats an unknown unit and a unit outside the importer’s scope alike', async () => {
    const { errors } = await importFailing(
      officerA,
      await peopleFile([personRow({ citizenId: '008090001001', unit: 'KHONG_CO' }), personRow({ citizenId: '008090001002', unit: 'XB' })]),
    );
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, header('unit'), 'UNKNOWN_CODE'],
      [3, header('unit'), 'UNKNOWN_CODE'],
    ]);
    expect(errors[1]!.message).toBe('Mã không tồn tại trong danh mục. Giá trị: "XB".');
    expect(errors[1]!.message).not.toContain('Phường');
  });

  it('refuses formula cells', async () => {
    const content = await peopleFile([
      personRow({ citizenId: { formula: 'CONCATENATE("0080","90001101")', result: '008090001101' } }),
      personRow({ citizenId: '008090001102', fullName: { formula: 'UPPER("an")', result: 'AN' } }),
    ]);
    const { errors } = await importFailing(board, content);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, header('citizenId'), 'FORMULA_NOT_ALLOWED'],
      [3, header('fullName'), 'FORMULA_NOT_ALLOWED'],
    ]);
  });

  it('refuses merged cells', async () => {
    const content = await xlsx((wb) => {
      const ws = addPeopleSheet(wb, [personRow({ citizenId: '008090001201' }), personRow({ citizenId: '008090001202' })]);
      ws.mergeCells('G2:G3');
    });
    const { errors } = await importFailing(board, content);
    expect(errors).toContainEqual({ row: 2, column: header('unit'), code: 'MERGED_CELL', message: expect.stringContaining('G2:G3') });
  });
});

describe('import of files that cannot be read', () => {
  const failure = async (content: Buffer) => {
    const job = await jobs.importFile(board, content);
    expect(job.status).toBe('failed');
    expect(job.fileName).toBeNull();
    return job.result as { code: string; message: string };
  };

  it('an empty file', async () => {
    expect(await failure(Buffer.alloc(0))).toEqual({ code: 'FILE_EMPTY', message: 'Tệp rỗng, không có nội dung.' });
  });

  it('a file that is not a workbook', async () => {
    expect((await failure(Buffer.from('Họ và tên;Số CCCD\nAn;008090000001\n'))).code).toBe('FILE_NOT_XLSX');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500)]);
    expect((await failure(xls)).message).toContain('.xls');
  });

  it('a damaged workbook', async () => {
    const good = await peopleFile([personRow()]);
    expect((await failure(good.subarray(0, good.length - 200))).code).toBe('FILE_CORRUPT');
  });

  it('a workbook without sheet "CanBo" names the sheets it has', async () => {
    const result = await failure(await xlsx((wb) => addPeopleSheet(wb, [personRow()], 'Danh sách')));
    expect(result.code).toBe('SHEET_MISSING');
    expect(result.message).toContain('"Danh sách"');
  });

  it('missing columns, and a header without rows', async () => {
    const noId = await xlsx((wb) => {
      const ws = wb.addWorksheet('CanBo');
      ws.addRow(IMPORT_COLUMNS.filter((c) => c.key !== 'citizenId' && c.key !== 'unit').map((c) => c.header));
      ws.addRow(['An']);
    });
    const missing = await failure(noId);
    expect(missing).toMatchObject({ code: 'COLUMNS_MISSING', missingColumns: ['Số CCCD*', 'Mã đơn vị*'] });
    expect(missing.message).toContain('Số CCCD*');
    expect((await failure(await peopleFile([]))).code).toBe('NO_DATA_ROWS');
  });
});

describe('upload limits', () => {
  let small: FastifyInstance;
  let session: Session;
  beforeAll(async () => {
    small = await buildTestApp(db, { importMaxBytes: 4096 });
    session = await loginAs(small, 'board');
  });
  afterAll(async () => small?.close());

  it('refuses a file over the limit with 413 and a Vietnamese message', async () => {
    const m = multipart('lon.xlsx', Buffer.alloc(200_000, 1));
    const res = await small.inject({
      method: 'POST',
      url: '/api/v1/imports/people',
      headers: { ...as(session), ...m.headers },
      payload: m.payload,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('quá lớn') });
  });

  it('refuses it as well when the size is not declared (streamed upload), however it is chunked', async () => {
    // a file that reaches the limit exactly at a chunk boundary used to come through truncated to the limit
    const file = Buffer.alloc(3 * 4096, 1);
    const m = multipart('lon.xlsx', file);
    const head = m.payload.subarray(0, m.payload.indexOf(file));
    const tail = m.payload.subarray(head.length + file.length);
    for (const size of [4096, 1000, file.length]) {
      const chunks: Buffer[] = [head];
      for (let i = 0; i < file.length; i += size) chunks.push(file.subarray(i, i + size));
      chunks.push(tail);
      const res = await small.inject({
        method: 'POST',
        url: '/api/v1/imports/people',
        headers: { ...as(session), ...m.headers },
        payload: Readable.from(chunks),
      });
      expect(res.statusCode, `chunks of ${size}`).toBe(413);
      expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    }
    const queued = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM jobs WHERE status = 'queued'");
    expect(queued.rows[0]!.n).toBe(0);
  });

  it('refuses an oversized upload streamed over a real connection, without reading it all', async () => {
    await small.listen({ port: 0, host: '127.0.0.1' });
    const { port } = small.server.address() as { port: number };
    // the file reaches the 4 KB limit exactly at a write boundary: the multipart plugin's own
    // toBuffer() missed that case and returned the first 4 KB as if they were the whole file
    const file = Buffer.alloc(64 * 4096, 1);
    const m = multipart('lon.xlsx', file);
    const head = m.payload.subarray(0, m.payload.indexOf(file));
    const { status, body, connection } = await new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
      // no Content-Length: the server only learns the size by reading
      const req = request({ port, method: 'POST', path: '/api/v1/imports/people', headers: { ...as(session), ...m.headers } });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.write(head);
      for (let i = 0; i < file.length; i += 4096) req.write(file.subarray(i, i + 4096));
      req.end(m.payload.subarray(head.length + file.length));
    });
    expect(status, body).toBe(413);
    expect(JSON.parse(body).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(connection).toBe('close'); // the rest of the upload is not read
  });

  it('accepts a file of exactly the limit', async () => {
    const m = multipart('vua.xlsx', Buffer.alloc(4096, 1));
    const res = await small.inject({
      method: 'POST',
      url: '/api/v1/imports/people',
      headers: { ...as(session), ...m.headers },
      payload: m.payload,
    });
    expect(res.statusCode).toBe(202);
    await jobs.run();
    expect((await jobs.get(session, res.json().id)).result).toMatchObject({ code: 'FILE_NOT_XLSX' });
  });

  it('asks for the file field', async () => {
    const m = multipart('a.xlsx', Buffer.from('x'), 'tep');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/people',
      headers: { ...as(board), ...m.headers },
      payload: m.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'file', code: 'REQUIRED' })]);
  });
});

describe('large files', () => {
  it('keeps every Vietnamese letter of a file larger than the reader’s 16 KiB chunks', async () => {
    const family = ['Nguyễn', 'Trần', 'Lê', 'Hoàng', 'Đặng', 'Nông', 'Triệu', 'Giàng', 'Lò', 'Hầu'];
    const middle = ['Văn', 'Thị', 'Đức', 'Ngọc', 'Thuỳ'];
    const given = ['Ánh', 'Bảo', 'Cường', 'Dũng', 'Đạt', 'Hương', 'Khuê', 'Lưu', 'Nguyệt', 'Phượng', 'Quỳnh', 'Thuận', 'Ước'];
    const rows = Array.from({ length: 1500 }, (_, i) => ({
      fullName: `${family[i % 10]} ${middle[i % 5]} ${given[i % 13]} Thứ ${i}`,
      citizenId: `0087${String(i).padStart(8, '0')}`,
      educationField: `Quản lý đất đai và môi trường số ${i}`,
    }));
    const job = await jobs.importFile(board, await peopleFile(rows.map((r) => personRow(r))));
    expect(job.status, JSON.stringify(job.result).slice(0, 300)).toBe('succeeded');
    const stored = await db.query<{ citizen_id: string; full_name: string; field: string }>(
      `SELECT p.citizen_id, p.full_name, q.field FROM people p JOIN qualifications q ON q.person_id = p.id
       WHERE p.citizen_id LIKE '0087%' AND q.kind = 'education' ORDER BY p.citizen_id`,
    );
    expect(stored.rows.map((r) => [r.full_name, r.field])).toEqual(rows.map((r) => [r.fullName, r.educationField]));
  });
});
