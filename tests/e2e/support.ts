/**
 * End-to-end helpers: Debian's Chromium driven by playwright-core against the server that
 * scripts/e2e.mjs starts (E2E_BASE_URL) on a fresh demo province.
 *
 * `useBrowser()` in a test file launches one browser for the file and gives each test a fresh
 * context (locale vi-VN, Vietnam's time zone) and page; a failing test leaves a screenshot in
 * .tmp/e2e-shots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { APIRequestContext, Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../../tools/chromium.js';
import { DEMO_PASSWORD } from '../../tools/demo/accounts.js';

export const BASE_URL = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
export const PASSWORD = DEMO_PASSWORD;
export const SHOTS_DIR = join(process.cwd(), '.tmp', 'e2e-shots');

/** How long a single UI expectation may take (the server answers in well under a second). */
export const UI_TIMEOUT = 15_000;

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
    viewport: { width: 1440, height: 900 },
    // The app's service worker (docs/decisions/0041) is kept out of the tests unless one asks for
    // it (serviceWorkers: 'allow', tests/e2e/offline.e2e.test.ts): page.route() does not see
    // requests that a service worker answers, and the tests that stub the network rely on it.
    serviceWorkers: 'block',
    ...options,
  });
  context.setDefaultTimeout(UI_TIMEOUT);
  return context;
}

export interface BrowserFixture {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Another context (another user, say) in the same browser; closed after the test. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
}

/**
 * One browser per test file, a new context and page per test. Call at the top of a test file;
 * read `page`, `context` and `browser` inside the tests.
 */
export function useBrowser(options: BrowserContextOptions = {}): BrowserFixture {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const extra: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await newContext(browser!, options);
    page = await context.newPage();
  });
  afterEach(async (ctx) => {
    try {
      if (ctx.task.result?.state === 'fail' && page && !page.isClosed()) {
        mkdirSync(SHOTS_DIR, { recursive: true });
        const file = join(SHOTS_DIR, `${slug(ctx.task.file?.name ?? 'e2e')}--${slug(ctx.task.name)}.png`);
        await page.screenshot({ path: file, fullPage: true, timeout: 10_000 }).then(
          () => console.error(`screenshot of the failure: ${file}`),
          (err: unknown) => console.error(`no screenshot: ${String(err)}`),
        );
      }
    } finally {
      await Promise.all([context, ...extra.splice(0)].map((c) => c?.close().catch(() => undefined)));
      context = undefined;
      page = undefined;
    }
  });

  return {
    get browser() {
      if (!browser) throw new Error('the browser is not running (use it inside a test)');
      return browser;
    },
    get context() {
      if (!context) throw new Error('no browser context (use it inside a test)');
      return context;
    },
    get page() {
      if (!page) throw new Error('no page (use it inside a test)');
      return page;
    },
    async newContext(extraOptions: BrowserContextOptions = {}) {
      if (!browser) throw new Error('the browser is not running (use it inside a test)');
      const c = await newContext(browser, extraOptions);
      extra.push(c);
      return c;
    },
  };
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** Fills the login form (by its Vietnamese labels) and submits it; does not wait for the outcome. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  if (!new URL(page.url(), BASE_URL).pathname.startsWith('/login')) await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Logs in through the login page and waits until the app has left it. */
export async function login(page: Page, username: string, password: string = PASSWORD): Promise<void> {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST');
  await submitLogin(page, username, password);
  const res = await answer;
  expect(res.status(), `login of ${username}`).toBe(200);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Logs a context's API client in (its cookie then serves the context's pages and requests too). */
export async function apiLogin(
  request: APIRequestContext,
  username: string,
  password: string = PASSWORD,
): Promise<{ csrfToken: string; personId: number | null; unit: { id: number; name: string } }> {
  const res = await request.post('/api/v1/auth/login', { data: { username, password } });
  expect(res.status(), `API login of ${username}`).toBe(200);
  return (await res.json()) as { csrfToken: string; personId: number | null; unit: { id: number; name: string } };
}

/** GET of a JSON API resource with the context's session cookie. */
export async function apiGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await request.get(path);
  expect(res.status(), `GET ${path}`).toBe(200);
  return (await res.json()) as T;
}

/** The same folding as the server's search (packages/domain foldVietnamese). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query starts a word of the name (the registry's search rule). */
export function matchesAtWordStarts(name: string, query: string): boolean {
  const words = fold(name).split(' ');
  return fold(query)
    .split(' ')
    .every((q) => words.some((w) => w.startsWith(q)));
}

/** "Tổng số: 3.000 cán bộ…" → 3000. */
export function parseCount(text: string): number {
  const m = text.match(/\d[\d.\s\u00a0]*/);
  if (!m) throw new Error(`no number in "${text}"`);
  return Number(m[0].replace(/[.\s\u00a0]/g, ''));
}

/** True for a GET of the people list whose `q` is this query (as the registry sends it). */
export function isPeopleList(url: string, q?: string): boolean {
  const u = new URL(url);
  if (u.pathname !== '/api/v1/people') return false;
  return q === undefined || u.searchParams.get('q') === q;
}

/** The total the registry shows, once it shows one. */
export async function shownTotal(page: Page): Promise<number> {
  const total = page.getByTestId('people-total');
  await expect.poll(async () => /\d/.test((await total.textContent()) ?? ''), { timeout: UI_TIMEOUT }).toBe(true);
  return parseCount((await total.textContent()) ?? '');
}

/**
 * Above 1,000 matches the registry shows "hơn 1.000" (the list's count stops there): asks for the
 * exact count with the button next to it and returns the figure the page then shows.
 */
export async function countExactly(page: Page): Promise<number> {
  const total = page.getByTestId('people-total');
  await expect.poll(() => total.textContent(), { timeout: UI_TIMEOUT }).toMatch(/^Tổng số: hơn 1\.000 cán bộ/);
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/people/count' && r.request().method() === 'GET');
  await page.getByTestId('people-count-exact').click();
  const res = await answer;
  expect(res.status()).toBe(200);
  const exact = ((await res.json()) as { total: number }).total;
  expect(exact).toBeGreaterThan(1000);
  await expect.poll(async () => (await total.textContent()) ?? '', { timeout: UI_TIMEOUT }).toBe(
    `Tổng số: ${exact.toLocaleString('vi-VN')} cán bộ, công chức, viên chức`,
  );
  return exact;
}

/**
 * Types a query into the registry's search box and waits for the list the server sends for it;
 * returns the server's answer (the caller then checks what the page shows).
 */
export async function searchRegistry(page: Page, query: string): Promise<{ items: { id: number; fullName: string }[]; total: number }> {
  const answer = page.waitForResponse((r) => isPeopleList(r.url(), query.trim()) && r.request().method() === 'GET');
  await page.getByTestId('people-search').fill(query);
  const res = await answer;
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: { id: number; fullName: string }[]; total: number };
  // the page shows this answer: its total and (paged) rows
  const total = page.getByTestId('people-total');
  await expect.poll(async () => parseCount((await total.textContent()) ?? '–'), { timeout: UI_TIMEOUT }).toBe(body.total);
  return body;
}

/** Random digits, for citizen ids and phone numbers nobody else uses. */
export function randomDigits(n: number): string {
  let s = '';
  while (s.length < n) s += Math.floor(Math.random() * 10);
  return s;
}

/** A random capitalised word of plain letters ("Qzvkt"), to make a name unique in the registry. */
export function randomWord(n = 6): string {
  const letters = 'bcdfghklmnpqrstvxz';
  let s = '';
  for (let i = 0; i < n; i++) s += letters[Math.floor(Math.random() * letters.length)];
  return s[0]!.toUpperCase() + s.slice(1);
}

/**
 * Waits until no finite CSS animation or transition runs (a drawer sliding in, a drop-down
 * appearing): a tap during one can land on a moving target. Endless ones (spinners) are ignored.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .filter((a) => a.playState === 'running' || a.pending)
        .every((a) => a.effect?.getComputedTiming().endTime === Infinity),
    undefined,
    { polling: 'raf', timeout: UI_TIMEOUT },
  );
}

/**
 * Opens a page from the main menu by its entry's name, also when the entry sits in one of the
 * menu's groups ("Đào tạo", "Kế hoạch") or in the bar's overflow ("···") when it is too narrow.
 */
export async function clickMenuItem(page: Page, name: string): Promise<void> {
  // A click can be swallowed without an error (a popup closing under the pointer): the entry's link
  // says where the click must lead, so a click that left the address unchanged is tried again.
  for (let attempt = 1; ; attempt++) {
    const href = await clickMenuEntry(page, name);
    const target = new URL(href, page.url()).pathname;
    try {
      await page.waitForURL((url) => url.pathname === target, { timeout: 5000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.mouse.move(0, 0);
    }
  }
}

/** Opens the entry's group if needed, clicks the entry and returns its link's address. */
async function clickMenuEntry(page: Page, name: string): Promise<string> {
  await page.locator('.ant-menu-horizontal > li.ant-menu-item:visible').first().waitFor();
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const inBar = page.locator('.ant-menu-horizontal > li.ant-menu-item:visible').filter({ hasText: exact });
  if ((await inBar.count()) > 0) {
    const href = await inBar.first().locator('a').first().getAttribute('href');
    await inBar.first().click();
    return href ?? '';
  }
  const groups = page.locator('.ant-menu-horizontal > li.ant-menu-submenu:visible, .ant-menu-horizontal > li.ant-menu-overflow-item-rest:visible');
  const n = await groups.count();
  const entry = page.locator('.ant-menu-submenu-popup:visible').getByRole('menuitem', { name, exact: true });
  for (let i = 0; i < n; i++) {
    await groups.nth(i).hover();
    try {
      await entry.first().waitFor({ state: 'visible', timeout: 3000 });
    } catch {
      // not in this group: let its popup close before the next one opens, so the two never overlap
      await page.mouse.move(0, 0);
      await page.locator('.ant-menu-submenu-popup:visible').first().waitFor({ state: 'hidden', timeout: 3000 }).catch(() => {});
      continue;
    }
    const href = (await entry.first().locator('a').first().getAttribute('href')) ?? '';
    // the popup may still be opening, or close as the pointer travels to it: open it again and retry
    for (let attempt = 1; ; attempt++) {
      try {
        await entry.first().click({ timeout: 4000 });
        return href;
      } catch (e) {
        if (attempt === 3) throw e;
        await groups.nth(i).hover();
        await entry.first().waitFor({ state: 'visible', timeout: 3000 });
      }
    }
  }
  throw new Error(`no menu entry "${name}"`);
}
