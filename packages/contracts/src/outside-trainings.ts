/**
 * Training outside the province's own classes (issue 9, docs/decisions/0027): a person sent to the
 * national academy, a university or abroad; the chain agency → provincial board or home affairs →
 * sending decision → result. The lifecycle lives in the training domain (training/outside.ts).
 */
import { z } from 'zod';
import { training } from '@nang-tam/domain';
import { zActions, ZPersonActions } from './actions.js';
import { ZIsoDate, ZIdNumber, ZPage, zRequiredText, zText } from './common.js';
import { ZEligibilityOutcome, ZEligibilityResult, ZStudyMode } from './rules.js';

export const OUTSIDE_STATUSES = training.OUTSIDE_STATUSES;
export type OutsideStatus = training.OutsideStatus;
export const OUTSIDE_STATUS_LABELS = training.OUTSIDE_STATUS_LABELS;
export const OUTSIDE_RESULTS = training.OUTSIDE_RESULTS;
export type OutsideResult = training.OutsideResult;
export const OUTSIDE_RESULT_LABELS = training.OUTSIDE_RESULT_LABELS;

export const OUTSIDE_STEPS = ['agency', 'override', 'board', 'decision', 'result', 'withdrawn'] as const;
export type OutsideStepKind = (typeof OUTSIDE_STEPS)[number];

export const OUTSIDE_STEP_LABELS: Record<OutsideStepKind, { vi: string; en: string }> = {
  agency: { vi: 'Cơ quan, đơn vị đề nghị cử đi học', en: 'Proposed by the sending agency' },
  override: { vi: 'Ban Tổ chức Tỉnh ủy cho phép cử dù chưa đủ điều kiện', en: 'Board override of eligibility' },
  board: { vi: 'Cơ quan quản lý cán bộ duyệt', en: 'Board approval' },
  decision: { vi: 'Quyết định cử đi học', en: 'Sending decision' },
  result: { vi: 'Kết quả học tập', en: 'Result' },
  withdrawn: { vi: 'Rút đề nghị', en: 'Proposal withdrawn' },
};

/** What the user may do with a record now (training.outsideActions). */
export const OUTSIDE_ACTIONS = training.OUTSIDE_ACTIONS;
export type OutsideAction = training.OutsideAction;
export const ZOutsideActions = zActions(OUTSIDE_ACTIONS);

/** What the user may do with the list: propose (nominations.write), override an ineligible person (nominations.override). */
export const OUTSIDE_LIST_ACTIONS = ['propose', 'override'] as const;
export type OutsideListAction = (typeof OUTSIDE_LIST_ACTIONS)[number];

export const ZOutsideStatus = z.enum(OUTSIDE_STATUSES);
export const ZOutsideResult = z.enum(OUTSIDE_RESULTS);
export const ZOutsideClassification = z.enum(['xuat_sac', 'gioi', 'kha', 'trung_binh_kha', 'trung_binh']);

/** A cost in VND: a whole number of đồng, not negative (up to 10^13). */
export const ZCost = z
  .number()
  .refine((v) => Number.isSafeInteger(v) && v >= 0 && v <= 1e13, { message: 'INVALID_COST' })
  .meta({ example: 45_000_000 });

// ---------- requests ----------

export const ZOutsideCreate = z.strictObject({
  personId: ZIdNumber,
  programmeCode: z.string().min(1).max(40),
  mode: ZStudyMode,
  institution: zRequiredText(300),
  /** Abroad: the country is required. */
  abroad: z.boolean().default(false),
  country: zText(100).optional(),
  startDate: ZIsoDate,
  endDate: ZIsoDate,
  cost: ZCost.nullish(),
  /** The field the person would study (field-matching rules of postgraduate programmes). */
  studyField: zText(200).optional(),
  /** Extra training not in the year's plan (extra classes at local sites, unplanned study). */
  outsidePlan: z.boolean().default(false),
  /** The plan line it realises (a line of the year it starts, of its programme; decision 0035). */
  planLineId: ZIdNumber.nullish(),
  note: zText(2000).optional(),
  /** Only for a person the rules engine finds not eligible: the board's reason (nominations.override). */
  overrideReason: zRequiredText(2000).optional(),
});
export type OutsideCreate = z.infer<typeof ZOutsideCreate>;

/** The approver's decision; a refusal needs its reason in `note`. */
export const ZOutsideDecision = z
  .strictObject({ decision: z.enum(['approved', 'refused']), note: zText(2000).optional() })
  .refine((v) => v.decision === 'approved' || (v.note ?? '') !== '', { path: ['note'], message: 'REQUIRED' });
export type OutsideDecision = z.infer<typeof ZOutsideDecision>;

/** The sending decision (quyết định cử đi học). */
export const ZOutsideSendingDecision = z.strictObject({
  number: zRequiredText(100),
  date: ZIsoDate,
  signer: zRequiredText(200),
  note: zText(2000).optional(),
});
export type OutsideSendingDecision = z.infer<typeof ZOutsideSendingDecision>;

export const ZOutsideResultInput = z.strictObject({
  result: ZOutsideResult,
  /** Required for a graduate, refused otherwise. */
  classification: ZOutsideClassification.nullish(),
  date: ZIsoDate,
  certificateNo: zText(100).optional(),
  note: zText(2000).optional(),
});
export type OutsideResultInput = z.infer<typeof ZOutsideResultInput>;

export const ZOutsideWithdraw = z.strictObject({ note: zText(2000).optional() });
export type OutsideWithdraw = z.infer<typeof ZOutsideWithdraw>;

export const ZOutsideListQuery = z.strictObject({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  status: ZOutsideStatus.optional(),
  institution: z.string().max(300).optional(),
  programmeCode: z.string().max(40).optional(),
  personId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  /** The person's name, with or without diacritics. */
  q: z.string().max(100).optional(),
  ...ZPage,
});
export type OutsideListQuery = z.infer<typeof ZOutsideListQuery>;

// ---------- answers ----------

const ZNamed = z.object({ id: z.number(), name: z.string() });

export const ZOutsideSummary = z.object({
  id: z.number(),
  person: z.object({
    id: z.number(),
    fullName: z.string(),
    birthDate: ZIsoDate,
    unit: ZNamed,
    /** What the user may do with the person's record: `view` opens the profile. */
    actions: ZPersonActions,
  }),
  programme: z.object({ code: z.string(), name: z.string() }),
  approver: z.enum(training.APPROVERS),
  mode: ZStudyMode,
  institution: z.string(),
  /** null: in Việt Nam. */
  country: z.string().nullable(),
  startDate: ZIsoDate,
  endDate: ZIsoDate,
  /** VND; null when not known. */
  cost: z.number().nullable(),
  status: ZOutsideStatus,
  eligibilityOutcome: ZEligibilityOutcome,
  overridden: z.boolean(),
  decision: z.object({ number: z.string(), date: ZIsoDate, signer: z.string() }).nullable(),
  result: z
    .object({
      result: ZOutsideResult,
      classification: z.object({ code: z.string(), label: z.string() }).nullable(),
      date: ZIsoDate,
      certificateNo: z.string().nullable(),
      /** The qualification written into the registry on graduation (null: none, or the programme grants none). */
      qualificationId: z.number().nullable(),
    })
    .nullable(),
  outsidePlan: z.boolean(),
  /** The plan line it realises, once plans link it. */
  planLineId: z.number().nullable(),
  actions: ZOutsideActions,
});
export type OutsideSummary = z.infer<typeof ZOutsideSummary>;

export const ZOutsideStep = z.object({
  step: z.enum(OUTSIDE_STEPS),
  decision: z.enum(['approved', 'refused', 'recorded']),
  note: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string(),
});

export const ZOutsideDetail = ZOutsideSummary.extend({
  studyField: z.string().nullable(),
  note: z.string().nullable(),
  proposedBy: z.string(),
  proposedAt: z.string(),
  /** The rules engine's answer for the programme and mode as of the start date. */
  eligibility: ZEligibilityResult,
  override: z.object({ reason: z.string(), by: z.string() }).nullable(),
  steps: z.array(ZOutsideStep),
  version: z.number(),
});
export type OutsideDetail = z.infer<typeof ZOutsideDetail>;

export const ZOutsidePage = z.object({
  total: z.number(),
  items: z.array(ZOutsideSummary),
  /** The institutions of the records in the user's scope (the filter's choices). */
  institutions: z.array(z.string()),
  actions: zActions(OUTSIDE_LIST_ACTIONS),
  /**
   * With a `year`: the person-times of the year in the user's scope (training.outsideYearCounts),
   * whatever the other filters; null without a year.
   */
  personTimes: z
    .object({ year: z.number(), sent: z.number(), started: z.number(), carriedOver: z.number(), finished: z.number() })
    .nullable(),
});
export type OutsidePage = z.infer<typeof ZOutsidePage>;
