import { describe, expect, it } from 'vitest';
import { chooseMark, filterRows, initialsOf, markAllPresent, matchesName, rebase, rowErrorsOf, saveRequest, tally, type Draft, type MarkRow } from './marking';

const rows: MarkRow[] = [
  { enrolmentId: 1, person: { fullName: 'Nguyễn Văn An' }, mark: null },
  { enrolmentId: 2, person: { fullName: 'Đặng Thị Bình' }, mark: 'present' },
  { enrolmentId: 3, person: { fullName: 'Trần Văn Cường' }, mark: 'recalled' },
  { enrolmentId: 4, person: { fullName: 'Lê Thị Dung' }, mark: null },
];
const empty: Draft = new Map();

describe('chooseMark', () => {
  it.each([
    ['an unmarked learner becomes present', rows[0]!, 'present', [[1, 'present']]],
    ['a saved mark changed', rows[1]!, 'absent_excused', [[2, 'absent_excused']]],
    ['choosing the saved mark again is no change', rows[1]!, 'present', []],
  ] as const)('%s', (_, row, mark, expected) => {
    expect([...chooseMark(empty, row, mark)]).toEqual(expected);
  });

  it('drops a change when the saved mark is chosen back', () => {
    const d = chooseMark(chooseMark(empty, rows[1]!, 'absent_unexcused'), rows[1]!, 'present');
    expect(d.size).toBe(0);
  });
});

describe('markAllPresent', () => {
  it('marks present only those with no mark, saved or chosen', () => {
    const d = markAllPresent(chooseMark(empty, rows[3]!, 'absent_excused'), rows);
    expect([...d].sort()).toEqual([
      [1, 'present'],
      [4, 'absent_excused'],
    ]);
  });
});

describe('tally', () => {
  it.each([
    ['saved only', empty, { present: 1, absent: 0, absentExcused: 0, absentUnexcused: 0, recalled: 1, unmarked: 2 }],
    [
      'draft over saved',
      new Map([
        [1, 'absent_unexcused'],
        [2, 'absent_excused'],
      ] as const),
      { present: 0, absent: 2, absentExcused: 1, absentUnexcused: 1, recalled: 1, unmarked: 1 },
    ],
  ] as const)('%s', (_, draft, expected) => {
    expect(tally(rows, draft)).toEqual(expected);
  });
});

describe('rebase', () => {
  it('keeps only changes that still differ from what is saved now', () => {
    const draft: Draft = new Map([
      [1, 'present'],
      [2, 'absent_excused'],
      [9, 'present'],
    ] as const);
    const reloaded: MarkRow[] = rows.map((r) => (r.enrolmentId === 1 ? { ...r, mark: 'present' } : r));
    expect([...rebase(draft, reloaded)]).toEqual([[2, 'absent_excused']]);
  });
});

describe('name search and the unmarked filter', () => {
  it.each([
    ['nguyen an', 'Nguyễn Văn An', true],
    ['NGUYỄN', 'Nguyễn Văn An', true],
    ['dang binh', 'Đặng Thị Bình', true],
    ['van', 'Trần Văn Cường', true],
    ['an', 'Trần Văn Cường', false],
    ['uong', 'Trần Văn Cường', false],
    ['  ', 'Lê Thị Dung', true],
  ])('%j in %s: %s', (query, name, expected) => {
    expect(matchesName(name, query)).toBe(expected);
  });

  it('combines both, the unmarked filter looking at the saved mark', () => {
    expect(filterRows(rows, { query: '', unmarkedOnly: true }).map((r) => r.enrolmentId)).toEqual([1, 4]);
    expect(filterRows(rows, { query: 'thi', unmarkedOnly: true }).map((r) => r.enrolmentId)).toEqual([4]);
    expect(filterRows(rows, { query: 'thi', unmarkedOnly: false }).map((r) => r.enrolmentId)).toEqual([2, 4]);
  });
});

describe('saveRequest and rowErrorsOf', () => {
  it('sends every change once, in list order, with the mark it replaces', () => {
    const draft: Draft = new Map([
      [3, 'absent_excused'],
      [1, 'present'],
    ] as const);
    const sent = saveRequest(rows, draft);
    expect(sent).toEqual({
      marks: [
        { enrolmentId: 1, mark: 'present', expected: null },
        { enrolmentId: 3, mark: 'absent_excused', expected: 'recalled' },
      ],
    });
    const errors = rowErrorsOf(sent, [{ path: 'marks.1.mark', code: 'ATTENDANCE_CHANGED', message: 'x' }, { path: 'other', code: 'X', message: 'y' }], (d) => d.message);
    expect([...errors]).toEqual([[3, 'x']]);
    expect(rowErrorsOf(null, [{ path: 'marks.0.mark', code: 'X', message: 'x' }], (d) => d.message).size).toBe(0);
  });
});

describe('initialsOf', () => {
  it.each([
    ['Nguyễn Văn An', 'NA'],
    ['đặng thị ánh', 'ĐÁ'],
    ['Bình', 'B'],
    ['', '?'],
  ])('%s → %s', (name, expected) => {
    expect(initialsOf(name)).toBe(expected);
  });
});
