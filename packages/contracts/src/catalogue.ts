/**
 * The programme catalogue (issue 9): every kind of training, each programme versioned (a change is
 * a new version from an effective date, with its source document and reason). Kinds, levels,
 * target groups, modes and qualifications are checked against the domain's vocabularies and the
 * qualification levels by the service, so each problem comes back at its field with its own code.
 */
import { z } from 'zod';
import { training } from '@nang-tam/domain';
import { ZIsoDate, zRequiredText, zText } from './common.js';
import { zActions } from './actions.js';
import { ZPeriod, ZSource, ZSourceDocument, ZStudyMode } from './rules.js';

/** The catalogue list: create a programme. */
export const PROGRAMME_LIST_ACTIONS = ['create'] as const;
export type ProgrammeListAction = (typeof PROGRAMME_LIST_ACTIONS)[number];
/** One programme: change it (a new version). */
export const PROGRAMME_ACTIONS = ['addVersion'] as const;
export type ProgrammeAction = (typeof PROGRAMME_ACTIONS)[number];

export const ZProgrammeKind = z.enum(training.PROGRAMME_KINDS);
export const ZOrganiserType = z.enum(training.ORGANISER_TYPES);
export const ZDurationUnit = z.enum(training.DURATION_UNITS);

/** A programme code: capital letters, digits and underscores, e.g. 'TC_LLCT'. */
export const ZProgrammeCode = z
  .string()
  .refine((v) => /^[A-Z][A-Z0-9_]{1,39}$/.test(v), { message: 'INVALID_PROGRAMME_CODE' })
  .meta({ example: 'CNKT_NHOM_3' });

const ZShortCode = z.string().min(1).max(60);

/** The content of a version; vocabularies are checked by the service (one field error each). */
const attributeFields = {
  name: zRequiredText(300),
  kind: ZShortCode.meta({ example: 'knowledge_update' }),
  level: ZShortCode.nullable(),
  duration: z.strictObject({ value: z.number().finite(), unit: ZDurationUnit }).nullable(),
  modes: z.array(ZShortCode).max(3),
  targetGroups: z.array(ZShortCode).max(30),
  grants: z.strictObject({ kind: ZShortCode, level: ZShortCode }).nullable(),
  organiserType: ZShortCode.meta({ example: 'provincial_school' }),
  defaultInstitution: zText(300).nullable(),
  admissionDeadlineMonths: z.number().int().min(-1000).max(1000).nullable(),
  note: zText(2000).nullable(),
};

const versionFields = {
  source: ZSourceDocument,
  /** The version is in force from this date; the current version ends the day before. */
  effectiveFrom: ZIsoDate,
  reason: zRequiredText(1000),
};

export const ZProgrammeCreateInput = z.strictObject({ code: ZProgrammeCode, ...attributeFields, ...versionFields });
export type ProgrammeCreateInput = z.infer<typeof ZProgrammeCreateInput>;

export const ZProgrammeVersionInput = z.strictObject({
  ...attributeFields,
  ...versionFields,
  /** The version the editor started from: a newer one meanwhile → 409 PROGRAMME_VERSION_CONFLICT. */
  basedOnVersion: z.number().int().min(1).max(100_000),
});
export type ProgrammeVersionInput = z.infer<typeof ZProgrammeVersionInput>;

const ZLabelled = z.object({ code: z.string(), label: z.string() });

export const ZProgrammeVersionView = z.object({
  version: z.number(),
  name: z.string(),
  kind: ZProgrammeKind,
  kindLabel: z.string(),
  level: ZLabelled.nullable(),
  duration: z.object({ value: z.number(), unit: ZDurationUnit }).nullable(),
  modes: z.array(ZStudyMode),
  targetGroups: z.array(ZLabelled),
  grants: z.object({ kind: z.string(), level: z.string(), levelName: z.string() }).nullable(),
  organiserType: ZOrganiserType,
  organiserLabel: z.string(),
  defaultInstitution: z.string().nullable(),
  /** e.g. the new-member course: to be finished within 12 months of the party admission (the probation). */
  deadline: z.object({ relativeTo: z.literal('party_admission'), months: z.number() }).nullable(),
  /** Whether the province opens classes of it (the school or a commune centre) or records it as outside training. */
  opensClasses: z.boolean(),
  note: z.string().nullable(),
  source: ZSource,
  reason: z.string(),
  period: ZPeriod,
  inForce: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  /** Fields that differ from the previous version. */
  changed: z.array(z.string()),
});
export type ProgrammeVersionView = z.infer<typeof ZProgrammeVersionView>;

export const ZCatalogueProgramme = z.object({
  code: z.string(),
  asOf: ZIsoDate,
  /** The version shown for asOf (in force, or the first one when none is yet). */
  current: ZProgrammeVersionView,
  /** The eligibility rule set: the rules in force on asOf, or null when the programme has none. */
  ruleSet: z.object({ programmeCode: z.string(), rulesInForce: z.number() }).nullable(),
  versionCount: z.number(),
  actions: zActions(PROGRAMME_ACTIONS),
});
export type CatalogueProgramme = z.infer<typeof ZCatalogueProgramme>;

export const ZCatalogueProgrammeDetail = ZCatalogueProgramme.extend({ versions: z.array(ZProgrammeVersionView) });
export type CatalogueProgrammeDetail = z.infer<typeof ZCatalogueProgrammeDetail>;

export const ZCatalogueList = z.object({
  asOf: ZIsoDate,
  items: z.array(ZCatalogueProgramme),
  actions: zActions(PROGRAMME_LIST_ACTIONS),
});
export type CatalogueList = z.infer<typeof ZCatalogueList>;

export const ZCatalogueQuery = z.strictObject({
  asOf: ZIsoDate.optional(),
  kind: ZProgrammeKind.optional(),
  organiserType: ZOrganiserType.optional(),
  q: zText(100).optional(),
});
export type CatalogueQuery = z.infer<typeof ZCatalogueQuery>;

export const ZCatalogueCodeParams = z.strictObject({ code: ZShortCode });
export const ZCatalogueAsOfQuery = z.strictObject({ asOf: ZIsoDate.optional() });

/** The vocabularies the editor offers (kinds, organisers, levels, target groups, units, qualifications). */
export const ZCatalogueVocabulary = z.object({
  kinds: z.array(ZLabelled),
  organiserTypes: z.array(ZLabelled),
  levels: z.array(ZLabelled),
  targetGroups: z.array(ZLabelled),
  durationUnits: z.array(ZLabelled),
  qualifications: z.array(z.object({ kind: z.string(), level: z.string(), label: z.string() })),
});
export type CatalogueVocabulary = z.infer<typeof ZCatalogueVocabulary>;
