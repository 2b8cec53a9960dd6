import { afterAll, describe, expect, it } from 'vitest';
import { readSheet } from '../../../../../tests/support/jobs.js';
import { WorkerPool } from '../../workers/pool.js';
import { asBuffer } from '../../workers/tasks.js';
import { writeTable, type TableRow, type TableSpec } from './table.js';
import { VI_DATE_FORMAT, excelDate } from './write.js';
import ExcelJS from 'exceljs';

const pool = new WorkerPool({ size: 1, heapMb: 256 });
afterAll(() => pool.close());

const COLUMNS: TableSpec['columns'] = [
  { header: 'STT', key: 'no', width: 7 },
  { header: 'Họ và tên', key: 'fullName', width: 26 },
  { header: 'Ngày sinh', key: 'birthDate', width: 12, numFmt: VI_DATE_FORMAT },
];

const rows = (n: number, from = 0): TableRow[] =>
  Array.from({ length: n }, (_, i) => ({
    no: from + i + 1,
    fullName: `Nguyễn Thị Thứ ${from + i + 1}`,
    birthDate: excelDate('1990-04-15'),
  }));

async function* batches(...list: TableRow[][]): AsyncGenerator<TableRow[]> {
  yield* list;
}

async function inWorker(spec: TableSpec, list: TableRow[][]): Promise<Buffer> {
  const feeder = pool.feed('tableWorkbook', spec);
  for (const b of list) await feeder.send(b);
  feeder.end();
  return asBuffer(await feeder.result);
}

async function sheetOf(file: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

describe('a table workbook written in a worker thread, fed its rows in batches', () => {
  it(
    'is the workbook written in the process itself: header, frozen row, filter, date format, rows in order',
    { timeout: 60_000 },
    async () => {
      const spec: TableSpec = { sheet: 'DanhSach', columns: COLUMNS };
      const list = [rows(2000), rows(2000, 2000), rows(5, 4000)];
      const fromWorker = await inWorker(spec, list);
      const here = await writeTable(spec, batches(...list));
      expect(await readSheet(fromWorker)).toEqual(await readSheet(here));
      const data = await readSheet(fromWorker);
      expect(data).toHaveLength(4006);
      expect(data[0]).toEqual(['STT', 'Họ và tên', 'Ngày sinh']);
      expect(data[4005]).toEqual([4005, 'Nguyễn Thị Thứ 4005', new Date('1990-04-15T00:00:00Z')]);
      const ws = await sheetOf(fromWorker);
      expect(ws.name).toBe('DanhSach');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBe('A1:C1');
      expect(ws.getCell('C2').numFmt).toBe(VI_DATE_FORMAT);
      expect(ws.getCell('A1').font).toMatchObject({ bold: true });
    },
  );

  it('puts a heading (title, summary, blank row) above the header when it has one', { timeout: 60_000 }, async () => {
    const spec: TableSpec = {
      sheet: 'KetQua',
      columns: COLUMNS,
      heading: { title: 'KẾT QUẢ CỬ ĐI HỌC: LỚP A', summary: '2 người: 2 đã cử.' },
    };
    const file = await inWorker(spec, [rows(2)]);
    expect(await readSheet(file)).toEqual(await readSheet(await writeTable(spec, batches(rows(2)))));
    const ws = await sheetOf(file);
    expect(ws.getCell('A1').value).toBe('KẾT QUẢ CỬ ĐI HỌC: LỚP A');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 13 });
    expect(ws.getCell('A2').value).toBe('2 người: 2 đã cử.');
    expect(ws.getRow(4).values).toEqual([undefined, 'STT', 'Họ và tên', 'Ngày sinh']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.autoFilter).toBe('A4:C4');
    expect(ws.getCell('B5').value).toBe('Nguyễn Thị Thứ 1');
  });

  it('stops the worker when the producer gives up (its signal aborts), and the pool goes on', { timeout: 60_000 }, async () => {
    const stop = new AbortController();
    const feeder = pool.feed('tableWorkbook', { sheet: 'X', columns: COLUMNS }, { signal: stop.signal });
    await feeder.send(rows(10));
    stop.abort(new Error('database gone'));
    await expect(feeder.result).rejects.toThrow('database gone');
    await expect(feeder.send(rows(1))).rejects.toThrow('database gone');
    const next = await inWorker({ sheet: 'Y', columns: COLUMNS }, [rows(3)]);
    expect(await readSheet(next)).toHaveLength(4);
  });
});
