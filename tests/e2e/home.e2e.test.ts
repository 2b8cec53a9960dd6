/**
 * Issue 14, point 1: each role lands on its own work after signing in, and "/" takes it there again
 * (the server names the page in the session; the web app follows it).
 */
import { describe, expect, test } from 'vitest';
import { apiGet, login, useBrowser } from './support.js';

const b = useBrowser();

describe('the first screen of each role', () => {
  test.each<[string, string, string, number]>([
    ['admin', '/people', 'Hồ sơ cán bộ', 1],
    ['noivu', '/people', 'Hồ sơ cán bộ', 1],
    ['sysadmin', '/people', 'Hồ sơ cán bộ', 1],
    ['truong', '/classes', 'Lớp học', 1],
    ['unit', '/my-learners', 'Học viên của đơn vị', 1],
    ['giangvien', '/teaching', 'Lịch giảng', 1],
    ['hocvien', '/learning', 'Học tập của tôi', 1],
  ])('%s lands on %s ("%s"), and "/" leads there again', async (username, path, heading, level) => {
    const { page } = b;
    await page.goto('/');
    await page.waitForURL((u) => u.pathname === '/login');
    await login(page, username);
    await page.waitForURL((u) => u.pathname === path);
    await page.getByRole('heading', { level, name: heading, exact: true }).waitFor();
    // the server decided it: the session says so
    const me = await apiGet<{ home: string }>(page.request, '/api/v1/auth/me');
    expect(me.home).toBe(path);
    // going to "/" again leads to the same page
    await page.goto('/');
    await page.waitForURL((u) => u.pathname === path);
    await page.getByRole('heading', { level, name: heading, exact: true }).waitFor();
  });
});
