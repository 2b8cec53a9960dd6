import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, scopeFor, type Role } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { fiveYearPolicy, planLinePolicy, planListPolicy, planVersionPolicy, type PlanVersionFacts } from './plan.js';

// a province /1/; the school at /1/9/; commune B at /1/3/
function userOf(role: Role, unitPath: string): AuthUser {
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
    sessionId: 's',
    csrfToken: 'c',
    scope: scopeFor(role, unitPath, null),
    permissions: ROLE_PERMISSIONS[role],
  };
}
const board = userOf('province_board', '/1/');
const homeAffairs = userOf('home_affairs', '/1/');
const registrar = userOf('school_registrar', '/1/9/');
const officer = userOf('unit_officer', '/1/3/');
const admin = userOf('system_admin', '/1/');

const v = (status: PlanVersionFacts['status'], lineCount = 2, latest = true): PlanVersionFacts => ({ status, lineCount, latest });

describe('planVersionPolicy: the actions each role sees on a version', () => {
  it.each<[string, AuthUser, PlanVersionFacts, string[]]>([
    ['board, draft', board, v('draft'), ['addLines', 'submit', 'export']],
    ['board, empty draft', board, v('draft', 0), ['addLines', 'export']],
    ['board, submitted', board, v('submitted'), ['return', 'approve', 'export']],
    ['board, approved latest', board, v('approved'), ['adjust', 'export']],
    ['board, approved already adjusted', board, v('approved', 2, false), ['export']],
    ['home affairs, submitted (cannot approve)', homeAffairs, v('submitted'), ['export']],
    ['home affairs, approved', homeAffairs, v('approved'), ['adjust', 'export']],
    ['registrar, draft (its own lines only)', registrar, v('draft'), ['addLines', 'export']],
    ['registrar, approved', registrar, v('approved'), ['export']],
    ['administrator, submitted', admin, v('submitted'), ['return', 'approve', 'export']],
    ['agency officer', officer, v('draft'), []],
  ])('%s', (_n, user, facts, actions) => {
    expect(planVersionPolicy.allowedActions(user, facts)).toEqual(actions);
  });

  it.each<[string, AuthUser, PlanVersionFacts, 'approve' | 'addLines' | 'adjust', string]>([
    ['board on an approved version', board, v('approved'), 'addLines', 'PLAN_VERSION_FROZEN'],
    ['board on a submitted version', board, v('submitted'), 'addLines', 'PLAN_VERSION_SUBMITTED'],
    ['board on an empty submitted version', board, v('submitted', 0), 'approve', 'PLAN_EMPTY'],
    ['board on a version already adjusted', board, v('approved', 2, false), 'adjust', 'PLAN_ADJUSTMENT_RACE'],
    ['home affairs', homeAffairs, v('submitted'), 'approve', 'FORBIDDEN'],
    ['an agency officer', officer, v('draft'), 'addLines', 'FORBIDDEN'],
  ])('%s: %s refused with %s', (_n, user, facts, action, code) => {
    const verdict = planVersionPolicy.decide(user, facts, action);
    expect(verdict === true ? 'allowed' : verdict.code).toBe(code);
  });
});

describe('planLinePolicy: lines are written over the organiser’s subtree, in a draft', () => {
  it.each<[string, AuthUser, string, PlanVersionFacts['status'], string[]]>([
    ['registrar, its school’s line', registrar, '/1/9/', 'draft', ['update', 'delete']],
    ['board, any line', board, '/1/3/', 'draft', ['update', 'delete']],
    ['registrar, approved version', registrar, '/1/9/', 'approved', []],
  ])('%s', (_n, user, organiserPath, status, actions) => {
    expect(planLinePolicy.allowedActions(user, { status, organiserPath })).toEqual(actions);
  });

  it('hides another unit’s line from a registrar (404) and refuses an agency officer (403)', () => {
    expect(planLinePolicy.decide(registrar, { status: 'draft', organiserPath: '/1/3/' }, 'update')).toEqual({ code: 'NOT_FOUND' });
    const verdict = planLinePolicy.decide(officer, { status: 'draft', organiserPath: '/1/3/' }, 'update');
    expect(verdict === true ? 'allowed' : verdict.code).toBe('FORBIDDEN');
  });
});

describe('the plan list and five-year plans', () => {
  it.each<[string, AuthUser, boolean]>([
    ['board', board, true],
    ['home affairs', homeAffairs, true],
    ['administrator', admin, true],
    ['registrar', registrar, false],
    ['agency officer', officer, false],
  ])('%s opens plans and edits five-year targets: %s', (_n, user, may) => {
    expect(planListPolicy.may(user, null, 'create')).toBe(may);
    expect(fiveYearPolicy.may(user, null, 'update')).toBe(may);
  });
});
