/**
 * Evaluation after training (issue 11 point 4; decision 0051). On a phone (390×844, touch) the learner
 * answers their class's reaction survey: five 44 px buttons per question, no sideways scrolling, sent
 * once; the school then sees the class's results, which the fifth answer brought over the anonymity
 * threshold. A unit officer gives the 6-month feedback on a graduate of their commune.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, apiLogin, login, useBrowser } from './support.js';

const phone = useBrowser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(clientWidth);
}

interface MySurveys {
  items: { id: number; className: string; state: string; answered: boolean }[];
}

describe('evaluation after training', () => {
  test('a learner answers the survey on a phone and the school sees the class result', async () => {
    const { page } = phone;
    await login(page, 'hocvien');
    const mine = await apiGet<MySurveys>(page.request, '/api/v1/me/surveys');
    const survey = mine.items.find((s) => s.state === 'open' && !s.answered);
    expect(survey, 'the demo has an open survey for hocvien').toBeDefined();

    await page.goto('/surveys');
    await page.getByRole('heading', { level: 1, name: 'Phiếu khảo sát ý kiến học viên' }).waitFor();
    await page.getByRole('link', { name: survey!.className }).tap();
    await page.waitForURL((u) => u.pathname === `/surveys/${survey!.id}`);
    const questions = page.locator('fieldset');
    await questions.first().waitFor();
    const n = await questions.count();
    expect(n).toBeGreaterThanOrEqual(5);
    const send = page.getByRole('button', { name: 'Gửi phiếu' });
    expect(await send.isDisabled()).toBe(true);
    for (let i = 0; i < n; i++) {
      const option = questions.nth(i).locator('label.ant-radio-button-wrapper').nth(i % 2 === 0 ? 4 : 3);
      const box = await option.boundingBox();
      expect(box!.height, 'a 44 px button').toBeGreaterThanOrEqual(44);
      await option.tap();
    }
    await page.getByLabel('Ý kiến khác, đề xuất để lớp học sau tốt hơn (không bắt buộc)').fill('Lớp học bổ ích, đề nghị thêm buổi thực tế.');
    await noSidewaysScroll(page);
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/v1/me/surveys/${survey!.id}/answers`) && r.request().method() === 'POST');
    await send.tap();
    expect((await answered).status()).toBe(201);
    await page.getByText('Cảm ơn anh/chị đã gửi phiếu').waitFor();
    // answered once: the form is gone for good
    await page.goto(`/surveys/${survey!.id}`);
    await page.getByText('Anh/chị đã gửi phiếu khảo sát của lớp này. Cảm ơn anh/chị!').waitFor();
    expect(await page.getByRole('button', { name: 'Gửi phiếu' }).count()).toBe(0);

    // the school: the class's results are shown (five answers, the threshold)
    const school = await phone.newContext({ viewport: { width: 1440, height: 900 } });
    const desk = await school.newPage();
    await login(desk, 'truong');
    await desk.goto('/evaluation');
    await desk.getByRole('heading', { level: 1, name: 'Khảo sát, nhận xét sau đào tạo' }).waitFor();
    await desk.getByRole('link', { name: survey!.className }).click();
    await desk.getByTestId('fb-responses').waitFor();
    expect(await desk.getByTestId('fb-responses').textContent()).toMatch(/^5\/\d+$/);
    expect(await desk.getByTestId('fb-overall').textContent()).toMatch(/^[1-5],\d\d$/);
    await desk.getByText('Lớp học bổ ích, đề nghị thêm buổi thực tế.').waitFor();
    await desk.getByRole('heading', { name: 'Theo giảng viên' }).or(desk.getByText('Theo giảng viên')).first().waitFor();
  });

  test('a unit officer gives a 6-month feedback', async () => {
    const { page } = phone;
    await page.setViewportSize({ width: 1280, height: 900 });
    await login(page, 'unit');
    await page.goto('/feedback');
    await page.getByRole('heading', { level: 1, name: 'Nhận xét sau đào tạo' }).waitFor();
    const write = page.getByRole('button', { name: /^Nhận xét .+ sau 6 tháng$/ }).first();
    await write.waitFor();
    const name = ((await write.getAttribute('aria-label')) ?? '').replace(/^Nhận xét /, '').replace(/ sau 6 tháng$/, '');
    await write.click();
    const dialog = page.getByRole('dialog', { name: `Nhận xét sau 6 tháng: ${name}` });
    await dialog.waitFor();
    // check() verifies the radio took the choice (a click during the dialog's opening animation can be lost)
    await dialog.getByRole('radio', { name: 'Vận dụng tốt vào công việc' }).check();
    // the rating's radios are buttons (their input is hidden): click the label until the radio is checked
    const good = dialog.getByRole('radio', { name: '4 · Khá' });
    for (let i = 0; i < 3 && !(await good.isChecked()); i++) await dialog.getByText('4 · Khá').click();
    expect(await good.isChecked()).toBe(true);
    await dialog.getByLabel('Nhận xét (không bắt buộc)').fill('Vận dụng tốt kiến thức vào công tác tham mưu.');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/agency-feedback') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Gửi nhận xét' }).click();
    expect((await saved).status()).toBe(201);
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Đã gửi', { exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: name }).filter({ hasText: 'Sau 6 tháng' });
    await row.getByText('Vận dụng tốt vào công việc · 4/5').waitFor();
    // once: the API refuses a second one
    await apiLogin(page.request, 'unit');
    const list = await apiGet<{ items: { enrolmentId: number; person: { fullName: string }; milestone: number; actions: string[] }[] }>(page.request, '/api/v1/agency-feedback?status=submitted&limit=100');
    const done = list.items.find((i) => i.person.fullName === name && i.milestone === 6)!;
    expect(done.actions).toEqual([]);
  });
});
