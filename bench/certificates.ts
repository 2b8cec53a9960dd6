/**
 * `npx tsx bench/certificates.ts [--n 200]`: what one certificate PDF costs and where the time goes
 * (decision 0043), each part against a baseline measured in the same run:
 * - baseline: the previous renderer (pdfmake as it ships: fonts parsed for every PDF, qrcode's RGBA PNG);
 * - pdfmake rendering one fixed page (the same certificate, the same QR code), as it ships and with
 *   the shared fonts: what the layout costs without the per-holder parts;
 * - the QR code alone, both ways;
 * - the single-certificate PDF now (renderCertificatePdf), one holder after another;
 * - a class's certificates as one PDF (renderCertificatesPdf, what printing uses), per certificate.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { shareParsedFonts } from '../apps/server/src/certificates/font-cache.js';
import { toDataURL } from 'qrcode';
import {
  buildCertificateDocument,
  qrDataUrl,
  renderCertificatePdf,
  renderCertificatesPdf,
  renderPdfmake,
  type CertificatePdfData,
} from '../apps/server/src/certificates/pdf.js';

const { values: args } = parseArgs({ options: { n: { type: 'string', default: '200' } } });
const N = Number(args.n);

const holder = (i: number): CertificatePdfData => ({
  documentKind: 'diploma',
  documentTitle: 'Bằng tốt nghiệp',
  issuerName: 'Trường Chính trị tỉnh Tuyên Quang',
  issuerParentName: 'Tỉnh ủy Tuyên Quang',
  holderName: `Nguyễn Thị Hồng Nhung ${i + 1}`,
  holderGender: i % 2 ? 'male' : 'female',
  holderBirthDate: '1985-03-0' + ((i % 9) + 1),
  programmeName: 'Trung cấp lý luận chính trị',
  className: 'Lớp Trung cấp lý luận chính trị K12',
  cohortCode: 'K12',
  modeLabel: 'tập trung',
  startDate: '2026-03-02',
  endDate: '2026-12-04',
  classificationLabel: i % 3 ? 'Khá' : 'Giỏi',
  number: `TCLLCT/2026/${String(i + 1).padStart(5, '0')}`,
  place: 'Tuyên Quang',
  issuedOn: '2026-12-07',
  verificationUrl: `https://daotao.example.gov.vn/verify?c=${'x'.repeat(180)}${i}`,
  revoked: false,
});

async function perItem(label: string, fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await fn(i); // warm-up
  const t = performance.now();
  for (let i = 0; i < N; i++) await fn(i);
  const ms = (performance.now() - t) / N;
  console.log(`| ${label} | ${ms.toFixed(1)} ms |`);
  return ms;
}

console.log(
  `_${N} certificates, ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, Node ${process.version}. Run: \`npx tsx bench/certificates.ts --n ${N}\`._\n`,
);
console.log('| per certificate | time |\n|---|---|');
const fixedQr = await qrDataUrl(holder(0).verificationUrl);
const fixed = () => buildCertificateDocument(holder(0), fixedQr);
const oldQr = (url: string) => toDataURL(url, { errorCorrectionLevel: 'M', margin: 0, scale: 4 });
const results: Record<string, number> = {};
shareParsedFonts(false);
results.before = await perItem('**baseline**: the previous renderer (fonts parsed per PDF, RGBA QR PNG)', async (i) =>
  renderPdfmake(buildCertificateDocument(holder(i), await oldQr(holder(i).verificationUrl))),
);
await perItem('pdfmake as it ships, one fixed page (same text, same QR)', () => renderPdfmake(fixed()));
await perItem('QR code before: qrcode.toDataURL (RGBA PNG)', (i) => oldQr(holder(i).verificationUrl));
shareParsedFonts(true);
await perItem('pdfmake with the shared parsed fonts, one fixed page', () => renderPdfmake(fixed()));
await perItem('QR code now: 1-bit greyscale PNG', (i) => qrDataUrl(holder(i).verificationUrl));
results.after = await perItem('**certificate PDF now** (renderCertificatePdf)', (i) => renderCertificatePdf(holder(i)));
const CLASS = Math.min(N, 100);
await perItem(`a class's certificates as one PDF (${CLASS} per PDF, per certificate)`, async (i) => {
  if (i % CLASS === 0) await renderCertificatesPdf(Array.from({ length: CLASS }, (_, k) => holder(i + k)));
});
console.log(`\nspeed-up of one certificate: ${(results.before! / results.after!).toFixed(1)}×`);
