import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, scopeFor, type Role } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError } from '../errors.js';
import { certificateFactsOf, certificatePolicy } from './certificate.js';

/**
 * The certificate policy per role: the school /1/7/ organised the class; a manager of certificates
 * over that subtree revokes, one elsewhere does not reach it, other roles are not theirs to do.
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
    personId: role === 'learner' ? 5 : null,
    locale: 'vi',
    sessionId: '',
    csrfToken: '',
    scope: scopeFor(role, unitPath, role === 'learner' ? 5 : null),
    permissions: ROLE_PERMISSIONS[role],
  };
}
const issued = certificateFactsOf({ organiser_path: '/1/7/', revoked_at: null });
const revoked = certificateFactsOf({ organiser_path: '/1/7/', revoked_at: '2026-12-20T03:00:00Z' });

describe('certificate policy: revoke, per role, reach and state', () => {
  it.each<[Role, string, typeof issued, string | true]>([
    ['system_admin', '/1/', issued, true],
    ['system_admin', '/1/', revoked, 'CERTIFICATE_ALREADY_REVOKED'],
    ['school_registrar', '/1/7/', issued, true],
    ['school_registrar', '/1/7/', revoked, 'CERTIFICATE_ALREADY_REVOKED'],
    // a registrar of another school: out of reach, whatever the state (the state is not told)
    ['school_registrar', '/1/8/', issued, 'NOT_FOUND'],
    ['school_registrar', '/1/8/', revoked, 'NOT_FOUND'],
    // no certificates.manage: not theirs to do
    ['province_board', '/1/', issued, 'FORBIDDEN'],
    ['home_affairs', '/1/', issued, 'FORBIDDEN'],
    ['unit_officer', '/1/7/', issued, 'FORBIDDEN'],
    ['lecturer', '/1/7/', issued, 'FORBIDDEN'],
    ['learner', '/1/3/', issued, 'FORBIDDEN'],
  ])('%s at %s: %j → %s', (role, path, facts, expected) => {
    const u = user(role, path);
    const v = certificatePolicy.decide(u, facts, 'revoke');
    expect(v === true ? true : v.code).toBe(expected);
    expect(certificatePolicy.allowedActions(u, facts)).toEqual(expected === true ? ['revoke'] : []);
    if (expected === true) expect(() => certificatePolicy.authorize(u, facts, 'revoke')).not.toThrow();
    else expect(() => certificatePolicy.authorize(u, facts, 'revoke')).toThrow(AppError);
  });

  it('reads the facts from a stored row', () => {
    expect(issued).toEqual({ organiserPath: '/1/7/', revoked: false });
    expect(revoked).toEqual({ organiserPath: '/1/7/', revoked: true });
  });
});
