/**
 * Statements about the database itself rather than an aggregate: a liveness check and planner
 * statistics after bulk loads.
 */
import type { Db, Queryable } from './create-db.js';

/** Resolves when the database answers a trivial query (health checks); rejects otherwise. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}

/** Refreshes the planner's statistics of tables just filled in bulk (inside a transaction too). */
export async function analyzeTables(tx: Queryable, tables: readonly ('people' | 'qualifications')[]): Promise<void> {
  await tx.query(`ANALYZE ${tables.join(', ')}`);
}

/** Reclaims space and refreshes every table's statistics after a large load (outside a transaction). */
export async function vacuumAnalyze(db: Db): Promise<void> {
  await db.exec('VACUUM ANALYZE');
}
