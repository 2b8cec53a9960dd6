import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { SheetInfo } from './inspect.js';

export interface SheetRow {
  /** The row number Excel shows. */
  number: number;
  /** Cell values by column number (1-based, sparse). */
  values: unknown[];
}

/**
 * Streams the rows of one sheet with exceljs's streaming reader: memory stays flat whatever the
 * number of rows. Date-formatted number cells come back as Dates (styles are read for that).
 */
export async function* readSheetRows(buf: Buffer, sheet: SheetInfo): AsyncGenerator<SheetRow> {
  // exceljs names a sheet only when its relationship target is relative; otherwise it keeps the file number
  const fileNo = /sheet(\d+)\.xml$/.exec(sheet.part)?.[1];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const ws of reader) {
    const meta = ws as unknown as { name: string; id: unknown };
    if (meta.name !== sheet.name && meta.id !== fileNo) continue;
    for await (const row of ws) yield { number: row.number, values: row.values as unknown[] };
  }
}
