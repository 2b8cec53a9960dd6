import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { catalogueRepo, reportsRepo, migrate, rulesRepo, type Db } from '@nang-tam/db';
import { todayInVietnam } from '@nang-tam/domain';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openReplica } from './database.js';
import { exitOnSignals, openDatabaseWhenReady, prepareShutdown } from './lifecycle.js';

export interface StartServerOptions {
  /** An open database; default: the one the configuration names (its owner then closes it). */
  db?: Db;
  /**
   * Runs once the database is migrated and holds the shipped data, before the job runner starts and
   * the server listens. The demo start-up (tools/demo/start.ts) builds the demo province here.
   */
  beforeListen?: (ctx: AppContext, log: FastifyBaseLogger) => Promise<void>;
}

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  /** The address it listens on, e.g. http://127.0.0.1:3000. */
  url: string;
  /**
   * Stops promptly (lifecycle.ts prepareShutdown): no new requests, those in flight finish, idle
   * keep-alive connections close, the job runner stops; then closes the database if `startServer` opened it.
   */
  stop(): Promise<void>;
}

/**
 * Starts the server: opens the database, applies the migrations, writes the shipped rules, standards
 * and programme catalogue once, runs `beforeListen`, starts the job runner and listens.
 */
export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const db = options.db ?? (await openDatabaseWhenReady(config));
  const applied = await migrate(db);
  const replica = await openReplica(config, db);
  const app = await buildApp({ db, config, replica });
  if (applied.length > 0) app.log.info({ applied }, 'migrations applied');
  // the shipped rules, standards and job-position fields, once; afterwards the database is authoritative
  const seeded = await rulesRepo.seedShippedRules(db);
  if (seeded) app.log.info(seeded, 'shipped rules and standards written');
  // a newer release's shipped rule versions, where the administrators have not changed the rule
  const upgraded = seeded ? null : await rulesRepo.upgradeShippedRules(db);
  if (upgraded) app.log.info(upgraded, 'shipped rule corrections written');
  // the programme catalogue's versions: shipped programmes a database lacks, then the copy in force today
  const programmes = await catalogueRepo.seedShippedProgrammes(db, todayInVietnam());
  if (programmes) app.log.info(programmes, 'shipped programme catalogue written');
  const catalogue = await catalogueRepo.seedProgrammeCatalogue(db);
  if (catalogue) app.log.info(catalogue, 'programme catalogue (modules, grading, graduation conditions) filled');
  // the grading regulation cited since 2016 (decision 0031), where a database still cites the 2010 one
  const cited = await catalogueRepo.correctTrainingCitations(db);
  if (cited) app.log.info(cited, 'grading and graduation citations corrected');
  // the shipped statistical report forms a database lacks (decision 0048); afterwards the administrators'
  const reportForms = await reportsRepo.seedShippedReports(db);
  if (reportForms) app.log.info(reportForms, 'shipped report forms written');
  await options.beforeListen?.({ db, config }, app.log);
  const { startJobRunner } = await import('./jobs/runner.js');
  const runner = startJobRunner({ db, config, replica }, app.log);
  // the replica is ours to close; a database handed in belongs to its owner, who closes it
  const close = async () => {
    await replica?.close();
    if (!options.db) await db.close();
  };
  const shutdown = prepareShutdown(app, { db: { ...db, close }, runner });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  app.log.info(`Nâng Tầm: ${url} (database: ${db.kind})`);
  return {
    app,
    db,
    url,
    stop: shutdown,
  };
}

/** Stops the server on SIGINT or SIGTERM (requests in flight finish first) and ends the process. */
export function stopOnSignals(server: RunningServer): void {
  exitOnSignals(server.stop);
}
