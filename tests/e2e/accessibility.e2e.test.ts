/**
 * Issue 14, point 7: axe-core finds no serious or critical violation on the main pages of each
 * role, on a desktop (1440×900) and a phone (390×844); every page has one h1 and a skip link first.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { apiLogin, settled, UI_TIMEOUT, useBrowser } from './support.js';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const b = useBrowser();

const MAIN_PAGES: [string, string[]][] = [
  ['admin', ['/people', '/classes', '/candidates', '/gaps', '/plans', '/needs', '/catalogue']],
  ['noivu', ['/people', '/gaps', '/support']],
  ['unit', ['/my-learners', '/outside-trainings']],
  ['truong', ['/classes', '/calendar']],
  ['giangvien', ['/teaching']],
  ['hocvien', ['/learning', '/calendar', '/my-support']],
];
const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

interface Finding {
  page: string;
  rule: string;
  impact: string;
  targets: string[];
}

/** Waits for the page's h1 and for its data to arrive (no skeleton, no spinning table). */
async function ready(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor({ timeout: UI_TIMEOUT });
  await expect
    .poll(async () => page.locator('.ant-skeleton, .ant-spin-spinning').count(), { timeout: UI_TIMEOUT })
    .toBe(0);
  await settled(page);
}

async function axeFindings(page: Page, path: string): Promise<Finding[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> };
    };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: path, rule: v.id, impact: v.impact, targets: v.targets.slice(0, 5) }));
}

describe('accessibility of the main pages (axe-core)', () => {
  for (const vp of VIEWPORTS) {
    test.each(MAIN_PAGES)(`${vp.name}: %s's main pages have no serious violation`, async (username, paths) => {
      // the server's Content-Security-Policy forbids inline scripts; axe is the test's own script
      const context = await b.newContext({
        bypassCSP: true,
        viewport: { width: vp.width, height: vp.height },
        isMobile: vp.width < 768,
        hasTouch: vp.width < 768,
      });
      await apiLogin(context.request, username);
      const page = await context.newPage();
      const findings: Finding[] = [];
      for (const path of paths) {
        await page.goto(path);
        await page.waitForURL((u) => u.pathname === path);
        await ready(page);
        expect(await page.locator('h1').count(), `one h1 on ${path}`).toBe(1);
        findings.push(...(await axeFindings(page, path)));
      }
      const report = findings.map((f) => `${f.page} ${f.impact} ${f.rule}: ${f.targets.join(' | ')}`);
      expect(report, report.join('\n')).toEqual([]);
    });
  }

  test('the login page has no serious violation', async () => {
    const page = await (await b.newContext({ bypassCSP: true })).newPage();
    await page.goto('/login');
    await page.locator('h1').first().waitFor();
    const findings = await axeFindings(page, '/login');
    expect(findings.map((f) => `${f.rule}: ${f.targets.join(' | ')}`)).toEqual([]);
  });

  test('the skip link is the first stop of the keyboard and leads to the main content', async () => {
    const context = await b.newContext();
    await apiLogin(context.request, 'admin');
    const page = await context.newPage();
    await page.goto('/people');
    await ready(page);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Bỏ qua đến nội dung chính' });
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    // landmarks: one banner, one main, the main navigation named
    expect(await page.getByRole('main').count()).toBe(1);
    await page.getByRole('banner').getByRole('menu', { name: 'Điều hướng chính' }).waitFor();
    // menu entries are announced by their Vietnamese names only (their icons are decorative; the
    // bar's overflow indicator, when the bar is too narrow, is "Các mục khác")
    const names = await page.locator('header [role="img"][aria-label]:not([aria-hidden="true"]):visible').evaluateAll((els) =>
      els.filter((e) => e.closest('header')).map((e) => e.getAttribute('aria-label')),
    );
    expect(names.filter((n) => n !== 'Các mục khác')).toEqual([]);
  });
});
