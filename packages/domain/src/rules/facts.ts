/**
 * The plain data the rules read. Services build these from the registry; the rules never guess a
 * fact that is null here — they answer "cannot decide: missing X" instead.
 */
import type { IsoDate } from '../dates.js';
import type { AppraisalClassification, Gender, PartyMembership, PersonCategory } from '../vocabulary.js';

export interface HeldQualification {
  kind: string;
  level: string | null;
  field: string | null;
  /** A qualification awarded after asOf is not held on asOf; null counts as held. */
  awardedOn: IsoDate | null;
}

export interface PlannedTitle {
  titleCode: string;
  /** Planning term, e.g. '2025-2030'. A term ended before asOf's year no longer counts. */
  term: string;
}

export interface AppraisalRecord {
  year: number;
  classification: AppraisalClassification;
}

export interface PersonFacts {
  birthDate: IsoDate | null;
  gender: Gender | null;
  ethnicMinority: boolean;
  category: PersonCategory | null;
  /** 'commune' when the person's unit is a commune or ward or lies under one, else 'province'; null if not known. */
  unitLevel: 'province' | 'commune' | null;
  /** Civil-service rank code (ngạch), e.g. '01.003'; null when the person has none. */
  rankCode: string | null;
  /**
   * Party membership as recorded (decision 0031): 'member' (official), 'probationary', 'not_member',
   * or null when the registry does not know. The status describes the record's present; the dates,
   * when recorded, place it in time. Unknown with no dates is "missing partyMembership"; a member
   * without an admission date is a member, and a rule that needs the date is "missing partyJoinedOn".
   */
  partyMembership: PartyMembership | null;
  partyJoinedOn: IsoDate | null;
  partyOfficialOn: IsoDate | null;
  qualifications: HeldQualification[];
  currentTitleCode: string | null;
  jobPositionCode: string | null;
  plannedTitles: PlannedTitle[];
  appraisals: AppraisalRecord[];
  /** Start of service: the recorded date, else the earliest assignment start (see serviceStartFrom). */
  serviceStartedOn: IsoDate | null;
  enrolledProgrammeCodes: string[];
}

export interface LevelInfo {
  rank: number;
  name: string;
}

/** kind → level code → rank and name, as loaded from the qualification_levels table. */
export type LevelCatalogue = Readonly<Record<string, Readonly<Record<string, LevelInfo>>>>;

export interface TitleInfo {
  name: string;
  /** 'province' | 'commune' as in the titles table. */
  level: string;
  leadership: boolean;
}

/** title code → level and leadership flag, as loaded from the titles table. */
export type TitleCatalogue = Readonly<Record<string, TitleInfo>>;

export interface JobPositionInfo {
  name: string;
  /** Fields of study that match the position (keywords, compared without diacritics). */
  fields: readonly string[];
}

/** job position code → name and matching fields of study. */
export type JobPositionCatalogue = Readonly<Record<string, JobPositionInfo>>;

/** Builds the level catalogue from qualification_levels rows. */
export function levelCatalogueFromRows(rows: readonly { kind: string; code: string; name: string; rank: number }[]): LevelCatalogue {
  const out: Record<string, Record<string, LevelInfo>> = {};
  for (const r of rows) {
    const byCode = (out[r.kind] ??= {});
    byCode[r.code] = { rank: r.rank, name: r.name };
  }
  return out;
}

/** Builds the title catalogue from titles rows. */
export function titleCatalogueFromRows(rows: readonly { code: string; name: string; level: string; leadership: boolean }[]): TitleCatalogue {
  const out: Record<string, TitleInfo> = {};
  for (const r of rows) out[r.code] = { name: r.name, level: r.level, leadership: r.leadership };
  return out;
}

/** The recorded service start, else the earliest assignment start, else null. */
export function serviceStartFrom(recorded: IsoDate | null, assignmentStarts: readonly IsoDate[]): IsoDate | null {
  if (recorded) return recorded;
  let earliest: IsoDate | null = null;
  for (const d of assignmentStarts) if (earliest === null || d < earliest) earliest = d;
  return earliest;
}

/** Vietnamese names of facts, for "thiếu …" messages. */
export function factLabel(fact: string): string {
  const year = /^appraisals\.(\d{4})$/.exec(fact);
  if (year) return `xếp loại đánh giá năm ${year[1]}`;
  return FACT_LABELS[fact] ?? fact;
}

const FACT_LABELS: Record<string, string> = {
  birthDate: 'ngày sinh',
  gender: 'giới tính',
  partyMembership: 'tình trạng đảng viên (chính thức, dự bị, không phải đảng viên)',
  partyJoinedOn: 'ngày vào Đảng',
  partyOfficialOn: 'ngày chuyển đảng viên chính thức',
  serviceStartedOn: 'ngày bắt đầu công tác',
  jobPositionCode: 'vị trí việc làm',
  jobPositionFields: 'ngành, lĩnh vực phù hợp của vị trí việc làm',
  studyField: 'chuyên ngành đăng ký đào tạo',
  qualificationField: 'chuyên ngành của văn bằng',
  category: 'đối tượng (cán bộ, công chức, viên chức…)',
  unitLevel: 'cấp của đơn vị công tác (tỉnh hay xã)',
  rulesInForce: 'quy định có hiệu lực tại ngày xét',
};
