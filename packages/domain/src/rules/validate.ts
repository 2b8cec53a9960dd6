/**
 * Validation of rule data before it is stored, and the versioning of rules and standards.
 * Every problem is reported (not just the first), each with a field path and a stable code.
 */
import { isIsoDate } from '../dates.js';
import { APPRAISAL_CLASSIFICATIONS, PERSON_CATEGORIES } from '../vocabulary.js';
import type { LevelCatalogue } from './facts.js';
import { addDays, isActive, periodsOverlap } from './period.js';
import {
  RULE_KINDS,
  STUDY_MODES,
  type AgeBound,
  type EffectivePeriod,
  type Requirement,
  type Rule,
  type RuleSet,
  type SourceDocument,
  type Standard,
  type Versioned,
} from './types.js';

export type RuleErrorCode =
  | 'INVALID_ID'
  | 'INVALID_VERSION'
  | 'INVALID_DATE'
  | 'PERIOD_ENDS_BEFORE_START'
  | 'MISSING_SOURCE'
  | 'MISSING_DESCRIPTION'
  | 'UNKNOWN_RULE_KIND'
  | 'UNKNOWN_QUALIFICATION_KIND'
  | 'UNKNOWN_LEVEL'
  | 'UNKNOWN_TITLE'
  | 'UNKNOWN_JOB_POSITION'
  | 'UNKNOWN_RANK'
  | 'UNKNOWN_PROGRAMME'
  | 'UNKNOWN_CATEGORY'
  | 'UNKNOWN_CLASSIFICATION'
  | 'UNKNOWN_MODE'
  | 'EMPTY_TARGET'
  | 'INVALID_NUMBER'
  | 'AGE_MIN_ABOVE_MAX'
  | 'TARGET_REQUIRED'
  | 'OVERLAPPING_PERIOD'
  | 'DUPLICATE_VERSION'
  | 'KIND_MISMATCH'
  | 'ID_MISMATCH'
  | 'VERSION_NOT_NEXT'
  | 'UNKNOWN_VERSION'
  | 'CORRECTION_PERIOD_MISMATCH';

export interface FieldError {
  /** Path of the offending field, e.g. 'rules[3].params.minLevel'. */
  path: string;
  code: RuleErrorCode;
  message: string;
}

/** Codes of the reference tables a rule may name; a list left out is not checked. */
export interface ReferenceCodes {
  titles?: readonly string[];
  jobPositions?: readonly string[];
  ranks?: readonly string[];
  programmes?: readonly string[];
}

type Add = (path: string, code: RuleErrorCode, message: string) => void;

function collector(): { errors: FieldError[]; add: Add } {
  const errors: FieldError[] = [];
  return { errors, add: (path, code, message) => errors.push({ path, code, message }) };
}

const ID = /^[A-Za-z0-9_.\-]+$/;
const CATEGORY_CODES: readonly string[] = PERSON_CATEGORIES.map((c) => c.code);
const CLASSIFICATION_CODES: readonly string[] = APPRAISAL_CLASSIFICATIONS.map((c) => c.code);

function checkVersioned(v: Versioned, add: Add): void {
  if (typeof v.id !== 'string' || !ID.test(v.id)) add('id', 'INVALID_ID', 'Mã quy định chỉ gồm chữ, số, dấu chấm, gạch dưới.');
  if (!Number.isInteger(v.version) || v.version < 1) add('version', 'INVALID_VERSION', 'Số phiên bản phải là số nguyên dương.');
  checkPeriod('period', v.period, add);
}

function checkPeriod(path: string, period: EffectivePeriod, add: Add): void {
  const fromOk = isIsoDate(period.from);
  const toOk = period.to === null || isIsoDate(period.to);
  if (!fromOk) add(`${path}.from`, 'INVALID_DATE', 'Ngày bắt đầu hiệu lực không hợp lệ.');
  if (!toOk) add(`${path}.to`, 'INVALID_DATE', 'Ngày hết hiệu lực không hợp lệ.');
  if (fromOk && toOk && period.to !== null && period.to < period.from) {
    add(`${path}.to`, 'PERIOD_ENDS_BEFORE_START', 'Ngày hết hiệu lực trước ngày bắt đầu hiệu lực.');
  }
}

function checkSource(source: SourceDocument, add: Add): void {
  for (const key of ['code', 'title', 'issuer'] as const) {
    if (!source[key]?.trim()) add(`source.${key}`, 'MISSING_SOURCE', 'Thiếu thông tin văn bản căn cứ.');
  }
  if (!isIsoDate(source.issuedOn)) add('source.issuedOn', 'INVALID_DATE', 'Ngày ban hành văn bản không hợp lệ.');
}

function checkLevel(path: string, kind: string, level: string, levels: LevelCatalogue, add: Add): void {
  const byCode = levels[kind];
  if (!byCode) add(`${path}.kind`, 'UNKNOWN_QUALIFICATION_KIND', `Không có loại trình độ "${kind}".`);
  else if (!byCode[level]) add(path, 'UNKNOWN_LEVEL', `Không có trình độ "${level}" thuộc loại "${kind}".`);
}

function checkRequirement(path: string, req: Requirement, levels: LevelCatalogue, add: Add): void {
  checkLevel(`${path}.minLevel`, req.kind, req.minLevel, levels, add);
  (req.alternatives ?? []).forEach((alt, i) => {
    if (levels[req.kind]) checkLevel(`${path}.alternatives[${i}].level`, req.kind, alt.level, levels, add);
  });
}

function checkCodes(path: string, codes: readonly string[] | undefined, known: readonly string[] | undefined, code: RuleErrorCode, what: string, add: Add): void {
  if (!codes || !known) return;
  codes.forEach((c, i) => {
    if (!known.includes(c)) add(`${path}[${i}]`, code, `Không có ${what} "${c}".`);
  });
}

function checkWholeNumber(path: string, n: number | undefined, min: number, max: number, add: Add): void {
  if (n === undefined) return;
  if (!Number.isInteger(n) || n < min || n > max) add(path, 'INVALID_NUMBER', `Phải là số nguyên từ ${min} đến ${max}.`);
}

function boundValues(b: AgeBound | undefined): number[] {
  if (b === undefined) return [];
  return typeof b === 'number' ? [b] : [b.male, b.female];
}

function checkAgeBounds(min: AgeBound | undefined, max: AgeBound | undefined, add: Add): void {
  if (min === undefined && max === undefined) add('params', 'EMPTY_TARGET', 'Giới hạn tuổi cần ít nhất một mức tối thiểu hoặc tối đa.');
  for (const [name, b] of [['min', min], ['max', max]] as const) {
    boundValues(b).forEach((n) => checkWholeNumber(`params.${name}`, n, 0, 100, add));
  }
  for (const g of ['male', 'female'] as const) {
    const lo = typeof min === 'number' ? min : min?.[g];
    const hi = typeof max === 'number' ? max : max?.[g];
    if (lo !== undefined && hi !== undefined && lo > hi) add('params.min', 'AGE_MIN_ABOVE_MAX', 'Tuổi tối thiểu lớn hơn tuổi tối đa.');
  }
}

function checkParams(rule: Rule, levels: LevelCatalogue, refs: ReferenceCodes, add: Add): void {
  switch (rule.kind) {
    case 'target_post': {
      const { titleCodes = [], titleGroups = [] } = rule.params;
      if (titleCodes.length + titleGroups.length === 0) add('params', 'EMPTY_TARGET', 'Chưa nêu chức danh nào thuộc đối tượng.');
      checkCodes('params.titleCodes', titleCodes, refs.titles, 'UNKNOWN_TITLE', 'chức danh', add);
      return;
    }
    case 'target_group': {
      if (rule.params.anyOf.length === 0) add('params.anyOf', 'EMPTY_TARGET', 'Chưa nêu nhóm đối tượng nào.');
      rule.params.anyOf.forEach((opt, i) => {
        const path = `params.anyOf[${i}]`;
        if (!opt.categories?.length && !opt.rankCodes?.length && opt.partyMember !== true && !opt.unitLevel) add(path, 'EMPTY_TARGET', 'Nhóm đối tượng trống.');
        if (opt.unitLevel !== undefined && opt.unitLevel !== 'commune' && opt.unitLevel !== 'province') {
          add(`${path}.unitLevel`, 'UNKNOWN_LEVEL', `Không có cấp "${String(opt.unitLevel)}".`);
        }
        checkCodes(`${path}.categories`, opt.categories, CATEGORY_CODES, 'UNKNOWN_CATEGORY', 'đối tượng', add);
        checkCodes(`${path}.rankCodes`, opt.rankCodes, refs.ranks, 'UNKNOWN_RANK', 'ngạch', add);
      });
      return;
    }
    case 'party_member':
      checkWholeNumber('params.minYears', rule.params.minYears, 0, 60, add);
      return;
    case 'min_qualification':
      checkRequirement('params', rule.params, levels, add);
      return;
    case 'appraisal_streak':
      if (!CLASSIFICATION_CODES.includes(rule.params.minClassification)) {
        add('params.minClassification', 'UNKNOWN_CLASSIFICATION', `Không có mức xếp loại "${rule.params.minClassification}".`);
      }
      checkWholeNumber('params.years', rule.params.years, 1, 10, add);
      checkCodes('params.categories', rule.params.categories, CATEGORY_CODES, 'UNKNOWN_CATEGORY', 'đối tượng', add);
      return;
    case 'age_limit':
      checkAgeBounds(rule.params.min, rule.params.max, add);
      checkCodes('params.modes', rule.params.modes, STUDY_MODES, 'UNKNOWN_MODE', 'hình thức học', add);
      checkCodes('params.categories', rule.params.categories, CATEGORY_CODES, 'UNKNOWN_CATEGORY', 'đối tượng', add);
      return;
    case 'min_service_years':
      checkWholeNumber('params.years', rule.params.years, 1, 60, add);
      checkCodes('params.categories', rule.params.categories, CATEGORY_CODES, 'UNKNOWN_CATEGORY', 'đối tượng', add);
      return;
    case 'field_matches_job':
      if (rule.params.minLevel !== undefined) checkLevel('params.minLevel', 'education', rule.params.minLevel, levels, add);
      return;
    case 'not_already_holding':
      checkLevel('params.level', rule.params.kind, rule.params.level, levels, add);
      return;
    case 'not_enrolled':
      checkCodes('params.programmeCodes', rule.params.programmeCodes, refs.programmes, 'UNKNOWN_PROGRAMME', 'chương trình', add);
      return;
  }
}

/** Every problem of one rule, paths relative to the rule. */
export function validateRule(rule: Rule, levels: LevelCatalogue, refs: ReferenceCodes = {}): FieldError[] {
  const { errors, add } = collector();
  checkVersioned(rule, add);
  checkSource(rule.source, add);
  if (!rule.description?.trim()) add('description', 'MISSING_DESCRIPTION', 'Thiếu nội dung quy định.');
  if (!RULE_KINDS.includes(rule.kind)) add('kind', 'UNKNOWN_RULE_KIND', `Không có loại điều kiện "${String(rule.kind)}".`);
  else checkParams(rule, levels, refs, add);
  return errors;
}

/** Every problem of one standard, paths relative to the standard. */
export function validateStandard(standard: Standard, levels: LevelCatalogue, refs: ReferenceCodes = {}): FieldError[] {
  const { errors, add } = collector();
  checkVersioned(standard, add);
  checkSource(standard.source, add);
  if (!standard.description?.trim()) add('description', 'MISSING_DESCRIPTION', 'Thiếu nội dung tiêu chuẩn.');
  const hasTitle = typeof standard.titleCode === 'string';
  const hasJob = typeof standard.jobPositionCode === 'string';
  if (hasTitle === hasJob) add('titleCode', 'TARGET_REQUIRED', 'Tiêu chuẩn phải gắn với đúng một chức danh hoặc một vị trí việc làm.');
  const { titleCode, jobPositionCode } = standard;
  if (titleCode !== undefined && refs.titles && !refs.titles.includes(titleCode)) {
    add('titleCode', 'UNKNOWN_TITLE', `Không có chức danh "${titleCode}".`);
  }
  if (jobPositionCode !== undefined && refs.jobPositions && !refs.jobPositions.includes(jobPositionCode)) {
    add('jobPositionCode', 'UNKNOWN_JOB_POSITION', `Không có vị trí việc làm "${jobPositionCode}".`);
  }
  checkRequirement('requirement', standard.requirement, levels, add);
  return errors;
}

export interface Overlap {
  id: string;
  /** Two versions of `id` whose periods overlap. */
  versions: [number, number];
}

/** Index pairs [i, j] (i < j) of active versions of the same id whose periods overlap. */
function overlappingPairs(versions: readonly Versioned[]): [number, number][] {
  const out: [number, number][] = [];
  versions.forEach((a, i) => {
    versions.forEach((b, j) => {
      if (j > i && isActive(a) && isActive(b) && a.id === b.id && periodsOverlap(a.period, b.period)) out.push([i, j]);
    });
  });
  return out;
}

/** Pairs of active versions of the same id whose periods overlap (any mix of ids may be given). */
export function findOverlaps(versions: readonly Versioned[]): Overlap[] {
  return overlappingPairs(versions).map(([i, j]) => {
    const a = versions[i] as Versioned;
    const b = versions[j] as Versioned;
    return { id: a.id, versions: [a.version, b.version] };
  });
}

/** Duplicate version numbers, kind changes and overlaps among versions of each id. */
function checkVersionsTogether(items: readonly (Versioned & { kind?: string })[], prefix: string, add: Add): void {
  const firstOf = new Map<string, Versioned & { kind?: string }>();
  const seen = new Set<string>();
  items.forEach((v, i) => {
    const key = `${v.id}#${v.version}`;
    if (seen.has(key)) add(`${prefix}[${i}].version`, 'DUPLICATE_VERSION', `Phiên bản ${v.version} của ${v.id} bị trùng.`);
    seen.add(key);
    const first = firstOf.get(v.id);
    if (!first) firstOf.set(v.id, v);
    else if (first.kind !== v.kind) add(`${prefix}[${i}].kind`, 'KIND_MISMATCH', `Các phiên bản của ${v.id} phải cùng loại điều kiện.`);
  });
  for (const [i, j] of overlappingPairs(items)) {
    const a = items[i] as Versioned;
    const b = items[j] as Versioned;
    add(`${prefix}[${j}].period`, 'OVERLAPPING_PERIOD', `Phiên bản ${b.version} của ${b.id} trùng thời gian hiệu lực với phiên bản ${a.version}.`);
  }
}

function prefixed(prefix: string, errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, path: e.path ? `${prefix}.${e.path}` : prefix }));
}

/** Every problem of a programme's rule set: each rule, and the versions of each rule id together. */
export function validateRuleSet(set: RuleSet, levels: LevelCatalogue, refs: ReferenceCodes = {}): FieldError[] {
  const { errors, add } = collector();
  if (refs.programmes && !refs.programmes.includes(set.programmeCode)) {
    add('programmeCode', 'UNKNOWN_PROGRAMME', `Không có chương trình "${set.programmeCode}".`);
  }
  set.rules.forEach((r, i) => errors.push(...prefixed(`rules[${i}]`, validateRule(r, levels, refs))));
  checkVersionsTogether(set.rules, 'rules', add);
  (set.notes ?? []).forEach((n, i) => checkPeriod(`notes[${i}].period`, n.period, add));
  return errors;
}

/** Every problem of a list of standards, including overlapping versions. */
export function validateStandards(standards: readonly Standard[], levels: LevelCatalogue, refs: ReferenceCodes = {}): FieldError[] {
  const { errors, add } = collector();
  standards.forEach((s, i) => errors.push(...prefixed(`[${i}]`, validateStandard(s, levels, refs))));
  checkVersionsTogether(standards, '', add);
  return errors;
}

export type VersionResult<T> = { ok: true; versions: T[] } | { ok: false; errors: FieldError[] };

/**
 * Adds `next` to the versions of one id. Two ways:
 * - a change from a date (no `corrects`): the open version, if it started earlier, is closed the day
 *   before `next` starts; `next` must then overlap no other version;
 * - a correction (`corrects: N`): `next` has exactly version N's period and replaces it; version N is
 *   kept with `supersededBy` for history.
 * `next.version` must be the highest existing version + 1. The input list is not modified.
 */
export function addVersion<T extends Versioned>(existing: readonly T[], next: T): VersionResult<T> {
  const { errors, add } = collector();
  if (existing.some((v) => v.id !== next.id)) add('id', 'ID_MISMATCH', 'Phiên bản mới phải cùng mã với các phiên bản trước.');
  const latest = existing.reduce((m, v) => Math.max(m, v.version), 0);
  if (next.version !== latest + 1) add('version', 'VERSION_NOT_NEXT', `Phiên bản mới phải là ${latest + 1}.`);
  checkPeriod('period', next.period, add);
  if (errors.length > 0) return { ok: false, errors };
  return next.corrects === undefined ? addFromDate(existing, next) : addCorrection(existing, next, next.corrects);
}

function addFromDate<T extends Versioned>(existing: readonly T[], next: T): VersionResult<T> {
  const open = existing.find((v) => isActive(v) && v.period.to === null);
  const closeOpen = open !== undefined && open.period.from < next.period.from;
  const updated = existing.map((v) => (closeOpen && v === open ? { ...v, period: { from: v.period.from, to: addDays(next.period.from, -1) } } : v));
  const candidate = [...updated, next];
  const clashes = findOverlaps(candidate).filter((o) => o.versions.includes(next.version));
  if (clashes.length > 0) {
    const others = clashes.map((o) => (o.versions[0] === next.version ? o.versions[1] : o.versions[0]));
    return {
      ok: false,
      errors: [{ path: 'period', code: 'OVERLAPPING_PERIOD', message: `Thời gian hiệu lực trùng với phiên bản ${others.join(', ')}.` }],
    };
  }
  return { ok: true, versions: candidate };
}

function addCorrection<T extends Versioned>(existing: readonly T[], next: T, corrects: number): VersionResult<T> {
  const target = existing.find((v) => v.version === corrects && isActive(v));
  if (!target) {
    return { ok: false, errors: [{ path: 'corrects', code: 'UNKNOWN_VERSION', message: `Không có phiên bản ${corrects} đang dùng để đính chính.` }] };
  }
  if (target.period.from !== next.period.from || target.period.to !== next.period.to) {
    return {
      ok: false,
      errors: [{ path: 'period', code: 'CORRECTION_PERIOD_MISMATCH', message: 'Bản đính chính phải có đúng thời gian hiệu lực của phiên bản được đính chính.' }],
    };
  }
  return { ok: true, versions: [...existing.map((v) => (v === target ? { ...v, supersededBy: next.version } : v)), next] };
}

/** addVersion for rules; also refuses a change of rule kind. */
export function addRuleVersion(existing: readonly Rule[], next: Rule): VersionResult<Rule> {
  if (existing.some((v) => v.kind !== next.kind)) {
    return { ok: false, errors: [{ path: 'kind', code: 'KIND_MISMATCH', message: 'Phiên bản mới phải cùng loại điều kiện với các phiên bản trước.' }] };
  }
  return addVersion(existing, next);
}

/** addVersion for standards. */
export function addStandardVersion(existing: readonly Standard[], next: Standard): VersionResult<Standard> {
  return addVersion(existing, next);
}
