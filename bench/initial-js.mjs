// `npm run bench:initial-js`: the JavaScript a browser must download before each page can show
// content, from the Vite manifest of the last web build (apps/web/dist/.vite/manifest.json): the
// entry's static imports, plus the page's lazily loaded route chunk(s) and their static imports.
// Sizes raw, gzip (level 9) and brotli (quality 11), as the server sends them (scripts/precompress.mjs).
// Dynamic imports inside a page (loaded later, on demand) are not counted. This is a static count, not
// a browser measurement: bench/first-load.ts measures the same pages in Chromium (slow 4G, 4× CPU).
//
//   npm run build:web && node bench/initial-js.mjs [--json]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '../apps/web/dist');
const manifestFile = join(dist, '.vite/manifest.json');
if (!existsSync(manifestFile)) throw new Error('apps/web/dist/.vite/manifest.json is missing: run `npm run build:web` first');
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));

/**
 * Page → the source modules of the chunks loaded for it besides the entry: since docs/decisions/0060
 * the public pages are in the entry (public/shell.tsx), the signed-in app (app/App.tsx, with its
 * layout since docs/decisions/0067) and the page are loaded on demand (lazy imports in
 * public/shell.tsx and app/router.tsx).
 */
const PAGES = {
  '/login': ['src/features/auth/LoginPage.tsx'],
  '/verify/:code': ['src/features/verify/VerifyPage.tsx'],
  '/checkin/:token': ['src/features/checkin/CheckinPage.tsx'],
  // on a desktop screen the header's menu (app/DesktopNav.tsx) is loaded with the app; a phone
  // (the learner's page) loads its drawer on the first tap of the menu button (docs/decisions/0067)
  '/people (registry)': ['src/app/App.tsx', 'src/app/DesktopNav.tsx', 'src/features/registry/RegistryPage.tsx'],
  '/learning': ['src/app/App.tsx', 'src/features/learning/MyLearningPage.tsx'],
};

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
/** The files a chunk needs before it runs: itself and its static imports, transitively. */
function closure(keys, files = new Set()) {
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) continue;
    files.add(chunk.file);
    closure(chunk.imports ?? [], files);
  }
  return files;
}

const sizeCache = new Map();
function sizes(file) {
  if (!sizeCache.has(file)) {
    const data = readFileSync(join(dist, file));
    sizeCache.set(file, {
      raw: data.length,
      gzip: gzipSync(data, { level: 9 }).length,
      br: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return sizeCache.get(file);
}

const rows = [];
for (const [page, modules] of Object.entries(PAGES)) {
  // a route module missing from the manifest is in the entry itself (imported eagerly)
  const files = closure([entryKey, ...modules.filter((m) => manifest[m])]);
  const total = { raw: 0, gzip: 0, br: 0 };
  for (const f of files) {
    if (!f.endsWith('.js')) continue;
    const s = sizes(f);
    total.raw += s.raw;
    total.gzip += s.gzip;
    total.br += s.br;
  }
  rows.push({ page, files: [...files].filter((f) => f.endsWith('.js')).length, ...total });
}

if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  const kb = (n) => `${(n / 1000).toFixed(0)} KB`;
  console.log('| page | JS files | raw | gzip | brotli |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| \`${r.page}\` | ${r.files} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.br)} |`);
}
