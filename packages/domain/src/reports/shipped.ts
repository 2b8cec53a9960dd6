/**
 * The report forms the product ships (decision 0048). The layout of the Ministry of Home Affairs'
 * forms under Thông tư 18/2025/TT-BNV (08/10/2025) could not be read (the appendix of forms is not
 * in any source consulted), so these are the product's own forms, built for the figures the seeds
 * report (person-times by programme and level; the young, female, ethnic-minority shares; the
 * quality of the staff by political theory, state management and education). `ministryCode` is
 * null and `verified` false until someone checks them against the appendix; an administrator
 * corrects a form by saving a new version (no code change).
 */
import type { ReportDefinitionBody, ReportLine } from './definitions.js';

export interface ReportSource {
  code: string;
  title: string;
  issuer: string;
  issuedOn: string;
}

export interface ShippedReportVersion {
  code: string;
  version: number;
  body: ReportDefinitionBody;
  source: ReportSource;
  reason: string;
  periodFrom: string;
  periodTo: string | null;
}

export const TT_18_2025: ReportSource = {
  code: '18/2025/TT-BNV',
  title: 'Thông tư quy định chế độ báo cáo thống kê ngành Nội vụ',
  issuer: 'Bộ Nội vụ',
  issuedOn: '2025-10-08',
};

const hc = 'headcount' as const;
const pt = 'person_times' as const;

const qualityColumns: ReportLine[] = [
  { key: 'total', label: 'Tổng số', measure: hc },
  { key: 'female', label: 'Nữ', measure: hc, filter: { gender: 'female' }, group: 'Trong đó' },
  { key: 'minority', label: 'Dân tộc thiểu số', measure: hc, filter: { ethnicMinority: true }, group: 'Trong đó' },
  { key: 'party', label: 'Đảng viên', measure: hc, filter: { partyMember: true }, group: 'Trong đó' },
  {
    key: 'llct_cc',
    label: 'Cao cấp, cử nhân',
    measure: hc,
    filter: { qualification: { kind: 'political_theory', minLevel: 'cao_cap' } },
    group: 'Lý luận chính trị',
  },
  {
    key: 'llct_tc',
    label: 'Trung cấp',
    measure: hc,
    filter: { qualification: { kind: 'political_theory', highest: 'trung_cap' } },
    group: 'Lý luận chính trị',
  },
  {
    key: 'llct_sc',
    label: 'Sơ cấp',
    measure: hc,
    filter: { qualification: { kind: 'political_theory', highest: 'so_cap' } },
    group: 'Lý luận chính trị',
  },
  {
    key: 'qlnn_cvcc',
    label: 'Chuyên viên cao cấp',
    measure: hc,
    filter: { qualification: { kind: 'state_management', highest: 'chuyen_vien_cao_cap' } },
    group: 'Quản lý nhà nước',
  },
  {
    key: 'qlnn_cvc',
    label: 'Chuyên viên chính',
    measure: hc,
    filter: { qualification: { kind: 'state_management', highest: 'chuyen_vien_chinh' } },
    group: 'Quản lý nhà nước',
  },
  {
    key: 'qlnn_cv',
    label: 'Chuyên viên',
    measure: hc,
    filter: { qualification: { kind: 'state_management', highest: 'chuyen_vien' } },
    group: 'Quản lý nhà nước',
  },
  {
    key: 'cm_ts',
    label: 'Tiến sĩ',
    measure: hc,
    filter: { qualification: { kind: 'education', highest: 'tien_si' } },
    group: 'Chuyên môn',
  },
  {
    key: 'cm_ths',
    label: 'Thạc sĩ',
    measure: hc,
    filter: { qualification: { kind: 'education', highest: 'thac_si' } },
    group: 'Chuyên môn',
  },
  {
    key: 'cm_dh',
    label: 'Đại học',
    measure: hc,
    filter: { qualification: { kind: 'education', highest: 'dai_hoc' } },
    group: 'Chuyên môn',
  },
];

const QUALITY: ReportDefinitionBody = {
  title: 'SỐ LƯỢNG, CHẤT LƯỢNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC',
  ministryCode: null,
  verified: false,
  period: 'year',
  unitLine: 'Đơn vị tính: Người',
  receiver: 'Bộ Nội vụ',
  deadline: 'Số liệu tính đến ngày 31/12 của năm báo cáo',
  notes: [
    'Số người có trong danh sách của cơ quan, đơn vị tại ngày cuối kỳ; trình độ là trình độ cao nhất đã được cấp bằng, chứng chỉ đến ngày đó.',
  ],
  rows: [
    { key: 'all', label: 'Tổng số', sumOf: ['can_bo', 'cong_chuc', 'vien_chuc', 'khong_chuyen_trach'] },
    { key: 'can_bo', label: 'Cán bộ', filter: { categories: ['can_bo'] } },
    { key: 'cong_chuc', label: 'Công chức', filter: { categories: ['cong_chuc'] } },
    { key: 'vien_chuc', label: 'Viên chức', filter: { categories: ['vien_chuc'] } },
    { key: 'khong_chuyen_trach', label: 'Người hoạt động không chuyên trách', filter: { categories: ['khong_chuyen_trach'] } },
  ],
  columns: qualityColumns,
};

const TRAINING: ReportDefinitionBody = {
  title: 'KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC',
  ministryCode: null,
  verified: false,
  period: 'year',
  unitLine: 'Đơn vị tính: Lượt người',
  receiver: 'Bộ Nội vụ',
  deadline: 'Kỳ báo cáo năm: từ ngày 01/01 đến ngày 31/12 của năm báo cáo',
  notes: [
    'Một lượt người là một người học một khóa (lớp của tỉnh hoặc cử đi học ở cơ sở ngoài tỉnh, nước ngoài) diễn ra trong kỳ; người học hai khóa tính hai lượt.',
  ],
  rows: [
    {
      key: 'all',
      label: 'Tổng số',
      sumOf: ['llct', 'qlnn', 'lanh_dao', 'nhan_thuc', 'dang_vien_moi', 'qpan', 'hdnd', 'cchc', 'cds', 'chuyen_de', 'sau_dh', 'nuoc_ngoai'],
    },
    { key: 'llct', label: 'Lý luận chính trị', filter: { programmeKinds: ['political_theory'] } },
    { key: 'llct_cc', label: 'Cao cấp', indent: 1, filter: { programmeKinds: ['political_theory'], programmeLevels: ['cao_cap'] } },
    { key: 'llct_tc', label: 'Trung cấp', indent: 1, filter: { programmeKinds: ['political_theory'], programmeLevels: ['trung_cap'] } },
    { key: 'llct_sc', label: 'Sơ cấp', indent: 1, filter: { programmeKinds: ['political_theory'], programmeLevels: ['so_cap'] } },
    { key: 'qlnn', label: 'Quản lý nhà nước theo ngạch', filter: { programmeKinds: ['state_management'] } },
    {
      key: 'qlnn_cvcc',
      label: 'Chuyên viên cao cấp',
      indent: 1,
      filter: { programmeKinds: ['state_management'], programmeLevels: ['chuyen_vien_cao_cap'] },
    },
    {
      key: 'qlnn_cvc',
      label: 'Chuyên viên chính',
      indent: 1,
      filter: { programmeKinds: ['state_management'], programmeLevels: ['chuyen_vien_chinh'] },
    },
    { key: 'qlnn_cv', label: 'Chuyên viên', indent: 1, filter: { programmeKinds: ['state_management'], programmeLevels: ['chuyen_vien'] } },
    {
      key: 'lanh_dao',
      label: 'Bồi dưỡng lãnh đạo, quản lý; cập nhật kiến thức',
      filter: { programmeKinds: ['leadership', 'knowledge_update'] },
    },
    { key: 'nhan_thuc', label: 'Bồi dưỡng nhận thức về Đảng (quần chúng ưu tú)', filter: { programmeKinds: ['party_awareness'] } },
    { key: 'dang_vien_moi', label: 'Lý luận chính trị cho đảng viên mới', filter: { programmeKinds: ['new_party_member'] } },
    { key: 'qpan', label: 'Kiến thức quốc phòng và an ninh', filter: { programmeKinds: ['defence_security'] } },
    { key: 'hdnd', label: 'Bồi dưỡng đại biểu Hội đồng nhân dân', filter: { programmeKinds: ['council_delegates'] } },
    { key: 'cchc', label: 'Cải cách hành chính', filter: { programmeKinds: ['admin_reform'] } },
    { key: 'cds', label: 'Chuyển đổi số, trí tuệ nhân tạo', filter: { programmeKinds: ['digital_transformation'] } },
    { key: 'chuyen_de', label: 'Bồi dưỡng chuyên đề', filter: { programmeKinds: ['thematic'] } },
    { key: 'sau_dh', label: 'Đào tạo sau đại học', filter: { programmeKinds: ['postgraduate'] } },
    { key: 'nuoc_ngoai', label: 'Bồi dưỡng ở nước ngoài', filter: { programmeKinds: ['abroad'] } },
  ],
  columns: [
    { key: 'total', label: 'Tổng số lượt', measure: pt },
    { key: 'female', label: 'Nữ', measure: pt, filter: { gender: 'female' }, group: 'Trong đó' },
    { key: 'minority', label: 'Dân tộc thiểu số', measure: pt, filter: { ethnicMinority: true }, group: 'Trong đó' },
    { key: 'party', label: 'Đảng viên', measure: pt, filter: { partyMember: true }, group: 'Trong đó' },
    { key: 'full_time', label: 'Tập trung', measure: pt, filter: { modes: ['full_time'] }, group: 'Hình thức' },
    { key: 'part_time', label: 'Vừa làm vừa học', measure: pt, filter: { modes: ['part_time'] }, group: 'Hình thức' },
    { key: 'online', label: 'Trực tuyến', measure: pt, filter: { modes: ['online'] }, group: 'Hình thức' },
    { key: 'school', label: 'Trường Chính trị tỉnh', measure: pt, filter: { organiserTypes: ['provincial_school'] }, group: 'Nơi đào tạo' },
    { key: 'commune', label: 'Trung tâm cấp xã', measure: pt, filter: { organiserTypes: ['commune_centre'] }, group: 'Nơi đào tạo' },
    { key: 'outside', label: 'Ngoài tỉnh', measure: pt, filter: { organiserTypes: ['outside_institution'] }, group: 'Nơi đào tạo' },
    { key: 'abroad', label: 'Nước ngoài', measure: pt, filter: { organiserTypes: ['abroad'] }, group: 'Nơi đào tạo' },
  ],
};

export const SHIPPED_REPORT_VERSIONS: readonly ShippedReportVersion[] = [
  {
    code: 'NT-01-CLCB',
    version: 1,
    body: QUALITY,
    source: TT_18_2025,
    reason: 'Biểu mẫu ban đầu (chưa đối chiếu phụ lục biểu mẫu của Thông tư 18/2025/TT-BNV)',
    periodFrom: '2015-01-01',
    periodTo: null,
  },
  {
    code: 'NT-02-KQDT',
    version: 1,
    body: TRAINING,
    source: TT_18_2025,
    reason: 'Biểu mẫu ban đầu (chưa đối chiếu phụ lục biểu mẫu của Thông tư 18/2025/TT-BNV)',
    periodFrom: '2015-01-01',
    periodTo: null,
  },
];
