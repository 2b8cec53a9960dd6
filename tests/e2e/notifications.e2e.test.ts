/**
 * The notification centre (issue 14, point 8): an agency officer nominates someone into a new
 * class; the provincial board's bell then counts one more piece of work, its panel lists the class
 * with one nomination to approve, and the item opens the class's nominations, where the board's
 * "Duyệt" button waits. Approving it tells the officer, whose bell shows the decision.
 */
import { describe, expect, test } from 'vitest';
import type { APIRequestContext } from 'playwright-core';
import { apiGet, apiLogin, login, randomDigits, randomWord, useBrowser } from './support.js';

const b = useBrowser();

function dayFromToday(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function post(request: APIRequestContext, csrf: string, path: string, data: unknown) {
  return request.post(path, { data, headers: { 'x-csrf-token': csrf } });
}

describe('notification centre', () => {
  test('an agency nominates; the board sees the bell count, opens the item and lands on the approval page', async () => {
    // ---------- a class (the school) and a nomination (the commune officer), through the API ----------
    const cohort = `TB-${randomDigits(6)}`;
    const className = `Lớp sơ cấp lý luận chính trị ${cohort}`;
    const schoolCtx = await b.newContext();
    const registrar = await apiLogin(schoolCtx.request, 'truong');
    const cls = await post(schoolCtx.request, registrar.csrfToken, '/api/v1/classes', {
      programmeCode: 'SC_LLCT',
      cohortCode: cohort,
      name: className,
      mode: 'full_time',
      site: 'Trường Chính trị tỉnh',
      startDate: dayFromToday(30),
      endDate: dayFromToday(90),
      capacity: 10,
    });
    expect(cls.status()).toBe(201);
    const classId = ((await cls.json()) as { id: number }).id;

    const unitCtx = await b.newContext();
    const officer = await apiLogin(unitCtx.request, 'unit');
    const fullName = `Hoàng Thị ${randomWord(7)} Thông`;
    const person = await post(unitCtx.request, officer.csrfToken, '/api/v1/people', {
      fullName,
      citizenId: randomDigits(12),
      birthDate: '1990-05-17',
      gender: 'female',
      ethnicityCode: '01',
      category: 'cong_chuc',
      unitId: officer.unit.id,
    });
    expect(person.status()).toBe(201);
    const personId = ((await person.json()) as { id: number }).id;

    const boardApi = await b.newContext();
    await apiLogin(boardApi.request, 'admin');
    const before = await apiGet<{ total: number }>(boardApi.request, '/api/v1/me/notifications/summary');
    const nominated = await post(unitCtx.request, officer.csrfToken, `/api/v1/classes/${classId}/nominations`, { personId });
    expect(nominated.status()).toBe(201);

    // ---------- the board: the bell, its panel, the approval page ----------
    const { page } = b;
    await login(page, 'admin');
    const bell = page.getByRole('button', { name: `Thông báo: ${before.total + 1} việc cần anh/chị` });
    await bell.waitFor();
    await bell.click();
    const panel = page.getByRole('region', { name: 'Thông báo' });
    const item = panel.getByRole('button', { name: new RegExp(`Đề cử chờ anh/chị duyệt: ${className}`) });
    await item.waitFor();
    expect(await item.textContent()).toContain('1');
    await item.click();
    await page.waitForURL((u) => u.pathname === `/classes/${classId}` && u.searchParams.get('tab') === 'nominations');
    const row = page.getByRole('row').filter({ hasText: fullName });
    const approve = row.getByRole('button', { name: `Duyệt: ${fullName}`, exact: true });
    await approve.waitFor();

    // ---------- approving tells the officer ----------
    await approve.click();
    await page.locator('.ant-popconfirm:visible').getByText(`Duyệt cử ${fullName} đi học?`).waitFor();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Duyệt', exact: true }).click();
    await expect
      .poll(
        async () =>
          (await apiGet<{ latest: { title: string; body: string }[] }>(unitCtx.request, '/api/v1/me/notifications/summary')).latest[0]
            ?.body,
      )
      .toBe(`Đề cử ${fullName} đi học lớp “${className}” đã được duyệt.`);

    const officerPage = await unitCtx.newPage();
    await officerPage.goto('/notifications');
    await officerPage.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
    await officerPage.getByText(`Đề cử ${fullName} đi học lớp “${className}” đã được duyệt.`).waitFor();
    await officerPage.getByRole('button', { name: 'Đánh dấu tất cả là đã đọc' }).click();
    await officerPage.getByText('Chưa đọc (0)').waitFor();
  });
});
