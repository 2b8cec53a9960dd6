/**
 * An administrative document as an editable Word file (DOCX, with the `docx` library; decision
 * 0034): A4, Times New Roman, the margins and sizes of Nghị định 30/2020/NĐ-CP Phụ lục I. The header
 * (issuer | motto) and the closing (recipients | signature) are borderless two-column tables, as
 * officials lay them out by hand in Word, so the clerk can edit every line.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
  type ISectionOptions,
} from 'docx';
import {
  BODY_SIZE,
  LANDSCAPE_MARGINS_MM,
  MARGINS_MM,
  mottoLines,
  upper,
  type AdminDocument,
  type Block,
  type Issuer,
  type Run,
  type Section,
} from './model.js';

const FONT = 'Times New Roman';
const A4 = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) };
const half = (pt: number) => pt * 2;

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  justify: AlignmentType.JUSTIFIED,
  right: AlignmentType.RIGHT,
} as const;

function run(r: Run, size: number, extra: { underline?: boolean } = {}): TextRun {
  return new TextRun({
    text: r.text,
    bold: r.bold,
    italics: r.italics,
    size: half(size),
    font: FONT,
    ...(extra.underline ? { underline: {} } : {}),
  });
}

function line(
  text: string,
  opts: { size: number; bold?: boolean; italics?: boolean; underline?: boolean; align?: keyof typeof ALIGN; spaceBefore?: number },
): Paragraph {
  return new Paragraph({
    alignment: ALIGN[opts.align ?? 'center'],
    spacing: { before: (opts.spaceBefore ?? 0) * 20, after: 0 },
    children: [run({ text, bold: opts.bold, italics: opts.italics }, opts.size, { underline: opts.underline })],
  });
}

function cell(children: Paragraph[], widthPct: number): TableCell {
  return new TableCell({
    children,
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    verticalAlign: VerticalAlign.TOP,
  });
}

function layoutTable(left: Paragraph[], right: Paragraph[], leftPct: number): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, leftPct), cell(right, 100 - leftPct)] })],
  });
}

/** The issuer (left) and motto (right) block, with the number under the issuer and the date under the motto. */
function headerBlock(issuer: Issuer, numberLine: string | null, dateLine: string | null): Table {
  const left: Paragraph[] = [];
  if (issuer.parentBody) left.push(line(upper(issuer.parentBody), { size: 13 }));
  left.push(line(upper(issuer.issuingBody), { size: 13, bold: true }));
  left.push(line(issuer.headerStyle === 'party' ? '*' : '⎯⎯⎯⎯⎯⎯', { size: 11 }));
  if (numberLine) left.push(line(numberLine, { size: 13, spaceBefore: 4 }));
  const motto = mottoLines(issuer.headerStyle);
  const right: Paragraph[] = [line(motto.line, { size: 13, bold: true, underline: motto.sub === null })];
  if (motto.sub) right.push(line(motto.sub, { size: 14, bold: true, underline: true }));
  if (dateLine) right.push(line(dateLine, { size: 14, italics: true, spaceBefore: 10 }));
  return layoutTable(left, right, 42);
}

function block(b: Block, landscape: boolean): (Paragraph | Table)[] {
  if (b.kind === 'paragraph') {
    const size = b.size ?? BODY_SIZE;
    return [
      new Paragraph({
        alignment: ALIGN[b.align ?? 'justify'],
        indent: b.indent ? { firstLine: convertMillimetersToTwip(10) } : undefined,
        spacing: { before: (b.spaceBefore ?? 6) * 20, after: 0, line: 300 },
        children: b.runs.map((r) => run(r, size)),
      }),
    ];
  }
  const size = b.size ?? 12;
  const total = b.columns.reduce((s, c) => s + c.width, 0);
  const usable = landscape ? 297 - LANDSCAPE_MARGINS_MM.left - LANDSCAPE_MARGINS_MM.right : 210 - MARGINS_MM.left - MARGINS_MM.right;
  const widths = b.columns.map((c) => Math.floor(convertMillimetersToTwip((usable * c.width) / total)));
  const borders = { top: LINE, bottom: LINE, left: LINE, right: LINE };
  const tcell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      borders,
      verticalAlign: VerticalAlign.CENTER,
      children: [
        new Paragraph({
          alignment: ALIGN[head ? 'center' : (b.columns[i]!.align ?? 'left')],
          children: [run({ text, bold: head }, size)],
        }),
      ],
    });
  return [
    new Paragraph({ children: [], spacing: { before: 120, after: 0 } }),
    new Table({
      width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        new TableRow({ tableHeader: true, children: b.columns.map((c, i) => tcell(c.header, i, true)) }),
        ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => tcell(v, i, false)) })),
      ],
    }),
  ];
}

function closing(c: NonNullable<Section['closing']>): Table {
  const left: Paragraph[] = [];
  if (c.recipients) {
    left.push(line('Nơi nhận:', { size: 12, bold: true, italics: true, align: 'left' }));
    c.recipients.forEach((r, i) => left.push(line(`- ${r}${i === c.recipients!.length - 1 ? '.' : ';'}`, { size: 11, align: 'left' })));
  }
  const right: Paragraph[] = [];
  if (c.dateLine) right.push(line(c.dateLine, { size: 14, italics: true }));
  if (c.signature) {
    const s = c.signature;
    if (s.authority) right.push(line(upper(s.authority), { size: 14, bold: true }));
    right.push(line(upper(s.title), { size: 14, bold: true }));
    right.push(line('(Ký, ghi rõ họ tên và đóng dấu)', { size: 13, italics: true }));
    for (let i = 0; i < 4; i++) right.push(line('', { size: 14 }));
    right.push(line(s.name, { size: 14, bold: true }));
  }
  return layoutTable(left, right, 45);
}

function section(doc: AdminDocument, s: Section): ISectionOptions {
  const landscape = s.orientation === 'landscape';
  const m = landscape ? LANDSCAPE_MARGINS_MM : MARGINS_MM;
  const children: (Paragraph | Table)[] = [];
  if (s.header) children.push(headerBlock(doc.issuer, s.header.numberLine, s.header.dateLine));
  s.title.forEach((t, i) => children.push(line(t, { size: 14, bold: true, spaceBefore: i === 0 ? 18 : 0 })));
  s.subtitle.forEach((t) => children.push(line(t, { size: 14, bold: !t.startsWith('('), italics: t.startsWith('(') })));
  for (const b of s.blocks) children.push(...block(b, landscape));
  if (s.closing) {
    children.push(new Paragraph({ children: [], spacing: { before: 240 } }));
    children.push(closing(s.closing));
  }
  return {
    properties: {
      page: {
        // docx swaps width and height for landscape itself
        size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: {
          top: convertMillimetersToTwip(m.top),
          bottom: convertMillimetersToTwip(m.bottom),
          left: convertMillimetersToTwip(m.left),
          right: convertMillimetersToTwip(m.right),
        },
      },
    },
    children,
  };
}

/** The Word file of a document. */
export async function renderAdminDocx(doc: AdminDocument): Promise<Buffer> {
  const file = new Document({
    creator: doc.issuer.issuingBody,
    title: doc.fileTitle,
    styles: { default: { document: { run: { font: FONT, size: half(BODY_SIZE) } } } },
    sections: doc.sections.map((s) => section(doc, s)),
  });
  return Packer.toBuffer(file);
}
