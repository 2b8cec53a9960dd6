import { spawn, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export const ROOT = new URL('..', import.meta.url).pathname;

export async function waitForHttp(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Starts our real server (node + tsx loader, so the pid is the server's own). */
export function startServer(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', DEMO: 'off', LOGIN_RATE_LIMIT: '10000', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', (code, signal) => {
    if (!stopping.has(child)) console.error(`server exited unexpectedly: code ${code}, signal ${signal}`);
  });
  return child;
}

export function startBaseline(args: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(`${ROOT}bench/baseline-server.ts`, args, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`baseline exited ${code}`)));
  });
}

/** Peak resident memory of a process so far (VmHWM), in MiB. */
export function peakRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

export function currentRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

/** CPU time (user + system) a process has used so far, in ms (people list: the server's CPU per request). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields after the command: state is [0], utime [11], stime [12], in clock ticks (100 per second on Linux)
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * Runs autocannon over the given paths in turn; `rate` fixes the overall request rate. The load
 * generator runs in a child process of its own (bench/load-client.mjs) unless `inProcess` is set
 * (the former method, kept to compare the two in one run).
 */
export async function load(
  baseUrl: string,
  paths: string[],
  opts: { seconds: number; connections: number; rate?: number; headers?: Record<string, string>; inProcess?: boolean },
): Promise<LoadResult> {
  const options: autocannon.Options = {
    url: baseUrl,
    connections: opts.connections,
    duration: opts.seconds,
    overallRate: opts.rate,
    headers: opts.headers,
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  };
  if (opts.inProcess) {
    const r = await autocannon(options);
    return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
  }
  const child = fork(`${ROOT}bench/load-client.mjs`, [], { execArgv: [], stdio: 'inherit' });
  try {
    const answer = await new Promise<LoadResult & { ok: boolean; error?: string }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as LoadResult & { ok: boolean; error?: string }));
      child.once('exit', (code) => reject(new Error(`load client exited ${code}`)));
      child.send(options);
    });
    if (!answer.ok) throw new Error(`load client: ${answer.error}`);
    return { rps: answer.rps, p50: answer.p50, p99: answer.p99, errors: answer.errors, non2xx: answer.non2xx };
  } finally {
    await stop(child);
  }
}

/** Children we asked to stop, so their exit is not reported as a crash. */
const stopping = new WeakSet<ChildProcess>();

export function stop(child: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    stopping.add(child);
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

export interface Timed<R> {
  ms: number;
  result: R;
}

/**
 * The functions timed in alternation (so a change of machine load touches them alike): `warmUp`
 * untimed rounds, then the median of `runs` timed ones; each function's last result is kept.
 */
export async function timeRounds<const T extends readonly (() => Promise<unknown>)[]>(
  fns: T,
  opts: { warmUp: number; runs: number },
): Promise<{ [K in keyof T]: Timed<Awaited<ReturnType<T[K]>>> }> {
  const results: unknown[] = [];
  for (let i = 0; i < opts.warmUp; i++) for (const [j, fn] of fns.entries()) results[j] = await fn();
  const times: number[][] = fns.map(() => []);
  for (let i = 0; i < opts.runs; i++) {
    for (const [j, fn] of fns.entries()) {
      const t0 = performance.now();
      results[j] = await fn();
      times[j]!.push(performance.now() - t0);
    }
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return fns.map((_, j) => ({ ms: median(times[j]!), result: results[j] })) as { [K in keyof T]: Timed<Awaited<ReturnType<T[K]>>> };
}
