import ExcelJS from 'exceljs';
import {
  cellsOf,
  checkDocument,
  excelValue,
  headerLayout,
  isNumeric,
  kindOf,
  labelsOf,
  notesOf,
  numFmtOf,
  splitColumns,
  titleBlock,
  totalsOf,
  widthOf,
  type BlockLine,
  type OfficialDocument,
  type OfficialSignature,
} from './model.js';

/** Administrative documents are set in Times New Roman (Nghị định 30/2020/NĐ-CP). */
const FONT = 'Times New Roman';
const BODY_SIZE = 12;
const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
/** The sheet's name (31 characters at most, none of []:*?/\). */
export const OFFICIAL_SHEET = 'BaoCao';

/** Lines a text needs in a merged cell this many characters wide (Excel never grows merged rows itself). */
const linesFor = (text: string, width: number) => Math.max(1, Math.ceil((text.length * 1.1) / Math.max(4, width - 1)));

/**
 * The document as a workbook of one sheet: title block, table (one or two header rows, repeated on
 * every printed page), total row, notes, signatures; A4, fitted to the page's width, page numbers
 * in the footer.
 */
export async function renderOfficialXlsx(doc: OfficialDocument): Promise<Buffer> {
  checkDocument(doc);
  const labels = labelsOf(doc);
  const n = doc.columns.length;
  const wb = new ExcelJS.Workbook();
  wb.creator = doc.issuer.join(' - ');
  wb.title = doc.title;
  const ws = wb.addWorksheet(OFFICIAL_SHEET);
  ws.columns = doc.columns.map((c) => ({ key: c.key, width: widthOf(c) }));
  const widths = doc.columns.map(widthOf);
  const spanWidth = (from: number, to: number) => widths.slice(from, to + 1).reduce((a, b) => a + b, 0);
  const leftCount = splitColumns(n);

  let r = 1;
  /** Writes text into columns from..to (1-based) of the current row, merged. */
  const put = (row: number, from: number, to: number, text: string, style: Partial<ExcelJS.Style> = {}) => {
    if (to > from) ws.mergeCells(row, from, row, to);
    const cell = ws.getCell(row, from);
    cell.value = text;
    cell.style = {
      font: { name: FONT, size: BODY_SIZE },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      ...style,
    };
  };
  const fontOf = (l: BlockLine, size = 12): Partial<ExcelJS.Font> => ({
    name: FONT,
    size,
    bold: !!l.bold,
    italic: !!l.italic,
    underline: !!l.underline,
  });

  // title block: issuer left, national (or Party) header right
  const block = titleBlock(doc);
  for (let i = 0; i < Math.max(block.left.length, block.right.length); i++) {
    const left = block.left[i];
    const right = block.right[i];
    if (left) put(r, 1, leftCount, left.text, { font: fontOf(left) });
    if (right) put(r, leftCount + 1, n, right.text, { font: fontOf(right, right.italic ? 12 : 13) });
    r += 1;
  }
  r += 1;
  put(r, 1, n, doc.title, { font: { name: FONT, size: 14, bold: true } });
  ws.getRow(r).height = 20 * linesFor(doc.title, spanWidth(0, n - 1) * 0.85);
  r += 1;
  if (doc.subtitle) {
    put(r, 1, n, doc.subtitle, { font: { name: FONT, size: 13, italic: true } });
    ws.getRow(r).height = 17 * linesFor(doc.subtitle, spanWidth(0, n - 1));
    r += 1;
  }
  if (doc.unitLine) {
    put(r, 1, n, doc.unitLine, {
      font: { name: FONT, size: BODY_SIZE, italic: true },
      alignment: { horizontal: 'right', vertical: 'middle' },
    });
    r += 1;
  } else r += 1;

  // the table's header, merged by group
  const layout = headerLayout(doc.columns);
  const headerTop = r;
  const headerStyle: Partial<ExcelJS.Style> = {
    font: { name: FONT, size: BODY_SIZE, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: BOX,
    fill: HEADER_FILL,
  };
  for (const h of layout.cells) {
    const row = headerTop + h.row;
    ws.mergeCells(row, h.from + 1, row + h.rows - 1, h.to + 1);
    const cell = ws.getCell(row, h.from + 1);
    cell.value = h.text;
    cell.style = headerStyle;
    // the merged area's other cells carry the border too
    for (let rr = row; rr < row + h.rows; rr++) for (let cc = h.from + 1; cc <= h.to + 1; cc++) ws.getCell(rr, cc).style = headerStyle;
  }
  for (let i = 0; i < layout.rows; i++) {
    const lines = Math.max(
      ...layout.cells.filter((h) => h.row === i && h.rows === 1).map((h) => linesFor(h.text, spanWidth(h.from, h.to))),
      1,
    );
    ws.getRow(headerTop + i).height = 16 * lines + 4;
  }
  const headerBottom = headerTop + layout.rows - 1;
  r = headerBottom + 1;

  // rows, then the total row
  const cellStyles = doc.columns.map((c): Partial<ExcelJS.Style> => {
    const numFmt = numFmtOf(c);
    return {
      font: { name: FONT, size: BODY_SIZE },
      alignment: { horizontal: isNumeric(c) ? 'right' : kindOf(c) === 'date' ? 'center' : 'left', vertical: 'middle', wrapText: true },
      border: BOX,
      ...(numFmt ? { numFmt } : {}),
    };
  });
  const writeRow = (cells: (string | number | null)[], bold: boolean) => {
    const row = ws.getRow(r);
    cells.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = excelValue(doc.columns[i]!, v);
      const style = cellStyles[i]!;
      cell.style = bold ? { ...style, font: { ...style.font, bold: true } } : style;
      // text in a numeric column ('-') is centred
      if (typeof v === 'string' && isNumeric(doc.columns[i]!)) cell.alignment = { ...style.alignment, horizontal: 'center' };
    });
    r += 1;
  };
  for (const cells of cellsOf(doc)) writeRow(cells, false);
  const totals = totalsOf(doc);
  if (totals) writeRow(totals, true);

  // notes
  const notes = notesOf(doc);
  if (notes.length > 0) r += 1;
  for (const note of notes) {
    put(r, 1, n, note, {
      font: { name: FONT, size: 11, italic: true },
      alignment: { horizontal: 'left', vertical: 'top', wrapText: true },
    });
    ws.getRow(r).height = 15 * linesFor(note, spanWidth(0, n - 1));
    r += 1;
  }

  // signatures: prepared by (left), approved by (right)
  if (doc.preparedBy || doc.approvedBy) {
    r += 1;
    // when only one block has a title, the other keeps a blank line so that the names stay level
    const titleLine = !!(doc.preparedBy?.title || doc.approvedBy?.title);
    const sig = (s: OfficialSignature, hint: string): BlockLine[] => [
      { text: s.role, bold: true },
      ...(s.title ? [{ text: s.title, bold: true }] : titleLine ? [{ text: '' }] : []),
      { text: hint, italic: true },
      { text: '' },
      { text: '' },
      { text: '' },
      ...(s.name ? [{ text: s.name, bold: true }] : []),
    ];
    const left = doc.preparedBy ? sig(doc.preparedBy, labels.sign) : [];
    const right = doc.approvedBy ? sig(doc.approvedBy, labels.signStamp) : [];
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const l = left[i];
      const rt = right[i];
      if (l?.text) put(r, 1, leftCount, l.text, { font: fontOf(l, l.italic ? 11 : 12) });
      if (rt?.text) put(r, leftCount + 1, n, rt.text, { font: fontOf(rt, rt.italic ? 11 : 12) });
      r += 1;
    }
  }

  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: doc.orientation ?? 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerTop}:${headerBottom}`,
  };
  // &P: this page, &N: the number of pages
  ws.headerFooter = { oddFooter: `&C&"${FONT},Regular"&10${labels.page('&P', '&N')}` };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
