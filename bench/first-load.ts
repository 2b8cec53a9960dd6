// `npm run bench:first-load`: the web app's first visit in Chromium, measured through the DevTools
// protocol (issue 13, point 4). Builds nothing: run `npm run build:web` first (bench/initial-js.mjs
// counts the same build statically). Starts the demo server on a fresh embedded database (like
// scripts/e2e.mjs), then opens each page cold — a new browser context, empty cache, service workers
// blocked, so the precache of docs/decisions/0041 does not count — twice per run:
//   - baseline: no throttling;
//   - slow 4G + mid-range phone: `Network.emulateNetworkConditions` (150 ms latency, 1.6 Mbit/s down,
//     750 kbit/s up, ×0.9 like Lighthouse's "slow 4G") and `Emulation.setCPUThrottlingRate` 4.
// Per page: time from navigation to the page's content (a selector that only the loaded page shows),
// and bytes transferred (`Network.loadingFinished` encodedDataLength: compressed, headers included),
// JavaScript and total, with the request count. Signed-in pages log in through the API first (no
// asset is fetched by that). The median of `--runs` (default 3) is printed as a Markdown table.
//
//   npm run build:web && npx tsx bench/first-load.ts [--runs 3] [--json]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tools/chromium.js';
import { DEMO_PASSWORD } from '../tools/demo/accounts.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) > 0 && args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;

const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9,
  uploadThroughput: ((750 * 1024) / 8) * 0.9,
};
const CPU_SLOWDOWN = 4;

interface Scenario {
  page: string;
  path: string;
  user: string | null;
  /** A phone's screen (the registry is measured on a desktop screen, where it shows its table). */
  phone: boolean;
  /** Resolves when the page shows its content. */
  content: (page: Page) => Promise<unknown>;
}
const SCENARIOS: Scenario[] = [
  { page: '/login', path: '/login', user: null, phone: true, content: (p) => p.getByLabel('Tên đăng nhập').waitFor() },
  {
    page: '/checkin/:token (malformed link: the page answers without the API)',
    path: '/checkin/x',
    user: 'hocvien',
    phone: true,
    content: (p) => p.getByTestId('checkin-state').waitFor(),
  },
  {
    page: '/learning (learner)',
    path: '/learning',
    user: 'hocvien',
    phone: true,
    content: (p) => p.getByRole('heading', { level: 1, name: 'Học tập của tôi' }).waitFor(),
  },
  {
    page: '/people (registry, province admin)',
    path: '/people',
    user: 'admin',
    phone: false,
    content: (p) => p.locator('.ant-table-row').first().waitFor(),
  },
];

interface Sample {
  ms: number;
  jsBytes: number;
  totalBytes: number;
  requests: number;
}

async function measure(browser: Browser, baseUrl: string, s: Scenario, throttled: boolean): Promise<Sample> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...(s.phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1440, height: 900 } }),
    serviceWorkers: 'block',
  });
  try {
    if (s.user) {
      const res = await context.request.post('/api/v1/auth/login', { data: { username: s.user, password: DEMO_PASSWORD } });
      if (res.status() !== 200) throw new Error(`login of ${s.user}: ${res.status()}`);
    }
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    const types = new Map<string, string>();
    let jsBytes = 0;
    let totalBytes = 0;
    let requests = 0;
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => {
      requests += 1;
      totalBytes += e.encodedDataLength;
      if (types.get(e.requestId) === 'Script') jsBytes += e.encodedDataLength;
    });
    const t0 = performance.now();
    await page.goto(s.path, { waitUntil: 'commit', timeout: 120_000 });
    await s.content(page).catch((err: unknown) => {
      throw new Error(`${s.page}: no content (${String(err)})`);
    });
    const ms = performance.now() - t0;
    return { ms, jsBytes, totalBytes, requests };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'nangtam-first-load-'));
const server = spawn('npx', ['tsx', 'tools/demo/start.ts'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    DEMO: 'auto',
    DEMO_PEOPLE: '3000',
    LOGIN_RATE_LIMIT: '500',
    LOG_LEVEL: 'warn',
  },
  detached: true,
});

const rows: { page: string; baseline: Sample; throttled: Sample }[] = [];
try {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const up = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || server.exitCode !== null) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
  const browser = await launchChromium();
  try {
    for (const s of SCENARIOS) {
      await measure(browser, baseUrl, s, false); // warm the server (its first answers compile queries), not the browser
      const base: Sample[] = [];
      const slow: Sample[] = [];
      for (let i = 0; i < runs; i++) {
        base.push(await measure(browser, baseUrl, s, false));
        slow.push(await measure(browser, baseUrl, s, true));
      }
      const pick = (xs: Sample[]): Sample => ({
        ms: median(xs.map((x) => x.ms)),
        jsBytes: median(xs.map((x) => x.jsBytes)),
        totalBytes: median(xs.map((x) => x.totalBytes)),
        requests: median(xs.map((x) => x.requests)),
      });
      rows.push({ page: s.page, baseline: pick(base), throttled: pick(slow) });
    }
  } finally {
    await browser.close();
  }
} finally {
  try {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dataDir, { recursive: true, force: true });
}

if (args.includes('--json')) console.log(JSON.stringify({ runs, rows }, null, 2));
else {
  const kb = (n: number) => `${(n / 1000).toFixed(0)} KB`;
  const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`median of ${runs} cold visits each (service workers blocked)\n`);
  console.log('| page | requests | JS transferred | all transferred | content, no throttling | content, slow 4G + 4× CPU |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| \`${r.page}\` | ${r.throttled.requests} | ${kb(r.throttled.jsBytes)} | ${kb(r.throttled.totalBytes)} | ${sec(r.baseline.ms)} | ${sec(r.throttled.ms)} |`,
    );
  }
}
