/**
 * Support policies and support payments (support_policy_versions, support_payments;
 * docs/decisions/0049). The policies are data read whole (a province has a handful); what a
 * learner is owed is derived by the domain (training/support.ts) from the facts gathered here: the
 * course (a class, or an outside-training record), the learner (category, gender, ethnicity) and what
 * was already paid. A payment row is visible when its person lies in the user's scope.
 */
import type { Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { Params, scopeCondition } from './scope.js';

// ---------- policies ----------

export interface PolicyRow {
  id: string;
  version: number;
  name: string;
  source: { code: string; title: string; issuer: string; issuedOn: string; article?: string };
  verified: boolean;
  coverage: Record<string, unknown>;
  rates: Record<string, unknown>;
  period_from: string;
  period_to: string | null;
  corrects: number | null;
  superseded_by: number | null;
  note: string | null;
  created_by_name: string | null;
  created_at: string;
}

/** Every version of every policy, by id then version. */
export async function listPolicyVersions(db: Queryable): Promise<PolicyRow[]> {
  const r = await db.query<PolicyRow>(
    `SELECT s.id, s.version, s.name, s.source, s.verified, s.coverage, s.rates, s.period_from, s.period_to, s.corrects, s.superseded_by, s.note,
            u.display_name AS created_by_name, s.created_at
     FROM support_policy_versions s LEFT JOIN users u ON u.id = s.created_by
     ORDER BY s.id, s.version`,
  );
  return r.rows;
}

/** Orders every policy write (the group-overlap check reads all policies). */
export async function lockPolicies(tx: Queryable): Promise<void> {
  await tx.query('LOCK TABLE support_policy_versions IN SHARE ROW EXCLUSIVE MODE');
}

export interface PolicyWrite {
  id: string;
  version: number;
  name: string;
  source: unknown;
  verified: boolean;
  coverage: unknown;
  rates: unknown;
  periodFrom: string;
  periodTo: string | null;
  corrects: number | null;
  note: string | null;
  createdBy: number | null;
}

export async function insertPolicyVersion(tx: Queryable, w: PolicyWrite): Promise<void> {
  await tx.query(
    `INSERT INTO support_policy_versions (id, version, name, source, verified, coverage, rates, period_from, period_to, corrects, note, created_by)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11, $12)`,
    [w.id, w.version, w.name, JSON.stringify(w.source), w.verified, JSON.stringify(w.coverage), JSON.stringify(w.rates), w.periodFrom, w.periodTo, w.corrects, w.note, w.createdBy],
  );
}

export async function updatePolicyVersionState(tx: Queryable, id: string, version: number, periodTo: string | null, supersededBy: number | null): Promise<void> {
  await tx.query('UPDATE support_policy_versions SET period_to = $3, superseded_by = $4 WHERE id = $1 AND version = $2', [id, version, periodTo, supersededBy]);
}

export async function countPolicies(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM support_policy_versions');
  return r.rows[0]?.n ?? 0;
}

// ---------- the facts of a payment list ----------

export interface ClassCourseRow {
  id: number;
  name: string;
  programme_code: string;
  programme_name: string;
  programme_kind: string;
  mode: string;
  organiser_unit_id: number;
  organiser_name: string;
  organiser_path: string;
  site: string;
  start_date: string;
  end_date: string;
  session_days: number;
}

export async function findClassCourse(db: Queryable, classId: number): Promise<ClassCourseRow | null> {
  const r = await db.query<ClassCourseRow>(
    `SELECT c.id, c.name, c.programme_code, pr.name AS programme_name, pr.kind AS programme_kind, c.mode, c.organiser_unit_id,
            ou.name AS organiser_name, ou.path AS organiser_path, c.site, c.start_date, c.end_date,
            (SELECT count(DISTINCT s.on_date)::int FROM class_sessions s WHERE s.class_id = c.id) AS session_days
     FROM classes c JOIN programmes pr ON pr.code = c.programme_code JOIN units ou ON ou.id = c.organiser_unit_id
     WHERE c.id = $1`,
    [classId],
  );
  return r.rows[0] ?? null;
}

export interface LearnerRow {
  person_id: number;
  full_name: string;
  birth_date: string;
  gender: 'male' | 'female';
  minority: boolean | null;
  category: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  /** bigint as text: paid for this course */
  paid: string;
  /** { policyId: "sum as text" } paid for the person's OTHER courses that started in the course's year */
  paid_year: Record<string, string> | null;
}

const PAID_YEAR = (courseCond: string, startExpr: string) => `
  (SELECT jsonb_object_agg(x.policy_id, x.s) FROM (
     SELECT sp.policy_id, sum(sp.amount)::text AS s FROM support_payments sp
     WHERE sp.person_id = p.id AND NOT (${courseCond})
       AND sp.course_start >= date_trunc('year', ${startExpr})::date AND sp.course_start < (date_trunc('year', ${startExpr}) + interval '1 year')::date
     GROUP BY sp.policy_id) x) AS paid_year`;

/**
 * The learners of a class in the scope (not withdrawn), with what was paid to each for this class
 * and, per policy, for their other courses of the same year. Sorted by name.
 */
export async function listClassLearners(db: Queryable, scope: Scope, classId: number, startDate: string): Promise<LearnerRow[]> {
  const p = new Params();
  const cls = p.add(classId);
  const start = `${p.add(startDate)}::date`;
  const r = await db.query<LearnerRow>(
    `SELECT p.id AS person_id, p.full_name, p.birth_date, p.gender, et.minority, p.category, u.id AS unit_id, u.name AS unit_name, u.path AS unit_path,
            COALESCE((SELECT sum(sp.amount) FROM support_payments sp WHERE sp.class_id = ${cls} AND sp.person_id = p.id), 0)::text AS paid,
            ${PAID_YEAR(`sp.class_id IS NOT DISTINCT FROM ${cls}`, start)}
     FROM enrolments e JOIN people p ON p.id = e.person_id JOIN units u ON u.id = p.unit_id LEFT JOIN ethnicities et ON et.code = p.ethnicity_code
     WHERE e.class_id = ${cls} AND e.status <> 'withdrawn' AND ${scopeCondition(scope, p, 'u', 'p')}
     ORDER BY p.search_name, p.id`,
    p.values,
  );
  return r.rows;
}

export interface OutsideLearnerRow extends LearnerRow {
  outside_training_id: number;
  programme_code: string;
  programme_name: string;
  programme_kind: string;
  mode: string;
  institution: string;
  country: string | null;
  start_date: string;
  end_date: string;
  cost: string | null;
  decision_no: string;
  decision_date: string | null;
}

const OUTSIDE_SELECT = `
  SELECT o.id AS outside_training_id, o.programme_code, pr.name AS programme_name, pr.kind AS programme_kind, o.mode, o.institution, o.country,
         o.start_date, o.end_date, o.cost::text AS cost, o.decision_no, o.decision_date,
         p.id AS person_id, p.full_name, p.birth_date, p.gender, et.minority, p.category, u.id AS unit_id, u.name AS unit_name, u.path AS unit_path,
         COALESCE((SELECT sum(sp.amount) FROM support_payments sp WHERE sp.outside_training_id = o.id), 0)::text AS paid,
         ${PAID_YEAR('sp.outside_training_id IS NOT DISTINCT FROM o.id', 'o.start_date')}
  FROM outside_trainings o JOIN programmes pr ON pr.code = o.programme_code JOIN people p ON p.id = o.person_id
  JOIN units u ON u.id = p.unit_id LEFT JOIN ethnicities et ON et.code = p.ethnicity_code`;

/** The records of one sending decision (a batch) in the scope, sent or completed, by name. */
export async function listOutsideBatch(db: Queryable, scope: Scope, decisionNo: string): Promise<OutsideLearnerRow[]> {
  const p = new Params();
  const r = await db.query<OutsideLearnerRow>(
    `${OUTSIDE_SELECT} WHERE o.decision_no = ${p.add(decisionNo)} AND o.status IN ('sent', 'completed') AND ${scopeCondition(scope, p, 'u', 'p')}
     ORDER BY p.search_name, p.id, o.id`,
    p.values,
  );
  return r.rows;
}

/** One outside-training record (sent or completed) in the scope. */
export async function findOutsideLearner(db: Queryable, scope: Scope, outsideTrainingId: number): Promise<OutsideLearnerRow | null> {
  const p = new Params();
  const r = await db.query<OutsideLearnerRow>(
    `${OUTSIDE_SELECT} WHERE o.id = ${p.add(outsideTrainingId)} AND o.status IN ('sent', 'completed') AND ${scopeCondition(scope, p, 'u', 'p')}`,
    p.values,
  );
  return r.rows[0] ?? null;
}

/** The sending decisions (batches) with records in the scope, newest first. */
export async function listOutsideBatches(db: Queryable, scope: Scope, limit: number): Promise<{ decision_no: string; decision_date: string | null; people: number }[]> {
  const p = new Params();
  const r = await db.query<{ decision_no: string; decision_date: string | null; people: number }>(
    `SELECT o.decision_no, max(o.decision_date) AS decision_date, count(*)::int AS people
     FROM outside_trainings o JOIN people p ON p.id = o.person_id JOIN units u ON u.id = p.unit_id
     WHERE o.decision_no IS NOT NULL AND o.status IN ('sent', 'completed') AND ${scopeCondition(scope, p, 'u', 'p')}
     GROUP BY o.decision_no ORDER BY max(o.decision_date) DESC NULLS LAST, o.decision_no LIMIT ${p.add(limit)}`,
    p.values,
  );
  return r.rows;
}

/** The learner's own classes (enrolled, not withdrawn) with their ids, newest first. */
export async function listPersonClassIds(db: Queryable, personId: number): Promise<number[]> {
  const r = await db.query<{ class_id: number }>(
    `SELECT e.class_id FROM enrolments e JOIN classes c ON c.id = e.class_id
     WHERE e.person_id = $1 AND e.class_id IS NOT NULL AND e.status <> 'withdrawn' ORDER BY c.start_date DESC, c.id DESC`,
    [personId],
  );
  return r.rows.map((x) => x.class_id);
}

export async function listPersonOutsideIds(db: Queryable, personId: number): Promise<number[]> {
  const r = await db.query<{ id: number }>(
    `SELECT id FROM outside_trainings WHERE person_id = $1 AND status IN ('sent', 'completed') ORDER BY start_date DESC, id DESC`,
    [personId],
  );
  return r.rows.map((x) => x.id);
}

// ---------- payments ----------

/** Locks the person row: orders the payments of one learner (the year cap reads their other payments). */
export async function lockPerson(tx: Queryable, personId: number): Promise<boolean> {
  const r = await tx.query('SELECT id FROM people WHERE id = $1 FOR UPDATE', [personId]);
  return r.rows.length > 0;
}

export interface PaymentWrite {
  personId: number;
  classId: number | null;
  outsideTrainingId: number | null;
  policyId: string;
  policyVersion: number;
  courseStart: string;
  amount: bigint;
  paidOn: string;
  voucherNo: string | null;
  note: string | null;
  recordedBy: number;
}

export async function insertPayment(tx: Queryable, w: PaymentWrite): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO support_payments (person_id, class_id, outside_training_id, policy_id, policy_version, course_start, amount, paid_on, voucher_no, note, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::bigint, $8, $9, $10, $11) RETURNING id`,
    [w.personId, w.classId, w.outsideTrainingId, w.policyId, w.policyVersion, w.courseStart, w.amount.toString(), w.paidOn, w.voucherNo, w.note, w.recordedBy],
  );
  return r.rows[0]!.id;
}

export interface PaymentRow {
  id: number;
  person_id: number;
  class_id: number | null;
  outside_training_id: number | null;
  amount: string;
  paid_on: string;
  voucher_no: string | null;
  note: string | null;
  recorded_by_name: string | null;
  recorded_at: string;
}

/** The payments of a class (or of outside records) to people in the scope, oldest first. */
export async function listPayments(db: Queryable, scope: Scope, where: { classId: number } | { outsideTrainingIds: number[] }): Promise<PaymentRow[]> {
  const p = new Params();
  const cond = 'classId' in where ? `sp.class_id = ${p.add(where.classId)}` : `sp.outside_training_id = ANY(${p.add(where.outsideTrainingIds)}::int[])`;
  const r = await db.query<PaymentRow>(
    `SELECT sp.id, sp.person_id, sp.class_id, sp.outside_training_id, sp.amount::text AS amount, sp.paid_on, sp.voucher_no, sp.note,
            us.display_name AS recorded_by_name, sp.recorded_at
     FROM support_payments sp JOIN people p ON p.id = sp.person_id JOIN units u ON u.id = p.unit_id LEFT JOIN users us ON us.id = sp.recorded_by
     WHERE ${cond} AND ${scopeCondition(scope, p, 'u', 'p')} ORDER BY sp.paid_on, sp.id`,
    p.values,
  );
  return r.rows;
}
