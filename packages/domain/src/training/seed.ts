/**
 * Shipped training defaults: the grading scheme, graduation conditions per programme kind (and per
 * programme where they differ), and who approves nominations. Seed data, not law in code: each
 * figure names its basis, and figures not verified against the original text carry `UNVERIFIED`.
 */
import { UNVERIFIED } from '../rules/seed.js';
import type { Programme, ProgrammeKind, SourceDocument } from '../rules/types.js';
import type { Approver, Basis, GradingScheme, GraduationConditions } from './types.js';

export { UNVERIFIED };

export const TRAINING_SOURCES = {
  /** The Academy's regulations on training at provincial political schools (the one found; later ones may replace it). */
  HV_268: {
    code: '268/QĐ-HVCT-HCQG',
    title: 'Quyết định ban hành các Quy chế, Quy định quản lý đào tạo ở các trường chính trị tỉnh, thành phố trực thuộc Trung ương',
    issuer: 'Học viện Chính trị - Hành chính quốc gia Hồ Chí Minh',
    issuedOn: '2010-02-03',
  },
  /** The university training regulation: grades on a 10-point scale with one decimal. */
  TT_08_2021: {
    code: '08/2021/TT-BGDĐT',
    title: 'Thông tư ban hành Quy chế đào tạo trình độ đại học',
    issuer: 'Bộ Giáo dục và Đào tạo',
    issuedOn: '2021-03-18',
  },
  ND_171: {
    code: '171/2025/NĐ-CP',
    title: 'Nghị định quy định về đào tạo, bồi dưỡng công chức',
    issuer: 'Chính phủ',
    issuedOn: '2025-06-30',
  },
} as const satisfies Record<string, SourceDocument>;

/** seeds/003: the Long An political school on coordinating with agencies (2023 results). */
export const CONDUCT_REPORT_EVIDENCE =
  'seeds/003 (Trường Chính trị tỉnh Long An): với chương trình cao cấp, trung cấp lý luận chính trị, việc xem xét quá trình chấp hành ý thức, tổ chức kỷ luật của học viên tại địa phương, đơn vị là điều kiện bắt buộc để xét đủ điều kiện thi tốt nghiệp hoặc làm khóa luận và xét tốt nghiệp.';

// ---------- grading ----------

/**
 * 10-point scale, steps of 0.1, pass at 5.0; xuất sắc ≥ 9, giỏi ≥ 8, khá ≥ 7, trung bình khá ≥ 6,
 * trung bình ≥ 5 (DOMAIN.md lists the five classifications without figures).
 */
export const DEFAULT_GRADING_SCHEME: GradingScheme = {
  code: 'THANG_10',
  name: 'Thang điểm 10',
  scale: { min: 0, max: 10, step: 0.1 },
  passMark: 5,
  bands: [
    { code: 'xuat_sac', label: 'Xuất sắc', min: 9 },
    { code: 'gioi', label: 'Giỏi', min: 8 },
    { code: 'kha', label: 'Khá', min: 7 },
    { code: 'trung_binh_kha', label: 'Trung bình khá', min: 6 },
    { code: 'trung_binh', label: 'Trung bình', min: 5 },
  ],
  basis: {
    source: { ...TRAINING_SOURCES.HV_268 },
    note: `${UNVERIFIED}: mức điểm từng loại, điểm đạt 5,0 và bước chấm 0,1 (điểm lẻ một chữ số thập phân như Thông tư 08/2021/TT-BGDĐT) theo quy chế đào tạo hiện hành của Học viện Chính trị quốc gia Hồ Chí Minh và quy chế của Trường.`,
  },
};

export const SHIPPED_GRADING_SCHEMES: GradingScheme[] = [DEFAULT_GRADING_SCHEME];

// ---------- graduation conditions ----------

const ATTENDANCE_NOTE = 'tỷ lệ dự học tối thiểu 80% số buổi (nghỉ quá 20% thời gian không được dự thi)';

function conditions(c: Omit<GraduationConditions, 'basis'>, source: SourceDocument, note: string, evidence?: string): GraduationConditions {
  const basis: Basis = { source: { ...source }, note: `${UNVERIFIED}: ${note}.`, ...(evidence ? { evidence } : {}) };
  return { ...c, basis };
}

/** By programme kind; `PROGRAMME_GRADUATION_CONDITIONS` overrides a programme where it differs. */
export const DEFAULT_GRADUATION_CONDITIONS: Record<ProgrammeKind, GraduationConditions> = {
  political_theory: conditions(
    { allModulesPassed: true, minAttendanceRate: 0.8, finalExam: 'exam', conductReportRequired: false },
    TRAINING_SOURCES.HV_268,
    `${ATTENDANCE_NOTE}; sơ cấp kết thúc bằng bài kiểm tra cuối khóa`,
  ),
  state_management: conditions(
    { allModulesPassed: true, minAttendanceRate: 0.8, finalExam: 'thesis', conductReportRequired: false },
    TRAINING_SOURCES.ND_171,
    `${ATTENDANCE_NOTE}; bồi dưỡng theo ngạch kết thúc bằng tiểu luận cuối khóa`,
  ),
  leadership: conditions(
    { allModulesPassed: true, minAttendanceRate: 0.8, finalExam: 'thesis', conductReportRequired: false },
    TRAINING_SOURCES.ND_171,
    `${ATTENDANCE_NOTE}; kết thúc bằng tiểu luận hoặc đề án cuối khóa`,
  ),
  knowledge_update: conditions(
    { allModulesPassed: false, minAttendanceRate: 0.8, finalExam: 'none', conductReportRequired: false },
    TRAINING_SOURCES.ND_171,
    `${ATTENDANCE_NOTE}; không thi, không chấm điểm học phần`,
  ),
  party_awareness: conditions(
    { allModulesPassed: false, minAttendanceRate: 0.8, finalExam: 'thesis', conductReportRequired: false },
    TRAINING_SOURCES.HV_268,
    `${ATTENDANCE_NOTE}; kết thúc bằng bài thu hoạch`,
  ),
  new_party_member: conditions(
    { allModulesPassed: false, minAttendanceRate: 0.8, finalExam: 'thesis', conductReportRequired: false },
    TRAINING_SOURCES.HV_268,
    `${ATTENDANCE_NOTE}; kết thúc bằng bài thu hoạch`,
  ),
  thematic: conditions(
    { allModulesPassed: false, minAttendanceRate: 0.8, finalExam: 'none', conductReportRequired: false },
    TRAINING_SOURCES.ND_171,
    `${ATTENDANCE_NOTE}; tập huấn chuyên đề cấp giấy chứng nhận theo số buổi dự`,
  ),
  postgraduate: conditions(
    { allModulesPassed: true, minAttendanceRate: null, finalExam: 'thesis', conductReportRequired: false },
    TRAINING_SOURCES.ND_171,
    'cơ sở đào tạo sau đại học xét tốt nghiệp theo quy chế của mình; Trường chỉ ghi nhận kết quả',
  ),
  abroad: conditions(
    { allModulesPassed: false, minAttendanceRate: null, finalExam: 'none', conductReportRequired: false },
    TRAINING_SOURCES.ND_171,
    'cơ sở đào tạo ở nước ngoài cấp chứng chỉ; Trường chỉ ghi nhận kết quả',
  ),
};

/**
 * Trung cấp and cao cấp LLCT: the home agency's conduct report is required to sit the final exam
 * (or write the thesis) and to graduate; a thesis may replace the final exam.
 */
export const PROGRAMME_GRADUATION_CONDITIONS: Record<string, GraduationConditions> = {
  TC_LLCT: conditions(
    { allModulesPassed: true, minAttendanceRate: 0.8, finalExam: 'exam', thesisAllowedInsteadOfExam: true, conductReportRequired: true },
    TRAINING_SOURCES.HV_268,
    `${ATTENDANCE_NOTE}; thi tốt nghiệp hoặc làm khóa luận tốt nghiệp`,
    CONDUCT_REPORT_EVIDENCE,
  ),
  CC_LLCT: conditions(
    { allModulesPassed: true, minAttendanceRate: 0.8, finalExam: 'exam', thesisAllowedInsteadOfExam: true, conductReportRequired: true },
    TRAINING_SOURCES.HV_268,
    `${ATTENDANCE_NOTE}; thi tốt nghiệp hoặc làm khóa luận tốt nghiệp`,
    CONDUCT_REPORT_EVIDENCE,
  ),
};

/**
 * The conditions of a programme: its own (catalogue entry), else the programme's shipped override,
 * else its kind's default.
 */
export function graduationConditionsFor(
  programme: Pick<Programme, 'code' | 'kind'> & { graduation?: GraduationConditions },
): GraduationConditions {
  return programme.graduation ?? PROGRAMME_GRADUATION_CONDITIONS[programme.code] ?? DEFAULT_GRADUATION_CONDITIONS[programme.kind];
}

// ---------- approval routes ----------

/**
 * Who approves a nomination after the sending agency, by programme kind: the provincial
 * organisation board (cadres, party programmes) or the department of home affairs (civil servants'
 * state-management, leadership, thematic and postgraduate training).
 */
export const APPROVAL_ROUTES: Record<ProgrammeKind, Approver> = {
  political_theory: 'province_board',
  knowledge_update: 'province_board',
  party_awareness: 'province_board',
  new_party_member: 'province_board',
  state_management: 'home_affairs',
  leadership: 'home_affairs',
  thematic: 'home_affairs',
  postgraduate: 'home_affairs',
  abroad: 'home_affairs',
};

export const APPROVAL_ROUTES_NOTE = `${UNVERIFIED}: người thuộc diện Ban Thường vụ Tỉnh ủy quản lý do Ban Tổ chức Tỉnh ủy duyệt dù học chương trình nào; lớp nhận thức về Đảng, đảng viên mới ở cấp xã do đảng ủy xã duyệt. Cấu hình theo quy định của tỉnh.`;
