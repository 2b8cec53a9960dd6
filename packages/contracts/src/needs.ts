/**
 * Training needs (issue 9): campaigns, each unit's answer, the suggestion from gaps, the
 * aggregation, the unit's history and the reminders. Input schemas are strict; counts and quarters
 * carry their own field codes so the message at the field says what is wrong.
 */
import { z } from 'zod';
import { needs } from '@nang-tam/domain';
import { zActions } from './actions.js';
import { INT4_MAX, ZId, ZIdNumber, ZIsoDate, zRequiredText, zText } from './common.js';
import { ZStudyMode } from './rules.js';
import { ZUnitKind } from './units.js';

/** A needs campaign: change it (deadline, close, reopen), reopen it for one unit, see the aggregation, export it. */
export const NEEDS_CAMPAIGN_ACTIONS = ['update', 'reopenUnit', 'viewAggregate', 'export'] as const;
export type NeedsCampaignAction = (typeof NEEDS_CAMPAIGN_ACTIONS)[number];
/** The campaign list: open a campaign. */
export const NEEDS_CAMPAIGN_LIST_ACTIONS = ['create'] as const;
/** A unit's answer: edit (save a draft), submit, return it with a comment (the board), export its form. */
export const NEEDS_ANSWER_ACTIONS = ['edit', 'submit', 'return', 'export'] as const;
export type NeedsAnswerAction = (typeof NEEDS_ANSWER_ACTIONS)[number];

export const ZNeedsAnswerStatus = z.enum(needs.ANSWER_STATUSES as [needs.AnswerStatus, ...needs.AnswerStatus[]]);
export const ZNeedsCampaignStatus = z.enum(['open', 'closed']);
const ZProgrammeCode = z.string().min(1).max(60);

/** A number of people: a whole number from 0. */
export const zNeedsCount = z
  .number()
  .refine((n) => Number.isInteger(n) && n >= 0 && n <= needs.MAX_LINE_PEOPLE, { message: 'NEEDS_COUNT_INVALID' })
  .meta({ example: 12 });
/** A quarter of the year, 1 to 4. */
export const zQuarter = z
  .number()
  .refine((n) => Number.isInteger(n) && n >= 1 && n <= 4, { message: 'NEEDS_QUARTER_INVALID' })
  .meta({ example: 2 });
const ZVersion = z.number().int().min(0).max(INT4_MAX);

// ---------- campaigns ----------

export const ZNeedsOfferInput = z.strictObject({
  programmeCode: ZProgrammeCode,
  modes: z.array(ZStudyMode).min(1).max(3),
});

export const ZNeedsTarget = z
  .strictObject({
    kinds: z.array(ZUnitKind).min(1).max(20).optional(),
    unitIds: z.array(ZIdNumber).min(1).max(5000).optional(),
  })
  .refine((t) => (t.kinds === undefined) !== (t.unitIds === undefined), { message: 'NEEDS_TARGET_REQUIRED' })
  .meta({ description: 'Các đơn vị phải đăng ký: mọi đơn vị thuộc các loại `kinds`, hoặc các đơn vị `unitIds` (trong phạm vi của bạn).' });

export const ZNeedsCampaignCreate = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  title: zRequiredText(300),
  deadline: ZIsoDate,
  offers: z.array(ZNeedsOfferInput).min(1).max(100),
  target: ZNeedsTarget,
  note: zText(2000).optional(),
});
export type NeedsCampaignCreate = z.infer<typeof ZNeedsCampaignCreate>;

export const ZNeedsCampaignUpdate = z.strictObject({
  version: ZIdNumber,
  title: zRequiredText(300).optional(),
  deadline: ZIsoDate.optional(),
  status: ZNeedsCampaignStatus.optional(),
  note: zText(2000).nullable().optional(),
});
export type NeedsCampaignUpdate = z.infer<typeof ZNeedsCampaignUpdate>;

export const ZNeedsReopen = z.strictObject({
  /** The last day the unit may answer; null ends an earlier reopening. */
  until: ZIsoDate.nullable(),
});

export const ZNeedsCampaignUnitParams = z.strictObject({ id: ZId, unitId: ZId });

const ZUnitRef = z.object({ id: z.number(), name: z.string() });

export const ZNeedsCampaign = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  deadline: z.string(),
  status: ZNeedsCampaignStatus,
  /** Today is past the deadline. */
  pastDeadline: z.boolean(),
  owner: ZUnitRef,
  note: z.string().nullable(),
  version: z.number(),
  requiredUnits: z.number(),
  submittedUnits: z.number(),
  /** The caller's own units in the campaign (their subtree): how many must answer, how many did. */
  myUnits: z.number(),
  mySubmitted: z.number(),
  /** People asked for in the submitted answers. */
  people: z.number(),
});
export type NeedsCampaign = z.infer<typeof ZNeedsCampaign>;

export const ZNeedsCampaignList = z.object({
  items: z.array(ZNeedsCampaign),
  actions: zActions(NEEDS_CAMPAIGN_LIST_ACTIONS),
});

export const ZNeedsOffer = z.object({ programmeCode: z.string(), programmeName: z.string(), modes: z.array(ZStudyMode) });

export const ZNeedsReminder = z.object({
  campaignId: z.number(),
  year: z.number(),
  unit: ZUnitRef,
  kind: z.enum(['before_deadline', 'after_deadline']),
  message: z.string(),
  createdAt: z.string(),
});
export type NeedsReminder = z.infer<typeof ZNeedsReminder>;

export const ZNeedsCampaignUnit = z.object({
  unit: ZUnitRef,
  status: ZNeedsAnswerStatus,
  version: z.number(),
  submittedAt: z.string().nullable(),
  people: z.number(),
  reopenedUntil: z.string().nullable(),
  late: z.boolean(),
  returnComment: z.string().nullable(),
  reminders: z.array(z.enum(['before_deadline', 'after_deadline'])),
  actions: zActions(NEEDS_ANSWER_ACTIONS),
});

export const ZNeedsCampaignDetail = ZNeedsCampaign.extend({
  offers: z.array(ZNeedsOffer),
  target: z.object({ kinds: z.array(z.string()).optional(), unitIds: z.array(z.number()).optional() }),
  units: z.array(ZNeedsCampaignUnit),
  actions: zActions(NEEDS_CAMPAIGN_ACTIONS),
});
export type NeedsCampaignDetail = z.infer<typeof ZNeedsCampaignDetail>;

// ---------- answers ----------

export const ZNeedsLineInput = z.strictObject({
  programmeCode: ZProgrammeCode,
  mode: ZStudyMode,
  quarter: zQuarter,
  people: zNeedsCount,
  personIds: z.array(ZIdNumber).max(1000).default([]),
});
export type NeedsLineInput = z.infer<typeof ZNeedsLineInput>;

export const ZNeedsAnswerSave = z.strictObject({
  /** The version read (0 when the unit had saved nothing yet). */
  version: ZVersion,
  lines: z.array(ZNeedsLineInput).max(500),
});
export type NeedsAnswerSave = z.infer<typeof ZNeedsAnswerSave>;

export const ZNeedsAnswerSubmit = z.strictObject({ version: ZIdNumber });
export const ZNeedsAnswerReturn = z.strictObject({ version: ZIdNumber, comment: zRequiredText(2000) });

const ZNamedPerson = z.object({ id: z.number(), fullName: z.string(), unitName: z.string() });

export const ZNeedsLine = z.object({
  programmeCode: z.string(),
  programmeName: z.string(),
  mode: ZStudyMode,
  quarter: z.number(),
  people: z.number(),
  named: z.array(ZNamedPerson),
});
export type NeedsLine = z.infer<typeof ZNeedsLine>;

export const ZNeedsAnswer = z.object({
  campaign: z.object({ id: z.number(), year: z.number(), title: z.string(), deadline: z.string(), status: ZNeedsCampaignStatus }),
  unit: ZUnitRef,
  status: ZNeedsAnswerStatus,
  version: z.number(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  returnComment: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  reopenedUntil: z.string().nullable(),
  /** Why the unit cannot write now (closed, past the deadline), or null. */
  closedMessage: z.string().nullable(),
  offers: z.array(ZNeedsOffer),
  lines: z.array(ZNeedsLine),
  totals: z.object({ people: z.number(), named: z.number() }),
  reminders: z.array(ZNeedsReminder),
  actions: zActions(NEEDS_ANSWER_ACTIONS),
});
export type NeedsAnswer = z.infer<typeof ZNeedsAnswer>;

export const ZNeedsSuggestion = z.object({
  asOf: z.string(),
  quarter: z.number(),
  lines: z.array(ZNeedsLine),
  /** People who lack a qualification their post or planned post requires (the unit's subtree). */
  peopleWithGaps: z.number(),
});
export type NeedsSuggestion = z.infer<typeof ZNeedsSuggestion>;

// ---------- aggregation ----------

const ZTally = z.object({
  people: z.number(),
  named: z.number(),
  young: z.number(),
  female: z.number(),
  minority: z.number(),
  planned: z.number(),
});
export type NeedsTally = z.infer<typeof ZTally>;

export const ZNeedsAggregateQuery = z.strictObject({ unitId: ZId.optional() });

export const ZNeedsAggregate = z.object({
  campaign: ZNeedsCampaign,
  unit: ZUnitRef,
  youngDefinition: z.object({
    maxAgeExclusive: z.number(),
    judgedOn: z.string(),
    source: z.object({ code: z.string(), title: z.string(), note: z.string(), verified: z.boolean() }),
  }),
  total: ZTally,
  byProgramme: z.array(
    z.object({
      programmeCode: z.string(),
      programmeName: z.string(),
      total: ZTally,
      byMode: z.object({ full_time: z.number(), part_time: z.number(), online: z.number() }),
      byQuarter: z.array(z.number()),
    }),
  ),
  byMode: z.array(z.object({ mode: ZStudyMode, people: z.number() })),
  byQuarter: z.array(z.number()),
  byUnit: z.array(
    z.object({
      unit: ZUnitRef,
      depth: z.number(),
      required: z.boolean(),
      status: ZNeedsAnswerStatus.nullable(),
      own: ZTally,
      subtree: ZTally,
    }),
  ),
  notAnswered: z.array(z.object({ unit: ZUnitRef, status: ZNeedsAnswerStatus, late: z.boolean(), reminders: z.number() })),
  counts: z.object({ required: z.number(), submitted: z.number() }),
});
export type NeedsAggregate = z.infer<typeof ZNeedsAggregate>;

// ---------- history and reminders ----------

export const ZNeedsHistory = z.object({
  unit: ZUnitRef,
  items: z.array(
    z.object({
      campaign: z.object({ id: z.number(), year: z.number(), title: z.string(), deadline: z.string(), status: ZNeedsCampaignStatus }),
      status: ZNeedsAnswerStatus,
      submittedAt: z.string().nullable(),
      returnComment: z.string().nullable(),
      lines: z.number(),
      people: z.number(),
      named: z.number(),
      /** What became of it, in words. */
      outcome: z.string(),
    }),
  ),
});
export type NeedsHistory = z.infer<typeof ZNeedsHistory>;

export const ZNeedsReminderList = z.object({ items: z.array(ZNeedsReminder) });

export const ZNeedsExportRequest = z.strictObject({ format: z.enum(['xlsx', 'pdf']) });
/** The aggregation under one unit of the campaign (default: the whole campaign). */
export const ZNeedsAggregateExportRequest = z.strictObject({ format: z.enum(['xlsx', 'pdf']), unitId: ZId.optional() });
