import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './create-db.js';
import { MIGRATIONS_DIR } from './resources.js';
import { resolvePreparedImports } from './repositories/people-import.repository.js';

export { MIGRATIONS_DIR } from './resources.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
}

const LOCK_KEY = 7_020_251; // any constant: serialises migrators that start at once on one server

/** Applies every numbered migration not yet applied, each in its own transaction, in order. */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<string[]> {
  // decision 0054: an import's chunks a killed PGlite process left prepared are committed or rolled
  // back first (a prepared transaction holds its locks: a migration altering people would wait for ever)
  if (db.kind === 'pglite') await resolvePreparedImports(db);
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      // the whole file as one simple-protocol script, inside the surrounding transaction
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.name);
    }
    return applied;
  });
}
