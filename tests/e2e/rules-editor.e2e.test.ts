/**
 * Administrators correct rules and standards through forms, never JSON: a rule's parameters shown
 * and edited in Vietnamese (a server refusal placed at the field it names, then a version saved
 * and read back from the API); a title standard's new version, a correction of it, and an
 * overlapping period refused at the date; the fields of study of a job position edited as tags;
 * the candidate list asking for the field to study only for the programmes whose rules use it.
 *
 * Every change starts on 01/01/2099, so no answer of today (the other tests') changes.
 */
import { describe, expect, test } from 'vitest';
import type { APIRequestContext, Locator, Page } from 'playwright-core';
import { apiGet, apiLogin, clickMenuItem, login, settled, useBrowser } from './support.js';

const b = useBrowser();

const CC_LLCT = 'Cao cấp lý luận chính trị';
/** Raw codes that must never reach the screen. */
const RAW_CODES = /\b(part_time|full_time|online|female|male|political_theory|education|trung_cap|cao_cap|dai_hoc|good|member|official|study_field|cong_chuc)\b/;

async function adminApi(): Promise<APIRequestContext> {
  const ctx = await b.newContext();
  await apiLogin(ctx.request, 'sysadmin');
  return ctx.request;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Picks an option of an antd Select (with search) by typing and clicking the option. */
async function chooseOption(page: Page, input: Locator, typed: string | null, option: string): Promise<void> {
  await input.click();
  if (typed !== null) await input.fill(typed);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.waitFor();
  await dropdown
    .locator('.ant-select-item-option')
    .filter({ hasText: new RegExp(`^${escapeRe(option)}$`) })
    .first()
    .click();
  // the list closes (with an animation) before anything else is picked
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** Types a date (dd/mm/yyyy) into an antd DatePicker and confirms it. */
async function typeDate(input: Locator, ddmmyyyy: string): Promise<void> {
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

/** The error shown under the form item labelled `label` (exact). */
function fieldError(dialog: Locator, page: Page, label: string): Locator {
  return dialog
    .locator('.ant-form-item')
    .filter({ has: page.locator('label').getByText(label, { exact: true }) })
    .locator('.ant-form-item-explain-error');
}

function isVersionPost(url: string, kind: 'rules' | 'standards'): boolean {
  return new RegExp(`^/api/v1/${kind}/[^/]+/versions$`).test(new URL(url).pathname);
}

interface RuleVersion {
  version: number;
  params: Record<string, unknown>;
  period: { from: string; to: string | null };
}

describe('rules editor', () => {
  test('a rule’s parameters are a form in Vietnamese: a refusal at its field, then a new version read back', async () => {
    const admin = await adminApi();
    const { page } = b;
    await login(page, 'sysadmin');
    // the entry may sit in the menu's overflow once the catalogue (issue 9) joined the bar
    await clickMenuItem(page, 'Điều kiện, tiêu chuẩn');
    await page.waitForURL((u) => u.pathname === '/rules');
    await page.getByRole('tab', { name: 'Điều kiện cử đi học', selected: true }).waitFor();
    await chooseOption(page, page.locator('#rules-programme'), 'cao cap ly', CC_LLCT);

    // the part-time age rule of 350-QĐ/TW: its parameters in words, no codes
    const description = 'Học hệ không tập trung: nữ từ 35 tuổi, nam từ 38 tuổi trở lên.';
    const item = page.locator('li.nt-versioned').filter({ hasText: description }).filter({ hasText: 'Căn cứ: 350-QĐ/TW' });
    await item.waitFor();
    const toggle = item.locator('button[aria-expanded]');
    await toggle.click();
    const history = item.getByRole('table', { name: `Lịch sử phiên bản: ${description}` });
    await history.waitFor();
    const v1Text = (await history.locator('tbody tr.ant-table-row').first().innerText()).normalize('NFC');
    expect(v1Text).toContain('Nữ từ 35 tuổi, nam từ 38 tuổi trở lên');
    expect(v1Text).toContain('Chỉ áp dụng cho hình thức: Vừa làm vừa học');
    expect(v1Text).not.toMatch(RAW_CODES);
    expect(v1Text).not.toContain('{');

    // the form shows the same parameters: per gender, women 35, men 38, part-time only
    await item.getByRole('button', { name: `Thêm phiên bản cho điều kiện: ${description}`, exact: true }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'Thêm phiên bản: Độ tuổi (350-QĐ/TW)' });
    await dialog.waitFor();
    await settled(page);
    expect(await dialog.locator('textarea, input').evaluateAll((els) => els.some((e) => (e as HTMLInputElement).value.trim().startsWith('{')))).toBe(false);
    const minGroup = dialog.getByRole('radiogroup', { name: 'Tuổi tối thiểu' });
    expect(await minGroup.getByRole('radio', { name: 'Riêng nam, nữ' }).isChecked()).toBe(true);
    const women = dialog.getByLabel('Tuổi tối thiểu — Nữ', { exact: true });
    const men = dialog.getByLabel('Tuổi tối thiểu — Nam', { exact: true });
    expect(await women.inputValue()).toBe('35');
    expect(await men.inputValue()).toBe('38');
    expect(await dialog.getByRole('radiogroup', { name: 'Tuổi tối đa' }).getByRole('radio', { name: 'Không giới hạn' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'Vừa làm vừa học' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'Tập trung' }).isChecked()).toBe(false);

    // women 36, men 39 from 01/01/2099; a maximum of 30 as well: the server refuses, at "Tuổi tối thiểu"
    await women.fill('36');
    await men.fill('39');
    await dialog.getByRole('radiogroup', { name: 'Tuổi tối đa' }).getByText('Chung cho nam và nữ').click();
    await dialog.getByLabel('Tuổi tối đa — Nam và nữ', { exact: true }).fill('30');
    await typeDate(dialog.getByLabel('Hiệu lực từ ngày'), '01/01/2099');
    await dialog.getByLabel('Ghi chú').fill('Kiểm thử biểu mẫu tham số');
    let saved = page.waitForResponse((r) => isVersionPost(r.url(), 'rules'));
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    expect((await saved).status()).toBe(400);
    await fieldError(dialog, page, 'Tuổi tối thiểu').getByText('Tuổi tối thiểu lớn hơn tuổi tối đa.').waitFor();

    // no maximum: saved
    await dialog.getByRole('radiogroup', { name: 'Tuổi tối đa' }).getByText('Không giới hạn').click();
    saved = page.waitForResponse((r) => isVersionPost(r.url(), 'rules'));
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    expect((await saved).status()).toBe(201);
    await dialog.waitFor({ state: 'hidden' });
    await item.getByText('Có phiên bản mới từ 01/01/2099').waitFor();

    // the API holds exactly the parameters entered
    const rule = await apiGet<{ versions: RuleVersion[] }>(admin, '/api/v1/rules/CC_LLCT_350.age_part_time');
    expect(rule.versions.map((v) => [v.version, v.period.to])).toEqual([
      [1, '2098-12-31'],
      [2, null],
    ]);
    expect(rule.versions[1]!.params).toEqual({ min: { male: 39, female: 36 }, modes: ['part_time'] });

    // the history reads them back in Vietnamese
    const rows = history.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    const v2Text = (await rows.nth(1).innerText()).normalize('NFC');
    expect(v2Text).toContain('01/01/2099 – nay');
    expect(v2Text).toContain('Nữ từ 36 tuổi, nam từ 39 tuổi trở lên');
    expect(v2Text).toContain('Chỉ áp dụng cho hình thức: Vừa làm vừa học');
    expect(v2Text).toContain('Kiểm thử biểu mẫu tham số');
    expect(v2Text).toContain('Người thêm: sysadmin');
    expect(v2Text).not.toMatch(RAW_CODES);
    expect((await rows.nth(0).innerText()).normalize('NFC')).toContain('29/08/2025 – 31/12/2098');
  });

  test('a title standard: a new version through the form, an overlap refused at its date, then a correction', async () => {
    const admin = await adminApi();
    const { page } = b;
    await login(page, 'sysadmin');
    await page.goto('/rules');
    await page.getByRole('tab', { name: 'Tiêu chuẩn chức danh, vị trí việc làm' }).click();
    await page.getByLabel('Tìm chức danh, vị trí việc làm').fill('bi thu dang uy xa');

    // Bí thư Đảng ủy xã, phường: trung cấp LLCT or higher, from 214-QĐ/TW
    const target = 'Bí thư Đảng ủy xã, phường';
    const list = page.getByRole('list', { name: `Tiêu chuẩn của ${target}`, exact: true });
    const item = list.locator('li.nt-versioned').filter({ hasText: 'Lý luận chính trị' });
    await item.getByText('Từ Trung cấp trở lên', { exact: true }).waitFor();
    const since = (await item.getByText(/Căn cứ: 214-QĐ\/TW · \d{2}\/\d{2}\/\d{4} – nay/).textContent())!.match(/(\d{2}\/\d{2}\/\d{4})/)![1]!;

    await item.getByRole('button', { name: `Thêm phiên bản cho tiêu chuẩn: ${target} — Lý luận chính trị`, exact: true }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: `Thêm phiên bản: ${target} — Lý luận chính trị` });
    await dialog.waitFor();
    await settled(page);
    expect(await dialog.getByLabel('Số hiệu văn bản').inputValue()).toBe('214-QĐ/TW');

    // cao cấp, with trung cấp accepted from ethnic-minority cadres
    await chooseOption(page, dialog.getByLabel('Trình độ tối thiểu'), null, 'Cao cấp');
    await chooseOption(page, dialog.getByLabel('Cán bộ người dân tộc thiểu số được chấp nhận từ'), null, 'Trung cấp');
    await dialog.getByLabel('Mô tả').fill('Cao cấp lý luận chính trị (kiểm thử).');

    // from the day version 1 starts: refused at the date
    const from = dialog.getByLabel('Hiệu lực từ ngày');
    await typeDate(from, since);
    let saved = page.waitForResponse((r) => isVersionPost(r.url(), 'standards'));
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    expect((await saved).status()).toBe(409);
    await fieldError(dialog, page, 'Hiệu lực từ ngày').getByText('Thời gian hiệu lực trùng với phiên bản 1.').waitFor();

    // from 01/01/2099: saved, version 1 closed the day before
    await typeDate(from, '01/01/2099');
    saved = page.waitForResponse((r) => isVersionPost(r.url(), 'standards'));
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    expect((await saved).status()).toBe(201);
    await dialog.waitFor({ state: 'hidden' });
    await item.getByText('Có phiên bản mới từ 01/01/2099').waitFor();
    await item.getByText('· 2 phiên bản').waitFor();

    await item.locator('button[aria-expanded]').click();
    const rows = item.getByRole('table', { name: `Lịch sử phiên bản: ${target} — Lý luận chính trị` }).locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect((await rows.nth(0).innerText()).normalize('NFC')).toContain(`${since} – 31/12/2098`);
    let v2 = (await rows.nth(1).innerText()).normalize('NFC');
    expect(v2).toContain('01/01/2099 – nay');
    expect(v2).toContain('Lý luận chính trị: từ Cao cấp trở lên');
    expect(v2).toContain('Cán bộ người dân tộc thiểu số: từ Trung cấp trở lên');
    expect(v2).not.toMatch(RAW_CODES);

    // a correction of version 2: same period (filled in, not editable), no exception for minorities
    await item.getByRole('button', { name: `Thêm phiên bản cho tiêu chuẩn: ${target} — Lý luận chính trị`, exact: true }).click();
    await dialog.waitFor();
    await settled(page);
    await dialog.getByText('Đính chính một phiên bản đã nhập').click();
    await chooseOption(page, dialog.getByLabel('Đính chính phiên bản'), null, 'Phiên bản 2 · 01/01/2099 – nay · 214-QĐ/TW');
    expect(await from.inputValue()).toBe('01/01/2099');
    expect(await from.isDisabled()).toBe(true);
    expect(await dialog.getByLabel('Mô tả').inputValue()).toBe('Cao cấp lý luận chính trị (kiểm thử).');
    await chooseOption(page, dialog.getByLabel('Cán bộ người dân tộc thiểu số được chấp nhận từ'), null, 'Không có ngoại lệ');
    saved = page.waitForResponse((r) => isVersionPost(r.url(), 'standards'));
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    expect((await saved).status()).toBe(201);
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(() => rows.count()).toBe(3);
    v2 = (await rows.nth(1).innerText()).normalize('NFC');
    expect(v2).toContain('Đã đính chính (bởi phiên bản 3)');
    const v3 = (await rows.nth(2).innerText()).normalize('NFC');
    expect(v3).toContain('Đính chính phiên bản 2');
    expect(v3).toContain('01/01/2099 – nay');
    expect(v3).toContain('Lý luận chính trị: từ Cao cấp trở lên');
    expect(v3).not.toContain('dân tộc thiểu số');

    const standards = await apiGet<{ items: { id: string; versions: { version: number; requirement: { minLevel: string; alternatives: unknown[] }; supersededBy: number | null }[] }[] }>(
      admin,
      '/api/v1/standards?titleCode=BT_X',
    );
    const std = standards.items.find((s) => s.id === 'STD.BT_X.political_theory')!;
    expect(std.versions.map((v) => [v.version, v.requirement.minLevel, v.requirement.alternatives.length, v.supersededBy])).toEqual([
      [1, 'trung_cap', 0, null],
      [2, 'cao_cap', 1, 3],
      [3, 'cao_cap', 0, null],
    ]);
  });

  test('the fields of study of a job position are tags, saved row by row', async () => {
    const admin = await adminApi();
    const { page } = b;
    await login(page, 'sysadmin');
    await page.goto('/rules?tab=fields');
    const table = page.getByRole('table', { name: 'Ngành phù hợp theo vị trí việc làm' });
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: 'Kế toán' }).first();
    const input = row.getByLabel('Ngành, lĩnh vực phù hợp của vị trí Kế toán');
    await input.click();
    await input.fill('kinh tế đầu tư');
    await input.press('Enter');
    const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/job-positions/KT/fields' && r.request().method() === 'PUT');
    await row.getByRole('button', { name: 'Lưu', exact: true }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Đã lưu các ngành phù hợp của vị trí Kế toán.').waitFor();
    const jobs = await apiGet<{ items: { code: string; fields: string[] }[] }>(admin, '/api/v1/job-positions');
    expect(jobs.items.find((j) => j.code === 'KT')!.fields).toEqual(['kế toán', 'kiểm toán', 'tài chính', 'kinh tế đầu tư']);
  });

  test('the candidate list asks for the field to study only when the programme’s rules match it', async () => {
    const { page } = b;
    await login(page, 'admin');
    await page.goto('/candidates?programme=TC_LLCT');
    await page.getByText('Trung cấp lý luận chính trị · Tập trung', { exact: false }).first().waitFor();
    expect(await page.locator('#cand-study-field').count()).toBe(0);

    await page.goto('/candidates?programme=SDH_THS');
    const field = page.getByLabel('Chuyên ngành đăng ký');
    await field.waitFor();
    const listed = page.waitForResponse((r) => {
      const u = new URL(r.url());
      return u.pathname === '/api/v1/candidates' && u.searchParams.get('studyField') === 'quản lý công';
    });
    await field.fill('quản lý công');
    expect((await listed).status()).toBe(200);
    await page.getByText('Chuyên ngành: quản lý công', { exact: false }).waitFor();
  });
});
