/**
 * Results of training at two years and after (Kirkpatrick level 4, issue 11 point 4; the Long An
 * seed: "đánh giá ít nhất sau 2 năm kể từ thời điểm học viên tốt nghiệp ... phân loại cuối năm, số
 * lượng được quy hoạch, điều động, luân chuyển, giao nhiệm vụ cao hơn"). Pure: the repository
 * gathers the registry facts inside the windows this module defines; this module decides what each
 * graduate's record says and compares a cohort with comparable people who did not attend.
 * docs/decisions/0052 states every rule below and why.
 *
 * Windows of a course that runs from `start` to `end` (years S and E):
 * - before: the appraisal years S−2 and S−1 (the two full years before the course started);
 * - after: the first two full years of work after the course: E and E+1 when the course ended on or
 *   before 30 June (more than half of year E was worked after it), otherwise E+1 and E+2;
 * - events (planned, rotated or transferred, given higher duties): dated from the day after `end`
 *   to `end` + 2 years inclusive;
 * - the evaluation is possible from `end` + 2 years (the seed's "ít nhất sau 2 năm").
 * Shares are of appraisal records (person × year), so a missing appraisal shrinks the denominator
 * and is counted apart; a person who left the service on or before the end of the events window is
 * counted as left and kept out of the after-shares and the event counts (they could not be
 * appraised, planned or promoted for the whole window).
 */
import type { AppraisalClassification } from '../vocabulary.js';
import { addYears, ageOn, birthDateBounds, type IsoDate } from '../dates.js';
import { AGE_BAND_LIMITS, AGE_BANDS, type AgeBand } from '../vocabulary.js';

// ---------- windows ----------

export interface EvaluationWindows {
  /** Inclusive appraisal years before the course. */
  beforeYears: readonly [number, number];
  /** Inclusive appraisal years after the course. */
  afterYears: readonly [number, number];
  /** First and last day (inclusive) of the two-year events window. */
  eventsFrom: IsoDate;
  eventsTo: IsoDate;
  /** The day comparable people are matched on (category, title level, age band): the course start. */
  matchOn: IsoDate;
  /** The first day the two-year evaluation may be run. */
  readyOn: IsoDate;
}

function nextDay(d: IsoDate): IsoDate {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

export function evaluationWindows(start: IsoDate, end: IsoDate): EvaluationWindows {
  const s = Number(start.slice(0, 4));
  const e = Number(end.slice(0, 4));
  const firstAfter = end <= `${e}-06-30` ? e : e + 1;
  return {
    beforeYears: [s - 2, s - 1],
    afterYears: [firstAfter, firstAfter + 1],
    eventsFrom: nextDay(end),
    eventsTo: addYears(end, 2),
    matchOn: start,
    readyOn: addYears(end, 2),
  };
}

/** Whether the two-year evaluation of a course that ended on `end` may run on `today`. */
export function evaluationReady(end: IsoDate, today: IsoDate): boolean {
  return today >= addYears(end, 2);
}

// ---------- one person ----------

export const GOOD_OR_BETTER: readonly AppraisalClassification[] = ['excellent', 'good'];

export const TITLE_LEVEL_BANDS = ['none', 'commune', 'province'] as const;
export type TitleLevelBand = (typeof TITLE_LEVEL_BANDS)[number];

/** What the comparison matches on, as of the course start. */
export interface Stratum {
  category: string;
  titleLevel: string;
  ageBand: string;
}

/** The age band (vocabulary AGE_BANDS) of a person born on `birthDate`, on `on`. */
export function ageBandOn(birthDate: IsoDate, on: IsoDate): AgeBand {
  const age = ageOn(birthDate, on);
  return AGE_BANDS.find((b) => age >= AGE_BAND_LIMITS[b.code][0] && age <= AGE_BAND_LIMITS[b.code][1])?.code ?? '60_plus';
}

/** The birth dates of an age band on `on`: born after `bornAfter`, on or before `bornOnOrBefore` (what the repository searches). */
export function ageBandBirthBounds(band: AgeBand, on: IsoDate): { bornAfter: IsoDate; bornOnOrBefore: IsoDate } {
  const [min, max] = AGE_BAND_LIMITS[band];
  return birthDateBounds(min, Math.min(max, 150), on);
}

export const stratumKey = (s: Stratum): string => `${s.category}|${s.titleLevel}|${s.ageBand}`;

/** The registry facts of one graduate inside the windows (gathered by the repository). */
export interface PersonFacts {
  personId: number;
  stratum: Stratum;
  /** Appraisal classifications recorded in the before years (0 to 2). */
  before: readonly string[];
  /** Appraisal classifications recorded in the after years (0 to 2). */
  after: readonly string[];
  /** A planning entry approved inside the events window. */
  planned: boolean;
  /** An assignment started inside the events window by rotation or transfer. */
  rotated: boolean;
  /** An assignment started inside the events window to a higher title than the one held the day before. */
  promoted: boolean;
  /** The last day worked, when the person left the service. */
  leftOn: IsoDate | null;
}

export interface PersonOutcome {
  personId: number;
  left: boolean;
  beforeRated: number;
  beforeGood: number;
  /** Before years with no appraisal recorded. */
  beforeMissing: number;
  afterRated: number;
  afterGood: number;
  afterMissing: number;
  planned: boolean;
  rotated: boolean;
  promoted: boolean;
}

const good = (c: string) => (GOOD_OR_BETTER as readonly string[]).includes(c);

export function personOutcome(f: PersonFacts, w: EvaluationWindows): PersonOutcome {
  const left = f.leftOn !== null && f.leftOn <= w.eventsTo;
  const before = f.before.slice(0, 2);
  const after = left ? [] : f.after.slice(0, 2);
  return {
    personId: f.personId,
    left,
    beforeRated: before.length,
    beforeGood: before.filter(good).length,
    beforeMissing: 2 - before.length,
    afterRated: after.length,
    afterGood: after.filter(good).length,
    afterMissing: left ? 0 : 2 - after.length,
    planned: !left && f.planned,
    rotated: !left && f.rotated,
    promoted: !left && f.promoted,
  };
}

// ---------- a group ----------

/** Counts of a group (graduates, or comparable people of one stratum), as the repository sums them for comparable people. */
export interface GroupTotals {
  people: number;
  left: number;
  beforeRated: number;
  beforeGood: number;
  afterRated: number;
  afterGood: number;
  planned: number;
  rotated: number;
  promoted: number;
}

export const emptyTotals = (): GroupTotals => ({
  people: 0,
  left: 0,
  beforeRated: 0,
  beforeGood: 0,
  afterRated: 0,
  afterGood: 0,
  planned: 0,
  rotated: 0,
  promoted: 0,
});

export function addTotals(a: GroupTotals, b: GroupTotals): GroupTotals {
  return {
    people: a.people + b.people,
    left: a.left + b.left,
    beforeRated: a.beforeRated + b.beforeRated,
    beforeGood: a.beforeGood + b.beforeGood,
    afterRated: a.afterRated + b.afterRated,
    afterGood: a.afterGood + b.afterGood,
    planned: a.planned + b.planned,
    rotated: a.rotated + b.rotated,
    promoted: a.promoted + b.promoted,
  };
}

export function totalsOf(outcomes: readonly PersonOutcome[]): GroupTotals {
  const t = emptyTotals();
  for (const o of outcomes) {
    t.people++;
    if (o.left) t.left++;
    t.beforeRated += o.beforeRated;
    t.beforeGood += o.beforeGood;
    t.afterRated += o.afterRated;
    t.afterGood += o.afterGood;
    if (o.planned) t.planned++;
    if (o.rotated) t.rotated++;
    if (o.promoted) t.promoted++;
  }
  return t;
}

/** Shares in per cent with one decimal (half away from zero); null when the denominator is 0. */
export interface GroupShares {
  beforeGood: number | null;
  afterGood: number | null;
  planned: number | null;
  rotated: number | null;
  promoted: number | null;
}

const pct = (n: number, d: number): number | null => (d === 0 ? null : Math.round((1000 * n) / d) / 10);

export function sharesOf(t: GroupTotals): GroupShares {
  const base = t.people - t.left;
  return {
    beforeGood: pct(t.beforeGood, t.beforeRated),
    afterGood: pct(t.afterGood, t.afterRated),
    planned: pct(t.planned, base),
    rotated: pct(t.rotated, base),
    promoted: pct(t.promoted, base),
  };
}

// ---------- the comparison ----------

/** A stratum needs at least this many comparable people for its graduates to count as matched. */
export const MIN_CONTROLS_PER_STRATUM = 3;
/** Below this many matched graduates, or this many comparable people, the comparison is "too small". */
export const MIN_MATCHED_GRADUATES = 10;
export const MIN_CONTROLS = 20;

/** A cell: one cohort (class) × one stratum, with the graduates' outcomes and the comparable people's totals. */
export interface ComparisonCell {
  cohort: string;
  stratum: Stratum;
  graduates: readonly PersonOutcome[];
  controls: GroupTotals;
}

export interface Comparison {
  graduates: GroupTotals;
  graduateShares: GroupShares;
  /** The graduates whose cell had enough comparable people. */
  matchedGraduates: number;
  /** Comparable people counted (a person comparable to two cohorts counts twice). */
  controls: number;
  /**
   * The comparable people's shares, weighted to the matched graduates' mix of cells (direct
   * standardisation): each cell's share counts as much as that cell's graduates do.
   */
  controlShares: GroupShares;
  /** The matched graduates' own shares (the like-for-like side of the comparison). */
  matchedShares: GroupShares;
  sufficient: boolean;
  /** Vietnamese sentences on the matching (always), and why the group is too small (when it is). */
  notes: string[];
}

type ShareKey = keyof GroupShares;
const SHARE_KEYS: readonly ShareKey[] = ['beforeGood', 'afterGood', 'planned', 'rotated', 'promoted'];

function weightOf(k: ShareKey, t: GroupTotals): number {
  if (k === 'beforeGood') return t.beforeRated;
  if (k === 'afterGood') return t.afterRated;
  return t.people - t.left;
}
function countOf(k: ShareKey, t: GroupTotals): number {
  if (k === 'beforeGood') return t.beforeGood;
  if (k === 'afterGood') return t.afterGood;
  return t[k];
}

export function compare(cells: readonly ComparisonCell[]): Comparison {
  let graduates = emptyTotals();
  let matched = emptyTotals();
  let controls = 0;
  const matchedCells: { g: GroupTotals; c: GroupTotals }[] = [];
  for (const cell of cells) {
    const g = totalsOf(cell.graduates);
    graduates = addTotals(graduates, g);
    if (cell.controls.people >= MIN_CONTROLS_PER_STRATUM) {
      matched = addTotals(matched, g);
      controls += cell.controls.people;
      matchedCells.push({ g, c: cell.controls });
    }
  }
  const controlShares = {} as GroupShares;
  for (const k of SHARE_KEYS) {
    // Σ weight_g(cell) × rate_c(cell) / Σ weight_g(cell), over cells where both sides have a denominator
    let num = 0;
    let den = 0;
    for (const { g, c } of matchedCells) {
      const wg = weightOf(k, g);
      const wc = weightOf(k, c);
      if (wg === 0 || wc === 0) continue;
      num += (wg * countOf(k, c)) / wc;
      den += wg;
    }
    controlShares[k] = den === 0 ? null : Math.round((1000 * num) / den) / 10;
  }
  const notes = [
    `So sánh với người không học chương trình này, cùng đối tượng, cùng cấp chức danh và cùng nhóm tuổi tại ngày khai giảng; mỗi nhóm cần ít nhất ${MIN_CONTROLS_PER_STRATUM} người để so sánh.`,
    `Ghép được ${matched.people}/${graduates.people} học viên với ${controls} người đối chứng.`,
  ];
  const sufficient = matched.people >= MIN_MATCHED_GRADUATES && controls >= MIN_CONTROLS;
  if (!sufficient)
    notes.push(
      `Nhóm đối chứng quá nhỏ (cần ít nhất ${MIN_MATCHED_GRADUATES} học viên ghép được và ${MIN_CONTROLS} người đối chứng): các tỷ lệ so sánh chỉ để tham khảo.`,
    );
  return {
    graduates,
    graduateShares: sharesOf(graduates),
    matchedGraduates: matched.people,
    controls,
    controlShares,
    matchedShares: sharesOf(matched),
    sufficient,
    notes,
  };
}

// ---------- many cohorts at once (decision 0065) ----------

export { dayNumber, NO_DAY, sumComparable, type CohortDays, type Spans, type StratumBounds, type StratumTotals } from './comparable.js';
