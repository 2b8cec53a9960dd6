import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { FIELD_ERRORS, NOMINATIONS_BULK_MAX } from '@nang-tam/contracts';
import { xlsxBomb } from '../../../../../tests/support/xlsx-bomb.js';
import { JobFailure } from '../context.js';
import { WORKBOOK_LIMITS, type WorkbookLimits } from '../xlsx/limits.js';
import { EXAMPLE_PREFIX } from '../people-import/columns.js';
import { readBulkNominationFile } from './read-file.js';

const MiB = 2 ** 20;
const limits = (over: Partial<WorkbookLimits>): WorkbookLimits => ({ ...WORKBOOK_LIMITS, ...over });

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function failure(p: Promise<unknown>): Promise<JobFailure> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof JobFailure)) throw new Error(`expected a JobFailure, got ${String(err)}`);
  return err;
}

const list = () =>
  workbook((wb) => {
    const notes = wb.addWorksheet('GhiChu');
    notes.addRow(['Danh sách kèm theo công văn số 12/CV']);
    const ws = wb.addWorksheet('DanhSachCu');
    ws.addRow(['DANH SÁCH CỬ ĐI HỌC']);
    ws.addRow(['STT', 'Họ và tên', 'Số CCCD']);
    ws.addRow([1, 'Nguyễn Văn An', 8080000001]); // typed as a number: leading zeros lost
    ws.addRow([2, 'Nguyễn Thị Bình', '008 192 000 002']);
    ws.addRow([]);
    ws.addRow([3, 'Trần Văn Cường', '12345']);
    ws.addRow([4, 'Lê Thị Dung', { formula: 'A1' }]);
    ws.addRow([5, 'Hoàng Văn Em', null]);
    ws.addRow([6, 'Nguyễn Văn An', '008080000001']);
    ws.addRow([7, `${EXAMPLE_PREFIX} Nguyễn Văn Mẫu`, '001080012345']); // the template's example row
  });

describe('reading a bulk-nomination file', () => {
  it('finds the "Số CCCD" column under a title, on the first sheet that has it, and reads or refuses each row', async () => {
    expect(await readBulkNominationFile({ buf: await list() })).toEqual([
      { fileRow: 3, citizenId: '008080000001', reason: null },
      { fileRow: 4, citizenId: '008192000002', reason: null },
      { fileRow: 6, citizenId: null, reason: `${FIELD_ERRORS.INVALID_CITIZEN_ID.vi} (đã nhập: 12345)` },
      { fileRow: 7, citizenId: null, reason: FIELD_ERRORS.FORMULA_NOT_ALLOWED.vi },
      { fileRow: 8, citizenId: null, reason: 'Thiếu Số CCCD.' },
      { fileRow: 9, citizenId: '008080000001', reason: 'Trùng với dòng 3 trong tệp.' },
    ]);
  });

  it('refuses a file without the column, without data rows or with too many rows, with a clear message', async () => {
    const none = await workbook((wb) => wb.addWorksheet('Sheet1').addRow(['Họ và tên', 'Đơn vị']));
    expect(await failure(readBulkNominationFile({ buf: none }))).toMatchObject({
      code: 'COLUMNS_MISSING',
      message: expect.stringContaining('"Số CCCD"'),
    });
    const empty = await workbook((wb) => wb.addWorksheet('DS').addRow(['Số CCCD']));
    expect(await failure(readBulkNominationFile({ buf: empty }))).toMatchObject({ code: 'NO_DATA_ROWS' });
    const many = await workbook((wb) => {
      const ws = wb.addWorksheet('DS');
      ws.addRow(['Số CCCD']);
      for (let i = 0; i <= NOMINATIONS_BULK_MAX; i++) ws.addRow([`0080${String(i).padStart(8, '0')}`]);
    });
    expect(await failure(readBulkNominationFile({ buf: many }))).toMatchObject({
      code: 'TOO_MANY_ROWS',
      message: expect.stringContaining('10.000'),
    });
    expect(await failure(readBulkNominationFile({ buf: new Uint8Array([1, 2, 3, 4]) }))).toMatchObject({ code: 'FILE_NOT_XLSX' });
  });

  it('applies the workbook limits of the people import: declared and inflated sizes, and cells', { timeout: 60_000 }, async () => {
    const declared = await failure(readBulkNominationFile({ buf: xlsxBomb({ sharedStringsBytes: 200 * MiB, stylesBytes: MiB }) }));
    expect(declared).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', extra: { field: 'file', limit: 'sharedStringsBytes' } });
    expect(declared.message).toMatch(/^Tệp Excel quá lớn khi giải nén: bảng chuỗi dùng chung \(sharedStrings\) vượt quá 128 MB/);
    const lying = await failure(
      readBulkNominationFile({ buf: xlsxBomb({ sharedStringsBytes: MiB, stylesBytes: 40 * MiB, lieAboutSizes: true }) }),
    );
    expect(lying).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', extra: { limit: 'stylesBytes' } });
    // cells are counted over every sheet (exceljs loads them all): 2 + 18 here
    const cells = await failure(readBulkNominationFile({ buf: await list(), limits: limits({ cells: 19 }) }));
    expect(cells).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', extra: { field: 'file', limit: 'cells', max: 19 } });
    expect(cells.message).toBe(
      'Tệp Excel quá lớn khi giải nén: có hơn 19 ô dữ liệu. Hãy chép dữ liệu sang tệp mẫu mới (bỏ định dạng và trang tính thừa) hoặc chia thành nhiều tệp.',
    );
    await expect(readBulkNominationFile({ buf: await list(), limits: limits({ cells: 100 }) })).resolves.toHaveLength(6);
  });
});
