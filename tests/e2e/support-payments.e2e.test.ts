/**
 * Support payments (issue 11 point 1): home affairs opens a class of the demo province on its
 * "Hỗ trợ học viên" tab, reads a learner's amounts with the rule each comes from, records a payment
 * of what is still owed, and downloads the payment list as Excel with its title, the learner and
 * the signature column.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import type { ClassPage, SupportList } from '@nang-tam/contracts';
import { apiGet, apiLogin, BASE_URL, UI_TIMEOUT, useBrowser } from './support.js';

const b = useBrowser();

describe('support payments', () => {
  test("a class's payment list: amounts explained, a payment recorded, the Excel downloaded", async () => {
    const ctx = await b.newContext();
    await apiLogin(ctx.request, 'noivu');
    // a class whose list has a learner still owed something
    const classes = await apiGet<ClassPage>(ctx.request, '/api/v1/classes?limit=100');
    let chosen: { id: number; list: SupportList } | null = null;
    for (const c of classes.items.filter((x) => x.enrolled > 0)) {
      const list = await apiGet<SupportList>(ctx.request, `/api/v1/classes/${c.id}/support`);
      if (list.rows.some((r) => r.actions.includes('recordPayment') && r.items.length > 0)) {
        chosen = { id: c.id, list };
        break;
      }
    }
    expect(chosen, 'a class with a learner still owed support').not.toBeNull();
    const { id, list } = chosen!;
    const row = list.rows.find((r) => r.actions.includes('recordPayment') && r.items.length > 0)!;
    const index = list.rows.indexOf(row);

    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/classes/${id}?tab=support`);
    await page.getByRole('tab', { name: 'Hỗ trợ học viên' }).waitFor({ timeout: UI_TIMEOUT });
    const total = page.getByTestId('support-total');
    await expect.poll(() => total.textContent(), { timeout: UI_TIMEOUT }).toContain(list.totals.owed.toLocaleString('vi-VN'));

    // the learner's row: open it to read each amount with its rule
    const tr = page.locator('tr.ant-table-row').nth(index);
    await expect.poll(() => tr.textContent(), { timeout: UI_TIMEOUT }).toContain(row.person.fullName);
    await tr.locator('.ant-table-row-expand-icon').click();
    const items = page.getByTestId('support-items').first();
    await items.waitFor({ timeout: UI_TIMEOUT });
    const text = (await items.textContent()) ?? '';
    expect(text).toContain('Hỗ trợ theo ngày học');
    expect(text).toContain(row.items[0]!.explanation);
    expect(text).toContain(row.policy!.sourceCode);

    // record a payment of what is still owed (the form proposes it)
    await page.getByRole('button', { name: `Ghi nhận chi hỗ trợ cho ${row.person.fullName}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Số chứng từ').fill('PC-E2E-01');
    await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã ghi nhận khoản chi.').waitFor({ timeout: UI_TIMEOUT });
    const after = await apiGet<SupportList>(ctx.request, `/api/v1/classes/${id}/support`);
    const paid = after.rows.find((r) => r.person.id === row.person.id)!;
    expect(paid).toMatchObject({ paid: row.owed, remaining: 0 });
    expect(after.payments.some((p) => p.voucherNo === 'PC-E2E-01' && p.amount === row.remaining)).toBe(true);
    await page.getByRole('cell', { name: 'PC-E2E-01' }).waitFor({ timeout: UI_TIMEOUT });

    // the payment list as Excel, through the background job
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^danh-sach-chi-tra-ho-tro-lop-\d+.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((r) => r.eachCell((c) => cells.push(c.text)));
    expect(cells).toContain('DANH SÁCH CHI TRẢ HỖ TRỢ HỌC VIÊN');
    expect(cells).toContain('Ký nhận');
    expect(cells).toContain(row.person.fullName);
    expect(cells.some((c) => c.includes('NGƯỜI LẬP BIỂU'))).toBe(true);
  });
});
