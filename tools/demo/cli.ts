/**
 * Builds the demo province into the server's database:
 *   npx tsx tools/demo/cli.ts [--people N] [--seed S] [--today YYYY-MM-DD]
 * The database is chosen as the server chooses it: DATABASE_URL (PostgreSQL), else PGlite in
 * DATA_DIR (default ./data). Migrations are applied first.
 */
import { parseArgs } from 'node:util';
import { migrate } from '@nang-tam/db';
import { isIsoDate } from '@nang-tam/domain';
import { loadConfig } from '../../apps/server/src/config.js';
import { openDatabase } from '../../apps/server/src/database.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.js';
import { DEFAULT_SEED_OPTIONS, seedDemoProvince } from './generate.js';

function integerArg(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got '${value}'`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { people: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' } },
  });
  if (values.today !== undefined && !isIsoDate(values.today)) throw new Error(`--today must be a date YYYY-MM-DD, got '${values.today}'`);
  const config = loadConfig();
  const people = integerArg('people', values.people, config.demoPeople);
  const seed = integerArg('seed', values.seed, DEFAULT_SEED_OPTIONS.seed);

  const started = performance.now();
  const db = await openDatabase(config);
  try {
    const log = (msg: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${msg}`);
    log(`database: ${db.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.dataDir}`}`);
    const applied = await migrate(db);
    if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`);
    const seeding = performance.now();
    const counts = await seedDemoProvince(db, { people, seed, today: values.today, onProgress: log });
    log(
      `done: ${counts.units} units, ${counts.people} people, ${counts.users} accounts; seeding took ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );
    console.log(`\nDemo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(10)} ${a.role.padEnd(17)} ${a.description}`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
