// `npm run build:web`: the web app (Vite) into apps/web/dist, with a .br and .gz of each text file
// (scripts/precompress.mjs) and a stamp, apps/web/dist/.source-hash, of everything the build reads.
//
//   node scripts/build-web.mjs               build
//   node scripts/build-web.mjs --if-changed  build only when the stamp in apps/web/dist differs (`npm start`)
//
// The stamp is a SHA-256 of the web app's files (apps/web without dist and node_modules), the
// shared packages it bundles (packages/contracts and packages/domain), the lockfile, the root
// tsconfig and this script and precompress.mjs. It lives inside dist, so any other build of the
// web app (a bare `vite build` empties dist) removes it and the next `npm start` builds again. See
// docs/decisions/0024-fast-restarts-and-cached-assets.md.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { precompress } from './precompress.mjs';
import { writeOfflineFiles } from './service-worker.mjs';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'apps/web/dist');
const STAMP = join(dist, '.source-hash');

/** Folders and files whose content decides the web build (relative to the repository). */
const INPUTS = [
  'apps/web',
  'packages/contracts',
  'packages/domain',
  'package-lock.json',
  'tsconfig.json',
  'scripts/build-web.mjs',
  'scripts/precompress.mjs',
  'scripts/service-worker.mjs',
];
const SKIP = new Set(['node_modules', 'dist', '.vite']);

/** The files under `path` (a folder, walked without SKIP, or one file), those `keep` accepts by name. */
function filesOf(base, path, keep) {
  const abs = join(base, path);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [abs];
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(e.name)) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && keep(e.name)) out.push(p);
    }
  };
  walk(abs);
  return out;
}

/**
 * SHA-256 over the sorted relative paths and contents of the files under `inputs` (relative to
 * `base`), leaving out node_modules, dist and .vite, and the files `keep` refuses by name. The stamp
 * of the web build here and of the server bundle `npm start` runs (scripts/start.mjs).
 */
export function hashInputs(base, inputs, keep = () => true) {
  const hash = createHash('sha256');
  const files = inputs
    .flatMap((path) => filesOf(base, path, keep))
    .map((f) => relative(base, f).split(sep).join('/'))
    .sort();
  for (const f of files) {
    hash.update(`${f}\0`);
    hash.update(readFileSync(join(base, f)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** SHA-256 over the sorted relative paths and contents of the build's inputs (in the repository at `base`). */
export function sourceHash(base = root) {
  return hashInputs(base, INPUTS);
}

/** Whether the web build in `base`/apps/web/dist is complete and was built from sources with this hash. */
export function isUpToDate(hash, base = root) {
  const webDist = join(base, 'apps/web/dist');
  const stamp = join(webDist, '.source-hash');
  if (!existsSync(join(webDist, 'index.html')) || !existsSync(stamp)) return false;
  return readFileSync(stamp, 'utf8').trim() === hash;
}

export async function buildWeb({ ifChanged = false } = {}) {
  const started = performance.now();
  const hash = sourceHash();
  if (ifChanged && isUpToDate(hash)) {
    console.log(`Web app unchanged (apps/web/dist, ${Math.round(performance.now() - started)} ms to check): not rebuilt.`);
    return false;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['-w', 'apps/web', 'run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status ?? r.signal})`);
  const precached = writeOfflineFiles(dist, join(root, 'apps/web/sw/service-worker.js'));
  const compressed = await precompress(dist);
  writeFileSync(STAMP, `${hash}\n`);
  console.log(
    `Built the web app in ${((performance.now() - started) / 1000).toFixed(1)} s (${compressed} files precompressed, .br and .gz; ${precached} files precached by sw.js).`,
  );
  return true;
}

if (process.argv[1] === import.meta.filename) {
  try {
    await buildWeb({ ifChanged: process.argv.includes('--if-changed') });
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
