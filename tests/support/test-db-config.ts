import { createHash } from 'node:crypto';
import { join } from 'node:path';

/**
 * The migrated template database of this run: named after VITEST_RUN_ID, else after the checkout's
 * folder, so that two checkouts testing against one PostgreSQL server never drop each other's template.
 */
export const TEMPLATE_DB = `nangtam_template_${
  process.env.VITEST_RUN_ID ?? createHash('sha256').update(process.cwd()).digest('hex').slice(0, 10)
}`.replace(/[^a-z0-9_]/gi, '_');
export const PGLITE_TEMPLATE_FILE = join(process.cwd(), '.tmp', 'pglite-template.tgz');

/** Integration tests run on PostgreSQL when TEST_DATABASE_URL is set, on PGlite otherwise. */
export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** The maintenance database of the same server, for CREATE / DROP DATABASE. */
export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}
