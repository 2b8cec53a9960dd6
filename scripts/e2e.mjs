// End-to-end tests: builds the web app, starts the real server on a fresh embedded database with a
// small demo province, and runs tests/e2e in Debian's Chromium (driven by playwright-core).
// Extra arguments go to vitest: `node scripts/e2e.mjs tests/e2e/offline.e2e.test.ts` runs one file.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run-step.mjs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  process.exit(1);
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

if ((await run('npm', ['run', 'build:web'])) !== 0) process.exit(1);

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'nangtam-e2e-'));
const baseUrl = `http://127.0.0.1:${port}`;
const server = spawn('npx', ['tsx', 'tools/demo/start.ts'], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    DEMO: 'auto',
    DEMO_PEOPLE: process.env.E2E_DEMO_PEOPLE || '3000',
    LOGIN_RATE_LIMIT: '500',
    LOG_LEVEL: 'warn',
  },
  detached: true,
});

let code = 1;
try {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
  code = await run('npx', ['vitest', 'run', '--project', 'e2e', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest-e2e.json', ...process.argv.slice(2)], {
    E2E_BASE_URL: baseUrl,
    CHROMIUM_PATH: chromium,
  });
} catch (err) {
  console.error(err.message);
} finally {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
