/**
 * The views of issue 4 that read across many learners: the registrar's class board of a school
 * year and of one class, the agency officer's "my learners", and the learner's own learning.
 *
 * Counts come from SQL (boards.repository: places, learners by status, conduct reports, grades
 * entered). Whatever a training rule decides comes from the rule, learner by learner, over facts
 * read for a whole board at once (a few statements, whatever the number of classes or learners):
 * `training.attendanceRate`, `makeUpRequirements`,
 * `examEligibility` and `graduationDecision`, fed exactly as `GET /enrolments/:id/progress` feeds
 * them (learner-records.ts), so a board and a learner's progress always agree.
 *
 * Who sees a board: the provincial board, home affairs and the system administrator every class;
 * the school (classes.manage) the classes organised in its subtree; a lecturer the classes they
 * teach; another reader of classes those organised in their subtree (a commune's political centre).
 */
import { formatViDate, hasPermission, todayInVietnam, training, type IsoDate } from '@nang-tam/domain';
import { boardsRepo, certificatesRepo, learnersRepo, type Db, type Queryable } from '@nang-tam/db';
import {
  CERTIFICATE_DOCUMENT_KINDS,
  NOMINATION_STATUS_LABELS,
  type ClassBoard,
  type ClassBoardFacts,
  type ClassBoardLearner,
  type ClassBoardQuery,
  type ClassBoardRow,
  type ClassLearnersBoard,
  type MyLearner,
  type MyLearners,
  type MyLearnersQuery,
  type MyLearning,
  type MyLearningClass,
} from '@nang-tam/contracts';
import { AppError, notFound } from '../errors.js';
import { myLearnersPolicy } from '../policies/enrolment.js';
import type { AuthUser } from '../auth/auth-user.js';
import { nominationFactsOf, nominationPolicy, type NominationFacts } from '../policies/nomination.js';
import { classificationLabel, documentKindOf } from './certificates.service.js';
import { NO_MODULE, classificationOf, enrolmentActionsOf, finalKindOf, lecturerIdOf } from './learner-records.js';

// ---------- who sees which classes ----------

async function boardVisibilityOf(db: Queryable, user: AuthUser): Promise<boardsRepo.BoardVisibility | null> {
  if (hasPermission(user.role, 'nominations.approve')) return { kind: 'all' };
  if (hasPermission(user.role, 'classes.manage')) return { kind: 'organiser', scope: user.scope };
  if (user.role === 'lecturer') {
    const lecturerId = await lecturerIdOf(db, user);
    return lecturerId === null ? null : { kind: 'lecturer', lecturerId };
  }
  return { kind: 'organiser', scope: user.scope };
}

// ---------- the bridge from packed facts to the training rules ----------

interface ClassRules {
  scheme: training.GradingScheme;
  conditions: training.GraduationConditions;
  modules: boardsRepo.BoardModuleRow[];
  ruleModules: training.ProgrammeModule[];
  /**
   * The class's sessions held on the board's date (training.heldSessions, once per class rather than
   * once per learner): the rules select the held sessions themselves, and selecting again from the
   * held ones gives the same sessions, so every learner's answer is the same as over all sessions.
   */
  ruleSessions: training.Session[];
  moduleCode: Map<number, string>;
}

/** Sessions as the training rules read them (as learner-records' loadClassRecords builds them). */
function ruleSessionsOf(sessions: readonly boardsRepo.BoardSessionRow[]): training.Session[] {
  return sessions.map((s) => ({ id: String(s.id), moduleCode: s.module_code ?? NO_MODULE, date: s.on_date, kind: s.kind }));
}

function classRulesOf(
  cls: { grading_scheme: unknown; graduation_conditions: unknown },
  modules: boardsRepo.BoardModuleRow[],
  sessions: readonly boardsRepo.BoardSessionRow[],
  asOf: IsoDate,
): ClassRules {
  return {
    scheme: cls.grading_scheme as training.GradingScheme,
    conditions: cls.graduation_conditions as training.GraduationConditions,
    modules,
    ruleModules: modules.map((m) => ({ code: m.code, name: m.name, periods: m.periods })),
    ruleSessions: training.heldSessions(ruleSessionsOf(sessions), asOf),
    moduleCode: new Map(modules.map((m) => [m.id, m.code])),
  };
}

function groupBy<T>(rows: readonly T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(r);
  }
  return out;
}

/** The marks by their packed code (boards.repository: sessionId × 4 + code). */
const MARKS: readonly training.AttendanceMark[] = ['present', 'absent_excused', 'absent_unexcused', 'recalled'];

function unpackMarks<T>(packed: string | null, id: (sessionId: number) => T): { sessionId: T; mark: training.AttendanceMark }[] {
  if (!packed) return [];
  return packed.split(',').map((item) => {
    const code = Number(item);
    return { sessionId: id(Math.floor(code / 4)), mark: MARKS[code % 4]! };
  });
}

function unpack(packed: string | null): string[][] {
  return packed ? packed.split(',').map((item) => item.split(':')) : [];
}

interface AttendanceEvaluation {
  attendance: training.AttendanceSummary;
  makeUps: training.MakeUpSummary;
  recalls: { id: number; fromDate: string; toDate: string }[];
}

interface Evaluation extends AttendanceEvaluation {
  moduleGrades: Record<string, number>;
  finalGrade: number | null;
  conductReport: training.ConductReport | null;
  /** Only for a learner still enrolled. */
  eligibility: training.ExamEligibility | null;
}

/** Attendance and make-ups of one learner's packed facts over the class's sessions on `asOf`. */
function evaluateAttendance(sessions: readonly training.Session[], f: boardsRepo.LearnerFactsRow, asOf: IsoDate): AttendanceEvaluation {
  const marks = unpackMarks(f.marks, String);
  const recalls = unpack(f.recalls).map(([id, from, to]) => ({ id: Number(id), fromDate: from!, toDate: to! }));
  const input = { sessions, marks, recalls: recalls.map((r) => ({ id: String(r.id), from: r.fromDate, to: r.toDate })), asOf };
  const attendance = training.attendanceRate(input);
  const makeUps = training.makeUpRequirements({
    ...input,
    makeUps: unpack(f.make_ups).map(([sessionId, doneOn]) => ({ sessionId: sessionId!, completedOn: doneOn! })),
  });
  return { attendance, makeUps, recalls };
}

/** The training rules over one learner's packed facts on `asOf` (the inputs evaluateLearner builds). */
function evaluate(c: ClassRules, f: boardsRepo.LearnerFactsRow, asOf: IsoDate): Evaluation {
  const { attendance, makeUps, recalls } = evaluateAttendance(c.ruleSessions, f, asOf);
  const moduleGrades: Record<string, number> = {};
  let finalGrade: number | null = null;
  for (const [moduleId, value] of unpack(f.grades)) {
    if (moduleId === '0') finalGrade = Number(value);
    else {
      const code = c.moduleCode.get(Number(moduleId));
      if (code !== undefined) moduleGrades[code] = Number(value);
    }
  }
  const conductReport = f.conduct_due_on !== null ? { received: f.conduct_received, satisfactory: f.conduct_satisfactory } : null;
  const eligibility =
    f.status === 'enrolled'
      ? training.examEligibility({
          grades: moduleGrades,
          attendance,
          makeUps,
          conductReport,
          conditions: c.conditions,
          scheme: c.scheme,
          modules: c.ruleModules,
        })
      : null;
  return { attendance, makeUps, recalls, moduleGrades, finalGrade, conductReport, eligibility };
}

/** The graduation as it would fall on `asOf` (the decision evaluateLearner previews). */
function previewGraduation(c: ClassRules, ev: Evaluation): training.GraduationDecision {
  return training.graduationDecision({
    grades: ev.moduleGrades,
    attendance: ev.attendance,
    makeUps: ev.makeUps,
    conductReport: ev.conductReport,
    conditions: c.conditions,
    scheme: c.scheme,
    modules: c.ruleModules,
    finalExam: ev.finalGrade === null ? null : { kind: finalKindOf(c.conditions), grade: ev.finalGrade },
  });
}

const missingOf = (keys: readonly string[], modules: readonly training.ProgrammeModule[]) =>
  keys.map((key) => ({ key, label: training.missingLabel(key, modules) }));

// ---------- the class board ----------

function classOf(r: boardsRepo.BoardClassRow, c: ClassRules, year: number | null): ClassBoardRow['class'] {
  return {
    id: r.id,
    name: r.name,
    cohortCode: r.cohort_code,
    programme: { code: r.programme_code, name: r.programme_name },
    mode: r.mode,
    site: r.site,
    organiser: { id: r.organiser_unit_id, name: r.organiser_name },
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    carriedOver: year !== null && training.isCarriedOver({ startDate: r.start_date, endDate: r.end_date }, year),
    capacity: r.capacity,
    placesTaken: r.places_taken,
    freePlaces: Math.max(0, r.capacity - r.places_taken),
    waitlisted: r.waitlisted,
    minAttendanceRate: c.conditions.minAttendanceRate,
    finalExam: c.conditions.finalExam,
  };
}

/** A class's figures: its SQL counts, and the training rules' answers added up over its learners. */
function factsOf(r: boardsRepo.BoardClassRow, c: ClassRules, evaluations: readonly Evaluation[], asOf: IsoDate): ClassBoardFacts {
  let possible = 0;
  let attended = 0;
  let unmarked = 0;
  let belowMinimum = 0;
  let makeUpsOutstanding = 0;
  const exam = { eligible: 0, notEligible: 0, pending: 0 };
  const minRate = c.conditions.minAttendanceRate;
  for (const ev of evaluations) {
    possible += ev.attendance.held;
    attended += ev.attendance.attended;
    unmarked += ev.attendance.unmarked;
    if (minRate !== null && training.meetsAttendance(ev.attendance, minRate) === false) belowMinimum += 1;
    makeUpsOutstanding += ev.makeUps.outstanding.length;
    if (ev.eligibility?.outcome === 'eligible') exam.eligible += 1;
    else if (ev.eligibility?.outcome === 'not_eligible') exam.notEligible += 1;
    else if (ev.eligibility?.outcome === 'pending') exam.pending += 1;
  }
  const expected = r.learners * r.modules;
  const finalKind = c.conditions.finalExam;
  return {
    learners: r.learners,
    enrolled: r.enrolled,
    completed: r.completed,
    failed: r.failed,
    attendance: {
      heldSessions: c.ruleSessions.length,
      possible,
      attended,
      unmarked,
      rate: possible > 0 ? attended / possible : null,
      belowMinimum,
    },
    makeUpsOutstanding,
    conductReports: {
      required: c.conditions.conductReportRequired,
      notRequested: r.learners - r.conduct_requested,
      missing: r.conduct_missing,
      overdue: r.conduct_overdue,
      received: r.conduct_received,
      unsatisfactory: r.conduct_unsatisfactory,
    },
    grades: {
      modules: r.modules,
      expected,
      entered: r.module_grades,
      pending: Math.max(0, expected - r.module_grades),
      finalExam: {
        required: finalKind !== 'none',
        entered: r.final_grades,
        pending: finalKind === 'none' ? 0 : Math.max(0, r.learners - r.final_grades),
      },
    },
    examEligibility: exam,
  };
}

function emptyFacts(): ClassBoardFacts {
  return {
    learners: 0,
    enrolled: 0,
    completed: 0,
    failed: 0,
    attendance: { heldSessions: 0, possible: 0, attended: 0, unmarked: 0, rate: null, belowMinimum: 0 },
    makeUpsOutstanding: 0,
    conductReports: { required: false, notRequested: 0, missing: 0, overdue: 0, received: 0, unsatisfactory: 0 },
    grades: { modules: 0, expected: 0, entered: 0, pending: 0, finalExam: { required: false, entered: 0, pending: 0 } },
    examEligibility: { eligible: 0, notEligible: 0, pending: 0 },
  };
}

function addFacts(t: ClassBoardFacts, f: ClassBoardFacts): void {
  t.learners += f.learners;
  t.enrolled += f.enrolled;
  t.completed += f.completed;
  t.failed += f.failed;
  const a = t.attendance;
  a.heldSessions += f.attendance.heldSessions;
  a.possible += f.attendance.possible;
  a.attended += f.attendance.attended;
  a.unmarked += f.attendance.unmarked;
  a.belowMinimum += f.attendance.belowMinimum;
  a.rate = a.possible > 0 ? a.attended / a.possible : null;
  t.makeUpsOutstanding += f.makeUpsOutstanding;
  const cr = t.conductReports;
  cr.required ||= f.conductReports.required;
  cr.notRequested += f.conductReports.notRequested;
  cr.missing += f.conductReports.missing;
  cr.overdue += f.conductReports.overdue;
  cr.received += f.conductReports.received;
  cr.unsatisfactory += f.conductReports.unsatisfactory;
  const g = t.grades;
  g.modules += f.grades.modules;
  g.expected += f.grades.expected;
  g.entered += f.grades.entered;
  g.pending += f.grades.pending;
  g.finalExam.required ||= f.grades.finalExam.required;
  g.finalExam.entered += f.grades.finalExam.entered;
  g.finalExam.pending += f.grades.finalExam.pending;
  t.examEligibility.eligible += f.examEligibility.eligible;
  t.examEligibility.notEligible += f.examEligibility.notEligible;
  t.examEligibility.pending += f.examEligibility.pending;
}

/**
 * The board of a school year: every class running in it that the caller may see (carried-over
 * ones flagged), with places, waitlist, attendance so far, conduct reports missing and overdue,
 * grades pending and how many learners may sit the final exam today. The number of statements does
 * not grow with the number of classes.
 */
export async function getClassBoard(db: Db, user: AuthUser, q: ClassBoardQuery): Promise<ClassBoard> {
  const asOf = todayInVietnam();
  const year = q.year ?? Number(asOf.slice(0, 4));
  const visibility = await boardVisibilityOf(db, user);
  const rows = visibility
    ? await boardsRepo.listBoardClasses(db, visibility, { runningFrom: `${year}-01-01`, runningTo: `${year}-12-31` }, asOf)
    : [];
  const ids = rows.map((r) => r.id);
  const [modules, sessions, facts] = await Promise.all([
    boardsRepo.listModulesOf(db, ids),
    boardsRepo.listSessionsOf(db, ids),
    boardsRepo.listClassLearnerFacts(db, ids),
  ]);
  const modulesOf = groupBy(modules, (m) => m.class_id);
  const sessionsOf = groupBy(sessions, (s) => s.class_id);
  const learnersOf = groupBy(facts, (f) => f.class_id);
  const totals = emptyFacts();
  const items = rows.map((r) => {
    const c = classRulesOf(r, modulesOf.get(r.id) ?? [], sessionsOf.get(r.id) ?? [], asOf);
    const evaluations = (learnersOf.get(r.id) ?? []).map((f) => evaluate(c, f, asOf));
    const facts = factsOf(r, c, evaluations, asOf);
    addFacts(totals, facts);
    return { class: classOf(r, c, year), facts };
  });
  const carriedOver = items.filter((i) => i.class.carriedOver).length;
  return { year, asOf, classes: { total: items.length, opened: items.length - carriedOver, carriedOver }, totals, items };
}

/**
 * The board of one class, learner by learner: attendance, recalls, make-ups, the conduct report,
 * grades entered and missing, and exam eligibility with the rules' explanation. A class the caller
 * may not see answers 404.
 */
export async function getClassLearnersBoard(db: Db, user: AuthUser, classId: number): Promise<ClassLearnersBoard> {
  const asOf = todayInVietnam();
  const visibility = await boardVisibilityOf(db, user);
  const [row] = visibility ? await boardsRepo.listBoardClasses(db, visibility, { classId }, asOf) : [];
  if (!row) throw notFound();
  const [modules, sessions, learners] = await Promise.all([
    boardsRepo.listModulesOf(db, [classId]),
    boardsRepo.listSessionsOf(db, [classId]),
    boardsRepo.listClassLearnerFactsWithPeople(db, classId),
  ]);
  const c = classRulesOf(row, modules, sessions, asOf);
  const evaluations = learners.map((f) => evaluate(c, f, asOf));
  const actionsOf = await enrolmentActionsOf(db, user, learners.map((f) => f.enrolment_id));
  const year = Number(asOf.slice(0, 4));
  return {
    asOf,
    class: {
      ...classOf(row, c, year),
      modules: modules.map((m) => ({ id: m.id, code: m.code, name: m.name, periods: m.periods })),
    },
    facts: factsOf(row, c, evaluations, asOf),
    learners: learners.map((f, i) => learnerOf(c, f, evaluations[i]!, row.status, asOf, actionsOf(f.enrolment_id))),
  };
}

function conductStateOf(f: { conduct_due_on: string | null; conduct_received: boolean }): 'not_requested' | 'pending' | 'received' {
  return f.conduct_due_on === null ? 'not_requested' : f.conduct_received ? 'received' : 'pending';
}

/** Overdue as conduct reports are shown everywhere (learner-records' conductReportOf). */
function isOverdue(f: { conduct_due_on: string | null; conduct_received: boolean }, classStatus: string, today: IsoDate): boolean {
  return f.conduct_due_on !== null && !f.conduct_received && f.conduct_due_on < today && classStatus !== 'finished';
}

function learnerOf(
  c: ClassRules,
  f: boardsRepo.LearnerFactsWithPersonRow,
  ev: Evaluation,
  classStatus: string,
  asOf: IsoDate,
  actions: ClassBoardLearner['actions'],
): ClassBoardLearner {
  const entered = c.modules.filter((m) => ev.moduleGrades[m.code] !== undefined);
  return {
    enrolmentId: f.enrolment_id,
    person: { id: f.person_id, fullName: f.full_name, birthDate: f.birth_date, unit: { id: f.unit_id, name: f.unit_name } },
    status: f.status,
    attendance: { held: ev.attendance.held, attended: ev.attendance.attended, unmarked: ev.attendance.unmarked, rate: ev.attendance.rate },
    recalls: ev.recalls.length,
    makeUps: { required: ev.makeUps.required.length, outstanding: ev.makeUps.outstanding.length },
    conductReport: {
      state: conductStateOf(f),
      dueOn: f.conduct_due_on,
      overdue: isOverdue(f, classStatus, asOf),
      satisfactory: f.conduct_received ? f.conduct_satisfactory : null,
    },
    grades: {
      entered: entered.length,
      missing: c.modules.filter((m) => ev.moduleGrades[m.code] === undefined).map((m) => ({ code: m.code, name: m.name })),
      failed: entered
        .filter((m) => !training.isPassingGrade(c.scheme, ev.moduleGrades[m.code]!))
        .map((m) => ({ code: m.code, value: ev.moduleGrades[m.code]! })),
      final: ev.finalGrade,
    },
    examEligibility: ev.eligibility
      ? {
          outcome: ev.eligibility.outcome,
          summary: ev.eligibility.summary,
          checks: ev.eligibility.checks.map((k) => ({ code: k.code, label: k.label, passed: k.passed, detail: k.detail })),
          missing: missingOf(ev.eligibility.missing, c.ruleModules),
        }
      : null,
    actions,
  };
}

// ---------- the agency officer's "my learners" ----------

/** The nomination policy's facts of a "my learners" row (the class row's part of it). */
function myLearnerNominationFacts(r: boardsRepo.MyLearnerRow, today: IsoDate): NominationFacts {
  const cls = {
    name: r.class_name,
    status: r.class_status,
    end_date: r.end_date,
    approver: r.approver,
    programme_name: r.programme_name,
    organiser_name: r.organiser_name,
    organiser_path: r.organiser_path,
  };
  return nominationFactsOf(cls, { status: r.nomination_status!, unit_path: r.unit_path }, today);
}

/**
 * The people of the caller's subtree with a live nomination or a current enrolment, one row per
 * person and class: where they are in the approval chain or the waitlist, their attendance,
 * recalls and make-ups once enrolled, and the conduct report the agency owes; then every report
 * the agency owes the school, earliest due first.
 */
export async function listMyLearners(db: Db, user: AuthUser, q: MyLearnersQuery): Promise<MyLearners> {
  const asOf = todayInVietnam();
  const { rows, total } = await boardsRepo.listMyLearners(db, user.scope, { classId: q.classId }, q.limit, q.offset);
  const enrolled = rows.filter((r) => r.enrolment_status === 'enrolled');
  const classIds = [...new Set(enrolled.map((r) => r.class_id))];
  const [sessions, facts] = await Promise.all([
    boardsRepo.listSessionsOf(db, classIds),
    boardsRepo.listEnrolmentFacts(
      db,
      enrolled.map((r) => r.enrolment_id!),
    ),
  ]);
  const sessionsOf = groupBy(sessions, (s) => s.class_id);
  const ruleSessions = new Map(classIds.map((id) => [id, training.heldSessions(ruleSessionsOf(sessionsOf.get(id) ?? []), asOf)]));
  const factsById = new Map(facts.map((f) => [f.enrolment_id, f]));

  const visibility = { personScope: user.scope, organiserScope: null };
  const [owed, overdue] = await Promise.all([
    learnersRepo.listConductReports(db, visibility, { status: 'pending' }, 50, 0),
    learnersRepo.listConductReports(db, visibility, { status: 'pending', overdueOn: asOf }, 0, 0),
  ]);
  const actionsOf = await enrolmentActionsOf(db, user, rows.flatMap((r) => (r.enrolment_id !== null ? [r.enrolment_id] : [])));

  const items = rows.map((r): MyLearner => {
    const f = r.enrolment_id !== null ? factsById.get(r.enrolment_id) : undefined;
    const ev = f && r.enrolment_status === 'enrolled' ? evaluateAttendance(ruleSessions.get(r.class_id)!, f, asOf) : null;
    const awaiting = r.nomination_status ? training.awaitingOf(r.nomination_status, r.approver) : null;
    return {
      person: { id: r.person_id, fullName: r.full_name, birthDate: r.birth_date, unit: { id: r.unit_id, name: r.unit_name } },
      class: {
        id: r.class_id,
        name: r.class_name,
        cohortCode: r.cohort_code,
        programme: { code: r.programme_code, name: r.programme_name },
        startDate: r.start_date,
        endDate: r.end_date,
        status: r.class_status,
      },
      nomination:
        r.nomination_id !== null && r.nomination_status !== null
          ? {
              id: r.nomination_id,
              status: r.nomination_status,
              statusLabel: NOMINATION_STATUS_LABELS[r.nomination_status].vi,
              awaiting,
              awaitingLabel: awaiting ? training.CHAIN_ACTOR_LABELS[awaiting] : null,
              waitlistPosition: r.waitlist_position,
              refusalStep: training.refusalStep(r.nomination_status),
              actions: nominationPolicy.allowedActions(user, myLearnerNominationFacts(r, asOf)),
            }
          : null,
      enrolment: r.enrolment_id !== null && r.enrolment_status !== null ? { id: r.enrolment_id, status: r.enrolment_status } : null,
      attendance: ev ? { held: ev.attendance.held, attended: ev.attendance.attended, rate: ev.attendance.rate } : null,
      recalls: ev?.recalls ?? [],
      makeUpsOutstanding: ev ? ev.makeUps.outstanding.length : null,
      conductReport:
        r.enrolment_status === 'enrolled'
          ? {
              state: conductStateOf(r),
              dueOn: r.conduct_due_on,
              overdue: isOverdue(r, r.class_status, asOf),
              reminders: r.conduct_reminders,
            }
          : null,
      actions: r.enrolment_id !== null ? actionsOf(r.enrolment_id) : [],
    };
  });
  return {
    asOf,
    total,
    items,
    owed: {
      pending: owed.total,
      overdue: overdue.total,
      items: owed.rows.map((o) => ({
        enrolmentId: o.enrolment_id,
        person: { id: o.person_id, fullName: o.full_name },
        class: { id: o.class_id, name: o.class_name, cohortCode: o.cohort_code },
        dueOn: o.due_on,
        overdue: o.due_on < asOf && o.class_status !== 'finished',
        reminders: o.reminders,
      })),
    },
    actions: myLearnersPolicy.allowedActions(user, null),
  };
}

// ---------- the learner's own learning ----------

function graduationOf(
  e: boardsRepo.PersonEnrolmentRow,
  c: ClassRules,
  ev: Evaluation,
): { outcome: 'graduated' | 'not_graduated' | 'pending'; summary: string } {
  if (e.status === 'completed') {
    const label = classificationOf(c.scheme, e.classification)?.label;
    return { outcome: 'graduated', summary: `Đã tốt nghiệp ngày ${formatViDate(e.graduated_on)}${label ? `, xếp loại ${label}` : ''}.` };
  }
  if (e.status === 'failed') return { outcome: 'not_graduated', summary: 'Không đủ điều kiện tốt nghiệp khi lớp xét tốt nghiệp.' };
  const preview = previewGraduation(c, ev);
  return { outcome: preview.outcome, summary: preview.summary };
}

function lecturerText(s: boardsRepo.ScheduleRow): string | null {
  if (s.lecturer_name === null) return null;
  return s.lecturer_title ? `${s.lecturer_title} ${s.lecturer_name}` : s.lecturer_name;
}

/**
 * The learner's own classes (newest first) with the schedule and their mark in each session,
 * make-ups, grades, exam eligibility and graduation, and their certificates with the PDF link.
 * Only a learner's account linked to a registry record has one (404 otherwise).
 */
export async function getMyLearning(db: Db, user: AuthUser): Promise<MyLearning> {
  if (user.role !== 'learner' || user.personId === null) {
    throw new AppError('NOT_FOUND', [], 'Chỉ tài khoản học viên gắn với hồ sơ cán bộ mới có trang học tập của mình.');
  }
  const personId = user.personId;
  const asOf = todayInVietnam();
  const fullName = await boardsRepo.findPersonName(db, personId);
  if (fullName === null) throw notFound();
  const enrolments = await boardsRepo.listPersonEnrolments(db, personId);
  const classIds = [...new Set(enrolments.map((e) => e.class_id))];
  const [modules, schedule, facts, certificates] = await Promise.all([
    boardsRepo.listModulesOf(db, classIds),
    boardsRepo.listScheduleOf(db, classIds),
    boardsRepo.listEnrolmentFacts(
      db,
      enrolments.map((e) => e.enrolment_id),
    ),
    certificatesRepo.listCertificatesOfPerson(db, personId),
  ]);
  const modulesOf = groupBy(modules, (m) => m.class_id);
  const scheduleOf = groupBy(schedule, (s) => s.class_id);
  const factsById = new Map(facts.map((f) => [f.enrolment_id, f]));

  const classes = enrolments.map((e): MyLearningClass => {
    const sessions = scheduleOf.get(e.class_id) ?? [];
    const c = classRulesOf(e, modulesOf.get(e.class_id) ?? [], sessions, asOf);
    const f = factsById.get(e.enrolment_id)!;
    const ev = evaluate(c, f, asOf);
    const marks = new Map(unpackMarks(f.marks, Number).map((m) => [m.sessionId, m.mark]));
    const makeUps = new Map(ev.makeUps.required.map((i) => [Number(i.sessionId), i.madeUpOn]));
    const passed = (v: number | null) => (v === null ? null : training.isPassingGrade(c.scheme, v));
    return {
      enrolmentId: e.enrolment_id,
      status: e.status,
      class: {
        id: e.class_id,
        name: e.class_name,
        cohortCode: e.cohort_code,
        programme: { code: e.programme_code, name: e.programme_name },
        startDate: e.start_date,
        endDate: e.end_date,
        status: e.class_status,
        mode: e.mode,
        site: e.site,
      },
      attendance: {
        held: ev.attendance.held,
        attended: ev.attendance.attended,
        rate: ev.attendance.rate,
        minRate: c.conditions.minAttendanceRate,
      },
      makeUpsOutstanding: ev.makeUps.outstanding.length,
      sessions:
        e.class_status === 'finished'
          ? null
          : sessions.map((s) => ({
              id: s.id,
              date: s.on_date,
              startTime: s.starts_at,
              endTime: s.ends_at,
              kind: s.kind,
              module: s.module_code !== null ? { code: s.module_code, name: s.module_name ?? '' } : null,
              room: s.room,
              onlineLink: s.online_link,
              lecturer: lecturerText(s),
              mark: marks.get(s.id) ?? null,
              makeUp: makeUps.has(s.id) ? { doneOn: makeUps.get(s.id) ?? null } : null,
            })),
      grades: {
        modules: c.modules.map((m) => {
          const value = ev.moduleGrades[m.code] ?? null;
          return { code: m.code, name: m.name, value, passed: passed(value) };
        }),
        finalExam: { kind: c.conditions.finalExam, value: ev.finalGrade, passed: passed(ev.finalGrade) },
        average: training.moduleAverage(c.ruleModules, ev.moduleGrades).average,
      },
      progress: {
        examEligibility: ev.eligibility ? { outcome: ev.eligibility.outcome, summary: ev.eligibility.summary } : null,
        graduation: graduationOf(e, c, ev),
        classification: classificationOf(c.scheme, e.classification),
        graduatedOn: e.graduated_on,
      },
      certificateId: e.certificate_id,
    };
  });

  return {
    asOf,
    person: { id: personId, fullName },
    classes,
    certificates: certificates.map((r) => ({
      id: r.id,
      number: r.number,
      documentTitle: CERTIFICATE_DOCUMENT_KINDS[documentKindOf(r.programme_kind)].vi,
      programme: { code: r.programme_code, name: r.programme_name },
      classification: { code: r.classification, label: classificationLabel(r.classification, r.grading_scheme) },
      issuedOn: r.issued_on,
      revoked: r.revoked_at !== null,
      pdfPath: `/api/v1/certificates/${r.id}/pdf`,
    })),
  };
}
