import { catalogueRepo, migrate, rulesRepo, type Db } from '@nang-tam/db';
import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { openDatabase, openReplica } from './database.js';

async function seedIfEmpty(db: Db, config: Config, log: (msg: string) => void): Promise<void> {
  if (config.demo !== 'auto') return;
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM units');
  if ((r.rows[0]?.n ?? 0) > 0) return;
  log(`Empty database: building the demo province (${config.demoPeople} people)…`);
  const { seedDemoProvince } = await import('../../../tools/demo/generate.js');
  const counts = await seedDemoProvince(db, { people: config.demoPeople, onProgress: log });
  log(`Demo province ready: ${counts.units} units, ${counts.people} people, ${counts.users} accounts.`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config);
  const applied = await migrate(db);
  const replica = await openReplica(config, db);
  const app = await buildApp({ db, config, replica });
  if (applied.length > 0) app.log.info({ applied }, 'migrations applied');
  // the shipped rules, standards and job-position fields, once; afterwards the database is authoritative
  const seeded = await rulesRepo.seedShippedRules(db);
  if (seeded) app.log.info(seeded, 'shipped rules and standards written');
  const catalogue = await catalogueRepo.seedProgrammeCatalogue(db);
  if (catalogue) app.log.info(catalogue, 'programme catalogue (modules, grading, graduation conditions) filled');
  await seedIfEmpty(db, config, (msg) => app.log.info(msg));
  const { startJobRunner } = await import('./jobs/runner.js');
  const runner = startJobRunner({ db, config, replica }, app.log);
  const shutdown = async () => {
    await runner.stop();
    await app.close();
    await replica?.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Nâng Tầm: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (database: ${db.kind})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
