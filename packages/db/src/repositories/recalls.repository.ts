/**
 * Recalls (triệu tập về cơ quan) of a learner by their agency, with the sessions they mark as
 * recalled, and the make-up study (học bổ sung) recorded for missed sessions.
 */
import type { Queryable } from '../create-db.js';

export interface RecallRow {
  id: number;
  enrolment_id: number;
  from_date: string;
  to_date: string;
  reason: string;
  recorded_by_name: string | null;
  recorded_at: string;
}

const RECALL_SELECT = `
  SELECT r.id, r.enrolment_id, r.from_date, r.to_date, r.reason, us.username AS recorded_by_name, r.recorded_at
  FROM recalls r LEFT JOIN users us ON us.id = r.recorded_by`;

export async function listRecalls(db: Queryable, target: { enrolmentId: number } | { classId: number }): Promise<RecallRow[]> {
  const r =
    'enrolmentId' in target
      ? await db.query<RecallRow>(`${RECALL_SELECT} WHERE r.enrolment_id = $1 ORDER BY r.from_date, r.id`, [target.enrolmentId])
      : await db.query<RecallRow>(`${RECALL_SELECT} JOIN enrolments e ON e.id = r.enrolment_id WHERE e.class_id = $1 ORDER BY r.from_date, r.id`, [target.classId]);
  return r.rows;
}

export async function insertRecall(
  tx: Queryable,
  w: { enrolmentId: number; fromDate: string; toDate: string; reason: string; recordedBy: number },
): Promise<RecallRow> {
  const r = await tx.query<{ id: number }>(
    'INSERT INTO recalls (enrolment_id, from_date, to_date, reason, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [w.enrolmentId, w.fromDate, w.toDate, w.reason, w.recordedBy],
  );
  const row = await tx.query<RecallRow>(`${RECALL_SELECT} WHERE r.id = $1`, [r.rows[0]!.id]);
  return row.rows[0]!;
}

/** Marks every unmarked lesson and field trip of the class in [from, to] as recalled; returns the session ids. */
export async function markRecalledSessions(
  tx: Queryable,
  w: { classId: number; enrolmentId: number; fromDate: string; toDate: string; markedBy: number },
): Promise<number[]> {
  const r = await tx.query<{ session_id: number }>(
    `INSERT INTO attendance (session_id, enrolment_id, mark, source, marked_by)
     SELECT s.id, $2, 'recalled', 'recall', $5 FROM class_sessions s
     WHERE s.class_id = $1 AND s.kind <> 'exam' AND s.on_date BETWEEN $3 AND $4
     ORDER BY s.on_date, s.starts_at, s.id
     ON CONFLICT (session_id, enrolment_id) DO NOTHING
     RETURNING session_id`,
    [w.classId, w.enrolmentId, w.fromDate, w.toDate, w.markedBy],
  );
  return r.rows.map((x) => x.session_id);
}

// ---------- make-ups ----------

export interface MakeUpRow {
  id: number;
  enrolment_id: number;
  session_id: number;
  done_on: string;
  note: string | null;
  recorded_by_name: string | null;
  recorded_at: string;
}

const MAKE_UP_SELECT = `
  SELECT mu.id, mu.enrolment_id, mu.session_id, mu.done_on, mu.note, us.username AS recorded_by_name, mu.recorded_at
  FROM make_ups mu LEFT JOIN users us ON us.id = mu.recorded_by`;

export async function listMakeUps(db: Queryable, target: { enrolmentId: number } | { classId: number }): Promise<MakeUpRow[]> {
  const r =
    'enrolmentId' in target
      ? await db.query<MakeUpRow>(`${MAKE_UP_SELECT} WHERE mu.enrolment_id = $1 ORDER BY mu.done_on, mu.id`, [target.enrolmentId])
      : await db.query<MakeUpRow>(`${MAKE_UP_SELECT} JOIN enrolments e ON e.id = mu.enrolment_id WHERE e.class_id = $1 ORDER BY mu.done_on, mu.id`, [target.classId]);
  return r.rows;
}

/** Records a make-up; null when one is already recorded for that session. */
export async function insertMakeUp(
  tx: Queryable,
  w: { enrolmentId: number; sessionId: number; doneOn: string; note: string | null; recordedBy: number },
): Promise<MakeUpRow | null> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO make_ups (enrolment_id, session_id, done_on, note, recorded_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (enrolment_id, session_id) DO NOTHING RETURNING id`,
    [w.enrolmentId, w.sessionId, w.doneOn, w.note, w.recordedBy],
  );
  if (r.rows.length === 0) return null;
  const row = await tx.query<MakeUpRow>(`${MAKE_UP_SELECT} WHERE mu.id = $1`, [r.rows[0]!.id]);
  return row.rows[0]!;
}
