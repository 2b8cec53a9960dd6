/**
 * The rules engine as users see it: a person's eligibility explained rule by rule with its source
 * document (and "as of" another date, another document), a postgraduate answer that needs the field
 * to study; the ranked candidate list of a unit with its counts and filters; the gaps dashboard with
 * its drill-down to units and people; and a new rule version in the rules editor (an overlapping
 * period refused at the field, then a later one saved).
 *
 * Expectations come from the registry (who is a party member, a unit's head count, genders and
 * ethnicities), not from the answers being checked.
 */
import { describe, expect, test } from 'vitest';
import type { APIRequestContext, Locator, Page } from 'playwright-core';
import { apiGet, apiLogin, clickMenuItem, login, parseCount, settled, UI_TIMEOUT, useBrowser } from './support.js';

const b = useBrowser();

interface ListItem {
  id: number;
  fullName: string;
  gender: 'male' | 'female';
  partyMembership: 'member' | 'probationary' | 'not_member' | null;
  unit: { id: number; name: string };
}
interface Reference {
  ethnicities: { code: string; name: string; minority: boolean }[];
}

const TC_LLCT = 'Trung cấp lý luận chính trị';
/** The check icons' accessible names (apps/web check.*). */
const PASS = 'Đạt';
const FAIL = 'Không đạt';
const MISSING = 'Thiếu dữ liệu';
const NOT_APPLICABLE = 'Không áp dụng';

/** An admin session in its own browser context, for looking things up through the API. */
async function adminApi(): Promise<APIRequestContext> {
  const ctx = await b.newContext();
  await apiLogin(ctx.request, 'admin');
  return ctx.request;
}

/** Picks an option of an antd Select (with search) by typing and clicking the option. */
async function chooseOption(page: Page, input: Locator, typed: string, option: string): Promise<void> {
  await input.click();
  await input.fill(typed);
  const item = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${escapeRe(option)}$`) });
  await item.first().click();
}

/** Picks a unit in a UnitPicker (a TreeSelect) by searching for it. */
async function chooseUnit(page: Page, input: Locator, typed: string, name: string): Promise<void> {
  await input.click();
  await input.fill(typed);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-tree-title')
    .filter({ hasText: new RegExp(`^${escapeRe(name)}$`) })
    .first()
    .click();
}

/** Types a date (dd/mm/yyyy) into an antd DatePicker and confirms it. */
async function typeDate(input: Locator, ddmmyyyy: string): Promise<void> {
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The rules the explainer lists, each with its check icon's name, text and colour. */
async function ruleRows(page: Page): Promise<{ check: string; text: string; color: string }[]> {
  const items = page
    .locator('.ant-list-item')
    .filter({ has: page.getByRole('img', { name: /^(Đạt|Không đạt|Thiếu dữ liệu|Không áp dụng)$/ }) });
  return items.evaluateAll((els) =>
    els.map((el) => {
      const icon = el.querySelector('[role="img"][aria-label]') as HTMLElement;
      return {
        check: icon.getAttribute('aria-label') ?? '',
        text: (el as HTMLElement).innerText.normalize('NFC'),
        color: getComputedStyle(icon).color,
      };
    }),
  );
}

/** The explainer's list item of one rule, by its description. */
function ruleItem(page: Page, description: string): Locator {
  return page.locator('.ant-list-item').filter({ hasText: description });
}

const RED = 'rgb(220, 38, 38)';
const GREEN = 'rgb(22, 163, 74)';

function isEligibilityOf(url: string, personId: number, programme: string): boolean {
  const u = new URL(url);
  return u.pathname === `/api/v1/people/${personId}/eligibility` && u.searchParams.get('programme') === programme;
}

function isCandidates(url: string): URLSearchParams | null {
  const u = new URL(url);
  return u.pathname === '/api/v1/candidates' ? u.searchParams : null;
}

describe('eligibility', () => {
  test('the explainer: a non-member fails the party rule of 350-QĐ/TW (57-QĐ/TW before 29/08/2025); a postgraduate answer waits for the field to study', async () => {
    const admin = await adminApi();
    // someone the registry records as not a party member (decision 0031: not merely without a date)
    const nonMembers = await apiGet<{ items: ListItem[] }>(admin, '/api/v1/people?partyMembership=not_member&limit=5');
    const person = nonMembers.items[0];
    expect(person, 'a person who is not a party member').toBeDefined();
    expect(person!.partyMembership).toBe('not_member');

    const { page } = b;
    await login(page, 'admin');
    await page.goto(`/people/${person!.id}?tab=eligibility`);
    await page.getByRole('heading', { level: 1, name: person!.fullName, exact: true }).waitFor();
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('Điều kiện cử đi học');
    await page.getByText('Chọn một chương trình để xem điều kiện.').waitFor();

    // trung cấp LLCT, full time, today
    let answer = page.waitForResponse((r) => isEligibilityOf(r.url(), person!.id, 'TC_LLCT'));
    await chooseOption(page, page.locator('#elig-programme'), 'trung cap ly', TC_LLCT);
    expect((await answer).status()).toBe(200);
    const verdict = page.getByRole('alert');
    await verdict.getByText('Không đủ điều kiện', { exact: true }).waitFor();
    await verdict.getByText(`${TC_LLCT} · Tập trung`).waitFor();

    // the party rule: red, "not a party member", from 350-QĐ/TW
    const party = ruleItem(page, 'Là đảng viên dự bị hoặc chính thức.');
    await party.waitFor();
    await party.getByRole('img', { name: FAIL }).waitFor();
    expect(await party.getByRole('img', { name: FAIL }).evaluate((el) => getComputedStyle(el).color)).toBe(RED);
    await party.getByText(/^Không phải đảng viên tại ngày \d{2}\/\d{2}\/\d{4} — không đạt\.$/).waitFor();
    await party.getByText('Yêu cầu: Đảng viên (dự bị hoặc chính thức)', { exact: false }).waitFor();
    expect((await party.innerText()).normalize('NFC')).toContain('Căn cứ: 350-QĐ/TW');

    // every rule has its check, its colour and its source document: 350-QĐ/TW
    const today = await ruleRows(page);
    expect(today.length).toBeGreaterThanOrEqual(5);
    for (const r of today) {
      expect([PASS, FAIL, MISSING, NOT_APPLICABLE]).toContain(r.check);
      if (r.check === PASS) expect(r.color, r.text).toBe(GREEN);
      if (r.check === FAIL) expect(r.color, r.text).toBe(RED);
      expect(r.text, 'the source document').toMatch(/Căn cứ: 350-QĐ\/TW, Điều \d+ — /);
      expect(r.text, 'no raw codes in the facts').not.toMatch(/\b(member|political_theory|education|trung_cap|cao_dang|TC_LLCT|good)\b/);
    }
    // the part-time age rule does not apply to full-time study
    expect(today.some((r) => r.check === NOT_APPLICABLE && r.text.includes('không tập trung'))).toBe(true);

    // as of 28/08/2025 the older document decides: 57-QĐ/TW, whose party rule reads "Là đảng viên."
    answer = page.waitForResponse(
      (r) => isEligibilityOf(r.url(), person!.id, 'TC_LLCT') && new URL(r.url()).searchParams.get('asOf') === '2025-08-28',
    );
    await typeDate(page.locator('#elig-asof'), '28/08/2025');
    expect((await answer).status()).toBe(200);
    await expect
      .poll(async () => (await ruleRows(page)).every((r) => r.text.includes('Căn cứ: 57-QĐ/TW')), { timeout: UI_TIMEOUT })
      .toBe(true);
    const oldParty = page.locator('.ant-list-item').filter({ has: page.getByText('Là đảng viên.', { exact: true }) });
    await oldParty.getByRole('img', { name: FAIL }).waitFor();
    await oldParty.getByText('Không phải đảng viên tại ngày 28/08/2025 — không đạt.').waitFor();
    await verdict.getByText('Không đủ điều kiện', { exact: true }).waitFor();

    // postgraduate: someone the candidate list cannot decide for lacks only the field to study
    const undecided = await apiGet<{ items: { person: { id: number; fullName: string } }[] }>(
      admin,
      '/api/v1/candidates?programme=SDH_THS&mode=full_time&outcome=cannot_decide&limit=1',
    );
    const student = undecided.items[0]?.person;
    expect(student, 'someone undecided for the master programme').toBeDefined();
    answer = page.waitForResponse((r) => isEligibilityOf(r.url(), student!.id, 'SDH_THS'));
    await page.goto(`/people/${student!.id}?tab=eligibility&programme=SDH_THS`);
    expect((await answer).status()).toBe(200);
    await verdict.getByText('Chưa đủ dữ liệu để kết luận', { exact: true }).waitFor();
    await verdict.getByText('Dữ liệu còn thiếu trong hồ sơ: chuyên ngành đăng ký đào tạo').waitFor();
    const field = ruleItem(page, 'Chuyên ngành đào tạo phù hợp với vị trí việc làm.');
    await field.getByRole('img', { name: MISSING }).waitFor();
    expect((await field.innerText()).normalize('NFC')).toContain('Căn cứ: 171/2025/NĐ-CP');
    // the fields the job position accepts, as the explainer lists them; studying the first one decides
    const facts = (await field.innerText()).normalize('NFC');
    const accepted =
      facts
        .match(/Ngành phù hợp của vị trí: ([^·\n]+)/)?.[1]
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean) ?? [];
    expect(accepted.length, `fields in "${facts}"`).toBeGreaterThan(0);
    answer = page.waitForResponse(
      (r) => isEligibilityOf(r.url(), student!.id, 'SDH_THS') && new URL(r.url()).searchParams.get('studyField') === accepted[0],
    );
    await page.getByLabel('Chuyên ngành đăng ký').fill(accepted[0]!);
    expect((await answer).status()).toBe(200);
    await verdict.getByText('Đủ điều kiện', { exact: true }).waitFor();
    await field.getByRole('img', { name: PASS }).waitFor();
    expect((await ruleRows(page)).filter((r) => r.check === FAIL || r.check === MISSING)).toEqual([]);
  });

  test('the candidate list of a unit: counts that add up to its head count, ranked, filtered by women, minorities and age', async () => {
    const admin = await adminApi();
    const block = (await apiGet<{ items: { id: number; name: string }[] }>(admin, '/api/v1/units?q=khoi%20xa%20phuong')).items.find(
      (u) => u.name === 'Khối xã, phường',
    );
    expect(block, 'the unit "Khối xã, phường"').toBeDefined();
    const headCount = (await apiGet<{ total: number }>(admin, `/api/v1/people/count?unitId=${block!.id}`)).total;
    const reference = await apiGet<Reference>(admin, '/api/v1/reference');
    const minorities = new Set(reference.ethnicities.filter((e) => e.minority).map((e) => e.name));

    const { page } = b;
    await login(page, 'admin');
    await clickMenuItem(page, 'Nguồn cử đi học');
    await page.waitForURL((u) => u.pathname === '/candidates');
    await page.getByRole('heading', { level: 1, name: 'Danh sách nguồn cử đi học' }).waitFor();
    await page.getByText('Chọn chương trình để lập danh sách.').waitFor();

    await chooseOption(page, page.locator('#cand-programme'), 'trung cap', TC_LLCT);
    const forUnit = page.waitForResponse((r) => isCandidates(r.url())?.get('unitId') === String(block!.id));
    await chooseUnit(page, page.locator('#cand-unit'), 'khoi xa', 'Khối xã, phường');
    expect((await forUnit).status()).toBe(200);

    // what the list is of, and counts that add up to the unit's head count in the registry
    const summary = page.getByRole('alert').filter({ hasText: 'Khối xã, phường' });
    await summary.getByText(new RegExp(`^${escapeRe(TC_LLCT)} · Tập trung · Khối xã, phường · \\d{2}/\\d{2}/\\d{4}$`)).waitFor();
    const countsText = (await summary.getByText(/^Trong .* người thuộc phạm vi/).textContent())!;
    const m = countsText.match(
      /^Trong ([\d.]+) người thuộc phạm vi: ([\d.]+) đủ điều kiện, ([\d.]+) chưa đủ dữ liệu, ([\d.]+) không đủ điều kiện\.$/,
    );
    expect(m, countsText).not.toBeNull();
    const [people, eligible, undecided, notEligible] = m!.slice(1).map(parseCount) as [number, number, number, number];
    expect(people).toBe(headCount);
    expect(eligible + undecided + notEligible).toBe(people);
    expect(eligible).toBeGreaterThan(20);
    // the list's own card and table (the what-if comparison below has others)
    const table = page.getByRole('table', { name: 'Danh sách nguồn', exact: true });
    const rows = table.locator('tbody tr.ant-table-row');
    const listCard = page.locator('.ant-card').filter({ has: table });
    const listTotal = listCard.locator('strong').filter({ hasText: /^Tổng số: [\d.]+ người$/ });
    await listTotal.getByText(`Tổng số: ${eligible.toLocaleString('vi-VN')} người`, { exact: true }).waitFor();
    await listCard.getByText(`Đủ điều kiện (${eligible.toLocaleString('vi-VN')})`, { exact: true }).waitFor();

    // a hundred a page: numbered 1…n, the planned first, then those their post requires, then the others
    const bigger = page.waitForResponse((r) => isCandidates(r.url())?.get('limit') === '100');
    await listCard.locator('.ant-pagination-options .ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '100' }).first().click();
    await bigger;
    const n = Math.min(eligible, 100);
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(n);
    expect(await table.count()).toBe(1);
    // the rank is the first cell after the selection box (the officer may tick candidates to nominate them)
    const ranks = (await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td:not(.ant-table-selection-column)')?.textContent ?? ''))).map(Number);
    expect(ranks).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const order = ['Trong quy hoạch', 'Chức danh hiện tại yêu cầu', 'Khác'];
    const priorities = await rows.locator('td:last-child .ant-tag').allTextContents();
    expect(priorities).toHaveLength(n);
    const ranked = priorities.map((p) => order.indexOf(p));
    expect(ranked.every((x) => x >= 0)).toBe(true);
    expect(ranked).toEqual([...ranked].sort((x, y) => x - y));
    // planned candidates name their planned title, not its code
    const plannedNote = (await rows.first().locator('td:last-child').innerText()).normalize('NFC');
    if (priorities[0] === 'Trong quy hoạch') expect(plannedNote).toMatch(/\(nhiệm kỳ \d{4}-\d{4}\)/);
    expect(plannedNote).not.toMatch(/\b[A-Z]+(_[A-Z]+)+\b/);

    /**
     * Ticks or unticks a filter and returns the total the list then shows. A list seen before comes
     * from the page's cache (give its total as `known`); a new one waits for the server's answer.
     */
    const toggle = async (label: string, param: string, on: boolean, known?: number): Promise<number> => {
      const res =
        known === undefined
          ? page.waitForResponse((r) => {
              const q = isCandidates(r.url());
              return q !== null && q.get('unitId') === String(block!.id) && (q.get(param) === 'true') === on;
            })
          : null;
      const box = page.getByRole('checkbox', { name: label });
      expect(await box.isChecked()).toBe(!on);
      await box.click(); // the box follows the URL, a moment later
      await expect.poll(() => box.isChecked()).toBe(on);
      expect(new URL(page.url()).searchParams.get(param)).toBe(on ? 'true' : null);
      let total = known;
      if (res) {
        expect((await res).status()).toBe(200);
        total = ((await (await res).json()) as { total: number }).total;
      }
      await expect.poll(async () => parseCount((await listTotal.textContent()) ?? ''), { timeout: UI_TIMEOUT }).toBe(total);
      await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(Math.min(total!, 100));
      return total!;
    };
    const shownIds = async () =>
      (await rows.locator('td:nth-child(3) a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).map((h) =>
        Number(h.match(/\/people\/(\d+)/)?.[1]),
      );

    // women only: fewer, and the registry says each one shown is a woman
    const women = await toggle('Nữ', 'female', true);
    expect(women).toBeGreaterThan(0);
    expect(women).toBeLessThan(eligible);
    for (const id of (await shownIds()).slice(0, 15)) {
      const p = await apiGet<{ gender: string; fullName: string }>(admin, `/api/v1/people/${id}`);
      expect(p.gender, p.fullName).toBe('female');
    }
    // and of an ethnic minority: each one shows a minority ethnicity
    const minorityWomen = await toggle('Dân tộc thiểu số', 'minority', true);
    expect(minorityWomen).toBeGreaterThan(0);
    expect(minorityWomen).toBeLessThanOrEqual(women);
    for (const sub of await rows.locator('td:nth-child(3) .ant-typography-secondary').allTextContents()) {
      const ethnicity = sub.split(' · ')[1];
      expect(ethnicity && minorities.has(ethnicity), sub).toBe(true);
    }
    // both off: the whole list again
    expect(await toggle('Dân tộc thiểu số', 'minority', false, women)).toBe(women);
    expect(await toggle('Nữ', 'female', false, eligible)).toBe(eligible);
    // under 35: fewer, each one under 35
    const young = await toggle('Dưới 35 tuổi', 'young', true);
    expect(young).toBeLessThan(eligible);
    for (const sub of await rows.locator('td:nth-child(3) .ant-typography-secondary').allTextContents()) {
      expect(Number(sub.match(/^(\d+) tuổi/)?.[1]), sub).toBeLessThan(35);
    }
    expect(await toggle('Dưới 35 tuổi', 'young', false, eligible)).toBe(eligible);

    // the first candidate's profile explains the same programme: eligible, nothing red
    // columns: the selection box, the rank, the person
    const first = rows.first().locator('td:nth-child(3) a');
    const name = (await first.textContent())!;
    const firstId = (await shownIds())[0]!;
    const explained = page.waitForResponse((r) => isEligibilityOf(r.url(), firstId, 'TC_LLCT'));
    await first.click();
    await page.waitForURL((u) => u.pathname === `/people/${firstId}`);
    expect((await explained).status()).toBe(200);
    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
    await page.getByRole('alert').getByText('Đủ điều kiện', { exact: true }).waitFor();
    await page.getByRole('alert').getByText(`${TC_LLCT} · Tập trung`).waitFor();
    const checks = await ruleRows(page);
    expect(checks.length).toBeGreaterThanOrEqual(5);
    expect(checks.filter((r) => r.check !== PASS && r.check !== NOT_APPLICABLE)).toEqual([]);
  });

  test('the gaps dashboard: counts by unit and by missing qualification, down to a unit and to the people', async () => {
    const admin = await adminApi();
    const provinceTotal = (await apiGet<{ total: number }>(admin, '/api/v1/people/count')).total;
    const me = await apiGet<{ unit: { id: number; name: string } }>(admin, '/api/v1/auth/me');
    expect(me.unit.name).toBe('Tỉnh Tuyên Quang');
    // the province's child units in the registry; those with nobody (the pre-merger provinces) have no gaps to show
    const children = (await apiGet<{ items: { name: string; peopleCount: number }[] }>(admin, `/api/v1/units?parentId=${me.unit.id}`))
      .items;
    const empty = children.filter((u) => u.peopleCount === 0);

    const { page } = b;
    await login(page, 'admin');
    const first = page.waitForResponse((r) => /^\/api\/v1\/units\/\d+\/gaps$/.test(new URL(r.url()).pathname));
    await clickMenuItem(page, 'Khoảng trống tiêu chuẩn');
    await page.waitForURL((u) => u.pathname === '/gaps');
    expect((await first).status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Khoảng trống tiêu chuẩn' }).waitFor();

    /** The three headline numbers of the unit shown. */
    const headline = async (unit: string) => {
      const card = page.locator('.ant-card').filter({ hasText: `${unit} — Theo trình độ còn thiếu` });
      await card.waitFor();
      const value = async (label: string) =>
        parseCount((await card.getByText(label, { exact: true }).locator('xpath=following-sibling::*[1]').textContent()) ?? '');
      return {
        card,
        people: await value('Số người'),
        withStandards: await value('Có tiêu chuẩn áp dụng'),
        withGaps: await value('Còn thiếu'),
      };
    };
    const province = await headline('Tỉnh Tuyên Quang');
    expect(province.people).toBe(provinceTotal);
    expect(province.withGaps).toBeGreaterThan(0);
    expect(province.withGaps).toBeLessThanOrEqual(province.withStandards);
    expect(province.withStandards).toBeLessThanOrEqual(province.people);

    // the child units' rows add up to the province
    const table = page.getByRole('table', { name: 'Khoảng trống theo đơn vị trực thuộc Tỉnh Tuyên Quang', exact: true });
    const bodyRows = table.locator('tbody tr.ant-table-row');
    await expect.poll(() => bodyRows.count()).toBeGreaterThan(1);
    const rowPeople = (await bodyRows.locator('td:nth-child(2)').allTextContents()).map(parseCount);
    expect(rowPeople.reduce((a, x) => a + x, 0)).toBe(province.people);
    const rowUnits = await bodyRows.locator('td:first-child').allInnerTexts();
    expect(rowUnits.sort()).toEqual(
      children
        .filter((u) => u.peopleCount > 0)
        .map((u) => u.name)
        .sort(),
    );
    if (empty.length > 0) await page.getByText(`Đã ẩn ${empty.length} đơn vị không có cán bộ`, { exact: false }).waitFor();

    // the communes' block: its row, then the block itself
    const blockRow = bodyRows.filter({ has: page.getByRole('button', { name: 'Khối xã, phường', exact: true }) });
    const blockPeople = parseCount((await blockRow.locator('td:nth-child(2)').textContent()) ?? '');
    const blockGaps = parseCount((await blockRow.locator('td:nth-child(4)').textContent()) ?? '');
    expect(blockGaps).toBeGreaterThan(0);
    await blockRow.getByRole('button', { name: 'Khối xã, phường', exact: true }).click();
    const block = await headline('Khối xã, phường');
    expect(block.people).toBe(blockPeople);
    expect(block.withGaps).toBe(blockGaps);
    const trail = page.getByRole('navigation', { name: 'Đơn vị đã mở' });
    await trail.getByRole('link', { name: 'Tỉnh Tuyên Quang' }).waitFor();
    await expect
      .poll(() => page.locator('#gaps-unit').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]').innerText())
      .toContain('Khối xã, phường');

    // back up by the breadcrumb, and down again
    await trail.getByRole('link', { name: 'Tỉnh Tuyên Quang' }).click();
    expect((await headline('Tỉnh Tuyên Quang')).people).toBe(province.people);
    await expect.poll(() => trail.count()).toBe(0);
    await page.getByRole('button', { name: 'Khối xã, phường', exact: true }).click();
    const again = await headline('Khối xã, phường');

    // a missing qualification's button opens the people who lack it
    const needButtons = again.card.getByRole('button').filter({ hasText: /^.+: .+ — [\d.]+$/ });
    await expect.poll(() => needButtons.count()).toBeGreaterThan(0);
    const needText = ((await needButtons.first().textContent()) ?? '').normalize('NFC');
    const [, need, count] = needText.match(/^(.+) — ([\d.]+)$/)!;
    const expected = parseCount(count!);
    expect(expected).toBeLessThanOrEqual(again.withGaps);
    await needButtons.first().click();
    const drawer = page.getByRole('dialog').filter({ hasText: `Người cần ${need}` });
    await drawer.waitFor();
    await settled(page);
    await drawer.getByText('Khối xã, phường', { exact: true }).waitFor();
    await expect.poll(async () => parseCount((await drawer.getByText(/^Tổng số: [\d.]+ người$/).textContent()) ?? '')).toBe(expected);
    const peopleRows = drawer.locator('tbody tr.ant-table-row');
    await expect.poll(() => peopleRows.count()).toBe(Math.min(expected, 20));
    for (const needs of await peopleRows.locator('td:last-child').allInnerTexts()) {
      expect(needs.normalize('NFC'), 'each one lacks it').toContain(need!);
      expect(needs, 'for a named title or position, not a code').not.toMatch(/\bcho [A-Z]+(_[A-Z]+)*\b/);
    }

    // one of them: their profile's gaps tab says the same
    const person = peopleRows.first().locator('td:first-child a');
    const name = (await person.textContent())!;
    await person.click();
    await page.waitForURL((u) => /^\/people\/\d+$/.test(u.pathname) && u.searchParams.get('tab') === 'gaps');
    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('Còn thiếu gì');
    const summary = page.getByRole('alert').filter({ hasText: 'Cần bổ sung:' });
    await summary.waitFor();
    expect((await summary.innerText()).normalize('NFC')).toContain(`${need} cho `);
    const [kind, level] = need!.split(': ') as [string, string];
    const lacking = page
      .locator('.ant-list-item')
      .filter({ has: page.getByRole('img', { name: 'Còn thiếu' }) })
      .filter({ hasText: `${kind}:` });
    await expect.poll(() => lacking.count()).toBeGreaterThan(0);
    expect((await lacking.first().innerText()).normalize('NFC')).toMatch(new RegExp(`Yêu cầu: ${escapeRe(level)}`));
  });

  test('the rules editor: an overlapping period is refused at the field, a later version is added and the earlier one closed', async () => {
    const { page } = b;
    await login(page, 'sysadmin');
    await page.goto('/rules');
    await page.getByRole('heading', { level: 1, name: 'Điều kiện, tiêu chuẩn cử đi học' }).waitFor();
    const listed = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/rules' && new URL(r.url()).searchParams.get('programme') === 'TC_LLCT',
    );
    await chooseOption(page, page.locator('#rules-programme'), 'trung cap ly', TC_LLCT);
    expect((await listed).status()).toBe(200);

    // the part-time age rule of 350-QĐ/TW, in force, one version; its 57-QĐ/TW predecessor no longer
    const description = 'Cán bộ học hệ không tập trung: nữ từ 28 tuổi, nam từ 30 tuổi trở lên.';
    const items = page.locator('li.nt-versioned').filter({ hasText: description });
    await expect.poll(() => items.count()).toBe(2);
    const current = items.filter({ hasText: 'Căn cứ: 350-QĐ/TW' });
    const previous = items.filter({ hasText: 'Căn cứ: 57-QĐ/TW' });
    await previous.getByText('Hết hiệu lực', { exact: true }).waitFor();
    expect(await current.getByText('Hết hiệu lực', { exact: true }).count()).toBe(0);
    await current.getByText('· 1 phiên bản').waitFor();
    const since = (await current.getByText(/Căn cứ: 350-QĐ\/TW · \d{2}\/\d{2}\/\d{4} – nay/).textContent())!.match(
      /(\d{2}\/\d{2}\/\d{4})/,
    )![1]!;

    await current.getByRole('button', { name: `Thêm phiên bản cho điều kiện: ${description}`, exact: true }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'Thêm phiên bản: Độ tuổi (350-QĐ/TW)' });
    await dialog.waitFor();
    await settled(page);
    // the form starts from the version in force
    expect(await dialog.getByLabel('Số hiệu văn bản').inputValue()).toBe('350-QĐ/TW');
    expect(await dialog.getByLabel('Mô tả').inputValue()).toBe(description);

    // from the day the version in force starts: refused, in Vietnamese, at the field
    const from = dialog.getByLabel('Hiệu lực từ ngày');
    await typeDate(from, since);
    await dialog.getByLabel('Ghi chú').fill('Kiểm thử đầu cuối');
    let saved = page.waitForResponse((r) => /\/api\/v1\/rules\/.+\/versions$/.test(new URL(r.url()).pathname));
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    expect((await saved).status()).toBe(409);
    const fromItem = dialog.locator('.ant-form-item').filter({ has: page.getByText('Hiệu lực từ ngày', { exact: true }) });
    await fromItem.locator('.ant-form-item-explain-error').getByText('Thời gian hiệu lực trùng với phiên bản 1.').waitFor();
    await dialog.getByText(/^Thời gian hiệu lực trùng với một phiên bản khác của cùng quy định, tiêu chuẩn\./).waitFor();

    // from 01/01/2099 (the same condition: nobody's answer changes): saved; version 1 ends the day before
    await typeDate(from, '01/01/2099');
    saved = page.waitForResponse((r) => /\/api\/v1\/rules\/.+\/versions$/.test(new URL(r.url()).pathname));
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    expect((await saved).status()).toBe(201);
    await page.getByText('Đã thêm phiên bản mới.').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await current.getByText('· 2 phiên bản').waitFor();
    await current.getByText('Có phiên bản mới từ 01/01/2099').waitFor();
    await current.getByText(`Căn cứ: 350-QĐ/TW · ${since} – 31/12/2098`).waitFor();

    // the history: both versions, who added the second (the toggle is its own button, beside "add version")
    const toggle = current.locator('button[aria-expanded]');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.locator('button, a, [role="button"]').count(), 'nothing interactive inside the toggle').toBe(0);
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    const versions = current.locator('tbody tr.ant-table-row');
    await expect.poll(() => versions.count()).toBe(2);
    const [v1, v2] = (await versions.allInnerTexts()).map((s) => s.normalize('NFC'));
    expect(v1).toContain(`${since} – 31/12/2098`);
    expect(v1).toContain('Đang áp dụng');
    expect(v2).toContain('01/01/2099 – nay');
    expect(v2).toContain('Kiểm thử đầu cuối');
    expect(v2).toContain('Người thêm: sysadmin');
  });
});
