// The installable, offline part of the web build (docs/decisions/0041-offline-service-worker.md),
// run by scripts/build-web.mjs after `vite build` and before precompressing:
// - dist/icons/icon-192.png, icon-512.png, icon-maskable-512.png: drawn here (a white rising
//   chevron on the app's blue), so no binary file lives in the repository;
// - dist/manifest.webmanifest: Vietnamese name, start URL, theme colour, the icons;
// - dist/sw.js: apps/web/sw/service-worker.js with the list of files to precache (index.html, the
//   manifest, the icons, every file of dist/assets) and a version (a hash of those files' contents),
//   so a new build installs a new worker that drops the old caches.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

export const THEME = '#0f3b6e';
const BLUE = [0x0f, 0x3b, 0x6e];
const WHITE = [0xff, 0xff, 0xff];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A size×size RGB PNG: the blue square with a white chevron pointing up (two thick strokes), kept
 * inside the central 60 % so that a maskable crop never cuts it.
 */
export function iconPng(size) {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  const cx = size / 2;
  const half = size * 0.26; // half width of the chevron
  const top = size * 0.3;
  const thick = size * 0.11;
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const dx = Math.abs(x + 0.5 - cx);
      // the chevron: points whose height above the apex line follows |dx| within `thick`
      const d = y + 0.5 - (top + dx * 0.9);
      const inChevron = dx <= half && d >= 0 && d <= thick;
      // a bar under it (the "level" being raised)
      const inBar = dx <= half && y + 0.5 >= size * 0.62 && y + 0.5 <= size * 0.62 + thick * 0.8;
      const [r, g, b] = inChevron || inBar ? WHITE : BLUE;
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function manifest() {
  return {
    name: 'Nâng Tầm — Đào tạo, bồi dưỡng cán bộ',
    short_name: 'Nâng Tầm',
    description: 'Quản lý đào tạo, bồi dưỡng cán bộ, công chức, viên chức',
    lang: 'vi',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: THEME,
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}

/** Writes the icons, the manifest and sw.js into `dist`; returns the number of precached files. */
export function writeOfflineFiles(dist, template) {
  mkdirSync(join(dist, 'icons'), { recursive: true });
  writeFileSync(join(dist, 'icons/icon-192.png'), iconPng(192));
  const big = iconPng(512);
  writeFileSync(join(dist, 'icons/icon-512.png'), big);
  writeFileSync(join(dist, 'icons/icon-maskable-512.png'), big);
  writeFileSync(join(dist, 'manifest.webmanifest'), `${JSON.stringify(manifest(), null, 2)}\n`);

  const assets = readdirSync(join(dist, 'assets'))
    .filter((f) => !f.endsWith('.br') && !f.endsWith('.gz'))
    .sort()
    .map((f) => `/assets/${f}`);
  const files = ['/index.html', '/manifest.webmanifest', '/favicon.svg', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/icon-maskable-512.png', ...assets];
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(`${f}\0`);
    hash.update(readFileSync(join(dist, f)));
  }
  const version = hash.digest('hex').slice(0, 16);
  const text = readFileSync(template, 'utf8');
  for (const placeholder of ['self.__VERSION__', 'self.__PRECACHE__']) {
    if (text.split(placeholder).length !== 2) throw new Error(`${template}: ${placeholder} must appear exactly once`);
  }
  const source = text.replace('self.__VERSION__', JSON.stringify(version)).replace('self.__PRECACHE__', JSON.stringify(files));
  writeFileSync(join(dist, 'sw.js'), source);
  return files.length;
}
