import { createRequire } from 'node:module';
import { toBuffer } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../../tests/support/pdf-text.js';
import {
  placeAndDateLine,
  placeOfProvince,
  qrPng,
  renderCertificatePdf,
  renderCertificatesPdf,
  signatoryTitle,
  type CertificatePdfData,
} from './pdf.js';

// pngjs comes with qrcode: it decodes both PNGs to compare their pixels
const { PNG } = createRequire(createRequire(import.meta.url).resolve('qrcode'))('pngjs') as {
  PNG: { sync: { read(data: Buffer): { width: number; height: number; data: Buffer } } };
};

const VERIFY_URL = 'https://daotao.example.vn/verify/WyJOVC1DRVJULTEiXQ.c2ln';

const diploma: CertificatePdfData = {
  documentKind: 'diploma',
  documentTitle: 'Bằng tốt nghiệp',
  issuerName: 'Trường Chính trị tỉnh Hà Giang',
  issuerParentName: null,
  holderName: 'Nguyễn Thị Hằng',
  holderGender: 'female',
  holderBirthDate: '1990-03-08',
  programmeName: 'Trung cấp lý luận chính trị',
  className: 'Lớp Trung cấp lý luận chính trị hệ tập trung',
  cohortCode: 'K12',
  modeLabel: 'tập trung',
  startDate: '2026-03-02',
  endDate: '2026-12-11',
  classificationLabel: 'Giỏi',
  number: 'TC-LLCT/2026/000123',
  place: 'Hà Giang',
  issuedOn: '2026-12-15',
  verificationUrl: VERIFY_URL,
  revoked: false,
};

describe('placeAndDateLine', () => {
  it.each([
    ['2026-12-15', 'Hà Giang, ngày 15 tháng 12 năm 2026'],
    ['2026-02-05', 'Hà Giang, ngày 05 tháng 02 năm 2026'],
    ['2026-04-05', 'Hà Giang, ngày 05 tháng 4 năm 2026'],
    ['2027-01-31', 'Hà Giang, ngày 31 tháng 01 năm 2027'],
    ['2026-10-10', 'Hà Giang, ngày 10 tháng 10 năm 2026'],
  ])('%s → %s (leading zero for days below 10 and months below 3)', (date, line) => {
    expect(placeAndDateLine('Hà Giang', date)).toBe(line);
  });
});

describe('placeOfProvince and signatoryTitle', () => {
  it.each([
    ['Tỉnh Tuyên Quang', 'Tuyên Quang'],
    ['Thành phố Hà Nội', 'Hà Nội'],
    ['tỉnh Lạng Sơn', 'Lạng Sơn'],
    ['Hà Giang', 'Hà Giang'],
  ])('the place of %s is %s', (province, place) => expect(placeOfProvince(province)).toBe(place));

  it.each([
    ['Trường Chính trị tỉnh Tuyên Quang', 'HIỆU TRƯỞNG'],
    ['Trung tâm Chính trị xã Minh Quang', 'GIÁM ĐỐC'],
    ['Sở Nội vụ', 'THỦ TRƯỞNG ĐƠN VỊ'],
  ])('%s is signed by its %s', (issuer, title) => expect(signatoryTitle(issuer)).toBe(title));
});

describe('renderCertificatePdf', () => {
  it('prints every Vietnamese line as a reader would copy it, through the embedded Roboto subset', async () => {
    const pdf = await renderCertificatePdf(diploma);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // a subset of the bundled Roboto is embedded (the name carries pdfkit's subset tag)
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+Roboto-Regular/);
    const text = pdfText(pdf);
    for (const line of [
      'TRƯỜNG CHÍNH TRỊ TỈNH HÀ GIANG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BẰNG TỐT NGHIỆP',
      'TRUNG CẤP LÝ LUẬN CHÍNH TRỊ',
      'Cấp cho: Bà Nguyễn Thị Hằng',
      'Sinh ngày: 08/03/1990',
      'Đã tốt nghiệp chương trình trung cấp lý luận chính trị',
      'Lớp Trung cấp lý luận chính trị hệ tập trung (khóa K12)',
      'tập trung',
      'từ 02/03/2026 đến 11/12/2026',
      'Xếp loại tốt nghiệp:Giỏi',
      'Số hiệu: TC-LLCT/2026/000123',
      'Hà Giang, ngày 15 tháng 12 năm 2026',
      'HIỆU TRƯỞNG',
    ]) {
      expect(text, line).toContain(line);
    }
    expect(text).not.toContain('\uFFFD');
    expect(text).not.toContain('ĐÃ THU HỒI');
  });

  it('links the QR code to the verification page', async () => {
    const pdf = await renderCertificatePdf(diploma);
    expect(pdf.toString('latin1')).toContain(`/URI (${VERIFY_URL})`);
  });

  it('prints a giấy chứng nhận for a short course, with its parent unit, and marks a revoked certificate', async () => {
    const text = pdfText(
      await renderCertificatePdf({
        ...diploma,
        documentKind: 'certificate',
        documentTitle: 'Giấy chứng nhận',
        issuerName: 'Trung tâm Chính trị xã Minh Quang',
        issuerParentName: 'Đảng ủy xã Minh Quang',
        holderName: 'Lò Văn Dũng',
        holderGender: 'male',
        programmeName: 'Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên',
        classificationLabel: 'Khá',
        revoked: true,
      }),
    );
    for (const line of [
      'ĐẢNG ỦY XÃ MINH QUANG',
      'TRUNG TÂM CHÍNH TRỊ XÃ MINH QUANG',
      'GIẤY CHỨNG NHẬN',
      'Cấp cho: Ông Lò Văn Dũng',
      'Đã hoàn thành chương trình bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên',
      'Xếp loại:Khá',
      'GIÁM ĐỐC',
      'ĐÃ THU HỒI',
    ]) {
      expect(text, line).toContain(line);
    }
    expect(text).not.toContain('BẰNG TỐT NGHIỆP');
  });
});

describe('the QR code and the shared fonts (decision 0043)', () => {
  it.each([VERIFY_URL, `https://daotao.example.vn/verify/${'x'.repeat(220)}`, 'https://a.vn/v/1'])(
    'draws the same pixels as qrcode.toBuffer (margin 0, scale 4) for %s, as 1-bit greyscale',
    async (url) => {
      const ours = PNG.sync.read(qrPng(url));
      const theirs = PNG.sync.read(await toBuffer(url, { errorCorrectionLevel: 'M', margin: 0, scale: 4 }));
      expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
      for (let i = 0; i < theirs.width * theirs.height; i++) {
        // compare the red channel (both are black or white, fully opaque)
        expect(ours.data[i * 4], `pixel ${i}`).toBe(theirs.data[i * 4]);
      }
      expect(qrPng(url)[25]).toBe(0); // colour type 0: greyscale, no alpha for pdfkit to split off
    },
  );

  it('renders each holder with their own glyphs when many PDFs share the parsed fonts, one after another and at once', async () => {
    const holders = ['Đặng Thị Ngọc Ánh', 'Lò Văn Dũng', 'Hoàng Quốc Việt', 'Triệu Thị Ỷ'];
    const one = await Promise.all(holders.map((holderName) => renderCertificatePdf({ ...diploma, holderName })));
    one.forEach((pdf, i) => {
      const text = pdfText(pdf);
      expect(text).toContain(`Cấp cho: Bà ${holders[i]}`);
      for (const other of holders.filter((_, j) => j !== i)) expect(text).not.toContain(other);
    });
    const batch = pdfText(await renderCertificatesPdf(holders.map((holderName) => ({ ...diploma, holderName }))));
    for (const holder of holders) expect(batch).toContain(`Cấp cho: Bà ${holder}`);
    // the same certificate renders to the same text whether its fonts were parsed for it or before
    expect(pdfText(await renderCertificatePdf(diploma))).toBe(pdfText(await renderCertificatePdf(diploma)));
  });
});
