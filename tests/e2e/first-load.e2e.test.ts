/**
 * Issue 13, point 4 (docs/decisions/0044): a first visit in Vietnamese does not download the English
 * dictionary; choosing English loads it, and a stored English choice is in place from the first render.
 */
import { expect, test } from 'vitest';
import { useBrowser } from './support.js';

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
