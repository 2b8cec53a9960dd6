// `npm run bench:restart`: a later `npm start` (an existing database, the web app unchanged) from the
// command to the first answer on /api/health, against the baseline of the command `npm start` ran
// before (`npm run build:web && tsx tools/demo/start.ts`: the web app rebuilt by Vite at every start).
// Both run on the same PGlite database in a temporary folder, which the first, untimed `npm start`
// fills with a demo province; the runs alternate, so both see the same machine load.
//
// The baseline builds into a temporary folder (`vite build --outDir`, served through WEB_DIST), so it
// does not empty apps/web/dist and its stamp; it is started by one npm process (`npm exec -c`) where
// the old `npm start` went through three (npm start → npm run build:web → npm -w apps/web run build),
// which favours it by a few hundred milliseconds.
//
//   node bench/restart.mjs [--runs 5] [--people 2000]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, people: { type: 'string', default: '2000' } } });
const runs = Number(values.runs);
const tmp = mkdtempSync(join(tmpdir(), 'nangtam-restart-'));
const oldWebDist = join(tmp, 'web-rebuilt');

const variants = [
  {
    name: '`npm run build:web && tsx tools/demo/start.ts` (before: Vite at every start)',
    cmd: 'npm',
    args: ['exec', '-c', `npm -w apps/web run build -- --outDir ${oldWebDist} --emptyOutDir && tsx tools/demo/start.ts`],
    env: { WEB_DIST: oldWebDist },
  },
  { name: '`npm start` (the web app built only when its sources changed)', cmd: 'npm', args: ['start'], env: {} },
];

const freePort = () =>
  new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

/** CPU time (user + system, ms) used so far by the process and its descendants, from /proc. */
function cpuMsOfTree(rootPid) {
  const TICK_MS = 10; // USER_HZ = 100 on Linux
  const stats = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      // utime, stime, and the waited-for children's cutime, cstime (the finished vite build)
      stats.set(Number(d), { ppid: Number(rest[1]), cpu: Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]) });
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

/** Wall and CPU ms from the command to the first 200 on /api/health; then SIGTERM to its process group. */
async function startOnce(v, extraEnv = {}) {
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: join(tmp, 'data'),
    DATABASE_URL: '',
    DEMO_PEOPLE: values.people,
    LOG_LEVEL: 'warn',
    ...v.env,
    ...extraEnv,
  };
  const started = performance.now();
  const child = spawn(v.cmd, v.args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const exited = new Promise((ok) => child.once('exit', ok));
  let ms = null;
  let cpu = null;
  const deadline = started + 600_000;
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
    await new Promise((r) => setTimeout(r, 20));
  }
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  await exited;
  await new Promise((r) => setTimeout(r, 500)); // the server's own shutdown (PGlite closes its files)
  if (ms === null) throw new Error(`${v.name} did not start`);
  return { ms, cpu };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  // the existing database: the first start builds the demo province into it (not timed)
  const first = await startOnce(variants[1]);
  console.log(`First start (demo province of ${values.people} people built): ${(first.ms / 1000).toFixed(1)} s`);
  const times = variants.map(() => []);
  const cpu = variants.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, v] of variants.entries()) {
      const r = await startOnce(v);
      times[k].push(r.ms);
      cpu[k].push(r.cpu);
    }
  }
  console.log(`Later start to the first /api/health answer, existing PGlite database, ${runs} runs each, alternating;`);
  console.log(
    `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} at the end.`,
  );
  console.log('| command | wall time, median | fastest | slowest | CPU time to ready, median |');
  console.log('|---|---|---|---|---|');
  const base = median(times[0]);
  const baseCpu = median(cpu[0]);
  const ratio = (x, b, k) => (k === 0 ? '' : ` (${(x / b).toFixed(2)}×)`);
  for (const [k, v] of variants.entries()) {
    const m = median(times[k]);
    const c = median(cpu[k]);
    console.log(
      `| ${v.name} | ${(m / 1000).toFixed(1)} s${ratio(m, base, k)} | ${(Math.min(...times[k]) / 1000).toFixed(1)} s | ${(Math.max(...times[k]) / 1000).toFixed(1)} s | ${Math.round(c)} ms${ratio(c, baseCpu, k)} |`,
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
