/**
 * Nominations (chọn cử) and enrolment (issue 4): an agency nominates people of its subtree into a
 * class; the rules engine's answer is stored with each nomination; the approval chain runs agency →
 * provincial board or home affairs (by programme) → school, whose acceptance creates the enrolment.
 * A class's places are held by nominated, approved and enrolled nominations; the rest wait in a
 * first-in, first-out waitlist that moves up when a place frees.
 */
import { z } from 'zod';
import { training } from '@nang-tam/domain';
import { zActions, ZPersonActions } from './actions.js';
import { ZIsoDate, ZIdNumber, ZPage, zRequiredText, zText } from './common.js';
import { ZEligibilityOutcome, ZEligibilityResult, ZStudyMode } from './rules.js';

/** The lifecycle lives in the training domain (docs/decisions/0013); these are its names on the wire. */
export const NOMINATION_STATUSES = training.NOMINATION_STATUSES;
export type NominationStatus = training.NominationStatus;

export const NOMINATION_STATUS_LABELS = training.NOMINATION_STATUS_LABELS;

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

/**
 * What the user may do with a nomination now (training.nominationActions): approve (the board
 * step), refuse (at `refusalStep`), enrol (the school's acceptance), withdraw.
 */
export const NOMINATION_ACTIONS = training.NOMINATION_ACTIONS;
export type NominationAction = training.NominationAction;
export const ZNominationAction = z.enum(NOMINATION_ACTIONS);
export const ZNominationActions = zActions(NOMINATION_ACTIONS);

/**
 * What the user may do with a class's nominations: nominate (one person or a list, the class takes
 * nominations), override (nominate an ineligible person with a reason).
 */
export const CLASS_NOMINATION_ACTIONS = ['nominate', 'override'] as const;
export type ClassNominationAction = (typeof CLASS_NOMINATION_ACTIONS)[number];

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

/** Nominations in one bulk decision (each decided on its own; docs/decisions/0038). */
export const NOMINATIONS_DECISIONS_MAX = 200;

/** The same board or school decision on many nominations; a refusal needs its reason in `note`. */
export const ZNominationBulkDecision = z
  .strictObject({
    ids: z.array(ZIdNumber).min(1).max(NOMINATIONS_DECISIONS_MAX),
    step: z.enum(['board', 'school']),
    decision: z.enum(['approved', 'refused']),
    note: zText(2000).optional(),
  })
  .refine((v) => v.decision === 'approved' || (v.note ?? '') !== '', { path: ['note'], message: 'REQUIRED' });
export type NominationBulkDecision = z.infer<typeof ZNominationBulkDecision>;

/** One nomination's outcome in a bulk decision: decided (its new status), refused by the chain (why), or not found. */
export const ZNominationBulkDecisionItem = z.object({
  id: z.number(),
  outcome: z.enum(['decided', 'refused', 'not_found']),
  /** The nominated person (null when not found: nothing out of sight is told). */
  personName: z.string().nullable(),
  status: ZNominationStatus.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type NominationBulkDecisionItem = z.infer<typeof ZNominationBulkDecisionItem>;

export const ZNominationBulkDecisionResult = z.object({
  decided: z.number(),
  refused: z.number(),
  notFound: z.number(),
  items: z.array(ZNominationBulkDecisionItem),
});
export type NominationBulkDecisionResult = z.infer<typeof ZNominationBulkDecisionResult>;

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
  approver: z.enum(training.APPROVERS),
  /** Open and not ended: the class takes nominations (training.classRefusesNominations). */
  takesNominations: z.boolean(),
});
export type NominationClass = z.infer<typeof ZNominationClass>;

export const ZNominationPerson = z.object({
  id: z.number(),
  fullName: z.string(),
  birthDate: ZIsoDate,
  unit: ZNamed,
  title: ZNamed.nullable(),
  /** What the user may do with the person's record (the person policy): `view` opens the profile. */
  actions: ZPersonActions,
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
  /** The step a refusal is taken at now (`board` also for a waitlisted one); null when none can be. */
  refusalStep: z.enum(['board', 'school']).nullable(),
  /** What the caller may do with it now: exactly the requests the server accepts. */
  actions: ZNominationActions,
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
  /** What the caller may do with the class's nominations now. */
  actions: zActions(CLASS_NOMINATION_ACTIONS),
  /** Nominations the caller may see with the requested status (all pages). */
  total: z.number(),
  items: z.array(ZNominationSummary),
});
export type NominationPage = z.infer<typeof ZNominationPage>;

/** The outcome of one person in a bulk nomination (the result file has one row each). */
export const BULK_OUTCOMES = ['nominated', 'waitlisted', 'refused'] as const;
export type BulkOutcome = (typeof BULK_OUTCOMES)[number];
