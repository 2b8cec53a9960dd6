import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb } from '@nang-tam/db';
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
}

export interface StallRun {
  db: 'postgres' | 'pglite';
  rows: number;
  fileMiB: number;
  importSeconds: number;
  peakRssMiB: number;
  baseline: Probe;
  during: Probe;
}

export interface ResponsivenessBench {
  runs: StallRun[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function prober(api: string) {
  const times: number[] = [];
  let errors = 0;
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
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    async stop(): Promise<Probe> {
      running = false;
      await done;
      const sorted = [...times].sort((a, b) => a - b);
      return { requests: times.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0, errors };
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
  for (;;) {
    // a keep-alive connection the server closes as it resumes after a long pause resets: ask again
    const j = await fetch(`${api}/api/v1/jobs/${job.id}`, { headers: { cookie } })
      .then((r) => r.json() as Promise<{ status: string; result: unknown }>)
      .catch(() => ({ status: 'unknown', result: null }));
    if (j.status === 'succeeded') break;
    if (j.status === 'failed') throw new Error(`import failed: ${JSON.stringify(j.result).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const importSeconds = (performance.now() - t0) / 1000;
  const during = await busy.stop();
  clearInterval(sampler);
  return { fileMiB: file.length / 2 ** 20, importSeconds, peakRssMiB: Math.max(peak, peakRssMiB(pid)), baseline, during };
}

const log = (r: StallRun) =>
  console.log(
    `  ${r.db}, ${r.rows} rows: import ${r.importSeconds.toFixed(1)} s; health p99 ${r.during.p99.toFixed(0)} ms (max ${r.during.max.toFixed(0)} ms)` +
      ` vs ${r.baseline.p99.toFixed(0)} ms (max ${r.baseline.max.toFixed(0)} ms) without an import`,
  );

/** On the benchmark's PostgreSQL database (its province), then on a fresh PGlite data folder (a small demo province). */
export async function benchResponsiveness(url: string, opts: { rows: number; pgliteRows: number[]; port: number }): Promise<ResponsivenessBench> {
  const runs: StallRun[] = [];

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
    runs.push(run);
  } finally {
    await stop(server);
    await removeBenchRows(url);
  }

  // PGlite: a data folder with the demo province (100 people), then imports of each size
  const dataDir = mkdtempSync(join(tmpdir(), 'nangtam-bench-pglite-'));
  try {
    console.log('Responsiveness: building a PGlite demo province…');
    const seeding = startServer({ DATA_DIR: dataDir, PORT: String(opts.port), DEMO: 'auto', DEMO_PEOPLE: '100' });
    await waitForHttp(`http://127.0.0.1:${opts.port}/api/health`, 600_000);
    await stop(seeding);
    const db = await createDb({ dataDir });
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
  return { runs };
}
