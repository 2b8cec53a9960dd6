/**
 * Shipped training defaults: the grading scheme, graduation conditions per programme kind (and per
 * programme where they differ), and who approves nominations. Seed data, not law in code: each
 * figure names its basis, and figures not verified against the original text carry `UNVERIFIED`.
 */
import { UNVERIFIED } from '../rules/seed.js';
import type { Programme, ProgrammeKind, SourceDocument } from '../rules/types.js';
import type { Approver, Basis, GradingScheme, GraduationConditions, PreviousSource, ProgrammeModule } from './types.js';

export { UNVERIFIED };

export const TRAINING_SOURCES = {
  /** The Academy's regulations on training at provincial political schools (the one found; later ones may replace it). */
  HV_268: {
    code: '268/QĐ-HVCT-HCQG',
    title: 'Quyết định ban hành các Quy chế, Quy định quản lý đào tạo ở các trường chính trị tỉnh, thành phố trực thuộc Trung ương',
    issuer: 'Học viện Chính trị - Hành chính quốc gia Hồ Chí Minh',
    issuedOn: '2010-02-03',
  },
  /**
   * The Academy's training regulation that provincial political schools cite since 2016, issued by
   * the Academy under its present name (Học viện Chính trị quốc gia Hồ Chí Minh); it replaces the
   * 2010 regulation of the Academy under its former name (decision 0031). Its text was not read here.
   */
  HV_1855: {
    code: '1855-QĐ/HVCTQG',
    title: 'Quyết định của Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh ban hành quy chế đào tạo (áp dụng tại các trường chính trị tỉnh, thành phố trực thuộc Trung ương)',
    issuer: 'Học viện Chính trị quốc gia Hồ Chí Minh',
    issuedOn: '2016-04-21',
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

/** The grading scheme's source until decision 0031: kept as its history, and what existing databases are corrected from. */
export const GRADING_SOURCE_BEFORE_1855: PreviousSource = {
  source: { ...TRAINING_SOURCES.HV_268 },
  note: 'Quy chế năm 2010 của Học viện Chính trị - Hành chính quốc gia Hồ Chí Minh (tên cũ của Học viện); các trường chính trị tỉnh nay căn cứ Quyết định 1855-QĐ/HVCTQG ngày 21/4/2016.',
};

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
    source: { ...TRAINING_SOURCES.HV_1855 },
    note: `${UNVERIFIED}: mức điểm từng loại, điểm đạt 5,0 và bước chấm 0,1 (điểm lẻ một chữ số thập phân như Thông tư 08/2021/TT-BGDĐT) theo Quyết định 1855-QĐ/HVCTQG ngày 21/4/2016 và quy chế của Trường; chưa đọc được nguyên văn, chưa xác minh có văn bản nào sau năm 2016 thay thế.`,
    previousSources: [GRADING_SOURCE_BEFORE_1855],
  },
};

export const SHIPPED_GRADING_SCHEMES: GradingScheme[] = [DEFAULT_GRADING_SCHEME];

// ---------- programme catalogue ----------

/**
 * Durations and modules of the shipped programmes. Seed data, not law: the module lists follow
 * the structure of the current curricula of the Hồ Chí Minh National Academy of Politics
 * (sơ cấp, trung cấp, cao cấp LLCT) and of the Ministry of Home Affairs' rank courses
 * (chuyên viên, chuyên viên chính, chuyên viên cao cấp), but the period counts and durations are
 * illustrative (UNVERIFIED): the board checks them against the programme it actually runs
 * and corrects them through PUT /api/v1/programmes/:code/catalogue. The final exam or thesis
 * (tốt nghiệp) is not a module: it is the programme's graduation condition `finalExam`, graded on
 * its own, and scheduled as an exam session.
 */
export const SHIPPED_CATALOGUE: Record<string, { duration: string; modules: ProgrammeModule[] }> = {
  SC_LLCT: {
    duration: '2 tháng (tập trung); 3 tháng (vừa làm vừa học)',
    modules: [
      { code: 'SC.1', name: 'Những vấn đề cơ bản của chủ nghĩa Mác-Lênin, tư tưởng Hồ Chí Minh', periods: 60 },
      { code: 'SC.2', name: 'Những vấn đề cơ bản về Đảng Cộng sản, Nhà nước và hệ thống chính trị ở Việt Nam', periods: 56 },
      { code: 'SC.3', name: 'Đường lối, chính sách của Đảng, pháp luật của Nhà nước', periods: 60 },
      { code: 'SC.4', name: 'Nghiệp vụ công tác Đảng, chính quyền, Mặt trận và đoàn thể ở cơ sở', periods: 64 },
      { code: 'SC.5', name: 'Tình hình, nhiệm vụ của địa phương và thực tế', periods: 20 },
    ],
  },
  TC_LLCT: {
    duration: '6 tháng (tập trung); 9 tháng (vừa làm vừa học)',
    modules: [
      { code: 'TC.1', name: 'Những vấn đề cơ bản của chủ nghĩa Mác-Lênin, tư tưởng Hồ Chí Minh', periods: 200 },
      { code: 'TC.2', name: 'Đường lối, chính sách của Đảng, Nhà nước', periods: 240 },
      { code: 'TC.3', name: 'Khoa học lãnh đạo, quản lý', periods: 120 },
      { code: 'TC.4', name: 'Kỹ năng lãnh đạo, quản lý', periods: 100 },
      { code: 'TC.5', name: 'Nghiệp vụ công tác Đảng, chính quyền, Mặt trận và đoàn thể', periods: 180 },
      { code: 'TC.6', name: 'Thực tế', periods: 40 },
    ],
  },
  CC_LLCT: {
    duration: '8 tháng (tập trung); 18 tháng (vừa làm vừa học)',
    modules: [
      { code: 'CC.1', name: 'Những vấn đề cơ bản của chủ nghĩa Mác-Lênin và tư tưởng Hồ Chí Minh', periods: 280 },
      { code: 'CC.2', name: 'Những vấn đề cơ bản về Đảng Cộng sản, Nhà nước pháp quyền và hệ thống chính trị', periods: 300 },
      { code: 'CC.3', name: 'Khoa học lãnh đạo, quản lý', periods: 200 },
      { code: 'CC.4', name: 'Kỹ năng lãnh đạo, quản lý', periods: 120 },
      { code: 'CC.5', name: 'Chuyên đề bổ trợ: kinh tế, xã hội, quốc phòng, an ninh, đối ngoại', periods: 80 },
      { code: 'CC.6', name: 'Nghiên cứu thực tế', periods: 40 },
    ],
  },
  QLNN_CV: {
    duration: '6 tuần',
    modules: [
      { code: 'CV.1', name: 'Kiến thức chung về nhà nước, hành chính nhà nước và công vụ', periods: 80 },
      { code: 'CV.2', name: 'Quản lý nhà nước theo ngành, lĩnh vực và lãnh thổ', periods: 60 },
      { code: 'CV.3', name: 'Kỹ năng thực thi công vụ của chuyên viên', periods: 72 },
      { code: 'CV.4', name: 'Đi thực tế', periods: 8 },
    ],
  },
  QLNN_CVC: {
    duration: '8 tuần',
    modules: [
      { code: 'CVC.1', name: 'Nhà nước pháp quyền, hành chính nhà nước và công vụ, công chức', periods: 96 },
      { code: 'CVC.2', name: 'Quản lý nhà nước đối với ngành, lĩnh vực và chính sách công', periods: 96 },
      { code: 'CVC.3', name: 'Kỹ năng của chuyên viên chính', periods: 80 },
      { code: 'CVC.4', name: 'Đi thực tế', periods: 16 },
    ],
  },
  QLNN_CVCC: {
    duration: '10 tuần',
    modules: [
      { code: 'CVCC.1', name: 'Nhà nước pháp quyền và quản trị quốc gia', periods: 120 },
      { code: 'CVCC.2', name: 'Hoạch định, thực thi chính sách công và quản lý nhà nước vĩ mô', periods: 120 },
      { code: 'CVCC.3', name: 'Kỹ năng lãnh đạo, quản lý của chuyên viên cao cấp', periods: 80 },
      { code: 'CVCC.4', name: 'Nghiên cứu thực tế trong nước', periods: 24 },
    ],
  },
  // postgraduate study is run by universities: no modules in the school's catalogue
  SDH_THS: { duration: '2 năm', modules: [] },
  SDH_TS: { duration: '3 đến 4 năm', modules: [] },
};

/** What a programme's catalogue starts with before the board edits it. */
export interface ShippedCatalogueEntry {
  duration: string | null;
  gradingScheme: GradingScheme;
  graduationConditions: GraduationConditions;
  modules: ProgrammeModule[];
}

/** The shipped catalogue entry of a programme: the default scheme, its conditions, its duration and modules (none when not shipped). */
export function shippedCatalogueOf(programme: Pick<Programme, 'code' | 'kind'>): ShippedCatalogueEntry {
  const shipped = SHIPPED_CATALOGUE[programme.code];
  return {
    duration: shipped?.duration ?? null,
    gradingScheme: DEFAULT_GRADING_SCHEME,
    graduationConditions: graduationConditionsFor(programme),
    modules: shipped?.modules ?? [],
  };
}

// ---------- graduation conditions ----------

const ATTENDANCE_NOTE = 'tỷ lệ dự học tối thiểu 80% số buổi (nghỉ quá 20% thời gian không được dự thi)';

function conditions(c: Omit<GraduationConditions, 'basis'>, source: SourceDocument, note: string, evidence?: string): GraduationConditions {
  // the LLCT programmes' regulation: the 2010 one it replaced stays as history (decision 0031)
  const history = source.code === TRAINING_SOURCES.HV_1855.code ? { previousSources: [GRADING_SOURCE_BEFORE_1855] } : {};
  const basis: Basis = { source: { ...source }, note: `${UNVERIFIED}: ${note}.`, ...(evidence ? { evidence } : {}), ...history };
  return { ...c, basis };
}

/** By programme kind; `PROGRAMME_GRADUATION_CONDITIONS` overrides a programme where it differs. */
export const DEFAULT_GRADUATION_CONDITIONS: Record<ProgrammeKind, GraduationConditions> = {
  political_theory: conditions(
    { allModulesPassed: true, minAttendanceRate: 0.8, finalExam: 'exam', conductReportRequired: false },
    TRAINING_SOURCES.HV_1855,
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
  defence_security: conditions(
    { allModulesPassed: true, minAttendanceRate: 0.8, finalExam: 'exam', conductReportRequired: false },
    TRAINING_SOURCES.ND_171,
    `${ATTENDANCE_NOTE}; kiểm tra kết thúc khóa để cấp chứng chỉ bồi dưỡng kiến thức quốc phòng và an ninh`,
  ),
  council_delegates: conditions(
    { allModulesPassed: false, minAttendanceRate: 0.8, finalExam: 'none', conductReportRequired: false },
    TRAINING_SOURCES.ND_171,
    `${ATTENDANCE_NOTE}; bồi dưỡng kỹ năng cấp giấy chứng nhận theo số buổi dự`,
  ),
  admin_reform: conditions(
    { allModulesPassed: false, minAttendanceRate: 0.8, finalExam: 'none', conductReportRequired: false },
    TRAINING_SOURCES.ND_171,
    `${ATTENDANCE_NOTE}; tập huấn chuyên đề cấp giấy chứng nhận theo số buổi dự`,
  ),
  digital_transformation: conditions(
    { allModulesPassed: false, minAttendanceRate: 0.8, finalExam: 'none', conductReportRequired: false },
    TRAINING_SOURCES.ND_171,
    `${ATTENDANCE_NOTE}; tập huấn, hội thảo cấp giấy chứng nhận theo số buổi dự`,
  ),
};

/**
 * Trung cấp and cao cấp LLCT: the home agency's conduct report is required to sit the final exam
 * (or write the thesis) and to graduate; a thesis may replace the final exam.
 */
export const PROGRAMME_GRADUATION_CONDITIONS: Record<string, GraduationConditions> = {
  TC_LLCT: conditions(
    { allModulesPassed: true, minAttendanceRate: 0.8, finalExam: 'exam', thesisAllowedInsteadOfExam: true, conductReportRequired: true },
    TRAINING_SOURCES.HV_1855,
    `${ATTENDANCE_NOTE}; thi tốt nghiệp hoặc làm khóa luận tốt nghiệp`,
    CONDUCT_REPORT_EVIDENCE,
  ),
  CC_LLCT: conditions(
    { allModulesPassed: true, minAttendanceRate: 0.8, finalExam: 'exam', thesisAllowedInsteadOfExam: true, conductReportRequired: true },
    TRAINING_SOURCES.HV_1855,
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
  defence_security: 'province_board',
  council_delegates: 'home_affairs',
  admin_reform: 'home_affairs',
  digital_transformation: 'home_affairs',
};

export const APPROVAL_ROUTES_NOTE = `${UNVERIFIED}: người thuộc diện Ban Thường vụ Tỉnh ủy quản lý do Ban Tổ chức Tỉnh ủy duyệt dù học chương trình nào; lớp nhận thức về Đảng, đảng viên mới ở cấp xã do đảng ủy xã duyệt. Cấu hình theo quy định của tỉnh.`;
