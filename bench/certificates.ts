/**
 * `npx tsx bench/certificates.ts [--n 200]`: what one certificate PDF costs and where the time goes
 * (decision 0043), each part against a baseline measured in the same run:
 * - baseline: the previous renderer (pdfmake as it ships: fonts parsed for every PDF, qrcode's RGBA PNG);
 * - pdfmake rendering one fixed page (the same certificate, the same QR code), as it ships and with
 *   the shared fonts: what the layout costs without the per-holder parts;
 * - the QR code alone, both ways;
 * - the single-certificate PDF now (renderCertificatePdf), one holder after another;
 * - a class's certificates as one PDF (renderCertificatesPdf, what printing uses), per certificate;
 * - signing with the school's certificate (PAdES, decision 0061): one certificate's PDF and a class's
 *   one PDF, against rendering them unsigned in the same run (an RSA-2048 self-signed PKCS#12).
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpus } from 'node:os';
import forge from 'node-forge';
import { readPkcs12, signPdf, type PdfSigning } from '../apps/server/src/certificates/pades.js';
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

// ---------- PAdES (decision 0061): what signing adds ----------

function benchPkcs12(): PdfSigning {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);
  cert.serialNumber = '01' + createHash('sha1').update('bench').digest('hex').slice(0, 14);
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const attrs = [{ shortName: 'CN', value: 'Truong Chinh tri tinh (bench)' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(key, forge.md.sha256.create());
  const p12 = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, cert, 'bench', { algorithm: 'aes256' })).getBytes(), 'binary');
  const t = performance.now();
  const read = readPkcs12(p12, 'bench', new Date());
  console.log(`| opening the PKCS#12 once, on upload (node-forge) | ${(performance.now() - t).toFixed(0)} ms |`);
  if (!read.ok) throw new Error(read.refusal.code);
  return { ...read.value, passphrase: 'bench', name: 'Truong Chinh tri tinh', location: 'Tuyen Quang', reason: 'Cap van bang, chung chi' };
}

console.log('\n| signing with the school certificate (PAdES) | time |\n|---|---|');
const signing = benchPkcs12();
const singles = await Promise.all(Array.from({ length: 20 }, (_, i) => renderCertificatePdf(holder(i))));
const t0 = performance.now();
await signPdf(singles[0]!, signing);
console.log(`| first signature of a process (decrypting the key, reading the chain) | ${(performance.now() - t0).toFixed(1)} ms |`);
const unsignedOne = await perItem('**baseline**: one certificate PDF rendered, unsigned', (i) => renderCertificatePdf(holder(i)));
const signOne = await perItem('signing one certificate PDF (placeholder + CMS, RSA-2048)', (i) => signPdf(singles[i % singles.length]!, signing));
await perItem('**one certificate PDF, rendered and signed**', async (i) => signPdf(await renderCertificatePdf(holder(i)), signing));
const classPdf = await renderCertificatesPdf(Array.from({ length: CLASS }, (_, k) => holder(k)));
const tc = performance.now();
const ROUNDS = 5;
for (let r = 0; r < ROUNDS; r++) await signPdf(classPdf, signing);
const signClass = (performance.now() - tc) / ROUNDS;
const tr = performance.now();
await renderCertificatesPdf(Array.from({ length: CLASS }, (_, k) => holder(k)));
const renderClass = performance.now() - tr;
console.log(`| **baseline**: a class's one PDF (${CLASS} certificates, ${(classPdf.length / 1024).toFixed(0)} KiB) rendered, unsigned | ${renderClass.toFixed(0)} ms |`);
console.log(`| signing that class PDF (one signature over the whole file) | ${signClass.toFixed(1)} ms (${((signClass / renderClass) * 100).toFixed(1)} % of rendering it) |`);
console.log(`\nsigning adds ${((signOne / unsignedOne) * 100).toFixed(0)} % to one certificate PDF`);
