import ExcelJS from 'exceljs';
import type { SheetInfo } from './inspect.js';

export interface SheetRow {
  /** The row number Excel shows. */
  number: number;
  /** Cell values by column number (1-based, sparse). */
  values: unknown[];
}

/**
 * The rows of one sheet, read with exceljs's in-memory reader. Its streaming reader
 * (stream.xlsx.WorkbookReader, 4.4.0) decodes each 16 KiB chunk of a sheet on its own and so breaks
 * a multi-byte letter that straddles two chunks ("Công ch��c" — exceljs issues #2084, #2316): for
 * Vietnamese text that corrupted about one row in a few thousand. The in-memory reader decodes each
 * part whole. Uploads are capped (IMPORT_MAX_MB), which bounds its memory: ~360 MiB at 100k rows.
 */
export async function* readSheetRows(buf: Buffer, sheet: SheetInfo): AsyncGenerator<SheetRow> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = workbook.worksheets.find((w) => w.name === sheet.name);
  if (!ws) return;
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => rows.push({ number: row.number, values: row.values as unknown[] }));
  yield* rows;
}
