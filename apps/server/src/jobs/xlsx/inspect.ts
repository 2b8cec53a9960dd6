import { WORKBOOK_LIMITS, WorkbookTooLargeError } from './limits.js';
import { readEntryText, readZipDirectory, streamEntryText, type ZipEntry } from './zip.js';

/**
 * What the streaming row reader does not tell: the workbook's sheet names, and a sheet's merged
 * ranges (written after the rows, so the sheet is scanned once before it is read).
 */
export class NotAWorkbookError extends Error {
  override name = 'NotAWorkbookError';
}

export interface SheetInfo {
  name: string;
  /** Part name inside the zip, e.g. "xl/worksheets/sheet1.xml". */
  part: string;
}

export interface Workbook {
  buf: Buffer;
  entries: Map<string, ZipEntry>;
  sheets: SheetInfo[];
}

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()] ?? '';
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) out[m[1]!] = decodeXml(m[2]!);
  return out;
}

function tags(xml: string, name: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>`, 'g'))].map((m) => attributes(m[0]));
}

/** Opens an .xlsx in memory; throws ZipError (damaged) or NotAWorkbookError (a zip, but no workbook). */
export function openWorkbook(buf: Buffer): Workbook {
  const entries = readZipDirectory(buf);
  const book = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (!book || !rels) throw new NotAWorkbookError('no xl/workbook.xml');
  const targets = new Map(tags(readEntryText(buf, rels), 'Relationship').map((r) => [r.Id, r.Target ?? '']));
  const sheets = tags(readEntryText(buf, book), 'sheet').map((a) => {
    const relId = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
    const target = targets.get(relId) ?? '';
    return { name: a.name ?? '', part: target.startsWith('/') ? target.slice(1) : `xl/${target}` };
  });
  return { buf, entries, sheets };
}

export interface SheetScan {
  /** Merged ranges, e.g. "A5:A6". */
  merges: string[];
  /** <row> elements written (an upper bound of the rows that hold data). */
  rowCount: number;
  /** <c> elements written. */
  cellCount: number;
}

/**
 * Streams a sheet's XML once: merged ranges and the number of rows and cells; stops early past
 * maxRows, and refuses a sheet of more than maxCells cells (WorkbookTooLargeError).
 */
export async function scanSheet(wb: Workbook, sheet: SheetInfo, maxRows: number, maxCells = WORKBOOK_LIMITS.cells): Promise<SheetScan> {
  const entry = wb.entries.get(sheet.part);
  if (!entry) throw new NotAWorkbookError(`missing ${sheet.part}`);
  const merges: string[] = [];
  let rowCount = 0;
  let cellCount = 0;
  let tail = '';
  for await (const chunk of streamEntryText(wb.buf, entry)) {
    // cut at the last '<': everything before it holds whole tags only
    const text = tail + chunk;
    const cut = text.lastIndexOf('<');
    const done = cut < 0 ? text : text.slice(0, cut);
    tail = cut < 0 ? '' : text.slice(cut);
    rowCount += done.match(/<(?:\w+:)?row[\s>/]/g)?.length ?? 0;
    cellCount += done.match(/<(?:\w+:)?c[\s>/]/g)?.length ?? 0;
    if (cellCount > maxCells) throw new WorkbookTooLargeError('cells', maxCells, cellCount);
    for (const m of done.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/g)) merges.push(m[1]!);
    if (rowCount > maxRows) break;
  }
  return { merges, rowCount, cellCount };
}
