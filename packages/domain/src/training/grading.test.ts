import { describe, expect, it } from 'vitest';
import { TrainingError } from './errors.js';
import {
  averageGrade,
  classificationLabel,
  classify,
  moduleAverage,
  validateGrade,
  validateGradingScheme,
  type WeightedGrade,
} from './grading.js';
import { DEFAULT_GRADING_SCHEME } from './seed.js';
import type { GradingScheme } from './types.js';

const S = DEFAULT_GRADING_SCHEME;
const QUARTERS: GradingScheme = { ...S, code: 'Q', scale: { min: 0, max: 10, step: 0.25 } };

describe('validateGrade', () => {
  it.each<[string, GradingScheme, unknown, { ok: true; value: number } | { ok: false; error: string }]>([
    ['scale minimum', S, 0, { ok: true, value: 0 }],
    ['scale maximum', S, 10, { ok: true, value: 10 }],
    ['exactly the pass mark', S, 5, { ok: true, value: 5 }],
    ['one decimal', S, 7.3, { ok: true, value: 7.3 }],
    ['one decimal computed in floating point (0.1 + 0.2)', S, 0.1 + 0.2, { ok: true, value: 0.3 }],
    ['above the maximum', S, 10.1, { ok: false, error: 'GRADE_OUT_OF_SCALE' }],
    ['below the minimum', S, -0.1, { ok: false, error: 'GRADE_OUT_OF_SCALE' }],
    ['off-step (two decimals on a 0.1 step)', S, 7.35, { ok: false, error: 'GRADE_NOT_ON_STEP' }],
    ['off-step (three decimals)', S, 8.001, { ok: false, error: 'GRADE_NOT_ON_STEP' }],
    ['quarter step: 7.25', QUARTERS, 7.25, { ok: true, value: 7.25 }],
    ['quarter step: 7.3 is off-step', QUARTERS, 7.3, { ok: false, error: 'GRADE_NOT_ON_STEP' }],
    ['quarter step: maximum', QUARTERS, 10, { ok: true, value: 10 }],
    ['NaN', S, Number.NaN, { ok: false, error: 'GRADE_NOT_A_NUMBER' }],
    ['Infinity', S, Number.POSITIVE_INFINITY, { ok: false, error: 'GRADE_NOT_A_NUMBER' }],
    ['a string', S, '7', { ok: false, error: 'GRADE_NOT_A_NUMBER' }],
    ['null', S, null, { ok: false, error: 'GRADE_NOT_A_NUMBER' }],
  ])('%s', (_name, scheme, value, expected) => {
    expect(validateGrade(scheme, value)).toMatchObject(expected);
  });

  it('gives a Vietnamese message with the error', () => {
    const r = validateGrade(S, 11);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('Điểm nằm ngoài thang điểm.');
  });
});

describe('averageGrade: Σ(grade × periods) / Σ(periods), rounded half up to 2 decimals', () => {
  it.each<[string, WeightedGrade[], number | null]>([
    [
      'equal periods',
      [
        { grade: 8, periods: 30 },
        { grade: 7, periods: 30 },
      ],
      7.5,
    ],
    [
      'weighted by periods',
      [
        { grade: 9, periods: 60 },
        { grade: 6, periods: 30 },
      ],
      8,
    ],
    [
      'a third: 8.333… → 8.33',
      [
        { grade: 8, periods: 2 },
        { grade: 9, periods: 1 },
      ],
      8.33,
    ],
    [
      'two thirds: 8.666… → 8.67',
      [
        { grade: 8, periods: 1 },
        { grade: 9, periods: 2 },
      ],
      8.67,
    ],
    [
      'exactly half a hundredth: 7.625 → 7.63 (up)',
      [
        { grade: 7.5, periods: 3 },
        { grade: 8, periods: 1 },
      ],
      7.63,
    ],
    [
      '8.995 → 9.00 (up, into the next band)',
      [
        { grade: 9, periods: 199 },
        { grade: 8, periods: 1 },
      ],
      9,
    ],
    ['one module', [{ grade: 6.7, periods: 45 }], 6.7],
    [
      'everything at the maximum',
      [
        { grade: 10, periods: 15 },
        { grade: 10, periods: 90 },
      ],
      10,
    ],
    ['no module', [], null],
  ])('%s', (_name, entries, expected) => {
    expect(averageGrade(entries)).toBe(expected);
  });

  it.each<[string, WeightedGrade]>([
    ['zero periods', { grade: 7, periods: 0 }],
    ['fractional periods', { grade: 7, periods: 1.5 }],
    ['negative grade', { grade: -1, periods: 3 }],
    ['NaN grade', { grade: Number.NaN, periods: 3 }],
  ])('refuses %s', (_name, entry) => {
    expect(() => averageGrade([entry])).toThrow(TrainingError);
  });

  it('moduleAverage lists the modules without a grade instead of averaging the rest', () => {
    const modules = [
      { code: 'HP1', name: 'Triết học', periods: 60 },
      { code: 'HP2', name: 'Kinh tế chính trị', periods: 45 },
      { code: 'HP3', name: 'Xây dựng Đảng', periods: 30 },
    ];
    expect(moduleAverage(modules, { HP1: 8, HP2: null })).toEqual({ average: null, missing: ['HP2', 'HP3'] });
    expect(moduleAverage(modules, { HP1: 8, HP2: 7, HP3: 9 })).toEqual({ average: 7.89, missing: [] });
  });
});

describe('classify: a band edge belongs to the higher band', () => {
  it.each<[number, string]>([
    [10, 'xuat_sac'],
    [9, 'xuat_sac'],
    [8.99, 'gioi'],
    [8, 'gioi'],
    [7.99, 'kha'],
    [7, 'kha'],
    [6.99, 'trung_binh_kha'],
    [6, 'trung_binh_kha'],
    [5.99, 'trung_binh'],
    [5, 'trung_binh'],
    [4.99, 'fail'],
    [0, 'fail'],
  ])('%s → %s', (average, code) => {
    const r = classify(S, average);
    expect(r === 'fail' ? 'fail' : r.code).toBe(code);
  });

  it('bands may be listed in any order', () => {
    const shuffled = { ...S, bands: [...S.bands].reverse() };
    expect(classify(shuffled, 8.5)).toMatchObject({ code: 'gioi', label: 'Giỏi' });
  });

  it('labels the classification in Vietnamese', () => {
    expect(classificationLabel(classify(S, 6.5))).toBe('Trung bình khá');
    expect(classificationLabel(classify(S, 4))).toBe('Không đạt');
  });

  it('an average above the pass mark but below every band fails', () => {
    const gap: GradingScheme = { ...S, passMark: 4, bands: [{ code: 'trung_binh', label: 'Trung bình', min: 5 }] };
    expect(classify(gap, 4.5)).toBe('fail');
  });
});

describe('validateGradingScheme', () => {
  it('accepts the default scheme', () => {
    expect(validateGradingScheme(S)).toEqual([]);
  });

  it.each<[string, Partial<GradingScheme>, string[]]>([
    ['max below min', { scale: { min: 10, max: 0, step: 0.1 } }, ['SCALE_INVALID']],
    ['zero step', { scale: { min: 0, max: 10, step: 0 } }, ['STEP_INVALID']],
    ['pass mark off the scale', { passMark: 11 }, ['PASS_MARK_INVALID']],
    ['pass mark off-step', { passMark: 5.05 }, ['PASS_MARK_INVALID']],
    ['no band', { bands: [] }, ['BANDS_EMPTY']],
    [
      'band below the pass mark',
      { bands: [...S.bands, { code: 'trung_binh', label: 'Yếu', min: 4 }] },
      ['BAND_BELOW_PASS_MARK', 'BAND_DUPLICATE'],
    ],
    [
      'two bands at one minimum',
      {
        bands: [
          { code: 'gioi', label: 'Giỏi', min: 8 },
          { code: 'kha', label: 'Khá', min: 8 },
        ],
      },
      ['BAND_DUPLICATE'],
    ],
    ['band without a label', { bands: [{ code: 'gioi', label: ' ', min: 8 }] }, ['BAND_INVALID']],
    ['unknown band code', { bands: [{ code: 'yeu' as never, label: 'Yếu', min: 8 }] }, ['BAND_INVALID']],
  ])('%s', (_name, over, codes) => {
    expect(validateGradingScheme({ ...S, ...over }).map((e) => e.code)).toEqual(codes);
  });
});
