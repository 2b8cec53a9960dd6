// `npm run build:server`: the server as plain JavaScript for production (`node dist/server/main.js`).
//
// esbuild bundles each entry point together with the workspace packages it imports
// (@nang-tam/domain, contracts, db — TypeScript source) into one ES module, dist/server/<name>.js.
// npm dependencies are not bundled: they stay imports, resolved from node_modules at run time (the
// release archive ships the production node_modules). Every output file sits directly in
// dist/server/, so `import.meta.url` means the same folder in every bundled module: the migrations
// and reference data are copied to dist/server/{migrations,reference} (packages/db/src/resources.ts
// finds them there), and the built web app (apps/web/dist, `npm run build:web`) to dist/web
// (apps/server/src/config.ts looks there first), with the .gz and .br of each text file
// (scripts/precompress.mjs) for nginx and the server. See
// docs/decisions/0020-compiled-build-and-offline-release.md.
//
// Entry points: ENTRY_POINTS below, plus every worker thread's entry under apps/server/src — a
// `<name>.worker.ts` file, or `entry.ts` in a `workers/` folder — which becomes
// dist/server/<name>.js, next to main.js: a worker started with `new URL('./<name>.js',
// import.meta.url)` finds it in the build (import.meta.url is dist/server/main.js there). Another
// kind of entry point (a second command-line tool, say): add it to ENTRY_POINTS.
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { precompress } from './precompress.mjs';

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist');

/** Output name (dist/server/<name>.js) → source file. */
const ENTRY_POINTS = {
  main: 'apps/server/src/main.ts', // the production server
  setup: 'tools/setup.ts', // a real deployment's unit tree and first administrator
};

/** The workspace packages bundled into the server; their npm dependencies are what production needs. */
export const SERVER_PACKAGES = ['apps/server', 'packages/db', 'packages/contracts', 'packages/domain'];

/** A worker thread's entry file: `<name>.worker.ts`, or `entry.ts` in a `workers/` folder. */
const WORKER_ENTRY = /\.worker\.ts$|(^|\/)workers\/entry\.ts$/;

function workerEntries(dir) {
  const found = {};
  for (const e of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
    const file = relative(root, join(e.parentPath, e.name));
    if (e.isFile() && WORKER_ENTRY.test(file)) {
      const name = basename(e.name, '.ts');
      if (found[name] || ENTRY_POINTS[name]) throw new Error(`two entry points named ${name}.js: rename ${file}`);
      found[name] = file;
    }
  }
  return found;
}

/** npm packages the bundle may import: the dependencies of the server and the workspace packages it uses. */
function runtimeDependencies() {
  const names = new Set();
  for (const dir of SERVER_PACKAGES) {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    for (const name of Object.keys(pkg.dependencies ?? {})) if (!name.startsWith('@nang-tam/')) names.add(name);
  }
  return names;
}

/** Workspace packages are bundled; npm packages stay imports, and must be production dependencies. */
function externalsPlugin(allowed) {
  const builtins = new Set(builtinModules);
  return {
    name: 'nang-tam-externals',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@nang-tam/')) return undefined; // bundled from source
        if (args.path.startsWith('node:') || builtins.has(args.path)) return { path: args.path, external: true };
        const parts = args.path.split('/');
        const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
        if (allowed && !allowed.has(name)) {
          return {
            errors: [
              { text: `${name} is imported by ${relative(root, args.importer)} but is not a dependency of ${SERVER_PACKAGES.join(', ')}` },
            ],
          };
        }
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * Bundles `entryPoints` (output name → source file) and every worker thread's entry into `outdir`.
 * `allowAnyPackage`: any npm package stays an import (the demo start of scripts/start.mjs, which runs
 * in the repository with all its node_modules), not only the server's production dependencies.
 */
export async function bundleEntryPoints(entryPoints, outdir, { allowAnyPackage = false } = {}) {
  const all = { ...entryPoints, ...workerEntries('apps/server/src') };
  const result = await build({
    entryPoints: Object.fromEntries(Object.entries(all).map(([name, file]) => [name, join(root, file)])),
    outdir,
    bundle: true,
    splitting: false, // one file per entry point: import.meta.url is dist/server/ everywhere
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: join(root, 'tsconfig.json'),
    plugins: [externalsPlugin(allowAnyPackage ? null : runtimeDependencies())],
  });
  if (result.errors.length > 0) throw new Error('esbuild failed');
  return Object.keys(all);
}

export async function buildServer() {
  rmSync(join(out, 'server'), { recursive: true, force: true });
  const names = await bundleEntryPoints(ENTRY_POINTS, join(out, 'server'));

  cpSync(join(root, 'packages/db/migrations'), join(out, 'server/migrations'), { recursive: true });
  cpSync(join(root, 'packages/db/reference'), join(out, 'server/reference'), { recursive: true });
  rmSync(join(out, 'web'), { recursive: true, force: true });
  const webDist = join(root, 'apps/web/dist');
  if (!existsSync(join(webDist, 'index.html'))) throw new Error('apps/web/dist is missing: run `npm run build:web` first');
  // timestamps kept, so the .br and .gz of `npm run build:web` stay newer than their files; not its stamp
  cpSync(webDist, join(out, 'web'), { recursive: true, preserveTimestamps: true, filter: (src) => basename(src) !== '.source-hash' });
  await precompress(join(out, 'web')); // copies the .br and .gz of `npm run build:web`; writes any missing
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
  return names.map((name) => `dist/server/${name}.js`);
}

if (process.argv[1] === import.meta.filename) {
  const started = performance.now();
  const files = await buildServer();
  console.log(
    `Built ${files.join(', ')} in ${Math.round(performance.now() - started)} ms (+ dist/server/migrations, reference, dist/web).`,
  );
}
