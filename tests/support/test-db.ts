import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, openPglite, wrapPglite, type Db } from '@nang-tam/db';
import { PGLITE_TEMPLATE_FILE, TEMPLATE_DB, adminUrl, testDatabaseUrl } from './test-db-config.js';
import { withDatabase } from './global-setup.js';

/**
 * A fresh, migrated, empty database for one test file. Close it in afterAll: on PostgreSQL
 * closing also drops it.
 */
export async function createTestDb(): Promise<Db> {
  const url = testDatabaseUrl();
  if (!url) {
    return wrapPglite(await openPglite(undefined, new Blob([readFileSync(PGLITE_TEMPLATE_FILE)])));
  }
  const name = `nangtam_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  const db = await createDb({ databaseUrl: withDatabase(url, name), poolSize: 4 });
  return {
    ...db,
    kind: db.kind,
    close: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: adminUrl(url) });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/**
 * A fresh, migrated, empty database that outlives its connection, for tests that kill a child
 * process holding it and open it again: a PostgreSQL database or a PGlite data folder. `target` is
 * its URL or folder; `remove` drops it (call it in afterAll).
 */
export async function createDurableTestDb(folderPrefix: string): Promise<{ db: Db; target: string; remove: () => Promise<void> }> {
  const url = testDatabaseUrl();
  if (!url) {
    const target = mkdtempSync(join(tmpdir(), folderPrefix));
    const db = wrapPglite(await openPglite(target, new Blob([readFileSync(PGLITE_TEMPLATE_FILE)])));
    return { db, target, remove: async () => rmSync(target, { recursive: true, force: true }) };
  }
  const name = `nangtam_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  const target = withDatabase(url, name);
  const db = await createDb({ databaseUrl: target, poolSize: 2 });
  return {
    db,
    target,
    remove: async () => {
      const a = new pg.Client({ connectionString: adminUrl(url) });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
