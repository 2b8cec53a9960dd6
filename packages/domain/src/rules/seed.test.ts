/**
 * Every shipped rule, evaluated on its own at its boundaries: the facts that just pass, just fail,
 * and are missing. Cases are derived from each rule's own figures, so a corrected figure is tested too.
 */
import { describe, expect, it } from 'vitest';
import { addYears, type IsoDate } from '../dates.js';
import { appraisalYears, evaluateRule, type CheckOutcome } from './checks.js';
import type { PersonFacts } from './facts.js';
import { addDays, inForce } from './period.js';
import { REFERENCE_LEVEL_ROWS, REFERENCE_TITLES, SHIPPED_PROGRAMMES, SHIPPED_RULE_SETS, SHIPPED_STANDARDS, UNVERIFIED } from './seed.js';
import { context, person } from './test-fixtures.js';
import { STUDY_MODES, type AgeBound, type Rule, type StudyMode } from './types.js';

interface Case {
  name: string;
  over: Partial<PersonFacts>;
  outcome: CheckOutcome;
  mode?: StudyMode;
  studyField?: string | null;
  missing?: string[];
}

const NOT_MEMBER: Partial<PersonFacts> = { partyMembership: 'not_member', partyJoinedOn: null, partyOfficialOn: null };
const UNKNOWN_MEMBER: Partial<PersonFacts> = { partyMembership: null, partyJoinedOn: null, partyOfficialOn: null };

/** A day well inside the rule's period. */
function asOfFor(rule: Rule): IsoDate {
  return rule.period.to ? addDays(rule.period.to, -60) : addDays(rule.period.from, 60);
}

function levelsOf(kind: string) {
  return REFERENCE_LEVEL_ROWS.filter((r) => r.kind === kind);
}

function levelAt(kind: string, rank: number): string | undefined {
  return levelsOf(kind).find((r) => r.rank === rank)?.code;
}

function rankOf(kind: string, code: string): number {
  return levelsOf(kind).find((r) => r.code === code)?.rank ?? 0;
}

const held = (kind: string, level: string | undefined) => (level ? [{ kind, level, field: null, awardedOn: '2010-01-01' }] : []);

function targetPostCases(rule: Extract<Rule, { kind: 'target_post' }>, asOf: IsoDate): Case[] {
  const groupTitles = (rule.params.titleGroups ?? []).map((g) => Object.keys(REFERENCE_TITLES).find((c) => REFERENCE_TITLES[c]?.level === g.level) ?? '');
  const code = rule.params.titleCodes?.[0] ?? groupTitles[0] ?? '';
  const year = Number(asOf.slice(0, 4));
  const none = { currentTitleCode: null, plannedTitles: [] };
  return [
    ...groupTitles.map((t): Case => ({ name: `holds ${t} (by title group)`, over: { ...none, currentTitleCode: t }, outcome: 'pass' })),
    { name: `holds ${code}`, over: { ...none, currentTitleCode: code }, outcome: 'pass' },
    { name: `planned for ${code}`, over: { ...none, plannedTitles: [{ titleCode: code, term: `${year}-${year + 5}` }] }, outcome: rule.params.includePlanned ? 'pass' : 'fail' },
    { name: `planned for ${code} in an ended term`, over: { ...none, plannedTitles: [{ titleCode: code, term: `${year - 10}-${year - 5}` }] }, outcome: 'fail' },
    { name: 'no title and no planning', over: none, outcome: 'fail' },
  ];
}

function targetGroupCases(rule: Extract<Rule, { kind: 'target_group' }>): Case[] {
  const outsider: Partial<PersonFacts> = { ...NOT_MEMBER, category: 'quan_chung', rankCode: null };
  const cases: Case[] = rule.params.anyOf.map((opt, i) => ({
    name: `matches option ${i + 1}`,
    over: { ...outsider, category: opt.categories?.[0] ?? 'quan_chung', rankCode: opt.rankCodes?.[0] ?? null, ...(opt.partyMember ? { partyMembership: 'member', partyJoinedOn: '2015-01-01' } : {}) },
    outcome: 'pass',
  }));
  cases.push({ name: 'matches no option', over: outsider, outcome: 'fail' });
  if (rule.params.anyOf.some((o) => o.partyMember)) {
    cases.push({ name: 'membership unknown, no other option', over: { ...outsider, ...UNKNOWN_MEMBER, category: 'vien_chuc' }, outcome: 'missing_fact', missing: ['partyMembership'] });
  }
  return cases;
}

function partyMemberCases(rule: Extract<Rule, { kind: 'party_member' }>, asOf: IsoDate): Case[] {
  const common: Case[] = [
    { name: 'not a member', over: NOT_MEMBER, outcome: 'fail' },
    { name: 'membership unknown', over: UNKNOWN_MEMBER, outcome: 'missing_fact', missing: ['partyMembership'] },
    { name: 'member, dates unknown', over: { partyMembership: 'member', partyJoinedOn: null, partyOfficialOn: null }, outcome: 'pass' },
    { name: 'joins the day after asOf', over: { partyMembership: null, partyJoinedOn: addDays(asOf, 1), partyOfficialOn: null }, outcome: 'fail' },
  ];
  if (rule.params.status === 'member') {
    return [...common, { name: 'probationary member who joined on asOf', over: { partyJoinedOn: asOf, partyOfficialOn: null }, outcome: 'pass' }];
  }
  return [
    ...common,
    { name: 'official on asOf', over: { partyJoinedOn: addYears(asOf, -1), partyOfficialOn: asOf }, outcome: 'pass' },
    { name: 'probationary, joined 100 days ago', over: { partyJoinedOn: addDays(asOf, -100), partyOfficialOn: null }, outcome: 'fail' },
    { name: 'status unknown, official date not recorded', over: { partyMembership: null, partyJoinedOn: addYears(asOf, -2), partyOfficialOn: null }, outcome: 'missing_fact', missing: ['partyOfficialOn'] },
    { name: 'probationary member', over: { partyMembership: 'probationary', partyJoinedOn: addYears(asOf, -2), partyOfficialOn: null }, outcome: 'fail' },
  ];
}

function minQualificationCases(rule: Extract<Rule, { kind: 'min_qualification' }>): Case[] {
  const { kind, minLevel, alternatives = [] } = rule.params;
  const below = levelAt(kind, rankOf(kind, minLevel) - 1);
  const cases: Case[] = [
    { name: `holds ${minLevel}`, over: { qualifications: held(kind, minLevel) }, outcome: 'pass' },
    { name: `holds ${below ?? 'nothing'} (one level below)`, over: { qualifications: held(kind, below) }, outcome: 'fail' },
  ];
  for (const alt of alternatives) {
    cases.push(
      { name: `ethnic minority holding ${alt.level}`, over: { ethnicMinority: true, qualifications: held(kind, alt.level) }, outcome: 'pass' },
      { name: `Kinh holding ${alt.level}`, over: { ethnicMinority: false, qualifications: held(kind, alt.level) }, outcome: 'fail' },
    );
  }
  return cases;
}

function appraisalCases(rule: Extract<Rule, { kind: 'appraisal_streak' }>, asOf: IsoDate): Case[] {
  const years = appraisalYears(asOf, rule.params.years);
  const min = rule.params.minClassification;
  const all = years.map((year) => ({ year, classification: min }));
  const oldest = years[years.length - 1] as number;
  return [
    { name: `${min} in ${years.join(', ')}`, over: { appraisals: all }, outcome: 'pass' },
    { name: `completed in ${years[0]}`, over: { appraisals: all.map((a, i) => (i === 0 ? { ...a, classification: 'completed' as const } : a)) }, outcome: 'fail' },
    { name: `no record for ${oldest}`, over: { appraisals: all.filter((a) => a.year !== oldest) }, outcome: 'missing_fact', missing: [`appraisals.${oldest}`] },
  ];
}

function bound(b: AgeBound | undefined, gender: 'male' | 'female'): number | undefined {
  return typeof b === 'object' ? b[gender] : b;
}

function ageCases(rule: Extract<Rule, { kind: 'age_limit' }>, asOf: IsoDate): Case[] {
  const { modes } = rule.params;
  const mode = modes?.[0] ?? 'full_time';
  const cases: Case[] = [{ name: 'no birth date', over: { birthDate: null }, mode, outcome: 'missing_fact', missing: ['birthDate'] }];
  for (const gender of ['female', 'male'] as const) {
    const lo = bound(rule.params.min, gender);
    const hi = bound(rule.params.max, gender);
    if (lo !== undefined) {
      cases.push(
        { name: `${gender} turning ${lo} on asOf`, over: { gender, birthDate: addYears(asOf, -lo) }, mode, outcome: 'pass' },
        { name: `${gender} turning ${lo} the day after`, over: { gender, birthDate: addDays(addYears(asOf, -lo), 1) }, mode, outcome: 'fail' },
      );
    }
    if (hi !== undefined) {
      cases.push(
        { name: `${gender} turning ${hi} on asOf`, over: { gender, birthDate: addYears(asOf, -hi) }, mode, outcome: 'pass' },
        { name: `${gender} turning ${hi + 1} the day after`, over: { gender, birthDate: addDays(addYears(asOf, -(hi + 1)), 1) }, mode, outcome: 'pass' },
        { name: `${gender} turning ${hi + 1} on asOf`, over: { gender, birthDate: addYears(asOf, -(hi + 1)) }, mode, outcome: 'fail' },
      );
    }
  }
  const other = STUDY_MODES.find((m) => modes && !modes.includes(m));
  if (other) cases.push({ name: `${other}: not applicable`, over: { birthDate: null }, mode: other, outcome: 'not_applicable' });
  return cases;
}

function serviceCases(rule: Extract<Rule, { kind: 'min_service_years' }>, asOf: IsoDate): Case[] {
  const n = rule.params.years;
  return [
    { name: `started exactly ${n} years before`, over: { serviceStartedOn: addYears(asOf, -n) }, outcome: 'pass' },
    { name: `${n} years the day after asOf`, over: { serviceStartedOn: addDays(addYears(asOf, -n), 1) }, outcome: 'fail' },
    { name: 'no service start', over: { serviceStartedOn: null }, outcome: 'missing_fact', missing: ['serviceStartedOn'] },
  ];
}

function fieldCases(): Case[] {
  return [
    { name: 'law for a justice post', over: { jobPositionCode: 'TP' }, studyField: 'Luật hành chính', outcome: 'pass' },
    { name: 'electrical engineering for a justice post', over: { jobPositionCode: 'TP' }, studyField: 'Kỹ thuật điện', outcome: 'fail' },
    { name: 'no study field', over: { jobPositionCode: 'TP' }, studyField: null, outcome: 'missing_fact', missing: ['studyField'] },
    { name: 'no job position', over: { jobPositionCode: null }, studyField: 'Luật', outcome: 'missing_fact', missing: ['jobPositionCode'] },
  ];
}

function notHoldingCases(rule: Extract<Rule, { kind: 'not_already_holding' }>): Case[] {
  const { kind, level } = rule.params;
  const rank = rankOf(kind, level);
  const above = levelAt(kind, rank + 1);
  const below = levelAt(kind, rank - 1);
  return [
    { name: `holds ${level}`, over: { qualifications: held(kind, level) }, outcome: 'fail' },
    ...(above ? [{ name: `holds ${above}`, over: { qualifications: held(kind, above) }, outcome: 'fail' as const }] : []),
    ...(below ? [{ name: `holds ${below}`, over: { qualifications: held(kind, below) }, outcome: 'pass' as const }] : []),
    { name: 'holds nothing of the kind', over: { qualifications: [] }, outcome: 'pass' },
  ];
}

function notEnrolledCases(rule: Extract<Rule, { kind: 'not_enrolled' }>): Case[] {
  return [
    ...(rule.params.programmeCodes ?? []).map((code): Case => ({ name: `enrolled in ${code}`, over: { enrolledProgrammeCodes: [code] }, outcome: 'fail' })),
    { name: 'enrolled in nothing', over: { enrolledProgrammeCodes: [] }, outcome: 'pass' },
    { name: 'enrolled in another kind of programme', over: { enrolledProgrammeCodes: ['OTHER'] }, outcome: 'pass' },
  ];
}

function casesFor(rule: Rule, asOf: IsoDate): Case[] {
  switch (rule.kind) {
    case 'target_post':
      return targetPostCases(rule, asOf);
    case 'target_group':
      return targetGroupCases(rule);
    case 'party_member':
      return partyMemberCases(rule, asOf);
    case 'min_qualification':
      return minQualificationCases(rule);
    case 'appraisal_streak':
      return appraisalCases(rule, asOf);
    case 'age_limit':
      return ageCases(rule, asOf);
    case 'min_service_years':
      return serviceCases(rule, asOf);
    case 'field_matches_job':
      return fieldCases();
    case 'not_already_holding':
      return notHoldingCases(rule);
    case 'not_enrolled':
      return notEnrolledCases(rule);
  }
}

const ALL_RULES = SHIPPED_RULE_SETS.flatMap((set) => set.rules.map((rule) => ({ programme: set.programmeCode, rule })));

const TABLE = ALL_RULES.flatMap(({ programme, rule }) => {
  const asOf = asOfFor(rule);
  return casesFor(rule, asOf).map((c) => [`${rule.id} on ${asOf}: ${c.name}`, { programme, rule, asOf, c }] as const);
});

describe('every shipped rule at its boundaries', () => {
  it('has cases for every rule', () => {
    const covered = new Set(TABLE.map(([, t]) => t.rule.id));
    expect([...covered].sort()).toEqual(ALL_RULES.map((r) => r.rule.id).sort());
  });

  it.each(TABLE)('%s', (_name, { programme, rule, asOf, c }) => {
    const r = evaluateRule(rule, context({ person: person(c.over), asOf, mode: c.mode ?? 'full_time', programmeCode: programme, studyField: c.studyField ?? null }));
    expect(r.outcome).toBe(c.outcome);
    if (c.missing) expect(r.missing).toEqual(c.missing);
    expect(r.message.length).toBeGreaterThan(0);
  });
});

describe('shipped data', () => {
  const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

  it.each(ALL_RULES.map(({ rule }) => [rule.id, rule] as const))('%s: Vietnamese description, id naming its document', (id, rule) => {
    expect(rule.description).toMatch(VIETNAMESE);
    const [prefix] = id.split('.');
    const tag = prefix?.split('_').pop() ?? '';
    expect(rule.source.code.startsWith(tag)).toBe(true);
    if (rule.note) expect(rule.note).toMatch(/[ạ-ỹ]/);
  });

  it('every standard has a Vietnamese description', () => {
    for (const s of SHIPPED_STANDARDS) expect(s.description).toMatch(VIETNAMESE);
  });

  it('marks unverified figures for the administrator', () => {
    const unverified = ALL_RULES.filter(({ rule }) => rule.note?.includes(UNVERIFIED)).map(({ rule }) => rule.id);
    expect(unverified).toContain('CC_LLCT_350.age_full_time');
    expect(unverified).toContain('TC_LLCT_57.education');
    expect(unverified).not.toContain('TC_LLCT_350.education');
  });

  it.each([
    ['SC_LLCT', '2025-08-28', '_57.'],
    ['SC_LLCT', '2025-08-29', '_350.'],
    ['TC_LLCT', '2022-02-08', '_57.'],
    ['TC_LLCT', '2025-08-28', '_57.'],
    ['TC_LLCT', '2025-08-29', '_350.'],
    ['CC_LLCT', '2025-08-28', '_57.'],
    ['CC_LLCT', '2025-08-29', '_350.'],
    ['QLNN_CV', '2025-06-30', '_101.'],
    ['QLNN_CV', '2025-07-01', '_171.'],
    ['QLNN_CVC', '2025-06-30', '_101.'],
    ['QLNN_CVCC', '2025-07-01', '_171.'],
    ['SDH_THS', '2025-07-01', '_171.'],
    ['SDH_TS', '2030-01-01', '_171.'],
  ])('%s on %s uses only the rules of %s', (programme, asOf, tag) => {
    const set = SHIPPED_RULE_SETS.find((s) => s.programmeCode === programme);
    const rules = inForce(set?.rules ?? [], asOf);
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) expect(r.id).toContain(tag);
  });

  it('every programme has rules and every rule set a programme', () => {
    const codes = SHIPPED_PROGRAMMES.map((p) => p.code).sort();
    expect(SHIPPED_RULE_SETS.map((s) => s.programmeCode).sort()).toEqual(codes);
    for (const s of SHIPPED_RULE_SETS) for (const r of s.rules) expect(r.id.startsWith(`${s.programmeCode}_`)).toBe(true);
  });
});
