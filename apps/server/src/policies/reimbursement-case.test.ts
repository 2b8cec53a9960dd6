import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, scopeFor, type Role } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { caseFactsOf, reimbursementCasePolicy } from './reimbursement-case.js';

/** Province /1/, the person belongs to commune /1/3/. */
function user(role: Role, unitPath: string, personId: number | null = null): AuthUser {
  return {
    id: 1,
    username: role,
    displayName: role,
    role,
    unitId: 1,
    unitName: '',
    unitPath,
    personId,
    locale: 'vi',
    sessionId: '',
    csrfToken: '',
    scope: scopeFor(role, unitPath, personId),
    permissions: ROLE_PERMISSIONS[role],
  };
}
const facts = (status: string) => caseFactsOf({ status, unit_path: '/1/3/' });

describe('reimbursementCasePolicy', () => {
  it.each([
    ['province_board', '/1/', 'notified', ['agree', 'waive']],
    ['home_affairs', '/1/', 'agreed', ['recordPayment', 'waive']],
    ['system_admin', '/1/', 'paid', []],
    ['province_board', '/1/', 'waived', []],
    ['unit_officer', '/1/3/', 'notified', []],
    ['province_board', '/1/4/', 'notified', []],
  ] as const)('%s at %s, case %s: %j', (role, path, status, actions) => {
    expect(reimbursementCasePolicy.allowedActions(user(role, path), facts(status))).toEqual(actions);
  });

  it('hides a case out of scope, forbids an agency in scope, refuses a step out of order with the domain message', () => {
    expect(reimbursementCasePolicy.decide(user('province_board', '/1/4/'), facts('notified'), 'agree')).toMatchObject({ code: 'NOT_FOUND' });
    expect(reimbursementCasePolicy.decide(user('learner', '/1/3/', 7), facts('notified'), 'agree')).toMatchObject({ code: 'NOT_FOUND' });
    expect(reimbursementCasePolicy.decide(user('unit_officer', '/1/3/'), facts('notified'), 'agree')).toMatchObject({ code: 'FORBIDDEN' });
    const v = reimbursementCasePolicy.decide(user('province_board', '/1/'), facts('notified'), 'recordPayment');
    expect(v).toMatchObject({ code: 'CASE_STEP_ORDER' });
    expect(v !== true && v.message).toContain('Đã thông báo');
  });
});
