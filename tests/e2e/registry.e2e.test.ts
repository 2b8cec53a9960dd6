/**
 * The province board's registry in a real browser: login in Vietnamese, the unit tree and total,
 * diacritic-free search, a profile with its tabs, editing a phone number and finding the change
 * in the profile's history; and a wrong password.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  countExactly,
  fold,
  login,
  matchesAtWordStarts,
  parseCount,
  randomDigits,
  searchRegistry,
  settled,
  shownTotal,
  submitLogin,
  UI_TIMEOUT,
  useBrowser,
} from './support.js';

const b = useBrowser();

/** The names in the rows the registry table shows. */
async function visibleNames(page: Page): Promise<string[]> {
  return page.getByTestId('people-table').locator('tbody tr.nt-table-row td:first-child a').allTextContents();
}

describe('registry (admin)', () => {
  test('the login form speaks Vietnamese and a wrong password is refused in Vietnamese', async () => {
    const { page } = b;
    await page.goto('/');
    // an anonymous visitor lands on the login page
    await page.waitForURL((u) => u.pathname === '/login');
    await expect.poll(() => page.title()).toContain('Đăng nhập');
    await page.getByLabel('Tên đăng nhập').waitFor();
    await page.getByLabel('Mật khẩu', { exact: true }).waitFor();

    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await submitLogin(page, 'admin', 'sai-mat-khau');
    expect((await answer).status()).toBe(401);
    const alert = page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    await alert.waitFor();
    // still on the login page, the password emptied, nothing of the registry shown
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByLabel('Mật khẩu', { exact: true }).inputValue()).toBe('');
    expect(await page.getByTestId('people-table').count()).toBe(0);

    // the right password then gets in
    await login(page, 'admin');
    await page.waitForURL((u) => u.pathname === '/people');
  });

  test('search without diacritics, open a profile, edit the phone and see it in the history', async () => {
    const { page } = b;
    await login(page, 'admin');
    await page.waitForURL((u) => u.pathname === '/people');
    await page.getByRole('heading', { name: 'Hồ sơ cán bộ', level: 1 }).waitFor();

    // the unit tree, opened at the province, and the province's total
    const tree = page.getByRole('tree', { name: 'Cây đơn vị' });
    const root = tree.getByRole('treeitem').first();
    await expect.poll(() => root.textContent()).toMatch(/^Tỉnh Tuyên Quang/);
    await expect.poll(() => tree.getByRole('treeitem').count()).toBeGreaterThan(1);
    await tree
      .getByRole('treeitem')
      .filter({ hasText: /^Khối xã, phường/ })
      .waitFor();
    // the province (3,000 demo people) is more than the list counts: "hơn 1.000", exact on request
    expect(await shownTotal(page)).toBe(1000);
    const total = await countExactly(page);
    // the root's head count is the registry's exact total
    expect(parseCount((await root.locator('.nt-tree-count').textContent()) ?? '')).toBe(total);

    // "nguyen van" typed without diacritics
    const found = await searchRegistry(page, 'nguyen van');
    expect(found.total).toBeGreaterThan(0);
    expect(found.total).toBeLessThan(total);
    await expect.poll(() => visibleNames(page)).toEqual(found.items.map((p) => p.fullName));
    const names = await visibleNames(page);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(matchesAtWordStarts(name, 'nguyen van'), name).toBe(true);
    expect(names.some((n) => n.includes('Nguyễn Văn'))).toBe(true);
    expect(new URL(page.url()).searchParams.get('q')).toBe('nguyen van');

    // the first result's profile
    const first = names[0]!;
    await page.getByTestId('people-table').locator('tbody tr.nt-table-row td:first-child a').first().click();
    await page.waitForURL((u) => /^\/people\/\d+$/.test(u.pathname));
    const heading = page.getByRole('heading', { level: 1, name: first, exact: true });
    await heading.waitFor();
    expect(fold(first), 'the name is shown with its diacritics').not.toBe(first.toLowerCase());
    for (const tab of ['Thông tin chung', 'Trình độ', 'Quá trình công tác', 'Quy hoạch', 'Đánh giá xếp loại', 'Lịch sử thay đổi']) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}( \\(\\d+\\))?$`) }).waitFor();
    }

    // edit the phone number in the drawer
    const phone = `09${randomDigits(8)}`;
    await page.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    const drawer = page.getByRole('dialog', { name: `Sửa hồ sơ: ${first}` });
    await drawer.waitFor();
    await settled(page);
    const phoneInput = drawer.locator('#person_phone');
    const before = await phoneInput.inputValue();
    expect(before).not.toBe(phone);
    await phoneInput.fill(phone);
    const saved = page.waitForResponse((r) => /\/api\/v1\/people\/\d+$/.test(new URL(r.url()).pathname) && r.request().method() === 'PUT');
    await drawer.getByRole('button', { name: 'Lưu thay đổi' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Đã lưu hồ sơ.').waitFor();
    await drawer.waitFor({ state: 'hidden' });

    // the change, in "Lịch sử thay đổi"
    await page.getByRole('tab', { name: 'Lịch sử thay đổi' }).click();
    const history = page.getByRole('tabpanel', { name: 'Lịch sử thay đổi' });
    const change = history.locator('.ant-card').first();
    await change.waitFor({ timeout: UI_TIMEOUT });
    await change.getByText('Cập nhật', { exact: true }).waitFor();
    await change.getByText('bởi admin', { exact: true }).waitFor();
    const row = change.locator('table.nt-diff tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Điện thoại' }) });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells).toEqual([before === '' ? '—' : before, phone]);
  });
});
