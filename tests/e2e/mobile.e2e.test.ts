/**
 * The registry on a phone (390×844, touch): no sideways scrolling, search shows cards, the filters
 * and the unit tree open in drawers, and a card opens the profile.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { countExactly, isPeopleList, login, matchesAtWordStarts, parseCount, searchRegistry, settled, shownTotal, useBrowser } from './support.js';

const b = useBrowser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

const WIDTH = 390;

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(clientWidth).toBe(WIDTH);
  expect(scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(clientWidth);
}

describe('registry on a phone', () => {
  test('search shows cards, filters open in a drawer, a card opens the profile', async () => {
    const { page } = b;
    await login(page, 'admin');
    await page.waitForURL((u) => u.pathname === '/people');
    const allTotal = await countExactly(page);
    await noSidewaysScroll(page);
    // the menu sits behind a button
    await page.getByRole('button', { name: 'Mở menu' }).waitFor();

    // search: results as cards that fit the screen
    const found = await searchRegistry(page, 'nguyen van');
    expect(found.total).toBeGreaterThan(0);
    const list = page.getByRole('list', { name: 'Danh sách cán bộ' });
    const cards = list.getByRole('listitem');
    await expect.poll(() => cards.count()).toBe(found.items.length);
    const names = await cards.locator('a').allTextContents();
    expect(names).toEqual(found.items.map((p) => p.fullName));
    for (const n of names) expect(matchesAtWordStarts(n, 'nguyen van'), n).toBe(true);
    for (const box of await Promise.all((await cards.all()).slice(0, 3).map((c) => c.boundingBox()))) {
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(WIDTH);
    }
    await noSidewaysScroll(page);

    // the filters, in a drawer: civil servants only
    await page.getByRole('button', { name: 'Bộ lọc' }).tap();
    const drawer = page.getByRole('dialog', { name: 'Bộ lọc' });
    await drawer.waitFor();
    await settled(page);
    for (const label of ['Đối tượng', 'Giới tính', 'Dân tộc', 'Lý luận chính trị'])
      await drawer.getByText(label, { exact: true }).waitFor();
    const filtered = page.waitForResponse(
      (r) => isPeopleList(r.url(), 'nguyen van') && new URL(r.url()).searchParams.get('category') === 'cong_chuc',
    );
    await drawer.getByLabel('Đối tượng').tap();
    await page.locator('.ant-select-dropdown:visible').waitFor();
    await settled(page);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^Công chức$/ })
      .tap();
    const civil = (await (await filtered).json()) as { total: number; items: { fullName: string }[] };
    expect(civil.total).toBeGreaterThan(0);
    expect(civil.total).toBeLessThan(found.total);
    // the drawer's button tells how many results there are, and closes it
    const show = drawer.getByRole('button', { name: /^Xem [\d.]+ kết quả$/ });
    await expect.poll(async () => parseCount((await show.textContent()) ?? '')).toBe(civil.total);
    await show.tap();
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(() => shownTotal(page)).toBe(civil.total);
    expect(new URL(page.url()).searchParams.get('category')).toBe('cong_chuc');
    await expect.poll(() => cards.locator('a').allTextContents()).toEqual(civil.items.map((p) => p.fullName));
    // one filter is on: the button's badge says so
    await page
      .locator('.ant-badge')
      .filter({ has: page.getByRole('button', { name: 'Bộ lọc' }) })
      .getByText('1', { exact: true })
      .waitFor();

    // the unit tree, in a drawer too
    await page.getByRole('button', { name: 'Đơn vị' }).tap();
    const units = page.getByRole('dialog', { name: 'Đơn vị' });
    await units.waitFor();
    await settled(page);
    const root = units.getByRole('treeitem').first();
    await expect.poll(() => root.textContent()).toMatch(/^Tỉnh Tuyên Quang/);
    expect(parseCount((await root.locator('.nt-tree-count').textContent()) ?? '')).toBe(allTotal);
    await units
      .getByRole('button', { name: 'Close' })
      .or(units.getByRole('button', { name: 'Đóng' }))
      .first()
      .tap();
    await units.waitFor({ state: 'hidden' });

    // a card opens the profile, which fits the screen
    const firstCard = cards.first();
    const name = (await firstCard.locator('a').textContent())!;
    await firstCard.locator('.ant-typography').first().tap(); // the card itself, not its link
    await page.waitForURL((u) => /^\/people\/\d+$/.test(u.pathname));
    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
    await page.getByRole('tab', { name: /^Trình độ/ }).waitFor();
    await noSidewaysScroll(page);
  });
});
