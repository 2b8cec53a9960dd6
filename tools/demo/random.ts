/**
 * A small seeded pseudo-random generator (mulberry32) and the draws the demo generator needs.
 * Everything random in tools/demo comes from here, so one seed gives the same province every time.
 */
import type { IsoDate } from '@nang-tam/domain';
import { dayToIso, isoToDay } from './days.js';

/** A value with its relative weight, for weighted draws. */
export type Weighted<T> = readonly [value: T, weight: number];

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(items: readonly Weighted<T>[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error('weighted draw from an empty list');
    return last[0];
  }

  /** A date in [from, to], both included; `from` when the range is empty. */
  date(from: IsoDate, to: IsoDate): IsoDate {
    if (to <= from) return from;
    return dayToIso(this.int(isoToDay(from), isoToDay(to)));
  }

  /** A string of n random decimal digits. */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}
