/** Answers requested with the code on a first visit (public/preload.ts), taken once by the page's query. */
const early = new Map<string, Promise<unknown>>();

export function putEarly(key: string, answer: Promise<unknown>): void {
  early.set(key, answer);
}

/** The answer requested early for `key` (once), or undefined: the page then asks itself. */
export function takeEarly<T>(key: string): Promise<T> | undefined {
  const p = early.get(key) as Promise<T> | undefined;
  early.delete(key);
  return p;
}
