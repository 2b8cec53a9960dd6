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
//   node bench/restart.mjs [--runs 5] [--people 2000] [--skip-vite]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, median, timeToHealthy } from './process-timing.mjs';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    people: { type: 'string', default: '2000' },
    'skip-vite': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const tmp = mkdtempSync(join(tmpdir(), 'nangtam-restart-'));
const oldWebDist = join(tmp, 'web-rebuilt');

const variants = [
  {
    name: '`npm run build:web && tsx tools/demo/start.ts` (before 0024: Vite at every start)',
    cmd: 'npm',
    args: ['exec', '-c', `npm -w apps/web run build -- --outDir ${oldWebDist} --emptyOutDir && tsx tools/demo/start.ts`],
    env: { WEB_DIST: oldWebDist },
  },
  // docs/decisions/0060: the `npm start` of 0024 (tsx compiling the server at every start) against the bundled one
  {
    name: '`node scripts/build-web.mjs --if-changed && tsx tools/demo/start.ts` (before 0060)',
    cmd: 'npm',
    args: ['exec', '-c', 'node scripts/build-web.mjs --if-changed && tsx tools/demo/start.ts'],
    env: {},
  },
  { name: '`npm start` (web app and server bundle built only when their sources changed, 0060)', cmd: 'npm', args: ['start'], env: {} },
];
// --skip-vite: without the Vite-at-every-start baseline (its builds dominate a run on a loaded machine)
if (values['skip-vite']) variants.shift();
/** The variant the first, untimed start uses (it builds the demo province). */
const CURRENT = variants.length - 1;

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
  const { ms, cpu } = await timeToHealthy(child, port, started, { deadlineMs: 600_000, pollMs: 20 });
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

try {
  // the existing database: the first start builds the demo province into it (not timed)
  const first = await startOnce(variants[CURRENT]);
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
