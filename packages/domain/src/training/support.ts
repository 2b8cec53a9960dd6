/**
 * Support for learners sent to training (chế độ hỗ trợ người học; issue 11 point 1,
 * docs/decisions/0049). A support policy (e.g. a provincial People's Council resolution) is data:
 * who it covers, its rates, its caps, its source document and effective period, versioned like the
 * eligibility rules (rules/validate.ts addVersion). Pure: the service loads the policies, the learner
 * and the course, and shows or stores what these functions answer.
 *
 * Counting and rounding (stated once, used everywhere):
 * - The policy is the one in force on the course's FIRST day; it governs the whole course (a course
 *   that starts on the last day of a version is paid under that version).
 * - Study days are given by the caller (the class's scheduled session dates, or its calendar days
 *   when none are scheduled; an outside course's calendar days). The daily allowance and the daily
 *   extras are days × rate.
 * - Nights (accommodation) are the nights between the first and the last day (end − start), full-time
 *   courses only.
 * - Travel is once per course (one round trip).
 * - Tuition is a share (whole percent) of the course's recorded cost, in whole đồng rounded half up
 *   (bigint arithmetic); classes run by the province carry no cost, so no tuition.
 * - The course cap lowers the total to the cap; the year cap lowers it to what is left of the year's
 *   cap after the support already PAID under the same policy for the learner's other courses that
 *   started in the same calendar year.
 * All amounts are whole đồng (bigint); rates are whole đồng; never floating point.
 */
import type { IsoDate } from '../dates.js';
import { isIsoDate } from '../dates.js';
import { addVersion } from '../rules/validate.js';
import { isActive, isInForce, periodsOverlap } from '../rules/period.js';
import type { SourceDocument, StudyMode, Versioned } from '../rules/types.js';

export type SupportPlace = 'in_province' | 'outside_province';
export const SUPPORT_PLACE_LABELS: Record<SupportPlace, string> = { in_province: 'trong tỉnh', outside_province: 'ngoài tỉnh' };

export type CourseKind = 'class' | 'outside';

/** A rate per place, whole đồng. */
export interface PlaceRate {
  inProvince: number;
  outsideProvince: number;
}

export interface ExtraRate {
  perDay: number;
  perCourse: number;
}

export interface SupportRates {
  /** Per study day, by mode and place. */
  daily: Record<StudyMode, PlaceRate>;
  /** Per night, full-time courses only. */
  accommodationPerNight: PlaceRate;
  /** Once per course (round trip). */
  travelPerCourse: PlaceRate;
  /** Whole percent (0–100) of the course's recorded cost. */
  tuitionPercent: number;
  women: ExtraRate;
  ethnicMinority: ExtraRate;
  /** Null: no cap. */
  capPerCourse: number | null;
  capPerYear: number | null;
}

/** Who a policy covers: every dimension given must hold; a missing or empty one is "everyone". */
export interface SupportCoverage {
  courseKinds?: CourseKind[];
  categories?: string[];
  programmeKinds?: string[];
  programmeCodes?: string[];
  modes?: StudyMode[];
  /** Classes organised by these units (outside courses have no organiser in the province). */
  organiserUnitIds?: number[];
}

export interface SupportPolicy extends Versioned {
  name: string;
  source: SourceDocument;
  /** False: the figures were not checked against the original text (shown as "chưa đối chiếu"). */
  verified: boolean;
  coverage: SupportCoverage;
  rates: SupportRates;
  note?: string;
}

// ---------- validation ----------

/** One refused field, with a Vietnamese message. */
export interface SupportFieldError {
  path: string;
  code: string;
  message: string;
}
type FieldError = SupportFieldError;
export type SupportVersionResult = { ok: true; versions: SupportPolicy[] } | { ok: false; errors: SupportFieldError[] };

const MAX_RATE = 1_000_000_000;
const MODES: readonly StudyMode[] = ['full_time', 'part_time', 'online'];
const MODE_LABEL: Record<StudyMode, string> = { full_time: 'tập trung', part_time: 'không tập trung', online: 'trực tuyến' };

function rateError(path: string, label: string, v: unknown): FieldError | null {
  if (v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v)))
    return { path, code: 'RATE_MISSING', message: `Chưa nhập mức ${label}.` };
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) return { path, code: 'RATE_NOT_WHOLE', message: `Mức ${label} phải là số đồng nguyên.` };
  if (v < 0) return { path, code: 'RATE_NEGATIVE', message: `Mức ${label} không được âm.` };
  if (v > MAX_RATE) return { path, code: 'RATE_TOO_LARGE', message: `Mức ${label} quá lớn.` };
  return null;
}

/** Every rate present, whole đồng, not negative; the percent 0–100; caps positive or null. */
export function validateSupportPolicy(p: SupportPolicy): FieldError[] {
  const errors: FieldError[] = [];
  const push = (e: FieldError | null) => e && errors.push(e);
  if (!p.name || p.name.trim() === '') errors.push({ path: 'name', code: 'REQUIRED', message: 'Chưa nhập tên chính sách.' });
  if (!p.source || !p.source.code?.trim()) errors.push({ path: 'source.code', code: 'REQUIRED', message: 'Chưa nhập số hiệu văn bản căn cứ.' });
  if (!isIsoDate(p.period?.from ?? '')) errors.push({ path: 'period.from', code: 'REQUIRED', message: 'Chưa nhập ngày bắt đầu hiệu lực.' });
  else if (p.period.to !== null && (!isIsoDate(p.period.to) || p.period.to < p.period.from))
    errors.push({ path: 'period.to', code: 'PERIOD_ORDER', message: 'Ngày hết hiệu lực phải từ ngày bắt đầu hiệu lực trở đi.' });
  const r = p.rates as Partial<SupportRates> | undefined;
  if (!r) return [...errors, { path: 'rates', code: 'RATE_MISSING', message: 'Chưa nhập các mức hỗ trợ.' }];
  for (const m of MODES) {
    const d = r.daily?.[m];
    push(rateError(`rates.daily.${m}.inProvince`, `hỗ trợ mỗi ngày học ${MODE_LABEL[m]} trong tỉnh`, d?.inProvince));
    push(rateError(`rates.daily.${m}.outsideProvince`, `hỗ trợ mỗi ngày học ${MODE_LABEL[m]} ngoài tỉnh`, d?.outsideProvince));
  }
  push(rateError('rates.accommodationPerNight.inProvince', 'tiền ở mỗi đêm trong tỉnh', r.accommodationPerNight?.inProvince));
  push(rateError('rates.accommodationPerNight.outsideProvince', 'tiền ở mỗi đêm ngoài tỉnh', r.accommodationPerNight?.outsideProvince));
  push(rateError('rates.travelPerCourse.inProvince', 'tiền đi lại mỗi khóa trong tỉnh', r.travelPerCourse?.inProvince));
  push(rateError('rates.travelPerCourse.outsideProvince', 'tiền đi lại mỗi khóa ngoài tỉnh', r.travelPerCourse?.outsideProvince));
  const pct = rateError('rates.tuitionPercent', 'hỗ trợ học phí (%)', r.tuitionPercent);
  if (pct) errors.push(pct);
  else if ((r.tuitionPercent as number) > 100) errors.push({ path: 'rates.tuitionPercent', code: 'PERCENT_RANGE', message: 'Tỷ lệ hỗ trợ học phí từ 0 đến 100%.' });
  push(rateError('rates.women.perDay', 'hỗ trợ thêm mỗi ngày cho học viên nữ', r.women?.perDay));
  push(rateError('rates.women.perCourse', 'hỗ trợ thêm mỗi khóa cho học viên nữ', r.women?.perCourse));
  push(rateError('rates.ethnicMinority.perDay', 'hỗ trợ thêm mỗi ngày cho học viên dân tộc thiểu số', r.ethnicMinority?.perDay));
  push(rateError('rates.ethnicMinority.perCourse', 'hỗ trợ thêm mỗi khóa cho học viên dân tộc thiểu số', r.ethnicMinority?.perCourse));
  for (const k of ['capPerCourse', 'capPerYear'] as const) {
    const v = r[k];
    if (v === undefined) errors.push({ path: `rates.${k}`, code: 'RATE_MISSING', message: `Chưa nhập mức trần ${k === 'capPerCourse' ? 'mỗi khóa' : 'mỗi năm'} (để trống nếu không có trần).` });
    else if (v !== null) {
      const e = rateError(`rates.${k}`, k === 'capPerCourse' ? 'trần mỗi khóa' : 'trần mỗi năm', v);
      if (e) errors.push(e);
      else if (v === 0) errors.push({ path: `rates.${k}`, code: 'RATE_NOT_POSITIVE', message: 'Mức trần phải lớn hơn 0 (để trống nếu không có trần).' });
    }
  }
  return errors;
}

const intersects = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean =>
  !a || !b || a.length === 0 || b.length === 0 || a.some((x) => b.includes(x));

/** Two coverages reach a common learner and course (every dimension intersects). */
export function coveragesIntersect(a: SupportCoverage, b: SupportCoverage): boolean {
  return (
    intersects(a.courseKinds, b.courseKinds) &&
    intersects(a.categories, b.categories) &&
    intersects(a.programmeKinds, b.programmeKinds) &&
    intersects(a.programmeCodes, b.programmeCodes) &&
    intersects(a.modes, b.modes) &&
    intersects(a.organiserUnitIds, b.organiserUnitIds)
  );
}

/**
 * Adds a version to one policy (a change from a date, or a correction, as rules' addVersion) after
 * validating its rates, and refuses it when another policy covering the same group is in force over
 * an overlapping period. `others` are the versions of the other policies.
 */
export function addSupportPolicyVersion(existing: readonly SupportPolicy[], next: SupportPolicy, others: readonly SupportPolicy[]): SupportVersionResult {
  const invalid = validateSupportPolicy(next);
  if (invalid.length > 0) return { ok: false, errors: invalid };
  const added = addVersion(existing, next);
  if (!added.ok) return added;
  const clash = others.find((o) => o.id !== next.id && isActive(o) && periodsOverlap(o.period, next.period) && coveragesIntersect(o.coverage, next.coverage));
  if (clash) {
    return {
      ok: false,
      errors: [
        {
          path: 'period',
          code: 'OVERLAPPING_GROUP',
          message: `Thời gian hiệu lực trùng với chính sách "${clash.name}" (${clash.source.code}, phiên bản ${clash.version}) cho cùng đối tượng. Hãy thu hẹp đối tượng hoặc thời gian hiệu lực.`,
        },
      ],
    };
  }
  return added;
}

// ---------- assessing one learner ----------

export interface SupportLearner {
  category: string;
  gender: 'male' | 'female';
  /** Null when the registry does not say. */
  ethnicMinority: boolean | null;
}

export interface SupportCourse {
  kind: CourseKind;
  programmeCode: string;
  programmeKind: string;
  mode: StudyMode;
  /** The class's organiser; null for an outside course. */
  organiserUnitId: number | null;
  place: SupportPlace;
  startDate: IsoDate;
  endDate: IsoDate;
  /** Study days (≥ 0), counted by the caller (see the header). */
  studyDays: number;
  /** Recorded cost of the course for this learner (outside training), whole đồng; null: none. */
  cost: bigint | null;
  /** How the days were counted, for the explanation ("12 buổi học theo lịch"). */
  daysBasis?: string;
}

export type SupportItemCode = 'daily' | 'accommodation' | 'travel' | 'tuition' | 'women' | 'ethnic_minority' | 'cap_course' | 'cap_year';
export const SUPPORT_ITEM_CODES: readonly SupportItemCode[] = ['daily', 'accommodation', 'travel', 'tuition', 'women', 'ethnic_minority', 'cap_course', 'cap_year'];
export const SUPPORT_ITEM_LABELS: Record<SupportItemCode, string> = {
  daily: 'Hỗ trợ theo ngày học',
  accommodation: 'Tiền ở',
  travel: 'Tiền đi lại',
  tuition: 'Học phí',
  women: 'Hỗ trợ thêm học viên nữ',
  ethnic_minority: 'Hỗ trợ thêm học viên dân tộc thiểu số',
  cap_course: 'Giảm theo mức trần mỗi khóa',
  cap_year: 'Giảm theo mức trần mỗi năm',
};

export interface SupportItem {
  code: SupportItemCode;
  /** Whole đồng; the caps are negative adjustments, so the items sum to the total. */
  amount: bigint;
  explanation: string;
}

export interface PolicyRef {
  id: string;
  version: number;
  name: string;
  source: SourceDocument;
  verified: boolean;
}

export type SupportAssessment =
  | { kind: 'covered'; policy: PolicyRef; items: SupportItem[]; total: bigint; explanation: string }
  | { kind: 'not_covered'; total: 0n; reasons: string[]; explanation: string };

const fmt = (n: bigint | number): string => {
  const s = (typeof n === 'bigint' ? n : BigInt(n)).toString();
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  return `${neg ? '−' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
};
const dmy = (d: IsoDate): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const refOf = (p: SupportPolicy): PolicyRef => ({ id: p.id, version: p.version, name: p.name, source: p.source, verified: p.verified });

/** Why a policy does not cover this learner on this course (empty: it covers). */
export function coverageMisses(c: SupportCoverage, learner: SupportLearner, course: SupportCourse): string[] {
  const out: string[] = [];
  const has = <T>(list: readonly T[] | undefined, v: T): boolean => !list || list.length === 0 || list.includes(v);
  if (!has(c.courseKinds, course.kind)) out.push(course.kind === 'class' ? 'không áp dụng cho lớp do tỉnh mở' : 'không áp dụng cho người được cử đi học ngoài tỉnh');
  if (!has(c.categories, learner.category)) out.push(`không áp dụng cho đối tượng "${learner.category}"`);
  if (!has(c.programmeKinds, course.programmeKind) || !has(c.programmeCodes, course.programmeCode)) out.push(`không áp dụng cho chương trình ${course.programmeCode}`);
  if (!has(c.modes, course.mode)) out.push(`không áp dụng cho hình thức học ${MODE_LABEL[course.mode]}`);
  if (c.organiserUnitIds && c.organiserUnitIds.length > 0 && (course.organiserUnitId === null || !c.organiserUnitIds.includes(course.organiserUnitId)))
    out.push('không áp dụng cho đơn vị tổ chức lớp này');
  return out;
}

/** The active policy versions in force on the course's first day that cover the learner; and why the others do not. */
export function selectSupportPolicy(
  policies: readonly SupportPolicy[],
  learner: SupportLearner,
  course: SupportCourse,
): { policy: SupportPolicy | null; reasons: string[] } {
  const reasons: string[] = [];
  const inForce = policies.filter((p) => isActive(p) && isInForce(p.period, course.startDate));
  if (inForce.length === 0) return { policy: null, reasons: [`Không có chính sách hỗ trợ nào có hiệu lực ngày ${dmy(course.startDate)} (ngày khai giảng).`] };
  for (const p of inForce) {
    const misses = coverageMisses(p.coverage, learner, course);
    if (misses.length === 0) return { policy: p, reasons: [] };
    reasons.push(`${p.name} (${p.source.code}): ${misses.join('; ')}.`);
  }
  return { policy: null, reasons };
}

/** Half up, whole đồng: amount × percent / 100. */
export function percentOf(amount: bigint, percent: number): bigint {
  return (amount * BigInt(percent) * 2n + 100n) / 200n;
}

/** Nights between the first and the last day of the course. */
export function nightsBetween(start: IsoDate, end: IsoDate): number {
  const ms = Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`);
  return Math.max(0, Math.round(ms / 86_400_000));
}

/**
 * What one learner is owed for one course under the policies: each item with its rule. `paidThisYear`
 * is the support already paid under the chosen policy for the learner's other courses that started
 * in the same calendar year (for the year cap): an amount, or a function of the policy id.
 */
export function assessSupport(
  policies: readonly SupportPolicy[],
  learner: SupportLearner,
  course: SupportCourse,
  paidThisYear: bigint | ((policyId: string) => bigint) = 0n,
): SupportAssessment {
  const { policy, reasons } = selectSupportPolicy(policies, learner, course);
  if (!policy) return { kind: 'not_covered', total: 0n, reasons, explanation: `Không được hỗ trợ: ${reasons.join(' ')}` };
  const r = policy.rates;
  const place = course.place;
  const at = (pr: PlaceRate): number => (place === 'in_province' ? pr.inProvince : pr.outsideProvince);
  const where = SUPPORT_PLACE_LABELS[place];
  const doc = policy.source.code;
  const days = BigInt(Math.max(0, Math.trunc(course.studyDays)));
  const items: SupportItem[] = [];
  const daysText = `${days} ngày học${course.daysBasis ? ` (${course.daysBasis})` : ''}`;

  const daily = BigInt(at(r.daily[course.mode]));
  if (daily > 0n && days > 0n)
    items.push({ code: 'daily', amount: days * daily, explanation: `${daysText} × ${fmt(daily)}/ngày (học ${MODE_LABEL[course.mode]}, ${where}; ${doc})` });

  if (course.mode === 'full_time') {
    const nights = BigInt(nightsBetween(course.startDate, course.endDate));
    const perNight = BigInt(at(r.accommodationPerNight));
    if (nights > 0n && perNight > 0n)
      items.push({ code: 'accommodation', amount: nights * perNight, explanation: `${nights} đêm × ${fmt(perNight)}/đêm (học tập trung, ${where}; ${doc})` });
  }

  const travel = BigInt(at(r.travelPerCourse));
  if (travel > 0n) items.push({ code: 'travel', amount: travel, explanation: `Một lượt đi và về mỗi khóa: ${fmt(travel)} (${where}; ${doc})` });

  if (course.cost !== null && course.cost > 0n && r.tuitionPercent > 0) {
    const t = percentOf(course.cost, r.tuitionPercent);
    items.push({ code: 'tuition', amount: t, explanation: `${r.tuitionPercent}% × học phí ${fmt(course.cost)} = ${fmt(t)} (làm tròn đến đồng; ${doc})` });
  }

  const extra = (code: 'women' | 'ethnic_minority', rate: ExtraRate, who: string) => {
    const perDay = BigInt(rate.perDay);
    const perCourse = BigInt(rate.perCourse);
    const amount = days * perDay + perCourse;
    if (amount <= 0n) return;
    const parts = [perDay > 0n ? `${days} ngày × ${fmt(perDay)}` : null, perCourse > 0n ? `${fmt(perCourse)}/khóa` : null].filter(Boolean);
    items.push({ code, amount, explanation: `${who}: ${parts.join(' + ')} (${doc})` });
  };
  if (learner.gender === 'female') extra('women', r.women, 'Học viên nữ');
  if (learner.ethnicMinority === true) extra('ethnic_minority', r.ethnicMinority, 'Học viên người dân tộc thiểu số');

  let total = items.reduce((s, i) => s + i.amount, 0n);
  if (r.capPerCourse !== null && total > BigInt(r.capPerCourse)) {
    const cap = BigInt(r.capPerCourse);
    items.push({ code: 'cap_course', amount: cap - total, explanation: `Tổng ${fmt(total)} vượt mức trần mỗi khóa ${fmt(cap)} (${doc})` });
    total = cap;
  }
  if (r.capPerYear !== null) {
    const cap = BigInt(r.capPerYear);
    const paidBefore = typeof paidThisYear === 'function' ? paidThisYear(policy.id) : paidThisYear;
    const left = cap > paidBefore ? cap - paidBefore : 0n;
    if (total > left) {
      const year = course.startDate.slice(0, 4);
      items.push({
        code: 'cap_year',
        amount: left - total,
        explanation: `Trần mỗi năm ${fmt(cap)}; đã chi ${fmt(paidBefore)} cho các khóa khác năm ${year}; còn tối đa ${fmt(left)} (${doc})`,
      });
      total = left;
    }
  }
  const verified = policy.verified ? '' : ' Mức hỗ trợ chưa được đối chiếu với văn bản gốc.';
  const explanation = `Theo ${policy.name} (${doc}, phiên bản ${policy.version}, hiệu lực từ ${dmy(policy.period.from)}${policy.period.to ? ` đến ${dmy(policy.period.to)}` : ''}), áp dụng theo ngày khai giảng ${dmy(course.startDate)}.${verified}`;
  return { kind: 'covered', policy: refOf(policy), items, total, explanation };
}

/** The study days of a class: its distinct scheduled session dates, or its calendar days when none are scheduled. */
export function classStudyDays(startDate: IsoDate, endDate: IsoDate, sessionDays: number): { days: number; basis: string } {
  if (sessionDays > 0) return { days: sessionDays, basis: 'số ngày có buổi học theo lịch' };
  const days = nightsBetween(startDate, endDate) + 1;
  return { days, basis: `từ ${dmy(startDate)} đến ${dmy(endDate)}` };
}

// ---------- payments ----------

export type PaymentVerdict = { ok: true; remaining: bigint } | { ok: false; code: 'PAYMENT_ABOVE_OWED' | 'NOTHING_OWED'; message: string };

/** A payment is a positive whole amount no greater than what is still owed (owed − already paid). */
export function checkSupportPayment(owed: bigint, paid: bigint, amount: bigint): PaymentVerdict {
  if (owed <= 0n) return { ok: false, code: 'NOTHING_OWED', message: 'Học viên này không thuộc diện được hỗ trợ theo chính sách đang áp dụng.' };
  const remaining = owed > paid ? owed - paid : 0n;
  if (amount > remaining)
    return { ok: false, code: 'PAYMENT_ABOVE_OWED', message: `Số tiền chi ${fmt(amount)} vượt số còn được hỗ trợ ${fmt(remaining)} (được hỗ trợ ${fmt(owed)}, đã chi ${fmt(paid)}).` };
  return { ok: true, remaining: remaining - amount };
}

export const formatSupportDong = fmt;
