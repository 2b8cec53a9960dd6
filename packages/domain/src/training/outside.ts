/**
 * Training outside the province's own classes (đào tạo, bồi dưỡng ngoài các lớp của tỉnh): a person
 * sent to the national academy for cao cấp LLCT, to a university for a master's, or abroad. Pure:
 * the service loads the facts (the record's status, the programme's approver, where the person lies
 * relative to the user) and writes what these functions answer (docs/decisions/0027).
 *
 * The chain: the sending agency proposes (`proposed`, with the rules engine's answer as of the start
 * date, as a nomination) → the programme's approver (`province_board` or `home_affairs`, the same
 * `programmes.approver` nominations use) approves (`approved`) or refuses → the same approver records
 * the sending decision (quyết định cử đi học: number, date, signer) and the person is `sent` → the
 * result is recorded (`completed`: graduated with a classification, not graduated, or withdrawn from
 * the course). There is no school step: no provincial school takes part, and the receiving
 * institution's admission is outside the province's chain; the sending decision takes its place.
 * Before the sending decision the agency may withdraw its proposal (`withdrawn`).
 */
import { hasPermission, type Role } from '../access.js';
import { formatViDate, isIsoDate, type IsoDate } from '../dates.js';
import type { BandCode } from './types.js';
import type { Approver } from './types.js';
import { CHAIN_ACTOR_LABELS } from './nominations.js';

export const OUTSIDE_STATUSES = ['proposed', 'approved', 'sent', 'completed', 'refused', 'withdrawn'] as const;
export type OutsideStatus = (typeof OUTSIDE_STATUSES)[number];

export const OUTSIDE_STATUS_LABELS: Record<OutsideStatus, { vi: string; en: string }> = {
  proposed: { vi: 'Đã đề nghị, chờ cơ quan quản lý cán bộ duyệt', en: 'Proposed, awaiting the board' },
  approved: { vi: 'Đã duyệt, chờ quyết định cử đi học', en: 'Approved, awaiting the sending decision' },
  sent: { vi: 'Đã có quyết định cử đi học', en: 'Sent (decision issued)' },
  completed: { vi: 'Đã có kết quả', en: 'Result recorded' },
  refused: { vi: 'Không được duyệt', en: 'Refused' },
  withdrawn: { vi: 'Đã rút đề nghị', en: 'Proposal withdrawn' },
};

/** Closed without training taking place: they block nothing and count nowhere. */
export const OUTSIDE_CLOSED_STATUSES: readonly OutsideStatus[] = ['refused', 'withdrawn'];

/** The training takes place (or took place): counted in person-times. */
export const OUTSIDE_COUNTED_STATUSES: readonly OutsideStatus[] = ['sent', 'completed'];

export const isOutsideClosed = (s: OutsideStatus): boolean => OUTSIDE_CLOSED_STATUSES.includes(s);

export const OUTSIDE_RESULTS = ['graduated', 'not_graduated', 'withdrawn'] as const;
export type OutsideResult = (typeof OUTSIDE_RESULTS)[number];

export const OUTSIDE_RESULT_LABELS: Record<OutsideResult, { vi: string; en: string }> = {
  graduated: { vi: 'Tốt nghiệp, hoàn thành', en: 'Graduated' },
  not_graduated: { vi: 'Không tốt nghiệp, không hoàn thành', en: 'Not graduated' },
  withdrawn: { vi: 'Thôi học giữa chừng', en: 'Withdrew from the course' },
};

export const OUTSIDE_CLASSIFICATIONS: readonly BandCode[] = ['xuat_sac', 'gioi', 'kha', 'trung_binh_kha', 'trung_binh'];

// ---------- the actor and the facts ----------

/** The user acting, and where the record lies relative to their scope. */
export interface OutsideActor {
  role: Role;
  /** The person sent lies in the user's scope (the sending agency, or the board over the province). */
  personInScope: boolean;
}

export interface OutsideFacts {
  status: OutsideStatus;
  /** Who approves the programme (programmes.approver). */
  approver: Approver;
  programmeName: string;
}

export const OUTSIDE_ACTIONS = ['approve', 'refuse', 'recordDecision', 'recordResult', 'withdraw'] as const;
export type OutsideAction = (typeof OUTSIDE_ACTIONS)[number];

export type OutsideRefusalCode = 'FORBIDDEN' | 'OUTSIDE_STEP_ORDER' | 'OUTSIDE_CLOSED';

export interface OutsideRefusal {
  code: OutsideRefusalCode;
  message: string;
}

export type OutsideVerdict<T> = { ok: true; value: T } | { ok: false; refusal: OutsideRefusal };

const no = (code: OutsideRefusalCode, message: string): { ok: false; refusal: OutsideRefusal } => ({
  ok: false,
  refusal: { code, message },
});

/** The status each action moves the record to (recordResult: completed, whatever the result). */
export const OUTSIDE_STATUS_AFTER: Record<OutsideAction, OutsideStatus> = {
  approve: 'approved',
  refuse: 'refused',
  recordDecision: 'sent',
  recordResult: 'completed',
  withdraw: 'withdrawn',
};

/** The status each action is taken from. */
const DUE_FROM: Record<OutsideAction, readonly OutsideStatus[]> = {
  approve: ['proposed'],
  refuse: ['proposed'],
  recordDecision: ['approved'],
  recordResult: ['sent'],
  withdraw: ['proposed', 'approved'],
};

/** The approver's steps: the programme's approver role, or the system administrator. */
function approverMay(actor: OutsideActor, f: OutsideFacts): OutsideRefusal | null {
  const approver = CHAIN_ACTOR_LABELS[f.approver];
  if (!hasPermission(actor.role, 'nominations.approve') || !actor.personInScope)
    return { code: 'FORBIDDEN', message: `Bước này do ${approver} thực hiện.` };
  if (actor.role !== 'system_admin' && actor.role !== f.approver)
    return {
      code: 'FORBIDDEN',
      message: `Chương trình ${f.programmeName} do ${approver} duyệt và ra quyết định cử đi học, không phải đơn vị của bạn.`,
    };
  return null;
}

/** The sending agency's steps: nominations.write over the person. */
function agencyMay(actor: OutsideActor): OutsideRefusal | null {
  if (!hasPermission(actor.role, 'nominations.write') || !actor.personInScope)
    return { code: 'FORBIDDEN', message: 'Chỉ cơ quan, đơn vị cử người đi học mới thực hiện được bước này.' };
  return null;
}

function whoMay(action: OutsideAction, actor: OutsideActor, f: OutsideFacts): OutsideRefusal | null {
  switch (action) {
    case 'approve':
    case 'refuse':
    case 'recordDecision':
      return approverMay(actor, f);
    case 'withdraw':
      return agencyMay(actor);
    case 'recordResult':
      // the agency reports the result it received; the approver may record it too
      return agencyMay(actor) === null ? null : approverMay(actor, f);
  }
}

function stepOrder(action: OutsideAction, f: OutsideFacts): OutsideRefusal | null {
  if (DUE_FROM[action].includes(f.status)) return null;
  const label = OUTSIDE_STATUS_LABELS[f.status].vi.toLowerCase();
  if (isOutsideClosed(f.status))
    return { code: 'OUTSIDE_CLOSED', message: `Hồ sơ cử đi học đã kết thúc (${label}); không thay đổi được nữa.` };
  const approver = CHAIN_ACTOR_LABELS[f.approver];
  const message: Record<OutsideAction, string> = {
    approve: `Hồ sơ không còn chờ duyệt (${label}).`,
    refuse: `Hồ sơ không còn chờ duyệt (${label}); người đã được cử đi học thì ghi kết quả "thôi học giữa chừng".`,
    recordDecision:
      f.status === 'proposed'
        ? `${approver} chưa duyệt hồ sơ này; quyết định cử đi học chỉ ghi sau khi duyệt.`
        : `Hồ sơ đã có quyết định cử đi học (${label}).`,
    recordResult:
      f.status === 'completed'
        ? 'Hồ sơ đã có kết quả học tập.'
        : `Chưa có quyết định cử đi học (${label}); chỉ ghi kết quả sau khi người học được cử đi.`,
    withdraw: `Đã có quyết định cử đi học (${label}); không rút đề nghị được nữa, nếu người học thôi học thì ghi kết quả "thôi học giữa chừng".`,
  };
  return { code: 'OUTSIDE_STEP_ORDER', message: message[action] };
}

/** Whether the actor may take the action now: who first, then whether the step is due. */
export function decideOutside(actor: OutsideActor, f: OutsideFacts, action: OutsideAction): OutsideVerdict<OutsideStatus> {
  const refusal = whoMay(action, actor, f) ?? stepOrder(action, f);
  return refusal ? no(refusal.code, refusal.message) : { ok: true, value: OUTSIDE_STATUS_AFTER[action] };
}

/** Every action the actor may take now, in vocabulary order: exactly what decideOutside accepts. */
export function outsideActions(actor: OutsideActor, f: OutsideFacts): OutsideAction[] {
  return OUTSIDE_ACTIONS.filter((a) => decideOutside(actor, f, a).ok);
}

/** The agency may propose: nominations.write (the person's scope is checked by the repository). */
export const mayProposeOutside = (role: Role): boolean => hasPermission(role, 'nominations.write');

// ---------- input checks ----------

/** A field problem: the request field, a stable code and the Vietnamese message. */
export interface OutsideFieldError {
  path: string;
  code: string;
  message: string;
}

const fieldErr = (path: string, code: string, message: string): OutsideFieldError => ({ path, code, message });

export interface OutsideProposalInput {
  startDate: IsoDate;
  endDate: IsoDate;
  /** VND, a whole number ≥ 0; null when not known yet. */
  cost: number | null;
  institution: string;
  abroad: boolean;
  country: string | null;
}

/** The proposal's own checks: the period, the cost, the institution and (abroad) the country. */
export function checkOutsideProposal(input: OutsideProposalInput): OutsideFieldError[] {
  const out: OutsideFieldError[] = [];
  if (!isIsoDate(input.startDate)) out.push(fieldErr('startDate', 'INVALID_DATE', 'Ngày bắt đầu học không hợp lệ.'));
  if (!isIsoDate(input.endDate)) out.push(fieldErr('endDate', 'INVALID_DATE', 'Ngày kết thúc khóa học không hợp lệ.'));
  else if (isIsoDate(input.startDate) && input.endDate < input.startDate)
    out.push(
      fieldErr(
        'endDate',
        'DATE_BEFORE_START',
        `Ngày kết thúc khóa học (${formatViDate(input.endDate)}) trước ngày bắt đầu (${formatViDate(input.startDate)}).`,
      ),
    );
  if (input.cost !== null && (!Number.isSafeInteger(input.cost) || input.cost < 0))
    out.push(fieldErr('cost', 'INVALID_COST', 'Kinh phí phải là số tiền nguyên (đồng), không âm.'));
  if (input.institution.trim() === '')
    out.push(fieldErr('institution', 'REQUIRED', 'Phải nhập cơ sở đào tạo (ví dụ: Học viện Chính trị quốc gia Hồ Chí Minh).'));
  if (input.abroad && (input.country ?? '').trim() === '')
    out.push(fieldErr('country', 'REQUIRED', 'Học ở nước ngoài: phải nhập tên nước.'));
  return out;
}

/** The sending decision: signed on or before the first day of study (and not after today). */
export function checkSendingDecision(input: { decisionDate: IsoDate; startDate: IsoDate; today: IsoDate }): OutsideFieldError[] {
  if (!isIsoDate(input.decisionDate)) return [fieldErr('decisionDate', 'INVALID_DATE', 'Ngày ký quyết định không hợp lệ.')];
  if (input.decisionDate > input.today) return [fieldErr('decisionDate', 'DATE_IN_FUTURE', 'Ngày ký quyết định không được ở tương lai.')];
  if (input.decisionDate > input.startDate)
    return [
      fieldErr(
        'decisionDate',
        'DECISION_AFTER_START',
        `Quyết định cử đi học phải ký trước hoặc đúng ngày bắt đầu học (${formatViDate(input.startDate)}).`,
      ),
    ];
  return [];
}

export interface OutsideResultInput {
  result: OutsideResult;
  classification: BandCode | null;
  resultDate: IsoDate;
  startDate: IsoDate;
  endDate: IsoDate;
  today: IsoDate;
}

/**
 * The result: a graduation or a failure is known at the end of the course (on or after its end
 * date), a withdrawal from the first day; never in the future; a classification only, and always,
 * for a graduate.
 */
export function checkOutsideResult(input: OutsideResultInput): OutsideFieldError[] {
  const out: OutsideFieldError[] = [];
  if (!isIsoDate(input.resultDate)) out.push(fieldErr('resultDate', 'INVALID_DATE', 'Ngày có kết quả không hợp lệ.'));
  else if (input.resultDate > input.today) out.push(fieldErr('resultDate', 'DATE_IN_FUTURE', 'Ngày có kết quả không được ở tương lai.'));
  else if (input.result === 'withdrawn' && input.resultDate < input.startDate)
    out.push(fieldErr('resultDate', 'RESULT_BEFORE_START', `Ngày thôi học trước ngày bắt đầu học (${formatViDate(input.startDate)}).`));
  else if (input.result !== 'withdrawn' && input.resultDate < input.endDate)
    out.push(
      fieldErr(
        'resultDate',
        'RESULT_BEFORE_END',
        `Khóa học kết thúc ngày ${formatViDate(input.endDate)}; kết quả tốt nghiệp chỉ ghi từ ngày đó trở đi.`,
      ),
    );
  if (input.result === 'graduated' && input.classification === null)
    out.push(fieldErr('classification', 'REQUIRED', 'Tốt nghiệp: phải chọn xếp loại.'));
  if (input.result !== 'graduated' && input.classification !== null)
    out.push(fieldErr('classification', 'CLASSIFICATION_NOT_ALLOWED', 'Chỉ ghi xếp loại khi tốt nghiệp.'));
  return out;
}

/** Two periods share at least one day (both ends included). */
export function periodsOverlap(a: { startDate: IsoDate; endDate: IsoDate }, b: { startDate: IsoDate; endDate: IsoDate }): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}

/**
 * A record that stops a new one for the same person and programme: open (not refused, not
 * withdrawn), not ended in a failure or a withdrawal, and overlapping the new period.
 */
export function blocksNewOutside(
  existing: { status: OutsideStatus; result: OutsideResult | null; startDate: IsoDate; endDate: IsoDate },
  wanted: { startDate: IsoDate; endDate: IsoDate },
): boolean {
  if (isOutsideClosed(existing.status)) return false;
  if (existing.status === 'completed' && existing.result !== 'graduated') return false;
  return periodsOverlap(existing, wanted);
}

export function duplicateOutside(existing: { startDate: IsoDate; endDate: IsoDate; programmeName: string }): OutsideFieldError {
  return fieldErr(
    'startDate',
    'OUTSIDE_DUPLICATE',
    `Người này đã có hồ sơ đi học ${existing.programmeName} từ ${formatViDate(existing.startDate)} đến ${formatViDate(existing.endDate)}, trùng thời gian; không lập hồ sơ thứ hai.`,
  );
}

// ---------- counting in a year (person-times, plan against actual) ----------

/**
 * How a record counts in year Y, each a person-time (lượt): `sent` when its sending decision is
 * dated in Y; `started` when it starts in Y; `carriedOver` when it started before Y and ends in Y or
 * later (the convention of classes, classYearStatus); `finished` when its result (graduated or not)
 * is dated in Y. Only records that took place (sent or completed) count; a withdrawal from the
 * course counts as started and carried over but not as finished.
 */
export interface OutsideYearCounts {
  sent: boolean;
  started: boolean;
  carriedOver: boolean;
  finished: boolean;
}

export function outsideYearCounts(
  r: {
    status: OutsideStatus;
    decisionDate: IsoDate | null;
    startDate: IsoDate;
    endDate: IsoDate;
    result: OutsideResult | null;
    resultDate: IsoDate | null;
  },
  year: number,
): OutsideYearCounts {
  const none = { sent: false, started: false, carriedOver: false, finished: false };
  if (!OUTSIDE_COUNTED_STATUSES.includes(r.status)) return none;
  const y = (d: IsoDate) => Number(d.slice(0, 4));
  const start = y(r.startDate);
  // a withdrawal ends the record on its date; otherwise it runs to the end date
  const end = r.result === 'withdrawn' && r.resultDate !== null ? y(r.resultDate) : y(r.endDate);
  return {
    sent: r.decisionDate !== null && y(r.decisionDate) === year,
    started: start === year,
    carriedOver: start < year && end >= year,
    finished: r.result !== null && r.result !== 'withdrawn' && r.resultDate !== null && y(r.resultDate) === year,
  };
}
