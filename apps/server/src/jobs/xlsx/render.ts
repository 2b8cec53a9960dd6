import { workerPool } from '../../workers/pool.js';
import { asBuffer } from '../../workers/tasks.js';
import type { TableRow, TableSpec } from './table.js';

/**
 * Writes a table workbook in a worker thread while the job reads its rows (decision 0032): the job
 * calls `send` with each batch (it resolves once the worker has taken the previous one up, so at
 * most a batch or two wait in memory) and gets the file when `produce` returns. If `produce`
 * throws or the job's signal aborts, the worker is stopped and nothing is written.
 */
export async function renderTable(
  spec: TableSpec,
  signal: AbortSignal,
  produce: (send: (rows: TableRow[]) => Promise<void>) => Promise<void>,
): Promise<Buffer> {
  signal.throwIfAborted();
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const feeder = workerPool().feed('tableWorkbook', spec, { signal: stop.signal });
  feeder.result.catch(() => undefined);
  try {
    await produce((rows) => feeder.send(rows));
    feeder.end();
    return asBuffer(await feeder.result);
  } catch (err) {
    stop.abort(err);
    throw err;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
