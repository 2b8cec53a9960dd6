/**
 * The certificate as a PDF: A4 landscape, rendered with pdfmake's Node API and the Roboto fonts it
 * ships (they cover every Vietnamese letter; pdfkit embeds a subset with a ToUnicode map, so the
 * text can be searched and copied). The QR code (a 1-bit greyscale PNG) carries the verification URL.
 * Rendered when downloaded, never stored, so a class of 500 is issued without waiting for 500 PDFs
 * (docs/decisions/0010-certificates.md). The fonts are parsed once per process (font-cache.ts,
 * decision 0043): about 36 ms per certificate alone, under 10 ms each in a class's single PDF.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { create } from 'qrcode';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { CertificateDocumentKind } from '@nang-tam/contracts';
import { formatViDate } from '@nang-tam/domain';
import { officialDateLine } from '../documents/date-line.js';
import { installFontCache } from './font-cache.js';

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as typeof import('pdfmake');
const ROBOTO = require('pdfmake/fonts/Roboto.js') as { Roboto: { normal: string; bold: string; italics: string; bolditalics: string } };
const FONT_DIR = dirname(ROBOTO.Roboto.normal);
installFontCache();

/** Everything printed on a certificate. */
export interface CertificatePdfData {
  documentKind: CertificateDocumentKind;
  /** 'Bằng tốt nghiệp' or 'Giấy chứng nhận'. */
  documentTitle: string;
  issuerName: string;
  /** The issuer's parent unit, printed above it (omitted for a unit directly under the province). */
  issuerParentName: string | null;
  holderName: string;
  holderGender: 'male' | 'female' | null;
  holderBirthDate: string;
  programmeName: string;
  className: string;
  cohortCode: string;
  /** e.g. 'tập trung'. */
  modeLabel: string;
  startDate: string;
  endDate: string;
  /** e.g. 'Giỏi'. */
  classificationLabel: string;
  number: string;
  /** Where it is signed, e.g. 'Tuyên Quang'. */
  place: string;
  issuedOn: string;
  verificationUrl: string;
  revoked: boolean;
}

const RED = '#a31515';
const INK = '#1a1a1a';

/** 'Tỉnh Tuyên Quang' → 'Tuyên Quang', 'Thành phố Hà Nội' → 'Hà Nội': the place line of a document. */
export function placeOfProvince(provinceName: string): string {
  return provinceName.replace(/^\s*(tỉnh|thành phố)\s+/iu, '').trim() || provinceName;
}

/** 'Hà Giang, ngày 15 tháng 12 năm 2026' (the official documents' date line: documents/date-line.ts). */
export function placeAndDateLine(place: string, isoDate: string): string {
  return officialDateLine(place, isoDate);
}

/** 'Trung cấp lý luận chính trị' → 'trung cấp lý luận chính trị', for use inside a sentence. */
function inSentence(name: string): string {
  return name.charAt(0).toLocaleLowerCase('vi') + name.slice(1);
}

const upper = (s: string) => s.toLocaleUpperCase('vi');

/** The signatory's title from the issuer's name: a school's rector, a centre's director, otherwise its head. */
export function signatoryTitle(issuerName: string): string {
  if (/^trường/iu.test(issuerName.trim())) return 'HIỆU TRƯỞNG';
  if (/^(trung tâm|học viện)/iu.test(issuerName.trim())) return 'GIÁM ĐỐC';
  return 'THỦ TRƯỞNG ĐƠN VỊ';
}

function detailRow(label: string, value: string): Content {
  return {
    columns: [
      { width: 170, text: label, color: '#444444' },
      { width: '*', text: value, bold: true },
    ],
    margin: [0, 3, 0, 3],
  };
}

/** The pdfmake document of one certificate (the QR code already as a PNG data URL). */
export function buildCertificateDocument(data: CertificatePdfData, qrDataUrl: string): TDocumentDefinitions {
  const honorific = data.holderGender === 'female' ? 'Bà' : data.holderGender === 'male' ? 'Ông' : 'Ông/Bà';
  const diploma = data.documentKind === 'diploma';
  const issuerHeader: Content[] = [
    ...(data.issuerParentName ? [{ text: upper(data.issuerParentName), fontSize: 11 } as Content] : []),
    { text: upper(data.issuerName), bold: true, fontSize: 11 },
    // a canvas is centred by its own width: lines start at 0
    { canvas: [{ type: 'line', x1: 0, y1: 4, x2: 120, y2: 4, lineWidth: 0.8 }] },
  ];
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [56, 44, 56, 40],
    info: { title: `${data.documentTitle} ${data.number}`, author: data.issuerName, subject: data.programmeName },
    defaultStyle: { font: 'Roboto', fontSize: 12, color: INK, lineHeight: 1.15 },
    background: (_page, size) => ({
      canvas: [
        { type: 'rect', x: 18, y: 18, w: size.width - 36, h: size.height - 36, lineWidth: 3, lineColor: RED },
        { type: 'rect', x: 25, y: 25, w: size.width - 50, h: size.height - 50, lineWidth: 0.8, lineColor: RED },
      ],
    }),
    ...(data.revoked ? { watermark: { text: 'ĐÃ THU HỒI', color: RED, opacity: 0.18, bold: true } } : {}),
    content: [
      {
        columns: [
          { width: 340, stack: issuerHeader, alignment: 'center' },
          {
            width: '*',
            alignment: 'center',
            stack: [
              { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, fontSize: 12 },
              { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, fontSize: 12 },
              { canvas: [{ type: 'line', x1: 0, y1: 4, x2: 170, y2: 4, lineWidth: 0.8 }] },
            ],
          },
        ],
      },
      { text: upper(data.documentTitle), fontSize: 30, bold: true, color: RED, alignment: 'center', margin: [0, 26, 0, 2] },
      ...(diploma ? [{ text: upper(data.programmeName), fontSize: 15, bold: true, color: RED, alignment: 'center' } as Content] : []),
      {
        text: [{ text: 'Cấp cho: ' }, { text: `${honorific} ${data.holderName}`, bold: true, fontSize: 20 }],
        alignment: 'center',
        margin: [0, diploma ? 18 : 22, 0, 2],
      },
      { text: `Sinh ngày: ${formatViDate(data.holderBirthDate)}`, alignment: 'center' },
      {
        text: `${diploma ? 'Đã tốt nghiệp' : 'Đã hoàn thành'} chương trình ${inSentence(data.programmeName)}`,
        alignment: 'center',
        margin: [0, 6, 0, 12],
      },
      {
        margin: [150, 0, 0, 0],
        stack: [
          detailRow('Lớp:', `${data.className} (khóa ${data.cohortCode})`),
          detailRow('Hình thức học:', data.modeLabel),
          detailRow('Thời gian học:', `từ ${formatViDate(data.startDate)} đến ${formatViDate(data.endDate)}`),
          detailRow(diploma ? 'Xếp loại tốt nghiệp:' : 'Xếp loại:', data.classificationLabel),
        ],
      },
      {
        margin: [0, 18, 0, 0],
        columns: [
          {
            width: 250,
            stack: [
              // clicking the code in a PDF viewer opens the verification page too
              { image: qrDataUrl, width: 92, height: 92, link: data.verificationUrl },
              { text: 'Quét mã QR để kiểm tra tính hợp lệ', fontSize: 8, color: '#444444', margin: [0, 3, 0, 0] },
              { text: [{ text: 'Số hiệu: ' }, { text: data.number, bold: true }], fontSize: 11, margin: [0, 2, 0, 0] },
            ],
          },
          {
            width: '*',
            alignment: 'center',
            stack: [
              { text: placeAndDateLine(data.place, data.issuedOn), italics: true },
              { text: signatoryTitle(data.issuerName), bold: true, margin: [0, 4, 0, 0] },
              { text: '(Ký, ghi rõ họ tên và đóng dấu)', italics: true, fontSize: 9, color: '#444444' },
            ],
          },
        ],
      },
    ],
  };
}

const QR_SCALE = 4; // one module is half a byte in the 1-bit PNG (qrPng relies on it)

/**
 * The QR code of a verification URL as a PNG data URL: black modules on white, 4 px each, no margin
 * (what `qrcode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 0, scale: 4 })` draws), written
 * as a 1-bit greyscale PNG. qrcode's own PNG is RGBA, which pdfkit must decode to split off the alpha
 * channel and compress again; a greyscale PNG without alpha is embedded as it is (decision 0043).
 */
export function qrDataUrl(url: string): Promise<string> {
  return Promise.resolve(`data:image/png;base64,${qrPng(url).toString('base64')}`);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function qrPng(url: string): Buffer {
  const { modules } = create(url, { errorCorrectionLevel: 'M' });
  const width = modules.size * QR_SCALE;
  const rowBytes = Math.ceil(width / 8);
  const row = Buffer.alloc(1 + rowBytes);
  const raw = Buffer.alloc((1 + rowBytes) * width);
  for (let y = 0; y < modules.size; y++) {
    row.fill(0xff, 1); // filter byte 0 (none), then white
    // at 4 px a module, each module is one half of a byte: the high half for an even column
    for (let x = 0; x < modules.size; x++) {
      if (modules.get(y, x)) row[1 + (x >> 1)]! &= x & 1 ? 0xf0 : 0x0f;
    }
    for (let k = 0; k < QR_SCALE; k++) row.copy(raw, (y * QR_SCALE + k) * (1 + rowBytes));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The PDF of one certificate. */
export async function renderCertificatePdf(data: CertificatePdfData): Promise<Buffer> {
  return renderPdfmake(buildCertificateDocument(data, await qrDataUrl(data.verificationUrl)));
}

/** A pdfmake document rendered with the bundled Roboto fonts only. */
export function renderPdfmake(document: TDocumentDefinitions): Promise<Buffer> {
  // pdfmake keeps fonts and policies on one shared instance: set them right before use (synchronously)
  pdfmake.setFonts(ROBOTO);
  // nothing is fetched from the network, and only the bundled fonts are read from disk
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => dirname(path) === FONT_DIR);
  return pdfmake.createPdf(document).getBuffer();
}

/**
 * Several certificates as one PDF, one page each (a whole class printed at once, decision 0034):
 * the same page as a single certificate, with its own QR code; fonts are embedded once.
 */
export async function renderCertificatesPdf(list: readonly CertificatePdfData[]): Promise<Buffer> {
  if (list.length === 0) throw new Error('renderCertificatesPdf needs at least one certificate');
  const pages = await Promise.all(list.map(async (data) => buildCertificateDocument(data, await qrDataUrl(data.verificationUrl))));
  const first = pages[0]!;
  const document: TDocumentDefinitions = {
    ...first,
    info: { title: `${list[0]!.documentTitle} - ${list[0]!.className}`, author: list[0]!.issuerName, subject: list[0]!.programmeName },
    // the background (the frame) is the same on every page; a revoked certificate is not printed in a batch
    watermark: undefined,
    content: pages.map((page, i) => ({ stack: page.content as Content[], ...(i > 0 ? { pageBreak: 'before' as const } : {}) })),
  };
  return renderPdfmake(document);
}
