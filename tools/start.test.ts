import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverSourceHash } from '../scripts/start.mjs';

/** `npm start` bundles the server again exactly when one of its sources changed (scripts/start.mjs). */
let repo: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
};

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'nangtam-start-'));
  write('apps/server/src/main.ts', 'export const a = 1;\n');
  write('apps/server/package.json', '{}\n');
  write('packages/db/src/index.ts', 'export {};\n');
  write('packages/db/migrations/001_init.sql', 'select 1;\n');
  write('packages/contracts/src/errors.ts', 'export const E = {};\n');
  write('packages/domain/src/roles.ts', 'export const R = [];\n');
  write('tools/demo/start.ts', 'start\n');
  write('package-lock.json', '{"lockfileVersion":3}\n');
  write('apps/web/src/main.tsx', 'web\n');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('the server bundle of `npm start` is rebuilt only when its sources change', () => {
  it('is the same hash for the same sources', () => {
    expect(serverSourceHash(repo)).toBe(serverSourceHash(repo));
  });

  it.each([
    ['a server source', 'apps/server/src/main.ts'],
    ['a new server source', 'apps/server/src/routes/new.ts'],
    ['a migration', 'packages/db/migrations/001_init.sql'],
    ['a new migration', 'packages/db/migrations/002_more.sql'],
    ['a shared package', 'packages/domain/src/roles.ts'],
    ['the demo', 'tools/demo/start.ts'],
    ['the lockfile', 'package-lock.json'],
  ])('changes after a change to %s', (_, path) => {
    const before = serverSourceHash(repo);
    write(path, 'changed\n');
    expect(serverSourceHash(repo)).not.toBe(before);
  });

  it('ignores the web app, tests and installed packages', () => {
    const before = serverSourceHash(repo);
    write('apps/web/src/main.tsx', 'changed\n');
    write('apps/server/src/main.test.ts', 'test\n');
    write('packages/db/node_modules/x/index.js', 'x\n');
    expect(serverSourceHash(repo)).toBe(before);
  });
});
