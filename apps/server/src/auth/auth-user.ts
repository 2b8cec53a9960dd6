import { ROLE_PERMISSIONS, scopeFor, type Permission, type Role, type Scope } from '@nang-tam/domain';
import type { Me } from '@nang-tam/contracts';
import { homePathOf } from './home.js';

/** The signed-in user as services see it. */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  unitName: string;
  unitPath: string;
  personId: number | null;
  locale: 'vi' | 'en';
  sessionId: string;
  csrfToken: string;
  scope: Scope;
  permissions: readonly Permission[];
}

export function toAuthUser(
  row: {
    id: number;
    username: string;
    display_name: string;
    role: string;
    unit_id: number;
    unit_name: string;
    unit_path: string;
    person_id: number | null;
    locale: string;
  },
  sessionId: string,
  csrfToken: string,
): AuthUser {
  const role = row.role as Role;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role,
    unitId: row.unit_id,
    unitName: row.unit_name,
    unitPath: row.unit_path,
    personId: row.person_id,
    locale: row.locale === 'en' ? 'en' : 'vi',
    sessionId,
    csrfToken,
    scope: scopeFor(role, row.unit_path, row.person_id),
    permissions: ROLE_PERMISSIONS[role] ?? [],
  };
}

export function toMe(u: AuthUser): Me {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    unit: { id: u.unitId, name: u.unitName },
    personId: u.personId,
    permissions: [...u.permissions],
    csrfToken: u.csrfToken,
    locale: u.locale,
    home: homePathOf(u),
  };
}

/** Who an audit record names. */
export function actorOf(u: AuthUser): { actorId: number; actorName: string } {
  return { actorId: u.id, actorName: u.username };
}
