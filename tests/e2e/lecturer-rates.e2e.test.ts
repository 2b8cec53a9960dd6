/**
 * Lecturers' rates changed in the app (issue 11 point 2, decision 0063): home affairs opens
 * Định mức thù lao giảng viên (menu Kinh phí), adds the first rate of a new category with its source, sees
 * it in force, and a second rate dated inside the first one's period is refused under the date field.
 */
import { describe, expect, test } from 'vitest';
import type { LecturerRateList } from '@nang-tam/contracts';
import { apiGet, login, randomDigits, settled, UI_TIMEOUT, useBrowser } from './support.js';

const b = useBrowser();

async function pickDate(dialog: import('playwright-core').Locator, label: string, viDate: string): Promise<void> {
  const field = dialog.getByLabel(label);
  await field.click();
  await field.fill(viDate);
  await field.press('Enter');
}

describe("lecturers' rates", () => {
  test('home affairs adds a rate of a new category; an overlapping one is refused under its date', async () => {
    const { page, context } = b;
    await login(page, 'noivu');
    // opened by its address: a menu click the group's closing popup swallows reports no error (the page
    // would simply not change), and the menu itself is covered by tables.e2e and accessibility.e2e
    await page.goto('/lecturer-rates');
    await page.getByRole('heading', { level: 1, name: 'Định mức thù lao giảng viên' }).waitFor({ timeout: UI_TIMEOUT });
    await settled(page);
    // the shipped rates of TT 36/2018/TT-BTC are listed with their source
    await expect.poll(() => page.getByText('1.200.000 đ/buổi').count()).toBeGreaterThan(0);

    const code = `e2e_${randomDigits(6)}`;
    await page.getByRole('button', { name: 'Thêm mức thù lao' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'Thêm mức thù lao giảng viên' });
    await dialog.waitFor();
    await dialog.getByLabel('Mã loại giảng viên').fill(code);
    await dialog.getByLabel('Đối tượng giảng viên, báo cáo viên').fill('Chuyên gia nước ngoài (thử)');
    await dialog.getByLabel('Mức thù lao (đồng)').fill('3250000');
    await pickDate(dialog, 'Áp dụng từ ngày', '01/01/2026');
    await dialog.getByLabel('Số hiệu văn bản').fill('15/2026/NQ-HĐND');
    await dialog.getByLabel('Trích yếu văn bản').fill('Nghị quyết quy định mức chi đào tạo, bồi dưỡng (thử)');
    await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });

    const row = page.getByRole('row').filter({ hasText: code });
    await expect.poll(() => row.textContent()).toContain('3.250.000 đ/buổi');
    expect(await row.textContent()).toContain('15/2026/NQ-HĐND');
    expect(await row.textContent()).toContain('Đang áp dụng');
    const list = await apiGet<LecturerRateList>(context.request, '/api/v1/lecturer-rates');
    expect(list.items.filter((i) => i.category === code).map((i) => [i.version, i.amount, i.effectiveFrom, i.effectiveTo])).toEqual([[1, 3_250_000, '2026-01-01', null]]);

    // a second rate for the same category starting before the first one: refused, shown under the date
    await page.getByRole('button', { name: 'Thêm mức thù lao' }).click();
    const again = page.getByRole('dialog').filter({ hasText: 'Thêm mức thù lao giảng viên' });
    await again.waitFor();
    await again.getByLabel('Mã loại giảng viên').fill(code);
    await again.getByLabel('Đối tượng giảng viên, báo cáo viên').fill('Chuyên gia nước ngoài (thử)');
    await again.getByLabel('Mức thù lao (đồng)').fill('3500000');
    await pickDate(again, 'Áp dụng từ ngày', '01/06/2025');
    await again.getByLabel('Số hiệu văn bản').fill('16/2026/NQ-HĐND');
    await again.getByLabel('Trích yếu văn bản').fill('Nghị quyết (thử)');
    await again.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => again.locator('.ant-form-item-explain-error').allTextContents()).toContainEqual(expect.stringContaining('trùng với phiên bản 1'));
    const after = await apiGet<LecturerRateList>(context.request, '/api/v1/lecturer-rates');
    expect(after.items.filter((i) => i.category === code)).toHaveLength(1);
  });
});
