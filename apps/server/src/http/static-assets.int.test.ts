import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { buildTestApp } from '../../../../tests/support/fixtures.js';
import { precompress } from '../../../../scripts/precompress.mjs';
import { writeOfflineFiles } from '../../../../scripts/service-worker.mjs';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';

/**
 * The built web app as a browser receives it: a small web folder laid out like Vite's output and
 * precompressed by the build's own step (scripts/precompress.mjs), served by the real app.
 */
let db: Db;
let app: FastifyInstance;
let webDist: string;
const script = `export function greet(name) {\n  return 'Xin chào, ' + name + '!';\n}\n`.repeat(200);
const indexHtml = `<!doctype html><html lang="vi"><head><meta charset="UTF-8" /><title>Nâng Tầm</title>
<script type="module" crossorigin src="/assets/index-B4x9Qz1a.js"></script></head>
<body><div id="root"></div>${'<!-- padding so the page is worth compressing -->\n'.repeat(30)}</body></html>`;

beforeAll(async () => {
  webDist = mkdtempSync(join(tmpdir(), 'nangtam-web-'));
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'index.html'), indexHtml);
  writeFileSync(join(webDist, 'assets/index-B4x9Qz1a.js'), script);
  writeFileSync(join(webDist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // the build's offline step: sw.js, the manifest and the icons (docs/decisions/0041)
  expect(writeOfflineFiles(webDist, join(import.meta.dirname, '../../../web/sw/service-worker.js'))).toBe(7);
  // the script, the page and sw.js; the icon and the manifest are too small to bother, PNGs are compressed already
  expect(await precompress(webDist)).toBe(3);
  db = await createTestDb();
  app = await buildTestApp(db, { webDist });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  if (webDist) rmSync(webDist, { recursive: true, force: true });
});

const ASSET = '/assets/index-B4x9Qz1a.js';

describe('hashed assets: precompressed and cached for a year', () => {
  it('sends the brotli copy to a browser that accepts it, immutable for a year', async () => {
    const res = await app.inject({ url: ASSET, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.rawPayload.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(res.rawPayload).toString('utf8')).toBe(script);
  });

  it('sends the gzip copy when brotli is not accepted', async () => {
    const res = await app.inject({ url: ASSET, headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(res.rawPayload).toString('utf8')).toBe(script);
  });

  it('sends the file as it is to a client that accepts no compression', async () => {
    const res = await app.inject({ url: ASSET });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe(script);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps the security headers on assets', async () => {
    const res = await app.inject({ url: ASSET, headers: { 'accept-encoding': 'br' } });
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('the page and other files: revalidated at each load', () => {
  it('sends index.html compressed, with no-cache, and answers 304 while it is unchanged', async () => {
    const res = await app.inject({ url: '/', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(brotliDecompressSync(res.rawPayload).toString('utf8')).toBe(indexHtml);
    const etag = res.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await app.inject({ url: '/', headers: { 'accept-encoding': 'br, gzip', 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
  });

  it('sends the page for a client-side route (/login) with no-cache', async () => {
    const res = await app.inject({ url: '/login' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(indexHtml);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('revalidates files outside /assets (the icon)', async () => {
    const res = await app.inject({ url: '/favicon.svg', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('API answers keep their own no-store', async () => {
    const res = await app.inject({ url: '/api/health', headers: { 'accept-encoding': 'br' } });
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('the installable app: service worker, manifest and icons (docs/decisions/0041)', () => {
  it('serves /sw.js at the root as JavaScript, revalidated at each load, listing the files to precache', async () => {
    const res = await app.inject({ url: '/sw.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.body).toContain(`"${ASSET}"`);
    expect(res.body).toContain('"/index.html"');
    expect(res.body).not.toContain('self.__PRECACHE__');
    expect(res.body).not.toContain('.br"');
  });

  it('lets the page register it and read the manifest under the CSP', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("worker-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'"); // manifest-src falls back to it
  });

  it('serves the manifest (Vietnamese name, theme colour) and PNG icons', async () => {
    const res = await app.inject({ url: '/manifest.webmanifest' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const m = res.json() as { short_name: string; lang: string; theme_color: string; icons: { src: string }[] };
    expect(m).toMatchObject({ short_name: 'Nâng Tầm', lang: 'vi', theme_color: '#0f3b6e' });
    for (const icon of m.icons) {
      const png = await app.inject({ url: icon.src });
      expect(png.statusCode, icon.src).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    }
  });
});
