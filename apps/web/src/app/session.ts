/** The signed-in user (GET /auth/me), kept in the query cache under ['me']. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { Me } from '@nang-tam/contracts';
import { setCsrfToken } from '../api/client';
import { clearUserCaches } from './offline';
import { claimSignIn, fetchMeOnce, lastKnownUser, onSignIn } from './session-core';

export const ME_KEY = ['me'] as const;

export { fetchMe, markSessionExpired, sessionExpiredNotice } from './session-core';

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMeOnce, staleTime: 5 * 60_000, retry: 1 });
}

/**
 * Inside the auth guard the user is known. When the session ends, pages below the guard may render
 * once more before the guard sends the user to the login page: they get the last user known.
 */
export function useCurrentUser(): Me {
  const { data } = useMe();
  const me = data ?? lastKnownUser();
  if (!me) throw new Error('useCurrentUser outside the auth guard');
  return me;
}

/** The query cache follows every sign-in, also one on the login page before this chunk was loaded. */
export function followSignIns(qc: QueryClient): void {
  const put = (me: Me) => {
    claimSignIn();
    dropAllButMe(qc);
    qc.setQueryData(ME_KEY, me);
  };
  const earlier = claimSignIn();
  if (earlier) put(earlier);
  onSignIn(put);
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
