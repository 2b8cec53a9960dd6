/* global self, caches, fetch, URL, Response */
/**
 * The service worker of the web app (docs/decisions/0041-offline-service-worker.md), served as
 * /sw.js at the root scope. scripts/service-worker.mjs (run by scripts/build-web.mjs) writes it into
 * dist with the build's file list and version in place of the two placeholders below.
 *
 * Rules:
 * - install: the app shell (index.html, manifest, icons) and every hashed asset are cached;
 * - page loads (navigations): the network first, the cached index.html when offline (the app's
 *   router then draws /checkin/…, /learning, /teaching from the cached chunks);
 * - /assets/*: from the cache first (their names change with their content);
 * - the signed-in user's own reads (OWN_READS below: who am I, my learning, my sessions, my
 *   learners as a lecturer, the reference vocabularies): the network first, the last answer kept
 *   in the "user" cache for reading offline. These answers carry Cache-Control: no-store; they
 *   are kept anyway, in Cache Storage and never in the HTTP cache, because being readable offline
 *   is their point; the app empties that cache at logout and when the session ends;
 * - anything else (other API reads, every write, other users' data): not touched, straight to the
 *   network. Check-ins made offline are queued by the page (features/checkin/pending.ts), not here.
 */
const VERSION = self.__VERSION__;
const PRECACHE = self.__PRECACHE__;
const SHELL = `nangtam-shell-${VERSION}`;
const USER = 'nangtam-user';
const OWN_READS = [
  /^\/api\/v1\/auth\/me$/,
  /^\/api\/v1\/me\/(learning|sessions|learners)$/,
  /^\/api\/v1\/reference$/,
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('nangtam-shell-') && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, cacheName, fallbackUrl) {
  try {
    const response = await fetch(request);
    if (response.ok && cacheName) {
      const copy = response.clone();
      await (await caches.open(cacheName)).put(request, copy);
    }
    return response;
  } catch (err) {
    const cached = fallbackUrl ? await caches.match(fallbackUrl, { cacheName: SHELL }) : await caches.match(request, { cacheName });
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: SHELL });
  return cached ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && !url.pathname.startsWith('/api/')) {
    event.respondWith(networkFirst(request, null, '/index.html'));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (OWN_READS.some((re) => re.test(url.pathname))) {
    event.respondWith(networkFirst(request, USER, null));
  }
});

self.addEventListener('message', (event) => {
  if (event.data === 'logout') event.waitUntil(caches.delete(USER));
});
