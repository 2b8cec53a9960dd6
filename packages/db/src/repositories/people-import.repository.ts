import type { Queryable } from '../create-db.js';
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

/** Stages checked rows of an import (one short statement per batch, outside any long transaction). */
export async function stageImportRows(db: Queryable, jobId: number, rows: StagedPerson[], batch = 1000): Promise<void> {
  await insertRows(
    db,
    'import_staging',
    ['job_id', 'row_no', ...STAGED_PERSON_COLUMNS, 'qualifications'],
    rows.map((r) => [
      jobId,
      r.row,
      ...personWriteValues(r.person),
      r.person.educationLevel ?? null,
      r.person.politicalTheoryLevel ?? null,
      r.person.stateManagementLevel ?? null,
      JSON.stringify(r.qualifications),
    ]),
    { batch },
  );
}

/**
 * Publishes a staged import in the caller's transaction, set-based: the people (in sheet order),
 * their qualifications, one audit record per person; then drops the staged rows. Returns the
 * number of people written. A citizen id saved by someone else since the check raises 23505.
 */
export async function publishStagedImport(tx: Queryable, jobId: number, actor: { id: number; name: string }): Promise<number> {
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
  await clearStagedImport(tx, jobId);
  return people.rowCount;
}

/** Staged rows of jobs no longer running (a crashed or refused import): dropped by the runner's upkeep. */
export async function purgeOrphanStaging(db: Queryable): Promise<number> {
  const r = await db.query(
    "DELETE FROM import_staging s USING jobs j WHERE j.id = s.job_id AND j.status <> 'running'",
  );
  return r.rowCount;
}
