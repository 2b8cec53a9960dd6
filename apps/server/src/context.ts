import type { Db } from '@nang-tam/db';
import type { Config } from './config.js';

/** What routes and jobs need: the database and the configuration. */
export interface AppContext {
  db: Db;
  config: Config;
  /** A streaming replica for reports and statistics (database.ts reportsDb); absent: the primary. */
  replica?: Db;
}
