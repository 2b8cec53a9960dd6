/**
 * Access by unit and role, as users see it: a commune officer's registry is their commune only and
 * a record of another unit is "not found"; a learner sees their own profile and nothing else.
 */
import { describe, expect, test } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { apiGet, apiLogin, login, parseCount, shownTotal, useBrowser } from './support.js';

const b = useBrowser();

interface Me {
  role: string;
  displayName: string;
  personId: number | null;
  unit: { id: number; name: string };
}
interface ListItem {
  id: number;
  fullName: string;
  unit: { id: number; name: string };
}
interface Detail extends ListItem {
  citizenId: string;
  phone: string | null;
  email: string | null;
}

/** An admin session in its own browser context, for looking things up through the API. */
async function adminApi(): Promise<APIRequestContext> {
  const ctx = await b.newContext();
  await apiLogin(ctx.request, 'admin');
  return ctx.request;
}

/** A person (with their details) of a unit, as the admin sees them. */
async function personOf(admin: APIRequestContext, unitId: number, notId?: number): Promise<Detail> {
  const list = await apiGet<{ items: ListItem[] }>(admin, `/api/v1/people?limit=5&unitId=${unitId}`);
  const item = list.items.find((p) => p.id !== notId);
  expect(item, `someone in unit ${unitId}`).toBeDefined();
  return apiGet<Detail>(admin, `/api/v1/people/${item!.id}`);
}

/** Opens a profile by its URL; returns the status the API gave the page for it. */
async function openProfile(page: Page, id: number): Promise<number> {
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/people/${id}`);
  await page.goto(`/people/${id}`);
  return (await answer).status();
}

/** Asserts that nothing of this person is on the page. */
async function expectNothingOf(page: Page, p: Detail): Promise<void> {
  const text = (await page.locator('body').innerText()).normalize('NFC');
  for (const secret of [p.fullName, p.citizenId, p.phone, p.email]) {
    if (secret) expect(text, 'personal data on the page').not.toContain(secret.normalize('NFC'));
  }
}

describe('scope', () => {
  test("a commune officer sees their commune only, and another unit's record is not found", async () => {
    const admin = await adminApi();
    const adminTotal = (await apiGet<{ total: number }>(admin, '/api/v1/people/count')).total;
    const health = (await apiGet<{ items: { id: number; name: string }[] }>(admin, '/api/v1/units?q=so%20y%20te')).items.find(
      (u) => u.name === 'Sở Y tế',
    );
    expect(health, 'the unit "Sở Y tế"').toBeDefined();
    const outsider = await personOf(admin, health!.id);

    const { page } = b;
    await login(page, 'unit');
    // an agency officer lands on its learners (issue 14); the registry is one click away
    await page.waitForURL((u) => u.pathname === '/my-learners');
    await page.goto('/people');
    const me = await apiGet<Me>(page.request, '/api/v1/auth/me');
    expect(me.role).toBe('unit_officer');
    expect(me.unit.id).not.toBe(health!.id);
    await page.getByText(`Cán bộ, công chức, viên chức thuộc ${me.unit.name}`).waitFor();

    // the tree starts at the commune: one node, no province above it
    const tree = page.getByRole('tree', { name: 'Cây đơn vị' });
    const nodes = tree.getByRole('treeitem');
    await expect.poll(() => nodes.allTextContents()).toHaveLength(1);
    const root = nodes.first();
    expect((await root.textContent())?.startsWith(me.unit.name), 'the root is the commune').toBe(true);
    expect(await tree.getByText('Tỉnh Tuyên Quang').count()).toBe(0);

    // the total: the commune's head count, far below the province's
    const total = await shownTotal(page);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(adminTotal);
    expect(parseCount((await root.locator('.nt-tree-count').textContent()) ?? '')).toBe(total);
    // every row shown is of the commune
    const units = page.getByTestId('people-table').locator('tbody tr.nt-table-row td:nth-child(3)');
    await expect.poll(() => units.count()).toBe(Math.min(total, 20));
    expect(new Set(await units.allTextContents())).toEqual(new Set([me.unit.name]));

    // a record of Sở Y tế, opened by its URL
    expect(await openProfile(page, outsider.id)).toBe(404);
    await page.getByText('Không tìm thấy hồ sơ', { exact: true }).waitFor();
    await page.getByText('Hồ sơ không tồn tại hoặc không thuộc phạm vi quản lý của bạn.').waitFor();
    expect(await page.getByRole('button', { name: 'Sửa hồ sơ' }).count()).toBe(0);
    expect(await page.getByRole('tab').count()).toBe(0);
    await expectNothingOf(page, outsider);
  });

  test('a learner sees only their own profile', async () => {
    const { page } = b;
    await login(page, 'hocvien');
    const me = await apiGet<Me>(page.request, '/api/v1/auth/me');
    expect(me.role).toBe('learner');
    expect(me.personId).not.toBeNull();
    const own = `/people/${me.personId}`;

    // the app opens on "Học tập của tôi" (issue 14); their own profile is in the menu
    await page.waitForURL((u) => u.pathname === '/learning');
    await page.goto(own);
    await page.waitForURL((u) => u.pathname === own);
    await page.getByRole('heading', { level: 1, name: me.displayName, exact: true }).waitFor();
    await page.getByRole('tab', { name: /^Trình độ/ }).waitFor();
    // the menu holds only "Hồ sơ của tôi", "Học tập của tôi", their support for training and their classes' surveys (issue 11) and their own calendar; no registry, no import, no editing, no history
    expect(await page.getByRole('menuitem').allTextContents()).toEqual(['Hồ sơ của tôi', 'Học tập của tôi', 'Hỗ trợ đào tạo của tôi', 'Phiếu khảo sát', 'Lịch']);
    expect(await page.getByRole('button', { name: 'Sửa hồ sơ' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Lịch sử thay đổi' }).count()).toBe(0);
    expect(await page.getByTestId('people-search').count()).toBe(0);

    // the registry and the import page lead back to the own profile
    for (const path of ['/people', '/imports/people']) {
      await page.goto(path);
      await page.waitForURL((u) => u.pathname === own);
      await page.getByRole('heading', { level: 1, name: me.displayName, exact: true }).waitFor();
      expect(await page.getByTestId('people-table').count()).toBe(0);
    }

    // a colleague of the same commune is not theirs to see
    const admin = await adminApi();
    const colleague = await personOf(admin, me.unit.id, me.personId!);
    expect(await openProfile(page, colleague.id)).toBe(404);
    await page.getByText('Không tìm thấy hồ sơ', { exact: true }).waitFor();
    expect(await page.getByRole('tab').count()).toBe(0);
    await expectNothingOf(page, colleague);
  });
});
