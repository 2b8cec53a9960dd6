import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';

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
  /** Runs fn in one transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
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

/** Opens PGlite on a data folder (or in memory), optionally from a dumped data dir. */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({ dataDir, loadDataDir, extensions: { pg_trgm }, parsers: PGLITE_PARSERS as never });
}

export function wrapPglite(pglite: PGlite, owned = true): Db {
  const run = async <T>(q: Pick<PGlite, 'query'>, sql: string, params?: unknown[]): Promise<QueryResult<T>> => {
    const r = await q.query<T>(sql, params as unknown[]);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  };
  return {
    kind: 'pglite',
    query: (sql, params) => run(pglite, sql, params),
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          query: (sql, params) => run(tx, sql, params),
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      ),
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    close: async () => {
      if (owned && !pglite.closed) await pglite.close();
    },
  };
}

export function wrapPool(pool: pg.Pool): Db {
  // An idle connection that the server closes (restart, administrator, network) is dropped from the
  // pool and replaced on next use; without a listener node-postgres would raise it as uncaught.
  pool.on('error', () => undefined);
  const run = async <T>(c: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]): Promise<QueryResult<T>> => {
    const r = await c.query(sql, params);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
  };
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: (sql, params) => run(client, sql, params),
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
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
