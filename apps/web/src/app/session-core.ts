/**
 * The signed-in user without React Query: what the public pages (/login, /checkin) need before the
 * signed-in app is loaded (docs/decisions/0060). session.ts keeps the user in the query cache.
 */
import type { Me } from '@nang-tam/contracts';
import { isApiError, setCsrfToken } from '../api/client';
import { authApi } from '../api/endpoints';
import { clearUserCaches } from './offline';

let expiredNotice = false;
/** A user who signed in on the login page before the signed-in app was loaded: handed to it when it is. */
let unclaimed: Me | null = null;
/** The last user known, for the instant between a session ending and the guard leaving the page. */
let lastKnownMe: Me | null = null;
/** True when the login page should say "your session has expired". */
export function sessionExpiredNotice(): boolean {
  return expiredNotice;
}
export function markSessionExpired(): void {
  expiredNotice = true;
}
export function lastKnownUser(): Me | null {
  return lastKnownMe;
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

/** The session asked for at the very start of a signed-in visit, with the app's code (public/shell.tsx). */
let early: Promise<Me | null> | null = null;
export function prefetchMe(): void {
  if (early || unclaimed) return;
  early = fetchMe();
  early.catch(() => undefined);
}
/** The early answer (once), else a new request: the query of ['me'] (app/session.ts). */
export function fetchMeOnce(): Promise<Me | null> {
  const p = early;
  early = null;
  return p ?? fetchMe();
}

type SignInListener = (me: Me) => void;
const signInListeners = new Set<SignInListener>();
/** After login: remember the user and the token, and tell the listeners (the signed-in app's query cache). */
export function announceSignIn(me: Me): void {
  setCsrfToken(me.csrfToken);
  expiredNotice = false;
  lastKnownMe = me;
  unclaimed = me;
  for (const fn of signInListeners) fn(me);
}

/** Follows sign-ins. */
export function onSignIn(fn: SignInListener): () => void {
  signInListeners.add(fn);
  return () => signInListeners.delete(fn);
}

/** The user who signed in before the signed-in app was loaded (once; the app puts it in its cache). */
export function claimSignIn(): Me | null {
  const me = unclaimed;
  unclaimed = null;
  return me;
}
