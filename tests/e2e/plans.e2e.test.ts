/**
 * The annual plan as the board meets it: a plan for a year is drafted with one line, submitted and
 * approved (then frozen), adjusted (a new version, one line changed) and approved again, the two
 * versions compared line by line; a class opened against the line makes plan against actual move.
 * The year is far ahead and random, so the demo's own plans are untouched.
 */
import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { apiGet, apiLogin, login, randomWord, settled, useBrowser } from './support.js';

const b = useBrowser();

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function chooseOption(page: Page, input: Locator, typed: string, option: string): Promise<void> {
  await input.click();
  if (typed) await input.fill(typed);
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${escapeRe(option)}$`) }).first();
  await item.waitFor();
  await item.click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

async function typeDate(input: Locator, ddmmyyyy: string): Promise<void> {
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

/** The row of the plan-against-actual table whose first cell is `label`, as its cells' texts. */
async function realisationRow(page: Page, label: string): Promise<string[]> {
  const row = page.getByTestId('realisation-table').locator('tr').filter({ has: page.getByRole('cell', { name: label, exact: true }) }).first();
  await row.waitFor();
  return (await row.locator('td').allInnerTexts()).map((s) => s.trim());
}

describe('annual plan', () => {
  test('is approved, adjusted and compared; a class opened against a line moves plan against actual', { timeout: 180_000 }, async () => {
    const page = b.page;
    const year = 2040 + Math.floor(Math.random() * 150);
    await login(page, 'admin');
    await page.goto(`/plans?year=${year}`);

    // draft the plan and its one line
    await page.getByRole('button', { name: `Lập kế hoạch năm ${year}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('button', { name: 'Thêm dòng' }).click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, dialog.getByLabel('Chương trình'), 'trung cap', 'Trung cấp lý luận chính trị');
    await dialog.getByText('Tập trung', { exact: true }).click();
    await dialog.getByLabel('Số lớp').fill('2');
    await dialog.getByLabel('Số học viên').fill('120');
    await dialog.getByLabel('Địa điểm').fill('Trường Chính trị tỉnh');
    await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => page.getByText('Cộng: 1 dòng, 2 lớp, 120 học viên').count()).toBe(1);

    // submit, approve with the decision: frozen
    await page.getByRole('button', { name: 'Trình phê duyệt' }).click();
    await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    const approve = page.getByRole('dialog');
    await approve.getByLabel('Số quyết định').fill('125-QĐ/TU');
    await approve.getByRole('button', { name: 'Phê duyệt' }).click();
    await expect.poll(() => page.getByText('Phiên bản đã phê duyệt được giữ nguyên').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Thêm dòng' }).count()).toBe(0);

    // adjust: a new version with its reason and decision; one more class on the line
    await page.getByRole('button', { name: 'Lập điều chỉnh' }).click();
    const adjust = page.getByRole('dialog');
    await adjust.getByLabel('Lý do điều chỉnh').fill(`Bổ sung lớp theo nhu cầu ${randomWord()}`);
    await adjust.getByLabel('Số quyết định').fill('310-QĐ/TU');
    await typeDate(adjust.getByLabel('Ngày quyết định'), `15/06/${year}`);
    await adjust.getByRole('button', { name: 'Lập điều chỉnh' }).click();
    await expect.poll(() => page.getByText('Phiên bản 2 · Điều chỉnh lần 1').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Sửa', exact: true }).click();
    const edit = page.getByRole('dialog');
    await edit.getByLabel('Số lớp').fill('3');
    await edit.getByLabel('Số học viên').fill('180');
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => page.getByText('Cộng: 1 dòng, 3 lớp, 180 học viên').count()).toBe(1);
    await page.getByRole('button', { name: 'Trình phê duyệt' }).click();
    await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Phê duyệt' }).click();
    await expect.poll(() => page.getByText('Đang áp dụng').count()).toBe(1);

    // compare version 1 with version 2, line by line
    await settled(page);
    await page.getByRole('button', { name: 'So sánh phiên bản' }).click();
    const comparison = page.getByTestId('plan-comparison');
    await comparison.waitFor();
    await expect.poll(() => comparison.getByText('Số lớp: 2 → 3').count()).toBe(1);
    await expect.poll(() => comparison.getByText('Số học viên: 120 → 180').count()).toBe(1);

    // plan against actual before and after a class opened against the line
    await page.goto(`/plans/realisation?year=${year}&asOf=${year}-12-31`);
    let total = await realisationRow(page, 'Cộng theo kế hoạch');
    expect(total.slice(1, 3)).toEqual(['3', '0']);
    expect(total).toContain('0,00%');

    const school = await b.newContext();
    const me = await apiLogin(school.request, 'sysadmin');
    const plan = await apiGet<{ versions: { id: number }[] }>(school.request, `/api/v1/plans/annual/${year}`);
    const version = await apiGet<{ lines: { lineId: number }[] }>(school.request, `/api/v1/plans/versions/${plan.versions[1]!.id}`);
    const made = await school.request.post('/api/v1/classes', {
      headers: { 'x-csrf-token': me.csrfToken },
      data: {
        programmeCode: 'TC_LLCT',
        cohortCode: `KH-${randomWord()}`,
        name: `Lớp trung cấp theo kế hoạch ${year}`,
        mode: 'full_time',
        site: 'Trường Chính trị tỉnh',
        startDate: `${year}-03-02`,
        endDate: `${year}-08-28`,
        capacity: 60,
        planLineId: version.lines[0]!.lineId,
      },
    });
    expect(made.status(), await made.text()).toBe(201);

    await page.reload();
    total = await realisationRow(page, 'Cộng theo kế hoạch');
    expect(total.slice(1, 3)).toEqual(['3', '1']);
    expect(total).toContain('33,33%');
    // drill down from the figure to the class behind it
    await page.getByRole('button', { name: /^Cộng theo kế hoạch: Thực hiện 1$/ }).click();
    await expect.poll(() => page.getByRole('link', { name: `Lớp trung cấp theo kế hoạch ${year}` }).count()).toBe(1);
    await expect.poll(() => page.getByText('cắt bỏ phần thập phân thừa').count()).toBe(1);
  });
});
