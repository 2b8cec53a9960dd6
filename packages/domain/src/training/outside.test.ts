import { describe, expect, it } from 'vitest';
import type { Role } from '../access.js';
import {
  blocksNewOutside,
  checkOutsideProposal,
  checkOutsideResult,
  checkSendingDecision,
  decideOutside,
  OUTSIDE_ACTIONS,
  outsideActions,
  outsideYearCounts,
  periodsOverlap,
  type OutsideAction,
  type OutsideFacts,
  type OutsideProposalInput,
  type OutsideStatus,
} from './outside.js';

const facts = (status: OutsideStatus, approver: OutsideFacts['approver'] = 'province_board'): OutsideFacts => ({
  status,
  approver,
  programmeName: 'Cao cấp lý luận chính trị',
});
const actor = (role: Role, personInScope = true) => ({ role, personInScope });

describe('decideOutside: who takes each step, and when', () => {
  const cases: [string, Role, boolean, OutsideStatus, OutsideFacts['approver'], OutsideAction, string][] = [
    // [label, role, person in scope, status, approver, action, expected: new status or refusal code]
    ['the board approves a proposal of its programme', 'province_board', true, 'proposed', 'province_board', 'approve', 'approved'],
    ['the board refuses a proposal', 'province_board', true, 'proposed', 'province_board', 'refuse', 'refused'],
    ['home affairs does not approve a board programme', 'home_affairs', true, 'proposed', 'province_board', 'approve', 'FORBIDDEN'],
    ['home affairs approves a postgraduate proposal', 'home_affairs', true, 'proposed', 'home_affairs', 'approve', 'approved'],
    ['the system administrator approves anything', 'system_admin', true, 'proposed', 'home_affairs', 'approve', 'approved'],
    ['the agency does not approve', 'unit_officer', true, 'proposed', 'province_board', 'approve', 'FORBIDDEN'],
    ['the school has no step', 'school_registrar', true, 'proposed', 'province_board', 'approve', 'FORBIDDEN'],
    ['approving twice is out of order', 'province_board', true, 'approved', 'province_board', 'approve', 'OUTSIDE_STEP_ORDER'],
    ['the decision after the approval', 'province_board', true, 'approved', 'province_board', 'recordDecision', 'sent'],
    ['no decision before the approval', 'province_board', true, 'proposed', 'province_board', 'recordDecision', 'OUTSIDE_STEP_ORDER'],
    ['the agency does not sign the decision', 'unit_officer', true, 'approved', 'province_board', 'recordDecision', 'FORBIDDEN'],
    ['the agency records the result', 'unit_officer', true, 'sent', 'province_board', 'recordResult', 'completed'],
    ['the approver records the result', 'province_board', true, 'sent', 'province_board', 'recordResult', 'completed'],
    ['another agency does not', 'unit_officer', false, 'sent', 'province_board', 'recordResult', 'FORBIDDEN'],
    ['no result before the decision', 'unit_officer', true, 'approved', 'province_board', 'recordResult', 'OUTSIDE_STEP_ORDER'],
    ['no second result', 'unit_officer', true, 'completed', 'province_board', 'recordResult', 'OUTSIDE_STEP_ORDER'],
    ['the agency withdraws a proposal', 'unit_officer', true, 'proposed', 'province_board', 'withdraw', 'withdrawn'],
    ['the agency withdraws an approved one', 'unit_officer', true, 'approved', 'province_board', 'withdraw', 'withdrawn'],
    ['no withdrawal once sent', 'unit_officer', true, 'sent', 'province_board', 'withdraw', 'OUTSIDE_STEP_ORDER'],
    ['a refused record is closed', 'province_board', true, 'refused', 'province_board', 'approve', 'OUTSIDE_CLOSED'],
    ['a withdrawn record is closed', 'unit_officer', true, 'withdrawn', 'province_board', 'withdraw', 'OUTSIDE_CLOSED'],
    ['a lecturer does nothing', 'lecturer', true, 'sent', 'province_board', 'recordResult', 'FORBIDDEN'],
    ['a learner does nothing', 'learner', true, 'proposed', 'province_board', 'withdraw', 'FORBIDDEN'],
  ];
  it.each(cases)('%s', (_label, role, inScope, status, approver, action, expected) => {
    const v = decideOutside(actor(role, inScope), facts(status, approver), action);
    expect(v.ok ? v.value : v.refusal.code).toBe(expected);
    if (!v.ok) expect(v.refusal.message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/u);
  });

  it('names the approver in a refusal of the wrong body', () => {
    const v = decideOutside(actor('home_affairs'), facts('proposed'), 'approve');
    expect(!v.ok && v.refusal.message).toContain('Ban Tổ chức Tỉnh ủy');
  });

  it('lists exactly the actions decideOutside accepts', () => {
    const statuses: OutsideStatus[] = ['proposed', 'approved', 'sent', 'completed', 'refused', 'withdrawn'];
    const roles: Role[] = ['system_admin', 'province_board', 'home_affairs', 'unit_officer', 'school_registrar', 'lecturer', 'learner'];
    for (const s of statuses)
      for (const r of roles)
        for (const inScope of [true, false]) {
          const a = actor(r, inScope);
          const f = facts(s);
          expect(outsideActions(a, f)).toEqual(OUTSIDE_ACTIONS.filter((x) => decideOutside(a, f, x).ok));
        }
    expect(outsideActions(actor('province_board'), facts('proposed'))).toEqual(['approve', 'refuse', 'withdraw']);
    expect(outsideActions(actor('unit_officer'), facts('sent'))).toEqual(['recordResult']);
  });
});

describe('checkOutsideProposal', () => {
  const ok: OutsideProposalInput = {
    startDate: '2026-09-01',
    endDate: '2027-06-30',
    cost: 45_000_000,
    institution: 'Học viện Chính trị quốc gia Hồ Chí Minh',
    abroad: false,
    country: null,
  };
  const cases: [string, Partial<OutsideProposalInput>, string[]][] = [
    ['a valid proposal', {}, []],
    ['an unknown cost', { cost: null }, []],
    ['a one-day course', { endDate: '2026-09-01' }, []],
    ['end before start', { endDate: '2026-08-31' }, ['endDate:DATE_BEFORE_START']],
    ['a negative cost', { cost: -1 }, ['cost:INVALID_COST']],
    ['a fractional cost', { cost: 1000.5 }, ['cost:INVALID_COST']],
    ['an empty institution', { institution: '   ' }, ['institution:REQUIRED']],
    ['abroad without a country', { abroad: true, country: null }, ['country:REQUIRED']],
    ['abroad with a country', { abroad: true, country: 'Singapore' }, []],
    ['a date that does not exist', { startDate: '2026-02-30' }, ['startDate:INVALID_DATE']],
  ];
  it.each(cases)('%s', (_label, over, expected) => {
    const errors = checkOutsideProposal({ ...ok, ...over });
    expect(errors.map((e) => `${e.path}:${e.code}`)).toEqual(expected);
    for (const e of errors) expect(e.message.length).toBeGreaterThan(10);
  });
});

describe('checkSendingDecision', () => {
  const cases: [string, string, string[]][] = [
    ['signed before the start', '2026-08-15', []],
    ['signed on the first day', '2026-09-01', []],
    ['signed after the start', '2026-09-02', ['DECISION_AFTER_START']],
    ['signed in the future', '2026-12-01', ['DATE_IN_FUTURE']],
    ['not a date', '2026-13-01', ['INVALID_DATE']],
  ];
  it.each(cases)('%s', (_label, decisionDate, expected) => {
    expect(checkSendingDecision({ decisionDate, startDate: '2026-09-01', today: '2026-10-01' }).map((e) => e.code)).toEqual(expected);
  });
});

describe('checkOutsideResult', () => {
  const base = { startDate: '2025-09-01', endDate: '2026-06-30', today: '2026-10-01' };
  const cases: [string, 'graduated' | 'not_graduated' | 'withdrawn', 'kha' | null, string, string[]][] = [
    ['graduated on the last day', 'graduated', 'kha', '2026-06-30', []],
    ['graduated later', 'graduated', 'kha', '2026-07-15', []],
    ['a result before the end', 'graduated', 'kha', '2026-06-29', ['resultDate:RESULT_BEFORE_END']],
    ['graduated without a classification', 'graduated', null, '2026-07-01', ['classification:REQUIRED']],
    ['not graduated with a classification', 'not_graduated', 'kha', '2026-07-01', ['classification:CLASSIFICATION_NOT_ALLOWED']],
    ['withdrawn during the course', 'withdrawn', null, '2026-01-10', []],
    ['withdrawn before it started', 'withdrawn', null, '2025-08-31', ['resultDate:RESULT_BEFORE_START']],
    ['a result in the future', 'not_graduated', null, '2026-10-02', ['resultDate:DATE_IN_FUTURE']],
  ];
  it.each(cases)('%s', (_label, result, classification, resultDate, expected) => {
    expect(checkOutsideResult({ ...base, result, classification, resultDate }).map((e) => `${e.path}:${e.code}`)).toEqual(expected);
  });
});

describe('duplicates', () => {
  const wanted = { startDate: '2026-09-01', endDate: '2027-06-30' };
  const cases: [string, OutsideStatus, 'graduated' | 'not_graduated' | 'withdrawn' | null, string, string, boolean][] = [
    ['an open proposal overlapping', 'proposed', null, '2027-01-01', '2027-12-31', true],
    ['touching on one day', 'sent', null, '2025-09-01', '2026-09-01', true],
    ['ending the day before', 'sent', null, '2025-09-01', '2026-08-31', false],
    ['a refused one', 'refused', null, '2026-09-01', '2027-06-30', false],
    ['a withdrawn one', 'withdrawn', null, '2026-09-01', '2027-06-30', false],
    ['a failed one', 'completed', 'not_graduated', '2026-09-01', '2027-06-30', false],
    ['a graduated one overlapping', 'completed', 'graduated', '2026-09-01', '2027-06-30', true],
  ];
  it.each(cases)('%s', (_label, status, result, startDate, endDate, blocks) => {
    expect(blocksNewOutside({ status, result, startDate, endDate }, wanted)).toBe(blocks);
  });
  it('overlap is symmetric', () => {
    const a = { startDate: '2026-01-01', endDate: '2026-01-31' };
    const b = { startDate: '2026-01-31', endDate: '2026-02-28' };
    expect(periodsOverlap(a, b)).toBe(true);
    expect(periodsOverlap(b, a)).toBe(true);
  });
});

describe('outsideYearCounts', () => {
  const r: Parameters<typeof outsideYearCounts>[0] = {
    status: 'sent',
    decisionDate: '2025-08-20',
    startDate: '2025-09-01',
    endDate: '2027-06-30',
    result: null,
    resultDate: null,
  };
  const cases: [string, Partial<typeof r>, number, string][] = [
    ['sent and started in its first year', {}, 2025, 'sent,started'],
    ['carried over the next year', {}, 2026, 'carriedOver'],
    ['carried over into its last year', {}, 2027, 'carriedOver'],
    ['not running after it', {}, 2028, ''],
    ['not running before it', {}, 2024, ''],
    ['sent the year before it starts', { decisionDate: '2024-12-20' }, 2024, 'sent'],
    ['finished in its last year', { status: 'completed', result: 'graduated', resultDate: '2027-07-10' }, 2027, 'carriedOver,finished'],
    ['a failure is finished too', { status: 'completed', result: 'not_graduated', resultDate: '2027-07-10' }, 2027, 'carriedOver,finished'],
    ['a withdrawal stops the carrying over', { status: 'completed', result: 'withdrawn', resultDate: '2025-12-01' }, 2026, ''],
    ['a withdrawal is not a finish', { status: 'completed', result: 'withdrawn', resultDate: '2025-12-01' }, 2025, 'sent,started'],
    ['a proposal counts nowhere', { status: 'proposed', decisionDate: null }, 2025, ''],
    ['an approved one without decision counts nowhere', { status: 'approved', decisionDate: null }, 2025, ''],
    ['a refused one counts nowhere', { status: 'refused' }, 2025, ''],
    [
      'a short course within a year',
      {
        startDate: '2026-03-01',
        endDate: '2026-03-20',
        decisionDate: '2026-02-01',
        status: 'completed',
        result: 'graduated',
        resultDate: '2026-03-20',
      },
      2026,
      'sent,started,finished',
    ],
  ];
  it.each(cases)('%s', (_label, over, year, expected) => {
    const c = outsideYearCounts({ ...r, ...over }, year);
    expect(
      Object.entries(c)
        .filter(([, v]) => v)
        .map(([k]) => k)
        .join(','),
    ).toBe(expected);
  });
});
