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

/** Size of one stored part of an uploaded file (decision 0064). */
export const INPUT_PART_BYTES = 256 * 1024;

/**
 * Inserts a job. A job with an uploaded file (`inputBytes`, its size) starts as 'storing', which no
 * runner claims: its file is written next by `storeJobInput`, which makes it 'queued'.
 */
export async function insertJob(
  db: Queryable,
  j: { kind: string; createdBy: number; params?: Record<string, unknown>; inputBytes?: number | null },
): Promise<JobRow> {
  const inputBytes = j.inputBytes ?? null;
  const r = await db.query<JobRow>(
    `INSERT INTO jobs (kind, created_by, params, input_bytes, status, heartbeat_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $4::bigint IS NULL THEN 'queued' ELSE 'storing' END,
       CASE WHEN $4::bigint IS NULL THEN NULL ELSE now() END)
     RETURNING ${JOB_COLUMNS}`,
    [j.kind, j.createdBy, JSON.stringify(j.params ?? {}), inputBytes],
  );
  return r.rows[0]!;
}

/** The job was no longer 'storing' (swept as interrupted) while its file was being written. */
export class JobInputNotStored extends Error {
  constructor(readonly jobId: number) {
    super(`the file of job ${jobId} could not be stored: the job is no longer being stored`);
    this.name = 'JobInputNotStored';
  }
}

/**
 * Writes the file of a 'storing' job in parts of `partBytes` (decision 0064), each part one short
 * statement of its own — no transaction, so on PGlite, which runs on the web process's thread, other
 * requests are served between parts — then makes the job 'queued' in one statement that checks that
 * every part is in. The file travels as base64 text decoded by the database (decision 0054: PGlite
 * turns a bytea parameter into hex in JavaScript, ~4× slower). Every part refreshes the job's
 * heartbeat and is written only while the job is still 'storing': a job swept as interrupted
 * (`failInterruptedUploads`) takes no more parts and is never queued (JobInputNotStored).
 * A process killed midway leaves a 'storing' job, never a runnable one with half a file.
 */
export async function storeJobInput(db: Queryable, jobId: number, input: Buffer, partBytes = INPUT_PART_BYTES): Promise<JobRow> {
  let parts = 0;
  for (let from = 0; from < input.length; from += partBytes) {
    const r = await db.query(
      `WITH j AS (UPDATE jobs SET heartbeat_at = now() WHERE id = $1 AND status = 'storing' RETURNING id)
       INSERT INTO job_input_parts (job_id, part, data) SELECT id, $2, decode($3, 'base64') FROM j`,
      [jobId, parts, input.subarray(from, from + partBytes).toString('base64')],
    );
    if (r.rowCount !== 1) throw new JobInputNotStored(jobId);
    parts += 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const done = await db.query<JobRow>(
    `UPDATE jobs SET status = 'queued', heartbeat_at = NULL
     WHERE id = $1 AND status = 'storing'
       AND (SELECT count(*) FROM job_input_parts WHERE job_id = $1) = $2
       AND (SELECT coalesce(sum(octet_length(data)), 0) FROM job_input_parts WHERE job_id = $1) = input_bytes
     RETURNING ${JOB_COLUMNS}`,
    [jobId, parts],
  );
  if (done.rows.length !== 1) throw new JobInputNotStored(jobId);
  return done.rows[0]!;
}

/** Ends a job whose file could not be stored (the request failed midway) and drops its parts. */
export async function abandonJobInput(db: Queryable, jobId: number, result: Record<string, unknown>): Promise<void> {
  await db.query(
    `UPDATE jobs SET status = 'failed', result = $2, heartbeat_at = NULL, finished_at = now() WHERE id = $1 AND status = 'storing'`,
    [jobId, JSON.stringify(result)],
  );
  await dropJobInput(db, jobId);
}

/**
 * Jobs left 'storing' by a process that stopped while writing their file (no part written for
 * `staleSeconds`; on PGlite, at start, all of them): failed with `failedResult`, their parts dropped.
 */
export async function failInterruptedUploads(
  db: Queryable,
  staleSeconds: number,
  failedResult: Record<string, unknown>,
): Promise<number[]> {
  const r = await db.query<{ id: number }>(
    `UPDATE jobs SET status = 'failed', result = $2, heartbeat_at = NULL, finished_at = now()
     WHERE status = 'storing' AND coalesce(heartbeat_at, created_at) <= now() - make_interval(secs => $1)
     RETURNING id`,
    [staleSeconds, JSON.stringify(failedResult)],
  );
  if (r.rows.length > 0) await purgeJobInputs(db);
  return r.rows.map((row) => row.id);
}

/** Drops the uploaded file of a job that is no longer to run (it may hold personal data). */
export async function dropJobInput(db: Queryable, jobId: number): Promise<number> {
  const r = await db.query(
    `DELETE FROM job_input_parts p WHERE p.job_id = $1
       AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = p.job_id AND j.status IN ('storing', 'queued', 'running'))`,
    [jobId],
  );
  return r.rowCount;
}

/** Parts of uploaded files whose job is no longer to run (finished, failed, or gone): dropped. */
export async function purgeJobInputs(db: Queryable): Promise<number> {
  const r = await db.query(
    `DELETE FROM job_input_parts p
     WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = p.job_id AND j.status IN ('storing', 'queued', 'running'))`,
  );
  return r.rowCount;
}

/**
 * Inserts a job unless its creator already has `maxActive` jobs queued or running; then null.
 * Locks the creator's user row so that two uploads at once cannot both take the last place.
 */
export async function insertJobWithinLimit(
  tx: Queryable,
  j: { kind: string; createdBy: number; params?: Record<string, unknown>; inputBytes?: number | null },
  maxActive: number,
): Promise<JobRow | null> {
  await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [j.createdBy]);
  const r = await tx.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM jobs WHERE created_by = $1 AND status IN ('storing', 'queued', 'running')",
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
 * The uploaded file, read back part by part (decision 0064): on PGlite, which runs on the web
 * process's thread, one statement reading a 9 MiB bytea holds the event loop for as long as it
 * takes; parts do not. Null for a job without an uploaded file.
 */
export async function loadJobInput(db: Queryable, id: number): Promise<Buffer | null> {
  const r = await db.query<{ n: string | number | null }>('SELECT input_bytes AS n FROM jobs WHERE id = $1', [id]);
  const size = r.rows[0]?.n ?? null;
  if (size === null) return null;
  const n = Number(size);
  const numbers = await db.query<{ part: number }>('SELECT part FROM job_input_parts WHERE job_id = $1 ORDER BY part', [id]);
  const parts: Buffer[] = [];
  for (const { part } of numbers.rows) {
    // base64 for the same reason as storeJobInput: PGlite parses a bytea result in JavaScript, ~4× slower
    const p = await db.query<{ data: string }>("SELECT encode(data, 'base64') AS data FROM job_input_parts WHERE job_id = $1 AND part = $2", [
      id,
      part,
    ]);
    parts.push(Buffer.from(p.rows[0]!.data, 'base64'));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const input = Buffer.concat(parts);
  if (input.length !== n) throw new Error(`job ${id}: its stored file has ${input.length} bytes instead of ${n}`);
  return input;
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
 * Ends a job. Its uploaded file is dropped next by the runner (`dropJobInput`, a statement of its own)
 * or, after a crash, by the upkeep (`purgeJobInputs`).
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
    `UPDATE jobs SET status = $2, stage = NULL, result = $3, file_name = $4, file = $5, finished_at = now()
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
    `UPDATE jobs SET file = NULL, file_name = NULL
     WHERE finished_at < now() - make_interval(days => $1) AND file IS NOT NULL`,
    [days],
  );
  return r.rowCount;
}
