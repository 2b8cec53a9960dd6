import { sep } from 'node:path';
import type { FastifyReply } from 'fastify';

/**
 * How the built web app is cached (docs/decisions/0024-fast-restarts-and-cached-assets.md):
 * - `/assets/*` are Vite's hashed files (a new build gives them new names): cached for a year and
 *   never revalidated;
 * - everything else (`index.html`, which names the current assets, the favicon, any other file of
 *   `public/`): `no-cache`, i.e. the browser keeps it but asks again each time (ETag / Last-Modified
 *   answer 304 when unchanged), so a new release is picked up at the next load.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export function cacheControlFor(filePath: string, webDist: string): string {
  const root = webDist.endsWith(sep) ? webDist : webDist + sep;
  const inAssets = filePath.startsWith(`${root}assets${sep}`);
  return inAssets ? IMMUTABLE : REVALIDATE;
}

/**
 * Options of @fastify/static for the web app: the build's `.br` / `.gz` copies (scripts/precompress.mjs)
 * are sent when the client accepts them (with `Vary: Accept-Encoding`), and each file gets its
 * Cache-Control above.
 */
export function webAppStaticOptions(webDist: string) {
  return {
    root: webDist,
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    setHeaders: (reply: FastifyReply, filePath: string) => {
      reply.header('cache-control', cacheControlFor(filePath, webDist));
    },
  };
}
