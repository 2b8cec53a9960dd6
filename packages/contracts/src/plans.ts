import { z } from 'zod';
import { ZIdNumber, ZIsoDate, ZPage, zRequiredText, zText } from './common.js';
import { zActions } from './actions.js';
import { ZStudyMode } from './rules.js';

/**
 * Five-year and annual plans, their versions and lines, and plan against actual (issue 9).
 */

/** The annual plans as a whole. */
export const PLAN_LIST_ACTIONS = [
  /** Open the annual plan of a year (its version 1, a draft). */
  'create',
] as const;
export type PlanListAction = (typeof PLAN_LIST_ACTIONS)[number];

/** One version of an annual plan. */
export const PLAN_VERSION_ACTIONS = [
  /** Add lines to the draft (the board: any; a school registrar: lines its unit organises). */
  'addLines',
  /** Send the draft for approval. */
  'submit',
  /** Send a submitted version back to draft. */
  'return',
  /** Approve a submitted version (the board / standing committee); it is frozen from then. */
  'approve',
  /** Start an adjustment: a new draft version based on this approved one. */
  'adjust',
  /** Export the plan table (Excel with a title block, PDF). */
  'export',
] as const;
export type PlanVersionAction = (typeof PLAN_VERSION_ACTIONS)[number];

/** One line of a draft version. */
export const PLAN_LINE_ACTIONS = ['update', 'delete'] as const;
export type PlanLineAction = (typeof PLAN_LINE_ACTIONS)[number];

/** A five-year plan. */
export const FIVE_YEAR_ACTIONS = ['update'] as const;
export type FiveYearAction = (typeof FIVE_YEAR_ACTIONS)[number];

const ZCodeText = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/);
const ZNamed = z.object({ id: z.number(), name: z.string() });
const ZYear = z.number().int().min(2000).max(2200);
const ZYearParam = z.coerce.number().int().min(2000).max(2200);

export const ZPlanStatus = z.enum(['draft', 'submitted', 'approved']);
export const ZSiteKind = z.enum(['school', 'local']);
export const ZRounding = z.object({ mode: z.enum(['truncate', 'half_up']), decimals: z.number() });

/** A line as written. Year and quarter are checked against the plan (not the schema) so the answer names the rule. */
export const ZPlanLineInput = z.strictObject({
  programmeCode: ZCodeText,
  mode: ZStudyMode,
  classes: z.number().int().min(0).max(10_000),
  learners: z.number().int().min(0).max(1_000_000),
  year: z.number().int().min(1900).max(2300),
  quarter: z.number().int().min(-99).max(99),
  /** Default: the caller's unit. */
  organiserUnitId: ZIdNumber.optional(),
  siteKind: ZSiteKind,
  site: zRequiredText(300),
  /** VND, whole đồng. */
  estimatedCost: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  carriedOver: z.boolean().default(false),
  note: zText(1000).nullish(),
});
export type PlanLineInput = z.input<typeof ZPlanLineInput>;

export const ZPlanLinesAdd = z.strictObject({
  /** The version the editor read (row version): another answers 409 CONFLICT. */
  rowVersion: ZIdNumber,
  lines: z.array(ZPlanLineInput).min(1).max(500),
});
export const ZPlanLineUpdate = z.strictObject({ rowVersion: ZIdNumber, line: ZPlanLineInput });
export const ZPlanLineDelete = z.strictObject({ rowVersion: ZIdNumber });

export const ZPlanLine = z.object({
  lineId: z.number(),
  programme: z.object({ code: z.string(), name: z.string(), kind: z.string() }),
  mode: ZStudyMode,
  classes: z.number(),
  learners: z.number(),
  year: z.number(),
  quarter: z.number(),
  organiser: ZNamed,
  siteKind: ZSiteKind,
  site: z.string(),
  estimatedCost: z.number(),
  carriedOver: z.boolean(),
  note: z.string().nullable(),
  actions: zActions(PLAN_LINE_ACTIONS),
});
export type PlanLine = z.infer<typeof ZPlanLine>;

export const ZPlanTotals = z.object({ lines: z.number(), classes: z.number(), learners: z.number(), estimatedCost: z.number() });

export const ZPlanVersionSummary = z.object({
  id: z.number(),
  number: z.number(),
  status: ZPlanStatus,
  /** 1 is the plan; every later number an adjustment. */
  isAdjustment: z.boolean(),
  basedOnId: z.number().nullable(),
  reason: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: ZIsoDate.nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  rowVersion: z.number(),
  lineCount: z.number(),
});

export const ZPlanVersion = ZPlanVersionSummary.extend({
  plan: z.object({ id: z.number(), year: z.number(), title: z.string() }),
  lines: z.array(ZPlanLine),
  /** Of the lines shown (a registrar sees the lines its unit organises). */
  totals: ZPlanTotals,
  actions: zActions(PLAN_VERSION_ACTIONS),
});
export type PlanVersion = z.infer<typeof ZPlanVersion>;

export const ZAnnualPlan = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  rounding: ZRounding,
  versions: z.array(ZPlanVersionSummary),
  /** The latest approved version, if any. */
  inForceVersionId: z.number().nullable(),
});
export type AnnualPlan = z.infer<typeof ZAnnualPlan>;

export const ZAnnualPlanList = z.object({
  items: z.array(z.object({ id: z.number(), year: z.number(), title: z.string(), latestStatus: ZPlanStatus, versions: z.number() })),
  actions: zActions(PLAN_LIST_ACTIONS),
});

export const ZAnnualPlanCreate = z.strictObject({ year: ZYear, title: zRequiredText(300) });
export const ZYearParams = z.strictObject({ year: ZYearParam });

export const ZPlanStep = z.strictObject({
  rowVersion: ZIdNumber,
  /** Approval: the decision approving it (number and date), e.g. "125-QĐ/TU". */
  decisionNumber: zText(100).nullish(),
  decisionDate: ZIsoDate.nullish(),
});
export const ZPlanStepParams = z.strictObject({
  id: z.coerce.number().int().min(1).max(2_147_483_647),
  step: z.enum(['submit', 'return', 'approve']),
});

export const ZAdjustmentCreate = z.strictObject({
  /** The approved version's row version, as read. */
  rowVersion: ZIdNumber,
  reason: zRequiredText(2000),
  decisionNumber: zRequiredText(100),
  decisionDate: ZIsoDate,
});

export const ZCompareQuery = z.strictObject({ from: z.coerce.number().int().min(1).max(2_147_483_647), to: z.coerce.number().int().min(1).max(2_147_483_647) });

const ZFieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const ZLineBrief = z.object({
  lineId: z.number(),
  programmeCode: z.string(),
  programmeName: z.string(),
  mode: ZStudyMode,
  classes: z.number(),
  learners: z.number(),
  quarter: z.number(),
  organiser: z.string(),
  site: z.string(),
  estimatedCost: z.number(),
});
export const ZPlanComparison = z.object({
  from: ZPlanVersionSummary,
  to: ZPlanVersionSummary,
  added: z.array(ZLineBrief),
  removed: z.array(ZLineBrief),
  changed: z.array(
    z.object({
      lineId: z.number(),
      before: ZLineBrief,
      after: ZLineBrief,
      fields: z.array(z.object({ field: z.string(), before: ZFieldValue, after: ZFieldValue })),
    }),
  ),
  unchanged: z.number(),
  totals: z.object({ before: ZPlanTotals, after: ZPlanTotals }),
});
export type PlanComparison = z.infer<typeof ZPlanComparison>;

// ---------- plan against actual ----------

export const ZRealisationQuery = z.strictObject({
  /** Default: today (Vietnam). */
  asOf: ZIsoDate.optional(),
});

export const ZPercent = z.object({ value: z.number().nullable(), text: z.string() });
export const ZRealisationFigures = z.object({
  plannedClasses: z.number(),
  plannedLearners: z.number(),
  doneClasses: z.number(),
  doneLearners: z.number(),
  openedClasses: z.number(),
  carriedInClasses: z.number(),
  finishedClasses: z.number(),
  carriedOutClasses: z.number(),
  classesPercent: ZPercent,
  learnersPercent: ZPercent,
});
export const ZRealisationRowKey = z.union([z.literal('total'), z.literal('extra'), z.literal('unlinked'), z.string().regex(/^line:[1-9][0-9]{0,9}$/)]);
export const ZRealisation = z.object({
  year: z.number(),
  asOf: ZIsoDate,
  plan: z.object({ id: z.number(), title: z.string() }).nullable(),
  /** The version counted against: the latest approved by asOf (null when none). */
  version: ZPlanVersionSummary.nullable(),
  rounding: ZRounding,
  /** How percentages and carried-over classes are counted, in Vietnamese (decision 0030). */
  notes: z.array(z.string()),
  lines: z.array(z.object({ row: z.string(), line: ZLineBrief, figures: ZRealisationFigures })),
  total: ZRealisationFigures,
  extra: ZRealisationFigures,
  unlinked: ZRealisationFigures,
});
export type Realisation = z.infer<typeof ZRealisation>;

export const ZDrillQuery = z.strictObject({
  asOf: ZIsoDate.optional(),
  row: ZRealisationRowKey,
  measure: z.enum(['done', 'opened', 'carriedIn', 'finished', 'carriedOut']),
  ...ZPage,
});
export const ZDrill = z.object({
  /** Outside-training records behind the figure: one person each (decision 0035). */
  outside: z.array(
    z.object({
      source: z.string(),
      id: z.number(),
      person: z.object({ id: z.number(), fullName: z.string(), unit: z.string() }),
      programme: z.object({ code: z.string(), name: z.string() }),
      mode: z.string(),
      institution: z.string(),
      country: z.string().nullable(),
      startDate: ZIsoDate,
      endDate: ZIsoDate,
      status: z.string(),
      result: z.string().nullable(),
    }),
  ),
  classes: z.array(
    z.object({
      source: z.string(),
      id: z.number(),
      name: z.string(),
      cohortCode: z.string(),
      programme: z.object({ code: z.string(), name: z.string() }),
      mode: z.string(),
      organiser: z.string(),
      site: z.string(),
      startDate: ZIsoDate,
      endDate: ZIsoDate,
      status: z.string(),
      learners: z.number(),
    }),
  ),
  people: z.object({
    total: z.number(),
    items: z.array(z.object({ personId: z.number(), fullName: z.string(), unit: z.string(), classId: z.number(), className: z.string(), status: z.string() })),
  }),
});
export type Drill = z.infer<typeof ZDrill>;

/** Lines a class may link to (the class form's picker). */
export const ZLinkableLinesQuery = z.strictObject({
  year: ZYearParam,
  programme: ZCodeText.optional(),
  /** What will link: a class (lines organised in the caller's subtree) or an outside-training record (any line). */
  purpose: z.enum(['class', 'outside']).optional(),
});
export const ZLinkableLines = z.object({ items: z.array(ZLineBrief.extend({ planTitle: z.string(), versionNumber: z.number() })) });

// ---------- needs → plan (decision 0035) ----------

/** Proposal options: a class size for every programme (default: each programme's usual class size), the organiser (default: the school). */
export const ZNeedsPlanProposalQuery = z.strictObject({
  classSize: z.coerce.number().int().min(1).max(1000).optional(),
  organiserUnitId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});
/** A campaign's aggregated needs as lines of its year's plan, for the user to review and add (POST …/versions/:id/lines). */
export const ZNeedsPlanProposal = z.object({
  campaign: z.object({ id: z.number(), title: z.string(), year: z.number() }),
  organiser: z.object({ id: z.number(), name: z.string() }),
  classSize: z.number().nullable(),
  /** The plan of the campaign's year and its draft version lines may be added to (null: none; an approved plan needs an adjustment first). */
  plan: z.object({ id: z.number(), year: z.number(), title: z.string() }).nullable(),
  draftVersion: z.object({ id: z.number(), number: z.number(), rowVersion: z.number() }).nullable(),
  lines: z.array(
    z.object({
      programmeCode: z.string(),
      programmeName: z.string(),
      mode: ZStudyMode,
      classes: z.number(),
      learners: z.number(),
      /** The class size the classes were counted with (null: taught outside, no classes). */
      classSize: z.number().nullable(),
      year: z.number(),
      quarter: z.number(),
      organiserUnitId: z.number(),
      siteKind: ZSiteKind,
      site: z.string(),
      estimatedCost: z.number(),
      carriedOver: z.boolean(),
      note: z.string().nullable(),
    }),
  ),
});
export type NeedsPlanProposal = z.infer<typeof ZNeedsPlanProposal>;

// ---------- five-year plans ----------

export const ZFiveYearTargetInput = z.strictObject({
  year: ZYear,
  programmeCode: ZCodeText,
  classes: z.number().int().min(0).max(100_000),
  learners: z.number().int().min(0).max(10_000_000),
});
export const ZFiveYearCreate = z.strictObject({
  startYear: ZYear,
  title: zRequiredText(300),
  decisionNumber: zText(100).nullish(),
  decisionDate: ZIsoDate.nullish(),
});
export const ZFiveYearUpdate = z.strictObject({
  version: ZIdNumber,
  title: zRequiredText(300),
  decisionNumber: zText(100).nullish(),
  decisionDate: ZIsoDate.nullish(),
  targets: z.array(ZFiveYearTargetInput).max(1000),
});
export const ZFiveYearPlan = z.object({
  id: z.number(),
  startYear: z.number(),
  endYear: z.number(),
  title: z.string(),
  decisionNumber: z.string().nullable(),
  decisionDate: ZIsoDate.nullable(),
  version: z.number(),
  rounding: ZRounding,
  targets: z.array(
    z.object({
      year: z.number(),
      programme: z.object({ code: z.string(), name: z.string() }),
      classes: z.number(),
      learners: z.number(),
      plannedClasses: z.number().nullable(),
      plannedLearners: z.number().nullable(),
      doneClasses: z.number(),
      doneLearners: z.number(),
      planPercent: ZPercent,
      donePercent: ZPercent,
    }),
  ),
  actions: zActions(FIVE_YEAR_ACTIONS),
});
export type FiveYearPlan = z.infer<typeof ZFiveYearPlan>;
export const ZFiveYearList = z.object({
  items: z.array(z.object({ id: z.number(), startYear: z.number(), endYear: z.number(), title: z.string() })),
  actions: zActions(['create'] as const),
});

// ---------- exports (background jobs) ----------

export const ZPlanExport = z.strictObject({ versionId: ZIdNumber, format: z.enum(['xlsx', 'pdf']) });
export const ZRealisationExport = z.strictObject({ year: ZYear, asOf: ZIsoDate.optional(), format: z.enum(['xlsx', 'pdf']) });
