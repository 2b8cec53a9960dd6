/**
 * Evaluation campaigns for a programme and a period (branch lecturer-views, decision 0066): the board
 * opens "Đợt đánh giá sau đào tạo" (`/evaluation/results/campaigns`, by its address), opens a campaign
 * for the trung cấp programme over the period in which the demo's earlier classes ended, lands on it
 * (its classes listed, each graduate pre-filled); the same programme and period again is refused with
 * the overlapping campaign's period.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { CampaignDetail, CohortOptions } from '@nang-tam/contracts';
import { apiGet, login, settled, UI_TIMEOUT, useBrowser } from './support.js';

const b = useBrowser();
const vi = (iso: string) => iso.split('-').reverse().join('/');

async function openForm(page: Page, programme: string, from: string, to: string): Promise<import('playwright-core').Locator> {
  await page.getByRole('button', { name: 'Mở đợt đánh giá: một chương trình, một khoảng thời gian' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: UI_TIMEOUT });
  await dialog.getByLabel('Chọn chương trình').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: programme }).first().click();
  const inputs = dialog.locator('.ant-picker-range input');
  await inputs.nth(0).click();
  await inputs.nth(0).fill(vi(from));
  await inputs.nth(0).press('Enter');
  await inputs.nth(1).fill(vi(to));
  await inputs.nth(1).press('Enter');
  await dialog.getByRole('button', { name: 'Mở đợt đánh giá' }).click();
  return dialog;
}

describe('evaluation campaigns for a programme and a period', () => {
  test('the board opens one over the period of the earlier classes; the same again is refused', { timeout: 180_000 }, async () => {
    const { page, context } = b;
    await login(page, 'admin');
    // the trung cấp classes due for evaluation, and the period in which they ended
    const options = await apiGet<CohortOptions>(context.request, '/api/v1/evaluation/cohorts');
    const due = options.classes.filter((c) => c.ready && c.programmeCode === 'TC_LLCT');
    expect(due.length, 'the demo has trung cấp classes ended two years ago or more').toBeGreaterThan(0);
    const from = due.map((c) => c.endDate).sort()[0]!;
    const to = due.map((c) => c.endDate).sort().at(-1)!;
    const programme = options.programmes.find((p) => p.code === 'TC_LLCT')!.name;

    await page.goto('/evaluation/results/campaigns');
    await page.getByRole('heading', { level: 1, name: 'Đợt đánh giá sau đào tạo' }).waitFor({ timeout: UI_TIMEOUT });
    await settled(page);
    await openForm(page, programme, from, to);
    await page.waitForURL((u) => /^\/evaluation\/results\/campaigns\/\d+$/.test(u.pathname), { timeout: 60_000 });
    const id = Number(new URL(page.url()).pathname.split('/').at(-1));
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: UI_TIMEOUT })
      .toContain(`các lớp kết thúc từ ${vi(from)} đến ${vi(to)}`);
    const c = await apiGet<CampaignDetail>(context.request, `/api/v1/evaluation/campaigns/${id}`);
    expect(c).toMatchObject({ scope: 'programme', class: null, period: { from, to }, classCount: due.length, status: 'open' });
    expect(c.classes.map((k) => k.id).sort()).toEqual(due.map((k) => k.id).sort());
    expect(c.graduates).toBeGreaterThan(0);
    const listed = await page.getByTestId('campaign-classes').innerText();
    for (const k of due) expect(listed).toContain(k.name);
    // every graduate's row, each naming their class
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);

    // the same programme and an overlapping period: refused, the form says why, nothing opened
    await page.goto('/evaluation/results/campaigns');
    await page.getByRole('heading', { level: 1, name: 'Đợt đánh giá sau đào tạo' }).waitFor({ timeout: UI_TIMEOUT });
    await settled(page);
    const dialog = await openForm(page, programme, from, to);
    await expect
      .poll(() => dialog.getByText(`Chương trình đã có đợt đánh giá đang mở cho các lớp kết thúc từ ${vi(from)} đến ${vi(to)}`).count(), { timeout: UI_TIMEOUT })
      .toBeGreaterThan(0);
    const list = await apiGet<{ items: { id: number; scope: string; period: { from: string } | null }[] }>(context.request, '/api/v1/evaluation/campaigns');
    expect(list.items.filter((x) => x.scope === 'programme' && x.period?.from === from).map((x) => x.id)).toEqual([id]);
  });
});
