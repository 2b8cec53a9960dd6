/**
 * Navigation: which pages of the app the signed-in user can open, from the role and permissions
 * the server sends with the session (`/auth/me`). This decides menu entries, route guards and
 * links to other pages only; what the user may do with a record comes from the record's
 * `actions` (app/actions.ts), never from here.
 */
import type { Me } from '@nang-tam/contracts';
import { useCurrentUser } from './session';

export interface Pages {
  /** The registry (people list) and the other officers' pages. */
  registry: boolean;
  /** People's profiles (a learner: their own). */
  profiles: boolean;
}

export function pagesOf(me: Me): Pages {
  const staff = me.role !== 'learner';
  return { registry: staff && me.permissions.includes('people.read'), profiles: me.permissions.includes('people.read') };
}

export function usePages(): Pages {
  return pagesOf(useCurrentUser());
}
