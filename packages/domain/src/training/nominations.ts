/**
 * Nominations (chọn cử): the approval chain as data, and a class's places and waitlist.
 *
 * A nomination holds a place from the moment the agency makes it until it is withdrawn or refused:
 * `nominated`, `approved_agency`, `approved_board` and `enrolled` hold one (docs/decisions/0009).
 * The waitlist is first in, first out by nomination time (`nominatedAt`, then `id` to break ties):
 * a nomination gets a place when the free places outnumber the waitlisted nominations made before
 * it, and is waitlisted behind them otherwise; when places free up, the earliest waitlisted ones
 * take them and start the approval chain (`nominated`).
 */
import { TrainingError } from './errors.js';
import { APPROVAL_ROUTES } from './seed.js';
import type { Approver, Nomination, NominationStatus, ProgrammeKind } from './types.js';

export const NOMINATION_STATUS_LABELS: Record<NominationStatus, string> = {
  nominated: 'Cơ quan đã cử đi học (giữ chỗ)',
  approved_agency: 'Lãnh đạo cơ quan đã duyệt',
  approved_board: 'Cơ quan quản lý cán bộ đã duyệt',
  enrolled: 'Đã ghi danh vào lớp',
  waitlisted: 'Chờ chỗ trong lớp',
  withdrawn: 'Đã rút',
  refused: 'Không được duyệt',
};

export const APPROVER_LABELS: Record<Approver, string> = {
  agency: 'Cơ quan, đơn vị cử đi học',
  provincial_board: 'Ban Tổ chức Tỉnh ủy',
  home_affairs: 'Sở Nội vụ',
  school: 'Cơ sở đào tạo',
};

/** Statuses that hold a place in the class. */
export const PLACE_HOLDING_STATUSES: readonly NominationStatus[] = ['nominated', 'approved_agency', 'approved_board', 'enrolled'];

/** Statuses that close a nomination; a closed one holds nothing and blocks nothing. */
export const CLOSED_STATUSES: readonly NominationStatus[] = ['withdrawn', 'refused'];

/** The status a waitlisted nomination takes when it gets a place: it starts the approval chain. */
export const PROMOTED_STATUS: NominationStatus = 'nominated';

export interface ApprovalStep {
  approver: Approver;
  label: string;
  /** The status on approval (the school's approval enrols: the place is already held). */
  onApprove: NominationStatus;
  onRefuse: 'refused';
}

/** The approvers of a programme kind, in order: agency → provincial board or home affairs → school. */
export function approvalChain(kind: ProgrammeKind): Approver[] {
  return ['agency', APPROVAL_ROUTES[kind], 'school'];
}

/**
 * Who acts next on a nomination in `status`, or null when no approval is pending: enrolled,
 * withdrawn and refused are final, and a waitlisted one waits for a place (promoteFromWaitlist),
 * then starts at the agency.
 */
export function nextApprovalStep(kind: ProgrammeKind, status: NominationStatus): ApprovalStep | null {
  const [agency, board, school] = approvalChain(kind) as [Approver, Approver, Approver];
  const step = (approver: Approver, onApprove: ApprovalStep['onApprove']): ApprovalStep => ({
    approver,
    label: APPROVER_LABELS[approver],
    onApprove,
    onRefuse: 'refused',
  });
  switch (status) {
    case 'nominated':
      return step(agency, 'approved_agency');
    case 'approved_agency':
      return step(board, 'approved_board');
    case 'approved_board':
      return step(school, 'enrolled');
    default:
      return null;
  }
}

// ---------- places and waitlist ----------

function byNominationTime(a: Pick<Nomination, 'id' | 'nominatedAt'>, b: Pick<Nomination, 'id' | 'nominatedAt'>): number {
  if (a.nominatedAt !== b.nominatedAt) return a.nominatedAt < b.nominatedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function assertCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 0)
    throw new TrainingError('INVALID_CAPACITY', 'Sĩ số tối đa của lớp phải là số nguyên không âm.', { capacity });
}

/** The waitlist in promotion order. */
export function waitlistOrder(nominations: readonly Nomination[]): Nomination[] {
  return nominations.filter((n) => n.status === 'waitlisted').sort(byNominationTime);
}

export interface Placement {
  /** The status the nomination gets: `nominated` (a place) or `waitlisted`; or a duplicate, refused. */
  decision: 'nominated' | 'waitlisted' | 'duplicate';
  /** 1-based place in the waitlist when waitlisted. */
  position: number | null;
  facts: { capacity: number; taken: number; free: number; waitlistedAhead: number; duplicateOf?: string };
  detail: string;
}

function freePlaces(capacity: number, nominations: readonly Nomination[]): { taken: number; free: number } {
  assertCapacity(capacity);
  const taken = nominations.filter((n) => PLACE_HOLDING_STATUSES.includes(n.status)).length;
  return { taken, free: Math.max(0, capacity - taken) };
}

/**
 * A new nomination into a class: a place or the waitlist. `nominations` are the class's others (the
 * candidate, if listed, is ignored). A person with another open nomination in the class is a duplicate.
 */
export function placeNomination(input: {
  capacity: number;
  nominations: readonly Nomination[];
  candidate: Pick<Nomination, 'id' | 'personId' | 'nominatedAt'>;
}): Placement {
  const { capacity, candidate } = input;
  const others = input.nominations.filter((n) => n.id !== candidate.id);
  const { taken, free } = freePlaces(capacity, others);
  const duplicate = others.find((n) => n.personId === candidate.personId && !CLOSED_STATUSES.includes(n.status));
  const waitlistedAhead = others.filter((n) => n.status === 'waitlisted' && byNominationTime(n, candidate) < 0).length;
  const facts = { capacity, taken, free, waitlistedAhead };
  if (duplicate) {
    return {
      decision: 'duplicate',
      position: null,
      facts: { ...facts, duplicateOf: duplicate.id },
      detail: `Người này đã có trong danh sách của lớp (${NOMINATION_STATUS_LABELS[duplicate.status].toLowerCase()}).`,
    };
  }
  if (free > waitlistedAhead) {
    return {
      decision: 'nominated',
      position: null,
      facts,
      detail: `Được giữ chỗ: lớp còn ${free}/${capacity} chỗ, ${waitlistedAhead} người chờ được cử trước.`,
    };
  }
  const position = waitlistedAhead + 1;
  return {
    decision: 'waitlisted',
    position,
    facts,
    detail: `Vào danh sách chờ, thứ tự ${position}: lớp còn ${free}/${capacity} chỗ, ${waitlistedAhead} người chờ được cử trước.`,
  };
}

export interface Promotion {
  /** To move to PROMOTED_STATUS now, in order. */
  promote: Nomination[];
  /** Those still waiting, with their new 1-based position. */
  waiting: Array<{ nomination: Nomination; position: number }>;
  free: number;
}

/**
 * When places free up (a withdrawal, a refusal, a larger capacity): the earliest-nominated
 * waitlisted nominations take them, as many as there are free places. Places held above a reduced
 * capacity are kept; nobody is promoted until the class is below capacity again.
 */
export function promoteFromWaitlist(input: { capacity: number; nominations: readonly Nomination[] }): Promotion {
  const { free } = freePlaces(input.capacity, input.nominations);
  const queue = waitlistOrder(input.nominations);
  const promote = queue.slice(0, free);
  const waiting = queue.slice(free).map((nomination, i) => ({ nomination, position: i + 1 }));
  return { promote, waiting, free };
}
