import type { Db, Queryable } from '../create-db.js';
import { likeEscape } from './scope.js';
import { insertRows } from '../batch.js';
import { PERSON_WRITE_COLUMNS, personWriteValues, type PersonLevels, type PersonWrite } from './people.repository.js';

export interface UnitCodeRow {
  id: number;
  code: string;
  name: string;
  path: string;
}

/** Units of a subtree that are still in force (not merged away), by code: what an import may name. */
export async function listUnitCodesInSubtree(db: Queryable, unitPath: string): Promise<UnitCodeRow[]> {
  const r = await db.query<UnitCodeRow>(
    `SELECT id, code, name, path FROM units
     WHERE path LIKE $1 AND (valid_to IS NULL OR valid_to >= current_date)
     ORDER BY path`,
    [`${likeEscape(unitPath)}%`],
  );
  return r.rows;
}

export interface QualificationWrite {
  personId: number;
  kind: string;
  level: string | null;
  field: string | null;
  awardedOn: string | null;
  institution: string | null;
  source: string;
}

/** Inserts many qualifications in multi-row statements (imports). */
export async function insertQualifications(tx: Queryable, rows: QualificationWrite[], batch = 1000): Promise<void> {
  await insertRows(
    tx,
    'qualifications',
    ['person_id', 'kind', 'level', 'field', 'awarded_on', 'institution', 'source'],
    rows.map((q) => [q.personId, q.kind, q.level, q.field, q.awardedOn, q.institution, q.source]),
    { batch },
  );
}

// ---------- staging (decision 0018) ----------

export interface StagedPerson {
  row: number;
  person: PersonWrite & PersonLevels;
  qualifications: { kind: string; level: string | null; field: string | null }[];
}

const LEVEL_COLUMNS = ['education_level', 'political_theory_level', 'state_management_level'] as const;
const STAGED_PERSON_COLUMNS = [...PERSON_WRITE_COLUMNS, ...LEVEL_COLUMNS];

/** Drops what an import staged (a previous attempt's rows, or a refused file's). */
export async function clearStagedImport(db: Queryable, jobId: number): Promise<void> {
  await db.query('DELETE FROM import_staging WHERE job_id = $1', [jobId]);
}

const STAGING_COLUMNS = ['job_id', 'row_no', ...STAGED_PERSON_COLUMNS, 'qualifications'];

function stagingValues(jobId: number, r: StagedPerson): unknown[] {
  return [
    jobId,
    r.row,
    ...personWriteValues(r.person),
    r.person.educationLevel ?? null,
    r.person.politicalTheoryLevel ?? null,
    r.person.stateManagementLevel ?? null,
    JSON.stringify(r.qualifications),
  ];
}

/** One CSV field as COPY reads it: NULL unquoted and empty, text quoted ("" inside doubled). */
function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = String(v);
  return `"${s.indexOf('"') < 0 ? s : s.replace(/"/g, '""')}"`;
}

/** Rows as COPY's CSV: one line each, every value through csvField. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) out += (i === 0 ? '' : ',') + csvField(row[i]);
    out += '\n';
  }
  return out;
}

/**
 * Stages checked rows of an import, outside any long transaction (decision 0053): `COPY` of `batch`
 * rows per statement on both databases (PostgreSQL over the wire, PGlite from a blob), or, with
 * `{ copy: false }`, multi-row INSERTs (decision 0018's path, kept for comparison).
 */
export async function stageImportRows(
  db: Db,
  jobId: number,
  rows: StagedPerson[],
  batch = 1000,
  options: { copy?: boolean } = {},
): Promise<void> {
  if (options.copy === false || !db.copyCsv) {
    await insertRows(db, 'import_staging', STAGING_COLUMNS, rows.map((r) => stagingValues(jobId, r)), { batch });
    return;
  }
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const loaded = await db.copyCsv!('import_staging', STAGING_COLUMNS, toCsv(chunk.map((r) => stagingValues(jobId, r))));
    if (loaded !== chunk.length) throw new Error(`staged ${loaded} of ${chunk.length} rows`);
  }
}

/**
 * Publishes a staged import in the caller's transaction, set-based: the people (in sheet order),
 * their qualifications, one audit record per person; then drops the staged rows. Returns the
 * number of people written. A citizen id saved by someone else since the check raises 23505.
 *
 * `checkReferencesAtOnce` (decision 0032 on PGlite; decision 0068 on PostgreSQL too): the
 * references of the staged rows (ethnicity, unit, title, job position, rank, management scope,
 * qualification levels, the actor) are gathered, each value once, and locked `FOR KEY SHARE` —
 * exactly the lock a foreign key's check takes, so none can be deleted or re-keyed until this
 * transaction ends — and counted; then the inserts run without the per-row foreign-key triggers
 * (`session_replication_role = replica`, for these three statements only), which otherwise cost
 * about half of the publish: 1,200,000 trigger calls for 100,000 people with three qualifications
 * each. Taken only when every reference exists, the three tables have no INSERT trigger of their
 * own (one added later would be skipped too), and the role may set that parameter (a superuser, or
 * PostgreSQL 15's `GRANT SET ON PARAMETER session_replication_role`; otherwise the ordinary path,
 * docs/OPERATIONS.md). A qualification's person is one of the people this transaction just wrote.
 * Unique and check constraints are indexes and expressions, not triggers: they hold either way. A
 * dangling reference takes the ordinary path, whose foreign keys report it.
 *
 * `sortInMemory` (PostgreSQL): the publish sorts the staged rows by row number (people and audit
 * records in sheet order); a larger `work_mem` for this transaction keeps 100,000 rows' sort off disk.
 */
export async function publishStagedImport(
  tx: Queryable,
  jobId: number,
  actor: { id: number; name: string },
  options: { checkReferencesAtOnce?: boolean; sortInMemory?: boolean } = {},
): Promise<number> {
  if (options.sortInMemory === true) await tx.query("SET LOCAL work_mem = '64MB'");
  const atOnce = options.checkReferencesAtOnce === true && (await checkReferencesAtOnce(tx, jobId, actor.id));
  const written = await insertStaged(tx, jobId, actor);
  if (atOnce) await tx.query('SET LOCAL session_replication_role = origin');
  await clearStagedImport(tx, jobId);
  return written;
}

/**
 * Locks and checks the staged rows' references, then `SET LOCAL session_replication_role = replica`
 * (decision 0068). False, and the transaction as it was, when a reference is missing, a published
 * table has an INSERT trigger, or the role may not do either (42501: an ordinary role on PostgreSQL
 * without the grant on the parameter, or without UPDATE on a referenced table, which
 * `FOR KEY SHARE` needs): then the foreign keys check every row.
 */
async function checkReferencesAtOnce(tx: Queryable, jobId: number, actorId: number): Promise<boolean> {
  const refs = await gatherReferences(tx, jobId, actorId);
  await tx.query('SAVEPOINT import_references');
  try {
    if (!(await referencesStillExist(tx, refs))) {
      await tx.query('ROLLBACK TO SAVEPOINT import_references');
      return false;
    }
    await tx.query('SET LOCAL session_replication_role = replica');
  } catch (err) {
    if ((err as { code?: string }).code !== '42501') throw err;
    await tx.query('ROLLBACK TO SAVEPOINT import_references');
    return false;
  }
  await tx.query('RELEASE SAVEPOINT import_references');
  return true;
}

/** The three set-based inserts of a publish, for all staged rows of a job or those `where` narrows to. */
async function insertStaged(
  tx: Queryable,
  jobId: number,
  actor: { id: number; name: string },
  where = '',
  params: unknown[] = [],
): Promise<number> {
  const cols = STAGED_PERSON_COLUMNS.join(', ');
  const people = await tx.query(
    `INSERT INTO people (id, ${cols}) SELECT person_id, ${cols} FROM import_staging WHERE job_id = $1 ${where} ORDER BY row_no`,
    [jobId, ...params],
  );
  await tx.query(
    `INSERT INTO qualifications (person_id, kind, level, field, awarded_on, institution, source)
     SELECT s.person_id, q->>'kind', q->>'level', q->>'field', NULL, NULL, 'imported'
     FROM import_staging s CROSS JOIN LATERAL jsonb_array_elements(s.qualifications) q
     WHERE s.job_id = $1 ${where.replace(/row_no/g, 's.row_no')}
     ORDER BY s.row_no`,
    [jobId, ...params],
  );
  const n = params.length;
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, person_id, after)
     SELECT $${n + 2}, $${n + 3}, 'import', 'person', s.person_id::text, s.person_id,
            jsonb_build_object('jobId', $1::int, 'row', s.row_no, 'fullName', s.full_name, 'citizenId', s.citizen_id, 'unitId', s.unit_id)
     FROM import_staging s
     WHERE s.job_id = $1 ${where.replace(/row_no/g, 's.row_no')}
     ORDER BY s.row_no`,
    [jobId, ...params, actor.id, actor.name],
  );
  return people.rowCount;
}

// ---------- the publish in chunks (PGlite, decision 0054) ----------

/** Global id of a prepared chunk: `nangtam-import:<job>:<attempt>:<chunk>`. */
const PREPARED_PREFIX = 'nangtam-import:';
const preparedGid = (jobId: number, attempt: number, n: number) => `${PREPARED_PREFIX}${jobId}:${attempt}:${n}`;

/** How many prepared transactions the database allows (0: chunks cannot be prepared). */
export async function maxPreparedTransactions(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>("SELECT setting::int AS n FROM pg_settings WHERE name = 'max_prepared_transactions'");
  return r.rows[0]?.n ?? 0;
}

/** The range of row numbers an import staged, and how many rows. */
export async function stagedRowRange(db: Queryable, jobId: number): Promise<{ first: number; last: number; count: number }> {
  const r = await db.query<{ first: number | null; last: number | null; count: number }>(
    'SELECT min(row_no) AS first, max(row_no) AS last, count(*)::int AS count FROM import_staging WHERE job_id = $1',
    [jobId],
  );
  const row = r.rows[0]!;
  return { first: row.first ?? 0, last: row.last ?? -1, count: row.count };
}

/** What the staged rows refer to, each value once: checked again when the chunks are made visible. */
export interface StagedReferences {
  ethnicities: string[];
  units: number[];
  titles: number[];
  jobPositions: number[];
  ranks: number[];
  managementScopes: number[];
  /** `kind|code` of the qualification levels named. */
  levels: string[];
  actorId: number;
}

/** Staged rows `from..to` by row number (the sheet's). */
export interface RowRange {
  from: number;
  to: number;
}

/**
 * Checks the staged rows' references (those of `range`) set-based (as the foreign keys would, row by row) and returns
 * them, each value once; null when one is dangling or a published table has a trigger of its own
 * (then the chunked publish is not taken: the one-transaction publish reports it).
 */
export async function stagedReferences(db: Queryable, jobId: number, actorId: number, range: RowRange): Promise<StagedReferences | null> {
  if (!(await referencesHold(db, jobId, actorId, range))) return null;
  return gatherReferences(db, jobId, actorId, range);
}

/** What the staged rows (those of `range`, or all of the job's) refer to, each value once. */
async function gatherReferences(db: Queryable, jobId: number, actorId: number, range?: RowRange): Promise<StagedReferences> {
  const inRange = range ? 'AND row_no BETWEEN $2 AND $3' : '';
  const params = range ? [jobId, range.from, range.to] : [jobId];
  const r = await db.query<Omit<StagedReferences, 'actorId' | 'levels'>>(
    `SELECT coalesce(array_agg(DISTINCT ethnicity_code), '{}') AS ethnicities,
            coalesce(array_agg(DISTINCT unit_id), '{}') AS units,
            coalesce(array_agg(DISTINCT title_id) FILTER (WHERE title_id IS NOT NULL), '{}') AS titles,
            coalesce(array_agg(DISTINCT job_position_id) FILTER (WHERE job_position_id IS NOT NULL), '{}') AS "jobPositions",
            coalesce(array_agg(DISTINCT rank_id) FILTER (WHERE rank_id IS NOT NULL), '{}') AS ranks,
            coalesce(array_agg(DISTINCT management_scope_id) FILTER (WHERE management_scope_id IS NOT NULL), '{}') AS "managementScopes"
     FROM import_staging WHERE job_id = $1 ${inRange}`,
    params,
  );
  const levels = await db.query<{ l: string }>(
    `SELECT DISTINCT (q->>'kind') || '|' || (q->>'level') AS l
     FROM import_staging s CROSS JOIN LATERAL jsonb_array_elements(s.qualifications) q
     WHERE s.job_id = $1 ${inRange.replace('row_no', 's.row_no')} AND q->>'level' IS NOT NULL`,
    params,
  );
  return { ...r.rows[0]!, levels: levels.rows.map((x) => x.l), actorId };
}

/** The references of several chunks together, each value once. */
export function mergeReferences(a: StagedReferences | null, b: StagedReferences): StagedReferences {
  if (!a) return b;
  const u = <T>(x: T[], y: T[]) => [...new Set([...x, ...y])];
  return {
    ethnicities: u(a.ethnicities, b.ethnicities),
    units: u(a.units, b.units),
    titles: u(a.titles, b.titles),
    jobPositions: u(a.jobPositions, b.jobPositions),
    ranks: u(a.ranks, b.ranks),
    managementScopes: u(a.managementScopes, b.managementScopes),
    levels: u(a.levels, b.levels),
    actorId: b.actorId,
  };
}

/**
 * True while every reference gathered by stagedReferences still exists (a few index look-ups) and
 * the published tables have no INSERT trigger of their own. Each referenced row found is locked
 * `FOR KEY SHARE` until the transaction ends, as a foreign key's check locks it (decision 0068).
 */
export async function referencesStillExist(tx: Queryable, refs: StagedReferences): Promise<boolean> {
  const locked = (table: string, where: string) => `(SELECT count(*) FROM (SELECT 1 FROM ${table} WHERE ${where} FOR KEY SHARE) k)`;
  const r = await tx.query<{ ok: boolean }>(
    `SELECT ${locked('ethnicities', 'code = ANY($1::text[])')} = cardinality($1::text[])
        AND ${locked('units', 'id = ANY($2::int[])')} = cardinality($2::int[])
        AND ${locked('titles', 'id = ANY($3::int[])')} = cardinality($3::int[])
        AND ${locked('job_positions', 'id = ANY($4::int[])')} = cardinality($4::int[])
        AND ${locked('ranks', 'id = ANY($5::int[])')} = cardinality($5::int[])
        AND ${locked('management_scopes', 'id = ANY($6::int[])')} = cardinality($6::int[])
        AND ${locked('qualification_levels', "kind || '|' || code = ANY($7::text[])")} = cardinality($7::text[])
        AND ${locked('users', 'id = $8')} = 1
        AND NOT EXISTS (${insertTriggersOn('$9')}) AS ok`,
    [refs.ethnicities, refs.units, refs.titles, refs.jobPositions, refs.ranks, refs.managementScopes, refs.levels, refs.actorId, PUBLISHED_TABLES],
  );
  return r.rows[0]!.ok;
}

/**
 * Writes the staged rows `from..to` (row numbers) into people, qualifications and the audit log in
 * a transaction that is prepared, not committed (`PREPARE TRANSACTION`): its rows are invisible to
 * every reader until `commitPreparedImport`, and survive a restart until committed or rolled back
 * (`resolvePreparedImports`). The references were checked set-based beforehand (stagedReferences),
 * so the foreign-key triggers are off for these inserts, which also keeps the chunk from holding
 * row locks on the referenced rows (a prepared transaction's lock is never released by itself).
 * A citizen id already saved raises 23505 here. Returns the people written.
 */
export async function prepareImportChunk(
  db: Db,
  jobId: number,
  attempt: number,
  n: number,
  range: RowRange,
  actor: { id: number; name: string },
): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    const written = await insertStaged(tx, jobId, actor, 'AND row_no BETWEEN $2 AND $3', [range.from, range.to]);
    await tx.query(`PREPARE TRANSACTION '${preparedGid(jobId, attempt, n)}'`);
    return written;
  });
}

/** Makes prepared chunks visible, in order. Run under `Db.exclusive`, right after the job is finished. */
export async function commitPreparedImport(raw: Queryable, jobId: number, attempt: number, chunks: number): Promise<void> {
  for (let n = 0; n < chunks; n++) await raw.query(`COMMIT PREPARED '${preparedGid(jobId, attempt, n)}'`);
}

/** Rolls back every prepared chunk of an attempt (a failed or stopped publish). */
export async function rollbackPreparedImport(db: Queryable, jobId: number, attempt: number): Promise<number> {
  const r = await db.query<{ gid: string }>('SELECT gid FROM pg_prepared_xacts WHERE gid LIKE $1 AND database = current_database()', [
    `${PREPARED_PREFIX}${jobId}:${attempt}:%`,
  ]);
  for (const { gid } of r.rows) await db.query(`ROLLBACK PREPARED '${gid}'`);
  return r.rows.length;
}

/**
 * At start-up, before anything else (PGlite): chunks a killed process left prepared are committed
 * when their job finished (it was killed between finishing the job and committing the chunks: the
 * import had succeeded), and rolled back otherwise. Returns what was done.
 */
export async function resolvePreparedImports(db: Queryable): Promise<{ committed: number; rolledBack: number }> {
  const r = await db.query<{ gid: string }>('SELECT gid FROM pg_prepared_xacts WHERE gid LIKE $1 AND database = current_database() ORDER BY gid', [
    `${PREPARED_PREFIX}%`,
  ]);
  const done = { committed: 0, rolledBack: 0 };
  const chunks = r.rows
    .map(({ gid }) => ({ gid, parts: gid.slice(PREPARED_PREFIX.length).split(':').map(Number) }))
    .sort((a, b) => a.parts[0]! - b.parts[0]! || a.parts[1]! - b.parts[1]! || a.parts[2]! - b.parts[2]!);
  for (const { gid, parts } of chunks) {
    const [jobId, attempt] = parts as [number, number];
    const job = await db.query<{ ok: boolean }>("SELECT status = 'succeeded' AND attempts = $2 AS ok FROM jobs WHERE id = $1", [jobId, attempt]);
    if (job.rows[0]?.ok === true) {
      await db.query(`COMMIT PREPARED '${gid}'`);
      done.committed += 1;
    } else {
      await db.query(`ROLLBACK PREPARED '${gid}'`);
      done.rolledBack += 1;
    }
  }
  return done;
}

/**
 * Tables the publish writes: none may have a trigger of its own that fires on INSERT (tgtype bit 4) for
 * the set-based checks to stand in; an UPDATE-only trigger (the statistics' people trigger, 0056) is
 * never reached by the publish's inserts.
 */
const PUBLISHED_TABLES = ['people', 'qualifications', 'audit_log'];

/** The user triggers that fire on INSERT (tgtype bit 4) on the tables the parameter `p` names (regclass[]). */
const insertTriggersOn = (p: string) => `SELECT 1 FROM pg_trigger WHERE NOT tgisinternal AND (tgtype::int & 4) <> 0 AND tgrelid = ANY(${p}::regclass[])`;

/**
 * True when every reference of the staged rows exists (what the foreign keys would check, row by
 * row) and the published tables have no user trigger that fires on INSERT.
 */
async function referencesHold(tx: Queryable, jobId: number, actorId: number, range?: RowRange): Promise<boolean> {
  const triggers = await tx.query<{ any: boolean }>(`SELECT EXISTS (${insertTriggersOn('$1')}) AS any`, [PUBLISHED_TABLES]);
  if (triggers.rows[0]!.any) return false;
  const inRange = range ? 'AND s.row_no BETWEEN $3 AND $4' : '';
  const dangling = await tx.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM import_staging s
               LEFT JOIN ethnicities e ON e.code = s.ethnicity_code
               LEFT JOIN units u ON u.id = s.unit_id
               LEFT JOIN titles t ON t.id = s.title_id
               LEFT JOIN job_positions jp ON jp.id = s.job_position_id
               LEFT JOIN ranks r ON r.id = s.rank_id
               LEFT JOIN management_scopes ms ON ms.id = s.management_scope_id
             WHERE s.job_id = $1 ${inRange}
               AND (e.code IS NULL OR u.id IS NULL
                    OR (s.title_id IS NOT NULL AND t.id IS NULL)
                    OR (s.job_position_id IS NOT NULL AND jp.id IS NULL)
                    OR (s.rank_id IS NOT NULL AND r.id IS NULL)
                    OR (s.management_scope_id IS NOT NULL AND ms.id IS NULL)))
          + (SELECT count(*) FROM import_staging s
               CROSS JOIN LATERAL jsonb_array_elements(s.qualifications) q
               LEFT JOIN qualification_levels l ON l.kind = q->>'kind' AND l.code = q->>'level'
             WHERE s.job_id = $1 ${inRange} AND q->>'level' IS NOT NULL AND l.code IS NULL)
          + (SELECT count(*) FROM (SELECT $2::int AS id) a WHERE NOT EXISTS (SELECT 1 FROM users WHERE users.id = a.id)) AS n`,
    range ? [jobId, actorId, range.from, range.to] : [jobId, actorId],
  );
  return dangling.rows[0]!.n === 0;
}

/** Drops a published import's staged rows `size` row numbers at a time: short statements (PGlite, decision 0054). */
export async function clearStagedImportInSlices(db: Queryable, jobId: number, range: { first: number; last: number }, size: number): Promise<void> {
  for (let from = range.first; from <= range.last; from += size) {
    await db.query('DELETE FROM import_staging WHERE job_id = $1 AND row_no BETWEEN $2 AND $3', [jobId, from, from + size - 1]);
  }
  await clearStagedImport(db, jobId);
}

/** Staged rows of jobs no longer running (a crashed or refused import): dropped by the runner's upkeep. */
export async function purgeOrphanStaging(db: Queryable): Promise<number> {
  const r = await db.query("DELETE FROM import_staging s USING jobs j WHERE j.id = s.job_id AND j.status <> 'running'");
  return r.rowCount;
}
