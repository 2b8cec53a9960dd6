import { IMPORT_MAX_ROWS, JOB_FAILURES } from '@nang-tam/contracts';
import { foldVietnamese } from '@nang-tam/domain';
import { JobFailure } from '../context.js';
import { readCell, type Cell } from '../xlsx/cells.js';
import { NotAWorkbookError, openWorkbook, scanSheet, type SheetInfo, type Workbook } from '../xlsx/inspect.js';
import { WORKBOOK_LIMITS, WorkbookTooLargeError, workbookTooLargeMessage, type WorkbookLimits } from '../xlsx/limits.js';
import { readSheetRows } from '../xlsx/read-rows.js';
import { checkDeclaredSizes, looksLikeOle2, looksLikeZip, measureEntries } from '../xlsx/zip.js';
import { IMPORT_SHEET } from './columns.js';

/**
 * Reading an import file, in a worker thread (workers/entry.ts): everything here is CPU work on
 * the upload alone — the zip's limits, the sheet's scan, the sheet's rows streamed (read-rows.ts),
 * cells reduced to what the import reads — so the web process's event loop only receives rows, in batches.
 */
export interface ImportFileInput {
  buf: Uint8Array;
  limits?: WorkbookLimits;
}

/** A sheet row as cells by column number (1-based, sparse). */
export interface ImportSheetRow {
  number: number;
  cells: (Cell | undefined)[];
}

export type ImportFileChunk = { kind: 'scan'; rowCount: number; merges: string[] } | { kind: 'rows'; rows: ImportSheetRow[] };

const ROWS_PER_CHUNK = 1000;

/** The refusal of a workbook that expands past a limit: code WORKBOOK_TOO_LARGE, field "file". */
export function workbookTooLarge(e: Pick<WorkbookTooLargeError, 'limit' | 'max'>): JobFailure {
  return new JobFailure('WORKBOOK_TOO_LARGE', { field: 'file', limit: e.limit, max: e.max }, workbookTooLargeMessage(e));
}

/** Whole-file problems as the import reports them; anything else unexpected means a damaged file. */
function asJobFailure(err: unknown): JobFailure {
  if (err instanceof JobFailure) return err;
  if (err instanceof WorkbookTooLargeError) return workbookTooLarge(err);
  return new JobFailure('FILE_CORRUPT');
}

export function openImportFile(buf: Buffer, limits: WorkbookLimits = WORKBOOK_LIMITS): { wb: Workbook; sheet: SheetInfo } {
  if (buf.length === 0) throw new JobFailure('FILE_EMPTY');
  if (looksLikeOle2(buf)) {
    throw new JobFailure(
      'FILE_NOT_XLSX',
      { format: 'xls' },
      'Tệp ở định dạng Excel 97-2003 (.xls). Hãy mở tệp và lưu lại dưới dạng Excel Workbook (.xlsx).',
    );
  }
  if (!looksLikeZip(buf)) throw new JobFailure('FILE_NOT_XLSX');
  let wb: Workbook;
  try {
    wb = openWorkbook(buf);
    checkDeclaredSizes(wb.entries, limits);
  } catch (err) {
    if (err instanceof WorkbookTooLargeError) throw workbookTooLarge(err);
    throw new JobFailure(err instanceof NotAWorkbookError ? 'FILE_NOT_XLSX' : 'FILE_CORRUPT');
  }
  const wanted = foldVietnamese(IMPORT_SHEET);
  const sheet = wb.sheets.find((s) => foldVietnamese(s.name).replace(/\s/g, '') === wanted);
  if (!sheet) {
    const names = wb.sheets.map((s) => s.name);
    const found = names.length > 0 ? ` Tệp có ${names.length} trang tính: ${names.map((n) => `"${n}"`).join(', ')}.` : '';
    throw new JobFailure(
      'SHEET_MISSING',
      { sheets: names },
      `${JOB_FAILURES.SHEET_MISSING.vi}${found} Hãy dùng tệp mẫu và nhập dữ liệu vào trang tính "${IMPORT_SHEET}".`,
    );
  }
  return { wb, sheet };
}

/** Checks the file, emits its scan (row count, merged ranges) and then its rows in batches. */
export async function readImportFile(
  buf: Buffer,
  emit: (chunk: ImportFileChunk) => void | Promise<void>,
  limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<void> {
  const { wb, sheet } = openImportFile(buf, limits);
  try {
    // the real sizes, before any part is parsed
    await measureEntries(wb.buf, wb.entries, limits);
  } catch (err) {
    throw asJobFailure(err);
  }
  const scan = await scanSheet(wb, sheet, IMPORT_MAX_ROWS + 1, limits.cells).catch((err: unknown) => {
    throw asJobFailure(err);
  });
  if (scan.rowCount > IMPORT_MAX_ROWS + 1) {
    throw new JobFailure(
      'TOO_MANY_ROWS',
      { maxRows: IMPORT_MAX_ROWS },
      `Tệp có quá nhiều dòng (tối đa ${IMPORT_MAX_ROWS.toLocaleString('vi-VN')} dòng mỗi lần nhập). Hãy chia thành nhiều tệp.`,
    );
  }
  await emit({ kind: 'scan', rowCount: scan.rowCount, merges: scan.merges });
  let batch: ImportSheetRow[] = [];
  try {
    for await (const r of readSheetRows(wb, sheet, { merges: scan.merges, limits })) {
      const cells: (Cell | undefined)[] = [];
      r.values.forEach((v, col) => (cells[col] = readCell(v)));
      batch.push({ number: r.number, cells });
      if (batch.length >= ROWS_PER_CHUNK) {
        // waits while the receiver is several chunks behind (workers/entry.ts)
        await emit({ kind: 'rows', rows: batch });
        batch = [];
      }
    }
  } catch (err) {
    throw asJobFailure(err);
  }
  if (batch.length > 0) await emit({ kind: 'rows', rows: batch });
}
