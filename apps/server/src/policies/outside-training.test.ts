import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, scopeFor, type Role } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError } from '../errors.js';
import { authorizeOutside, outsideDecisionAction, outsideFactsOf, outsideListActions, outsideTrainingPolicy } from './outside-training.js';

/**
 * The outside-training policy over the training domain's lifecycle: the user's scope decides
 * "person in scope"; the domain decides the rest. Province /1/, the person belongs to commune /1/3/.
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
const row = (status: string, approver: 'province_board' | 'home_affairs' = 'province_board') =>
  outsideFactsOf({ status, approver, programme_name: 'Cao cấp lý luận chính trị', unit_path: '/1/3/' });

describe('outside-training policy', () => {
  const cases: [string, Role, string, string, string[]][] = [
    ['the commune officer on a proposal', 'unit_officer', '/1/3/', 'proposed', ['withdraw']],
    ['another commune officer', 'unit_officer', '/1/4/', 'proposed', []],
    ['the board on a proposal', 'province_board', '/1/', 'proposed', ['approve', 'refuse', 'withdraw']],
    ['home affairs on a board programme', 'home_affairs', '/1/', 'proposed', ['withdraw']],
    ['the board once approved', 'province_board', '/1/', 'approved', ['recordDecision', 'withdraw']],
    ['the commune officer once sent', 'unit_officer', '/1/3/', 'sent', ['recordResult']],
    ['the school registrar', 'school_registrar', '/1/', 'sent', []],
    ['anyone on a completed one', 'system_admin', '/1/', 'completed', []],
  ];
  it.each(cases)('%s', (_label, role, path, status, actions) => {
    expect(outsideTrainingPolicy.allowedActions(user(role, path), row(status))).toEqual(actions);
  });

  it('throws the chain refusal with its message', () => {
    let err: unknown;
    try {
      authorizeOutside(user('home_affairs', '/1/'), row('proposed'), 'approve');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('FORBIDDEN');
    expect((err as AppError).message).toContain('Ban Tổ chức Tỉnh ủy');
    expect(() => authorizeOutside(user('province_board', '/1/'), row('sent'), 'recordDecision')).toThrow(/quyết định cử đi học/);
    expect(authorizeOutside(user('home_affairs', '/1/'), row('proposed', 'home_affairs'), 'approve')).toBe('approved');
  });

  it('picks the policy action of a decision, and the list actions of a role', () => {
    expect(outsideDecisionAction({ decision: 'approved' })).toBe('approve');
    expect(outsideDecisionAction({ decision: 'refused' })).toBe('refuse');
    expect(outsideListActions(user('unit_officer', '/1/3/'))).toEqual(['propose']);
    expect(outsideListActions(user('province_board', '/1/'))).toEqual(['propose', 'override']);
    expect(outsideListActions(user('school_registrar', '/1/'))).toEqual([]);
  });
});
