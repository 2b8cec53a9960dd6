/**
 * The shipped programme catalogue (issue 9): the eight programmes the rules know and every other
 * kind of training the seeds mention, each with its source document. Seed data, not law in code:
 * figures not verified against the original text carry `UNVERIFIED` in their note; the board
 * corrects them as new versions. Programme codes are stable (existing ones unchanged).
 */
import { DOCUMENTS, PERIODS, UNVERIFIED } from '../rules/seed.js';
import type { SourceDocument } from '../rules/types.js';
import type { ProgrammeAttributes, ProgrammeVersion } from './catalogue.js';

export const CATALOGUE_SOURCES = {
  QD_145: {
    code: '145-QĐ/TW',
    title: 'Quy định về chế độ bồi dưỡng, cập nhật kiến thức, kỹ năng đối với cán bộ lãnh đạo, quản lý các cấp',
    issuer: 'Bộ Chính trị',
    issuedOn: '2024-05-10',
  },
  QD_24: {
    code: '24-QĐ/TW',
    title: 'Quy định thi hành Điều lệ Đảng',
    issuer: 'Ban Chấp hành Trung ương',
    issuedOn: '2021-07-30',
  },
  LUAT_GDQPAN: {
    code: '30/2013/QH13',
    title: 'Luật Giáo dục quốc phòng và an ninh',
    issuer: 'Quốc hội',
    issuedOn: '2013-06-19',
  },
  LUAT_TCCQDP: {
    code: '77/2015/QH13',
    title: 'Luật Tổ chức chính quyền địa phương',
    issuer: 'Quốc hội',
    issuedOn: '2015-06-19',
  },
  NQ_76: {
    code: '76/NQ-CP',
    title: 'Nghị quyết ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030',
    issuer: 'Chính phủ',
    issuedOn: '2021-07-15',
  },
  QD_146: {
    code: '146/QĐ-TTg',
    title:
      'Quyết định phê duyệt Đề án "Nâng cao nhận thức, phổ cập kỹ năng và phát triển nguồn nhân lực chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"',
    issuer: 'Thủ tướng Chính phủ',
    issuedOn: '2022-01-28',
  },
  NQ_57: {
    code: '57-NQ/TW',
    title: 'Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia',
    issuer: 'Bộ Chính trị',
    issuedOn: '2024-12-22',
  },
} as const satisfies Record<string, SourceDocument>;

export const NATIONAL_ACADEMY = 'Học viện Chính trị quốc gia Hồ Chí Minh';

const INITIAL_REASON = 'Danh mục chương trình ban đầu (dữ liệu kèm theo phần mềm)';
const ND_171_REASON =
  'Nghị định 171/2025/NĐ-CP thay Nghị định 101/2017/NĐ-CP từ 01/7/2025: bồi dưỡng dành cho công chức, theo vị trí việc làm';

function v1(code: string, source: SourceDocument, from: string, a: ProgrammeAttributes, to: string | null = null): ProgrammeVersion {
  return { code, version: 1, period: { from, to }, source: { ...source }, reason: INITIAL_REASON, ...a };
}

/** Version 1 under NĐ 101/2017 until 30/6/2025, version 2 under NĐ 171/2025 (công chức only) from 1/7/2025. */
function underDecree101Then171(code: string, a: ProgrammeAttributes, changes: Partial<ProgrammeAttributes> = {}): ProgrammeVersion[] {
  return [
    v1(code, DOCUMENTS.ND_101, PERIODS.ND_101.from, a, PERIODS.ND_101.to),
    {
      code,
      version: 2,
      period: { from: PERIODS.ND_171.from, to: null },
      source: { ...DOCUMENTS.ND_171 },
      reason: ND_171_REASON,
      ...a,
      ...changes,
    },
  ];
}

const base = {
  level: null,
  duration: null,
  grants: null,
  defaultInstitution: null,
  admissionDeadlineMonths: null,
  note: null,
} as const;

const LLCT_TARGETS = ['dang_vien', 'can_bo', 'cong_chuc', 'vien_chuc'];

/**
 * Every shipped programme version, in catalogue order (the first eight are the programmes the
 * eligibility rules were written for).
 */
export const SHIPPED_PROGRAMME_VERSIONS: ProgrammeVersion[] = [
  // ---------- political theory (57-QĐ/TW; 350-QĐ/TW keeps the programmes) ----------
  v1('SC_LLCT', DOCUMENTS.QD_57, PERIODS.QD_57.from, {
    ...base,
    name: 'Sơ cấp lý luận chính trị',
    kind: 'political_theory',
    level: 'so_cap',
    duration: { value: 2, unit: 'month' },
    modes: ['full_time', 'part_time'],
    targetGroups: ['dang_vien', 'can_bo_cong_chuc_cap_xa', 'khong_chuyen_trach', 'doan_vien_hoi_vien'],
    grants: { kind: 'political_theory', level: 'so_cap' },
    organiserType: 'commune_centre',
    note: `${UNVERIFIED}: thời gian khóa học (2 tháng tập trung) theo chương trình của Học viện; các lớp sơ cấp do trung tâm chính trị tổ chức.`,
  }),
  v1('TC_LLCT', DOCUMENTS.QD_57, PERIODS.QD_57.from, {
    ...base,
    name: 'Trung cấp lý luận chính trị',
    kind: 'political_theory',
    level: 'trung_cap',
    duration: { value: 6, unit: 'month' },
    modes: ['full_time', 'part_time'],
    targetGroups: LLCT_TARGETS,
    grants: { kind: 'political_theory', level: 'trung_cap' },
    organiserType: 'provincial_school',
    note: `${UNVERIFIED}: thời gian khóa học (6 tháng tập trung, 9 tháng vừa làm vừa học).`,
  }),
  v1('CC_LLCT', DOCUMENTS.QD_57, PERIODS.QD_57.from, {
    ...base,
    name: 'Cao cấp lý luận chính trị',
    kind: 'political_theory',
    level: 'cao_cap',
    duration: { value: 8, unit: 'month' },
    modes: ['full_time', 'part_time'],
    targetGroups: ['dang_vien', 'lanh_dao_cap_phong', 'lanh_dao_cap_so', 'quy_hoach'],
    grants: { kind: 'political_theory', level: 'cao_cap' },
    organiserType: 'provincial_school',
    note: `${UNVERIFIED}: lớp không tập trung mở tại Trường Chính trị tỉnh theo liên kết với ${NATIONAL_ACADEMY}; người học tập trung tại Học viện được ghi nhận là đào tạo ngoài tỉnh.`,
  }),
  // ---------- state management by rank (NĐ 101/2017, then NĐ 171/2025) ----------
  ...underDecree101Then171(
    'QLNN_CV',
    {
      ...base,
      name: 'Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên',
      kind: 'state_management',
      level: 'chuyen_vien',
      duration: { value: 6, unit: 'week' },
      modes: ['full_time', 'part_time', 'online'],
      targetGroups: ['can_bo', 'cong_chuc', 'vien_chuc'],
      grants: { kind: 'state_management', level: 'chuyen_vien' },
      organiserType: 'provincial_school',
      note: `${UNVERIFIED}: thời gian khóa học.`,
    },
    { targetGroups: ['cong_chuc'] },
  ),
  ...underDecree101Then171(
    'QLNN_CVC',
    {
      ...base,
      name: 'Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên chính',
      kind: 'state_management',
      level: 'chuyen_vien_chinh',
      duration: { value: 8, unit: 'week' },
      modes: ['full_time', 'part_time', 'online'],
      targetGroups: ['can_bo', 'cong_chuc', 'vien_chuc'],
      grants: { kind: 'state_management', level: 'chuyen_vien_chinh' },
      organiserType: 'provincial_school',
      note: `${UNVERIFIED}: thời gian khóa học.`,
    },
    { targetGroups: ['cong_chuc'] },
  ),
  ...underDecree101Then171(
    'QLNN_CVCC',
    {
      ...base,
      name: 'Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên cao cấp',
      kind: 'state_management',
      level: 'chuyen_vien_cao_cap',
      duration: { value: 10, unit: 'week' },
      modes: ['full_time', 'part_time'],
      targetGroups: ['can_bo', 'cong_chuc', 'vien_chuc'],
      grants: { kind: 'state_management', level: 'chuyen_vien_cao_cap' },
      organiserType: 'provincial_school',
      note: `${UNVERIFIED}: thời gian khóa học; lớp chuyên viên cao cấp thường do cơ sở đào tạo trung ương mở, Trường tổ chức theo liên kết.`,
    },
    { targetGroups: ['cong_chuc'] },
  ),
  // ---------- postgraduate study (outside institutions) ----------
  ...underDecree101Then171(
    'SDH_THS',
    {
      ...base,
      name: 'Đào tạo trình độ thạc sĩ',
      kind: 'postgraduate',
      level: 'thac_si',
      duration: { value: 2, unit: 'year' },
      modes: ['full_time', 'part_time'],
      targetGroups: ['can_bo', 'cong_chuc', 'vien_chuc'],
      grants: { kind: 'education', level: 'thac_si' },
      organiserType: 'outside_institution',
      defaultInstitution: NATIONAL_ACADEMY,
      note: 'Cơ sở đào tạo có thể là Học viện hoặc một trường đại học; ghi ở từng hồ sơ cử đi học.',
    },
    { targetGroups: ['cong_chuc'] },
  ),
  ...underDecree101Then171(
    'SDH_TS',
    {
      ...base,
      name: 'Đào tạo trình độ tiến sĩ',
      kind: 'postgraduate',
      level: 'tien_si',
      duration: { value: 3, unit: 'year' },
      modes: ['full_time', 'part_time'],
      targetGroups: ['can_bo', 'cong_chuc', 'vien_chuc'],
      grants: { kind: 'education', level: 'tien_si' },
      organiserType: 'outside_institution',
      defaultInstitution: NATIONAL_ACADEMY,
      note: 'Cơ sở đào tạo có thể là Học viện hoặc một trường đại học; ghi ở từng hồ sơ cử đi học.',
    },
    { targetGroups: ['cong_chuc'] },
  ),
  // ---------- leadership courses by level ----------
  ...underDecree101Then171(
    'LDQL_CAP_PHONG',
    {
      ...base,
      name: 'Bồi dưỡng lãnh đạo, quản lý cấp phòng và tương đương',
      kind: 'leadership',
      level: 'cap_phong',
      duration: { value: 4, unit: 'week' },
      modes: ['full_time', 'part_time'],
      targetGroups: ['lanh_dao_cap_phong', 'quy_hoach'],
      grants: { kind: 'leadership', level: 'cap_phong' },
      organiserType: 'provincial_school',
      note: `${UNVERIFIED}: thời gian khóa học theo chương trình của Bộ Nội vụ.`,
    },
    { targetGroups: ['lanh_dao_cap_phong', 'quy_hoach'] },
  ),
  ...underDecree101Then171('LDQL_CAP_SO', {
    ...base,
    name: 'Bồi dưỡng lãnh đạo, quản lý cấp sở và tương đương',
    kind: 'leadership',
    level: 'cap_so',
    duration: { value: 6, unit: 'week' },
    modes: ['full_time'],
    targetGroups: ['lanh_dao_cap_so', 'quy_hoach'],
    grants: { kind: 'leadership', level: 'cap_so' },
    organiserType: 'outside_institution',
    defaultInstitution: NATIONAL_ACADEMY,
    note: `${UNVERIFIED}: thời gian khóa học và cơ sở đào tạo (Học viện hoặc Học viện Hành chính và Quản trị công).`,
  }),
  // ---------- knowledge updates for leaders (145-QĐ/TW, three groups) ----------
  v1('CNKT_NHOM_1', CATALOGUE_SOURCES.QD_145, CATALOGUE_SOURCES.QD_145.issuedOn, {
    ...base,
    name: 'Bồi dưỡng, cập nhật kiến thức, kỹ năng cho cán bộ lãnh đạo, quản lý nhóm 1',
    kind: 'knowledge_update',
    level: 'nhom_1',
    modes: ['full_time'],
    targetGroups: ['nhom_1_145'],
    organiserType: 'outside_institution',
    defaultInstitution: NATIONAL_ACADEMY,
    note: `${UNVERIFIED}: cơ sở tổ chức và thời lượng từng đợt do cơ quan Trung ương quyết định.`,
  }),
  v1('CNKT_NHOM_2', CATALOGUE_SOURCES.QD_145, CATALOGUE_SOURCES.QD_145.issuedOn, {
    ...base,
    name: 'Bồi dưỡng, cập nhật kiến thức, kỹ năng cho cán bộ lãnh đạo, quản lý nhóm 2',
    kind: 'knowledge_update',
    level: 'nhom_2',
    modes: ['full_time'],
    targetGroups: ['nhom_2_145'],
    organiserType: 'outside_institution',
    defaultInstitution: NATIONAL_ACADEMY,
    note: `${UNVERIFIED}: cơ sở tổ chức và thời lượng từng đợt do cơ quan Trung ương quyết định.`,
  }),
  v1('CNKT_NHOM_3', CATALOGUE_SOURCES.QD_145, CATALOGUE_SOURCES.QD_145.issuedOn, {
    ...base,
    name: 'Bồi dưỡng, cập nhật kiến thức, kỹ năng cho cán bộ lãnh đạo, quản lý nhóm 3',
    kind: 'knowledge_update',
    level: 'nhom_3',
    modes: ['full_time', 'online'],
    targetGroups: ['nhom_3_145'],
    organiserType: 'provincial_school',
    note: `${UNVERIFIED}: thời lượng từng đợt theo kế hoạch của Tỉnh ủy.`,
  }),
  // ---------- party programmes (commune political centres) ----------
  v1('NHAN_THUC_DANG', CATALOGUE_SOURCES.QD_24, CATALOGUE_SOURCES.QD_24.issuedOn, {
    ...base,
    name: 'Bồi dưỡng nhận thức về Đảng',
    kind: 'party_awareness',
    duration: { value: 5, unit: 'day' },
    modes: ['full_time'],
    targetGroups: ['quan_chung_uu_tu'],
    organiserType: 'commune_centre',
    note: `${UNVERIFIED}: điều, khoản của quy định và thời lượng khóa học; giấy chứng nhận là điều kiện xét kết nạp Đảng.`,
  }),
  v1('DANG_VIEN_MOI', CATALOGUE_SOURCES.QD_24, CATALOGUE_SOURCES.QD_24.issuedOn, {
    ...base,
    name: 'Chương trình lý luận chính trị dành cho đảng viên mới',
    kind: 'new_party_member',
    duration: { value: 7, unit: 'day' },
    modes: ['full_time'],
    targetGroups: ['dang_vien_du_bi'],
    organiserType: 'commune_centre',
    admissionDeadlineMonths: 12,
    note: `Phải học xong trong thời gian dự bị (12 tháng kể từ ngày kết nạp). ${UNVERIFIED}: điều, khoản của quy định và thời lượng khóa học.`,
  }),
  // ---------- defence and security knowledge ----------
  v1('QPAN_DOI_TUONG_4', CATALOGUE_SOURCES.LUAT_GDQPAN, '2014-01-01', {
    ...base,
    name: 'Bồi dưỡng kiến thức quốc phòng và an ninh cho đối tượng 4',
    kind: 'defence_security',
    level: 'doi_tuong_4',
    duration: { value: 12, unit: 'day' },
    modes: ['full_time'],
    targetGroups: ['doi_tuong_4_qpan'],
    grants: { kind: 'defence_security', level: 'doi_tuong_4' },
    organiserType: 'provincial_school',
    note: `${UNVERIFIED}: thời lượng khóa học và đơn vị phối hợp (Bộ Chỉ huy Quân sự tỉnh); đối tượng theo Nghị định hướng dẫn Luật.`,
  }),
  // ---------- People's Council delegates ----------
  v1('DAI_BIEU_HDND', CATALOGUE_SOURCES.LUAT_TCCQDP, '2016-01-01', {
    ...base,
    name: 'Bồi dưỡng kiến thức, kỹ năng hoạt động cho đại biểu Hội đồng nhân dân',
    kind: 'council_delegates',
    duration: { value: 5, unit: 'day' },
    modes: ['full_time'],
    targetGroups: ['dai_bieu_hdnd'],
    organiserType: 'provincial_school',
    note: `${UNVERIFIED}: văn bản quy định riêng về bồi dưỡng đại biểu Hội đồng nhân dân và thời lượng khóa học.`,
  }),
  // ---------- administrative reform, digital transformation, AI ----------
  v1('CCHC', CATALOGUE_SOURCES.NQ_76, CATALOGUE_SOURCES.NQ_76.issuedOn, {
    ...base,
    name: 'Bồi dưỡng kiến thức, kỹ năng về cải cách hành chính',
    kind: 'admin_reform',
    duration: { value: 3, unit: 'day' },
    modes: ['full_time', 'online'],
    targetGroups: ['lam_cchc', 'cong_chuc'],
    organiserType: 'provincial_school',
    note: `${UNVERIFIED}: thời lượng khóa học theo kế hoạch cải cách hành chính hằng năm của tỉnh.`,
  }),
  v1('CHUYEN_DOI_SO', CATALOGUE_SOURCES.QD_146, CATALOGUE_SOURCES.QD_146.issuedOn, {
    ...base,
    name: 'Bồi dưỡng kiến thức, kỹ năng chuyển đổi số',
    kind: 'digital_transformation',
    duration: { value: 3, unit: 'day' },
    modes: ['full_time', 'online'],
    targetGroups: ['lam_cds', 'can_bo', 'cong_chuc', 'vien_chuc'],
    organiserType: 'provincial_school',
    note: `${UNVERIFIED}: ngày ban hành và tên đầy đủ của Quyết định 146/QĐ-TTg, thời lượng khóa học.`,
  }),
  v1('HOI_THAO_AI', CATALOGUE_SOURCES.NQ_57, CATALOGUE_SOURCES.NQ_57.issuedOn, {
    ...base,
    name: 'Hội thảo, tập huấn ứng dụng trí tuệ nhân tạo trong công tác',
    kind: 'digital_transformation',
    duration: { value: 1, unit: 'day' },
    modes: ['full_time', 'online'],
    targetGroups: ['can_bo', 'cong_chuc', 'vien_chuc', 'lanh_dao_cap_phong', 'lanh_dao_cap_so'],
    organiserType: 'provincial_school',
    note: `${UNVERIFIED}: thời lượng theo từng hội thảo.`,
  }),
  // ---------- short courses abroad ----------
  ...underDecree101Then171(
    'BD_NUOC_NGOAI',
    {
      ...base,
      name: 'Bồi dưỡng ngắn hạn ở nước ngoài',
      kind: 'abroad',
      duration: { value: 2, unit: 'week' },
      modes: ['full_time'],
      targetGroups: ['lanh_dao_cap_phong', 'lanh_dao_cap_so', 'cong_chuc', 'vien_chuc'],
      organiserType: 'abroad',
      note: `${UNVERIFIED}: thời lượng từng khóa; cơ sở đào tạo ở nước ngoài ghi ở từng hồ sơ cử đi học.`,
    },
    { targetGroups: ['lanh_dao_cap_phong', 'lanh_dao_cap_so', 'cong_chuc'] },
  ),
];

/** The shipped programmes in catalogue order, each with its versions. */
export function shippedProgrammeCodes(): string[] {
  return [...new Set(SHIPPED_PROGRAMME_VERSIONS.map((v) => v.code))];
}
