/**
 * How a post shapes the person who holds it: category, age, gender mix, management scope, party
 * membership, rank, job position and the qualifications usually held (with realistic gaps). For a
 * title (chức danh) also the title held before promotion and the titles one is planned for. Codes are
 * those of the reference tables (migration 002).
 */
import type { PersonCategory } from '@nang-tam/domain';
import type { Rng, Weighted } from './random.js';
import type { Sector, UnitSpec } from './units.js';

export type TitleCode =
  | 'BT_TU'
  | 'PBT_TU'
  | 'UV_BTV_TU'
  | 'CT_UBND_T'
  | 'PCT_UBND_T'
  | 'CT_HDND_T'
  | 'TB_TU'
  | 'PTB_TU'
  | 'GD_SO'
  | 'PGD_SO'
  | 'TP_T'
  | 'PTP_T'
  | 'HT_TCT'
  | 'PHT_TCT'
  | 'TK_TCT'
  | 'BT_X'
  | 'PBT_X'
  | 'DUV_X'
  | 'CT_HDND_X'
  | 'CT_UBND_X'
  | 'PCT_UBND_X'
  | 'CT_MTTQ_X'
  | 'TP_X'
  | 'PTP_X'
  | 'BT_CB';

export type ScopeCode = 'BTV_TU' | 'UBND_T' | 'CQDV';
export type TheoryLevel = 'so_cap' | 'trung_cap' | 'cao_cap' | 'cu_nhan';
export type StateManagementLevel = 'chuyen_vien' | 'chuyen_vien_chinh' | 'chuyen_vien_cao_cap';
export type LeadershipLevel = 'cap_phong' | 'cap_so';
export type DefenceLevel = 'doi_tuong_2' | 'doi_tuong_3' | 'doi_tuong_4';

/** What a post asks of its holder, whether titled or not. */
export interface PostProfile {
  category: PersonCategory | null; // null: decided by the unit
  scope: ScopeCode;
  age: readonly [min: number, max: number];
  femaleShare: number;
  /** Share holding a master's or doctorate; null: the category's usual education mix. */
  postgraduate: number | null;
  partyShare: number;
  theory: readonly Weighted<TheoryLevel | null>[];
  stateManagement: readonly Weighted<StateManagementLevel | null>[];
  leadership: readonly Weighted<LeadershipLevel | null>[];
  defence: readonly Weighted<DefenceLevel | null>[];
}

export interface TitleProfile extends PostProfile {
  postgraduate: number;
  /** Leadership seats are filled tier by tier when there are fewer people than seats. */
  tier: 1 | 2 | 3;
  /** Held before being appointed or elected to this title. */
  lower: TitleCode | null;
  /** Planned for (quy hoạch). */
  higher: readonly TitleCode[];
  /** Elected at party congresses (2020, 2025) or by the people's council (2021, 2026). */
  elected: 'party' | 'council' | null;
}

const T_TOP: readonly Weighted<TheoryLevel | null>[] = [
  ['cao_cap', 70],
  ['cu_nhan', 30],
];
const T_HEAD: readonly Weighted<TheoryLevel | null>[] = [
  ['cao_cap', 85],
  ['cu_nhan', 12],
  ['trung_cap', 3],
];
const T_DEPUTY: readonly Weighted<TheoryLevel | null>[] = [
  ['cao_cap', 80],
  ['trung_cap', 15],
  ['cu_nhan', 5],
];
// A provincial head of division needs cao cấp: about a fifth still lack it (a gap to find).
const T_DIVISION_HEAD: readonly Weighted<TheoryLevel | null>[] = [
  ['cao_cap', 76],
  ['trung_cap', 22],
  ['cu_nhan', 2],
];
const T_DIVISION_DEPUTY: readonly Weighted<TheoryLevel | null>[] = [
  ['cao_cap', 35],
  ['trung_cap', 55],
  ['so_cap', 10],
];
/** Commune leaders need trung cấp; `gap` percent hold only sơ cấp or nothing. */
const communeTheory = (caoCap: number, gap: number): readonly Weighted<TheoryLevel | null>[] => [
  ['cao_cap', caoCap],
  ['trung_cap', 100 - caoCap - gap],
  ['so_cap', gap * 0.7],
  [null, gap * 0.3],
];

const SM_TOP: readonly Weighted<StateManagementLevel | null>[] = [
  ['chuyen_vien_cao_cap', 75],
  ['chuyen_vien_chinh', 25],
];
const SM_HEAD: readonly Weighted<StateManagementLevel | null>[] = [
  ['chuyen_vien_cao_cap', 35],
  ['chuyen_vien_chinh', 60],
  ['chuyen_vien', 5],
];
const SM_MIDDLE: readonly Weighted<StateManagementLevel | null>[] = [
  ['chuyen_vien_chinh', 55],
  ['chuyen_vien', 40],
  [null, 5],
];
const SM_COMMUNE: readonly Weighted<StateManagementLevel | null>[] = [
  ['chuyen_vien_chinh', 15],
  ['chuyen_vien', 65],
  [null, 20],
];

const L_SO: readonly Weighted<LeadershipLevel | null>[] = [
  ['cap_so', 65],
  ['cap_phong', 20],
  [null, 15],
];
const L_PHONG: readonly Weighted<LeadershipLevel | null>[] = [
  ['cap_phong', 55],
  [null, 45],
];
const L_NONE: readonly Weighted<LeadershipLevel | null>[] = [[null, 1]];

const D_PROVINCE: readonly Weighted<DefenceLevel | null>[] = [
  ['doi_tuong_2', 80],
  ['doi_tuong_3', 15],
  [null, 5],
];
const D_MIDDLE: readonly Weighted<DefenceLevel | null>[] = [
  ['doi_tuong_3', 65],
  ['doi_tuong_4', 15],
  [null, 20],
];

type ProfileInput = Omit<TitleProfile, 'stateManagement' | 'leadership' | 'defence' | 'category' | 'partyShare'> &
  Partial<Pick<TitleProfile, 'stateManagement' | 'leadership' | 'defence' | 'category' | 'partyShare'>>;

const profile = (p: ProfileInput): TitleProfile => ({
  category: null,
  partyShare: 1,
  stateManagement: SM_MIDDLE,
  leadership: L_PHONG,
  defence: D_MIDDLE,
  ...p,
});

const PROVINCE_LEADER = {
  scope: 'BTV_TU',
  category: 'can_bo',
  theory: T_TOP,
  stateManagement: SM_TOP,
  leadership: L_SO,
  defence: D_PROVINCE,
} as const;
const PROVINCE_HEAD = { scope: 'BTV_TU', theory: T_HEAD, stateManagement: SM_HEAD, leadership: L_SO, defence: D_PROVINCE } as const;
const PROVINCE_DEPUTY = { scope: 'BTV_TU', theory: T_DEPUTY, stateManagement: SM_HEAD, leadership: L_SO, defence: D_MIDDLE } as const;
const COMMUNE_CADRE = { category: 'can_bo', stateManagement: SM_COMMUNE, leadership: L_PHONG, defence: D_MIDDLE } as const;

export const TITLE_PROFILES: Record<TitleCode, TitleProfile> = {
  BT_TU: profile({
    ...PROVINCE_LEADER,
    tier: 1,
    age: [50, 60],
    femaleShare: 0.1,
    postgraduate: 0.85,
    lower: 'PBT_TU',
    higher: [],
    elected: 'party',
  }),
  PBT_TU: profile({
    ...PROVINCE_LEADER,
    tier: 2,
    age: [46, 60],
    femaleShare: 0.2,
    postgraduate: 0.8,
    lower: 'UV_BTV_TU',
    higher: ['BT_TU'],
    elected: 'party',
  }),
  UV_BTV_TU: profile({
    ...PROVINCE_LEADER,
    tier: 2,
    age: [44, 59],
    femaleShare: 0.2,
    postgraduate: 0.75,
    lower: 'GD_SO',
    higher: ['PBT_TU'],
    elected: 'party',
  }),
  CT_UBND_T: profile({
    ...PROVINCE_LEADER,
    tier: 1,
    age: [47, 60],
    femaleShare: 0.1,
    postgraduate: 0.85,
    lower: 'PCT_UBND_T',
    higher: ['BT_TU'],
    elected: 'council',
  }),
  PCT_UBND_T: profile({
    ...PROVINCE_LEADER,
    tier: 2,
    age: [43, 59],
    femaleShare: 0.2,
    postgraduate: 0.75,
    lower: 'GD_SO',
    higher: ['CT_UBND_T', 'PBT_TU'],
    elected: 'council',
  }),
  CT_HDND_T: profile({
    ...PROVINCE_LEADER,
    tier: 1,
    age: [48, 60],
    femaleShare: 0.25,
    postgraduate: 0.7,
    lower: 'UV_BTV_TU',
    higher: ['PBT_TU'],
    elected: 'council',
  }),
  TB_TU: profile({
    ...PROVINCE_HEAD,
    category: 'can_bo',
    tier: 1,
    age: [43, 59],
    femaleShare: 0.2,
    postgraduate: 0.7,
    lower: 'PTB_TU',
    higher: ['UV_BTV_TU'],
    elected: null,
  }),
  PTB_TU: profile({
    ...PROVINCE_DEPUTY,
    category: 'can_bo',
    tier: 2,
    age: [38, 58],
    femaleShare: 0.3,
    postgraduate: 0.6,
    lower: 'TP_T',
    higher: ['TB_TU'],
    elected: null,
  }),
  GD_SO: profile({
    ...PROVINCE_HEAD,
    tier: 1,
    age: [42, 59],
    femaleShare: 0.2,
    postgraduate: 0.7,
    lower: 'PGD_SO',
    higher: ['UV_BTV_TU', 'PCT_UBND_T'],
    elected: null,
  }),
  PGD_SO: profile({
    ...PROVINCE_DEPUTY,
    tier: 2,
    age: [38, 58],
    femaleShare: 0.3,
    postgraduate: 0.6,
    lower: 'TP_T',
    higher: ['GD_SO'],
    elected: null,
  }),
  TP_T: profile({
    scope: 'CQDV',
    tier: 2,
    age: [33, 57],
    femaleShare: 0.35,
    postgraduate: 0.35,
    theory: T_DIVISION_HEAD,
    lower: 'PTP_T',
    higher: ['PGD_SO', 'PTB_TU'],
    elected: null,
  }),
  PTP_T: profile({
    scope: 'CQDV',
    partyShare: 0.95,
    tier: 3,
    age: [30, 55],
    femaleShare: 0.4,
    postgraduate: 0.25,
    theory: T_DIVISION_DEPUTY,
    lower: null,
    higher: ['TP_T'],
    elected: null,
  }),
  HT_TCT: profile({
    ...PROVINCE_HEAD,
    tier: 1,
    age: [45, 59],
    femaleShare: 0.25,
    postgraduate: 0.95,
    lower: 'PHT_TCT',
    higher: ['GD_SO'],
    elected: null,
  }),
  PHT_TCT: profile({
    ...PROVINCE_DEPUTY,
    tier: 2,
    age: [40, 58],
    femaleShare: 0.35,
    postgraduate: 0.9,
    lower: 'TK_TCT',
    higher: ['HT_TCT'],
    elected: null,
  }),
  TK_TCT: profile({
    scope: 'CQDV',
    tier: 2,
    age: [35, 58],
    femaleShare: 0.45,
    postgraduate: 0.8,
    theory: [
      ['cao_cap', 60],
      ['cu_nhan', 40],
    ],
    lower: null,
    higher: ['PHT_TCT'],
    elected: null,
  }),
  BT_X: profile({
    ...COMMUNE_CADRE,
    scope: 'BTV_TU',
    tier: 1,
    age: [38, 58],
    femaleShare: 0.12,
    postgraduate: 0.6,
    theory: communeTheory(75, 5),
    lower: 'PBT_X',
    higher: ['PTB_TU', 'PGD_SO'],
    elected: 'party',
  }),
  PBT_X: profile({
    ...COMMUNE_CADRE,
    scope: 'BTV_TU',
    tier: 2,
    age: [35, 57],
    femaleShare: 0.2,
    postgraduate: 0.55,
    theory: communeTheory(60, 8),
    lower: 'DUV_X',
    higher: ['BT_X'],
    elected: 'party',
  }),
  CT_UBND_X: profile({
    ...COMMUNE_CADRE,
    scope: 'BTV_TU',
    tier: 1,
    age: [36, 58],
    femaleShare: 0.12,
    postgraduate: 0.55,
    theory: communeTheory(30, 8),
    lower: 'PCT_UBND_X',
    higher: ['BT_X', 'PBT_X'],
    elected: 'council',
  }),
  CT_HDND_X: profile({
    ...COMMUNE_CADRE,
    scope: 'BTV_TU',
    tier: 1,
    age: [38, 58],
    femaleShare: 0.2,
    postgraduate: 0.5,
    theory: communeTheory(55, 8),
    lower: 'PBT_X',
    higher: ['BT_X'],
    elected: 'council',
  }),
  PCT_UBND_X: profile({
    ...COMMUNE_CADRE,
    scope: 'CQDV',
    tier: 2,
    age: [32, 57],
    femaleShare: 0.25,
    postgraduate: 0.25,
    theory: communeTheory(15, 15),
    lower: 'TP_X',
    higher: ['CT_UBND_X'],
    elected: 'council',
  }),
  CT_MTTQ_X: profile({
    ...COMMUNE_CADRE,
    scope: 'CQDV',
    tier: 1,
    age: [35, 58],
    femaleShare: 0.3,
    postgraduate: 0.15,
    theory: communeTheory(15, 15),
    lower: 'DUV_X',
    higher: ['PBT_X', 'CT_HDND_X'],
    elected: 'party',
  }),
  DUV_X: profile({
    ...COMMUNE_CADRE,
    scope: 'CQDV',
    tier: 3,
    age: [30, 57],
    femaleShare: 0.3,
    postgraduate: 0.15,
    theory: communeTheory(15, 20),
    lower: null,
    higher: ['PBT_X', 'CT_MTTQ_X'],
    elected: 'party',
  }),
  TP_X: profile({
    ...COMMUNE_CADRE,
    category: 'cong_chuc',
    scope: 'CQDV',
    tier: 2,
    age: [30, 56],
    femaleShare: 0.35,
    postgraduate: 0.15,
    theory: communeTheory(15, 25),
    lower: 'PTP_X',
    higher: ['PCT_UBND_X'],
    elected: null,
  }),
  PTP_X: profile({
    ...COMMUNE_CADRE,
    category: 'cong_chuc',
    scope: 'CQDV',
    partyShare: 0.95,
    tier: 3,
    age: [28, 55],
    femaleShare: 0.4,
    postgraduate: 0.1,
    theory: communeTheory(5, 55),
    lower: null,
    higher: ['TP_X'],
    elected: null,
  }),
  BT_CB: profile({
    category: 'khong_chuyen_trach',
    scope: 'CQDV',
    tier: 3,
    age: [30, 60],
    femaleShare: 0.2,
    postgraduate: 0,
    theory: [
      ['so_cap', 80],
      ['trung_cap', 10],
      [null, 10],
    ],
    stateManagement: [[null, 1]],
    leadership: L_NONE,
    defence: [
      ['doi_tuong_4', 40],
      [null, 60],
    ],
    lower: null,
    higher: ['DUV_X'],
    elected: 'party',
  }),
};

/** The commune leaders whose political theory the gap reports look at first (trung cấp required). */
export const COMMUNE_KEY_LEADERS: readonly TitleCode[] = ['BT_X', 'PBT_X', 'CT_UBND_X', 'PCT_UBND_X', 'CT_HDND_X', 'CT_MTTQ_X'];

/** The category of a titled person, where the title does not fix it: by the unit they lead. */
export function titledCategory(unit: UnitSpec): PersonCategory {
  if (unit.kind === 'commune') return 'can_bo';
  return isPublicService(unit) ? 'vien_chuc' : 'cong_chuc';
}

function isPublicService(unit: UnitSpec): boolean {
  return unit.kind === 'public_service' || unit.sector === 'school';
}

/** Categories of a unit's staff (everyone but its leaders). */
export function staffCategories(unit: UnitSpec): readonly Weighted<PersonCategory>[] {
  if (unit.kind === 'commune') {
    return [
      ['cong_chuc', 45],
      ['khong_chuyen_trach', 37],
      ['can_bo', 12],
      ['quan_chung', 6],
    ];
  }
  return isPublicService(unit)
    ? [
        ['vien_chuc', 96],
        ['quan_chung', 4],
      ]
    : [
        ['cong_chuc', 96],
        ['quan_chung', 4],
      ];
}

const STAFF_FEMALE_SHARE: Partial<Record<Sector, number>> = {
  education: 0.72,
  health: 0.68,
  school: 0.5,
  culture: 0.5,
  finance: 0.55,
  commune: 0.4,
};

/** Female share of a post: staff by sector; leaders by title, more women in education and health. */
export function femaleShare(profile: PostProfile, sector: Sector, titled: boolean): number {
  if (!titled) return STAFF_FEMALE_SHARE[sector] ?? 0.45;
  return profile.femaleShare + (sector === 'education' || sector === 'health' ? 0.2 : 0);
}

type StaffQualities = Pick<PostProfile, 'theory' | 'stateManagement' | 'defence' | 'partyShare'>;

const STAFF_DEFENCE: readonly Weighted<DefenceLevel | null>[] = [
  ['doi_tuong_4', 35],
  [null, 65],
];

const STAFF_BY_CATEGORY: Record<PersonCategory, StaffQualities> = {
  can_bo: {
    theory: [
      ['so_cap', 30],
      ['trung_cap', 50],
      [null, 20],
    ],
    stateManagement: [
      ['chuyen_vien', 45],
      [null, 55],
    ],
    defence: STAFF_DEFENCE,
    partyShare: 0.92,
  },
  cong_chuc: {
    theory: [
      ['so_cap', 35],
      ['trung_cap', 25],
      ['cao_cap', 3],
      [null, 37],
    ],
    stateManagement: [
      ['chuyen_vien', 65],
      ['chuyen_vien_chinh', 10],
      [null, 25],
    ],
    defence: STAFF_DEFENCE,
    partyShare: 0.72,
  },
  vien_chuc: {
    theory: [
      ['so_cap', 25],
      ['trung_cap', 10],
      ['cao_cap', 2],
      [null, 63],
    ],
    stateManagement: [
      ['chuyen_vien', 15],
      [null, 85],
    ],
    defence: STAFF_DEFENCE,
    partyShare: 0.5,
  },
  khong_chuyen_trach: {
    theory: [
      ['so_cap', 45],
      ['trung_cap', 5],
      [null, 50],
    ],
    stateManagement: [
      ['chuyen_vien', 3],
      [null, 97],
    ],
    defence: [
      ['doi_tuong_4', 20],
      [null, 80],
    ],
    partyShare: 0.45,
  },
  quan_chung: {
    theory: [[null, 1]],
    stateManagement: [
      ['chuyen_vien', 10],
      [null, 90],
    ],
    defence: STAFF_DEFENCE,
    partyShare: 0,
  },
};

const LECTURER_THEORY: readonly Weighted<TheoryLevel | null>[] = [
  ['cao_cap', 45],
  ['cu_nhan', 25],
  ['trung_cap', 20],
  [null, 10],
];

/** The profile of an untitled post of the given category in a unit of the given sector. */
export function staffProfile(category: PersonCategory, sector: Sector): PostProfile {
  const qualities = STAFF_BY_CATEGORY[category];
  return {
    category,
    scope: 'CQDV',
    age: [22, 60],
    femaleShare: STAFF_FEMALE_SHARE[sector] ?? 0.45,
    postgraduate: null,
    leadership: L_NONE,
    ...qualities,
    theory: sector === 'school' && category === 'vien_chuc' ? LECTURER_THEORY : qualities.theory,
  };
}

const STAFF_JOB_POSITIONS: Record<Sector, readonly Weighted<string>[]> = {
  none: [['TH', 1]],
  commune: [
    ['TH', 15],
    ['KT', 10],
    ['VT', 6],
    ['DC', 18],
    ['TP', 10],
    ['VHXH', 15],
    ['TCKH', 8],
    ['CNTT', 4],
    ['NN', 14],
  ],
  home_affairs: [
    ['TCCB', 50],
    ['TH', 25],
    ['VT', 10],
    ['KT', 5],
    ['CNTT', 10],
  ],
  finance: [
    ['TCKH', 60],
    ['KT', 20],
    ['TH', 15],
    ['VT', 5],
  ],
  education: [
    ['GDDT', 60],
    ['TH', 20],
    ['TCCB', 10],
    ['KT', 10],
  ],
  health: [
    ['YT', 85],
    ['KT', 8],
    ['VT', 7],
  ],
  agriculture: [
    ['NN', 60],
    ['DC', 25],
    ['TH', 10],
    ['KT', 5],
  ],
  construction: [
    ['DC', 60],
    ['TH', 25],
    ['KT', 10],
    ['VT', 5],
  ],
  economy: [
    ['KTDN', 60],
    ['TH', 25],
    ['KT', 10],
    ['VT', 5],
  ],
  technology: [
    ['CNTT', 60],
    ['TH', 25],
    ['KT', 10],
    ['VT', 5],
  ],
  culture: [
    ['VHXH', 65],
    ['TH', 20],
    ['KT', 10],
    ['VT', 5],
  ],
  justice: [
    ['TP', 65],
    ['TH', 20],
    ['KT', 10],
    ['VT', 5],
  ],
  party: [
    ['TH', 45],
    ['TCCB', 25],
    ['VT', 15],
    ['KT', 15],
  ],
  government: [
    ['TH', 60],
    ['KT', 15],
    ['VT', 15],
    ['CNTT', 10],
  ],
  school: [
    ['GD', 70],
    ['TH', 15],
    ['KT', 8],
    ['VT', 7],
  ],
};
const TEACHERS: readonly Weighted<string>[] = [
  ['GD', 85],
  ['KT', 8],
  ['VT', 7],
];

/** Job position code (vị trí việc làm): leaders lead; staff work in their unit's field. */
export function drawJobPosition(rng: Rng, unit: UnitSpec, titled: boolean): string {
  if (titled) return 'LDQL';
  const teaching = unit.kind === 'public_service' && unit.sector === 'education';
  return rng.weighted(teaching ? TEACHERS : STAFF_JOB_POSITIONS[unit.sector]);
}

export interface RankInput {
  category: PersonCategory;
  unit: UnitSpec;
  title: TitleCode | null;
  jobPosition: string;
  graduate: boolean;
}

/** Civil-service rank or professional title code (ngạch, chức danh nghề nghiệp), or null. */
export function drawRank(rng: Rng, p: RankInput): string | null {
  if (p.category === 'khong_chuyen_trach' || p.category === 'quan_chung') return null;
  if (p.category === 'vien_chuc') {
    if (p.unit.sector === 'school') {
      if (p.title)
        return rng.weighted<string>([
          ['V.07.01.01', 40],
          ['V.07.01.02', 60],
        ]);
      return p.jobPosition === 'GD'
        ? rng.weighted<string>([
            ['V.07.01.01', 10],
            ['V.07.01.02', 30],
            ['V.07.01.03', 60],
          ])
        : null;
    }
    if (p.jobPosition === 'GD') return rng.chance(0.85) ? 'V.07.05.15' : null;
    if (p.jobPosition === 'YT' && p.graduate) return rng.chance(0.6) ? 'V.08.01.03' : null;
    return null;
  }
  if (!p.title)
    return rng.weighted<string>([
      ['01.002', 5],
      ['01.003', 78],
      ['01.004', 12],
      ['01.005', 5],
    ]);
  const t = TITLE_PROFILES[p.title];
  if (p.unit.kind === 'commune')
    return rng.weighted<string>([
      ['01.002', 15],
      ['01.003', 80],
      ['01.004', 5],
    ]);
  if (t.scope === 'BTV_TU')
    return rng.weighted<string>(
      t.tier === 1
        ? [
            ['01.001', 45],
            ['01.002', 55],
          ]
        : [
            ['01.001', 15],
            ['01.002', 85],
          ],
    );
  return rng.weighted<string>(
    t.tier === 2
      ? [
          ['01.002', 60],
          ['01.003', 40],
        ]
      : [
          ['01.002', 25],
          ['01.003', 75],
        ],
  );
}
