import { parseAddress } from './cells.js';
import type { SheetInfo, Workbook } from './inspect.js';
import { WORKBOOK_LIMITS, WorkbookTooLargeError, type WorkbookLimits } from './limits.js';
import { decodeExcelEscapes, decodeXmlText, parseAttributes, tokenizeXml, XmlTokenizer, type XmlHandler } from './xml-stream.js';
import { readEntryText, streamEntryText } from './zip.js';

export interface SheetRow {
  /** The row number Excel shows. */
  number: number;
  /**
   * Cell values by column number (1-based, sparse), as exceljs gives them (readCell reads them):
   * a string, a number, a boolean, a Date (a number in a date format), `{ formula }` or `{ error }`.
   */
  values: unknown[];
}

/**
 * The rows of one sheet, streamed (decision 0053). Before, exceljs read the whole workbook into
 * memory (~1.3 GiB of RSS at 100,000 rows); its own streaming reader (stream.xlsx.WorkbookReader,
 * 4.4.0) decodes each 16 KiB chunk of a sheet on its own and so breaks a multi-byte letter that
 * straddles two chunks ("Công ch��c" — exceljs issues #2084, #2316). Here the sheet's XML comes
 * from our zip reader, whose stream decodes UTF-8 across chunk boundaries, through a small
 * tokenizer (xml-stream.ts); only the current row is held. Shared strings are read first into one
 * packed UTF-8 buffer with an offset table (SharedStrings), bounded by the sharedStrings limits;
 * styles only to know which cells hold dates.
 *
 * The values are those exceljs's in-memory reader gave, so what an import reports is unchanged:
 * numbers in a date format become Dates (1900 or 1904 system), formulas `{ formula }` whatever
 * their cached result, shared and inline strings (rich text joined, phonetic runs left out),
 * booleans, errors; and a cell covered by a merged range holds the value of the range's top-left
 * cell (pass the ranges, which are written after the rows, from scanSheet). Rows without a value
 * are left out.
 */
export async function* readSheetRows(
  wb: Workbook,
  sheet: SheetInfo,
  options: { merges?: string[]; limits?: WorkbookLimits } = {},
): AsyncGenerator<SheetRow> {
  const limits = options.limits ?? WORKBOOK_LIMITS;
  const entry = wb.entries.get(sheet.part);
  if (!entry) return;
  const strings = await readSharedStrings(wb, limits);
  const styles = readDateStyles(wb, limits);
  const rows: SheetRow[] = [];
  const handler = new SheetHandler(strings, styles, mergeLookup(options.merges ?? []), limits.cells, (r) => rows.push(r));
  const tokenizer = new XmlTokenizer(handler);
  for await (const chunk of streamEntryText(wb.buf, entry)) {
    tokenizer.write(chunk);
    if (rows.length > 0) {
      yield* rows;
      rows.length = 0;
    }
  }
  tokenizer.end();
  yield* rows;
}

// ---------- shared strings ----------

/**
 * The workbook's shared strings, packed: their UTF-8 bytes one after another in one buffer and
 * the end of each in a Uint32Array, decoded when a cell asks. A million short strings held as
 * JavaScript strings cost several times their text (a header each, two bytes a letter for any
 * string with a Vietnamese letter); packed they cost their UTF-8 bytes plus 4 bytes each, and at
 * most the sharedStrings limits (128 MiB of XML, 2,000,000 strings).
 */
export class SharedStrings {
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  private ends = new Uint32Array(1024);
  count = 0;

  add(s: string): void {
    const need = Buffer.byteLength(s, 'utf8');
    if (this.used + need > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + need));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(s, this.used, 'utf8');
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count++] = this.used;
  }

  get(i: number): string | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined;
    return this.bytes.toString('utf8', i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
  }

  /** Bytes held (text and offsets). */
  get size(): number {
    return this.bytes.length + this.ends.byteLength;
  }
}

/** Text of `<t>` elements inside `parent` (si or is), rich-text runs joined, phonetic runs (rPh) left out. */
class TextCollector {
  private depthInPhonetic = 0;
  private inT = false;
  private raw = '';
  private pieces: string[] = [];

  reset(): void {
    this.depthInPhonetic = 0;
    this.inT = false;
    this.raw = '';
    this.pieces = [];
  }

  open(name: string, selfClosing: boolean): void {
    if (name === 'rPh' && !selfClosing) this.depthInPhonetic += 1;
    else if (name === 't' && !selfClosing && this.depthInPhonetic === 0) {
      this.inT = true;
      this.raw = '';
    }
  }

  close(name: string): void {
    if (name === 'rPh') this.depthInPhonetic = Math.max(0, this.depthInPhonetic - 1);
    else if (name === 't' && this.inT) {
      this.inT = false;
      this.pieces.push(decodeExcelEscapes(decodeXmlText(this.raw)));
    }
  }

  text(raw: string): void {
    if (this.inT) this.raw += raw;
  }

  get empty(): boolean {
    return this.pieces.length === 0;
  }

  value(): string {
    return this.pieces.length === 1 ? this.pieces[0]! : this.pieces.join('');
  }
}

export async function readSharedStrings(wb: Workbook, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<SharedStrings> {
  const strings = new SharedStrings();
  const entry = wb.entries.get('xl/sharedStrings.xml');
  if (!entry) return strings;
  const text = new TextCollector();
  let inSi = false;
  const handler: XmlHandler = {
    open(name, _attrs, selfClosing) {
      if (name === 'si') {
        text.reset();
        if (selfClosing) strings.add('');
        else inSi = true;
      } else if (inSi) text.open(name, selfClosing);
    },
    close(name) {
      if (name === 'si') {
        inSi = false;
        strings.add(text.value());
        if (strings.count > limits.sharedStrings) throw new WorkbookTooLargeError('sharedStrings', limits.sharedStrings, strings.count);
      } else if (inSi) text.close(name);
    },
    text(raw) {
      if (inSi) text.text(raw);
    },
  };
  let bytes = 0;
  await tokenizeXml(
    (async function* () {
      for await (const chunk of streamEntryText(wb.buf, entry)) {
        bytes += chunk.length; // UTF-16 units: at most the bytes
        if (bytes > limits.sharedStringsBytes) throw new WorkbookTooLargeError('sharedStringsBytes', limits.sharedStringsBytes, bytes);
        yield chunk;
      }
    })(),
    handler,
  );
  return strings;
}

// ---------- styles: which cell formats are dates ----------

/** Built-in number formats that are dates or times (ids 14–22, 45–47), as exceljs counts them. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** exceljs's test: a format with y, m, d, h, s or b outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

export interface DateStyles {
  /** For each cell format (the `s` of a cell), whether it shows a date. */
  isDate: boolean[];
  date1904: boolean;
}

export function readDateStyles(wb: Workbook, limits: WorkbookLimits = WORKBOOK_LIMITS): DateStyles {
  const book = wb.entries.get('xl/workbook.xml');
  const pr = book ? /<(?:\w+:)?workbookPr\b[^>]*>/.exec(readEntryText(wb.buf, book)) : null;
  const date1904 = pr ? ['1', 'true'].includes(parseAttributes(pr[0].slice(pr[0].search(/\s/))).date1904 ?? '') : false;
  const entry = wb.entries.get('xl/styles.xml');
  if (!entry) return { isDate: [], date1904 };
  const xml = readEntryText(wb.buf, entry, limits.stylesBytes);
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\s([^>]*)>/g)) {
    const a = parseAttributes(m[1]!);
    if (a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const isDate: boolean[] = [];
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*)>/g)) {
    const id = Number(parseAttributes(m[1]!).numFmtId ?? 0);
    const code = custom.get(id);
    isDate.push(code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id));
  }
  return { isDate, date1904 };
}

/** An Excel serial date as exceljs converts it (utils.excelToDate). */
export function excelSerialToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

// ---------- merged ranges ----------

interface MergeRange {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
  value: unknown;
}

/** Ranges by the rows they cover (only ranges of more than one cell). */
function mergeLookup(merges: string[]): MergeRange[] {
  const out: MergeRange[] = [];
  for (const m of merges) {
    const [a, b] = m.split(':');
    const from = parseAddress(a ?? '');
    const to = parseAddress(b ?? a ?? '');
    if (!from || !to) continue;
    const r = { r1: Math.min(from.row, to.row), c1: Math.min(from.col, to.col), r2: Math.max(from.row, to.row), c2: Math.max(from.col, to.col), value: undefined };
    if (r.r1 !== r.r2 || r.c1 !== r.c2) out.push(r);
  }
  return out.sort((x, y) => x.r1 - y.r1);
}

// ---------- the sheet ----------

function columnNumber(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col;
}

class SheetHandler implements XmlHandler {
  private rowNumber = 0;
  private values: unknown[] | null = null;
  private hasValue = false;
  private nextCol = 1;
  private cells = 0;
  // the cell being read
  private inCell = false;
  private col = 0;
  private type = '';
  private style = 0;
  private formula = false;
  private inV = false;
  private v: string | undefined;
  private inInline = false;
  private readonly inline = new TextCollector();
  private inlineSeen = false;
  // merged ranges still ahead or covering the current row
  private mergeFrom = 0;
  private active: MergeRange[] = [];

  constructor(
    private readonly strings: SharedStrings,
    private readonly styles: DateStyles,
    private readonly merges: MergeRange[],
    private readonly maxCells: number,
    private readonly emit: (r: SheetRow) => void,
  ) {}

  open(name: string, attrs: string, selfClosing: boolean): void {
    if (this.inCell) {
      if (this.inInline) this.inline.open(name, selfClosing);
      else if (name === 'v') {
        this.inV = !selfClosing;
        this.v = undefined;
      } else if (name === 'f') this.formula = true;
      else if (name === 'is') {
        this.inInline = !selfClosing;
        this.inlineSeen = true;
        this.inline.reset();
      }
      return;
    }
    if (name === 'c') {
      if (!this.values) return;
      if (++this.cells > this.maxCells) throw new WorkbookTooLargeError('cells', this.maxCells, this.cells);
      const a = parseAttributes(attrs);
      this.col = a.r ? columnNumber(a.r) : this.nextCol;
      if (this.col < 1 || this.col > 16_384) throw new Error(`bad cell reference ${a.r}`);
      this.nextCol = this.col + 1;
      this.type = a.t ?? 'n';
      this.style = a.s ? Number(a.s) : 0;
      this.formula = false;
      this.v = undefined;
      this.inV = false;
      this.inInline = false;
      this.inlineSeen = false;
      this.inCell = true;
      if (selfClosing) this.close('c');
    } else if (name === 'row') {
      const a = parseAttributes(attrs);
      const n = a.r ? Number(a.r) : this.rowNumber + 1;
      if (!Number.isInteger(n) || n < 1 || n > 1_048_576) throw new Error(`bad row number ${a.r}`);
      this.rowNumber = n;
      this.values = [];
      this.hasValue = false;
      this.nextCol = 1;
      if (selfClosing) this.close('row');
    }
  }

  text(raw: string): void {
    if (this.inV) this.v = this.v === undefined ? raw : this.v + raw;
    else if (this.inInline) this.inline.text(raw);
  }

  close(name: string): void {
    if (this.inCell) {
      if (name === 'c') {
        this.inCell = false;
        const value = this.cellValue();
        if (value !== undefined) {
          this.values![this.col] = value;
          this.hasValue = true;
        }
      } else if (name === 'v') this.inV = false;
      else if (name === 'is') this.inInline = false;
      else if (this.inInline) this.inline.close(name);
      return;
    }
    if (name === 'row' && this.values) {
      if (this.merges.length > 0) this.applyMerges(this.values);
      if (this.hasValue) this.emit({ number: this.rowNumber, values: this.values });
      this.values = null;
    }
  }

  private cellValue(): unknown {
    if (this.formula) return { formula: true };
    if (this.type === 'inlineStr') return this.inlineSeen && !this.inline.empty ? this.inline.value() : undefined;
    const v = this.v;
    if (v === undefined) return undefined;
    switch (this.type) {
      case 's': {
        const s = this.strings.get(Number(v));
        if (s === undefined) throw new Error(`no shared string ${v}`);
        return s;
      }
      case 'str':
        return decodeXmlText(v);
      case 'b':
        return parseInt(v, 10) !== 0;
      case 'e':
        return { error: decodeXmlText(v) };
      case 'd': {
        const d = new Date(decodeXmlText(v).trim());
        return Number.isNaN(d.getTime()) ? { error: v } : d;
      }
      default: {
        const x = parseFloat(v);
        if (this.style > 0 && this.styles.isDate[this.style] === true && Number.isFinite(x)) return excelSerialToDate(x, this.styles.date1904);
        return x;
      }
    }
  }

  /** Cells covered by a merged range take the value of its top-left cell (as exceljs shows them). */
  private applyMerges(values: unknown[]): void {
    const row = this.rowNumber;
    while (this.mergeFrom < this.merges.length && this.merges[this.mergeFrom]!.r1 <= row) this.active.push(this.merges[this.mergeFrom++]!);
    if (this.active.length === 0) return;
    this.active = this.active.filter((m) => m.r2 >= row);
    for (const m of this.active) {
      if (m.r1 === row) m.value = values[m.c1];
      if (m.value === undefined) {
        // an empty top-left cell: the covered cells are empty too
        for (let c = m.c1; c <= m.c2; c++) if (row !== m.r1 || c !== m.c1) delete values[c];
        continue;
      }
      for (let c = m.c1; c <= m.c2; c++) {
        if (row === m.r1 && c === m.c1) continue;
        values[c] = m.value;
        this.hasValue = true;
      }
    }
  }
}
