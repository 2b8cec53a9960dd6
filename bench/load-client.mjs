/**
 * The load generator of the people-list benchmark in a process of its own (issue 13 point 1): the
 * benchmark forks it, sends it autocannon's options, and reads back the summary. So the client's
 * event loop, its garbage collection and the benchmark's own heap are not in the same process as
 * anything it measures (the server and the baseline are processes of their own too).
 * Plain JavaScript, so the child starts without the TypeScript loader.
 */
import autocannon from 'autocannon';

process.once('message', async (opts) => {
  try {
    const r = await autocannon(opts);
    process.send({ ok: true, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx });
  } catch (err) {
    process.send({ ok: false, error: String(err) });
  }
});
