import { normaliseSpaces } from '@nang-tam/domain';

/** A spreadsheet cell reduced to what an import cares about. */
export type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; date: Date }
  | { kind: 'formula' }
  | { kind: 'error'; text: string };

const EMPTY: Cell = { kind: 'empty' };

function text(s: string): Cell {
  const t = normaliseSpaces(s);
  return t === '' ? EMPTY : { kind: 'text', text: t };
}

/** Reads an exceljs cell value (plain, rich text, hyperlink, formula or error). */
export function readCell(v: unknown): Cell {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') return text(v);
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', value: v } : { kind: 'error', text: String(v) };
  if (typeof v === 'boolean') return text(v ? 'TRUE' : 'FALSE');
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { kind: 'error', text: '' } : { kind: 'date', date: v };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) return { kind: 'formula' };
    if (Array.isArray(o.richText)) return text(o.richText.map((r: { text?: unknown }) => String(r.text ?? '')).join(''));
    if ('error' in o) return { kind: 'error', text: String(o.error) };
    if (typeof o.text === 'string') return text(o.text);
  }
  return { kind: 'error', text: '' };
}

/** The cell as plain text: numbers without exponent or grouping, as a person typed them. */
export function cellText(c: Cell): string | null {
  switch (c.kind) {
    case 'text':
      return c.text;
    case 'number':
      return Number.isInteger(c.value) ? BigInt(c.value).toString() : String(c.value);
    default:
      return null;
  }
}

/** "A", "B", … "AA" for a 1-based column number. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Parses "B7" into 1-based column and row. */
export function parseAddress(ref: string): { col: number; row: number } | null {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}
