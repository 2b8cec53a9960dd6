/**
 * Learners' enrolments in a class (ghi danh), read with the person and their unit. Enrolments are
 * made and withdrawn by the nominations; the graduation writes their outcome (graduation.repository).
 */
import type { Queryable } from '../create-db.js';

export interface EnrolmentRow {
  id: number;
  class_id: number;
  status: 'enrolled' | 'completed' | 'failed' | 'withdrawn';
  person_id: number;
  full_name: string;
  birth_date: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  average: number | null;
  final_grade: number | null;
  classification: string | null;
  graduated_on: string | null;
}

const ENROLMENT_SELECT = `
  SELECT e.id, e.class_id, e.status, e.person_id, p.full_name, p.birth_date, p.unit_id, u.name AS unit_name, u.path AS unit_path,
    e.average, e.final_grade, e.classification, e.graduated_on
  FROM enrolments e
  JOIN people p ON p.id = e.person_id
  JOIN units u ON u.id = p.unit_id`;

/** The class's learners (withdrawn ones left out), by name. */
export async function listClassEnrolments(db: Queryable, classId: number): Promise<EnrolmentRow[]> {
  const r = await db.query<EnrolmentRow>(`${ENROLMENT_SELECT} WHERE e.class_id = $1 AND e.status <> 'withdrawn' ORDER BY p.sort_key, e.id`, [classId]);
  return r.rows;
}

/** An enrolment in a class (any status; null for an enrolment recorded before classes existed). */
export async function findEnrolment(db: Queryable, enrolmentId: number): Promise<EnrolmentRow | null> {
  const r = await db.query<EnrolmentRow>(`${ENROLMENT_SELECT} WHERE e.id = $1 AND e.class_id IS NOT NULL`, [enrolmentId]);
  return r.rows[0] ?? null;
}

/** Several enrolments in classes (any status), e.g. to decide what a list's rows offer. */
export async function findEnrolments(db: Queryable, enrolmentIds: readonly number[]): Promise<EnrolmentRow[]> {
  if (enrolmentIds.length === 0) return [];
  const r = await db.query<EnrolmentRow>(`${ENROLMENT_SELECT} WHERE e.id = ANY($1::int[]) AND e.class_id IS NOT NULL`, [enrolmentIds]);
  return r.rows;
}

/** The person's enrolment in the class (any status). */
export async function findPersonEnrolment(db: Queryable, classId: number, personId: number): Promise<EnrolmentRow | null> {
  const r = await db.query<EnrolmentRow>(`${ENROLMENT_SELECT} WHERE e.class_id = $1 AND e.person_id = $2`, [classId, personId]);
  return r.rows[0] ?? null;
}
