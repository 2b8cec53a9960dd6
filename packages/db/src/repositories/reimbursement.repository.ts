/**
 * Service commitments and reimbursement (service_leavings, reimbursement_cases,
 * reimbursement_case_steps; docs/decisions/0045). The commitments themselves are derived: this
 * repository gathers the facts they are derived from (a person's outside-training records that were
 * sent or completed with a cost) and stores the leaving event and the cases. A case is visible when
 * its person lies in the user's scope.
 */
import type { Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { Params, likeEscape, scopeCondition } from './scope.js';

// ---------- the facts of commitments ----------

export interface CommitmentSourceRow {
  outside_training_id: number;
  person_id: number;
  programme_code: string;
  programme_name: string;
  institution: string;
  status: string;
  start_date: string;
  end_date: string;
  /** bigint as text */
  cost: string | null;
  decision_no: string | null;
  decision_date: string | null;
  result: string | null;
}

/** The person's outside-training records that took place (sent or completed), oldest first. */
export async function listCommitmentSources(db: Queryable, personId: number): Promise<CommitmentSourceRow[]> {
  const r = await db.query<CommitmentSourceRow>(
    `SELECT o.id AS outside_training_id, o.person_id, o.programme_code, pr.name AS programme_name, o.institution, o.status,
            o.start_date, o.end_date, o.cost::text AS cost, o.decision_no, o.decision_date, o.result
     FROM outside_trainings o JOIN programmes pr ON pr.code = o.programme_code
     WHERE o.person_id = $1 AND o.status IN ('sent', 'completed')
     ORDER BY o.start_date, o.id`,
    [personId],
  );
  return r.rows;
}

/** One outside-training record as a commitment source (no scope: the caller checked the person). */
export async function findCommitmentSource(db: Queryable, outsideTrainingId: number): Promise<CommitmentSourceRow | null> {
  const r = await db.query<CommitmentSourceRow>(
    `SELECT o.id AS outside_training_id, o.person_id, o.programme_code, pr.name AS programme_name, o.institution, o.status,
            o.start_date, o.end_date, o.cost::text AS cost, o.decision_no, o.decision_date, o.result
     FROM outside_trainings o JOIN programmes pr ON pr.code = o.programme_code
     WHERE o.id = $1`,
    [outsideTrainingId],
  );
  return r.rows[0] ?? null;
}

// ---------- leaving the service ----------

export interface LeavingRow {
  person_id: number;
  left_on: string;
  reason: string;
  decision_no: string | null;
  note: string | null;
  recorded_by_name: string | null;
  recorded_at: string;
}

export async function findLeaving(db: Queryable, personId: number): Promise<LeavingRow | null> {
  const r = await db.query<LeavingRow>(
    `SELECT l.person_id, l.left_on, l.reason, l.decision_no, l.note, u.display_name AS recorded_by_name, l.recorded_at
     FROM service_leavings l LEFT JOIN users u ON u.id = l.recorded_by WHERE l.person_id = $1`,
    [personId],
  );
  return r.rows[0] ?? null;
}

export interface LeavingWrite {
  personId: number;
  leftOn: string;
  reason: string;
  decisionNo: string | null;
  note: string | null;
  recordedBy: number;
}

/** Inserts the leaving; false when the person already has one. */
export async function insertLeaving(tx: Queryable, w: LeavingWrite): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO service_leavings (person_id, left_on, reason, decision_no, note, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (person_id) DO NOTHING RETURNING id`,
    [w.personId, w.leftOn, w.reason, w.decisionNo, w.note, w.recordedBy],
  );
  return r.rows.length > 0;
}

// ---------- cases ----------

export interface CaseRow {
  id: number;
  person_id: number;
  full_name: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  outside_training_id: number;
  programme_code: string;
  programme_name: string;
  institution: string;
  cause: string;
  basis: string;
  source: string;
  cost: string;
  commitment_months: number;
  months_served: number;
  amount: string;
  paid: string;
  explanation: string;
  status: string;
  waiver_ground: string | null;
  waiver_decision_no: string | null;
  opened_by_name: string | null;
  opened_at: string;
  version: number;
}

const COLUMNS = `
  c.id, c.person_id, p.full_name, p.unit_id, u.name AS unit_name, u.path AS unit_path,
  c.outside_training_id, o.programme_code, pr.name AS programme_name, o.institution,
  c.cause, c.basis, c.source, c.cost::text AS cost, c.commitment_months, c.months_served,
  c.amount::text AS amount, c.paid::text AS paid, c.explanation, c.status, c.waiver_ground, c.waiver_decision_no,
  ob.display_name AS opened_by_name, c.opened_at, c.version`;

const FROM = `
  FROM reimbursement_cases c
  JOIN people p ON p.id = c.person_id
  JOIN units u ON u.id = p.unit_id
  JOIN outside_trainings o ON o.id = c.outside_training_id
  JOIN programmes pr ON pr.code = o.programme_code
  LEFT JOIN users ob ON ob.id = c.opened_by`;

/** One case whose person lies in the scope, or null. */
export async function findCase(db: Queryable, scope: Scope, id: number, forUpdate = false): Promise<CaseRow | null> {
  const p = new Params();
  const r = await db.query<CaseRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE c.id = ${p.add(id)} AND ${scopeCondition(scope, p, 'u', 'p')}${forUpdate ? ' FOR UPDATE OF c' : ''}`,
    p.values,
  );
  return r.rows[0] ?? null;
}

export interface CaseListFilter {
  status?: string;
  personId?: number;
  words: string[];
  limit: number;
  offset: number;
}

/** One page of the cases in scope, newest first; the total of all pages. */
export async function listCases(db: Queryable, scope: Scope, f: CaseListFilter): Promise<{ total: number; rows: CaseRow[] }> {
  const p = new Params();
  const conds = [scopeCondition(scope, p, 'u', 'p')];
  if (f.status !== undefined) conds.push(`c.status = ${p.add(f.status)}`);
  if (f.personId !== undefined) conds.push(`c.person_id = ${p.add(f.personId)}`);
  for (const w of f.words) {
    const sub = p.add(`%${likeEscape(w)}%`);
    const prefix = p.add(`% ${likeEscape(w)}%`);
    conds.push(`p.search_name LIKE ${sub} AND (' ' || p.search_name) LIKE ${prefix}`);
  }
  const where = conds.join(' AND ');
  const c = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${FROM} WHERE ${where}`, [...p.values]);
  const r = await db.query<CaseRow>(
    `SELECT ${COLUMNS} ${FROM} WHERE ${where} ORDER BY c.opened_at DESC, c.id DESC LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`,
    p.values,
  );
  return { total: c.rows[0]?.n ?? 0, rows: r.rows };
}

export interface CaseWrite {
  personId: number;
  outsideTrainingId: number;
  cause: 'left_service' | 'course_not_completed';
  basis: 'not_completed' | 'partial';
  source: string;
  cost: bigint;
  commitmentMonths: number;
  monthsServed: number;
  amount: bigint;
  explanation: string;
  openedBy: number;
}

/** Opens a case (status notified); null when the training record already has one. */
export async function insertCase(tx: Queryable, w: CaseWrite): Promise<number | null> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO reimbursement_cases (person_id, outside_training_id, cause, basis, source, cost, commitment_months, months_served, amount, explanation, status, opened_by)
     VALUES ($1, $2, $3, $4, $5, $6::bigint, $7, $8, $9::bigint, $10, 'notified', $11)
     ON CONFLICT (outside_training_id) DO NOTHING RETURNING id`,
    [w.personId, w.outsideTrainingId, w.cause, w.basis, w.source, w.cost.toString(), w.commitmentMonths, w.monthsServed, w.amount.toString(), w.explanation, w.openedBy],
  );
  return r.rows[0]?.id ?? null;
}

/** The training records of the person that already have a case. */
export async function listCasedTrainings(db: Queryable, personId: number): Promise<Set<number>> {
  const r = await db.query<{ outside_training_id: number }>('SELECT outside_training_id FROM reimbursement_cases WHERE person_id = $1', [personId]);
  return new Set(r.rows.map((x) => x.outside_training_id));
}

export async function updateCase(
  tx: Queryable,
  id: number,
  w: { status: string; paid: bigint; waiverGround: string | null; waiverDecisionNo: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE reimbursement_cases SET status = $2, paid = $3::bigint, waiver_ground = $4, waiver_decision_no = $5, version = version + 1 WHERE id = $1`,
    [id, w.status, w.paid.toString(), w.waiverGround, w.waiverDecisionNo],
  );
}

export interface CaseStepWrite {
  caseId: number;
  step: 'notified' | 'agreed' | 'payment' | 'waived';
  amount: bigint | null;
  decisionNo: string | null;
  note: string | null;
  decidedBy: number;
}

export async function insertCaseStep(tx: Queryable, s: CaseStepWrite): Promise<void> {
  await tx.query(
    'INSERT INTO reimbursement_case_steps (case_id, step, amount, decision_no, note, decided_by) VALUES ($1, $2, $3::bigint, $4, $5, $6)',
    [s.caseId, s.step, s.amount === null ? null : s.amount.toString(), s.decisionNo, s.note, s.decidedBy],
  );
}

export interface CaseStepRow {
  step: string;
  amount: string | null;
  decision_no: string | null;
  note: string | null;
  decided_by_name: string | null;
  decided_at: string;
}

export async function listCaseSteps(db: Queryable, caseId: number): Promise<CaseStepRow[]> {
  const r = await db.query<CaseStepRow>(
    `SELECT s.step, s.amount::text AS amount, s.decision_no, s.note, u.display_name AS decided_by_name, s.decided_at
     FROM reimbursement_case_steps s LEFT JOIN users u ON u.id = s.decided_by WHERE s.case_id = $1 ORDER BY s.id`,
    [caseId],
  );
  return r.rows;
}

// ---------- the agency's graduates under commitment ----------

export interface ScopedCommitmentSourceRow extends CommitmentSourceRow {
  full_name: string;
  unit_id: number;
  unit_name: string;
  left_on: string | null;
}

/**
 * Every outside-training record in the scope that may carry a commitment (sent or completed, with a
 * cost and a sending decision, of the given programmes), with its person and their leaving if any.
 */
export async function listScopedCommitmentSources(db: Queryable, scope: Scope, programmeCodes: readonly string[], words: string[]): Promise<ScopedCommitmentSourceRow[]> {
  const p = new Params();
  const conds = [
    scopeCondition(scope, p, 'u', 'p'),
    `o.status IN ('sent', 'completed')`,
    'o.cost > 0',
    'o.decision_date IS NOT NULL',
    `o.programme_code = ANY(${p.add([...programmeCodes])}::text[])`,
  ];
  for (const w of words) {
    const sub = p.add(`%${likeEscape(w)}%`);
    const prefix = p.add(`% ${likeEscape(w)}%`);
    conds.push(`p.search_name LIKE ${sub} AND (' ' || p.search_name) LIKE ${prefix}`);
  }
  const r = await db.query<ScopedCommitmentSourceRow>(
    `SELECT o.id AS outside_training_id, o.person_id, o.programme_code, pr.name AS programme_name, o.institution, o.status,
            o.start_date, o.end_date, o.cost::text AS cost, o.decision_no, o.decision_date, o.result,
            p.full_name, u.id AS unit_id, u.name AS unit_name, l.left_on
     FROM outside_trainings o
     JOIN people p ON p.id = o.person_id
     JOIN units u ON u.id = p.unit_id
     JOIN programmes pr ON pr.code = o.programme_code
     LEFT JOIN service_leavings l ON l.person_id = o.person_id
     WHERE ${conds.join(' AND ')}
     ORDER BY u.name, p.full_name, o.start_date, o.id
     LIMIT 5000`,
    p.values,
  );
  return r.rows;
}
