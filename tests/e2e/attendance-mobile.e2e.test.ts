/**
 * Attendance on a phone (390×844, touch), issue 14 point 4: the lecturer marks a whole session with
 * one tap per learner on buttons at least 44 px high, the bar with the counts, "Có mặt tất cả" and
 * "Lưu" stays in view however far the list scrolls, the name search ignores diacritics, and the
 * marks are there after saving and reloading.
 */
import { describe, expect, test } from 'vitest';
import type { Locator } from 'playwright-core';
import { todayInVietnam } from '@nang-tam/domain';
import { apiGet, fold, login, useBrowser } from './support.js';

const b = useBrowser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

const VIEWPORT = { width: 390, height: 844 };
type Mark = 'present' | 'absent_excused' | 'absent_unexcused' | 'recalled';
const WORD: Record<Mark, string> = {
  present: 'có mặt',
  absent_excused: 'vắng có phép',
  absent_unexcused: 'vắng không phép',
  recalled: 'cơ quan triệu tập',
};
interface Sheet {
  held: boolean;
  class: { id: number; status: string };
  items: { enrolmentId: number; person: { fullName: string }; mark: Mark | null }[];
}

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The mark the test gives the i-th learner: mostly present, some absent with or without permission. */
const target = (i: number): Mark => (i % 7 === 3 ? 'absent_excused' : i % 7 === 5 ? 'absent_unexcused' : 'present');

async function boxOf(l: Locator) {
  const box = await l.boundingBox();
  expect(box, 'the element has a box').not.toBeNull();
  return box!;
}

describe('attendance on a phone', () => {
  test('the lecturer marks a session with one tap per learner; the bar stays in view; the marks survive a reload', async () => {
    const { page } = b;
    await login(page, 'giangvien');

    // a session the lecturer taught, in a class under way, with the longest list of learners
    const today = todayInVietnam();
    const mine = await apiGet<{ items: { id: number; date: string; class: { id: number } }[] }>(
      page.request,
      `/api/v1/me/sessions?from=${addDays(today, -120)}&to=${today}`,
    );
    const candidates = mine.items.filter((s) => s.date <= today).slice(-12);
    let chosen: { sessionId: number; classId: number; sheet: Sheet } | null = null;
    for (const s of candidates) {
      const sheet = await apiGet<Sheet>(page.request, `/api/v1/sessions/${s.id}/attendance`);
      if (!sheet.held || sheet.class.status === 'finished') continue;
      if (!chosen || sheet.items.length > chosen.sheet.items.length) chosen = { sessionId: s.id, classId: s.class.id, sheet };
    }
    expect(chosen, 'the demo lecturer has a held session of a class under way').not.toBeNull();
    const { sessionId, classId, sheet } = chosen!;
    expect(sheet.items.length, 'a list long enough to scroll').toBeGreaterThanOrEqual(10);

    await page.goto(`/classes/${classId}?tab=attendance&session=${sessionId}`);
    const list = page.getByRole('list', { name: 'Danh sách điểm danh' });
    const rows = list.getByRole('listitem');
    await list.waitFor({ timeout: 30_000 });
    await expect.poll(() => rows.count()).toBe(sheet.items.length);
    const bar = page.getByRole('region', { name: 'Điểm danh buổi này' });
    await bar.waitFor();

    // the diacritic-insensitive search narrows the list, then clears
    const probe = sheet.items[Math.floor(sheet.items.length / 2)]!.person.fullName;
    const words = fold(probe).split(' ');
    const query = `${words[0]} ${words[words.length - 1]}`;
    const search = page.getByRole('textbox', { name: 'Tìm học viên theo tên' });
    await search.fill(query);
    const expectedHits = sheet.items.filter((r) => {
      const name = fold(r.person.fullName).split(' ');
      return query.split(' ').every((w) => name.some((n) => n.startsWith(w)));
    }).length;
    await expect.poll(() => rows.count()).toBe(expectedHits);
    await list.getByText(probe, { exact: true }).first().waitFor();
    await search.fill('');
    await expect.poll(() => rows.count()).toBe(sheet.items.length);

    // one tap per learner, in list order
    let changes = 0;
    for (let i = 0; i < sheet.items.length; i++) {
      const r = sheet.items[i]!;
      const button = rows.nth(i).getByRole('button', { name: `${r.person.fullName}: ${WORD[target(i)]}`, exact: true });
      await button.tap();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
      if (r.mark !== target(i)) changes += 1;
      if (i < 3) {
        // every mark button of the row is a large target
        for (const other of await rows.nth(i).getByRole('group').getByRole('button').all()) {
          const box = await boxOf(other);
          expect(box.height, 'mark button height').toBeGreaterThanOrEqual(44);
          expect(box.width, 'mark button width').toBeGreaterThanOrEqual(44);
          expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
        }
      }
    }
    expect(changes, 'the demo marks differ from the test pattern somewhere').toBeGreaterThan(0);
    const present = sheet.items.filter((_, i) => target(i) === 'present').length;
    const absent = sheet.items.length - present;
    await bar.getByText(`Có mặt ${present}`, { exact: true }).waitFor();
    await bar.getByText(`Vắng ${absent}`, { exact: true }).waitFor();

    // scrolled to the bottom of the list, the bar is still whole on the screen, and so are its buttons
    await rows.last().scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.mouse.wheel(0, 5000);
    await expect.poll(async () => (await boxOf(rows.first())).y, { message: 'the list has scrolled' }).toBeLessThan(0);
    const barBox = await boxOf(bar);
    expect(barBox.y).toBeGreaterThanOrEqual(0);
    expect(barBox.y + barBox.height).toBeLessThanOrEqual(VIEWPORT.height);
    expect(barBox.x).toBeGreaterThanOrEqual(0);
    expect(barBox.x + barBox.width).toBeLessThanOrEqual(VIEWPORT.width);
    const all = bar.getByRole('button', { name: /^Có mặt tất cả \(\d+\)$/ });
    const save = bar.getByRole('button', { name: `Lưu (${changes} thay đổi)` });
    for (const button of [all, save]) {
      const box = await boxOf(button);
      expect(box.height, 'bar button height').toBeGreaterThanOrEqual(44);
      expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height);
    }
    // the last learner's row can be scrolled clear of the bar
    expect((await boxOf(rows.last())).y + (await boxOf(rows.last())).height).toBeLessThanOrEqual(barBox.y);

    // one request saves the whole session, each mark saying what it replaces
    const saved = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/sessions/${sessionId}/attendance` && r.request().method() === 'PUT');
    await save.tap();
    const res = await saved;
    expect(res.status()).toBe(200);
    const sent = res.request().postDataJSON() as { marks: { enrolmentId: number; mark: Mark; expected: Mark | null }[] };
    expect(sent.marks).toHaveLength(changes);
    for (const m of sent.marks) {
      const i = sheet.items.findIndex((r) => r.enrolmentId === m.enrolmentId);
      expect(m).toEqual({ enrolmentId: m.enrolmentId, mark: target(i), expected: sheet.items[i]!.mark });
    }
    await page.getByText('Đã lưu điểm danh.').first().waitFor();
    await bar.getByRole('button', { name: 'Lưu', exact: true }).waitFor();

    // after a reload, every learner shows the mark given
    await page.reload();
    await list.waitFor({ timeout: 30_000 });
    await expect.poll(() => rows.count()).toBe(sheet.items.length);
    for (let i = 0; i < sheet.items.length; i++) {
      const r = sheet.items[i]!;
      await expect
        .poll(() => rows.nth(i).getByRole('button', { name: `${r.person.fullName}: ${WORD[target(i)]}`, exact: true }).getAttribute('aria-pressed'))
        .toBe('true');
    }
    const after = await apiGet<Sheet>(page.request, `/api/v1/sessions/${sessionId}/attendance`);
    expect(after.items.map((r) => r.mark)).toEqual(sheet.items.map((_, i) => target(i)));
  });
});
