/**
 * Training outside the province's classes as its users see it: the commune officer proposes one of
 * their people for a course at the national academy (end before start refused at its field, in
 * Vietnamese), sees the eligibility answer and sends it; the provincial board approves and records
 * the sending decision; the officer records the graduation, and the person's profile shows the
 * record among their training and the qualification written into the registry.
 */
import { describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { apiLogin, clickMenuItem, login, randomDigits, randomWord, settled, useBrowser } from './support.js';

const b = useBrowser();
const ACADEMY = 'Học viện Chính trị quốc gia Hồ Chí Minh';

function dayFromToday(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const vi = (iso: string) => iso.split('-').reverse().join('/');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function chooseOption(page: Page, input: Locator, typed: string, option: string | RegExp): Promise<void> {
  await input.click();
  if (typed) await input.fill(typed);
  const text = typeof option === 'string' ? new RegExp(`^${escapeRe(option)}$`) : option;
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await item.waitFor();
  await item.click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

async function typeDate(input: Locator, ddmmyyyy: string): Promise<void> {
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

const isPath = (url: string, re: RegExp) => re.test(new URL(url).pathname);

describe('training outside the province', () => {
  test('propose (end before start refused), approve, record the decision and the graduation; the profile shows it', async () => {
    const start = dayFromToday(-40);
    const end = dayFromToday(-2);
    // a civil servant of the officer's commune without political theory: eligible for sơ cấp LLCT
    const unitCtx = await b.newContext();
    const officer = await apiLogin(unitCtx.request, 'unit');
    const name = `Lục Văn ${randomWord(7)}`;
    const made = await unitCtx.request.post('/api/v1/people', {
      data: {
        fullName: name,
        citizenId: randomDigits(12),
        birthDate: '1990-05-17',
        gender: 'male',
        ethnicityCode: '01',
        category: 'cong_chuc',
        unitId: officer.unit.id,
      },
      headers: { 'x-csrf-token': officer.csrfToken },
    });
    expect(made.status()).toBe(201);
    const personId = ((await made.json()) as { id: number }).id;

    // ---------- the officer proposes ----------
    const { page } = b;
    await login(page, 'unit');
    await clickMenuItem(page, 'Đi học ngoài tỉnh');
    await page.waitForURL((u) => u.pathname === '/outside-trainings');
    await page.getByRole('button', { name: 'Đề nghị cử đi học' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: 'Đề nghị cử đi học ngoài tỉnh' });
    await drawer.waitFor();
    await settled(page);
    await chooseOption(
      page,
      drawer.getByLabel('Chọn người trong đơn vị của bạn'),
      name.split(' ').slice(-1)[0]!,
      new RegExp(`^${escapeRe(name)} · `),
    );
    await chooseOption(page, drawer.getByLabel('Chương trình'), 'so cap', 'Sơ cấp lý luận chính trị');
    await chooseOption(page, drawer.getByLabel('Hình thức học'), '', 'Tập trung');
    await drawer.getByLabel('Cơ sở đào tạo').fill(ACADEMY);
    await typeDate(drawer.getByLabel('Ngày bắt đầu'), vi(start));
    await typeDate(drawer.getByLabel('Ngày kết thúc'), vi(dayFromToday(-50)));
    await drawer.getByLabel('Kinh phí (đồng)').fill('15000000');
    await drawer.getByText('Đủ điều kiện', { exact: true }).first().waitFor();
    let sent = page.waitForResponse((r) => isPath(r.url(), /^\/api\/v1\/outside-trainings$/) && r.request().method() === 'POST');
    await drawer.getByRole('button', { name: /^(loading )?Đề nghị cử đi học$/ }).click();
    expect((await sent).status()).toBe(400);
    const endItem = drawer.locator('.ant-form-item').filter({ has: page.getByText('Ngày kết thúc', { exact: true }) });
    await endItem
      .locator('.ant-form-item-explain-error')
      .getByText(/^Ngày kết thúc khóa học \(.+\) trước ngày bắt đầu/)
      .waitFor();

    await typeDate(drawer.getByLabel('Ngày kết thúc'), vi(end));
    sent = page.waitForResponse((r) => isPath(r.url(), /^\/api\/v1\/outside-trainings$/) && r.request().method() === 'POST');
    await drawer.getByRole('button', { name: /^(loading )?Đề nghị cử đi học$/ }).click();
    const res = await sent;
    expect(res.status()).toBe(201);
    const id = ((await res.json()) as { id: number }).id;
    await page.waitForURL((u) => u.pathname === `/outside-trainings/${id}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByText('Chờ duyệt', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /^(check )?Duyệt$/ }).count()).toBe(0);

    // ---------- the board approves and records the sending decision ----------
    const boardCtx = await b.newContext();
    const boardPage = await boardCtx.newPage();
    await login(boardPage, 'admin');
    await boardPage.goto(`/outside-trainings/${id}`);
    await boardPage.getByRole('heading', { level: 1, name }).waitFor();
    await boardPage.getByRole('button', { name: /^(check )?Duyệt$/ }).click();
    await boardPage.locator('.ant-popconfirm').getByRole('button', { name: 'Duyệt', exact: true }).click();
    await boardPage.getByText('Chờ quyết định cử', { exact: true }).waitFor();
    await boardPage.getByRole('button', { name: 'Ghi quyết định cử đi học' }).click();
    const decision = boardPage.getByRole('dialog').filter({ hasText: 'Ghi quyết định cử đi học' });
    await decision.waitFor();
    await decision.getByLabel('Số quyết định').fill('245-QĐ/TU');
    await typeDate(decision.getByLabel('Ngày ký'), vi(dayFromToday(-45)));
    await decision.getByLabel('Người ký').fill('Phó Trưởng Ban Tổ chức Tỉnh ủy');
    await decision.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await boardPage.getByText('Đang đi học', { exact: true }).waitFor();
    await boardPage.getByText(`Số 245-QĐ/TU, ngày ${vi(dayFromToday(-45))}, Phó Trưởng Ban Tổ chức Tỉnh ủy`).waitFor();

    // ---------- the officer records the graduation ----------
    await page.reload();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('button', { name: 'Ghi kết quả học tập' }).click();
    const result = page.getByRole('dialog').filter({ hasText: 'Ghi kết quả học tập' });
    await result.waitFor();
    await settled(page);
    await chooseOption(page, result.getByLabel('Xếp loại'), '', 'Giỏi');
    await typeDate(result.getByLabel('Ngày có kết quả'), vi(dayFromToday(-1)));
    await result.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã ghi trình độ vào hồ sơ cán bộ.').waitFor();
    await page.getByText(`Tốt nghiệp, hoàn thành · Giỏi · ${vi(dayFromToday(-1))}`).waitFor();

    // ---------- the profile ----------
    await page.goto(`/people/${personId}?tab=outside`);
    await page.getByRole('table').getByText(ACADEMY).waitFor();
    await page.getByRole('tab', { name: /^Trình độ/ }).click();
    await page.getByText(ACADEMY).first().waitFor();
  });
});
