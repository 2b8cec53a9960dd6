/**
 * Nominations (chọn cử): the one home of their lifecycle (docs/decisions/0013). Pure: the service
 * locks and loads the facts (the class row, the nomination row, the place counts) inside its
 * transaction, asks these functions, and writes what they answer. The web renders the `actions`
 * the server computes with them; nothing else re-derives a rule written here.
 *
 * - Places: a nomination holds a place from the moment the agency makes it until it is refused or
 *   withdrawn (`PLACE_HOLDING_STATUSES`, docs/decisions/0009). The waitlist is first in, first out
 *   by nomination time, ties by id (`waitlistOrder`); when places free up, the earliest waitlisted
 *   take them (`promoteFromWaitlist`). The repositories count places and order the waitlist in SQL
 *   the same way: nominations.differential.int.test.ts proves they agree.
 * - The chain (docs/decisions/0011): the agency's nomination is the agency step → the board step,
 *   held by `programmes.approver` (province_board or home_affairs) → the school step, whose
 *   acceptance enrols. `approved_agency` is a legacy status the board step accepts as due.
 * - Refusals carry the stable codes and Vietnamese messages the API answers with.
 */
import { hasPermission, type Role } from '../access.js';
import { formatViDate, type IsoDate } from '../dates.js';
import { TrainingError } from './errors.js';
import { APPROVAL_ROUTES } from './seed.js';
import type { Approver, ClassStatus, Nomination, NominationStatus, ProgrammeKind } from './types.js';
import { classPhrase } from './classes.js';

export const NOMINATION_STATUS_LABELS: Record<NominationStatus, { vi: string; en: string }> = {
  nominated: { vi: 'Đã cử, chờ cơ quan quản lý cán bộ duyệt', en: 'Nominated, awaiting the board' },
  approved_agency: { vi: 'Cơ quan đã duyệt', en: 'Approved by the agency' },
  approved_board: { vi: 'Cơ quan quản lý cán bộ đã duyệt, chờ cơ sở đào tạo tiếp nhận', en: 'Approved by the board, awaiting the school' },
  enrolled: { vi: 'Đã ghi danh vào lớp', en: 'Enrolled' },
  waitlisted: { vi: 'Trong danh sách chờ', en: 'Waitlisted' },
  refused: { vi: 'Không được duyệt', en: 'Refused' },
  withdrawn: { vi: 'Đã rút', en: 'Withdrawn' },
};

/** Who holds each step of the chain. */
export type ChainActor = 'agency' | Approver | 'school';

export const CHAIN_ACTOR_LABELS: Record<ChainActor, string> = {
  agency: 'Cơ quan, đơn vị cử đi học',
  province_board: 'Ban Tổ chức Tỉnh ủy',
  home_affairs: 'Sở Nội vụ',
  school: 'Cơ sở đào tạo',
};

/** Statuses that hold a place in the class. */
export const PLACE_HOLDING_STATUSES: readonly NominationStatus[] = ['nominated', 'approved_agency', 'approved_board', 'enrolled'];

/** Statuses that close a nomination; a closed one holds nothing and blocks nothing. */
export const CLOSED_STATUSES: readonly NominationStatus[] = ['withdrawn', 'refused'];

/** The status a waitlisted nomination takes when it gets a place: it goes on to the board step. */
export const PROMOTED_STATUS: NominationStatus = 'nominated';

export const holdsPlace = (status: NominationStatus): boolean => PLACE_HOLDING_STATUSES.includes(status);
export const isClosed = (status: NominationStatus): boolean => CLOSED_STATUSES.includes(status);

// ---------- the chain ----------

/** The steps a decision is taken at (the agency's step is the nomination itself). */
export type DecisionStep = 'board' | 'school';

/**
 * The approver of a programme kind (`APPROVAL_ROUTES`: the default `programmes.approver` the
 * catalogue seeds); the provincial board for a kind it does not know.
 */
export function approverOfKind(kind: string): Approver {
  return APPROVAL_ROUTES[kind as ProgrammeKind] ?? 'province_board';
}

/**
 * The step whose approval is due: the board's for a nomination the agency made (and the legacy
 * `approved_agency`), the school's once the board approved; null otherwise (enrolled and closed
 * are final; a waitlisted one waits for a place, then goes to the board).
 */
export function stepDue(status: NominationStatus): DecisionStep | null {
  if (status === 'nominated' || status === 'approved_agency') return 'board';
  if (status === 'approved_board') return 'school';
  return null;
}

/** The step at which a nomination can be refused now: the step due, or the board's for a waitlisted one. */
export function refusalStep(status: NominationStatus): DecisionStep | null {
  return status === 'waitlisted' ? 'board' : stepDue(status);
}

/** Who acts next on a nomination: the programme's approver, then the school; null when nobody does. */
export function awaitingOf(status: NominationStatus, approver: Approver): Approver | 'school' | null {
  const step = stepDue(status);
  return step === 'board' ? approver : step;
}

// ---------- places and waitlist ----------

export interface PlaceCounts {
  /** Nominations holding a place. */
  taken: number;
  waitlisted: number;
}

function assertCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 0)
    throw new TrainingError('INVALID_CAPACITY', 'Sĩ số tối đa của lớp phải là số nguyên không âm.', { capacity });
}

/** The class's places held and waiting, from its nominations (the rule the SQL counts mirror). */
export function countPlaces(nominations: readonly Pick<Nomination, 'status'>[]): PlaceCounts {
  let taken = 0;
  let waitlisted = 0;
  for (const n of nominations) {
    if (holdsPlace(n.status)) taken += 1;
    else if (n.status === 'waitlisted') waitlisted += 1;
  }
  return { taken, waitlisted };
}

/** Free places: never negative (a capacity reduced below the places held removes nobody). */
export function freePlaces(capacity: number, taken: number): number {
  assertCapacity(capacity);
  return Math.max(0, capacity - taken);
}

/** First in, first out: by nomination time, then id. */
export function byNominationTime(a: Pick<Nomination, 'id' | 'nominatedAt'>, b: Pick<Nomination, 'id' | 'nominatedAt'>): number {
  if (a.nominatedAt !== b.nominatedAt) return a.nominatedAt < b.nominatedAt ? -1 : 1;
  return a.id - b.id;
}

/** The waitlist in promotion order. */
export function waitlistOrder<T extends Nomination>(nominations: readonly T[]): T[] {
  return nominations.filter((n) => n.status === 'waitlisted').sort(byNominationTime);
}

/** Each waitlisted nomination's 1-based place in the waitlist, by id. */
export function waitlistPositions(nominations: readonly Nomination[]): Map<number, number> {
  return new Map(waitlistOrder(nominations).map((n, i) => [n.id, i + 1]));
}

// ---------- refusals ----------

export type NominationRefusalCode =
  'ALREADY_NOMINATED' | 'CLASS_CLOSED' | 'CLASS_FINISHED' | 'FORBIDDEN' | 'NOMINATION_CLOSED' | 'NOMINATION_STEP_ORDER';

/** Why the lifecycle refuses: a stable code, the Vietnamese message, the request field it is about. */
export interface NominationRefusal {
  code: NominationRefusalCode;
  message: string;
  path?: string;
}

export type NominationVerdict<T> = { ok: true; value: T } | { ok: false; refusal: NominationRefusal };

const refuse = (code: NominationRefusalCode, message: string, path?: string): { ok: false; refusal: NominationRefusal } => ({
  ok: false,
  refusal: path === undefined ? { code, message } : { code, message, path },
});

/** The person already has an open nomination in the class (`status` when known). */
export function alreadyNominated(status: NominationStatus | null): NominationRefusal {
  const label = status ? ` (${NOMINATION_STATUS_LABELS[status].vi.toLowerCase()})` : '';
  return {
    code: 'ALREADY_NOMINATED',
    message: `Người này đã có trong danh sách cử vào lớp${label}; không cử lần thứ hai.`,
    path: 'personId',
  };
}

// ---------- the class ----------

/** What the rules read of a class. */
export interface NominationClassFacts {
  name: string;
  status: ClassStatus;
  endDate: IsoDate;
  approver: Approver;
  programmeName: string;
  organiserName: string;
}

/** Nominations are taken only into an open class that has not ended on `today`; null when it takes them. */
export function classRefusesNominations(
  cls: Pick<NominationClassFacts, 'name' | 'status' | 'endDate'>,
  today: IsoDate,
): NominationRefusal | null {
  if (cls.status === 'finished' || cls.endDate < today) {
    const when = cls.status === 'finished' ? 'đã xét tốt nghiệp' : `ngày ${formatViDate(cls.endDate)}`;
    return { code: 'CLASS_FINISHED', message: `${classPhrase(cls.name, 'start')} đã kết thúc (${when}), không nhận thêm người được cử.` };
  }
  if (cls.status === 'closed')
    return { code: 'CLASS_CLOSED', message: `${classPhrase(cls.name, 'start')} đã khóa danh sách, không nhận thêm người được cử.` };
  return null;
}

/** A user may nominate into the class: the permission, and a class that takes nominations today. */
export function mayNominateInto(role: Role, cls: Pick<NominationClassFacts, 'name' | 'status' | 'endDate'>, today: IsoDate): boolean {
  return hasPermission(role, 'nominations.write') && classRefusesNominations(cls, today) === null;
}

/**
 * An ineligible person may still be nominated with a reason by whoever may override the rules
 * engine (the provincial board, the system administrator).
 */
export function mayOverrideEligibility(role: Role): boolean {
  return hasPermission(role, 'nominations.override');
}

// ---------- nominating ----------

export interface Placement {
  status: 'nominated' | 'waitlisted';
  /** 1-based place in the waitlist when waitlisted. */
  waitlistPosition: number | null;
}

/**
 * A new nomination into a class, its places counted under the class lock: refused when the person
 * already has an open one (`live`, its status); else a place when the free places outnumber the
 * nominations already waiting (a new nomination comes after all of them), the waitlist behind them
 * otherwise. Promotion keeps a class with free places free of waiting ones, so this is "a place
 * while one is free".
 */
export function placeNomination(input: {
  capacity: number;
  places: PlaceCounts;
  live: NominationStatus | null;
}): NominationVerdict<Placement> {
  if (input.live !== null) return { ok: false, refusal: alreadyNominated(input.live) };
  const { taken, waitlisted } = input.places;
  if (freePlaces(input.capacity, taken) > waitlisted) return { ok: true, value: { status: 'nominated', waitlistPosition: null } };
  return { ok: true, value: { status: 'waitlisted', waitlistPosition: waitlisted + 1 } };
}

/** The note of the `waitlist` step a waitlisted nomination records. */
export const waitlistNote = (capacity: number): string => `Lớp đã đủ ${capacity} chỗ.`;

// ---------- promotion ----------

/** The note of the `promoted` step. */
export const PROMOTION_NOTE = 'Lớp có chỗ trống; chuyển từ danh sách chờ vào lớp.';

/**
 * How many waitlisted nominations take a place now (a withdrawal, a refusal, a larger capacity):
 * the free places, at most the waiting ones; none in a finished class. Places held above a
 * reduced capacity are kept; nobody moves up until the class is below capacity again.
 */
export function placesToFill(cls: { capacity: number; status: ClassStatus }, places: PlaceCounts): number {
  if (cls.status === 'finished') return 0;
  return Math.min(freePlaces(cls.capacity, places.taken), places.waitlisted);
}

export interface Promotion<T extends Nomination> {
  /** To move to PROMOTED_STATUS now, in order. */
  promote: T[];
  /** Those still waiting, with their new 1-based position. */
  waiting: { nomination: T; position: number }[];
}

/** Which waitlisted nominations move up, in order, and the waitlist after them. */
export function promoteFromWaitlist<T extends Nomination>(
  cls: { capacity: number; status: ClassStatus },
  nominations: readonly T[],
): Promotion<T> {
  const queue = waitlistOrder(nominations);
  const n = placesToFill(cls, countPlaces(nominations));
  return { promote: queue.slice(0, n), waiting: queue.slice(n).map((nomination, i) => ({ nomination, position: i + 1 })) };
}

// ---------- deciding and withdrawing ----------

/** The user acting, and where the nomination lies relative to their scope. */
export interface NominationActor {
  role: Role;
  /** The class's organiser unit lies in the user's scope (the school of the class). */
  organiserInScope: boolean;
  /** The nominated person lies in the user's scope (the sending agency). */
  personInScope: boolean;
}

export interface NominationFacts {
  status: NominationStatus;
  cls: NominationClassFacts;
}

export interface Decision {
  step: DecisionStep;
  decision: 'approved' | 'refused';
}

export interface DecisionOutcome {
  status: 'approved_board' | 'enrolled' | 'refused';
  /** The school's acceptance: create the enrolment (the class dates as its span). */
  enrols: boolean;
  /** A place is freed: the earliest waitlisted take it in the same transaction. */
  freesPlace: boolean;
}

const STATUS_AFTER: Record<DecisionStep, 'approved_board' | 'enrolled'> = { board: 'approved_board', school: 'enrolled' };

function mayDecide(actor: NominationActor, step: DecisionStep, cls: NominationClassFacts): NominationRefusal | null {
  if (step === 'board') {
    const approver = CHAIN_ACTOR_LABELS[cls.approver];
    if (!hasPermission(actor.role, 'nominations.approve')) return { code: 'FORBIDDEN', message: `Bước này do ${approver} duyệt.` };
    if (actor.role !== 'system_admin' && actor.role !== cls.approver)
      return { code: 'FORBIDDEN', message: `Chương trình ${cls.programmeName} do ${approver} duyệt, không phải đơn vị của bạn.` };
    return null;
  }
  if (!hasPermission(actor.role, 'classes.manage') || !actor.organiserInScope)
    return { code: 'FORBIDDEN', message: `Bước tiếp nhận do cơ sở đào tạo tổ chức lớp (${cls.organiserName}) thực hiện.` };
  return null;
}

function openNomination(status: NominationStatus): NominationRefusal | null {
  if (!isClosed(status)) return null;
  return {
    code: 'NOMINATION_CLOSED',
    message: `Hồ sơ cử đi học đã kết thúc (${NOMINATION_STATUS_LABELS[status].vi.toLowerCase()}); không duyệt hay rút được nữa.`,
  };
}

/** The chain's order: the board after the agency, the school after the board; a waitlisted nomination can only be refused. */
function stepOrder(d: Decision, status: NominationStatus, cls: NominationClassFacts): NominationRefusal | null {
  const approver = CHAIN_ACTOR_LABELS[cls.approver];
  const out = (message: string): NominationRefusal => ({ code: 'NOMINATION_STEP_ORDER', message });
  if (status === 'waitlisted' && (d.step === 'school' || d.decision === 'approved'))
    return out('Hồ sơ đang trong danh sách chờ: chỉ được duyệt khi lớp có chỗ và hồ sơ được chuyển vào lớp.');
  if (d.step === 'board') {
    if (status === 'approved_board') return out(`${approver} đã duyệt hồ sơ này; bước tiếp theo là cơ sở đào tạo tiếp nhận.`);
    if (status === 'enrolled') return out('Học viên đã được ghi danh vào lớp; không duyệt lại được.');
    return null;
  }
  if (status === 'nominated' || status === 'approved_agency')
    return out(`${approver} chưa duyệt hồ sơ này; cơ sở đào tạo chỉ tiếp nhận sau khi ${approver} duyệt.`);
  if (status === 'enrolled') return out('Học viên đã được ghi danh vào lớp.');
  return null;
}

/**
 * A board or school decision on a nomination: who may take the step (the board step: nominations.approve
 * and the programme's approver role, or the system administrator; the school step: classes.manage
 * over the organiser unit), then whether it is due, then (the school's acceptance) whether the class
 * still takes learners. A refusal of a place-holding nomination frees its place.
 */
export function decideNomination(actor: NominationActor, facts: NominationFacts, d: Decision): NominationVerdict<DecisionOutcome> {
  const refusal = mayDecide(actor, d.step, facts.cls) ?? openNomination(facts.status) ?? stepOrder(d, facts.status, facts.cls);
  if (refusal) return { ok: false, refusal };
  const approved = d.decision === 'approved';
  if (approved && d.step === 'school' && facts.cls.status === 'finished')
    return refuse('CLASS_FINISHED', `${classPhrase(facts.cls.name, 'start')} đã kết thúc, không tiếp nhận thêm học viên.`);
  const status = approved ? STATUS_AFTER[d.step] : 'refused';
  return { ok: true, value: { status, enrols: status === 'enrolled', freesPlace: !approved && holdsPlace(facts.status) } };
}

export interface WithdrawalOutcome {
  status: 'withdrawn';
  /** An enrolled learner leaves: the enrolment is marked withdrawn and ends on this day (never before it started). */
  endsEnrolmentOn: IsoDate | null;
  freesPlace: boolean;
}

/**
 * Withdrawal: the sending agency (nominations.write, the person in scope) before enrolment; the
 * school (classes.manage over the organiser unit) for an enrolled learner, whose enrolment ends `today`.
 */
export function withdrawNomination(
  actor: NominationActor,
  facts: Pick<NominationFacts, 'status'>,
  today: IsoDate,
): NominationVerdict<WithdrawalOutcome> {
  const closed = openNomination(facts.status);
  if (closed) return { ok: false, refusal: closed };
  const enrolled = facts.status === 'enrolled';
  if (enrolled) {
    if (!hasPermission(actor.role, 'classes.manage') || !actor.organiserInScope)
      return refuse('FORBIDDEN', 'Học viên đã ghi danh vào lớp: việc rút khỏi lớp do cơ sở đào tạo tổ chức lớp thực hiện.');
  } else if (!hasPermission(actor.role, 'nominations.write') || !actor.personInScope) {
    return refuse(
      'FORBIDDEN',
      'Chỉ cơ quan, đơn vị cử người đi học mới rút được hồ sơ chưa ghi danh; cơ sở đào tạo dùng quyết định không tiếp nhận.',
    );
  }
  return { ok: true, value: { status: 'withdrawn', endsEnrolmentOn: enrolled ? today : null, freesPlace: holdsPlace(facts.status) } };
}

// ---------- what a user may do ----------

/**
 * approve: the board step's approval; enrol: the school's acceptance (the school step's approval);
 * refuse: a refusal at `refusalStep`; withdraw.
 */
export const NOMINATION_ACTIONS = ['approve', 'refuse', 'enrol', 'withdraw'] as const;
export type NominationAction = (typeof NOMINATION_ACTIONS)[number];

/**
 * The actions the user may take on the nomination now: exactly those `decideNomination` and
 * `withdrawNomination` would accept, so a button shown is a request the server takes.
 */
export function nominationActions(actor: NominationActor, facts: NominationFacts, today: IsoDate): NominationAction[] {
  const out: NominationAction[] = [];
  if (decideNomination(actor, facts, { step: 'board', decision: 'approved' }).ok) out.push('approve');
  const refusal = refusalStep(facts.status);
  if (refusal && decideNomination(actor, facts, { step: refusal, decision: 'refused' }).ok) out.push('refuse');
  if (decideNomination(actor, facts, { step: 'school', decision: 'approved' }).ok) out.push('enrol');
  if (withdrawNomination(actor, facts, today).ok) out.push('withdraw');
  return out;
}
