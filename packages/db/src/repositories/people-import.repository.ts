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
 * `checkReferencesAtOnce` (PGlite, decision 0032): the foreign keys of the staged rows (ethnicity,
 * unit, title, job position, rank, management scope, qualification levels, the actor) are checked
 * by two set-based statements, and the inserts then run without the per-row foreign-key triggers
 * (`session_replication_role = replica`, for these three statements only), which otherwise cost
 * about half of the publish: 180,000 trigger calls for 20,000 people with three qualifications
 * each. Only where nothing else can write between the check and the inserts (PGlite: one
 * connection, held by this transaction), and only while the three tables have no trigger of their
 * own (one added later would be skipped too: then the ordinary path is taken). Unique and check
 * constraints are indexes and expressions, not triggers: they hold either way. A dangling
 * reference takes the ordinary path, whose foreign keys report it.
 */
export async function publishStagedImport(
  tx: Queryable,
  jobId: number,
  actor: { id: number; name: string },
  options: { checkReferencesAtOnce?: boolean } = {},
): Promise<number> {
  const atOnce = options.checkReferencesAtOnce === true && (await referencesHold(tx, jobId, actor.id));
  if (atOnce) await tx.query('SET LOCAL session_replication_role = replica');
  const cols = STAGED_PERSON_COLUMNS.join(', ');
  const people = await tx.query(
    `INSERT INTO people (id, ${cols}) SELECT person_id, ${cols} FROM import_staging WHERE job_id = $1 ORDER BY row_no`,
    [jobId],
  );
  await tx.query(
    `INSERT INTO qualifications (person_id, kind, level, field, awarded_on, institution, source)
     SELECT s.person_id, q->>'kind', q->>'level', q->>'field', NULL, NULL, 'imported'
     FROM import_staging s CROSS JOIN LATERAL jsonb_array_elements(s.qualifications) q
     WHERE s.job_id = $1
     ORDER BY s.row_no`,
    [jobId],
  );
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, person_id, after)
     SELECT $2, $3, 'import', 'person', s.person_id::text, s.person_id,
            jsonb_build_object('jobId', $1::int, 'row', s.row_no, 'fullName', s.full_name, 'citizenId', s.citizen_id, 'unitId', s.unit_id)
     FROM import_staging s
     WHERE s.job_id = $1
     ORDER BY s.row_no`,
    [jobId, actor.id, actor.name],
  );
  if (atOnce) await tx.query('SET LOCAL session_replication_role = origin');
  await clearStagedImport(tx, jobId);
  return people.rowCount;
}

/** Tables the publish writes: none may have a trigger of its own for the set-based checks to stand in. */
const PUBLISHED_TABLES = ['people', 'qualifications', 'audit_log'];

/**
 * True when every reference of the staged rows exists (what the foreign keys would check, row by
 * row) and the published tables have no user trigger.
 */
async function referencesHold(tx: Queryable, jobId: number, actorId: number): Promise<boolean> {
  const triggers = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = ANY($1::regclass[])',
    [PUBLISHED_TABLES],
  );
  if (triggers.rows[0]!.n > 0) return false;
  const dangling = await tx.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM import_staging s
               LEFT JOIN ethnicities e ON e.code = s.ethnicity_code
               LEFT JOIN units u ON u.id = s.unit_id
               LEFT JOIN titles t ON t.id = s.title_id
               LEFT JOIN job_positions jp ON jp.id = s.job_position_id
               LEFT JOIN ranks r ON r.id = s.rank_id
               LEFT JOIN management_scopes ms ON ms.id = s.management_scope_id
             WHERE s.job_id = $1
               AND (e.code IS NULL OR u.id IS NULL
                    OR (s.title_id IS NOT NULL AND t.id IS NULL)
                    OR (s.job_position_id IS NOT NULL AND jp.id IS NULL)
                    OR (s.rank_id IS NOT NULL AND r.id IS NULL)
                    OR (s.management_scope_id IS NOT NULL AND ms.id IS NULL)))
          + (SELECT count(*) FROM import_staging s
               CROSS JOIN LATERAL jsonb_array_elements(s.qualifications) q
               LEFT JOIN qualification_levels l ON l.kind = q->>'kind' AND l.code = q->>'level'
             WHERE s.job_id = $1 AND q->>'level' IS NOT NULL AND l.code IS NULL)
          + (SELECT count(*) FROM (SELECT $2::int AS id) a WHERE NOT EXISTS (SELECT 1 FROM users WHERE users.id = a.id)) AS n`,
    [jobId, actorId],
  );
  return dangling.rows[0]!.n === 0;
}

/** Staged rows of jobs no longer running (a crashed or refused import): dropped by the runner's upkeep. */
export async function purgeOrphanStaging(db: Queryable): Promise<number> {
  const r = await db.query("DELETE FROM import_staging s USING jobs j WHERE j.id = s.job_id AND j.status <> 'running'");
  return r.rowCount;
}
