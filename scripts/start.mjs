// `npm start`: the demo server (tools/demo/start.ts) without compiling TypeScript at every start
// (docs/decisions/0060).
//
// 1. The web app is built only when its sources changed (scripts/build-web.mjs, stamp in apps/web/dist).
// 2. tools/demo/start.ts is bundled by esbuild, with the server and the workspace packages, into
//    node_modules/.cache/nang-tam-start/ (its worker threads' entries beside it, the migrations and
//    reference data copied there as in dist/server) — again only when a source changed: the stamp
//    there is a SHA-256 of apps/server, packages/*, tools/demo, the lockfile, the root tsconfig and
//    the build scripts.
// 3. The bundle runs in this process (no tsx, no second Node process).
//
// `npm run dev` still runs the sources through tsx (watch mode). START_FROM_SOURCE=1 runs tsx here too.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildWeb, hashInputs } from './build-web.mjs';

const root = join(import.meta.dirname, '..');
const cacheDir = join(root, 'node_modules/.cache/nang-tam-start');
const STAMP = '.source-hash';

/** What the server bundle is made of (relative to the repository). */
export const SERVER_INPUTS = [
  'apps/server/src',
  'apps/server/package.json',
  'packages/db',
  'packages/contracts',
  'packages/domain',
  'tools/demo',
  'package-lock.json',
  'tsconfig.json',
  'scripts/start.mjs',
  'scripts/build-server.mjs',
];
/** SHA-256 over the sorted relative paths and contents of the server bundle's inputs (tests excluded). */
export function serverSourceHash(base = root) {
  return hashInputs(base, SERVER_INPUTS, (name) => !/\.test\.ts$/.test(name));
}

/** The bundle of tools/demo/start.ts, built when its sources changed; returns its path. */
export async function bundleDemoServer({ dir = cacheDir } = {}) {
  const started = performance.now();
  const hash = serverSourceHash();
  const stamp = join(dir, STAMP);
  const entry = join(dir, 'start.js');
  if (existsSync(entry) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash)
    return { entry, built: false, ms: performance.now() - started };
  const { bundleEntryPoints } = await import('./build-server.mjs');
  // built beside, then swapped in: a start interrupted half-way never leaves a half bundle with a good stamp
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  await bundleEntryPoints({ start: 'tools/demo/start.ts' }, tmp, { allowAnyPackage: true });
  cpSync(join(root, 'packages/db/migrations'), join(tmp, 'migrations'), { recursive: true });
  cpSync(join(root, 'packages/db/reference'), join(tmp, 'reference'), { recursive: true });
  writeFileSync(join(tmp, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
  writeFileSync(join(tmp, STAMP), `${hash}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { entry, built: true, ms: performance.now() - started };
}

if (process.argv[1] === import.meta.filename) {
  try {
    await buildWeb({ ifChanged: true });
    if (process.env.START_FROM_SOURCE === '1') {
      const child = spawn('npx', ['tsx', 'tools/demo/start.ts'], { cwd: root, stdio: 'inherit' });
      child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    } else {
      const { entry, built, ms } = await bundleDemoServer();
      console.log(
        built
          ? `Server bundled in ${(ms / 1000).toFixed(1)} s (its sources changed).`
          : `Server unchanged (${Math.round(ms)} ms to check): not rebundled.`,
      );
      // the built web app of this repository (the bundle's own folder has none beside it)
      process.env.WEB_DIST ??= join(root, 'apps/web/dist');
      await import(pathToFileURL(entry).href);
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
