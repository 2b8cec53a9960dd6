// `npm test`: type-check, import-graph check, unit tests, integration tests on embedded PGlite and on PostgreSQL,
// then end-to-end tests in Chromium. Prints one closing line with the tests passed and failed.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { run } from './run-step.mjs';

const pgUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
mkdirSync('.tmp', { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

async function vitest(label, args, env = {}) {
  const out = `.tmp/vitest-${label}.json`;
  rmSync(out, { force: true });
  console.log(`\n▶ ${label}`);
  const code = await run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
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
if ((await run('node', ['scripts/check-postgres.mjs', pgUrl])) === 0) {
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

console.log(failures.length ? `\nFailed steps: ${failures.join(', ')}` : '\nAll steps passed.');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
