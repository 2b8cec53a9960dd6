/**
 * Printed documents (decision 0034): the organisation's document settings (who issues and signs),
 * and the facts a class's documents are printed from: the class with its organiser, parent unit and
 * province, and its learners with their personal summary (trích ngang). Sessions, attendance,
 * grades and certificates are read through their own repositories.
 */
import type { Queryable } from '../create-db.js';

// ---------- settings ----------

export interface DocumentSettingsRow {
  unit_id: number;
  header_style: 'state' | 'party';
  parent_body: string;
  issuing_body: string;
  symbol: string;
  place: string;
  signer_authority: string;
  signer_title: string;
  signer_name: string;
  version: number;
  updated_by_name: string | null;
  updated_at: string;
}

const SETTINGS_SELECT = `
  SELECT ds.unit_id, ds.header_style, ds.parent_body, ds.issuing_body, ds.symbol, ds.place, ds.signer_authority,
    ds.signer_title, ds.signer_name, ds.version, us.username AS updated_by_name, ds.updated_at
  FROM document_settings ds LEFT JOIN users us ON us.id = ds.updated_by`;

export async function findSettings(db: Queryable, unitId: number): Promise<DocumentSettingsRow | null> {
  const r = await db.query<DocumentSettingsRow>(`${SETTINGS_SELECT} WHERE ds.unit_id = $1`, [unitId]);
  return r.rows[0] ?? null;
}

/** The unit's settings row locked until the transaction ends (null when it has none yet). */
export async function lockSettings(tx: Queryable, unitId: number): Promise<DocumentSettingsRow | null> {
  const r = await tx.query<DocumentSettingsRow>(`${SETTINGS_SELECT} WHERE ds.unit_id = $1 FOR UPDATE OF ds`, [unitId]);
  return r.rows[0] ?? null;
}

export interface DocumentSettingsWrite {
  headerStyle: 'state' | 'party';
  parentBody: string;
  issuingBody: string;
  symbol: string;
  place: string;
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
}

/** Inserts or replaces the unit's settings, bumping the version; returns the new version. */
export async function upsertSettings(tx: Queryable, unitId: number, w: DocumentSettingsWrite, userId: number): Promise<number> {
  const r = await tx.query<{ version: number }>(
    `INSERT INTO document_settings (unit_id, header_style, parent_body, issuing_body, symbol, place, signer_authority, signer_title, signer_name, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (unit_id) DO UPDATE SET header_style = EXCLUDED.header_style, parent_body = EXCLUDED.parent_body,
       issuing_body = EXCLUDED.issuing_body, symbol = EXCLUDED.symbol, place = EXCLUDED.place,
       signer_authority = EXCLUDED.signer_authority, signer_title = EXCLUDED.signer_title, signer_name = EXCLUDED.signer_name,
       updated_by = EXCLUDED.updated_by, updated_at = now(), version = document_settings.version + 1
     RETURNING version`,
    [unitId, w.headerStyle, w.parentBody, w.issuingBody, w.symbol, w.place, w.signerAuthority, w.signerTitle, w.signerName, userId],
  );
  return r.rows[0]!.version;
}

/** A unit with what its default settings are derived from: its parent's and its province's names. */
export interface UnitNamesRow {
  id: number;
  name: string;
  path: string;
  parent_name: string | null;
  province_name: string;
}

export async function findUnitNames(db: Queryable, unitId: number): Promise<UnitNamesRow | null> {
  const r = await db.query<UnitNamesRow>(
    `SELECT u.id, u.name, u.path, pu.name AS parent_name, root.name AS province_name
     FROM units u LEFT JOIN units pu ON pu.id = u.parent_id JOIN units root ON root.id = split_part(u.path, '/', 2)::int
     WHERE u.id = $1`,
    [unitId],
  );
  return r.rows[0] ?? null;
}

// ---------- a class's documents ----------

export interface DocumentClassRow {
  id: number;
  name: string;
  cohort_code: string;
  programme_code: string;
  programme_name: string;
  programme_kind: string;
  mode: string;
  site: string;
  start_date: string;
  end_date: string;
  status: 'open' | 'closed' | 'finished';
  graduated_at: string | null;
  grading_scheme: unknown;
  graduation_conditions: { finalExam?: string } | null;
  organiser_unit_id: number;
  organiser_path: string;
}

export async function findDocumentClass(db: Queryable, classId: number): Promise<DocumentClassRow | null> {
  const r = await db.query<DocumentClassRow>(
    `SELECT c.id, c.name, c.cohort_code, c.programme_code, pr.name AS programme_name, pr.kind AS programme_kind, c.mode, c.site,
       c.start_date, c.end_date, c.status, c.graduated_at, c.grading_scheme, c.graduation_conditions, c.organiser_unit_id, ou.path AS organiser_path
     FROM classes c JOIN programmes pr ON pr.code = c.programme_code JOIN units ou ON ou.id = c.organiser_unit_id
     WHERE c.id = $1`,
    [classId],
  );
  return r.rows[0] ?? null;
}

/** A learner of the class with the personal summary a class list prints (danh sách trích ngang). */
export interface DocumentLearnerRow {
  enrolment_id: number;
  status: 'enrolled' | 'completed' | 'failed';
  person_id: number;
  full_name: string;
  birth_date: string;
  gender: 'male' | 'female';
  ethnicity_name: string;
  title_name: string | null;
  job_position_name: string | null;
  unit_name: string;
  education_level: string | null;
  political_theory_level: string | null;
  state_management_level: string | null;
  average: number | null;
  final_grade: number | null;
  classification: string | null;
  graduated_on: string | null;
}

/** The class's learners (withdrawn ones left out), by name, with the names of their levels. */
export async function listDocumentLearners(db: Queryable, classId: number): Promise<DocumentLearnerRow[]> {
  const r = await db.query<DocumentLearnerRow>(
    `SELECT e.id AS enrolment_id, e.status, p.id AS person_id, p.full_name, p.birth_date, p.gender, et.name AS ethnicity_name,
       t.name AS title_name, jp.name AS job_position_name, u.name AS unit_name,
       ed.name AS education_level, pt.name AS political_theory_level, sm.name AS state_management_level,
       e.average, e.final_grade, e.classification, e.graduated_on
     FROM enrolments e
     JOIN people p ON p.id = e.person_id
     JOIN units u ON u.id = p.unit_id
     JOIN ethnicities et ON et.code = p.ethnicity_code
     LEFT JOIN titles t ON t.id = p.title_id
     LEFT JOIN job_positions jp ON jp.id = p.job_position_id
     LEFT JOIN qualification_levels ed ON ed.kind = 'education' AND ed.code = p.education_level
     LEFT JOIN qualification_levels pt ON pt.kind = 'political_theory' AND pt.code = p.political_theory_level
     LEFT JOIN qualification_levels sm ON sm.kind = 'state_management' AND sm.code = p.state_management_level
     WHERE e.class_id = $1 AND e.status <> 'withdrawn'
     ORDER BY p.sort_key, e.id`,
    [classId],
  );
  return r.rows;
}
