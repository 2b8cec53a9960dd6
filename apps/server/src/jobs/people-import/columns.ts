import { foldVietnamese } from '@nang-tam/domain';

/** The sheet an import reads, and the columns of its header row (any order). */
export const IMPORT_SHEET = 'CanBo';
export const REFERENCE_SHEET = 'DanhMuc';

export type ColumnKey =
  | 'fullName'
  | 'citizenId'
  | 'birthDate'
  | 'gender'
  | 'ethnicity'
  | 'category'
  | 'unit'
  | 'title'
  | 'jobPosition'
  | 'rank'
  | 'managementScope'
  | 'partyMembership'
  | 'partyJoinedOn'
  | 'partyOfficialOn'
  | 'phone'
  | 'email'
  | 'educationLevel'
  | 'educationField'
  | 'politicalTheoryLevel'
  | 'stateManagementLevel';

export interface ImportColumn {
  key: ColumnKey;
  /** The header as the template writes it. */
  header: string;
  required: boolean;
  /** Other headers accepted for this column (compared folded, without "*" and parentheses). */
  aliases?: string[];
  width: number;
  /** A short note shown on the header cell of the template. */
  note?: string;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'fullName', header: 'Họ và tên*', required: true, width: 26, aliases: ['Họ tên'] },
  {
    key: 'citizenId',
    header: 'Số CCCD*',
    required: true,
    width: 16,
    aliases: ['CCCD', 'Số định danh cá nhân', 'Số ĐDCN'],
    note: '12 chữ số',
  },
  { key: 'birthDate', header: 'Ngày sinh* (dd/mm/yyyy)', required: true, width: 14 },
  { key: 'gender', header: 'Giới tính* (Nam/Nữ)', required: true, width: 10 },
  {
    key: 'ethnicity',
    header: 'Mã dân tộc*',
    required: true,
    width: 10,
    aliases: ['Dân tộc'],
    note: 'Mã hoặc tên dân tộc, xem trang DanhMuc',
  },
  { key: 'category', header: 'Đối tượng*', required: true, width: 22, note: 'Cán bộ, Công chức, Viên chức…' },
  { key: 'unit', header: 'Mã đơn vị*', required: true, width: 14, note: 'Xem trang DanhMuc' },
  { key: 'title', header: 'Mã chức danh', required: false, width: 14 },
  { key: 'jobPosition', header: 'Mã vị trí việc làm', required: false, width: 14 },
  { key: 'rank', header: 'Mã ngạch', required: false, width: 12 },
  { key: 'managementScope', header: 'Mã diện quản lý', required: false, width: 14 },
  {
    key: 'partyMembership',
    header: 'Đảng viên',
    required: false,
    width: 18,
    aliases: ['Tình trạng đảng viên'],
    note: 'Chính thức, Dự bị, Không, Chưa rõ; để trống: theo ngày vào Đảng',
  },
  { key: 'partyJoinedOn', header: 'Ngày vào Đảng', required: false, width: 14, note: 'dd/mm/yyyy' },
  { key: 'partyOfficialOn', header: 'Ngày chính thức', required: false, width: 14, note: 'dd/mm/yyyy' },
  { key: 'phone', header: 'Điện thoại', required: false, width: 14 },
  { key: 'email', header: 'Email', required: false, width: 24 },
  { key: 'educationLevel', header: 'Trình độ chuyên môn', required: false, width: 16, note: 'Đại học, Thạc sĩ… (mã hoặc tên)' },
  { key: 'educationField', header: 'Chuyên ngành', required: false, width: 20 },
  {
    key: 'politicalTheoryLevel',
    header: 'LLCT',
    required: false,
    width: 12,
    aliases: ['Lý luận chính trị'],
    note: 'Sơ cấp, Trung cấp, Cao cấp, Cử nhân',
  },
  {
    key: 'stateManagementLevel',
    header: 'QLNN',
    required: false,
    width: 16,
    aliases: ['Quản lý nhà nước'],
    note: 'Chuyên viên, Chuyên viên chính…',
  },
];

/** Text columns keep what is typed (leading zeros of ids and codes, dates as dd/mm/yyyy). */
export const TEXT_COLUMNS: ReadonlySet<ColumnKey> = new Set<ColumnKey>([
  'citizenId',
  'birthDate',
  'ethnicity',
  'unit',
  'title',
  'jobPosition',
  'rank',
  'managementScope',
  'partyJoinedOn',
  'partyOfficialOn',
  'phone',
]);

/** The full name of the template's example row starts with this; such a row is skipped. */
export const EXAMPLE_PREFIX = 'Ví dụ:';

/** "Ngày sinh* (dd/mm/yyyy)" → "ngay sinh": what a header is matched on. */
export function headerKey(header: string): string {
  return foldVietnamese(header.replace(/\(.*?\)/g, ' ').replace(/\*/g, ' '));
}

const BY_HEADER = new Map<string, ColumnKey>(
  IMPORT_COLUMNS.flatMap((c) => [c.header, ...(c.aliases ?? [])].map((h) => [headerKey(h), c.key] as const)),
);

export function columnForHeader(header: string): ColumnKey | undefined {
  return BY_HEADER.get(headerKey(header));
}

export function isExampleName(fullName: string): boolean {
  return foldVietnamese(fullName).startsWith(foldVietnamese(EXAMPLE_PREFIX));
}
