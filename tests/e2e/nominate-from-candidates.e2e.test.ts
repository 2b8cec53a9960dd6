/**
 * Nominating from the ranked candidate list (issue 14 point 5): the agency officer picks several
 * people on /candidates, sends them with "Cử đi học (n)" into an open class of the programme (the
 * bulk nomination job, each person's outcome shown), then the provincial board picks them on the
 * class's nominations and approves them together with "Duyệt (n)".
 */
import { describe, expect, test } from 'vitest';
import type { APIRequestContext } from 'playwright-core';
import { apiGet, apiLogin, login, randomDigits, settled, useBrowser } from './support.js';

const b = useBrowser();

function dayFromToday(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface NominationPage {
  items: { id: number; status: string; person: { id: number; fullName: string } }[];
}

async function nominationsOf(request: APIRequestContext, classId: number): Promise<NominationPage['items']> {
  return (await apiGet<NominationPage>(request, `/api/v1/classes/${classId}/nominations?limit=200`)).items;
}

describe('nominating from the candidate list', () => {
  test('the officer picks three candidates and nominates them into a class; the board approves them together', async () => {
    // ---------- a fresh open class of the programme, opened by the school ----------
    const cohort = `E2E-N${randomDigits(5)}`;
    const className = `Lớp cử từ danh sách nguồn ${cohort}`;
    const schoolCtx = await b.newContext();
    const registrar = await apiLogin(schoolCtx.request, 'truong');
    const opened = await schoolCtx.request.post('/api/v1/classes', {
      data: {
        programmeCode: 'SC_LLCT',
        cohortCode: cohort,
        name: className,
        mode: 'full_time',
        site: 'Trường Chính trị tỉnh',
        startDate: dayFromToday(20),
        endDate: dayFromToday(80),
        capacity: 30,
      },
      headers: { 'x-csrf-token': registrar.csrfToken },
    });
    expect(opened.status(), await opened.text()).toBe(201);
    const classId = ((await opened.json()) as { id: number }).id;

    // ---------- the officer picks three people at the top of the ranking ----------
    const { page } = b;
    await login(page, 'unit');
    await page.goto('/candidates?programme=SC_LLCT&mode=full_time');
    const table = page.getByRole('table', { name: 'Danh sách nguồn' });
    const rows = table.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await settled(page);
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const name = (await rows.nth(i).locator('td a strong').first().innerText()).trim();
      names.push(name);
      await rows
        .nth(i)
        .getByRole('checkbox', { name: `Chọn ${name}`, exact: true })
        .check();
    }
    const bar = page.getByRole('region', { name: 'Cử những người đã chọn đi học' });
    await bar.getByText('Đã chọn 3 người').waitFor();
    await bar.getByRole('button', { name: 'Cử đi học (3)' }).click();

    // ---------- into the class: a background job, each person's outcome shown ----------
    const dialog = page.getByRole('dialog').filter({ hasText: 'Cử 3 người đi học' });
    await dialog.waitFor();
    await dialog.getByLabel('Lớp').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: cohort }).first().click();
    const started = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/classes/${classId}/nominations/bulk`);
    await dialog.getByRole('button', { name: 'Cử đi học', exact: true }).click();
    expect((await started).status()).toBe(202);
    await dialog.getByTestId('candidates-nominate-result').waitFor({ timeout: 60_000 });
    for (const name of names) await dialog.getByText(name, { exact: true }).waitFor();
    expect(
      await dialog
        .locator('.ant-list-item .ant-tag')
        .filter({ hasText: /^Đã cử$/ })
        .count(),
    ).toBe(3);
    const sent = await nominationsOf(page.request, classId);
    expect(sent.map((n) => n.person.fullName).sort()).toEqual([...names].sort());
    expect(sent.every((n) => n.status === 'nominated')).toBe(true);

    // ---------- the provincial board approves the three together ----------
    const boardCtx = await b.newContext();
    const boardPage = await boardCtx.newPage();
    await login(boardPage, 'admin');
    await boardPage.goto(`/classes/${classId}?tab=nominations`);
    const boardTable = boardPage.getByRole('table', { name: 'Danh sách người được cử' });
    for (const name of names) {
      const row = boardTable.locator('tbody tr.ant-table-row').filter({ hasText: name });
      await row.getByText('Đã cử, chờ duyệt').waitFor();
      await row.getByRole('checkbox', { name: `Chọn hồ sơ của ${name}`, exact: true }).check();
    }
    const decideBar = boardPage.getByRole('region', { name: 'Thao tác với các hồ sơ đã chọn' });
    const decided = boardPage.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/nominations/decisions');
    await decideBar.getByRole('button', { name: 'Duyệt (3)' }).click();
    const res = await decided;
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ decided: 3, refused: 0, notFound: 0 });
    const outcome = boardPage.getByRole('dialog').filter({ hasText: 'Đã duyệt 3/3 hồ sơ' });
    await outcome.waitFor();
    for (const name of names) await outcome.getByText(name, { exact: true }).waitFor();
    await outcome.getByRole('button', { name: 'Đóng' }).first().click();
    for (const name of names) {
      await boardTable.locator('tbody tr.ant-table-row').filter({ hasText: name }).getByText('Đã duyệt, chờ trường tiếp nhận').waitFor();
    }
    const approved = await nominationsOf(boardPage.request, classId);
    expect(approved.map((n) => n.status)).toEqual(['approved_board', 'approved_board', 'approved_board']);
    await schoolCtx.close();
    await boardCtx.close();
  });
  test('the nominate drawer shows each person found with their eligibility and their planning (quy hoạch)', async () => {
    const cohort = `E2E-Q${randomDigits(5)}`;
    const schoolCtx = await b.newContext();
    const registrar = await apiLogin(schoolCtx.request, 'truong');
    const opened = await schoolCtx.request.post('/api/v1/classes', {
      data: {
        programmeCode: 'SC_LLCT',
        cohortCode: cohort,
        name: `Lớp xem quy hoạch ${cohort}`,
        mode: 'full_time',
        site: 'Trường Chính trị tỉnh',
        startDate: dayFromToday(25),
        endDate: dayFromToday(85),
        capacity: 30,
      },
      headers: { 'x-csrf-token': registrar.csrfToken },
    });
    expect(opened.status(), await opened.text()).toBe(201);
    const classId = ((await opened.json()) as { id: number }).id;

    // a person of the officer's commune, planned for a post from this year
    const officerCtx = await b.newContext();
    const officer = await apiLogin(officerCtx.request, 'unit');
    const someone = (await apiGet<{ items: { id: number; fullName: string }[] }>(officerCtx.request, `/api/v1/people?unitId=${officer.unit.id}&limit=1`)).items[0]!;
    const titles = (await apiGet<{ titles: { id: number; code: string; name: string }[] }>(officerCtx.request, '/api/v1/reference')).titles;
    const title = titles.find((t) => t.code === 'TP_T') ?? titles[0]!;
    const year = Number(dayFromToday(0).slice(0, 4));
    const planned = await officerCtx.request.post(`/api/v1/people/${someone.id}/planning-entries`, {
      data: { titleId: title.id, term: `${year}-${year + 5}` },
      headers: { 'x-csrf-token': officer.csrfToken },
    });
    expect(planned.status(), await planned.text()).toBe(201);

    const { page } = b;
    await login(page, 'unit');
    await page.goto(`/classes/${classId}?tab=nominations`);
    await page.getByRole('button', { name: 'Cử người đi học' }).first().click();
    await page.getByRole('textbox', { name: 'Tìm cán bộ theo tên' }).fill(someone.fullName);
    const found = page.getByRole('listitem').filter({ hasText: someone.fullName }).first();
    await found.getByTestId('found-eligibility').waitFor({ timeout: 30_000 });
    const planning = found.getByTestId('found-planning');
    await planning.waitFor();
    expect(await planning.innerText()).toContain(`Quy hoạch: ${title.name} (${year}-${year + 5})`);
    await schoolCtx.close();
    await officerCtx.close();
  });
});
