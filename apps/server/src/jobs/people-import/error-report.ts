import type { ImportRowError } from '@nang-tam/contracts';
import { HEADER_FILL, HEADER_FONT, writeWorkbook } from '../xlsx/write.js';

export const ERROR_REPORT_FILE = 'loi-nhap-ho-so.xlsx';

/** A row error and where it sorts: by row, then by the column's position in the file. */
export interface PositionedError extends ImportRowError {
  col: number;
}

/** Counts every error and keeps the first `cap` of them (a broken 100k-row file can hold millions). */
export class ErrorCollector {
  private readonly items: PositionedError[] = [];
  count = 0;

  constructor(private readonly cap = 50_000) {}

  add(e: PositionedError): void {
    this.count += 1;
    if (this.items.length < this.cap) this.items.push(e);
  }

  /** Takes over errors collected elsewhere (a worker thread), with their full count. */
  absorb(items: PositionedError[], count: number): void {
    for (const e of items) if (this.items.length < this.cap) this.items.push(e);
    this.count += count;
  }

  /** The kept errors in sheet order. */
  sorted(): PositionedError[] {
    return [...this.items].sort((a, b) => a.row - b.row || a.col - b.col);
  }
}

/** The error report: one line per problem (Dòng, Cột, Lỗi, Mã lỗi). */
export function writeErrorReport(errors: PositionedError[], count: number): Promise<Buffer> {
  return writeWorkbook(async (wb) => {
    const ws = wb.addWorksheet('Loi', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: 'Dòng', key: 'row', width: 8 },
      { header: 'Cột', key: 'column', width: 26 },
      { header: 'Lỗi', key: 'message', width: 80 },
      { header: 'Mã lỗi', key: 'code', width: 22 },
    ];
    const header = ws.getRow(1);
    header.font = HEADER_FONT;
    header.fill = HEADER_FILL;
    header.commit();
    for (const e of errors) ws.addRow({ row: e.row, column: e.column, message: e.message, code: e.code }).commit();
    if (count > errors.length) {
      ws.addRow({
        message: `… và ${count - errors.length} lỗi khác không liệt kê. Hãy sửa các lỗi trên rồi nhập lại để xem tiếp.`,
      }).commit();
    }
    ws.commit();
  });
}
