/**
 * Nominations (chọn cử) and enrolment (issue 4): an agency nominates people of its subtree into a
 * class; the rules engine's answer is stored with each nomination; the approval chain runs agency →
 * provincial board or home affairs (by programme) → school, whose acceptance creates the enrolment.
 * A class's places are held by nominated, approved and enrolled nominations; the rest wait in a
 * first-in, first-out waitlist that moves up when a place frees.
 */
import { z } from 'zod';
import { ZIsoDate, ZPage, zRequiredText, zText, ZIdNumber } from './common.js';
import { ZEligibilityOutcome, ZEligibilityResult, ZStudyMode } from './rules.js';

export const NOMINATION_STATUSES = [
  'nominated',
  'approved_agency',
  'approved_board',
  'enrolled',
  'waitlisted',
  'refused',
  'withdrawn',
] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

/** Statuses that hold a place in the class (the capacity counts these). */
export const PLACE_HOLDING_STATUSES = [
  'nominated',
  'approved_agency',
  'approved_board',
  'enrolled',
] as const satisfies readonly NominationStatus[];
/** Statuses that close a nomination: they hold nothing and block nothing. */
export const CLOSED_NOMINATION_STATUSES = ['refused', 'withdrawn'] as const satisfies readonly NominationStatus[];

export const NOMINATION_STATUS_LABELS: Record<NominationStatus, { vi: string; en: string }> = {
  nominated: { vi: 'Đã cử, chờ cơ quan quản lý cán bộ duyệt', en: 'Nominated, awaiting the board' },
  approved_agency: { vi: 'Cơ quan đã duyệt', en: 'Approved by the agency' },
  approved_board: { vi: 'Cơ quan quản lý cán bộ đã duyệt, chờ cơ sở đào tạo tiếp nhận', en: 'Approved by the board, awaiting the school' },
  enrolled: { vi: 'Đã ghi danh vào lớp', en: 'Enrolled' },
  waitlisted: { vi: 'Trong danh sách chờ', en: 'Waitlisted' },
  refused: { vi: 'Không được duyệt', en: 'Refused' },
  withdrawn: { vi: 'Đã rút', en: 'Withdrawn' },
};

export const NOMINATION_STEPS = ['agency', 'board', 'school', 'override', 'waitlist', 'promoted', 'withdrawn'] as const;
export type NominationStepKind = (typeof NOMINATION_STEPS)[number];

export const NOMINATION_STEP_LABELS: Record<NominationStepKind, { vi: string; en: string }> = {
  agency: { vi: 'Cơ quan, đơn vị cử đi học', en: 'Sending agency' },
  board: { vi: 'Cơ quan quản lý cán bộ duyệt', en: 'Board approval' },
  school: { vi: 'Cơ sở đào tạo tiếp nhận', en: 'School acceptance' },
  override: { vi: 'Ban Tổ chức Tỉnh ủy cho phép cử dù chưa đủ điều kiện', en: 'Board override of eligibility' },
  waitlist: { vi: 'Vào danh sách chờ (lớp đã đủ chỗ)', en: 'Waitlisted (class full)' },
  promoted: { vi: 'Được chuyển từ danh sách chờ vào lớp', en: 'Promoted from the waitlist' },
  withdrawn: { vi: 'Rút khỏi danh sách', en: 'Withdrawn' },
};

export const NOMINATION_DECISIONS = ['approved', 'refused', 'recorded'] as const;

/** Who approves after the sending agency (programmes.approver). */
export const NOMINATION_APPROVERS = ['province_board', 'home_affairs'] as const;
export type NominationApprover = (typeof NOMINATION_APPROVERS)[number];

/** People in one bulk nomination (a list or the rows of one file). */
export const NOMINATIONS_BULK_MAX = 10_000;

/** The column of a bulk-nomination file that holds the citizen ids. */
export const NOMINATIONS_BULK_COLUMN = 'Số CCCD';

export const ZNominationStatus = z.enum(NOMINATION_STATUSES);

// ---------- requests ----------

export const ZNominationCreate = z.strictObject({
  personId: ZIdNumber,
  note: zText(2000).optional(),
  /**
   * Only for a person the rules engine finds not eligible (or cannot decide): the provincial board's
   * reason to nominate anyway. Needs the nominations.override permission.
   */
  overrideReason: zRequiredText(2000).optional(),
  /** The field the person would study (field-matching rules of postgraduate programmes). */
  studyField: zText(200).optional(),
});
export type NominationCreate = z.infer<typeof ZNominationCreate>;

/** A decision of the board or the school; a refusal needs its reason in `note`. */
export const ZNominationDecision = z
  .strictObject({
    step: z.enum(['board', 'school']),
    decision: z.enum(['approved', 'refused']),
    note: zText(2000).optional(),
  })
  .refine((v) => v.decision === 'approved' || (v.note ?? '') !== '', { path: ['note'], message: 'REQUIRED' });
export type NominationDecision = z.infer<typeof ZNominationDecision>;

export const ZNominationWithdraw = z.strictObject({ note: zText(2000).optional() });
export type NominationWithdraw = z.infer<typeof ZNominationWithdraw>;

export const ZNominationListQuery = z.strictObject({ status: ZNominationStatus.optional(), ...ZPage });
export type NominationListQuery = z.infer<typeof ZNominationListQuery>;

/** Bulk nomination from a list of registry ids (the other form is an uploaded .xlsx). */
export const ZNominationBulk = z.strictObject({
  personIds: z.array(ZIdNumber).min(1).max(NOMINATIONS_BULK_MAX),
});
export type NominationBulk = z.infer<typeof ZNominationBulk>;

// ---------- answers ----------

const ZNamed = z.object({ id: z.number(), name: z.string() });

/** The class a nomination is for, with what the nomination screens need to know about it. */
export const ZNominationClass = z.object({
  id: z.number(),
  name: z.string(),
  cohortCode: z.string(),
  programme: z.object({ code: z.string(), name: z.string() }),
  mode: ZStudyMode,
  startDate: ZIsoDate,
  endDate: ZIsoDate,
  capacity: z.number(),
  status: z.enum(['open', 'closed', 'finished']),
  organiserUnit: ZNamed,
  approver: z.enum(NOMINATION_APPROVERS),
});
export type NominationClass = z.infer<typeof ZNominationClass>;

export const ZNominationPerson = z.object({
  id: z.number(),
  fullName: z.string(),
  birthDate: ZIsoDate,
  unit: ZNamed,
  title: ZNamed.nullable(),
});

export const ZNominationSummary = z.object({
  id: z.number(),
  classId: z.number(),
  person: ZNominationPerson,
  status: ZNominationStatus,
  /** The rules engine's outcome when nominated. */
  eligibilityOutcome: ZEligibilityOutcome,
  /** Nominated despite the outcome, by the board's override. */
  overridden: z.boolean(),
  /** 1-based place in the waitlist; null unless waitlisted. */
  waitlistPosition: z.number().nullable(),
  nominatedBy: z.string(),
  nominatedAt: z.string(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type NominationSummary = z.infer<typeof ZNominationSummary>;

export const ZNominationStep = z.object({
  step: z.enum(NOMINATION_STEPS),
  decision: z.enum(NOMINATION_DECISIONS),
  note: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string(),
});

export const ZNominationDetail = ZNominationSummary.extend({
  class: ZNominationClass,
  /** The rules engine's answer for the class's programme and mode as of the class start date. */
  eligibility: ZEligibilityResult,
  override: z.object({ reason: z.string(), by: z.string() }).nullable(),
  /** The approval chain so far, in order. */
  steps: z.array(ZNominationStep),
  /** The learner's place, once the school accepted. */
  enrolmentId: z.number().nullable(),
  version: z.number(),
});
export type NominationDetail = z.infer<typeof ZNominationDetail>;

export const ZClassPlaces = z.object({
  capacity: z.number(),
  /** Nominations holding a place (nominated, approved, enrolled). */
  taken: z.number(),
  free: z.number(),
  waitlisted: z.number(),
});

export const ZNominationPage = z.object({
  class: ZNominationClass,
  /** The whole class, whoever nominated. */
  places: ZClassPlaces,
  /** Nominations the caller may see with the requested status (all pages). */
  total: z.number(),
  items: z.array(ZNominationSummary),
});
export type NominationPage = z.infer<typeof ZNominationPage>;

/** The outcome of one person in a bulk nomination (the result file has one row each). */
export const BULK_OUTCOMES = ['nominated', 'waitlisted', 'refused'] as const;
export type BulkOutcome = (typeof BULK_OUTCOMES)[number];
