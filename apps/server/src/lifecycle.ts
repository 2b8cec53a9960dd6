import type { FastifyInstance } from 'fastify';
import { isConnectionFailure, type Db } from '@nang-tam/db';
import type { Config } from './config.js';
import { openDatabase } from './database.js';

/** A line for the operator; start-up runs before the server's logger exists. */
export type LifecycleLog = (message: string) => void;

const consoleLog: LifecycleLog = (message) => console.error(`${new Date().toISOString()} ${message}`);

export interface WaitOptions {
  log?: LifecycleLog;
  /** Stops waiting (SIGTERM, SIGINT): the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** First pause between attempts; doubled each time up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Where the database is, for the log line (no password). */
  describe?: string;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Waits until the database answers: a server started before its database (a reboot where the
 * app comes up first, a failover in progress) says so on one line per attempt and retries with
 * backoff (1 s, 2 s, 4 s … up to 15 s) until the database answers or the process is told to stop.
 * Any other failure (a wrong password, a database that does not exist) is not waited for.
 */
export async function waitForDatabase(db: Db, options: WaitOptions = {}): Promise<void> {
  const log = options.log ?? consoleLog;
  let delay = options.firstDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 15_000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db.query('SELECT 1');
      if (attempt > 1) log(`database reachable after ${attempt} attempts; starting`);
      return;
    } catch (err) {
      if (!isConnectionFailure(err) && (err as { code?: string }).code !== '57P03') throw err;
      const reason = ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
      log(
        `database not reachable${options.describe ? ` at ${options.describe}` : ''} (${reason}); attempt ${attempt}, ` +
          `retrying in ${Math.round(delay / 1000)} s (SIGTERM or Ctrl+C stops waiting)`,
      );
      await sleep(delay, options.signal);
      delay = Math.min(delay * 2, maxDelay);
    }
  }
}

/** host:port/database of a PostgreSQL URL, or the PGlite folder: never the password. */
function whereIs(config: Config): string {
  if (!config.databaseUrl) return config.dataDir;
  const u = new URL(config.databaseUrl);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

/** Opens the configured database and waits for it to answer; SIGTERM/SIGINT while waiting ends the process cleanly. */
export async function openDatabaseWhenReady(config: Config, log: LifecycleLog = consoleLog): Promise<Db> {
  const db = await openDatabase(config);
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => controller.abort(new Error(`stopped by ${signal} while waiting for the database`));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  try {
    await waitForDatabase(db, { log, signal: controller.signal, describe: whereIs(config) });
    return db;
  } catch (err) {
    if (controller.signal.aborted) {
      log((err as Error).message);
      await db.close().catch(() => undefined);
      process.exit(0);
    }
    throw err;
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
}

export interface ShutdownOptions {
  /** In-flight requests get this long to finish before their connections are cut. */
  graceMs?: number;
}

/**
 * Stops the server promptly: no new requests (the balancer gets 503 and "Connection: close"),
 * requests in flight finish and their keep-alive connections are closed as soon as they are idle
 * (instead of lingering for the keep-alive timeout), the job runner puts its current job back in
 * the queue, then the database is closed. Returns the function that does it.
 */
export function prepareShutdown(
  app: FastifyInstance,
  parts: { db: Db; runner?: { stop(): Promise<void> } },
  options: ShutdownOptions = {},
): () => Promise<void> {
  let closing = false;
  // a response finished during shutdown closes its connection instead of keeping it alive
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  return async () => {
    if (closing) return;
    closing = true;
    const reap = setInterval(() => app.server.closeIdleConnections?.(), 100);
    const force = setTimeout(() => app.server.closeAllConnections?.(), options.graceMs ?? 10_000);
    try {
      await Promise.all([app.close(), parts.runner?.stop()]);
    } finally {
      clearInterval(reap);
      clearTimeout(force);
    }
    await parts.db.close();
  };
}

/** SIGTERM/SIGINT run the shutdown once, then the process exits (1 if the shutdown itself failed). */
export function exitOnSignals(shutdown: () => Promise<void>, log: LifecycleLog = consoleLog): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: finishing requests in flight, then stopping`);
    shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`shutdown failed: ${(err as Error)?.message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
