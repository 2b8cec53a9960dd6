/**
 * The demo province's organisation tree, as plain data: the province, its groups (khối) of party
 * bodies, government departments with their divisions and public service units, the political
 * school, every commune/ward of the province from the official 2025 list, and the two provinces
 * merged into it on 1/7/2025.
 *
 * The historical provinces are children of the new root, not separate roots: so the province's
 * users (scoped to the root's subtree) can open them from the links and from the assignment history
 * of people who worked there before the merger. They carry valid_to = 2025-06-30 and kind 'province'.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFERENCE_DIR } from '@nang-tam/db';
import type { IsoDate, UnitKind } from '@nang-tam/domain';

/** What a unit's staff work on: decides job positions, fields of study and the gender mix. */
export type Sector =
  | 'none'
  | 'party'
  | 'government'
  | 'home_affairs'
  | 'finance'
  | 'education'
  | 'health'
  | 'agriculture'
  | 'construction'
  | 'economy'
  | 'technology'
  | 'culture'
  | 'justice'
  | 'school'
  | 'commune';

export interface UnitSpec {
  code: string;
  officialCode: string | null;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  depth: number;
  sortOrder: number;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  sector: Sector;
  /** For communes and merged provinces: the pre-2025 province their staff came from. */
  predecessorCode: string | null;
}

/** A pre-merger province and how to tell its communes and its people apart. */
export interface PredecessorProvince {
  code: string;
  name: string;
  /** Communes whose official code is below this came from this province (codes are by old province). */
  communeCodeBelow: string;
  /** Birth-province prefix of citizen ids issued to people born there. */
  citizenIdPrefix: string;
  /** Its political school and districts before 2025 (where older qualifications were earned). */
  school: string;
  districts: readonly string[];
  /** Share of the merged province's provincial bodies' staff who came from it. */
  provincialStaffShare: number;
}

export const REORGANISATION_DATE: IsoDate = '2025-07-01';
export const MERGER_NOTE = 'Hợp nhất theo Nghị quyết 202/2025/QH15';
const LAST_DAY_BEFORE_MERGER: IsoDate = '2025-06-30';

/** The provinces merged into each new province (only the demo province is described). */
export const PREDECESSORS: Record<string, readonly PredecessorProvince[]> = {
  '08': [
    {
      code: 'T02',
      name: 'Tỉnh Hà Giang',
      communeCodeBelow: '02000',
      citizenIdPrefix: '002',
      provincialStaffShare: 0.4,
      school: 'Trường Chính trị tỉnh Hà Giang',
      districts: ['Đồng Văn', 'Mèo Vạc', 'Yên Minh', 'Quản Bạ', 'Vị Xuyên', 'Bắc Mê', 'Hoàng Su Phì', 'Xín Mần', 'Bắc Quang', 'Quang Bình'],
    },
    {
      code: 'T08-CU',
      name: 'Tỉnh Tuyên Quang (trước hợp nhất)',
      communeCodeBelow: '99999',
      citizenIdPrefix: '008',
      // the merged province's capital: most provincial staff were already there
      provincialStaffShare: 0.6,
      school: 'Trường Chính trị tỉnh Tuyên Quang',
      districts: ['Na Hang', 'Lâm Bình', 'Chiêm Hóa', 'Hàm Yên', 'Yên Sơn', 'Sơn Dương'],
    },
  ],
};

interface NodeDef {
  code: string;
  name: string;
  kind: UnitKind;
  sector: Sector;
  children?: NodeDef[];
}

const node = (code: string, name: string, kind: UnitKind, sector: Sector, children?: NodeDef[]): NodeDef => ({
  code,
  name,
  kind,
  sector,
  children,
});

/** Divisions of a body: codes are "<body>-<suffix>". */
const divisions = (body: string, sector: Sector, list: readonly [string, string][]): NodeDef[] =>
  list.map(([suffix, name]) => node(`${body}-${suffix}`, name, 'division', sector));

const publicServices = (sector: Sector, list: readonly [string, string][]): NodeDef[] =>
  list.map(([code, name]) => node(code, name, 'public_service', sector));

interface DepartmentDef {
  code: string;
  name: string;
  sector: Sector;
  divisions: readonly [string, string][];
  services?: readonly [string, string][];
}

const OFFICE: [string, string] = ['VP', 'Văn phòng Sở'];
const PLANNING_FINANCE: [string, string] = ['KHTC', 'Phòng Kế hoạch - Tài chính'];
const PERSONNEL: [string, string] = ['TCCB', 'Phòng Tổ chức cán bộ'];

const DEPARTMENTS: readonly DepartmentDef[] = [
  {
    code: 'SNV',
    name: 'Sở Nội vụ',
    sector: 'home_affairs',
    divisions: [
      OFFICE,
      ['TCBC', 'Phòng Tổ chức, biên chế và Tổ chức phi chính phủ'],
      ['CCVC', 'Phòng Công chức, viên chức'],
      ['XDCQ', 'Phòng Xây dựng chính quyền và Công tác thanh niên'],
      ['LDVL', 'Phòng Lao động, việc làm và Bảo hiểm xã hội'],
    ],
    services: [
      ['TTLT', 'Trung tâm Lưu trữ lịch sử tỉnh'],
      ['TTDVVL', 'Trung tâm Dịch vụ việc làm tỉnh'],
    ],
  },
  {
    code: 'STC',
    name: 'Sở Tài chính',
    sector: 'finance',
    divisions: [OFFICE, ['QLNS', 'Phòng Quản lý ngân sách'], ['THQH', 'Phòng Tổng hợp, quy hoạch'], ['DKKD', 'Phòng Đăng ký kinh doanh']],
  },
  {
    code: 'SGDDT',
    name: 'Sở Giáo dục và Đào tạo',
    sector: 'education',
    divisions: [
      OFFICE,
      PERSONNEL,
      ['GDPT', 'Phòng Giáo dục phổ thông'],
      ['GDMN', 'Phòng Giáo dục mầm non'],
      ['QLCL', 'Phòng Quản lý chất lượng'],
    ],
    services: [
      ['THPTCTQ', 'Trường THPT Chuyên Tuyên Quang'],
      ['THPTCHG', 'Trường THPT Chuyên Hà Giang'],
      ['THPTTT', 'Trường THPT Tân Trào'],
      ['THPTDV', 'Trường THPT Đồng Văn'],
      ['PTDTNT', 'Trường Phổ thông Dân tộc nội trú tỉnh'],
    ],
  },
  {
    code: 'SYT',
    name: 'Sở Y tế',
    sector: 'health',
    divisions: [OFFICE, PERSONNEL, PLANNING_FINANCE, ['NVY', 'Phòng Nghiệp vụ Y'], ['NVD', 'Phòng Nghiệp vụ Dược']],
    services: [
      ['BVDKTQ', 'Bệnh viện Đa khoa tỉnh Tuyên Quang'],
      ['BVDKHG', 'Bệnh viện Đa khoa tỉnh Hà Giang'],
      ['CDC', 'Trung tâm Kiểm soát bệnh tật tỉnh'],
      ['BVYDCT', 'Bệnh viện Y dược cổ truyền tỉnh'],
    ],
  },
  {
    code: 'SNNMT',
    name: 'Sở Nông nghiệp và Môi trường',
    sector: 'agriculture',
    divisions: [OFFICE, PLANNING_FINANCE, ['QLDD', 'Phòng Quản lý đất đai'], ['CCKL', 'Chi cục Kiểm lâm'], ['CCTL', 'Chi cục Thủy lợi']],
    services: [
      ['TTKN', 'Trung tâm Khuyến nông tỉnh'],
      ['VPDKDD', 'Văn phòng Đăng ký đất đai tỉnh'],
    ],
  },
  {
    code: 'SXD',
    name: 'Sở Xây dựng',
    sector: 'construction',
    divisions: [OFFICE, ['QLXD', 'Phòng Quản lý xây dựng'], ['QLGT', 'Phòng Quản lý giao thông'], ['QHKT', 'Phòng Quy hoạch - Kiến trúc']],
  },
  {
    code: 'SCT',
    name: 'Sở Công Thương',
    sector: 'economy',
    divisions: [OFFICE, ['QLTM', 'Phòng Quản lý thương mại'], ['QLCN', 'Phòng Quản lý công nghiệp'], ['QLNL', 'Phòng Quản lý năng lượng']],
  },
  {
    code: 'SKHCN',
    name: 'Sở Khoa học và Công nghệ',
    sector: 'technology',
    divisions: [OFFICE, ['QLKH', 'Phòng Quản lý khoa học'], ['CDS', 'Phòng Chuyển đổi số'], ['BCVT', 'Phòng Bưu chính, viễn thông']],
  },
  {
    code: 'SVHTTDL',
    name: 'Sở Văn hóa, Thể thao và Du lịch',
    sector: 'culture',
    divisions: [
      OFFICE,
      ['QLVH', 'Phòng Quản lý văn hóa và Gia đình'],
      ['TDTT', 'Phòng Quản lý thể dục thể thao'],
      ['QLDL', 'Phòng Quản lý du lịch'],
    ],
    services: [
      ['BTT', 'Bảo tàng tỉnh'],
      ['TVT', 'Thư viện tỉnh'],
      ['CVDC', 'Ban Quản lý Công viên địa chất toàn cầu UNESCO Cao nguyên đá Đồng Văn'],
    ],
  },
  {
    code: 'STP',
    name: 'Sở Tư pháp',
    sector: 'justice',
    divisions: [
      OFFICE,
      ['XDPL', 'Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật'],
      ['HCTP', 'Phòng Hành chính tư pháp'],
      ['BTTP', 'Phòng Bổ trợ tư pháp'],
    ],
    services: [['TGPL', 'Trung tâm Trợ giúp pháp lý nhà nước tỉnh']],
  },
  {
    code: 'SDTTG',
    name: 'Sở Dân tộc và Tôn giáo',
    sector: 'government',
    divisions: [OFFICE, ['CSDT', 'Phòng Chính sách dân tộc'], ['TG', 'Phòng Tôn giáo']],
  },
  {
    code: 'SNGV',
    name: 'Sở Ngoại vụ',
    sector: 'government',
    divisions: [OFFICE, ['QLBG', 'Phòng Quản lý biên giới'], ['HTQT', 'Phòng Hợp tác quốc tế']],
  },
  {
    code: 'TTT',
    name: 'Thanh tra tỉnh',
    sector: 'justice',
    divisions: [
      ['VP', 'Văn phòng Thanh tra'],
      ['NV1', 'Phòng Nghiệp vụ 1'],
      ['NV2', 'Phòng Nghiệp vụ 2'],
      ['NV3', 'Phòng Nghiệp vụ 3'],
    ],
  },
];

function provinceTree(provinceName: string): NodeDef[] {
  const department = (d: DepartmentDef): NodeDef =>
    node(d.code, d.name, 'department', d.sector, [
      ...divisions(d.code, d.sector, d.divisions),
      ...publicServices(d.sector, d.services ?? []),
    ]);
  const partyBody = (code: string, name: string, list: readonly [string, string][] = []) =>
    node(code, name, 'party_body', 'party', divisions(code, 'party', list));
  const massOrganisation = (code: string, name: string) => node(code, name, 'mass_organisation', 'party');

  const party = node('KDDT', 'Khối Đảng, đoàn thể', 'group', 'none', [
    node('TU', `Tỉnh ủy ${provinceName}`, 'party_committee', 'party'),
    partyBody('VPTU', 'Văn phòng Tỉnh ủy', [
      ['TH', 'Phòng Tổng hợp'],
      ['HCLT', 'Phòng Hành chính - Lưu trữ'],
      ['TCDV', 'Phòng Tài chính - Đảng vụ'],
    ]),
    partyBody('BTCTU', 'Ban Tổ chức Tỉnh ủy', [
      ['TCDV', 'Phòng Tổ chức đảng, đảng viên'],
      ['CB', 'Phòng Cán bộ'],
      ['BVCT', 'Phòng Bảo vệ chính trị'],
    ]),
    partyBody('BTGDVTU', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', [
      ['LLCT', 'Phòng Lý luận chính trị và Lịch sử Đảng'],
      ['TT', 'Phòng Tuyên truyền'],
      ['DV', 'Phòng Dân vận'],
    ]),
    partyBody('UBKTTU', 'Ủy ban Kiểm tra Tỉnh ủy', [
      ['KT1', 'Phòng Kiểm tra 1'],
      ['KT2', 'Phòng Kiểm tra 2'],
    ]),
    partyBody('BNCTU', 'Ban Nội chính Tỉnh ủy', [
      ['NC', 'Phòng Nội chính'],
      ['PCTN', 'Phòng Phòng, chống tham nhũng, tiêu cực'],
    ]),
    partyBody('DUCQDT', 'Đảng ủy các cơ quan Đảng tỉnh'),
    partyBody('DUUBNDT', 'Đảng ủy Ủy ban nhân dân tỉnh'),
    node('MTTQ', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'mass_organisation', 'party', [
      massOrganisation('HLHPN', 'Hội Liên hiệp Phụ nữ tỉnh'),
      massOrganisation('TDTN', 'Tỉnh Đoàn'),
      massOrganisation('HND', 'Hội Nông dân tỉnh'),
      massOrganisation('HCCB', 'Hội Cựu chiến binh tỉnh'),
      massOrganisation('LDLD', 'Liên đoàn Lao động tỉnh'),
    ]),
    node('BPTTH', `Báo và Phát thanh, Truyền hình ${provinceName}`, 'public_service', 'culture'),
  ]);

  const government = node('KCQ', 'Khối chính quyền', 'group', 'none', [
    node('UBNDT', 'Ủy ban nhân dân tỉnh', 'people_committee', 'government'),
    node('VPDDBQH', 'Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh', 'department', 'government', [
      ...divisions('VPDDBQH', 'government', [
        ['HDND', 'Phòng Công tác Hội đồng nhân dân'],
        ['QH', 'Phòng Công tác Quốc hội'],
        ['HCTC', 'Phòng Hành chính - Tổ chức - Quản trị'],
      ]),
    ]),
    node('VPUBND', 'Văn phòng Ủy ban nhân dân tỉnh', 'department', 'government', [
      ...divisions('VPUBND', 'government', [
        ['TH', 'Phòng Tổng hợp'],
        ['KT', 'Phòng Kinh tế'],
        ['KGVX', 'Phòng Khoa giáo - Văn xã'],
        ['NC', 'Phòng Nội chính'],
      ]),
      ...publicServices('government', [['TTPVHCC', 'Trung tâm Phục vụ hành chính công tỉnh']]),
    ]),
    ...DEPARTMENTS.map(department),
  ]);

  const school = node('TCT', `Trường Chính trị tỉnh ${provinceName}`, 'school', 'school', [
    ...divisions('TCT', 'school', [
      ['TCHC', 'Phòng Tổ chức - Hành chính'],
      ['QLDT', 'Phòng Quản lý đào tạo và Nghiên cứu khoa học'],
      ['XDD', 'Khoa Xây dựng Đảng'],
      ['LLCS', 'Khoa Lý luận cơ sở'],
      ['NNPL', 'Khoa Nhà nước và Pháp luật'],
      ['DVKT', 'Khoa Dân vận và Kinh tế'],
    ]),
  ]);

  return [party, government, school];
}

interface AdminUnitJson {
  Code: string;
  Name: string;
  FullName: string;
  Wards?: AdminUnitJson[];
}

const ADMIN_UNITS_FILE = join(REFERENCE_DIR, 'vn-admin-units-2025.json');

/** The province and its communes/wards from the official 2025 list, in the list's order. */
function loadProvince(provinceCode: string): {
  code: string;
  name: string;
  fullName: string;
  communes: { code: string; fullName: string }[];
} {
  const all = JSON.parse(readFileSync(ADMIN_UNITS_FILE, 'utf8')) as AdminUnitJson[];
  const province = all.find((p) => p.Code === provinceCode);
  if (!province) throw new Error(`Province ${provinceCode} is not in the 2025 administrative units list`);
  return {
    code: province.Code,
    name: province.Name,
    fullName: province.FullName,
    communes: (province.Wards ?? []).map((w) => ({ code: w.Code, fullName: w.FullName })),
  };
}

/** The predecessor province a commune's staff came from, by the commune's official code. */
function predecessorOfCommune(predecessors: readonly PredecessorProvince[], communeCode: string): string | null {
  return predecessors.find((p) => communeCode < p.communeCodeBelow)?.code ?? null;
}

/** Every unit of the demo province, parents before children, siblings in display order. */
export function buildUnitPlan(provinceCode: string): UnitSpec[] {
  const province = loadProvince(provinceCode);
  const predecessors = PREDECESSORS[provinceCode] ?? [];
  const rootCode = `T${provinceCode}`;
  const out: UnitSpec[] = [
    {
      code: rootCode,
      officialCode: provinceCode,
      name: province.fullName,
      kind: 'province',
      parentCode: null,
      depth: 0,
      sortOrder: 0,
      validFrom: REORGANISATION_DATE,
      validTo: null,
      sector: 'none',
      predecessorCode: null,
    },
  ];
  const add = (def: NodeDef, parentCode: string, depth: number, sortOrder: number) => {
    out.push({
      code: def.code,
      officialCode: null,
      name: def.name,
      kind: def.kind,
      parentCode,
      depth,
      sortOrder,
      validFrom: null,
      validTo: null,
      sector: def.sector,
      predecessorCode: null,
    });
    def.children?.forEach((child, i) => add(child, def.code, depth + 1, i));
  };
  const tree = provinceTree(province.name);
  tree.forEach((def, i) => add(def, rootCode, 1, i));

  const communesGroup = 'KXP';
  add(node(communesGroup, 'Khối xã, phường', 'group', 'none'), rootCode, 1, tree.length);
  province.communes.forEach((c, i) =>
    out.push({
      code: `X${c.code}`,
      officialCode: c.code,
      name: c.fullName,
      kind: 'commune',
      parentCode: communesGroup,
      depth: 2,
      sortOrder: i,
      validFrom: REORGANISATION_DATE,
      validTo: null,
      sector: 'commune',
      predecessorCode: predecessorOfCommune(predecessors, c.code),
    }),
  );

  predecessors.forEach((p, i) =>
    out.push({
      code: p.code,
      officialCode: null,
      name: p.name,
      kind: 'province',
      parentCode: rootCode,
      depth: 1,
      sortOrder: 100 + i,
      validFrom: null,
      validTo: LAST_DAY_BEFORE_MERGER,
      sector: 'none',
      predecessorCode: null,
    }),
  );
  return out;
}
