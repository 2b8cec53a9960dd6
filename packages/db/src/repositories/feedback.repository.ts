/**
 * Evaluation after training, levels 1 and 3 (issue 11 point 4; docs/decisions/0051): reaction
 * questionnaires, class surveys, the anonymous responses and the "has answered" markers; the home
 * agency's feedback on its graduates at 6 and 12 months and its reminders.
 */
import type { Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { Params, scopeCondition } from './scope.js';

// ---------- settings ----------

export async function getSettings(db: Queryable): Promise<{ reaction_min_responses: number; updated_at: string }> {
  const r = await db.query<{ reaction_min_responses: number; updated_at: string }>(
    'SELECT reaction_min_responses, updated_at::text FROM evaluation_settings WHERE id',
  );
  return r.rows[0] ?? { reaction_min_responses: 5, updated_at: '' };
}

export async function updateSettings(tx: Queryable, minResponses: number, userId: number): Promise<void> {
  await tx.query(
    `INSERT INTO evaluation_settings (id, reaction_min_responses, updated_by, updated_at) VALUES (true, $1, $2, now())
     ON CONFLICT (id) DO UPDATE SET reaction_min_responses = EXCLUDED.reaction_min_responses, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [minResponses, userId],
  );
}

// ---------- questionnaires ----------

export interface QuestionnaireRow {
  id: number;
  programme_code: string | null;
  programme_name: string | null;
  version: number;
  definition: unknown;
  note: string | null;
  created_by_name: string | null;
  created_at: string;
}

const Q_COLUMNS = `q.id, q.programme_code, pr.name AS programme_name, q.version, q.definition, q.note, u.username AS created_by_name, q.created_at::text`;
const Q_FROM = `FROM reaction_questionnaires q LEFT JOIN programmes pr ON pr.code = q.programme_code LEFT JOIN users u ON u.id = q.created_by`;

/** The latest version of each questionnaire (the default first, then by programme). */
export async function listLatestQuestionnaires(db: Queryable): Promise<QuestionnaireRow[]> {
  const r = await db.query<QuestionnaireRow>(
    `SELECT ${Q_COLUMNS} ${Q_FROM}
     WHERE q.version = (SELECT max(x.version) FROM reaction_questionnaires x WHERE x.programme_code IS NOT DISTINCT FROM q.programme_code)
     ORDER BY q.programme_code NULLS FIRST`,
  );
  return r.rows;
}

/** The latest version for the programme, or null (programmeCode null: the default). */
export async function findLatestQuestionnaire(db: Queryable, programmeCode: string | null): Promise<QuestionnaireRow | null> {
  const r = await db.query<QuestionnaireRow>(
    `SELECT ${Q_COLUMNS} ${Q_FROM} WHERE q.programme_code IS NOT DISTINCT FROM $1 ORDER BY q.version DESC LIMIT 1`,
    [programmeCode],
  );
  return r.rows[0] ?? null;
}

export async function findQuestionnaire(db: Queryable, id: number): Promise<QuestionnaireRow | null> {
  const r = await db.query<QuestionnaireRow>(`SELECT ${Q_COLUMNS} ${Q_FROM} WHERE q.id = $1`, [id]);
  return r.rows[0] ?? null;
}

export async function programmeExists(db: Queryable, code: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM programmes WHERE code = $1', [code]);
  return r.rows.length > 0;
}

/** A new version (the next number for the programme, under a lock on the programme's versions). */
export async function insertQuestionnaire(
  tx: Queryable,
  w: { programmeCode: string | null; definition: unknown; note: string | null; createdBy: number | null },
): Promise<{ id: number; version: number }> {
  await tx.query('SELECT pg_advisory_xact_lock(35035, hashtext(coalesce($1::text, \'\')))', [w.programmeCode]);
  const r = await tx.query<{ id: number; version: number }>(
    `INSERT INTO reaction_questionnaires (programme_code, version, definition, note, created_by)
     VALUES ($1, (SELECT coalesce(max(version), 0) + 1 FROM reaction_questionnaires WHERE programme_code IS NOT DISTINCT FROM $1), $2, $3, $4)
     RETURNING id, version`,
    [w.programmeCode, JSON.stringify(w.definition), w.note, w.createdBy],
  );
  return r.rows[0]!;
}

// ---------- surveys ----------

export interface SurveyRow {
  id: number | null;
  class_id: number;
  class_name: string;
  cohort_code: string;
  programme_code: string;
  programme_name: string;
  start_date: string;
  end_date: string;
  class_status: string;
  organiser_path: string;
  organiser_name: string;
  learners: number;
  questionnaire_id: number | null;
  opens_on: string | null;
  closes_on: string | null;
  lecturer_ids: number[] | null;
  responses: number;
  version: number | null;
}

const S_COLUMNS = `
  s.id, c.id AS class_id, c.name AS class_name, c.cohort_code, c.programme_code, pr.name AS programme_name,
  c.start_date::text, c.end_date::text, c.status AS class_status, ou.path AS organiser_path, ou.name AS organiser_name,
  (SELECT count(*)::int FROM enrolments e WHERE e.class_id = c.id AND e.status IN ('enrolled', 'completed', 'failed')) AS learners,
  s.questionnaire_id, s.opens_on::text, s.closes_on::text, s.lecturer_ids,
  (SELECT count(*)::int FROM reaction_respondents rr WHERE rr.survey_id = s.id) AS responses, s.version`;
const S_FROM = `
  FROM classes c
  JOIN programmes pr ON pr.code = c.programme_code
  JOIN units ou ON ou.id = c.organiser_unit_id
  LEFT JOIN reaction_surveys s ON s.class_id = c.id`;

/** A class and its survey (if any), when the class's organiser lies in the scope. */
export async function findClassSurvey(db: Queryable, scope: Scope, classId: number, forUpdate = false): Promise<SurveyRow | null> {
  const p = new Params();
  const r = await db.query<SurveyRow>(
    `SELECT ${S_COLUMNS} ${S_FROM} WHERE c.id = ${p.add(classId)} AND ${scopeCondition(scope, p, 'ou')} ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
    p.values,
  );
  return r.rows[0] ?? null;
}

export async function findSurvey(db: Queryable, surveyId: number): Promise<SurveyRow | null> {
  const r = await db.query<SurveyRow>(`SELECT ${S_COLUMNS} ${S_FROM} WHERE s.id = $1`, [surveyId]);
  return r.rows[0] ?? null;
}

export interface SurveyListFilter {
  programmeCode?: string;
  year?: number;
  limit: number;
  offset: number;
}

/** The surveys of classes organised in the scope, newest class first. */
export async function listSurveys(db: Queryable, scope: Scope, f: SurveyListFilter): Promise<{ rows: SurveyRow[]; total: number }> {
  const p = new Params();
  const conds = ['s.id IS NOT NULL', scopeCondition(scope, p, 'ou')];
  if (f.programmeCode) conds.push(`c.programme_code = ${p.add(f.programmeCode)}`);
  if (f.year) conds.push(`extract(year FROM c.end_date)::int = ${p.add(f.year)}`);
  const where = conds.join(' AND ');
  const rows = await db.query<SurveyRow>(
    `SELECT ${S_COLUMNS} ${S_FROM} WHERE ${where} ORDER BY c.end_date DESC, c.id DESC LIMIT ${f.limit | 0} OFFSET ${f.offset | 0}`,
    p.values,
  );
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${S_FROM} WHERE ${where}`, p.values);
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}

/** The lecturers who taught the class (module assignments and sessions), by id. */
export async function listClassLecturerIds(db: Queryable, classId: number): Promise<number[]> {
  const r = await db.query<{ id: number }>(
    `SELECT DISTINCT l.id FROM lecturers l
     WHERE l.id IN (SELECT cml.lecturer_id FROM class_module_lecturers cml JOIN class_modules cm ON cm.id = cml.class_module_id WHERE cm.class_id = $1)
        OR l.id IN (SELECT cs.lecturer_id FROM class_sessions cs WHERE cs.class_id = $1 AND cs.lecturer_id IS NOT NULL)
     ORDER BY l.id`,
    [classId],
  );
  return r.rows.map((x) => x.id);
}

export async function listLecturerNames(db: Queryable, ids: readonly number[]): Promise<{ id: number; full_name: string; title: string | null }[]> {
  if (ids.length === 0) return [];
  const r = await db.query<{ id: number; full_name: string; title: string | null }>(
    'SELECT id, full_name, title FROM lecturers WHERE id = ANY($1::int[]) ORDER BY full_name, id',
    [ids],
  );
  return r.rows;
}

export async function insertSurvey(
  tx: Queryable,
  w: { classId: number; questionnaireId: number; opensOn: string; closesOn: string; lecturerIds: number[]; openedBy: number },
): Promise<number | null> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO reaction_surveys (class_id, questionnaire_id, opens_on, closes_on, lecturer_ids, opened_by)
     VALUES ($1, $2, $3, $4, $5::int[], $6) ON CONFLICT (class_id) DO NOTHING RETURNING id`,
    [w.classId, w.questionnaireId, w.opensOn, w.closesOn, w.lecturerIds, w.openedBy],
  );
  return r.rows[0]?.id ?? null;
}

export async function updateSurveyDates(tx: Queryable, id: number, opensOn: string, closesOn: string): Promise<void> {
  await tx.query('UPDATE reaction_surveys SET opens_on = $2, closes_on = $3, version = version + 1 WHERE id = $1', [id, opensOn, closesOn]);
}

/** The caller's place in the class (not withdrawn): the enrolment id, or null. */
export async function findLearnerEnrolment(db: Queryable, classId: number, personId: number): Promise<number | null> {
  const r = await db.query<{ id: number }>(
    `SELECT id FROM enrolments WHERE class_id = $1 AND person_id = $2 AND status IN ('enrolled', 'completed', 'failed')`,
    [classId, personId],
  );
  return r.rows[0]?.id ?? null;
}

export async function hasAnswered(db: Queryable, surveyId: number, enrolmentId: number): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM reaction_respondents WHERE survey_id = $1 AND enrolment_id = $2', [surveyId, enrolmentId]);
  return r.rows.length > 0;
}

/** Marks the learner as having answered; false when they already had (a concurrent answer lost the race). */
export async function insertRespondent(tx: Queryable, surveyId: number, enrolmentId: number): Promise<boolean> {
  const r = await tx.query('INSERT INTO reaction_respondents (survey_id, enrolment_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1', [surveyId, enrolmentId]);
  return r.rows.length > 0;
}

/** The anonymous answers: no person, no time; the id is random. */
export async function insertResponse(tx: Queryable, surveyId: number, answers: unknown, comment: string | null): Promise<void> {
  await tx.query('INSERT INTO reaction_responses (survey_id, answers, comment) VALUES ($1, $2, $3)', [surveyId, JSON.stringify(answers), comment]);
}

/** The responses of the surveys, in a random-id order (which says nothing of who or when). */
export async function listResponses(db: Queryable, surveyIds: readonly number[]): Promise<{ survey_id: number; answers: unknown; comment: string | null }[]> {
  if (surveyIds.length === 0) return [];
  const r = await db.query<{ survey_id: number; answers: unknown; comment: string | null }>(
    'SELECT survey_id, answers, comment FROM reaction_responses WHERE survey_id = ANY($1::int[]) ORDER BY id',
    [surveyIds],
  );
  return r.rows;
}

export interface MySurveyRow extends SurveyRow {
  answered: boolean;
}

/** The surveys of the person's classes, with whether they answered. */
export async function listPersonSurveys(db: Queryable, personId: number): Promise<MySurveyRow[]> {
  const r = await db.query<MySurveyRow>(
    `SELECT ${S_COLUMNS}, EXISTS (SELECT 1 FROM reaction_respondents rr WHERE rr.survey_id = s.id AND rr.enrolment_id = me.id) AS answered
     ${S_FROM}
     JOIN enrolments me ON me.class_id = c.id AND me.person_id = $1 AND me.status IN ('enrolled', 'completed', 'failed')
     WHERE s.id IS NOT NULL
     ORDER BY s.closes_on DESC, s.id DESC LIMIT 50`,
    [personId],
  );
  return r.rows;
}

/** Surveys of classes organised in the scope where the lecturer was rated, for results per lecturer. */
export async function listSurveysOfLecturer(db: Queryable, scope: Scope, lecturerId: number): Promise<SurveyRow[]> {
  const p = new Params();
  const r = await db.query<SurveyRow>(
    `SELECT ${S_COLUMNS} ${S_FROM} WHERE s.id IS NOT NULL AND ${p.add(lecturerId)} = ANY(s.lecturer_ids) AND ${scopeCondition(scope, p, 'ou')}
     ORDER BY c.end_date DESC, c.id DESC LIMIT 500`,
    p.values,
  );
  return r.rows;
}

// ---------- agency feedback ----------

export interface FeedbackRow {
  enrolment_id: number;
  milestone: number;
  due_on: string;
  person_id: number;
  full_name: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  class_id: number;
  class_name: string;
  programme_code: string;
  programme_name: string;
  graduated_on: string;
  feedback_id: number | null;
  applies: string | null;
  rating: number | null;
  comment: string | null;
  submitted_at: string | null;
  submitted_by_name: string | null;
}

/** Graduates × milestones, the due date computed as PostgreSQL adds months (month ends clamp, as agencyFeedback.dueOn). */
const F_FROM = `
  FROM enrolments e
  CROSS JOIN (VALUES (6), (12)) AS m(milestone)
  JOIN people p ON p.id = e.person_id
  JOIN units pu ON pu.id = p.unit_id
  JOIN classes c ON c.id = e.class_id
  JOIN units ou ON ou.id = c.organiser_unit_id
  JOIN programmes pr ON pr.code = c.programme_code
  LEFT JOIN agency_feedback af ON af.enrolment_id = e.id AND af.milestone = m.milestone
  LEFT JOIN users su ON su.id = af.submitted_by`;
const F_DUE = `(e.graduated_on + make_interval(months => m.milestone))::date`;
const F_COLUMNS = `
  e.id AS enrolment_id, m.milestone, ${F_DUE}::text AS due_on, p.id AS person_id, p.full_name, pu.id AS unit_id, pu.name AS unit_name, pu.path AS unit_path,
  c.id AS class_id, c.name AS class_name, c.programme_code, pr.name AS programme_name, e.graduated_on::text,
  af.id AS feedback_id, af.applies, af.rating, af.comment, af.submitted_at::text, su.username AS submitted_by_name`;
const F_BASE = `e.status = 'completed' AND e.graduated_on IS NOT NULL AND e.class_id IS NOT NULL`;

/** Who sees which feedback: the agency its people's (`personScope`), the school its classes' (`organiserScope`). */
export interface FeedbackVisibility {
  personScope: Scope | null;
  organiserScope: Scope | null;
}

export interface FeedbackFilter {
  status?: 'upcoming' | 'due' | 'overdue' | 'submitted' | 'owed';
  classId?: number;
  programmeCode?: string;
  milestone?: number;
  /** Graduated on or after (bounds "everything" for the results). */
  graduatedFrom?: string;
}

function feedbackWhere(v: FeedbackVisibility, f: FeedbackFilter, today: string, overdueAfterDays: number, p: Params): string | null {
  const seen: string[] = [];
  if (v.personScope) seen.push(scopeCondition(v.personScope, p, 'pu', 'p'));
  if (v.organiserScope) seen.push(scopeCondition(v.organiserScope, p, 'ou'));
  if (seen.length === 0) return null;
  const conds = [F_BASE, `(${seen.join(' OR ')})`];
  const t = () => `${p.add(today)}::date`;
  if (f.status === 'submitted') conds.push('af.id IS NOT NULL');
  if (f.status === 'upcoming') conds.push(`af.id IS NULL AND ${F_DUE} > ${t()}`);
  if (f.status === 'owed') conds.push(`af.id IS NULL AND ${F_DUE} <= ${t()}`);
  if (f.status === 'due') conds.push(`af.id IS NULL AND ${F_DUE} <= ${t()} AND ${F_DUE} + ${p.add(overdueAfterDays + 1)}::int > ${t()}`);
  if (f.status === 'overdue') conds.push(`af.id IS NULL AND ${F_DUE} + ${p.add(overdueAfterDays + 1)}::int <= ${t()}`);
  if (f.classId !== undefined) conds.push(`c.id = ${p.add(f.classId)}`);
  if (f.programmeCode) conds.push(`c.programme_code = ${p.add(f.programmeCode)}`);
  if (f.milestone !== undefined) conds.push(`m.milestone = ${p.add(f.milestone)}`);
  if (f.graduatedFrom) conds.push(`e.graduated_on >= ${p.add(f.graduatedFrom)}::date`);
  return conds.join(' AND ');
}

export async function listFeedback(
  db: Queryable,
  v: FeedbackVisibility,
  f: FeedbackFilter,
  today: string,
  overdueAfterDays: number,
  limit: number,
  offset: number,
): Promise<{ rows: FeedbackRow[]; total: number }> {
  const p = new Params();
  const where = feedbackWhere(v, f, today, overdueAfterDays, p);
  if (where === null) return { rows: [], total: 0 };
  const rows = await db.query<FeedbackRow>(
    `SELECT ${F_COLUMNS} ${F_FROM} WHERE ${where} ORDER BY (af.id IS NULL) DESC, ${F_DUE}, p.sort_key, e.id, m.milestone LIMIT ${limit | 0} OFFSET ${offset | 0}`,
    p.values,
  );
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${F_FROM} WHERE ${where}`, p.values);
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}

/** All the rows of the filter (for the results per class or programme), bounded. */
export async function listFeedbackFacts(db: Queryable, v: FeedbackVisibility, f: FeedbackFilter, limit = 100_000): Promise<FeedbackRow[]> {
  const p = new Params();
  const where = feedbackWhere(v, f, '1970-01-01', 0, p);
  if (where === null) return [];
  const r = await db.query<FeedbackRow>(`SELECT ${F_COLUMNS} ${F_FROM} WHERE ${where} ORDER BY c.id, e.id, m.milestone LIMIT ${limit | 0}`, p.values);
  return r.rows;
}

/** One graduate's milestone (null when the enrolment is no graduate), whoever's it is (the service checks the scope on the person's unit). */
export async function findFeedback(db: Queryable, enrolmentId: number, milestone: number): Promise<FeedbackRow | null> {
  const r = await db.query<FeedbackRow>(
    `SELECT ${F_COLUMNS} ${F_FROM} WHERE e.id = $1 AND m.milestone = $2 AND ${F_BASE}`,
    [enrolmentId, milestone],
  );
  return r.rows[0] ?? null;
}

/** Locks the enrolment row (two submissions of the same milestone serialise on it). */
export async function lockEnrolment(tx: Queryable, enrolmentId: number): Promise<boolean> {
  const r = await tx.query('SELECT 1 FROM enrolments WHERE id = $1 FOR UPDATE', [enrolmentId]);
  return r.rows.length > 0;
}

export async function insertFeedback(
  tx: Queryable,
  w: { enrolmentId: number; milestone: number; dueOn: string; applies: string; rating: number; comment: string | null; unitId: number; submittedBy: number },
): Promise<number | null> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO agency_feedback (enrolment_id, milestone, due_on, applies, rating, comment, unit_id, submitted_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (enrolment_id, milestone) DO NOTHING RETURNING id`,
    [w.enrolmentId, w.milestone, w.dueOn, w.applies, w.rating, w.comment, w.unitId, w.submittedBy],
  );
  return r.rows[0]?.id ?? null;
}

/** Unsubmitted feedback that fell due in the last `horizonDays` days, with the reminders already sent. */
export async function listFeedbackToRemind(
  db: Queryable,
  today: string,
  horizonDays: number,
): Promise<{ enrolment_id: number; milestone: number; due_on: string; person_id: number; class_name: string; sent: string[] }[]> {
  const r = await db.query<{ enrolment_id: number; milestone: number; due_on: string; person_id: number; class_name: string; sent: string[] }>(
    `SELECT e.id AS enrolment_id, m.milestone, ${F_DUE}::text AS due_on, e.person_id, c.name AS class_name,
            coalesce((SELECT array_agg(r.kind ORDER BY r.kind) FROM agency_feedback_reminders r WHERE r.enrolment_id = e.id AND r.milestone = m.milestone), '{}') AS sent
     FROM enrolments e
     CROSS JOIN (VALUES (6), (12)) AS m(milestone)
     JOIN classes c ON c.id = e.class_id
     WHERE ${F_BASE}
       AND ${F_DUE} <= $1::date AND ${F_DUE} > $1::date - $2::int
       AND NOT EXISTS (SELECT 1 FROM agency_feedback af WHERE af.enrolment_id = e.id AND af.milestone = m.milestone)
     ORDER BY e.id, m.milestone
     LIMIT 5000`,
    [today, horizonDays],
  );
  return r.rows;
}

/** Records a reminder; false when it was already recorded (another run, another node). */
export async function insertReminder(tx: Queryable, w: { enrolmentId: number; milestone: number; kind: string; sentOn: string }): Promise<boolean> {
  const r = await tx.query(
    'INSERT INTO agency_feedback_reminders (enrolment_id, milestone, kind, sent_on) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1',
    [w.enrolmentId, w.milestone, w.kind, w.sentOn],
  );
  return r.rows.length > 0;
}

/** The bell's count: feedback of the scope's people due or overdue and not submitted (falling due in the last `horizonDays`). */
export async function countFeedbackOwed(
  db: Queryable,
  scope: Scope,
  today: string,
  overdueAfterDays: number,
  horizonDays: number,
): Promise<{ due: number; overdue: number }> {
  const p = new Params();
  const inScope = scopeCondition(scope, p, 'pu');
  const t = p.add(today);
  const r = await db.query<{ due: number; overdue: number }>(
    `SELECT count(*) FILTER (WHERE ${F_DUE} + ${p.add(overdueAfterDays + 1)}::int > ${t}::date)::int AS due,
            count(*) FILTER (WHERE ${F_DUE} + $${p.values.length}::int <= ${t}::date)::int AS overdue
     FROM enrolments e
     CROSS JOIN (VALUES (6), (12)) AS m(milestone)
     JOIN people p ON p.id = e.person_id
     JOIN units pu ON pu.id = p.unit_id
     WHERE ${F_BASE} AND ${inScope}
       AND ${F_DUE} <= ${t}::date AND ${F_DUE} > ${t}::date - ${p.add(horizonDays)}::int
       AND NOT EXISTS (SELECT 1 FROM agency_feedback af WHERE af.enrolment_id = e.id AND af.milestone = m.milestone)`,
    p.values,
  );
  return r.rows[0] ?? { due: 0, overdue: 0 };
}
