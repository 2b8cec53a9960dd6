/** Effective periods on calendar dates (inclusive on both ends, `to: null` open). */
import { dateToIso, isIsoDate, type IsoDate } from '../dates.js';
import { RulesError } from './errors.js';
import type { EffectivePeriod, Versioned } from './types.js';

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return dateToIso(new Date(Date.UTC(y, m - 1, d) + days * 86_400_000));
}

export function isInForce(period: EffectivePeriod, asOf: IsoDate): boolean {
  return period.from <= asOf && (period.to === null || asOf <= period.to);
}

export function periodsOverlap(a: EffectivePeriod, b: EffectivePeriod): boolean {
  return (b.to === null || a.from <= b.to) && (a.to === null || b.from <= a.to);
}

/** Not replaced by a correction. */
export function isActive(v: Versioned): boolean {
  return v.supersededBy === undefined;
}

/** The active versions in force on asOf; two versions of one id in force at once is bad data. */
export function inForce<T extends Versioned>(items: readonly T[], asOf: IsoDate): T[] {
  const out = items.filter((v) => isActive(v) && isInForce(v.period, asOf));
  const seen = new Map<string, number>();
  for (const v of out) {
    const other = seen.get(v.id);
    if (other !== undefined) {
      throw new RulesError('OVERLAPPING_VERSIONS', `Quy định ${v.id} có hai phiên bản cùng hiệu lực ngày ${asOf}.`, {
        id: v.id,
        versions: [other, v.version],
      });
    }
    seen.set(v.id, v.version);
  }
  return out;
}

/** Throws INVALID_AS_OF unless asOf is a real calendar date "YYYY-MM-DD". */
export function assertAsOf(asOf: unknown): asserts asOf is IsoDate {
  if (typeof asOf !== 'string' || !isIsoDate(asOf)) {
    throw new RulesError('INVALID_AS_OF', 'Ngày xét không hợp lệ (định dạng YYYY-MM-DD).', { asOf });
  }
}
