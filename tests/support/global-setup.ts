import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createDb, migrate, openPglite, wrapPglite } from '@nang-tam/db';
import { PGLITE_TEMPLATE_FILE, TEMPLATE_DB, adminUrl, testDatabaseUrl } from './test-db-config.js';

/**
 * Builds one migrated database per run: a PGlite data-dir dump (cloned per test file) or, when
 * TEST_DATABASE_URL is set, a PostgreSQL template database (CREATE DATABASE … TEMPLATE per file).
 */
export default async function setup(): Promise<void> {
  const url = testDatabaseUrl();
  if (url) {
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    const db = await createDb({ databaseUrl: withDatabase(url, TEMPLATE_DB) });
    await migrate(db);
    await db.close();
    return;
  }
  const pglite = await openPglite();
  await migrate(wrapPglite(pglite));
  const dump = await pglite.dumpDataDir('gzip');
  mkdirSync(join(PGLITE_TEMPLATE_FILE, '..'), { recursive: true });
  writeFileSync(PGLITE_TEMPLATE_FILE, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
