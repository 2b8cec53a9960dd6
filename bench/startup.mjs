// `npm run bench:startup`: how long the server takes from the process start to its first answer on
// /api/health, on an existing database (migrated, shipped rules written: what a restart or an
// upgrade without new migrations meets), for the compiled build (`node dist/server/main.js`, on this
// Node and, with NODE24_BIN, on Node 24) against the baseline of the same entry point run from source
// through tsx (`tsx apps/server/src/main.ts`, how production started before the build). The runs of
// the variants alternate, so all see the same machine load. Needs `npm run build` first.
//
//   node bench/startup.mjs [--runs 15] [--database-url postgres://…]   (default: PGlite in a temp folder)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, median, timeToHealthy } from './process-timing.mjs';

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

/** Wall and CPU milliseconds from spawn to the first 200 on /api/health; then SIGTERM and wait for the exit. */
async function startOnce(v) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(v.cmd, v.args, { cwd: root, env: env(port), stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise((ok) => child.once('exit', ok));
  const { ms, cpu } = await timeToHealthy(child, port, started, { deadlineMs: 120_000, pollMs: 10 });
  child.kill('SIGTERM');
  await exited;
  if (ms === null) throw new Error(`${v.name} did not start`);
  return { ms, cpu };
}

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
