/** Answers requested with the code on a first visit (public/preload.ts), taken once by the page's query. */
import { onSignIn } from '../app/session-core';

const early = new Map<string, Promise<unknown>>();
// asked before a login (the visitor was sent to the login page): not the signed-in user's answer
onSignIn(() => early.clear());

export function putEarly(key: string, answer: Promise<unknown>): void {
  early.set(key, answer);
}

/** The answer requested early for `key` (once), or undefined: the page then asks itself. */
export function takeEarly<T>(key: string): Promise<T> | undefined {
  const p = early.get(key) as Promise<T> | undefined;
  early.delete(key);
  return p;
}
