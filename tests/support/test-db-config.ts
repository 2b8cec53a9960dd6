import { join } from 'node:path';

export const TEMPLATE_DB = `nangtam_template_${process.env.VITEST_RUN_ID ?? 'run'}`.replace(/[^a-z0-9_]/gi, '_');
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
