import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { pdfText } from '../../../../tests/support/pdf-text.js';
import { WorkerPool } from '../workers/pool.js';
import { displayText, headerLayout, numFmtOf, totalsOf, type OfficialDocument } from './model.js';
import { OFFICIAL_SHEET, officialFileName, renderOfficialDocument, renderOfficialPdf, renderOfficialXlsx } from './official-document.js';

const plan: OfficialDocument = {
  header: 'party',
  issuer: ['TỈNH ỦY LONG AN', 'BAN TỔ CHỨC'],
  number: '12-KH/BTCTU',
  place: 'Long An',
  date: '2026-12-07',
  title: 'KẾ HOẠCH ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ NĂM 2027',
  subtitle: 'Áp dụng cho các đơn vị trực thuộc Tỉnh ủy',
  unitLine: 'Đơn vị tính: người, triệu đồng',
  columns: [
    { key: 'no', header: 'STT', kind: 'integer', width: 6 },
    { key: 'unit', header: 'Đơn vị', width: 30 },
    { key: 'planned', header: 'Kế hoạch', group: 'Số lượt người', kind: 'integer' },
    { key: 'actual', header: 'Thực hiện', group: 'Số lượt người', kind: 'integer' },
    { key: 'rate', header: 'Tỷ lệ', kind: 'percent' },
    { key: 'budget', header: 'Kinh phí', kind: 'money', decimals: 1 },
    { key: 'start', header: 'Khai giảng', kind: 'date' },
  ],
  rows: [
    { no: 1, unit: 'Huyện ủy Đức Hòa', planned: 1250, actual: 1100, rate: 0.88, budget: 1520.5, start: '2027-03-02' },
    { no: 2, unit: 'Đảng ủy Khối cơ quan và doanh nghiệp tỉnh', planned: 340, actual: 0, rate: 0, budget: 310, start: null },
    { no: 3, unit: 'Thị ủy Kiến Tường', planned: 85, actual: '-', rate: '-', budget: 96.25, start: '2027-05-11' },
  ],
  totals: { unit: 'Tổng cộng', planned: 1675, actual: 1100, rate: 0.65671, budget: 1926.75 },
  notes: ['Số liệu tính đến ngày 30/11/2026.'],
  preparedBy: { role: 'Người lập biểu', name: 'Trần Thị Ngọc Ánh' },
  approvedBy: { role: 'TM. BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn Đức' },
};

const stateDoc: OfficialDocument = {
  issuer: ['UBND TỈNH LONG AN', 'SỞ NỘI VỤ'],
  number: '45/BC-SNV',
  place: 'Long An',
  date: '2026-02-05',
  title: 'BÁO CÁO KẾT QUẢ BỒI DƯỠNG',
  columns: [
    { key: 'name', header: 'Nội dung' },
    { key: 'count', header: 'Số người', kind: 'integer' },
    { key: 'avg', header: 'Điểm bình quân', kind: 'decimal' },
  ],
  // arrays in column order
  rows: [
    ['Quản lý nhà nước', 12345, 7.456],
    ['Lý luận chính trị', null, 8],
  ],
  orientation: 'portrait',
};

async function readSheet(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(OFFICIAL_SHEET);
  if (!ws) throw new Error('sheet missing');
  return ws;
}

/** The row whose first cell (or any cell) has this text. */
function rowOf(ws: ExcelJS.Worksheet, text: string): number {
  let found = -1;
  ws.eachRow((row, n) => {
    if (found < 0 && row.values && (row.values as unknown[]).some((v) => v === text)) found = n;
  });
  return found;
}

describe('header layout and formats', () => {
  it('groups neighbouring columns under a merged cell; ungrouped columns span both rows', () => {
    expect(headerLayout(plan.columns)).toEqual({
      rows: 2,
      cells: [
        { text: 'STT', row: 0, from: 0, to: 0, rows: 2 },
        { text: 'Đơn vị', row: 0, from: 1, to: 1, rows: 2 },
        { text: 'Số lượt người', row: 0, from: 2, to: 3, rows: 1 },
        { text: 'Kế hoạch', row: 1, from: 2, to: 2, rows: 1 },
        { text: 'Thực hiện', row: 1, from: 3, to: 3, rows: 1 },
        { text: 'Tỷ lệ', row: 0, from: 4, to: 4, rows: 2 },
        { text: 'Kinh phí', row: 0, from: 5, to: 5, rows: 2 },
        { text: 'Khai giảng', row: 0, from: 6, to: 6, rows: 2 },
      ],
    });
    expect(headerLayout(stateDoc.columns).rows).toBe(1);
  });

  it.each([
    [{ kind: 'integer' }, 1234567, '#,##0', '1.234.567'],
    [{ kind: 'integer', decimals: 2 }, 1234.4, '#,##0', '1.234'],
    [{ kind: 'decimal' }, 7.456, '#,##0.00', '7,46'],
    [{ kind: 'percent' }, 0.65671, '0.0%', '65,7%'],
    [{ kind: 'percent', decimals: 0 }, 0.125, '0%', '13%'],
    [{ kind: 'money' }, 1520000, '#,##0', '1.520.000'],
    [{ kind: 'money', decimals: 1 }, 1520.55, '#,##0.0', '1.520,6'],
    [{ kind: 'date' }, '2027-03-02', 'dd/mm/yyyy', '02/03/2027'],
    [{ kind: 'text' }, 'Huyện ủy', undefined, 'Huyện ủy'],
    [{ kind: 'integer' }, '-', '#,##0', '-'],
    [{ kind: 'integer' }, null, '#,##0', ''],
  ] as const)('%j: %j → format %s, printed %s', (col, value, fmt, text) => {
    const c = { key: 'k', header: 'h', ...col };
    expect(numFmtOf(c)).toBe(fmt);
    expect(displayText(c, value)).toBe(text);
  });

  it.each([
    ['no label given: the first text column', { count: 5 }, [null, 'Tổng cộng', 5]],
    ['the caller’s label', { name: 'Cộng toàn tỉnh', count: 5 }, [null, 'Cộng toàn tỉnh', 5]],
    ['a number in the text column is not a label', { name: 7, count: 5 }, [null, 7, 5]],
  ] as const)('totals, %s', (_name, totals, cells) => {
    const doc: OfficialDocument = {
      issuer: ['SỞ NỘI VỤ'],
      title: 'T',
      columns: [
        { key: 'no', header: 'STT', kind: 'integer' },
        { key: 'name', header: 'Nội dung' },
        { key: 'count', header: 'Số người', kind: 'integer' },
      ],
      rows: [],
      totals,
    };
    expect(totalsOf(doc)).toEqual(cells);
  });

  it('names files in ASCII words', () => {
    expect(officialFileName('Kế hoạch đào tạo, bồi dưỡng 2027', '2026-12-07', 'pdf')).toBe(
      'ke-hoach-dao-tao-boi-duong-2027-2026-12-07.pdf',
    );
    expect(officialFileName('Đảng ủy', '2026-12-07', 'xlsx')).toBe('dang-uy-2026-12-07.xlsx');
  });
});

describe('renderOfficialXlsx', () => {
  it('writes the Party title block, the merged two-row header, number formats, totals, notes and signatures', async () => {
    const ws = await readSheet(await renderOfficialXlsx(plan));
    // 7 columns: the title block splits 3 | 4
    expect(ws.getCell('A1').value).toBe('TỈNH ỦY LONG AN');
    expect(ws.getCell('A2').value).toBe('BAN TỔ CHỨC');
    expect(ws.getCell('A2').font.bold).toBe(true);
    expect(ws.getCell('A3').value).toBe('*');
    expect(ws.getCell('A4').value).toBe('Số: 12-KH/BTCTU');
    expect(ws.getCell('D1').value).toBe('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(ws.getCell('D1').font.underline).toBe(true);
    expect(ws.getCell('D4').value).toBe('Long An, ngày 07 tháng 12 năm 2026');
    expect(ws.getCell('D4').font.italic).toBe(true);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:C1', 'D1:G1', 'D4:G4']));
    expect(ws.getCell('A6').value).toBe(plan.title);
    expect(ws.getCell('A7').value).toBe(plan.subtitle);
    expect(ws.getCell('A8').value).toBe('Đơn vị tính: người, triệu đồng');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A6:G6']));

    // header rows 9-10: grouped columns merged across, ungrouped down
    expect(ws.getCell('A9').value).toBe('STT');
    expect(ws.getCell('C9').value).toBe('Số lượt người');
    expect(ws.getCell('C10').value).toBe('Kế hoạch');
    expect(ws.getCell('D10').value).toBe('Thực hiện');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A9:A10', 'B9:B10', 'C9:D9', 'E9:E10', 'G9:G10']));

    // data from row 11, numbers as numbers with vi-VN formats
    expect(ws.getRow(11).values).toEqual([undefined, 1, 'Huyện ủy Đức Hòa', 1250, 1100, 0.88, 1520.5, new Date('2027-03-02T00:00:00Z')]);
    expect(ws.getCell('C11').numFmt).toBe('#,##0');
    expect(ws.getCell('E11').numFmt).toBe('0.0%');
    expect(ws.getCell('F11').numFmt).toBe('#,##0.0');
    expect(ws.getCell('G11').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('B11').border.top?.style).toBe('thin');
    expect(ws.getCell('D13').value).toBe('-');
    expect(ws.getCell('D13').alignment.horizontal).toBe('center');

    // total row in bold, labelled by the caller (no second label)
    expect(ws.getRow(14).values).toEqual([undefined, undefined, 'Tổng cộng', 1675, 1100, 0.65671, 1926.75]);
    expect(ws.getCell('C14').font.bold).toBe(true);
    expect(ws.getCell('E14').numFmt).toBe('0.0%');

    // notes: the caller's, then the rounding of percentages
    expect(ws.getCell('A16').value).toBe('Số liệu tính đến ngày 30/11/2026.');
    expect(ws.getCell('A17').value).toBe('Tỷ lệ phần trăm (%) được làm tròn đến 1 chữ số thập phân.');

    // signatures: prepared by left, approved by right
    const sig = rowOf(ws, 'Người lập biểu');
    expect(sig).toBeGreaterThan(17);
    expect(ws.getCell(sig, 4).value).toBe('TM. BAN THƯỜNG VỤ');
    expect(ws.getCell(sig + 1, 4).value).toBe('PHÓ BÍ THƯ');
    // the block without a title keeps a blank line: hints and names stay level
    expect(ws.getCell(sig + 1, 1).value).toBeNull();
    expect(ws.getCell(sig + 2, 1).value).toBe('(Ký, ghi rõ họ tên)');
    expect(ws.getCell(sig + 2, 4).value).toBe('(Ký, ghi rõ họ tên, đóng dấu)');
    expect(rowOf(ws, 'Trần Thị Ngọc Ánh')).toBe(sig + 6);
    expect(rowOf(ws, 'Nguyễn Văn Đức')).toBe(sig + 6);
  });

  it.each([
    ['Party plan, landscape', plan, 'landscape', '9:10'],
    ['state report, portrait, one header row', stateDoc, 'portrait', '7:7'],
  ] as const)(
    '%s: A4 fitted to the width, the header rows repeated on every page, page numbers',
    async (_name, doc, orientation, titles) => {
      const ws = await readSheet(await renderOfficialXlsx(doc));
      expect(ws.pageSetup).toMatchObject({
        paperSize: 9,
        orientation,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: titles,
        margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      });
      expect(ws.headerFooter.oddFooter).toContain('Trang &P/&N');
    },
  );

  it('writes the state header and reads array rows in column order', async () => {
    const ws = await readSheet(await renderOfficialXlsx(stateDoc));
    // 3 columns: the title block splits 1 | 2
    expect(ws.getCell('A1').value).toBe('UBND TỈNH LONG AN');
    expect(ws.getCell('B1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getCell('B2').value).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(ws.getCell('B2').font.underline).toBe(true);
    expect(ws.getCell('A3').value).toBe('Số: 45/BC-SNV');
    expect(ws.getCell('B3').value).toBe('Long An, ngày 05 tháng 02 năm 2026');
    expect(ws.getCell('A5').value).toBe('BÁO CÁO KẾT QUẢ BỒI DƯỠNG');
    expect(ws.getRow(7).values).toEqual([undefined, 'Nội dung', 'Số người', 'Điểm bình quân']);
    expect(ws.getRow(8).values).toEqual([undefined, 'Quản lý nhà nước', 12345, 7.456]);
    expect(ws.getRow(9).values).toEqual([undefined, 'Lý luận chính trị', undefined, 8]);
    expect(ws.getCell('C8').numFmt).toBe('#,##0.00');
    // no percent column, no notes: nothing under the table
    expect(ws.rowCount).toBe(9);
  });

  it('labels in English when asked', async () => {
    const ws = await readSheet(await renderOfficialXlsx({ ...stateDoc, locale: 'en', totals: { count: 12345 } }));
    expect(ws.getCell('A3').value).toBe('No.: 45/BC-SNV');
    expect(ws.getCell('B3').value).toBe('Long An, 5 February 2026');
    expect(ws.getCell('A10').value).toBe('Total');
    expect(ws.headerFooter.oddFooter).toContain('Page &P of &N');
  });

  it.each([
    ['one column', { ...stateDoc, columns: [{ key: 'a', header: 'A' }] }],
    [
      'two columns with one key',
      {
        ...stateDoc,
        columns: [
          { key: 'a', header: 'A' },
          { key: 'a', header: 'B' },
        ],
      },
    ],
  ])('refuses a table with %s', async (_name, doc) => {
    await expect(renderOfficialXlsx(doc)).rejects.toThrow(RangeError);
    await expect(renderOfficialPdf(doc)).rejects.toThrow(RangeError);
  });
});

describe('renderOfficialPdf', () => {
  it('prints the same content with Vietnamese diacritics, vi-VN numbers and page numbers', async () => {
    const pdf = await renderOfficialPdf(plan);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A4 landscape
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    const text = pdfText(pdf);
    for (const line of [
      'TỈNH ỦY LONG AN',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'BAN TỔ CHỨC',
      'Số: 12-KH/BTCTU',
      'Long An, ngày 07 tháng 12 năm 2026',
      'KẾ HOẠCH ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ NĂM 2027',
      'Áp dụng cho các đơn vị trực thuộc Tỉnh ủy',
      'Số lượt người',
      'Đảng ủy Khối cơ quan và doanh nghiệp tỉnh',
      'Tỷ lệ phần trăm (%) được làm tròn đến 1 chữ số thập phân.',
      'TM. BAN THƯỜNG VỤ',
      'Nguyễn Văn Đức',
      'Trang 1/1',
    ]) {
      expect(text, line).toContain(line);
    }
    // the total row: label and figures in vi-VN form
    expect(text).toMatch(/Tổng cộng.*1\.675.*1\.100.*65,7%.*1\.926,8/);
    expect(text).toMatch(/Huyện ủy Đức Hòa.*1\.250.*1\.100.*88,0%.*1\.520,5.*02\/03\/2027/);
  });

  it('repeats the table header on every page of a long table', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({
      no: i + 1,
      unit: `Chi bộ số ${i + 1}`,
      planned: i,
      actual: i,
      rate: 1,
      budget: 1,
    }));
    const text = pdfText(await renderOfficialPdf({ ...plan, rows }));
    const pages = Number(/Trang 1\/(\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(2);
    // each page ends with its footer: every page that carries rows starts with the table's header
    const byPage = text.split(/Trang \d+\/\d+\n?/).slice(0, pages);
    expect(byPage).toHaveLength(pages);
    const withRows = byPage.filter((page) => page.includes('Chi bộ số'));
    expect(withRows.length).toBeGreaterThanOrEqual(pages - 1);
    for (const page of withRows) expect(page.indexOf('Số lượt người')).toBeLessThan(page.indexOf('Chi bộ số'));
    expect(text.split('\n').filter((l) => l.includes('Số lượt người'))).toHaveLength(withRows.length);
    expect(text).toContain(`Trang ${pages}/${pages}`);
  });

  it('prints a portrait page when asked', async () => {
    const pdf = await renderOfficialPdf(stateDoc);
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pdfText(pdf)).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(pdfText(pdf)).toMatch(/Quản lý nhà nước.*12\.345.*7,46/);
  });
});

describe('renderOfficialDocument (worker pool)', () => {
  const pool = new WorkerPool({ size: 1, heapMb: 256 });
  afterAll(() => pool.close());

  it.each(['xlsx', 'pdf'] as const)('renders %s in a worker thread', { timeout: 60_000 }, async (format) => {
    const buf = await renderOfficialDocument(plan, format, { pool });
    expect(Buffer.isBuffer(buf)).toBe(true);
    if (format === 'pdf') expect(pdfText(buf)).toContain('KẾ HOẠCH ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ NĂM 2027');
    else expect((await readSheet(buf)).getCell('A6').value).toBe(plan.title);
  });
});
