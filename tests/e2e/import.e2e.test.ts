/**
 * Excel import through the import page: a file with one bad row is refused as a whole with a
 * row-by-row error list and a downloadable error report, and nothing reaches the registry; the
 * corrected file is then imported in full and its people are found in the registry.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { fold, login, randomDigits, randomWord, searchRegistry, UI_TIMEOUT, useBrowser } from './support.js';

const b = useBrowser();

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Headers of the template's columns this test fills (looked up in the downloaded template). */
const H = {
  fullName: 'Họ và tên*',
  citizenId: 'Số CCCD*',
  birthDate: 'Ngày sinh* (dd/mm/yyyy)',
  gender: 'Giới tính* (Nam/Nữ)',
  ethnicity: 'Mã dân tộc*',
  category: 'Đối tượng*',
  unit: 'Mã đơn vị*',
  phone: 'Điện thoại',
} as const;
type Key = keyof typeof H;
type Row = Record<Key, string>;

interface Template {
  /** The header row, as the template writes it. */
  headers: string[];
  /** The template's example row, by header. */
  example: Map<string, string>;
}

/** Downloads the template through the page's button and reads its sheet "CanBo". */
async function downloadTemplate(page: Page): Promise<Template> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải tệp mẫu' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('CanBo');
  expect(ws, 'the template has a sheet "CanBo"').toBeDefined();
  const headers: string[] = [];
  ws!.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = cell.text;
  });
  for (const h of Object.values(H)) expect(headers, `template header "${h}"`).toContain(h);
  const example = new Map<string, string>();
  ws!.getRow(2).eachCell({ includeEmpty: true }, (cell, col) => {
    example.set(headers[col - 1]!, cell.text);
  });
  return { headers, example };
}

/** A workbook with the template's header row on sheet "CanBo" and these rows under it. */
async function peopleFile(t: Template, rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('CanBo');
  ws.addRow(t.headers);
  const byHeader = new Map<string, Key>(Object.entries(H).map(([k, h]) => [h, k as Key]));
  for (const r of rows) {
    const values = t.headers.map((h) => {
      const key = byHeader.get(h);
      return key ? r[key] : null;
    });
    const row = ws.addRow(values);
    // as the template does: ids, dates and codes are text cells
    row.eachCell((cell) => {
      cell.numFmt = '@';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function uploadOnImportPage(page: Page, name: string, content: Buffer): Promise<void> {
  await page.getByTestId('import-file-input').setInputFiles({ name, mimeType: XLSX_MIME, buffer: content });
  await page.getByText(name, { exact: true }).waitFor();
  const started = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/imports/people' && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
  expect((await started).status()).toBe(202);
  // the job runs in the background; the page follows it to its end
  const progress = page.getByTestId('job-progress');
  await expect
    .poll(
      async () => {
        if (await page.getByText(/^(Không có hồ sơ nào được nhập|Đã nhập thành công \d+ hồ sơ)$/).count()) return 'done';
        return (await progress.getAttribute('data-status').catch(() => null)) ?? 'waiting';
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe('done');
}

/** Searches the registry and returns the names it shows. */
async function registryNames(page: Page, query: string): Promise<string[]> {
  if (new URL(page.url()).pathname !== '/people') {
    await page.getByRole('menuitem', { name: 'Hồ sơ cán bộ' }).click();
    await page.waitForURL((u) => u.pathname === '/people');
  }
  const found = await searchRegistry(page, query);
  const table = page.getByTestId('people-table');
  if (found.total === 0) {
    await table.getByText('Không tìm thấy cán bộ phù hợp với điều kiện tìm kiếm').waitFor();
    return [];
  }
  const links = table.locator('tbody tr.nt-table-row td:first-child a');
  await expect.poll(() => links.allTextContents()).toEqual(found.items.map((p) => p.fullName));
  return links.allTextContents();
}

describe('Excel import (admin)', () => {
  test('a file with a bad row imports nothing and reports the error; the corrected file imports every row', async () => {
    const { page } = b;
    await login(page, 'admin');
    await page.getByRole('menuitem', { name: 'Nhập từ Excel' }).click();
    await page.waitForURL((u) => u.pathname === '/imports/people');
    await page.getByRole('heading', { name: 'Nhập từ Excel', level: 1 }).waitFor();

    const template = await downloadTemplate(page);
    const ex = (h: string) => template.example.get(h) ?? '';
    const token = randomWord(7); // makes this run's names unique in the registry
    const common = { ethnicity: ex(H.ethnicity), category: ex(H.category), unit: ex(H.unit) };
    expect(common.unit).not.toBe('');
    const rows: Row[] = [
      {
        ...common,
        fullName: `Đặng Thị Nghiệm ${token}`,
        citizenId: `0999${randomDigits(8)}`,
        birthDate: '15/04/1990',
        gender: 'Nữ',
        phone: `09${randomDigits(8)}`,
      },
      {
        ...common,
        fullName: `Lưu Văn Kiểm ${token}`,
        citizenId: `0999${randomDigits(8)}`,
        birthDate: '31/02/1990',
        gender: 'Nam',
        phone: '',
      },
      { ...common, fullName: `Hà Thị Thử ${token}`, citizenId: `0999${randomDigits(8)}`, birthDate: '01/12/1985', gender: 'Nữ', phone: '' },
    ];
    expect(new Set(rows.map((r) => r.citizenId)).size).toBe(3);

    // 1. the file with 31/02/1990 on its second data row (sheet row 3)
    await uploadOnImportPage(page, `can-bo-${token}-loi.xlsx`, await peopleFile(template, rows));
    await page.getByText('Không có hồ sơ nào được nhập', { exact: true }).waitFor();
    await page.getByText('Tệp có 1 lỗi nên KHÔNG dòng nào được nhập.', { exact: false }).waitFor();
    const errors = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Dòng' }) });
    const errorRows = errors.locator('tbody tr.ant-table-row');
    await expect.poll(() => errorRows.count()).toBe(1);
    const [rowNo, column, message] = await errorRows.first().locator('td').allTextContents();
    expect(rowNo).toBe('3');
    expect(column).toBe(H.birthDate);
    expect(message).toContain('Ngày không hợp lệ');
    expect(message).toContain('31/02/1990');

    // the error report downloads as an Excel file listing the same error
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải báo cáo lỗi (Excel)' }).click(),
    ]);
    expect(report.suggestedFilename()).toMatch(/\.xlsx$/);
    const reportBytes = await readFile(await report.path());
    expect(reportBytes.subarray(0, 2).toString()).toBe('PK');
    const reportWb = new ExcelJS.Workbook();
    await reportWb.xlsx.load(reportBytes as unknown as ArrayBuffer);
    const reportText = reportWb.worksheets.flatMap((ws) => {
      const lines: string[] = [];
      ws.eachRow((r) => lines.push((r.values as ExcelJS.CellValue[]).slice(1).map(String).join(' | ')));
      return lines;
    });
    expect(reportText.some((l) => l.startsWith('3 | ') && l.includes(H.birthDate) && l.includes('Ngày không hợp lệ'))).toBe(true);

    // nothing reached the registry, not even the two good rows
    for (const good of [rows[0]!, rows[2]!]) expect(await registryNames(page, fold(good.fullName))).toEqual([]);

    // 2. the corrected file
    await page.getByRole('menuitem', { name: 'Nhập từ Excel' }).click();
    await page.waitForURL((u) => u.pathname === '/imports/people');
    rows[1]!.birthDate = '28/02/1990';
    await uploadOnImportPage(page, `can-bo-${token}.xlsx`, await peopleFile(template, rows));
    await page.getByText('Đã nhập thành công 3 hồ sơ', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('job-progress').count()).toBe(0);

    await page.getByRole('link', { name: 'Xem danh sách cán bộ' }).click();
    await page.waitForURL((u) => u.pathname === '/people');
    const names = await registryNames(page, token.toLowerCase());
    expect([...names].sort()).toEqual(rows.map((r) => r.fullName).sort());
    // found without diacritics too
    expect(await registryNames(page, fold(rows[1]!.fullName))).toEqual([rows[1]!.fullName]);
  });
});
