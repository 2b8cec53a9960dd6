import { HEADER_FILL, HEADER_FONT, writeWorkbook } from './write.js';

/**
 * A one-sheet table workbook (exports, result files), written in a worker thread
 * (workers/entry.ts, task `tableWorkbook`): the job sends the spec, then the rows in batches as it
 * reads them, and gets the file back. What it looks like:
 *  - without a heading: the header in row 1 (frozen, filtered), rows below;
 *  - with a heading: row 1 the title (bold, 13 pt), row 2 the summary line, row 3 blank, the header
 *    in row 4 (frozen, filtered), rows below.
 */
export interface TableColumn {
  key: string;
  header: string;
  width: number;
  /** A number format for the column (dates: VI_DATE_FORMAT). */
  numFmt?: string;
}

export interface TableSpec {
  sheet: string;
  columns: TableColumn[];
  heading?: { title: string; summary: string };
}

/** One row: values by column key (a Date for a date cell). */
export type TableRow = Record<string, string | number | Date | null>;

export async function writeTable(spec: TableSpec, batches: AsyncIterable<TableRow[]>): Promise<Buffer> {
  const headerRow = spec.heading ? 4 : 1;
  return writeWorkbook(async (wb) => {
    const ws = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: headerRow }] });
    const columns = spec.columns.map(({ key, width, numFmt }) => ({ key, width, ...(numFmt ? { style: { numFmt } } : {}) }));
    if (spec.heading) {
      // widths and keys only: the headers go in row 4, under the heading
      ws.columns = columns;
      ws.getRow(1).values = [spec.heading.title];
      ws.getRow(1).font = { bold: true, size: 13 };
      ws.getRow(1).commit();
      ws.getRow(2).values = [spec.heading.summary];
      ws.getRow(2).commit();
      ws.getRow(3).commit();
      const header = ws.getRow(4);
      header.values = spec.columns.map((c) => c.header);
      header.font = HEADER_FONT;
      header.fill = HEADER_FILL;
      header.commit();
    } else {
      ws.columns = spec.columns.map((c, i) => ({ ...columns[i], header: c.header }));
      const header = ws.getRow(1);
      header.font = HEADER_FONT;
      header.fill = HEADER_FILL;
      header.commit();
    }
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: spec.columns.length } };
    for await (const batch of batches) for (const row of batch) ws.addRow(row).commit();
    ws.commit();
  });
}
