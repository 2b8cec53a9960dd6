/**
 * Following the learner (issue 4): attendance per session (marked by the registrar or the lecturer,
 * or a QR check-in from the learner's phone that may sync later), recalls by the home agency and the
 * make-up study they require, the home agency's conduct report, grades, the learner's progress with
 * exam eligibility, and the graduation of a class. Input schemas are strict; output schemas carry no
 * transforms (responses are encoded with them).
 */
import { z } from 'zod';
import { ZEnrolmentActions } from './actions.js';
import { ZIsoDate, ZId, ZIdNumber, ZPage, zRequiredText, zText } from './common.js';
import { ZGradingScheme } from './classes.js';

const ZNamed = z.object({ id: z.number(), name: z.string() });
const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

// ---------- shared shapes ----------

/** present; absent_excused (vắng có phép); absent_unexcused (vắng không phép); recalled (cơ quan triệu tập về). */
export const ATTENDANCE_MARKS = ['present', 'absent_excused', 'absent_unexcused', 'recalled'] as const;
export const ZAttendanceMark = z.enum(ATTENDANCE_MARKS);
export type AttendanceMarkCode = z.infer<typeof ZAttendanceMark>;

/** Who recorded a mark: the registrar, the lecturer, the learner's QR check-in, or a recorded recall. */
export const ATTENDANCE_SOURCES = ['registrar', 'lecturer', 'qr', 'recall'] as const;
export const ZAttendanceSource = z.enum(ATTENDANCE_SOURCES);

export const ZLearnerPerson = z.object({
  id: z.number(),
  fullName: z.string(),
  birthDate: ZIsoDate,
  /** The learner's home unit (the sending agency). */
  unit: ZNamed,
});

/** A session as the learner screens name it. */
export const ZSessionRef = z.object({
  id: z.number(),
  classId: z.number(),
  module: z.object({ id: z.number(), code: z.string(), name: z.string() }).nullable(),
  kind: z.enum(['lesson', 'field_trip', 'exam']),
  date: ZIsoDate,
  startTime: z.string(),
  endTime: z.string(),
});
export type SessionRef = z.infer<typeof ZSessionRef>;

export const ZLearnerClassRef = z.object({
  id: z.number(),
  name: z.string(),
  cohortCode: z.string(),
  programme: z.object({ code: z.string(), name: z.string() }),
  startDate: ZIsoDate,
  endDate: ZIsoDate,
  status: z.enum(['open', 'closed', 'finished']),
});

export const ENROLMENT_STATUSES = ['enrolled', 'completed', 'failed', 'withdrawn'] as const;
export const ZEnrolmentStatus = z.enum(ENROLMENT_STATUSES);

export const ZClassification = z.object({ code: z.string(), label: z.string().meta({ example: 'Giỏi' }) });

// ---------- attendance ----------

export const ZSessionIdParams = z.strictObject({ id: ZId });

export const ZAttendanceInput = z.strictObject({
  /** Marks to record; learners not listed keep their mark. One mark per learner in a request. */
  marks: z
    .array(
      z.strictObject({
        enrolmentId: ZIdNumber,
        mark: ZAttendanceMark,
        /**
         * Optimistic concurrency: the mark the client saw before changing it (null: not marked).
         * When the stored mark differs (someone else marked the learner meanwhile), nothing is saved
         * and the answer is 409 ATTENDANCE_CONFLICT naming each such row. Omitted: no check.
         */
        expected: ZAttendanceMark.nullable().optional(),
      }),
    )
    .min(1)
    .max(5000),
});
export type AttendanceInput = z.infer<typeof ZAttendanceInput>;

export const ZAttendanceRow = z.object({
  enrolmentId: z.number(),
  person: ZLearnerPerson,
  /** null while not marked. */
  mark: ZAttendanceMark.nullable(),
  source: ZAttendanceSource.nullable(),
  /** When the learner's phone scanned the QR code (an offline check-in syncs later). */
  checkedInAt: z.string().nullable(),
  markedBy: z.string().nullable(),
  markedAt: z.string().nullable(),
  /** The date falls in a recall recorded for the learner (the session must be made up unless present). */
  inRecall: z.boolean(),
  /** What the caller may do for this learner (recall, make-up …). */
  actions: ZEnrolmentActions,
});

export const ZSessionAttendance = z.object({
  session: ZSessionRef,
  class: z.object({ id: z.number(), name: z.string(), cohortCode: z.string(), status: z.enum(['open', 'closed', 'finished']) }),
  /** The session's date is today or earlier (Vietnam): only then can it be marked. */
  held: z.boolean(),
  counts: z.object({ present: z.number(), absentExcused: z.number(), absentUnexcused: z.number(), recalled: z.number(), unmarked: z.number() }),
  items: z.array(ZAttendanceRow),
});
export type SessionAttendance = z.infer<typeof ZSessionAttendance>;

// ---------- QR check-in ----------

export const ZCheckinCode = z.object({
  sessionId: z.number(),
  /** Signed for the current time window of the session's date; a new one is issued every window. */
  token: z.string(),
  /** The web app's check-in page to render as a QR code: `/checkin/<token>`. */
  path: z.string(),
  /** When the QR shown now should be replaced by a fresh one. */
  expiresAt: z.string(),
  windowSeconds: z.number(),
});
export type CheckinCode = z.infer<typeof ZCheckinCode>;

export const ZCheckinInput = z.strictObject({
  token: z.string().min(1).max(200),
  /** Made on the phone once per scan: the same check-in synced twice counts once. */
  clientId: z.uuid(),
  /** When the phone scanned the code (earlier than now when it was offline), ISO 8601 with offset. */
  checkedInAt: z.iso.datetime({ offset: true }),
});
export type CheckinInput = z.infer<typeof ZCheckinInput>;

/** checked_in: this check-in is recorded; already_checked_in: an earlier check-in of the learner counts; already_marked: the school marked the session already. */
export const CHECKIN_STATUSES = ['checked_in', 'already_checked_in', 'already_marked'] as const;

export const ZCheckinResult = z.object({
  status: z.enum(CHECKIN_STATUSES),
  /** Vietnamese, for the phone's screen. */
  message: z.string(),
  session: ZSessionRef,
  className: z.string(),
  enrolmentId: z.number(),
  mark: ZAttendanceMark,
  checkedInAt: z.string().nullable(),
});
export type CheckinResult = z.infer<typeof ZCheckinResult>;

// ---------- recalls and make-up ----------

export const ZEnrolmentIdParams = z.strictObject({ id: ZId });

/** Both dates are required (checked by the training rules so the answer names each missing one). */
export const ZRecallInput = z.strictObject({
  fromDate: ZIsoDate.nullable().optional(),
  toDate: ZIsoDate.nullable().optional(),
  /** The agency's document or reason. */
  reason: zRequiredText(2000),
});
export type RecallInput = z.infer<typeof ZRecallInput>;

export const ZRecall = z.object({
  id: z.number(),
  enrolmentId: z.number(),
  fromDate: ZIsoDate,
  toDate: ZIsoDate,
  reason: z.string(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type Recall = z.infer<typeof ZRecall>;

export const ZRecallResult = z.object({
  recall: ZRecall,
  /** Sessions of the period that had no mark and are now marked recalled (each must be made up once held). */
  markedSessions: z.array(ZSessionRef),
});
export type RecallResult = z.infer<typeof ZRecallResult>;

export const ZMakeUpInput = z.strictObject({
  /** The missed session: one the learner must make up. */
  sessionId: ZIdNumber,
  doneOn: ZIsoDate,
  note: zText(2000).optional(),
});
export type MakeUpInput = z.infer<typeof ZMakeUpInput>;

export const ZMakeUp = z.object({
  id: z.number(),
  enrolmentId: z.number(),
  session: ZSessionRef,
  doneOn: ZIsoDate,
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type MakeUp = z.infer<typeof ZMakeUp>;

// ---------- conduct reports ----------

export const CONDUCT_REPORT_STATUSES = ['pending', 'received'] as const;

export const ZConductReportRequestInput = z.strictObject({ dueOn: ZIsoDate });
export type ConductReportRequestInput = z.infer<typeof ZConductReportRequestInput>;

export const ZConductReportRequestResult = z.object({
  classId: z.number(),
  dueOn: ZIsoDate,
  /** Learners asked now. */
  requested: z.number(),
  /** Learners asked before (their request and due date are kept). */
  alreadyRequested: z.number(),
});
export type ConductReportRequestResult = z.infer<typeof ZConductReportRequestResult>;

export const ZConductReportsQuery = z.strictObject({
  status: z.enum(['pending', 'received', 'all']).default('all'),
  /** true: only reports past their due date and not received (false or absent: no such filter). */
  overdue: booleanFlag.optional(),
  classId: ZId.optional(),
  ...ZPage,
});
export type ConductReportsQuery = z.infer<typeof ZConductReportsQuery>;

export const ZConductReportInput = z.strictObject({
  /** The agency's conclusion: the learner kept the discipline of the course and of their work. */
  satisfactory: z.boolean(),
  /** Ý thức, thái độ. */
  conduct: zRequiredText(4000),
  /** Chấp hành tổ chức, kỷ luật. */
  discipline: zRequiredText(4000),
  /** Công tác tại cơ quan trong thời gian học (part-time courses). */
  workDuringCourse: zText(4000).optional(),
});
export type ConductReportInput = z.infer<typeof ZConductReportInput>;

export const ZConductReport = z.object({
  enrolmentId: z.number(),
  person: ZLearnerPerson,
  class: ZLearnerClassRef,
  status: z.enum(CONDUCT_REPORT_STATUSES),
  requestedAt: z.string(),
  requestedBy: z.string().nullable(),
  dueOn: ZIsoDate,
  /** Not received, the due date has passed (Vietnam) and the class has not graduated. */
  overdue: z.boolean(),
  reminders: z.number(),
  lastRemindedAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  satisfactory: z.boolean().nullable(),
  content: z.object({ conduct: z.string(), discipline: z.string(), workDuringCourse: z.string() }).nullable(),
  filledBy: z.string().nullable(),
  /** What the caller may do for this learner (fill the report …). */
  actions: ZEnrolmentActions,
});
export type ConductReport = z.infer<typeof ZConductReport>;

export const ZConductReportPage = z.object({ total: z.number(), items: z.array(ZConductReport) });
export type ConductReportPage = z.infer<typeof ZConductReportPage>;

// ---------- grades ----------

export const ZGradesInput = z.strictObject({
  grades: z
    .array(
      z.strictObject({
        enrolmentId: ZIdNumber,
        /** A module of the class; null for the final exam or thesis. */
        moduleId: ZIdNumber.nullable(),
        /** On the class's scale and step; null removes the grade. */
        value: z.number().nullable(),
      }),
    )
    .min(1)
    .max(20000),
});
export type GradesInput = z.infer<typeof ZGradesInput>;

export const ZGradeCell = z.object({
  value: z.number().nullable(),
  enteredBy: z.string().nullable(),
  enteredAt: z.string().nullable(),
});

export const ZGradeMatrix = z.object({
  class: z.object({ id: z.number(), name: z.string(), cohortCode: z.string(), status: z.enum(['open', 'closed', 'finished']) }),
  scheme: ZGradingScheme,
  /** The final assessment the class's conditions require: exam, thesis or none. */
  finalExam: z.enum(['exam', 'thesis', 'none']),
  modules: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), periods: z.number(), editable: z.boolean() })),
  /** The caller may enter the final exam or thesis grade (the school; not a module's lecturer). */
  finalEditable: z.boolean(),
  rows: z.array(
    z.object({
      enrolmentId: z.number(),
      person: ZLearnerPerson,
      status: ZEnrolmentStatus,
      /** In the order of `modules`. */
      modules: z.array(ZGradeCell.extend({ moduleId: z.number() })),
      final: ZGradeCell,
      /** Periods-weighted average of the module grades (rounded half up to 2 decimals); null until every module is graded. */
      average: z.number().nullable(),
      /** What the caller may do for this learner ('grade': enter their grades in the editable columns). */
      actions: ZEnrolmentActions,
    }),
  ),
});
export type GradeMatrix = z.infer<typeof ZGradeMatrix>;

// ---------- progress, exam eligibility, graduation ----------

export const ZCheck = z.object({
  code: z.enum(['modules_passed', 'attendance', 'make_up', 'conduct_report', 'final_exam']),
  label: z.string(),
  /** null: cannot be told yet (see `missing`). */
  passed: z.boolean().nullable(),
  /** One Vietnamese sentence: what was found, what is required, the verdict. */
  detail: z.string(),
  facts: z.record(z.string(), z.unknown()),
  missing: z.array(z.object({ key: z.string(), label: z.string() })),
});

export const ZExamEligibility = z.object({
  outcome: z.enum(['eligible', 'not_eligible', 'pending']),
  summary: z.string(),
  checks: z.array(ZCheck),
  missing: z.array(z.object({ key: z.string(), label: z.string() })),
});

export const ZGraduationDecision = z.object({
  outcome: z.enum(['graduated', 'not_graduated', 'pending']),
  summary: z.string(),
  checks: z.array(ZCheck),
  missing: z.array(z.object({ key: z.string(), label: z.string() })),
  average: z.number().nullable(),
  classification: ZClassification.nullable(),
});

const ZCounts = {
  held: z.number(),
  present: z.number(),
  recalled: z.number(),
  absentExcused: z.number(),
  absentUnexcused: z.number(),
  unmarked: z.number(),
  attended: z.number(),
  /** attended / held; null when no session was held. */
  rate: z.number().nullable(),
};

export const ZEnrolmentProgress = z.object({
  enrolment: z.object({
    id: z.number(),
    status: ZEnrolmentStatus,
    person: ZLearnerPerson,
    class: ZLearnerClassRef,
    average: z.number().nullable(),
    finalGrade: z.number().nullable(),
    classification: ZClassification.nullable(),
    graduatedOn: ZIsoDate.nullable(),
  }),
  /** The date the figures are computed for (today in Vietnam). */
  asOf: ZIsoDate,
  attendance: z.object({
    ...ZCounts,
    /** The programme's minimum share of held sessions; null when not checked. */
    minRate: z.number().nullable(),
    byModule: z.array(z.object({ moduleCode: z.string(), ...ZCounts })),
    sessions: z.array(
      z.object({
        session: ZSessionRef,
        mark: ZAttendanceMark.nullable(),
        source: ZAttendanceSource.nullable(),
        checkedInAt: z.string().nullable(),
      }),
    ),
  }),
  recalls: z.array(ZRecall),
  makeUps: z.object({
    required: z.array(
      z.object({
        session: ZSessionRef,
        /** recall_period: in a recorded recall; recalled_mark: marked recalled without a recorded recall. */
        reason: z.enum(['recall_period', 'recalled_mark']),
        recallId: z.number().nullable(),
        madeUpOn: ZIsoDate.nullable(),
      }),
    ),
    outstanding: z.number(),
    records: z.array(ZMakeUp),
  }),
  grades: z.object({
    modules: z.array(
      z.object({
        module: z.object({ id: z.number(), code: z.string(), name: z.string(), periods: z.number() }),
        value: z.number().nullable(),
        passed: z.boolean().nullable(),
      }),
    ),
    finalExam: z.object({ kind: z.enum(['exam', 'thesis', 'none']), value: z.number().nullable(), passed: z.boolean().nullable() }),
    average: z.number().nullable(),
  }),
  /** null until the school asks the home agency for it. */
  conductReport: ZConductReport.nullable(),
  examEligibility: ZExamEligibility,
  graduation: ZGraduationDecision,
  /** What the caller may do for this learner: recall, make-up, conduct report … */
  actions: ZEnrolmentActions,
});
export type EnrolmentProgress = z.infer<typeof ZEnrolmentProgress>;

export const ZGraduationInput = z.strictObject({
  /** The date of the graduation decision: not in the future, not before the class starts. Attendance is counted up to it. */
  decidedOn: ZIsoDate,
});
export type GraduationInput = z.infer<typeof ZGraduationInput>;

export const ZGraduationPreviewQuery = z.strictObject({ asOf: ZIsoDate.optional() });

export const ZGraduationLearner = z.object({
  enrolmentId: z.number(),
  person: ZLearnerPerson,
  decision: ZGraduationDecision,
});

export const ZGraduationPreview = z.object({
  class: ZLearnerClassRef,
  asOf: ZIsoDate,
  /** No learner is pending: the class can be graduated on this date. */
  ready: z.boolean(),
  counts: z.object({ graduated: z.number(), notGraduated: z.number(), pending: z.number() }),
  learners: z.array(ZGraduationLearner),
});
export type GraduationPreview = z.infer<typeof ZGraduationPreview>;

export const ZGraduationResult = z.object({
  class: ZLearnerClassRef,
  decidedOn: ZIsoDate,
  completed: z.number(),
  failed: z.number(),
  certificates: z.array(z.object({ enrolmentId: z.number(), number: z.string() })),
  learners: z.array(ZGraduationLearner),
});
export type GraduationResult = z.infer<typeof ZGraduationResult>;
