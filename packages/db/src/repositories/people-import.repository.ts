import type { Queryable } from '../create-db.js';
import { likeEscape } from './scope.js';
import { insertRows } from '../batch.js';

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
