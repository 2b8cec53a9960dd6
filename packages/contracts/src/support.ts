/**
 * Support for learners sent to training and its payment (issue 11 point 1, docs/decisions/0049).
 * Policies are data (training/support.ts); amounts are whole đồng, sent as JSON integers (safe below
 * 2^53; computed server-side with bigint). The rates of a policy are validated by the domain (so a
 * negative or missing rate is refused with a Vietnamese message naming the field).
 */
import { z } from 'zod';
import { training } from '@nang-tam/domain';
import { zActions } from './actions.js';
import { ZIdNumber, ZIsoDate, zRequiredText, zText } from './common.js';

export const SUPPORT_ITEM_CODES = training.SUPPORT_ITEM_CODES;
export const SUPPORT_ITEM_LABELS = training.SUPPORT_ITEM_LABELS;
export const SUPPORT_PLACE_LABELS = training.SUPPORT_PLACE_LABELS;

/** What the user may do with the policies (board, home affairs, administrator). */
export const SUPPORT_POLICY_ACTIONS = ['create'] as const;
/** What the user may do on a payment list: record a payment, export it. */
export const SUPPORT_LIST_ACTIONS = ['recordPayment', 'export'] as const;

const MODES = ['full_time', 'part_time', 'online'] as const;
const zRate = z.number().optional();
const zPlace = z.strictObject({ inProvince: zRate, outsideProvince: zRate });
const zExtra = z.strictObject({ perDay: zRate, perCourse: zRate });

export const ZSupportRates = z.strictObject({
  daily: z.strictObject({ full_time: zPlace.optional(), part_time: zPlace.optional(), online: zPlace.optional() }).optional(),
  accommodationPerNight: zPlace.optional(),
  travelPerCourse: zPlace.optional(),
  tuitionPercent: zRate,
  women: zExtra.optional(),
  ethnicMinority: zExtra.optional(),
  capPerCourse: z.number().nullable().optional(),
  capPerYear: z.number().nullable().optional(),
});

const zCodes = z.array(z.string().max(60)).max(100);
export const ZSupportCoverage = z.strictObject({
  courseKinds: z.array(z.enum(['class', 'outside'])).max(2).optional(),
  categories: zCodes.optional(),
  programmeKinds: zCodes.optional(),
  programmeCodes: zCodes.optional(),
  modes: z.array(z.enum(MODES)).max(3).optional(),
  organiserUnitIds: z.array(ZIdNumber).max(100).optional(),
});

export const ZSupportSource = z.strictObject({
  code: zRequiredText(100),
  title: zRequiredText(500),
  issuer: zRequiredText(200),
  issuedOn: ZIsoDate,
  article: zText(200).optional(),
});

export const ZSupportPolicyInput = z.strictObject({
  /** Stable code of the policy, e.g. 'LS_NQ09_2008'. */
  id: z.string().regex(/^[A-Z0-9_]{2,40}$/, { message: 'INVALID_CODE' }),
  name: zRequiredText(300),
  source: ZSupportSource,
  verified: z.boolean(),
  coverage: ZSupportCoverage,
  rates: ZSupportRates,
  period: z.strictObject({ from: ZIsoDate, to: ZIsoDate.nullable() }),
  /** A correction of version N over exactly its period. */
  corrects: z.number().int().min(1).max(10_000).optional(),
  note: zText(1000).optional(),
});
export type SupportPolicyInput = z.infer<typeof ZSupportPolicyInput>;

const ZPlaceOut = z.object({ inProvince: z.number(), outsideProvince: z.number() });
const ZExtraOut = z.object({ perDay: z.number(), perCourse: z.number() });
export const ZSupportPolicy = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  source: z.object({ code: z.string(), title: z.string(), issuer: z.string(), issuedOn: z.string(), article: z.string().optional() }),
  verified: z.boolean(),
  coverage: z.object({
    courseKinds: z.array(z.string()).optional(),
    categories: z.array(z.string()).optional(),
    programmeKinds: z.array(z.string()).optional(),
    programmeCodes: z.array(z.string()).optional(),
    modes: z.array(z.string()).optional(),
    organiserUnitIds: z.array(z.number()).optional(),
  }),
  rates: z.object({
    daily: z.object({ full_time: ZPlaceOut, part_time: ZPlaceOut, online: ZPlaceOut }),
    accommodationPerNight: ZPlaceOut,
    travelPerCourse: ZPlaceOut,
    tuitionPercent: z.number(),
    women: ZExtraOut,
    ethnicMinority: ZExtraOut,
    capPerCourse: z.number().nullable(),
    capPerYear: z.number().nullable(),
  }),
  period: z.object({ from: z.string(), to: z.string().nullable() }),
  corrects: z.number().nullable(),
  supersededBy: z.number().nullable(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  /** In force today and not superseded. */
  inForce: z.boolean(),
});
export type SupportPolicy = z.infer<typeof ZSupportPolicy>;

export const ZSupportPolicyList = z.object({ asOf: ZIsoDate, items: z.array(ZSupportPolicy), actions: zActions(SUPPORT_POLICY_ACTIONS) });
export type SupportPolicyList = z.infer<typeof ZSupportPolicyList>;

// ---------- payment lists ----------

export const ZSupportItem = z.object({ code: z.enum(SUPPORT_ITEM_CODES), amount: z.number(), explanation: z.string() });
export type SupportItem = z.infer<typeof ZSupportItem>;

export const ZSupportPolicyRef = z.object({ id: z.string(), version: z.number(), name: z.string(), sourceCode: z.string(), verified: z.boolean() });

export const ZSupportCourse = z.object({
  kind: z.enum(['class', 'outside']),
  /** The class id, or the outside-training record id. */
  id: z.number(),
  name: z.string(),
  programme: z.object({ code: z.string(), name: z.string() }),
  mode: z.enum(MODES),
  place: z.enum(['in_province', 'outside_province']),
  organiser: z.string(),
  startDate: ZIsoDate,
  endDate: ZIsoDate,
  studyDays: z.number(),
  daysBasis: z.string(),
});
export type SupportCourse = z.infer<typeof ZSupportCourse>;

export const ZSupportRow = z.object({
  person: z.object({ id: z.number(), fullName: z.string(), birthDate: ZIsoDate, gender: z.enum(['male', 'female']), ethnicMinority: z.boolean().nullable(), category: z.string(), unit: z.object({ id: z.number(), name: z.string() }) }),
  course: ZSupportCourse,
  covered: z.boolean(),
  policy: ZSupportPolicyRef.nullable(),
  items: z.array(ZSupportItem),
  owed: z.number(),
  paid: z.number(),
  remaining: z.number(),
  explanation: z.string(),
  actions: zActions(['recordPayment'] as const),
});
export type SupportRow = z.infer<typeof ZSupportRow>;

export const ZSupportPayment = z.object({
  id: z.number(),
  personId: z.number(),
  classId: z.number().nullable(),
  outsideTrainingId: z.number().nullable(),
  amount: z.number(),
  paidOn: ZIsoDate,
  voucherNo: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type SupportPayment = z.infer<typeof ZSupportPayment>;

export const ZSupportList = z.object({
  kind: z.enum(['class', 'outside']),
  classId: z.number().nullable(),
  decisionNo: z.string().nullable(),
  title: z.string(),
  asOf: ZIsoDate,
  rows: z.array(ZSupportRow),
  totals: z.object({ owed: z.number(), paid: z.number(), remaining: z.number(), items: z.record(z.string(), z.number()) }),
  payments: z.array(ZSupportPayment),
  rounding: z.string(),
  actions: zActions(SUPPORT_LIST_ACTIONS),
});
export type SupportList = z.infer<typeof ZSupportList>;

export const ZSupportBatchQuery = z.strictObject({ decisionNo: zRequiredText(100) });
export const ZSupportBatches = z.object({ items: z.array(z.object({ decisionNo: z.string(), decisionDate: z.string().nullable(), people: z.number() })) });
export type SupportBatches = z.infer<typeof ZSupportBatches>;

/** A sum of money in whole đồng (1 … 10^12). */
const ZPositiveDong = z.number().refine((v) => Number.isSafeInteger(v) && v > 0 && v <= 1e12, { message: 'INVALID_AMOUNT' }).meta({ example: 600_000 });

export const ZClassSupportPaymentInput = z.strictObject({
  personId: ZIdNumber,
  amount: ZPositiveDong,
  paidOn: ZIsoDate,
  voucherNo: zText(100).optional(),
  note: zText(1000).optional(),
});
export type ClassSupportPaymentInput = z.infer<typeof ZClassSupportPaymentInput>;

export const ZOutsideSupportPaymentInput = z.strictObject({
  outsideTrainingId: ZIdNumber,
  amount: ZPositiveDong,
  paidOn: ZIsoDate,
  voucherNo: zText(100).optional(),
  note: zText(1000).optional(),
});
export type OutsideSupportPaymentInput = z.infer<typeof ZOutsideSupportPaymentInput>;

export const ZSupportExport = z.union([
  z.strictObject({ classId: ZIdNumber, format: z.enum(['xlsx', 'pdf']) }),
  z.strictObject({ decisionNo: zRequiredText(100), format: z.enum(['xlsx', 'pdf']) }),
]);
export type SupportExport = z.infer<typeof ZSupportExport>;

/** The learner's own support: one row per course (class or outside record). */
export const ZMySupport = z.object({ asOf: ZIsoDate, rows: z.array(ZSupportRow), payments: z.array(ZSupportPayment), totals: z.object({ owed: z.number(), paid: z.number() }) });
export type MySupport = z.infer<typeof ZMySupport>;
