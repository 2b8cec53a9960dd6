/**
 * Issue 14, point 2: at 1440 px the class board and the registry fit without sideways scrolling of
 * the page; the registry shows LLCT and QLNN by default; the column picker adds a column and the
 * choice stays for the user after reloading.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { clickMenuItem, login, settled, useBrowser } from './support.js';

const b = useBrowser();

async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function headers(page: Page, testid: string): Promise<string[]> {
  const texts = await page.getByTestId(testid).locator('thead th').allTextContents();
  return texts.map((s) => s.trim()).filter(Boolean);
}

describe('tables at 1440 px', () => {
  test('the registry fits, shows LLCT and QLNN, and remembers a chosen column', async () => {
    const { page } = b;
    await login(page, 'admin');
    await page.waitForURL((u) => u.pathname === '/people');
    await page.getByTestId('people-table').locator('tbody tr.nt-table-row').first().waitFor();
    await settled(page);
    expect(await pageOverflow(page)).toBe(0);
    const shown = await headers(page, 'people-table');
    expect(shown).toEqual(expect.arrayContaining(['Họ và tên', 'LLCT', 'QLNN']));
    expect(shown).not.toContain('Dân tộc');
    // the table itself does not need to scroll either with the default columns
    const body = page.getByTestId('people-table').locator('.ant-table-content, .ant-table-body').first();
    expect(await body.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);

    // show "Dân tộc"; it stays after a reload
    await page.getByTestId('columns-registry').click();
    await page.getByRole('checkbox', { name: 'Dân tộc' }).check();
    await expect.poll(() => headers(page, 'people-table')).toContain('Dân tộc');
    await page.reload();
    await page.getByTestId('people-table').locator('tbody tr.nt-table-row').first().waitFor();
    expect(await headers(page, 'people-table')).toContain('Dân tộc');
    // the first column stays in place when the table scrolls sideways
    expect(await page.getByTestId('people-table').locator('thead th').first().getAttribute('class')).toContain('ant-table-cell-fix');
    // back to the defaults
    await page.getByTestId('columns-registry').click();
    await page.getByRole('button', { name: 'Về mặc định' }).click();
    await expect.poll(() => headers(page, 'people-table')).not.toContain('Dân tộc');
  });

  test('the class board fits with its exam-eligibility and status columns in view', async () => {
    const { page } = b;
    await login(page, 'truong');
    await page.waitForURL((u) => u.pathname === '/classes');
    const table = page.getByRole('table').first();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    await settled(page);
    expect(await pageOverflow(page)).toBe(0);
    const th = page.locator('.ant-table-thead th');
    const viewport = page.viewportSize()!;
    for (const name of ['Đủ điều kiện dự thi', 'Trạng thái']) {
      const cell = th.filter({ hasText: name }).first();
      const box = await cell.boundingBox();
      expect(box, `column ${name}`).not.toBeNull();
      expect(box!.x + box!.width, `column ${name} in view`).toBeLessThanOrEqual(viewport.width);
    }
    expect(await table.count()).toBeGreaterThan(0);
  });

  test('every entry of the board menu is reachable at 1440 px, nothing in an overflow', async () => {
    const { page } = b;
    await login(page, 'admin');
    await page.waitForURL((u) => u.pathname === '/people');
    expect(await page.locator('.ant-menu-horizontal > li.ant-menu-overflow-item-rest:visible').count()).toBe(0);
    await clickMenuItem(page, 'Kế hoạch giai đoạn');
    await page.waitForURL((u) => u.pathname === '/plans/five-year');
    await clickMenuItem(page, 'Danh mục chương trình');
    await page.waitForURL((u) => u.pathname === '/catalogue');
  });
});
