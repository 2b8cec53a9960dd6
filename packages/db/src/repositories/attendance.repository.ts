/**
 * Attendance marks (điểm danh) of learners in a class's sessions: marked by the school or the
 * lecturer, or a QR check-in by the learner. A recall's marks are written by recalls.repository.
 */
import type { Queryable } from '../create-db.js';
import { BatchInserter, chunkRows, valuesSql } from '../batch.js';
import { Params } from './scope.js';

export interface AttendanceRow {
  session_id: number;
  enrolment_id: number;
  mark: 'present' | 'absent_excused' | 'absent_unexcused' | 'recalled';
  source: 'registrar' | 'lecturer' | 'qr' | 'recall';
  client_id: string | null;
  checked_in_at: string | null;
  marked_by_name: string | null;
  marked_at: string;
}

const ATTENDANCE_SELECT = `
  SELECT a.session_id, a.enrolment_id, a.mark, a.source, a.client_id, a.checked_in_at, us.username AS marked_by_name, a.marked_at
  FROM attendance a LEFT JOIN users us ON us.id = a.marked_by`;

export async function listSessionAttendance(db: Queryable, sessionId: number): Promise<AttendanceRow[]> {
  const r = await db.query<AttendanceRow>(`${ATTENDANCE_SELECT} WHERE a.session_id = $1`, [sessionId]);
  return r.rows;
}

/** Marks of one enrolment, or of every enrolment of a class. */
export async function listAttendance(db: Queryable, target: { enrolmentId: number } | { classId: number }): Promise<AttendanceRow[]> {
  if ('enrolmentId' in target) {
    const r = await db.query<AttendanceRow>(`${ATTENDANCE_SELECT} WHERE a.enrolment_id = $1`, [target.enrolmentId]);
    return r.rows;
  }
  const r = await db.query<AttendanceRow>(
    `${ATTENDANCE_SELECT} JOIN class_sessions s ON s.id = a.session_id WHERE s.class_id = $1`,
    [target.classId],
  );
  return r.rows;
}

/** The marks of these learners in one session, locked until the transaction ends. */
/** Serialises the writers of one session's marks (two lecturers saving at once, a QR scan meanwhile): the second waits, then sees the first's marks. */
export async function lockSessionForMarking(tx: Queryable, sessionId: number): Promise<void> {
  await tx.query('SELECT id FROM class_sessions WHERE id = $1 FOR UPDATE', [sessionId]);
}

export async function lockSessionMarks(tx: Queryable, sessionId: number, enrolmentIds: readonly number[]): Promise<AttendanceRow[]> {
  if (enrolmentIds.length === 0) return [];
  const r = await tx.query<AttendanceRow>(
    `SELECT a.session_id, a.enrolment_id, a.mark, a.source, a.client_id, a.checked_in_at, NULL::text AS marked_by_name, a.marked_at
     FROM attendance a WHERE a.session_id = $1 AND a.enrolment_id = ANY($2::int[]) FOR UPDATE`,
    [sessionId, [...enrolmentIds]],
  );
  return r.rows;
}

export interface MarkWrite {
  enrolmentId: number;
  mark: string;
}

/** Writes the marks of one session (a mark already there is replaced, keeping a check-in's time and id). */
export async function upsertMarks(tx: Queryable, sessionId: number, marks: readonly MarkWrite[], source: 'registrar' | 'lecturer', markedBy: number): Promise<void> {
  for (const chunk of chunkRows(marks)) {
    const p = new Params();
    const values = valuesSql(
      p,
      chunk.map((m) => [sessionId, m.enrolmentId, m.mark, source, markedBy]),
      ['int', 'int', 'text', 'text', 'int'],
    );
    await tx.query(
      `INSERT INTO attendance (session_id, enrolment_id, mark, source, marked_by) VALUES ${values}
       ON CONFLICT (session_id, enrolment_id) DO UPDATE
         SET mark = EXCLUDED.mark, source = EXCLUDED.source, marked_by = EXCLUDED.marked_by, marked_at = now()`,
      p.values,
    );
  }
}

export async function findAttendance(db: Queryable, sessionId: number, enrolmentId: number): Promise<AttendanceRow | null> {
  const r = await db.query<AttendanceRow>(`${ATTENDANCE_SELECT} WHERE a.session_id = $1 AND a.enrolment_id = $2`, [sessionId, enrolmentId]);
  return r.rows[0] ?? null;
}

export async function findAttendanceByClientId(db: Queryable, clientId: string): Promise<AttendanceRow | null> {
  const r = await db.query<AttendanceRow>(`${ATTENDANCE_SELECT} WHERE a.client_id = $1`, [clientId]);
  return r.rows[0] ?? null;
}

export interface CheckinWrite {
  sessionId: number;
  enrolmentId: number;
  clientId: string;
  checkedInAt: string;
  markedBy: number;
}

/**
 * Records a QR check-in as 'present' unless the learner already has a mark in the session or the
 * client id was used: true when this call wrote the row.
 */
export async function insertCheckin(tx: Queryable, w: CheckinWrite): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO attendance (session_id, enrolment_id, mark, source, client_id, checked_in_at, marked_by)
     VALUES ($1, $2, 'present', 'qr', $3, $4, $5) ON CONFLICT DO NOTHING RETURNING session_id`,
    [w.sessionId, w.enrolmentId, w.clientId, w.checkedInAt, w.markedBy],
  );
  return r.rows.length > 0;
}

/** A check-in replaces a mark that only a recorded recall put there (the learner came after all). */
export async function replaceRecallMarkWithCheckin(tx: Queryable, w: CheckinWrite): Promise<boolean> {
  const r = await tx.query(
    `UPDATE attendance SET mark = 'present', source = 'qr', client_id = $3, checked_in_at = $4, marked_by = $5, marked_at = now()
     WHERE session_id = $1 AND enrolment_id = $2 AND source = 'recall' RETURNING session_id`,
    [w.sessionId, w.enrolmentId, w.clientId, w.checkedInAt, w.markedBy],
  );
  return r.rows.length > 0;
}

/** A mark as a bulk load writes it, with who marked it and when. */
export interface MarkRecord {
  sessionId: number;
  enrolmentId: number;
  mark: AttendanceRow['mark'];
  source: AttendanceRow['source'];
  clientId: string | null;
  checkedInAt: string | null;
  markedBy: number;
  markedAt: string;
}

/** Marks of a bulk load (the demo school's year), buffered and written about 1,000 rows a statement. */
export class MarksBatch {
  private readonly inserter: BatchInserter;

  constructor(tx: Queryable) {
    this.inserter = new BatchInserter(tx, 'attendance', [
      'session_id',
      'enrolment_id',
      'mark',
      'source',
      'client_id',
      'checked_in_at',
      'marked_by',
      'marked_at',
    ]);
  }

  add(m: MarkRecord): Promise<void> {
    return this.inserter.add([m.sessionId, m.enrolmentId, m.mark, m.source, m.clientId, m.checkedInAt, m.markedBy, m.markedAt]);
  }

  flush(): Promise<void> {
    return this.inserter.flush();
  }
}
