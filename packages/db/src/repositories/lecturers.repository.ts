/**
 * The lecturer pool: the school's lecturers and guest lecturers (external people with a title and
 * organisation), each kept by a unit, optionally linked to a user account.
 */
import type { Queryable } from '../create-db.js';
import { insertRows } from '../batch.js';
import { Params, likeEscape } from './scope.js';

export interface LecturerRow {
  id: number;
  full_name: string;
  kind: 'school' | 'guest';
  title: string | null;
  organisation: string | null;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  user_id: number | null;
  username: string | null;
  user_display_name: string | null;
  active: boolean;
}

export interface LecturerListFilter {
  /** Folded words of the name: each must start a word of it. */
  words: string[];
  kind?: 'school' | 'guest';
  active?: boolean;
}

export interface LecturerWrite {
  fullName: string;
  searchName: string;
  kind: 'school' | 'guest';
  title: string | null;
  organisation: string | null;
  userId: number | null;
  unitId: number;
  active: boolean;
}

const SELECT = `
  SELECT l.id, l.full_name, l.kind, l.title, l.organisation, l.unit_id, u.name AS unit_name, u.path AS unit_path,
    l.user_id, us.username, us.display_name AS user_display_name, l.active
  FROM lecturers l
  JOIN units u ON u.id = l.unit_id
  LEFT JOIN users us ON us.id = l.user_id`;

export async function listLecturers(
  db: Queryable,
  filter: LecturerListFilter,
  limit: number,
  offset: number,
): Promise<{ rows: LecturerRow[]; total: number }> {
  const p = new Params();
  const conds: string[] = ['true'];
  for (const w of filter.words) conds.push(`(' ' || l.search_name) LIKE ${p.add(`% ${likeEscape(w)}%`)}`);
  if (filter.kind) conds.push(`l.kind = ${p.add(filter.kind)}`);
  if (filter.active !== undefined) conds.push(`l.active = ${p.add(filter.active)}`);
  const where = conds.join(' AND ');
  const page = await db.query<LecturerRow>(
    `${SELECT} WHERE ${where} ORDER BY l.active DESC, l.search_name, l.id LIMIT ${limit | 0} OFFSET ${offset | 0}`,
    p.values,
  );
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM lecturers l WHERE ${where}`, p.values);
  return { rows: page.rows, total: count.rows[0]?.n ?? 0 };
}

export async function findLecturer(db: Queryable, id: number, forUpdate = false): Promise<LecturerRow | null> {
  const r = await db.query<LecturerRow>(`${SELECT} WHERE l.id = $1 ${forUpdate ? 'FOR UPDATE OF l' : ''}`, [id]);
  return r.rows[0] ?? null;
}

export async function findLecturersByIds(db: Queryable, ids: readonly number[]): Promise<LecturerRow[]> {
  if (ids.length === 0) return [];
  const r = await db.query<LecturerRow>(`${SELECT} WHERE l.id = ANY($1::int[])`, [[...ids]]);
  return r.rows;
}

export async function findLecturerByUser(db: Queryable, userId: number): Promise<LecturerRow | null> {
  const r = await db.query<LecturerRow>(`${SELECT} WHERE l.user_id = $1`, [userId]);
  return r.rows[0] ?? null;
}

/** The lecturer id linked to an account, other than `exceptId`. */
export async function findLecturerIdOfUser(db: Queryable, userId: number, exceptId?: number): Promise<number | null> {
  const r = await db.query<{ id: number }>('SELECT id FROM lecturers WHERE user_id = $1 AND id <> $2', [userId, exceptId ?? 0]);
  return r.rows[0]?.id ?? null;
}

const COLUMNS = ['full_name', 'search_name', 'kind', 'title', 'organisation', 'user_id', 'unit_id', 'active'] as const;
const values = (w: LecturerWrite) => [w.fullName, w.searchName, w.kind, w.title, w.organisation, w.userId, w.unitId, w.active];

export async function insertLecturer(tx: Queryable, w: LecturerWrite): Promise<number> {
  const [id] = await insertRows<number>(tx, 'lecturers', COLUMNS, [values(w)], { returning: 'id' });
  return id!;
}

export async function updateLecturer(tx: Queryable, id: number, w: LecturerWrite): Promise<void> {
  await tx.query(
    `UPDATE lecturers SET full_name = $2, search_name = $3, kind = $4, title = $5, organisation = $6, user_id = $7, unit_id = $8, active = $9
     WHERE id = $1`,
    [id, ...values(w)],
  );
}

/**
 * Of the given classes, those the lecturer teaches in (a session's or a module's lecturer), and
 * those where they teach a module: the facts the class policy needs for a list of classes.
 */
export async function classesTaughtBy(db: Queryable, lecturerId: number, classIds: readonly number[]): Promise<{ classId: number; teachesModule: boolean }[]> {
  if (classIds.length === 0) return [];
  const r = await db.query<{ class_id: number; teaches_module: boolean }>(
    `SELECT c.id AS class_id,
       EXISTS (SELECT 1 FROM class_module_lecturers ml JOIN class_modules m ON m.id = ml.class_module_id WHERE m.class_id = c.id AND ml.lecturer_id = $2) AS teaches_module
     FROM unnest($1::int[]) AS c(id)
     WHERE EXISTS (SELECT 1 FROM class_sessions s WHERE s.class_id = c.id AND s.lecturer_id = $2)
        OR EXISTS (SELECT 1 FROM class_module_lecturers ml JOIN class_modules m ON m.id = ml.class_module_id WHERE m.class_id = c.id AND ml.lecturer_id = $2)`,
    [classIds, lecturerId],
  );
  return r.rows.map((x) => ({ classId: x.class_id, teachesModule: x.teaches_module }));
}
