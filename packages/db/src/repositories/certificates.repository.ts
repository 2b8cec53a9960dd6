/**
 * Certificates: the installation's signing key, the gapless number counters, issued certificates
 * with what they certify, and the qualification each graduation writes into the registry.
 */
import type { Scope } from '@nang-tam/domain';
import { insertRows } from '../batch.js';
import type { Queryable } from '../create-db.js';
import { Params, scopeCondition } from './scope.js';

// ---------- signing key ----------

export interface SigningKeyRow {
  id: number;
  public_key: string;
  private_key: string;
  created_at: string;
}

/** Every key pair, oldest first (the oldest signs; all verify). */
export async function findSigningKeys(db: Queryable): Promise<SigningKeyRow[]> {
  const r = await db.query<SigningKeyRow>('SELECT id, public_key, private_key, created_at FROM signing_keys ORDER BY id');
  return r.rows;
}

/** Serialises the creation of the first key pair until the transaction ends (two processes agree on one). */
export async function lockSigningKeys(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['signing_keys']);
}

export async function insertSigningKey(tx: Queryable, publicKey: string, privateKey: string): Promise<SigningKeyRow> {
  const r = await tx.query<SigningKeyRow>(
    'INSERT INTO signing_keys (public_key, private_key) VALUES ($1, $2) RETURNING id, public_key, private_key, created_at',
    [publicKey, privateKey],
  );
  return r.rows[0]!;
}

// ---------- issuing ----------

export interface IssuableEnrolmentRow {
  enrolment_id: number;
  status: string;
  classification: string | null;
  class_id: number;
  programme_code: string;
  grants_kind: string | null;
  grants_level: string | null;
  organiser_name: string;
  organiser_path: string;
  person_id: number;
  full_name: string;
  birth_date: string;
  sort_key: string;
  /** The certificate already issued for this enrolment, if any. */
  certificate_id: number | null;
}

/**
 * The enrolments to certify, locked until the transaction ends, with their class, programme,
 * organiser and person; ordered as numbers are given: programme, class, learner name.
 * Enrolments without a class are not returned (a certificate names its class and issuer).
 */
export async function findIssuableEnrolments(tx: Queryable, enrolmentIds: readonly number[]): Promise<IssuableEnrolmentRow[]> {
  const r = await tx.query<IssuableEnrolmentRow>(
    `SELECT e.id AS enrolment_id, e.status, e.classification, c.id AS class_id, c.programme_code,
       pr.grants_kind, pr.grants_level, ou.name AS organiser_name, ou.path AS organiser_path,
       p.id AS person_id, p.full_name, p.birth_date, p.sort_key, ce.id AS certificate_id
     FROM enrolments e
     JOIN classes c ON c.id = e.class_id
     JOIN programmes pr ON pr.code = c.programme_code
     JOIN units ou ON ou.id = c.organiser_unit_id
     JOIN people p ON p.id = e.person_id
     LEFT JOIN certificates ce ON ce.enrolment_id = e.id
     WHERE e.id = ANY($1::int[])
     ORDER BY c.programme_code, c.id, p.sort_key, e.id
     FOR UPDATE OF e`,
    [enrolmentIds],
  );
  return r.rows;
}

/**
 * Takes `count` consecutive numbers of a programme and year and returns the last one (the first
 * is last - count + 1). The counter row stays locked until the transaction ends, so concurrent
 * issuers wait for each other and a rolled-back issue gives its numbers back: no gaps, no repeats.
 */
export async function takeCertificateNumbers(tx: Queryable, programmeCode: string, year: number, count: number): Promise<number> {
  const r = await tx.query<{ last_number: number }>(
    `INSERT INTO certificate_counters (programme_code, year, last_number) VALUES ($1, $2, $3)
     ON CONFLICT (programme_code, year) DO UPDATE SET last_number = certificate_counters.last_number + EXCLUDED.last_number
     RETURNING last_number`,
    [programmeCode, year, count],
  );
  return r.rows[0]!.last_number;
}

export interface GraduatedQualificationWrite {
  personId: number;
  kind: string;
  level: string;
  awardedOn: string;
  institution: string;
}

/** Qualifications with source 'graduated'; ids in input order. */
export async function insertGraduatedQualifications(tx: Queryable, rows: readonly GraduatedQualificationWrite[]): Promise<number[]> {
  return insertRows<number>(
    tx,
    'qualifications',
    ['person_id', 'kind', 'level', 'field', 'awarded_on', 'institution', 'source'],
    rows.map((q) => [q.personId, q.kind, q.level, null, q.awardedOn, q.institution, 'graduated']),
    { batch: 1000, returning: 'id' },
  );
}

export interface CertificateWrite {
  number: string;
  enrolmentId: number;
  personId: number;
  programmeCode: string;
  holderName: string;
  holderBirthDate: string;
  classification: string;
  issuedOn: string;
  signature: string;
  qualificationId: number | null;
}

/** Inserts certificates; ids in input order. */
export async function insertCertificates(tx: Queryable, rows: readonly CertificateWrite[]): Promise<number[]> {
  return insertRows<number>(
    tx,
    'certificates',
    [
      'number',
      'enrolment_id',
      'person_id',
      'programme_code',
      'holder_name',
      'holder_birth_date',
      'classification',
      'issued_on',
      'signature',
      'qualification_id',
    ],
    rows.map((c) => [
      c.number,
      c.enrolmentId,
      c.personId,
      c.programmeCode,
      c.holderName,
      c.holderBirthDate,
      c.classification,
      c.issuedOn,
      c.signature,
      c.qualificationId,
    ]),
    { batch: 1000, returning: 'id' },
  );
}

/** Marks people changed (their profile's "updated at") after their qualifications changed. */
export async function touchPeople(tx: Queryable, personIds: readonly number[]): Promise<void> {
  if (personIds.length === 0) return;
  await tx.query('UPDATE people SET updated_at = now() WHERE id = ANY($1::int[])', [personIds]);
}

// ---------- reading ----------

export interface CertificateRow {
  id: number;
  number: string;
  enrolment_id: number;
  person_id: number;
  person_name: string;
  gender: string;
  programme_code: string;
  programme_name: string;
  programme_kind: string;
  holder_name: string;
  holder_birth_date: string;
  classification: string;
  issued_on: string;
  signature: string;
  qualification_id: number | null;
  revoked_at: string | null;
  revoked_by_name: string | null;
  revoke_reason: string | null;
  class_id: number;
  class_name: string;
  cohort_code: string;
  mode: string;
  start_date: string;
  end_date: string;
  /** The class's grading scheme (its classification bands carry the labels). */
  grading_scheme: unknown;
  organiser_id: number;
  organiser_name: string;
  organiser_path: string;
  organiser_depth: number;
  /** The organiser's parent unit (null for a root). */
  organiser_parent_name: string | null;
  /** The root of the organiser's tree: the province. */
  province_name: string;
}

const CERTIFICATE_SELECT = `
  SELECT ce.id, ce.number, ce.enrolment_id, ce.person_id, p.full_name AS person_name, p.gender,
    ce.programme_code, pr.name AS programme_name, pr.kind AS programme_kind,
    ce.holder_name, ce.holder_birth_date, ce.classification, ce.issued_on, ce.signature, ce.qualification_id,
    ce.revoked_at, ru.username AS revoked_by_name, ce.revoke_reason,
    c.id AS class_id, c.name AS class_name, c.cohort_code, c.mode, c.start_date, c.end_date, c.grading_scheme,
    ou.id AS organiser_id, ou.name AS organiser_name, ou.path AS organiser_path, ou.depth AS organiser_depth,
    op.name AS organiser_parent_name, root.name AS province_name
  FROM certificates ce
  JOIN enrolments e ON e.id = ce.enrolment_id
  JOIN classes c ON c.id = e.class_id
  JOIN programmes pr ON pr.code = ce.programme_code
  JOIN people p ON p.id = ce.person_id
  JOIN units pu ON pu.id = p.unit_id
  JOIN units ou ON ou.id = c.organiser_unit_id
  LEFT JOIN units op ON op.id = ou.parent_id
  JOIN units root ON root.id = split_part(ou.path, '/', 2)::int
  LEFT JOIN users ru ON ru.id = ce.revoked_by`;

/** Who sees a certificate: the holder's record is in the user's scope, or the user manages certificates of its issuer. */
export interface CertificateViewer {
  scope: Scope;
  /** Holds certificates.manage: the certificates of classes organised in the scope are visible too. */
  managesCertificates: boolean;
}

function visibleTo(viewer: CertificateViewer, p: Params): string {
  const ofPerson = scopeCondition(viewer.scope, p, 'pu', 'p');
  return viewer.managesCertificates ? `(${ofPerson} OR ${scopeCondition(viewer.scope, p, 'ou')})` : ofPerson;
}

/** One certificate the viewer may see, or null (missing and out of scope look the same). */
export async function findCertificate(db: Queryable, viewer: CertificateViewer, id: number): Promise<CertificateRow | null> {
  const p = new Params();
  const r = await db.query<CertificateRow>(`${CERTIFICATE_SELECT} WHERE ce.id = ${p.add(id)} AND ${visibleTo(viewer, p)}`, p.values);
  return r.rows[0] ?? null;
}

/** A certificate by its number, for the public verification (no scope). */
export async function findCertificateByNumber(db: Queryable, number: string): Promise<CertificateRow | null> {
  const r = await db.query<CertificateRow>(`${CERTIFICATE_SELECT} WHERE ce.number = $1`, [number]);
  return r.rows[0] ?? null;
}

/** Every certificate of a person (the caller has checked the person is in scope), newest first. */
export async function listCertificatesOfPerson(db: Queryable, personId: number): Promise<CertificateRow[]> {
  const r = await db.query<CertificateRow>(`${CERTIFICATE_SELECT} WHERE ce.person_id = $1 ORDER BY ce.issued_on DESC, ce.id DESC`, [
    personId,
  ]);
  return r.rows;
}

/** The certificates of a class the viewer may see, in number order. */
export async function listCertificatesOfClass(db: Queryable, viewer: CertificateViewer, classId: number): Promise<CertificateRow[]> {
  const p = new Params();
  const r = await db.query<CertificateRow>(
    `${CERTIFICATE_SELECT} WHERE c.id = ${p.add(classId)} AND ${visibleTo(viewer, p)} ORDER BY ce.number`,
    p.values,
  );
  return r.rows;
}

// ---------- revoking ----------

export interface RevocableRow {
  id: number;
  number: string;
  person_id: number;
  qualification_id: number | null;
  revoked_at: string | null;
  revoke_reason: string | null;
  /** The class's organiser unit: whose certificates manager may revoke it (the certificate policy). */
  organiser_path: string;
}

/** A certificate, locked, with its issuer's path (the caller's policy decides who reaches it); or null. */
export async function lockCertificate(tx: Queryable, id: number): Promise<RevocableRow | null> {
  const r = await tx.query<RevocableRow>(
    `SELECT ce.id, ce.number, ce.person_id, ce.qualification_id, ce.revoked_at, ce.revoke_reason, ou.path AS organiser_path
     FROM certificates ce
     JOIN enrolments e ON e.id = ce.enrolment_id
     JOIN classes c ON c.id = e.class_id
     JOIN units ou ON ou.id = c.organiser_unit_id
     WHERE ce.id = $1
     FOR UPDATE OF ce`,
    [id],
  );
  return r.rows[0] ?? null;
}

/** Records the revocation and detaches the registry qualification; returns the revocation time. */
export async function markRevoked(tx: Queryable, id: number, userId: number, reason: string): Promise<string> {
  const r = await tx.query<{ revoked_at: string }>(
    `UPDATE certificates SET revoked_at = now(), revoked_by = $2, revoke_reason = $3, qualification_id = NULL
     WHERE id = $1 RETURNING revoked_at`,
    [id, userId, reason],
  );
  return r.rows[0]!.revoked_at;
}

/** Deletes a qualification that graduation wrote; returns the deleted row, or null when it is gone already. */
export async function deleteGraduatedQualification(tx: Queryable, qualificationId: number): Promise<Record<string, unknown> | null> {
  const r = await tx.query<Record<string, unknown>>("DELETE FROM qualifications WHERE id = $1 AND source = 'graduated' RETURNING *", [
    qualificationId,
  ]);
  return r.rows[0] ?? null;
}
