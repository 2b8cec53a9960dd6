/**
 * The home agency's conduct reports (nhận xét của cơ quan) on its learners: requested by the
 * school for a class, filled by the agency, reminded daily when overdue.
 */
import type { Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { Params, scopeCondition } from './scope.js';

export interface ConductReportRow {
  enrolment_id: number;
  enrolment_status: string;
  person_id: number;
  full_name: string;
  birth_date: string;
  unit_id: number;
  unit_name: string;
  class_id: number;
  class_name: string;
  cohort_code: string;
  programme_code: string;
  programme_name: string;
  start_date: string;
  end_date: string;
  class_status: 'open' | 'closed' | 'finished';
  requested_at: string;
  requested_by_name: string | null;
  due_on: string;
  reminders: number;
  last_reminded_at: string | null;
  received_at: string | null;
  satisfactory: boolean | null;
  content: { conduct?: string; discipline?: string; workDuringCourse?: string } | null;
  filled_by_name: string | null;
}

const CONDUCT_FROM = `
  FROM conduct_reports cr
  JOIN enrolments e ON e.id = cr.enrolment_id
  JOIN people p ON p.id = e.person_id
  JOIN units pu ON pu.id = p.unit_id
  JOIN classes c ON c.id = e.class_id
  JOIN programmes pr ON pr.code = c.programme_code
  JOIN units ou ON ou.id = c.organiser_unit_id
  LEFT JOIN users rq ON rq.id = cr.requested_by
  LEFT JOIN users fb ON fb.id = cr.filled_by`;

const CONDUCT_COLUMNS = `
  cr.enrolment_id, e.status AS enrolment_status, p.id AS person_id, p.full_name, p.birth_date, pu.id AS unit_id, pu.name AS unit_name,
  c.id AS class_id, c.name AS class_name, c.cohort_code, c.programme_code, pr.name AS programme_name, c.start_date, c.end_date,
  c.status AS class_status, cr.requested_at, rq.username AS requested_by_name, cr.due_on, cr.reminders, cr.last_reminded_at,
  cr.received_at, cr.satisfactory, cr.content, fb.username AS filled_by_name`;

/** Who sees which reports: the agency its people's (`personScope`), the school its classes' (`organiserScope`). */
export interface ConductVisibility {
  personScope: Scope | null;
  organiserScope: Scope | null;
}

export interface ConductFilter {
  status: 'pending' | 'received' | 'all';
  overdueOn?: string;
  classId?: number;
}

export async function listConductReports(
  db: Queryable,
  v: ConductVisibility,
  filter: ConductFilter,
  limit: number,
  offset: number,
): Promise<{ rows: ConductReportRow[]; total: number }> {
  const p = new Params();
  const seen: string[] = [];
  if (v.personScope) seen.push(scopeCondition(v.personScope, p, 'pu', 'p'));
  if (v.organiserScope) seen.push(scopeCondition(v.organiserScope, p, 'ou'));
  if (seen.length === 0) return { rows: [], total: 0 };
  // a request left unanswered when the class graduated is owed by nobody any more
  const conds = [`(${seen.join(' OR ')})`, "e.status <> 'withdrawn'", "(cr.received_at IS NOT NULL OR c.status <> 'finished')"];
  if (filter.status === 'pending') conds.push('cr.received_at IS NULL');
  if (filter.status === 'received') conds.push('cr.received_at IS NOT NULL');
  if (filter.overdueOn !== undefined) conds.push(`cr.received_at IS NULL AND cr.due_on < ${p.add(filter.overdueOn)}`);
  if (filter.classId !== undefined) conds.push(`c.id = ${p.add(filter.classId)}`);
  const where = conds.join(' AND ');
  const page = await db.query<ConductReportRow>(
    `SELECT ${CONDUCT_COLUMNS} ${CONDUCT_FROM} WHERE ${where}
     ORDER BY (cr.received_at IS NULL) DESC, cr.due_on, c.id, p.sort_key, cr.enrolment_id LIMIT ${limit | 0} OFFSET ${offset | 0}`,
    p.values,
  );
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${CONDUCT_FROM} WHERE ${where}`, p.values);
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}

export async function findConductReport(db: Queryable, enrolmentId: number, forUpdate = false): Promise<ConductReportRow | null> {
  const r = await db.query<ConductReportRow>(
    `SELECT ${CONDUCT_COLUMNS} ${CONDUCT_FROM} WHERE cr.enrolment_id = $1 ${forUpdate ? 'FOR UPDATE OF cr' : ''}`,
    [enrolmentId],
  );
  return r.rows[0] ?? null;
}

export async function listClassConductReports(db: Queryable, classId: number): Promise<ConductReportRow[]> {
  const r = await db.query<ConductReportRow>(`SELECT ${CONDUCT_COLUMNS} ${CONDUCT_FROM} WHERE c.id = $1`, [classId]);
  return r.rows;
}

/** Asks for a report on every enrolled learner of the class who has none; returns the enrolments asked. */
export async function insertConductRequests(
  tx: Queryable,
  w: { classId: number; dueOn: string; requestedBy: number },
): Promise<{ enrolment_id: number; person_id: number }[]> {
  const r = await tx.query<{ enrolment_id: number; person_id: number }>(
    `INSERT INTO conduct_reports (enrolment_id, due_on, requested_by)
     SELECT e.id, $2, $3 FROM enrolments e WHERE e.class_id = $1 AND e.status = 'enrolled' ORDER BY e.id
     ON CONFLICT (enrolment_id) DO NOTHING
     RETURNING enrolment_id, (SELECT person_id FROM enrolments WHERE id = enrolment_id) AS person_id`,
    [w.classId, w.dueOn, w.requestedBy],
  );
  return r.rows;
}

export async function countConductRequests(db: Queryable, classId: number): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM conduct_reports cr JOIN enrolments e ON e.id = cr.enrolment_id WHERE e.class_id = $1 AND e.status = 'enrolled'`,
    [classId],
  );
  return r.rows[0]?.n ?? 0;
}

/** Records the agency's report (a request not yet made is made now, due on `dueOnIfNew`). */
export async function saveConductReport(
  tx: Queryable,
  w: { enrolmentId: number; satisfactory: boolean; content: Record<string, string>; filledBy: number; dueOnIfNew: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO conduct_reports (enrolment_id, due_on, received_at, satisfactory, content, filled_by)
     VALUES ($1, $2, now(), $3, $4, $5)
     ON CONFLICT (enrolment_id) DO UPDATE
       SET received_at = now(), satisfactory = EXCLUDED.satisfactory, content = EXCLUDED.content, filled_by = EXCLUDED.filled_by`,
    [w.enrolmentId, w.dueOnIfNew, w.satisfactory, JSON.stringify(w.content), w.filledBy],
  );
}

/**
 * One reminder a day for each report past its due date and not received, of learners still
 * enrolled in a class not finished: reminders + 1 and last_reminded_at = now(), unless already
 * reminded since `since` (the start of today). Returns what was reminded.
 */
export async function remindOverdueConductReports(
  db: Queryable,
  today: string,
  since: string,
): Promise<{ enrolment_id: number; person_id: number; reminders: number; due_on: string }[]> {
  const r = await db.query<{ enrolment_id: number; person_id: number; reminders: number; due_on: string }>(
    `UPDATE conduct_reports cr SET reminders = cr.reminders + 1, last_reminded_at = now()
     FROM enrolments e JOIN classes c ON c.id = e.class_id
     WHERE e.id = cr.enrolment_id AND cr.received_at IS NULL AND cr.due_on < $1
       AND e.status = 'enrolled' AND c.status <> 'finished'
       AND (cr.last_reminded_at IS NULL OR cr.last_reminded_at < $2::timestamptz)
     RETURNING cr.enrolment_id, e.person_id, cr.reminders, cr.due_on`,
    [today, since],
  );
  return r.rows;
}
