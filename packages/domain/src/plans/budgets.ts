/**
 * Budgets of plan lines and classes (issue 11 point 2, docs/decisions/0050). Pure: the service loads
 * the lecturers' rates, the estimate's input and the cost entries; these functions compute amounts,
 * refuse bad input and aggregate the report.
 *
 * Money is whole đồng in bigint, never floating point. Lecturers' fees = sessions × the rate in
 * force on the estimate's date (rates are data with their source and effective period). Per-learner
 * support = learners × the amount per learner entered on the estimate. Cost per learner and per
 * person-time = actual ÷ count, rounded half up to the whole đồng (… ,5 đồng goes up); none when the
 * count is 0.
 */
import type { IsoDate } from '../dates.js';
import type { Versioned } from '../rules/types.js';
import { addVersion } from '../rules/validate.js';

export const BUDGET_CATEGORIES = ['lecturers', 'support', 'venue', 'materials', 'other'] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

export const BUDGET_CATEGORY_LABELS: Record<BudgetCategory, { vi: string; en: string }> = {
  lecturers: { vi: 'Thù lao giảng viên, báo cáo viên', en: "Lecturers' fees" },
  support: { vi: 'Hỗ trợ học viên', en: 'Learner support' },
  venue: { vi: 'Thuê hội trường, địa điểm', en: 'Venue' },
  materials: { vi: 'Tài liệu, văn phòng phẩm', en: 'Materials' },
  other: { vi: 'Chi khác', en: 'Other' },
};

/** The largest amount one line or entry may carry (10^13 đồng), so sums stay exact as JSON numbers. */
export const MAX_AMOUNT = 10_000_000_000_000n;

export interface LecturerRate {
  id: number;
  category: string;
  label: string;
  /** đồng per session (buổi, 4 tiết) or per day */
  amount: bigint;
  per: 'session' | 'day';
  sourceCode: string;
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
}

/** The rate of a lecturer category in force on a day; null when none is. */
export function rateAsOf(rates: readonly LecturerRate[], category: string, asOf: IsoDate): LecturerRate | null {
  let best: LecturerRate | null = null;
  for (const r of rates) {
    if (r.category !== category || r.effectiveFrom > asOf || (r.effectiveTo !== null && r.effectiveTo < asOf)) continue;
    if (!best || r.effectiveFrom > best.effectiveFrom) best = r;
  }
  return best;
}

// ---------- changing the rates ----------

/**
 * One version of a lecturer category's rate, as the rules' versioning sees it: `id` is the category,
 * a new amount from a date closes the open version the day before, a correction replaces a version's
 * amount over exactly its period (the corrected one kept for history with `supersededBy`).
 */
export interface LecturerRateVersion extends Versioned {
  label: string;
  amount: bigint;
  per: 'session' | 'day';
  source: { code: string; title: string };
  note?: string;
}

export interface RateFieldError {
  path: string;
  code: string;
  message: string;
}
export type RateVersionResult = { ok: true; versions: LecturerRateVersion[] } | { ok: false; errors: RateFieldError[] };

const RATE_CATEGORY = /^[a-z][a-z0-9_]{1,39}$/;

/**
 * Adds a version to one lecturer category's rates (rules/validate.ts addVersion), after checking it:
 * a category code of lower-case letters, digits and _, a label, a positive whole amount of at most
 * MAX_AMOUNT đồng, and the source document's code and title. Nothing is written here: the service
 * stores what this returns.
 */
export function addLecturerRateVersion(existing: readonly LecturerRateVersion[], next: LecturerRateVersion): RateVersionResult {
  const errors: RateFieldError[] = [];
  if (!RATE_CATEGORY.test(next.id)) errors.push({ path: 'category', code: 'RATE_CATEGORY_INVALID', message: 'Mã loại giảng viên gồm chữ thường không dấu, chữ số và dấu gạch dưới (2–40 ký tự).' });
  if (next.label.trim() === '') errors.push({ path: 'label', code: 'REQUIRED', message: 'Cần ghi đối tượng giảng viên của mức này.' });
  if (next.amount <= 0n) errors.push({ path: 'amount', code: 'RATE_NOT_POSITIVE', message: 'Mức thù lao phải là số đồng lớn hơn 0.' });
  else if (next.amount > MAX_AMOUNT) errors.push({ path: 'amount', code: 'AMOUNT_TOO_LARGE', message: 'Mức thù lao quá lớn.' });
  if (next.source.code.trim() === '') errors.push({ path: 'source.code', code: 'REQUIRED', message: 'Cần ghi số hiệu văn bản quy định mức chi.' });
  if (next.source.title.trim() === '') errors.push({ path: 'source.title', code: 'REQUIRED', message: 'Cần ghi trích yếu văn bản quy định mức chi.' });
  if (errors.length > 0) return { ok: false, errors };
  return addVersion(existing, next);
}

// ---------- the estimate ----------

export interface EstimateInput {
  /** Sessions per lecturer category: the fee is sessions × the rate in force on `asOf`. */
  lecturers: readonly { rateCategory: string; sessions: number; description?: string }[];
  learners: number;
  /** Support per learner (đồng); the support helper's policies may fill it later. */
  supportPerLearner: bigint;
  venue: bigint;
  materials: bigint;
  other: bigint;
}

export interface EstimateItem {
  category: BudgetCategory;
  description: string;
  rateId: number | null;
  quantity: number;
  unitAmount: bigint;
  amount: bigint;
}

export interface BudgetRefusal {
  code: 'AMOUNT_NEGATIVE' | 'AMOUNT_MISSING' | 'AMOUNT_TOO_LARGE' | 'RATE_MISSING' | 'COUNT_INVALID';
  field: string;
  message: string;
}

export type BudgetVerdict<T> = { ok: true; value: T } | { ok: false; refusals: BudgetRefusal[] };

const viDate = (d: IsoDate) => d.split('-').reverse().join('/');
export const formatDong = (v: bigint): string => `${v.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;

function checkAmount(v: bigint | null | undefined, field: string, out: BudgetRefusal[]): void {
  if (v === null || v === undefined) out.push({ code: 'AMOUNT_MISSING', field, message: 'Chưa nhập số tiền.' });
  else if (v < 0n) out.push({ code: 'AMOUNT_NEGATIVE', field, message: 'Số tiền không được âm.' });
  else if (v > MAX_AMOUNT) out.push({ code: 'AMOUNT_TOO_LARGE', field, message: 'Số tiền quá lớn.' });
}

function checkCount(v: number, field: string, out: BudgetRefusal[]): void {
  if (!Number.isSafeInteger(v) || v < 0 || v > 1_000_000) out.push({ code: 'COUNT_INVALID', field, message: 'Số lượng phải là số nguyên không âm.' });
}

/**
 * The estimate's items and total, the lecturers' fees read from the rates in force on `asOf`.
 * Refused whole (nothing computed) when an amount is missing or negative, a count is not a whole
 * non-negative number, or a lecturer category has no rate on that day.
 */
export function computeEstimate(input: EstimateInput, rates: readonly LecturerRate[], asOf: IsoDate): BudgetVerdict<{ items: EstimateItem[]; total: bigint }> {
  const refusals: BudgetRefusal[] = [];
  const items: EstimateItem[] = [];
  input.lecturers.forEach((l, i) => {
    checkCount(l.sessions, `lecturers.${i}.sessions`, refusals);
    const rate = rateAsOf(rates, l.rateCategory, asOf);
    if (!rate) {
      refusals.push({ code: 'RATE_MISSING', field: `lecturers.${i}.rateCategory`, message: `Không có mức thù lao giảng viên loại này áp dụng ngày ${viDate(asOf)}.` });
      return;
    }
    if (rate.amount < 0n) {
      refusals.push({ code: 'AMOUNT_NEGATIVE', field: `lecturers.${i}.rateCategory`, message: 'Mức thù lao không được âm.' });
      return;
    }
    const sessions = Number.isSafeInteger(l.sessions) && l.sessions >= 0 ? l.sessions : 0;
    items.push({
      category: 'lecturers',
      description: l.description?.trim() || `${rate.label} — ${sessions} buổi × ${formatDong(rate.amount)} (${rate.sourceCode})`,
      rateId: rate.id,
      quantity: sessions,
      unitAmount: rate.amount,
      amount: BigInt(sessions) * rate.amount,
    });
  });
  checkCount(input.learners, 'learners', refusals);
  checkAmount(input.supportPerLearner, 'supportPerLearner', refusals);
  checkAmount(input.venue, 'venue', refusals);
  checkAmount(input.materials, 'materials', refusals);
  checkAmount(input.other, 'other', refusals);
  if (refusals.length > 0) return { ok: false, refusals };
  const learners = input.learners;
  items.push({
    category: 'support',
    description: `Hỗ trợ ${learners} học viên × ${formatDong(input.supportPerLearner)}`,
    rateId: null,
    quantity: learners,
    unitAmount: input.supportPerLearner,
    amount: BigInt(learners) * input.supportPerLearner,
  });
  for (const c of ['venue', 'materials', 'other'] as const) {
    items.push({ category: c, description: BUDGET_CATEGORY_LABELS[c].vi, rateId: null, quantity: 1, unitAmount: input[c], amount: input[c] });
  }
  const total = items.reduce((s, x) => s + x.amount, 0n);
  if (total > MAX_AMOUNT) return { ok: false, refusals: [{ code: 'AMOUNT_TOO_LARGE', field: 'total', message: 'Tổng dự toán quá lớn.' }] };
  return { ok: true, value: { items, total } };
}

/** A cost entry's amount: whole đồng above 0. */
export function checkCostAmount(amount: bigint | null | undefined): BudgetRefusal | null {
  if (amount === null || amount === undefined) return { code: 'AMOUNT_MISSING', field: 'amount', message: 'Chưa nhập số tiền.' };
  if (amount <= 0n) return { code: 'AMOUNT_NEGATIVE', field: 'amount', message: 'Số tiền phải lớn hơn 0.' };
  if (amount > MAX_AMOUNT) return { code: 'AMOUNT_TOO_LARGE', field: 'amount', message: 'Số tiền quá lớn.' };
  return null;
}

// ---------- figures ----------

/** n ÷ d rounded half up to the whole đồng (n ≥ 0, d > 0); null when d is 0. */
export function divideHalfUp(n: bigint, d: number): bigint | null {
  if (d <= 0) return null;
  const den = BigInt(d);
  const q = n / den;
  return (n % den) * 2n >= den ? q + 1n : q;
}

export type ByCategory = Record<BudgetCategory, bigint>;

export const zeroByCategory = (): ByCategory => ({ lecturers: 0n, support: 0n, venue: 0n, materials: 0n, other: 0n });

export interface BudgetFigures {
  estimate: bigint;
  actual: bigint;
  /** actual − estimate (negative: under budget) */
  difference: bigint;
  estimateByCategory: ByCategory;
  actualByCategory: ByCategory;
  /** distinct people who learned */
  learners: number;
  /** person-times (lượt người), from the plans' realisation facts */
  personTimes: number;
  costPerLearner: bigint | null;
  costPerPersonTime: bigint | null;
}

export function figuresOf(
  estimateByCategory: ByCategory,
  actualByCategory: ByCategory,
  learners: number,
  personTimes: number,
): BudgetFigures {
  const sum = (c: ByCategory) => BUDGET_CATEGORIES.reduce((s, k) => s + c[k], 0n);
  const estimate = sum(estimateByCategory);
  const actual = sum(actualByCategory);
  return {
    estimate,
    actual,
    difference: actual - estimate,
    estimateByCategory,
    actualByCategory,
    learners,
    personTimes,
    costPerLearner: divideHalfUp(actual, learners),
    costPerPersonTime: divideHalfUp(actual, personTimes),
  };
}

export const ROUNDING_NOTE_VI =
  'Số tiền tính bằng đồng, số nguyên. Chi phí bình quân một học viên (một lượt người) = thực chi ÷ số học viên (số lượt người), làm tròn đến đồng (từ 0,5 đồng trở lên làm tròn lên).';

// ---------- the report ----------

/** One budget holder of a year: a plan line (with the classes that realise it) or a class outside any line. */
export interface BudgetHolder {
  key: string;
  kind: 'line' | 'class';
  programmeCode: string;
  programmeName: string;
  unitId: number;
  unitName: string;
  year: number;
  estimateByCategory: ByCategory;
  actualByCategory: ByCategory;
  /** person ids of the learners (a person twice counts twice as person-times, once as a learner) */
  people: readonly number[];
  personTimes: number;
}

export const REPORT_DIMENSIONS = ['line', 'programme', 'unit', 'year'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export interface ReportGroup {
  key: string;
  label: string;
  holders: number;
  figures: BudgetFigures;
}

function addInto(a: ByCategory, b: ByCategory): void {
  for (const k of BUDGET_CATEGORIES) a[k] += b[k];
}

/** Groups the holders by a dimension; distinct learners counted once per group. */
export function groupHolders(holders: readonly (BudgetHolder & { label: string })[], dim: ReportDimension): ReportGroup[] {
  const groups = new Map<string, { label: string; n: number; e: ByCategory; a: ByCategory; people: Set<number>; pt: number }>();
  for (const h of holders) {
    const [key, label] =
      dim === 'line' ? [h.key, h.label] : dim === 'programme' ? [h.programmeCode, h.programmeName] : dim === 'unit' ? [String(h.unitId), h.unitName] : [String(h.year), `Năm ${h.year}`];
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { label, n: 0, e: zeroByCategory(), a: zeroByCategory(), people: new Set(), pt: 0 }));
    g.n += 1;
    addInto(g.e, h.estimateByCategory);
    addInto(g.a, h.actualByCategory);
    for (const p of h.people) g.people.add(p);
    g.pt += h.personTimes;
  }
  return [...groups.entries()].map(([key, g]) => ({ key, label: g.label, holders: g.n, figures: figuresOf(g.e, g.a, g.people.size, g.pt) }));
}

/** The figures of all holders together. */
export function totalOf(holders: readonly BudgetHolder[]): BudgetFigures {
  const e = zeroByCategory();
  const a = zeroByCategory();
  const people = new Set<number>();
  let pt = 0;
  for (const h of holders) {
    addInto(e, h.estimateByCategory);
    addInto(a, h.actualByCategory);
    for (const p of h.people) people.add(p);
    pt += h.personTimes;
  }
  return figuresOf(e, a, people.size, pt);
}
