import { describe, expect, it } from 'vitest';
import {
  addMonths,
  applyCaseStep,
  assessReimbursement,
  caseActions,
  commitmentFor,
  commitmentProgress,
  proratedCost,
  startedMonthsBetween,
  wholeMonthsBetween,
  type Commitment,
  type CaseFacts,
} from './commitments.js';

// A 24-month master's under NĐ 171/2025: 1/9/2025 – 31/8/2027, commitment 72 months from 1/9/2027.
const master = { programmeCode: 'SDH_THS', statePaid: true, decisionDate: '2025-08-15', startDate: '2025-09-01', endDate: '2027-08-31' };
const COST = 120_000_000n;
const c = commitmentFor(master) as Commitment;

describe('calendar months', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-09-01', 72, '2031-09-01'],
    ['2025-12-15', -12, '2024-12-15'],
  ])('addMonths(%s, %i) = %s', (d, n, want) => expect(addMonths(d, n)).toBe(want));

  it.each([
    ['2025-09-01', '2027-09-01', 24, 24],
    ['2025-09-01', '2027-09-02', 24, 25],
    ['2025-09-01', '2025-09-01', 0, 0],
    ['2025-09-15', '2025-10-14', 0, 1],
    ['2025-01-31', '2025-02-28', 1, 1],
  ])('%s → %s: whole %i, started %i', (a, b, whole, started) => {
    expect(wholeMonthsBetween(a, b)).toBe(whole);
    expect(startedMonthsBetween(a, b)).toBe(started);
  });
});

describe('commitmentFor', () => {
  it('commits three times the training time under NĐ 171/2025, from the day after the course ends', () => {
    expect(c).toMatchObject({ source: '171/2025/NĐ-CP', multiplier: 3, trainingMonths: 24, months: 72, from: '2027-09-01', to: '2033-08-31' });
  });
  it('commits twice the training time for those sent before 1/7/2025 (NĐ 101/2017)', () => {
    expect(commitmentFor({ ...master, decisionDate: '2025-06-30' })).toMatchObject({ source: '101/2017/NĐ-CP', multiplier: 2, months: 48 });
  });
  it.each([
    ['self-paid', { ...master, statePaid: false }],
    ['not a long programme', { ...master, programmeCode: 'TC_LLCT' }],
    ['sent before NĐ 101/2017', { ...master, decisionDate: '2016-01-01' }],
    ['end before start', { ...master, endDate: '2025-08-31' }],
  ])('creates none: %s', (_label, t) => expect(commitmentFor(t)).toBeNull());
  it('counts a started month of training as a whole month', () => {
    expect(commitmentFor({ ...master, endDate: '2027-09-10' })?.trainingMonths).toBe(25);
  });
});

describe('commitmentProgress', () => {
  it.each([
    ['2027-09-01', 0, 72, false],
    ['2030-02-28', 30, 42, false],
    ['2033-08-30', 71, 1, false],
    ['2033-08-31', 72, 0, true],
    ['2040-01-01', 72, 0, true],
  ])('as of %s: served %i, remaining %i', (asOf, served, remaining, fulfilled) =>
    expect(commitmentProgress(c, asOf)).toEqual({ served, remaining, fulfilled }));
});

describe('assessReimbursement', () => {
  it('the example: leaving after 30 of 72 months owes 70,000,000 đ', () => {
    const r = assessReimbursement(c, COST, { kind: 'left_service', reason: 'resigned', date: '2030-02-28' });
    expect(r).toMatchObject({ kind: 'owed', basis: 'partial', amount: 70_000_000n, served: 30 });
    if (r.kind === 'owed') expect(r.explanation).toContain('120.000.000 đồng / 72 × (72 − 30) = 70.000.000 đồng');
  });
  it.each([
    ['on the first day', '2027-09-01', 'resigned', COST],
    ['before the commitment starts', '2027-08-20', 'dismissed', COST],
    ['one day short of a month', '2027-09-29', 'left_public_sector', COST],
    ['after one whole month (30/9 worked)', '2027-09-30', 'resigned', 118_333_333n],
    ['the day before the last day', '2033-08-30', 'resigned', 1_666_667n],
  ] as const)('owed when leaving %s', (_label, date, reason, amount) => {
    const r = assessReimbursement(c, COST, { kind: 'left_service', reason, date });
    expect(r.kind).toBe('owed');
    if (r.kind === 'owed') expect(r.amount).toBe(amount);
  });
  it('owes nothing when leaving on the last day', () => {
    expect(assessReimbursement(c, COST, { kind: 'left_service', reason: 'resigned', date: '2033-08-31' })).toMatchObject({ kind: 'none', code: 'COMMITMENT_FULFILLED' });
  });
  it('owes nothing when the prorated amount rounds to 0 đồng', () => {
    expect(assessReimbursement(c, 1n, { kind: 'left_service', reason: 'resigned', date: '2033-08-30' })).toMatchObject({ kind: 'none', code: 'NOTHING_OWED' });
  });
  it('a transfer within the political system is exempt', () => {
    expect(assessReimbursement(c, COST, { kind: 'left_service', reason: 'transferred_political_system', date: '2028-01-01' })).toMatchObject({
      kind: 'none',
      code: 'COMMITMENT_EXEMPT',
    });
  });
  it.each(['not_graduated', 'withdrawn'] as const)('a course not completed (%s) owes the full cost', (outcome) => {
    expect(assessReimbursement(c, COST, { kind: 'course_not_completed', outcome })).toMatchObject({ kind: 'owed', basis: 'not_completed', amount: COST });
  });
});

describe('proratedCost', () => {
  it.each([
    [120_000_000n, 72, 30, 70_000_000n],
    [100n, 3, 1, 67n], // 66.67 → 67
    [100n, 6, 3, 50n],
    [1n, 2, 1, 1n], // 0.5 → 1 (half up)
    [10n, 72, 72, 0n],
    [0n, 72, 0, 0n],
    [999_999_999_999n, 7, 0, 999_999_999_999n],
  ])('F=%s T1=%i T2=%i → %s', (f, t1, t2, want) => expect(proratedCost(f, t1, t2)).toBe(want));
  it('refuses nonsense', () => {
    expect(() => proratedCost(-1n, 72, 0)).toThrow(RangeError);
    expect(() => proratedCost(1n, 0, 0)).toThrow(RangeError);
  });
});

describe('the case lifecycle', () => {
  const notified: CaseFacts = { status: 'notified', amount: 70_000_000n, paid: 0n };
  it.each([
    ['notified', ['agree', 'waive']],
    ['agreed', ['recordPayment', 'waive']],
    ['paid', []],
    ['waived', []],
  ] as const)('%s offers %j', (status, actions) => expect(caseActions({ ...notified, status })).toEqual(actions));

  it('notified → agreed → part paid → paid', () => {
    const agreed = applyCaseStep(notified, { action: 'agree' });
    expect(agreed).toMatchObject({ ok: true, value: { status: 'agreed' } });
    if (!agreed.ok) return;
    const part = applyCaseStep(agreed.value, { action: 'recordPayment', amount: 30_000_000n });
    expect(part).toMatchObject({ ok: true, value: { status: 'agreed', paid: 30_000_000n } });
    if (!part.ok) return;
    expect(applyCaseStep(part.value, { action: 'recordPayment', amount: 40_000_000n })).toMatchObject({ ok: true, value: { status: 'paid', paid: 70_000_000n } });
  });
  it.each([
    ['pay before agreeing', notified, { action: 'recordPayment', amount: 1n }, 'CASE_STEP_ORDER'],
    ['agree twice', { ...notified, status: 'agreed' }, { action: 'agree' }, 'CASE_STEP_ORDER'],
    ['waive a paid case', { ...notified, status: 'paid', paid: 70_000_000n }, { action: 'waive', ground: 'illness', decisionNumber: '12/QĐ' }, 'CASE_STEP_ORDER'],
    ['pay above owed', { ...notified, status: 'agreed', paid: 60_000_000n }, { action: 'recordPayment', amount: 10_000_001n }, 'PAYMENT_ABOVE_OWED'],
    ['pay zero', { ...notified, status: 'agreed' }, { action: 'recordPayment', amount: 0n }, 'PAYMENT_INVALID'],
    ['waive without a decision', notified, { action: 'waive', ground: 'disaster', decisionNumber: '  ' }, 'WAIVER_DECISION_REQUIRED'],
  ] as const)('refuses: %s', (_label, facts, step, code) => {
    const r = applyCaseStep(facts as CaseFacts, step);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.code).toBe(code);
      expect(r.refusal.message).toMatch(/[ạảấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữự]/);
    }
  });
  it('waives with a decision on a certified illness', () => {
    expect(applyCaseStep(notified, { action: 'waive', ground: 'illness', decisionNumber: '15/QĐ-BTCTU' })).toMatchObject({ ok: true, value: { status: 'waived' } });
  });
});
