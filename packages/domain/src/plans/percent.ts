/**
 * Percentages as the reports print them, with the rounding stated as data: Long An's "50/48 lớp
 * đạt 104,16%" is 104.1666…% cut to two decimals (truncation), not rounded (104.17). Every figure
 * carries the rule that made it so a reader can redo it.
 */
export type RoundingMode = 'truncate' | 'half_up';

export interface PercentRounding {
  mode: RoundingMode;
  /** Digits after the decimal point (0–4). */
  decimals: number;
}

/** The convention of the political schools' year-end reports (decision 0030). */
export const DEFAULT_PERCENT_ROUNDING: PercentRounding = Object.freeze({ mode: 'truncate', decimals: 2 });

export interface Percent {
  /** done / planned × 100 after rounding; null when nothing was planned (no percentage exists). */
  value: number | null;
  done: number;
  planned: number;
  rounding: PercentRounding;
}

/**
 * done / planned as a percentage, rounded by `rounding`, in exact integer arithmetic (no binary
 * fractions: 50/48 gives 104.16 under truncation and 104.17 under half-up).
 */
export function percent(done: number, planned: number, rounding: PercentRounding = DEFAULT_PERCENT_ROUNDING): Percent {
  if (!Number.isInteger(done) || !Number.isInteger(planned) || done < 0 || planned < 0) throw new RangeError('percent: whole, non-negative counts only');
  if (!Number.isInteger(rounding.decimals) || rounding.decimals < 0 || rounding.decimals > 4) throw new RangeError('percent: 0 to 4 decimals');
  if (planned === 0) return { value: null, done, planned, rounding };
  const scale = 10 ** rounding.decimals;
  const numerator = BigInt(done) * 100n * BigInt(scale);
  const denominator = BigInt(planned);
  let units = numerator / denominator;
  const remainder = numerator % denominator;
  if (rounding.mode === 'half_up' && remainder * 2n >= denominator) units += 1n;
  return { value: Number(units) / scale, done, planned, rounding };
}

/** "104,16%" (vi-VN decimal comma), with exactly `decimals` digits; "—" when there is no percentage. */
export function formatPercentVi(p: Percent): string {
  if (p.value === null) return '—';
  return `${p.value.toFixed(p.rounding.decimals).replace('.', ',')}%`;
}

export const ROUNDING_LABELS: Record<RoundingMode, { vi: string; en: string }> = {
  truncate: { vi: 'cắt bỏ phần thập phân thừa (không làm tròn)', en: 'truncated (not rounded)' },
  half_up: { vi: 'làm tròn (từ 5 trở lên làm tròn lên)', en: 'rounded half up' },
};

/** "Tỷ lệ % lấy 2 chữ số thập phân, cắt bỏ phần thừa (không làm tròn)". */
export function roundingNoteVi(r: PercentRounding): string {
  return `Tỷ lệ % lấy ${r.decimals} chữ số thập phân, ${ROUNDING_LABELS[r.mode].vi}.`;
}
