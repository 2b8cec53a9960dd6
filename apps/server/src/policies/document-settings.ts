/**
 * The document settings policy (decision 0034): who changes how a unit issues and signs its printed
 * documents. Anyone reading units sees the settings of a unit in their subtree; the school's
 * registrar (classes.manage), the board (nominations.override) and the administrator (users.manage)
 * change them. A unit out of reach answers 404.
 */
import { DOCUMENT_SETTINGS_ACTIONS } from '@nang-tam/contracts';
import { hasPermission, unitInScope } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { allowed, definePolicy, forbidden, hidden, type Verdict } from './policy.js';

export interface DocumentSettingsFacts {
  /** Materialised path of the unit. */
  unitPath: string;
}

export function reachesUnit(user: AuthUser, f: DocumentSettingsFacts): boolean {
  return hasPermission(user.role, 'units.read') && unitInScope(user.scope, f.unitPath);
}

const edits = (user: AuthUser, f: DocumentSettingsFacts): Verdict => {
  if (!reachesUnit(user, f)) return hidden;
  const role = user.role;
  return hasPermission(role, 'classes.manage') || hasPermission(role, 'nominations.override') || hasPermission(role, 'users.manage')
    ? allowed
    : forbidden();
};

export const documentSettingsPolicy = definePolicy<DocumentSettingsFacts, (typeof DOCUMENT_SETTINGS_ACTIONS)[number]>(
  'documentSettings',
  DOCUMENT_SETTINGS_ACTIONS,
  { update: edits },
);
