/**
 * The needs answer's editing grid, as plain data: rows the officer edits (a programme, mode,
 * quarter, number of people and the people named), the server's field errors placed on their row
 * and cell, the totals, and a suggestion merged in. Pure: tested without a browser.
 */
import type { ErrorDetail, NeedsLine, NeedsLineInput } from '@nang-tam/contracts';

export interface GridRow {
  /** A stable key for React (rows have no id of their own). */
  key: string;
  programmeCode: string | null;
  mode: NeedsLine['mode'] | null;
  quarter: number | null;
  people: number | null;
  named: NeedsLine['named'];
}

let seq = 0;
const nextKey = () => `row-${++seq}`;

export function rowsOf(lines: readonly NeedsLine[]): GridRow[] {
  return lines.map((l) => ({
    key: nextKey(),
    programmeCode: l.programmeCode,
    mode: l.mode,
    quarter: l.quarter,
    people: l.people,
    named: [...l.named],
  }));
}

export function emptyRow(
  programmeCode: string | null = null,
  mode: NeedsLine['mode'] | null = null,
  quarter: number | null = null,
): GridRow {
  return { key: nextKey(), programmeCode, mode, quarter, people: 0, named: [] };
}

/**
 * The lines to send. A cell left empty is sent as what the server will refuse at that field
 * (an empty programme, quarter 0, a count of -1): the message then appears under the cell.
 */
export function toInput(rows: readonly GridRow[]): NeedsLineInput[] {
  return rows.map((r) => ({
    programmeCode: r.programmeCode ?? '',
    mode: r.mode ?? 'full_time',
    quarter: r.quarter ?? 0,
    people: r.people ?? -1,
    personIds: r.named.map((n) => n.id),
  }));
}

export type CellErrors = Map<string, string[]>;

/** "lines.3.people" → row 3, cell "people"; "lines.3.personIds.1" → cell "personIds". Others: returned apart. */
export function cellErrors(details: readonly ErrorDetail[], message: (d: ErrorDetail) => string): { cells: CellErrors; other: string[] } {
  const cells: CellErrors = new Map();
  const other: string[] = [];
  for (const d of details) {
    const m = /^lines\.(\d+)\.([A-Za-z]+)/.exec(d.path);
    if (!m) {
      other.push(message(d));
      continue;
    }
    const key = `${m[1]}.${m[2]}`;
    cells.set(key, [...(cells.get(key) ?? []), message(d)]);
  }
  return { cells, other };
}

export function totals(rows: readonly GridRow[]): { people: number; named: number; byQuarter: [number, number, number, number] } {
  const byQuarter: [number, number, number, number] = [0, 0, 0, 0];
  let people = 0;
  let named = 0;
  for (const r of rows) {
    const n = typeof r.people === 'number' && Number.isFinite(r.people) ? r.people : 0;
    people += n;
    named += r.named.length;
    if (r.quarter && r.quarter >= 1 && r.quarter <= 4) byQuarter[r.quarter - 1]! += n;
  }
  return { people, named, byQuarter };
}

/**
 * Merges a suggestion into the rows: a suggested line adds its people to the row of the same
 * programme × mode × quarter (naming those not named there yet, raising the count to at least the
 * number named), or becomes a new row.
 */
export function mergeSuggestion(rows: readonly GridRow[], suggested: readonly NeedsLine[]): GridRow[] {
  const out = rows.map((r) => ({ ...r, named: [...r.named] }));
  for (const s of suggested) {
    const same = out.find((r) => r.programmeCode === s.programmeCode && r.mode === s.mode && r.quarter === s.quarter);
    if (!same) {
      out.push({ key: nextKey(), programmeCode: s.programmeCode, mode: s.mode, quarter: s.quarter, people: s.people, named: [...s.named] });
      continue;
    }
    const known = new Set(same.named.map((n) => n.id));
    const added = s.named.filter((n) => !known.has(n.id));
    same.named.push(...added);
    same.people = Math.max((same.people ?? 0) + added.length, same.named.length);
  }
  return out;
}
