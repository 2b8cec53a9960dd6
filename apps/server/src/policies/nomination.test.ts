import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, scopeFor, type Role } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError } from '../errors.js';
import {
  authorizeDecision,
  authorizeWithdrawal,
  classNominationActions,
  decisionAction,
  nominationFactsOf,
  nominationPolicy,
  refuseUnlessTakesNominations,
} from './nomination.js';

/**
 * The nomination policy over the training domain's lifecycle: the user's scope decides the facts
 * "organiser in scope" and "person in scope"; the domain decides the rest. Province /1/, the
 * school /1/7/ organises the class, the person belongs to commune /1/3/.
 */
function user(role: Role, unitPath: string): AuthUser {
  return {
    id: 1,
    username: role,
    displayName: role,
    role,
    unitId: 1,
    unitName: '',
    unitPath,
    personId: null,
    locale: 'vi',
    sessionId: '',
    csrfToken: '',
    scope: scopeFor(role, unitPath, null),
    permissions: ROLE_PERMISSIONS[role],
  };
}
const TODAY = '2026-03-01';
const cls = {
  name: 'TC LLCT K12',
  status: 'open' as const,
  end_date: '2026-12-20',
  approver: 'province_board' as const,
  programme_name: 'Trung cấp lý luận chính trị',
  organiser_name: 'Trường Chính trị tỉnh',
  organiser_path: '/1/7/',
};
const facts = (status: string, over: Partial<typeof cls> = {}) =>
  nominationFactsOf({ ...cls, ...over }, { status, unit_path: '/1/3/' }, TODAY);

describe('nomination policy: actions from the user and the loaded facts', () => {
  it.each<[Role, string, string, string[]]>([
    ['province_board', '/1/', 'nominated', ['approve', 'refuse', 'withdraw']],
    ['home_affairs', '/1/', 'nominated', ['withdraw']],
    ['school_registrar', '/1/7/', 'approved_board', ['refuse', 'enrol']],
    ['school_registrar', '/1/8/', 'approved_board', []],
    ['school_registrar', '/1/7/', 'enrolled', ['withdraw']],
    ['unit_officer', '/1/3/', 'nominated', ['withdraw']],
    ['unit_officer', '/1/4/', 'nominated', []],
    ['unit_officer', '/1/3/', 'enrolled', []],
    ['learner', '/1/3/', 'nominated', []],
  ])('%s of %s on %s → %o', (role, path, status, actions) => {
    expect(nominationPolicy.allowedActions(user(role, path), facts(status))).toEqual(actions);
  });

  it('throws the domain’s refusal as the API error', () => {
    const err = (() => {
      try {
        authorizeDecision(user('home_affairs', '/1/'), facts('nominated'), { step: 'board', decision: 'approved' });
      } catch (e) {
        return e;
      }
    })() as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect([err.code, err.status, err.message]).toEqual([
      'FORBIDDEN',
      403,
      'Chương trình Trung cấp lý luận chính trị do Ban Tổ chức Tỉnh ủy duyệt, không phải đơn vị của bạn.',
    ]);
    expect(() => authorizeWithdrawal(user('unit_officer', '/1/3/'), facts('refused'))).toThrow(/đã kết thúc \(không được duyệt\)/);
    expect(authorizeWithdrawal(user('school_registrar', '/1/7/'), facts('enrolled'))).toEqual({
      status: 'withdrawn',
      endsEnrolmentOn: TODAY,
      freesPlace: true,
    });
  });

  it('offers nominating into a class that takes nominations, overriding to the board', () => {
    expect(classNominationActions(user('unit_officer', '/1/3/'), cls, TODAY)).toEqual(['nominate']);
    expect(classNominationActions(user('province_board', '/1/'), cls, TODAY)).toEqual(['nominate', 'override']);
    expect(classNominationActions(user('school_registrar', '/1/7/'), cls, TODAY)).toEqual([]);
    expect(classNominationActions(user('province_board', '/1/'), { ...cls, status: 'closed' }, TODAY)).toEqual([]);
    expect(() => refuseUnlessTakesNominations({ ...cls, end_date: '2026-02-01' }, TODAY)).toThrow(
      'Lớp TC LLCT K12 đã kết thúc (ngày 01/02/2026), không nhận thêm người được cử.',
    );
  });
});

describe('the policy action a decision applies', () => {
  it('is the board approval, the school acceptance, or a refusal at either step', () => {
    expect(decisionAction({ step: 'board', decision: 'approved' })).toBe('approve');
    expect(decisionAction({ step: 'school', decision: 'approved' })).toBe('enrol');
    expect(decisionAction({ step: 'board', decision: 'refused' })).toBe('refuse');
    expect(decisionAction({ step: 'school', decision: 'refused' })).toBe('refuse');
  });
});
