/**
 * Party membership recorded explicitly (decision 0031), in a real browser: the registry lists the
 * records that do not say, a profile says "not known", the board records "member" without dates,
 * and the profile and its history show it.
 */
import { describe, expect, test } from 'vitest';
import { login, settled, UI_TIMEOUT, useBrowser } from './support.js';

const b = useBrowser();

describe('party membership (admin)', () => {
  test('a record that does not say is "not known" until the board records "member", dates unknown', async () => {
    const page = b.page;
    await login(page, 'admin');
    const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/people' && r.url().includes('partyMembership=unknown'));
    await page.goto('/people?partyMembership=unknown');
    const body = (await (await listed).json()) as { items: { id: number; fullName: string; partyMembership: unknown }[]; total: number };
    expect(body.total, 'the demo has records that do not say').toBeGreaterThan(0);
    expect(body.items.every((p) => p.partyMembership === null)).toBe(true);

    const person = body.items[0]!;
    await page.goto(`/people/${person.id}`);
    await page.getByRole('heading', { level: 1, name: person.fullName, exact: true }).waitFor();
    await page.getByText('Chưa rõ là đảng viên hay không').first().waitFor();

    await page.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    const drawer = page.getByRole('dialog', { name: `Sửa hồ sơ: ${person.fullName}` });
    await drawer.waitFor();
    await settled(page);
    await drawer.locator('#person_partyMembership').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Đảng viên chính thức' }).first().click();
    const saved = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/people/${person.id}` && r.request().method() === 'PUT');
    await drawer.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const answer = await saved;
    expect(answer.status()).toBe(200);
    expect(((await answer.json()) as { partyMembership: unknown; partyJoinedOn: unknown }).partyMembership).toBe('member');
    await drawer.waitFor({ state: 'hidden' });

    // the general tab says it, with no date
    const general = page.getByRole('tabpanel', { name: 'Thông tin chung' });
    await general.getByText('Đảng viên chính thức', { exact: true }).waitFor({ timeout: UI_TIMEOUT });

    // and the history has the change
    await page.getByRole('tab', { name: 'Lịch sử thay đổi' }).click();
    const history = page.getByRole('tabpanel', { name: 'Lịch sử thay đổi' });
    const row = history
      .locator('.ant-card')
      .first()
      .locator('table.nt-diff tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: 'Tình trạng đảng viên' }) });
    await row.waitFor({ timeout: UI_TIMEOUT });
    expect(await row.locator('td').allTextContents()).toEqual(['—', 'Đảng viên chính thức']);
  });
});
