import { describe, expect, it } from 'vitest';
import type { NeedsLine } from '@nang-tam/contracts';
import { cellErrors, emptyRow, mergeSuggestion, rowsOf, toInput, totals } from './grid';

const line = (over: Partial<NeedsLine> = {}): NeedsLine => ({
  programmeCode: 'TC_LLCT',
  programmeName: 'Trung cấp lý luận chính trị',
  mode: 'part_time',
  quarter: 2,
  people: 3,
  named: [],
  ...over,
});
const person = (id: number) => ({ id, fullName: `Người ${id}`, unitName: 'Xã A' });

describe('needs grid', () => {
  it('sends empty cells as values the server refuses at their field', () => {
    expect(toInput([emptyRow()])).toEqual([{ programmeCode: '', mode: 'full_time', quarter: 0, people: 0, personIds: [] }]);
    const r = { ...emptyRow('TC_LLCT', 'full_time', 1), people: null };
    expect(toInput([r])[0]!.people).toBe(-1);
  });

  it.each([
    ['lines.2.people', '2.people'],
    ['lines.0.personIds.3', '0.personIds'],
    ['lines.10.quarter', '10.quarter'],
  ])('places %s on cell %s', (path, key) => {
    const { cells, other } = cellErrors([{ path, code: 'X', message: 'sai' }], (d) => d.message);
    expect([...cells.keys()]).toEqual([key]);
    expect(other).toEqual([]);
  });

  it('keeps problems of no cell apart', () => {
    expect(cellErrors([{ path: 'status', code: 'NEEDS_CAMPAIGN_CLOSED', message: 'đã đóng' }], (d) => d.message).other).toEqual([
      'đã đóng',
    ]);
  });

  it('totals people, named and quarters, ignoring empty cells', () => {
    const rows = [...rowsOf([line({ named: [person(1)] }), line({ quarter: 4, people: 5 })]), { ...emptyRow(), people: null }];
    expect(totals(rows)).toEqual({ people: 8, named: 1, byQuarter: [0, 3, 0, 5] });
  });

  it('merges a suggestion: same line gains the new names, others become rows', () => {
    const rows = rowsOf([line({ people: 1, named: [person(1)] })]);
    const merged = mergeSuggestion(rows, [
      line({ people: 2, named: [person(1), person(2)] }),
      line({ programmeCode: 'QLNN_CV', mode: 'online', quarter: 1, people: 1, named: [person(3)] }),
    ]);
    expect(merged.map((r) => [r.programmeCode, r.quarter, r.people, r.named.map((n) => n.id)])).toEqual([
      ['TC_LLCT', 2, 2, [1, 2]],
      ['QLNN_CV', 1, 1, [3]],
    ]);
    expect(rows[0]!.named.map((n) => n.id)).toEqual([1]); // the rows given are not changed
  });
});
