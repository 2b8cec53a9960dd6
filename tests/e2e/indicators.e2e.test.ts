/**
 * Indicators (issue 10 point 1) as the provincial board meets them: the seeds' indicators are
 * listed with value, target and status; a new one is defined (a deadline before its start is
 * refused with its message first), shown against its target with its trend chart and table, moved
 * to a past date, and drilled down to the people missing and counted.
 */
import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { UI_TIMEOUT, login, randomWord, useBrowser } from './support.js';

const b = useBrowser();
/** The list computes every indicator from the records: give the page the UI's time, not poll's default second. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: UI_TIMEOUT });

async function chooseOption(page: Page, input: Locator, option: string): Promise<void> {
  await input.click();
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();
  await item.waitFor();
  await item.click();
  await poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

async function typeDate(input: Locator, ddmmyyyy: string): Promise<void> {
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

describe('indicators', () => {
  test('are listed, defined, shown against their target with a chart, and drilled down', { timeout: 180_000 }, async () => {
    const page = b.page;
    await login(page, 'admin');
    await page.goto('/indicators');
    await poll(() => page.getByRole('heading', { level: 1, name: 'Chỉ tiêu đào tạo, bồi dưỡng' }).count()).toBe(1);
    const seedRow = page.locator('tr').filter({ hasText: 'Cán bộ thuộc diện Ban Thường vụ Tỉnh ủy quản lý có trình độ chuyên môn thạc sĩ, tiến sĩ' });
    await seedRow.first().waitFor();
    expect(await seedRow.first().innerText()).toMatch(/từ 40%/);
    expect(await page.locator('tr').filter({ hasText: 'làm công tác CCHC' }).count()).toBe(2);

    // define one: a deadline before the start is refused with its message, then corrected
    const code = `E2E-${randomWord().toUpperCase().replace(/[^A-Z]/g, '')}`;
    const name = `Cán bộ diện Ban Thường vụ có trình độ thạc sĩ (thử ${code})`;
    await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Mã chỉ tiêu').fill(code);
    await dialog.getByLabel('Tên chỉ tiêu').fill(name);
    await chooseOption(page, dialog.getByLabel('Diện quản lý'), 'Diện Ban Thường vụ Tỉnh ủy quản lý');
    await chooseOption(page, dialog.getByLabel('Trình độ tối thiểu'), 'Thạc sĩ');
    await dialog.getByLabel('Mức chỉ tiêu').fill('60');
    await typeDate(dialog.getByLabel('Ngày bắt đầu'), '01/01/2021');
    await typeDate(dialog.getByLabel('Thời hạn'), '31/12/2020');
    await dialog.getByLabel('Số, ký hiệu').fill('15-NQ/TU');
    await typeDate(dialog.getByLabel('Ngày ban hành'), '20/10/2020');
    await dialog.getByLabel('Cơ quan ban hành').fill('Ban Chấp hành Đảng bộ tỉnh');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => page.getByTestId('indicator-problems').innerText()).toContain('Thời hạn đạt chỉ tiêu không được trước ngày bắt đầu.');
    await typeDate(dialog.getByLabel('Thời hạn'), '31/12/2030');
    await dialog.getByRole('button', { name: 'Lưu' }).click();

    // its page: value against the target, status, the chart and its table
    await poll(() => page.getByRole('heading', { level: 1, name }).count()).toBe(1);
    await poll(() => page.getByText('từ 60%').count()).toBeGreaterThan(0);
    expect(['Đã đạt', 'Đúng tiến độ', 'Có nguy cơ không đạt']).toContain((await page.getByTestId('indicator-status').innerText()).trim());
    await page.getByTestId('indicator-chart').locator('svg.recharts-surface').first().waitFor();
    const trendRows = page.locator('.ant-card').filter({ hasText: 'Xu hướng theo năm' }).locator('tbody tr');
    await poll(() => trendRows.count()).toBeGreaterThan(3);
    expect(await trendRows.first().innerText()).toContain('31/12/2021');

    // as of a past date
    await typeDate(page.getByLabel('Tính tại ngày'), '31/12/2023');
    await poll(() => page.url()).toContain('asOf=2023-12-31');
    await poll(() => page.getByText('Giá trị tại 31/12/2023').count()).toBe(1);

    // drill down: the people missing, then those counted, with their evidence
    const missingTab = page.getByRole('tab', { name: /^Chưa đạt \(\d/ });
    await missingTab.click();
    const drill = page.locator('.ant-card').filter({ hasText: 'Danh sách chi tiết' });
    await poll(() => drill.getByRole('tabpanel').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await page.getByRole('tab', { name: /^Đã đạt \(\d/ }).click();
    await poll(() => drill.getByRole('tabpanel').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    expect(await drill.getByRole('tabpanel').locator('tbody tr.ant-table-row').first().innerText()).toMatch(/Thạc sĩ|Tiến sĩ/);
  });

  test("shows a unit officer only their subtree's figures", { timeout: 120_000 }, async () => {
    const page = b.page;
    await login(page, 'unit');
    await page.goto('/indicators');
    const row = page.locator('tr').filter({ hasText: 'Cán bộ chủ chốt cấp xã có trình độ lý luận chính trị trung cấp trở lên' }).first();
    await row.waitFor();
    // a commune has a handful of key cadres, never the province's hundreds
    const counts = (await row.innerText()).match(/(\d+)\/(\d+)/);
    expect(counts).not.toBeNull();
    expect(Number(counts![2])).toBeLessThan(20);
    expect(await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).count()).toBe(0);
  });
});
