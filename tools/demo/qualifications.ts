/**
 * A person's qualifications (trình độ): education with field and institution, political theory,
 * state management, leadership programmes, defence and security, IT and foreign language. Levels
 * follow the post's profile, including its realistic gaps; dates follow the person's age.
 */
import type { IsoDate, PersonCategory, QualificationKind } from '@nang-tam/domain';
import { aboutYearsAfter, addDays, maxDate, minDate } from './days.js';
import type { Rng, Weighted } from './random.js';
import type { DefenceLevel, LeadershipLevel, PostProfile, StateManagementLevel, TheoryLevel } from './profiles.js';
import type { Sector } from './units.js';

export type EducationLevel = 'thpt' | 'trung_cap' | 'cao_dang' | 'dai_hoc' | 'thac_si' | 'tien_si';

export interface QualificationDraft {
  kind: QualificationKind;
  level: string;
  field: string | null;
  awardedOn: IsoDate;
  institution: string;
}

type DisciplineCode =
  | 'law'
  | 'economics'
  | 'accounting'
  | 'administration'
  | 'politics'
  | 'agriculture'
  | 'land'
  | 'teaching'
  | 'medicine'
  | 'it'
  | 'construction'
  | 'culture';

interface Discipline {
  bachelor: readonly string[];
  master: string;
  universities: readonly string[];
  colleges: readonly string[];
}

const TNU_COLLEGE = 'Trường Cao đẳng Kinh tế - Kỹ thuật, Đại học Thái Nguyên';
const TAN_TRAO = 'Trường Đại học Tân Trào';
const NAPA = 'Học viện Hành chính Quốc gia';
const HCMA = 'Học viện Chính trị quốc gia Hồ Chí Minh';
const HCMA_REGION_1 = 'Học viện Chính trị khu vực I';
const AJC = 'Học viện Báo chí và Tuyên truyền';

const DISCIPLINES: Record<DisciplineCode, Discipline> = {
  law: {
    bachelor: ['Luật', 'Luật kinh tế'],
    master: 'Luật kinh tế',
    universities: [
      'Trường Đại học Luật Hà Nội',
      'Trường Đại học Luật - Đại học Quốc gia Hà Nội',
      'Trường Đại học Khoa học - Đại học Thái Nguyên',
    ],
    colleges: [TNU_COLLEGE],
  },
  economics: {
    bachelor: ['Kinh tế', 'Quản trị kinh doanh', 'Kinh tế nông nghiệp'],
    master: 'Quản lý kinh tế',
    universities: [
      'Trường Đại học Kinh tế Quốc dân',
      'Trường Đại học Kinh tế và Quản trị Kinh doanh - Đại học Thái Nguyên',
      'Học viện Tài chính',
    ],
    colleges: [TNU_COLLEGE],
  },
  accounting: {
    bachelor: ['Kế toán', 'Tài chính - Ngân hàng'],
    master: 'Kế toán',
    universities: [
      'Học viện Tài chính',
      'Trường Đại học Kinh tế và Quản trị Kinh doanh - Đại học Thái Nguyên',
      'Trường Đại học Thương mại',
    ],
    colleges: [TNU_COLLEGE, TAN_TRAO],
  },
  administration: {
    bachelor: ['Quản lý nhà nước', 'Hành chính học'],
    master: 'Quản lý công',
    universities: [NAPA, HCMA, 'Trường Đại học Nội vụ Hà Nội'],
    colleges: ['Trường Đại học Nội vụ Hà Nội'],
  },
  politics: {
    bachelor: ['Xây dựng Đảng và chính quyền nhà nước', 'Chính trị học'],
    master: 'Chính trị học',
    universities: [HCMA, HCMA_REGION_1, AJC],
    colleges: [TAN_TRAO],
  },
  agriculture: {
    bachelor: ['Nông học', 'Lâm sinh', 'Chăn nuôi thú y', 'Khuyến nông'],
    master: 'Khoa học cây trồng',
    universities: ['Trường Đại học Nông Lâm - Đại học Thái Nguyên', 'Học viện Nông nghiệp Việt Nam', 'Trường Đại học Lâm nghiệp'],
    colleges: ['Trường Cao đẳng Nông Lâm Đông Bắc', TAN_TRAO],
  },
  land: {
    bachelor: ['Quản lý đất đai', 'Khoa học môi trường'],
    master: 'Quản lý đất đai',
    universities: [
      'Trường Đại học Nông Lâm - Đại học Thái Nguyên',
      'Trường Đại học Tài nguyên và Môi trường Hà Nội',
      'Học viện Nông nghiệp Việt Nam',
    ],
    colleges: ['Trường Cao đẳng Nông Lâm Đông Bắc'],
  },
  teaching: {
    bachelor: ['Sư phạm Toán học', 'Sư phạm Ngữ văn', 'Sư phạm Tiếng Anh', 'Sư phạm Lịch sử', 'Giáo dục Tiểu học', 'Giáo dục Mầm non'],
    master: 'Lý luận và phương pháp dạy học',
    universities: [
      'Trường Đại học Sư phạm - Đại học Thái Nguyên',
      'Trường Đại học Sư phạm Hà Nội',
      TAN_TRAO,
      'Trường Đại học Sư phạm Hà Nội 2',
    ],
    colleges: ['Trường Cao đẳng Sư phạm Hà Giang', TAN_TRAO],
  },
  medicine: {
    bachelor: ['Y khoa', 'Y học dự phòng', 'Dược học', 'Điều dưỡng', 'Y học cổ truyền'],
    master: 'Y tế công cộng',
    universities: ['Trường Đại học Y - Dược, Đại học Thái Nguyên', 'Trường Đại học Y Hà Nội', 'Trường Đại học Y Dược Hải Phòng'],
    colleges: ['Trường Cao đẳng Y tế Phú Thọ', 'Trường Cao đẳng Y tế Thái Nguyên'],
  },
  it: {
    bachelor: ['Công nghệ thông tin', 'Khoa học máy tính'],
    master: 'Hệ thống thông tin',
    universities: [
      'Trường Đại học Công nghệ Thông tin và Truyền thông - Đại học Thái Nguyên',
      'Trường Đại học Bách khoa Hà Nội',
      'Học viện Công nghệ Bưu chính Viễn thông',
    ],
    colleges: [TNU_COLLEGE],
  },
  construction: {
    bachelor: ['Kỹ thuật xây dựng', 'Kỹ thuật xây dựng công trình giao thông', 'Kiến trúc'],
    master: 'Quản lý xây dựng',
    universities: [
      'Trường Đại học Xây dựng Hà Nội',
      'Trường Đại học Giao thông vận tải',
      'Trường Đại học Kỹ thuật Công nghiệp - Đại học Thái Nguyên',
    ],
    colleges: [TNU_COLLEGE],
  },
  culture: {
    bachelor: ['Quản lý văn hóa', 'Văn hóa học', 'Báo chí'],
    master: 'Quản lý văn hóa',
    universities: ['Trường Đại học Văn hóa Hà Nội', AJC, 'Trường Đại học Khoa học Xã hội và Nhân văn - Đại học Quốc gia Hà Nội'],
    colleges: [TAN_TRAO],
  },
};

const SECTOR_DISCIPLINES: Record<Sector, readonly Weighted<DisciplineCode>[]> = {
  none: [['administration', 1]],
  commune: [
    ['administration', 25],
    ['law', 12],
    ['economics', 12],
    ['accounting', 10],
    ['land', 14],
    ['agriculture', 12],
    ['politics', 8],
    ['culture', 4],
    ['it', 3],
  ],
  home_affairs: [
    ['administration', 40],
    ['law', 25],
    ['politics', 15],
    ['economics', 15],
    ['it', 5],
  ],
  finance: [
    ['economics', 40],
    ['accounting', 40],
    ['administration', 20],
  ],
  education: [
    ['teaching', 88],
    ['administration', 7],
    ['accounting', 5],
  ],
  health: [
    ['medicine', 92],
    ['accounting', 4],
    ['administration', 4],
  ],
  agriculture: [
    ['agriculture', 45],
    ['land', 35],
    ['economics', 10],
    ['administration', 10],
  ],
  construction: [
    ['construction', 70],
    ['economics', 15],
    ['land', 15],
  ],
  economy: [
    ['economics', 60],
    ['accounting', 15],
    ['law', 10],
    ['construction', 15],
  ],
  technology: [
    ['it', 65],
    ['administration', 20],
    ['economics', 15],
  ],
  culture: [
    ['culture', 65],
    ['administration', 15],
    ['economics', 10],
    ['teaching', 10],
  ],
  justice: [
    ['law', 85],
    ['administration', 15],
  ],
  party: [
    ['politics', 45],
    ['administration', 25],
    ['law', 15],
    ['economics', 15],
  ],
  government: [
    ['administration', 35],
    ['law', 20],
    ['economics', 25],
    ['politics', 10],
    ['it', 10],
  ],
  school: [
    ['politics', 55],
    ['law', 15],
    ['economics', 15],
    ['administration', 15],
  ],
};

type EducationMix = readonly Weighted<EducationLevel>[];

const EDUCATION_OF_STAFF: Record<PersonCategory, EducationMix> = {
  can_bo: [
    ['trung_cap', 12],
    ['cao_dang', 10],
    ['dai_hoc', 70],
    ['thac_si', 8],
  ],
  cong_chuc: [
    ['trung_cap', 3],
    ['cao_dang', 5],
    ['dai_hoc', 77],
    ['thac_si', 14],
    ['tien_si', 1],
  ],
  vien_chuc: [
    ['cao_dang', 10],
    ['dai_hoc', 80],
    ['thac_si', 10],
  ],
  khong_chuyen_trach: [
    ['thpt', 30],
    ['trung_cap', 40],
    ['cao_dang', 15],
    ['dai_hoc', 15],
  ],
  quan_chung: [
    ['trung_cap', 20],
    ['cao_dang', 20],
    ['dai_hoc', 60],
  ],
};

const EDUCATION_OF_PUBLIC_EMPLOYEES: Partial<Record<Sector, EducationMix>> = {
  health: [
    ['trung_cap', 15],
    ['cao_dang', 25],
    ['dai_hoc', 50],
    ['thac_si', 9],
    ['tien_si', 1],
  ],
  education: [
    ['cao_dang', 5],
    ['dai_hoc', 80],
    ['thac_si', 15],
  ],
  school: [
    ['dai_hoc', 25],
    ['thac_si', 65],
    ['tien_si', 10],
  ],
};

/** Highest education level: from the title's postgraduate share, or the staff mix of the category. */
export function drawEducationLevel(rng: Rng, category: PersonCategory, sector: Sector, postgraduateShare: number | null): EducationLevel {
  if (postgraduateShare !== null) {
    if (!rng.chance(postgraduateShare)) return 'dai_hoc';
    return rng.chance(0.15) ? 'tien_si' : 'thac_si';
  }
  const mix = (category === 'vien_chuc' ? EDUCATION_OF_PUBLIC_EMPLOYEES[sector] : undefined) ?? EDUCATION_OF_STAFF[category];
  return rng.weighted(mix);
}

const IT_MIX: readonly Weighted<'co_ban' | 'nang_cao' | null>[] = [
  ['co_ban', 55],
  ['nang_cao', 12],
  [null, 33],
];
const IT_MIX_PART_TIME: readonly Weighted<'co_ban' | null>[] = [
  ['co_ban', 25],
  [null, 75],
];
const LANGUAGE_MIX: readonly Weighted<string | null>[] = [
  ['bac_2', 35],
  ['bac_3', 22],
  ['bac_4', 6],
  ['bac_5', 1],
  [null, 36],
];
const LANGUAGE_MIX_PART_TIME: readonly Weighted<string | null>[] = [
  ['bac_1', 10],
  ['bac_2', 10],
  [null, 80],
];
const LANGUAGES: readonly Weighted<string>[] = [
  ['Tiếng Anh', 85],
  ['Tiếng Trung Quốc', 12],
  ['Tiếng Pháp', 3],
];
const LANGUAGE_SCHOOLS = [
  'Trường Đại học Ngoại ngữ - Đại học Quốc gia Hà Nội',
  'Trường Ngoại ngữ - Đại học Thái Nguyên',
  'Trường Đại học Sư phạm Hà Nội',
  TAN_TRAO,
];
const IT_SCHOOLS = ['Trường Đại học Công nghệ Thông tin và Truyền thông - Đại học Thái Nguyên', TAN_TRAO];

/** Where a person studied before the 2025 merger: their home province's school and districts. */
export interface HomeInstitutions {
  school: string;
  districts: readonly string[];
}

export interface QualificationInput {
  birthDate: IsoDate;
  today: IsoDate;
  category: PersonCategory;
  sector: Sector;
  education: EducationLevel;
  profile: Pick<PostProfile, 'theory' | 'stateManagement' | 'leadership' | 'defence'>;
  home: HomeInstitutions;
}

/**
 * A date when the person was aged between minAge and maxAge, not before `notBefore`, and at least a
 * month before today. Someone younger than minAge earned it in the last two years.
 */
function awardDate(rng: Rng, input: QualificationInput, ages: readonly [number, number], notBefore?: IsoDate): IsoDate {
  const latest = addDays(input.today, -30);
  const upper = minDate(aboutYearsAfter(input.birthDate, ages[1] + 1), latest);
  let lower = maxDate(minDate(aboutYearsAfter(input.birthDate, ages[0]), addDays(latest, -730)), aboutYearsAfter(input.birthDate, 18));
  if (notBefore) lower = maxDate(lower, minDate(notBefore, upper));
  return rng.date(lower, upper);
}

/** The earliest date for the next level of a chain: a year after the previous one. */
const yearAfter = (q: QualificationDraft | undefined): IsoDate | undefined => (q ? addDays(q.awardedOn, 365) : undefined);

/** IT and language certificates follow the 2014 frameworks (Thông tư 03/2014/TT-BTTTT, 01/2014/TT-BGDĐT). */
const CERTIFICATE_FRAMEWORKS_FROM: IsoDate = '2014-03-10';

const SO_CAP_AGE = [23, 32] as const;
const TRUNG_CAP_AGE = [27, 42] as const;
const CAO_CAP_AGE = [34, 50] as const;

function educationRows(rng: Rng, input: QualificationInput): QualificationDraft[] {
  const discipline = DISCIPLINES[rng.weighted(SECTOR_DISCIPLINES[input.sector])];
  const level = input.education;
  if (level === 'thpt') {
    const district = input.home.districts.length > 0 ? rng.pick(input.home.districts) : 'Tân Trào';
    return [{ kind: 'education', level, field: null, awardedOn: awardDate(rng, input, [18, 18]), institution: `Trường THPT ${district}` }];
  }
  if (level === 'trung_cap' || level === 'cao_dang') {
    return [
      {
        kind: 'education',
        level,
        field: rng.pick(discipline.bachelor),
        awardedOn: awardDate(rng, input, [20, 24]),
        institution: rng.pick(discipline.colleges),
      },
    ];
  }
  const bachelor: QualificationDraft = {
    kind: 'education',
    level: 'dai_hoc',
    field: rng.pick(discipline.bachelor),
    awardedOn: awardDate(rng, input, [22, 23]),
    institution: rng.pick(discipline.universities),
  };
  if (level === 'dai_hoc') return [bachelor];
  const master: QualificationDraft = {
    kind: 'education',
    level: 'thac_si',
    field: discipline.master,
    awardedOn: awardDate(rng, input, [27, 40], yearAfter(bachelor)),
    institution: rng.pick(discipline.universities),
  };
  if (level === 'thac_si') return [bachelor, master];
  return [
    bachelor,
    master,
    {
      kind: 'education',
      level: 'tien_si',
      field: discipline.master,
      awardedOn: awardDate(rng, input, [33, 48], yearAfter(master)),
      institution: rng.pick(discipline.universities),
    },
  ];
}

function theoryRows(rng: Rng, input: QualificationInput, level: TheoryLevel | null): QualificationDraft[] {
  const home = input.home;
  const soCap = (): QualificationDraft => ({
    kind: 'political_theory',
    level: 'so_cap',
    field: null,
    awardedOn: awardDate(rng, input, SO_CAP_AGE),
    institution: home.districts.length > 0 ? `Trung tâm Chính trị huyện ${rng.pick(home.districts)}` : home.school,
  });
  const trungCap = (previous?: QualificationDraft): QualificationDraft => ({
    kind: 'political_theory',
    level: 'trung_cap',
    field: null,
    awardedOn: awardDate(rng, input, TRUNG_CAP_AGE, yearAfter(previous)),
    institution: home.school,
  });
  switch (level) {
    case null:
      return [];
    case 'so_cap':
      return [soCap()];
    case 'trung_cap': {
      if (!rng.chance(0.4)) return [trungCap()];
      const first = soCap();
      return [first, trungCap(first)];
    }
    case 'cao_cap': {
      const lower = rng.chance(0.5) ? [trungCap()] : [];
      const institution = rng.weighted<string>([
        [HCMA_REGION_1, 60],
        [HCMA, 40],
      ]);
      return [
        ...lower,
        { kind: 'political_theory', level, field: null, awardedOn: awardDate(rng, input, CAO_CAP_AGE, yearAfter(lower[0])), institution },
      ];
    }
    case 'cu_nhan':
      return [
        {
          kind: 'political_theory',
          level,
          field: rng.pick(DISCIPLINES.politics.bachelor),
          awardedOn: awardDate(rng, input, [24, 36]),
          institution: rng.weighted<string>([
            [HCMA, 50],
            [HCMA_REGION_1, 30],
            [AJC, 20],
          ]),
        },
      ];
  }
}

const STATE_MANAGEMENT_SCHOOLS: Record<StateManagementLevel, (home: HomeInstitutions) => readonly Weighted<string>[]> = {
  chuyen_vien: (home) => [
    [home.school, 70],
    [NAPA, 30],
  ],
  chuyen_vien_chinh: (home) => [
    [NAPA, 60],
    [HCMA_REGION_1, 20],
    [home.school, 20],
  ],
  chuyen_vien_cao_cap: () => [
    [NAPA, 70],
    [HCMA, 30],
  ],
};
const STATE_MANAGEMENT_AGE: Record<StateManagementLevel, readonly [number, number]> = {
  chuyen_vien: [24, 35],
  chuyen_vien_chinh: [32, 45],
  chuyen_vien_cao_cap: [40, 52],
};

function stateManagementRows(rng: Rng, input: QualificationInput, level: StateManagementLevel | null): QualificationDraft[] {
  if (!level) return [];
  const row = (l: StateManagementLevel, previous?: QualificationDraft): QualificationDraft => ({
    kind: 'state_management',
    level: l,
    field: null,
    awardedOn: awardDate(rng, input, STATE_MANAGEMENT_AGE[l], yearAfter(previous)),
    institution: rng.weighted(STATE_MANAGEMENT_SCHOOLS[l](input.home)),
  });
  if (level !== 'chuyen_vien' && rng.chance(0.5)) {
    const first = row('chuyen_vien');
    return [first, row(level, first)];
  }
  return [row(level)];
}

function leadershipRow(rng: Rng, input: QualificationInput, level: LeadershipLevel | null): QualificationDraft[] {
  if (!level) return [];
  const institution =
    level === 'cap_so'
      ? rng.pick([HCMA_REGION_1, NAPA])
      : rng.weighted<string>([
          [input.home.school, 80],
          [NAPA, 20],
        ]);
  return [
    { kind: 'leadership', level, field: null, awardedOn: awardDate(rng, input, level === 'cap_so' ? [40, 55] : [30, 50]), institution },
  ];
}

const DEFENCE_SCHOOLS: Record<DefenceLevel, (home: HomeInstitutions, rng: Rng) => string> = {
  doi_tuong_2: () => 'Trường Quân sự Quân khu 2',
  doi_tuong_3: () => 'Trường Quân sự Bộ Chỉ huy Quân sự tỉnh',
  doi_tuong_4: (home, rng) =>
    home.districts.length > 0 ? `Ban Chỉ huy Quân sự huyện ${rng.pick(home.districts)}` : 'Bộ Chỉ huy Quân sự tỉnh',
};

function defenceRow(rng: Rng, input: QualificationInput, level: DefenceLevel | null): QualificationDraft[] {
  if (!level) return [];
  return [
    {
      kind: 'defence_security',
      level,
      field: null,
      awardedOn: awardDate(rng, input, [28, 50]),
      institution: DEFENCE_SCHOOLS[level](input.home, rng),
    },
  ];
}

function itAndLanguageRows(rng: Rng, input: QualificationInput): QualificationDraft[] {
  const partTime = input.category === 'khong_chuyen_trach';
  const out: QualificationDraft[] = [];
  const it = rng.weighted<string | null>(partTime ? IT_MIX_PART_TIME : IT_MIX);
  if (it)
    out.push({
      kind: 'it',
      level: it,
      field: null,
      awardedOn: awardDate(rng, input, [22, 45], CERTIFICATE_FRAMEWORKS_FROM),
      institution: rng.pick(IT_SCHOOLS),
    });
  const language = rng.weighted(partTime ? LANGUAGE_MIX_PART_TIME : LANGUAGE_MIX);
  if (language) {
    out.push({
      kind: 'foreign_language',
      level: language,
      field: rng.weighted(LANGUAGES),
      awardedOn: awardDate(rng, input, [22, 45], CERTIFICATE_FRAMEWORKS_FROM),
      institution: rng.pick(LANGUAGE_SCHOOLS),
    });
  }
  return out;
}

export function generateQualifications(rng: Rng, input: QualificationInput): QualificationDraft[] {
  const { profile } = input;
  return [
    ...educationRows(rng, input),
    ...theoryRows(rng, input, rng.weighted(profile.theory)),
    ...stateManagementRows(rng, input, rng.weighted(profile.stateManagement)),
    ...leadershipRow(rng, input, rng.weighted(profile.leadership)),
    ...defenceRow(rng, input, rng.weighted(profile.defence)),
    ...itAndLanguageRows(rng, input),
  ];
}
