/**
 * An administrative document as a PDF (pdfmake, as the certificates): the same layout as the Word
 * file. pdfmake ships Roboto, not Times New Roman; Roboto covers every Vietnamese letter and the
 * sizes and margins stay those of Nghị định 30/2020/NĐ-CP (decision 0034).
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import {
  BODY_SIZE,
  LANDSCAPE_MARGINS_MM,
  MARGINS_MM,
  mottoLines,
  upper,
  type AdminDocument,
  type Block,
  type Issuer,
  type Section,
} from './model.js';

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as typeof import('pdfmake');
const ROBOTO = require('pdfmake/fonts/Roboto.js') as { Roboto: { normal: string; bold: string; italics: string; bolditalics: string } };
const FONT_DIR = dirname(ROBOTO.Roboto.normal);

const mm = (v: number) => (v * 72) / 25.4;

function headerBlock(issuer: Issuer, numberLine: string | null, dateLine: string | null): Content {
  const motto = mottoLines(issuer.headerStyle);
  return {
    columns: [
      {
        width: '42%',
        alignment: 'center',
        stack: [
          ...(issuer.parentBody ? [{ text: upper(issuer.parentBody), fontSize: 12 } as Content] : []),
          { text: upper(issuer.issuingBody), fontSize: 12, bold: true },
          issuer.headerStyle === 'party'
            ? ({ text: '*', fontSize: 11 } as Content)
            : ({ canvas: [{ type: 'line', x1: 0, y1: 3, x2: 70, y2: 3, lineWidth: 0.6 }] } as Content),
          ...(numberLine ? [{ text: numberLine, fontSize: 13, margin: [0, 4, 0, 0] } as Content] : []),
        ],
      },
      {
        width: '*',
        alignment: 'center',
        stack: [
          { text: motto.line, fontSize: 12, bold: true, decoration: motto.sub === null ? 'underline' : undefined },
          ...(motto.sub
            ? [
                { text: motto.sub, fontSize: 13, bold: true } as Content,
                { canvas: [{ type: 'line', x1: 0, y1: 2, x2: 165, y2: 2, lineWidth: 0.6 }] } as Content,
              ]
            : []),
          ...(dateLine ? [{ text: dateLine, italics: true, fontSize: 13, margin: [0, 8, 0, 0] } as Content] : []),
        ],
      },
    ],
  };
}

function block(b: Block): Content {
  if (b.kind === 'paragraph') {
    return {
      text: b.runs.map((r) => ({ text: r.text, bold: r.bold, italics: r.italics })),
      alignment: b.align ?? 'justify',
      fontSize: b.size ?? BODY_SIZE - 1,
      margin: [0, b.spaceBefore ?? 5, 0, 0],
      ...(b.indent ? { leadingIndent: mm(10) } : {}),
    };
  }
  const size = b.size ?? 11;
  const total = b.columns.reduce((s, c) => s + c.width, 0);
  const head: TableCell[] = b.columns.map((c) => ({ text: c.header, bold: true, alignment: 'center', fontSize: size }));
  return {
    margin: [0, 8, 0, 0],
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: b.columns.map((c) => `${((c.width / total) * 100).toFixed(2)}%`),
      body: [
        head,
        ...b.rows.map((r) => r.map((v, i): TableCell => ({ text: v, alignment: b.columns[i]!.align ?? 'left', fontSize: size }))),
      ],
    },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingTop: () => 2, paddingBottom: () => 2 },
  };
}

function closing(c: NonNullable<Section['closing']>): Content {
  const left: Content[] = c.recipients
    ? [
        { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 },
        ...c.recipients.map((r, i) => ({ text: `- ${r}${i === c.recipients!.length - 1 ? '.' : ';'}`, fontSize: 11 }) as Content),
      ]
    : [];
  const right: Content[] = [];
  if (c.dateLine) right.push({ text: c.dateLine, italics: true, fontSize: 13 });
  if (c.signature) {
    const s = c.signature;
    if (s.authority) right.push({ text: upper(s.authority), bold: true, fontSize: 13 });
    right.push({ text: upper(s.title), bold: true, fontSize: 13 });
    right.push({ text: '(Ký, ghi rõ họ tên và đóng dấu)', italics: true, fontSize: 11 });
    right.push({ text: s.name || ' ', bold: true, fontSize: 13, margin: [0, 60, 0, 0] });
  }
  return {
    margin: [0, 18, 0, 0],
    unbreakable: true,
    columns: [
      { width: '45%', stack: left },
      { width: '*', alignment: 'center', stack: right },
    ],
  };
}

function sectionContent(doc: AdminDocument, s: Section, first: boolean): Content[] {
  const out: Content[] = [];
  const start = first ? {} : { pageBreak: 'before' as const, pageOrientation: s.orientation };
  if (s.header) out.push({ stack: [headerBlock(doc.issuer, s.header.numberLine, s.header.dateLine)], ...start });
  s.title.forEach((t, i) =>
    out.push({
      text: t,
      bold: true,
      fontSize: 14,
      alignment: 'center',
      margin: [0, i === 0 ? 14 : 0, 0, 0],
      ...(i === 0 && !s.header ? start : {}),
    }),
  );
  s.subtitle.forEach((t) => out.push({ text: t, bold: !t.startsWith('('), italics: t.startsWith('('), fontSize: 13, alignment: 'center' }));
  out.push(...s.blocks.map(block));
  if (s.closing) out.push(closing(s.closing));
  return out;
}

/** The pdfmake definition of a document (exported for tests). */
export function buildAdminPdf(doc: AdminDocument): TDocumentDefinitions {
  const firstLandscape = doc.sections[0]?.orientation === 'landscape';
  const m = firstLandscape ? LANDSCAPE_MARGINS_MM : MARGINS_MM;
  return {
    pageSize: 'A4',
    pageOrientation: firstLandscape ? 'landscape' : 'portrait',
    pageMargins: [mm(m.left), mm(m.top), mm(m.right), mm(m.bottom)],
    info: { title: doc.fileTitle, author: doc.issuer.issuingBody },
    defaultStyle: { font: 'Roboto', fontSize: BODY_SIZE - 1, lineHeight: 1.15 },
    content: doc.sections.flatMap((s, i) => sectionContent(doc, s, i === 0)),
  };
}

/** The PDF of a document. */
export async function renderAdminPdf(doc: AdminDocument): Promise<Buffer> {
  // pdfmake keeps fonts and policies on one shared instance: set them right before use (synchronously)
  pdfmake.setFonts(ROBOTO);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => dirname(path) === FONT_DIR);
  return pdfmake.createPdf(buildAdminPdf(doc)).getBuffer();
}
