/**
 * Grades (điểm) of learners: one per module of the class and one final grade per enrolment.
 */
import type { Queryable } from '../create-db.js';
import { chunkRows, valuesSql } from '../batch.js';
import { Params } from './scope.js';

export interface GradeRow {
  enrolment_id: number;
  class_module_id: number | null;
  value: number;
  entered_by_name: string | null;
  entered_at: string;
  version: number;
}

const GRADE_SELECT = `
  SELECT g.enrolment_id, g.class_module_id, g.value, us.username AS entered_by_name, g.entered_at, g.version
  FROM grades g LEFT JOIN users us ON us.id = g.entered_by`;

export async function listGrades(db: Queryable, target: { enrolmentId: number } | { classId: number }): Promise<GradeRow[]> {
  const r =
    'enrolmentId' in target
      ? await db.query<GradeRow>(`${GRADE_SELECT} WHERE g.enrolment_id = $1`, [target.enrolmentId])
      : await db.query<GradeRow>(`${GRADE_SELECT} JOIN enrolments e ON e.id = g.enrolment_id WHERE e.class_id = $1`, [target.classId]);
  return r.rows;
}

/** The grades of these learners, locked until the transaction ends. */
export async function lockGrades(tx: Queryable, enrolmentIds: readonly number[]): Promise<GradeRow[]> {
  if (enrolmentIds.length === 0) return [];
  const r = await tx.query<GradeRow>(
    `SELECT g.enrolment_id, g.class_module_id, g.value, NULL::text AS entered_by_name, g.entered_at, g.version
     FROM grades g WHERE g.enrolment_id = ANY($1::int[]) FOR UPDATE`,
    [[...enrolmentIds]],
  );
  return r.rows;
}

export interface GradeWrite {
  enrolmentId: number;
  moduleId: number | null;
  value: number;
}

/** Writes grades (a grade already there is replaced and its version bumped). */
export async function upsertGrades(tx: Queryable, grades: readonly GradeWrite[], enteredBy: number): Promise<void> {
  const modules = grades.filter((g) => g.moduleId !== null);
  const finals = grades.filter((g) => g.moduleId === null);
  const set = 'SET value = EXCLUDED.value, entered_by = EXCLUDED.entered_by, entered_at = now(), version = grades.version + 1';
  for (const chunk of chunkRows(modules)) {
    const p = new Params();
    const values = valuesSql(p, chunk.map((g) => [g.enrolmentId, g.moduleId, g.value, enteredBy]), ['int', 'int', 'numeric', 'int']);
    await tx.query(
      `INSERT INTO grades (enrolment_id, class_module_id, value, entered_by) VALUES ${values}
       ON CONFLICT (enrolment_id, class_module_id) WHERE class_module_id IS NOT NULL DO UPDATE ${set}`,
      p.values,
    );
  }
  for (const chunk of chunkRows(finals)) {
    const p = new Params();
    const values = valuesSql(p, chunk.map((g) => [g.enrolmentId, null, g.value, enteredBy]), ['int', 'int', 'numeric', 'int']);
    await tx.query(
      `INSERT INTO grades (enrolment_id, class_module_id, value, entered_by) VALUES ${values}
       ON CONFLICT (enrolment_id) WHERE class_module_id IS NULL DO UPDATE ${set}`,
      p.values,
    );
  }
}

export async function deleteGrades(tx: Queryable, grades: readonly { enrolmentId: number; moduleId: number | null }[]): Promise<void> {
  for (const g of grades) {
    await tx.query(
      g.moduleId === null
        ? 'DELETE FROM grades WHERE enrolment_id = $1 AND class_module_id IS NULL'
        : 'DELETE FROM grades WHERE enrolment_id = $1 AND class_module_id = $2',
      g.moduleId === null ? [g.enrolmentId] : [g.enrolmentId, g.moduleId],
    );
  }
}
