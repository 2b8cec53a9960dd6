/**
 * One evaluator per rule kind. Each returns the outcome, the facts it used, the facts it missed,
 * and a Vietnamese sentence saying why. No evaluator guesses a missing fact.
 */
import { addYears, ageOn, formatViDate, type IsoDate } from '../dates.js';
import { foldVietnamese } from '../text.js';
import { APPRAISAL_CLASSIFICATIONS, PERSON_CATEGORIES, QUALIFICATION_KINDS, labelOf, type AppraisalClassification, type Gender } from '../vocabulary.js';
import { factLabel, type JobPositionCatalogue, type LevelCatalogue, type PersonFacts, type TitleCatalogue } from './facts.js';
import { RulesError } from './errors.js';
import { highestHeld, levelName, meetsRequirement, requireLevel } from './levels.js';
import {
  STUDY_MODE_LABELS,
  type AgeBound,
  type AgeLimitRule,
  type AppraisalStreakRule,
  type FieldMatchesJobRule,
  type MinQualificationRule,
  type MinServiceYearsRule,
  type NotAlreadyHoldingRule,
  type NotEnrolledRule,
  type PartyMemberRule,
  type Rule,
  type StudyMode,
  type TargetGroupOption,
  type TargetGroupRule,
  type TargetPostRule,
} from './types.js';

export type CheckOutcome = 'pass' | 'fail' | 'missing_fact' | 'not_applicable';

export interface Check {
  outcome: CheckOutcome;
  facts: Record<string, unknown>;
  missing?: string[];
  message: string;
  /** For a decided rule: what was found about the person, without the verdict (the reason when it fails). */
  finding?: string;
}

export interface EvaluationContext {
  person: PersonFacts;
  asOf: IsoDate;
  mode: StudyMode;
  programmeCode: string;
  levels: LevelCatalogue;
  titles?: TitleCatalogue;
  jobPositions?: JobPositionCatalogue;
  /** The field the person is nominated to study (postgraduate). */
  studyField?: string | null;
  /** Programme names by code, to name programmes in messages (the code when absent). */
  programmeNames?: Readonly<Record<string, string>>;
}

type Tri = boolean | null;

const verdict = (ok: boolean): string => (ok ? 'đạt' : 'không đạt');

function decided(ok: boolean, facts: Record<string, unknown>, text: string): Check {
  return { outcome: ok ? 'pass' : 'fail', facts, message: `${text} — ${verdict(ok)}.`, finding: text };
}

function missingFacts(missing: string[], facts: Record<string, unknown>): Check {
  return { outcome: 'missing_fact', facts, missing, message: `Chưa thể kết luận: thiếu ${missing.map(factLabel).join(', ')}.` };
}

const kindLabel = (kind: string): string => labelOf(QUALIFICATION_KINDS, kind);
const classificationLabel = (c: string | null): string => (c === null ? 'chưa có' : labelOf(APPRAISAL_CLASSIFICATIONS, c));

// ---------- party membership ----------

/**
 * Party member on asOf: true/false, or null when the registry cannot tell. A recorded admission date
 * places membership in time; without one, a recorded member or probationary member is taken as a
 * member on asOf (the status is what the registry knows now), a recorded non-member is not one, and
 * an unknown status is null.
 */
export function isPartyMemberOn(p: PersonFacts, asOf: IsoDate): Tri {
  if (p.partyMembership === 'not_member') return false;
  if (p.partyJoinedOn !== null) return p.partyJoinedOn <= asOf;
  if (p.partyOfficialOn !== null && p.partyOfficialOn <= asOf) return true;
  return p.partyMembership === null ? null : true;
}

/**
 * Official member on asOf. A recorded official date decides; a probationary member is not official;
 * a member admitted less than 12 months before asOf was still probationary then. A recorded official
 * member without dates is official; an unknown status with only an old admission date is null.
 */
export function isOfficialMemberOn(p: PersonFacts, asOf: IsoDate): Tri {
  const member = isPartyMemberOn(p, asOf);
  if (member !== true) return member;
  if (p.partyOfficialOn !== null) return p.partyOfficialOn <= asOf;
  if (p.partyMembership === 'probationary') return false;
  if (p.partyJoinedOn !== null && addYears(p.partyJoinedOn, 1) > asOf) return false;
  return p.partyMembership === 'member' ? true : null;
}

/** The fact to ask for when membership on asOf is unknown. */
function membershipFact(p: PersonFacts): string {
  return p.partyMembership === null ? 'partyMembership' : 'partyJoinedOn';
}

function checkPartyMember(rule: PartyMemberRule, ctx: EvaluationContext): Check {
  const p = ctx.person;
  const { status, minYears } = rule.params;
  const facts: Record<string, unknown> = { partyMembership: p.partyMembership, partyJoinedOn: p.partyJoinedOn, partyOfficialOn: p.partyOfficialOn, required: status };
  const member = isPartyMemberOn(p, ctx.asOf);
  if (member === null) return missingFacts([membershipFact(p)], facts);
  if (!member) return decided(false, facts, `Không phải đảng viên tại ngày ${formatViDate(ctx.asOf)}`);
  if (status === 'official') {
    const official = isOfficialMemberOn(p, ctx.asOf);
    if (official === null) return missingFacts(['partyOfficialOn'], facts);
    if (!official) {
      const joined = p.partyJoinedOn ? ` (vào Đảng ngày ${formatViDate(p.partyJoinedOn)})` : '';
      return decided(false, facts, `Đang là đảng viên dự bị${joined}, yêu cầu đảng viên chính thức`);
    }
  }
  if (minYears === undefined) {
    return decided(true, facts, status === 'official' ? 'Là đảng viên chính thức' : 'Là đảng viên');
  }
  const since = rule.params.since ?? (status === 'official' ? 'official' : 'joined');
  const fact = since === 'joined' ? 'partyJoinedOn' : 'partyOfficialOn';
  const from = p[fact];
  if (from === null) return missingFacts([fact], facts);
  const years = ageOn(from, ctx.asOf);
  const what = since === 'joined' ? 'kể từ ngày vào Đảng' : 'kể từ ngày chính thức';
  return decided(years >= minYears, { ...facts, years, minYears, since }, `${years} năm ${what} (${formatViDate(from)}), yêu cầu từ ${minYears} năm`);
}

// ---------- target post and target group ----------

/** A planning term "YYYY-YYYY" that ended before asOf's year no longer counts. */
export function isTermCurrent(term: string, asOf: IsoDate): boolean {
  const m = /^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$/.exec(term);
  return !m || Number(m[2]) >= Number(asOf.slice(0, 4));
}

function titleMatches(rule: TargetPostRule, code: string, titles: TitleCatalogue | undefined): boolean {
  const { titleCodes = [], titleGroups = [] } = rule.params;
  if (titleCodes.includes(code)) return true;
  if (titleGroups.length === 0) return false;
  if (!titles) throw new RulesError('MISSING_CATALOGUE', 'Cần danh mục chức danh để xét nhóm chức danh.', { ruleId: rule.id });
  const info = titles[code];
  return !!info && titleGroups.some((g) => g.level === info.level && (!g.leadershipOnly || info.leadership));
}

function checkTargetPost(rule: TargetPostRule, ctx: EvaluationContext): Check {
  const p = ctx.person;
  const name = (code: string): string => ctx.titles?.[code]?.name ?? code;
  const planned = rule.params.includePlanned ? p.plannedTitles.filter((t) => isTermCurrent(t.term, ctx.asOf)) : [];
  const facts: Record<string, unknown> = { currentTitleCode: p.currentTitleCode, plannedTitles: planned };
  if (p.currentTitleCode !== null && titleMatches(rule, p.currentTitleCode, ctx.titles)) {
    return decided(true, { ...facts, matched: { titleCode: p.currentTitleCode, as: 'current' } }, `Đang giữ chức danh ${name(p.currentTitleCode)}`);
  }
  const hit = planned.find((t) => titleMatches(rule, t.titleCode, ctx.titles));
  if (hit) {
    return decided(true, { ...facts, matched: { titleCode: hit.titleCode, as: 'planned', term: hit.term } }, `Được quy hoạch chức danh ${name(hit.titleCode)} nhiệm kỳ ${hit.term}`);
  }
  const what = rule.params.includePlanned ? 'Không giữ và không được quy hoạch chức danh thuộc đối tượng' : 'Không giữ chức danh thuộc đối tượng';
  return decided(false, facts, what);
}

function describeOption(opt: TargetGroupOption): string {
  const parts: string[] = [];
  if (opt.categories?.length) parts.push(opt.categories.map((c) => labelOf(PERSON_CATEGORIES, c).toLowerCase()).join(' hoặc '));
  if (opt.rankCodes?.length) parts.push(`ngạch ${opt.rankCodes.join(', ')}`);
  if (opt.partyMember) parts.push('đảng viên');
  if (opt.unitLevel) parts.push(opt.unitLevel === 'commune' ? 'công tác ở cấp xã' : 'công tác ở cấp tỉnh');
  return parts.join(', ');
}

function optionMatches(opt: TargetGroupOption, p: PersonFacts, asOf: IsoDate): { result: Tri; missing: string[] } {
  const missing: string[] = [];
  if (opt.categories?.length) {
    if (p.category === null) missing.push('category');
    else if (!opt.categories.includes(p.category)) return { result: false, missing: [] };
  }
  if (opt.rankCodes?.length && (p.rankCode === null || !opt.rankCodes.includes(p.rankCode))) return { result: false, missing: [] };
  if (opt.unitLevel) {
    if (p.unitLevel === null) missing.push('unitLevel');
    else if (p.unitLevel !== opt.unitLevel) return { result: false, missing: [] };
  }
  if (opt.partyMember) {
    const member = isPartyMemberOn(p, asOf);
    if (member === false) return { result: false, missing: [] };
    if (member === null) missing.push(membershipFact(p));
  }
  return { result: missing.length > 0 ? null : true, missing };
}

function checkTargetGroup(rule: TargetGroupRule, ctx: EvaluationContext): Check {
  const p = ctx.person;
  const facts: Record<string, unknown> = { category: p.category, rankCode: p.rankCode, partyMember: isPartyMemberOn(p, ctx.asOf), unitLevel: p.unitLevel };
  const results = rule.params.anyOf.map((opt) => ({ opt, ...optionMatches(opt, p, ctx.asOf) }));
  const hit = results.find((r) => r.result === true);
  if (hit) return decided(true, { ...facts, matched: describeOption(hit.opt) }, `Thuộc đối tượng: ${describeOption(hit.opt)}`);
  const missing = [...new Set(results.flatMap((r) => r.missing))];
  if (missing.length > 0) return missingFacts(missing, facts);
  return decided(false, facts, `Không thuộc đối tượng (${rule.params.anyOf.map(describeOption).join('; ')})`);
}

// ---------- qualifications ----------

function checkMinQualification(rule: MinQualificationRule, ctx: EvaluationContext): Check {
  const req = rule.params;
  const held = highestHeld(ctx.person.qualifications, ctx.levels, req.kind, ctx.asOf);
  const r = meetsRequirement(req, held, ctx.levels, { ethnicMinority: ctx.person.ethnicMinority });
  const facts = { kind: req.kind, required: req.minLevel, held: held?.level ?? null, ethnicMinority: ctx.person.ethnicMinority, alternativeApplied: r.alternativeApplied?.level ?? null };
  const has = `${kindLabel(req.kind)}: ${levelName(ctx.levels, req.kind, held?.level ?? null)}`;
  if (r.alternativeApplied) {
    return decided(true, facts, `${has}; áp dụng tiêu chuẩn đối với người dân tộc thiểu số (từ ${levelName(ctx.levels, req.kind, r.alternativeApplied.level)} trở lên)`);
  }
  return decided(r.met, facts, `${has}; yêu cầu từ ${levelName(ctx.levels, req.kind, req.minLevel)} trở lên`);
}

function checkNotAlreadyHolding(rule: NotAlreadyHoldingRule, ctx: EvaluationContext): Check {
  const { kind, level } = rule.params;
  const limit = requireLevel(ctx.levels, kind, level);
  const held = highestHeld(ctx.person.qualifications, ctx.levels, kind, ctx.asOf);
  const holds = held !== null && held.rank >= limit.rank;
  const facts = { kind, level, held: held?.level ?? null };
  const text = holds
    ? `Đã có ${kindLabel(kind).toLowerCase()} ${levelName(ctx.levels, kind, held.level)} (từ ${limit.name} trở lên)`
    : `Chưa có ${kindLabel(kind).toLowerCase()} từ ${limit.name} trở lên`;
  return decided(!holds, facts, text);
}

// ---------- appraisals, age, service ----------

const CLASSIFICATION_RANK: Record<AppraisalClassification, number> = { not_completed: 0, completed: 1, good: 2, excellent: 3 };

/** The N calendar years immediately before asOf's year, most recent first. */
export function appraisalYears(asOf: IsoDate, n: number): number[] {
  const year = Number(asOf.slice(0, 4));
  return Array.from({ length: n }, (_, i) => year - 1 - i);
}

function checkAppraisalStreak(rule: AppraisalStreakRule, ctx: EvaluationContext): Check {
  const { minClassification, years } = rule.params;
  const counted = appraisalYears(ctx.asOf, years);
  const found = counted.map((y) => ({ year: y, classification: ctx.person.appraisals.find((a) => a.year === y)?.classification ?? null }));
  const facts = { years: counted, classifications: Object.fromEntries(found.map((f) => [String(f.year), f.classification])), required: minClassification };
  const below = found.filter((f) => f.classification !== null && CLASSIFICATION_RANK[f.classification] < CLASSIFICATION_RANK[minClassification]);
  const absent = found.filter((f) => f.classification === null).map((f) => `appraisals.${f.year}`);
  const listed = found.map((f) => `${f.year}: ${classificationLabel(f.classification)}`).join('; ');
  const text = `Xếp loại ${listed}; yêu cầu ${years} năm liên tục liền kề từ "${classificationLabel(minClassification)}" trở lên`;
  if (below.length > 0) return decided(false, facts, text);
  if (absent.length > 0) return missingFacts(absent, facts);
  return decided(true, facts, text);
}

/** The bound for a gender: a number, none, or 'needs_gender' when it differs by gender and gender is unknown. */
function boundFor(bound: AgeBound | undefined, gender: Gender | null): number | undefined | 'needs_gender' {
  if (bound === undefined || typeof bound === 'number') return bound;
  if (gender === null) return bound.male === bound.female ? bound.male : 'needs_gender';
  return bound[gender];
}

function describeBound(bound: AgeBound, gender: Gender | null, word: string): string {
  if (typeof bound === 'number') return `${word} ${bound} tuổi`;
  return gender === 'female' ? `nữ ${word} ${bound.female} tuổi` : `nam ${word} ${bound.male} tuổi`;
}

function checkAgeLimit(rule: AgeLimitRule, ctx: EvaluationContext): Check {
  const { min, max, modes } = rule.params;
  const p = ctx.person;
  if (modes && !modes.includes(ctx.mode)) {
    return { outcome: 'not_applicable', facts: { mode: ctx.mode, modes }, message: `Chỉ áp dụng cho hình thức ${modes.map((m) => STUDY_MODE_LABELS[m]).join(', ')}.` };
  }
  const lo = boundFor(min, p.gender);
  const hi = boundFor(max, p.gender);
  const missing = [...(p.birthDate === null ? ['birthDate'] : []), ...(lo === 'needs_gender' || hi === 'needs_gender' ? ['gender'] : [])];
  const facts: Record<string, unknown> = { birthDate: p.birthDate, gender: p.gender, mode: ctx.mode };
  if (p.birthDate === null || lo === 'needs_gender' || hi === 'needs_gender') return missingFacts(missing, facts);
  const age = ageOn(p.birthDate, ctx.asOf);
  const ok = (lo === undefined || age >= lo) && (hi === undefined || age <= hi);
  const wants = [min !== undefined ? describeBound(min, p.gender, 'từ') : '', max !== undefined ? describeBound(max, p.gender, 'không quá') : ''].filter(Boolean).join(', ');
  return decided(ok, { ...facts, age, min: lo ?? null, max: hi ?? null }, `Tuổi tại ngày ${formatViDate(ctx.asOf)}: ${age} (sinh ngày ${formatViDate(p.birthDate)}); yêu cầu ${wants}`);
}

function checkMinServiceYears(rule: MinServiceYearsRule, ctx: EvaluationContext): Check {
  const start = ctx.person.serviceStartedOn;
  const facts: Record<string, unknown> = { serviceStartedOn: start, minYears: rule.params.years };
  if (start === null) return missingFacts(['serviceStartedOn'], facts);
  const years = Math.max(0, ageOn(start, ctx.asOf));
  return decided(years >= rule.params.years, { ...facts, years }, `Thời gian công tác ${years} năm (từ ${formatViDate(start)}); yêu cầu từ ${rule.params.years} năm`);
}

// ---------- field of study ----------

function words(s: string): string {
  return ` ${foldVietnamese(s).replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/** A field matches a keyword when the keyword's words appear, in order, in the field (no diacritics). */
export function fieldMatches(field: string, keyword: string): boolean {
  const k = words(keyword);
  return k.trim().length > 0 && words(field).includes(k);
}

function checkFieldMatchesJob(rule: FieldMatchesJobRule, ctx: EvaluationContext): Check {
  const p = ctx.person;
  const code = p.jobPositionCode;
  if (code === null) return missingFacts(['jobPositionCode'], { jobPositionCode: null });
  if (!ctx.jobPositions) throw new RulesError('MISSING_CATALOGUE', 'Cần danh mục vị trí việc làm để xét chuyên ngành.', { ruleId: rule.id });
  const job = ctx.jobPositions[code];
  const jobFields = job?.fields ?? [];
  const facts: Record<string, unknown> = { jobPositionCode: code, jobFields };
  if (jobFields.length === 0) return missingFacts(['jobPositionFields'], facts);
  const candidates = fieldCandidates(rule, ctx);
  if (candidates.missing) return missingFacts([candidates.missing], { ...facts, fields: candidates.fields });
  const matched = candidates.fields.find((f) => jobFields.some((k) => fieldMatches(f, k))) ?? null;
  const subject = rule.params.subject === 'study_field' ? 'Chuyên ngành đăng ký đào tạo' : 'Chuyên ngành văn bằng';
  const shown = matched ?? candidates.fields.join(', ');
  return decided(matched !== null, { ...facts, fields: candidates.fields, matched }, `${subject} "${shown}" so với vị trí việc làm ${job?.name ?? code} (${jobFields.join(', ')})`);
}

function fieldCandidates(rule: FieldMatchesJobRule, ctx: EvaluationContext): { fields: string[]; missing?: string } {
  if (rule.params.subject === 'study_field') {
    const f = ctx.studyField?.trim();
    return f ? { fields: [f] } : { fields: [], missing: 'studyField' };
  }
  const minRank = rule.params.minLevel ? requireLevel(ctx.levels, 'education', rule.params.minLevel).rank : 0;
  const held = ctx.person.qualifications.filter((q) => {
    if (q.kind !== 'education' || q.level === null || (q.awardedOn !== null && q.awardedOn > ctx.asOf)) return false;
    return (ctx.levels.education?.[q.level]?.rank ?? 0) >= minRank;
  });
  const fields = held.flatMap((q) => (q.field?.trim() ? [q.field.trim()] : []));
  if (fields.length === 0 && held.length > 0) return { fields, missing: 'qualificationField' };
  return { fields };
}

// ---------- enrolment ----------

function checkNotEnrolled(rule: NotEnrolledRule, ctx: EvaluationContext): Check {
  const codes = rule.params.programmeCodes ?? [ctx.programmeCode];
  const enrolled = ctx.person.enrolledProgrammeCodes.filter((c) => codes.includes(c));
  const facts = { enrolledProgrammeCodes: ctx.person.enrolledProgrammeCodes, checkedCodes: codes };
  const names = enrolled.map((c) => ctx.programmeNames?.[c] ?? c);
  const text = enrolled.length > 0 ? `Đang học chương trình ${names.join(', ')}` : 'Không đang học chương trình cùng loại';
  return decided(enrolled.length === 0, facts, text);
}

/** A rule limited to some categories: "not applicable" to the others, "missing category" when unknown; null when it applies. */
function categoryScopeCheck(rule: Rule, ctx: EvaluationContext): Check | null {
  const categories = 'categories' in rule.params ? rule.params.categories : undefined;
  if (!categories?.length) return null;
  const category = ctx.person.category;
  const facts = { category, categories };
  if (category === null) return missingFacts(['category'], facts);
  if (categories.includes(category)) return null;
  const names = categories.map((c) => labelOf(PERSON_CATEGORIES, c).toLowerCase()).join(', ');
  return { outcome: 'not_applicable', facts, message: `Chỉ áp dụng cho ${names}.` };
}

/** Evaluates one rule (assumed in force and valid) for the context. */
export function evaluateRule(rule: Rule, ctx: EvaluationContext): Check {
  return categoryScopeCheck(rule, ctx) ?? evaluateApplicable(rule, ctx);
}

function evaluateApplicable(rule: Rule, ctx: EvaluationContext): Check {
  switch (rule.kind) {
    case 'target_post':
      return checkTargetPost(rule, ctx);
    case 'target_group':
      return checkTargetGroup(rule, ctx);
    case 'party_member':
      return checkPartyMember(rule, ctx);
    case 'min_qualification':
      return checkMinQualification(rule, ctx);
    case 'appraisal_streak':
      return checkAppraisalStreak(rule, ctx);
    case 'age_limit':
      return checkAgeLimit(rule, ctx);
    case 'min_service_years':
      return checkMinServiceYears(rule, ctx);
    case 'field_matches_job':
      return checkFieldMatchesJob(rule, ctx);
    case 'not_already_holding':
      return checkNotAlreadyHolding(rule, ctx);
    case 'not_enrolled':
      return checkNotEnrolled(rule, ctx);
  }
}
