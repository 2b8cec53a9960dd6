/**
 * Read models of issue 4's views: the registrar's class board of a school year and of one class,
 * the agency officer's "my learners" (where each of my people is, what my agency owes the school),
 * and the learner's own learning (schedule, attendance, grades, progress, certificates) sized for a
 * phone. Every figure that a training rule decides (attendance rate, make-ups, exam eligibility)
 * is the rule's answer, the same one `GET /api/v1/enrolments/:id/progress` gives.
 */
import { z } from 'zod';
import { ZEnrolmentActions, ZMyLearnersActions } from './actions.js';
import { ZIsoDate, ZId, ZPage } from './common.js';
import { ZAttendanceMark, ZClassification, ZEnrolmentStatus, ZLearnerClassRef, ZLearnerPerson } from './learners.js';
import { ZNominationActions } from './nominations.js';
import { ZStudyMode } from './rules.js';

const ZNamed = z.object({ id: z.number(), name: z.string() });
const ZClassStatus = z.enum(['open', 'closed', 'finished']);
const ZFinalExamKind = z.enum(['exam', 'thesis', 'none']);
const ZMissing = z.object({ key: z.string(), label: z.string() });

/** not_requested: the school has not asked the home agency yet; pending: asked, not received; received. */
export const CONDUCT_REPORT_STATES = ['not_requested', 'pending', 'received'] as const;
export const ZConductReportState = z.enum(CONDUCT_REPORT_STATES);

// ---------- the registrar's class board ----------

export const ZClassBoardQuery = z.strictObject({
  /** The school year (calendar year); default: this year in Vietnam. Classes running in it, carried-over ones flagged. */
  year: z.coerce.number().int().min(1990).max(2200).optional(),
});
export type ClassBoardQuery = z.infer<typeof ZClassBoardQuery>;

/** The figures of one class (or of every class of the board added up). */
export const ZClassBoardFacts = z.object({
  /** Learners in the class: enrolments not withdrawn (still enrolled, or graduated / not graduated once the class is finished). */
  learners: z.number(),
  enrolled: z.number(),
  completed: z.number(),
  failed: z.number(),
  attendance: z.object({
    /** Sessions held up to today that count in attendance (lessons and field trips; exams do not). */
    heldSessions: z.number(),
    /** Learner-sessions held (held sessions × learners) and of them attended (present or recalled) and not marked. */
    possible: z.number(),
    attended: z.number(),
    unmarked: z.number(),
    /** attended / possible; null while no session was held. */
    rate: z.number().nullable(),
    /** Learners whose attendance is already below the programme's minimum (training rules: cannot reach it). */
    belowMinimum: z.number(),
  }),
  /** Recalled sessions not yet made up, over all learners. */
  makeUpsOutstanding: z.number(),
  conductReports: z.object({
    /** The programme requires the home agency's report to sit the final exam and to graduate. */
    required: z.boolean(),
    /** Learners the school has not asked a report for yet. */
    notRequested: z.number(),
    /** Asked for and not received. */
    missing: z.number(),
    /** Missing and past the due date (the class not finished). */
    overdue: z.number(),
    received: z.number(),
    unsatisfactory: z.number(),
  }),
  grades: z.object({
    modules: z.number(),
    /** Module grades expected: learners × modules. */
    expected: z.number(),
    entered: z.number(),
    pending: z.number(),
    /** The final exam or thesis grades, when the conditions require one (see the class's `finalExam`). */
    finalExam: z.object({ required: z.boolean(), entered: z.number(), pending: z.number() }),
  }),
  /** Learners still enrolled, by whether they may sit the final exam (or submit the thesis) today. */
  examEligibility: z.object({ eligible: z.number(), notEligible: z.number(), pending: z.number() }),
});
export type ClassBoardFacts = z.infer<typeof ZClassBoardFacts>;

export const ZClassBoardClass = z.object({
  id: z.number(),
  name: z.string(),
  cohortCode: z.string(),
  programme: z.object({ code: z.string(), name: z.string() }),
  mode: ZStudyMode,
  site: z.string(),
  organiser: ZNamed,
  startDate: ZIsoDate,
  endDate: ZIsoDate,
  status: ZClassStatus,
  /** Started in a year before the board's year (lớp chuyển tiếp). */
  carriedOver: z.boolean(),
  capacity: z.number(),
  /** Nominations holding a place (nominated, approved, enrolled). */
  placesTaken: z.number(),
  freePlaces: z.number(),
  waitlisted: z.number(),
  /** The programme's minimum share of held sessions (null: not checked). */
  minAttendanceRate: z.number().nullable(),
  /** The final assessment the class's conditions require. */
  finalExam: ZFinalExamKind,
});

export const ZClassBoardRow = z.object({ class: ZClassBoardClass, facts: ZClassBoardFacts });
export type ClassBoardRow = z.infer<typeof ZClassBoardRow>;

export const ZClassBoard = z.object({
  year: z.number(),
  /** The figures are as of this day (Vietnam). */
  asOf: ZIsoDate,
  /** Classes running in the year: opened in it, and carried over from earlier years. */
  classes: z.object({ total: z.number(), opened: z.number(), carriedOver: z.number() }),
  /** Every class's figures added up; the attendance rate is of all learner-sessions held. */
  totals: ZClassBoardFacts,
  items: z.array(ZClassBoardRow),
});
export type ClassBoard = z.infer<typeof ZClassBoard>;

// ---------- one class, learner by learner ----------

export const ZClassBoardCheck = z.object({
  code: z.enum(['modules_passed', 'attendance', 'make_up', 'conduct_report', 'final_exam']),
  label: z.string(),
  passed: z.boolean().nullable(),
  /** One Vietnamese sentence from the training rules. */
  detail: z.string(),
});

export const ZClassBoardLearner = z.object({
  enrolmentId: z.number(),
  person: ZLearnerPerson,
  status: ZEnrolmentStatus,
  attendance: z.object({ held: z.number(), attended: z.number(), unmarked: z.number(), rate: z.number().nullable() }),
  recalls: z.number(),
  makeUps: z.object({ required: z.number(), outstanding: z.number() }),
  conductReport: z.object({
    state: ZConductReportState,
    dueOn: ZIsoDate.nullable(),
    overdue: z.boolean(),
    /** null until received and assessed. */
    satisfactory: z.boolean().nullable(),
  }),
  grades: z.object({
    entered: z.number(),
    /** Modules without a grade. */
    missing: z.array(z.object({ code: z.string(), name: z.string() })),
    /** Modules graded below the pass mark. */
    failed: z.array(z.object({ code: z.string(), value: z.number() })),
    final: z.number().nullable(),
  }),
  /** For a learner still enrolled: may they sit the final exam today, and why; null once graduated or not. */
  examEligibility: z
    .object({
      outcome: z.enum(['eligible', 'not_eligible', 'pending']),
      summary: z.string(),
      checks: z.array(ZClassBoardCheck),
      missing: z.array(ZMissing),
    })
    .nullable(),
  /** What the caller may do for this learner (recall, make-up …). */
  actions: ZEnrolmentActions,
});
export type ClassBoardLearner = z.infer<typeof ZClassBoardLearner>;

export const ZClassLearnersBoard = z.object({
  asOf: ZIsoDate,
  class: ZClassBoardClass.extend({
    modules: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), periods: z.number() })),
  }),
  facts: ZClassBoardFacts,
  learners: z.array(ZClassBoardLearner),
});
export type ClassLearnersBoard = z.infer<typeof ZClassLearnersBoard>;

// ---------- the agency officer's "my learners" ----------

export const ZMyLearnersQuery = z.strictObject({
  /** Only this class. */
  classId: ZId.optional(),
  ...ZPage,
});
export type MyLearnersQuery = z.infer<typeof ZMyLearnersQuery>;

/** Who acts next on a nomination: the provincial board or home affairs, then the school. */
export const ZAwaiting = z.enum(['province_board', 'home_affairs', 'school']);

export const ZConductDue = z.object({
  state: ZConductReportState,
  dueOn: ZIsoDate.nullable(),
  overdue: z.boolean(),
  reminders: z.number(),
});

export const ZMyLearner = z.object({
  person: ZLearnerPerson,
  class: ZLearnerClassRef,
  /** The live nomination (null for an enrolment recorded without one). */
  nomination: z
    .object({
      id: z.number(),
      status: z.enum(['nominated', 'approved_agency', 'approved_board', 'enrolled', 'waitlisted']),
      /** Vietnamese, e.g. 'Trong danh sách chờ'. */
      statusLabel: z.string(),
      /** Who must approve next; null when enrolled or waitlisted. */
      awaiting: ZAwaiting.nullable(),
      awaitingLabel: z.string().nullable(),
      /** 1-based place in the class's waitlist. */
      waitlistPosition: z.number().nullable(),
      /** The step a refusal is taken at now; null when none can be. */
      refusalStep: z.enum(['board', 'school']).nullable(),
      /** What the caller may do with the nomination now (as on the nominations API). */
      actions: ZNominationActions,
    })
    .nullable(),
  /** The learner's place in the class once the school accepted them. */
  enrolment: z.object({ id: z.number(), status: ZEnrolmentStatus }).nullable(),
  /** Attendance so far (enrolled learners only). */
  attendance: z.object({ held: z.number(), attended: z.number(), rate: z.number().nullable() }).nullable(),
  recalls: z.array(z.object({ id: z.number(), fromDate: ZIsoDate, toDate: ZIsoDate })),
  /** Recalled sessions not yet made up (enrolled learners only). */
  makeUpsOutstanding: z.number().nullable(),
  /** The conduct report the agency owes (enrolled learners only). */
  conductReport: ZConductDue.nullable(),
  /** What the agency may do for this learner once enrolled (recall, conduct report); empty before enrolment. */
  actions: ZEnrolmentActions,
});
export type MyLearner = z.infer<typeof ZMyLearner>;

export const ZOwedReport = z.object({
  enrolmentId: z.number(),
  person: z.object({ id: z.number(), fullName: z.string() }),
  class: z.object({ id: z.number(), name: z.string(), cohortCode: z.string() }),
  dueOn: ZIsoDate,
  overdue: z.boolean(),
  reminders: z.number(),
});

export const ZMyLearners = z.object({
  asOf: ZIsoDate,
  total: z.number(),
  items: z.array(ZMyLearner),
  /** What the agency owes the school: conduct reports asked for and not sent, earliest due first (at most 50 listed). */
  owed: z.object({ pending: z.number(), overdue: z.number(), items: z.array(ZOwedReport) }),
  /** What the caller may do with the list: 'fillConductReports' (the owed reports are theirs to fill). */
  actions: ZMyLearnersActions,
});
export type MyLearners = z.infer<typeof ZMyLearners>;

// ---------- the learner's own learning ----------

export const ZMySession = z.object({
  id: z.number(),
  date: ZIsoDate,
  startTime: z.string(),
  endTime: z.string(),
  kind: z.enum(['lesson', 'field_trip', 'exam']),
  module: z.object({ code: z.string(), name: z.string() }).nullable(),
  room: z.string().nullable(),
  onlineLink: z.string().nullable(),
  /** e.g. 'ThS. Nguyễn Văn A'. */
  lecturer: z.string().nullable(),
  /** The learner's mark; null while not marked (or not held yet). */
  mark: ZAttendanceMark.nullable(),
  /** A recalled session the learner must make up: null when none is needed, else the day it was made up (null date: outstanding). */
  makeUp: z.object({ doneOn: ZIsoDate.nullable() }).nullable(),
});

export const ZMyLearningClass = z.object({
  enrolmentId: z.number(),
  status: ZEnrolmentStatus,
  class: ZLearnerClassRef.extend({ mode: ZStudyMode, site: z.string() }),
  attendance: z.object({ held: z.number(), attended: z.number(), rate: z.number().nullable(), minRate: z.number().nullable() }),
  makeUpsOutstanding: z.number(),
  /** The schedule with the learner's marks; null for a finished class (its results stay below; details: the progress route). */
  sessions: z.array(ZMySession).nullable(),
  grades: z.object({
    modules: z.array(z.object({ code: z.string(), name: z.string(), value: z.number().nullable(), passed: z.boolean().nullable() })),
    finalExam: z.object({ kind: ZFinalExamKind, value: z.number().nullable(), passed: z.boolean().nullable() }),
    average: z.number().nullable(),
  }),
  progress: z.object({
    /** While enrolled: may the learner sit the final exam today. */
    examEligibility: z.object({ outcome: z.enum(['eligible', 'not_eligible', 'pending']), summary: z.string() }).nullable(),
    /** While enrolled: the graduation as it would fall today; after graduation: the decision taken. */
    graduation: z.object({ outcome: z.enum(['graduated', 'not_graduated', 'pending']), summary: z.string() }),
    classification: ZClassification.nullable(),
    graduatedOn: ZIsoDate.nullable(),
  }),
  /** The certificate of this class, when issued. */
  certificateId: z.number().nullable(),
});
export type MyLearningClass = z.infer<typeof ZMyLearningClass>;

export const ZMyCertificate = z.object({
  id: z.number(),
  number: z.string(),
  documentTitle: z.string(),
  programme: z.object({ code: z.string(), name: z.string() }),
  classification: ZClassification,
  issuedOn: ZIsoDate,
  revoked: z.boolean(),
  /** GET it for the PDF. */
  pdfPath: z.string(),
});

export const ZMyLearning = z.object({
  asOf: ZIsoDate,
  person: z.object({ id: z.number(), fullName: z.string() }),
  /** Newest class first; withdrawn places left out. */
  classes: z.array(ZMyLearningClass),
  certificates: z.array(ZMyCertificate),
});
export type MyLearning = z.infer<typeof ZMyLearning>;
