/**
 * Training outside the province's own classes (outside_trainings, outside_training_steps): the
 * records, their chain, and the count by year, programme, unit and status that plan against actual
 * adds to the classes. A record is visible when its person lies in the user's scope. Writes that
 * depend on the person's other records (the duplicate check) lock the person row first.
 */
import { training, type Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { insertRows } from '../batch.js';
import { Params, likeEscape, scopeCondition } from './scope.js';

const sqlList = (statuses: readonly string[]) => statuses.map((s) => `'${s}'`).join(', ');
/** Statuses of records that took place (sent, completed): the SQL mirror of training.OUTSIDE_COUNTED_STATUSES. */
const COUNTED_SQL = sqlList(training.OUTSIDE_COUNTED_STATUSES);

// ---------- reading ----------

export interface OutsideTrainingRow {
  id: number;
  person_id: number;
  full_name: string;
  birth_date: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  programme_code: string;
  programme_name: string;
  approver: 'province_board' | 'home_affairs';
  grants_kind: string | null;
  grants_level: string | null;
  mode: string;
  institution: string;
  country: string | null;
  start_date: string;
  end_date: string;
  cost: string | null;
  study_field: string | null;
  status: string;
  outcome: string;
  overridden: boolean;
  proposed_by_name: string;
  proposed_at: string;
  decision_no: string | null;
  decision_date: string | null;
  decision_signer: string | null;
  result: string | null;
  classification: string | null;
  result_date: string | null;
  certificate_no: string | null;
  qualification_id: number | null;
  plan_line_id: number | null;
  outside_plan: boolean;
  note: string | null;
  version: number;
}

export interface OutsideTrainingDetailRow extends OutsideTrainingRow {
  eligibility: Record<string, unknown>;
  override_reason: string | null;
  override_by_name: string | null;
}

const COLUMNS = `
  o.id, o.person_id, p.full_name, p.birth_date, p.unit_id, u.name AS unit_name, u.path AS unit_path,
  o.programme_code, pr.name AS programme_name, pr.approver, pr.grants_kind, pr.grants_level,
  o.mode, o.institution, o.country, o.start_date, o.end_date, o.cost::text AS cost, o.study_field, o.status,
  o.eligibility->>'outcome' AS outcome, o.override_reason IS NOT NULL AS overridden,
  pb.display_name AS proposed_by_name, o.proposed_at,
  o.decision_no, o.decision_date, o.decision_signer, o.result, o.classification, o.result_date, o.certificate_no,
  o.qualification_id, o.plan_line_id, o.outside_plan, o.note, o.version`;

const FROM = `
  FROM outside_trainings o
  JOIN people p ON p.id = o.person_id
  JOIN units u ON u.id = p.unit_id
  JOIN programmes pr ON pr.code = o.programme_code
  JOIN users pb ON pb.id = o.proposed_by`;

/** One record whose person lies in the scope, or null. */
export async function findOutsideTraining(db: Queryable, scope: Scope, id: number): Promise<OutsideTrainingDetailRow | null> {
  const p = new Params();
  const r = await db.query<OutsideTrainingDetailRow>(
    `SELECT ${COLUMNS}, o.eligibility, o.override_reason, ob.display_name AS override_by_name
     ${FROM}
     LEFT JOIN users ob ON ob.id = o.override_by
     WHERE o.id = ${p.add(id)} AND ${scopeCondition(scope, p, 'u', 'p')}`,
    p.values,
  );
  return r.rows[0] ?? null;
}

export interface OutsideListFilter {
  /** Records running in the year (start ≤ 31/12, end ≥ 1/1). */
  year?: number;
  status?: string;
  institution?: string;
  programmeCode?: string;
  personId?: number;
  /** Folded words of the person's name (text.searchWords). */
  words: string[];
  limit: number;
  offset: number;
}

function listWhere(scope: Scope, f: Omit<OutsideListFilter, 'limit' | 'offset'>, p: Params): string {
  const conds = [scopeCondition(scope, p, 'u', 'p')];
  if (f.year !== undefined) {
    conds.push(`o.start_date <= make_date(${p.add(f.year)}::int, 12, 31) AND o.end_date >= make_date(${p.add(f.year)}::int, 1, 1)`);
  }
  if (f.status !== undefined) conds.push(`o.status = ${p.add(f.status)}`);
  if (f.institution !== undefined) conds.push(`o.institution = ${p.add(f.institution)}`);
  if (f.programmeCode !== undefined) conds.push(`o.programme_code = ${p.add(f.programmeCode)}`);
  if (f.personId !== undefined) conds.push(`o.person_id = ${p.add(f.personId)}`);
  for (const w of f.words) {
    const sub = p.add(`%${likeEscape(w)}%`);
    const prefix = p.add(`% ${likeEscape(w)}%`);
    conds.push(`p.search_name LIKE ${sub} AND (' ' || p.search_name) LIKE ${prefix}`);
  }
  return conds.join(' AND ');
}

/** One page of the records in scope, latest start first; the total of all pages. */
export async function listOutsideTrainings(
  db: Queryable,
  scope: Scope,
  f: OutsideListFilter,
): Promise<{ total: number; rows: OutsideTrainingRow[] }> {
  const p = new Params();
  const where = listWhere(scope, f, p);
  const c = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${FROM} WHERE ${where}`, [...p.values]);
  const r = await db.query<OutsideTrainingRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE ${where}
     ORDER BY o.start_date DESC, o.id DESC LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`,
    p.values,
  );
  return { total: c.rows[0]?.n ?? 0, rows: r.rows };
}

/** The institutions of the records in scope, for the list's filter (most used first). */
export async function listInstitutions(db: Queryable, scope: Scope): Promise<string[]> {
  const p = new Params();
  const r = await db.query<{ institution: string }>(
    `SELECT o.institution FROM outside_trainings o JOIN people p ON p.id = o.person_id JOIN units u ON u.id = p.unit_id
     WHERE ${scopeCondition(scope, p, 'u', 'p')} GROUP BY o.institution ORDER BY count(*) DESC, o.institution LIMIT 200`,
    p.values,
  );
  return r.rows.map((x) => x.institution);
}

export interface OutsideStepRow {
  step: string;
  decision: string;
  note: string | null;
  decided_by_name: string | null;
  decided_at: string;
}

export async function listOutsideSteps(db: Queryable, id: number): Promise<OutsideStepRow[]> {
  const r = await db.query<OutsideStepRow>(
    `SELECT s.step, s.decision, s.note, u.display_name AS decided_by_name, s.decided_at
     FROM outside_training_steps s LEFT JOIN users u ON u.id = s.decided_by
     WHERE s.outside_training_id = $1 ORDER BY s.id`,
    [id],
  );
  return r.rows;
}

/** The person's other records of the programme (for the duplicate check): call with the person row locked. */
export async function listPersonProgrammeRecords(
  db: Queryable,
  personId: number,
  programmeCode: string,
): Promise<{ id: number; status: string; result: string | null; start_date: string; end_date: string }[]> {
  const r = await db.query<{ id: number; status: string; result: string | null; start_date: string; end_date: string }>(
    'SELECT id, status, result, start_date, end_date FROM outside_trainings WHERE person_id = $1 AND programme_code = $2 ORDER BY id',
    [personId, programmeCode],
  );
  return r.rows;
}

/** Locks the person's row: writes that check the person's records against each other take it first. */
export async function lockPerson(tx: Queryable, personId: number): Promise<boolean> {
  const r = await tx.query('SELECT id FROM people WHERE id = $1 FOR UPDATE', [personId]);
  return r.rows.length > 0;
}

// ---------- writing ----------

export interface OutsideTrainingWrite {
  personId: number;
  programmeCode: string;
  mode: string;
  institution: string;
  country: string | null;
  startDate: string;
  endDate: string;
  cost: number | null;
  studyField: string | null;
  eligibility: unknown;
  overrideReason: string | null;
  overrideBy: number | null;
  proposedBy: number;
  outsidePlan: boolean;
  planLineId: number | null;
  note: string | null;
}

export async function insertOutsideTraining(tx: Queryable, w: OutsideTrainingWrite): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO outside_trainings (person_id, programme_code, mode, institution, country, start_date, end_date, cost, study_field,
       status, eligibility, override_reason, override_by, proposed_by, outside_plan, note, plan_line_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'proposed', $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [
      w.personId,
      w.programmeCode,
      w.mode,
      w.institution,
      w.country,
      w.startDate,
      w.endDate,
      w.cost,
      w.studyField,
      JSON.stringify(w.eligibility),
      w.overrideReason,
      w.overrideBy,
      w.proposedBy,
      w.outsidePlan,
      w.note,
      w.planLineId,
    ],
  );
  return r.rows[0]!.id;
}

export interface OutsideStepWrite {
  outsideTrainingId: number;
  step: 'agency' | 'override' | 'board' | 'decision' | 'result' | 'withdrawn';
  decision: 'approved' | 'refused' | 'recorded';
  note: string | null;
  decidedBy: number | null;
}

export async function insertOutsideSteps(tx: Queryable, steps: readonly OutsideStepWrite[]): Promise<void> {
  await insertRows(
    tx,
    'outside_training_steps',
    ['outside_training_id', 'step', 'decision', 'note', 'decided_by'],
    steps.map((s) => [s.outsideTrainingId, s.step, s.decision, s.note, s.decidedBy]),
  );
}

export interface LockedOutsideTraining {
  id: number;
  person_id: number;
  status: string;
  start_date: string;
  end_date: string;
  version: number;
}

export async function lockOutsideTraining(tx: Queryable, id: number): Promise<LockedOutsideTraining | null> {
  const r = await tx.query<LockedOutsideTraining>(
    'SELECT id, person_id, status, start_date, end_date, version FROM outside_trainings WHERE id = $1 FOR UPDATE',
    [id],
  );
  return r.rows[0] ?? null;
}

export async function setOutsideStatus(tx: Queryable, id: number, status: string): Promise<void> {
  await tx.query('UPDATE outside_trainings SET status = $2, version = version + 1, updated_at = now() WHERE id = $1', [id, status]);
}

export async function recordSendingDecision(tx: Queryable, id: number, d: { number: string; date: string; signer: string }): Promise<void> {
  await tx.query(
    `UPDATE outside_trainings SET status = 'sent', decision_no = $2, decision_date = $3, decision_signer = $4, version = version + 1, updated_at = now()
     WHERE id = $1`,
    [id, d.number, d.date, d.signer],
  );
}

export async function recordResult(
  tx: Queryable,
  id: number,
  r: { result: string; classification: string | null; resultDate: string; certificateNo: string | null; qualificationId: number | null },
): Promise<void> {
  await tx.query(
    `UPDATE outside_trainings SET status = 'completed', result = $2, classification = $3, result_date = $4, certificate_no = $5,
       qualification_id = $6, version = version + 1, updated_at = now()
     WHERE id = $1`,
    [id, r.result, r.classification, r.resultDate, r.certificateNo, r.qualificationId],
  );
}

// ---------- person-times (plan against actual) ----------

export interface OutsideYearCountRow {
  programme_code: string;
  unit_id: number;
  /** The plan line the records realise (null: none yet, or outside the plan). */
  plan_line_id: number | null;
  outside_plan: boolean;
  /** Sending decisions dated in the year. */
  sent: number;
  /** Records starting in the year. */
  started: number;
  /** Records started before the year and still running in it (training.outsideYearCounts). */
  carried_over: number;
  /** Results (graduated or not) dated in the year. */
  finished: number;
}

/**
 * Person-times of outside training in `year` per programme, the person's unit and the plan line (or
 * outside the plan), for the people
 * in the scope (optionally one programme): the SQL mirror of training.outsideYearCounts, which
 * outside-trainings.int.test.ts checks it against. Only records that took place (sent, completed)
 * count. Plan against actual adds these to the classes' learners.
 */
export async function countOutsideTrainingsByYear(
  db: Queryable,
  scope: Scope,
  year: number,
  programmeCode?: string,
): Promise<OutsideYearCountRow[]> {
  const p = new Params();
  const y = p.add(year);
  const conds = [`o.status IN (${COUNTED_SQL})`, scopeCondition(scope, p, 'u', 'p')];
  if (programmeCode !== undefined) conds.push(`o.programme_code = ${p.add(programmeCode)}`);
  // a withdrawal from the course ends the record on its date
  const endYear = `extract(year FROM CASE WHEN o.result = 'withdrawn' AND o.result_date IS NOT NULL THEN o.result_date ELSE o.end_date END)::int`;
  const r = await db.query<OutsideYearCountRow>(
    `SELECT o.programme_code, p.unit_id, o.plan_line_id, o.outside_plan,
       count(*) FILTER (WHERE extract(year FROM o.decision_date)::int = ${y}::int)::int AS sent,
       count(*) FILTER (WHERE extract(year FROM o.start_date)::int = ${y}::int)::int AS started,
       count(*) FILTER (WHERE extract(year FROM o.start_date)::int < ${y}::int AND ${endYear} >= ${y}::int)::int AS carried_over,
       count(*) FILTER (WHERE o.result IN ('graduated', 'not_graduated') AND extract(year FROM o.result_date)::int = ${y}::int)::int AS finished
     FROM outside_trainings o JOIN people p ON p.id = o.person_id JOIN units u ON u.id = p.unit_id
     WHERE ${conds.join(' AND ')}
     GROUP BY o.programme_code, p.unit_id, o.plan_line_id, o.outside_plan
     HAVING count(*) FILTER (WHERE extract(year FROM o.decision_date)::int = ${y}::int OR extract(year FROM o.start_date)::int = ${y}::int
       OR (extract(year FROM o.start_date)::int < ${y}::int AND ${endYear} >= ${y}::int)
       OR (o.result IN ('graduated', 'not_graduated') AND extract(year FROM o.result_date)::int = ${y}::int)) > 0
     ORDER BY o.programme_code, p.unit_id, o.plan_line_id NULLS FIRST, o.outside_plan`,
    p.values,
  );
  return r.rows;
}

/**
 * Sets when a record was proposed and when each of its steps was taken (in step order): for records
 * written after the fact (the demo province's history), whose rows would otherwise all carry the
 * time they were written.
 */
export async function setOutsideTimes(tx: Queryable, id: number, proposedAt: string, stepTimes: readonly string[]): Promise<void> {
  await tx.query('UPDATE outside_trainings SET proposed_at = $2, updated_at = $2 WHERE id = $1', [id, proposedAt]);
  await tx.query(
    `UPDATE outside_training_steps s SET decided_at = v.at
     FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM outside_training_steps WHERE outside_training_id = $1) o
     JOIN unnest($2::timestamptz[]) WITH ORDINALITY AS v(at, n) ON v.n = o.n
     WHERE s.id = o.id`,
    [id, stepTimes],
  );
}
