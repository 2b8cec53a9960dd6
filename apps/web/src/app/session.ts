/** The signed-in user (GET /auth/me), kept in the query cache under ['me']. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { Me } from '@nang-tam/contracts';
import { isApiError, setCsrfToken } from '../api/client';
import { authApi } from '../api/endpoints';
import { clearUserCaches } from './offline';

export const ME_KEY = ['me'] as const;

let expiredNotice = false;
/** The last user known, for the instant between a session ending and the guard leaving the page. */
let lastKnownMe: Me | null = null;
/** True when the login page should say "your session has expired". */
export function sessionExpiredNotice(): boolean {
  return expiredNotice;
}
export function markSessionExpired(): void {
  expiredNotice = true;
}

export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await authApi.me();
    setCsrfToken(me.csrfToken);
    expiredNotice = false;
    lastKnownMe = me;
    return me;
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      expiredNotice = expiredNotice || e.code === 'SESSION_EXPIRED';
      setCsrfToken(null);
      // no session on the server: nothing of the last user stays readable offline
      clearUserCaches();
      return null;
    }
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
}

/**
 * Inside the auth guard the user is known. When the session ends, pages below the guard may render
 * once more before the guard sends the user to the login page: they get the last user known.
 */
export function useCurrentUser(): Me {
  const { data } = useMe();
  const me = data ?? lastKnownMe;
  if (!me) throw new Error('useCurrentUser outside the auth guard');
  return me;
}

/** After login: remember the user and the token. */
export function signIn(qc: QueryClient, me: Me): void {
  setCsrfToken(me.csrfToken);
  expiredNotice = false;
  lastKnownMe = me;
  dropAllButMe(qc);
  qc.setQueryData(ME_KEY, me);
}

/** After logout or an expired session: forget everything cached. */
export function signOut(qc: QueryClient): void {
  setCsrfToken(null);
  clearUserCaches();
  const others = { predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[0] !== ME_KEY[0] };
  void qc.cancelQueries(others);
  qc.setQueryData(ME_KEY, null);
  // Once the guard has left the page (no observer left to fetch again), forget the data.
  window.setTimeout(() => qc.removeQueries(others), 0);
}

/** Forget cached data of the previous user; the ['me'] query stays (its observers stay bound). */
function dropAllButMe(qc: QueryClient): void {
  const others = { predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[0] !== ME_KEY[0] };
  void qc.cancelQueries(others);
  qc.removeQueries(others);
}
