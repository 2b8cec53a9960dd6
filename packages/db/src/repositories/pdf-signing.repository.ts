/**
 * The units' certificates for signing PDF files (PAdES, decision 0061). `findDescription` reads what
 * may be shown (no key, no password); `findSigningMaterial` reads the key and password too, for the
 * signing module only; the signing certificate of a unit is its own or its nearest ancestor's.
 */
import type { Queryable } from '../create-db.js';

export interface SigningCertificateDescriptionRow {
  unit_id: number;
  subject: string;
  issuer: string;
  serial_number: string;
  not_before: string;
  not_after: string;
  fingerprint: string;
  version: number;
  updated_by_name: string | null;
  updated_at: string;
}

export interface SigningMaterialRow {
  unit_id: number;
  private_key_pem: string;
  passphrase: string;
  chain_pem: string;
  subject: string;
  not_before: string;
  not_after: string;
  fingerprint: string;
}

const DESCRIPTION = `
  SELECT s.unit_id, s.subject, s.issuer, s.serial_number, s.not_before, s.not_after, s.fingerprint, s.version,
    us.username AS updated_by_name, s.updated_at
  FROM pdf_signing_certificates s LEFT JOIN users us ON us.id = s.updated_by`;

/** What the unit's own certificate is (null when it has none). */
export async function findDescription(db: Queryable, unitId: number): Promise<SigningCertificateDescriptionRow | null> {
  const r = await db.query<SigningCertificateDescriptionRow>(`${DESCRIPTION} WHERE s.unit_id = $1`, [unitId]);
  return r.rows[0] ?? null;
}

/** The unit's own certificate, locked until the transaction ends (null when it has none). */
export async function lockDescription(tx: Queryable, unitId: number): Promise<SigningCertificateDescriptionRow | null> {
  const r = await tx.query<SigningCertificateDescriptionRow>(`${DESCRIPTION} WHERE s.unit_id = $1 FOR UPDATE OF s`, [unitId]);
  return r.rows[0] ?? null;
}

/**
 * The certificate that signs a unit's PDFs: the unit's own (an ancestor's certificate names another
 * body, so it does not sign for the unit). Null when the unit has none.
 */
export async function findSigningMaterial(db: Queryable, unitId: number): Promise<SigningMaterialRow | null> {
  const r = await db.query<SigningMaterialRow>(
    `SELECT unit_id, private_key_pem, passphrase, chain_pem, subject, not_before, not_after, fingerprint
     FROM pdf_signing_certificates WHERE unit_id = $1`,
    [unitId],
  );
  return r.rows[0] ?? null;
}

export interface SigningCertificateWrite {
  privateKeyPem: string;
  passphrase: string;
  chainPem: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  fingerprint: string;
}

/** Sets or replaces the unit's certificate, bumping the version; returns the new version. */
export async function upsertSigningCertificate(tx: Queryable, unitId: number, w: SigningCertificateWrite, userId: number): Promise<number> {
  const r = await tx.query<{ version: number }>(
    `INSERT INTO pdf_signing_certificates (unit_id, private_key_pem, passphrase, chain_pem, subject, issuer, serial_number, not_before, not_after, fingerprint, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (unit_id) DO UPDATE SET private_key_pem = EXCLUDED.private_key_pem, passphrase = EXCLUDED.passphrase,
       chain_pem = EXCLUDED.chain_pem, subject = EXCLUDED.subject, issuer = EXCLUDED.issuer, serial_number = EXCLUDED.serial_number,
       not_before = EXCLUDED.not_before, not_after = EXCLUDED.not_after, fingerprint = EXCLUDED.fingerprint,
       updated_by = EXCLUDED.updated_by, updated_at = now(), version = pdf_signing_certificates.version + 1
     RETURNING version`,
    [
      unitId,
      w.privateKeyPem,
      w.passphrase,
      w.chainPem,
      w.subject,
      w.issuer,
      w.serialNumber,
      w.notBefore.toISOString(),
      w.notAfter.toISOString(),
      w.fingerprint,
      userId,
    ],
  );
  return r.rows[0]!.version;
}

/** Removes the unit's certificate; true when there was one. */
export async function deleteSigningCertificate(tx: Queryable, unitId: number): Promise<boolean> {
  const r = await tx.query('DELETE FROM pdf_signing_certificates WHERE unit_id = $1', [unitId]);
  return (r.rowCount ?? 0) > 0;
}
