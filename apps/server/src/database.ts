import { createDb, type Db } from '@nang-tam/db';
import type { Config } from './config.js';

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export function openDatabase(config: Config): Promise<Db> {
  return config.databaseUrl
    ? createDb({ databaseUrl: config.databaseUrl, poolSize: config.dbPoolSize })
    : createDb({ dataDir: config.dataDir });
}
