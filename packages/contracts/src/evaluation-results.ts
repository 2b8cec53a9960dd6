/**
 * Evaluation of results at two years and after (issue 11 point 4, docs/decisions/0052): a cohort's
 * before/after appraisal shares and its planning, rotation and promotion counts beside comparable
 * people who did not attend; evaluation campaigns with the home agencies' assessments.
 */
import { z } from 'zod';
import { zActions } from './actions.js';
import { ZId, ZIdNumber, ZIsoDate, zText } from './common.js';

// ---------- results ----------

export const ZResultsQuery = z
  .strictObject({
    classId: ZId.optional(),
    programmeCode: z.string().min(1).max(60).optional(),
    /** With a programme: classes that ended between from and to (inclusive). */
    from: ZIsoDate.optional(),
    to: ZIsoDate.optional(),
  })
  .refine((q) => (q.classId === undefined) !== (q.programmeCode === undefined), { message: 'COHORT_REQUIRED', path: ['classId'] });
export type ResultsQuery = z.infer<typeof ZResultsQuery>;

export const ZShares = z.object({
  beforeGood: z.number().nullable(),
  afterGood: z.number().nullable(),
  planned: z.number().nullable(),
  rotated: z.number().nullable(),
  promoted: z.number().nullable(),
});
export type Shares = z.infer<typeof ZShares>;

export const ZTotals = z.object({
  people: z.number(),
  left: z.number(),
  beforeRated: z.number(),
  beforeGood: z.number(),
  afterRated: z.number(),
  afterGood: z.number(),
  planned: z.number(),
  rotated: z.number(),
  promoted: z.number(),
});
export type Totals = z.infer<typeof ZTotals>;

export const ZComparison = z.object({
  graduates: ZTotals,
  graduateShares: ZShares,
  matchedGraduates: z.number(),
  controls: z.number(),
  controlShares: ZShares,
  matchedShares: ZShares,
  sufficient: z.boolean(),
  notes: z.array(z.string()),
});
export type Comparison = z.infer<typeof ZComparison>;

export const ZCohortClass = z.object({
  id: z.number(),
  name: z.string(),
  programme: z.object({ code: z.string(), name: z.string() }),
  startDate: ZIsoDate,
  endDate: ZIsoDate,
  beforeYears: z.tuple([z.number(), z.number()]),
  afterYears: z.tuple([z.number(), z.number()]),
  eventsTo: ZIsoDate,
  readyOn: ZIsoDate,
  ready: z.boolean(),
  /** The class alone. */
  comparison: ZComparison,
  campaignId: z.number().nullable(),
});
export type CohortClass = z.infer<typeof ZCohortClass>;

export const RESULTS_ACTIONS = ['openCampaign'] as const;

export const ZResults = z.object({
  asOf: ZIsoDate,
  title: z.string(),
  /** Every class of the cohort together (a programme in a period), or the one class. */
  comparison: ZComparison,
  classes: z.array(ZCohortClass.extend({ actions: zActions(RESULTS_ACTIONS) })),
  /** Classes in the period that ended less than two years ago: not evaluated yet. */
  notReady: z.array(z.object({ id: z.number(), name: z.string(), endDate: ZIsoDate, readyOn: ZIsoDate })),
  /** The rules the figures follow (Vietnamese). */
  rules: z.array(z.string()),
  /** Whether the cohort counts only graduates in the user's subtree. */
  scopedToUnit: z.boolean(),
});
export type Results = z.infer<typeof ZResults>;

export const ZCohortOptions = z.object({
  programmes: z.array(z.object({ code: z.string(), name: z.string() })),
  classes: z.array(
    z.object({ id: z.number(), name: z.string(), programmeCode: z.string(), endDate: ZIsoDate, graduates: z.number(), ready: z.boolean() }),
  ),
});
export type CohortOptions = z.infer<typeof ZCohortOptions>;

// ---------- campaigns ----------

export const CAMPAIGN_STATUSES = ['open', 'closed'] as const;
export const CAMPAIGN_STATUS_LABELS: Record<(typeof CAMPAIGN_STATUSES)[number], { vi: string; en: string }> = {
  open: { vi: 'Đang lấy ý kiến', en: 'Open' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
};
export const APPLIES_KNOWLEDGE = ['fully', 'partly', 'little'] as const;
export const APPLIES_KNOWLEDGE_LABELS: Record<(typeof APPLIES_KNOWLEDGE)[number], { vi: string; en: string }> = {
  fully: { vi: 'Vận dụng tốt kiến thức đã học', en: 'Applies it fully' },
  partly: { vi: 'Vận dụng một phần', en: 'Applies it partly' },
  little: { vi: 'Ít vận dụng', en: 'Applies it little' },
};
export const WORK_CHANGES = ['improved', 'unchanged', 'declined'] as const;
export const WORK_CHANGE_LABELS: Record<(typeof WORK_CHANGES)[number], { vi: string; en: string }> = {
  improved: { vi: 'Hiệu quả công việc tiến bộ rõ', en: 'Work improved' },
  unchanged: { vi: 'Không thay đổi rõ', en: 'Unchanged' },
  declined: { vi: 'Giảm sút', en: 'Declined' },
};

export const CAMPAIGN_ACTIONS = ['close', 'report'] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];
export const ASSESSMENT_ACTIONS = ['assess'] as const;

export const ZCampaignOpen = z.union([
  z.strictObject({
    classId: ZIdNumber,
    dueOn: ZIsoDate,
    note: zText(1000).optional(),
  }),
  // branch lecturer-views (decision 0066): a programme and a period (the classes that ended in it and are due)
  z.strictObject({
    programmeCode: z.string().trim().min(1).max(40),
    from: ZIsoDate,
    to: ZIsoDate,
    dueOn: ZIsoDate,
    note: zText(1000).optional(),
  }),
]);
export type CampaignOpen = z.infer<typeof ZCampaignOpen>;

export const ZCampaignClose = z.strictObject({ version: ZIdNumber });
export type CampaignClose = z.infer<typeof ZCampaignClose>;

export const ZAssessmentInput = z.strictObject({
  appliesKnowledge: z.enum(APPLIES_KNOWLEDGE),
  workChange: z.enum(WORK_CHANGES),
  comment: zText(1000).optional(),
});
export type AssessmentInput = z.infer<typeof ZAssessmentInput>;

export const ZAssessmentParams = z.strictObject({ id: ZId, personId: ZId });

export const ZPersonFacts = z.object({
  titleLevel: z.string(),
  ageBand: z.string(),
  category: z.string(),
  beforeRated: z.number(),
  beforeGood: z.number(),
  afterRated: z.number(),
  afterGood: z.number(),
  planned: z.boolean(),
  rotated: z.boolean(),
  promoted: z.boolean(),
  left: z.boolean(),
  before: z.array(z.string()),
  after: z.array(z.string()),
});

export const ZAssessment = z.object({
  campaignId: z.number(),
  /** The class the person graduated from (branch lecturer-views: a programme campaign spans several). */
  class: z.object({ id: z.number(), name: z.string() }),
  person: z.object({ id: z.number(), fullName: z.string(), birthDate: ZIsoDate }),
  unit: z.object({ id: z.number(), name: z.string() }),
  facts: ZPersonFacts,
  appliesKnowledge: z.enum(APPLIES_KNOWLEDGE).nullable(),
  workChange: z.enum(WORK_CHANGES).nullable(),
  comment: z.string().nullable(),
  assessedBy: z.string().nullable(),
  assessedAt: z.string().nullable(),
  actions: zActions(ASSESSMENT_ACTIONS),
});
export type Assessment = z.infer<typeof ZAssessment>;

export const ZCampaignSummary = z.object({
  id: z.number(),
  /** branch lecturer-views (decision 0066): a campaign is for one class or for a programme over a period. */
  scope: z.enum(['class', 'programme']),
  /** The class of a class campaign; null for a programme campaign. */
  class: z.object({ id: z.number(), name: z.string(), startDate: ZIsoDate, endDate: ZIsoDate }).nullable(),
  /** The period of a programme campaign (its classes ended in it); null for a class campaign. */
  period: z.object({ from: ZIsoDate, to: ZIsoDate }).nullable(),
  /** The classes the campaign covers (1 for a class campaign). */
  classCount: z.number(),
  programme: z.object({ code: z.string(), name: z.string() }),
  status: z.enum(CAMPAIGN_STATUSES),
  dueOn: ZIsoDate,
  openedBy: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  graduates: z.number(),
  assessed: z.number(),
  version: z.number(),
});
export type CampaignSummary = z.infer<typeof ZCampaignSummary>;

export const ZCampaignList = z.object({ items: z.array(ZCampaignSummary), actions: zActions(['open'] as const) });
export type CampaignList = z.infer<typeof ZCampaignList>;

export const ZCampaignDetail = ZCampaignSummary.extend({
  note: z.string().nullable(),
  /** The classes covered (branch lecturer-views: several for a programme campaign), by end date. */
  classes: z.array(z.object({ id: z.number(), name: z.string(), startDate: ZIsoDate, endDate: ZIsoDate })),
  comparison: ZComparison,
  assessments: z.array(ZAssessment),
  /** Counts of the agencies' answers among the assessments shown. */
  answers: z.object({
    appliesKnowledge: z.record(z.string(), z.number()),
    workChange: z.record(z.string(), z.number()),
  }),
  actions: zActions(CAMPAIGN_ACTIONS),
});
export type CampaignDetail = z.infer<typeof ZCampaignDetail>;

export const ZOwedList = z.object({
  items: z.array(ZAssessment.extend({ className: z.string(), dueOn: ZIsoDate })),
});
export type OwedList = z.infer<typeof ZOwedList>;

export const ZCampaignReport = z.strictObject({ format: z.enum(['xlsx', 'pdf']) });
export type CampaignReport = z.infer<typeof ZCampaignReport>;
