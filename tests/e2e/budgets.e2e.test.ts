/**
 * Budgets as the school and the board see them (issue 11 point 2): the school opens a class's
 * "Kinh phí" tab, makes or changes its estimate (lecturers' fees from the rates of TT 36/2018/TT-BTC,
 * support per learner, venue, materials), records a voucher, and sees estimate against actual; the
 * board's "Kinh phí đào tạo" report of the class's year counts both.
 */
import { describe, expect, test } from 'vitest';
import type { Budget, BudgetReport } from '@nang-tam/contracts';
import { apiGet, apiLogin, login, randomDigits, settled, useBrowser } from './support.js';

const b = useBrowser();
const dong = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đ`;

describe('budgets', () => {
  test('the school enters an estimate and a voucher and sees the comparison; the board sees it in the report', async () => {
    const { page, context } = b;
    await login(page, 'truong');
    const classes = await apiGet<{ items: { id: number; startDate: string; actions: string[] }[] }>(context.request, '/api/v1/classes?limit=50');
    const cls = classes.items.find((c) => c.actions.includes('printDocuments'));
    expect(cls, 'a class the school runs').toBeDefined();
    await page.goto(`/classes/${cls!.id}?tab=budget`);
    const panel = page.getByTestId('budget-panel');
    await panel.waitFor();
    await settled(page);

    // ---------- the estimate ----------
    await panel.getByRole('button', { name: /^(Lập dự toán|Sửa dự toán)$/ }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'dự toán' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Thêm giảng viên' }).click();
    const selects = dialog.getByLabel('Loại giảng viên');
    await selects.last().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '1.200.000 đ/buổi (36/2018/TT-BTC)' }).first().click();
    await dialog.getByLabel('Số buổi').last().fill('6');
    await dialog.getByLabel('Hỗ trợ mỗi học viên').fill('250000');
    await dialog.getByLabel('Thuê hội trường, địa điểm').fill('8000000');
    await dialog.getByLabel('Tài liệu, văn phòng phẩm').fill('3500000');
    await dialog.getByRole('button', { name: 'Lưu dự toán' }).click();
    await expect.poll(() => page.getByText('Đã lưu dự toán.').count()).toBeGreaterThan(0);
    const saved = await apiGet<Budget>(context.request, `/api/v1/classes/${cls!.id}/budget`);
    expect(saved.estimate!.items.some((i) => i.category === 'lecturers' && i.quantity === 6 && i.unitAmount === 1_200_000)).toBe(true);
    expect(saved.estimate!.items.find((i) => i.category === 'venue')?.amount).toBe(8_000_000);
    await expect.poll(() => panel.getByTestId('budget-estimate').textContent()).toBe(dong(saved.figures.estimate));

    // ---------- a voucher ----------
    const documentNo = `PC-${randomDigits(5)}`;
    await panel.getByRole('button', { name: 'Ghi thực chi' }).click();
    const cost = page.getByRole('dialog').filter({ hasText: 'Ghi thực chi' });
    await cost.getByLabel('Khoản mục').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Thuê hội trường, địa điểm' }).first().click();
    const day = cls!.startDate < new Date().toISOString().slice(0, 10) ? cls!.startDate : new Date().toISOString().slice(0, 10);
    const date = cost.getByLabel('Ngày chi');
    await date.click();
    await date.fill(day.split('-').reverse().join('/'));
    await date.press('Enter');
    await cost.getByLabel('Số tiền').fill('7650000');
    await cost.getByLabel('Số chứng từ').fill(documentNo);
    await cost.getByRole('button', { name: 'Ghi chứng từ' }).click();
    await expect.poll(() => panel.getByText(documentNo).count()).toBe(1);
    const after = await apiGet<Budget>(context.request, `/api/v1/classes/${cls!.id}/budget`);
    expect(after.figures.actual - saved.figures.actual).toBe(7_650_000);
    await expect.poll(() => panel.getByTestId('budget-actual').textContent()).toBe(dong(after.figures.actual));
    await expect.poll(() => panel.getByTestId('budget-difference').textContent()).toBe(dong(after.figures.actual - after.figures.estimate));

    // ---------- the board's report of the year ----------
    const boardCtx = await b.newContext();
    await apiLogin(boardCtx.request, 'admin');
    const year = Number(cls!.startDate.slice(0, 4));
    const report = await apiGet<BudgetReport>(boardCtx.request, `/api/v1/budgets/report?year=${year}&by=line`);
    const boardPage = await boardCtx.newPage();
    await boardPage.goto('/budgets');
    await boardPage.getByRole('heading', { level: 1, name: 'Kinh phí đào tạo, bồi dưỡng' }).waitFor();
    if (year !== new Date().getFullYear()) {
      await boardPage.getByRole('combobox', { name: 'Năm' }).click();
      await boardPage.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `Năm ${year}` }).first().click();
    }
    await expect.poll(() => boardPage.getByTestId('report-total-actual').textContent()).toBe(dong(report.total.actual));
    await expect.poll(() => boardPage.getByTestId('report-total-estimate').textContent()).toBe(dong(report.total.estimate));
    expect(report.total.actual).toBeGreaterThanOrEqual(after.figures.actual);

    // ---------- the voucher was a mistake: the school voids it with a reason (decision 0063) ----------
    await panel.getByRole('row').filter({ hasText: documentNo }).getByRole('button', { name: 'Hủy chứng từ' }).click();
    const voiding = page.getByRole('dialog').filter({ hasText: `Hủy chứng từ ${documentNo}` });
    await voiding.getByLabel('Lý do hủy').fill('Ghi nhầm số tiền');
    await voiding.getByRole('button', { name: 'Hủy chứng từ' }).click();
    await expect.poll(() => panel.getByRole('row').filter({ hasText: documentNo }).textContent()).toContain('Ghi nhầm số tiền');
    await expect.poll(() => panel.getByTestId('budget-actual').textContent()).toBe(dong(saved.figures.actual));
    const voided = await apiGet<Budget>(context.request, `/api/v1/classes/${cls!.id}/budget`);
    expect(voided.entries.find((e) => e.documentNo === documentNo)?.voided).toMatchObject({ reason: 'Ghi nhầm số tiền' });
  });
});
