/**
 * Shipped rule data: programmes, their eligibility rules under each document, and title standards.
 * This is seed data for the database, not law in code: an administrator corrects it through
 * versions. Figures not verified against the original text carry `note: UNVERIFIED`.
 */
import { levelCatalogueFromRows, titleCatalogueFromRows, type JobPositionCatalogue } from './facts.js';
import type { PersonCategory } from '../vocabulary.js';
import type { EffectivePeriod, Programme, Requirement, Rule, RuleSet, RuleSetNote, SourceDocument, Standard } from './types.js';

export const UNVERIFIED = 'Cần đối chiếu văn bản gốc';

// ---------- reference data (mirrors packages/db/migrations/002_reference.sql; the database is authoritative) ----------

export const REFERENCE_LEVEL_ROWS = [
  { kind: 'education', code: 'thpt', name: 'Tốt nghiệp THPT', rank: 1 },
  { kind: 'education', code: 'trung_cap', name: 'Trung cấp', rank: 2 },
  { kind: 'education', code: 'cao_dang', name: 'Cao đẳng', rank: 3 },
  { kind: 'education', code: 'dai_hoc', name: 'Đại học', rank: 4 },
  { kind: 'education', code: 'thac_si', name: 'Thạc sĩ', rank: 5 },
  { kind: 'education', code: 'tien_si', name: 'Tiến sĩ', rank: 6 },
  { kind: 'political_theory', code: 'so_cap', name: 'Sơ cấp', rank: 1 },
  { kind: 'political_theory', code: 'trung_cap', name: 'Trung cấp', rank: 2 },
  { kind: 'political_theory', code: 'cao_cap', name: 'Cao cấp', rank: 3 },
  { kind: 'political_theory', code: 'cu_nhan', name: 'Cử nhân chính trị', rank: 4 },
  { kind: 'state_management', code: 'chuyen_vien', name: 'Chuyên viên', rank: 1 },
  { kind: 'state_management', code: 'chuyen_vien_chinh', name: 'Chuyên viên chính', rank: 2 },
  { kind: 'state_management', code: 'chuyen_vien_cao_cap', name: 'Chuyên viên cao cấp', rank: 3 },
  { kind: 'leadership', code: 'cap_phong', name: 'Lãnh đạo, quản lý cấp phòng', rank: 1 },
  { kind: 'leadership', code: 'cap_so', name: 'Lãnh đạo, quản lý cấp sở và tương đương', rank: 2 },
  { kind: 'defence_security', code: 'doi_tuong_4', name: 'Đối tượng 4', rank: 1 },
  { kind: 'defence_security', code: 'doi_tuong_3', name: 'Đối tượng 3', rank: 2 },
  { kind: 'defence_security', code: 'doi_tuong_2', name: 'Đối tượng 2', rank: 3 },
  { kind: 'it', code: 'co_ban', name: 'Ứng dụng CNTT cơ bản', rank: 1 },
  { kind: 'it', code: 'nang_cao', name: 'Ứng dụng CNTT nâng cao', rank: 2 },
  { kind: 'foreign_language', code: 'bac_1', name: 'Bậc 1 (A1)', rank: 1 },
  { kind: 'foreign_language', code: 'bac_2', name: 'Bậc 2 (A2)', rank: 2 },
  { kind: 'foreign_language', code: 'bac_3', name: 'Bậc 3 (B1)', rank: 3 },
  { kind: 'foreign_language', code: 'bac_4', name: 'Bậc 4 (B2)', rank: 4 },
  { kind: 'foreign_language', code: 'bac_5', name: 'Bậc 5 (C1)', rank: 5 },
  { kind: 'foreign_language', code: 'bac_6', name: 'Bậc 6 (C2)', rank: 6 },
] as const;

export const REFERENCE_LEVELS = levelCatalogueFromRows(REFERENCE_LEVEL_ROWS);

export const REFERENCE_TITLE_ROWS = [
  { code: 'BT_TU', name: 'Bí thư Tỉnh ủy', level: 'province', leadership: true },
  { code: 'PBT_TU', name: 'Phó Bí thư Tỉnh ủy', level: 'province', leadership: true },
  { code: 'UV_BTV_TU', name: 'Ủy viên Ban Thường vụ Tỉnh ủy', level: 'province', leadership: true },
  { code: 'TUV', name: 'Tỉnh ủy viên', level: 'province', leadership: true },
  { code: 'CT_UBND_T', name: 'Chủ tịch UBND tỉnh', level: 'province', leadership: true },
  { code: 'PCT_UBND_T', name: 'Phó Chủ tịch UBND tỉnh', level: 'province', leadership: true },
  { code: 'CT_HDND_T', name: 'Chủ tịch HĐND tỉnh', level: 'province', leadership: true },
  { code: 'TB_TU', name: 'Trưởng ban Đảng Tỉnh ủy và tương đương', level: 'province', leadership: true },
  { code: 'PTB_TU', name: 'Phó Trưởng ban Đảng Tỉnh ủy và tương đương', level: 'province', leadership: true },
  { code: 'GD_SO', name: 'Giám đốc Sở và tương đương', level: 'province', leadership: true },
  { code: 'PGD_SO', name: 'Phó Giám đốc Sở và tương đương', level: 'province', leadership: true },
  { code: 'TP_T', name: 'Trưởng phòng và tương đương (cấp tỉnh)', level: 'province', leadership: true },
  { code: 'PTP_T', name: 'Phó Trưởng phòng và tương đương (cấp tỉnh)', level: 'province', leadership: true },
  { code: 'HT_TCT', name: 'Hiệu trưởng Trường Chính trị tỉnh', level: 'province', leadership: true },
  { code: 'PHT_TCT', name: 'Phó Hiệu trưởng Trường Chính trị tỉnh', level: 'province', leadership: true },
  { code: 'TK_TCT', name: 'Trưởng khoa, phòng Trường Chính trị', level: 'province', leadership: true },
  { code: 'BT_X', name: 'Bí thư Đảng ủy xã, phường', level: 'commune', leadership: true },
  { code: 'PBT_X', name: 'Phó Bí thư Đảng ủy xã, phường', level: 'commune', leadership: true },
  { code: 'DUV_X', name: 'Đảng ủy viên xã, phường', level: 'commune', leadership: true },
  { code: 'CT_HDND_X', name: 'Chủ tịch HĐND xã, phường', level: 'commune', leadership: true },
  { code: 'CT_UBND_X', name: 'Chủ tịch UBND xã, phường', level: 'commune', leadership: true },
  { code: 'PCT_UBND_X', name: 'Phó Chủ tịch UBND xã, phường', level: 'commune', leadership: true },
  { code: 'CT_MTTQ_X', name: 'Chủ tịch Ủy ban MTTQ xã, phường', level: 'commune', leadership: true },
  { code: 'TP_X', name: 'Trưởng phòng chuyên môn thuộc UBND xã, phường', level: 'commune', leadership: true },
  { code: 'PTP_X', name: 'Phó Trưởng phòng chuyên môn thuộc UBND xã, phường', level: 'commune', leadership: true },
  { code: 'BT_CB', name: 'Bí thư chi bộ thôn, tổ dân phố', level: 'commune', leadership: false },
] as const;

export const REFERENCE_TITLES = titleCatalogueFromRows(REFERENCE_TITLE_ROWS);

export const REFERENCE_RANK_CODES = ['01.001', '01.002', '01.003', '01.004', '01.005', 'V.07.01.01', 'V.07.01.02', 'V.07.01.03', 'V.08.01.03', 'V.07.05.15'] as const;

/**
 * Fields of study matching each job position (keywords compared without diacritics, whole words).
 * Seed data for `job_positions.fields` (written by seedShippedRules); administrators correct it through the API.
 */
export const JOB_POSITION_FIELDS: JobPositionCatalogue = {
  LDQL: { name: 'Lãnh đạo, quản lý', fields: ['quản lý nhà nước', 'quản lý công', 'hành chính', 'chính trị học', 'xây dựng Đảng', 'luật', 'kinh tế'] },
  TCCB: { name: 'Tham mưu tổ chức cán bộ', fields: ['quản trị nhân lực', 'quản lý nhân lực', 'hành chính', 'quản lý nhà nước', 'xây dựng Đảng', 'chính trị học', 'luật'] },
  TH: { name: 'Tổng hợp', fields: ['hành chính', 'quản lý nhà nước', 'quản lý công', 'luật', 'kinh tế', 'chính trị học'] },
  KT: { name: 'Kế toán', fields: ['kế toán', 'kiểm toán', 'tài chính'] },
  VT: { name: 'Văn thư, lưu trữ', fields: ['văn thư', 'lưu trữ'] },
  GD: { name: 'Giảng dạy', fields: ['sư phạm', 'triết học', 'kinh tế chính trị', 'chủ nghĩa xã hội khoa học', 'lịch sử Đảng', 'xây dựng Đảng', 'Hồ Chí Minh học', 'chính trị học', 'quản lý nhà nước', 'luật'] },
  DC: { name: 'Địa chính, xây dựng, môi trường', fields: ['địa chính', 'quản lý đất đai', 'xây dựng', 'kiến trúc', 'môi trường', 'trắc địa'] },
  TP: { name: 'Tư pháp, hộ tịch', fields: ['luật'] },
  VHXH: { name: 'Văn hóa, xã hội', fields: ['văn hóa', 'xã hội học', 'công tác xã hội', 'du lịch', 'thể dục thể thao'] },
  TCKH: { name: 'Tài chính, kế hoạch', fields: ['tài chính', 'kế hoạch', 'kinh tế', 'ngân hàng', 'kế toán', 'đầu tư'] },
  CNTT: { name: 'Công nghệ thông tin, chuyển đổi số', fields: ['công nghệ thông tin', 'tin học', 'khoa học máy tính', 'hệ thống thông tin', 'an toàn thông tin', 'kỹ thuật phần mềm'] },
  YT: { name: 'Y tế', fields: ['y khoa', 'y học', 'y tế công cộng', 'dược', 'điều dưỡng'] },
  GDDT: { name: 'Giáo dục', fields: ['sư phạm', 'giáo dục', 'quản lý giáo dục'] },
  NN: { name: 'Nông nghiệp', fields: ['nông nghiệp', 'nông học', 'chăn nuôi', 'thú y', 'lâm nghiệp', 'thủy sản', 'phát triển nông thôn', 'khoa học cây trồng'] },
  KTDN: { name: 'Kinh tế, doanh nghiệp', fields: ['kinh tế', 'quản trị kinh doanh', 'thương mại', 'tài chính'] },
};

// ---------- documents and periods ----------

const LLCT_TITLE = 'Quy định về đối tượng, tiêu chuẩn và phân cấp đào tạo lý luận chính trị';

export const DOCUMENTS = {
  QD_57: { code: '57-QĐ/TW', title: LLCT_TITLE, issuer: 'Ban Bí thư', issuedOn: '2022-02-08' },
  QD_350: { code: '350-QĐ/TW', title: LLCT_TITLE, issuer: 'Ban Bí thư', issuedOn: '2025-08-29' },
  ND_101: { code: '101/2017/NĐ-CP', title: 'Nghị định về đào tạo, bồi dưỡng cán bộ, công chức, viên chức', issuer: 'Chính phủ', issuedOn: '2017-09-01' },
  ND_171: { code: '171/2025/NĐ-CP', title: 'Nghị định quy định về đào tạo, bồi dưỡng công chức', issuer: 'Chính phủ', issuedOn: '2025-06-30' },
  QD_214: {
    code: '214-QĐ/TW',
    title: 'Quy định về khung tiêu chuẩn chức danh, tiêu chí đánh giá cán bộ thuộc diện Trung ương quản lý và khung tiêu chuẩn chức danh cán bộ lãnh đạo, quản lý các cấp',
    issuer: 'Bộ Chính trị',
    issuedOn: '2020-01-02',
  },
  ND_33: {
    code: '33/2023/NĐ-CP',
    title: 'Nghị định quy định về cán bộ, công chức cấp xã và người hoạt động không chuyên trách ở cấp xã, ở thôn, tổ dân phố',
    issuer: 'Chính phủ',
    issuedOn: '2023-06-10',
  },
} as const satisfies Record<string, SourceDocument>;

export const PERIODS = {
  QD_57: { from: '2022-02-08', to: '2025-08-28' },
  QD_350: { from: '2025-08-29', to: null },
  ND_101: { from: '2017-10-21', to: '2025-06-30' },
  ND_171: { from: '2025-07-01', to: null },
  QD_214: { from: '2020-01-02', to: null },
  ND_33: { from: '2023-08-01', to: null },
} as const satisfies Record<keyof typeof DOCUMENTS, EffectivePeriod>;

type DocKey = keyof typeof DOCUMENTS;

/** The document a rule set is written under, and the tag its rule ids carry. */
interface Basis {
  tag: string;
  doc: DocKey;
}

const B57: Basis = { tag: '57', doc: 'QD_57' };
const B350: Basis = { tag: '350', doc: 'QD_350' };
const B101: Basis = { tag: '101', doc: 'ND_101' };
const B171: Basis = { tag: '171', doc: 'ND_171' };

function cite(doc: DocKey, article?: string): SourceDocument {
  return article ? { ...DOCUMENTS[doc], article } : { ...DOCUMENTS[doc] };
}

function period(doc: DocKey): EffectivePeriod {
  return { ...PERIODS[doc] };
}

/** The fields every shipped rule shares: id '<programme>_<tag>.<criterion>', version 1, the document's period. */
function head(programme: string, basis: Basis, criterion: string, article: string | undefined, description: string, note?: string) {
  return {
    id: `${programme}_${basis.tag}.${criterion}`,
    version: 1,
    period: period(basis.doc),
    source: cite(basis.doc, article),
    description,
    ...(note ? { note } : {}),
  };
}

// ---------- programmes ----------

export const SHIPPED_PROGRAMMES: Programme[] = [
  { code: 'SC_LLCT', name: 'Sơ cấp lý luận chính trị', kind: 'political_theory', modes: ['full_time', 'part_time'], grants: { kind: 'political_theory', level: 'so_cap' } },
  { code: 'TC_LLCT', name: 'Trung cấp lý luận chính trị', kind: 'political_theory', modes: ['full_time', 'part_time'], grants: { kind: 'political_theory', level: 'trung_cap' } },
  { code: 'CC_LLCT', name: 'Cao cấp lý luận chính trị', kind: 'political_theory', modes: ['full_time', 'part_time'], grants: { kind: 'political_theory', level: 'cao_cap' } },
  { code: 'QLNN_CV', name: 'Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên', kind: 'state_management', modes: ['full_time', 'part_time', 'online'], grants: { kind: 'state_management', level: 'chuyen_vien' } },
  { code: 'QLNN_CVC', name: 'Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên chính', kind: 'state_management', modes: ['full_time', 'part_time', 'online'], grants: { kind: 'state_management', level: 'chuyen_vien_chinh' } },
  { code: 'QLNN_CVCC', name: 'Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên cao cấp', kind: 'state_management', modes: ['full_time', 'part_time'], grants: { kind: 'state_management', level: 'chuyen_vien_cao_cap' } },
  { code: 'SDH_THS', name: 'Đào tạo trình độ thạc sĩ', kind: 'postgraduate', modes: ['full_time', 'part_time'], grants: { kind: 'education', level: 'thac_si' } },
  { code: 'SDH_TS', name: 'Đào tạo trình độ tiến sĩ', kind: 'postgraduate', modes: ['full_time', 'part_time'], grants: { kind: 'education', level: 'tien_si' } },
];

// ---------- political theory (57-QĐ/TW until 28/8/2025, 350-QĐ/TW from 29/8/2025) ----------

const PROVINCE_KEY_TITLES = ['BT_TU', 'PBT_TU', 'UV_BTV_TU', 'TUV', 'CT_UBND_T', 'PCT_UBND_T', 'CT_HDND_T', 'TB_TU', 'PTB_TU', 'GD_SO', 'PGD_SO', 'TP_T', 'HT_TCT', 'PHT_TCT', 'TK_TCT'];

function soCapRules(basis: Basis, article: string): Rule[] {
  const h = (criterion: string, description: string, note?: string) => head('SC_LLCT', basis, criterion, article, description, note);
  const targetNote = `Hồ sơ chưa phân biệt công chức cấp xã với công chức cấp tỉnh; đoàn viên, hội viên ở cơ sở chưa có trong dữ liệu. ${UNVERIFIED}${basis.tag === '350' ? ': chưa xác minh 350-QĐ/TW giữ nguyên đối tượng sơ cấp.' : '.'}`;
  return [
    {
      ...h('target_group', 'Đảng viên; công chức cấp xã; người hoạt động không chuyên trách ở cấp xã, ở thôn, tổ dân phố.', targetNote),
      kind: 'target_group',
      params: { anyOf: [{ partyMember: true }, { categories: ['cong_chuc'] }, { categories: ['khong_chuyen_trach'] }] },
    },
    { ...h('not_already_holding', 'Chưa có trình độ lý luận chính trị từ sơ cấp trở lên.'), kind: 'not_already_holding', params: { kind: 'political_theory', level: 'so_cap' } },
    { ...h('not_enrolled', 'Không đang học chương trình sơ cấp lý luận chính trị.'), kind: 'not_enrolled', params: { programmeCodes: ['SC_LLCT'] } },
  ];
}

function trungCapCommon(basis: Basis, article: string): Rule[] {
  const h = (criterion: string, description: string, note?: string) => head('TC_LLCT', basis, criterion, article, description, note);
  const uncertain = basis.tag === '57' ? UNVERIFIED : undefined;
  return [
    {
      ...h('appraisal_streak', 'Hai năm liên tục liền kề thời điểm cử đi học được xếp loại hoàn thành tốt nhiệm vụ trở lên.', uncertain),
      kind: 'appraisal_streak',
      params: { minClassification: 'good', years: 2 },
    },
    {
      ...h('age_part_time', 'Cán bộ học hệ không tập trung: nữ từ 28 tuổi, nam từ 30 tuổi trở lên.', uncertain),
      kind: 'age_limit',
      params: { min: { female: 28, male: 30 }, modes: ['part_time'] },
    },
    { ...h('not_already_holding', 'Chưa có trình độ trung cấp, cao cấp hoặc cử nhân lý luận chính trị.'), kind: 'not_already_holding', params: { kind: 'political_theory', level: 'trung_cap' } },
    { ...h('not_enrolled', 'Không đang học trung cấp hoặc cao cấp lý luận chính trị.'), kind: 'not_enrolled', params: { programmeCodes: ['TC_LLCT', 'CC_LLCT'] } },
  ];
}

const TC_57: Rule[] = [
  {
    ...head('TC_LLCT', B57, 'target_post', 'Điều 4', 'Cán bộ đương chức hoặc quy hoạch: cấp ủy viên cấp xã; chủ tịch, phó chủ tịch HĐND, UBND, cấp trưởng, cấp phó Mặt trận và các tổ chức chính trị - xã hội cấp xã; phó trưởng phòng và tương đương cấp huyện, cấp tỉnh trở lên.', `Ánh xạ sang mọi chức danh lãnh đạo cấp xã, cấp tỉnh. ${UNVERIFIED}.`),
    kind: 'target_post',
    params: { titleGroups: [{ level: 'commune', leadershipOnly: true }, { level: 'province', leadershipOnly: true }], includePlanned: true },
  },
  { ...head('TC_LLCT', B57, 'party_member', 'Điều 4', 'Là đảng viên.', `Chưa rõ 57-QĐ/TW có đòi hỏi đảng viên chính thức. ${UNVERIFIED}.`), kind: 'party_member', params: { status: 'member' } },
  { ...head('TC_LLCT', B57, 'education', 'Điều 4', 'Tốt nghiệp trung học phổ thông trở lên.', UNVERIFIED), kind: 'min_qualification', params: { kind: 'education', minLevel: 'thpt' } },
  ...trungCapCommon(B57, 'Điều 4'),
];

const TC_350: Rule[] = [
  {
    ...head('TC_LLCT', B350, 'target_post', 'Điều 4', 'Cán bộ đương chức hoặc quy hoạch: cấp ủy viên của chi bộ cơ sở, đảng bộ cơ sở trở lên; phó trưởng phòng (tương đương) trở lên của các cơ quan, đơn vị cấp xã, cấp tỉnh.', `Bí thư chi bộ thôn, tổ dân phố được tính là cấp ủy viên chi bộ cơ sở. ${UNVERIFIED}.`),
    kind: 'target_post',
    params: { titleGroups: [{ level: 'commune', leadershipOnly: true }, { level: 'province', leadershipOnly: true }], titleCodes: ['BT_CB'], includePlanned: true },
  },
  { ...head('TC_LLCT', B350, 'party_member', 'Điều 4', 'Là đảng viên dự bị hoặc chính thức.'), kind: 'party_member', params: { status: 'member' } },
  {
    ...head('TC_LLCT', B350, 'education', 'Điều 4', 'Tốt nghiệp cao đẳng trở lên (tốt nghiệp trung học phổ thông trở lên đối với cán bộ là người dân tộc thiểu số).'),
    kind: 'min_qualification',
    params: { kind: 'education', minLevel: 'cao_dang', alternatives: [{ when: 'ethnic_minority', level: 'thpt' }] },
  },
  ...trungCapCommon(B350, 'Điều 4'),
];

function caoCapRules(basis: Basis, article: string, titleCodes: string[], targetText: string): Rule[] {
  const h = (criterion: string, description: string, note?: string) => head('CC_LLCT', basis, criterion, article, description, note);
  return [
    { ...h('target_post', targetText, `Ánh xạ sang mã chức danh. ${UNVERIFIED}.`), kind: 'target_post', params: { titleCodes, includePlanned: true } },
    { ...h('party_member', 'Là đảng viên chính thức.', UNVERIFIED), kind: 'party_member', params: { status: 'official' } },
    { ...h('education', 'Tốt nghiệp đại học trở lên.'), kind: 'min_qualification', params: { kind: 'education', minLevel: 'dai_hoc' } },
    {
      ...h('appraisal_streak', 'Ba năm liên tục liền kề thời điểm cử đi học được xếp loại hoàn thành tốt nhiệm vụ trở lên.', `Số năm (3). ${UNVERIFIED}.`),
      kind: 'appraisal_streak',
      params: { minClassification: 'good', years: 3 },
    },
    {
      ...h('age_full_time', 'Học hệ tập trung: không quá 50 tuổi tại thời điểm cử đi học.', `Mức tuổi (50). ${UNVERIFIED}.`),
      kind: 'age_limit',
      params: { max: 50, modes: ['full_time'] },
    },
    {
      ...h('age_part_time', 'Học hệ không tập trung: nữ từ 35 tuổi, nam từ 38 tuổi trở lên.', `Mức tuổi (nữ 35, nam 38). ${UNVERIFIED}.`),
      kind: 'age_limit',
      params: { min: { female: 35, male: 38 }, modes: ['part_time'] },
    },
    { ...h('not_already_holding', 'Chưa có trình độ cao cấp hoặc cử nhân lý luận chính trị.'), kind: 'not_already_holding', params: { kind: 'political_theory', level: 'cao_cap' } },
    { ...h('not_enrolled', 'Không đang học cao cấp lý luận chính trị.'), kind: 'not_enrolled', params: { programmeCodes: ['CC_LLCT'] } },
  ];
}

const CC_57 = caoCapRules(
  B57,
  'Điều 5',
  [...PROVINCE_KEY_TITLES, 'BT_X', 'PBT_X', 'CT_HDND_X', 'CT_UBND_X'],
  'Cán bộ đương chức hoặc quy hoạch: trưởng phòng và tương đương cấp tỉnh trở lên; bí thư, phó bí thư đảng ủy, chủ tịch HĐND, UBND cấp xã.',
);

const CC_350 = caoCapRules(
  B350,
  'Điều 5',
  [...PROVINCE_KEY_TITLES, 'BT_X', 'PBT_X', 'DUV_X', 'CT_HDND_X', 'CT_UBND_X', 'CT_MTTQ_X', 'TP_X'],
  'Cán bộ đương chức hoặc quy hoạch: ủy viên ban chấp hành đảng bộ cấp trên trực tiếp của tổ chức cơ sở đảng trở lên; chủ tịch HĐND, UBND, Ủy ban MTTQ Việt Nam cấp xã trở lên; trưởng phòng (tương đương) cấp xã, cấp tỉnh trở lên.',
);

// ---------- state management (NĐ 101/2017 until 30/6/2025, NĐ 171/2025 from 1/7/2025) ----------

interface QlnnSpec {
  programme: 'QLNN_CV' | 'QLNN_CVC' | 'QLNN_CVCC';
  level: 'chuyen_vien' | 'chuyen_vien_chinh' | 'chuyen_vien_cao_cap';
  levelText: string;
  ranks: string[];
  withCadres: boolean;
  targetText: string;
  needsUniversity: boolean;
}

const QLNN_SPECS: QlnnSpec[] = [
  { programme: 'QLNN_CV', level: 'chuyen_vien', levelText: 'ngạch chuyên viên', ranks: ['01.003', '01.004'], withCadres: true, targetText: 'Cán bộ; công chức, viên chức giữ ngạch chuyên viên, cán sự và tương đương.', needsUniversity: false },
  { programme: 'QLNN_CVC', level: 'chuyen_vien_chinh', levelText: 'ngạch chuyên viên chính', ranks: ['01.003', '01.002'], withCadres: false, targetText: 'Công chức, viên chức giữ ngạch chuyên viên (dự nguồn nâng ngạch) hoặc chuyên viên chính và tương đương.', needsUniversity: true },
  { programme: 'QLNN_CVCC', level: 'chuyen_vien_cao_cap', levelText: 'ngạch chuyên viên cao cấp', ranks: ['01.002', '01.001'], withCadres: false, targetText: 'Công chức, viên chức giữ ngạch chuyên viên chính (dự nguồn nâng ngạch) hoặc chuyên viên cao cấp và tương đương.', needsUniversity: true },
];

function qlnnRules(spec: QlnnSpec, basis: Basis): Rule[] {
  const h = (criterion: string, description: string, note?: string) => head(spec.programme, basis, criterion, undefined, description, note);
  const targetNote = basis.tag === '171' ? `NĐ 171/2025 có thể tổ chức lại bồi dưỡng theo ngạch. ${UNVERIFIED}.` : `Ánh xạ sang mã ngạch. ${UNVERIFIED}.`;
  const rules: Rule[] = [
    {
      ...h('target_group', spec.targetText, targetNote),
      kind: 'target_group',
      params: { anyOf: [{ rankCodes: spec.ranks }, ...(spec.withCadres ? [{ categories: ['can_bo' as const] }] : [])] },
    },
    { ...h('not_already_holding', `Chưa có chứng chỉ bồi dưỡng quản lý nhà nước ${spec.levelText} trở lên.`), kind: 'not_already_holding', params: { kind: 'state_management', level: spec.level } },
    { ...h('not_enrolled', `Không đang học chương trình bồi dưỡng ${spec.levelText}.`), kind: 'not_enrolled', params: { programmeCodes: [spec.programme] } },
  ];
  if (spec.needsUniversity) {
    rules.splice(1, 0, { ...h('education', 'Tốt nghiệp đại học trở lên.', UNVERIFIED), kind: 'min_qualification', params: { kind: 'education', minLevel: 'dai_hoc' } });
  }
  return rules;
}

// ---------- postgraduate (NĐ 171/2025) ----------

function postgraduateRules(programme: 'SDH_THS' | 'SDH_TS', level: 'thac_si' | 'tien_si'): Rule[] {
  const h = (criterion: string, description: string, note?: string) => head(programme, B171, criterion, undefined, description, note);
  const ageNote =
    programme === 'SDH_TS'
      ? `Tuổi tính tại lần đầu được cử đi đào tạo sau đại học; người đã được cử học thạc sĩ trước đây cần xét theo ngày cử lần đầu. ${UNVERIFIED}.`
      : undefined;
  return [
    { ...h('target_group', 'Công chức.', `Phạm vi NĐ 171/2025 là công chức; cán bộ, viên chức theo văn bản khác. ${UNVERIFIED}.`), kind: 'target_group', params: { anyOf: [{ categories: ['cong_chuc'] }] } },
    { ...h('age_limit', 'Không quá 45 tuổi tính từ thời điểm được cử đi đào tạo sau đại học lần đầu.', ageNote), kind: 'age_limit', params: { max: 45 } },
    { ...h('service_years', 'Có thời gian công tác từ đủ 03 năm trở lên.'), kind: 'min_service_years', params: { years: 3 } },
    {
      ...h('appraisal_streak', 'Hai năm liên tục liền kề trước thời điểm cử đi học được xếp loại hoàn thành tốt nhiệm vụ trở lên.'),
      kind: 'appraisal_streak',
      params: { minClassification: 'good', years: 2 },
    },
    { ...h('field_matches_job', 'Chuyên ngành đào tạo phù hợp với vị trí việc làm.'), kind: 'field_matches_job', params: { subject: 'study_field' } },
    {
      ...h('education', 'Tốt nghiệp đại học trở lên.', programme === 'SDH_TS' ? `Đào tạo tiến sĩ thường đòi hỏi thạc sĩ (quy chế tuyển sinh). ${UNVERIFIED}.` : undefined),
      kind: 'min_qualification',
      params: { kind: 'education', minLevel: 'dai_hoc' },
    },
    {
      ...h('not_already_holding', level === 'thac_si' ? 'Chưa có trình độ thạc sĩ trở lên.' : 'Chưa có trình độ tiến sĩ.'),
      kind: 'not_already_holding',
      params: { kind: 'education', level },
    },
    { ...h('not_enrolled', 'Không đang học thạc sĩ hoặc tiến sĩ.'), kind: 'not_enrolled', params: { programmeCodes: ['SDH_THS', 'SDH_TS'] } },
  ];
}

const COMMITMENT_NOTE: RuleSetNote = {
  text: 'Người được cử đi đào tạo sau đại học cam kết tiếp tục công tác tại cơ quan, đơn vị sau khi tốt nghiệp trong thời gian ít nhất gấp 03 lần thời gian đào tạo; vi phạm phải đền bù chi phí đào tạo.',
  source: cite('ND_171'),
  period: period('ND_171'),
};


// ---------- shipped corrections (version 2 of a shipped version 1; see docs/decisions/0025-shipped-rule-corrections.md) ----------

/**
 * Shipped versions replaced by a shipped correction: written to the database for history with
 * `supersededBy`, never evaluated. SHIPPED_RULE_SETS holds the versions in use.
 */
export const SHIPPED_SUPERSEDED_RULES: { programmeCode: string; rule: Rule }[] = [];

/** Replaces shipped version 1 of `id` in `rules` by its correction (version 2, same period); version 1 goes to the history. */
function corrected<R extends Rule>(
  programmeCode: string,
  rules: Rule[],
  id: string,
  kind: R['kind'],
  change: Pick<R, 'description' | 'params'> & { note: string },
): Rule[] {
  return rules.map((r) => {
    if (r.id !== id) return r;
    if (r.kind !== kind || r.version !== 1) throw new Error(`${id}: expected version 1 of kind ${kind}`);
    SHIPPED_SUPERSEDED_RULES.push({ programmeCode, rule: { ...r, supersededBy: 2 } });
    const { note: _old, ...rest } = r;
    return { ...rest, description: change.description, params: change.params, note: change.note, version: 2, corrects: 1 } as Rule;
  });
}

/**
 * Replaces the latest shipped version N of each id in `changes` by its correction N+1 (same period,
 * `corrects: N`); version N goes to the history with `supersededBy: N+1`.
 */
function correctedAll(programmeCode: string, rules: Rule[], changes: Record<string, Correction>): Rule[] {
  const seen = new Set<string>();
  const out = rules.map((r) => {
    const change = changes[r.id];
    if (!change) return r;
    seen.add(r.id);
    SHIPPED_SUPERSEDED_RULES.push({ programmeCode, rule: { ...r, supersededBy: r.version + 1 } });
    const { note: _old, ...rest } = r;
    return {
      ...rest,
      description: change.description,
      params: change.params,
      source: change.source,
      ...(change.note ? { note: change.note } : {}),
      version: r.version + 1,
      corrects: r.version,
    } as Rule;
  });
  for (const id of Object.keys(changes)) if (!seen.has(id)) throw new Error(`${id}: no shipped version to correct`);
  return out;
}

function soCap57(): Rule[] {
  const v2 = corrected<Extract<Rule, { kind: 'target_group' }>>('SC_LLCT', soCapRules(B57, 'Điều 3'), 'SC_LLCT_57.target_group', 'target_group', {
    description:
      'Đảng viên; đoàn viên, hội viên của các tổ chức chính trị - xã hội ở cơ sở; công chức cấp xã (trừ trưởng công an và chỉ huy trưởng quân sự cấp xã); người hoạt động không chuyên trách cấp xã, ở thôn, tổ dân phố. Tiêu chuẩn: tốt nghiệp trung học cơ sở trở lên.',
    params: { anyOf: [{ partyMember: true }, { categories: ['cong_chuc'] }, { categories: ['khong_chuyen_trach'] }] },
    note:
      'Đính chính theo Điều 3 Quy định 57-QĐ/TW. Hồ sơ chưa ghi đoàn viên, hội viên, chưa phân biệt công chức cấp xã với cấp tỉnh, chưa nhận diện trưởng công an, chỉ huy trưởng quân sự cấp xã, và danh mục trình độ chưa có bậc trung học cơ sở: những điều này người xét duyệt kiểm tra trên hồ sơ.',
  });
  // version 3 (decision 0031): công chức only at commune level, which the registry now tells from the unit tree
  return correctedAll('SC_LLCT', v2, {
    'SC_LLCT_57.target_group': {
      description:
        'Đảng viên; đoàn viên, hội viên của các tổ chức chính trị - xã hội ở cơ sở; công chức cấp xã (trừ trưởng công an và chỉ huy trưởng quân sự cấp xã); người hoạt động không chuyên trách cấp xã, ở thôn, tổ dân phố. Tiêu chuẩn: tốt nghiệp trung học cơ sở trở lên.',
      params: { anyOf: [{ partyMember: true }, { categories: ['cong_chuc'], unitLevel: 'commune' }, { categories: ['khong_chuyen_trach'] }] },
      note:
        'Đối chiếu Điều 3 Quy định 57-QĐ/TW. Công chức cấp xã: công chức của đơn vị là xã, phường (hoặc thuộc xã, phường) trong cây đơn vị. Hồ sơ chưa ghi đoàn viên, hội viên (người không là đảng viên, không là công chức cấp xã hay người hoạt động không chuyên trách thì người xét duyệt kiểm tra), danh mục chức danh chưa có trưởng công an, chỉ huy trưởng quân sự cấp xã để loại trừ, và danh mục trình độ chưa có bậc trung học cơ sở: những điều này người xét duyệt kiểm tra trên hồ sơ.',
      source: cite('QD_57', 'Điều 3'),
    },
  });
}

/** NĐ 171/2025: state-management training for công chức by job position; version 2 of each target group. */
function qlnn171(spec: QlnnSpec): Rule[] {
  return corrected<Extract<Rule, { kind: 'target_group' }>>(spec.programme, qlnnRules(spec, B171), `${spec.programme}_171.target_group`, 'target_group', {
    description: `Công chức; bồi dưỡng theo yêu cầu của vị trí việc làm, không theo ngạch (chương trình tương ứng ${spec.levelText} trước đây).`,
    params: { anyOf: [{ categories: ['cong_chuc'], rankCodes: spec.ranks }] },
    note: `Nghị định 171/2025/NĐ-CP chỉ áp dụng cho công chức (cán bộ, viên chức không thuộc phạm vi) và bồi dưỡng theo vị trí việc làm. Danh mục vị trí việc làm chưa ghi chương trình nào vị trí cần, nên tạm dùng ngạch đang giữ thay cho yêu cầu của vị trí việc làm. ${UNVERIFIED}.`,
  });
}

// ---------- postgraduate (NĐ 101/2017, amended by NĐ 89/2021, until 30/6/2025) ----------

/** Shipped first (release of decision 0025) with this article, which was wrong: the conditions are Điều 6. */
const PG_101_ARTICLE_V1 = 'Điều 37 (sửa đổi bởi Nghị định 89/2021/NĐ-CP)';
const PG_101_ARTICLE = 'Điều 6';
const CADRES_AND_CIVIL_SERVANTS: PersonCategory[] = ['can_bo', 'cong_chuc'];
const PG_101_READ =
  'Đối chiếu nội dung Điều 6 Nghị định 101/2017/NĐ-CP (khoản 1: cán bộ, công chức; khoản 2: viên chức); chưa đối chiếu được việc Nghị định 89/2021/NĐ-CP có sửa đổi Điều 6 hay không';

/** Version 1 as shipped by decision 0025 (kept as history, see postgraduate101). */
function postgraduate101RulesV1(programme: 'SDH_THS' | 'SDH_TS', level: 'thac_si' | 'tien_si'): Rule[] {
  const h = (criterion: string, description: string, note?: string) => head(programme, B101, criterion, PG_101_ARTICLE_V1, description, note);
  return [
    {
      ...h(
        'target_group',
        'Cán bộ, công chức; viên chức theo điều kiện riêng đối với viên chức.',
        `Số điều khoản và điều kiện riêng đối với viên chức (do người đứng đầu đơn vị sự nghiệp quy định) chưa đối chiếu được; viên chức được xét như công chức. ${UNVERIFIED}.`,
      ),
      kind: 'target_group',
      params: { anyOf: [{ categories: ['can_bo', 'cong_chuc'] }, { categories: ['vien_chuc'] }] },
    },
    {
      ...h('age_limit', 'Không quá 40 tuổi tính từ thời điểm được cử đi đào tạo sau đại học lần đầu.', 'Tuổi tính tại ngày cử đi học; người đã được cử đi đào tạo sau đại học trước đây cần xét theo ngày cử lần đầu.'),
      kind: 'age_limit',
      params: { max: 40 },
    },
    {
      ...h('service_years', 'Có thời gian công tác từ đủ 03 năm trở lên (không kể thời gian tập sự).', 'Ngày bắt đầu công tác trong hồ sơ có thể gồm thời gian tập sự: cán bộ xét duyệt trừ thời gian tập sự khi có.'),
      kind: 'min_service_years',
      params: { years: 3 },
    },
    {
      ...h('appraisal_streak', 'Hai năm liên tục liền kề trước thời điểm cử đi học được xếp loại hoàn thành tốt nhiệm vụ trở lên.', UNVERIFIED),
      kind: 'appraisal_streak',
      params: { minClassification: 'good', years: 2 },
    },
    { ...h('field_matches_job', 'Chuyên ngành đào tạo phù hợp với vị trí việc làm.'), kind: 'field_matches_job', params: { subject: 'study_field' } },
    {
      ...h('education', 'Tốt nghiệp đại học trở lên.', programme === 'SDH_TS' ? `Đào tạo tiến sĩ thường đòi hỏi thạc sĩ (quy chế tuyển sinh). ${UNVERIFIED}.` : undefined),
      kind: 'min_qualification',
      params: { kind: 'education', minLevel: 'dai_hoc' },
    },
    {
      ...h('not_already_holding', level === 'thac_si' ? 'Chưa có trình độ thạc sĩ trở lên.' : 'Chưa có trình độ tiến sĩ.'),
      kind: 'not_already_holding',
      params: { kind: 'education', level },
    },
    { ...h('not_enrolled', 'Không đang học thạc sĩ hoặc tiến sĩ.'), kind: 'not_enrolled', params: { programmeCodes: ['SDH_THS', 'SDH_TS'] } },
  ];
}

type Correction = { description: string; params: Rule['params']; note?: string; source: SourceDocument };

/**
 * NĐ 101/2017 read against Điều 6 (decision 0031): version 2 of every postgraduate rule. The
 * conditions of khoản 1 (3 years of service excluding probation, 2 years "hoàn thành tốt", at most 40
 * at the first nomination) bind cán bộ and công chức only; a viên chức (khoản 2) needs the probation
 * over, the 2× commitment and a field matching the job position. Admission (university degree) and
 * "not already holding / enrolled" are not Điều 6's: their source no longer cites an article.
 */
function postgraduate101(programme: 'SDH_THS' | 'SDH_TS', level: 'thac_si' | 'tien_si'): Rule[] {
  const id = (criterion: string) => `${programme}_101.${criterion}`;
  const art6 = cite('ND_101', PG_101_ARTICLE);
  const noArticle = cite('ND_101');
  const general = 'Không thuộc điều kiện của Điều 6; nguyên tắc chung của việc cử đi đào tạo (đã đính chính số điều trích dẫn).';
  const changes: Record<string, Correction> = {
    [id('target_group')]: {
      description: 'Cán bộ, công chức (khoản 1 Điều 6); viên chức (khoản 2 Điều 6: đã kết thúc thời gian tập sự, nếu có).',
      params: { anyOf: [{ categories: CADRES_AND_CIVIL_SERVANTS }, { categories: ['vien_chuc'] }] },
      note: `${PG_101_READ}. Viên chức không phải đáp ứng điều kiện tuổi, thời gian công tác và xếp loại của khoản 1; hồ sơ chưa ghi ngày kết thúc tập sự của viên chức: người xét duyệt kiểm tra.`,
      source: art6,
    },
    [id('age_limit')]: {
      description: 'Cán bộ, công chức: không quá 40 tuổi tính từ thời điểm được cử đi đào tạo sau đại học lần đầu.',
      params: { max: 40, categories: CADRES_AND_CIVIL_SERVANTS },
      note: 'Tuổi tính tại ngày cử đi học; người đã được cử đi đào tạo sau đại học trước đây cần xét theo ngày cử lần đầu. Không áp dụng cho viên chức (khoản 2 Điều 6).',
      source: art6,
    },
    [id('service_years')]: {
      description: 'Cán bộ, công chức: có thời gian công tác từ đủ 03 năm trở lên (không kể thời gian tập sự).',
      params: { years: 3, categories: CADRES_AND_CIVIL_SERVANTS },
      note: 'Ngày bắt đầu công tác trong hồ sơ có thể gồm thời gian tập sự: cán bộ xét duyệt trừ thời gian tập sự khi có. Không áp dụng cho viên chức.',
      source: art6,
    },
    [id('appraisal_streak')]: {
      description: 'Cán bộ, công chức: 02 năm liên tục liền kề trước thời điểm được cử đi đào tạo hoàn thành tốt nhiệm vụ.',
      params: { minClassification: 'good', years: 2, categories: CADRES_AND_CIVIL_SERVANTS },
      note: 'Không áp dụng cho viên chức.',
      source: art6,
    },
    [id('field_matches_job')]: {
      description: 'Chuyên ngành đào tạo phù hợp với vị trí việc làm (cán bộ, công chức và viên chức).',
      params: { subject: 'study_field' },
      source: art6,
    },
    [id('education')]: {
      description: 'Tốt nghiệp đại học trở lên.',
      params: { kind: 'education', minLevel: 'dai_hoc' },
      note: `Điều kiện dự tuyển sau đại học, không thuộc Điều 6.${programme === 'SDH_TS' ? ` Đào tạo tiến sĩ thường đòi hỏi thạc sĩ (quy chế tuyển sinh). ${UNVERIFIED}.` : ''}`,
      source: noArticle,
    },
    [id('not_already_holding')]: {
      description: level === 'thac_si' ? 'Chưa có trình độ thạc sĩ trở lên.' : 'Chưa có trình độ tiến sĩ.',
      params: { kind: 'education', level },
      note: general,
      source: noArticle,
    },
    [id('not_enrolled')]: {
      description: 'Không đang học thạc sĩ hoặc tiến sĩ.',
      params: { programmeCodes: ['SDH_THS', 'SDH_TS'] },
      note: general,
      source: noArticle,
    },
  };
  return correctedAll(programme, postgraduate101RulesV1(programme, level), changes);
}

const COMMITMENT_NOTE_101: RuleSetNote = {
  text: 'Người được cử đi đào tạo sau đại học cam kết thực hiện nhiệm vụ, công tác tại cơ quan, đơn vị sau khi hoàn thành chương trình đào tạo trong thời gian ít nhất gấp 02 lần thời gian đào tạo; vi phạm phải đền bù chi phí đào tạo.',
  source: cite('ND_101', PG_101_ARTICLE),
  period: period('ND_101'),
};

export const SHIPPED_RULE_SETS: RuleSet[] = [
  { programmeCode: 'SC_LLCT', rules: [...soCap57(), ...soCapRules(B350, 'Điều 3')] },
  { programmeCode: 'TC_LLCT', rules: [...TC_57, ...TC_350] },
  { programmeCode: 'CC_LLCT', rules: [...CC_57, ...CC_350] },
  ...QLNN_SPECS.map((spec) => ({ programmeCode: spec.programme, rules: [...qlnnRules(spec, B101), ...qlnn171(spec)] })),
  { programmeCode: 'SDH_THS', rules: [...postgraduateRules('SDH_THS', 'thac_si'), ...postgraduate101('SDH_THS', 'thac_si')], notes: [COMMITMENT_NOTE, COMMITMENT_NOTE_101] },
  { programmeCode: 'SDH_TS', rules: [...postgraduateRules('SDH_TS', 'tien_si'), ...postgraduate101('SDH_TS', 'tien_si')], notes: [COMMITMENT_NOTE, COMMITMENT_NOTE_101] },
];

// ---------- title standards ----------

function standard(titleCode: string, criterion: string, version: number, doc: DocKey, requirement: Requirement, description: string, note?: string): Standard {
  return {
    id: `STD.${titleCode}.${criterion}`,
    version,
    titleCode,
    requirement,
    period: period(doc),
    source: cite(doc),
    description,
    ...(note ? { note } : {}),
  };
}

const FRAMEWORK_NOTE = `Khung tiêu chuẩn; áp dụng theo quy định cụ thể của Tỉnh ủy. ${UNVERIFIED}.`;
const LLCT_TRUNG_CAP: Requirement = { kind: 'political_theory', minLevel: 'trung_cap' };
const LLCT_CAO_CAP: Requirement = { kind: 'political_theory', minLevel: 'cao_cap' };
const UNIVERSITY: Requirement = { kind: 'education', minLevel: 'dai_hoc' };

const COMMUNE_LLCT = ['BT_X', 'PBT_X', 'CT_HDND_X', 'CT_UBND_X', 'PCT_UBND_X', 'CT_MTTQ_X', 'TP_X', 'PTP_X'];
const COMMUNE_UNIVERSITY = ['BT_X', 'PBT_X', 'CT_HDND_X', 'CT_UBND_X'];

/** Leadership training for a management level: NĐ 101/2017 (version 1), then NĐ 171/2025 (version 2). */
function leadershipStandards(titleCode: string, level: 'cap_phong' | 'cap_so'): Standard[] {
  const req: Requirement = { kind: 'leadership', minLevel: level };
  const text = level === 'cap_phong' ? 'Đã bồi dưỡng lãnh đạo, quản lý cấp phòng và tương đương.' : 'Đã bồi dưỡng lãnh đạo, quản lý cấp sở và tương đương.';
  return [standard(titleCode, 'leadership', 1, 'ND_101', req, text, UNVERIFIED), standard(titleCode, 'leadership', 2, 'ND_171', req, text, UNVERIFIED)];
}

export const SHIPPED_STANDARDS: Standard[] = [
  ...COMMUNE_LLCT.map((t) =>
    standard(t, 'political_theory', 1, 'QD_214', LLCT_TRUNG_CAP, 'Có trình độ trung cấp lý luận chính trị trở lên.', t === 'TP_X' || t === 'PTP_X' ? `Chức danh mới từ 7/2025. ${FRAMEWORK_NOTE}` : FRAMEWORK_NOTE),
  ),
  ...COMMUNE_UNIVERSITY.map((t) =>
    standard(t, 'education', 1, 'ND_33', UNIVERSITY, 'Tốt nghiệp đại học trở lên.', `Chọn đại học (không nhận cao đẳng). ${UNVERIFIED}.`),
  ),
  standard('TP_T', 'political_theory', 1, 'QD_214', LLCT_CAO_CAP, 'Có trình độ cao cấp lý luận chính trị trở lên.', `Một số tỉnh chấp nhận trung cấp cho trưởng phòng. ${FRAMEWORK_NOTE}`),
  standard('TP_T', 'education', 1, 'QD_214', UNIVERSITY, 'Tốt nghiệp đại học trở lên.', FRAMEWORK_NOTE),
  ...leadershipStandards('TP_T', 'cap_phong'),
  standard('PTP_T', 'political_theory', 1, 'QD_214', LLCT_TRUNG_CAP, 'Có trình độ trung cấp lý luận chính trị trở lên.', `Phó trưởng phòng thuộc đối tượng đào tạo trung cấp (350-QĐ/TW); cao cấp dành cho trưởng phòng trở lên. ${FRAMEWORK_NOTE}`),
  standard('PTP_T', 'education', 1, 'QD_214', UNIVERSITY, 'Tốt nghiệp đại học trở lên.', FRAMEWORK_NOTE),
  ...leadershipStandards('PTP_T', 'cap_phong'),
  ...['GD_SO', 'PGD_SO'].flatMap((t) => [
    standard(t, 'political_theory', 1, 'QD_214', LLCT_CAO_CAP, 'Có trình độ cao cấp lý luận chính trị trở lên.', FRAMEWORK_NOTE),
    standard(t, 'education', 1, 'QD_214', UNIVERSITY, 'Tốt nghiệp đại học trở lên.', FRAMEWORK_NOTE),
    standard(t, 'state_management', 1, 'QD_214', { kind: 'state_management', minLevel: 'chuyen_vien_chinh' }, 'Có chứng chỉ bồi dưỡng quản lý nhà nước ngạch chuyên viên chính trở lên.', FRAMEWORK_NOTE),
    ...leadershipStandards(t, 'cap_so'),
  ]),
  ...['TB_TU', 'PTB_TU'].flatMap((t) => [
    standard(t, 'political_theory', 1, 'QD_214', LLCT_CAO_CAP, 'Có trình độ cao cấp lý luận chính trị trở lên.', FRAMEWORK_NOTE),
    standard(t, 'education', 1, 'QD_214', UNIVERSITY, 'Tốt nghiệp đại học trở lên.', FRAMEWORK_NOTE),
  ]),
];
