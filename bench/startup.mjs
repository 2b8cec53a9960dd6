// `npm run bench:startup`: how long the server takes from the process start to its first answer on
// /api/health, on an existing database (migrated, shipped rules written: what a restart or an
// upgrade without new migrations meets), for the compiled build (`node dist/server/main.js`, on this
// Node and, with NODE24_BIN, on Node 24) against the baseline of the same entry point run from source
// through tsx (`tsx apps/server/src/main.ts`, how production started before the build). The runs of
// the variants alternate, so all see the same machine load. Needs `npm run build` first.
//
//   node bench/startup.mjs [--runs 15] [--database-url postgres://…]   (default: PGlite in a temp folder)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, 'database-url': { type: 'string' } } });
const runs = Number(values.runs);
if (!existsSync(join(root, 'dist/server/main.js'))) throw new Error('dist/server/main.js is missing: run `npm run build` first');

const variants = [
  {
    name: 'tsx apps/server/src/main.ts (baseline)',
    cmd: process.execPath,
    args: [join(root, 'node_modules/tsx/dist/cli.mjs'), 'apps/server/src/main.ts'],
  },
  { name: `node dist/server/main.js (Node ${process.versions.node})`, cmd: process.execPath, args: ['dist/server/main.js'] },
];
if (process.env.NODE24_BIN)
  variants.push({ name: 'node dist/server/main.js (Node 24)', cmd: process.env.NODE24_BIN, args: ['dist/server/main.js'] });

const freePort = () =>
  new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

const dataDir = mkdtempSync(join(tmpdir(), 'nangtam-startup-'));
const env = (port) => ({
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  DATA_DIR: join(dataDir, 'data'),
  DATABASE_URL: values['database-url'] ?? '',
  DEMO: 'off',
  LOG_LEVEL: 'warn',
});

/**
 * CPU time (user + system, ms) the process and its descendants (tsx runs the server in a child) have
 * used so far, from /proc: unlike the wall time it hardly depends on what else the machine is doing.
 */
function cpuMsOfTree(rootPid) {
  const TICK_MS = 10; // USER_HZ = 100 on Linux
  const stats = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(d), { ppid: Number(rest[1]), cpu: Number(rest[11]) + Number(rest[12]) });
    } catch {
      /* gone */
    }
  }
  const inTree = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = stats.get(p)?.ppid ?? 0, hops++) if (p === rootPid) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, st] of stats) if (inTree(pid)) ticks += st.cpu;
  return ticks * TICK_MS;
}

/** Wall and CPU milliseconds from spawn to the first 200 on /api/health; then SIGTERM and wait for the exit. */
async function startOnce(v) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(v.cmd, v.args, { cwd: root, env: env(port), stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise((ok) => child.once('exit', ok));
  let ms = null;
  let cpu = null;
  const deadline = started + 120_000;
  while (performance.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) {
        ms = performance.now() - started;
        cpu = cpuMsOfTree(child.pid);
        break;
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGTERM');
  await exited;
  if (ms === null) throw new Error(`${v.name} did not start`);
  return { ms, cpu };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  // the existing database: the first start migrates it and writes the shipped rules (not timed)
  await startOnce(variants[1]);
  const times = variants.map(() => []);
  const cpu = variants.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, v] of variants.entries()) {
      const r = await startOnce(v);
      times[k].push(r.ms);
      cpu[k].push(r.cpu);
    }
  }
  const db = values['database-url'] ? 'PostgreSQL' : 'PGlite';
  console.log(`Start-up to the first /api/health answer, existing ${db} database, ${runs} runs each, alternating;`);
  console.log(`${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${loadavg()[0].toFixed(1)} at the end.`);
  console.log('| command | wall time, median | fastest | slowest | CPU time to ready, median |');
  console.log('|---|---|---|---|---|');
  const base = median(times[0]);
  const baseCpu = median(cpu[0]);
  const ratio = (x, b, k) => (k === 0 ? '' : ` (${(x / b).toFixed(2)}×)`);
  for (const [k, v] of variants.entries()) {
    const m = median(times[k]);
    const c = median(cpu[k]);
    console.log(
      `| \`${v.name}\` | ${Math.round(m)} ms${ratio(m, base, k)} | ${Math.round(Math.min(...times[k]))} ms | ${Math.round(Math.max(...times[k]))} ms | ${Math.round(c)} ms${ratio(c, baseCpu, k)} |`,
    );
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
