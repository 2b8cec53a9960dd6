/**
 * Ethnic mix and personal names of a northern mountain province (Tuyên Quang after the 2025 merger
 * with Hà Giang). Names follow each group's naming habits: Kinh, Tày and Nùng names look alike;
 * Mông men often carry "A", "Mí" or "Seo" as middle name; Dao families are Bàn, Triệu, Đặng, Lý...
 */
import type { Gender } from '@nang-tam/domain';
import type { Rng, Weighted } from './random.js';

/** Ethnicity codes (migration 002) with their share of the province's cadres, in percent. */
export const ETHNIC_MIX: readonly Weighted<string>[] = [
  ['01', 35], // Kinh
  ['02', 25], // Tày
  ['09', 12], // Dao
  ['08', 10], // Mông
  ['07', 6], // Nùng
  ['15', 4], // Sán Chay
  ['25', 2], // Giáy
  ['18', 1.5], // Sán Dìu
  ['04', 1], // Hoa
  ['06', 1], // Mường
  ['43', 1], // Lô Lô
  ['40', 0.5], // Phù Lá
  ['46', 0.5], // Pà Thẻn
  ['38', 0.5], // La Chí
];

interface NamingStyle {
  families: readonly Weighted<string>[];
  middle: Record<Gender, readonly Weighted<string>[]>;
  given: Record<Gender, readonly string[]>;
}

const KINH_FAMILIES: readonly Weighted<string>[] = [
  ['Nguyễn', 32],
  ['Trần', 11],
  ['Lê', 9],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Vũ', 4],
  ['Đặng', 3],
  ['Bùi', 3],
  ['Đỗ', 3],
  ['Hồ', 1.5],
  ['Ngô', 1.5],
  ['Dương', 1.5],
  ['Lý', 1],
  ['Phan', 2],
  ['Đinh', 1.5],
  ['Trịnh', 1],
  ['Lương', 1],
];

const TAY_NUNG_FAMILIES: readonly Weighted<string>[] = [
  ['Hoàng', 14],
  ['Nguyễn', 10],
  ['Ma', 9],
  ['Nông', 9],
  ['Lục', 5],
  ['Hà', 6],
  ['Lương', 5],
  ['Quan', 4],
  ['Triệu', 4],
  ['Lý', 3],
  ['Vi', 3],
  ['Lâm', 3],
  ['Chu', 2],
  ['Đàm', 2],
  ['Hứa', 2],
  ['Lò', 2],
  ['Đinh', 2],
];

const MIDDLE_COMMON: Record<Gender, readonly Weighted<string>[]> = {
  male: [
    ['Văn', 34],
    ['Đức', 9],
    ['Minh', 9],
    ['Quang', 7],
    ['Mạnh', 4],
    ['Hữu', 5],
    ['Xuân', 5],
    ['Tiến', 5],
    ['Trung', 4],
    ['Thanh', 5],
    ['Ngọc', 3],
    ['Công', 4],
    ['Duy', 3],
    ['Hoàng', 3],
  ],
  female: [
    ['Thị', 52],
    ['Thu', 6],
    ['Thanh', 6],
    ['Ngọc', 6],
    ['Minh', 4],
    ['Hồng', 5],
    ['Phương', 3],
    ['Thúy', 3],
    ['Kim', 3],
    ['Bích', 2],
    ['Hải', 2],
    ['Diệu', 2],
  ],
};

const GIVEN_COMMON: Record<Gender, readonly string[]> = {
  male: [
    'An',
    'Anh',
    'Bình',
    'Cường',
    'Chiến',
    'Dũng',
    'Dương',
    'Đạt',
    'Định',
    'Đông',
    'Giang',
    'Hải',
    'Hào',
    'Hiếu',
    'Hòa',
    'Hoàng',
    'Hùng',
    'Hưng',
    'Huy',
    'Khánh',
    'Kiên',
    'Lâm',
    'Long',
    'Lợi',
    'Mạnh',
    'Minh',
    'Nam',
    'Nghĩa',
    'Phong',
    'Phúc',
    'Quân',
    'Quang',
    'Quyết',
    'Sơn',
    'Tài',
    'Thắng',
    'Thành',
    'Thịnh',
    'Toàn',
    'Trung',
    'Tuấn',
    'Tùng',
    'Việt',
    'Vinh',
    'Vũ',
    'Bảo',
    'Công',
    'Đức',
    'Hiệp',
    'Khải',
  ],
  female: [
    'Anh',
    'Chi',
    'Dung',
    'Duyên',
    'Giang',
    'Hà',
    'Hạnh',
    'Hằng',
    'Hiền',
    'Hoa',
    'Huệ',
    'Hương',
    'Huyền',
    'Lan',
    'Liên',
    'Linh',
    'Loan',
    'Ly',
    'Mai',
    'Minh',
    'Nga',
    'Ngân',
    'Ngọc',
    'Nhung',
    'Oanh',
    'Phương',
    'Quỳnh',
    'Tâm',
    'Thảo',
    'Thơm',
    'Thu',
    'Thủy',
    'Thúy',
    'Trang',
    'Tuyết',
    'Vân',
    'Yến',
    'Hậu',
    'Nhàn',
    'Xuân',
  ],
};

const KINH: NamingStyle = { families: KINH_FAMILIES, middle: MIDDLE_COMMON, given: GIVEN_COMMON };

const TAY_NUNG: NamingStyle = {
  families: TAY_NUNG_FAMILIES,
  middle: { male: [['Văn', 60], ...MIDDLE_COMMON.male.slice(1)], female: [['Thị', 75], ...MIDDLE_COMMON.female.slice(1)] },
  given: GIVEN_COMMON,
};

const MONG: NamingStyle = {
  families: [
    ['Giàng', 22],
    ['Sùng', 18],
    ['Vàng', 15],
    ['Thào', 12],
    ['Lý', 10],
    ['Hầu', 8],
    ['Mua', 5],
    ['Lầu', 5],
    ['Ly', 3],
    ['Chảo', 2],
  ],
  middle: {
    male: [
      ['A', 28],
      ['Mí', 24],
      ['Seo', 20],
      ['Văn', 18],
      ['Chẩn', 5],
      ['Xuân', 5],
    ],
    female: [['Thị', 1]],
  },
  given: {
    male: ['Páo', 'Chứ', 'Dìn', 'Sính', 'Lử', 'Chá', 'Pó', 'Sèo', 'Súa', 'Dế', 'Tủa', 'Phử', 'Chính', 'Dũng', 'Minh', 'Vần', 'Nhà', 'Khai'],
    female: ['Mỷ', 'Dợ', 'Máy', 'Pà', 'Sía', 'Chở', 'Dí', 'Mai', 'Ly', 'Say', 'Súa', 'Lan', 'Dung', 'Chúa'],
  },
};

const DAO: NamingStyle = {
  families: [
    ['Bàn', 24],
    ['Triệu', 24],
    ['Đặng', 16],
    ['Lý', 12],
    ['Chảo', 6],
    ['Phùng', 6],
    ['Tẩn', 5],
    ['Hoàng', 4],
    ['Sầm', 3],
  ],
  middle: {
    male: [
      ['Văn', 55],
      ['Tiến', 15],
      ['Kim', 8],
      ['Phúc', 7],
      ['Quốc', 8],
      ['Sinh', 7],
    ],
    female: [
      ['Thị', 90],
      ['Kim', 10],
    ],
  },
  given: {
    male: ['Phin', 'Sình', 'Chòi', 'Quyết', 'Kiềm', 'Tằng', 'Phấu', 'Lìn', 'Chiêu', 'Quẩy', 'Hùng', 'Thành', 'Tài', 'Lâm', 'Toàn', 'Sơn'],
    female: ['Mây', 'Mùi', 'Nhất', 'Lìn', 'Sìu', 'Kiều', 'Xuân', 'Hương', 'Lan', 'Mai', 'Chài', 'Dung'],
  },
};

const SAN_CHAY: NamingStyle = {
  ...TAY_NUNG,
  families: [
    ['Hoàng', 20],
    ['Lâm', 15],
    ['Trần', 12],
    ['Lưu', 10],
    ['Nịnh', 8],
    ['Đặng', 8],
    ['Chu', 8],
    ['La', 7],
    ['Ninh', 6],
    ['Lý', 6],
  ],
};

const OTHER_MINORITY: NamingStyle = {
  ...TAY_NUNG,
  families: [
    ['Lò', 20],
    ['Vương', 15],
    ['Hoàng', 15],
    ['Sèn', 8],
    ['Lù', 8],
    ['Sình', 8],
    ['Lục', 8],
    ['Nông', 8],
    ['Ma', 10],
  ],
};

const HOA: NamingStyle = {
  ...KINH,
  families: [
    ['Lưu', 25],
    ['Trương', 20],
    ['Lý', 20],
    ['Hà', 15],
    ['Quan', 10],
    ['Tăng', 10],
  ],
};

const STYLE_BY_ETHNICITY: Record<string, NamingStyle> = {
  '01': KINH,
  '06': KINH,
  '18': KINH,
  '04': HOA,
  '02': TAY_NUNG,
  '07': TAY_NUNG,
  '08': MONG,
  '09': DAO,
  '15': SAN_CHAY,
};

/** A full name in NFC, e.g. "Giàng A Páo", "Ma Thị Hương", "Nguyễn Đức Minh". */
export function generateFullName(rng: Rng, ethnicityCode: string, gender: Gender): string {
  const style = STYLE_BY_ETHNICITY[ethnicityCode] ?? OTHER_MINORITY;
  const family = rng.weighted(style.families);
  const middle = rng.weighted(style.middle[gender]);
  const given = rng.pick(style.given[gender]);
  return `${family} ${middle} ${given}`.normalize('NFC');
}
