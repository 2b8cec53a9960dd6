import { describe, expect, it } from 'vitest';
import { docxText } from '../../../../../tests/support/docx-text.js';
import { pdfText } from '../../../../../tests/support/pdf-text.js';
import {
  attendanceSheet,
  certificateRegister,
  classList,
  gradeSheet,
  graduationDecision,
  longDate,
  numberLine,
  studyDecision,
  summons,
  type CommonInput,
  type LearnerLine,
} from './builders.js';
import { renderAdminDocx } from './docx.js';
import { renderAdminPdf } from './pdf.js';
import type { Issuer } from './model.js';

const issuer: Issuer = {
  headerStyle: 'state',
  parentBody: 'Tỉnh ủy Tuyên Quang',
  issuingBody: 'Trường Chính trị tỉnh Tuyên Quang',
  symbol: 'TCT',
  place: 'Tuyên Quang',
  signerAuthority: 'KT. HIỆU TRƯỞNG',
  signerTitle: 'Phó Hiệu trưởng',
  signerName: 'Nguyễn Thị Hồng',
};

const learner = (n: number, extra: Partial<LearnerLine> = {}): LearnerLine => ({
  enrolmentId: n,
  name: `Hoàng Văn Thắng ${n}`,
  birthDate: '1985-03-09',
  gender: 'male',
  ethnicity: 'Tày',
  position: 'Phó Chủ tịch UBND xã',
  unit: 'UBND xã Minh Thanh',
  education: 'Đại học',
  politicalTheory: 'Sơ cấp',
  stateManagement: 'Chuyên viên',
  status: 'completed',
  average: 8.25,
  classification: 'Giỏi',
  ...extra,
});

const input: CommonInput = {
  issuer,
  number: '125',
  date: '2026-12-07',
  cls: {
    name: 'Trung cấp LLCT K12',
    cohortCode: 'K12',
    programmeName: 'Trung cấp lý luận chính trị',
    modeLabel: 'tập trung',
    site: 'Trường Chính trị tỉnh, cơ sở 1',
    startDate: '2026-03-02',
    endDate: '2026-11-27',
  },
  learners: [learner(1), learner(2, { name: 'Lý Thị Mai', gender: 'female', ethnicity: 'Dao' })],
};

async function bothTexts(doc: Parameters<typeof renderAdminDocx>[0]): Promise<[string, string]> {
  const [docx, pdf] = await Promise.all([renderAdminDocx(doc), renderAdminPdf(doc)]);
  // lines wrap differently in Word and in the PDF: compare text with its line breaks as spaces
  const flat = (t: string) => t.replace(/\s+/gu, ' ');
  return [flat(docxText(docx)), flat(pdfText(pdf))];
}

describe('shared parts', () => {
  it('writes dates and numbers as Nghị định 30/2020 does', () => {
    expect(longDate('2026-02-05')).toBe('ngày 05 tháng 02 năm 2026');
    expect(longDate('2026-12-17')).toBe('ngày 17 tháng 12 năm 2026');
    expect(numberLine(issuer, 'QĐ', '12')).toBe('Số: 12/QĐ-TCT');
    expect(numberLine({ ...issuer, headerStyle: 'party' }, 'QĐ', '12')).toBe('Số 12-QĐ/TCT');
    expect(numberLine(issuer, 'QĐ', null)).toBe('Số:       /QĐ-TCT');
  });
});

describe('decision sending people to study', () => {
  it('has the motto, issuer, number, date, title, bases, articles, recipients, signature and list, in DOCX and PDF', async () => {
    for (const text of await bothTexts(studyDecision(input))) {
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text).toContain('TỈNH ỦY TUYÊN QUANG');
      expect(text).toContain('TRƯỜNG CHÍNH TRỊ TỈNH TUYÊN QUANG');
      expect(text).toContain('Số: 125/QĐ-TCT');
      expect(text).toContain('Tuyên Quang, ngày 07 tháng 12 năm 2026');
      expect(text).toContain('QUYẾT ĐỊNH');
      expect(text).toContain(
        'Về việc cử cán bộ, công chức, viên chức đi học lớp trung cấp lý luận chính trị, Trung cấp LLCT K12 (khóa K12)',
      );
      expect(text).toContain('Căn cứ Nghị định số 101/2017/NĐ-CP');
      expect(text).toContain('QUYẾT ĐỊNH:');
      expect(text).toMatch(/Điều 1\. Cử 2 đồng chí \(có danh sách kèm theo\)/);
      expect(text).toContain('Điều 2.');
      expect(text).toContain('Điều 3. Quyết định có hiệu lực kể từ ngày ký.');
      expect(text).toContain('Nơi nhận:');
      expect(text).toContain('- Như Điều 3;');
      expect(text).toContain('- Lưu: VT, ĐT.');
      expect(text).toContain('KT. HIỆU TRƯỞNG');
      expect(text).toContain('PHÓ HIỆU TRƯỞNG');
      expect(text).toContain('Nguyễn Thị Hồng');
      expect(text).toContain('DANH SÁCH HỌC VIÊN ĐƯỢC CỬ ĐI HỌC');
      expect(text).toContain('(Kèm theo Quyết định số 125/QĐ-TCT ngày 07 tháng 12 năm 2026 của Trường Chính trị tỉnh Tuyên Quang)');
      expect(text).toContain('Hoàng Văn Thắng 1');
      expect(text).toContain('Lý Thị Mai');
      expect(text).toContain('09/03/1985');
      expect(text).toContain('UBND xã Minh Thanh');
    }
  });

  it('prints the Party header and symbol when the setting says so', async () => {
    const [docx, pdf] = await bothTexts(studyDecision({ ...input, issuer: { ...issuer, headerStyle: 'party' } }));
    for (const text of [docx, pdf]) {
      expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(text).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Số 125-QĐ/TCT');
    }
  });
});

describe('the other documents', () => {
  it('a summons per learner', async () => {
    const [docx, pdf] = await bothTexts(summons({ ...input, number: null }));
    for (const text of [docx, pdf]) {
      expect(text.match(/GIẤY TRIỆU TẬP/g)).toHaveLength(2);
      expect(text).toContain('Trường Chính trị tỉnh Tuyên Quang trân trọng triệu tập:');
      expect(text).toContain('Bà: Lý Thị Mai');
      expect(text).toContain('Thời gian: từ ngày 02/03/2026 đến ngày 27/11/2026.');
    }
    expect(docx).toContain('Số: /GTT-TCT');
  });

  it('the class list with the personal summary columns', async () => {
    for (const text of await bothTexts(classList(input))) {
      expect(text).toContain('DANH SÁCH TRÍCH NGANG HỌC VIÊN');
      for (const h of [
        'Họ và tên',
        'Ngày sinh',
        'Giới tính',
        'Dân tộc',
        'Chức vụ',
        'Đơn vị công tác',
        'Trình độ chuyên môn',
        'Lý luận chính trị',
        'Quản lý nhà nước',
      ])
        expect(text).toContain(h);
      expect(text).toContain('Phó Chủ tịch UBND xã');
      expect(text).toContain('Tày');
      expect(text).toContain('Danh sách có 2 học viên.');
    }
  });

  it('the attendance sheet with marks and totals', async () => {
    const doc = attendanceSheet({
      ...input,
      sessions: [
        { id: 11, date: '2026-03-02' },
        { id: 12, date: '2026-03-03' },
      ],
      marks: { '1:11': 'present', '1:12': 'absent_excused', '2:11': 'absent_unexcused' },
    });
    const text = docxText(await renderAdminDocx(doc));
    expect(text).toContain('BẢNG ĐIỂM DANH');
    expect(text).toContain('02/03');
    expect(text).toContain('Ký hiệu: x có mặt; P vắng có phép; K vắng không phép; T triệu tập về cơ quan.');
    // learner 1: 2 sessions, 1 present, 1 excused
    expect(text).toMatch(/Hoàng Văn Thắng 1\nUBND xã Minh Thanh\n2\n1\n1\n0\n0/);
  });

  it('the grade sheet with module columns and the legend', async () => {
    const doc = gradeSheet({
      ...input,
      modules: [
        { id: 5, code: 'TH', name: 'Triết học Mác - Lênin' },
        { id: 6, code: 'KT', name: 'Kinh tế chính trị' },
      ],
      hasFinalExam: true,
      grades: { '1:5': '8,5', '1:6': '8', '1:final': '8,25', '2:5': '7', '2:6': '6,5', '2:final': '7' },
    });
    for (const text of await bothTexts(doc)) {
      expect(text).toContain('BẢNG ĐIỂM');
      expect(text).toContain('HP1: Triết học Mác - Lênin; HP2: Kinh tế chính trị.');
      expect(text).toContain('8,25');
      expect(text).toContain('Giỏi');
    }
  });

  it('the graduation decision lists the graduates with their classification', async () => {
    const doc = graduationDecision({
      ...input,
      documentTitle: 'Bằng tốt nghiệp',
      learners: [...input.learners, learner(3, { status: 'failed', name: 'Người Chưa Đạt', classification: null })],
    });
    for (const text of await bothTexts(doc)) {
      expect(text).toContain('Về việc công nhận tốt nghiệp lớp trung cấp lý luận chính trị');
      expect(text).toContain('Điều 1. Công nhận tốt nghiệp cho 2 học viên');
      expect(text).toContain('Trong đó: Giỏi: 2.');
      expect(text).toContain('được cấp bằng tốt nghiệp theo quy định');
      expect(text).toContain('DANH SÁCH HỌC VIÊN ĐƯỢC CÔNG NHẬN TỐT NGHIỆP');
      expect(text).toContain('8,25');
      expect(text).not.toContain('Người Chưa Đạt');
    }
  });

  it('the certificate register with entry numbers', async () => {
    const doc = certificateRegister({
      ...input,
      documentTitle: 'Bằng tốt nghiệp',
      entries: [
        {
          entryNumber: 41,
          number: 'TC-LLCT/2026/000041',
          holderName: 'Hoàng Văn Thắng 1',
          birthDate: '1985-03-09',
          gender: 'male',
          unit: 'UBND xã Minh Thanh',
          classification: 'Giỏi',
          issuedOn: '2026-11-30',
          revoked: false,
        },
        {
          entryNumber: 42,
          number: 'TC-LLCT/2026/000042',
          holderName: 'Lý Thị Mai',
          birthDate: '1985-03-09',
          gender: 'female',
          unit: 'UBND xã Minh Thanh',
          classification: 'Khá',
          issuedOn: '2026-11-30',
          revoked: true,
        },
      ],
    });
    const text = docxText(await renderAdminDocx(doc));
    expect(text).toContain('SỔ CẤP PHÁT BẰNG TỐT NGHIỆP');
    expect(text).toContain('Số vào sổ');
    expect(text).toMatch(/41\nHoàng Văn Thắng 1/);
    expect(text).toContain('TC-LLCT/2026/000042');
    expect(text).toContain('Đã thu hồi');
  });
});
