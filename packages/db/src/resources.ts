import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the files shipped beside the code are found at run time. From source (tsx, vitest) this
 * module is packages/db/src/resources.ts and they are packages/db/{migrations,reference}. In the
 * compiled build (scripts/build-server.mjs) every entry point is bundled into dist/server/*.js, and
 * the build copies both folders next to the bundles: dist/server/{migrations,reference}.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = existsSync(join(here, 'migrations')) ? here : join(here, '..');

/** The numbered SQL migrations (`NNN_name.sql`). */
export const MIGRATIONS_DIR = join(root, 'migrations');
/** Reference data files, e.g. the official 2025 administrative units (vn-admin-units-2025.json). */
export const REFERENCE_DIR = join(root, 'reference');
