import { describe, expect, it } from 'vitest';
import type { CellQuery } from './definitions.js';
import { planTrainingCalls, sumGroups, type StatCounter } from './training-plan.js';

const q = (row: string, column: string, filter: CellQuery['filter'], measure: CellQuery['measure'] = 'person_times'): CellQuery => ({
  row,
  column,
  measure,
  filter,
});

describe('planTrainingCalls', () => {
  it('shares one grouped call between cells that differ only in kind and level, and reads the counters of the plain call', () => {
    const calls = planTrainingCalls([
      { id: 0, cell: q('llct', 'total', { programmeKinds: ['political_theory'], qualifications: [] }) },
      { id: 1, cell: q('llct_tc', 'total', { programmeKinds: ['political_theory'], programmeLevels: ['trung_cap'], qualifications: [] }) },
      { id: 2, cell: q('llct', 'female', { programmeKinds: ['political_theory'], gender: 'female', qualifications: [] }) },
      { id: 3, cell: q('llct', 'online', { programmeKinds: ['political_theory'], modes: ['online'], qualifications: [] }) },
      { id: 4, cell: q('llct', 'x', null) },
      { id: 5, cell: q('llct', 'people', { programmeKinds: ['political_theory'], qualifications: [] }, 'people_trained') },
    ]);
    expect(calls.grouped).toEqual([
      {
        filters: {},
        cells: [
          { id: 0, kinds: ['political_theory'], levels: null, counter: 'person_times' },
          { id: 1, kinds: ['political_theory'], levels: ['trung_cap'], counter: 'person_times' },
          { id: 2, kinds: ['political_theory'], levels: null, counter: 'female' },
        ],
      },
      { filters: { modes: ['online'] }, cells: [{ id: 3, kinds: ['political_theory'], levels: null, counter: 'person_times' }] },
    ]);
    expect(calls.single).toEqual([{ id: 5, filters: { programmeKinds: ['political_theory'] }, counter: 'people' }]);
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
  const rows = [
    { codes: ['political_theory', 'trung_cap'], counts: counts(3) },
    { codes: ['political_theory', 'cao_cap'], counts: counts(1) },
    { codes: ['state_management', 'chuyen_vien'], counts: counts(5) },
  ];
  const cases = [
    { name: 'a kind', cell: { id: 0, kinds: ['political_theory'], levels: null, counter: 'person_times' as const }, out: 4 },
    {
      name: 'a kind and level',
      cell: { id: 0, kinds: ['political_theory'], levels: ['cao_cap'], counter: 'person_times' as const },
      out: 1,
    },
    { name: 'everything', cell: { id: 0, kinds: null, levels: null, counter: 'person_times' as const }, out: 9 },
    { name: 'another counter', cell: { id: 0, kinds: ['state_management'], levels: null, counter: 'female' as const }, out: 50 },
    { name: 'nothing matches', cell: { id: 0, kinds: ['abroad'], levels: null, counter: 'person_times' as const }, out: 0 },
  ];
  it.each(cases)('$name', (c) => expect(sumGroups(c.cell, rows)).toBe(c.out));
});
