import type { Queryable } from '../create-db.js';

/** A job without its blobs (the uploaded input and the output file). */
export interface JobRow {
  id: number;
  kind: string;
  status: string;
  stage: string | null;
  created_by: number;
  params: Record<string, unknown>;
  progress: number;
  total: number;
  result: Record<string, unknown> | null;
  file_name: string | null;
  attempts: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const JOB_COLUMNS = `id, kind, status, stage, created_by, params, progress, total, result, file_name, attempts,
  created_at, started_at, finished_at`;

/** PGlite returns bytea as Uint8Array, pg as Buffer: always hand out a Buffer. */
function toBuffer(v: Uint8Array | null): Buffer | null {
  if (v === null) return null;
  return Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

export async function insertJob(
  db: Queryable,
  j: { kind: string; createdBy: number; params?: Record<string, unknown>; input?: Buffer | null },
): Promise<JobRow> {
  // the file as base64 text, decoded by the database (decision 0054): PGlite turns a bytea parameter
  // into hex on the web process's thread, byte by byte — ~4× slower than this for a 9 MiB upload
  const r = await db.query<JobRow>(
    `INSERT INTO jobs (kind, created_by, params, input) VALUES ($1, $2, $3, decode($4, 'base64')) RETURNING ${JOB_COLUMNS}`,
    [j.kind, j.createdBy, JSON.stringify(j.params ?? {}), j.input ? j.input.toString('base64') : null],
  );
  return r.rows[0]!;
}

/**
 * Inserts a job unless its creator already has `maxActive` jobs queued or running; then null.
 * Locks the creator's user row so that two uploads at once cannot both take the last place.
 */
export async function insertJobWithinLimit(
  tx: Queryable,
  j: { kind: string; createdBy: number; params?: Record<string, unknown>; input?: Buffer | null },
  maxActive: number,
): Promise<JobRow | null> {
  await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [j.createdBy]);
  const r = await tx.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM jobs WHERE created_by = $1 AND status IN ('queued', 'running')",
    [j.createdBy],
  );
  if ((r.rows[0]?.n ?? 0) >= maxActive) return null;
  return insertJob(tx, j);
}

/** A job of this user; another user's job looks missing. */
export async function findJobOfUser(db: Queryable, id: number, userId: number): Promise<JobRow | null> {
  const r = await db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1 AND created_by = $2`, [id, userId]);
  return r.rows[0] ?? null;
}

export async function findJobFileOfUser(
  db: Queryable,
  id: number,
  userId: number,
): Promise<{ status: string; fileName: string | null; file: Buffer | null } | null> {
  const r = await db.query<{ status: string; file_name: string | null; file: Uint8Array | null }>(
    'SELECT status, file_name, file FROM jobs WHERE id = $1 AND created_by = $2',
    [id, userId],
  );
  const row = r.rows[0];
  return row ? { status: row.status, fileName: row.file_name, file: toBuffer(row.file) } : null;
}

/**
 * Claims the oldest queued job for this process. SKIP LOCKED lets several processes poll one
 * PostgreSQL database without taking the same job; on PGlite it is simply a no-op.
 */
export async function claimNextJob(db: Queryable): Promise<JobRow | null> {
  const r = await db.query<JobRow>(
    `UPDATE jobs SET status = 'running', stage = NULL, progress = 0, total = 0, attempts = attempts + 1,
       started_at = now(), heartbeat_at = now()
     WHERE status = 'queued'
       AND id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING ${JOB_COLUMNS}`,
  );
  return r.rows[0] ?? null;
}

/**
 * The uploaded input, read in slices: on PGlite, which runs on the web process's thread, one
 * statement reading a 9 MB bytea holds the event loop for as long as it takes; slices do not.
 */
export async function loadJobInput(db: Queryable, id: number, slice = 512 * 1024): Promise<Buffer | null> {
  const r = await db.query<{ n: number | null }>('SELECT octet_length(input) AS n FROM jobs WHERE id = $1', [id]);
  const n = r.rows[0]?.n ?? null;
  if (n === null) return null;
  const parts: Buffer[] = [];
  for (let from = 0; from < n; from += slice) {
    // base64 for the same reason as insertJob: PGlite parses a bytea result in JavaScript, ~4× slower
    const part = await db.query<{ part: string }>("SELECT encode(substring(input FROM $2 FOR $3), 'base64') AS part FROM jobs WHERE id = $1", [
      id,
      from + 1,
      slice,
    ]);
    parts.push(Buffer.from(part.rows[0]!.part, 'base64'));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return Buffer.concat(parts, n);
}

export async function updateJobProgress(db: Queryable, id: number, p: { stage: string | null; progress: number; total: number }) {
  await db.query('UPDATE jobs SET stage = $2, progress = $3, total = $4, heartbeat_at = now() WHERE id = $1', [
    id,
    p.stage,
    p.progress,
    p.total,
  ]);
}

export async function touchJobHeartbeat(db: Queryable, id: number): Promise<void> {
  await db.query("UPDATE jobs SET heartbeat_at = now() WHERE id = $1 AND status = 'running'", [id]);
}

/**
 * Ends a job; the uploaded input is dropped (it may hold personal data and is no longer needed).
 * With `attempt`, only while that attempt still holds the job (running, not recovered and claimed
 * again by another process meanwhile): returns false when it no longer does.
 */
export async function finishJob(
  db: Queryable,
  id: number,
  f: { status: 'succeeded' | 'failed'; result: Record<string, unknown>; fileName?: string | null; file?: Buffer | null },
  attempt?: number,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE jobs SET status = $2, stage = NULL, result = $3, file_name = $4, file = $5, input = NULL, finished_at = now()
     WHERE id = $1 AND ($6::int IS NULL OR (status = 'running' AND attempts = $6))`,
    [id, f.status, JSON.stringify(f.result), f.fileName ?? null, f.file ?? null, attempt ?? null],
  );
  return r.rowCount === 1;
}

/** Locks the job while this attempt still holds it (inside the transaction that publishes its work). */
export async function lockRunningAttempt(tx: Queryable, id: number, attempt: number): Promise<boolean> {
  const r = await tx.query("SELECT id FROM jobs WHERE id = $1 AND status = 'running' AND attempts = $2 FOR UPDATE", [id, attempt]);
  return r.rows.length === 1;
}

/** Puts a job this process gave up (shutdown) back in the queue without counting the attempt. */
export async function requeueJob(db: Queryable, id: number): Promise<void> {
  await db.query(
    `UPDATE jobs SET status = 'queued', stage = NULL, progress = 0, total = 0, attempts = greatest(attempts - 1, 0),
       started_at = NULL, heartbeat_at = NULL
     WHERE id = $1 AND status = 'running'`,
    [id],
  );
}

/**
 * Jobs left 'running' by a process that died (no heartbeat for `staleSeconds`): back to the
 * queue, or failed with `failedResult` once they have been started `maxAttempts` times.
 */
export async function recoverStaleJobs(
  db: Queryable,
  staleSeconds: number,
  maxAttempts: number,
  failedResult: Record<string, unknown>,
): Promise<{ id: number; status: string }[]> {
  const r = await db.query<{ id: number; status: string }>(
    `UPDATE jobs SET
       status = CASE WHEN attempts >= $2 THEN 'failed' ELSE 'queued' END,
       result = CASE WHEN attempts >= $2 THEN $3::jsonb ELSE NULL END,
       finished_at = CASE WHEN attempts >= $2 THEN now() ELSE NULL END,
       input = CASE WHEN attempts >= $2 THEN NULL ELSE input END,
       stage = NULL, progress = 0, total = 0, started_at = NULL, heartbeat_at = NULL
     WHERE status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at <= now() - make_interval(secs => $1))
     RETURNING id, status`,
    [staleSeconds, maxAttempts, JSON.stringify(failedResult)],
  );
  return r.rows;
}

/** Drops the files of jobs finished more than `days` ago (exports hold personal data). */
export async function purgeOldJobFiles(db: Queryable, days: number): Promise<number> {
  const r = await db.query(
    `UPDATE jobs SET file = NULL, file_name = NULL, input = NULL
     WHERE finished_at < now() - make_interval(days => $1) AND (file IS NOT NULL OR input IS NOT NULL)`,
    [days],
  );
  return r.rowCount;
}
