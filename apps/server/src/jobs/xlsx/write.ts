import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Writes a workbook row by row (rows are flushed as they are committed) and returns the file. */
export async function writeWorkbook(build: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  await build(wb);
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

export const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** A date column shown as dd/mm/yyyy (vi-VN). */
export const VI_DATE_FORMAT = 'dd/mm/yyyy';

/** An ISO date as the UTC-midnight Date Excel cells hold. */
export function excelDate(iso: string | null): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}
