import { FIELD_ERRORS, NOMINATIONS_BULK_COLUMN, NOMINATIONS_BULK_MAX } from '@nang-tam/contracts';
import { isValidCitizenId } from '@nang-tam/domain';
import { JobFailure } from '../context.js';
import { columnForHeader, isExampleName } from '../people-import/columns.js';
import { workbookTooLarge } from '../people-import/read-file.js';
import { cellText, readCell, type Cell } from '../xlsx/cells.js';
import { NotAWorkbookError, openWorkbook, scanSheet, type Workbook } from '../xlsx/inspect.js';
import { WORKBOOK_LIMITS, WorkbookTooLargeError, type WorkbookLimits } from '../xlsx/limits.js';
import { readSheetRows, type SheetRow } from '../xlsx/read-rows.js';
import { checkDeclaredSizes, looksLikeOle2, looksLikeZip, measureEntries } from '../xlsx/zip.js';

/**
 * Reading a bulk-nomination file, in a worker thread (workers/entry.ts): the workbook limits the
 * people import applies (declared and inflated sizes, cells), exceljs's parse, the header search and
 * each row's citizen id. The job gets back one entry per data row — a well-formed citizen id, or the
 * reason the row is refused — and does the rest (scope, eligibility, nominating) with the database.
 */
export interface BulkFileInput {
  buf: Uint8Array;
  limits?: WorkbookLimits;
}

/** One data row of the file: its citizen id, or why it is refused before any lookup. */
export interface BulkFileRow {
  /** The row number Excel shows. */
  fileRow: number;
  citizenId: string | null;
  /** Set when the row is refused (no id, a formula, a malformed or repeated id). */
  reason: string | null;
}

/** Header rows are looked for among the first rows of a sheet (a title may sit above the table). */
const HEADER_SEARCH_ROWS = 10;

function openFile(buf: Buffer, limits: WorkbookLimits): Workbook {
  if (buf.length === 0) throw new JobFailure('FILE_EMPTY');
  if (looksLikeOle2(buf)) {
    throw new JobFailure(
      'FILE_NOT_XLSX',
      { format: 'xls' },
      'Tệp ở định dạng Excel 97-2003 (.xls). Hãy mở tệp và lưu lại dưới dạng Excel Workbook (.xlsx).',
    );
  }
  if (!looksLikeZip(buf)) throw new JobFailure('FILE_NOT_XLSX');
  try {
    const wb = openWorkbook(buf);
    checkDeclaredSizes(wb.entries, limits);
    return wb;
  } catch (err) {
    if (err instanceof WorkbookTooLargeError) throw workbookTooLarge(err);
    throw new JobFailure(err instanceof NotAWorkbookError ? 'FILE_NOT_XLSX' : 'FILE_CORRUPT');
  }
}

/**
 * The real sizes, before exceljs inflates every part into memory (decision 0018): the bytes each
 * part inflates to, then the cells of every sheet (exceljs's reader loads them all).
 */
async function checkInflatedSizes(wb: Workbook, limits: WorkbookLimits): Promise<void> {
  try {
    await measureEntries(wb.buf, wb.entries, limits);
    let cells = 0;
    for (const sheet of wb.sheets) {
      if (!wb.entries.has(sheet.part)) continue;
      cells += (await scanSheet(wb, sheet, Number.POSITIVE_INFINITY, limits.cells - cells)).cellCount;
    }
  } catch (err) {
    throw err instanceof WorkbookTooLargeError
      ? workbookTooLarge({ limit: err.limit, max: err.limit === 'cells' ? limits.cells : err.max })
      : new JobFailure('FILE_CORRUPT');
  }
}

async function* sheetRows(wb: Workbook, sheet: Workbook['sheets'][number]): AsyncGenerator<SheetRow> {
  let it: AsyncGenerator<SheetRow> | null = null;
  for (;;) {
    let next: IteratorResult<SheetRow>;
    try {
      // covered cells of merged ranges read as their top-left cell, as exceljs showed them
      it ??= readSheetRows(wb, sheet, { merges: (await scanSheet(wb, sheet, Number.POSITIVE_INFINITY)).merges });
      next = await it.next();
    } catch {
      throw new JobFailure('FILE_CORRUPT');
    }
    if (next.done) return;
    yield next.value;
  }
}

interface Header {
  citizenId: number;
  fullName: number | null;
}

function findHeader(r: SheetRow): Header | null {
  let citizenId: number | null = null;
  let fullName: number | null = null;
  r.values.forEach((v, col) => {
    const text = cellText(readCell(v));
    if (text === null) return;
    const key = columnForHeader(text);
    if (key === 'citizenId' && citizenId === null) citizenId = col;
    if (key === 'fullName' && fullName === null) fullName = col;
  });
  return citizenId !== null ? { citizenId, fullName } : null;
}

/** A citizen id typed into a number cell has lost its leading zeros (it always has 12 digits). */
function citizenIdOf(c: Cell): string | null {
  if (c.kind === 'number') return Number.isInteger(c.value) && c.value >= 0 && c.value < 1e12 ? String(c.value).padStart(12, '0') : null;
  if (c.kind !== 'text') return null;
  const id = c.text.replace(/[\s.]/g, '');
  return isValidCitizenId(id) ? id : null;
}

/**
 * The data rows of the first sheet with a "Số CCCD" header among its first rows. Blank rows and the
 * template's example row are skipped; a malformed id or a repeated one is refused on its row.
 */
export async function readBulkNominationFile(input: BulkFileInput): Promise<BulkFileRow[]> {
  const limits = input.limits ?? WORKBOOK_LIMITS;
  const wb = openFile(Buffer.from(input.buf.buffer, input.buf.byteOffset, input.buf.byteLength), limits);
  await checkInflatedSizes(wb, limits);
  for (const sheet of wb.sheets) {
    let header: Header | null = null;
    let looked = 0;
    const rows: BulkFileRow[] = [];
    const firstRowOf = new Map<string, number>();
    for await (const r of sheetRows(wb, sheet)) {
      const cells = r.values.map(readCell);
      if (cells.every((c) => c.kind === 'empty')) continue;
      if (!header) {
        header = findHeader(r);
        looked += 1;
        if (!header && looked >= HEADER_SEARCH_ROWS) break;
        continue;
      }
      const name = header.fullName !== null ? cells[header.fullName] : undefined;
      if (name?.kind === 'text' && isExampleName(name.text)) continue;
      if (rows.length >= NOMINATIONS_BULK_MAX) {
        throw new JobFailure(
          'TOO_MANY_ROWS',
          { maxRows: NOMINATIONS_BULK_MAX },
          `Tệp có quá nhiều dòng (tối đa ${NOMINATIONS_BULK_MAX.toLocaleString('vi-VN')} người mỗi lần cử). Hãy chia thành nhiều tệp.`,
        );
      }
      const cell = cells[header.citizenId] ?? { kind: 'empty' };
      const row: BulkFileRow = { fileRow: r.number, citizenId: null, reason: null };
      rows.push(row);
      if (cell.kind === 'empty') {
        row.reason = `Thiếu ${NOMINATIONS_BULK_COLUMN}.`;
        continue;
      }
      if (cell.kind === 'formula') {
        row.reason = FIELD_ERRORS.FORMULA_NOT_ALLOWED.vi;
        continue;
      }
      const id = citizenIdOf(cell);
      if (id === null) {
        row.reason = `${FIELD_ERRORS.INVALID_CITIZEN_ID.vi} (đã nhập: ${cellText(cell) ?? ''})`;
        continue;
      }
      row.citizenId = id;
      const first = firstRowOf.get(id);
      if (first !== undefined) row.reason = `Trùng với dòng ${first} trong tệp.`;
      else firstRowOf.set(id, r.number);
    }
    if (!header) continue;
    if (rows.length === 0) {
      throw new JobFailure(
        'NO_DATA_ROWS',
        {},
        `Trang tính "${sheet.name}" có cột "${NOMINATIONS_BULK_COLUMN}" nhưng không có dòng dữ liệu nào.`,
      );
    }
    return rows;
  }
  throw new JobFailure(
    'COLUMNS_MISSING',
    { missingColumns: [NOMINATIONS_BULK_COLUMN] },
    `Không tìm thấy cột "${NOMINATIONS_BULK_COLUMN}" trong tệp. Dòng tiêu đề của bảng phải có một cột tên "${NOMINATIONS_BULK_COLUMN}" chứa số định danh cá nhân (12 chữ số) của người được cử.`,
  );
}
