import { describe, expect, it } from 'vitest';
import type { CellQuery } from './definitions.js';
import { planTrainingCalls, sumGroups, type GroupedCell, type StatCounter } from './training-plan.js';

const q = (row: string, column: string, filter: CellQuery['filter'], measure: CellQuery['measure'] = 'person_times'): CellQuery => ({
  row,
  column,
  measure,
  filter,
});
const llct = { programmeKinds: ['political_theory'], qualifications: [] };

describe('planTrainingCalls', () => {
  it('one call by programme for kind/level cells and plain counters; one by programme × mode or organiser; distinct people alone', () => {
    const calls = planTrainingCalls([
      { id: 0, cell: q('llct', 'total', llct) },
      { id: 1, cell: q('llct_tc', 'total', { ...llct, programmeLevels: ['trung_cap'] }) },
      { id: 2, cell: q('llct', 'female', { ...llct, gender: 'female' }) },
      { id: 3, cell: q('llct', 'online', { ...llct, modes: ['online'] }) },
      { id: 4, cell: q('llct', 'part', { ...llct, modes: ['part_time'] }) },
      { id: 5, cell: q('llct', 'abroad', { ...llct, organiserTypes: ['abroad'] }) },
      { id: 6, cell: q('llct', 'online_women', { ...llct, modes: ['online'], gender: 'female' }) },
      { id: 7, cell: q('llct', 'x', null) },
      { id: 8, cell: q('llct', 'people', llct, 'people_trained') },
    ]);
    expect(calls.grouped).toEqual([
      {
        filters: {},
        second: null,
        cells: [
          { id: 0, kinds: ['political_theory'], levels: null, second: null, counter: 'person_times' },
          { id: 1, kinds: ['political_theory'], levels: ['trung_cap'], second: null, counter: 'person_times' },
          { id: 2, kinds: ['political_theory'], levels: null, second: null, counter: 'female' },
        ],
      },
      {
        filters: {},
        second: 'mode',
        cells: [
          { id: 3, kinds: ['political_theory'], levels: null, second: ['online'], counter: 'person_times' },
          { id: 4, kinds: ['political_theory'], levels: null, second: ['part_time'], counter: 'person_times' },
        ],
      },
      {
        filters: {},
        second: 'organiserType',
        cells: [{ id: 5, kinds: ['political_theory'], levels: null, second: ['abroad'], counter: 'person_times' }],
      },
      {
        filters: { modes: ['online'], gender: 'female' },
        second: null,
        cells: [{ id: 6, kinds: ['political_theory'], levels: null, second: null, counter: 'person_times' }],
      },
    ]);
    expect(calls.single).toEqual([{ id: 8, filters: { programmeKinds: ['political_theory'] }, counter: 'people' }]);
  });
});

describe('sumGroups', () => {
  const counts = (n: number): Record<StatCounter, number> => ({
    person_times: n,
    people: n,
    female: n * 10,
    minority: 0,
    party_member: 0,
    young: 0,
  });
  const programmes = new Map([
    ['TC_LLCT', { kind: 'political_theory', level: 'trung_cap' }],
    ['CC_LLCT', { kind: 'political_theory', level: 'cao_cap' }],
    ['QLNN_CV', { kind: 'state_management', level: 'chuyen_vien' }],
    ['CCHC', { kind: 'admin_reform', level: null }],
  ]);
  const rows = [
    { codes: ['TC_LLCT', 'full_time'], counts: counts(3) },
    { codes: ['CC_LLCT', 'part_time'], counts: counts(1) },
    { codes: ['QLNN_CV', 'full_time'], counts: counts(5) },
    { codes: ['CCHC', 'online'], counts: counts(2) },
    { codes: ['UNKNOWN', 'online'], counts: counts(7) },
  ];
  const c = (over: Partial<GroupedCell>): GroupedCell => ({
    id: 0,
    kinds: null,
    levels: null,
    second: null,
    counter: 'person_times',
    ...over,
  });
  const cases = [
    { name: 'a kind', cell: c({ kinds: ['political_theory'] }), out: 4 },
    { name: 'a kind and level', cell: c({ kinds: ['political_theory'], levels: ['cao_cap'] }), out: 1 },
    { name: 'a level on a programme without one', cell: c({ levels: ['cao_cap', 'trung_cap'] }), out: 4 },
    { name: 'everything', cell: c({}), out: 18 },
    { name: 'a second dimension', cell: c({ second: ['full_time'] }), out: 8 },
    { name: 'a kind and a second dimension', cell: c({ kinds: ['political_theory'], second: ['full_time'] }), out: 3 },
    { name: 'another counter', cell: c({ kinds: ['state_management'], counter: 'female' }), out: 50 },
    { name: 'nothing matches', cell: c({ kinds: ['abroad'] }), out: 0 },
  ];
  it.each(cases)('$name', (x) => expect(sumGroups(x.cell, rows, programmes)).toBe(x.out));
});
