/**
 * Classes and nominations as their users see them: the school's registrar opens a class (a cohort
 * code already taken is refused at its field) and schedules a session (a room clash is refused with
 * the server's Vietnamese message); an agency officer nominates one eligible person after seeing the
 * explanation of each condition with its source, and cannot nominate an ineligible one, whose failed
 * condition is shown (the server refuses them too); the provincial board approves; the school
 * accepts, which enrols the learner.
 *
 * The demo province has no classes: the test makes its own, and two people of the agency officer's
 * commune with unique names (one already holding a political-theory level, so not eligible for sơ cấp).
 */
import { describe, expect, test } from 'vitest';
import type { APIRequestContext, Locator, Page } from 'playwright-core';
import { apiGet, apiLogin, login, randomDigits, randomWord, settled, useBrowser } from './support.js';

const b = useBrowser();

const SC_LLCT = 'Sơ cấp lý luận chính trị';

/** An ISO date `days` after today in Vietnam. */
function dayFromToday(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const vi = (iso: string) => iso.split('-').reverse().join('/');

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Picks an option of an antd Select (with search) by typing and clicking the option. */
async function chooseOption(page: Page, input: Locator, typed: string, option: string | RegExp): Promise<void> {
  await input.click();
  if (typed) await input.fill(typed);
  const text = typeof option === 'string' ? new RegExp(`^${escapeRe(option)}$`) : option;
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  // the list is filtered as the text is typed: wait for it to settle on the option, then pick it
  await item.waitFor();
  await item.click();
  // the list closes (with an animation) once the option is taken
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** Types a date (dd/mm/yyyy) into an antd DatePicker and confirms it. */
async function typeDate(input: Locator, ddmmyyyy: string): Promise<void> {
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

async function post(request: APIRequestContext, csrf: string, path: string, data: unknown) {
  return request.post(path, { data, headers: { 'x-csrf-token': csrf } });
}

/** A civil servant (công chức) of the caller's unit, without any political theory unless told. */
async function createPerson(
  request: APIRequestContext,
  csrf: string,
  unitId: number,
  fullName: string,
  politicalTheory?: string,
): Promise<number> {
  const res = await post(request, csrf, '/api/v1/people', {
    fullName,
    citizenId: randomDigits(12),
    birthDate: '1990-05-17',
    gender: 'female',
    ethnicityCode: '01',
    category: 'cong_chuc',
    unitId,
  });
  expect(res.status(), `create ${fullName}`).toBe(201);
  const id = ((await res.json()) as { id: number }).id;
  if (politicalTheory) {
    const q = await post(request, csrf, `/api/v1/people/${id}/qualifications`, {
      kind: 'political_theory',
      level: politicalTheory,
      awardedOn: '2020-06-30',
    });
    expect(q.status(), 'add the political-theory qualification').toBe(201);
  }
  return id;
}

const isPath = (url: string, re: RegExp) => re.test(new URL(url).pathname);

describe('classes and nominations', () => {
  test('open a class, schedule it (a room clash refused), nominate (an ineligible person refused with the reason), board approves, school enrols', async () => {
    const startDate = dayFromToday(30);
    const endDate = dayFromToday(90);
    const cohort = `E2E-${randomDigits(6)}`;
    const room = `P.${randomWord(4)}`;

    // ---------- the people of the agency officer's commune ----------
    const unitCtx = await b.newContext();
    const officer = await apiLogin(unitCtx.request, 'unit');
    const surname = randomWord(7);
    const eligibleName = `Hoàng Thị ${surname} An`;
    const ineligibleName = `Hoàng Thị ${surname} Bình`;
    await createPerson(unitCtx.request, officer.csrfToken, officer.unit.id, eligibleName);
    const ineligibleId = await createPerson(unitCtx.request, officer.csrfToken, officer.unit.id, ineligibleName, 'trung_cap');

    // a class of the same programme already holds the cohort code the registrar will type first
    const schoolApi = await b.newContext();
    const registrar = await apiLogin(schoolApi.request, 'truong');
    const taken = await post(schoolApi.request, registrar.csrfToken, '/api/v1/classes', {
      programmeCode: 'SC_LLCT',
      cohortCode: `${cohort}-A`,
      name: `Lớp kiểm thử ${cohort}-A`,
      mode: 'full_time',
      site: 'Trường Chính trị tỉnh',
      startDate,
      endDate,
      capacity: 10,
    });
    expect(taken.status()).toBe(201);
    const catalogue = await apiGet<{ modules: unknown[]; totalPeriods: number }>(schoolApi.request, '/api/v1/programmes/SC_LLCT/catalogue');

    // ---------- the registrar opens the class ----------
    const { page } = b;
    await login(page, 'truong');
    await page.getByRole('menuitem', { name: 'Lớp học' }).click();
    await page.waitForURL((u) => u.pathname === '/classes');
    await page.getByRole('heading', { level: 1, name: 'Lớp học' }).waitFor();
    await page.getByRole('button', { name: 'Mở lớp' }).first().click();
    const drawer = page.getByRole('dialog').filter({ hasText: 'Mở lớp mới' });
    await drawer.waitFor();
    await settled(page);
    await chooseOption(page, drawer.getByLabel('Chương trình'), 'so cap ly', SC_LLCT);
    // the modes the programme offers; the first is chosen
    await drawer.getByText('Vừa làm vừa học', { exact: true }).waitFor();
    expect(await drawer.getByText('Trực tuyến', { exact: true }).count()).toBe(0);
    await drawer
      .getByText(`${catalogue.modules.length} học phần, ${catalogue.totalPeriods.toLocaleString('vi-VN')} tiết`, { exact: true })
      .waitFor();
    await drawer.getByLabel('Khóa').fill(`${cohort}-A`);
    expect(await drawer.getByLabel('Tên lớp').inputValue()).toBe(`Lớp sơ cấp lý luận chính trị ${cohort}-A`);
    await typeDate(drawer.getByLabel('Ngày khai giảng'), vi(startDate));
    await typeDate(drawer.getByLabel('Ngày kết thúc'), vi(endDate));
    await drawer.getByLabel('Chỉ tiêu (số học viên)').fill('30');
    // the submit button (its name reads "loading Mở lớp" while a save is under way and as the spinner fades)
    const submit = drawer.getByRole('button', { name: /^(loading )?Mở lớp$/ });
    let created = page.waitForResponse((r) => isPath(r.url(), /^\/api\/v1\/classes$/) && r.request().method() === 'POST');
    await submit.click();
    expect((await created).status()).toBe(409);
    const cohortItem = drawer.locator('.ant-form-item').filter({ has: page.getByText('Khóa', { exact: true }) });
    await cohortItem.locator('.ant-form-item-explain-error').getByText('Chương trình này đã có lớp mang mã khóa này.').waitFor();

    await drawer.getByLabel('Khóa').fill(cohort);
    const className = `Lớp sơ cấp lý luận chính trị ${cohort}`;
    await drawer.getByLabel('Tên lớp').fill(className);
    created = page.waitForResponse((r) => isPath(r.url(), /^\/api\/v1\/classes$/) && r.request().method() === 'POST');
    await submit.click();
    const createdRes = await created;
    expect(createdRes.status()).toBe(201);
    const classId = ((await createdRes.json()) as { id: number }).id;
    await page.waitForURL((u) => u.pathname === `/classes/${classId}`);
    await page.getByRole('heading', { level: 1, name: className }).waitFor();
    await page.getByText(`${SC_LLCT} · Tập trung · Khóa ${cohort}`).waitFor();
    await page
      .getByText(`${vi(startDate)} – ${vi(endDate)}`, { exact: false })
      .first()
      .waitFor();
    await page.getByRole('table', { name: `Học phần (${catalogue.modules.length})` }).waitFor();

    // ---------- a session, then a second one in the same room at the same time ----------
    await page.getByRole('tab', { name: /^Lịch học/ }).click();
    await page.getByText('Lớp chưa có lịch học.').waitFor();
    const addSession = async (moduleCode: string) => {
      await page.getByRole('button', { name: 'Thêm buổi học' }).click();
      const dialog = page.getByRole('dialog').filter({ hasText: 'Thêm buổi học' });
      await dialog.waitFor();
      await settled(page);
      await chooseOption(page, dialog.getByLabel('Học phần'), moduleCode, new RegExp(`^${escapeRe(moduleCode)} — `));
      await typeDate(dialog.getByLabel('Ngày', { exact: true }), vi(dayFromToday(31)));
      await dialog.getByLabel('Phòng học').fill(room);
      const saved = page.waitForResponse((r) => isPath(r.url(), /^\/api\/v1\/classes\/\d+\/sessions$/) && r.request().method() === 'POST');
      await dialog.getByRole('button', { name: 'Thêm buổi học' }).click();
      return { dialog, status: (await saved).status() };
    };
    const first = await addSession('SC.1');
    expect(first.status).toBe(201);
    await first.dialog.waitFor({ state: 'hidden' });
    const schedule = page.getByRole('table', { name: 'Lịch học' });
    await schedule.getByText('07:30 – 11:00').waitFor();
    await schedule.getByText(room, { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Lịch học (1)' }).waitFor();

    const clash = await addSession('SC.2');
    expect(clash.status).toBe(409);
    const clashMessage = new RegExp(
      `^Phòng ${escapeRe(room)} đã được xếp cho ${escapeRe(className.replace(/^Lớp /, 'lớp '))} \\(${escapeRe(cohort)}\\) ngày ${escapeRe(vi(dayFromToday(31)))} từ 07:30 đến 11:00\\.$`,
    );
    const alert = clash.dialog.getByRole('alert').filter({ hasText: 'Trùng lịch, chưa lưu được buổi học' });
    await alert.getByText(clashMessage).waitFor();
    const roomItem = clash.dialog.locator('.ant-form-item').filter({ has: page.getByText('Phòng học', { exact: true }) });
    await roomItem.locator('.ant-form-item-explain-error').getByText(clashMessage).waitFor();
    await clash.dialog.getByRole('button', { name: 'Hủy' }).click();
    await clash.dialog.waitFor({ state: 'hidden' });
    expect(await schedule.locator('tbody tr.ant-table-row').count()).toBe(1);

    // ---------- the agency officer nominates ----------
    const unitPage = await unitCtx.newPage();
    await unitPage.goto(`/classes?year=${startDate.slice(0, 4)}`);
    await unitPage.getByRole('heading', { level: 1, name: 'Lớp học' }).waitFor();
    await unitPage.getByTestId('classes-search').fill(`so cap ${cohort}`);
    await unitPage.getByRole('link', { name: className, exact: true }).click();
    await unitPage.waitForURL((u) => u.pathname === `/classes/${classId}`);
    await unitPage.getByRole('button', { name: 'Cử người đi học' }).first().click();
    const nominate = unitPage.getByRole('dialog').filter({ hasText: `Cử người đi học: ${className}` });
    await nominate.waitFor();
    await settled(unitPage);
    await nominate
      .getByText(`Điều kiện được xét theo quy định có hiệu lực tại ngày khai giảng ${vi(startDate)}.`, { exact: false })
      .waitFor();

    /** Searches without diacritics, chooses the person, and waits for their eligibility answer. */
    const pick = async (name: string) => {
      const folded = name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/g, 'd')
        .toLowerCase();
      const found = unitPage.waitForResponse(
        (r) => isPath(r.url(), /^\/api\/v1\/people$/) && new URL(r.url()).searchParams.get('q') === folded,
      );
      await nominate.getByTestId('nominate-search').fill(folded);
      expect((await found).status()).toBe(200);
      const answer = unitPage.waitForResponse((r) => isPath(r.url(), /^\/api\/v1\/people\/\d+\/eligibility$/));
      await nominate.getByRole('button', { name: `Chọn ${name}`, exact: true }).click();
      const res = await answer;
      expect(res.status()).toBe(200);
      expect(new URL(res.url()).searchParams.get('asOf')).toBe(startDate);
      const card = nominate.getByRole('listitem', { name, exact: true });
      await card.waitFor();
      return card;
    };

    // eligible: every condition green, with its source document; the full explanation on demand
    const eligible = await pick(eligibleName);
    await eligible.getByText('Đủ điều kiện', { exact: true }).waitFor();
    const rules = eligible.getByTestId('nominee-rule');
    await expect.poll(() => rules.count()).toBeGreaterThanOrEqual(3);
    expect(await rules.getByRole('img', { name: 'Không đạt' }).count()).toBe(0);
    expect(await rules.getByRole('img', { name: 'Đạt', exact: true }).count()).toBe(await rules.count());
    await eligible.getByText('Chưa có trình độ lý luận chính trị từ sơ cấp trở lên.').waitFor();
    expect((await rules.first().innerText()).normalize('NFC')).toContain('Căn cứ: 350-QĐ/TW');
    await eligible.getByRole('button', { name: 'Xem giải thích chi tiết' }).click();
    await eligible
      .getByRole('alert')
      .filter({ hasText: `${SC_LLCT} · Tập trung` })
      .getByText('Đủ điều kiện', { exact: true })
      .waitFor();
    await eligible
      .getByText(/^Căn cứ: 350-QĐ\/TW, Điều 3 — /)
      .first()
      .waitFor();

    // not eligible: the failed condition in red, the reason, and nothing to send for them
    const ineligible = await pick(ineligibleName);
    await ineligible.getByText('Không đủ điều kiện', { exact: true }).waitFor();
    const failed = ineligible.getByTestId('nominee-rule').filter({ has: unitPage.getByRole('img', { name: 'Không đạt' }) });
    await expect.poll(() => failed.count()).toBe(1);
    expect(await failed.innerText()).toContain('Chưa có trình độ lý luận chính trị từ sơ cấp trở lên.');
    expect(await failed.getByRole('img').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(220, 38, 38)');
    const refusal = ineligible.getByRole('alert').filter({ hasText: 'Không cử được: chưa đủ điều kiện' });
    await refusal.waitFor();
    expect((await refusal.innerText()).normalize('NFC')).toMatch(/Đã có lý luận chính trị Trung cấp.*Căn cứ: 350-QĐ\/TW/);
    // an agency officer has no override
    expect(await ineligible.getByText(/^Vẫn cử \(ngoại lệ/).count()).toBe(0);

    const sent = unitPage.waitForResponse(
      (r) => isPath(r.url(), /^\/api\/v1\/classes\/\d+\/nominations$/) && r.request().method() === 'POST',
    );
    await nominate.getByRole('button', { name: 'Gửi đề cử (1 người)' }).click();
    const sentRes = await sent;
    expect(sentRes.status()).toBe(201);
    const nomination = (await sentRes.json()) as { id: number; person: { id: number }; status: string };
    expect(nomination.status).toBe('nominated');
    await eligible.getByText('Đã cử, chờ cơ quan quản lý cán bộ duyệt.').waitFor();
    await ineligible.getByText('Không đủ điều kiện', { exact: true }).waitFor();
    // the server refuses the ineligible person as well, with the same condition and its source
    const refused = await post(unitCtx.request, officer.csrfToken, `/api/v1/classes/${classId}/nominations`, { personId: ineligibleId });
    expect(refused.status()).toBe(422);
    const refusedBody = (await refused.json()) as { error: { code: string; details: { code: string; message: string }[] } };
    expect(refusedBody.error.code).toBe('NOT_ELIGIBLE');
    expect(refusedBody.error.details.map((d) => d.message).join(' ')).toContain('(căn cứ 350-QĐ/TW, Điều 3)');
    await nominate.getByRole('button', { name: 'Hủy' }).click();
    await nominate.waitFor({ state: 'hidden' });
    const unitRows = unitPage.getByRole('table', { name: 'Danh sách người được cử' }).locator('tbody tr.ant-table-row');
    await expect.poll(() => unitRows.count()).toBe(1);
    expect(await unitRows.first().innerText()).toContain('Đã cử, chờ duyệt');

    // ---------- the provincial board approves ----------
    const boardCtx = await b.newContext();
    const boardPage = await boardCtx.newPage();
    await login(boardPage, 'admin');
    await boardPage.goto(`/classes/${classId}?tab=nominations`);
    const boardRow = boardPage
      .getByRole('table', { name: 'Danh sách người được cử' })
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: eligibleName });
    await boardRow.getByText('Đã cử, chờ duyệt').waitFor();
    // the board has nothing to accept for the school
    expect(await boardRow.getByRole('button', { name: `Tiếp nhận vào lớp: ${eligibleName}`, exact: true }).count()).toBe(0);
    await boardRow.getByRole('button', { name: `Duyệt: ${eligibleName}`, exact: true }).click();
    let decided = boardPage.waitForResponse((r) => isPath(r.url(), /^\/api\/v1\/nominations\/\d+\/decision$/));
    await boardPage.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Duyệt', exact: true }).click();
    expect((await decided).status()).toBe(200);
    await boardRow.getByText('Đã duyệt, chờ trường tiếp nhận').waitFor();

    // ---------- the school accepts: enrolled ----------
    await page.getByRole('tab', { name: 'Học viên / đề cử' }).click();
    const schoolRow = page
      .getByRole('table', { name: 'Danh sách người được cử' })
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: eligibleName });
    await schoolRow.getByText('Đã duyệt, chờ trường tiếp nhận').waitFor();
    expect(await schoolRow.getByRole('button', { name: `Duyệt: ${eligibleName}`, exact: true }).count()).toBe(0);
    await schoolRow.getByRole('button', { name: `Tiếp nhận vào lớp: ${eligibleName}`, exact: true }).click();
    decided = page.waitForResponse((r) => isPath(r.url(), /^\/api\/v1\/nominations\/\d+\/decision$/));
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Tiếp nhận vào lớp', exact: true }).click();
    const decidedRes = await decided;
    expect(decidedRes.status()).toBe(200);
    const enrolled = (await decidedRes.json()) as { status: string; enrolmentId: number | null };
    expect(enrolled.status).toBe('enrolled');
    expect(enrolled.enrolmentId).not.toBeNull();
    await schoolRow.getByText('Đã ghi danh', { exact: true }).waitFor();
    await page.getByText('Đã ghi danh (1)', { exact: true }).waitFor();

    // the nomination's record: the chain of steps and the explanation stored with it
    await schoolRow.getByRole('button', { name: `Giải thích điều kiện của ${eligibleName}` }).click();
    const record = page.getByRole('dialog').filter({ hasText: 'Hồ sơ cử đi học' });
    await record.waitFor();
    await settled(page);
    for (const step of ['Cơ quan, đơn vị cử đi học', 'Cơ quan quản lý cán bộ duyệt', 'Cơ sở đào tạo tiếp nhận']) {
      await record.getByText(step, { exact: true }).waitFor();
    }
    await record.getByText(`Kết quả xét điều kiện tại ngày khai giảng ${vi(startDate)}`).waitFor();
    await record.getByRole('img', { name: 'Đạt', exact: true }).first().waitFor();
    expect(await record.getByRole('img', { name: 'Không đạt' }).count()).toBe(0);

    // ---------- the registrar's class board: the year's figures beside the class in the list ----------
    const year = startDate.slice(0, 4);
    type BoardFacts = {
      enrolled: number;
      examEligibility: { eligible: number };
      grades: { pending: number; finalExam: { pending: number } };
    };
    const board = await apiGet<{ items: { class: { id: number }; facts: BoardFacts }[] }>(
      schoolApi.request,
      `/api/v1/classes/board?year=${year}`,
    );
    const facts = board.items.find((i) => i.class.id === classId)?.facts;
    expect(facts, 'the board holds the new class').toBeDefined();
    expect(facts!.enrolled).toBe(1);
    const n = (x: number) => x.toLocaleString('vi-VN');
    await page.goto(`/classes?year=${year}`);
    await page.getByRole('heading', { level: 1, name: 'Lớp học' }).waitFor();
    await page.getByTestId('classes-search').fill(`so cap ${cohort}`);
    for (const header of ['Chuyên cần', 'Nhận xét còn thiếu', 'Điểm chưa nhập', 'Đủ điều kiện dự thi']) {
      await page.getByRole('columnheader', { name: header, exact: true }).waitFor();
    }
    const classRow = page
      .getByRole('table', { name: 'Danh sách lớp' })
      .locator('tbody tr.ant-table-row')
      .filter({ has: page.getByRole('link', { name: className, exact: true }) });
    const eligibleCell = classRow.getByTestId('board-exam-eligible');
    await eligibleCell.waitFor();
    expect(await eligibleCell.innerText()).toBe(`${n(facts!.examEligibility.eligible)} / ${n(facts!.enrolled)}`);
    expect(await classRow.getByTestId('board-grades').innerText()).toBe(n(facts!.grades.pending + facts!.grades.finalExam.pending));
  });
});
