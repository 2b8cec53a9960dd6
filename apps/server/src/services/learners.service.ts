/**
 * Following one learner: recalls by the home agency (the sessions of the period are marked
 * recalled and must be made up), make-up study recorded by the school or the session's lecturer,
 * the learner's progress (attendance, make-ups, grades, conduct report, exam eligibility and a
 * graduation preview, every check explained by the training rules), and the home agency's conduct
 * report: requested by the school with a due date, listed for the agency with overdue flags,
 * filled in by the agency, reminded once a day while overdue.
 *
 * Who: the school running the class (classes.manage, organiser unit in scope), the home agency
 * (nominations.write or conduct.write, the person's unit in scope), a lecturer teaching in the
 * class, the learner themself — each where the function says; anyone else gets 404.
 */
import { formatViDate, hasPermission, todayInVietnam, training, type IsoDate } from '@nang-tam/domain';
import { auditRepo, classesRepo, conductReportsRepo, enrolmentsRepo, recallsRepo, type Db, type Queryable } from '@nang-tam/db';
import type {
  ConductReport,
  ConductReportInput,
  ConductReportPage,
  ConductReportRequestInput,
  ConductReportRequestResult,
  ConductReportsQuery,
  EnrolmentAction,
  EnrolmentProgress,
  ErrorDetail,
  MakeUp,
  MakeUpInput,
  Recall,
  RecallInput,
  RecallResult,
} from '@nang-tam/contracts';
import { AppError, assertNoFieldErrors, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { classPolicy } from '../policies/class.js';
import { enrolmentPolicy } from '../policies/enrolment.js';
import { classFactsOf } from './access-facts.js';
import {
  classRefOf,
  classificationOf,
  conductReportOf,
  enrolmentActionsOf,
  decisionOf,
  eligibilityOf,
  evaluateLearner,
  lecturerIdOf,
  loadClassRecords,
  loadLearnerRecords,
  personOf,
  requireEnrolment,
  sessionRefOf,
  vietnamInstant,
  type EnrolmentInClass,
} from './learner-records.js';
import { notifyEvent } from './notifications.service.js';

/**
 * Writes need the learner still in a class that has not graduated: the policy decides again on
 * the facts read under the class's share lock.
 */
async function lockForWrite(tx: Queryable, user: AuthUser, access: EnrolmentInClass, action: EnrolmentAction): Promise<void> {
  const cls = await classesRepo.lockClassShared(tx, access.cls.id);
  if (!cls) throw notFound();
  const current = await enrolmentsRepo.findEnrolment(tx, access.enrolment.id);
  const facts = { ...access.facts, status: current?.status ?? 'withdrawn', class: { ...access.facts.class, status: cls.status, name: cls.name } };
  enrolmentPolicy.authorize(user, facts, action);
}

function recallOf(r: recallsRepo.RecallRow): Recall {
  return { id: r.id, enrolmentId: r.enrolment_id, fromDate: r.from_date, toDate: r.to_date, reason: r.reason, recordedBy: r.recorded_by_name, recordedAt: r.recorded_at };
}

function makeUpOf(m: recallsRepo.MakeUpRow, session: Parameters<typeof sessionRefOf>[0]): MakeUp {
  return { id: m.id, enrolmentId: m.enrolment_id, session: sessionRefOf(session), doneOn: m.done_on, note: m.note, recordedBy: m.recorded_by_name, recordedAt: m.recorded_at };
}

// ---------- recalls ----------

/**
 * The home agency (or the school) records that it called the learner back to work from one date
 * to another: both dates are required, the end not before the start (the training rules'
 * validateRecall), and the period must meet the class's dates. The sessions of the period that
 * have no mark yet are marked recalled (marks already taken stay), in the same transaction.
 */
export async function recordRecall(db: Db, user: AuthUser, enrolmentId: number, input: RecallInput): Promise<RecallResult> {
  const access = await requireEnrolment(db, user, enrolmentId, 'recall');
  const { cls } = access;
  const valid = training.validateRecall({ from: input.fromDate ?? null, to: input.toDate ?? null });
  if (!valid.ok) {
    const details: ErrorDetail[] = [];
    if (valid.error === 'RECALL_PERIOD_INVALID') details.push(fieldError('toDate', valid.error));
    else {
      if (valid.error !== 'RECALL_DATES_REQUIRED' || !input.fromDate) details.push(fieldError('fromDate', valid.error));
      if (valid.error !== 'RECALL_DATES_REQUIRED' || !input.toDate) details.push(fieldError('toDate', valid.error));
    }
    throw new AppError('VALIDATION_FAILED', details);
  }
  const { from, to } = valid.value;
  if (to < cls.start_date || from > cls.end_date) {
    throw new AppError('VALIDATION_FAILED', [
      {
        ...fieldError('fromDate', 'RECALL_OUTSIDE_CLASS'),
        message: `Đợt triệu tập không trùng với thời gian học của lớp (từ ${formatViDate(cls.start_date)} đến ${formatViDate(cls.end_date)}).`,
      },
    ]);
  }
  return db.transaction(async (tx) => {
    await lockForWrite(tx, user, access, 'recall');
    const recall = await recallsRepo.insertRecall(tx, { enrolmentId, fromDate: from, toDate: to, reason: input.reason, recordedBy: user.id });
    const marked = await recallsRepo.markRecalledSessions(tx, { classId: cls.id, enrolmentId, fromDate: from, toDate: to, markedBy: user.id });
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'create',
      entity: 'recall',
      entityId: recall.id,
      personId: access.enrolment.person_id,
      after: { enrolmentId, classId: cls.id, fromDate: from, toDate: to, reason: input.reason, sessionsMarkedRecalled: marked },
    });
    // the learner and their agency learn of the recall, in this transaction (decision 0036)
    await notifyEvent(tx, {
      kind: 'recall_recorded',
      actorId: user.id,
      personId: access.enrolment.person_id,
      link: (role) => (role === 'learner' ? '/learning' : '/my-learners'),
      params: { className: cls.name, fromDate: from, toDate: to },
    });
    const markedSet = new Set(marked);
    const sessions = (await classesRepo.listClassSessions(tx, cls.id)).filter((s) => markedSet.has(s.id));
    return { recall: recallOf(recall), markedSessions: sessions.map(sessionRefOf) };
  });
}

// ---------- make-up ----------

/**
 * Records the make-up study of one missed session, by the school or the lecturer of that session.
 * The session must be one the learner has to make up today (a held session marked recalled or in
 * a recorded recall, per the training rules' makeUpRequirements); done on a date between the
 * session and today; once per session.
 */
export async function recordMakeUp(db: Db, user: AuthUser, enrolmentId: number, input: MakeUpInput): Promise<MakeUp> {
  const access = await requireEnrolment(db, user, enrolmentId, 'makeUp');
  const lecturerId = access.as === 'lecturer' ? await lecturerIdOf(db, user) : null;
  const session = await classesRepo.findSessionContext(db, input.sessionId, lecturerId);
  if (!session || session.class_id !== access.cls.id) {
    throw new AppError('MAKE_UP_NOT_REQUIRED', [{ ...fieldError('sessionId', 'INVALID_VALUE'), message: `${training.classPhrase(access.cls.name, 'start')} không có buổi học này.` }]);
  }
  if (access.as === 'lecturer' && !session.taught_by_lecturer) throw notFound();
  const today = todayInVietnam();
  const details: ErrorDetail[] = [];
  if (input.doneOn > today) details.push(fieldError('doneOn', 'DATE_IN_FUTURE'));
  else if (input.doneOn < session.on_date) details.push(fieldError('doneOn', 'DATE_BEFORE_SESSION'));
  assertNoFieldErrors(details);

  return db.transaction(async (tx) => {
    await lockForWrite(tx, user, access, 'makeUp');
    const records = await loadClassRecords(tx, access.cls);
    const learner = await loadLearnerRecords(tx, enrolmentId);
    const { makeUps } = evaluateLearner(records, learner, today);
    const item = makeUps.required.find((i) => i.sessionId === String(session.id));
    if (!item) {
      throw new AppError('MAKE_UP_NOT_REQUIRED', [
        {
          ...fieldError('sessionId', 'INVALID_VALUE'),
          message: `${access.enrolment.full_name} không phải học bổ sung buổi học ngày ${formatViDate(session.on_date)}: chỉ buổi học đã diễn ra mà học viên được cơ quan triệu tập về mới phải học bổ sung.`,
        },
      ]);
    }
    const row = item.madeUpOn === null ? await recallsRepo.insertMakeUp(tx, { enrolmentId, sessionId: session.id, doneOn: input.doneOn, note: input.note || null, recordedBy: user.id }) : null;
    if (!row) throw new AppError('DUPLICATE', [{ ...fieldError('sessionId', 'DUPLICATE_ENTRY'), message: 'Buổi học này đã được ghi nhận học bổ sung.' }]);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'create',
      entity: 'make_up',
      entityId: row.id,
      personId: access.enrolment.person_id,
      after: { enrolmentId, sessionId: session.id, sessionDate: session.on_date, doneOn: input.doneOn, note: input.note || null },
    });
    return makeUpOf(row, session);
  });
}

// ---------- progress ----------

/**
 * Where the learner stands today: attendance (overall, per module, per session), recalls,
 * make-ups required and done, grades, the conduct report, exam eligibility and the graduation
 * decision as it would fall today — each check with its explanation from the training rules.
 * The learner sees their own progress without the text of their agency's report.
 */
export async function getProgress(db: Db, user: AuthUser, enrolmentId: number): Promise<EnrolmentProgress> {
  const access = await requireEnrolment(db, user, enrolmentId, 'view');
  const { enrolment, cls } = access;
  const asOf = todayInVietnam();
  const records = await loadClassRecords(db, cls);
  const learner = await loadLearnerRecords(db, enrolmentId);
  const ev = evaluateLearner(records, learner, asOf);
  const sessionById = new Map(records.sessions.map((s) => [s.id, s]));
  const marks = new Map(learner.marks.map((m) => [m.session_id, m]));
  const counts = (c: training.AttendanceCounts) => ({
    held: c.held,
    present: c.present,
    recalled: c.recalled,
    absentExcused: c.absentExcused,
    absentUnexcused: c.absentUnexcused,
    unmarked: c.unmarked,
    attended: c.attended,
    rate: c.rate,
  });
  const { scheme, conditions } = records;
  const passed = (v: number | null) => (v === null ? null : training.isPassingGrade(scheme, v));
  const actions = enrolmentPolicy.allowedActions(user, access.facts);
  const conduct = learner.conduct ? conductReportOf(learner.conduct, asOf, actions) : null;
  return {
    enrolment: {
      id: enrolment.id,
      status: enrolment.status,
      person: personOf(enrolment),
      class: classRefOf(cls),
      average: enrolment.average,
      finalGrade: enrolment.final_grade,
      classification: classificationOf(scheme, enrolment.classification),
      graduatedOn: enrolment.graduated_on,
    },
    asOf,
    attendance: {
      ...counts(ev.attendance),
      minRate: conditions.minAttendanceRate,
      byModule: Object.entries(ev.attendance.byModule).map(([moduleCode, c]) => ({ moduleCode, ...counts(c) })),
      sessions: records.sessions.map((s) => {
        const m = marks.get(s.id);
        return { session: sessionRefOf(s), mark: m?.mark ?? null, source: m?.source ?? null, checkedInAt: m?.checked_in_at ?? null };
      }),
    },
    recalls: learner.recalls.map(recallOf),
    makeUps: {
      required: ev.makeUps.required.map((i) => ({
        session: sessionRefOf(sessionById.get(Number(i.sessionId))!),
        reason: i.reason,
        recallId: i.recallId === null ? null : Number(i.recallId),
        madeUpOn: i.madeUpOn,
      })),
      outstanding: ev.makeUps.outstanding.length,
      records: learner.makeUps.map((m) => makeUpOf(m, sessionById.get(m.session_id)!)),
    },
    grades: {
      modules: records.modules.map((m) => {
        const value = ev.moduleGrades[m.code] ?? null;
        return { module: { id: m.id, code: m.code, name: m.name, periods: m.periods }, value, passed: passed(value) };
      }),
      finalExam: { kind: conditions.finalExam, value: ev.finalGrade, passed: passed(ev.finalGrade) },
      average: training.moduleAverage(records.ruleModules, ev.moduleGrades).average,
    },
    conductReport: conduct && access.as === 'self' ? { ...conduct, content: null, filledBy: null } : conduct,
    examEligibility: eligibilityOf(ev.eligibility, records.ruleModules),
    graduation: decisionOf(ev.decision, records.ruleModules),
    actions,
  };
}

// ---------- conduct reports ----------

/**
 * The school asks the home agencies for a conduct report on every learner of the class who has
 * no request yet, due on `dueOn` (today or later); earlier requests keep their due date.
 */
export async function requestConductReports(db: Db, user: AuthUser, classId: number, input: ConductReportRequestInput): Promise<ConductReportRequestResult> {
  if (input.dueOn < todayInVietnam()) throw new AppError('VALIDATION_FAILED', [fieldError('dueOn', 'DATE_IN_PAST')]);
  return db.transaction(async (tx) => {
    const cls = await classesRepo.lockClassShared(tx, classId);
    if (!cls) throw notFound();
    classPolicy.authorize(user, classFactsOf(cls), 'requestConductReports');
    const asked = await conductReportsRepo.insertConductRequests(tx, { classId, dueOn: input.dueOn, requestedBy: user.id });
    const total = await conductReportsRepo.countConductRequests(tx, classId);
    const actor = actorOf(user);
    await auditRepo.appendAuditMany(
      tx,
      asked.map((a) => ({ ...actor, action: 'request', entity: 'conduct_report', entityId: a.enrolment_id, personId: a.person_id, after: { classId, dueOn: input.dueOn } })),
    );
    return { classId, dueOn: input.dueOn, requested: asked.length, alreadyRequested: total - asked.length };
  });
}

/**
 * Conduct reports the caller deals with: the agency's (conduct.write) for the people of its
 * subtree — what it owes the school — and the school's (classes.manage) for the classes it runs.
 * Overdue: not received and the due date has passed.
 */
export async function listConductReports(db: Db, user: AuthUser, q: ConductReportsQuery): Promise<ConductReportPage> {
  const today = todayInVietnam();
  const visibility = {
    personScope: hasPermission(user.role, 'conduct.write') ? user.scope : null,
    organiserScope: hasPermission(user.role, 'classes.manage') ? user.scope : null,
  };
  const { rows, total } = await conductReportsRepo.listConductReports(
    db,
    visibility,
    { status: q.status, overdueOn: q.overdue ? today : undefined, classId: q.classId },
    q.limit,
    q.offset,
  );
  const actionsOf = await enrolmentActionsOf(db, user, rows.map((r) => r.enrolment_id));
  return { total, items: rows.map((r) => conductReportOf(r, today, actionsOf(r.enrolment_id))) };
}

/** The agency's report on its person (conduct.write, the person in scope); filled again, it replaces the earlier one. */
export async function fillConductReport(db: Db, user: AuthUser, enrolmentId: number, input: ConductReportInput): Promise<ConductReport> {
  const access = await requireEnrolment(db, user, enrolmentId, 'fillConductReport');
  return db.transaction(async (tx) => {
    await lockForWrite(tx, user, access, 'fillConductReport');
    const before = await conductReportsRepo.findConductReport(tx, enrolmentId, true);
    const content = { conduct: input.conduct, discipline: input.discipline, workDuringCourse: input.workDuringCourse ?? '' };
    await conductReportsRepo.saveConductReport(tx, { enrolmentId, satisfactory: input.satisfactory, content, filledBy: user.id, dueOnIfNew: access.cls.end_date });
    const after = (await conductReportsRepo.findConductReport(tx, enrolmentId))!;
    const snapshot = (r: conductReportsRepo.ConductReportRow) => ({ dueOn: r.due_on, receivedAt: r.received_at, satisfactory: r.satisfactory, content: r.content });
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: before ? 'update' : 'create',
      entity: 'conduct_report',
      entityId: enrolmentId,
      personId: access.enrolment.person_id,
      before: before ? snapshot(before) : undefined,
      after: snapshot(after),
    });
    return conductReportOf(after, todayInVietnam(), enrolmentPolicy.allowedActions(user, { ...access.facts, class: { ...access.facts.class, status: access.cls.status } }));
  });
}

/**
 * The reminder of overdue reports, run by the job runner's maintenance tick: each report past its
 * due date and not received (of a learner still enrolled in a running class) gets one reminder a
 * day — its count goes up and its time is recorded, which the agency's list shows. Returns how many.
 */
export async function remindOverdueConductReports(db: Db, today: IsoDate = todayInVietnam()): Promise<number> {
  return db.transaction(async (tx) => {
    const since = new Date(vietnamInstant(today, '00:00')).toISOString();
    const reminded = await conductReportsRepo.remindOverdueConductReports(tx, today, since);
    await auditRepo.appendAuditMany(
      tx,
      reminded.map((r) => ({
        actorId: null,
        actorName: 'system',
        action: 'remind',
        entity: 'conduct_report',
        entityId: r.enrolment_id,
        personId: r.person_id,
        after: { reminders: r.reminders, dueOn: r.due_on },
      })),
    );
    return reminded.length;
  });
}
