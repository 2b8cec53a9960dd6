/**
 * Issue 9 wired (decision 0035), on the demo province: the board turns next year's needs campaign
 * into lines of next year's draft plan ("Tạo dòng kế hoạch từ nhu cầu": propose, review, add), and
 * plan against actual shows a person sent to train outside the province against their line, with
 * the record and the person in the drill-down.
 */
import { describe, expect, test } from 'vitest';
import { apiGet, apiLogin, login, settled, useBrowser } from './support.js';

const b = useBrowser();

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Campaign {
  id: number;
  year: number;
  title: string;
}
interface RealisationLine {
  row: string;
  line: { programmeName: string; mode: string; quarter: number; organiser: string; classes: number };
  figures: { doneClasses: number; doneLearners: number };
}

describe('needs → plan, and outside training in plan against actual', () => {
  test('the board adds plan lines from aggregated needs; an outside-training record shows against its line', { timeout: 180_000 }, async () => {
    const page = b.page;
    const ctx = await b.newContext();
    await apiLogin(ctx.request, 'admin');
    const year = Number(new Date().toISOString().slice(0, 4));
    const campaigns = await apiGet<{ items: Campaign[] }>(ctx.request, '/api/v1/needs/campaigns');
    const campaign = campaigns.items.find((c) => c.year === year + 1)!;
    expect(campaign).toBeDefined();
    const plan = await apiGet<{ versions: { id: number; status: string; lineCount: number }[] }>(ctx.request, `/api/v1/plans/annual/${year + 1}`);
    const draft = plan.versions.at(-1)!;
    expect(draft.status).toBe('draft');

    // from the campaign's page to the plan's draft version, the proposal open
    await login(page, 'admin');
    await page.goto(`/needs/${campaign.id}`);
    await page.getByTestId('needs-to-plan').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Tạo dòng kế hoạch từ nhu cầu đã tổng hợp').waitFor();
    await dialog.locator('input[data-testid="from-needs-class-size"], [data-testid="from-needs-class-size"] input').first().fill('40');
    await dialog.getByTestId('from-needs-propose').click();
    const rows = dialog.getByTestId('from-needs-lines').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    const proposed = await rows.count();
    await expect.poll(() => dialog.getByText(/Số lớp = làm tròn lên/).count()).toBe(1);
    // keep all but the first line
    await rows.first().locator('input[type="checkbox"]').click();
    await dialog.getByTestId('from-needs-add').click();
    await expect.poll(() => page.getByText(`Đã thêm ${proposed - 1} dòng kế hoạch từ nhu cầu.`).count()).toBe(1);
    const after = await apiGet<{ lineCount: number; status: string }>(ctx.request, `/api/v1/plans/versions/${draft.id}`);
    expect(after.lineCount).toBe(draft.lineCount + proposed - 1);

    // plan against actual: a line of people sent outside, 0 classes, its learners drilled to the record and the person
    const r = await apiGet<{ lines: RealisationLine[] }>(ctx.request, `/api/v1/plans/annual/${year}/realisation?asOf=${year}-12-31`);
    const sent = r.lines.find((l) => l.line.classes === 0 && l.figures.doneLearners > 0)!;
    expect(sent).toBeDefined();
    expect(sent.figures.doneClasses).toBe(0);
    const drill = await apiGet<{ outside: { person: { fullName: string }; institution: string }[] }>(
      ctx.request,
      `/api/v1/plans/annual/${year}/realisation/drill?asOf=${year}-12-31&row=${sent.row}&measure=done`,
    );
    await page.goto(`/plans/realisation?year=${year}&asOf=${year}-12-31`);
    await settled(page);
    const button = page.getByTestId('realisation-table').getByRole('button', { name: new RegExp(`^${escapeRe(sent.line.programmeName)} .*: Thực hiện ${sent.figures.doneLearners}$`) });
    await button.first().click();
    const outside = page.getByTestId('drill-outside');
    await outside.waitFor();
    await expect.poll(() => outside.getByRole('link', { name: drill.outside[0]!.person.fullName }).count()).toBeGreaterThan(0);
    await expect.poll(() => outside.getByText(drill.outside[0]!.institution).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/Người được cử đi đào tạo ngoài tỉnh/).count()).toBe(1);
  });
});
