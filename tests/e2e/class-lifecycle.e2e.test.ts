/**
 * One class from start to certificate, as its users see it. The school opens a state-management
 * class (bồi dưỡng ngạch chuyên viên) that started a month ago; the commune's officer nominates two
 * civil servants (a third person, outside the programme's target group, is refused with the rule
 * and its source document); home affairs approves and the school enrols them. Then, in the class
 * page: the registrar takes attendance session by session, records the agency's recall of one
 * learner (a recall without dates is refused at its fields) — the sessions of the period become
 * "recalled" — and the make-up study it requires; asks the home agencies for their conduct reports,
 * which the officer fills in from "Học viên của đơn vị"; tries to graduate the class before the
 * grades exist (refused, naming who lacks what); enters the grades (a grade off the scale and one
 * off the step are refused at their cell); graduates the class; downloads a certificate's PDF and
 * opens its public verification page (valid; a tampered code is not); revokes the other learner's
 * certificate with its reason (the page then says revoked). The graduate's profile shows the new
 * qualification. The learner's own page fits a phone.
 *
 * The demo province's own classes are not used: the test makes its class and its people, with
 * unique names, and reads every expectation from the API or from what it typed.
 */
import { describe, expect, test } from 'vitest';
import type { APIRequestContext, Locator, Page } from 'playwright-core';
import { apiGet, apiLogin, BASE_URL, login, randomDigits, randomWord, settled, UI_TIMEOUT, useBrowser } from './support.js';

const b = useBrowser();

/** An ISO date `days` after today in Vietnam. */
function dayFromToday(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const vi = (iso: string) => iso.split('-').reverse().join('/');
const TODAY = dayFromToday(0);

const isPath = (url: string, re: RegExp) => re.test(new URL(url).pathname);

async function send(request: APIRequestContext, csrf: string, method: 'post' | 'put', path: string, data: unknown) {
  return request[method](path, { data, headers: { 'x-csrf-token': csrf } });
}

/** Types a date (dd/mm/yyyy) into an antd DatePicker and confirms it. */
async function typeDate(input: Locator, iso: string): Promise<void> {
  await input.click();
  await input.fill(vi(iso));
  await input.press('Enter');
}

/** Picks an option of an antd Select by (part of) its text. */
async function chooseOption(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

interface Person {
  id: number;
  fullName: string;
}

/** What the tests of this file share: made by the first, used by the next ones (they run in order). */
const state = {
  classId: 0,
  className: '',
  sessions: [] as { id: number; date: string }[],
  an: { id: 0, fullName: '' } as Person,
  binh: { id: 0, fullName: '' } as Person,
  officerUnit: '',
  certificates: {} as Record<string, { id: number; number: string; verificationPath: string }>,
};

describe('one class, from opening to certificate', () => {
  test('the class opens with its people; the registrar takes attendance, records a recall and the make-up it requires', async () => {
    // ---------- the agency's people ----------
    const unitCtx = await b.newContext();
    const officer = await apiLogin(unitCtx.request, 'unit');
    state.officerUnit = officer.unit.name;
    const reference = await apiGet<{ ranks: { id: number; code: string }[] }>(unitCtx.request, '/api/v1/reference');
    const chuyenVien = reference.ranks.find((r) => r.code === '01.003');
    expect(chuyenVien, 'the rank chuyên viên (01.003)').toBeDefined();
    const surname = randomWord(7);
    const create = async (fullName: string, extra: Record<string, unknown>): Promise<Person> => {
      const res = await send(unitCtx.request, officer.csrfToken, 'post', '/api/v1/people', {
        fullName,
        citizenId: randomDigits(12),
        birthDate: '1990-05-17',
        gender: 'male',
        ethnicityCode: '01',
        unitId: officer.unit.id,
        ...extra,
      });
      expect(res.status(), `create ${fullName}`).toBe(201);
      return { id: ((await res.json()) as { id: number }).id, fullName };
    };
    state.an = await create(`Lê Văn ${surname} An`, { category: 'cong_chuc', rankId: chuyenVien!.id });
    state.binh = await create(`Lê Văn ${surname} Bình`, { category: 'cong_chuc', rankId: chuyenVien!.id });
    const cuong = await create(`Lê Văn ${surname} Cường`, { category: 'khong_chuyen_trach' });

    // ---------- the school opens a class that started a month ago, with four past sessions ----------
    const schoolCtx = await b.newContext();
    const registrar = await apiLogin(schoolCtx.request, 'truong');
    const cohort = `LC-${randomDigits(6)}`;
    state.className = `Lớp bồi dưỡng ngạch chuyên viên ${cohort}`;
    const opened = await send(schoolCtx.request, registrar.csrfToken, 'post', '/api/v1/classes', {
      programmeCode: 'QLNN_CV',
      cohortCode: cohort,
      name: state.className,
      mode: 'full_time',
      site: 'Trường Chính trị tỉnh',
      startDate: dayFromToday(-35),
      endDate: dayFromToday(3),
      capacity: 10,
    });
    expect(opened.status(), await opened.text()).toBe(201);
    const cls = (await opened.json()) as { id: number; modules: { id: number; code: string }[] };
    state.classId = cls.id;
    const room = `P.${randomWord(5)}`;
    for (const [i, m] of cls.modules.entries()) {
      const date = dayFromToday(-30 + i * 7);
      const res = await send(schoolCtx.request, registrar.csrfToken, 'post', `/api/v1/classes/${cls.id}/sessions`, {
        kind: 'lesson',
        moduleId: m.id,
        date,
        startTime: '07:30',
        endTime: '11:00',
        room,
      });
      expect(res.status(), await res.text()).toBe(201);
      state.sessions.push({ id: ((await res.json()) as { id: number }).id, date });
    }
    expect(state.sessions.length).toBe(4);

    // ---------- nominations: two eligible people; the third is refused with the rule and its source ----------
    const refused = await send(unitCtx.request, officer.csrfToken, 'post', `/api/v1/classes/${cls.id}/nominations`, { personId: cuong.id });
    expect(refused.status()).toBe(422);
    const refusal = (await refused.json()) as { error: { code: string; details: { path: string; code: string; message: string }[] } };
    expect(refusal.error.code).toBe('NOT_ELIGIBLE');
    expect(refusal.error.details.map((d) => [d.path, d.code])).toEqual([['rules.QLNN_CV_171.target_group', 'RULE_NOT_MET']]);
    expect(refusal.error.details[0]!.message).toContain('171/2025/NĐ-CP');
    const home = await b.newContext();
    const homeAffairs = await apiLogin(home.request, 'noivu');
    for (const p of [state.an, state.binh]) {
      const n = await send(unitCtx.request, officer.csrfToken, 'post', `/api/v1/classes/${cls.id}/nominations`, { personId: p.id });
      expect(n.status(), await n.text()).toBe(201);
      const id = ((await n.json()) as { id: number }).id;
      const board = await send(home.request, homeAffairs.csrfToken, 'post', `/api/v1/nominations/${id}/decision`, {
        step: 'board',
        decision: 'approved',
      });
      expect(board.status(), await board.text()).toBe(200);
      const school = await send(schoolCtx.request, registrar.csrfToken, 'post', `/api/v1/nominations/${id}/decision`, {
        step: 'school',
        decision: 'approved',
      });
      expect(school.status(), await school.text()).toBe(200);
      expect(((await school.json()) as { status: string }).status).toBe('enrolled');
    }

    // ---------- attendance, session by session ----------
    const { page } = b;
    await login(page, 'truong');
    await page.goto(`/classes/${cls.id}`);
    await page.getByRole('heading', { level: 1, name: state.className }).waitFor();
    await page.getByRole('tab', { name: 'Điểm danh' }).click();
    const sessionSelect = page.locator('#attendance-session');
    await sessionSelect.waitFor();
    const sheet = page.getByRole('table', { name: 'Danh sách điểm danh' });
    const counts = page.getByLabel('Tổng hợp điểm danh');

    const openSession = async (i: number) => {
      const answer = page.waitForResponse(
        (r) => isPath(r.url(), new RegExp(`^/api/v1/sessions/${state.sessions[i]!.id}/attendance$`)) && r.request().method() === 'GET',
      );
      await chooseOption(page, sessionSelect, vi(state.sessions[i]!.date));
      expect((await answer).status()).toBe(200);
      await sheet.getByText(state.an.fullName).waitFor();
    };
    const save = async (changes: number) => {
      const saved = page.waitForResponse(
        (r) => isPath(r.url(), /^\/api\/v1\/sessions\/\d+\/attendance$/) && r.request().method() === 'PUT',
      );
      await page.getByRole('button', { name: `Lưu (${changes} thay đổi)` }).click();
      expect((await saved).status()).toBe(200);
      await page.getByText('Đã lưu điểm danh.').first().waitFor();
    };

    for (const i of [0, 1]) {
      await openSession(i);
      await counts.getByText('Chưa điểm danh: 2').waitFor();
      await page.getByRole('button', { name: 'Có mặt tất cả (2)' }).click();
      await save(2);
      await counts.getByText('Có mặt: 2').waitFor();
      await counts.getByText('Chưa điểm danh: 0').waitFor();
    }

    // ---------- the agency recalls Bình for the third and fourth sessions ----------
    const panel = page.getByTestId('recalls-panel');
    await panel.getByRole('button', { name: `Ghi nhận cơ quan triệu tập ${state.binh.fullName} về` }).click();
    const recallModal = page.getByRole('dialog').filter({ hasText: `Cơ quan triệu tập về: ${state.binh.fullName}` });
    await recallModal.waitFor();
    await settled(page);
    await recallModal.getByLabel('Lý do, văn bản triệu tập').fill('Công văn số 15/UBND: triệu tập về phục vụ kỳ họp Hội đồng nhân dân');
    await recallModal.getByRole('button', { name: 'Ghi nhận' }).click();
    // no dates: refused at both fields, nothing sent
    await expect.poll(() => recallModal.getByText('Phải nhập ngày bắt đầu và ngày kết thúc đợt triệu tập.').count()).toBe(2);
    await typeDate(recallModal.getByLabel('Từ ngày'), state.sessions[2]!.date);
    await typeDate(recallModal.getByLabel('Đến ngày'), state.sessions[3]!.date);
    const recorded = page.waitForResponse(
      (r) => isPath(r.url(), /^\/api\/v1\/enrolments\/\d+\/recalls$/) && r.request().method() === 'POST',
    );
    await recallModal.getByRole('button', { name: 'Ghi nhận' }).click();
    const recallRes = await recorded;
    expect(recallRes.status()).toBe(201);
    expect(((await recallRes.json()) as { markedSessions: { id: number }[] }).markedSessions.map((s) => s.id)).toEqual([
      state.sessions[2]!.id,
      state.sessions[3]!.id,
    ]);
    const info = page.locator('.ant-modal-confirm').filter({ hasText: '2 buổi học được ghi là "cơ quan triệu tập"' });
    await info.getByText(`${vi(state.sessions[2]!.date)} · 07:30–11:00`).waitFor();
    // a click during the dialog's opening animation can be lost: wait for it to settle, then for it to close
    await settled(page);
    await info.getByRole('button').click();
    await info.waitFor({ state: 'hidden' });
    await panel.getByRole('row').filter({ hasText: state.binh.fullName }).getByText('Còn nợ 2/2 buổi').waitFor();

    // the recalled sessions: Bình is marked recalled already, An is marked present
    await openSession(2);
    const binhRow = sheet.getByRole('row').filter({ hasText: state.binh.fullName });
    await binhRow.getByText('Trong đợt triệu tập').waitFor();
    await expect.poll(() => binhRow.getByRole('button', { name: `${state.binh.fullName}: cơ quan triệu tập` }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Có mặt tất cả (1)' }).click();
    await save(1);
    await counts.getByText('Có mặt: 1').waitFor();
    await counts.getByText('Cơ quan triệu tập: 1').waitFor();

    await openSession(3);
    await sheet
      .getByRole('row')
      .filter({ hasText: state.an.fullName })
      .getByRole('group', { name: `Điểm danh ${state.an.fullName}` })
      .getByRole('button', { name: `${state.an.fullName}: có mặt` })
      .click();
    await save(1);
    await counts.getByText('Có mặt: 1').waitFor();

    // ---------- the make-up study of both recalled sessions ----------
    await panel.getByRole('button', { name: `Quá trình học của ${state.binh.fullName}` }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: `Quá trình học: ${state.binh.fullName}` });
    await drawer.getByText('còn nợ 2 buổi').waitFor();
    await drawer.getByText('Công văn số 15/UBND: triệu tập về phục vụ kỳ họp Hội đồng nhân dân').waitFor();
    for (const left of [2, 1]) {
      await drawer.getByRole('button', { name: 'Ghi nhận học bổ sung' }).click();
      const makeUp = page.getByRole('dialog').filter({ hasText: `Học bổ sung: ${state.binh.fullName}` });
      await makeUp.waitFor();
      await settled(page);
      await makeUp.getByLabel('Ghi chú').fill('Học bù cùng lớp K12');
      const made = page.waitForResponse(
        (r) => isPath(r.url(), /^\/api\/v1\/enrolments\/\d+\/make-ups$/) && r.request().method() === 'POST',
      );
      await makeUp.getByRole('button', { name: 'Ghi nhận' }).click();
      expect((await made).status()).toBe(201);
      await makeUp.waitFor({ state: 'hidden' });
      if (left > 1) await drawer.getByText('còn nợ 1 buổi').waitFor();
    }
    await expect.poll(() => drawer.getByText(`Đã học bù ngày ${vi(TODAY)}`).count(), { timeout: UI_TIMEOUT }).toBe(2);
    await drawer.getByText('Học bù cùng lớp K12', { exact: false }).first().waitFor();
    await page.keyboard.press('Escape');
    await panel.getByRole('row').filter({ hasText: state.binh.fullName }).getByText('Đã học bù đủ 2 buổi').waitFor();
    await panel.getByRole('row').filter({ hasText: state.an.fullName }).getByText('100%').waitFor();
  });

  test('the school asks the home agency for its conduct reports; the agency officer fills them in', async () => {
    const { page } = b;
    await login(page, 'truong');
    await page.goto(`/classes/${state.classId}?tab=conduct`);
    await page.getByRole('button', { name: 'Đề nghị cơ quan nhận xét' }).click();
    const ask = page.getByRole('dialog').filter({ hasText: 'Đề nghị cơ quan cử đi học nhận xét học viên' });
    await ask.waitFor();
    await settled(page);
    const due = dayFromToday(3);
    await typeDate(ask.getByLabel('Hạn gửi'), due);
    const asked = page.waitForResponse((r) => isPath(r.url(), /^\/api\/v1\/classes\/\d+\/conduct-reports\/request$/));
    await ask.getByRole('button', { name: 'Gửi đề nghị' }).click();
    expect((await asked).status()).toBe(200);
    await page.getByText(`Đã đề nghị cơ quan nhận xét 2 học viên, hạn gửi ${vi(due)}.`).waitFor();
    const reports = page.getByRole('table', { name: 'Nhận xét của cơ quan' });
    await expect.poll(() => reports.getByText('Chờ cơ quan gửi').count()).toBe(2);

    // the agency officer owes two reports and fills them in
    const officer = await b.newContext();
    const op = await officer.newPage();
    await login(op, 'unit');
    await op.getByRole('menuitem', { name: 'Học viên của đơn vị' }).click();
    await op.waitForURL((u) => u.pathname === '/my-learners');
    const owed = op.getByRole('list', { name: 'Nhận xét đơn vị cần gửi' });
    for (const p of [state.an, state.binh]) {
      const item = owed.getByRole('listitem').filter({ hasText: p.fullName });
      await item.getByText(`Hạn ${vi(due)}`).waitFor();
      await item.getByRole('button', { name: `Điền nhận xét về ${p.fullName}` }).click();
      const form = op.getByRole('dialog').filter({ hasText: `Nhận xét học viên: ${p.fullName}` });
      await form.waitFor();
      await settled(op);
      // nothing filled: each required field says so
      await form.getByRole('button', { name: 'Gửi nhận xét' }).click();
      await form.getByText('Chọn kết luận của cơ quan.').waitFor();
      await expect.poll(() => form.getByText('Bắt buộc nhập.').count()).toBe(2);
      await form.getByLabel('Ý thức, thái độ').fill('Có ý thức học tập tốt, tích cực tham gia thảo luận.');
      await form.getByLabel('Chấp hành tổ chức, kỷ luật').fill('Chấp hành nghiêm nội quy lớp học và quy định của cơ quan.');
      await form.getByLabel('Đạt yêu cầu', { exact: true }).check();
      const sent = op.waitForResponse(
        (r) => isPath(r.url(), /^\/api\/v1\/enrolments\/\d+\/conduct-report$/) && r.request().method() === 'PUT',
      );
      await form.getByRole('button', { name: 'Gửi nhận xét' }).click();
      expect((await sent).status()).toBe(200);
      await op.getByText(`Đã gửi nhận xét về ${p.fullName}.`).waitFor();
      await item.waitFor({ state: 'detached' });
    }
    // (the demo's own classes may owe others)
    for (const p of [state.an, state.binh]) expect(await owed.getByRole('listitem').filter({ hasText: p.fullName }).count()).toBe(0);
    // the people's list says where they are: studying in the class, report sent
    const people = op.getByRole('table', { name: 'Người của đơn vị đang được cử đi học' });
    const binhRow = people.getByRole('row').filter({ hasText: state.binh.fullName });
    await binhRow.getByText(state.className).waitFor();
    await binhRow.getByText('Đã gửi').waitFor();
    await binhRow.getByText(`Từ ${vi(state.sessions[2]!.date)} đến ${vi(state.sessions[3]!.date)}`).waitFor();

    // the school sees both received
    await page.reload();
    await expect.poll(() => reports.getByText('Đạt yêu cầu').count(), { timeout: UI_TIMEOUT }).toBe(2);
  });

  test('graduation waits for the grades and says who lacks what; grades are checked at their cell; the class graduates', async () => {
    const { page } = b;
    await login(page, 'truong');
    await page.goto(`/classes/${state.classId}?tab=graduation`);
    await page.getByText('Chưa đủ thông tin: 2').waitFor();
    await page.getByRole('button', { name: 'Xét tốt nghiệp cả lớp' }).click();
    let confirm = page.getByRole('dialog').filter({ hasText: `Xét tốt nghiệp ${state.className.replace(/^Lớp /, 'lớp ')}` });
    await confirm.waitFor();
    await settled(page);
    let graduated = page.waitForResponse(
      (r) => isPath(r.url(), /^\/api\/v1\/classes\/\d+\/graduation$/) && r.request().method() === 'POST',
    );
    await confirm.getByRole('button', { name: 'Xét tốt nghiệp', exact: true }).click();
    expect((await graduated).status()).toBe(409);
    const pending = page.getByRole('list', { name: 'Học viên còn thiếu thông tin' });
    for (const p of [state.an, state.binh]) {
      const line = pending.getByRole('listitem').filter({ hasText: p.fullName });
      await line.getByText(/điểm học phần CV\.1/).waitFor();
      expect(await line.innerText()).toContain('kết quả thi tốt nghiệp hoặc khóa luận');
    }

    // ---------- grades ----------
    await page.getByRole('tab', { name: 'Điểm', exact: true }).click();
    const grades = page.getByRole('table', { name: 'Bảng điểm' });
    await grades.waitFor();
    const cell = (p: Person, module: string) => grades.getByLabel(`Điểm ${module} của ${p.fullName}`);
    const saveButton = page.getByRole('button', { name: 'Lưu điểm' });
    await cell(state.an, 'CV.1').fill('11');
    await grades.getByText('Điểm phải từ 0 đến 10.').waitFor();
    await page.getByText('1 ô điểm chưa hợp lệ').waitFor();
    expect(await saveButton.isDisabled()).toBe(true);
    await cell(state.an, 'CV.1').fill('7,25');
    await grades.getByText('Điểm chấm theo bước 0,1.').waitFor();
    expect(await saveButton.isDisabled()).toBe(true);
    const typed: [Person, string, string][] = [
      [state.an, 'CV.1', '8,5'],
      [state.an, 'CV.2', '9'],
      [state.an, 'CV.3', '8'],
      [state.an, 'CV.4', '9.5'],
      [state.an, 'Khóa luận', '9'],
      [state.binh, 'CV.1', '7'],
      [state.binh, 'CV.2', '7,5'],
      [state.binh, 'CV.3', '6,5'],
      [state.binh, 'CV.4', '8'],
      [state.binh, 'Khóa luận', '7'],
    ];
    for (const [p, m, v] of typed) await cell(p, m).fill(v);
    await expect.poll(() => grades.getByRole('alert').count()).toBe(0);
    const saved = page.waitForResponse((r) => isPath(r.url(), /^\/api\/v1\/classes\/\d+\/grades$/) && r.request().method() === 'PUT');
    await page.getByRole('button', { name: 'Lưu điểm (10 ô)' }).click();
    const savedRes = await saved;
    expect(savedRes.status()).toBe(200);
    const matrix = (await savedRes.json()) as { rows: { person: { id: number }; average: number | null }[] };
    const averageOf = (p: Person) => matrix.rows.find((r) => r.person.id === p.id)!.average!;
    await page.getByText('Đã lưu điểm.').first().waitFor();
    const anRow = grades.getByRole('row').filter({ hasText: state.an.fullName });
    await anRow.getByText(averageOf(state.an).toLocaleString('vi-VN')).waitFor();

    // ---------- graduation ----------
    await page.getByRole('tab', { name: 'Tốt nghiệp' }).click();
    await page.getByText('Đủ điều kiện: 2').waitFor();
    await page.getByText(`Mọi học viên đã đủ thông tin: có thể xét tốt nghiệp tại ngày ${vi(TODAY)}.`).waitFor();
    const list = page.getByRole('table', { name: 'Kết quả xét tốt nghiệp' });
    await expect.poll(() => list.locator('[data-passed="true"]').count()).toBe(8);
    await page.getByRole('button', { name: 'Xét tốt nghiệp cả lớp' }).click();
    confirm = page.getByRole('dialog').filter({ hasText: `Xét tốt nghiệp ${state.className.replace(/^Lớp /, 'lớp ')}` });
    await confirm.getByText('2 học viên đủ điều kiện tốt nghiệp, 0 không đủ điều kiện, 0 chưa đủ thông tin').waitFor();
    graduated = page.waitForResponse((r) => isPath(r.url(), /^\/api\/v1\/classes\/\d+\/graduation$/) && r.request().method() === 'POST');
    await confirm.getByRole('button', { name: 'Xét tốt nghiệp', exact: true }).click();
    const result = await graduated;
    expect(result.status(), await result.text()).toBe(200);
    const body = (await result.json()) as { completed: number; certificates: { enrolmentId: number; number: string }[] };
    expect(body.completed).toBe(2);
    expect(body.certificates.length).toBe(2);
    await page.getByText('2 học viên tốt nghiệp, 0 không đủ điều kiện; đã cấp 2 văn bằng, chứng chỉ.').waitFor();
    await page.getByText('Đã kết thúc').first().waitFor();
    // An: 8,5·80 + 9·60 + 8·72 + 9,5·8 over 220 periods
    expect(averageOf(state.an)).toBeGreaterThanOrEqual(8);
    await list.getByRole('row').filter({ hasText: state.an.fullName }).getByText('Giỏi').waitFor();
  });

  test('certificates: the PDF, the public verification page (valid; a tampered code is not), revocation with its reason', async () => {
    const { page } = b;
    await login(page, 'truong');
    await page.goto(`/classes/${state.classId}?tab=certificates`);
    const table = page.getByRole('table', { name: 'Văn bằng, chứng chỉ của lớp' });
    await table.waitFor();
    const list = await apiGet<{
      items: { id: number; number: string; person: { id: number }; verificationPath: string; classification: { label: string } }[];
    }>(page.request, `/api/v1/classes/${state.classId}/certificates`);
    expect(list.items.length).toBe(2);
    for (const c of list.items) {
      expect(c.number).toMatch(/^QLNN-CV\/\d{4}\/\d{6}$/);
      const p = c.person.id === state.an.id ? 'an' : 'binh';
      state.certificates[p] = c;
      const row = table.getByRole('row').filter({ hasText: c.number });
      await row.getByText(p === 'an' ? state.an.fullName : state.binh.fullName).waitFor();
      await row.getByText(c.classification.label, { exact: true }).waitFor();
      await row.getByText('Hợp lệ').waitFor();
    }
    const an = state.certificates.an!;

    // the PDF
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: `Tải PDF văn bằng số ${an.number}` }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);

    // the verification page is public: a visitor without an account opens it
    const href = await page.getByRole('link', { name: `Trang xác thực văn bằng số ${an.number}` }).getAttribute('href');
    expect(href).toBe(an.verificationPath);
    const visitor = await (await b.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await visitor.goto(an.verificationPath);
    const verdict = visitor.getByTestId('verify-result');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-status')).toBe('valid');
    await verdict.getByRole('heading', { name: 'Văn bằng, chứng chỉ hợp lệ' }).waitFor();
    await verdict.getByText(state.an.fullName, { exact: true }).waitFor();
    await verdict.getByText('1990', { exact: true }).waitFor();
    await verdict.getByText(an.number, { exact: true }).waitFor();
    await verdict.getByText('Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên').waitFor();
    await verdict.getByText('Giỏi', { exact: true }).waitFor();
    await verdict.getByText(vi(TODAY), { exact: true }).waitFor();
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // one character of the signed payload changed: not valid, and why
    const code = an.verificationPath.replace(/^\/verify\//, '');
    const tampered = `${code[0] === 'A' ? 'B' : 'A'}${code.slice(1)}`;
    await visitor.goto(`/verify/${tampered}`);
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-status')).toBe('invalid');
    await verdict.getByRole('heading', { name: 'Không xác thực được văn bằng, chứng chỉ' }).waitFor();
    expect(await verdict.getByText(state.an.fullName).count()).toBe(0);

    // revocation of Bình's certificate: the reason is required
    const binh = state.certificates.binh!;
    await page.getByRole('button', { name: `Thu hồi văn bằng số ${binh.number}` }).click();
    const revoke = page.getByRole('dialog').filter({ hasText: `Thu hồi văn bằng, chứng chỉ số ${binh.number}` });
    await revoke.waitFor();
    await settled(page);
    await revoke.getByRole('button', { name: 'Thu hồi' }).click();
    await revoke.getByText('Phải ghi lý do thu hồi.').waitFor();
    const reason = 'Phát hiện sai sót trong hồ sơ dự học';
    await revoke.getByLabel('Lý do thu hồi').fill(reason);
    const revoked = page.waitForResponse((r) => isPath(r.url(), /^\/api\/v1\/certificates\/\d+\/revoke$/));
    await revoke.getByRole('button', { name: 'Thu hồi' }).click();
    expect((await revoked).status()).toBe(200);
    await table.getByRole('row').filter({ hasText: binh.number }).getByText('Đã thu hồi').waitFor();
    await table.getByRole('row').filter({ hasText: binh.number }).getByText(reason, { exact: false }).waitFor();
    await visitor.goto(binh.verificationPath);
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-status')).toBe('revoked');
    await verdict.getByRole('heading', { name: 'Văn bằng, chứng chỉ đã bị thu hồi' }).waitFor();
    await verdict.getByText(reason).waitFor();
    await verdict.getByText(state.binh.fullName, { exact: true }).waitFor();
  });

  test("the graduate's profile shows the new qualification; the revoked one's does not", async () => {
    const { page } = b;
    await login(page, 'unit');
    await page.goto(`/people/${state.an.id}?tab=qualifications`);
    await page.getByRole('heading', { level: 1, name: state.an.fullName, exact: true }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Tốt nghiệp khóa học' });
    await row.getByText('Quản lý nhà nước').waitFor();
    await row.getByText('Chuyên viên', { exact: true }).waitFor();
    await row.getByText(vi(TODAY)).waitFor();
    await row.getByText('Trường Chính trị tỉnh', { exact: false }).waitFor();
    await page.goto(`/people/${state.binh.id}?tab=qualifications`);
    await page.getByRole('heading', { level: 1, name: state.binh.fullName, exact: true }).waitFor();
    await page.getByText('Chưa có thông tin trình độ').waitFor();
    expect(await page.getByText('Tốt nghiệp khóa học').count()).toBe(0);
  });

  test('a learner checks in with the QR code from a phone that is offline: the scan waits and syncs once, as one check-in', async () => {
    // a class running today with a session all day, the `hocvien` learner in it (the board overrides
    // the rules for her if she is not eligible: she may already study this programme in a demo class)
    const schoolCtx = await b.newContext();
    const registrar = await apiLogin(schoolCtx.request, 'truong');
    const cohort = `QR-${randomDigits(6)}`;
    const opened = await send(schoolCtx.request, registrar.csrfToken, 'post', '/api/v1/classes', {
      programmeCode: 'QLNN_CV',
      cohortCode: cohort,
      name: `Lớp bồi dưỡng ngạch chuyên viên ${cohort}`,
      mode: 'full_time',
      site: 'Trường Chính trị tỉnh',
      startDate: dayFromToday(-1),
      endDate: dayFromToday(5),
      capacity: 5,
    });
    expect(opened.status(), await opened.text()).toBe(201);
    const cls = (await opened.json()) as { id: number; modules: { id: number }[] };
    const session = await send(schoolCtx.request, registrar.csrfToken, 'post', `/api/v1/classes/${cls.id}/sessions`, {
      kind: 'lesson',
      moduleId: cls.modules[0]!.id,
      date: TODAY,
      startTime: '00:00',
      endTime: '23:59',
      room: `P.${randomWord(5)}`,
    });
    expect(session.status(), await session.text()).toBe(201);
    const sessionId = ((await session.json()) as { id: number }).id;
    const boardCtx = await b.newContext();
    const board = await apiLogin(boardCtx.request, 'admin');
    const homeCtx = await b.newContext();
    const home = await apiLogin(homeCtx.request, 'noivu');
    const learnerCtx = await b.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const learner = await apiLogin(learnerCtx.request, 'hocvien');
    const nominated = await send(boardCtx.request, board.csrfToken, 'post', `/api/v1/classes/${cls.id}/nominations`, {
      personId: learner.personId,
      overrideReason: 'Kiểm thử điểm danh bằng mã QR',
    });
    expect(nominated.status(), await nominated.text()).toBe(201);
    const nominationId = ((await nominated.json()) as { id: number }).id;
    expect(
      (
        await send(homeCtx.request, home.csrfToken, 'post', `/api/v1/nominations/${nominationId}/decision`, {
          step: 'board',
          decision: 'approved',
        })
      ).status(),
    ).toBe(200);
    expect(
      (
        await send(schoolCtx.request, registrar.csrfToken, 'post', `/api/v1/nominations/${nominationId}/decision`, {
          step: 'school',
          decision: 'approved',
        })
      ).status(),
    ).toBe(200);
    const code = await apiGet<{ path: string }>(schoolCtx.request, `/api/v1/sessions/${sessionId}/checkin-code`);

    // the phone scans the code without network: the scan is kept, the page says it waits
    const sent: { clientId: string; checkedInAt: string }[] = [];
    const offline = async (p: Page) =>
      p.route('**/api/v1/checkins', (route) => {
        sent.push(route.request().postDataJSON() as { clientId: string; checkedInAt: string });
        return route.abort('internetdisconnected');
      });
    let page = await learnerCtx.newPage();
    await offline(page);
    await page.goto(code.path);
    const status = page.getByTestId('checkin-state');
    await page.locator('[data-testid=checkin-state][data-state=waiting]').waitFor();
    await status.getByText('Đã lưu, sẽ gửi khi có mạng').waitFor();
    const pending = JSON.parse((await page.evaluate(() => localStorage.getItem('nangtam.pendingCheckins'))) ?? '[]') as {
      clientId: string;
      checkedInAt: string;
    }[];
    expect(pending.length).toBe(1);
    expect(sent.map((s) => s.clientId)).toEqual([pending[0]!.clientId]);
    // "Gửi lại ngay" while still offline: the same check-in again, still waiting
    await status.getByRole('button', { name: 'Gửi lại ngay' }).click();
    await page.locator('[data-testid=checkin-state][data-state=waiting]').waitFor();
    expect(new Set(sent.map((s) => s.clientId))).toEqual(new Set([pending[0]!.clientId]));
    await page.close();

    // the next time the app opens (with network), the kept scan is sent by itself
    page = await learnerCtx.newPage();
    const synced = page.waitForResponse((r) => isPath(r.url(), /^\/api\/v1\/checkins$/) && r.request().method() === 'POST');
    await page.goto('/learning');
    const syncRes = await synced;
    expect(syncRes.status()).toBe(200);
    expect(syncRes.request().postDataJSON()).toMatchObject({ clientId: pending[0]!.clientId, checkedInAt: pending[0]!.checkedInAt });
    expect(((await syncRes.json()) as { status: string }).status).toBe('checked_in');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('nangtam.pendingCheckins'))).toBeNull();

    // scanned again, offline, then the network comes back: one more sync, and still one attendance
    await offline(page);
    await page.goto(code.path);
    await page.locator('[data-testid=checkin-state][data-state=waiting]').waitFor();
    await page.unroute('**/api/v1/checkins');
    await learnerCtx.setOffline(true);
    await learnerCtx.setOffline(false);
    await page.locator('[data-testid=checkin-state][data-state=done]').waitFor();
    await page.getByTestId('checkin-state').getByText('Bạn đã điểm danh buổi này').waitFor();
    const sheet = await apiGet<{
      items: { person: { id: number }; mark: string | null; source: string | null; checkedInAt: string | null }[];
    }>(schoolCtx.request, `/api/v1/sessions/${sessionId}/attendance`);
    const mark = sheet.items.find((i) => i.person.id === learner.personId);
    expect(mark).toMatchObject({ mark: 'present', source: 'qr' });
    expect(Date.parse(mark!.checkedInAt!)).toBe(Date.parse(pending[0]!.checkedInAt));

    // a code that was tampered with
    await page.goto(`${code.path.slice(0, -1)}${code.path.endsWith('A') ? 'B' : 'A'}`);
    await page.locator('[data-testid=checkin-state][data-state=invalid]').waitFor();
    await page.getByTestId('checkin-state').getByText('Mã không hợp lệ').waitFor();
  });

  test('a learner follows their own classes on a phone', async () => {
    const ctx = await b.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    await login(page, 'hocvien');
    const mine = await apiGet<{ person: { fullName: string }; classes: { class: { name: string } }[]; certificates: { number: string }[] }>(
      page.request,
      '/api/v1/me/learning',
    );
    await page.goto('/learning');
    await page.getByRole('heading', { level: 1, name: 'Học tập của tôi' }).waitFor();
    await page.getByText(mine.person.fullName).first().waitFor();
    if (mine.classes.length === 0) await page.getByText('Bạn chưa được ghi danh vào lớp nào.').waitFor();
    for (const c of mine.classes) await page.getByText(c.class.name, { exact: true }).first().waitFor();
    for (const c of mine.certificates) await page.getByText(c.number).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(new URL(page.url(), BASE_URL).pathname).toBe('/learning');
  });
});
