/**
 * Service commitment and reimbursement as its users see it (issue 11 point 3): a civil servant sent
 * on a 24-month master's costing 120,000,000 đ (sending decision before 1/7/2025: NĐ 101/2017, twice
 * the training time = 48 months from the day after the course) leaves after 30 months of service.
 * Home affairs records the leaving on the profile's "Cam kết phục vụ" tab as a user would; the case
 * opens with S = 120,000,000 × (48 − 30) / 48 = 45,000,000 đ and goes notified → agreed → paid; the
 * agency sees the person on its "Cam kết phục vụ" list.
 *
 * (The example, 72 months under NĐ 171/2025 and 70,000,000 đ after 30 months, cannot happen
 * before 2028 with a sending decision dated from 1/7/2025; it is a unit test of the formula.)
 */
import { describe, expect, test } from 'vitest';
import type { APIRequestContext } from 'playwright-core';
import { apiLogin, login, randomDigits, randomWord, settled, useBrowser } from './support.js';

const b = useBrowser();

async function call(request: APIRequestContext, csrf: string, method: 'post' | 'put', url: string, data: unknown) {
  const res = await request[method](url, { data, headers: { 'x-csrf-token': csrf } });
  return { status: res.status(), body: (await res.json()) as Record<string, unknown> };
}

describe('reimbursement of training costs', () => {
  test('a person who leaves after 30 of 48 months owes 45,000,000 đ; the case is agreed and paid', async () => {
    // ---------- the record, through the API as the board and home affairs keep it ----------
    const boardCtx = await b.newContext();
    const board = await apiLogin(boardCtx.request, 'admin');
    const roots = (await (await boardCtx.request.get('/api/v1/units')).json()) as { items: { id: number }[] };
    const children = (await (await boardCtx.request.get(`/api/v1/units?parentId=${roots.items[0]!.id}`)).json()) as { items: { id: number }[] };
    const units = children.items.length > 0 ? children : roots;
    const name = `Hà Thị ${randomWord(7)}`;
    const person = await call(boardCtx.request, board.csrfToken, 'post', '/api/v1/people', {
      fullName: name,
      citizenId: randomDigits(12),
      birthDate: '1988-04-12',
      gender: 'female',
      ethnicityCode: '01',
      category: 'cong_chuc',
      unitId: units.items[0]!.id,
    });
    expect(person.status, JSON.stringify(person.body)).toBe(201);
    const personId = person.body.id as number;
    const proposal = { personId, programmeCode: 'SDH_THS', mode: 'full_time', institution: 'Học viện Hành chính quốc gia', startDate: '2021-09-01', endDate: '2023-08-31', cost: 120_000_000, studyField: 'Quản lý công' };
    let made = await call(boardCtx.request, board.csrfToken, 'post', '/api/v1/outside-trainings', proposal);
    if (made.status !== 201) made = await call(boardCtx.request, board.csrfToken, 'post', '/api/v1/outside-trainings', { ...proposal, overrideReason: 'Hồ sơ cũ nhập bổ sung (thử nghiệm đầu cuối).' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const recordId = made.body.id as number;
    const haCtx = await b.newContext();
    const ha = await apiLogin(haCtx.request, 'noivu');
    let decided = await call(boardCtx.request, board.csrfToken, 'post', `/api/v1/outside-trainings/${recordId}/decision`, { decision: 'approved' });
    if (decided.status !== 200) decided = await call(haCtx.request, ha.csrfToken, 'post', `/api/v1/outside-trainings/${recordId}/decision`, { decision: 'approved' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const sending = { number: '125-QĐ/TU', date: '2021-08-16', signer: 'Trưởng Ban Tổ chức Tỉnh ủy' };
    let sent = await call(boardCtx.request, board.csrfToken, 'post', `/api/v1/outside-trainings/${recordId}/sending-decision`, sending);
    if (sent.status !== 200) sent = await call(haCtx.request, ha.csrfToken, 'post', `/api/v1/outside-trainings/${recordId}/sending-decision`, sending);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    let result = await call(boardCtx.request, board.csrfToken, 'post', `/api/v1/outside-trainings/${recordId}/result`, { result: 'graduated', classification: 'gioi', date: '2023-08-31' });
    if (result.status !== 200) result = await call(haCtx.request, ha.csrfToken, 'post', `/api/v1/outside-trainings/${recordId}/result`, { result: 'graduated', classification: 'gioi', date: '2023-08-31' });
    expect(result.status, JSON.stringify(result.body)).toBe(200);

    // ---------- home affairs records the leaving on the profile ----------
    const { page } = b;
    await login(page, 'noivu');
    await page.goto(`/people/${personId}`);
    await page.getByRole('tab', { name: 'Cam kết phục vụ' }).click();
    const tab = page.getByRole('tabpanel');
    await expect.poll(() => tab.getByText('01/09/2023 – 31/08/2027').count()).toBeGreaterThan(0);
    await expect.poll(() => tab.getByText('48 tháng (2 × 24 tháng đào tạo)').count()).toBe(1);
    await tab.getByRole('button', { name: 'Ghi nhận thôi việc, chuyển công tác' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'Ghi nhận thôi việc' });
    await dialog.waitFor();
    // the last day worked: 28/02/2026, 30 whole months after 01/09/2023
    const date = dialog.getByLabel('Ngày làm việc cuối cùng');
    await date.click();
    await date.fill('28/02/2026');
    await date.press('Enter');
    await dialog.getByLabel('Lý do').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Tự ý nghỉ việc, xin thôi việc' }).first().click();
    await dialog.getByLabel('Số quyết định').fill('31/QĐ-UBND');
    await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => page.getByText('Đã lưu và mở 1 hồ sơ đền bù chi phí đào tạo.').count()).toBeGreaterThan(0);
    await expect.poll(() => tab.getByText('45.000.000 đ').count()).toBeGreaterThan(0);

    // ---------- the case: notified → agreed → paid ----------
    await page.goto('/reimbursement-cases');
    await page.getByPlaceholder('Tìm theo tên người học').fill(name);
    await page.getByRole('link', { name }).click();
    await page.waitForURL((u) => /^\/reimbursement-cases\/\d+$/.test(u.pathname));
    await settled(page);
    await expect.poll(() => page.getByText('48 tháng, đã phục vụ 30 tháng').count()).toBe(1);
    await expect.poll(() => page.getByText('Thông báo số tiền phải đền bù').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Xác nhận đã thống nhất' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Xác nhận đã thống nhất' }).click();
    await expect.poll(() => page.getByText('Người học thống nhất mức đền bù').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Ghi nhận nộp tiền' }).click();
    const pay = page.getByRole('dialog').filter({ hasText: 'Ghi nhận nộp tiền' });
    await pay.getByLabel('Số tiền nộp (đồng)').fill('45000000');
    await pay.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => page.locator('.ant-tag').filter({ hasText: 'Đã nộp đủ' }).count()).toBeGreaterThan(0);
    const caseId = Number(new URL(page.url()).pathname.split('/').pop());
    const detail = (await (await haCtx.request.get(`/api/v1/reimbursement-cases/${caseId}`)).json()) as { amount: number; paid: number; status: string; steps: { step: string }[] };
    expect(detail).toMatchObject({ amount: 45_000_000, paid: 45_000_000, status: 'paid' });
    expect(detail.steps.map((s) => s.step)).toEqual(['notified', 'agreed', 'payment']);

    // ---------- the board's list exports, the agency's list shows the commitment ----------
    const list = (await (await boardCtx.request.get(`/api/v1/commitments?state=all&q=${encodeURIComponent(name)}`)).json()) as { items: { state: string; served: number; months: number }[] };
    expect(list.items).toEqual([expect.objectContaining({ state: 'left', served: 30, months: 48 })]);
  });
});
