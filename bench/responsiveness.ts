import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb, migrate } from '@nang-tam/db';
import { seedDemoProvince } from '../tools/demo/generate.js';
import { buildXlsx, makeRows, removeBenchRows } from './import.js';
import { currentRssMiB, peakRssMiB, startServer, stop, waitForHttp } from './lib.js';

/**
 * Does an import starve the API? `/api/health` (which runs `SELECT 1` on the database) is called
 * one request after another, every 10 ms, for a while with no import (the baseline) and then for
 * the whole of a large import uploaded through the API. Its latencies give p50/p99 and the longest
 * pause: a request waits for whatever holds the event loop or the database.
 */
export interface Probe {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  /** When the longest request started (performance.now()), to name the job's stage then. */
  maxAt: number;
  /** Requests that took over 1 s: when each started, and how long it took. */
  slow: { at: number; ms: number }[];
}

export interface StallRun {
  db: 'postgres' | 'pglite';
  rows: number;
  fileMiB: number;
  importSeconds: number;
  peakRssMiB: number;
  baseline: Probe;
  during: Probe;
  /** The job's stage (as polled) just before and just after the longest pause. */
  longestPauseIn: string;
}

export interface ResponsivenessBench {
  runs: StallRun[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function prober(api: string) {
  const times: number[] = [];
  const slow: { at: number; ms: number }[] = [];
  let errors = 0;
  let maxAt = 0;
  let longest = -1;
  let running = true;
  const done = (async () => {
    while (running) {
      const t = performance.now();
      try {
        const res = await fetch(`${api}/api/health`);
        await res.arrayBuffer();
        if (res.status !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      const took = performance.now() - t;
      times.push(took);
      if (took > 1000) slow.push({ at: t, ms: took });
      if (took > longest) [longest, maxAt] = [took, t];
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    async stop(): Promise<Probe> {
      running = false;
      await done;
      const sorted = [...times].sort((a, b) => a - b);
      return { requests: times.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0, errors, maxAt, slow };
    },
  };
}

async function login(api: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${api}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'NangTam@2025' }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  const me = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: me.csrfToken };
}

async function measure(api: string, pid: number, file: Buffer, baselineSeconds: number): Promise<Omit<StallRun, 'db' | 'rows'>> {
  const { cookie, csrf } = await login(api);
  // warm up, then the baseline: the same probe with no import
  for (let i = 0; i < 20; i++) await fetch(`${api}/api/health`).then((r) => r.arrayBuffer());
  const idle = prober(api);
  await new Promise((r) => setTimeout(r, baselineSeconds * 1000));
  const baseline = await idle.stop();

  const busy = prober(api);
  let peak = currentRssMiB(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, currentRssMiB(pid))), 200);
  const t0 = performance.now();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'bench.xlsx');
  const res = await fetch(`${api}/api/v1/imports/people`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: form });
  if (res.status !== 202) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  const job = (await res.json()) as { id: number };
  const polls: { at: number; stage: string }[] = [];
  for (;;) {
    // a keep-alive connection the server closes as it resumes after a long pause resets: ask again
    const j = await fetch(`${api}/api/v1/jobs/${job.id}`, { headers: { cookie } })
      .then((r) => r.json() as Promise<{ status: string; stage: string | null; result: unknown }>)
      .catch(() => ({ status: 'unknown', stage: null, result: null }));
    polls.push({ at: performance.now(), stage: j.status === 'running' ? (j.stage ?? 'running') : j.status });
    if (j.status === 'succeeded') break;
    if (j.status === 'failed') throw new Error(`import failed: ${JSON.stringify(j.result).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const importSeconds = (performance.now() - t0) / 1000;
  const during = await busy.stop();
  clearInterval(sampler);
  const before = polls.filter((p) => p.at <= during.maxAt).at(-1)?.stage ?? 'upload';
  const after = polls.find((p) => p.at >= during.maxAt + during.max)?.stage ?? 'succeeded';
  const longestPauseIn = before === after ? before : `${before} → ${after}`;
  // decision 0054: every pause over 1 s, with the stages around it, to tell which step of the job paused the API
  const stageAt = (t: number) => polls.filter((p) => p.at <= t).at(-1)?.stage ?? 'upload';
  const stageAfter = (t: number) => polls.find((p) => p.at >= t)?.stage ?? 'succeeded';
  for (const p of during.slow) console.log(`    pause ${p.ms.toFixed(0)} ms: ${stageAt(p.at)} → ${stageAfter(p.at + p.ms)}`);
  return { fileMiB: file.length / 2 ** 20, importSeconds, peakRssMiB: Math.max(peak, peakRssMiB(pid)), baseline, during, longestPauseIn };
}

const log = (r: StallRun) =>
  console.log(
    `  ${r.db}, ${r.rows} rows: import ${r.importSeconds.toFixed(1)} s; health p99 ${r.during.p99.toFixed(0)} ms (max ${r.during.max.toFixed(0)} ms)` +
      ` vs ${r.baseline.p99.toFixed(0)} ms (max ${r.baseline.max.toFixed(0)} ms) without an import; longest pause during: ${r.longestPauseIn}`,
  );

/** On the benchmark's PostgreSQL database (its province), then on a fresh PGlite data folder (a small demo province). */
export async function benchResponsiveness(
  url: string,
  opts: { rows: number; pgliteRows: number[]; port: number },
): Promise<ResponsivenessBench> {
  const runs: StallRun[] = [];
  if (opts.rows > 0) runs.push(await onPostgres(url, opts));
  if (opts.pgliteRows.length > 0) runs.push(...(await onPglite(opts)));
  return { runs };
}

async function onPostgres(url: string, opts: { rows: number; port: number }): Promise<StallRun> {
  await removeBenchRows(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const units = (await client.query<{ id: number; code: string }>("SELECT id, code FROM units WHERE kind = 'commune' ORDER BY code")).rows;
  await client.end();
  console.log(`Responsiveness: building an xlsx of ${opts.rows} rows…`);
  const file = await buildXlsx(makeRows(opts.rows, units));
  const server = startServer({ DATABASE_URL: url, PORT: String(opts.port), IMPORT_MAX_MB: '200' });
  try {
    const api = `http://127.0.0.1:${opts.port}`;
    await waitForHttp(`${api}/api/health`);
    const run: StallRun = { db: 'postgres', rows: opts.rows, ...(await measure(api, server.pid!, file, 10)) };
    log(run);
    return run;
  } finally {
    await stop(server);
    await removeBenchRows(url);
  }
}

async function onPglite(opts: { pgliteRows: number[]; port: number }): Promise<StallRun[]> {
  const runs: StallRun[] = [];
  // PGlite: a data folder with the demo province (100 people), then imports of each size
  const dataDir = mkdtempSync(join(tmpdir(), 'nangtam-bench-pglite-'));
  try {
    console.log('Responsiveness: building a PGlite demo province…');
    const db = await createDb({ dataDir });
    await migrate(db);
    await seedDemoProvince(db, { people: 100 });
    const communes = (await db.query<{ id: number; code: string }>("SELECT id, code FROM units WHERE kind = 'commune' ORDER BY code")).rows;
    await db.close();
    let offset = 0;
    for (const rows of opts.pgliteRows) {
      // distinct citizen ids for each run on the same folder
      const made = makeRows(offset + rows, communes).slice(offset);
      offset += rows;
      const small = await buildXlsx(made);
      const server = startServer({ DATA_DIR: dataDir, PORT: String(opts.port), IMPORT_MAX_MB: '200' });
      try {
        const api = `http://127.0.0.1:${opts.port}`;
        await waitForHttp(`${api}/api/health`);
        const run: StallRun = { db: 'pglite', rows, ...(await measure(api, server.pid!, small, 5)) };
        log(run);
        runs.push(run);
      } finally {
        await stop(server);
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return runs;
}
