import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { xlsxFromXml } from '../../../../../tests/support/xlsx-parts.js';
import { readCell } from './cells.js';
import { openWorkbook, scanSheet } from './inspect.js';
import { WORKBOOK_LIMITS, WorkbookTooLargeError } from './limits.js';
import { isDateFormat, readSheetRows, SharedStrings, type SheetRow } from './read-rows.js';
import { XmlTokenizer, type XmlHandler } from './xml-stream.js';
import { streamEntry } from './zip.js';

async function rowsOf(buf: Buffer, options: { withMerges?: boolean; cells?: number } = {}): Promise<SheetRow[]> {
  const wb = openWorkbook(buf);
  const sheet = wb.sheets[0]!;
  const merges = options.withMerges ? (await scanSheet(wb, sheet, Number.POSITIVE_INFINITY)).merges : [];
  const out: SheetRow[] = [];
  for await (const r of readSheetRows(wb, sheet, { merges, limits: { ...WORKBOOK_LIMITS, cells: options.cells ?? WORKBOOK_LIMITS.cells } })) out.push(r);
  return out;
}

/** Rows as sparse objects, e.g. { 1: 'a', 3: 5 }, easier to compare than holey arrays. */
const plain = (rows: SheetRow[]) => rows.map((r) => ({ n: r.number, v: Object.fromEntries(Object.entries(r.values)) }));

describe('XML tokenizer', () => {
  const xml =
    '<?xml version="1.0"?><!-- note --><x:sheet a="1 > 0" b=\'q"\'><row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> Nguyễn &amp; Lò </t></is></c>' +
    '<c r="B1"><v>42</v></c><c r="C1"/></row><![CDATA[<raw> & ]]></x:sheet>';
  const events = (pieces: string[]) => {
    const out: string[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push(`text:${text}`);
      text = '';
    };
    const h: XmlHandler = {
      open: (n, a, s) => (flush(), out.push(`open:${n}:${a.trim()}:${s}`)),
      close: (n) => (flush(), out.push(`close:${n}`)),
      text: (t) => (text += t),
    };
    const t = new XmlTokenizer(h);
    for (const p of pieces) t.write(p);
    t.end();
    flush();
    return out;
  };

  it('gives the same events whatever the size of the pieces it is fed (tags, comments and CDATA cut anywhere)', () => {
    const whole = events([xml]);
    expect(whole).toContain('open:sheet:a="1 > 0" b=\'q"\':false');
    expect(whole).toContain('open:c:r="C1":true');
    expect(whole).toContain('text: Nguyễn &amp; Lò ');
    expect(whole).toContain('text:<raw> &amp; ');
    for (let size = 1; size <= 12; size++) {
      const pieces: string[] = [];
      for (let i = 0; i < xml.length; i += size) pieces.push(xml.slice(i, i + size));
      expect(events(pieces), `pieces of ${size}`).toEqual(whole);
    }
  });

  it('refuses a truncated document and a document type declaration', () => {
    expect(() => events(['<a><b'])).toThrow(/truncated/);
    expect(() => events(['<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'])).toThrow(/document type/);
  });
});

describe('streaming sheet reader', () => {
  it('keeps Vietnamese letters that straddle the inflated chunks (16 KiB) of the sheet', async () => {
    const names = Array.from({ length: 4000 }, (_, i) => `${['Nguyễn', 'Đặng', 'Hầu', 'Triệu'][i % 4]} Thị Ngọc Phượng Ước Thứ ${i}`);
    const buf = xlsxFromXml({
      sheetData: names.map((n, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${n}</t></is></c></row>`).join(''),
    });
    // the test only means something if some chunk boundary falls inside a multi-byte letter
    const wb = openWorkbook(buf);
    let split = 0;
    for await (const chunk of streamEntry(buf, wb.entries.get('xl/worksheets/sheet1.xml')!)) if ((chunk[0]! & 0xc0) === 0x80) split += 1;
    expect(split).toBeGreaterThan(0);
    const rows = await rowsOf(buf);
    expect(rows.map((r) => r.values[1])).toEqual(names);
  });

  it('resolves shared strings: plain, rich text runs joined, phonetic runs left out, entities and _xHHHH_ decoded', async () => {
    const buf = xlsxFromXml({
      sharedStrings: [
        '<si><t>Họ và tên</t></si>',
        '<si><r><rPr><b/></rPr><t>Nguyễn </t></r><r><t xml:space="preserve">Văn </t></r><r><t>Ánh</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>',
        '<si><t>A &amp; B &lt;C&gt; &#7899;&#x1EE9;_x000D_</t></si>',
        '<si><t>008090001101</t></si>',
        '<si/>',
      ],
      sheetData:
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="s"><v>3</v></c><c r="D2" t="s"><v>4</v></c></row>',
    });
    expect(plain(await rowsOf(buf))).toEqual([
      { n: 1, v: { 1: 'Họ và tên' } },
      { n: 2, v: { 1: 'Nguyễn Văn Ánh', 2: 'A & B <C> ớứ\r', 3: '008090001101', 4: '' } },
    ]);
    const bad = xlsxFromXml({ sharedStrings: ['<si><t>x</t></si>'], sheetData: '<row r="1"><c r="A1" t="s"><v>7</v></c></row>' });
    await expect(rowsOf(bad)).rejects.toThrow(/shared string/);
  });

  it('reads inline strings, strings of formulas written as text, numbers stored as text, booleans and errors', async () => {
    const buf = xlsxFromXml({
      sheetData:
        '<row r="3"><c r="A3" t="inlineStr"><is><r><t>Lò </t></r><r><t>Văn Páo</t></r></is></c>' +
        '<c r="B3" t="str"><v>001201001234</v></c><c r="C3" t="inlineStr"><is><t>0080900011</t></is></c>' +
        '<c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#N/A</v></c><c r="F3"><v>8090001101</v></c><c r="G3"><v>1.5</v></c></row>',
    });
    expect(plain(await rowsOf(buf))).toEqual([
      { n: 3, v: { 1: 'Lò Văn Páo', 2: '001201001234', 3: '0080900011', 4: true, 5: { error: '#N/A' }, 6: 8090001101, 7: 1.5 } },
    ]);
  });

  it('leaves out empty cells and rows with no value; places cells without a reference after the previous one', async () => {
    const buf = xlsxFromXml({
      sheetData:
        '<row r="1"><c r="A1" s="1"/><c r="B1"><v></v></c><c r="C1" t="inlineStr"><is><t/></is></c></row>' +
        '<row r="2"><c r="B2" s="1"/><c t="inlineStr"><is><t>x</t></is></c><c><v>2</v></c></row>' +
        '<row><c t="inlineStr"><is><t>y</t></is></c></row><row r="9"/>',
    });
    expect(plain(await rowsOf(buf))).toEqual([
      { n: 2, v: { 3: 'x', 4: 2 } },
      { n: 3, v: { 1: 'y' } },
    ]);
  });

  it('turns numbers in a date format into dates (built-in and custom formats, 1900 and 1904 systems), as exceljs did', async () => {
    const styles =
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="&quot;Số &quot;0"/></numFmts>' +
      '<cellXfs count="5"><xf numFmtId="14"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="49"><alignment wrapText="1"/></xf></cellXfs>';
    const sheetData =
      '<row r="2"><c r="A2" s="0"><v>33239</v></c><c r="B2" s="1"><v>33239</v></c><c r="C2" s="2"><v>24816</v></c>' +
      '<c r="D2" s="3"><v>12</v></c><c r="E2" s="4" t="s"><v>0</v></c></row>';
    const rows = await rowsOf(xlsxFromXml({ styles, sheetData, sharedStrings: ['<si><t>01/01/1991</t></si>'] }));
    expect(plain(rows)).toEqual([
      { n: 2, v: { 1: 33239, 2: new Date('1991-01-01T00:00:00Z'), 3: new Date('1967-12-10T00:00:00Z'), 4: 12, 5: '01/01/1991' } },
    ]);
    const r1904 = await rowsOf(xlsxFromXml({ styles, sheetData, sharedStrings: ['<si><t>x</t></si>'], date1904: true }));
    expect(r1904[0]!.values[2]).toEqual(new Date('1995-01-02T00:00:00Z'));
    expect(isDateFormat('[$-42A]dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('#,##0 "đồng"')).toBe(false);
    expect(isDateFormat('[Red]0.00')).toBe(false);
  });

  it('reports formulas as formulas whatever their cached result (shared formulas too)', async () => {
    const buf = xlsxFromXml({
      sheetData:
        '<row r="2"><c r="A2" t="str"><f>UPPER("an")</f><v>AN</v></c><c r="B2"><f t="shared" ref="B2:B3" si="0">1+1</f><v>2</v></c></row>' +
        '<row r="3"><c r="B3"><f t="shared" si="0"/><v>2</v></c></row>',
    });
    const rows = await rowsOf(buf);
    expect(rows.map((r) => r.values.map((v) => readCell(v).kind).filter(Boolean))).toEqual([['formula', 'formula'], ['formula']]);
  });

  it('gives cells covered by a merged range the value of its top-left cell', async () => {
    const buf = xlsxFromXml({
      sheetData:
        '<row r="2"><c r="A2" t="inlineStr"><is><t>An</t></is></c><c r="G2" t="inlineStr"><is><t>X01</t></is></c><c r="H2" s="1"/></row>' +
        '<row r="3"><c r="A3" t="inlineStr"><is><t>Bình</t></is></c><c r="G3" s="1"/><c r="H3" s="1"/></row>',
      afterSheetData: '<mergeCells count="1"><mergeCell ref="G2:H3"/></mergeCells>',
    });
    expect(plain(await rowsOf(buf, { withMerges: true }))).toEqual([
      { n: 2, v: { 1: 'An', 7: 'X01', 8: 'X01' } },
      { n: 3, v: { 1: 'Bình', 7: 'X01', 8: 'X01' } },
    ]);
  });

  it('refuses a sheet of more cells than the limit while reading it', async () => {
    const buf = xlsxFromXml({ sheetData: Array.from({ length: 10 }, (_, i) => `<row r="${i + 1}"><c><v>1</v></c><c><v>2</v></c></row>`).join('') });
    await expect(rowsOf(buf, { cells: 20 })).resolves.toHaveLength(10);
    await expect(rowsOf(buf, { cells: 19 })).rejects.toBeInstanceOf(WorkbookTooLargeError);
  });

  it('reads what exceljs’s in-memory reader read from a workbook exceljs wrote (every kind of value)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('CanBo');
    ws.addRow(['Họ và tên', 'Số định danh', 'Ngày sinh', 'Số', 'Đúng', 'Công thức', 'Liên kết', 'Trống']);
    for (let i = 0; i < 300; i++) {
      ws.addRow([
        i % 7 === 0 ? { richText: [{ text: 'Nguyễn ', font: { bold: true } }, { text: `Thị Ước ${i}` }] } : `Hoàng Văn Đạt ${i}`,
        `0080${String(i).padStart(8, '0')}`,
        new Date(Date.UTC(1970 + (i % 40), i % 12, (i % 28) + 1)),
        i * 1.25,
        i % 2 === 0,
        { formula: `D${i + 2}*2`, result: i * 2.5 },
        { text: `Trang ${i}`, hyperlink: `https://example.vn/${i}` },
        null,
      ]);
    }
    ws.getCell('C2').numFmt = 'dd/mm/yyyy';
    ws.getCell('D3').numFmt = '0.00';
    ws.mergeCells('B5:B6');
    ws.addRow([]);
    ws.addRow(['Sau dòng trống', { error: '#DIV/0!' }]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());

    const reference = new ExcelJS.Workbook();
    await reference.xlsx.load(buf as unknown as ArrayBuffer);
    const expected: { n: number; cells: unknown[] }[] = [];
    reference.worksheets[0]!.eachRow({ includeEmpty: false }, (row) =>
      expected.push({ n: row.number, cells: (row.values as unknown[]).map((v) => readCell(v)) }),
    );
    const actual = (await rowsOf(buf, { withMerges: true })).map((r) => ({ n: r.number, cells: r.values.map((v) => readCell(v)) }));
    expect(actual).toHaveLength(302);
    expect(actual).toEqual(expected);
  });
});

describe('packed shared strings', () => {
  it('holds many strings in one buffer and gives each back', () => {
    const s = new SharedStrings();
    const all = Array.from({ length: 50_000 }, (_, i) => (i % 3 === 0 ? '' : `Chuỗi ${i} — Đắk Lắk`));
    for (const x of all) s.add(x);
    expect(s.count).toBe(all.length);
    expect([0, 1, 2, 49_999, 31_337].map((i) => s.get(i))).toEqual([0, 1, 2, 49_999, 31_337].map((i) => all[i]));
    expect(s.get(50_000)).toBeUndefined();
    expect(s.get(-1)).toBeUndefined();
    expect(s.size).toBeLessThan(4 * 2 ** 20);
  });
});
