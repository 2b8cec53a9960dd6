/**
 * Comparable people of many cohorts at once (issue 11 point 4, docs/decisions/0065): decision 0052's
 * rule applied member by member over the kept spans (`evaluation_spans`, one per assignment of a
 * person, with the person's facts), held in flat arrays sorted by (category and title level, birth
 * day) so that the members of a cohort's stratum are a slice found by binary search on the birth
 * days of its age band. Pure: the repository reads the spans, this module counts.
 *
 * A span is a member of cohort c's stratum s when: its category and its assignment's title level
 * are s's; the birth day lies in s's age band on c's first day (born after `bornAfter`, on or before
 * `bornUntil`); the assignment covers c's first day; the person had not left before it; the person
 * never enrolled in c's programme (not withdrawn). It counts once per covering assignment, as the
 * statement over the records does. A member who left on or before the end of the events window
 * counts in `left` and not in the after-appraisals or the events.
 */

/** Days since 1970-01-01 of an ISO date. */
export const dayNumber = (d: string): number =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;

/** No end (an open assignment, nobody left). */
export const NO_DAY = 2_147_483_647;

/** The spans, one entry per index in every array. */
export interface Spans {
  /** `${category}|${titleLevel}` */
  group: readonly string[];
  birth: readonly number[];
  from: readonly number[];
  /** Last day of the assignment, NO_DAY when open. */
  to: readonly number[];
  /** The leaving day, NO_DAY when none. */
  left: readonly number[];
  programmes: readonly (readonly string[])[];
  /** Years with an appraisal, and those good or better. */
  rated: readonly (readonly number[])[];
  good: readonly (readonly number[])[];
  planned: readonly (readonly number[])[];
  rotated: readonly (readonly number[])[];
  promoted: readonly (readonly number[])[];
}

export interface CohortDays {
  classId: number;
  programmeCode: string;
  /** The course's first day (ISO). */
  matchOn: string;
  beforeFrom: number;
  beforeTo: number;
  afterFrom: number;
  afterTo: number;
  eventsFrom: string;
  eventsTo: string;
}

export interface StratumBounds {
  classId: number;
  category: string;
  titleLevel: string;
  ageBand: string;
  bornAfter: string;
  bornUntil: string;
}

/** A stratum's totals (the fields of results.ts's GroupTotals, which re-exports this module). */
export interface StratumTotals {
  classId: number;
  people: number;
  left: number;
  beforeRated: number;
  beforeGood: number;
  afterRated: number;
  afterGood: number;
  planned: number;
  rotated: number;
  promoted: number;
  category: string;
  titleLevel: string;
  ageBand: string;
}

const anyIn = (xs: readonly number[], from: number, to: number): boolean => {
  for (const x of xs) if (x >= from && x <= to) return true;
  return false;
};

/** Bits set in a 32-bit integer. */
function bits(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The years of `years` within [base, base + 30] as bits (bit 0: base). */
function yearMask(years: readonly number[], base: number): number {
  let m = 0;
  for (const y of years) if (y >= base && y <= base + 30) m |= 1 << (y - base);
  return m;
}

/** Bits of the years from..to (inclusive) relative to base; both within [base, base + 30]. */
const windowMask = (from: number, to: number, base: number): number =>
  to < from ? 0 : ((2 ** (to - from + 1) - 1) * 2 ** (from - base)) | 0;

/**
 * The comparable people's totals of every stratum asked for (strata with no member are left out),
 * ordered by class, category, title level and age band.
 */
export function sumComparable(spans: Spans, cohorts: readonly CohortDays[], strata: readonly StratumBounds[]): StratumTotals[] {
  const out: StratumTotals[] = [];
  if (cohorts.length === 0) return out;
  // appraisal years as bit masks over at most 31 years: cohorts are counted in batches whose
  // before and after years fit (ten years of cohorts span about fourteen)
  const sorted = [...cohorts].sort((a, b) => Math.min(a.beforeFrom, a.afterFrom) - Math.min(b.beforeFrom, b.afterFrom));
  let batch: CohortDays[] = [];
  let base = 0;
  for (const c of sorted) {
    const lo = Math.min(c.beforeFrom, c.afterFrom);
    const hi = Math.max(c.beforeTo, c.afterTo);
    if (batch.length > 0 && hi - base > 30) {
      countBatch(spans, batch, base, strata, out);
      batch = [];
    }
    if (batch.length === 0) base = lo;
    if (hi - base > 30) throw new Error(`cohort ${c.classId}: appraisal years ${lo}-${hi} span more than 31 years`);
    batch.push(c);
  }
  countBatch(spans, batch, base, strata, out);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort(
    (a, b) => a.classId - b.classId || cmp(a.category, b.category) || cmp(a.titleLevel, b.titleLevel) || cmp(a.ageBand, b.ageBand),
  );
}

const KEY = 2_097_152; // 2^21: more spans than that are not expected (a province holds some hundreds of thousands)

function countBatch(
  spans: Spans,
  cohorts: readonly CohortDays[],
  base: number,
  strata: readonly StratumBounds[],
  out: StratumTotals[],
): void {
  const n = spans.group.length;
  if (n >= KEY) throw new Error(`${n} spans: more than the counter sorts`);
  const byClass = new Map(cohorts.map((c) => [c.classId, c]));
  const codes = [...new Set(cohorts.map((c) => c.programmeCode))];
  if (codes.length > 31) throw new Error('more than 31 programmes at once');
  // spans sorted by (group, birth day), then copied into flat typed arrays in that order
  const groups = new Map<string, number>();
  for (const g of spans.group) if (!groups.has(g)) groups.set(g, groups.size);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (groups.get(spans.group[i]!)! * 200_000 + (spans.birth[i]! + 100_000)) * KEY + i;
  keys.sort();
  const birth = new Int32Array(n);
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  const left = new Int32Array(n);
  const programmes = new Int32Array(n);
  const rated = new Int32Array(n);
  const good = new Int32Array(n);
  const index = new Int32Array(n);
  const ranges = new Map<string, [number, number]>();
  const names = [...groups.keys()];
  for (let k = 0; k < n; k++) {
    const i = keys[k]! % KEY;
    index[k] = i;
    birth[k] = spans.birth[i]!;
    from[k] = spans.from[i]!;
    to[k] = spans.to[i]!;
    left[k] = spans.left[i]!;
    let p = 0;
    for (const code of spans.programmes[i]!) {
      const j = codes.indexOf(code);
      if (j >= 0) p |= 1 << j;
    }
    programmes[k] = p;
    rated[k] = yearMask(spans.rated[i]!, base);
    good[k] = yearMask(spans.good[i]!, base);
    const g = names[Math.floor(keys[k]! / KEY / 200_000)]!;
    const r = ranges.get(g);
    if (r) r[1] = k + 1;
    else ranges.set(g, [k, k + 1]);
  }
  const upper = (lo: number, hi: number, v: number): number => {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (birth[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // cohorts with the same programme, first day and windows have the same comparable people
  const done = new Map<string, StratumTotals | null>();
  for (const s of strata) {
    const c = byClass.get(s.classId);
    const range = ranges.get(`${s.category}|${s.titleLevel}`);
    if (!c || !range) continue;
    const same = [c.programmeCode, c.matchOn, c.beforeFrom, c.beforeTo, c.afterFrom, c.afterTo, c.eventsFrom, c.eventsTo]
      .concat([s.category, s.titleLevel, s.ageBand, s.bornAfter, s.bornUntil])
      .join('|');
    const seen = done.get(same);
    if (seen !== undefined) {
      if (seen !== null) out.push({ ...seen, classId: s.classId });
      continue;
    }
    const d = dayNumber(c.matchOn);
    const ef = dayNumber(c.eventsFrom);
    const et = dayNumber(c.eventsTo);
    const pbit = 1 << codes.indexOf(c.programmeCode);
    const before = windowMask(c.beforeFrom, c.beforeTo, base);
    const after = windowMask(c.afterFrom, c.afterTo, base);
    const lo = upper(range[0], range[1], dayNumber(s.bornAfter));
    const hi = upper(lo, range[1], dayNumber(s.bornUntil));
    let people = 0;
    let gone = 0;
    let beforeRated = 0;
    let beforeGood = 0;
    let afterRated = 0;
    let afterGood = 0;
    let planned = 0;
    let rotated = 0;
    let promoted = 0;
    for (let k = lo; k < hi; k++) {
      if (from[k]! > d || to[k]! < d || left[k]! < d || (programmes[k]! & pbit) !== 0) continue;
      people++;
      beforeRated += bits(rated[k]! & before);
      beforeGood += bits(good[k]! & before);
      if (left[k]! <= et) {
        gone++;
        continue;
      }
      afterRated += bits(rated[k]! & after);
      afterGood += bits(good[k]! & after);
      const i = index[k]!;
      if (spans.planned[i]!.length > 0 && anyIn(spans.planned[i]!, ef, et)) planned++;
      if (spans.rotated[i]!.length > 0 && anyIn(spans.rotated[i]!, ef, et)) rotated++;
      if (spans.promoted[i]!.length > 0 && anyIn(spans.promoted[i]!, ef, et)) promoted++;
    }
    if (people === 0) {
      done.set(same, null);
      continue;
    }
    const t: StratumTotals = {
      classId: s.classId,
      category: s.category,
      titleLevel: s.titleLevel,
      ageBand: s.ageBand,
      people,
      left: gone,
      beforeRated,
      beforeGood,
      afterRated,
      afterGood,
      planned,
      rotated,
      promoted,
    };
    done.set(same, t);
    out.push(t);
  }
}
