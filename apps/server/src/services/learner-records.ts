/**
 * What the learner services share: who may follow a learner (the school running the class, the
 * home agency sending the person, the lecturer teaching in the class, the learner themself), the
 * shapes of sessions, people and classes in answers, and the bridge from database rows to the
 * training rules (`training.attendanceRate`, `makeUpRequirements`, `examEligibility`,
 * `graduationDecision`), which decide everything; nothing here re-implements a rule.
 */
import { training, type IsoDate } from '@nang-tam/domain';
import { attendanceRepo, classesRepo, conductReportsRepo, enrolmentsRepo, gradesRepo, recallsRepo, type Queryable } from '@nang-tam/db';
import type { EnrolmentAction, EnrolmentProgress, SessionRef } from '@nang-tam/contracts';
import { notFound } from '../errors.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ENROLMENT_REACH, enrolmentPolicy, reachOf, type EnrolmentFacts, type EnrolmentReach } from '../policies/enrolment.js';
import { classFactsOf, NOT_TEACHING, teachingIn, teachingInClasses } from './access-facts.js';

// ---------- who may follow a learner (policies/enrolment.ts decides) ----------

export { runsClass } from '../policies/class.js';
export { lecturerIdOf } from './access-facts.js';

export interface EnrolmentInClass {
  enrolment: enrolmentsRepo.EnrolmentRow;
  cls: classesRepo.ClassContextRow;
  facts: EnrolmentFacts;
  /** How the caller reached it. */
  as: EnrolmentReach;
}

/** The policy's facts about one learner in a class, from the rows that hold them. */
export function enrolmentFactsOf(
  enrolment: enrolmentsRepo.EnrolmentRow,
  cls: classesRepo.ClassContextRow,
  teaching: Parameters<typeof classFactsOf>[1] = NOT_TEACHING,
): EnrolmentFacts {
  return {
    personId: enrolment.person_id,
    fullName: enrolment.full_name,
    personUnitPath: enrolment.unit_path,
    status: enrolment.status,
    class: classFactsOf(cls, teaching),
  };
}

/** An enrolment with its class and the policy's facts, or null when there is none. */
export async function loadEnrolment(db: Queryable, user: AuthUser, enrolmentId: number): Promise<Omit<EnrolmentInClass, 'as'> | null> {
  const enrolment = await enrolmentsRepo.findEnrolment(db, enrolmentId);
  if (!enrolment) return null;
  const cls = (await classesRepo.findClassContext(db, enrolment.class_id))!;
  return { enrolment, cls, facts: enrolmentFactsOf(enrolment, cls, await teachingIn(db, user, cls.id)) };
}

/** An enrolment the policy lets the caller act on; otherwise (or missing) the policy's refusal (404 when out of reach). */
export async function requireEnrolment(db: Queryable, user: AuthUser, enrolmentId: number, action: EnrolmentAction): Promise<EnrolmentInClass> {
  const found = await loadEnrolment(db, user, enrolmentId);
  if (!found) throw notFound();
  enrolmentPolicy.authorize(user, found.facts, action);
  return { ...found, as: reachOf(user, found.facts, ENROLMENT_REACH[action])! };
}

/**
 * What the caller may do to each of the given learners (the `actions` of a list's rows): their
 * enrolments, classes and the caller's teaching loaded in a few queries, decided by the policy.
 */
export async function enrolmentActionsOf(db: Queryable, user: AuthUser, enrolmentIds: readonly number[]): Promise<(enrolmentId: number) => EnrolmentAction[]> {
  const enrolments = await enrolmentsRepo.findEnrolments(db, [...new Set(enrolmentIds)]);
  const classIds = [...new Set(enrolments.map((e) => e.class_id))];
  const classes = new Map<number, classesRepo.ClassContextRow>();
  for (const id of classIds) {
    const c = await classesRepo.findClassContext(db, id);
    if (c) classes.set(id, c);
  }
  const teaching = await teachingInClasses(db, user, classIds);
  const actions = new Map(
    enrolments.map((e) => [e.id, enrolmentPolicy.allowedActions(user, enrolmentFactsOf(e, classes.get(e.class_id)!, teaching(e.class_id)))]),
  );
  return (id) => actions.get(id) ?? [];
}

// ---------- shapes ----------

export function personOf(r: { person_id: number; full_name: string; birth_date: string; unit_id: number; unit_name: string }) {
  return { id: r.person_id, fullName: r.full_name, birthDate: r.birth_date, unit: { id: r.unit_id, name: r.unit_name } };
}

export function sessionRefOf(
  s: Pick<classesRepo.SessionRow, 'id' | 'class_id' | 'class_module_id' | 'module_code' | 'module_name' | 'kind' | 'on_date' | 'starts_at' | 'ends_at'>,
): SessionRef {
  return {
    id: s.id,
    classId: s.class_id,
    module: s.class_module_id !== null ? { id: s.class_module_id, code: s.module_code ?? '', name: s.module_name ?? '' } : null,
    kind: s.kind,
    date: s.on_date,
    startTime: s.starts_at,
    endTime: s.ends_at,
  };
}

export function classRefOf(c: classesRepo.ClassContextRow) {
  return {
    id: c.id,
    name: c.name,
    cohortCode: c.cohort_code,
    programme: { code: c.programme_code, name: c.programme_name },
    startDate: c.start_date,
    endDate: c.end_date,
    status: c.status,
  };
}

export function schemeOf(c: classesRepo.ClassContextRow): training.GradingScheme {
  return c.grading_scheme as training.GradingScheme;
}

export function conditionsOf(c: classesRepo.ClassContextRow): training.GraduationConditions {
  return c.graduation_conditions as training.GraduationConditions;
}

/** A classification code stored on an enrolment, with its label from the class's own scheme. */
export function classificationOf(scheme: training.GradingScheme, code: string | null): { code: string; label: string } | null {
  if (code === null) return null;
  const band = scheme.bands.find((b) => b.code === code);
  return { code, label: band?.label ?? code };
}

/** The instant of a Vietnamese wall-clock time (UTC+7 all year). */
export function vietnamInstant(date: IsoDate, time: string): number {
  return Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}+07:00`);
}

/** A conduct report as the agency, the school and the learner's progress show it. */
export function conductReportOf(r: conductReportsRepo.ConductReportRow, today: IsoDate, actions: EnrolmentAction[]) {
  const content = r.content
    ? { conduct: r.content.conduct ?? '', discipline: r.content.discipline ?? '', workDuringCourse: r.content.workDuringCourse ?? '' }
    : null;
  return {
    enrolmentId: r.enrolment_id,
    person: personOf(r),
    class: {
      id: r.class_id,
      name: r.class_name,
      cohortCode: r.cohort_code,
      programme: { code: r.programme_code, name: r.programme_name },
      startDate: r.start_date,
      endDate: r.end_date,
      status: r.class_status,
    },
    status: r.received_at !== null ? ('received' as const) : ('pending' as const),
    requestedAt: r.requested_at,
    requestedBy: r.requested_by_name,
    dueOn: r.due_on,
    overdue: r.received_at === null && r.due_on < today && r.class_status !== 'finished',
    reminders: r.reminders,
    lastRemindedAt: r.last_reminded_at,
    receivedAt: r.received_at,
    actions,
    satisfactory: r.satisfactory,
    content,
    filledBy: r.filled_by_name,
  };
}

// ---------- the bridge to the training rules ----------

/** Sessions outside any module (a field trip or the exam of the whole class) are counted under this code. */
export const NO_MODULE = '—';

export interface ClassRecords {
  cls: classesRepo.ClassContextRow;
  scheme: training.GradingScheme;
  conditions: training.GraduationConditions;
  modules: classesRepo.ClassModuleRow[];
  sessions: classesRepo.SessionBriefRow[];
  ruleSessions: training.Session[];
  ruleModules: training.ProgrammeModule[];
}

export interface LearnerRecords {
  marks: attendanceRepo.AttendanceRow[];
  recalls: recallsRepo.RecallRow[];
  makeUps: recallsRepo.MakeUpRow[];
  conduct: conductReportsRepo.ConductReportRow | null;
  grades: gradesRepo.GradeRow[];
}

export async function loadClassRecords(db: Queryable, cls: classesRepo.ClassContextRow): Promise<ClassRecords> {
  const modules = await classesRepo.listClassModules(db, cls.id);
  const sessions = await classesRepo.listClassSessions(db, cls.id);
  return {
    cls,
    scheme: schemeOf(cls),
    conditions: conditionsOf(cls),
    modules,
    sessions,
    ruleSessions: sessions.map((s) => ({ id: String(s.id), moduleCode: s.module_code ?? NO_MODULE, date: s.on_date, kind: s.kind, lecturerId: s.lecturer_id === null ? null : String(s.lecturer_id) })),
    ruleModules: modules.map((m) => ({ code: m.code, name: m.name, periods: m.periods })),
  };
}

export async function loadLearnerRecords(db: Queryable, enrolmentId: number): Promise<LearnerRecords> {
  const target = { enrolmentId };
  return {
    marks: await attendanceRepo.listAttendance(db, target),
    recalls: await recallsRepo.listRecalls(db, target),
    makeUps: await recallsRepo.listMakeUps(db, target),
    conduct: await conductReportsRepo.findConductReport(db, enrolmentId),
    grades: await gradesRepo.listGrades(db, target),
  };
}

/** Every learner's records in a class, read in five queries. */
export async function loadClassLearnerRecords(db: Queryable, classId: number): Promise<Map<number, LearnerRecords>> {
  const target = { classId };
  const out = new Map<number, LearnerRecords>();
  const of = (id: number): LearnerRecords => {
    let r = out.get(id);
    if (!r) out.set(id, (r = { marks: [], recalls: [], makeUps: [], conduct: null, grades: [] }));
    return r;
  };
  for (const m of await attendanceRepo.listAttendance(db, target)) of(m.enrolment_id).marks.push(m);
  for (const r of await recallsRepo.listRecalls(db, target)) of(r.enrolment_id).recalls.push(r);
  for (const m of await recallsRepo.listMakeUps(db, target)) of(m.enrolment_id).makeUps.push(m);
  for (const c of await conductReportsRepo.listClassConductReports(db, classId)) of(c.enrolment_id).conduct = c;
  for (const g of await gradesRepo.listGrades(db, target)) of(g.enrolment_id).grades.push(g);
  return out;
}

export const EMPTY_RECORDS: LearnerRecords = { marks: [], recalls: [], makeUps: [], conduct: null, grades: [] };

export interface LearnerEvaluation {
  attendance: training.AttendanceSummary;
  makeUps: training.MakeUpSummary;
  eligibility: training.ExamEligibility;
  decision: training.GraduationDecision;
  /** Module grades by module code. */
  moduleGrades: Record<string, number>;
  finalGrade: number | null;
}

/** The final assessment's kind as the class's conditions name it. */
export function finalKindOf(conditions: training.GraduationConditions): 'exam' | 'thesis' {
  return conditions.finalExam === 'thesis' ? 'thesis' : 'exam';
}

/** The training rules over one learner's records on `asOf`. */
export function evaluateLearner(c: ClassRecords, r: LearnerRecords, asOf: IsoDate): LearnerEvaluation {
  const moduleCode = new Map(c.modules.map((m) => [m.id, m.code]));
  const marks = r.marks.map((m) => ({ sessionId: String(m.session_id), mark: m.mark }));
  const recalls = r.recalls.map((x) => ({ id: String(x.id), from: x.from_date, to: x.to_date, reason: x.reason }));
  const input = { sessions: c.ruleSessions, marks, recalls, asOf };
  const attendance = training.attendanceRate(input);
  const makeUps = training.makeUpRequirements({ ...input, makeUps: r.makeUps.map((m) => ({ sessionId: String(m.session_id), completedOn: m.done_on })) });
  const moduleGrades: Record<string, number> = {};
  let finalGrade: number | null = null;
  for (const g of r.grades) {
    if (g.class_module_id === null) finalGrade = g.value;
    else {
      const code = moduleCode.get(g.class_module_id);
      if (code !== undefined) moduleGrades[code] = g.value;
    }
  }
  const conductReport = r.conduct ? { received: r.conduct.received_at !== null, satisfactory: r.conduct.satisfactory } : null;
  const record = { grades: moduleGrades, attendance, makeUps, conductReport, conditions: c.conditions, scheme: c.scheme, modules: c.ruleModules };
  const eligibility = training.examEligibility(record);
  const decision = training.graduationDecision({ ...record, finalExam: finalGrade === null ? null : { kind: finalKindOf(c.conditions), grade: finalGrade } });
  return { attendance, makeUps, eligibility, decision, moduleGrades, finalGrade };
}

type Check = EnrolmentProgress['graduation']['checks'][number];

function missingOf(keys: readonly string[] | undefined, modules: readonly training.ProgrammeModule[]) {
  return (keys ?? []).map((key) => ({ key, label: training.missingLabel(key, modules) }));
}

export function checkOf(c: training.GraduationCheck, modules: readonly training.ProgrammeModule[]): Check {
  return { code: c.code, label: c.label, passed: c.passed, detail: c.detail, facts: c.facts, missing: missingOf(c.missing, modules) };
}

export function eligibilityOf(e: training.ExamEligibility, modules: readonly training.ProgrammeModule[]): EnrolmentProgress['examEligibility'] {
  return { outcome: e.outcome, summary: e.summary, checks: e.checks.map((c) => checkOf(c, modules)), missing: missingOf(e.missing, modules) };
}

export function decisionOf(d: training.GraduationDecision, modules: readonly training.ProgrammeModule[]): EnrolmentProgress['graduation'] {
  return {
    outcome: d.outcome,
    summary: d.summary,
    checks: d.checks.map((c) => checkOf(c, modules)),
    missing: missingOf(d.missing, modules),
    average: d.average,
    classification: d.classification ? { code: d.classification.code, label: d.classification.label } : null,
  };
}
