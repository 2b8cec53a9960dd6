import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUpToDate, sourceHash } from '../scripts/build-web.mjs';

/** `npm start` rebuilds the web app exactly when what the build reads has changed (scripts/build-web.mjs). */
let repo: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
};

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'nangtam-buildweb-'));
  write('apps/web/src/main.tsx', 'export const a = 1;\n');
  write('apps/web/vite.config.ts', 'export default {};\n');
  write('packages/contracts/src/errors.ts', 'export const E = {};\n');
  write('packages/domain/src/roles.ts', 'export const R = [];\n');
  write('package-lock.json', '{"lockfileVersion":3}\n');
  write('apps/server/src/main.ts', 'server\n');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

const built = (hash: string) => {
  write('apps/web/dist/index.html', '<!doctype html>');
  write('apps/web/dist/.source-hash', `${hash}\n`);
};

describe('the web build is skipped only when its sources are unchanged', () => {
  it('is up to date after a build from the same sources, whatever the files’ times', () => {
    built(sourceHash(repo));
    utimesSync(join(repo, 'apps/web/src/main.tsx'), new Date(), new Date(2001, 0, 1));
    expect(isUpToDate(sourceHash(repo), repo)).toBe(true);
  });

  it.each([
    ['a web source', 'apps/web/src/main.tsx'],
    ['a new web source', 'apps/web/src/new-page.tsx'],
    ['the Vite config', 'apps/web/vite.config.ts'],
    ['a shared package the web app bundles', 'packages/contracts/src/errors.ts'],
    ['the lockfile (a new Vite or antd)', 'package-lock.json'],
  ])('builds again after a change to %s', (_, path) => {
    built(sourceHash(repo));
    write(path, 'changed\n');
    expect(isUpToDate(sourceHash(repo), repo)).toBe(false);
  });

  it('ignores the server, the build output and installed packages', () => {
    built(sourceHash(repo));
    write('apps/server/src/main.ts', 'changed\n');
    write('apps/web/dist/assets/x.js', 'output\n');
    write('apps/web/node_modules/.vite/deps.json', '{}\n');
    expect(isUpToDate(sourceHash(repo), repo)).toBe(true);
  });

  it('builds when there is no build, or one without its stamp (another tool built it)', () => {
    expect(isUpToDate(sourceHash(repo), repo)).toBe(false);
    write('apps/web/dist/index.html', '<!doctype html>');
    expect(isUpToDate(sourceHash(repo), repo)).toBe(false);
  });
});
