/**
 * The offline install (deploy/INSTALL.md), as an IT officer does it on a machine with no network:
 * the release archive is unpacked into an empty folder outside this checkout, the set-up tool creates
 * the province and its first administrator, the compiled server starts with the Node.js 24 the archive
 * carries (node/bin/node, as the systemd unit runs it), answers its health check, serves the web app
 * and lets the administrator log in; then an upgrade — the next release unpacked beside it, started on
 * the same data folder — keeps the account. npm is told to stay offline (npm_config_offline=true)
 * and nothing is installed: the archive carries its node_modules.
 *
 * The archive is built once by `npm run release -- --with-node --skip-typecheck` (`npm test`
 * type-checks first) into .tmp/release-test/, unless RELEASE_ARCHIVE names one already built.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const PASSWORD = 'QuanTri@2026x';
const work = mkdtempSync(join(tmpdir(), 'nangtam-offline-'));
const dataDir = join(work, 'data');
let archive = '';

/** Only what a service manager would give the process: no NODE_PATH, no checkout, npm offline. */
function cleanEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: work,
    LANG: 'C.UTF-8',
    npm_config_offline: 'true',
    npm_config_cache: join(work, 'npm-cache'), // an empty cache: nothing to install from either
    DATA_DIR: dataDir,
    DEMO: 'off',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

function unpack(into: string): string {
  mkdirSync(into, { recursive: true });
  const tar = spawnSync('tar', ['-xzf', archive, '-C', into], { encoding: 'utf8' });
  expect(tar.status, tar.stderr).toBe(0);
  const top = readdirSync(into);
  expect(top).toHaveLength(1); // one folder, named after the release
  return join(into, top[0]!);
}

/** The archive's own Node.js (what deploy/systemd/nang-tam.service runs), else this one. */
function nodeOf(dir: string): string {
  const carried = join(dir, 'node/bin/node');
  return existsSync(carried) ? carried : process.execPath;
}

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

interface Running {
  child: ChildProcess;
  base: string;
  output: () => string;
}

async function startServer(dir: string): Promise<Running> {
  const port = await freePort();
  const child = spawn(nodeOf(dir), ['dist/server/main.js'], {
    cwd: dir,
    env: cleanEnv({ PORT: String(port), HOST: '127.0.0.1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped at start (code ${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer in 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, base, output: () => out };
}

/** SIGTERM, as systemd stops it: the server closes the database and exits 0. */
async function stopServer(s: Running): Promise<number | null> {
  if (s.child.exitCode !== null) return s.child.exitCode;
  const exited = new Promise<number | null>((ok) => s.child.once('exit', (code) => ok(code)));
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 20_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

async function login(base: string, username: string, password: string): Promise<Response> {
  return fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

let running: Running | undefined;

beforeAll(() => {
  if (process.env.RELEASE_ARCHIVE) {
    archive = resolve(process.env.RELEASE_ARCHIVE);
  } else {
    archive = join(repo, '.tmp/release-test/nang-tam.tar.gz');
    const r = spawnSync(process.execPath, ['scripts/release.mjs', '--skip-typecheck', '--with-node', '--out', archive], { cwd: repo, stdio: 'inherit' });
    expect(r.status).toBe(0);
  }
  expect(existsSync(archive)).toBe(true);
});

afterAll(async () => {
  if (running) await stopServer(running);
  rmSync(work, { recursive: true, force: true });
});

describe('the release archive installs and starts with no network', () => {
  let first = '';

  it('unpacks into an empty folder with every production package in place', () => {
    first = unpack(join(work, 'releases-a'));
    for (const f of ['INSTALL.md', 'VERSION', 'dist/server/main.js', 'dist/server/setup.js', 'dist/web/index.html', 'deploy/systemd/nang-tam.service', 'node/bin/node']) {
      expect(existsSync(join(first, f)), f).toBe(true);
    }
    expect(readdirSync(join(first, 'dist/server/migrations')).filter((f) => f.endsWith('.sql')).length).toBeGreaterThan(0);
    expect(existsSync(join(first, 'node_modules/vite')), 'no web build tools').toBe(false);
    expect(existsSync(join(first, 'node_modules/react')), 'no web app packages').toBe(false);
    expect(existsSync(join(first, 'node_modules/@nang-tam')), 'workspace packages are compiled in').toBe(false);
    // npm, offline, finds the dependency tree complete: nothing missing, nothing extra
    const ls = spawnSync('npm', ['ls', '--all', '--omit=dev'], { cwd: first, env: cleanEnv({}), encoding: 'utf8' });
    expect(ls.status, ls.stdout + ls.stderr).toBe(0);
  });

  it('sets up the province and its administrator from the compiled set-up tool', () => {
    const setup = spawnSync(nodeOf(first), ['dist/server/setup.js', '--province', '08', '--username', 'quantri', '--name', 'Quản trị hệ thống'], {
      cwd: first,
      env: cleanEnv({ NANGTAM_ADMIN_PASSWORD: PASSWORD }),
      encoding: 'utf8',
    });
    expect(setup.status, setup.stdout + setup.stderr).toBe(0);
    expect(setup.stdout).toContain("Đã tạo tài khoản quản trị 'quantri'");
  }, 120_000);

  it('starts with node, answers its health check, serves the web app and lets the administrator log in', async () => {
    running = await startServer(first);
    const health = await fetch(`${running.base}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', db: 'pglite' });
    const page = await fetch(`${running.base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="vi">');
    expect((await login(running.base, 'quantri', 'wrong-password-1')).status).toBe(401);
    const ok = await login(running.base, 'quantri', PASSWORD);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ username: 'quantri', role: 'system_admin' });
    expect(await stopServer(running)).toBe(0);
    running = undefined;
  }, 120_000);

  it('upgrades: the next release, started on the same data folder, keeps the account', async () => {
    const next = unpack(join(work, 'releases-b'));
    running = await startServer(next);
    const ok = await login(running.base, 'quantri', PASSWORD);
    expect(ok.status).toBe(200);
    expect(await stopServer(running)).toBe(0);
    running = undefined;
  }, 120_000);
});
