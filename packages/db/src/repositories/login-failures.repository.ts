import type { Queryable } from '../create-db.js';

export interface AttemptCounts {
  /** The attempt just recorded; delete it when the login succeeds or is refused before checking. */
  id: number;
  /** Attempts in the window for this username, this one included. */
  byUsername: number;
  /** Attempts in the window from this address, this one included. */
  byAddress: number;
}

/**
 * Records a login attempt before its password is checked (so parallel guesses count against each
 * other) and counts the attempts in the window for its username and its address.
 */
export async function recordAttempt(db: Queryable, username: string, address: string, windowSeconds: number): Promise<AttemptCounts> {
  await db.query(`DELETE FROM login_failures WHERE at < now() - make_interval(secs => $1)`, [windowSeconds]);
  const ins = await db.query<{ id: number }>('INSERT INTO login_failures (username, address) VALUES ($1, $2) RETURNING id', [
    username,
    address,
  ]);
  const r = await db.query<{ by_username: number; by_address: number }>(
    `SELECT (SELECT count(*) FROM login_failures WHERE username = $1 AND at >= now() - make_interval(secs => $3))::int AS by_username,
            (SELECT count(*) FROM login_failures WHERE address = $2 AND at >= now() - make_interval(secs => $3))::int AS by_address`,
    [username, address, windowSeconds],
  );
  return { id: ins.rows[0]!.id, byUsername: r.rows[0]!.by_username, byAddress: r.rows[0]!.by_address };
}

/** Forgets one attempt: a successful login, or one refused by the limit, does not count. */
export async function forgetAttempt(db: Queryable, id: number): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE id = $1', [id]);
}
