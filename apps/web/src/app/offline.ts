/**
 * The service worker (apps/web/sw/service-worker.js, built into /sw.js by scripts/service-worker.mjs;
 * docs/decisions/0041-offline-service-worker.md), where the browser allows it (https, or localhost).
 * The Vite dev server has no sw.js: there the registration fails quietly and nothing is cached.
 */

/** The Cache Storage cache that keeps the signed-in user's own reads for offline use. */
export const USER_CACHE = 'nangtam-user';

export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      /* no service worker (private mode, http on a LAN address): the app works online as before */
    });
  });
}

/** Forgets the user's cached reads (logout, expired session): the next user of the phone sees none of them. */
export function clearUserCaches(): void {
  if (typeof caches === 'undefined') return;
  void caches.delete(USER_CACHE).catch(() => undefined);
}
