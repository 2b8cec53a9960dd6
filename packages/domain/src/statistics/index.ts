/**
 * Training statistics (issue 10, docs/decisions/0047): the dimensions a person-time can be grouped
 * by, the target groups, the "young" age limit as data, period checks, and shares. Pure: the SQL in
 * statistics.repository.ts gathers the person-times, these functions define and check what they mean
 * (the differential test compares both).
 */
import { ageOn, isIsoDate, type IsoDate } from '../dates.js';
import { percent, type Percent, type PercentRounding } from '../plans/percent.js';
import { YOUNG_CADRE_DEFINITION } from '../needs/needs.js';

/** What a figure counts: every (training fact, person) pair, or the distinct people among them. */
export const STAT_MEASURES = ['personTimes', 'people'] as const;
export type StatMeasure = (typeof STAT_MEASURES)[number];

/** The dimensions a statistic can be grouped by (at most two at once). */
export const STAT_DIMENSIONS = [
  'year',
  'programme',
  'programmeKind',
  'programmeLevel',
  'mode',
  'organiserType',
  'source',
  'unit',
  'gender',
  'ethnicMinority',
  'partyMember',
  'young',
  'managementScope',
] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

export const STAT_DIMENSION_LABELS: Record<StatDimension, { vi: string; en: string }> = {
  year: { vi: 'Năm', en: 'Year' },
  programme: { vi: 'Chương trình', en: 'Programme' },
  programmeKind: { vi: 'Loại chương trình', en: 'Programme kind' },
  programmeLevel: { vi: 'Trình độ, cấp độ', en: 'Level' },
  mode: { vi: 'Hình thức học', en: 'Study mode' },
  organiserType: { vi: 'Nơi tổ chức', en: 'Organiser' },
  source: { vi: 'Nguồn số liệu', en: 'Source' },
  unit: { vi: 'Đơn vị trực thuộc', en: 'Child unit' },
  gender: { vi: 'Giới tính', en: 'Gender' },
  ethnicMinority: { vi: 'Dân tộc thiểu số', en: 'Ethnic minority' },
  partyMember: { vi: 'Đảng viên', en: 'Party member' },
  young: { vi: 'Cán bộ trẻ', en: 'Young' },
  managementScope: { vi: 'Diện quản lý', en: 'Management scope' },
};

/** Whose unit places a person-time in a subtree: the learner's unit, or the class's organiser. */
export const STAT_UNIT_BASES = ['learner', 'organiser'] as const;
export type StatUnitBasis = (typeof STAT_UNIT_BASES)[number];

/**
 * What counts as trained (decision 0047, reusing plans' realisation, decision 0030): `enrolled` —
 * every live enrolment (not withdrawn) of a class running in the period, and every outside-training
 * record sent or completed running in the period; `completed` — of those, the graduated ones
 * (enrolment status completed; outside record completed with result graduated).
 */
export const STAT_BASES = ['enrolled', 'completed'] as const;
export type StatBasis = (typeof STAT_BASES)[number];

export const STAT_SOURCES = ['class', 'outside_training'] as const;
export type StatSource = (typeof STAT_SOURCES)[number];
export const STAT_SOURCE_LABELS: Record<StatSource, { vi: string; en: string }> = {
  class: { vi: 'Lớp do tỉnh mở', en: "Province's classes" },
  outside_training: { vi: 'Cử đi học ngoài tỉnh, nước ngoài', en: 'Sent outside / abroad' },
};

/** Organiser of a person-time: a class's programme organiser type; an outside record abroad or not. */
export const STAT_ORGANISER_LABELS: Record<string, { vi: string; en: string }> = {
  provincial_school: { vi: 'Trường Chính trị tỉnh', en: 'Provincial school' },
  commune_centre: { vi: 'Trung tâm chính trị cấp xã', en: 'Commune centre' },
  outside_institution: { vi: 'Cơ sở đào tạo ngoài tỉnh', en: 'Outside institution' },
  abroad: { vi: 'Nước ngoài', en: 'Abroad' },
};

export const STAT_MODE_LABELS: Record<string, { vi: string; en: string }> = {
  full_time: { vi: 'Tập trung', en: 'Full time' },
  part_time: { vi: 'Không tập trung', en: 'Part time' },
  online: { vi: 'Trực tuyến', en: 'Online' },
};

/** The "young" age limit: a setting with its source (see decision 0047: no single legal definition). */
export interface YoungAgeSetting {
  /** Young when the age on the training's start date is below this. */
  underAge: number;
  source: string;
}

/**
 * The default: the product's one "young cadre" threshold (needs.YOUNG_CADRE_DEFINITION, under 35,
 * not verified against a legal text), so statistics and needs count the same people as young.
 * Migration 030 writes it as the first row of `statistics_settings`; the board may change it there.
 */
export const DEFAULT_YOUNG_AGE: YoungAgeSetting = {
  underAge: YOUNG_CADRE_DEFINITION.maxAgeExclusive,
  source: `${YOUNG_CADRE_DEFINITION.source.title}. ${YOUNG_CADRE_DEFINITION.source.note}`,
};

/** Young on `on` under `limit`: the whole-year age on that date is below the limit. */
export function isYoung(birthDate: IsoDate, on: IsoDate, limit: number): boolean {
  return ageOn(birthDate, on) < limit;
}

/** A period [from, to]: both valid dates, the end not before the start, at most `maxYears` long. */
export function checkPeriod(from: string, to: string, maxYears = 50): { path: string; code: 'INVALID_DATE' | 'STAT_PERIOD_ENDS_BEFORE_START' | 'STAT_PERIOD_TOO_LONG' }[] {
  if (!isIsoDate(from)) return [{ path: 'from', code: 'INVALID_DATE' }];
  if (!isIsoDate(to)) return [{ path: 'to', code: 'INVALID_DATE' }];
  if (to < from) return [{ path: 'to', code: 'STAT_PERIOD_ENDS_BEFORE_START' }];
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) >= maxYears) return [{ path: 'to', code: 'STAT_PERIOD_TOO_LONG' }];
  return [];
}

/**
 * The calendar years a training running [start, end] is counted in within the period [from, to]:
 * each year it runs in (as plans' realisation counts a carried-over class again next year).
 */
export function yearsCounted(start: IsoDate, end: IsoDate, from: IsoDate, to: IsoDate): number[] {
  const a = start > from ? start : from;
  const b = end < to ? end : to;
  if (a > b) return [];
  const out: number[] = [];
  for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) out.push(y);
  return out;
}

/** The shares the seeds report, in person-times: young, female, ethnic minority, party members. */
export interface ShareCounts {
  personTimes: number;
  young: number;
  female: number;
  minority: number;
  partyMember: number;
}

export const SHARE_ROUNDING: PercentRounding = { mode: 'half_up', decimals: 1 };

export function shares(c: ShareCounts, rounding: PercentRounding = SHARE_ROUNDING): Record<'young' | 'female' | 'minority' | 'partyMember', Percent> {
  return {
    young: percent(c.young, c.personTimes, rounding),
    female: percent(c.female, c.personTimes, rounding),
    minority: percent(c.minority, c.personTimes, rounding),
    partyMember: percent(c.partyMember, c.personTimes, rounding),
  };
}

/** One person-time as facts (the pure model of a row the SQL produces; used by tests and checks). */
export interface PersonTime {
  source: StatSource;
  factId: number;
  personId: number;
  start: IsoDate;
  end: IsoDate;
  completed: boolean;
  keys: Partial<Record<StatDimension, string>>;
}

/**
 * Groups person-times by `dims` within [from, to] (the reference implementation of the SQL): a
 * person-time counts once per group; under `year` once per year it runs in. Returns person-times
 * and distinct people per group key (keys joined with "|").
 */
export function group(rows: readonly PersonTime[], dims: readonly StatDimension[], from: IsoDate, to: IsoDate): Map<string, { personTimes: number; people: number }> {
  const acc = new Map<string, { personTimes: number; people: Set<number> }>();
  for (const r of rows) {
    const years = yearsCounted(r.start, r.end, from, to);
    if (years.length === 0) continue;
    const perYear = dims.includes('year') ? years : [years[0]!];
    for (const y of perYear) {
      const key = dims.map((d) => (d === 'year' ? String(y) : (r.keys[d] ?? ''))).join('|');
      const g = acc.get(key) ?? { personTimes: 0, people: new Set<number>() };
      g.personTimes += 1;
      g.people.add(r.personId);
      acc.set(key, g);
    }
  }
  return new Map([...acc].map(([k, v]) => [k, { personTimes: v.personTimes, people: v.people.size }]));
}
