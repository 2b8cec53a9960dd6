/**
 * Results at two years (issue 11 point 4): the school picks an earlier class of the demo province
 * (tools/demo/evaluation-results.ts) and sees its graduates' appraisals before and after beside the
 * comparison group, as a chart and a table; it opens the class's evaluation campaign; the commune's
 * officer finds the assessment it owes and gives it; the school closes the campaign and downloads
 * the final report.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, apiLogin, login, useBrowser } from './support.js';

const b = useBrowser();

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
}

describe('evaluation after training', () => {
  test('a cohort two years on: before and after, a campaign opened, assessed by the agency, closed with its report', { timeout: 240_000 }, async () => {
    // the demo's earlier part-time class (no campaign yet) and one of its graduates from the commune
    const api = await b.newContext();
    await apiLogin(api.request, 'truong');
    const options = await apiGet<{ classes: { id: number; name: string; ready: boolean }[] }>(api.request, '/api/v1/evaluation/cohorts');
    const campaigns = await apiGet<{ items: { class: { id: number } | null }[] }>(api.request, '/api/v1/evaluation/campaigns');
    const open = options.classes.filter((c) => c.ready && !campaigns.items.some((k) => k.class?.id === c.id));
    // one whose graduates include some of the commune's (the unit account's) people
    const unitApi = await b.newContext();
    await apiLogin(unitApi.request, 'unit');
    let target: { id: number; name: string } | undefined;
    for (const c of open) {
      const r = await apiGet<{ classes: { comparison: { graduates: { people: number } } }[] }>(unitApi.request, `/api/v1/evaluation/results?classId=${c.id}`);
      if ((r.classes[0]?.comparison.graduates.people ?? 0) > 0) {
        target = c;
        break;
      }
    }
    expect(target, 'the demo has an earlier class, without a campaign, with graduates of the commune').toBeDefined();

    // ---------- the school sees the class's results ----------
    const { page } = b;
    await login(page, 'truong');
    await page.goto('/evaluation/results');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Hiệu quả sau đào tạo' }).count(), { timeout: 30_000 }).toBe(1);
    await page.getByLabel('Chọn lớp').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: target!.name }).first().click();
    const table = page.getByRole('table', { name: 'Bảng so sánh học viên với nhóm đối chứng' });
    await table.waitFor({ timeout: 60_000 });
    const before = await table.locator('tr').filter({ hasText: 'HTTNV trở lên trước khóa học' }).locator('td').allInnerTexts();
    const after = await table.locator('tr').filter({ hasText: 'HTTNV trở lên sau khóa học' }).locator('td').allInnerTexts();
    // count, graduates' share, matched graduates' share, comparison group's share: all figures
    expect(before[2]).toMatch(/^\d+(,\d)?%$/);
    expect(after[2]).toMatch(/^\d+(,\d)?%$/);
    expect(after[4]).toMatch(/^\d+(,\d)?%$/);
    await page.getByRole('img', { name: 'Biểu đồ so sánh học viên với nhóm đối chứng' }).waitFor();
    await expect.poll(() => page.getByText(/^Ghép được \d+\/\d+ học viên với \d+ người đối chứng\.$/).count(), { timeout: 30_000 }).toBe(1);

    // ---------- the school opens the campaign ----------
    await page.getByRole('button', { name: 'Mở đợt đánh giá' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Mở đợt đánh giá' }).click();
    await page.waitForURL((u) => /^\/evaluation\/results\/campaigns\/\d+$/.test(u.pathname));
    const campaignUrl = new URL(page.url()).pathname;
    await expect.poll(() => page.getByText('Đang lấy ý kiến').count(), { timeout: 30_000 }).toBeGreaterThan(0);

    // ---------- the commune's officer gives the assessment it owes ----------
    const unit = await b.newContext();
    const unitPage = await unit.newPage();
    await login(unitPage, 'unit');
    await unitPage.goto('/evaluation/results/campaigns');
    const owedRow = unitPage.locator('tr').filter({ hasText: target!.name }).first();
    await owedRow.waitFor();
    const person = (await owedRow.locator('strong').first().innerText()).trim();
    await owedRow.getByRole('link', { name: person }).click();
    await unitPage.getByRole('button', { name: `Ý kiến về học viên ${person}` }).click();
    const form = unitPage.getByRole('dialog');
    await form.getByText('Vận dụng tốt kiến thức đã học', { exact: true }).click();
    await form.getByText('Hiệu quả công việc tiến bộ rõ', { exact: true }).click();
    await form.getByLabel('Nhận xét').fill('Tham mưu tốt các văn bản của Đảng ủy.');
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => unitPage.getByText('Tham mưu tốt các văn bản của Đảng ủy.').count(), { timeout: 30_000 }).toBe(1);

    // ---------- the school closes it and downloads the report ----------
    await page.goto(campaignUrl);
    await settle(page);
    await expect.poll(() => page.getByText('Tham mưu tốt các văn bản của Đảng ủy.').count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: 'Kết thúc đợt đánh giá' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Kết thúc đợt đánh giá' }).click();
    await expect.poll(() => page.getByText('Đã kết thúc', { exact: true }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Báo cáo Excel' }).click();
    const download = page.waitForEvent('download', { timeout: 90_000 });
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^danh-gia-sau-dao-tao-lop-\d+.*\.xlsx$/);
  });
});
