/**
 * Service commitments after state-paid training and the reimbursement of its cost (cam kết thời gian
 * phục vụ, đền bù chi phí đào tạo; NĐ 101/2017 art. 37, NĐ 171/2025 art. 6-13 — the article numbers
 * and wording are not verified against the original texts here, see `COMMITMENT_RULES[].note`).
 * Pure: the service loads the training record (programme, sending decision date, course dates,
 * result, cost) and the leaving event, and writes what these functions answer (docs/decisions/0045).
 *
 * Counting (stated once, used everywhere):
 * - Training time (months) = calendar months from the course's first day to the day after its last
 *   day; a started month counts as a whole month (rounded up).
 * - The commitment T1 = multiplier × training months; it starts the day after the course ends and its
 *   last day is the day before `from + T1 months`.
 * - Months served T2 = whole calendar months from the commitment's first day to the day after the
 *   last day worked (the leaving day counts as served); a started month does not count (rounded down).
 * - S = F × (T1 − T2) / T1 in whole đồng with bigint arithmetic, rounded half up. Never floating point.
 */
import { isIsoDate, type IsoDate } from '../dates.js';
import { addDays } from '../rules/period.js';

// ---------- rules as data ----------

export interface CommitmentRule {
  id: string;
  document: { code: string; title: string };
  /** Commitment = multiplier × training time. */
  multiplier: number;
  /** Applies to people whose sending decision is dated in [from, to] (to null: still in force). */
  sentFrom: IsoDate;
  sentTo: IsoDate | null;
  /** Programmes whose state-paid courses create a commitment. */
  programmeCodes: readonly string[];
  note: string;
}

const UNVERIFIED_TEXT = 'Cần đối chiếu văn bản gốc';

export const COMMITMENT_RULES: readonly CommitmentRule[] = [
  {
    id: 'nd101-commitment',
    document: { code: '101/2017/NĐ-CP', title: 'Nghị định về đào tạo, bồi dưỡng cán bộ, công chức, viên chức' },
    multiplier: 2,
    sentFrom: '2017-09-01',
    sentTo: '2025-06-30',
    programmeCodes: ['SDH_THS', 'SDH_TS'],
    note: `Cam kết phục vụ gấp 02 lần thời gian đào tạo đối với người được cử đi đào tạo sau đại học trước ngày 01/7/2025. ${UNVERIFIED_TEXT}.`,
  },
  {
    id: 'nd171-commitment',
    document: { code: '171/2025/NĐ-CP', title: 'Nghị định quy định về đào tạo, bồi dưỡng công chức' },
    multiplier: 3,
    sentFrom: '2025-07-01',
    sentTo: null,
    programmeCodes: ['SDH_THS', 'SDH_TS'],
    note: `Cam kết phục vụ gấp 03 lần thời gian đào tạo (điều 6-13). ${UNVERIFIED_TEXT}.`,
  },
];

// ---------- dates by calendar month ----------

function parts(d: IsoDate): [number, number, number] {
  if (!isIsoDate(d)) throw new RangeError(`Not an ISO date: ${d}`);
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return [y, m, day];
}

const iso = (date: Date): IsoDate => date.toISOString().slice(0, 10);

/** `d` plus `months` calendar months; a day missing in the target month clamps to its last day. */
export function addMonths(d: IsoDate, months: number): IsoDate {
  const [y, m, day] = parts(d);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last))));
}

/** Whole calendar months from `a` to `b` (b ≥ a), a started month not counted. */
export function wholeMonthsBetween(a: IsoDate, b: IsoDate): number {
  if (b < a) return 0;
  const [ya, ma] = parts(a);
  const [yb, mb] = parts(b);
  let n = (yb - ya) * 12 + (mb - ma);
  while (n > 0 && addMonths(a, n) > b) n -= 1;
  return n;
}

/** Calendar months from `a` to `b`, a started month counted as whole. */
export function startedMonthsBetween(a: IsoDate, b: IsoDate): number {
  const n = wholeMonthsBetween(a, b);
  return addMonths(a, n) < b ? n + 1 : n;
}

// ---------- the commitment ----------

export interface CommitmentTraining {
  programmeCode: string;
  /** Paid by the state budget (a self-paid course creates no commitment). */
  statePaid: boolean;
  /** The sending decision's date: which document applies. */
  decisionDate: IsoDate;
  startDate: IsoDate;
  endDate: IsoDate;
}

export interface Commitment {
  ruleId: string;
  source: string;
  sourceNote: string;
  multiplier: number;
  trainingMonths: number;
  /** T1. */
  months: number;
  from: IsoDate;
  /** The last day of the commitment (inclusive). */
  to: IsoDate;
}

export function commitmentRuleFor(t: Pick<CommitmentTraining, 'programmeCode' | 'decisionDate'>, rules: readonly CommitmentRule[] = COMMITMENT_RULES): CommitmentRule | null {
  return (
    rules.find((r) => r.programmeCodes.includes(t.programmeCode) && r.sentFrom <= t.decisionDate && (r.sentTo === null || t.decisionDate <= r.sentTo)) ?? null
  );
}

/** The commitment a training creates, as of the end of the course; null when it creates none. */
export function commitmentFor(t: CommitmentTraining, rules: readonly CommitmentRule[] = COMMITMENT_RULES): Commitment | null {
  if (!t.statePaid || t.endDate < t.startDate) return null;
  const rule = commitmentRuleFor(t, rules);
  if (!rule) return null;
  const trainingMonths = Math.max(1, startedMonthsBetween(t.startDate, addDays(t.endDate, 1)));
  const months = trainingMonths * rule.multiplier;
  const from = addDays(t.endDate, 1);
  return {
    ruleId: rule.id,
    source: rule.document.code,
    sourceNote: rule.note,
    multiplier: rule.multiplier,
    trainingMonths,
    months,
    from,
    to: addDays(addMonths(from, months), -1),
  };
}

/** Months served and remaining as of a day (that day counted as served). */
export function commitmentProgress(c: Commitment, asOf: IsoDate): { served: number; remaining: number; fulfilled: boolean } {
  const served = Math.min(c.months, wholeMonthsBetween(c.from, addDays(asOf, 1)));
  return { served, remaining: c.months - served, fulfilled: asOf >= c.to };
}

// ---------- leaving and reimbursement ----------

export const LEAVING_REASONS = ['resigned', 'dismissed', 'left_public_sector', 'transferred_political_system'] as const;
export type LeavingReason = (typeof LEAVING_REASONS)[number];

export const LEAVING_REASON_LABELS: Record<LeavingReason, { vi: string; en: string }> = {
  resigned: { vi: 'Tự ý nghỉ việc, xin thôi việc', en: 'Resigned' },
  dismissed: { vi: 'Bị buộc thôi việc', en: 'Dismissed' },
  left_public_sector: { vi: 'Chuyển ra ngoài khu vực nhà nước', en: 'Left the public sector' },
  transferred_political_system: { vi: 'Điều động, luân chuyển trong hệ thống chính trị', en: 'Transferred within the political system' },
};

/** Grounds on which the board waives a case (with its decision). */
export const EXEMPTION_GROUNDS = ['illness', 'disaster', 'transferred_political_system'] as const;
export type ExemptionGround = (typeof EXEMPTION_GROUNDS)[number];

export const EXEMPTION_GROUND_LABELS: Record<ExemptionGround, { vi: string; en: string }> = {
  illness: { vi: 'Ốm đau có xác nhận của cơ quan y tế có thẩm quyền', en: 'Certified illness' },
  disaster: { vi: 'Gặp thiên tai, hỏa hoạn, hoàn cảnh khó khăn đặc biệt', en: 'Natural disaster or similar hardship' },
  transferred_political_system: { vi: 'Điều động, luân chuyển trong hệ thống chính trị', en: 'Transfer within the political system' },
};

export type CourseOutcome = 'graduated' | 'not_graduated' | 'withdrawn';

export type ReimbursementBasis = 'not_completed' | 'partial';

export type ReimbursementAssessment =
  | { kind: 'owed'; basis: ReimbursementBasis; amount: bigint; cost: bigint; months: number; served: number; explanation: string }
  | { kind: 'none'; code: 'COMMITMENT_FULFILLED' | 'COMMITMENT_EXEMPT' | 'NOTHING_OWED'; explanation: string };

export const formatDong = (n: bigint): string => `${n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;

/** F × (T1 − T2) / T1 rounded half up, in whole đồng. */
export function proratedCost(cost: bigint, months: number, served: number): bigint {
  if (cost < 0n || !Number.isInteger(months) || months <= 0 || !Number.isInteger(served) || served < 0) throw new RangeError('Invalid reimbursement inputs');
  const left = BigInt(Math.max(0, months - served));
  const t1 = BigInt(months);
  return (2n * cost * left + t1) / (2n * t1);
}

export type ReimbursementEvent =
  | { kind: 'course_not_completed'; outcome: Exclude<CourseOutcome, 'graduated'> }
  | { kind: 'left_service'; reason: LeavingReason; date: IsoDate };

/**
 * What a person owes. A course not completed (failed or withdrawn) owes the full cost; leaving the
 * service before the commitment ends owes the prorated cost; a transfer within the political system
 * is exempt; leaving after the commitment's last day owes nothing.
 */
export function assessReimbursement(c: Commitment, cost: bigint, event: ReimbursementEvent): ReimbursementAssessment {
  if (event.kind === 'course_not_completed') {
    const why = event.outcome === 'withdrawn' ? 'thôi học giữa chừng' : 'không hoàn thành, không tốt nghiệp khóa học';
    return {
      kind: 'owed',
      basis: 'not_completed',
      amount: cost,
      cost,
      months: c.months,
      served: 0,
      explanation: `Người học ${why}: đền bù 100% chi phí đào tạo, ${formatDong(cost)} (${c.source}).`,
    };
  }
  if (event.reason === 'transferred_political_system')
    return { kind: 'none', code: 'COMMITMENT_EXEMPT', explanation: 'Điều động, luân chuyển trong hệ thống chính trị: không phải đền bù chi phí đào tạo.' };
  const { served } = commitmentProgress(c, event.date);
  if (served >= c.months)
    return { kind: 'none', code: 'COMMITMENT_FULFILLED', explanation: `Đã phục vụ đủ ${c.months} tháng theo cam kết: không phải đền bù.` };
  const amount = proratedCost(cost, c.months, served);
  if (amount === 0n) return { kind: 'none', code: 'NOTHING_OWED', explanation: 'Số tiền phải đền bù sau khi làm tròn bằng 0 đồng.' };
  return {
    kind: 'owed',
    basis: 'partial',
    amount,
    cost,
    months: c.months,
    served,
    explanation:
      `${LEAVING_REASON_LABELS[event.reason].vi} khi chưa phục vụ đủ thời gian cam kết: S = F / T1 × (T1 − T2) = ` +
      `${formatDong(cost)} / ${c.months} × (${c.months} − ${served}) = ${formatDong(amount)} ` +
      `(F chi phí đào tạo; T1 = ${c.multiplier} × ${c.trainingMonths} tháng đào tạo theo ${c.source}; T2 số tháng đã phục vụ, tháng chưa trọn không tính; làm tròn đến đồng).`,
  };
}

// ---------- the case lifecycle ----------

export const CASE_STATUSES = ['notified', 'agreed', 'paid', 'waived'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, { vi: string; en: string }> = {
  notified: { vi: 'Đã thông báo', en: 'Notified' },
  agreed: { vi: 'Đã thống nhất mức đền bù', en: 'Amount agreed' },
  paid: { vi: 'Đã nộp đủ', en: 'Paid' },
  waived: { vi: 'Được miễn đền bù', en: 'Waived' },
};

export const CASE_ACTIONS = ['agree', 'recordPayment', 'waive'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export type CaseRefusalCode = 'CASE_STEP_ORDER' | 'PAYMENT_ABOVE_OWED' | 'PAYMENT_INVALID' | 'WAIVER_DECISION_REQUIRED';

export interface CaseRefusal {
  code: CaseRefusalCode;
  message: string;
  field?: string;
}

export interface CaseFacts {
  status: CaseStatus;
  amount: bigint;
  paid: bigint;
}

export type CaseStep =
  | { action: 'agree' }
  | { action: 'recordPayment'; amount: bigint }
  | { action: 'waive'; ground: ExemptionGround; decisionNumber: string };

const DUE_FROM: Record<CaseAction, readonly CaseStatus[]> = {
  agree: ['notified'],
  recordPayment: ['agreed'],
  waive: ['notified', 'agreed'],
};

/** The actions a case offers in its status (the caller adds the role check). */
export function caseActions(f: CaseFacts): CaseAction[] {
  return CASE_ACTIONS.filter((a) => DUE_FROM[a].includes(f.status));
}

export type CaseVerdict = { ok: true; value: CaseFacts } | { ok: false; refusal: CaseRefusal };

/** The next state of a case after a step, or why the step is refused. */
export function applyCaseStep(f: CaseFacts, step: CaseStep): CaseVerdict {
  if (!DUE_FROM[step.action].includes(f.status)) {
    const due = DUE_FROM[step.action].map((s) => CASE_STATUS_LABELS[s].vi.toLowerCase()).join(' hoặc ');
    return {
      ok: false,
      refusal: {
        code: 'CASE_STEP_ORDER',
        message: `Hồ sơ đền bù đang ở trạng thái "${CASE_STATUS_LABELS[f.status].vi}"; bước này chỉ làm được khi hồ sơ ${due}.`,
        field: 'action',
      },
    };
  }
  switch (step.action) {
    case 'agree':
      return { ok: true, value: { ...f, status: 'agreed' } };
    case 'waive':
      if (step.decisionNumber.trim() === '')
        return { ok: false, refusal: { code: 'WAIVER_DECISION_REQUIRED', message: 'Phải ghi số quyết định miễn đền bù.', field: 'decisionNumber' } };
      return { ok: true, value: { ...f, status: 'waived' } };
    case 'recordPayment': {
      if (step.amount <= 0n) return { ok: false, refusal: { code: 'PAYMENT_INVALID', message: 'Số tiền nộp phải là số đồng dương.', field: 'amount' } };
      const owed = f.amount - f.paid;
      if (step.amount > owed)
        return {
          ok: false,
          refusal: { code: 'PAYMENT_ABOVE_OWED', message: `Số tiền nộp ${formatDong(step.amount)} vượt số còn phải đền bù ${formatDong(owed)}.`, field: 'amount' },
        };
      const paid = f.paid + step.amount;
      return { ok: true, value: { ...f, paid, status: paid === f.amount ? 'paid' : 'agreed' } };
    }
  }
}
