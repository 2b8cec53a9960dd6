/**
 * Standards, gaps and explainable eligibility (issue 3): programmes, rule and standard versions
 * with their sources, a person's gaps and eligibility, unit gap dashboards, candidate lists and
 * what-if comparisons. Every answer is "as of" a date (default: today in Vietnam).
 */
import { z } from 'zod';
import { APPRAISAL_CLASSIFICATIONS, PERSON_CATEGORIES, codesOf, rules } from '@nang-tam/domain';
import { ZIsoDate, ZPage, zRequiredText, zText, ZId, ZIdNumber } from './common.js';
import { ZGender, ZQualificationKind } from './people.js';

const ZNamed = z.object({ id: z.number(), name: z.string() });
const ZCode = z.string().min(1).max(60);

export const ZStudyMode = z.enum(rules.STUDY_MODES as [rules.StudyMode, ...rules.StudyMode[]]);
export const ZRuleKind = z.enum(rules.RULE_KINDS as [rules.RuleKind, ...rules.RuleKind[]]);
export const ZEligibilityOutcome = z.enum(['eligible', 'not_eligible', 'cannot_decide']);
export const ZCheckOutcome = z.enum(['pass', 'fail', 'missing_fact', 'not_applicable']);

/** The document a rule or standard comes from (văn bản căn cứ). */
export const ZSourceDocument = z.strictObject({
  code: zRequiredText(100).meta({ example: '350-QĐ/TW' }),
  title: zRequiredText(500),
  issuer: zRequiredText(200).meta({ example: 'Ban Bí thư' }),
  issuedOn: ZIsoDate,
  article: zText(200).optional(),
});

/** The source document in answers (output schemas carry no transforms: responses are encoded). */
export const ZSource = z.object({ code: z.string(), title: z.string(), issuer: z.string(), issuedOn: ZIsoDate, article: z.string().optional() });

/** Inclusive on both ends; `to: null` is open-ended. */
export const ZPeriod = z.strictObject({ from: ZIsoDate, to: ZIsoDate.nullable() });

// ---------- programmes ----------

export const ZProgramme = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  modes: z.array(ZStudyMode),
  /** The qualification a graduate receives. */
  grants: z.object({ kind: z.string(), level: z.string(), levelName: z.string() }).nullable(),
  /** Run by the school or a commune centre (classes open here), not by an outside institution or abroad (issue 9). */
  opensClasses: z.boolean(),
});
export type Programme = z.infer<typeof ZProgramme>;
export const ZProgrammeList = z.object({ items: z.array(ZProgramme) });

// ---------- rules: params per kind (mirrors rules.Rule in the domain) ----------

const ZAgeBound = z.union([z.number().int(), z.strictObject({ male: z.number().int(), female: z.number().int() })]);
// kinds and levels are checked against the qualification_levels table by the domain's validateRule
const ZLevelRef = z.strictObject({ kind: ZCode, level: ZCode });
const ZAlternative = z.strictObject({ when: z.literal('ethnic_minority'), level: ZCode });
export const ZRequirement = z.strictObject({ kind: ZCode, minLevel: ZCode, alternatives: z.array(ZAlternative).max(5).optional() });

/** Only for these categories (the others: not applicable); absent: everyone. */
const ZScopeCategories = z.array(z.enum(codesOf(PERSON_CATEGORIES))).min(1).max(10).optional();

export const RULE_PARAMS = {
  target_post: z.strictObject({
    titleCodes: z.array(ZCode).max(100).optional(),
    titleGroups: z.array(z.strictObject({ level: ZCode, leadershipOnly: z.boolean().optional() })).max(10).optional(),
    includePlanned: z.boolean(),
  }),
  target_group: z.strictObject({
    anyOf: z
      .array(
        z.strictObject({
          categories: z.array(z.enum(codesOf(PERSON_CATEGORIES))).max(10).optional(),
          rankCodes: z.array(ZCode).max(50).optional(),
          partyMember: z.boolean().optional(),
          /** Works in a unit at this level ('commune': a commune or ward, or a unit under one). */
          unitLevel: z.enum(['province', 'commune']).optional(),
        }),
      )
      .max(10),
  }),
  party_member: z.strictObject({
    status: z.enum(['member', 'official']),
    minYears: z.number().int().optional(),
    since: z.enum(['joined', 'official']).optional(),
  }),
  min_qualification: ZRequirement,
  appraisal_streak: z.strictObject({ minClassification: z.enum(codesOf(APPRAISAL_CLASSIFICATIONS)), years: z.number().int(), categories: ZScopeCategories }),
  age_limit: z.strictObject({
    min: ZAgeBound.optional(),
    max: ZAgeBound.optional(),
    modes: z.array(ZStudyMode).max(3).optional(),
    categories: ZScopeCategories,
  }),
  min_service_years: z.strictObject({ years: z.number().int(), categories: ZScopeCategories }),
  field_matches_job: z.strictObject({ subject: z.enum(['study_field', 'held_qualification']), minLevel: ZCode.optional() }),
  not_already_holding: ZLevelRef,
  not_enrolled: z.strictObject({ programmeCodes: z.array(ZCode).max(20).optional() }),
} as const satisfies Record<rules.RuleKind, z.ZodType>;

const versionFields = {
  description: zRequiredText(2000),
  source: ZSourceDocument,
  period: ZPeriod,
  note: zText(2000).nullable().optional(),
  /** Set to correct version N over exactly its period (N is kept for history, no longer evaluated). */
  corrects: ZIdNumber.optional(),
  /** The latest version the editor was looking at (0 for a new rule): a different one answers 409. */
  baseVersion: z.number().int().min(0).optional(),
};

function ruleInput<K extends rules.RuleKind>(kind: K) {
  return z.strictObject({
    /** Required when the rule id is new; must match the programme of an existing rule. */
    programmeCode: ZCode.optional(),
    kind: z.literal(kind),
    params: RULE_PARAMS[kind],
    ...versionFields,
  });
}

/** A new version of a rule: a change from `period.from` on, or a correction (`corrects`). */
export const ZRuleVersionInput = z.discriminatedUnion('kind', [
  ruleInput('target_post'),
  ruleInput('target_group'),
  ruleInput('party_member'),
  ruleInput('min_qualification'),
  ruleInput('appraisal_streak'),
  ruleInput('age_limit'),
  ruleInput('min_service_years'),
  ruleInput('field_matches_job'),
  ruleInput('not_already_holding'),
  ruleInput('not_enrolled'),
]);
export type RuleVersionInput = z.infer<typeof ZRuleVersionInput>;

export const ZRuleIdParams = z.strictObject({ ruleId: z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/, { message: 'INVALID_VALUE' }) });

const versionMeta = {
  version: z.number(),
  description: z.string(),
  source: ZSource,
  period: ZPeriod,
  corrects: z.number().nullable(),
  supersededBy: z.number().nullable(),
  note: z.string().nullable(),
  /** Username of the administrator who added it; null for the shipped seed. */
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  /** Not replaced by a correction. */
  active: z.boolean(),
  /** Active and in force on the list's asOf. */
  inForce: z.boolean(),
};

export const ZRuleVersion = z.object({ id: z.string(), programmeCode: z.string(), kind: ZRuleKind, params: z.record(z.string(), z.unknown()), ...versionMeta });
export type RuleVersion = z.infer<typeof ZRuleVersion>;

export const ZRule = z.object({
  id: z.string(),
  programmeCode: z.string(),
  kind: ZRuleKind,
  /** The version in force on asOf, if any. */
  current: ZRuleVersion.nullable(),
  /** Every version, oldest first. */
  versions: z.array(ZRuleVersion),
});
export type Rule = z.infer<typeof ZRule>;

export const ZProgrammeNote = z.object({ programmeCode: z.string(), text: z.string(), source: ZSource, period: ZPeriod, inForce: z.boolean() });

export const ZRuleList = z.object({ asOf: ZIsoDate, items: z.array(ZRule), notes: z.array(ZProgrammeNote) });
export type RuleList = z.infer<typeof ZRuleList>;

export const ZRulesQuery = z.strictObject({ programme: ZCode.optional(), asOf: ZIsoDate.optional() });

// ---------- standards ----------

export const ZStandardVersionInput = z.strictObject({
  /** Exactly one of titleCode / jobPositionCode; for an existing standard it must match. */
  titleCode: ZCode.optional(),
  jobPositionCode: ZCode.optional(),
  requirement: ZRequirement,
  ...versionFields,
});
export type StandardVersionInput = z.infer<typeof ZStandardVersionInput>;

export const ZStandardIdParams = z.strictObject({ standardId: z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/, { message: 'INVALID_VALUE' }) });

export const ZStandardVersion = z.object({
  id: z.string(),
  titleCode: z.string().nullable(),
  jobPositionCode: z.string().nullable(),
  requirement: z.object({
    kind: z.string(),
    minLevel: z.string(),
    minLevelName: z.string(),
    alternatives: z.array(z.object({ when: z.literal('ethnic_minority'), level: z.string(), levelName: z.string() })),
  }),
  ...versionMeta,
});
export type StandardVersion = z.infer<typeof ZStandardVersion>;

export const ZStandard = z.object({
  id: z.string(),
  titleCode: z.string().nullable(),
  jobPositionCode: z.string().nullable(),
  /** Name of the title or job position. */
  targetName: z.string(),
  current: ZStandardVersion.nullable(),
  versions: z.array(ZStandardVersion),
});
export type Standard = z.infer<typeof ZStandard>;

export const ZStandardList = z.object({ asOf: ZIsoDate, items: z.array(ZStandard) });
export const ZStandardsQuery = z.strictObject({ titleCode: ZCode.optional(), jobPositionCode: ZCode.optional(), asOf: ZIsoDate.optional() });

// ---------- job positions (fields matched by the field-matching rule) ----------

export const ZJobPosition = z.object({ id: z.number(), code: z.string(), name: z.string(), fields: z.array(z.string()) });
export const ZJobPositionList = z.object({ items: z.array(ZJobPosition) });
export const ZJobPositionCodeParams = z.strictObject({ code: ZCode });
export const ZJobPositionFieldsInput = z.strictObject({ fields: z.array(zRequiredText(100)).max(50) });

// ---------- one person: gaps and eligibility ----------

export const ZAsOfQuery = z.strictObject({ asOf: ZIsoDate.optional() });

const ZPersonRef = z.object({ id: z.number(), fullName: z.string() });

export const ZRequirementStatus = z.object({
  standardId: z.string(),
  version: z.number(),
  description: z.string(),
  kind: z.string(),
  requiredLevel: z.string(),
  requiredLevelName: z.string(),
  heldLevel: z.string().nullable(),
  heldLevelName: z.string(),
  met: z.boolean(),
  alternativeApplied: z.object({ when: z.string(), level: z.string() }).nullable(),
  /** The lowest level that closes the gap for this person; null when met. */
  neededLevel: z.string().nullable(),
  source: ZSource,
  note: z.string().nullable(),
});

export const ZGapNeed = z.object({ kind: z.string(), level: z.string(), levelName: z.string(), forTargets: z.array(z.string()) });

export const ZGapTarget = z.object({
  role: z.enum(['current_title', 'job_position', 'planned_title']),
  code: z.string(),
  name: z.string(),
  term: z.string().nullable(),
  requirements: z.array(ZRequirementStatus),
  gaps: z.array(ZRequirementStatus),
});

export const ZPersonGaps = z.object({
  person: ZPersonRef,
  asOf: ZIsoDate,
  targets: z.array(ZGapTarget),
  summary: z.object({
    targetCount: z.number(),
    targetsWithGaps: z.number(),
    gapCount: z.number(),
    /** Per kind, the highest level needed across targets: one course closes them all. */
    needs: z.array(ZGapNeed),
    text: z.string(),
  }),
});
export type PersonGaps = z.infer<typeof ZPersonGaps>;

export const ZRuleResult = z.object({
  ruleId: z.string(),
  version: z.number(),
  kind: ZRuleKind,
  description: z.string(),
  outcome: ZCheckOutcome,
  /** The facts the rule used, e.g. { age: 29, birthDate: '1996-05-01' }. */
  facts: z.record(z.string(), z.unknown()),
  missing: z.array(z.string()),
  message: z.string(),
  source: ZSource,
  period: ZPeriod,
  note: z.string().nullable(),
});

export const ZEligibilityResult = z.object({
  programmeCode: z.string(),
  programmeName: z.string(),
  mode: ZStudyMode,
  asOf: ZIsoDate,
  outcome: ZEligibilityOutcome,
  rules: z.array(ZRuleResult),
  /** Missing facts (codes, e.g. 'partyOfficialOn', 'appraisals.2024'), once each. */
  missing: z.array(z.string()),
  /** The same in Vietnamese. */
  missingLabels: z.array(z.string()),
  notes: z.array(z.object({ text: z.string(), source: ZSource })),
  summary: z.string(),
});
export type EligibilityResult = z.infer<typeof ZEligibilityResult>;

export const ZPersonEligibilityQuery = z.strictObject({
  /** One programme; without it, every programme. */
  programme: ZCode.optional(),
  /** One mode; without it, every mode the programme offers. */
  mode: ZStudyMode.optional(),
  asOf: ZIsoDate.optional(),
  /** The field the person would study (field-matching rules, postgraduate). */
  studyField: zText(200).optional(),
});

export const ZPersonEligibility = z.object({ person: ZPersonRef, asOf: ZIsoDate, results: z.array(ZEligibilityResult) });
export type PersonEligibility = z.infer<typeof ZPersonEligibility>;

// ---------- a unit subtree: gaps dashboard ----------

export const ZGapCount = z.object({ kind: z.string(), level: z.string(), levelName: z.string(), people: z.number() });

export const ZUnitGapRow = z.object({
  /** The child unit; null for the people placed directly in the unit itself. */
  unit: ZNamed.nullable(),
  people: z.number(),
  /** People with a title, job position or planned title that has standards in force. */
  withStandards: z.number(),
  withGaps: z.number(),
  /** People by the qualification they lack (per kind, the highest level needed). */
  needs: z.array(ZGapCount),
});

export const ZUnitGaps = z.object({
  unit: ZNamed,
  asOf: ZIsoDate,
  totals: ZUnitGapRow.omit({ unit: true }),
  children: z.array(ZUnitGapRow),
});
export type UnitGaps = z.infer<typeof ZUnitGaps>;

export const ZUnitGapPeopleQuery = z.strictObject({
  kind: ZQualificationKind,
  /** Only people whose needed level of `kind` is this one. */
  level: ZCode.optional(),
  asOf: ZIsoDate.optional(),
  ...ZPage,
});

const ZPersonSummary = z.object({
  id: z.number(),
  fullName: z.string(),
  birthDate: ZIsoDate,
  gender: ZGender,
  ethnicity: z.object({ code: z.string(), name: z.string(), minority: z.boolean() }),
  unit: ZNamed,
  title: ZNamed.nullable(),
});

export const ZUnitGapPeople = z.object({
  unit: ZNamed,
  asOf: ZIsoDate,
  kind: z.string(),
  level: z.string().nullable(),
  total: z.number(),
  items: z.array(ZPersonSummary.extend({ needs: z.array(ZGapNeed) })),
});
export type UnitGapPeople = z.infer<typeof ZUnitGapPeople>;

// ---------- candidates and what-if ----------

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

const candidateScope = {
  programme: ZCode,
  /** Default: the first mode the programme offers. */
  mode: ZStudyMode.optional(),
  /** A unit subtree in the caller's scope; default: the caller's own unit. */
  unitId: ZId.optional(),
  studyField: zText(200).optional(),
  /** Under 35 on asOf. */
  young: booleanFlag.optional(),
  female: booleanFlag.optional(),
  minority: booleanFlag.optional(),
};

const candidateList = {
  ...candidateScope,
  asOf: ZIsoDate.optional(),
  /** List the eligible (default) or those the registry lacks facts to decide. */
  outcome: z.enum(['eligible', 'cannot_decide']).default('eligible'),
};

export const ZCandidatesQuery = z.strictObject({ ...candidateList, ...ZPage });
export type CandidatesQuery = z.infer<typeof ZCandidatesQuery>;

/** The whole ranked candidate list to an Excel file (a background job): the list's filters, no page. */
export const ZCandidatesExport = z.strictObject({
  ...candidateList,
  young: z.boolean().optional(),
  female: z.boolean().optional(),
  minority: z.boolean().optional(),
});
export type CandidatesExport = z.infer<typeof ZCandidatesExport>;

export const CANDIDATE_PRIORITIES = ['planned', 'post_requires', 'other'] as const;

export const ZCandidate = z.object({
  person: ZPersonSummary,
  age: z.number(),
  outcome: ZEligibilityOutcome,
  /** planned: in a current planning term; post_requires: their current post's standard needs this qualification; other. */
  priority: z.enum(CANDIDATE_PRIORITIES),
  plannedTitles: z.array(z.object({ titleCode: z.string(), term: z.string() })),
  missing: z.array(z.string()),
  missingLabels: z.array(z.string()),
});
export type Candidate = z.infer<typeof ZCandidate>;

const ZOutcomeCounts = z.object({ eligible: z.number(), cannotDecide: z.number(), notEligible: z.number() });

export const ZCandidatePage = z.object({
  programme: z.object({ code: z.string(), name: z.string() }),
  mode: ZStudyMode,
  asOf: ZIsoDate,
  unit: ZNamed,
  /** People of the subtree matching the young / female / minority filters, by outcome. */
  counts: ZOutcomeCounts.extend({ people: z.number() }),
  /** Candidates with the requested outcome (the list's length over all pages). */
  total: z.number(),
  items: z.array(ZCandidate),
});
export type CandidatePage = z.infer<typeof ZCandidatePage>;

export const ZWhatIfQuery = z.strictObject({ ...candidateScope, from: ZIsoDate, to: ZIsoDate, ...ZPage });
export type WhatIfQuery = z.infer<typeof ZWhatIfQuery>;

const ZSide = z.object({
  outcome: ZEligibilityOutcome,
  /** Rules that failed (id, version, description, source document code). */
  failed: z.array(z.object({ ruleId: z.string(), version: z.number(), description: z.string(), source: z.string() })),
  missing: z.array(z.string()),
});

export const ZWhatIf = z.object({
  programme: z.object({ code: z.string(), name: z.string() }),
  mode: ZStudyMode,
  unit: ZNamed,
  from: ZIsoDate,
  to: ZIsoDate,
  /** The rule versions in force on each date (ids@version), to show what changed. */
  rules: z.object({ from: z.array(z.string()), to: z.array(z.string()) }),
  counts: z.object({ from: ZOutcomeCounts, to: ZOutcomeCounts, people: z.number() }),
  /** How many people move from one outcome to another. */
  transitions: z.array(z.object({ from: ZEligibilityOutcome, to: ZEligibilityOutcome, people: z.number() })),
  /** People whose outcome changes (all pages). */
  total: z.number(),
  items: z.array(z.object({ person: ZPersonSummary, from: ZSide, to: ZSide })),
});
export type WhatIf = z.infer<typeof ZWhatIf>;
