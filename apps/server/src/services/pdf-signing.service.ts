/**
 * The school's certificate for signing PDF files (PAdES, decision 0061): set, replaced or removed
 * by whoever edits the unit's document settings (the document settings policy); every certificate
 * PDF of a class the unit organises is then signed with it. The key and password go in and never
 * come out: answers and audit records carry the certificate's subject, issuer, serial, validity and
 * fingerprint only.
 */
import { auditRepo, documentsRepo, pdfSigningRepo, type Db, type Queryable } from '@nang-tam/db';
import type { PdfSigningCertificate, UploadPdfSigningCertificate } from '@nang-tam/contracts';
import { AppError, fieldError, notFound } from '../errors.js';
import { documentSettingsPolicy, reachesUnit } from '../policies/document-settings.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { readPkcs12, type PdfSigning } from '../certificates/pades.js';
import { workerPool } from '../workers/pool.js';
import { asBuffer } from '../workers/tasks.js';

async function reachableUnit(db: Queryable, user: AuthUser, unitId: number): Promise<documentsRepo.UnitNamesRow> {
  const unit = await documentsRepo.findUnitNames(db, unitId);
  if (!unit || !reachesUnit(user, { unitPath: unit.path })) throw notFound();
  return unit;
}

const iso = (v: string | Date): string => new Date(v).toISOString();

/** What is audited of a certificate: never the key or the password. */
interface Described {
  subject: string;
  issuer: string;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  fingerprint: string;
}
const audited = (row: pdfSigningRepo.SigningCertificateDescriptionRow): Described => ({
  subject: row.subject,
  issuer: row.issuer,
  serialNumber: row.serial_number,
  validFrom: iso(row.not_before),
  validTo: iso(row.not_after),
  fingerprint: row.fingerprint,
});

/** What is shown of a certificate (what is audited, and whether it is valid now). */
function describe(row: pdfSigningRepo.SigningCertificateDescriptionRow, now: Date) {
  return {
    ...audited(row),
    valid: new Date(row.not_before).getTime() <= now.getTime() && now.getTime() <= new Date(row.not_after).getTime(),
    version: row.version,
    updatedBy: row.updated_by_name,
    updatedAt: iso(row.updated_at),
  };
}

function toAnswer(
  user: AuthUser,
  unit: documentsRepo.UnitNamesRow,
  row: pdfSigningRepo.SigningCertificateDescriptionRow | null,
): PdfSigningCertificate {
  return {
    unitId: unit.id,
    unitName: unit.name,
    certificate: row ? describe(row, new Date()) : null,
    actions: documentSettingsPolicy.allowedActions(user, { unitPath: unit.path }),
  };
}

/** The unit's certificate for signing PDFs (null while none), for anyone who reaches the unit. */
export async function getPdfSigningCertificate(db: Db, user: AuthUser, unitId: number): Promise<PdfSigningCertificate> {
  const unit = await reachableUnit(db, user, unitId);
  return toAnswer(user, unit, await pdfSigningRepo.findDescription(db, unitId));
}


/**
 * Sets or replaces the unit's certificate from a PKCS#12 and its password. Refused with
 * VALIDATION_FAILED naming the field: not a PKCS#12, wrong password, no private key, no certificate
 * for the key, a key neither RSA nor ECDSA, an expired or not yet valid certificate.
 */
export async function uploadPdfSigningCertificate(
  db: Db,
  user: AuthUser,
  unitId: number,
  input: UploadPdfSigningCertificate,
  now = new Date(),
): Promise<PdfSigningCertificate> {
  // who may, before reading the file (opening a PKCS#12 costs a few hundred milliseconds)
  const unit = await reachableUnit(db, user, unitId);
  documentSettingsPolicy.authorize(user, { unitPath: unit.path }, 'update');
  const read = readPkcs12(Buffer.from(input.pkcs12.replace(/\s+/g, ''), 'base64'), input.password, now);
  if (!read.ok) throw new AppError('VALIDATION_FAILED', [fieldError(read.refusal.field, read.refusal.code)]);
  const c = read.value;
  return db.transaction(async (tx) => {
    const lockedUnit = await reachableUnit(tx, user, unitId);
    documentSettingsPolicy.authorize(user, { unitPath: lockedUnit.path }, 'update');
    const before = await pdfSigningRepo.lockDescription(tx, unitId);
    await pdfSigningRepo.upsertSigningCertificate(
      tx,
      unitId,
      {
        privateKeyPem: c.privateKeyPem,
        passphrase: input.password,
        chainPem: c.chainPem,
        subject: c.subject,
        issuer: c.issuer,
        serialNumber: c.serialNumber,
        notBefore: c.notBefore,
        notAfter: c.notAfter,
        fingerprint: c.fingerprint,
      },
      user.id,
    );
    const after = await pdfSigningRepo.findDescription(tx, unitId);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: before ? 'update' : 'create',
      entity: 'pdf_signing_certificate',
      entityId: unitId,
      before: before && audited(before),
      after: after && audited(after),
    });
    return toAnswer(user, lockedUnit, after);
  });
}

/** Removes the unit's certificate (its PDFs are no longer signed); nothing to remove changes nothing. */
export async function deletePdfSigningCertificate(db: Db, user: AuthUser, unitId: number): Promise<PdfSigningCertificate> {
  return db.transaction(async (tx) => {
    const unit = await reachableUnit(tx, user, unitId);
    documentSettingsPolicy.authorize(user, { unitPath: unit.path }, 'update');
    const before = await pdfSigningRepo.lockDescription(tx, unitId);
    if (before) {
      await pdfSigningRepo.deleteSigningCertificate(tx, unitId);
      await auditRepo.appendAudit(tx, {
        ...actorOf(user),
        action: 'delete',
        entity: 'pdf_signing_certificate',
        entityId: unitId,
        before: audited(before),
        after: null,
      });
    }
    return toAnswer(user, unit, null);
  });
}

/**
 * What signs the PDFs of classes the unit organises: its own certificate while valid, else null
 * (an expired certificate signs nothing; the settings page shows it as expired).
 */
export async function signingOf(
  db: Queryable,
  unitId: number,
  texts: { name: string; location: string },
  now = new Date(),
): Promise<PdfSigning | null> {
  const row = await pdfSigningRepo.findSigningMaterial(db, unitId);
  if (!row) return null;
  if (new Date(row.not_after).getTime() < now.getTime() || new Date(row.not_before).getTime() > now.getTime()) return null;
  return {
    privateKeyPem: row.private_key_pem,
    passphrase: row.passphrase,
    chainPem: row.chain_pem,
    fingerprint: row.fingerprint,
    name: texts.name,
    location: texts.location,
    reason: 'Cap van bang, chung chi',
  };
}

/** The PDF signed in a worker thread when the organiser has a valid certificate; as it was otherwise. */
export async function signedIfConfigured(
  db: Queryable,
  unitId: number,
  pdf: Buffer,
  texts: { name: string; location: string },
): Promise<Buffer> {
  const signing = await signingOf(db, unitId, texts);
  if (!signing) return pdf;
  return asBuffer(await workerPool().run('signPdf', { pdf, signing }));
}
