/**
 * Issue 13, point 4 (docs/decisions/0044): a first visit in Vietnamese does not download the English
 * dictionary; choosing English loads it, and a stored English choice is in place from the first render.
 */
import { expect, test } from 'vitest';
import { login, useBrowser } from './support.js';

const b = useBrowser();

test('the English dictionary is loaded only when English is chosen, and a stored choice survives a reload', async () => {
  const { page } = b;
  const scripts: string[] = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/assets/') && path.endsWith('.js')) scripts.push(path);
  });
  const isEnglishChunk = (p: string) => /^\/assets\/en-[\w-]+\.js$/.test(p);

  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').waitFor();
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter(isEnglishChunk)).toEqual([]);

  await page.getByText('EN', { exact: true }).click();
  await page.getByLabel('Username').waitFor();
  expect(scripts.filter(isEnglishChunk)).toHaveLength(1);

  await page.reload();
  await page.getByLabel('Username').waitFor();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
});

/**
 * docs/decisions/0067: the signed-in header's menu is not in the layout's chunk. A phone's first visit
 * to the learner's page shows the page without the desktop menu's chunk or the drawer's, the menu
 * button loads the drawer (with the menu, the language and "Đăng xuất"); a desktop screen shows the
 * horizontal menu and the account menu.
 */
test("a phone shows the learner's page without the menu's chunks, and the menu button brings the drawer", async () => {
  const phone = await b.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  const scripts: string[] = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/assets/') && path.endsWith('.js')) scripts.push(path);
  });
  const loaded = (name: string) => scripts.some((p) => new RegExp(`^/assets/${name}-[\\w-]+\\.js$`).test(p));

  await page.goto('/login');
  await login(page, 'hocvien');
  await page.waitForURL((u) => u.pathname === '/learning');
  scripts.length = 0;
  await page.reload(); // a first visit of a signed-in learner, as from a bookmark
  await page.getByRole('heading', { level: 1, name: 'Học tập của tôi' }).waitFor();
  expect(loaded('MyLearningPage')).toBe(true);
  expect(loaded('DesktopNav')).toBe(false);
  expect(loaded('MobileNav')).toBe(false);
  expect(await page.getByRole('menuitem').count()).toBe(0);

  await page.getByRole('button', { name: 'Mở menu' }).tap();
  const drawer = page.getByRole('dialog');
  await drawer.getByRole('menuitem', { name: 'Học tập của tôi' }).waitFor();
  expect(loaded('MobileNav')).toBe(true);
  expect(loaded('DesktopNav')).toBe(false);
  await drawer.getByRole('button', { name: 'Đăng xuất' }).waitFor();
});

test('a desktop screen shows the horizontal menu and the account menu', async () => {
  const { page } = b;
  await page.goto('/login');
  await login(page, 'admin');
  await page.waitForURL((u) => u.pathname === '/people');
  await page.getByRole('menuitem', { name: 'Hồ sơ cán bộ' }).waitFor();
  expect(await page.getByRole('button', { name: 'Mở menu' }).count()).toBe(0);
  await page.getByTitle(/^Tài khoản /).click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await page.waitForURL((u) => u.pathname === '/login');
});
