/**
 * Service commitments after state-paid training and reimbursement cases (issue 11 point 3,
 * docs/decisions/0045). The commitment is derived (training/commitments.ts); amounts are whole đồng,
 * sent as JSON integers (safe below 2^53; computed server-side with bigint).
 */
import { z } from 'zod';
import { training } from '@nang-tam/domain';
import { zActions } from './actions.js';
import { ZIsoDate, ZIdNumber, ZPage, zRequiredText, zText } from './common.js';

export const LEAVING_REASONS = training.LEAVING_REASONS;
export const LEAVING_REASON_LABELS = training.LEAVING_REASON_LABELS;
export const EXEMPTION_GROUNDS = training.EXEMPTION_GROUNDS;
export const EXEMPTION_GROUND_LABELS = training.EXEMPTION_GROUND_LABELS;
export const CASE_STATUSES = training.CASE_STATUSES;
export const CASE_STATUS_LABELS = training.CASE_STATUS_LABELS;

/** What the user may do with a case now (board or home affairs over the person; the case's status). */
export const CASE_ACTIONS = training.CASE_ACTIONS;
export type CaseAction = training.CaseAction;
export const ZCaseActions = zActions(CASE_ACTIONS);

/** What the user may do on a person's commitments: record that the person left the service. */
export const COMMITMENT_ACTIONS = ['recordLeaving', 'openCase'] as const;
export type CommitmentAction = (typeof COMMITMENT_ACTIONS)[number];

export const CASE_STEP_LABELS: Record<'notified' | 'agreed' | 'payment' | 'waived', { vi: string; en: string }> = {
  notified: { vi: 'Thông báo số tiền phải đền bù', en: 'Amount notified' },
  agreed: { vi: 'Người học thống nhất mức đền bù', en: 'Amount agreed' },
  payment: { vi: 'Nộp tiền đền bù', en: 'Payment' },
  waived: { vi: 'Miễn đền bù', en: 'Waived' },
};

/** A sum of money in whole đồng (0 … 10^13). */
export const ZDong = z.number().refine((v) => Number.isSafeInteger(v) && v >= 0 && v <= 1e13, { message: 'INVALID_AMOUNT' }).meta({ example: 70_000_000 });

// ---------- requests ----------

export const ZLeavingInput = z.strictObject({
  leftOn: ZIsoDate,
  reason: z.enum(LEAVING_REASONS),
  decisionNo: zText(100).optional(),
  note: zText(1000).optional(),
});
export type LeavingInput = z.infer<typeof ZLeavingInput>;

export const ZCaseOpen = z.strictObject({ outsideTrainingId: ZIdNumber });
export type CaseOpen = z.infer<typeof ZCaseOpen>;

export const ZCaseStepInput = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('agree'), note: zText(1000).optional() }),
  z.strictObject({ action: z.literal('recordPayment'), amount: ZDong.refine((v) => v > 0, { message: 'INVALID_AMOUNT' }), note: zText(1000).optional() }),
  z.strictObject({ action: z.literal('waive'), ground: z.enum(EXEMPTION_GROUNDS), decisionNo: zRequiredText(100), note: zText(1000).optional() }),
]);
export type CaseStepInput = z.infer<typeof ZCaseStepInput>;

export const ZCaseListQuery = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  q: z.string().max(200).optional(),
  ...ZPage,
});
export type CaseListQuery = z.infer<typeof ZCaseListQuery>;

// ---------- responses ----------

export const ZCaseSummary = z.object({
  id: z.number(),
  person: z.object({ id: z.number(), fullName: z.string(), unit: z.object({ id: z.number(), name: z.string() }) }),
  outsideTrainingId: z.number(),
  programme: z.object({ code: z.string(), name: z.string() }),
  institution: z.string(),
  cause: z.enum(['left_service', 'course_not_completed']),
  basis: z.enum(['not_completed', 'partial']),
  source: z.string(),
  cost: z.number(),
  commitmentMonths: z.number(),
  monthsServed: z.number(),
  amount: z.number(),
  paid: z.number(),
  explanation: z.string(),
  status: z.enum(CASE_STATUSES),
  waiver: z.object({ ground: z.enum(EXEMPTION_GROUNDS), decisionNo: z.string() }).nullable(),
  openedAt: z.string(),
  actions: ZCaseActions,
});
export type CaseSummary = z.infer<typeof ZCaseSummary>;

export const ZCaseDetail = ZCaseSummary.extend({
  openedBy: z.string().nullable(),
  steps: z.array(
    z.object({
      step: z.enum(['notified', 'agreed', 'payment', 'waived']),
      amount: z.number().nullable(),
      decisionNo: z.string().nullable(),
      note: z.string().nullable(),
      decidedBy: z.string().nullable(),
      decidedAt: z.string(),
    }),
  ),
  version: z.number(),
});
export type CaseDetail = z.infer<typeof ZCaseDetail>;

export const ZCasePage = z.object({ total: z.number(), items: z.array(ZCaseSummary) });
export type CasePage = z.infer<typeof ZCasePage>;

export const ZCommitment = z.object({
  outsideTrainingId: z.number(),
  programme: z.object({ code: z.string(), name: z.string() }),
  institution: z.string(),
  courseStart: ZIsoDate,
  courseEnd: ZIsoDate,
  cost: z.number(),
  source: z.string(),
  sourceNote: z.string(),
  multiplier: z.number(),
  trainingMonths: z.number(),
  months: z.number(),
  from: ZIsoDate,
  to: ZIsoDate,
  served: z.number(),
  remaining: z.number(),
  fulfilled: z.boolean(),
  /** The course is still running (sent, no result yet). */
  inProgress: z.boolean(),
});
export type Commitment = z.infer<typeof ZCommitment>;

export const ZPersonCommitments = z.object({
  personId: z.number(),
  asOf: ZIsoDate,
  commitments: z.array(ZCommitment),
  leaving: z
    .object({ leftOn: ZIsoDate, reason: z.enum(LEAVING_REASONS), decisionNo: z.string().nullable(), note: z.string().nullable(), recordedBy: z.string().nullable() })
    .nullable(),
  cases: z.array(ZCaseSummary),
  actions: zActions(COMMITMENT_ACTIONS),
});
export type PersonCommitments = z.infer<typeof ZPersonCommitments>;

export const ZLeavingResult = z.object({ commitments: ZPersonCommitments, openedCaseIds: z.array(z.number()) });
export type LeavingResult = z.infer<typeof ZLeavingResult>;

// ---------- exports and the agency's view (issue 11 point 5) ----------

export const ZCaseExportRequest = z.strictObject({ status: z.enum(CASE_STATUSES).optional(), format: z.enum(['xlsx', 'pdf']) });
export type CaseExportRequest = z.infer<typeof ZCaseExportRequest>;

export const ZCommitmentListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  /** serving: the course ended and the commitment runs; in_course: still studying; all: also fulfilled and broken. */
  state: z.enum(['serving', 'in_course', 'all']).default('serving'),
  ...ZPage,
});
export type CommitmentListQuery = z.infer<typeof ZCommitmentListQuery>;

export const COMMITMENT_STATES = ['in_course', 'serving', 'fulfilled', 'left'] as const;
export const COMMITMENT_STATE_LABELS: Record<(typeof COMMITMENT_STATES)[number], { vi: string; en: string }> = {
  in_course: { vi: 'Đang học', en: 'Studying' },
  serving: { vi: 'Đang thực hiện cam kết', en: 'Serving' },
  fulfilled: { vi: 'Đã hoàn thành cam kết', en: 'Fulfilled' },
  left: { vi: 'Đã thôi việc', en: 'Left the service' },
};

export const ZCommitmentListItem = z.object({
  person: z.object({ id: z.number(), fullName: z.string(), unit: z.object({ id: z.number(), name: z.string() }) }),
  outsideTrainingId: z.number(),
  programme: z.object({ code: z.string(), name: z.string() }),
  institution: z.string(),
  source: z.string(),
  months: z.number(),
  from: z.string(),
  to: z.string(),
  served: z.number(),
  remaining: z.number(),
  state: z.enum(COMMITMENT_STATES),
});
export type CommitmentListItem = z.infer<typeof ZCommitmentListItem>;

export const ZCommitmentList = z.object({ asOf: ZIsoDate, total: z.number(), items: z.array(ZCommitmentListItem) });
export type CommitmentList = z.infer<typeof ZCommitmentList>;
