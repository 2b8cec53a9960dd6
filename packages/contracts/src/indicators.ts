/**
 * Indicators (chỉ tiêu) as data (issue 10 point 1, docs/decisions/0046-indicators-as-data.md).
 *
 * The API another screen (a dashboard's "indicators against targets" panel) reads is
 * GET /api/v1/indicators: every indicator with its value as of a date over the reader's subtree,
 * its target, status (met / on track / at risk, with the rule's explanation), projection to the
 * deadline and, with `trend=true`, its yearly trend. Values are computed from the registry's
 * history when asked, never stored.
 */
import { z } from 'zod';
import { indicators } from '@nang-tam/domain';
import { zActions } from './actions.js';
import { ZId, ZIdNumber, ZIsoDate, ZPage, zRequiredText, zText } from './common.js';
import { ZCategory, ZGender, ZQualificationKind } from './people.js';

export const INDICATOR_ACTIONS = ['update', 'exportPeople'] as const;
export type IndicatorAction = (typeof INDICATOR_ACTIONS)[number];
export const INDICATOR_LIST_ACTIONS = ['create', 'markPosts'] as const;
export type IndicatorListAction = (typeof INDICATOR_LIST_ACTIONS)[number];

/**
 * Who is counted: the people list's filters (GET /api/v1/people: unit subtree, category, title,
 * management scope, gender, ethnicity; the same vocabularies), read as of the date asked (unit and
 * title from the assignment history), plus the job position and "holds an administrative-reform
 * post" (a job position or title marked CCHC). `titleIds` is "any of these titles".
 */
export const ZIndicatorPopulation = z.strictObject({
  unitId: ZIdNumber.optional(),
  /** With unitId: the unit's whole subtree (default) or the unit itself. */
  subtree: z.boolean().default(true),
  category: ZCategory.optional(),
  titleIds: z.array(ZIdNumber).max(50).optional(),
  managementScopeId: ZIdNumber.optional(),
  jobPositionId: ZIdNumber.optional(),
  /** Holds a job position or a title marked as an administrative-reform (CCHC) post. */
  adminReformPost: z.boolean().optional(),
  gender: ZGender.optional(),
  /** An ethnicity code, or "minority". */
  ethnicity: z.string().min(1).max(20).optional(),
});
export type IndicatorPopulation = z.infer<typeof ZIndicatorPopulation>;

/** What a person of the population must have, as of the date asked. */
export const ZIndicatorCondition = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('qualification'),
    qualificationKind: ZQualificationKind,
    /** The lowest level that counts (a level code of the kind, e.g. education "master"). */
    minLevel: z.string().min(1).max(40),
  }),
  z.strictObject({
    /** Graduated from a class, or completed an outside training, of an administrative-reform programme within N years. */
    kind: z.literal('adminReformTraining'),
    withinYears: z.number().int().min(1).max(30),
  }),
  z.strictObject({
    /**
     * Meets a standard of the rules engine (GET /api/v1/standards; a title or job-position standard,
     * e.g. "STD.BT_X.political_theory"): as of each date, the requirement of the version in force
     * then, against the qualifications awarded by then (the engine's highestHeld + meetsRequirement).
     */
    kind: z.literal('standard'),
    standardId: z.string().trim().min(1).max(120),
  }),
]);
export type IndicatorCondition = z.infer<typeof ZIndicatorCondition>;

export const INDICATOR_SOURCE_KINDS = ['resolution', 'plan', 'decision', 'decree', 'other'] as const;
export const ZIndicatorSource = z.strictObject({
  kind: z.enum(INDICATOR_SOURCE_KINDS),
  /** The document's number and symbol ("09-NQ/TU", "83/KH-UBND"). */
  number: zRequiredText(60),
  issuedOn: ZIsoDate,
  issuer: zRequiredText(200),
  title: zText(500).optional(),
});
export type IndicatorSource = z.infer<typeof ZIndicatorSource>;
/** The source document as answered (plain strings: a response is not re-normalised). */
export const ZIndicatorSourceOut = z.object({
  kind: z.enum(INDICATOR_SOURCE_KINDS),
  number: z.string(),
  issuedOn: ZIsoDate,
  issuer: z.string(),
  title: z.string().optional(),
});

export const ZIndicatorTarget = z.strictObject({
  kind: z.enum(indicators.TARGET_KINDS),
  comparison: z.enum(indicators.COMPARISONS).default('atLeast'),
  /** A share in % (0–100, up to two decimals) or a number of people. */
  value: z.number().min(0).max(10_000_000),
});
export type IndicatorTarget = z.infer<typeof ZIndicatorTarget>;

const ZIndicatorFields = {
  name: zRequiredText(300),
  population: ZIndicatorPopulation,
  condition: ZIndicatorCondition,
  target: ZIndicatorTarget,
  startOn: ZIsoDate,
  deadline: ZIsoDate,
  source: ZIndicatorSource,
  ownerUnitId: ZIdNumber,
  note: zText(1000).optional(),
};
export const ZIndicatorCreate = z.strictObject({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9_.-]{1,39}$/, { message: 'INVALID_VALUE' }).meta({ example: 'ND-BTV-THACSI' }),
  ...ZIndicatorFields,
});
export type IndicatorCreate = z.infer<typeof ZIndicatorCreate>;
export const ZIndicatorUpdate = z.strictObject({ ...ZIndicatorFields, version: ZIdNumber });
export type IndicatorUpdate = z.infer<typeof ZIndicatorUpdate>;

const zBool = (dflt: 'true' | 'false') => z.enum(['true', 'false']).default(dflt).transform((v) => v === 'true');

/** A date an indicator is computed on: the registry holds no history before 1950 nor after 2100. */
const ZAsOf = ZIsoDate.refine((d) => d >= '1950-01-01' && d <= '2100-12-31', { message: 'OUT_OF_RANGE' });

/** The date and the unit an indicator is computed for (default: today, the reader's whole subtree). */
export const ZIndicatorQuery = z.strictObject({
  asOf: ZAsOf.optional(),
  /** Narrow to a unit's subtree (within the reader's; another unit answers 404). */
  unitId: ZId.optional(),
  /** Also compute the yearly trend and the projection (the list; the detail always has them). */
  trend: zBool('false'),
});
export type IndicatorQuery = z.infer<typeof ZIndicatorQuery>;

export const ZIndicatorTrendPoint = z.object({
  date: ZIsoDate,
  population: z.number(),
  counted: z.number(),
  /** % for a share (one decimal), people for a count; null: nobody in the population. */
  value: z.number().nullable(),
});
export type IndicatorTrendPoint = z.infer<typeof ZIndicatorTrendPoint>;

export const ZIndicatorProjection = z.object({
  deadline: ZIsoDate,
  value: z.number(),
  slopePerYear: z.number(),
  points: z.number(),
  method: z.string(),
});

const ZNamedUnit = z.object({ id: z.number(), name: z.string() });

/** One indicator with its value as of a date: a list row, and the head of its page. */
export const ZIndicatorSummary = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  target: z.object({ kind: z.enum(indicators.TARGET_KINDS), comparison: z.enum(indicators.COMPARISONS), value: z.number() }),
  startOn: ZIsoDate,
  deadline: ZIsoDate,
  source: ZIndicatorSourceOut,
  ownerUnit: ZNamedUnit,
  asOf: ZIsoDate,
  /** The subtree it was computed over (the reader's, or the unit asked). */
  unit: ZNamedUnit,
  population: z.number(),
  counted: z.number(),
  value: z.number().nullable(),
  status: z.enum(indicators.INDICATOR_STATUSES),
  statusExplanation: z.string(),
  /** Present when the trend was computed (always on the indicator's page). */
  trend: z.array(ZIndicatorTrendPoint).optional(),
  projection: ZIndicatorProjection.nullable().optional(),
  actions: zActions(INDICATOR_ACTIONS),
});
export type IndicatorSummary = z.infer<typeof ZIndicatorSummary>;

export const ZIndicatorList = z.object({
  items: z.array(ZIndicatorSummary),
  asOf: ZIsoDate,
  actions: zActions(INDICATOR_LIST_ACTIONS),
});
export type IndicatorList = z.infer<typeof ZIndicatorList>;

export const ZIndicatorDetail = ZIndicatorSummary.extend({
  definition: z.object({
    population: ZIndicatorPopulation,
    condition: ZIndicatorCondition,
    note: z.string().nullable(),
  }),
  /** The population and condition in words ("Diện Ban Thường vụ Tỉnh ủy quản lý; chuyên môn từ Thạc sĩ"). */
  populationText: z.string(),
  conditionText: z.string(),
  /** How "as of a date" is read from the records (decision 0046). */
  asOfMethod: z.string(),
  version: z.number(),
  versions: z.array(z.object({ version: z.number(), changedAt: z.string(), changedBy: z.string().nullable() })),
});
export type IndicatorDetail = z.infer<typeof ZIndicatorDetail>;

export const INDICATOR_PEOPLE_SETS = ['counted', 'missing'] as const;
export const ZIndicatorPeopleQuery = z.strictObject({
  asOf: ZAsOf.optional(),
  unitId: ZId.optional(),
  /** counted: in the population and meeting the condition; missing: in the population, not meeting it. */
  set: z.enum(INDICATOR_PEOPLE_SETS).default('missing'),
  ...ZPage,
});
export type IndicatorPeopleQuery = z.infer<typeof ZIndicatorPeopleQuery>;
export const ZIndicatorPeopleExport = ZIndicatorPeopleQuery.omit({ limit: true, offset: true });
export type IndicatorPeopleExport = z.infer<typeof ZIndicatorPeopleExport>;

export const ZIndicatorPerson = z.object({
  id: z.number(),
  fullName: z.string(),
  birthDate: ZIsoDate,
  /** The unit and title as of the date (from the assignment history). */
  unit: ZNamedUnit,
  title: z.string().nullable(),
  /** What the condition looked at: the highest level of the kind, or the last CCHC training's end date. */
  evidence: z.string().nullable(),
});
export type IndicatorPerson = z.infer<typeof ZIndicatorPerson>;
export const ZIndicatorPeoplePage = z.object({ items: z.array(ZIndicatorPerson), total: z.number(), asOf: ZIsoDate });
export type IndicatorPeoplePage = z.infer<typeof ZIndicatorPeoplePage>;

/** Job positions and titles with their administrative-reform (CCHC) flag. */
export const ZAdminReformPosts = z.object({
  jobPositions: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), adminReform: z.boolean() })),
  titles: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), adminReform: z.boolean() })),
});
export type AdminReformPosts = z.infer<typeof ZAdminReformPosts>;
export const ZAdminReformPostsUpdate = z.strictObject({
  jobPositions: z.array(z.strictObject({ id: ZIdNumber, adminReform: z.boolean() })).max(500).default([]),
  titles: z.array(z.strictObject({ id: ZIdNumber, adminReform: z.boolean() })).max(500).default([]),
});
export type AdminReformPostsUpdate = z.infer<typeof ZAdminReformPostsUpdate>;
