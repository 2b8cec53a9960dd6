/**
 * The statistics' "young" age limit (decision 0057): the board opens "Ngưỡng cán bộ trẻ"
 * (`/statistics/young-setting`, by its address), sees the limit in force, adds a version from a date
 * with its source, sees it in the history; the same date again is refused under the date field; the
 * school reads the page without the form.
 */
import { describe, expect, test } from 'vitest';
import type { YoungSettings } from '@nang-tam/contracts';
import { apiGet, login, randomDigits, settled, UI_TIMEOUT, useBrowser } from './support.js';

const b = useBrowser();

async function addVersion(page: import('playwright-core').Page, underAge: string, viDate: string, source: string): Promise<void> {
  await page.getByLabel('Dưới bao nhiêu tuổi').fill(underAge);
  const date = page.getByLabel('Áp dụng từ ngày');
  await date.click();
  await date.fill(viDate);
  await date.press('Enter');
  await page.getByLabel('Văn bản căn cứ').fill(source);
  await page.getByRole('button', { name: 'Lưu ngưỡng mới' }).click();
}

describe('the young age limit', () => {
  test('the board adds a version from a date with its source; the same date is refused; the school reads only', async () => {
    const { page, context } = b;
    await login(page, 'admin');
    await page.goto('/statistics/young-setting');
    await page.getByRole('heading', { name: 'Ngưỡng tuổi cán bộ trẻ dùng trong thống kê' }).waitFor({ timeout: UI_TIMEOUT });
    await settled(page);
    const before = await apiGet<YoungSettings>(context.request, '/api/v1/statistics/settings/young');
    expect(before.canChange).toBe(true);
    await expect.poll(() => page.getByText(`Cán bộ trẻ: dưới ${before.current!.underAge} tuổi vào ngày khai giảng lớp`).count()).toBe(1);

    // a version far in the future (the run's database may already hold others)
    const year = 2090 + Number(randomDigits(1));
    const source = `Nghị quyết ${randomDigits(3)}/${year}/NQ-HĐND (thử nghiệm e2e)`;
    await addVersion(page, '36', `01/03/${year}`, source);
    await expect.poll(() => page.getByText('Đã lưu ngưỡng cán bộ trẻ mới.').count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    const row = page.getByRole('row').filter({ hasText: source });
    await expect.poll(() => row.count(), { timeout: UI_TIMEOUT }).toBe(1);
    expect(await row.innerText()).toContain(`01/03/${year}`);
    const after = await apiGet<YoungSettings>(context.request, '/api/v1/statistics/settings/young');
    expect(after.versions.filter((v) => v.source === source).map((v) => [v.underAge, v.validFrom])).toEqual([[36, `${year}-03-01`]]);
    // the version in force today is unchanged
    expect(after.current?.underAge).toBe(before.current?.underAge);

    // the same date again: refused, shown under the date field, nothing added
    await addVersion(page, '37', `01/03/${year}`, 'Trùng ngày (thử)');
    await expect.poll(() => page.getByText(`Đã có ngưỡng cán bộ trẻ áp dụng từ ngày 01/03/${year}`).count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    const again = await apiGet<YoungSettings>(context.request, '/api/v1/statistics/settings/young');
    expect(again.versions.length).toBe(after.versions.length);

    // the school reads the limit, without the form
    const school = await b.newContext();
    const schoolPage = await school.newPage();
    await login(schoolPage, 'truong');
    await schoolPage.goto('/statistics/young-setting');
    await schoolPage.getByRole('heading', { name: 'Ngưỡng tuổi cán bộ trẻ dùng trong thống kê' }).waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => schoolPage.getByRole('row').filter({ hasText: source }).count(), { timeout: UI_TIMEOUT }).toBe(1);
    expect(await schoolPage.getByRole('button', { name: 'Lưu ngưỡng mới' }).count()).toBe(0);
  });
});
