import { describe, expect, it } from 'vitest';
import type { Role } from '../access.js';
import { SHIPPED_PROGRAMMES } from '../rules/seed.js';
import { TrainingError } from './errors.js';
import {
  alreadyNominated,
  approverOfKind,
  awaitingOf,
  classRefusesNominations,
  countPlaces,
  decideNomination,
  mayNominateInto,
  mayOverrideEligibility,
  nominationActions,
  placeNomination,
  placesToFill,
  PROMOTED_STATUS,
  promoteFromWaitlist,
  refusalStep,
  stepDue,
  waitlistOrder,
  waitlistPositions,
  withdrawNomination,
  type NominationActor,
  type NominationClassFacts,
  type NominationRefusalCode,
} from './nominations.js';
import type { Approver, ClassStatus, Nomination, NominationStatus, ProgrammeKind } from './types.js';

let seq = 0;
function nom(status: NominationStatus, nominatedAt: string, id = ++seq): Nomination {
  return { id, status, nominatedAt };
}

const TODAY = '2026-03-01';
const cls = (over: Partial<NominationClassFacts> = {}): NominationClassFacts => ({
  name: 'Lớp TC LLCT K12',
  status: 'open',
  endDate: '2026-12-20',
  approver: 'province_board',
  programmeName: 'Trung cấp lý luận chính trị',
  organiserName: 'Trường Chính trị tỉnh',
  ...over,
});
const actor = (role: Role, over: Partial<NominationActor> = {}): NominationActor => ({
  role,
  organiserInScope: false,
  personInScope: false,
  ...over,
});
/** The users of the chain as the server sees them. */
const AGENCY = actor('unit_officer', { personInScope: true });
const BOARD = actor('province_board', { personInScope: true });
const HOME_AFFAIRS = actor('home_affairs', { personInScope: true });
const SCHOOL = actor('school_registrar', { organiserInScope: true });
const OTHER_SCHOOL = actor('school_registrar');
const ADMIN = actor('system_admin', { personInScope: true, organiserInScope: true });
const LEARNER = actor('learner');
const LECTURER = actor('lecturer');

describe('the chain: agency (the nomination) → province board or home affairs → school', () => {
  it.each<[NominationStatus, 'board' | 'school' | null, 'board' | 'school' | null, Approver | 'school' | null]>([
    ['nominated', 'board', 'board', 'province_board'],
    ['approved_agency', 'board', 'board', 'province_board'],
    ['approved_board', 'school', 'school', 'school'],
    ['waitlisted', null, 'board', null],
    ['enrolled', null, null, null],
    ['refused', null, null, null],
    ['withdrawn', null, null, null],
  ])('%s: step due %s, refusal at %s, awaiting %s', (status, due, refusal, awaiting) => {
    expect(stepDue(status)).toBe(due);
    expect(refusalStep(status)).toBe(refusal);
    expect(awaitingOf(status, 'province_board')).toBe(awaiting);
  });

  it('waits for home affairs on its programmes', () => {
    expect(awaitingOf('nominated', 'home_affairs')).toBe('home_affairs');
  });

  it.each<[ProgrammeKind, Approver]>([
    ['political_theory', 'province_board'],
    ['new_party_member', 'province_board'],
    ['knowledge_update', 'province_board'],
    ['state_management', 'home_affairs'],
    ['thematic', 'home_affairs'],
    ['postgraduate', 'home_affairs'],
  ])('%s is approved by %s', (kind, approver) => {
    expect(approverOfKind(kind)).toBe(approver);
  });

  it('names an approver for every shipped programme, the provincial board for an unknown kind', () => {
    for (const p of SHIPPED_PROGRAMMES) expect(['province_board', 'home_affairs']).toContain(approverOfKind(p.kind));
    expect(approverOfKind('unknown')).toBe('province_board');
  });

  it('promoted nominations go to the board step', () => {
    expect(stepDue(PROMOTED_STATUS)).toBe('board');
  });
});

describe('places: counted, ordered, positioned', () => {
  const list = [
    nom('nominated', '2026-02-01T00:00:00.000Z', 1),
    nom('approved_agency', '2026-02-01T00:00:00.000Z', 2),
    nom('approved_board', '2026-02-01T00:00:00.000Z', 3),
    nom('enrolled', '2026-02-01T00:00:00.000Z', 4),
    nom('waitlisted', '2026-02-05T00:00:00.000Z', 5),
    nom('waitlisted', '2026-02-03T00:00:00.000Z', 9),
    nom('waitlisted', '2026-02-03T00:00:00.000Z', 6),
    nom('refused', '2026-01-01T00:00:00.000Z', 7),
    nom('withdrawn', '2026-01-01T00:00:00.000Z', 8),
  ];
  it('counts the place-holding statuses and the waitlist; closed ones count for neither', () => {
    expect(countPlaces(list)).toEqual({ taken: 4, waitlisted: 3 });
    expect(countPlaces([])).toEqual({ taken: 0, waitlisted: 0 });
  });
  it('orders the waitlist by nomination time, equal times by id', () => {
    expect(waitlistOrder(list).map((n) => n.id)).toEqual([6, 9, 5]);
    expect([...waitlistPositions(list)]).toEqual([
      [6, 1],
      [9, 2],
      [5, 3],
    ]);
  });
  it('compares ids as numbers (10 after 9)', () => {
    const same = '2026-02-10T08:00:00.000Z';
    expect(waitlistOrder([nom('waitlisted', same, 10), nom('waitlisted', same, 9)]).map((n) => n.id)).toEqual([9, 10]);
  });
});

describe('placeNomination: a place while one is free, else the waitlist behind those waiting', () => {
  it.each<[string, number, { taken: number; waitlisted: number }, 'nominated' | 'waitlisted', number | null]>([
    ['empty class', 30, { taken: 0, waitlisted: 0 }, 'nominated', null],
    ['the last place', 2, { taken: 1, waitlisted: 0 }, 'nominated', null],
    ['full class', 1, { taken: 1, waitlisted: 0 }, 'waitlisted', 1],
    ['full class with two waiting', 1, { taken: 1, waitlisted: 2 }, 'waitlisted', 3],
    ['a free place but one already waiting (goes behind)', 2, { taken: 1, waitlisted: 1 }, 'waitlisted', 2],
    ['two free places, one waiting', 3, { taken: 1, waitlisted: 1 }, 'nominated', null],
    ['capacity reduced below the places held', 1, { taken: 2, waitlisted: 0 }, 'waitlisted', 1],
    ['capacity 0', 0, { taken: 0, waitlisted: 0 }, 'waitlisted', 1],
  ])('%s', (_name, capacity, places, status, position) => {
    const r = placeNomination({ capacity, places, live: null });
    expect(r).toEqual({ ok: true, value: { status, waitlistPosition: position } });
  });

  it.each<[NominationStatus | null, string]>([
    ['waitlisted', 'Người này đã có trong danh sách cử vào lớp (trong danh sách chờ); không cử lần thứ hai.'],
    ['enrolled', 'Người này đã có trong danh sách cử vào lớp (đã ghi danh vào lớp); không cử lần thứ hai.'],
    [null, 'Người này đã có trong danh sách cử vào lớp; không cử lần thứ hai.'],
  ])('refuses a second open nomination of the person (%s)', (live, message) => {
    if (live !== null) {
      expect(placeNomination({ capacity: 5, places: { taken: 0, waitlisted: 0 }, live })).toEqual({
        ok: false,
        refusal: { code: 'ALREADY_NOMINATED', message, path: 'personId' },
      });
    }
    expect(alreadyNominated(live)).toEqual({ code: 'ALREADY_NOMINATED', message, path: 'personId' });
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses capacity %s', (capacity) => {
    expect(() => placeNomination({ capacity, places: { taken: 0, waitlisted: 0 }, live: null })).toThrow(TrainingError);
  });
});

describe('promoteFromWaitlist: first nominated, first promoted', () => {
  const waiting = [
    nom('waitlisted', '2026-02-05T09:00:00.000Z', 13),
    nom('waitlisted', '2026-02-03T09:00:00.000Z', 11),
    nom('waitlisted', '2026-02-04T09:00:00.000Z', 12),
    nom('waitlisted', '2026-02-04T09:00:00.000Z', 14),
  ];
  const enrolled = (n: number) => Array.from({ length: n }, (_, i) => nom('enrolled', '2026-01-01T00:00:00.000Z', 100 + i));

  it.each<[string, number, ClassStatus, Nomination[], number[], number[]]>([
    ['one place frees', 3, 'open', [...enrolled(2), ...waiting], [11], [12, 14, 13]],
    ['two places free (equal times by id)', 4, 'open', [...enrolled(2), ...waiting], [11, 12], [14, 13]],
    ['more places than waiting', 10, 'open', [...enrolled(2), ...waiting], [11, 12, 14, 13], []],
    ['no free place', 2, 'open', [...enrolled(2), ...waiting], [], [11, 12, 14, 13]],
    ['over capacity after a reduction', 1, 'open', [...enrolled(2), ...waiting], [], [11, 12, 14, 13]],
    ['a closed class still promotes', 3, 'closed', [...enrolled(2), ...waiting], [11], [12, 14, 13]],
    ['a finished class promotes nobody', 10, 'finished', [...enrolled(2), ...waiting], [], [11, 12, 14, 13]],
    [
      'withdrawn ones are not on the waitlist',
      3,
      'open',
      [...enrolled(2), nom('withdrawn', '2026-01-01T00:00:00.000Z', 99), ...waiting],
      [11],
      [12, 14, 13],
    ],
  ])('%s', (_name, capacity, status, nominations, promoted, still) => {
    const r = promoteFromWaitlist({ capacity, status }, nominations);
    expect(r.promote.map((n) => n.id)).toEqual(promoted);
    expect(r.waiting.map((w) => w.nomination.id)).toEqual(still);
    expect(r.waiting.map((w) => w.position)).toEqual(still.map((_, i) => i + 1));
    expect(placesToFill({ capacity, status }, countPlaces(nominations))).toBe(promoted.length);
  });
});

describe('whether a class takes nominations', () => {
  it.each<[ClassStatus, string, NominationRefusalCode | null, string | null]>([
    ['open', '2026-12-20', null, null],
    ['open', TODAY, null, null],
    ['open', '2026-02-28', 'CLASS_FINISHED', 'Lớp TC LLCT K12 đã kết thúc (ngày 28/02/2026), không nhận thêm người được cử.'],
    ['finished', '2026-12-20', 'CLASS_FINISHED', 'Lớp TC LLCT K12 đã kết thúc (đã xét tốt nghiệp), không nhận thêm người được cử.'],
    ['closed', '2026-12-20', 'CLASS_CLOSED', 'Lớp TC LLCT K12 đã khóa danh sách, không nhận thêm người được cử.'],
  ])('%s, ending %s → %s', (status, endDate, code, message) => {
    const c = cls({ name: 'TC LLCT K12', status, endDate });
    expect(classRefusesNominations(c, TODAY)).toEqual(code === null ? null : { code, message });
    expect(mayNominateInto('unit_officer', c, TODAY)).toBe(code === null);
    expect(mayNominateInto('school_registrar', c, TODAY)).toBe(false);
  });

  it.each<[Role, boolean]>([
    ['province_board', true],
    ['system_admin', true],
    ['home_affairs', false],
    ['unit_officer', false],
  ])('%s may override the rules engine: %s', (role, may) => {
    expect(mayOverrideEligibility(role)).toBe(may);
  });
});

describe('decideNomination: who may take the step, whether it is due', () => {
  type Row = [string, NominationActor, NominationStatus, 'board' | 'school', 'approved' | 'refused', NominationRefusalCode | string];
  it.each<Row>([
    // the board step
    ['the board approves', BOARD, 'nominated', 'board', 'approved', 'approved_board'],
    ['the board approves a legacy approved_agency', BOARD, 'approved_agency', 'board', 'approved', 'approved_board'],
    ['the board refuses', BOARD, 'nominated', 'board', 'refused', 'refused'],
    ['the board refuses a waitlisted one', BOARD, 'waitlisted', 'board', 'refused', 'refused'],
    ['the board cannot approve a waitlisted one', BOARD, 'waitlisted', 'board', 'approved', 'NOMINATION_STEP_ORDER'],
    ['the board cannot approve twice', BOARD, 'approved_board', 'board', 'approved', 'NOMINATION_STEP_ORDER'],
    ['the board cannot decide an enrolled one', BOARD, 'enrolled', 'board', 'refused', 'NOMINATION_STEP_ORDER'],
    ['home affairs does not hold a province board programme', HOME_AFFAIRS, 'nominated', 'board', 'approved', 'FORBIDDEN'],
    ['the system administrator holds either', ADMIN, 'nominated', 'board', 'approved', 'approved_board'],
    ['the agency has no board step', AGENCY, 'nominated', 'board', 'approved', 'FORBIDDEN'],
    ['the school has no board step', SCHOOL, 'nominated', 'board', 'refused', 'FORBIDDEN'],
    ['the learner has no step', LEARNER, 'nominated', 'board', 'approved', 'FORBIDDEN'],
    ['a closed nomination', BOARD, 'withdrawn', 'board', 'approved', 'NOMINATION_CLOSED'],
    ['a refused nomination', BOARD, 'refused', 'board', 'refused', 'NOMINATION_CLOSED'],
    // the school step
    ['the school enrols', SCHOOL, 'approved_board', 'school', 'approved', 'enrolled'],
    ['the school refuses', SCHOOL, 'approved_board', 'school', 'refused', 'refused'],
    ['the school waits for the board', SCHOOL, 'nominated', 'school', 'approved', 'NOMINATION_STEP_ORDER'],
    ['the school waits for the board (legacy)', SCHOOL, 'approved_agency', 'school', 'refused', 'NOMINATION_STEP_ORDER'],
    ['the school cannot take a waitlisted one', SCHOOL, 'waitlisted', 'school', 'refused', 'NOMINATION_STEP_ORDER'],
    ['the school cannot enrol twice', SCHOOL, 'enrolled', 'school', 'approved', 'NOMINATION_STEP_ORDER'],
    ['another school', OTHER_SCHOOL, 'approved_board', 'school', 'approved', 'FORBIDDEN'],
    ['the board has no school step', BOARD, 'approved_board', 'school', 'approved', 'FORBIDDEN'],
    ['the lecturer has no step', LECTURER, 'approved_board', 'school', 'approved', 'FORBIDDEN'],
  ])('%s', (_name, who, status, step, decision, expected) => {
    const r = decideNomination(who, { status, cls: cls() }, { step, decision });
    if (r.ok) expect(r.value.status).toBe(expected);
    else expect(r.refusal.code).toBe(expected);
  });

  it.each<[NominationActor, NominationStatus, 'board' | 'school', 'approved' | 'refused', string]>([
    [AGENCY, 'nominated', 'board', 'approved', 'Bước này do Ban Tổ chức Tỉnh ủy duyệt.'],
    [
      HOME_AFFAIRS,
      'nominated',
      'board',
      'approved',
      'Chương trình Trung cấp lý luận chính trị do Ban Tổ chức Tỉnh ủy duyệt, không phải đơn vị của bạn.',
    ],
    [
      OTHER_SCHOOL,
      'approved_board',
      'school',
      'approved',
      'Bước tiếp nhận do cơ sở đào tạo tổ chức lớp (Trường Chính trị tỉnh) thực hiện.',
    ],
    [BOARD, 'withdrawn', 'board', 'approved', 'Hồ sơ cử đi học đã kết thúc (đã rút); không duyệt hay rút được nữa.'],
    [
      BOARD,
      'waitlisted',
      'board',
      'approved',
      'Hồ sơ đang trong danh sách chờ: chỉ được duyệt khi lớp có chỗ và hồ sơ được chuyển vào lớp.',
    ],
    [BOARD, 'approved_board', 'board', 'approved', 'Ban Tổ chức Tỉnh ủy đã duyệt hồ sơ này; bước tiếp theo là cơ sở đào tạo tiếp nhận.'],
    [BOARD, 'enrolled', 'board', 'approved', 'Học viên đã được ghi danh vào lớp; không duyệt lại được.'],
    [
      SCHOOL,
      'nominated',
      'school',
      'approved',
      'Ban Tổ chức Tỉnh ủy chưa duyệt hồ sơ này; cơ sở đào tạo chỉ tiếp nhận sau khi Ban Tổ chức Tỉnh ủy duyệt.',
    ],
    [SCHOOL, 'enrolled', 'school', 'approved', 'Học viên đã được ghi danh vào lớp.'],
  ])('explains the refusal of %o on %s', (who, status, step, decision, message) => {
    const r = decideNomination(who, { status, cls: cls() }, { step, decision });
    expect(r.ok ? null : r.refusal.message).toBe(message);
  });

  it('home affairs holds its own programmes', () => {
    const r = decideNomination(
      HOME_AFFAIRS,
      { status: 'nominated', cls: cls({ approver: 'home_affairs' }) },
      { step: 'board', decision: 'approved' },
    );
    expect(r.ok).toBe(true);
  });

  it('a finished class enrols nobody, but a refusal still passes', () => {
    const finished = cls({ status: 'finished' });
    expect(decideNomination(SCHOOL, { status: 'approved_board', cls: finished }, { step: 'school', decision: 'approved' })).toEqual({
      ok: false,
      refusal: { code: 'CLASS_FINISHED', message: 'Lớp TC LLCT K12 đã kết thúc, không tiếp nhận thêm học viên.' },
    });
    expect(decideNomination(SCHOOL, { status: 'approved_board', cls: finished }, { step: 'school', decision: 'refused' }).ok).toBe(true);
  });

  it.each<[NominationStatus, 'board' | 'school', 'approved' | 'refused', boolean, boolean]>([
    ['nominated', 'board', 'refused', false, true],
    ['waitlisted', 'board', 'refused', false, false],
    ['nominated', 'board', 'approved', false, false],
    ['approved_board', 'school', 'approved', true, false],
    ['approved_board', 'school', 'refused', false, true],
  ])('%s, %s %s: enrols %s, frees a place %s', (status, step, decision, enrols, freesPlace) => {
    const r = decideNomination(ADMIN, { status, cls: cls() }, { step, decision });
    expect(r.ok && { enrols: r.value.enrols, freesPlace: r.value.freesPlace }).toEqual({ enrols, freesPlace });
  });
});

describe('withdrawNomination: the agency before enrolment, the school after', () => {
  it.each<[string, NominationActor, NominationStatus, NominationRefusalCode | null, string | null, boolean]>([
    ['the agency withdraws its nomination', AGENCY, 'nominated', null, null, true],
    ['the agency withdraws a waitlisted one', AGENCY, 'waitlisted', null, null, false],
    ['the agency withdraws after the board approved', AGENCY, 'approved_board', null, null, true],
    ['the agency cannot withdraw an enrolled learner', AGENCY, 'enrolled', 'FORBIDDEN', null, false],
    ['an agency without the person in scope', actor('unit_officer'), 'nominated', 'FORBIDDEN', null, false],
    ['the school withdraws an enrolled learner', SCHOOL, 'enrolled', null, TODAY, true],
    ['the school refuses rather than withdraws', SCHOOL, 'nominated', 'FORBIDDEN', null, false],
    ['another school', OTHER_SCHOOL, 'enrolled', 'FORBIDDEN', null, false],
    ['the learner', LEARNER, 'nominated', 'FORBIDDEN', null, false],
    ['already withdrawn', AGENCY, 'withdrawn', 'NOMINATION_CLOSED', null, false],
    ['refused', SCHOOL, 'refused', 'NOMINATION_CLOSED', null, false],
  ])('%s', (_name, who, status, code, endsOn, frees) => {
    const r = withdrawNomination(who, { status }, TODAY);
    if (code) expect(r.ok ? null : r.refusal.code).toBe(code);
    else expect(r).toEqual({ ok: true, value: { status: 'withdrawn', endsEnrolmentOn: endsOn, freesPlace: frees } });
  });

  it.each<[NominationActor, NominationStatus, string]>([
    [AGENCY, 'enrolled', 'Học viên đã ghi danh vào lớp: việc rút khỏi lớp do cơ sở đào tạo tổ chức lớp thực hiện.'],
    [
      SCHOOL,
      'nominated',
      'Chỉ cơ quan, đơn vị cử người đi học mới rút được hồ sơ chưa ghi danh; cơ sở đào tạo dùng quyết định không tiếp nhận.',
    ],
  ])('explains the refusal', (who, status, message) => {
    const r = withdrawNomination(who, { status }, TODAY);
    expect(r.ok ? null : r.refusal.message).toBe(message);
  });
});

describe('nominationActions: exactly what the server accepts', () => {
  it.each<[string, NominationActor, NominationStatus, ClassStatus, string[]]>([
    ['board, nominated', BOARD, 'nominated', 'open', ['approve', 'refuse', 'withdraw']],
    ['board, legacy approved_agency', BOARD, 'approved_agency', 'open', ['approve', 'refuse', 'withdraw']],
    ['board, waitlisted', BOARD, 'waitlisted', 'open', ['refuse', 'withdraw']],
    ['board, approved', BOARD, 'approved_board', 'open', ['withdraw']],
    ['home affairs, not its programme', HOME_AFFAIRS, 'nominated', 'open', ['withdraw']],
    ['school, nominated', SCHOOL, 'nominated', 'open', []],
    ['school, approved', SCHOOL, 'approved_board', 'open', ['refuse', 'enrol']],
    ['school, approved, class finished', SCHOOL, 'approved_board', 'finished', ['refuse']],
    ['school, enrolled', SCHOOL, 'enrolled', 'open', ['withdraw']],
    ['another school, approved', OTHER_SCHOOL, 'approved_board', 'open', []],
    ['agency, nominated', AGENCY, 'nominated', 'open', ['withdraw']],
    ['agency, enrolled', AGENCY, 'enrolled', 'open', []],
    ['agency, refused', AGENCY, 'refused', 'open', []],
    ['learner', LEARNER, 'nominated', 'open', []],
    ['lecturer', LECTURER, 'approved_board', 'open', []],
    ['administrator, nominated', ADMIN, 'nominated', 'open', ['approve', 'refuse', 'withdraw']],
    ['administrator, approved', ADMIN, 'approved_board', 'open', ['refuse', 'enrol', 'withdraw']],
  ])('%s → %o', (_name, who, status, classStatus, actions) => {
    expect(nominationActions(who, { status, cls: cls({ status: classStatus }) }, TODAY)).toEqual(actions);
  });
});
