import { z } from 'zod';

/**
 * What a user may do to a record, as the server's policies decide it (apps/server/src/policies).
 * Responses a screen acts on carry `actions: [...]`, a list drawn from one of these vocabularies,
 * and the web renders its buttons from that list instead of re-deriving a permission or a status
 * rule. An action missing from the list means "not for you, or not in this state".
 */
export const zActions = <const A extends readonly [string, ...string[]]>(actions: A) =>
  z.array(z.enum(actions)).meta({ description: 'Việc người dùng hiện tại được làm với bản ghi này (do chính sách phía máy chủ quyết định).' });

/** A class (lớp): what its page, tabs and list row offer. */
export const CLASS_ACTIONS = [
  /** Edit the class, open or close its list of nominations. */
  'update',
  /** Add, change and delete sessions; assign lecturers to modules. */
  'manageSessions',
  /** Nominate people of one's agency (the class still takes nominations). */
  'nominate',
  /** See the attendance of the class's sessions (the school, a lecturer teaching in it). */
  'viewAttendance',
  /** Mark attendance (also: not graduated yet). */
  'markAttendance',
  /** Recall learners to their agency, record make-up study (from the attendance screen). */
  'recall',
  /** See the grade matrix. */
  'viewGrades',
  /** Enter grades (a lecturer: the modules they teach). */
  'grade',
  /** See the home agencies' conduct reports of the class. */
  'viewConductReports',
  /** Ask the home agencies for their conduct reports. */
  'requestConductReports',
  /** Fill the conduct report of one's own people in the class. */
  'fillConductReports',
  /** Preview the graduation. */
  'previewGraduation',
  /** Graduate the class. */
  'graduate',
  /** See the certificates of the class. */
  'viewCertificates',
  /** Issue certificates to the graduates. */
  'issueCertificates',
  /** Revoke an issued certificate. */
  'revokeCertificates',
  /** Generate the class's printed documents (decisions, summons, lists, sheets, register). */
  'printDocuments',
] as const;
export type ClassAction = (typeof CLASS_ACTIONS)[number];
export const ZClassActions = zActions(CLASS_ACTIONS);

/** One session of a class. */
export const SESSION_ACTIONS = [
  /** See the session's attendance sheet (the school, the session's lecturer). */
  'viewAttendance',
  /** Mark attendance (also: the class has not graduated). */
  'markAttendance',
  /** Show the QR check-in code (marking allowed, on the session's date). */
  'showCheckinCode',
] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];
export const ZSessionActions = zActions(SESSION_ACTIONS);

/** The class list as a whole. */
export const CLASS_LIST_ACTIONS = ['create', 'manageLecturers'] as const;
export type ClassListAction = (typeof CLASS_LIST_ACTIONS)[number];
export const ZClassListActions = zActions(CLASS_LIST_ACTIONS);

/** One learner in a class (an enrolment): what their row, progress drawer and own page offer. */
export const ENROLMENT_ACTIONS = [
  /** See the learner's progress. */
  'view',
  /** Recall the learner to their agency for some days. */
  'recall',
  /** Record make-up study of a session the learner missed. */
  'makeUp',
  /** Fill or correct the home agency's conduct report. */
  'fillConductReport',
  /** Enter grades (a lecturer: of the modules they teach). */
  'grade',
  /** Check in to a session with the QR code (the learner themself). */
  'checkIn',
] as const;
export type EnrolmentAction = (typeof ENROLMENT_ACTIONS)[number];
export const ZEnrolmentActions = zActions(ENROLMENT_ACTIONS);

/** An agency's "my learners" list as a whole. */
export const MY_LEARNERS_ACTIONS = [
  /** Fill the conduct reports the agency owes (every owed report lies in its scope, in a class not graduated). */
  'fillConductReports',
] as const;
export type MyLearnersAction = (typeof MY_LEARNERS_ACTIONS)[number];
export const ZMyLearnersActions = zActions(MY_LEARNERS_ACTIONS);

/** A person's record (hồ sơ). */
export const PERSON_ACTIONS = [
  /** See the record. */
  'view',
  /** Edit the record and its sub-records (qualifications, assignments, planning, appraisals). */
  'update',
  /** See the change history (audit). */
  'viewHistory',
  /** See the person's classes and certificates. */
  'viewTraining',
] as const;
export type PersonAction = (typeof PERSON_ACTIONS)[number];
export const ZPersonActions = zActions(PERSON_ACTIONS);

/** The registry (people list) as a whole. */
export const PEOPLE_LIST_ACTIONS = ['create', 'import', 'export'] as const;
export type PeopleListAction = (typeof PEOPLE_LIST_ACTIONS)[number];
export const ZPeopleListActions = zActions(PEOPLE_LIST_ACTIONS);
