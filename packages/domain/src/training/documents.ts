/**
 * Printed documents of a class (issue 10, decision 0034): whether a document can be made from the
 * class's records, and the organisation's default document settings derived from its name.
 */
import { classPhrase } from './classes.js';

export type ClassDocumentKind =
  | 'study_decision'
  | 'summons'
  | 'class_list'
  | 'attendance_sheet'
  | 'grade_sheet'
  | 'graduation_decision'
  | 'certificate_register'
  | 'certificates';

/** A grade that is missing from the grade sheet: whose, and of which module (null: the final exam). */
export interface MissingGrade {
  learnerName: string;
  /** The module's name, or 'Thi tốt nghiệp / khóa luận' for the final exam. */
  what: string;
}

/** What deciding whether a document can be made needs to know about the class. */
export interface ClassDocumentFacts {
  className: string;
  /** Learners on the approved list (enrolled, completed or failed; not withdrawn). */
  learners: number;
  /** The class has been graduated (status 'finished'). */
  graduated: boolean;
  /** Certificates issued to the class (revoked ones included: the register lists them). */
  certificates: number;
  missingGrades: readonly MissingGrade[];
}

export type DocumentRefusalCode =
  'DOCUMENT_NO_LEARNERS' | 'DOCUMENT_CLASS_NOT_GRADUATED' | 'DOCUMENT_GRADES_MISSING' | 'DOCUMENT_NO_CERTIFICATES';

export interface DocumentRefusal {
  code: DocumentRefusalCode;
  message: string;
  /** For missing grades: one line per learner and module. */
  details: { path: string; message: string }[];
}

const needsGraduation: ReadonlySet<ClassDocumentKind> = new Set(['graduation_decision', 'certificate_register', 'certificates']);
const needsCertificates: ReadonlySet<ClassDocumentKind> = new Set(['certificate_register', 'certificates']);

/** Why the document cannot be made from the class's records, or null when it can. */
export function documentRefusal(kind: ClassDocumentKind, facts: ClassDocumentFacts): DocumentRefusal | null {
  const cls = classPhrase(facts.className, 'start');
  if (facts.learners === 0)
    return {
      code: 'DOCUMENT_NO_LEARNERS',
      message: `${cls} chưa có danh sách học viên được duyệt (chưa có học viên ghi danh) nên chưa lập được văn bản này.`,
      details: [],
    };
  if (needsGraduation.has(kind) && !facts.graduated)
    return { code: 'DOCUMENT_CLASS_NOT_GRADUATED', message: `${cls} chưa được xét tốt nghiệp.`, details: [] };
  if (needsCertificates.has(kind) && facts.certificates === 0)
    return { code: 'DOCUMENT_NO_CERTIFICATES', message: `${cls} chưa có văn bằng, chứng chỉ nào được cấp.`, details: [] };
  if (kind === 'grade_sheet' && facts.missingGrades.length > 0) {
    const shown = facts.missingGrades.slice(0, 3).map((m) => `${m.learnerName} (${m.what})`);
    const more = facts.missingGrades.length > 3 ? ` và ${facts.missingGrades.length - 3} điểm khác` : '';
    return {
      code: 'DOCUMENT_GRADES_MISSING',
      message: `Chưa lập được bảng điểm: còn thiếu ${facts.missingGrades.length} điểm: ${shown.join('; ')}${more}.`,
      details: facts.missingGrades.map((m, i) => ({ path: `grades.${i}`, message: `${m.learnerName}: chưa có điểm ${m.what}.` })),
    };
  }
  return null;
}

export const FINAL_EXAM_LABEL = 'Thi tốt nghiệp, khóa luận';

/**
 * The grades a grade sheet lacks: every learner × module without a grade, and the final exam when
 * the class has one. `grades` holds "enrolmentId:moduleId" keys ("enrolmentId:final" for the exam).
 */
export function missingGrades(
  learners: readonly { enrolmentId: number; name: string }[],
  modules: readonly { id: number; name: string }[],
  hasFinalExam: boolean,
  grades: ReadonlySet<string>,
): MissingGrade[] {
  const out: MissingGrade[] = [];
  for (const l of learners) {
    for (const m of modules) if (!grades.has(`${l.enrolmentId}:${m.id}`)) out.push({ learnerName: l.name, what: m.name });
    if (hasFinalExam && !grades.has(`${l.enrolmentId}:final`)) out.push({ learnerName: l.name, what: FINAL_EXAM_LABEL });
  }
  return out;
}

// ---------- default settings ----------

/** Words that start the place part of a unit's name: 'Trường Chính trị | tỉnh Tuyên Quang'. */
const PLACE_WORDS = new Set(['tỉnh', 'thành', 'huyện', 'quận', 'thị', 'xã', 'phường', 'đặc']);

/**
 * The abbreviation of a unit's name used in a document's symbol, from the initials of its words
 * before the place: 'Trường Chính trị tỉnh Tuyên Quang' → 'TCT', 'Sở Nội vụ' → 'SNV',
 * 'Ban Tổ chức Tỉnh ủy' → 'BTCTU'. Letters lose their marks except Đ.
 */
export function unitAbbreviation(name: string): string {
  const words = name
    .normalize('NFC')
    .split(/\s+/u)
    .filter((w) => w !== '');
  let out = '';
  for (const w of words) {
    if (PLACE_WORDS.has(w)) break;
    const first = w.charAt(0).toLocaleUpperCase('vi');
    out += first === 'Đ' ? 'Đ' : first.normalize('NFD').replace(/[\u0300-\u036f]/gu, '');
  }
  const cleaned = out.replace(/[^0-9A-ZĐ]/gu, '');
  return cleaned === '' ? 'DV' : cleaned;
}

/** 'Tỉnh Tuyên Quang' → 'Tuyên Quang': the place line of a document. */
export function placeOfProvinceName(provinceName: string): string {
  return provinceName.replace(/^\s*(tỉnh|thành phố)\s+/iu, '').trim() || provinceName;
}

/** The title of the head of an issuing body: a school's rector, a centre's director, a department's director … */
export function headTitleOf(issuingBody: string): string {
  const n = issuingBody.trim();
  if (/^trường/iu.test(n)) return 'HIỆU TRƯỞNG';
  if (/^(trung tâm|học viện|sở)/iu.test(n)) return 'GIÁM ĐỐC';
  if (/^ban/iu.test(n)) return 'TRƯỞNG BAN';
  if (/^(ủy ban|ubnd)/iu.test(n)) return 'CHỦ TỊCH';
  return 'THỦ TRƯỞNG ĐƠN VỊ';
}

export interface DefaultDocumentSettings {
  headerStyle: 'state' | 'party';
  parentBody: string;
  issuingBody: string;
  symbol: string;
  place: string;
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
}

/**
 * The settings of a unit that has saved none: its own name as the issuing body, its parent's as the
 * cơ quan chủ quản, the abbreviation of its name, the province as the place, its head as the signer
 * (name left blank to be written by hand). A body under a party committee (its parent's name starts
 * with 'Tỉnh ủy', 'Đảng ủy', 'Thành ủy' or 'Huyện ủy') prints the Party header (36-HD/VPTW).
 */
export function defaultDocumentSettings(unit: { name: string; parentName: string | null; provinceName: string }): DefaultDocumentSettings {
  const partyParent = unit.parentName !== null && /^(tỉnh ủy|thành ủy|huyện ủy|đảng ủy)/iu.test(unit.parentName.trim());
  return {
    headerStyle: partyParent ? 'party' : 'state',
    parentBody: unit.parentName ?? '',
    issuingBody: unit.name,
    symbol: unitAbbreviation(unit.name),
    place: placeOfProvinceName(unit.provinceName),
    signerAuthority: '',
    signerTitle: headTitleOf(unit.name),
    signerName: '',
  };
}
