import { createDb, type Db, type Tx } from '@nang-tam/db';
import type { AppContext } from './context.js';
import type { Config } from './config.js';

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export function openDatabase(config: Config): Promise<Db> {
  return config.databaseUrl
    ? createDb({ databaseUrl: config.databaseUrl, poolSize: config.dbPoolSize })
    : createDb({ dataDir: config.dataDir });
}

/**
 * The streaming replica named by DATABASE_REPLICA_URL (PostgreSQL only), read-only, with the
 * primary as fallback: a query that cannot reach the replica (down, restarting, promoted away)
 * runs on the primary instead of failing the report.
 */
export async function openReplica(config: Config, primary: Db): Promise<Db | undefined> {
  if (!config.databaseUrl || !config.databaseReplicaUrl) return undefined;
  const replica = await createDb({ databaseUrl: config.databaseReplicaUrl, poolSize: config.dbPoolSize });
  return withFallback(replica, primary);
}

/** Errors of reaching a server rather than of the query: no SQLSTATE, or connection-class ones (08, 57P0x). */
function unreachable(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || code.startsWith('08') || /^57P0[1-4]$/.test(code);
}

export function withFallback(replica: Db, primary: Db): Db {
  const tx = (t: Tx): Tx => t;
  return {
    kind: replica.kind,
    async query<T>(sql: string, params?: unknown[]) {
      try {
        return await replica.query<T>(sql, params);
      } catch (err) {
        if (unreachable(err)) return primary.query<T>(sql, params);
        throw err;
      }
    },
    transaction: (fn) => replica.transaction((t) => fn(tx(t))),
    exec: (sql) => replica.exec(sql),
    close: () => replica.close(),
  };
}

/**
 * Where reports and statistics read (unit gaps, the class board, people exports): the replica when
 * one is configured, else the primary. They accept what the replica has replayed — normally well
 * under a second behind, at most the replica's lag (docs/OPERATIONS.md, "More than one node").
 */
export function reportsDb(ctx: Pick<AppContext, 'db' | 'replica'>): Db {
  return ctx.replica ?? ctx.db;
}
