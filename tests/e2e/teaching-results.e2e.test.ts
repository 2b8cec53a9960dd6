/**
 * A lecturer's own survey results (branch lecturer-views, decision 0066): the demo `giangvien`
 * lecturer opens "Ý kiến học viên" (`/teaching/feedback`, opened by its address) and sees, class by
 * class, what learners said about them — the figures the API gives, anonymous, a class under the
 * threshold as a count only — and cannot read a colleague's results.
 */
import { describe, expect, test } from 'vitest';
import type { TeachingResults } from '@nang-tam/contracts';
import { apiGet, login, settled, UI_TIMEOUT, useBrowser } from './support.js';

const b = useBrowser();
const avg = (v: number | null) => (v === null ? '—' : new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v));

describe("a lecturer's own survey results", () => {
  test('the lecturer sees their classes and their own figures, nothing about a colleague', async () => {
    const { page, context } = b;
    await login(page, 'giangvien');
    await page.goto('/teaching/feedback');
    await page.getByRole('heading', { level: 1, name: 'Ý kiến học viên về giảng viên' }).waitFor({ timeout: UI_TIMEOUT });
    await settled(page);
    const r = await apiGet<TeachingResults>(context.request, '/api/v1/me/teaching-results');
    expect(r.lecturer, 'the demo giangvien account is linked to a lecturer record').not.toBeNull();
    expect(r.classes.length, 'the demo has finished classes whose survey rated giangvien').toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('tr-lecturer').innerText()).toBe(r.lecturer!.name);

    // the pooled figure and every class's row, as the API computes them
    await expect.poll(() => page.getByTestId('tr-overall').innerText()).toBe(avg(r.overall.average));
    const byClass = page.locator('.ant-card').filter({ hasText: 'Theo lớp' });
    for (const c of r.classes) {
      const row = byClass.locator('tr').filter({ hasText: c.className }).first();
      await row.waitFor({ timeout: UI_TIMEOUT });
      const text = await row.innerText();
      expect(text).toContain(`${c.responses}/${c.learners} học viên`);
      expect(text).toContain(c.suppressed ? 'Dưới ngưỡng' : avg(c.average));
    }
    expect(await page.getByText(`Lớp có dưới ${r.minResponses} phiếu đánh giá giảng viên chỉ hiện số phiếu`).count()).toBe(1);
    // no comment of the survey, no general question, is part of the page
    expect(await page.getByText('Nội dung chương trình phù hợp với mục tiêu khóa học').count()).toBe(0);

    // the school's per-lecturer and per-class routes are not the lecturer's
    const other = await context.request.get(`/api/v1/reaction/lecturers/${r.lecturer!.id + 1}`);
    expect(other.status()).toBe(403);
    const surveys = await context.request.get('/api/v1/reaction/surveys');
    expect(surveys.status()).toBe(403);
    // the export is offered
    expect(await page.getByRole('button', { name: /Xuất PDF/ }).count()).toBe(1);
  });
});
