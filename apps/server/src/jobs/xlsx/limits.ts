import { IMPORT_MAX_ROWS } from '@nang-tam/contracts';

/**
 * What an uploaded workbook may expand to. A 2.7 MB xlsx can hold 1 GB of XML (deflate packs a
 * repeated string about 1,000:1), so the upload size alone bounds nothing: these limits are checked
 * on the zip's central directory (the declared sizes, before anything is inflated) and again on the
 * bytes actually inflated (the declared sizes can lie), and on what the parts hold.
 *
 * Sized from real files: a 100,000-row file with every template column filled is 9 MiB zipped and
 * ~130 MiB of sheet XML; the import refuses more than IMPORT_MAX_ROWS rows anyway.
 */
export interface WorkbookLimits {
  /** Sum of every part, uncompressed. */
  totalBytes: number;
  /** xl/sharedStrings.xml, uncompressed, and its number of strings (<si>). */
  sharedStringsBytes: number;
  sharedStrings: number;
  /** xl/styles.xml, uncompressed (real ones are a few KiB to a few MiB). */
  stylesBytes: number;
  /** Cells (<c>) of the sheet read. */
  cells: number;
  /** Parts in the zip. */
  entries: number;
}

export const WORKBOOK_LIMITS: WorkbookLimits = {
  totalBytes: 400 * 2 ** 20,
  sharedStringsBytes: 128 * 2 ** 20,
  sharedStrings: 2_000_000,
  stylesBytes: 16 * 2 ** 20,
  cells: (IMPORT_MAX_ROWS + 1) * 30,
  entries: 10_000,
};

export type WorkbookLimit = keyof WorkbookLimits;

/** The workbook expands past one of the limits; `actual` is what was found (at least). */
export class WorkbookTooLargeError extends Error {
  override name = 'WorkbookTooLargeError';
  constructor(
    readonly limit: WorkbookLimit,
    readonly max: number,
    readonly actual: number,
  ) {
    super(`workbook over its ${limit} limit: ${actual} > ${max}`);
  }
}

const MiB = (n: number) => `${Math.ceil(n / 2 ** 20).toLocaleString('vi-VN')} MB`;
const count = (n: number) => n.toLocaleString('vi-VN');

/** The Vietnamese explanation of a refused workbook, naming what is too large. */
export function workbookTooLargeMessage(e: Pick<WorkbookTooLargeError, 'limit' | 'max'>): string {
  const what: Record<WorkbookLimit, string> = {
    totalBytes: `dữ liệu khi giải nén vượt quá ${MiB(e.max)}`,
    sharedStringsBytes: `bảng chuỗi dùng chung (sharedStrings) vượt quá ${MiB(e.max)}`,
    sharedStrings: `có hơn ${count(e.max)} chuỗi dùng chung`,
    stylesBytes: `phần định dạng (styles) vượt quá ${MiB(e.max)}`,
    cells: `có hơn ${count(e.max)} ô dữ liệu`,
    entries: `có hơn ${count(e.max)} thành phần`,
  };
  return `Tệp Excel quá lớn khi giải nén: ${what[e.limit]}. Hãy chép dữ liệu sang tệp mẫu mới (bỏ định dạng và trang tính thừa) hoặc chia thành nhiều tệp.`;
}
