import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import {
  cellsOf,
  checkDocument,
  displayText,
  headerLayout,
  isNumeric,
  kindOf,
  labelsOf,
  notesOf,
  splitColumns,
  titleBlock,
  totalsOf,
  widthOf,
  type BlockLine,
  type OfficialCell,
  type OfficialDocument,
  type OfficialSignature,
} from './model.js';

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as typeof import('pdfmake');
// Roboto, bundled with pdfmake, covers every Vietnamese letter (as for certificates: certificates/pdf.ts)
const ROBOTO = require('pdfmake/fonts/Roboto.js') as { Roboto: { normal: string; bold: string; italics: string; bolditalics: string } };
const FONT_DIR = dirname(ROBOTO.Roboto.normal);

/** A4 in points. */
const A4 = { short: 595.28, long: 841.89 };
const MARGINS: [number, number, number, number] = [36, 36, 30, 40];
/** A table cell's left and right padding plus its line (pdfmake's default layout, lines 1pt). */
const CELL_EXTRA = 9;

function blockStack(lines: BlockLine[], fontSize: number): Content[] {
  return lines.map((l) => ({
    text: l.text || ' ',
    bold: !!l.bold,
    italics: !!l.italic,
    decoration: l.underline ? ('underline' as const) : undefined,
    fontSize: l.italic ? fontSize - 1 : fontSize,
  }));
}

/** A signature block; `titleLine` keeps both blocks' names level when only one has a title. */
function signatureStack(s: OfficialSignature, hint: string, titleLine: boolean): Content {
  return {
    alignment: 'center',
    stack: [
      { text: s.role, bold: true },
      ...(s.title ? [{ text: s.title, bold: true }] : titleLine ? [{ text: ' ' }] : []),
      { text: hint, italics: true, fontSize: 9, color: '#444444' },
      { text: s.name ?? ' ', bold: true, margin: [0, 48, 0, 0] },
    ],
  };
}

/** The pdfmake document: the same content as the workbook, the table's header repeated on every page. */
export function buildOfficialPdfDocument(doc: OfficialDocument): TDocumentDefinitions {
  checkDocument(doc);
  const locale = doc.locale ?? 'vi';
  const labels = labelsOf(doc);
  const orientation = doc.orientation ?? 'landscape';
  const pageWidth = orientation === 'landscape' ? A4.long : A4.short;
  const usable = pageWidth - MARGINS[0] - MARGINS[2];
  const n = doc.columns.length;
  const fontSize = n > 12 ? 8 : n > 8 ? 9 : 10;

  // column widths in proportion to the Excel widths, filling the page
  const weights = doc.columns.map(widthOf);
  const room = usable - n * CELL_EXTRA - 1;
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.max(14, (w / sum) * room));

  const layout = headerLayout(doc.columns);
  // pdfmake neither grows the rows under a cell spanning both header rows nor centres it: the two
  // rows get heights that hold its lines, and the cell a top margin that centres it (estimates:
  // about 0.55 em per bold character, a line 1.3 em, 2 pt of padding above and below)
  const lineHeight = fontSize * 1.3;
  const linesOf = (text: string, from: number, to: number) =>
    Math.max(1, Math.ceil((text.length * fontSize * 0.55) / widths.slice(from, to + 1).reduce((a, b) => a + b, 0)));
  const spanLines = Math.max(2, ...layout.cells.filter((h) => h.rows > 1).map((h) => linesOf(h.text, h.from, h.to)));
  const spanHeight = spanLines * lineHeight + 4;
  const header: TableCell[][] = Array.from({ length: layout.rows }, () => doc.columns.map((): TableCell => ({ text: '' })));
  for (const h of layout.cells) {
    const top = h.rows > 1 ? (spanHeight - 4 - linesOf(h.text, h.from, h.to) * lineHeight) / 2 : 0;
    header[h.row]![h.from] = {
      text: h.text,
      bold: true,
      alignment: 'center',
      fillColor: '#f2f2f2',
      ...(top > 0 ? { margin: [0, top, 0, 0] as [number, number, number, number] } : {}),
      ...(h.to > h.from ? { colSpan: h.to - h.from + 1 } : {}),
      ...(h.rows > 1 ? { rowSpan: h.rows } : {}),
    };
  }
  const bodyCell = (v: OfficialCell, i: number, bold: boolean): TableCell => {
    const c = doc.columns[i]!;
    const numeric = isNumeric(c);
    return {
      text: displayText(c, v, locale),
      bold,
      alignment: numeric ? (typeof v === 'string' ? 'center' : 'right') : kindOf(c) === 'date' ? 'center' : 'left',
    };
  };
  const body: TableCell[][] = [...header, ...cellsOf(doc).map((cells) => cells.map((v, i) => bodyCell(v, i, false)))];
  const totals = totalsOf(doc);
  if (totals) body.push(totals.map((v, i) => bodyCell(v, i, true)));

  const block = titleBlock(doc);
  const leftShare = splitColumns(n) / n;
  const notes = notesOf(doc);
  const titleLine = !!(doc.preparedBy?.title || doc.approvedBy?.title);

  return {
    pageSize: 'A4',
    pageOrientation: orientation,
    pageMargins: MARGINS,
    info: { title: doc.title, author: doc.issuer.join(' - ') },
    defaultStyle: { font: 'Roboto', fontSize, lineHeight: 1.1 },
    footer: (page, pages) => ({ text: labels.page(String(page), String(pages)), alignment: 'center', fontSize: 8, margin: [0, 12, 0, 0] }),
    content: [
      {
        columns: [
          { width: usable * leftShare, alignment: 'center', stack: blockStack(block.left, 11) },
          { width: '*', alignment: 'center', stack: blockStack(block.right, 11) },
        ],
      },
      { text: doc.title, bold: true, fontSize: 14, alignment: 'center', margin: [0, 18, 0, 2] },
      ...(doc.subtitle ? [{ text: doc.subtitle, italics: true, fontSize: 12, alignment: 'center' } as Content] : []),
      ...(doc.unitLine ? [{ text: doc.unitLine, italics: true, alignment: 'right', margin: [0, 4, 0, 0] } as Content] : []),
      {
        margin: [0, 8, 0, 0],
        table: {
          headerRows: layout.rows,
          widths,
          body,
          dontBreakRows: true,
          // the two header rows share the height of the tallest cell that spans both
          ...(layout.rows > 1 ? { heights: (row: number) => (row < 2 ? (spanHeight - 8) / 2 : 'auto') } : {}),
        },
      },
      ...(notes.length > 0
        ? [{ margin: [0, 6, 0, 0], stack: notes.map((t) => ({ text: t, italics: true, fontSize: fontSize - 1 })) } as Content]
        : []),
      ...(doc.preparedBy || doc.approvedBy
        ? [
            {
              margin: [0, 14, 0, 0],
              unbreakable: true,
              columns: [
                {
                  width: usable * leftShare,
                  stack: doc.preparedBy ? [signatureStack(doc.preparedBy, labels.sign, titleLine)] : [{ text: '' }],
                },
                { width: '*', stack: doc.approvedBy ? [signatureStack(doc.approvedBy, labels.signStamp, titleLine)] : [{ text: '' }] },
              ],
            } as Content,
          ]
        : []),
    ],
  };
}

/** The document as a PDF (A4, landscape unless portrait is asked for). */
export async function renderOfficialPdf(doc: OfficialDocument): Promise<Buffer> {
  const definition = buildOfficialPdfDocument(doc);
  // pdfmake keeps fonts and policies on one shared instance: set them right before use (synchronously)
  pdfmake.setFonts(ROBOTO);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => dirname(path) === FONT_DIR);
  return pdfmake.createPdf(definition).getBuffer();
}
