// `npm test`: type-check, import-graph check, unit tests, integration tests on embedded PGlite and on PostgreSQL,
// then end-to-end tests in Chromium, the offline install from the release archive, and (NODE24_BIN set)
// unit and integration tests again on Node 24. Prints one closing line with the tests passed and failed.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname } from 'node:path';
import { run } from './run-step.mjs';

const pgUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
mkdirSync('.tmp', { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

/** Runs vitest under this Node, or under `node` (a binary's path) when given. */
async function vitest(label, args, env = {}, node = null) {
  const out = `.tmp/vitest-${label}.json`;
  rmSync(out, { force: true });
  console.log(`\n▶ ${label}`);
  const argv = ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  const code = node
    ? await run(node, ['node_modules/vitest/vitest.mjs', ...argv], { ...env, PATH: `${dirname(node)}${delimiter}${process.env.PATH}` })
    : await run('npx', ['vitest', ...argv], env);
  try {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    if (code !== 0 && r.numFailedTests === 0) failed += 1; // a suite that failed to load
  } catch {
    failed += 1;
  }
  if (code !== 0) failures.push(label);
}

console.log('▶ typecheck');
if ((await run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])) !== 0) {
  failures.push('typecheck');
  failed += 1;
}
console.log('\n▶ import graph (circles, layers)');
if ((await run('node', ['scripts/check-imports.mjs'])) !== 0) {
  failures.push('import graph');
  failed += 1;
}
await vitest('unit', ['--project', 'unit']);
await vitest('integration-pglite', ['--project', 'integration'], { TEST_DATABASE_URL: '' });
const hasPostgres = (await run('node', ['scripts/check-postgres.mjs', pgUrl])) === 0;
if (hasPostgres) {
  await vitest('integration-postgres', ['--project', 'integration'], { TEST_DATABASE_URL: pgUrl });
} else {
  failures.push('integration-postgres (no server)');
  failed += 1;
}
console.log('\n▶ e2e');
const e2e = await run('node', ['scripts/e2e.mjs']);
try {
  const r = JSON.parse(readFileSync('.tmp/vitest-e2e.json', 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
} catch {
  /* no report: counted below */
}
if (e2e !== 0) {
  failures.push('e2e');
  failed += failed === 0 ? 1 : 0;
}

// the offline install: builds the release archive, unpacks it and starts it (tests/release)
await vitest('release', ['--project', 'release']);

// Node 24, the supported target (docs/decisions/0019-node-24.md): when NODE24_BIN names a Node 24
// binary (.ci/run takes it from the npm registry's `node` package), unit and integration tests again
if (process.env.NODE24_BIN) {
  const node24 = process.env.NODE24_BIN;
  console.log(`\n▶ Node 24: ${node24}`);
  if ((await run(node24, ['-e', 'process.exit(process.versions.node.startsWith("24.") ? 0 : 1)'])) !== 0) {
    failures.push('node24 (NODE24_BIN is not Node 24)');
    failed += 1;
  } else {
    await vitest('unit-node24', ['--project', 'unit'], {}, node24);
    await vitest('integration-pglite-node24', ['--project', 'integration'], { TEST_DATABASE_URL: '' }, node24);
    if (hasPostgres) await vitest('integration-postgres-node24', ['--project', 'integration'], { TEST_DATABASE_URL: pgUrl }, node24);
  }
}

console.log(failures.length ? `\nFailed steps: ${failures.join(', ')}` : '\nAll steps passed.');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
