import { describe, expect, it } from 'vitest';
import { xlsxBomb } from '../../../../../tests/support/xlsx-bomb.js';
import { openWorkbook, scanSheet } from './inspect.js';
import { WORKBOOK_LIMITS, WorkbookTooLargeError, workbookTooLargeMessage, type WorkbookLimits } from './limits.js';
import { checkDeclaredSizes, measureEntries, readEntryText, readZipDirectory } from './zip.js';
import { IMPORT_COLUMNS } from '../people-import/columns.js';

const MiB = 2 ** 20;
const limits = (over: Partial<WorkbookLimits>): WorkbookLimits => ({ ...WORKBOOK_LIMITS, ...over });

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<WorkbookTooLargeError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (err instanceof WorkbookTooLargeError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('workbook limits', () => {
  it('refuses on the declared sizes alone, before inflating anything', async () => {
    const entries = readZipDirectory(xlsxBomb({ sharedStringsBytes: 200 * MiB, stylesBytes: MiB }));
    expect((await refusal(() => checkDeclaredSizes(entries))).limit).toBe('sharedStringsBytes');
    const styles = readZipDirectory(xlsxBomb({ sharedStringsBytes: MiB, stylesBytes: 20 * MiB }));
    expect((await refusal(() => checkDeclaredSizes(styles))).limit).toBe('stylesBytes');
    const total = readZipDirectory(xlsxBomb({ sharedStringsBytes: 3 * MiB, stylesBytes: 3 * MiB }));
    expect((await refusal(() => checkDeclaredSizes(total, limits({ totalBytes: 5 * MiB })))).limit).toBe('totalBytes');
    expect(() => checkDeclaredSizes(total)).not.toThrow();
  });

  it('counts the bytes really inflated when the directory lies, and stops at the limit', async () => {
    const buf = xlsxBomb({ sharedStringsBytes: 300 * MiB, stylesBytes: MiB, lieAboutSizes: true });
    const entries = readZipDirectory(buf);
    expect(() => checkDeclaredSizes(entries)).not.toThrow();
    const t0 = performance.now();
    const e = await refusal(measureEntries(buf, entries));
    expect(e.limit).toBe('sharedStringsBytes');
    expect(e.actual).toBeGreaterThan(WORKBOOK_LIMITS.sharedStringsBytes);
    expect(e.actual).toBeLessThan(WORKBOOK_LIMITS.sharedStringsBytes + MiB);
    expect(performance.now() - t0).toBeLessThan(10_000);

    const styles = xlsxBomb({ sharedStringsBytes: MiB, stylesBytes: 40 * MiB, lieAboutSizes: true });
    expect((await refusal(measureEntries(styles, readZipDirectory(styles)))).limit).toBe('stylesBytes');
    const total = xlsxBomb({ sharedStringsBytes: 4 * MiB, stylesBytes: 4 * MiB, lieAboutSizes: true });
    expect((await refusal(measureEntries(total, readZipDirectory(total), limits({ totalBytes: 6 * MiB })))).limit).toBe('totalBytes');
  });

  it('counts shared strings, across chunk boundaries', async () => {
    // 1 MiB of "<si><t>A×100</t></si>" (116 bytes each) is 9,039 strings
    const buf = xlsxBomb({ sharedStringsBytes: MiB, stylesBytes: MiB });
    const entries = readZipDirectory(buf);
    await expect(measureEntries(buf, entries, limits({ sharedStrings: 9039 }))).resolves.toBeUndefined();
    const e = await refusal(measureEntries(buf, entries, limits({ sharedStrings: 9038 })));
    expect(e.limit).toBe('sharedStrings');
  });

  it('caps a small part read whole, whatever its header says', () => {
    const buf = xlsxBomb({ sharedStringsBytes: 20 * MiB, stylesBytes: MiB, lieAboutSizes: true });
    const entries = readZipDirectory(buf);
    expect(() => readEntryText(buf, entries.get('xl/sharedStrings.xml')!)).toThrow(WorkbookTooLargeError);
    expect(readEntryText(buf, entries.get('xl/workbook.xml')!)).toContain('CanBo');
  });

  it('refuses a sheet of too many cells while scanning it', async () => {
    const wb = openWorkbook(xlsxBomb({ sharedStringsBytes: MiB, stylesBytes: MiB }));
    const sheet = wb.sheets[0]!;
    // the bomb's sheet is one header row: one cell per import column
    expect((await scanSheet(wb, sheet, 10)).cellCount).toBe(IMPORT_COLUMNS.length);
    expect((await refusal(scanSheet(wb, sheet, 10, IMPORT_COLUMNS.length - 1))).limit).toBe('cells');
  });

  it('explains each limit in Vietnamese', () => {
    expect(workbookTooLargeMessage({ limit: 'stylesBytes', max: 16 * MiB })).toBe(
      'Tệp Excel quá lớn khi giải nén: phần định dạng (styles) vượt quá 16 MB. Hãy chép dữ liệu sang tệp mẫu mới (bỏ định dạng và trang tính thừa) hoặc chia thành nhiều tệp.',
    );
    expect(workbookTooLargeMessage({ limit: 'cells', max: 6_000_030 })).toContain('có hơn 6.000.030 ô dữ liệu');
  });
});
