/**
 * The programme catalogue (issue 9): the board finds programmes of every kind (search without
 * diacritics, filter by organiser), creates one through the form, changes it as a new version (a
 * start on the latest version's day refused at the date field, then a later one saved), and reads
 * the history back. Programmes made here start on 01/01/2099, so no answer of today changes.
 */
import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { apiGet, apiLogin, clickMenuItem, login, randomDigits, useBrowser } from './support.js';

const b = useBrowser();

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function chooseOption(page: Page, input: Locator, typed: string | null, option: string, multiple = false): Promise<void> {
  await input.click();
  if (typed !== null) await input.fill(typed);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.waitFor();
  await dropdown
    .locator('.ant-select-item-option')
    .filter({ hasText: new RegExp(`^${escapeRe(option)}$`) })
    .first()
    .click();
  if (multiple) await input.press('Escape'); // a multiple select stays open for more
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

async function typeDate(input: Locator, ddmmyyyy: string): Promise<void> {
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

function fieldError(dialog: Locator, page: Page, label: string): Locator {
  return dialog
    .locator('.ant-form-item')
    .filter({ has: page.locator('label').getByText(label, { exact: true }) })
    .locator('.ant-form-item-explain-error');
}

interface Detail {
  code: string;
  versions: {
    version: number;
    period: { from: string; to: string | null };
    duration: { value: number; unit: string } | null;
    reason: string;
  }[];
}

describe('programme catalogue', () => {
  test('search, filter, create a programme, change it as a version, read the history', async () => {
    const { page } = b;
    await login(page, 'admin');
    await clickMenuItem(page, 'Danh mục chương trình');
    await page.waitForURL((u) => u.pathname === '/catalogue');
    const table = page.getByRole('table', { name: 'Danh mục chương trình' });

    // every kind of training is there: a search without diacritics finds the new-member course
    await page.getByLabel('Tìm kiếm').fill('dang vien moi');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await table.getByRole('link', { name: 'Chương trình lý luận chính trị dành cho đảng viên mới' }).click();
    await page.waitForURL((u) => u.pathname === '/catalogue/DANG_VIEN_MOI');
    await page.getByText('Phải hoàn thành trong 12 tháng kể từ ngày kết nạp Đảng').waitFor();
    await page.getByRole('link', { name: 'Danh mục chương trình' }).first().click();
    await page.waitForURL((u) => u.pathname === '/catalogue');

    // programmes run outside the province: postgraduate study at the national academy
    await page.getByLabel('Tìm kiếm').fill('');
    await chooseOption(page, page.locator('#catalogue-organiser'), null, 'Cơ sở đào tạo ngoài tỉnh');
    await table.getByRole('link', { name: 'Đào tạo trình độ thạc sĩ' }).waitFor();
    await expect.poll(() => table.getByRole('link', { name: 'Trung cấp lý luận chính trị' }).count()).toBe(0);

    // create
    const code = `E2E_${randomDigits(6)}`;
    await page.getByRole('button', { name: 'Thêm chương trình' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm chương trình đào tạo, bồi dưỡng' });
    await dialog.getByLabel('Mã chương trình').fill(code);
    await dialog.getByLabel('Tên chương trình').fill('Tập huấn kỹ năng số cho công chức cấp xã');
    await chooseOption(page, dialog.getByLabel('Loại chương trình'), 'chuyen doi so', 'Chuyển đổi số, trí tuệ nhân tạo');
    await dialog.getByLabel('Thời gian', { exact: true }).fill('-2');
    await chooseOption(page, dialog.getByLabel('Đối tượng học'), 'cong chuc cap xa', 'Cán bộ, công chức cấp xã', true);
    await typeDate(dialog.getByLabel('Có hiệu lực từ ngày'), '01/01/2099');
    await dialog.getByLabel('Lý do thay đổi').fill('Kế hoạch chuyển đổi số của tỉnh');
    await dialog.getByLabel('Số hiệu văn bản').fill('146/QĐ-TTg');
    await dialog.getByLabel('Cơ quan ban hành').fill('Thủ tướng Chính phủ');
    await typeDate(dialog.getByLabel('Ngày ban hành'), '28/01/2022');
    await dialog.getByLabel('Trích yếu văn bản').fill('Đề án nâng cao nhận thức, phổ cập kỹ năng chuyển đổi số quốc gia');
    await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
    // a negative duration is refused at its field, in Vietnamese; nothing is created
    await expect.poll(() => fieldError(dialog, page, 'Thời gian').textContent()).toBe('Thời gian khóa học phải lớn hơn 0.');
    await dialog.getByLabel('Thời gian', { exact: true }).fill('3');
    await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.waitForURL((u) => u.pathname === `/catalogue/${code}`);
    await page.getByRole('heading', { name: 'Tập huấn kỹ năng số cho công chức cấp xã' }).waitFor();

    // change = a new version: on the first version's day it overlaps, refused at the date
    await page.getByRole('button', { name: 'Sửa (thêm phiên bản)' }).click();
    const edit = page.getByRole('dialog', { name: /^Sửa chương trình/ });
    await edit.getByLabel('Thời gian', { exact: true }).fill('5');
    await typeDate(edit.getByLabel('Có hiệu lực từ ngày'), '01/01/2099');
    await edit.getByLabel('Lý do thay đổi').fill('Tăng thời lượng theo kế hoạch năm 2099');
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect
      .poll(() => fieldError(edit, page, 'Có hiệu lực từ ngày').textContent())
      .toBe('Ngày có hiệu lực phải sau ngày bắt đầu của phiên bản cuối cùng.');
    await typeDate(edit.getByLabel('Có hiệu lực từ ngày'), '01/07/2099');
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('table', { name: 'Lịch sử phiên bản (2)' }).waitFor();
    await page.getByText('Tăng thời lượng theo kế hoạch năm 2099').waitFor();

    const ctx = await b.newContext();
    await apiLogin(ctx.request, 'admin');
    const d = await apiGet<Detail>(ctx.request, `/api/v1/catalogue/programmes/${code}`);
    expect(d.versions.map((v) => [v.version, v.period, v.duration])).toEqual([
      [1, { from: '2099-01-01', to: '2099-06-30' }, { value: 3, unit: 'day' }],
      [2, { from: '2099-07-01', to: null }, { value: 5, unit: 'day' }],
    ]);
  });
});
