/**
 * An official document (a report or plan with the Vietnamese title block) as data, and what its
 * Excel and PDF renderings share: the title block's lines, the table's header layout, the cells in
 * column order, number formats and vi-VN display text.
 */
import { formatViDate } from '@nang-tam/domain';
import { officialDateLine } from './date-line.js';

export type OfficialColumnKind = 'text' | 'integer' | 'decimal' | 'percent' | 'money' | 'date';

export interface OfficialColumn {
  key: string;
  header: string;
  /** Columns next to each other with the same group share a merged header cell above their own. */
  group?: string;
  /** Default 'text'. */
  kind?: OfficialColumnKind;
  /** Excel character width (the PDF shares the page out in proportion). Default by kind. */
  width?: number;
  /** Decimal places shown: decimal 2, percent 1, money 0 by default (integer 0, fixed). */
  decimals?: number;
}

/**
 * A cell's value. 'integer' | 'decimal' | 'money': a number. 'percent': a fraction (0.125 is 12,5%).
 * 'date': an ISO date 'yyyy-mm-dd'. Any column may hold a string instead (e.g. '-'), printed as is;
 * null is an empty cell.
 */
export type OfficialCell = string | number | null;

/** A signature block, e.g. { role: 'TM. BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn An' }. */
export interface OfficialSignature {
  role: string;
  title?: string;
  name?: string;
}

export interface OfficialDocument {
  /** 'state': CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc; 'party': ĐẢNG CỘNG SẢN VIỆT NAM. Default 'state'. */
  header?: 'state' | 'party';
  /** Issuing body, top line first, e.g. ['TỈNH ỦY LONG AN', 'BAN TỔ CHỨC'] (the last line is printed bold). */
  issuer: string[];
  /** e.g. '12/KH-BTCTU', printed 'Số: 12/KH-BTCTU' ('Số 12-KH/BTCTU' style for Party bodies is the caller's text). */
  number?: string;
  place?: string;
  /** ISO yyyy-mm-dd, printed 'Long An, ngày 07 tháng 12 năm 2026'. */
  date?: string;
  title: string;
  subtitle?: string;
  /** e.g. 'Đơn vị tính: triệu đồng', printed right-aligned above the table. */
  unitLine?: string;
  columns: OfficialColumn[];
  /**
   * Records keyed by column key (recommended), or arrays in column order. Keys not among the
   * columns are ignored; a missing key is an empty cell.
   */
  rows: OfficialCell[][] | Record<string, OfficialCell>[];
  /** A bold total row keyed by column key; 'Tổng cộng' goes in the first text column unless a text column is given. */
  totals?: Record<string, OfficialCell>;
  /** Footnotes under the table. A note on how percentages are rounded is added when a percent column exists. */
  notes?: string[];
  /** Printed bottom left. */
  preparedBy?: OfficialSignature;
  /** Printed bottom right. */
  approvedBy?: OfficialSignature;
  /** Default 'landscape'. */
  orientation?: 'landscape' | 'portrait';
  /** Labels the document adds itself ('Số', 'Tổng cộng', page numbers, dates). Default 'vi'. */
  locale?: 'vi' | 'en';
}

const LABELS = {
  vi: {
    number: 'Số: ',
    total: 'Tổng cộng',
    page: (p: string, n: string) => `Trang ${p}/${n}`,
    sign: '(Ký, ghi rõ họ tên)',
    signStamp: '(Ký, ghi rõ họ tên, đóng dấu)',
    percentNote: (d: number) => `Tỷ lệ phần trăm (%) được làm tròn đến ${d === 0 ? 'số nguyên' : `${d} chữ số thập phân`}.`,
  },
  en: {
    number: 'No.: ',
    total: 'Total',
    page: (p: string, n: string) => `Page ${p} of ${n}`,
    sign: '(Signature, full name)',
    signStamp: '(Signature, full name, seal)',
    percentNote: (d: number) => `Percentages are rounded to ${d === 0 ? 'whole numbers' : `${d} decimal place${d === 1 ? '' : 's'}`}.`,
  },
} as const;

export const labelsOf = (doc: OfficialDocument) => LABELS[doc.locale ?? 'vi'];

export const STATE_HEADER = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] as const;
export const PARTY_HEADER = 'ĐẢNG CỘNG SẢN VIỆT NAM';

export interface BlockLine {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/**
 * The title block's two columns: issuer, number (left); national or Party header, place and date (right).
 * Party documents put a '*' under the issuer, state documents underline the motto.
 */
export function titleBlock(doc: OfficialDocument): { left: BlockLine[]; right: BlockLine[] } {
  const party = doc.header === 'party';
  const left: BlockLine[] = doc.issuer.map((text, i) => ({ text, bold: i === doc.issuer.length - 1 }));
  if (party) left.push({ text: '*' });
  if (doc.number) left.push({ text: `${labelsOf(doc).number}${doc.number}` });
  const right: BlockLine[] = party
    ? [{ text: PARTY_HEADER, bold: true, underline: true }]
    : [
        { text: STATE_HEADER[0], bold: true },
        { text: STATE_HEADER[1], bold: true, underline: true },
      ];
  if (doc.date) {
    // the date line sits level with the number
    while (right.length < left.length - (doc.number ? 1 : 0)) right.push({ text: '' });
    right.push({ text: officialDateLine(doc.place, doc.date, doc.locale), italic: true });
  } else if (doc.place) right.push({ text: doc.place, italic: true });
  return { left, right };
}

/** Header cells: `row` 0 or 1, columns from..to (0-based, inclusive), spanning `rows` rows. */
export interface HeaderCell {
  text: string;
  row: 0 | 1;
  from: number;
  to: number;
  rows: 1 | 2;
}

/** One header row, or two when a column has a group (ungrouped columns span both rows). */
export function headerLayout(columns: OfficialColumn[]): { rows: 1 | 2; cells: HeaderCell[] } {
  if (!columns.some((c) => c.group))
    return { rows: 1, cells: columns.map((c, i) => ({ text: c.header, row: 0, from: i, to: i, rows: 1 })) };
  const cells: HeaderCell[] = [];
  for (let i = 0; i < columns.length;) {
    const group = columns[i]!.group;
    if (!group) {
      cells.push({ text: columns[i]!.header, row: 0, from: i, to: i, rows: 2 });
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < columns.length && columns[j + 1]!.group === group) j += 1;
    cells.push({ text: group, row: 0, from: i, to: j, rows: 1 });
    for (let k = i; k <= j; k++) cells.push({ text: columns[k]!.header, row: 1, from: k, to: k, rows: 1 });
    i = j + 1;
  }
  return { rows: 2, cells };
}

const DEFAULT_WIDTH: Record<OfficialColumnKind, number> = { text: 24, integer: 10, decimal: 12, percent: 10, money: 16, date: 12 };

export const kindOf = (c: OfficialColumn): OfficialColumnKind => c.kind ?? 'text';
export const widthOf = (c: OfficialColumn): number => c.width ?? DEFAULT_WIDTH[kindOf(c)];

export function decimalsOf(c: OfficialColumn): number {
  const kind = kindOf(c);
  if (kind === 'integer') return 0;
  const d = c.decimals ?? (kind === 'decimal' ? 2 : kind === 'percent' ? 1 : 0);
  return Math.max(0, Math.min(6, Math.trunc(d)));
}

/** The Excel number format of a column: '#,##0', '#,##0.00', '0.0%', 'dd/mm/yyyy' (shown with the reader's vi-VN separators). */
export function numFmtOf(c: OfficialColumn): string | undefined {
  const kind = kindOf(c);
  const d = decimalsOf(c);
  const frac = d > 0 ? `.${'0'.repeat(d)}` : '';
  switch (kind) {
    case 'integer':
    case 'decimal':
    case 'money':
      return `#,##0${frac}`;
    case 'percent':
      return `0${frac}%`;
    case 'date':
      return 'dd/mm/yyyy';
    case 'text':
      return undefined;
  }
}

/** The rows' cells in column order. */
export function cellsOf(doc: OfficialDocument): OfficialCell[][] {
  return doc.rows.map((row) =>
    Array.isArray(row)
      ? doc.columns.map((_, i) => row[i] ?? null)
      : doc.columns.map((c) => (row as Record<string, OfficialCell>)[c.key] ?? null),
  );
}

/**
 * The total row's cells in column order. Unless the caller wrote a label (a string in a text
 * column), 'Tổng cộng' goes in the first text column (the first column when none is text).
 */
export function totalsOf(doc: OfficialDocument): OfficialCell[] | null {
  if (!doc.totals) return null;
  const totals = doc.totals;
  const labelled = doc.columns.some((c) => kindOf(c) === 'text' && typeof totals[c.key] === 'string');
  const textAt = doc.columns.findIndex((c) => kindOf(c) === 'text');
  const labelAt = labelled ? -1 : textAt >= 0 ? textAt : 0;
  return doc.columns.map((c, i) => totals[c.key] ?? (i === labelAt ? labelsOf(doc).total : null));
}

/** The notes printed under the table: the caller's, then the rounding of percentages. */
export function notesOf(doc: OfficialDocument): string[] {
  const notes = [...(doc.notes ?? [])];
  const places = [...new Set(doc.columns.filter((c) => kindOf(c) === 'percent').map(decimalsOf))].sort();
  for (const d of places) notes.push(labelsOf(doc).percentNote(d));
  return notes;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A cell as an Excel value: numbers stay numbers, ISO dates in a date column become dates. */
export function excelValue(c: OfficialColumn, v: OfficialCell): string | number | Date | null {
  if (kindOf(c) === 'date' && typeof v === 'string' && ISO_DATE.test(v)) return new Date(`${v}T00:00:00Z`);
  return v;
}

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: 'vi' | 'en', d: number, percent: boolean): Intl.NumberFormat {
  const key = `${locale}:${d}:${percent}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
      minimumFractionDigits: d,
      maximumFractionDigits: d,
      ...(percent ? { style: 'percent' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/** A cell as printed text: '1.234', '12,5%', '07/12/2026' (vi-VN); strings as given. */
export function displayText(c: OfficialColumn, v: OfficialCell, locale: 'vi' | 'en' = 'vi'): string {
  if (v === null) return '';
  const kind = kindOf(c);
  if (typeof v === 'number') {
    if (kind === 'text' || kind === 'date') return String(v);
    return numberFormat(locale, decimalsOf(c), kind === 'percent').format(v);
  }
  if (kind === 'date' && ISO_DATE.test(v)) return formatViDate(v);
  return v;
}

export const isNumeric = (c: OfficialColumn): boolean => !['text', 'date'].includes(kindOf(c));

/** Where the title block and the signatures split the table's width: columns [0, leftCount) and [leftCount, n). */
export function splitColumns(n: number): number {
  return Math.max(1, Math.min(n - 1, Math.round(n * 0.4)));
}

/** Throws when the document cannot be laid out (no columns, two columns with one key). */
export function checkDocument(doc: OfficialDocument): void {
  if (doc.columns.length < 2) throw new RangeError('an official document table has at least two columns');
  const keys = new Set(doc.columns.map((c) => c.key));
  if (keys.size !== doc.columns.length) throw new RangeError('column keys must be distinct');
}
