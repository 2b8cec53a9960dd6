import type { Queryable } from '../create-db.js';
import { likeEscape } from './scope.js';
import type { PersonWrite } from './people.repository.js';

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
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const values: unknown[] = [];
    const tuples = chunk.map((q, j) => {
      values.push(q.personId, q.kind, q.level, q.field, q.awardedOn, q.institution, q.source);
      const b = j * 7;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
    });
    await tx.query(
      `INSERT INTO qualifications (person_id, kind, level, field, awarded_on, institution, source) VALUES ${tuples.join(', ')}`,
      values,
    );
  }
}

/** A new person from an import, with the highest level of each kind it brings along. */
export interface ImportedPersonWrite extends PersonWrite {
  educationLevel: string | null;
  politicalTheoryLevel: string | null;
  stateManagementLevel: string | null;
}

const PERSON_COLUMNS: [keyof ImportedPersonWrite, string][] = [
  ['citizenId', 'citizen_id'],
  ['fullName', 'full_name'],
  ['searchName', 'search_name'],
  ['sortKey', 'sort_key'],
  ['birthDate', 'birth_date'],
  ['gender', 'gender'],
  ['ethnicityCode', 'ethnicity_code'],
  ['category', 'category'],
  ['partyJoinedOn', 'party_joined_on'],
  ['partyOfficialOn', 'party_official_on'],
  ['unitId', 'unit_id'],
  ['titleId', 'title_id'],
  ['jobPositionId', 'job_position_id'],
  ['rankId', 'rank_id'],
  ['managementScopeId', 'management_scope_id'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['educationLevel', 'education_level'],
  ['politicalTheoryLevel', 'political_theory_level'],
  ['stateManagementLevel', 'state_management_level'],
];

/**
 * Inserts new people in multi-row statements, highest levels included; returns their ids in
 * input order. The levels are written with the row because setting them afterwards (as
 * refreshHighestLevels does) rewrites every row and its index entries: on a 100k-row import that
 * doubled the time of the whole insert.
 */
export async function insertImportedPeople(tx: Queryable, rows: ImportedPersonWrite[], batch = 1000): Promise<number[]> {
  const ids: number[] = [];
  const n = PERSON_COLUMNS.length;
  for (let i = 0; i < rows.length; i += batch) {
    const values: unknown[] = [];
    const tuples = rows.slice(i, i + batch).map((w, j) => {
      for (const [key] of PERSON_COLUMNS) values.push(w[key]);
      return `(${PERSON_COLUMNS.map((_, k) => `$${j * n + k + 1}`).join(', ')})`;
    });
    const r = await tx.query<{ id: number }>(
      `INSERT INTO people (${PERSON_COLUMNS.map(([, c]) => c).join(', ')}) VALUES ${tuples.join(', ')} RETURNING id`,
      values,
    );
    ids.push(...r.rows.map((x) => x.id));
  }
  return ids;
}
