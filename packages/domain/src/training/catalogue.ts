/**
 * The programme catalogue (issue 9): every kind of training the province sends people to, each
 * programme versioned like the rules — a change is a new version from an effective date, with its
 * source document and reason; the catalogue answers "as of" any date. Pure: the repository gathers
 * the versions, these functions choose and validate.
 */
import { foldVietnamese } from '../text.js';
import type { IsoDate } from '../dates.js';
import type { EffectivePeriod, ProgrammeKind, SourceDocument, StudyMode } from '../rules/types.js';
import { STUDY_MODES } from '../rules/types.js';
import type { LevelCatalogue } from '../rules/facts.js';
import { addDays } from '../rules/period.js';

// ---------- vocabularies ----------

export const PROGRAMME_KINDS = [
  'political_theory',
  'state_management',
  'leadership',
  'knowledge_update',
  'party_awareness',
  'new_party_member',
  'defence_security',
  'council_delegates',
  'admin_reform',
  'digital_transformation',
  'thematic',
  'postgraduate',
  'abroad',
] as const satisfies readonly ProgrammeKind[];

export const PROGRAMME_KIND_LABELS: Record<ProgrammeKind, { vi: string; en: string }> = {
  political_theory: { vi: 'Lý luận chính trị', en: 'Political theory' },
  state_management: { vi: 'Quản lý nhà nước theo ngạch', en: 'State management (by rank)' },
  leadership: { vi: 'Bồi dưỡng lãnh đạo, quản lý', en: 'Leadership and management' },
  knowledge_update: { vi: 'Cập nhật kiến thức, kỹ năng cho cán bộ lãnh đạo, quản lý', en: 'Knowledge updates for leaders' },
  party_awareness: { vi: 'Bồi dưỡng nhận thức về Đảng', en: 'Party awareness (outstanding non-members)' },
  new_party_member: { vi: 'Lý luận chính trị cho đảng viên mới', en: 'New party members' },
  defence_security: { vi: 'Kiến thức quốc phòng và an ninh', en: 'Defence and security knowledge' },
  council_delegates: { vi: 'Bồi dưỡng đại biểu Hội đồng nhân dân', en: "People's Council delegates" },
  admin_reform: { vi: 'Cải cách hành chính', en: 'Administrative reform' },
  digital_transformation: { vi: 'Chuyển đổi số, trí tuệ nhân tạo', en: 'Digital transformation and AI' },
  thematic: { vi: 'Bồi dưỡng chuyên đề', en: 'Thematic courses' },
  postgraduate: { vi: 'Đào tạo sau đại học', en: 'Postgraduate study' },
  abroad: { vi: 'Bồi dưỡng ở nước ngoài', en: 'Short courses abroad' },
};

/** Who runs a programme. Only the first two open classes in this system; the others are "outside training". */
export const ORGANISER_TYPES = ['provincial_school', 'commune_centre', 'outside_institution', 'abroad'] as const;
export type OrganiserType = (typeof ORGANISER_TYPES)[number];

export const ORGANISER_TYPE_LABELS: Record<OrganiserType, { vi: string; en: string }> = {
  provincial_school: { vi: 'Trường Chính trị tỉnh', en: 'Provincial political school' },
  commune_centre: { vi: 'Trung tâm chính trị cấp xã', en: 'Commune political centre' },
  outside_institution: { vi: 'Cơ sở đào tạo ngoài tỉnh', en: 'Outside institution' },
  abroad: { vi: 'Ở nước ngoài', en: 'Abroad' },
};

/** Programmes whose classes the province opens itself (the school or a commune centre). */
export function organisesClasses(type: OrganiserType): boolean {
  return type === 'provincial_school' || type === 'commune_centre';
}

/** The level of a programme within its kind (not the qualification it grants). */
export const PROGRAMME_LEVELS: Record<string, { vi: string; en: string }> = {
  so_cap: { vi: 'Sơ cấp', en: 'Elementary' },
  trung_cap: { vi: 'Trung cấp', en: 'Intermediate' },
  cao_cap: { vi: 'Cao cấp', en: 'Advanced' },
  chuyen_vien: { vi: 'Chuyên viên', en: 'Officer' },
  chuyen_vien_chinh: { vi: 'Chuyên viên chính', en: 'Principal officer' },
  chuyen_vien_cao_cap: { vi: 'Chuyên viên cao cấp', en: 'Senior officer' },
  cap_xa: { vi: 'Cấp xã', en: 'Commune level' },
  cap_phong: { vi: 'Cấp phòng và tương đương', en: 'Division level' },
  cap_so: { vi: 'Cấp sở và tương đương', en: 'Department level' },
  nhom_1: { vi: 'Nhóm 1', en: 'Group 1' },
  nhom_2: { vi: 'Nhóm 2', en: 'Group 2' },
  nhom_3: { vi: 'Nhóm 3', en: 'Group 3' },
  doi_tuong_1: { vi: 'Đối tượng 1', en: 'Group 1' },
  doi_tuong_2: { vi: 'Đối tượng 2', en: 'Group 2' },
  doi_tuong_3: { vi: 'Đối tượng 3', en: 'Group 3' },
  doi_tuong_4: { vi: 'Đối tượng 4', en: 'Group 4' },
  thac_si: { vi: 'Thạc sĩ', en: "Master's" },
  tien_si: { vi: 'Tiến sĩ', en: 'Doctorate' },
};

/** Who a programme is for: codes with Vietnamese (and English) labels. */
export const TARGET_GROUPS: Record<string, { vi: string; en: string }> = {
  can_bo: { vi: 'Cán bộ', en: 'Cadres' },
  cong_chuc: { vi: 'Công chức', en: 'Civil servants' },
  vien_chuc: { vi: 'Viên chức', en: 'Public employees' },
  can_bo_cong_chuc_cap_xa: { vi: 'Cán bộ, công chức cấp xã', en: 'Commune cadres and civil servants' },
  khong_chuyen_trach: {
    vi: 'Người hoạt động không chuyên trách ở cấp xã, thôn, tổ dân phố',
    en: 'Non-specialised commune and hamlet workers',
  },
  dang_vien: { vi: 'Đảng viên', en: 'Party members' },
  dang_vien_du_bi: { vi: 'Đảng viên dự bị (mới kết nạp)', en: 'Probationary (new) party members' },
  quan_chung_uu_tu: { vi: 'Quần chúng ưu tú (đối tượng kết nạp Đảng)', en: 'Outstanding non-members (candidates for admission)' },
  doan_vien_hoi_vien: { vi: 'Đoàn viên, hội viên các tổ chức chính trị - xã hội', en: 'Members of socio-political organisations' },
  lanh_dao_cap_phong: { vi: 'Lãnh đạo, quản lý cấp phòng và tương đương', en: 'Division-level leaders' },
  lanh_dao_cap_so: { vi: 'Lãnh đạo, quản lý cấp sở và tương đương', en: 'Department-level leaders' },
  lanh_dao_cap_xa: { vi: 'Lãnh đạo chủ chốt cấp xã', en: 'Key commune leaders' },
  nhom_1_145: { vi: 'Nhóm 1: lãnh đạo chủ chốt và lãnh đạo cấp cao', en: 'Group 1: key and top leaders' },
  nhom_2_145: {
    vi: 'Nhóm 2: cán bộ thuộc diện Bộ Chính trị, Ban Bí thư quản lý',
    en: 'Group 2: cadres managed by the Politburo / Secretariat',
  },
  nhom_3_145: {
    vi: 'Nhóm 3: cán bộ thuộc diện cấp ủy, tổ chức đảng, lãnh đạo cơ quan, đơn vị quản lý',
    en: 'Group 3: cadres managed by party committees and agencies',
  },
  quy_hoach: { vi: 'Cán bộ trong quy hoạch', en: 'Cadres in succession planning' },
  doi_tuong_4_qpan: { vi: 'Đối tượng 4 (bồi dưỡng kiến thức quốc phòng và an ninh)', en: 'Defence & security group 4' },
  dai_bieu_hdnd: { vi: 'Đại biểu Hội đồng nhân dân các cấp', en: "People's Council delegates" },
  lam_cchc: { vi: 'Cán bộ, công chức làm công tác cải cách hành chính', en: 'Staff working on administrative reform' },
  lam_cds: { vi: 'Cán bộ, công chức làm công tác chuyển đổi số', en: 'Staff working on digital transformation' },
};

export const DURATION_UNITS = ['day', 'week', 'month', 'year'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export const DURATION_UNIT_LABELS: Record<DurationUnit, { vi: string; en: string }> = {
  day: { vi: 'ngày', en: 'days' },
  week: { vi: 'tuần', en: 'weeks' },
  month: { vi: 'tháng', en: 'months' },
  year: { vi: 'năm', en: 'years' },
};

// ---------- versions ----------

/** What one version of a programme says (everything but its code, number and period). */
export interface ProgrammeAttributes {
  name: string;
  kind: ProgrammeKind;
  /** A code of PROGRAMME_LEVELS, or null when the kind has no levels. */
  level: string | null;
  duration: { value: number; unit: DurationUnit } | null;
  modes: StudyMode[];
  targetGroups: string[];
  /** The qualification a graduate receives (a qualification_levels row), or null. */
  grants: { kind: string; level: string } | null;
  organiserType: OrganiserType;
  /** The usual institution for outside / abroad programmes, e.g. 'Học viện Chính trị quốc gia Hồ Chí Minh'. */
  defaultInstitution: string | null;
  /**
   * A deadline relative to the day the person was admitted to the party, in months: the new-member
   * course must be finished within the 12-month probation. Null when the programme has none.
   */
  admissionDeadlineMonths: number | null;
  /** What is not verified against the text, or other remarks. */
  note: string | null;
}

export interface ProgrammeVersion extends ProgrammeAttributes {
  code: string;
  version: number;
  period: EffectivePeriod;
  source: SourceDocument;
  /** Why this version was written (the first version: 'Danh mục ban đầu' or the creator's words). */
  reason: string;
}

/** The version in force on `date` (periods are inclusive, `to: null` open), or null. */
export function programmeVersionOn<V extends Pick<ProgrammeVersion, 'period'>>(versions: readonly V[], date: IsoDate): V | null {
  return versions.find((v) => v.period.from <= date && (v.period.to === null || v.period.to >= date)) ?? null;
}

/** The version the catalogue shows for `date`: the one in force, else (not yet in force) the first one. */
export function programmeVersionShown<V extends Pick<ProgrammeVersion, 'period' | 'version'>>(
  versions: readonly V[],
  date: IsoDate,
): V | null {
  const inForce = programmeVersionOn(versions, date);
  if (inForce) return inForce;
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const first = sorted[0];
  return first && first.period.from > date ? first : null;
}

export interface CatalogueProblem {
  path: string;
  code:
    | 'REQUIRED'
    | 'UNKNOWN_PROGRAMME_KIND'
    | 'UNKNOWN_PROGRAMME_LEVEL'
    | 'UNKNOWN_QUALIFICATION'
    | 'UNKNOWN_TARGET_GROUP'
    | 'UNKNOWN_ORGANISER_TYPE'
    | 'MODES_EMPTY'
    | 'UNKNOWN_MODE'
    | 'DUPLICATE_ENTRY'
    | 'DURATION_NOT_POSITIVE'
    | 'DEADLINE_NOT_POSITIVE'
    | 'INSTITUTION_REQUIRED'
    | 'PROGRAMME_PERIOD_OVERLAP';
}

/**
 * Every problem of a programme version's content, with the field it concerns: a known kind, level,
 * organiser type and target groups (no duplicates); at least one study mode (known, once each); a
 * duration and a deadline above zero; the qualification granted among the qualification levels;
 * the institution named for a programme run by an outside institution.
 */
export function validateProgrammeAttributes(a: ProgrammeAttributes, levels: LevelCatalogue): CatalogueProblem[] {
  const out: CatalogueProblem[] = [];
  if (a.name.trim() === '') out.push({ path: 'name', code: 'REQUIRED' });
  if (!(PROGRAMME_KINDS as readonly string[]).includes(a.kind)) out.push({ path: 'kind', code: 'UNKNOWN_PROGRAMME_KIND' });
  if (a.level !== null && !(a.level in PROGRAMME_LEVELS)) out.push({ path: 'level', code: 'UNKNOWN_PROGRAMME_LEVEL' });
  if (a.modes.length === 0) out.push({ path: 'modes', code: 'MODES_EMPTY' });
  a.modes.forEach((m, i) => {
    if (!STUDY_MODES.includes(m)) out.push({ path: `modes.${i}`, code: 'UNKNOWN_MODE' });
    else if (a.modes.indexOf(m) !== i) out.push({ path: `modes.${i}`, code: 'DUPLICATE_ENTRY' });
  });
  a.targetGroups.forEach((g, i) => {
    if (!(g in TARGET_GROUPS)) out.push({ path: `targetGroups.${i}`, code: 'UNKNOWN_TARGET_GROUP' });
    else if (a.targetGroups.indexOf(g) !== i) out.push({ path: `targetGroups.${i}`, code: 'DUPLICATE_ENTRY' });
  });
  if (a.duration !== null && !(a.duration.value > 0)) out.push({ path: 'duration.value', code: 'DURATION_NOT_POSITIVE' });
  if (a.admissionDeadlineMonths !== null && !(a.admissionDeadlineMonths > 0))
    out.push({ path: 'admissionDeadlineMonths', code: 'DEADLINE_NOT_POSITIVE' });
  if (a.grants !== null && !levels[a.grants.kind]?.[a.grants.level]) out.push({ path: 'grants', code: 'UNKNOWN_QUALIFICATION' });
  if (!(ORGANISER_TYPES as readonly string[]).includes(a.organiserType))
    out.push({ path: 'organiserType', code: 'UNKNOWN_ORGANISER_TYPE' });
  else if (a.organiserType === 'outside_institution' && (a.defaultInstitution ?? '').trim() === '') {
    out.push({ path: 'defaultInstitution', code: 'INSTITUTION_REQUIRED' });
  }
  return out;
}

export interface VersionPlan {
  /** The number of the new version. */
  version: number;
  /** The open version closed the day before the new one starts, if any. */
  close: { version: number; to: IsoDate } | null;
}

/**
 * Where a new version from `from` goes among the existing ones: after every one of them. The
 * latest version, when it is still in force on `from`, is closed the day before; a start on or
 * before the latest version's start overlaps it (PROGRAMME_PERIOD_OVERLAP at `effectiveFrom`).
 */
export function planProgrammeVersion(
  versions: readonly Pick<ProgrammeVersion, 'version' | 'period'>[],
  from: IsoDate,
): { ok: true; plan: VersionPlan } | { ok: false; problem: CatalogueProblem } {
  const latest = [...versions].sort((a, b) => b.version - a.version)[0];
  if (!latest) return { ok: true, plan: { version: 1, close: null } };
  if (from <= latest.period.from) return { ok: false, problem: { path: 'effectiveFrom', code: 'PROGRAMME_PERIOD_OVERLAP' } };
  const stillOpen = latest.period.to === null || latest.period.to >= from;
  return { ok: true, plan: { version: latest.version + 1, close: stillOpen ? { version: latest.version, to: addDays(from, -1) } : null } };
}

/** The fields two versions differ in (for the audit record and the history view). */
export const PROGRAMME_ATTRIBUTE_KEYS = [
  'name',
  'kind',
  'level',
  'duration',
  'modes',
  'targetGroups',
  'grants',
  'organiserType',
  'defaultInstitution',
  'admissionDeadlineMonths',
  'note',
] as const satisfies readonly (keyof ProgrammeAttributes)[];

export function changedAttributes(before: ProgrammeAttributes, after: ProgrammeAttributes): (keyof ProgrammeAttributes)[] {
  return PROGRAMME_ATTRIBUTE_KEYS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

// ---------- listing ----------

export interface CatalogueFilter {
  kind?: ProgrammeKind;
  organiserType?: OrganiserType;
  /** Words matched without diacritics against the code, the name and the institution. */
  q?: string;
}

/** Whether a programme (as shown) passes the list's filter. */
export function matchesCatalogueFilter(
  p: Pick<ProgrammeVersion, 'code' | 'name' | 'kind' | 'organiserType' | 'defaultInstitution'>,
  f: CatalogueFilter,
): boolean {
  if (f.kind !== undefined && p.kind !== f.kind) return false;
  if (f.organiserType !== undefined && p.organiserType !== f.organiserType) return false;
  if (f.q !== undefined && f.q.trim() !== '') {
    const hay = foldVietnamese(`${p.code.replace(/_/g, ' ')} ${p.code} ${p.name} ${p.defaultInstitution ?? ''}`);
    return foldVietnamese(f.q)
      .split(' ')
      .every((w) => hay.includes(w));
  }
  return true;
}
