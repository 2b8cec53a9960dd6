import { describe, expect, it } from 'vitest';
import {
  addLecturerRateVersion,
  checkCostAmount,
  computeEstimate,
  divideHalfUp,
  figuresOf,
  groupHolders,
  rateAsOf,
  totalOf,
  zeroByCategory,
  type BudgetHolder,
  type EstimateInput,
  type LecturerRate,
  type LecturerRateVersion,
} from './budgets.js';

const RATES: LecturerRate[] = [
  { id: 1, category: 'senior', label: 'Tiến sĩ', amount: 1_200_000n, per: 'session', sourceCode: '36/2018/TT-BTC', effectiveFrom: '2018-05-15', effectiveTo: '2023-03-19' },
  { id: 2, category: 'senior', label: 'Tiến sĩ', amount: 1_500_000n, per: 'session', sourceCode: 'NEW', effectiveFrom: '2023-03-20', effectiveTo: null },
  { id: 3, category: 'local_staff', label: 'Cấp xã', amount: 500_000n, per: 'session', sourceCode: '36/2018/TT-BTC', effectiveFrom: '2018-05-15', effectiveTo: null },
];

describe('rateAsOf', () => {
  it.each([
    ['senior', '2018-05-14', null],
    ['senior', '2018-05-15', 1],
    ['senior', '2023-03-19', 1],
    ['senior', '2023-03-20', 2],
    ['senior', '2030-01-01', 2],
    ['local_staff', '2026-06-01', 3],
    ['unknown', '2026-06-01', null],
  ])('%s on %s → rate %s', (cat, d, id) => expect(rateAsOf(RATES, cat, d)?.id ?? null).toBe(id));
});

const base: EstimateInput = {
  lecturers: [
    { rateCategory: 'senior', sessions: 10 },
    { rateCategory: 'local_staff', sessions: 4 },
  ],
  learners: 50,
  supportPerLearner: 300_000n,
  venue: 5_000_000n,
  materials: 2_500_000n,
  other: 0n,
};

describe('computeEstimate', () => {
  it.each([
    // asOf, lecturers' fees, total
    ['2022-09-01', 10n * 1_200_000n + 4n * 500_000n],
    ['2026-09-01', 10n * 1_500_000n + 4n * 500_000n],
  ])('on %s the lecturers cost %s', (asOf, fees) => {
    const v = computeEstimate(base, RATES, asOf);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const lect = v.value.items.filter((i) => i.category === 'lecturers');
    expect(lect.reduce((s, i) => s + i.amount, 0n)).toBe(fees);
    expect(v.value.items.find((i) => i.category === 'support')?.amount).toBe(15_000_000n);
    expect(v.value.total).toBe(fees + 15_000_000n + 5_000_000n + 2_500_000n);
  });

  it.each([
    ['a negative venue', { venue: -1n }, 'venue:AMOUNT_NEGATIVE'],
    ['a missing support amount', { supportPerLearner: null as unknown as bigint }, 'supportPerLearner:AMOUNT_MISSING'],
    ['negative learners', { learners: -3 }, 'learners:COUNT_INVALID'],
    ['fractional sessions', { lecturers: [{ rateCategory: 'senior', sessions: 1.5 }] }, 'lecturers.0.sessions:COUNT_INVALID'],
    ['a category without a rate', { lecturers: [{ rateCategory: 'nobody', sessions: 2 }] }, 'lecturers.0.rateCategory:RATE_MISSING'],
    ['a huge amount', { other: 10n ** 14n }, 'other:AMOUNT_TOO_LARGE'],
  ])('refuses %s', (_, patch, want) => {
    const v = computeEstimate({ ...base, ...patch }, RATES, '2026-01-01');
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.refusals.map((r) => `${r.field}:${r.code}`)).toEqual([want]);
  });

  it('refuses a lecturer category before its first rate', () => {
    const v = computeEstimate(base, RATES, '2017-01-01');
    expect(v.ok ? [] : v.refusals.map((r) => r.code)).toEqual(['RATE_MISSING', 'RATE_MISSING']);
  });
});

describe('checkCostAmount', () => {
  it.each([
    [1n, null],
    [0n, 'AMOUNT_NEGATIVE'],
    [-5n, 'AMOUNT_NEGATIVE'],
    [null, 'AMOUNT_MISSING'],
    [10n ** 13n, null],
    [10n ** 13n + 1n, 'AMOUNT_TOO_LARGE'],
  ])('%s → %s', (a, code) => expect(checkCostAmount(a)?.code ?? null).toBe(code));
});

describe('divideHalfUp', () => {
  it.each([
    [10n, 4, 3n], // 2.5 → 3
    [9n, 4, 2n], // 2.25 → 2
    [11n, 4, 3n], // 2.75 → 3
    [100_000_000n, 3, 33_333_333n],
    [200_000_000n, 3, 66_666_667n],
    [0n, 7, 0n],
    [5n, 0, null],
  ])('%s ÷ %i = %s', (n, d, want) => expect(divideHalfUp(n, d)).toBe(want));
});

const cat = (o: Partial<Record<string, bigint>>) => ({ ...zeroByCategory(), ...o });

describe('figures and groups', () => {
  it('compares estimate and actual and prices the learner and the person-time', () => {
    const f = figuresOf(cat({ lecturers: 10_000_000n, venue: 2_000_000n }), cat({ lecturers: 9_000_000n, other: 1_000_001n }), 4, 6);
    expect(f).toMatchObject({ estimate: 12_000_000n, actual: 10_000_001n, difference: -1_999_999n, costPerLearner: 2_500_000n, costPerPersonTime: 1_666_667n });
    expect(figuresOf(zeroByCategory(), zeroByCategory(), 0, 0)).toMatchObject({ costPerLearner: null, costPerPersonTime: null });
  });

  const h = (key: string, programmeCode: string, unitId: number, est: bigint, act: bigint, people: number[]): BudgetHolder & { label: string } => ({
    key,
    label: key,
    kind: 'class',
    programmeCode,
    programmeName: programmeCode,
    unitId,
    unitName: `U${unitId}`,
    year: 2026,
    estimateByCategory: cat({ other: est }),
    actualByCategory: cat({ other: act }),
    people,
    personTimes: people.length,
  });
  const holders = [h('a', 'TC', 1, 100n, 90n, [1, 2, 3]), h('b', 'TC', 2, 50n, 70n, [3, 4]), h('c', 'SC', 1, 10n, 0n, [])];

  it.each([
    ['line', [['a', 100n, 90n, 3, 3], ['b', 50n, 70n, 2, 2], ['c', 10n, 0n, 0, 0]]],
    ['programme', [['TC', 150n, 160n, 4, 5], ['SC', 10n, 0n, 0, 0]]],
    ['unit', [['1', 110n, 90n, 3, 3], ['2', 50n, 70n, 2, 2]]],
    ['year', [['2026', 160n, 160n, 4, 5]]],
  ] as const)('by %s', (dim, want) => {
    const got = groupHolders(holders, dim).map((g) => [g.key, g.figures.estimate, g.figures.actual, g.figures.learners, g.figures.personTimes]);
    expect(got).toEqual(want);
  });

  it('totals count a person in two classes once as a learner, twice as person-times', () => {
    expect(totalOf(holders)).toMatchObject({ estimate: 160n, actual: 160n, learners: 4, personTimes: 5, costPerLearner: 40n, costPerPersonTime: 32n });
  });
});

describe('addLecturerRateVersion', () => {
  const v1: LecturerRateVersion = {
    id: 'senior',
    version: 1,
    period: { from: '2018-05-15', to: null },
    label: 'Tiến sĩ; Giảng viên chính',
    amount: 1_200_000n,
    per: 'session',
    source: { code: '36/2018/TT-BTC', title: 'Thông tư 36/2018/TT-BTC' },
  };
  const next = (over: Partial<LecturerRateVersion>): LecturerRateVersion => ({ ...v1, version: 2, period: { from: '2023-03-20', to: null }, amount: 1_500_000n, ...over });
  const codes = (r: ReturnType<typeof addLecturerRateVersion>) => (r.ok ? [] : r.errors.map((e) => `${e.path}:${e.code}`));

  it.each<[string, Partial<LecturerRateVersion>, string[]]>([
    ['a new amount from a later date', {}, []],
    ['a zero amount', { amount: 0n }, ['amount:RATE_NOT_POSITIVE']],
    ['a negative amount', { amount: -1n }, ['amount:RATE_NOT_POSITIVE']],
    ['an amount above 10^13 đồng', { amount: 10_000_000_000_001n }, ['amount:AMOUNT_TOO_LARGE']],
    ['an empty label', { label: '  ' }, ['label:REQUIRED']],
    ['no source document', { source: { code: '', title: ' ' } }, ['source.code:REQUIRED', 'source.title:REQUIRED']],
    ['a category code with capitals or accents', { id: 'Giảng_viên' }, ['category:RATE_CATEGORY_INVALID']],
    ['a date before the open version starts', { period: { from: '2018-01-01', to: null } }, ['period:OVERLAPPING_PERIOD']],
    ['the same day the open version starts', { period: { from: '2018-05-15', to: null } }, ['period:OVERLAPPING_PERIOD']],
    ['a period ending before it starts', { period: { from: '2023-03-20', to: '2023-01-01' } }, ['period.to:PERIOD_ENDS_BEFORE_START']],
    ['a version number that is not the next', { version: 3 }, ['version:VERSION_NOT_NEXT']],
  ])('%s', (_, over, expected) => {
    expect(codes(addLecturerRateVersion([v1], next(over)))).toEqual(expected);
  });

  it('a new amount from a date closes the open version the day before', () => {
    const r = addLecturerRateVersion([v1], next({}));
    expect(r.ok && r.versions.map((v) => [v.version, v.period.from, v.period.to, v.amount])).toEqual([
      [1, '2018-05-15', '2023-03-19', 1_200_000n],
      [2, '2023-03-20', null, 1_500_000n],
    ]);
  });

  it('a correction replaces a version over exactly its period and keeps the old one for history', () => {
    const r = addLecturerRateVersion([v1], next({ period: v1.period, corrects: 1, amount: 1_100_000n }));
    expect(r.ok && r.versions.map((v) => [v.version, v.supersededBy ?? null, v.amount])).toEqual([
      [1, 2, 1_200_000n],
      [2, null, 1_100_000n],
    ]);
    expect(codes(addLecturerRateVersion([v1], next({ period: { from: '2019-01-01', to: null }, corrects: 1 })))).toEqual(['period:CORRECTION_PERIOD_MISMATCH']);
    expect(codes(addLecturerRateVersion([v1], next({ period: v1.period, corrects: 7 })))).toEqual(['corrects:UNKNOWN_VERSION']);
  });

  it('the first rate of a new category', () => {
    expect(codes(addLecturerRateVersion([], { ...v1, id: 'foreign_expert' }))).toEqual([]);
  });
});
