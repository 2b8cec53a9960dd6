/**
 * Budgets of plan lines and classes (issue 11 point 2, docs/decisions/0050). Amounts are whole đồng
 * sent as JSON integers (≤ 10^13, safe below 2^53; computed server-side with bigint).
 */
import { z } from 'zod';
import { plans } from '@nang-tam/domain';
import { zActions } from './actions.js';
import { ZId, ZIsoDate, ZIdNumber, zRequiredText, zText } from './common.js';
import { ZDong } from './reimbursement.js';

export const BUDGET_CATEGORIES = plans.BUDGET_CATEGORIES;
export const BUDGET_CATEGORY_LABELS = plans.BUDGET_CATEGORY_LABELS;
export const BUDGET_REPORT_DIMENSIONS = plans.REPORT_DIMENSIONS;

/** What the user may do with a budget: change the estimate, record actual costs. */
export const BUDGET_ACTIONS = ['editEstimate', 'recordCost'] as const;
export type BudgetAction = (typeof BUDGET_ACTIONS)[number];

const ZCount = z.number().int().min(0).max(1_000_000);

// ---------- requests ----------

export const ZEstimateInput = z.strictObject({
  /** The version the estimate was read at (null: there was none yet). */
  version: ZIdNumber.nullable(),
  lecturers: z
    .array(z.strictObject({ rateCategory: z.string().min(1).max(50), sessions: ZCount.refine((v) => v > 0, { message: 'INVALID_VALUE' }), description: zText(300).optional() }))
    .max(50),
  learners: ZCount,
  supportPerLearner: ZDong,
  venue: ZDong,
  materials: ZDong,
  other: ZDong,
  note: zText(1000).optional(),
});
export type EstimateInput = z.infer<typeof ZEstimateInput>;

export const ZCostEntryInput = z.strictObject({
  category: z.enum(BUDGET_CATEGORIES),
  spentOn: ZIsoDate,
  amount: ZDong.refine((v) => v > 0, { message: 'INVALID_AMOUNT' }),
  documentNo: zRequiredText(100),
  description: zText(500).optional(),
});
export type CostEntryInput = z.infer<typeof ZCostEntryInput>;

/** One or more vouchers recorded together (one transaction). */
export const ZCostEntriesInput = z.strictObject({ entries: z.array(ZCostEntryInput).min(1).max(100) });
export type CostEntriesInput = z.infer<typeof ZCostEntriesInput>;

export const ZBudgetReportQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2200),
  by: z.enum(BUDGET_REPORT_DIMENSIONS).default('line'),
});
export type BudgetReportQuery = z.infer<typeof ZBudgetReportQuery>;

export const ZBudgetExportRequest = z.strictObject({
  year: z.number().int().min(2000).max(2200),
  by: z.enum(BUDGET_REPORT_DIMENSIONS).default('line'),
  format: z.enum(['xlsx', 'pdf']),
});
export type BudgetExportRequest = z.infer<typeof ZBudgetExportRequest>;

// ---------- responses ----------

const ZByCategory = z.object({ lecturers: z.number(), support: z.number(), venue: z.number(), materials: z.number(), other: z.number() });

export const ZBudgetFigures = z.object({
  estimate: z.number(),
  actual: z.number(),
  /** actual − estimate (negative: under the estimate) */
  difference: z.number(),
  estimateByCategory: ZByCategory,
  actualByCategory: ZByCategory,
  learners: z.number(),
  personTimes: z.number(),
  /** actual ÷ learners, half up to the đồng; null with no learner */
  costPerLearner: z.number().nullable(),
  costPerPersonTime: z.number().nullable(),
});
export type BudgetFigures = z.infer<typeof ZBudgetFigures>;

export const ZLecturerRate = z.object({
  id: z.number(),
  category: z.string(),
  label: z.string(),
  amount: z.number(),
  per: z.enum(['session', 'day']),
  source: z.object({ code: z.string(), title: z.string() }),
  effectiveFrom: ZIsoDate,
  effectiveTo: ZIsoDate.nullable(),
  note: z.string().nullable(),
});
export type LecturerRate = z.infer<typeof ZLecturerRate>;

// ---------- changing the rates (docs/decisions/0063) ----------

export const LECTURER_RATE_ACTIONS = ['create'] as const;

/** One version of a category's rate, corrected ones included, with who recorded it. */
export const ZLecturerRateVersion = ZLecturerRate.extend({
  version: z.number(),
  supersededBy: z.number().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type LecturerRateVersion = z.infer<typeof ZLecturerRateVersion>;

export const ZLecturerRateList = z.object({ asOf: ZIsoDate, items: z.array(ZLecturerRateVersion), actions: zActions(LECTURER_RATE_ACTIONS) });
export type LecturerRateList = z.infer<typeof ZLecturerRateList>;

/**
 * A new rate of a lecturer category from a date (the open version is closed the day before), the
 * first rate of a new category, or a correction of version N over exactly its period.
 */
export const ZLecturerRateInput = z.strictObject({
  /** e.g. 'senior'; lower-case letters, digits and _ */
  category: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'INVALID_CODE' }),
  label: zRequiredText(300),
  /** whole đồng per session (buổi, 4 tiết) or per day */
  amount: ZDong,
  per: z.enum(['session', 'day']),
  source: z.strictObject({ code: zRequiredText(100), title: zRequiredText(500) }),
  period: z.strictObject({ from: ZIsoDate, to: ZIsoDate.nullable() }),
  corrects: z.number().int().min(1).max(10_000).optional(),
  note: zText(1000).optional(),
});
export type LecturerRateInput = z.infer<typeof ZLecturerRateInput>;

export const ZCostEntry = z.object({
  id: z.number(),
  category: z.enum(BUDGET_CATEGORIES),
  spentOn: ZIsoDate,
  amount: z.number(),
  documentNo: z.string(),
  description: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  /** For a plan line: the class the entry was recorded on (null: on the line itself). */
  class: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** A voided entry stays listed and leaves the actual cost (decision 0063). */
  voided: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() }).nullable(),
});
export type CostEntry = z.infer<typeof ZCostEntry>;

/** Params of one entry of a holder's vouchers. */
export const ZCostEntryParams = z.strictObject({ id: ZId, entryId: ZId });
export const ZCostEntryVoid = z.strictObject({ reason: zRequiredText(500) });
export type CostEntryVoid = z.infer<typeof ZCostEntryVoid>;

export const ZBudget = z.object({
  holder: z.object({ kind: z.enum(['class', 'line']), id: z.number(), name: z.string() }),
  /** The day the lecturers' rates are read at. */
  asOf: ZIsoDate,
  /** The learners now enrolled (class) or planned (line): the default count of a new estimate. */
  learnersNow: z.number(),
  estimate: z
    .object({
      version: z.number(),
      learners: z.number(),
      total: z.number(),
      note: z.string().nullable(),
      updatedBy: z.string().nullable(),
      updatedAt: z.string(),
      items: z.array(
        z.object({
          category: z.enum(BUDGET_CATEGORIES),
          description: z.string(),
          rateCategory: z.string().nullable(),
          quantity: z.number(),
          unitAmount: z.number(),
          amount: z.number(),
        }),
      ),
    })
    .nullable(),
  entries: z.array(ZCostEntry),
  figures: ZBudgetFigures,
  rates: z.array(ZLecturerRate),
  roundingNote: z.string(),
  actions: zActions(BUDGET_ACTIONS),
});
export type Budget = z.infer<typeof ZBudget>;

export const ZBudgetReportRow = z.object({
  key: z.string(),
  label: z.string(),
  /** How many lines and classes the row adds up. */
  holders: z.number(),
  /** A line without a detailed estimate counts its plan's estimated cost (as "other"). */
  planEstimateOnly: z.boolean(),
  figures: ZBudgetFigures,
});
export type BudgetReportRow = z.infer<typeof ZBudgetReportRow>;

export const ZBudgetReport = z.object({
  year: z.number(),
  by: z.enum(BUDGET_REPORT_DIMENSIONS),
  rows: z.array(ZBudgetReportRow),
  total: ZBudgetFigures,
  notes: z.array(z.string()),
});
export type BudgetReport = z.infer<typeof ZBudgetReport>;


