/**
 * The teaching side of training (issue 4): a programme's catalogue (modules, grading scheme,
 * graduation conditions, approver), the lecturer pool, classes with their modules and module
 * lecturers, and the class schedule (sessions). Input schemas are strict; output schemas carry no
 * transforms (responses are encoded with them).
 */
import { z } from 'zod';
import { ZClassActions, ZClassListActions, ZSessionActions } from './actions.js';
import { training } from '@nang-tam/domain';
import { ZIsoDate, ZId, ZPage, zRequiredText, zText, ZIdNumber } from './common.js';
import { ZSource, ZSourceDocument, ZStudyMode } from './rules.js';

const ZNamed = z.object({ id: z.number(), name: z.string() });
const ZCode = z.string().min(1).max(60);
const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** "HH:MM", 00:00 to 23:59. */
export const ZClockTime = z
  .string()
  .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { message: 'INVALID_TIME' })
  .meta({ example: '07:30' });

// ---------- programme catalogue ----------

export const APPROVERS = training.APPROVERS;
export const ZApprover = z.enum(APPROVERS);
export type ApproverCode = z.infer<typeof ZApprover>;

export const ZBandCode = z.enum(training.BAND_CODES as [training.BandCode, ...training.BandCode[]]);
export const FINAL_EXAM_KINDS = ['exam', 'thesis', 'none'] as const;

/** Sources a basis cited before, oldest first (a corrected citation stays as history). */
const ZPreviousSourcesInput = z.array(z.strictObject({ source: ZSourceDocument, note: zRequiredText(2000) })).max(10).optional();
const ZBasisInput = z.strictObject({ source: ZSourceDocument, note: zText(2000).optional(), evidence: zText(2000).optional(), previousSources: ZPreviousSourcesInput });
const ZBasis = z.object({
  source: ZSource,
  note: z.string().optional(),
  evidence: z.string().optional(),
  previousSources: z.array(z.object({ source: ZSource, note: z.string() })).optional(),
});

/** A grading scheme as the board writes it: bands listed from the highest to the lowest. */
export const ZGradingSchemeInput = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, { message: 'INVALID_ID' }),
  name: zRequiredText(200),
  scale: z.strictObject({ min: z.number(), max: z.number(), step: z.number() }),
  passMark: z.number(),
  bands: z.array(z.strictObject({ code: ZBandCode, label: zRequiredText(60), min: z.number() })).max(10),
  basis: ZBasisInput.optional(),
});
export type GradingSchemeInput = z.infer<typeof ZGradingSchemeInput>;

export const ZGradingScheme = z.object({
  code: z.string().optional(),
  name: z.string().optional(),
  scale: z.object({ min: z.number(), max: z.number(), step: z.number() }),
  passMark: z.number(),
  bands: z.array(z.object({ code: ZBandCode, label: z.string(), min: z.number() })),
  basis: ZBasis.optional(),
});

export const ZGraduationConditionsInput = z.strictObject({
  allModulesPassed: z.boolean(),
  /** Share of held sessions attended, 0..1; null: not checked. */
  minAttendanceRate: z.number().min(0).max(1).nullable(),
  finalExam: z.enum(FINAL_EXAM_KINDS),
  thesisAllowedInsteadOfExam: z.boolean().optional(),
  /** The home agency's conduct report is required to sit the final exam and to graduate. */
  conductReportRequired: z.boolean(),
  basis: ZBasisInput.optional(),
});
export type GraduationConditionsInput = z.infer<typeof ZGraduationConditionsInput>;

export const ZGraduationConditions = z.object({
  allModulesPassed: z.boolean(),
  minAttendanceRate: z.number().nullable(),
  finalExam: z.enum(FINAL_EXAM_KINDS),
  thesisAllowedInsteadOfExam: z.boolean().optional(),
  conductReportRequired: z.boolean(),
  basis: ZBasis.optional(),
});

export const ZCatalogueModuleInput = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, { message: 'INVALID_ID' }),
  name: zRequiredText(300),
  /** Periods (tiết): a whole number above zero. */
  periods: z.number().int().min(1).max(5000),
});

/** The whole teaching side of a programme, replaced at once (PUT). */
export const ZProgrammeCatalogueInput = z.strictObject({
  duration: zText(200).nullable(),
  approver: ZApprover,
  gradingScheme: ZGradingSchemeInput,
  graduationConditions: ZGraduationConditionsInput,
  /** In teaching order. */
  modules: z.array(ZCatalogueModuleInput).max(60),
});
export type ProgrammeCatalogueInput = z.infer<typeof ZProgrammeCatalogueInput>;

export const ZProgrammeCodeParams = z.strictObject({ code: ZCode });

export const ZCatalogueModule = z.object({ code: z.string(), name: z.string(), periods: z.number() });

export const ZProgrammeCatalogue = z.object({
  programme: z.object({ code: z.string(), name: z.string(), kind: z.string(), modes: z.array(ZStudyMode) }),
  /** As written, e.g. '6 tháng (tập trung)'. */
  duration: z.string().nullable(),
  approver: ZApprover,
  /** null until the catalogue is filled in: no class can open before. */
  gradingScheme: ZGradingScheme.nullable(),
  graduationConditions: ZGraduationConditions.nullable(),
  modules: z.array(ZCatalogueModule),
  totalPeriods: z.number(),
});
export type ProgrammeCatalogue = z.infer<typeof ZProgrammeCatalogue>;

// ---------- lecturers ----------

export const LECTURER_KINDS = ['school', 'guest'] as const;
export const ZLecturerKind = z.enum(LECTURER_KINDS);

export const ZLecturerCreate = z.strictObject({
  fullName: zRequiredText(200),
  /** school: a lecturer of the school; guest: a guest lecturer or speaker (giảng viên thỉnh giảng, báo cáo viên). */
  kind: ZLecturerKind,
  /** Academic or official title, e.g. 'ThS.', 'Phó Bí thư Tỉnh ủy'. */
  title: zText(200).nullable().optional(),
  organisation: zText(300).nullable().optional(),
  /** The lecturer's account (sees their sessions, enters grades); optional. */
  userId: ZIdNumber.nullable().optional(),
  /** The unit whose pool holds the lecturer; default: the caller's unit. */
  unitId: ZIdNumber.optional(),
});
export type LecturerCreate = z.infer<typeof ZLecturerCreate>;

export const ZLecturerUpdate = z.strictObject({
  fullName: zRequiredText(200).optional(),
  kind: ZLecturerKind.optional(),
  title: zText(200).nullable().optional(),
  organisation: zText(300).nullable().optional(),
  userId: ZIdNumber.nullable().optional(),
  /** false: no longer teaches (kept for the record; cannot be given new sessions). */
  active: z.boolean().optional(),
});
export type LecturerUpdate = z.infer<typeof ZLecturerUpdate>;

export const ZLecturersQuery = z.strictObject({
  /** Words of the name, with or without diacritics. */
  q: z.string().max(100).optional(),
  kind: ZLecturerKind.optional(),
  active: booleanFlag.optional(),
  ...ZPage,
});
export type LecturersQuery = z.infer<typeof ZLecturersQuery>;

export const ZLecturerRef = z.object({
  id: z.number(),
  fullName: z.string(),
  kind: ZLecturerKind,
  title: z.string().nullable(),
  organisation: z.string().nullable(),
});
export type LecturerRef = z.infer<typeof ZLecturerRef>;

export const ZLecturer = ZLecturerRef.extend({
  unit: ZNamed,
  user: z.object({ id: z.number(), username: z.string(), displayName: z.string() }).nullable(),
  active: z.boolean(),
});
export type Lecturer = z.infer<typeof ZLecturer>;

export const ZLecturerPage = z.object({ total: z.number(), items: z.array(ZLecturer) });
export type LecturerPage = z.infer<typeof ZLecturerPage>;

// ---------- classes ----------

export const CLASS_STATUSES = ['open', 'closed', 'finished'] as const;
export const ZClassStatus = z.enum(CLASS_STATUSES);
/** The status shown to people (domain training.classDisplayStatus): a locked class under way is "Đang học". */
export const CLASS_DISPLAY_STATUSES = ['open', 'closed', 'in_progress', 'awaiting_graduation', 'finished'] as const;
export const ZClassDisplayStatus = z.enum(CLASS_DISPLAY_STATUSES);

/** e.g. 'K12', 'TC-LLCT-2026-01': unique within the programme. */
const ZCohortCode = z.string().refine((v) => /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/.test(v), { message: 'INVALID_COHORT_CODE' });

export const ZClassCreate = z.strictObject({
  programmeCode: ZCode,
  cohortCode: ZCohortCode,
  name: zRequiredText(300),
  /** One of the modes the programme offers. */
  mode: ZStudyMode,
  /** The school or a local site, as written. */
  site: zRequiredText(300),
  startDate: ZIsoDate,
  endDate: ZIsoDate,
  capacity: z.number().int().min(1).max(5000),
  /** The organising unit (the school or a political centre); default: the caller's unit. Must be in the caller's subtree. */
  organiserUnitId: ZIdNumber.optional(),
  /** The annual plan line it opens against (a line of the year it starts, of its programme) … */
  planLineId: ZIdNumber.nullish(),
  /** … or outside the plan (an extra class at a local site). */
  outsidePlan: z.boolean().optional(),
});
export type ClassCreate = z.infer<typeof ZClassCreate>;

export const ZClassUpdate = z.strictObject({
  /** The version the editor read: a different one answers 409 CONFLICT. */
  version: ZIdNumber,
  cohortCode: ZCohortCode.optional(),
  name: zRequiredText(300).optional(),
  mode: ZStudyMode.optional(),
  site: zRequiredText(300).optional(),
  startDate: ZIsoDate.optional(),
  endDate: ZIsoDate.optional(),
  /** Not below the places already taken. */
  capacity: z.number().int().min(1).max(5000).optional(),
  /** open: takes nominations; closed: takes no more (finished is set by graduation). */
  status: z.enum(['open', 'closed']).optional(),
  /** The annual plan line (null: none), or outside the plan. */
  planLineId: ZIdNumber.nullish(),
  outsidePlan: z.boolean().optional(),
});
export type ClassUpdate = z.infer<typeof ZClassUpdate>;

export const ZClassesQuery = z.strictObject({
  /** Classes running in this year; one started in an earlier year is flagged carriedOver. */
  year: z.coerce.number().int().min(1990).max(2200).optional(),
  programme: ZCode.optional(),
  status: ZClassStatus.optional(),
  /** The organising unit and its subtree. */
  organiserUnitId: ZId.optional(),
  /** Words of the class name or cohort code, with or without diacritics. */
  q: z.string().max(100).optional(),
  ...ZPage,
});
export type ClassesQuery = z.infer<typeof ZClassesQuery>;

export const ZClassSummary = z.object({
  id: z.number(),
  programme: z.object({ code: z.string(), name: z.string(), kind: z.string() }),
  cohortCode: z.string(),
  name: z.string(),
  mode: ZStudyMode,
  site: z.string(),
  organiser: ZNamed,
  startDate: ZIsoDate,
  endDate: ZIsoDate,
  capacity: z.number(),
  status: ZClassStatus,
  /** What the class is doing on the server's today (Vietnam), for its status label. */
  displayStatus: ZClassDisplayStatus,
  /** Nominations holding a place (nominated, approved by the agency or the board, enrolled). */
  placesTaken: z.number(),
  freePlaces: z.number(),
  waitlisted: z.number(),
  enrolled: z.number(),
  /** Started in a year before the listed year (lớp chuyển tiếp); false when no year was asked for. */
  carriedOver: z.boolean(),
  version: z.number(),
  /** What the signed-in user may do with this class (policies/class.ts). */
  actions: ZClassActions,
});
export type ClassSummary = z.infer<typeof ZClassSummary>;

export const ZClassPage = z.object({
  year: z.number().nullable(),
  total: z.number(),
  items: z.array(ZClassSummary),
  /** What the signed-in user may do with the class list: open a class, keep the lecturer pool. */
  actions: ZClassListActions,
});
export type ClassPage = z.infer<typeof ZClassPage>;

export const ZClassModule = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  periods: z.number(),
  /** Lecturers of the module with the periods each teaches. */
  lecturers: z.array(z.object({ lecturer: ZLecturerRef, periods: z.number() })),
  assignedPeriods: z.number(),
  sessions: z.number(),
});

export const ZClassDetail = ZClassSummary.extend({
  gradingScheme: ZGradingScheme,
  graduationConditions: ZGraduationConditions,
  modules: z.array(ZClassModule),
  /** Teaching hours per lecturer over every module, and their scheduled sessions. */
  lecturers: z.array(z.object({ lecturer: ZLecturerRef, periods: z.number(), sessions: z.number() })),
  sessions: z.number(),
  createdAt: z.string(),
  graduatedAt: z.string().nullable(),
  /** Its place in the annual plan: a plan line, or outside the plan (neither: not linked yet). */
  plan: z.object({ lineId: z.number().nullable(), outsidePlan: z.boolean() }),
});
export type ClassDetail = z.infer<typeof ZClassDetail>;

export const ZClassModuleParams = z.strictObject({ id: ZId, moduleId: ZId });

export const ZModuleLecturersInput = z.strictObject({
  /** Replaces the module's lecturers; the periods add up to at most the module's periods. */
  lecturers: z.array(z.strictObject({ lecturerId: ZIdNumber, periods: z.number().int().min(1).max(5000) })).max(20),
});
export type ModuleLecturersInput = z.infer<typeof ZModuleLecturersInput>;

// ---------- sessions ----------

export const SESSION_KINDS = ['lesson', 'field_trip', 'exam'] as const;
export const ZSessionKind = z.enum(SESSION_KINDS);

const sessionFields = {
  /** The module taught; required for a lesson, optional for a field trip or the final exam. */
  moduleId: ZIdNumber.nullable().optional(),
  date: ZIsoDate,
  startTime: ZClockTime,
  endTime: ZClockTime,
  /** A room (or the place of a field trip); a room used by another session at the same time is refused. */
  room: zText(200).nullable().optional(),
  onlineLink: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional(),
  lecturerId: ZIdNumber.nullable().optional(),
};

export const ZClassSessionInput = z.strictObject({ kind: ZSessionKind.default('lesson'), ...sessionFields });
export type ClassSessionInput = z.infer<typeof ZClassSessionInput>;

export const ZClassSessionUpdate = z.strictObject({
  kind: ZSessionKind.optional(),
  moduleId: sessionFields.moduleId,
  date: ZIsoDate.optional(),
  startTime: ZClockTime.optional(),
  endTime: ZClockTime.optional(),
  room: sessionFields.room,
  onlineLink: sessionFields.onlineLink,
  lecturerId: sessionFields.lecturerId,
});
export type ClassSessionUpdate = z.infer<typeof ZClassSessionUpdate>;

export const ZClassSessionParams = z.strictObject({ id: ZId, sessionId: ZId });

export const ZClassSession = z.object({
  id: z.number(),
  classId: z.number(),
  module: z.object({ id: z.number(), code: z.string(), name: z.string() }).nullable(),
  kind: ZSessionKind,
  date: ZIsoDate,
  startTime: z.string(),
  endTime: z.string(),
  room: z.string().nullable(),
  onlineLink: z.string().nullable(),
  lecturer: ZLecturerRef.nullable(),
  /** What the caller may do with this session (attendance, QR code). */
  actions: ZSessionActions,
});
export type ClassSession = z.infer<typeof ZClassSession>;

export const ZClassSessionList = z.object({ items: z.array(ZClassSession) });

export const ZMySessionsQuery = z.strictObject({
  /** Default: today (Vietnam). */
  from: ZIsoDate.optional(),
  /** Default: 30 days after `from`; at most 366 days after it. */
  to: ZIsoDate.optional(),
});
export type MySessionsQuery = z.infer<typeof ZMySessionsQuery>;

export const ZMySessions = z.object({
  from: ZIsoDate,
  to: ZIsoDate,
  /** The caller's lecturer record; null when the account is not a lecturer's (then no sessions). */
  lecturer: ZLecturerRef.nullable(),
  items: z.array(
    ZClassSession.omit({ actions: true }).extend({
      class: z.object({
        id: z.number(),
        name: z.string(),
        cohortCode: z.string(),
        programmeCode: z.string(),
        programmeName: z.string(),
        site: z.string(),
      }),
    }),
  ),
});
export type MySessions = z.infer<typeof ZMySessions>;
