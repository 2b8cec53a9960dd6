/**
 * Indicators (chỉ tiêu) as data: the arithmetic of a value against its target (issue 10 point 1,
 * docs/decisions/0046-indicators-as-data.md). Pure: the repository counts the population and those
 * who meet the condition as of a date; these functions turn counts into a value, a yearly trend, a
 * projection to the deadline and a status with its explanation.
 *
 * Shares are compared exactly in integers (numerator × 10,000 against target in hundredths of a
 * percent × denominator), so 40.00% of 1,000 is met by 400 people and not by 399. Displayed values
 * are rounded to one decimal (half away from zero) only when shown.
 */
import { addYears, formatViDate, type IsoDate } from '../dates.js';

export const TARGET_KINDS = ['share', 'count'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
/** 'atLeast': "đạt từ X trở lên"; 'above': "trên X" (the CCHC plan's wording). */
export const COMPARISONS = ['atLeast', 'above'] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const INDICATOR_STATUSES = ['met', 'on_track', 'at_risk'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

export const INDICATOR_STATUS_LABELS: Record<IndicatorStatus, { vi: string; en: string }> = {
  met: { vi: 'Đã đạt', en: 'Met' },
  on_track: { vi: 'Đúng tiến độ', en: 'On track' },
  at_risk: { vi: 'Có nguy cơ không đạt', en: 'At risk' },
};

export const CONDITION_KINDS = ['qualification', 'adminReformTraining', 'standard'] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

/** How many yearly points the projection fits (the last N year ends and the as-of date). */
export const PROJECTION_POINTS = 6;

export interface Target {
  kind: TargetKind;
  comparison: Comparison;
  /** A share in % (0–100, two decimals) or a count of people. */
  value: number;
}

export interface Count {
  /** People in the population as of the date. */
  population: number;
  /** Of them, those who meet the condition. */
  counted: number;
}

/** The indicator's value: a share in % (null when nobody is in the population) or the count. */
export function valueOf(kind: TargetKind, c: Count): number | null {
  if (kind === 'count') return c.counted;
  return c.population === 0 ? null : (c.counted * 100) / c.population;
}

/** Hundredths of a unit, rounded half away from zero (targets are stored with two decimals). */
const hundredths = (v: number) => Math.sign(v) * Math.round(Math.abs(v) * 100);

/** True when the counts meet the target, compared exactly. */
export function meetsTarget(t: Target, c: Count): boolean {
  if (t.kind === 'count') return t.comparison === 'above' ? c.counted > t.value : c.counted >= t.value;
  if (c.population === 0) return false;
  const left = c.counted * 10_000;
  const right = hundredths(t.value) * c.population;
  return t.comparison === 'above' ? left > right : left >= right;
}

/** True when a (projected, fractional) value meets the target. */
export function valueMeets(t: Target, value: number): boolean {
  return t.comparison === 'above' ? value > t.value : value >= t.value;
}

/** Rounds for display: one decimal for shares, whole for counts. */
export function roundValue(kind: TargetKind, v: number): number {
  if (kind === 'count') return Math.round(v);
  return (Math.sign(v) * Math.round(Math.abs(v) * 10)) / 10;
}

/**
 * The dates of the trend: 31 December of each year from the start's year up to the year before
 * the as-of date's (each on or before the as-of date), then the as-of date itself. A start after
 * the as-of date gives only the as-of date.
 */
export function trendDates(start: IsoDate, asOf: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  const first = Number(start.slice(0, 4));
  const last = Number(asOf.slice(0, 4));
  for (let y = first; y < last; y++) out.push(`${y}-12-31`);
  if (!out.includes(asOf)) out.push(asOf);
  return out;
}

/** Days since 1970-01-01 of an ISO date (UTC). */
function dayNumber(d: IsoDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
}
/** A date as fractional years (365.25 days a year). */
export const yearsOf = (d: IsoDate) => 1970 + dayNumber(d) / 365.25;

export interface TrendPoint {
  date: IsoDate;
  /** null: nobody in the population on that date. */
  value: number | null;
}

export interface Projection {
  /** Projected value at the deadline (clamped: 0–100 for a share, ≥ 0 for a count). */
  value: number;
  /** Change per year of the fitted line. */
  slopePerYear: number;
  /** How many points the line was fitted on. */
  points: number;
  method: string;
}

/**
 * Projects the value to the deadline: an ordinary least-squares line through the last
 * PROJECTION_POINTS points of the trend that have a value (x in fractional years), evaluated at the
 * deadline and clamped. One point gives a flat line. None, or a deadline not after the last
 * point, gives null (nothing to project).
 */
export function project(kind: TargetKind, trend: readonly TrendPoint[], deadline: IsoDate, lastN = PROJECTION_POINTS): Projection | null {
  const pts = trend.filter((p): p is { date: IsoDate; value: number } => p.value !== null).slice(-lastN);
  if (pts.length === 0) return null;
  const lastDate = pts[pts.length - 1]!.date;
  if (deadline <= lastDate) return null;
  const xs = pts.map((p) => yearsOf(p.date));
  const ys = pts.map((p) => p.value);
  const n = pts.length;
  let slope = 0;
  let intercept = ys[0]!;
  if (n >= 2) {
    const mx = xs.reduce((a, b) => a + b, 0) / n;
    const my = ys.reduce((a, b) => a + b, 0) / n;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      sxy += (xs[i]! - mx) * (ys[i]! - my);
      sxx += (xs[i]! - mx) ** 2;
    }
    slope = sxx === 0 ? 0 : sxy / sxx;
    intercept = my - slope * mx;
  }
  const raw = intercept + slope * yearsOf(deadline);
  const value = kind === 'share' ? Math.min(100, Math.max(0, raw)) : Math.max(0, raw);
  return {
    value,
    slopePerYear: slope,
    points: n,
    method:
      n >= 2
        ? `Đường thẳng bình phương nhỏ nhất qua ${n} mốc gần nhất (cuối mỗi năm và ngày tính), kéo dài đến hạn${kind === 'share' ? ', giới hạn trong 0–100%' : ''}.`
        : 'Chỉ có một mốc: giữ nguyên giá trị hiện tại đến hạn.',
  };
}

export interface StatusInput {
  target: Target;
  count: Count;
  asOf: IsoDate;
  deadline: IsoDate;
  projection: Projection | null;
}

export interface StatusVerdict {
  status: IndicatorStatus;
  /** The rule that decided, in Vietnamese. */
  explanation: string;
}

const fmt = (kind: TargetKind, v: number) => (kind === 'share' ? `${String(roundValue('share', v)).replace('.', ',')}%` : `${Math.round(v)} người`);
const cmpWord = (c: Comparison) => (c === 'above' ? 'trên' : 'từ');

/**
 * The status as of a date:
 * - met: the value as of the date meets the target (compared exactly);
 * - otherwise, after the deadline: at risk (the deadline passed without the target);
 * - otherwise on track when the projection to the deadline meets the target, at risk when it does
 *   not or when there is nothing to project from (an empty population).
 */
export function statusOf(s: StatusInput): StatusVerdict {
  const { target: t } = s;
  const want = `${cmpWord(t.comparison)} ${fmt(t.kind, t.value)}`;
  const v = valueOf(t.kind, s.count);
  if (v === null) return { status: 'at_risk', explanation: 'Không có ai thuộc đối tượng của chỉ tiêu vào ngày tính: chưa đánh giá được.' };
  if (meetsTarget(t, s.count)) return { status: 'met', explanation: `Đã đạt: ${fmt(t.kind, v)}, chỉ tiêu ${want}.` };
  if (s.asOf > s.deadline) return { status: 'at_risk', explanation: `Đã quá hạn (${formatViDate(s.deadline)}) mà mới đạt ${fmt(t.kind, v)}, chỉ tiêu ${want}.` };
  if (s.projection && valueMeets(t, s.projection.value)) {
    return { status: 'on_track', explanation: `Chưa đạt (${fmt(t.kind, v)}) nhưng theo xu hướng sẽ đạt ${fmt(t.kind, s.projection.value)} vào hạn ${formatViDate(s.deadline)}, chỉ tiêu ${want}.` };
  }
  const proj = s.projection ? `theo xu hướng chỉ đạt ${fmt(t.kind, s.projection.value)} vào hạn ${formatViDate(s.deadline)}` : 'không đủ số liệu để dự báo';
  return { status: 'at_risk', explanation: `Chưa đạt (${fmt(t.kind, v)}) và ${proj}, chỉ tiêu ${want}.` };
}

/** The window of "trained within N years" as of a date: (from, to], from = asOf − N years. */
export function trainingWindow(asOf: IsoDate, withinYears: number): { after: IsoDate; onOrBefore: IsoDate } {
  return { after: addYears(asOf, -withinYears), onOrBefore: asOf };
}

// ---------- definitions ----------

export interface DefinitionCheckInput {
  targetKind: TargetKind;
  targetValue: number;
  startOn: IsoDate;
  deadline: IsoDate;
}

export interface DefinitionProblem {
  path: string;
  code: string;
  message: string;
}

/** The checks of a definition that need no lookup (codes are checked by the service). */
export function checkDefinition(d: DefinitionCheckInput): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  if (d.targetKind === 'share' && (d.targetValue < 0 || d.targetValue > 100)) {
    out.push({ path: 'target.value', code: 'OUT_OF_RANGE', message: 'Chỉ tiêu tỷ lệ phải từ 0% đến 100%.' });
  }
  if (d.targetKind === 'count' && (d.targetValue < 0 || !Number.isInteger(d.targetValue))) {
    out.push({ path: 'target.value', code: 'OUT_OF_RANGE', message: 'Chỉ tiêu số người phải là số nguyên không âm.' });
  }
  if (d.deadline < d.startOn) out.push({ path: 'deadline', code: 'DEADLINE_BEFORE_START', message: 'Thời hạn đạt chỉ tiêu không được trước ngày bắt đầu.' });
  return out;
}
