import { describe, expect, it } from 'vitest';
import {
  cellKey,
  cellQueries,
  checkPeriod,
  combineFilters,
  layoutGrid,
  validateDefinition,
  type ReportDefinitionBody,
  type ReportVocabulary,
} from './definitions.js';
import { SHIPPED_REPORT_VERSIONS } from './shipped.js';
import { PERSON_CATEGORIES } from '../vocabulary.js';
import { ORGANISER_TYPES, PROGRAMME_KINDS, PROGRAMME_LEVELS } from '../training/catalogue.js';

const vocab: ReportVocabulary = {
  categories: PERSON_CATEGORIES.map((c) => c.code),
  levels: {
    political_theory: { so_cap: 1, trung_cap: 2, cao_cap: 3, cu_nhan: 4 },
    state_management: { chuyen_vien: 1, chuyen_vien_chinh: 2, chuyen_vien_cao_cap: 3 },
    education: { thpt: 1, trung_cap: 2, cao_dang: 3, dai_hoc: 4, thac_si: 5, tien_si: 6 },
  },
  programmeKinds: PROGRAMME_KINDS,
  programmeLevels: Object.keys(PROGRAMME_LEVELS),
  programmeCodes: ['CC_LLCT', 'TC_LLCT'],
  modes: ['full_time', 'part_time', 'online'],
  organiserTypes: ORGANISER_TYPES,
};

const base = (over: Partial<ReportDefinitionBody> = {}): ReportDefinitionBody => ({
  title: 'T',
  ministryCode: null,
  verified: false,
  period: 'year',
  receiver: 'Bộ Nội vụ',
  rows: [
    { key: 'all', label: 'Tổng', sumOf: ['a', 'b'] },
    { key: 'a', label: 'A', filter: { categories: ['can_bo'] } },
    { key: 'b', label: 'B', filter: { categories: ['cong_chuc'] } },
  ],
  columns: [
    { key: 't', label: 'Tổng', measure: 'headcount' },
    { key: 'f', label: 'Nữ', measure: 'headcount', filter: { gender: 'female' } },
  ],
  ...over,
});

describe('validateDefinition', () => {
  const cases: { name: string; def: ReportDefinitionBody; codes: string[]; field?: string }[] = [
    { name: 'a valid form', def: base(), codes: [] },
    {
      name: 'unknown category',
      def: base({ rows: [{ key: 'a', label: 'A', filter: { categories: ['xx'] } }] }),
      codes: ['UNKNOWN_CODE'],
      field: 'rows[0].filter.categories[0]',
    },
    {
      name: 'unknown measure',
      def: base({ columns: [{ key: 't', label: 'T', measure: 'salary' as never }] }),
      codes: ['UNKNOWN_MEASURE'],
      field: 'columns[0].measure',
    },
    {
      name: 'unknown filter field',
      def: base({ columns: [{ key: 't', label: 'T', measure: 'headcount', filter: { colour: 'red' } as never }] }),
      codes: ['UNKNOWN_FIELD'],
    },
    {
      name: 'duplicate key',
      def: base({
        rows: [
          { key: 'a', label: 'A' },
          { key: 'a', label: 'A2' },
        ],
      }),
      codes: ['DUPLICATE_KEY'],
    },
    { name: 'sum of an unknown line', def: base({ rows: [{ key: 'all', label: 'T', sumOf: ['zz'] }] }), codes: ['UNKNOWN_LINE'] },
    {
      name: 'sum cycle',
      def: base({
        rows: [
          { key: 'x', label: 'X', sumOf: ['y'] },
          { key: 'y', label: 'Y', sumOf: ['x'] },
        ],
      }),
      codes: ['SUM_CYCLE'],
    },
    { name: 'no measure', def: base({ columns: [{ key: 't', label: 'T' }] }), codes: ['NO_MEASURE', 'NO_MEASURE'] },
    {
      name: 'row and column measures differ',
      def: base({ rows: [{ key: 'a', label: 'A', measure: 'person_times' }], columns: [{ key: 't', label: 'T', measure: 'headcount' }] }),
      codes: ['MEASURE_CONFLICT'],
    },
    {
      name: 'a training filter on a headcount',
      def: base({ rows: [{ key: 'a', label: 'A', filter: { modes: ['online'] } }] }),
      codes: ['FILTER_NOT_FOR_MEASURE'],
    },
    {
      name: 'a qualification filter on person-times',
      def: base({
        rows: [{ key: 'a', label: 'A' }],
        columns: [
          { key: 't', label: 'T', measure: 'person_times', filter: { qualification: { kind: 'political_theory', minLevel: 'cao_cap' } } },
        ],
      }),
      codes: ['FILTER_NOT_FOR_MEASURE'],
    },
    {
      name: 'unknown qualification level',
      def: base({
        columns: [
          { key: 't', label: 'T', measure: 'headcount', filter: { qualification: { kind: 'political_theory', minLevel: 'tien_si' } } },
        ],
      }),
      codes: ['UNKNOWN_CODE'],
      field: 'columns[0].filter.qualification.minLevel',
    },
    {
      name: 'distinct people summed',
      def: base({
        rows: [
          { key: 'all', label: 'Tổng', sumOf: ['a'] },
          { key: 'a', label: 'A' },
        ],
        columns: [{ key: 't', label: 'T', measure: 'people_trained' }],
      }),
      codes: ['NOT_ADDITIVE'],
    },
    { name: 'no rows', def: base({ rows: [] }), codes: ['EMPTY'] },
    {
      name: 'a category on person-times (the training statistics have none)',
      def: base({ columns: [{ key: 't', label: 'T', measure: 'person_times' }] }),
      codes: ['FILTER_NOT_FOR_MEASURE', 'FILTER_NOT_FOR_MEASURE'],
    },
  ];
  it.each(cases)('$name', ({ def, codes, field }) => {
    const problems = validateDefinition(def, vocab);
    expect(problems.map((p) => p.code)).toEqual(codes);
    if (field) expect(problems[0]!.field).toBe(field);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(10);
  });

  it.each(SHIPPED_REPORT_VERSIONS.map((v) => [v.code, v] as const))('the shipped form %s is valid', (_code, v) => {
    expect(validateDefinition(v.body, vocab)).toEqual([]);
  });
});

describe('combineFilters', () => {
  const cases = [
    {
      name: 'lists intersect',
      in: [{ categories: ['can_bo', 'cong_chuc'] }, { categories: ['cong_chuc'] }],
      out: { categories: ['cong_chuc'], qualifications: [] },
    },
    { name: 'disjoint lists hold nobody', in: [{ modes: ['online'] }, { modes: ['full_time'] }], out: null },
    { name: 'contradicting gender holds nobody', in: [{ gender: 'male' as const }, { gender: 'female' as const }], out: null },
    {
      name: 'qualification at least cao cấp',
      in: [{ qualification: { kind: 'political_theory', minLevel: 'cao_cap' } }, { partyMember: true }],
      out: { partyMember: true, qualifications: [{ kind: 'political_theory', minRank: 3, maxRank: null }] },
    },
    {
      name: 'highest trung cấp',
      in: [{ qualification: { kind: 'political_theory', highest: 'trung_cap' } }],
      out: { qualifications: [{ kind: 'political_theory', minRank: 2, maxRank: 2 }] },
    },
    { name: 'younger of two ages', in: [{ ageBelow: 35 }, { ageBelow: 30 }], out: { ageBelow: 30, qualifications: [] } },
    { name: 'nothing', in: [undefined, undefined], out: { qualifications: [] } },
  ];
  it.each(cases)('$name', (c) => expect(combineFilters(c.in, vocab.levels)).toEqual(c.out));
});

describe('cellQueries and layoutGrid', () => {
  it('asks only the data cells, with the row and column filters combined', () => {
    const q = cellQueries(base(), vocab.levels);
    expect(q.map((c) => `${c.row}×${c.column}`)).toEqual(['a×t', 'a×f', 'b×t', 'b×f']);
    expect(q[1]!.filter).toEqual({ categories: ['can_bo'], gender: 'female', qualifications: [] });
  });

  const def = base({
    rows: [
      { key: 'all', label: 'Tổng số', sumOf: ['a', 'b'] },
      { key: 'a', label: 'A' },
      { key: 'a1', label: 'trong đó A1', indent: 1 },
      { key: 'b', label: 'B' },
    ],
    columns: [
      { key: 'x', label: 'X', measure: 'person_times' },
      { key: 'y', label: 'Y', measure: 'person_times' },
      { key: 'xy', label: 'X+Y', sumOf: ['x', 'y'] },
    ],
  });
  const cases = [
    {
      name: 'row, column and grand totals',
      values: { 'a/x': 1, 'a/y': 2, 'a1/x': 1, 'b/x': 10, 'b/y': 20 },
      out: { all: { x: 11, y: 22, xy: 33 }, a: { x: 1, y: 2, xy: 3 }, a1: { x: 1, y: 0, xy: 1 }, b: { x: 10, y: 20, xy: 30 } },
    },
    {
      name: 'missing cells are zero',
      values: {},
      out: { all: { x: 0, y: 0, xy: 0 }, a: { x: 0, y: 0, xy: 0 }, a1: { x: 0, y: 0, xy: 0 }, b: { x: 0, y: 0, xy: 0 } },
    },
  ];
  it.each(cases)('$name', ({ values, out }) => {
    const m = new Map(Object.entries(values).map(([k, v]) => [cellKey(k.split('/')[0]!, k.split('/')[1]!), v]));
    const grid = layoutGrid(def, m);
    expect(Object.fromEntries(grid.rows.map((r) => [r.key, r.values]))).toEqual(out);
  });

  it('numbers main lines, "of which" lines under them, not the grand total', () => {
    const grid = layoutGrid(def, new Map());
    expect(grid.rows.map((r) => r.no)).toEqual(['', '1', '1.1', '2']);
    expect(grid.columns.map((c) => c.sum)).toEqual([false, false, true]);
  });

  it('adds subtotals of subtotals in order', () => {
    const d = base({
      rows: [
        { key: 'all', label: 'T', sumOf: ['s1', 'c'] },
        { key: 's1', label: 'S1', sumOf: ['a', 'b'] },
        { key: 'a', label: 'A', indent: 1 },
        { key: 'b', label: 'B', indent: 1 },
        { key: 'c', label: 'C' },
      ],
      columns: [{ key: 'x', label: 'X', measure: 'headcount' }],
    });
    const grid = layoutGrid(
      d,
      new Map([
        [cellKey('a', 'x'), 1],
        [cellKey('b', 'x'), 2],
        [cellKey('c', 'x'), 4],
      ]),
    );
    expect(grid.rows.map((r) => r.values.x)).toEqual([7, 3, 1, 2, 4]);
  });
});

describe('checkPeriod', () => {
  const y = { period: 'year' as const };
  const any = { period: 'any' as const };
  const cases = [
    { name: 'a calendar year', def: y, from: '2024-01-01', to: '2024-12-31', earliest: '2016-03-01', code: null },
    { name: 'ends before it starts', def: any, from: '2024-05-01', to: '2024-04-30', earliest: '2016-03-01', code: 'PERIOD_REVERSED' },
    {
      name: 'not a calendar year for a yearly form',
      def: y,
      from: '2024-02-01',
      to: '2024-12-31',
      earliest: '2016-03-01',
      code: 'PERIOD_NOT_YEAR',
    },
    {
      name: 'before the earliest record',
      def: y,
      from: '2015-01-01',
      to: '2015-12-31',
      earliest: '2016-03-01',
      code: 'PERIOD_BEFORE_DATA',
    },
    { name: 'no records at all', def: any, from: '2024-01-01', to: '2024-03-31', earliest: null, code: 'PERIOD_BEFORE_DATA' },
    { name: 'any period after the data starts', def: any, from: '2024-02-10', to: '2024-03-31', earliest: '2016-03-01', code: null },
    {
      name: 'the year of the earliest record is covered',
      def: y,
      from: '2016-01-01',
      to: '2016-12-31',
      earliest: '2016-03-01',
      code: null,
    },
  ];
  it.each(cases)('$name', (c) => {
    const p = checkPeriod(c.def, c.from, c.to, c.earliest, 'đào tạo');
    expect(p?.code ?? null).toBe(c.code);
  });
  it('says what is missing', () => {
    expect(checkPeriod(y, '2015-01-01', '2015-12-31', '2016-03-01', 'đào tạo')!.message).toContain(
      'thiếu số liệu từ 01/01/2015 đến 31/12/2015',
    );
  });
});
