/**
 * The programme catalogue's policies. Programmes are province-wide reference data: everyone who
 * reads the rules reads them (no record is out of reach), and the board and home affairs
 * (`catalogue.write`) add programmes and write new versions. A programme has no state that forbids
 * a new version (history is never edited: every change is a version).
 */
import { PROGRAMME_ACTIONS, PROGRAMME_LIST_ACTIONS } from '@nang-tam/contracts';
import { hasPermission } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { allowed, definePolicy, forbidden, type Verdict } from './policy.js';

const writer = (user: AuthUser): Verdict =>
  hasPermission(user.role, 'catalogue.write') ? allowed : forbidden('Chỉ Ban Tổ chức Tỉnh ủy và Sở Nội vụ được sửa danh mục chương trình.');

/** One programme: add a version. */
export const programmePolicy = definePolicy<null, (typeof PROGRAMME_ACTIONS)[number]>('programme', PROGRAMME_ACTIONS, {
  addVersion: writer,
});

/** The catalogue: create a programme. */
export const programmeListPolicy = definePolicy<null, (typeof PROGRAMME_LIST_ACTIONS)[number]>('programmes', PROGRAMME_LIST_ACTIONS, {
  create: writer,
});
