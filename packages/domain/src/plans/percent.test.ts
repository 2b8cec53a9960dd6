import { describe, expect, it } from 'vitest';
import { formatPercentVi, percent, roundingNoteVi, type PercentRounding } from './percent.js';

const T2: PercentRounding = { mode: 'truncate', decimals: 2 };
const H2: PercentRounding = { mode: 'half_up', decimals: 2 };

describe('percent: done ÷ planned with the rounding as data', () => {
  it.each<[number, number, PercentRounding, number, string]>([
    // Long An 2023: 50/48 lớp "đạt 104,16%" — truncation, not rounding (104.1666…)
    [50, 48, T2, 104.16, '104,16%'],
    [50, 48, H2, 104.17, '104,17%'],
    // 25/23 trung cấp: 108.6956…
    [25, 23, T2, 108.69, '108,69%'],
    [25, 23, H2, 108.7, '108,70%'],
    [21, 21, T2, 100, '100,00%'],
    [4, 4, T2, 100, '100,00%'],
    [2, 3, T2, 66.66, '66,66%'],
    [2, 3, H2, 66.67, '66,67%'],
    [2, 3, { mode: 'truncate', decimals: 0 }, 66, '66%'],
    [1, 8, { mode: 'half_up', decimals: 1 }, 12.5, '12,5%'],
    [1, 16, { mode: 'half_up', decimals: 1 }, 6.3, '6,3%'],
    [0, 7, T2, 0, '0,00%'],
    // Nghị quyết 09-NQ/TU: 55.3% achieved
    [553, 1000, { mode: 'truncate', decimals: 1 }, 55.3, '55,3%'],
  ])('%i / %i under %o = %d (%s)', (done, planned, rounding, value, text) => {
    const p = percent(done, planned, rounding);
    expect(p.value).toBe(value);
    expect(formatPercentVi(p)).toBe(text);
  });

  it('has no percentage when nothing was planned', () => {
    expect(percent(33, 0).value).toBeNull();
    expect(formatPercentVi(percent(33, 0))).toBe('—');
  });

  it.each([
    [-1, 3],
    [1.5, 3],
    [1, -3],
  ])('refuses counts that are not whole and non-negative (%d / %d)', (d, p) => {
    expect(() => percent(d, p)).toThrow(RangeError);
  });

  it('states its rounding in Vietnamese', () => {
    expect(roundingNoteVi(T2)).toBe('Tỷ lệ % lấy 2 chữ số thập phân, cắt bỏ phần thập phân thừa (không làm tròn).');
  });
});
