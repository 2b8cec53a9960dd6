/**
 * Classes and learners, from nomination to certificate: the plain data the training rules read.
 * Services build these from the database; nothing here reads a clock or a table.
 */
import type { IsoDate } from '../dates.js';
import type { Programme, ProgrammeKind, SourceDocument, StudyMode } from '../rules/types.js';

export type { ProgrammeKind, StudyMode } from '../rules/types.js';

// ---------- where a shipped figure comes from ----------

/** The basis of a shipped default: a document, and a remark when the figure is not verified. */
export interface Basis {
  source: SourceDocument;
  /** e.g. 'Cần đối chiếu văn bản gốc: …' on a figure not checked against the text. */
  note?: string;
  /** Where the product's own material says so, e.g. 'seeds/003 (Trường Chính trị tỉnh Long An)'. */
  evidence?: string;
  /** Sources cited before this one, oldest first, kept as history when a citation is corrected (decision 0031). */
  previousSources?: PreviousSource[];
}

/** A source a basis used to cite, and why it no longer does. */
export interface PreviousSource {
  source: SourceDocument;
  note: string;
}

// ---------- grading ----------

export type BandCode = 'xuat_sac' | 'gioi' | 'kha' | 'trung_binh_kha' | 'trung_binh';

/** One classification band: an average of at least `min` (and below the next band's `min`). */
export interface GradeBand {
  code: BandCode;
  /** Vietnamese label, e.g. 'Giỏi'. */
  label: string;
  min: number;
}

/** Grades are numbers on `scale`, multiples of `step` from `min`; a module passes at `passMark`. */
export interface GradingScheme {
  code: string;
  name: string;
  scale: { min: number; max: number; step: number };
  passMark: number;
  /** Highest first or in any order; classification picks the highest band whose `min` is reached. */
  bands: GradeBand[];
  basis?: Basis;
}

// ---------- programmes ----------

/** A module (học phần) of a programme; `periods` is its length in tiết, the weight of its grade. */
export interface ProgrammeModule {
  code: string;
  name: string;
  periods: number;
}

/** exam: a written final exam (thi tốt nghiệp); thesis: khóa luận, tiểu luận or bài thu hoạch cuối khóa. */
export type FinalExamKind = 'exam' | 'thesis' | 'none';

/** What a learner must meet to sit the final exam and to graduate. */
export interface GraduationConditions {
  /** Every module graded at or above the pass mark. */
  allModulesPassed: boolean;
  /** Share of held sessions attended, 0..1 (e.g. 0.8), reached or exceeded; null: not checked. */
  minAttendanceRate: number | null;
  finalExam: FinalExamKind;
  /** With `finalExam: 'exam'`: a thesis graded at or above the pass mark is accepted instead. */
  thesisAllowedInsteadOfExam?: boolean;
  /** The home agency's report on the learner's conduct is required to sit the final exam and to graduate. */
  conductReportRequired: boolean;
  basis?: Basis;
}

/** A programme as the school's catalogue holds it: the rules engine's `Programme` plus its curriculum. */
export interface ProgrammeCatalogueEntry extends Programme {
  modules: ProgrammeModule[];
  /** Code of the grading scheme; the default scheme when absent. */
  gradingSchemeCode?: string;
  /** Overrides the default conditions of the programme (see graduationConditionsFor). */
  graduation?: GraduationConditions;
}

// ---------- classes ----------

export type ClassSite = 'school' | 'local';

export type LecturerKind = 'lecturer' | 'guest_lecturer';

export interface Lecturer {
  id: string;
  fullName: string;
  kind: LecturerKind;
  /** The registry's person, when the lecturer is one (guest lecturers often are provincial leaders). */
  personId?: string | null;
}

/** A class (lớp, khóa) runs one programme in one mode; it may span years (carried over). */
export interface TrainingClass {
  code: string;
  programmeCode: string;
  mode: StudyMode;
  site: ClassSite;
  startDate: IsoDate;
  /** null while the end is not fixed. */
  endDate: IsoDate | null;
  capacity: number;
  modules: ProgrammeModule[];
}

/** lesson; field_trip (đi thực tế): a session of its module like a lesson; exam: graded, not attended. */
export type SessionKind = 'lesson' | 'field_trip' | 'exam';

/**
 * A session (buổi học) of one module on one date. Cancelled sessions are never "held"; exam
 * sessions do not count in attendance (the exam has its grade).
 */
export interface Session {
  id: string;
  moduleCode: string;
  date: IsoDate;
  /** 'lesson' when absent. */
  kind?: SessionKind;
  cancelled?: boolean;
  lecturerId?: string | null;
}

// ---------- learners ----------

/**
 * present; absent_excused (có phép); absent_unexcused (không phép); recalled: called back to work by
 * the home agency — does not count against the learner, but the session must be made up.
 */
export type AttendanceMark = 'present' | 'absent_excused' | 'absent_unexcused' | 'recalled';

export interface AttendanceRecord {
  sessionId: string;
  mark: AttendanceMark;
}

/** A recall (triệu tập về cơ quan) of one learner by the home agency, from `from` to `to` inclusive. */
export interface Recall {
  id: string;
  from: IsoDate | null;
  to: IsoDate | null;
  /** The agency's document or reason, for the record. */
  reason?: string;
}

/** A make-up (học bổ sung) of one missed session, completed on a date. */
export interface MakeUpRecord {
  sessionId: string;
  completedOn: IsoDate;
}

/** The home agency's report on the learner's conduct and discipline during the course. */
export interface ConductReport {
  received: boolean;
  /** null while received but not yet assessed. */
  satisfactory: boolean | null;
}

/** The learner's final exam or thesis; `grade: null` while not graded. */
export interface FinalExamResult {
  kind: 'exam' | 'thesis';
  grade: number | null;
}

// ---------- nominations ----------

/**
 * The agency's nomination is its approval step (`nominated`); the board (provincial organisation
 * board or home affairs, by programme) approves (`approved_board`); the school's acceptance enrols
 * (`enrolled`). A nomination made when the class is full waits (`waitlisted`) until a place frees.
 * withdrawn and refused close a nomination. `approved_agency` is a legacy status (a separate agency
 * approval the application never asks for): still legal in the database, it stands where
 * `nominated` does (docs/decisions/0013).
 */
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

/** What the waitlist rules read of a nomination. */
export interface Nomination {
  id: number;
  status: NominationStatus;
  /**
   * When the agency nominated the person: an ISO 8601 UTC timestamp, compared as a string (every
   * value in the same format); ties broken by `id`. The waitlist order.
   */
  nominatedAt: string;
}

/** Who approves after the sending agency: `programmes.approver`, the role that holds the step. */
export const APPROVERS = ['province_board', 'home_affairs'] as const;
export type Approver = (typeof APPROVERS)[number];

/** The class statuses the nomination rules read. */
export type ClassStatus = 'open' | 'closed' | 'finished';
