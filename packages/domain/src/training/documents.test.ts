import { describe, expect, it } from 'vitest';
import {
  defaultDocumentSettings,
  documentRefusal,
  missingGrades,
  unitAbbreviation,
  type ClassDocumentFacts,
  type ClassDocumentKind,
} from './documents.js';

const base: ClassDocumentFacts = { className: 'Trung cấp LLCT K12', learners: 30, graduated: true, certificates: 30, missingGrades: [] };

describe('documentRefusal', () => {
  const cases: [string, ClassDocumentKind, Partial<ClassDocumentFacts>, string | null][] = [
    ['a decision for a class with no approved list', 'study_decision', { learners: 0 }, 'DOCUMENT_NO_LEARNERS'],
    ['a class list with no learners', 'class_list', { learners: 0 }, 'DOCUMENT_NO_LEARNERS'],
    ['a decision with learners', 'study_decision', { graduated: false, certificates: 0 }, null],
    ['a summons before graduation', 'summons', { graduated: false }, null],
    ['a graduation decision before graduation', 'graduation_decision', { graduated: false }, 'DOCUMENT_CLASS_NOT_GRADUATED'],
    ['a register before graduation', 'certificate_register', { graduated: false, certificates: 0 }, 'DOCUMENT_CLASS_NOT_GRADUATED'],
    ['a register without certificates', 'certificate_register', { certificates: 0 }, 'DOCUMENT_NO_CERTIFICATES'],
    ['the certificates PDF without certificates', 'certificates', { certificates: 0 }, 'DOCUMENT_NO_CERTIFICATES'],
    [
      'a grade sheet with a missing grade',
      'grade_sheet',
      { missingGrades: [{ learnerName: 'Lê Văn A', what: 'Triết học' }] },
      'DOCUMENT_GRADES_MISSING',
    ],
    ['a grade sheet, complete', 'grade_sheet', {}, null],
    [
      'an attendance sheet with missing grades',
      'attendance_sheet',
      { missingGrades: [{ learnerName: 'Lê Văn A', what: 'Triết học' }] },
      null,
    ],
    ['no learners comes first', 'graduation_decision', { learners: 0, graduated: false }, 'DOCUMENT_NO_LEARNERS'],
  ];
  it.each(cases)('%s', (_name, kind, facts, code) => {
    expect(documentRefusal(kind, { ...base, ...facts })?.code ?? null).toBe(code);
  });

  it('says which grades are missing', () => {
    const r = documentRefusal('grade_sheet', {
      ...base,
      missingGrades: [
        { learnerName: 'Lê Văn A', what: 'Triết học' },
        { learnerName: 'Trần Thị B', what: 'Thi tốt nghiệp, khóa luận' },
      ],
    });
    expect(r?.message).toContain('Lê Văn A (Triết học)');
    expect(r?.details.map((d) => d.message)).toEqual([
      'Lê Văn A: chưa có điểm Triết học.',
      'Trần Thị B: chưa có điểm Thi tốt nghiệp, khóa luận.',
    ]);
  });
});

describe('missingGrades', () => {
  const learners = [
    { enrolmentId: 1, name: 'A' },
    { enrolmentId: 2, name: 'B' },
  ];
  const modules = [
    { id: 10, name: 'M1' },
    { id: 11, name: 'M2' },
  ];
  it('lists every learner × module without a grade, and the final exam', () => {
    const got = missingGrades(learners, modules, true, new Set(['1:10', '1:11', '1:final', '2:10']));
    expect(got).toEqual([
      { learnerName: 'B', what: 'M2' },
      { learnerName: 'B', what: 'Thi tốt nghiệp, khóa luận' },
    ]);
  });
  it('without a final exam, complete grades miss nothing', () => {
    expect(missingGrades(learners, modules, false, new Set(['1:10', '1:11', '2:10', '2:11']))).toEqual([]);
  });
});

describe('default settings', () => {
  it.each([
    ['Trường Chính trị tỉnh Tuyên Quang', 'TCT'],
    ['Sở Nội vụ', 'SNV'],
    ['Ban Tổ chức Tỉnh ủy', 'BTCTU'],
    ['Trung tâm Chính trị xã Đồng Văn', 'TTCT'],
    ['Đảng ủy Khối cơ quan', 'ĐUKCQ'],
    ['', 'DV'],
  ])('%s → %s', (name, symbol) => {
    expect(unitAbbreviation(name)).toBe(symbol);
  });

  it('derives the issuing body, parent, place, signer and header from the names', () => {
    expect(
      defaultDocumentSettings({
        name: 'Trường Chính trị tỉnh Tuyên Quang',
        parentName: 'Tỉnh ủy Tuyên Quang',
        provinceName: 'Tỉnh Tuyên Quang',
      }),
    ).toEqual({
      headerStyle: 'party',
      parentBody: 'Tỉnh ủy Tuyên Quang',
      issuingBody: 'Trường Chính trị tỉnh Tuyên Quang',
      symbol: 'TCT',
      place: 'Tuyên Quang',
      signerAuthority: '',
      signerTitle: 'HIỆU TRƯỞNG',
      signerName: '',
    });
    const dept = defaultDocumentSettings({ name: 'Sở Nội vụ', parentName: 'UBND tỉnh Tuyên Quang', provinceName: 'Tỉnh Tuyên Quang' });
    expect(dept.headerStyle).toBe('state');
    expect(dept.signerTitle).toBe('GIÁM ĐỐC');
    expect(defaultDocumentSettings({ name: 'Tỉnh Tuyên Quang', parentName: null, provinceName: 'Tỉnh Tuyên Quang' }).parentBody).toBe('');
  });
});
