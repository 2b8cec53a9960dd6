// `npm run release`: a self-contained release archive for a machine with no network.
//
//   release/nang-tam-<version>.tar.gz (+ .sha256), unpacking to nang-tam-<version>/:
//     dist/server/*.js      the compiled server (main.js) and set-up tool (setup.js), with the
//                           migrations and reference data beside them
//     dist/web/             the built web app
//     node_modules/         production dependencies of the server only (no web, no dev packages)
//     deploy/               systemd unit, nginx site, logrotate, backup script and timer
//     node/bin/node         with --with-node: Node.js 24 for linux-x64, for a machine without it
//     INSTALL.md            install, upgrade and roll back, for the installer (from deploy/INSTALL.md)
//     package.json, VERSION
//
// node_modules is copied from this checkout's installed tree: the packages package-lock.json says the
// server's workspace packages need at run time (dependencies, optional and peer dependencies, found the
// way Node resolves them), each without its nested node_modules (those are listed on their own). No
// registry is asked. The archive is reproducible: files in name order, owner 0, every time set to the
// last commit's time (or SOURCE_DATE_EPOCH), gzip without a name or time.
//
// Options: --skip-build (use the existing dist/), --skip-typecheck (build without `npm run
// typecheck`: `npm test` type-checks before it builds the archive in its release test), --dir <folder> (assemble there instead of
// .tmp/release/<name>), --no-archive (assemble only: the Dockerfile's build stage), --out <file>
// (the archive, instead of release/<name>.tar.gz), --with-node (carry Node.js 24: the npm
// registry's `node` package, which is the official build, fetched once through npx's cache).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SERVER_PACKAGES } from './build-server.mjs';

const root = join(import.meta.dirname, '..');
/** The Node.js major version a release supports first and carries with --with-node (docs/decisions/0019-node-24.md). */
const NODE_MAJOR = '24';

/** Lock-file keys (node_modules/...) of every package the server needs at run time. */
export function productionPackages(lock) {
  const packages = lock.packages;
  const resolveFrom = (name, from) => {
    let base = from;
    for (;;) {
      const key = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (packages[key]) return key;
      if (!base) return null;
      const i = base.lastIndexOf('/node_modules/');
      base = i >= 0 ? base.slice(0, i) : '';
    }
  };
  const found = new Set();
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    let entry = packages[key];
    let from = key;
    if (entry.link) {
      from = entry.resolved; // a workspace package: bundled, but its dependencies are needed
      entry = packages[from];
    } else if (key.includes('node_modules/')) {
      found.add(key);
    }
    const optionalPeers = new Set(
      Object.entries(entry.peerDependenciesMeta ?? {})
        .filter(([, m]) => m.optional)
        .map(([n]) => n),
    );
    const wanted = [
      ...Object.keys(entry.dependencies ?? {}).map((n) => [n, false]),
      ...Object.keys(entry.optionalDependencies ?? {}).map((n) => [n, true]),
      ...Object.keys(entry.peerDependencies ?? {}).map((n) => [n, optionalPeers.has(n)]),
    ];
    for (const [name, optional] of wanted) {
      const dep = resolveFrom(name, from);
      if (dep) visit(dep);
      else if (!optional) throw new Error(`${name}, needed by ${key || 'the root'}, is not in package-lock.json`);
    }
  };
  for (const dir of SERVER_PACKAGES) visit(dir);
  return [...found].sort();
}

function gitValue(args) {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

/** The release package.json: no workspaces, no dev packages; `npm start` runs the compiled server. */
function releasePackageJson(lock, version, keys) {
  const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const dependencies = {};
  for (const dir of SERVER_PACKAGES) {
    for (const name of Object.keys(lock.packages[dir].dependencies ?? {})) {
      if (!name.startsWith('@nang-tam/')) dependencies[name] = lock.packages[`node_modules/${name}`].version;
    }
  }
  return {
    name: 'nang-tam',
    version,
    private: true,
    type: 'module',
    engines: rootPkg.engines,
    scripts: { start: 'node dist/server/main.js', setup: 'node dist/server/setup.js' },
    dependencies: Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b))),
    nangTam: { commit: gitValue(['rev-parse', 'HEAD']) || 'unknown', packages: keys.length },
  };
}

export function assembleRelease({ dir, version }) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  for (const f of ['dist/server/main.js', 'dist/server/setup.js', 'dist/web/index.html']) {
    if (!existsSync(join(root, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
  const keys = productionPackages(lock);
  for (const key of keys) {
    const src = join(root, key);
    if (!existsSync(src)) throw new Error(`${key} is not installed: run \`npm ci\` first`);
    cpSync(src, join(dir, key), { recursive: true, filter: (p) => p !== join(src, 'node_modules') });
  }
  cpSync(join(root, 'deploy'), join(dir, 'deploy'), { recursive: true, filter: (p) => !p.endsWith('INSTALL.md') });
  cpSync(join(root, 'deploy/INSTALL.md'), join(dir, 'INSTALL.md'));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(releasePackageJson(lock, version, keys), null, 2)}\n`);
  writeFileSync(join(dir, 'VERSION'), `${version}\n`);
  return keys.length;
}

/** Node.js NODE_MAJOR from the npm registry's `node` package, into <dir>/node/bin/node. */
function addNode(dir) {
  const [binary, version] = execFileSync(
    'npx',
    ['-y', '-p', `node@${NODE_MAJOR}`, 'node', '-p', 'process.execPath + " " + process.version'],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
    .trim()
    .split(' ');
  if (!version?.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`npx gave Node ${version}, not ${NODE_MAJOR}`);
  mkdirSync(join(dir, 'node/bin'), { recursive: true });
  cpSync(binary, join(dir, 'node/bin/node'));
  writeFileSync(
    join(dir, 'node/SOURCE.txt'),
    `Node.js ${version} for ${process.platform}-${process.arch}: the official build, as published in the npm registry's\n` +
      `\`node\` package (node@${version.slice(1)}). Licence: MIT for Node.js, with the licences of the components it\n` +
      `bundles listed in the LICENSE file of the same Node.js release.\n`,
  );
  return version;
}

function archive(stageParent, name, file, epoch) {
  mkdirSync(dirname(file), { recursive: true });
  run('tar', [
    '--sort=name',
    '--format=gnu',
    `--mtime=@${epoch}`,
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '--mode=u+rwX,go+rX,go-w',
    '--use-compress-program=gzip -n',
    '-cf',
    file,
    '-C',
    stageParent,
    name,
  ]);
  const sum = createHash('sha256').update(readFileSync(file)).digest('hex');
  writeFileSync(`${file}.sha256`, `${sum}  ${relative(dirname(file), file)}\n`);
  return sum;
}

if (process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({
    options: {
      'skip-build': { type: 'boolean', default: false },
      'skip-typecheck': { type: 'boolean', default: false },
      dir: { type: 'string' },
      'no-archive': { type: 'boolean', default: false },
      out: { type: 'string' },
      'with-node': { type: 'boolean', default: false },
    },
  });
  const started = performance.now();
  const serverPkg = JSON.parse(readFileSync(join(root, 'apps/server/package.json'), 'utf8'));
  const commit = gitValue(['rev-parse', '--short=10', 'HEAD']);
  // <package version>-<commit>, and -modified when tracked files differ from that commit
  const modified = commit && gitValue(['status', '--porcelain', '--untracked-files=no']) !== '' ? '-modified' : '';
  const version = commit ? `${serverPkg.version}-${commit}${modified}` : serverPkg.version;
  const name = `nang-tam-${version}`;
  if (!values['skip-build']) {
    if (values['skip-typecheck']) {
      run('npm', ['run', 'build:web']);
      run('npm', ['run', 'build:server']);
    } else {
      run('npm', ['run', 'build']);
    }
  }
  const dir = resolve(values.dir ?? join(root, '.tmp/release', name));
  const count = assembleRelease({ dir, version });
  const node = values['with-node'] ? `, Node.js ${addNode(dir)}` : '';
  console.log(`Assembled ${relative(process.cwd(), dir) || '.'}: ${count} production packages${node}.`);
  if (!values['no-archive']) {
    const epoch = process.env.SOURCE_DATE_EPOCH || gitValue(['log', '-1', '--format=%ct']) || '0';
    const file = resolve(values.out ?? join(root, 'release', `${name}.tar.gz`));
    const sum = archive(dirname(dir), basename(dir), file, epoch);
    const mb = (statSync(file).size / 1024 / 1024).toFixed(1);
    console.log(
      `Release: ${relative(process.cwd(), file)} (${mb} MB, sha256 ${sum.slice(0, 16)}…) in ${Math.round((performance.now() - started) / 1000)} s.`,
    );
  }
}
