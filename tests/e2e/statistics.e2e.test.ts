/**
 * Training statistics and the dashboard as the board meets them (issue 10): the statistics page
 * grouped by a second dimension, a figure drilled down to the people behind it and exported to
 * Excel; the dashboard shows person-times by year as a chart with its table.
 */
import { describe, expect, test } from 'vitest';
import { login, useBrowser } from './support.js';

const b = useBrowser();

describe('training statistics', () => {
  test('group by a dimension, drill down, export; the dashboard has a chart and its table', { timeout: 180_000 }, async () => {
    const page = b.page;
    await login(page, 'admin');
    await page.goto('/statistics');
    await page.getByRole('heading', { level: 1, name: 'Thống kê đào tạo, bồi dưỡng' }).waitFor();
    const table = page.getByTestId('stats-table');
    await table.waitFor();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);

    // a second dimension: study mode
    await page.getByTestId('stats-groupby').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^Hình thức học$/ }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => table.getByRole('columnheader', { name: 'Hình thức học' }).count()).toBe(1);
    await expect.poll(() => page.url()).toContain('groupBy=programme%2Cmode');
    const firstRow = table.locator('tbody tr.ant-table-row').first();
    await firstRow.waitFor();
    const count = Number((await firstRow.getByRole('button').first().innerText()).replace(/\D/g, ''));
    expect(count).toBeGreaterThan(0);

    // drill down: the people behind the figure, as many as it says
    await firstRow.getByRole('button').first().click();
    await page.getByText('Những người đứng sau số liệu', { exact: false }).waitFor();
    const drawer = page.locator('.ant-drawer');
    const drill = drawer.getByTestId('stats-drill');
    await expect.poll(() => drill.locator('tbody tr.ant-table-row').count()).toBe(Math.min(count, 50));
    await drill.getByText(new RegExp(`^${count.toLocaleString('vi-VN')} lượt`)).waitFor();

    // export the cell's people to Excel (a background job; the file downloads when ready)
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await drawer.getByRole('button', { name: 'Xuất Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.getByRole('dialog', { name: 'Xuất danh sách ra Excel' }).getByRole('button', { name: 'Đóng' }).last().click();

    // the dashboard: person-times by year as a chart and as a table
    await page.goto('/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Bảng điều khiển của tỉnh' }).waitFor();
    const panel = page.getByTestId('panel-by-year');
    await panel.getByTestId('panel-by-year-chart').locator('svg.recharts-surface').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => panel.getByTestId('panel-by-year-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await page.getByTestId('panel-plan').waitFor();
    // the demo's indicators against their targets: one line per share indicator, its table, each status
    const indicators = page.getByTestId('panel-indicators');
    await indicators.getByTestId('panel-indicators-chart').locator('svg.recharts-surface').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => indicators.getByTestId('panel-indicators-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(1);
    await expect.poll(() => indicators.getByRole('link').count()).toBeGreaterThan(2);
    await indicators.getByText(/Đã đạt|Đúng tiến độ|Có nguy cơ không đạt/).first().waitFor();
  });
});
