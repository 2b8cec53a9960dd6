/**
 * Printed documents (issue 10): the school's registrar opens a class of the demo province that has
 * learners, goes to its "Văn bản" tab, types the decision's number and date, downloads the decision
 * sending the learners to study as a Word file, and reads it back: national motto, number and
 * symbol, place and date, title, articles, recipients, signature and the learners of the list.
 */
import { describe, expect, test } from 'vitest';
import type { ClassDocumentList, ClassPage, DocumentSettings, GradeMatrix } from '@nang-tam/contracts';
import { docxText } from '../support/docx-text.js';
import { apiGet, apiLogin, BASE_URL, UI_TIMEOUT, useBrowser } from './support.js';

const b = useBrowser();

describe('printed documents', () => {
  test('the registrar downloads a decision as DOCX from the class page and it says what the records say', async () => {
    const ctx = await b.newContext();
    await apiLogin(ctx.request, 'truong');
    // a class of the school with learners on its list: its decision is available
    const classes = await apiGet<ClassPage>(ctx.request, '/api/v1/classes?limit=50');
    let chosen: { id: number; name: string } | null = null;
    for (const c of classes.items.filter((x) => x.enrolled > 0)) {
      const docs = await apiGet<ClassDocumentList>(ctx.request, `/api/v1/classes/${c.id}/documents`);
      if (docs.items.find((d) => d.kind === 'study_decision')?.refusal === null) {
        chosen = c;
        break;
      }
    }
    expect(chosen, 'a class with an approved list').not.toBeNull();
    const cls = chosen!;
    const learners = (await apiGet<GradeMatrix>(ctx.request, `/api/v1/classes/${cls.id}/grades`)).rows.map((r) => r.person.fullName);
    const docs = await apiGet<ClassDocumentList>(ctx.request, `/api/v1/classes/${cls.id}/documents`);
    const settings = await apiGet<DocumentSettings>(ctx.request, `/api/v1/units/${docs.issuer.unitId}/document-settings`);

    // the context's API login also signs its pages in
    const page = await ctx.newPage();
    await page.goto(`${BASE_URL}/classes/${cls.id}?tab=documents`);
    await page.getByRole('tab', { name: 'Văn bản' }).waitFor({ timeout: UI_TIMEOUT });
    // the issuer's settings are shown above the documents
    await page.locator('.ant-descriptions').getByText(settings.issuingBody, { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByLabel('Số văn bản').fill('77');
    const picker = page.getByLabel('Ngày văn bản');
    await picker.click();
    await picker.fill('05/02/2027');
    await picker.press('Enter');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Quyết định cử đi học (kèm danh sách) (DOCX)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^Quyết định cử đi học - .*\.docx$/u);
    const chunks: Buffer[] = [];
    for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
    const text = docxText(Buffer.concat(chunks)).replace(/\s+/gu, ' ');

    const motto =
      settings.headerStyle === 'party' ? ['ĐẢNG CỘNG SẢN VIỆT NAM'] : ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];
    for (const line of motto) expect(text).toContain(line);
    expect(text).toContain(settings.issuingBody.toLocaleUpperCase('vi'));
    expect(text).toContain(settings.headerStyle === 'party' ? `Số 77-QĐ/${settings.symbol}` : `Số: 77/QĐ-${settings.symbol}`);
    expect(text).toContain(`${settings.place}, ngày 05 tháng 02 năm 2027`);
    expect(text).toContain('QUYẾT ĐỊNH');
    expect(text).toContain(cls.name);
    expect(text).toContain(`Điều 1. Cử ${learners.length} đồng chí (có danh sách kèm theo)`);
    expect(text).toContain('Điều 3. Quyết định có hiệu lực kể từ ngày ký.');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain(settings.signerTitle.toLocaleUpperCase('vi'));
    for (const name of learners) expect(text).toContain(name);
    await ctx.close();
  });
});
