/**
 * The graduation (tốt nghiệp) of a class: each learner's outcome written onto their enrolment
 * (status, average, final grade, classification), and the class finished.
 */
import type { Queryable } from '../create-db.js';
import { chunkRows, valuesSql } from '../batch.js';
import { Params } from './scope.js';

export interface OutcomeWrite {
  enrolmentId: number;
  status: 'completed' | 'failed';
  average: number | null;
  finalGrade: number | null;
  classification: string | null;
  graduatedOn: string | null;
  /** The day the learner's enrolment ends (the decision), not before it started. */
  endedOn: string;
}

export async function writeOutcomes(tx: Queryable, outcomes: readonly OutcomeWrite[]): Promise<void> {
  for (const chunk of chunkRows(outcomes)) {
    const p = new Params();
    const values = valuesSql(
      p,
      chunk.map((o) => [o.enrolmentId, o.status, o.average, o.finalGrade, o.classification, o.graduatedOn, o.endedOn]),
      ['int', 'text', 'numeric', 'numeric', 'text', 'date', 'date'],
    );
    await tx.query(
      `UPDATE enrolments e SET status = v.status, average = v.average, final_grade = v.final_grade, classification = v.classification,
         graduated_on = v.graduated_on, ended_on = GREATEST(e.started_on, v.ended_on)
       FROM (VALUES ${values}) AS v(id, status, average, final_grade, classification, graduated_on, ended_on)
       WHERE e.id = v.id`,
      p.values,
    );
  }
}

export async function finishClass(tx: Queryable, classId: number): Promise<void> {
  await tx.query("UPDATE classes SET status = 'finished', graduated_at = now(), version = version + 1 WHERE id = $1", [classId]);
}
