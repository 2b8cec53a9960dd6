/**
 * Evaluation after training, levels 1 and 3 (issue 11 point 4; docs/decisions/0051).
 *
 * Reaction (level 1): questionnaires per programme (versioned; the shipped default until the school
 * or the board saves one), a survey per class opened by the school at the class's end, answered once
 * per learner from their own pages. The answer and the "has answered" marker are written in one
 * transaction into two tables that share nothing but the survey: results are computed from the
 * anonymous answers and suppressed below the threshold (a setting).
 *
 * Behaviour at work (level 3): each graduate's home agency owes a feedback at 6 and 12 months after
 * graduation (due dates by agencyFeedback.dueOn, computed in SQL the same way); the agency's officers
 * see what they owe in their subtree and submit it from its due date, once per milestone; reminders
 * (due, overdue) are recorded once each by the job runner's maintenance step, with a bell notification.
 */
import { agencyFeedback, hasPermission, reaction, todayInVietnam, unitInScope, type IsoDate } from '@nang-tam/domain';
import type {
  ClassSurvey,
  EvaluationSettingsInput,
  FeedbackInput,
  FeedbackItem,
  FeedbackListQuery,
  FeedbackPage,
  FeedbackResults,
  FeedbackResultsQuery,
  Job,
  LecturerResults,
  MySurveys,
  Questionnaire,
  QuestionnaireInput,
  QuestionnaireList,
  ReactionResults,
  SurveyAnswerInput,
  SurveyForm,
  SurveyListQuery,
  SurveyOpenInput,
  SurveyPage,
  SurveySummary,
} from '@nang-tam/contracts';
import { auditRepo, feedbackRepo, lecturersRepo, type Db, type Queryable } from '@nang-tam/db';
import type { TeachingResults } from '@nang-tam/contracts';
import { teachingResultsPolicy } from '../policies/teaching-results.js';
import { AppError, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { agencyFeedbackPolicy, answerVerdict, surveyPolicy, type SurveyFacts } from '../policies/feedback.js';
import { refusalError } from '../policies/policy.js';
import { notifyEvent } from './notifications.service.js';
import { queueJob, toJob } from './jobs.service.js';


// ---------- questionnaires and settings ----------

const questionnaireOf = (r: feedbackRepo.QuestionnaireRow): Questionnaire => ({
  id: r.id,
  programme: r.programme_code ? { code: r.programme_code, name: r.programme_name ?? r.programme_code } : null,
  version: r.version,
  definition: r.definition as reaction.QuestionnaireDefinition,
  note: r.note,
  createdBy: r.created_by_name,
  createdAt: r.created_at,
});

/** The shipped default, before anyone saved one (version 0: not stored yet). */
const SHIPPED: Questionnaire = {
  id: 0,
  programme: null,
  version: 0,
  definition: reaction.DEFAULT_QUESTIONNAIRE,
  note: 'Mẫu phiếu có sẵn của hệ thống',
  createdBy: null,
  createdAt: '',
};

export async function listQuestionnaires(db: Queryable, user: AuthUser): Promise<QuestionnaireList> {
  const rows = (await feedbackRepo.listLatestQuestionnaires(db)).map(questionnaireOf);
  const items = rows.some((q) => q.programme === null) ? rows : [SHIPPED, ...rows];
  const settings = await feedbackRepo.getSettings(db);
  return { items, minResponses: settings.reaction_min_responses, canManage: hasPermission(user.role, 'evaluation.manage') };
}

/** POST /reaction/questionnaires: a new version of the default or of one programme's questionnaire. */
export async function saveQuestionnaire(db: Db, user: AuthUser, input: QuestionnaireInput): Promise<Questionnaire> {
  const problems = reaction.validateQuestionnaire(input.definition);
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      problems.map((p) => ({ path: `definition.${p.path}`, code: 'INVALID_VALUE', message: p.message })),
      problems[0]!.message,
    );
  if (input.programmeCode !== null && !(await feedbackRepo.programmeExists(db, input.programmeCode)))
    throw new AppError('VALIDATION_FAILED', [fieldError('programmeCode', 'INVALID_VALUE')]);
  const id = await db.transaction(async (tx) => {
    const before = await feedbackRepo.findLatestQuestionnaire(tx, input.programmeCode);
    const made = await feedbackRepo.insertQuestionnaire(tx, {
      programmeCode: input.programmeCode,
      definition: input.definition,
      note: input.note ? input.note : null,
      createdBy: user.id,
    });
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'save',
      entity: 'reaction_questionnaire',
      entityId: made.id,
      before: before ? { version: before.version, definition: before.definition } : null,
      after: { programmeCode: input.programmeCode, version: made.version, definition: input.definition },
    });
    return made.id;
  });
  return questionnaireOf((await feedbackRepo.findQuestionnaire(db, id))!);
}

export async function updateSettings(db: Db, user: AuthUser, input: EvaluationSettingsInput): Promise<{ minResponses: number }> {
  await db.transaction(async (tx) => {
    const before = await feedbackRepo.getSettings(tx);
    await feedbackRepo.updateSettings(tx, input.minResponses, user.id);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'update',
      entity: 'evaluation_settings',
      entityId: 1,
      before: { minResponses: before.reaction_min_responses },
      after: { minResponses: input.minResponses },
    });
  });
  return { minResponses: input.minResponses };
}

/** The questionnaire a class's survey uses: its programme's latest, else the default's (stored on first use). */
async function questionnaireForProgramme(tx: Queryable, user: AuthUser, programmeCode: string): Promise<number> {
  const own = await feedbackRepo.findLatestQuestionnaire(tx, programmeCode);
  if (own) return own.id;
  const def = await feedbackRepo.findLatestQuestionnaire(tx, null);
  if (def) return def.id;
  const made = await feedbackRepo.insertQuestionnaire(tx, { programmeCode: null, definition: reaction.DEFAULT_QUESTIONNAIRE, note: SHIPPED.note, createdBy: user.id });
  return made.id;
}

// ---------- surveys: the school's side ----------

const stateOf = (s: { opens_on: string | null; closes_on: string | null }, today: IsoDate) =>
  reaction.surveyState({ opensOn: s.opens_on!, closesOn: s.closes_on! }, today);

function summaryOf(s: feedbackRepo.SurveyRow, today: IsoDate): SurveySummary {
  return {
    id: s.id!,
    classId: s.class_id,
    className: s.class_name,
    cohortCode: s.cohort_code,
    programme: { code: s.programme_code, name: s.programme_name },
    classEnd: s.end_date,
    opensOn: s.opens_on!,
    closesOn: s.closes_on!,
    state: stateOf(s, today),
    responses: s.responses,
    learners: s.learners,
    responseRate: reaction.ratePercent(s.responses, s.learners),
  };
}

const surveyFactsOf = (s: feedbackRepo.SurveyRow): SurveyFacts => ({ organiserPath: s.organiser_path, hasSurvey: s.id !== null });

/** The results of surveys (merged), lecturers named. */
async function resultsOf(db: Queryable, surveys: feedbackRepo.SurveyRow[], minResponses: number): Promise<ReactionResults> {
  const questionnaire = (await feedbackRepo.findQuestionnaire(db, surveys[0]!.questionnaire_id!))!;
  const responses = await feedbackRepo.listResponses(db, surveys.map((s) => s.id!));
  const answers = responses.map((r) => ({ ...(r.answers as Omit<reaction.ReactionAnswer, 'comment'>), comment: r.comment }));
  const learners = surveys.reduce((n, s) => n + s.learners, 0);
  const results = reaction.aggregateReaction(questionnaire.definition as reaction.QuestionnaireDefinition, answers, learners, minResponses);
  const names = new Map((await feedbackRepo.listLecturerNames(db, results.lecturers.map((l) => l.lecturerId))).map((l) => [l.id, l.title ? `${l.title} ${l.full_name}` : l.full_name]));
  return { ...results, lecturers: results.lecturers.map((l) => ({ ...l, name: names.get(l.lecturerId) ?? `#${l.lecturerId}` })) };
}

async function reachClass(db: Queryable, user: AuthUser, classId: number): Promise<feedbackRepo.SurveyRow> {
  const s = await feedbackRepo.findClassSurvey(db, user.scope, classId);
  if (!s) throw notFound();
  return s;
}

/** GET /classes/:id/survey: the class's survey and its results (the school or the board over the class's organiser). */
export async function getClassSurvey(db: Queryable, user: AuthUser, classId: number): Promise<ClassSurvey> {
  const s = await reachClass(db, user, classId);
  const today = todayInVietnam();
  const min = (await feedbackRepo.getSettings(db)).reaction_min_responses;
  const q = s.questionnaire_id ? await feedbackRepo.findQuestionnaire(db, s.questionnaire_id) : null;
  return {
    classId: s.class_id,
    className: s.class_name,
    programme: { code: s.programme_code, name: s.programme_name },
    classStart: s.start_date,
    classEnd: s.end_date,
    learners: s.learners,
    survey: s.id !== null && q ? { ...summaryOf(s, today), questionnaireVersion: q.version, questionnaireOfProgramme: q.programme_code !== null } : null,
    results: s.id !== null ? await resultsOf(db, [s], min) : null,
    actions: surveyPolicy.allowedActions(user, surveyFactsOf(s)),
  };
}

/** PUT /classes/:id/survey: opens the class's survey, or changes its dates (closing it early: closesOn today). */
export async function putClassSurvey(db: Db, user: AuthUser, classId: number, input: SurveyOpenInput): Promise<ClassSurvey> {
  await reachClass(db, user, classId);
  if (input.closesOn < input.opensOn) throw new AppError('VALIDATION_FAILED', [{ path: 'closesOn', code: 'INVALID_VALUE', message: 'Ngày đóng phiếu phải từ ngày mở phiếu trở đi.' }], 'Ngày đóng phiếu phải từ ngày mở phiếu trở đi.');
  await db.transaction(async (tx) => {
    const s = await feedbackRepo.findClassSurvey(tx, user.scope, classId, true);
    if (!s) throw notFound();
    const action = s.id === null ? 'open' : 'changeDates';
    surveyPolicy.authorize(user, surveyFactsOf(s), action);
    const earliest = reaction.earliestOpening(s.end_date);
    if (input.opensOn < earliest) {
      const message = `Phiếu khảo sát mở khi lớp kết thúc: sớm nhất ngày ${viDate(earliest)} (${reaction.SURVEY_OPENS_BEFORE_END_DAYS} ngày trước ngày kết thúc lớp).`;
      throw new AppError('SURVEY_TOO_EARLY', [{ path: 'opensOn', code: 'SURVEY_TOO_EARLY', message }], message);
    }
    if (s.id === null) {
      const questionnaireId = await questionnaireForProgramme(tx, user, s.programme_code);
      const lecturerIds = await feedbackRepo.listClassLecturerIds(tx, classId);
      const id = await feedbackRepo.insertSurvey(tx, { classId, questionnaireId, opensOn: input.opensOn, closesOn: input.closesOn, lecturerIds, openedBy: user.id });
      if (id === null) throw new AppError('DUPLICATE');
      await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'open', entity: 'reaction_survey', entityId: id, after: { classId, questionnaireId, ...input, lecturerIds } });
    } else {
      await feedbackRepo.updateSurveyDates(tx, s.id, input.opensOn, input.closesOn);
      await auditRepo.appendAudit(tx, {
        ...actorOf(user),
        action: 'change_dates',
        entity: 'reaction_survey',
        entityId: s.id,
        before: { opensOn: s.opens_on, closesOn: s.closes_on },
        after: input,
      });
    }
  });
  return getClassSurvey(db, user, classId);
}

export async function listSurveys(db: Queryable, user: AuthUser, q: SurveyListQuery): Promise<SurveyPage> {
  const page = await feedbackRepo.listSurveys(db, user.scope, { programmeCode: q.programmeCode, year: q.year, limit: q.limit, offset: q.offset });
  const today = todayInVietnam();
  return { total: page.total, items: page.rows.map((s) => summaryOf(s, today)) };
}

/** GET /reaction/lecturers/:id: one lecturer's results over the classes in reach (each class under the threshold alone). */
export async function lecturerResults(db: Queryable, user: AuthUser, lecturerId: number): Promise<LecturerResults> {
  const surveys = await feedbackRepo.listSurveysOfLecturer(db, user.scope, lecturerId);
  const [name] = await feedbackRepo.listLecturerNames(db, [lecturerId]);
  if (!name || surveys.length === 0) throw notFound();
  const min = (await feedbackRepo.getSettings(db)).reaction_min_responses;
  const responses = await feedbackRepo.listResponses(db, surveys.map((s) => s.id!));
  const key = String(lecturerId);
  const classes = surveys.map((s) => {
    const rated = responses.filter((r) => r.survey_id === s.id && (r.answers as reaction.ReactionAnswer).lecturers?.[key] !== undefined);
    const values = rated.flatMap((r) => Object.values((r.answers as reaction.ReactionAnswer).lecturers[key]!));
    const suppressed = rated.length < min;
    return { classId: s.class_id, className: s.class_name, classEnd: s.end_date, responses: rated.length, suppressed, average: suppressed ? null : reaction.average(values) };
  });
  // the overall figure pools only the classes shown: a class under the threshold adds nothing
  const shown = new Set(classes.filter((c) => !c.suppressed).map((c) => c.classId));
  const pooled = responses.filter((r) => shown.has(surveys.find((s) => s.id === r.survey_id)!.class_id) && (r.answers as reaction.ReactionAnswer).lecturers?.[key] !== undefined);
  const values = pooled.flatMap((r) => Object.values((r.answers as reaction.ReactionAnswer).lecturers[key]!));
  const suppressed = pooled.length < min;
  return {
    lecturer: { id: lecturerId, name: name.title ? `${name.title} ${name.full_name}` : name.full_name },
    minResponses: min,
    classes,
    overall: { responses: pooled.length, suppressed, average: suppressed ? null : reaction.average(values), distribution: suppressed ? null : reaction.distribution(values) },
  };
}

// ---------- a lecturer's own results (branch lecturer-views, decision 0066) ----------

/**
 * GET /me/teaching-results: the learners' anonymous answers about the calling lecturer, class by
 * class (the lecturer questions about them only; no general question, no comment), under the
 * anonymity threshold. A lecturer account with no lecturer record sees nothing.
 */
export async function myTeachingResults(db: Queryable, user: AuthUser): Promise<TeachingResults> {
  const min = (await feedbackRepo.getSettings(db)).reaction_min_responses;
  const lecturer = await lecturersRepo.findLecturerByUser(db, user.id);
  const ownLecturerId = lecturer?.id ?? null;
  const empty: TeachingResults = {
    lecturer: null,
    minResponses: min,
    classes: [],
    overall: { responses: 0, suppressed: true, classesShown: 0, average: null, distribution: null, questions: [] },
    actions: [],
  };
  if (ownLecturerId === null) return empty;
  // every survey that rated them, wherever the class was organised; the policy keeps only those
  const all = await feedbackRepo.listSurveysOfLecturer(db, { kind: 'subtree', unitPath: '/' }, ownLecturerId);
  const surveys = all.filter((s) => teachingResultsPolicy.may(user, { ownLecturerId, ratedLecturerIds: s.lecturer_ids ?? [] }, 'read'));
  const [name] = await feedbackRepo.listLecturerNames(db, [ownLecturerId]);
  const questionnaires = new Map<number, reaction.QuestionnaireDefinition>();
  for (const id of new Set(surveys.map((s) => s.questionnaire_id!))) {
    const q = await feedbackRepo.findQuestionnaire(db, id);
    if (q) questionnaires.set(id, q.definition as reaction.QuestionnaireDefinition);
  }
  const responses = await feedbackRepo.listResponses(db, surveys.map((s) => s.id!));
  const own = reaction.lecturerOwnResults(
    ownLecturerId,
    surveys.map((s) => ({
      classId: s.class_id,
      questions: (questionnaires.get(s.questionnaire_id!)?.questions ?? []).filter((q) => q.section === 'lecturers'),
      responses: responses.filter((r) => r.survey_id === s.id).map((r) => ({ lecturers: (r.answers as reaction.ReactionAnswer).lecturers ?? {} })),
    })),
    min,
  );
  return {
    lecturer: { id: ownLecturerId, name: name ? (name.title ? `${name.title} ${name.full_name}` : name.full_name) : (lecturer?.full_name ?? '') },
    minResponses: min,
    classes: own.classes.map((c, i) => {
      const s = surveys[i]!;
      return { ...c, className: s.class_name, programmeName: s.programme_name, classStart: s.start_date, classEnd: s.end_date, learners: s.learners };
    }),
    overall: own.overall,
    actions: surveys.length > 0 ? ['read', 'export'] : ['read'],
  };
}

export async function startTeachingResultsExport(db: Db, user: AuthUser, format: 'xlsx' | 'pdf'): Promise<Job> {
  return toJob(await queueJob(db, user, { kind: 'teaching_results_export', params: { format } }, { audit: 'export' }));
}

// ---------- surveys: the learner's side ----------

/** GET /me/surveys: the surveys of the learner's classes, with whether they answered. */
export async function mySurveys(db: Queryable, user: AuthUser): Promise<MySurveys> {
  if (user.personId === null) return { items: [] };
  const today = todayInVietnam();
  const rows = await feedbackRepo.listPersonSurveys(db, user.personId);
  return {
    items: rows.map((s) => ({
      id: s.id!,
      className: s.class_name,
      programmeName: s.programme_name,
      opensOn: s.opens_on!,
      closesOn: s.closes_on!,
      state: stateOf(s, today),
      answered: s.answered,
    })),
  };
}

async function learnerSurvey(db: Queryable, user: AuthUser, surveyId: number) {
  const s = await feedbackRepo.findSurvey(db, surveyId);
  const enrolmentId = s && user.personId !== null ? await feedbackRepo.findLearnerEnrolment(db, s.class_id, user.personId) : null;
  if (!s || enrolmentId === null || user.role !== 'learner') throw notFound();
  return { s, enrolmentId };
}

/** GET /me/surveys/:id: the form (only a learner of the class). */
export async function getSurveyForm(db: Queryable, user: AuthUser, surveyId: number): Promise<SurveyForm> {
  const { s, enrolmentId } = await learnerSurvey(db, user, surveyId);
  const q = (await feedbackRepo.findQuestionnaire(db, s.questionnaire_id!))!;
  const lecturers = await feedbackRepo.listLecturerNames(db, s.lecturer_ids ?? []);
  return {
    id: s.id!,
    className: s.class_name,
    programmeName: s.programme_name,
    opensOn: s.opens_on!,
    closesOn: s.closes_on!,
    state: stateOf(s, todayInVietnam()),
    answered: await feedbackRepo.hasAnswered(db, s.id!, enrolmentId),
    definition: q.definition as reaction.QuestionnaireDefinition,
    lecturers: lecturers.map((l) => ({ id: l.id, name: l.title ? `${l.title} ${l.full_name}` : l.full_name })),
  };
}

/**
 * POST /me/surveys/:id/answers: the learner's one answer. Refused (nothing written): not a learner of
 * the class (404), answered before (SURVEY_ANSWERED), not open yet or closed. The marker and the
 * anonymous answer are written in one transaction; the audit records that the learner answered,
 * never what.
 */
export async function answerSurvey(db: Db, user: AuthUser, surveyId: number, input: SurveyAnswerInput): Promise<{ answered: true }> {
  const { s, enrolmentId } = await learnerSurvey(db, user, surveyId);
  const today = todayInVietnam();
  const facts = (answered: boolean): reaction.AnswerFacts => ({ learnerOfClass: true, alreadyAnswered: answered, state: stateOf(s, today) });
  const v = answerVerdict(user, facts(await feedbackRepo.hasAnswered(db, surveyId, enrolmentId)));
  if (v !== true) throw refusalError(v);
  const q = (await feedbackRepo.findQuestionnaire(db, s.questionnaire_id!))!;
  const answer: reaction.ReactionAnswer = { items: input.items, lecturers: input.lecturers, comment: input.comment ? input.comment : null };
  const problems = reaction.validateAnswer(q.definition as reaction.QuestionnaireDefinition, s.lecturer_ids ?? [], answer);
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', problems.map((p) => ({ path: p.path, code: 'INVALID_VALUE', message: p.message })), problems[0]!.message);
  await db.transaction(async (tx) => {
    if (!(await feedbackRepo.insertRespondent(tx, surveyId, enrolmentId))) throw refusalError(answerVerdict(user, facts(true)) as never);
    await feedbackRepo.insertResponse(tx, surveyId, { items: answer.items, lecturers: answer.lecturers }, answer.comment ?? null);
    await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'answer', entity: 'reaction_survey', entityId: surveyId, personId: user.personId, after: { answered: true } });
  });
  return { answered: true };
}

// ---------- agency feedback ----------

function visibilityOf(user: AuthUser): feedbackRepo.FeedbackVisibility {
  return {
    personScope: hasPermission(user.role, 'conduct.write') ? user.scope : null,
    organiserScope: hasPermission(user.role, 'evaluation.read') ? user.scope : null,
  };
}

function feedbackItemOf(user: AuthUser, r: feedbackRepo.FeedbackRow, today: IsoDate): FeedbackItem {
  const submitted = r.feedback_id !== null;
  return {
    enrolmentId: r.enrolment_id,
    milestone: r.milestone,
    dueOn: r.due_on,
    status: agencyFeedback.feedbackStatus({ dueOn: r.due_on, submitted }, today),
    person: { id: r.person_id, fullName: r.full_name, unit: { id: r.unit_id, name: r.unit_name } },
    class: { id: r.class_id, name: r.class_name, programmeCode: r.programme_code, programmeName: r.programme_name },
    graduatedOn: r.graduated_on,
    form: submitted
      ? { applies: r.applies as agencyFeedback.Applies, rating: r.rating!, comment: r.comment, submittedAt: r.submitted_at!, submittedBy: r.submitted_by_name }
      : null,
    actions: agencyFeedbackPolicy.allowedActions(user, { personUnitPath: r.unit_path, dueOn: r.due_on, submitted, today }),
  };
}

/** GET /agency-feedback: what the agency owes (its people) and what the school sees (its classes' graduates). */
export async function listFeedback(db: Queryable, user: AuthUser, q: FeedbackListQuery, today: IsoDate = todayInVietnam()): Promise<FeedbackPage> {
  const page = await feedbackRepo.listFeedback(
    db,
    visibilityOf(user),
    { status: q.status, classId: q.classId, programmeCode: q.programmeCode, milestone: q.milestone },
    today,
    agencyFeedback.OVERDUE_AFTER_DAYS,
    q.limit,
    q.offset,
  );
  return { total: page.total, items: page.rows.map((r) => feedbackItemOf(user, r, today)), overdueAfterDays: agencyFeedback.OVERDUE_AFTER_DAYS };
}

/** POST /agency-feedback: the agency's form on its graduate at a milestone (from its due date, once). */
export async function submitFeedback(db: Db, user: AuthUser, input: FeedbackInput, today: IsoDate = todayInVietnam()): Promise<FeedbackItem> {
  const found = await feedbackRepo.findFeedback(db, input.enrolmentId, input.milestone);
  // not a graduate, or not the agency's: the same 404
  if (!found || user.scope.kind !== 'subtree' || !unitInScope(user.scope, found.unit_path)) throw notFound();
  await db.transaction(async (tx) => {
    if (!(await feedbackRepo.lockEnrolment(tx, input.enrolmentId))) throw notFound();
    const r = await feedbackRepo.findFeedback(tx, input.enrolmentId, input.milestone);
    if (!r) throw notFound();
    agencyFeedbackPolicy.authorize(user, { personUnitPath: r.unit_path, dueOn: r.due_on, submitted: r.feedback_id !== null, today }, 'submit');
    const write = {
      enrolmentId: input.enrolmentId,
      milestone: input.milestone,
      dueOn: r.due_on,
      applies: input.applies,
      rating: input.rating,
      comment: input.comment ? input.comment : null,
      unitId: r.unit_id,
      submittedBy: user.id,
    };
    const id = await feedbackRepo.insertFeedback(tx, write);
    if (id === null) throw new AppError('FEEDBACK_SUBMITTED');
    await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'submit', entity: 'agency_feedback', entityId: id, personId: r.person_id, after: write });
  });
  return feedbackItemOf(user, (await feedbackRepo.findFeedback(db, input.enrolmentId, input.milestone))!, today);
}

/** GET /agency-feedback/results: per class or programme, per milestone (the school's and the board's view). */
export async function feedbackResults(db: Queryable, user: AuthUser, q: FeedbackResultsQuery, today: IsoDate = todayInVietnam()): Promise<FeedbackResults> {
  const rows = await feedbackRepo.listFeedbackFacts(db, { personScope: null, organiserScope: user.scope }, { programmeCode: q.programmeCode });
  const groups = new Map<string, { label: string; rows: feedbackRepo.FeedbackRow[] }>();
  for (const r of rows) {
    const key = q.groupBy === 'class' ? String(r.class_id) : r.programme_code;
    const label = q.groupBy === 'class' ? r.class_name : r.programme_name;
    const g = groups.get(key) ?? { label, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  return {
    groupBy: q.groupBy,
    asOf: today,
    rows: [...groups.entries()].map(([key, g]) => ({
      key,
      label: g.label,
      graduates: new Set(g.rows.map((r) => r.enrolment_id)).size,
      milestones: agencyFeedback.summariseFeedback(
        g.rows.map((r) => ({
          milestone: r.milestone as agencyFeedback.Milestone,
          dueOn: r.due_on,
          submitted: r.feedback_id !== null,
          rating: r.rating,
          applies: r.applies as agencyFeedback.Applies | null,
        })),
        today,
      ),
    })),
  };
}

/**
 * The reminders (job runner maintenance, every minute): for each unsubmitted feedback that fell due
 * in the last agencyFeedback.REMINDER_HORIZON_DAYS, the reminders agencyFeedback.remindersToSend asks for,
 * each recorded once (a second run, or another node, finds it recorded and sends nothing) and told to
 * the agency's officers in the bell. Returns how many were recorded.
 */
export async function recordFeedbackReminders(db: Db, today: IsoDate = todayInVietnam()): Promise<number> {
  const rows = await feedbackRepo.listFeedbackToRemind(db, today, agencyFeedback.REMINDER_HORIZON_DAYS);
  let recorded = 0;
  for (const r of rows) {
    const kinds = agencyFeedback.remindersToSend({ dueOn: r.due_on, submitted: false }, today, r.sent as agencyFeedback.ReminderKind[]);
    for (const kind of kinds) {
      await db.transaction(async (tx) => {
        if (!(await feedbackRepo.insertReminder(tx, { enrolmentId: r.enrolment_id, milestone: r.milestone, kind, sentOn: today }))) return;
        recorded += 1;
        await notifyEvent(tx, {
          kind: kind === 'due' ? 'feedback_due' : 'feedback_overdue',
          actorId: 0,
          personId: r.person_id,
          link: '/feedback',
          params: { className: r.class_name, fromDate: r.due_on, milestone: r.milestone },
        });
      });
    }
  }
  return recorded;
}

// ---------- exports ----------

export async function startSurveyExport(db: Db, user: AuthUser, classId: number, format: 'xlsx' | 'pdf'): Promise<Job> {
  const s = await reachClass(db, user, classId);
  if (s.id === null) throw notFound();
  return toJob(await queueJob(db, user, { kind: 'reaction_export', params: { classId, format } }, { audit: 'export' }));
}

export async function startFeedbackExport(db: Db, user: AuthUser, groupBy: 'class' | 'programme', format: 'xlsx' | 'pdf'): Promise<Job> {
  return toJob(await queueJob(db, user, { kind: 'feedback_export', params: { groupBy, format } }, { audit: 'export' }));
}

// ---------- helpers ----------

const viDate = (d: string) => d.split('-').reverse().join('/');
