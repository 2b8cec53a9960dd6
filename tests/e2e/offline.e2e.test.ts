/**
 * Issue 13 point 5: the app works offline where it promises to. The learner's phone has used the
 * app once (the service worker is installed and controls the page); with no network, the check-in
 * link still opens the check-in page, keeps the scan and says so; when the network returns the scan
 * is sent once and recorded once; the learner's own page reads offline from the last answer.
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

async function send(request: APIRequestContext, csrf: string, path: string, data: unknown) {
  return request.post(path, { data, headers: { 'x-csrf-token': csrf } });
}

describe('offline', () => {
  test('the service worker, the manifest and the icons are served with the right headers', async () => {
    const { context } = b;
    const sw = await context.request.get('/sw.js');
    expect(sw.status()).toBe(200);
    expect(sw.headers()['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(sw.headers()['cache-control']).toBe('no-cache');
    expect(await sw.text()).toContain('/index.html');
    const manifest = await context.request.get('/manifest.webmanifest');
    expect(manifest.status()).toBe(200);
    expect(manifest.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const m = (await manifest.json()) as { name: string; short_name: string; theme_color: string; icons: { src: string; sizes: string }[] };
    expect(m.short_name).toBe('Nâng Tầm');
    expect(m.theme_color).toBe('#0f3b6e');
    for (const icon of m.icons) {
      const res = await context.request.get(icon.src);
      expect(res.status(), icon.src).toBe(200);
      expect(res.headers()['content-type']).toBe('image/png');
      expect((await res.body()).subarray(1, 4).toString('ascii')).toBe('PNG');
    }
  });

  test('a check-in link opened with no network shows the check-in page, queues the scan and sends it once back online', async () => {
    // a class running today with an all-day session and the `hocvien` learner in it
    const schoolCtx = await b.newContext();
    const registrar = await apiLogin(schoolCtx.request, 'truong');
    const cohort = `OFF-${randomDigits(6)}`;
    const opened = await send(schoolCtx.request, registrar.csrfToken, '/api/v1/classes', {
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
    const cls = (await opened.json()) as { id: number; name: string; modules: { id: number }[] };
    const created = await send(schoolCtx.request, registrar.csrfToken, `/api/v1/classes/${cls.id}/sessions`, {
      kind: 'lesson',
      moduleId: cls.modules[0]!.id,
      date: dayFromToday(0),
      startTime: '00:00',
      endTime: '23:59',
      room: `P.${randomWord(5)}`,
    });
    expect(created.status(), await created.text()).toBe(201);
    const sessionId = ((await created.json()) as { id: number }).id;
    const boardCtx = await b.newContext();
    const board = await apiLogin(boardCtx.request, 'admin');
    const homeCtx = await b.newContext();
    const home = await apiLogin(homeCtx.request, 'noivu');
    const learnerApi = await b.newContext();
    const learner = await apiLogin(learnerApi.request, 'hocvien');
    const nominated = await send(boardCtx.request, board.csrfToken, `/api/v1/classes/${cls.id}/nominations`, {
      personId: learner.personId,
      overrideReason: 'Kiểm thử điểm danh khi không có mạng',
    });
    expect(nominated.status(), await nominated.text()).toBe(201);
    const nominationId = ((await nominated.json()) as { id: number }).id;
    for (const [ctx, csrf, step] of [
      [homeCtx, home.csrfToken, 'board'],
      [schoolCtx, registrar.csrfToken, 'school'],
    ] as const) {
      const decided = await send(ctx.request, csrf, `/api/v1/nominations/${nominationId}/decision`, { step, decision: 'approved' });
      expect(decided.status(), await decided.text()).toBe(200);
    }
    const code = await apiGet<{ path: string }>(schoolCtx.request, `/api/v1/sessions/${sessionId}/checkin-code`);

    // the learner's phone, online once: signs in, opens their page; the service worker takes over
    const phone = await b.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'allow' });
    const page = await phone.newPage();
    await login(page, 'hocvien');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.goto('/learning');
    await page.getByRole('heading', { level: 1, name: 'Học tập của tôi' }).waitFor();
    await page.getByText(cls.name, { exact: true }).first().waitFor();
    await expect
      .poll(() => page.evaluate(async () => (await caches.match('/api/v1/me/learning')) !== undefined))
      .toBe(true);

    // no network: the learner's page still reads (the last answer), the check-in link opens
    await phone.setOffline(true);
    await page.goto('/learning');
    await page.getByRole('heading', { level: 1, name: 'Học tập của tôi' }).waitFor();
    await page.getByText(cls.name, { exact: true }).first().waitFor();

    await page.goto(code.path);
    const status = page.locator('[data-testid=checkin-state][data-state=waiting]');
    await status.waitFor();
    await status.getByText('Đã lưu, sẽ gửi khi có mạng').waitFor();
    const pending = JSON.parse((await page.evaluate(() => localStorage.getItem('nangtam.pendingCheckins'))) ?? '[]') as {
      clientId: string;
      checkedInAt: string;
    }[];
    expect(pending.length).toBe(1);
    type Sheet = { items: { person: { id: number }; mark: string | null; source: string | null; checkedInAt: string | null }[] };
    const before = await apiGet<Sheet>(schoolCtx.request, `/api/v1/sessions/${sessionId}/attendance`);
    expect(before.items.find((i) => i.person.id === learner.personId)?.mark ?? null).toBeNull();

    // the network returns: the scan is sent by itself, once
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/checkins') posts.push(r.url());
    });
    await phone.setOffline(false);
    await page.locator('[data-testid=checkin-state][data-state=done]').waitFor();
    await page.getByTestId('checkin-sent').getByText('Đã gửi').waitFor();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('nangtam.pendingCheckins'))).toBeNull();
    const after = await apiGet<Sheet>(schoolCtx.request, `/api/v1/sessions/${sessionId}/attendance`);
    const mine = after.items.filter((i) => i.person.id === learner.personId);
    expect(mine.length).toBe(1);
    expect(mine[0]).toMatchObject({ mark: 'present', source: 'qr' });
    expect(Date.parse(mine[0]!.checkedInAt!)).toBe(Date.parse(pending[0]!.checkedInAt));
    expect(posts.length).toBe(1);

    // a replay of the same scan (the phone did not hear the answer) is recorded once, not twice
    const token = code.path.split('/').pop()!;
    const replay = await send(learnerApi.request, learner.csrfToken, '/api/v1/checkins', {
      token,
      clientId: pending[0]!.clientId,
      checkedInAt: pending[0]!.checkedInAt,
    });
    expect(replay.status(), await replay.text()).toBe(200);
    // the server finds the scan by its clientId and gives the same answer again, writing nothing
    expect(((await replay.json()) as { status: string; checkedInAt: string }).status).toBe('checked_in');
    const again = await apiGet<Sheet>(schoolCtx.request, `/api/v1/sessions/${sessionId}/attendance`);
    expect(again.items.filter((i) => i.person.id === learner.personId)).toEqual(mine);

    // logging out empties the cache of the learner's own reads
    expect(await page.evaluate(async () => (await caches.match('/api/v1/me/learning')) !== undefined)).toBe(true);
    await page.goto('/learning');
    await page.getByRole('heading', { level: 1, name: 'Học tập của tôi' }).waitFor();
    await page.getByRole('button', { name: 'Mở menu' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/login/);
    // (the login page may cache the vocabularies again: not personal)
    const personal = () =>
      page.evaluate(async () =>
        Promise.all(['/api/v1/auth/me', '/api/v1/me/learning', '/api/v1/me/sessions'].map(async (u) => (await caches.match(u)) !== undefined)),
      );
    await expect.poll(personal).toEqual([false, false, false]);
  });
});
