import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_PERMISSIONS, scopeFor, type Role } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { programmeListPolicy, programmePolicy } from './programme.js';

function userOf(role: Role): AuthUser {
  return {
    id: 1,
    username: role,
    displayName: role,
    role,
    unitId: 1,
    unitName: '',
    unitPath: '/1/',
    personId: null,
    locale: 'vi',
    sessionId: 's',
    csrfToken: 'c',
    scope: scopeFor(role, '/1/', null),
    permissions: ROLE_PERMISSIONS[role],
  };
}

const WRITERS: Role[] = ['system_admin', 'province_board', 'home_affairs'];

describe('programme catalogue policies', () => {
  it.each(ROLES.map((r) => [r, WRITERS.includes(r)] as const))('%s may write: %s', (role, writes) => {
    const user = userOf(role);
    expect(programmeListPolicy.allowedActions(user, null)).toEqual(writes ? ['create'] : []);
    expect(programmePolicy.allowedActions(user, null)).toEqual(writes ? ['addVersion'] : []);
    const verdict = programmePolicy.decide(user, null, 'addVersion');
    if (writes) expect(verdict).toBe(true);
    else
      expect(verdict).toMatchObject({ code: 'FORBIDDEN', message: 'Chỉ Ban Tổ chức Tỉnh ủy và Sở Nội vụ được sửa danh mục chương trình.' });
  });
});
