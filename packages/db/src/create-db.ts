import { mkdirSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Something that runs parameterised SQL: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

export type DbKind = 'pglite' | 'postgres';

/** An open transaction. */
export interface Tx extends Queryable {
  /** Runs a parameterless script of several statements. */
  exec(sql: string): Promise<void>;
}

export interface Db extends Tx {
  readonly kind: DbKind;
  /**
   * Bulk load (decision 0053): runs `COPY <table> (<columns>) FROM STDIN WITH (FORMAT csv)` with
   * `csv` as its data, outside any transaction (one statement: all of it or none). PostgreSQL
   * streams it over the wire (pg-copy-streams); PGlite reads it from a blob (`FROM '/dev/blob'`).
   * Returns the rows loaded. Both engines' Db have it; a wrapper (a read replica, a test double)
   * may leave it out, and writers then fall back to multi-row INSERTs.
   */
  copyCsv?(table: string, columns: readonly string[], csv: string): Promise<number>;
  /** Runs fn in one transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * PGlite only (decision 0054): runs fn with the database to itself. Every other statement or
   * transaction waits until fn settles, and fn's own start waits for those already under way; fn
   * gets the connection as `raw` (statements one by one, or its own transactions). An import's
   * publish makes its chunks visible so, all at once. fn must not use this Db itself: that would
   * wait for fn.
   */
  exclusive?<T>(fn: (raw: Pick<Db, 'query' | 'transaction'>) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel (decision 0059: the session cache hears of changes to users, sessions and
   * units from every node). `onNotify` runs for each notification; `onLost` when notifications may
   * have been missed (the listening connection failed: PostgreSQL reconnects every second and calls
   * `onListening` again once it listens); `onListening` once it listens. Resolves to stop. Both
   * engines' Db have it; a wrapper may leave it out, and callers then do without.
   */
  listen?(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface ListenHandlers {
  onNotify(payload: string): void;
  onListening(): void;
  onLost(): void;
}

/**
 * The database cannot be reached or dropped the connection (server restart, failover, an
 * administrator's pg_terminate_backend, the embedded database closed). The request or job that
 * met it failed as a whole (its transaction was not committed); the server stays up and the next
 * request gets a fresh connection. The HTTP layer answers 503.
 */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`database unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

// SQLSTATE classes and codes that mean "the connection or the server went away", not "bad SQL/data":
// 08 connection exception, 57P01–57P03 admin/crash shutdown and cannot-connect-now, 53300 too many connections.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** True when err says the database connection is gone or cannot be made (not a query's own failure). */
export function isConnectionFailure(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code)) return true;
  }
  return /Connection terminated|Client has encountered a connection error|Connection ended|timeout exceeded when trying to connect|PGlite is closed/i.test(
    err.message,
  );
}

/** Rethrows a connection failure as DatabaseUnavailableError, anything else as it is. */
function classify(err: unknown): never {
  if (isConnectionFailure(err) && !(err instanceof DatabaseUnavailableError)) throw new DatabaseUnavailableError(err);
  throw err;
}

export type DbOptions = { databaseUrl: string; poolSize?: number } | { dataDir: string } | { pglite: PGlite };

// date → 'YYYY-MM-DD', timestamptz → ISO string, int8 → number: the same plain values on both engines.
const DATE = 1082;
const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const INT8 = 20;
const NUMERIC = 1700;
const toIso = (v: string) => new Date(v.includes('T') || v.includes('+') || v.endsWith('Z') ? v : `${v}Z`).toISOString();
export const PGLITE_PARSERS: Record<number, (v: string) => unknown> = {
  [DATE]: (v) => v,
  [TIMESTAMPTZ]: (v) => new Date(v).toISOString(),
  [TIMESTAMP]: toIso,
  [INT8]: (v) => Number(v),
  [NUMERIC]: (v) => Number(v),
};

/**
 * Prepared transactions PGlite allows (decision 0054: an import publishes its chunks as prepared
 * transactions and commits them all at once). A postmaster setting, so given at every start.
 */
export const PGLITE_MAX_PREPARED_TRANSACTIONS = 128;

/** Opens PGlite on a data folder (or in memory), optionally from a dumped data dir. */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({
    dataDir,
    loadDataDir,
    extensions: { pg_trgm },
    parsers: PGLITE_PARSERS as never,
    startParams: [...PGlite.defaultStartParams, '-c', `max_prepared_transactions=${PGLITE_MAX_PREPARED_TRANSACTIONS}`],
  });
}

/**
 * PGlite runs each statement synchronously on this thread, and its promises resolve as microtasks:
 * a job issuing statement after statement (an import staging its rows) would never hand the event
 * loop back, and no request — not even one waiting for the database — would be read until the job
 * stopped (decision 0032: 8.6 s of a 20,000-row import's staging held the API so). Each statement
 * and transaction outside a transaction therefore first waits for the next turn of the event loop,
 * where pending requests get their place in PGlite's queue. Inside a transaction nothing is gained:
 * the connection is held anyway.
 */
export function wrapPglite(pglite: PGlite, owned = true): Db {
  const run = async <T>(q: Pick<PGlite, 'query'>, sql: string, params?: unknown[]): Promise<QueryResult<T>> => {
    const r = await q.query<T>(sql, params as unknown[]).catch(classify);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  };
  const rawTransaction = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> =>
    pglite
      .transaction((tx) =>
        fn({
          query: (sql, params) => run(tx, sql, params),
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      )
      .catch(classify);
  // decision 0054: while `exclusive` runs, every other use waits at the gate; `busy` counts the uses
  // that passed it, which `exclusive` lets finish first
  let gate: Promise<void> | null = null;
  let busy = 0;
  let idle: (() => void) | null = null;
  const use = async <T>(fn: () => Promise<T>): Promise<T> => {
    await nextTurn();
    while (gate) await gate;
    busy += 1;
    try {
      return await fn();
    } finally {
      busy -= 1;
      if (busy === 0 && idle) idle();
    }
  };
  return {
    kind: 'pglite',
    query: (sql, params) => use(() => run(pglite, sql, params)),
    transaction: (fn) => use(() => rawTransaction(fn)),
    exec: (sql) =>
      use(async () => {
        await pglite.exec(sql).catch(classify);
      }),
    copyCsv: (table, columns, csv) =>
      use(async () => {
        const r = await pglite
          .query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) })
          .catch(classify);
        return r.affectedRows ?? 0;
      }),
    listen: async (channel, handlers) => {
      // an embedded database is never lost while open; its notifications arrive as the statement that
      // sent them completes
      const stop = await pglite.listen(channel, (payload) => handlers.onNotify(payload));
      handlers.onListening();
      return async () => {
        if (!pglite.closed) await stop();
      };
    },
    exclusive: async (fn) => {
      while (gate) await gate;
      let open!: () => void;
      gate = new Promise<void>((resolve) => (open = resolve));
      try {
        if (busy > 0) await new Promise<void>((resolve) => (idle = resolve));
        idle = null;
        return await fn({ query: (sql, params) => run(pglite, sql, params), transaction: rawTransaction });
      } finally {
        gate = null;
        open();
      }
    },
    close: async () => {
      if (owned && !pglite.closed) await pglite.close();
    },
  };
}

/**
 * LISTEN on its own connection (not one of the pool's: a pooled connection is shared). A failed
 * connection reports `onLost` and is replaced a second later until `stop`.
 */
function listenOnOwnConnection(pool: pg.Pool, channel: string, handlers: ListenHandlers): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const quoted = `"${channel.replace(/"/g, '""')}"`;
  const lost = () => {
    if (stopped) return;
    handlers.onLost();
    const c = client;
    client = null;
    c?.removeAllListeners();
    c?.on('error', () => undefined);
    void c?.end().catch(() => undefined);
    retry ??= setTimeout(() => {
      retry = null;
      void connect().catch(lost);
    }, 1000);
    retry.unref();
  };
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client(pool.options);
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', (n) => {
      if (n.channel === channel) handlers.onNotify(n.payload ?? '');
    });
    client = c;
    await c.connect();
    await c.query(`LISTEN ${quoted}`);
    if (stopped || client !== c) return;
    handlers.onListening();
  };
  return connect().then(
    () => async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      c?.removeAllListeners();
      c?.on('error', () => undefined);
      await c?.end().catch(() => undefined);
    },
    (err) => {
      stopped = true;
      client?.removeAllListeners();
      client?.on('error', () => undefined);
      void client?.end().catch(() => undefined);
      return classify(err);
    },
  );
}

export function wrapPool(pool: pg.Pool): Db {
  // An idle connection that the server closes (restart, administrator, network) is dropped from the
  // pool and replaced on next use; without a listener node-postgres would raise it as uncaught.
  pool.on('error', () => undefined);
  const run = async <T>(c: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]): Promise<QueryResult<T>> => {
    const r = await c.query(sql, params).catch(classify);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
  };
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    transaction: async (fn) => {
      const client = await pool.connect().catch(classify);
      // A checked-out client is outside the pool's idle listener: when its connection dies mid-transaction
      // (pg_terminate_backend, restart, failover) node-postgres emits 'error' on the client, which with no
      // listener would end the process. The failure reaches the caller through the pending query instead.
      let broken: Error | undefined;
      const onError = (err: Error) => {
        broken = err;
      };
      client.on('error', onError);
      let lost = false;
      try {
        await run(client, 'BEGIN');
        const result = await fn({
          query: (sql, params) => run(client, sql, params),
          exec: async (sql) => {
            await client.query(sql).catch(classify);
          },
        });
        await run(client, 'COMMIT');
        return result;
      } catch (err) {
        lost = broken !== undefined || isConnectionFailure(err);
        if (!lost) await client.query('ROLLBACK').catch(() => undefined);
        return classify(err);
      } finally {
        // a connection that failed is destroyed, not handed to the next request
        client.release(broken ?? (lost || undefined));
        client.off('error', onError);
      }
    },
    exec: async (sql) => {
      await pool.query(sql).catch(classify);
    },
    copyCsv: async (table, columns, csv) => {
      const client = await pool.connect().catch(classify);
      let broken: Error | undefined;
      const onError = (err: Error) => {
        broken = err;
      };
      client.on('error', onError);
      let lost = false;
      try {
        const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
        const done = new Promise<void>((resolve, reject) => {
          stream.on('finish', resolve);
          stream.on('error', reject);
        });
        stream.end(csv, 'utf8');
        await done;
        return stream.rowCount;
      } catch (err) {
        lost = broken !== undefined || isConnectionFailure(err);
        return classify(err);
      } finally {
        // a connection that failed is destroyed, not handed to the next request
        client.release(broken ?? (lost || undefined));
        client.off('error', onError);
      }
    },
    listen: (channel, handlers) => listenOnOwnConnection(pool, channel, handlers),
    close: () => pool.end(),
  };
}

export function createPool(databaseUrl: string, poolSize = 10): pg.Pool {
  return new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        PGLITE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
}

/** The embedded PGlite (data kept in a folder) or, with a URL, a real PostgreSQL server. */
export async function createDb(options: DbOptions): Promise<Db> {
  if ('databaseUrl' in options) return wrapPool(createPool(options.databaseUrl, options.poolSize));
  if ('pglite' in options) return wrapPglite(options.pglite, false);
  return wrapPglite(await openPglite(options.dataDir));
}

export { pgliteTypes };
