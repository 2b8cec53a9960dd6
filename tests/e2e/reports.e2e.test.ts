/**
 * Official statistical reports (issue 10 point 3): home affairs opens "Báo cáo thống kê", chooses
 * the yearly training form, a year the demo province has training in and the province, fills it,
 * sees the grid, downloads the Excel file and reads it back with exceljs: the title block and the
 * total person-times equal the preview and the job's grid.
 */
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { apiLogin, BASE_URL, clickMenuItem, UI_TIMEOUT, useBrowser } from './support.js';

const b = useBrowser();

describe('statistical reports', () => {
  test('fills the yearly training report for a year and downloads it as Excel in the form layout', async () => {
    const ctx = await b.newContext();
    const me = await apiLogin(ctx.request, 'noivu');
    // a year the demo's training records cover (the server refuses a year before them)
    const thisYear = new Date().getFullYear();
    let year = thisYear;
    for (const y of [thisYear - 1, thisYear]) {
      const probe = await ctx.request.post('/api/v1/reports/forms/NT-02-KQDT/fill', {
        data: { from: `${y}-01-01`, to: `${y}-12-31`, unitId: me.unit.id, format: 'xlsx' },
        headers: { 'X-CSRF-Token': me.csrfToken },
      });
      if (probe.status() === 202) {
        year = y;
        break;
      }
    }
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/`);
    await clickMenuItem(page, 'Báo cáo thống kê');
    await page.getByRole('heading', { level: 1, name: 'Báo cáo thống kê' }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByLabel('Biểu mẫu').click();
    await page.getByTitle(/NT-02-KQDT/).click();
    await page.getByLabel('Năm báo cáo').fill(String(year));
    const filled = page.waitForResponse((r) => r.url().includes('/api/v1/reports/forms/NT-02-KQDT/fill') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Lập báo cáo' }).click();
    expect((await filled).status()).toBe(202);
    const grid = page.getByTestId('report-grid');
    await grid.waitFor({ timeout: 60_000 });
    const totalRow = grid.locator('tr', { hasText: 'Tổng số' }).filter({ hasNotText: 'Tổng số lượt' }).first();
    const shown = Number((await totalRow.locator('td').nth(2).innerText()).replace(/\./g, ''));
    expect(shown).toBeGreaterThan(0);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const text = rows.flat().filter((v) => typeof v === 'string').join('\n');
    expect(text).toContain('KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC');
    expect(text).toContain('Biểu số: NT-02-KQDT');
    expect(text).toContain(`Năm ${year}`);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const total = rows.find((r) => r.some((v) => v === 'Tổng số'))!;
    expect(total.find((v) => typeof v === 'number')).toBe(shown);
  });
});
