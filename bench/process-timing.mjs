// What the start-up benchmarks (startup.mjs, restart.mjs) share: a free port, the CPU time of a
// process tree from /proc, polling /api/health until the first 200, and the median.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const freePort = () =>
  new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

/**
 * CPU time (user + system, ms) the process and its descendants have used so far, from /proc, with
 * the children they have waited for (a finished vite build): unlike the wall time it hardly depends
 * on what else the machine is doing.
 */
export function cpuMsOfTree(rootPid) {
  const TICK_MS = 10; // USER_HZ = 100 on Linux
  const stats = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime
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

/**
 * Polls /api/health on the port until the first 200 (or the child exits, or the deadline passes):
 * the wall milliseconds since `started` and the CPU milliseconds of the child's tree at that moment,
 * or `{ ms: null, cpu: null }`.
 */
export async function timeToHealthy(child, port, started, { deadlineMs, pollMs }) {
  const deadline = started + deadlineMs;
  while (performance.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return { ms: performance.now() - started, cpu: cpuMsOfTree(child.pid) };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return { ms: null, cpu: null };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
