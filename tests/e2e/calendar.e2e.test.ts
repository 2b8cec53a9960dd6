/**
 * Issue 14, point 9: one's own sessions as a week and a month calendar, the .ics file and a
 * subscription address a phone's calendar polls (revocable); the learner's timetable on a phone.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { todayInVietnam } from '@nang-tam/domain';
import { apiGet, login, useBrowser } from './support.js';

const b = useBrowser();

interface Entry {
  id: number;
  uid: string;
  date: string;
  startTime: string;
  endTime: string;
  moduleName: string | null;
  kind: 'lesson' | 'field_trip' | 'exam';
  className: string;
  cancelled: boolean;
}

const KIND = { lesson: 'Lên lớp', field_trip: 'Đi thực tế', exam: 'Thi, kiểm tra' } as const;
const what = (s: Entry) => s.moduleName ?? KIND[s.kind];

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The first session from today on, as the API lists it for the signed-in user. */
async function firstUpcoming(page: Page): Promise<Entry> {
  const today = todayInVietnam();
  const cal = await apiGet<{ items: Entry[] }>(page.request, `/api/v1/me/calendar?from=${today}&to=${addDays(today, 120)}`);
  const first = cal.items.find((s) => !s.cancelled);
  expect(first, 'the demo gives this account sessions ahead').toBeDefined();
  return first!;
}

describe('calendar', () => {
  test('a lecturer sees their teaching by week and month, downloads the .ics and subscribes a phone', async () => {
    const { page } = b;
    await login(page, 'giangvien');
    await page.getByRole('link', { name: 'Lịch', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/calendar');
    await page.getByRole('heading', { level: 1, name: 'Lịch giảng theo tuần, tháng' }).waitFor();

    const s = await firstUpcoming(page);
    await page.goto(`/calendar?date=${s.date}`);
    const week = page.getByRole('table', { name: 'Tuần' });
    await week
      .getByText(`${s.startTime}–${s.endTime} · ${what(s)}`)
      .first()
      .waitFor();
    await week.getByRole('link', { name: s.className }).first().waitFor();

    // the month: a chip per session; it opens the session's details
    await page.getByText('Tháng', { exact: true }).click();
    const month = page.getByRole('table', { name: 'Tháng' });
    await month.waitFor();
    expect(page.url()).toContain('view=month');
    await month
      .getByRole('button', { name: `${s.startTime} ${what(s)}` })
      .first()
      .click();
    await page
      .locator('.ant-popover')
      .getByText(`${s.startTime}–${s.endTime} · ${what(s)}`)
      .first()
      .waitFor();

    // the .ics file
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải tệp .ics' }).click()]);
    expect(download.suggestedFilename()).toBe('lich-giang.ics');
    const ics = await readFile(await download.path(), 'utf8');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain(`UID:${s.uid}\r\n`);

    // a subscription address: shown once, read without a session, then revoked
    await page.getByRole('button', { name: 'Tạo địa chỉ đăng ký lịch' }).click();
    const code = page.locator('code').filter({ hasText: '/api/v1/calendar/feeds/' });
    const url = (await code.textContent())!;
    expect(url).toMatch(/\/api\/v1\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const phone = await b.newContext();
    const polled = await phone.request.get(url);
    expect(polled.status()).toBe(200);
    expect(polled.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect(await polled.text()).toContain(`UID:${s.uid}\r\n`);

    await page.getByRole('button', { name: 'Hủy đăng ký' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Hủy đăng ký' }).click();
    await page.getByText('Đã hủy địa chỉ đăng ký lịch.').waitFor();
    expect((await phone.request.get(url)).status()).toBe(404);
    await page.getByRole('button', { name: 'Tạo địa chỉ đăng ký lịch' }).waitFor();
  });

  test('a registrar opens one class’s schedule as a calendar, narrowed to that class', async () => {
    const { page } = b;
    await login(page, 'truong');
    const s = await firstUpcoming(page);
    const cal = await apiGet<{ items: (Entry & { classId: number; cohortCode: string })[] }>(
      page.request,
      `/api/v1/me/calendar?from=${s.date}&to=${addDays(s.date, 6)}`,
    );
    const cls = cal.items.find((i) => i.id === s.id)!;
    expect(new Set(cal.items.map((i) => i.classId)).size, 'the demo school runs several classes at once').toBeGreaterThan(1);

    await page.goto(`/classes/${cls.classId}?tab=schedule`);
    await page.getByRole('link', { name: 'Xem dạng lịch tuần, tháng' }).click();
    await page.waitForURL((u) => u.pathname === '/calendar' && u.searchParams.get('class') === String(cls.classId));
    await page.getByRole('heading', { level: 1, name: 'Lịch các lớp' }).waitFor();
    await page.getByRole('table', { name: 'Tháng' }).waitFor();
    await page.getByText(`${cls.className} (${cls.cohortCode})`).first().waitFor();

    // the week of the session: every session shown is of that class
    await page.goto(`/calendar?class=${cls.classId}&date=${s.date}`);
    const week = page.getByRole('table', { name: 'Tuần' });
    await week
      .getByText(`${s.startTime}–${s.endTime} · ${what(s)}`)
      .first()
      .waitFor();
    const names = await week.getByRole('link').allTextContents();
    const expected = cal.items.filter((i) => i.classId === cls.classId).length;
    expect(names).toHaveLength(expected);
    expect(new Set(names)).toEqual(new Set([cls.className]));
  });

  test('a learner reads their timetable on a phone, day by day, without sideways scrolling', async () => {
    const phone = await b.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await phone.newPage();
    await login(page, 'hocvien');
    const s = await firstUpcoming(page);
    await page.goto(`/calendar?date=${s.date}`);
    await page.getByRole('heading', { level: 1, name: 'Thời khóa biểu của tôi' }).waitFor();
    const days = page.getByRole('list', { name: 'Tuần' });
    await days
      .getByText(`${s.startTime}–${s.endTime} · ${what(s)}`)
      .first()
      .waitFor();
    for (const view of ['week', 'month']) {
      if (view === 'month') {
        await page.getByText('Tháng', { exact: true }).tap();
        // a day's count opens its week
        await page
          .getByRole('table', { name: 'Tháng' })
          .getByText(/^\d+ buổi$/)
          .first()
          .waitFor();
      }
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth, `the ${view} view scrolls sideways`).toBeLessThanOrEqual(clientWidth);
    }
  });
});
