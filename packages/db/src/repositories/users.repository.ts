import type { Queryable } from '../create-db.js';

export interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  display_name: string;
  role: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  person_id: number | null;
  locale: string;
  active: boolean;
}

const USER_SELECT = `
  SELECT u.id, u.username, u.password_hash, u.display_name, u.role, u.unit_id, un.name AS unit_name,
         un.path AS unit_path, u.person_id, u.locale, u.active
  FROM users u JOIN units un ON un.id = u.unit_id`;

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRow | null> {
  const r = await db.query<UserRow>(`${USER_SELECT} WHERE lower(u.username) = lower($1)`, [username]);
  return r.rows[0] ?? null;
}

/** A user by id, e.g. the creator a background job runs as (role and unit read again when it runs). */
export async function findUserById(db: Queryable, id: number): Promise<UserRow | null> {
  const r = await db.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [id]);
  return r.rows[0] ?? null;
}

export interface SessionUserRow extends UserRow {
  csrf_token: string;
  expires_at: string;
}

export async function findSession(db: Queryable, sessionId: string): Promise<SessionUserRow | null> {
  const r = await db.query<SessionUserRow>(
    `SELECT s.csrf_token, s.expires_at, x.* FROM sessions s
     JOIN (${USER_SELECT}) x ON x.id = s.user_id
     WHERE s.id = $1`,
    [sessionId],
  );
  return r.rows[0] ?? null;
}

export async function insertSession(db: Queryable, s: { id: string; userId: number; csrfToken: string; expiresAt: Date }): Promise<void> {
  await db.query('INSERT INTO sessions (id, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [
    s.id,
    s.userId,
    s.csrfToken,
    s.expiresAt.toISOString(),
  ]);
}

export async function deleteSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
}

export async function deleteExpiredSessions(db: Queryable, userId: number): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at < now()', [userId]);
}

export async function insertUser(
  db: Queryable,
  u: { username: string; passwordHash: string; displayName: string; role: string; unitId: number; personId?: number | null },
): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO users (username, password_hash, display_name, role, unit_id, person_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [u.username, u.passwordHash, u.displayName, u.role, u.unitId, u.personId ?? null],
  );
  return r.rows[0]!.id;
}
