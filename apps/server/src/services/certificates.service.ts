/**
 * Certificates: issued at graduation (numbered, signed, written into the registry as a
 * qualification), downloaded as a PDF, verified by anyone from the code in their QR, revoked with
 * a reason. The number, the signed payload and the code come from the domain
 * (`training.formatCertificateNumber`, `certificatePayload`, `encodeVerificationCode`).
 *
 * Issuing only writes rows and signs (Ed25519 takes microseconds); the PDF is rendered when it is
 * downloaded, so graduating a class of 500 does not wait for 500 PDFs.
 *
 * Revocation removes the qualification that the graduation wrote into the registry (and recomputes
 * the person's highest levels, so their gaps and eligibility change back at once): a revoked diploma
 * no longer proves the level. Qualifications entered or imported by hand are never touched.
 */
import { hasPermission, isIsoDate, rules, todayInVietnam, training, type IsoDate } from '@nang-tam/domain';
import { auditRepo, certificatesRepo, isUniqueViolation, peopleRepo, type Db, type Queryable } from '@nang-tam/db';
import {
  CERTIFICATE_DOCUMENT_KINDS,
  FIELD_ERRORS,
  VERIFICATION_INVALID_REASONS,
  VERIFICATION_STATUSES,
  type Certificate,
  type CertificateDocumentKind,
  type CertificateList,
  type CertificateVerification,
  type ErrorDetail,
  type RevokeCertificate,
  type SigningPublicKey,
  type VerificationInvalidReason,
} from '@nang-tam/contracts';
import { AppError, fieldError, notFound } from '../errors.js';
import { certificateManager, classPolicy, managesCertificatesOf } from '../policies/class.js';
import { certificateFactsOf, certificatePolicy } from '../policies/certificate.js';
import { loadClassFacts } from './access-facts.js';
import { refusalError } from '../policies/policy.js';
import { requirePerson } from './people.service.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { ensureSigningKey, loadVerifyingKeys, signBytes, verifyBytes } from '../certificates/signing.js';
import { placeOfProvince, type CertificatePdfData } from '../certificates/pdf.js';
import { workerPool } from '../workers/pool.js';
import { signedIfConfigured } from './pdf-signing.service.js';
import { asBuffer } from '../workers/tasks.js';

// ---------- what a certificate says ----------

/** Political theory and postgraduate programmes end with a bằng tốt nghiệp; every other course with a giấy chứng nhận. */
export function documentKindOf(programmeKind: string): CertificateDocumentKind {
  return programmeKind === 'political_theory' || programmeKind === 'postgraduate' ? 'diploma' : 'certificate';
}

/** The label of a classification code, from the class's own scheme (its bands), else the default scheme. */
export function classificationLabel(code: string, gradingScheme: unknown): string {
  const bandsOf = (scheme: unknown): { code?: unknown; label?: unknown }[] => {
    const bands = (scheme as { bands?: unknown } | null)?.bands;
    return Array.isArray(bands) ? (bands as { code?: unknown; label?: unknown }[]) : [];
  };
  for (const band of [...bandsOf(gradingScheme), ...training.DEFAULT_GRADING_SCHEME.bands]) {
    if (band.code === code && typeof band.label === 'string') return band.label;
  }
  return code;
}

function modeLabel(mode: string): string {
  return (rules.STUDY_MODE_LABELS as Record<string, string>)[mode] ?? mode;
}

function payloadOf(row: { number: string; person_id: number; holder_name: string; programme_code: string; issued_on: string }): string {
  const payload = training.certificatePayload({
    number: row.number,
    personId: String(row.person_id),
    fullName: row.holder_name,
    programmeCode: row.programme_code,
    issuedOn: row.issued_on,
  });
  if (!payload.ok) throw new Error(`certificate ${row.number} has no canonical payload: ${payload.error}`);
  return payload.value;
}

/** The code the QR carries, rebuilt from the stored certificate. */
function verificationCodeOf(row: certificatesRepo.CertificateRow): string {
  const signature = training.decodeBase64Url(row.signature);
  if (!signature) throw new Error(`certificate ${row.number} has a malformed stored signature`);
  return training.encodeVerificationCode(payloadOf(row), signature);
}

function toCertificate(user: AuthUser, row: certificatesRepo.CertificateRow): Certificate {
  const kind = documentKindOf(row.programme_kind);
  const code = verificationCodeOf(row);
  return {
    id: row.id,
    number: row.number,
    documentKind: kind,
    documentTitle: CERTIFICATE_DOCUMENT_KINDS[kind].vi,
    person: { id: row.person_id, fullName: row.person_name },
    holderName: row.holder_name,
    holderBirthDate: row.holder_birth_date,
    programme: { code: row.programme_code, name: row.programme_name },
    class: { id: row.class_id, name: row.class_name, cohortCode: row.cohort_code },
    issuer: { id: row.organiser_id, name: row.organiser_name },
    classification: { code: row.classification, label: classificationLabel(row.classification, row.grading_scheme) },
    issuedOn: row.issued_on,
    verificationCode: code,
    verificationPath: `/verify/${code}`,
    qualificationId: row.qualification_id,
    revocation: row.revoked_at ? { revokedAt: row.revoked_at, revokedBy: row.revoked_by_name, reason: row.revoke_reason ?? '' } : null,
    actions: certificatePolicy.allowedActions(user, certificateFactsOf(row)),
  };
}

const viewerOf = (user: AuthUser): certificatesRepo.CertificateViewer => ({
  scope: user.scope,
  managesCertificates: hasPermission(user.role, 'certificates.manage'),
});

// ---------- issuing ----------

export interface IssuedCertificate {
  id: number;
  enrolmentId: number;
  personId: number;
  number: string;
  qualificationId: number | null;
}

function notIssuable(index: number, code: keyof typeof FIELD_ERRORS, who: string): ErrorDetail {
  return { path: `enrolmentIds.${index}`, code, message: `${who}: ${FIELD_ERRORS[code].vi}` };
}

/**
 * Issues one certificate for each completed enrolment, inside the caller's transaction (the
 * graduation): takes gapless numbers per programme and year, signs each payload, writes the
 * qualification the programme grants into the registry (source 'graduated', awarded on `issuedOn`,
 * the organiser as institution), refreshes the people's highest levels and audits every write.
 * All or nothing: an enrolment not found or outside the user's scope answers 404; one not completed,
 * without a classification or already certified answers CERTIFICATES_NOT_ISSUABLE listing each.
 * Returns the certificates in number order.
 */
export async function issueCertificates(
  tx: Queryable,
  user: AuthUser,
  enrolmentIds: readonly number[],
  issuedOn: IsoDate,
): Promise<IssuedCertificate[]> {
  const manager = certificateManager(user);
  if (manager !== true) throw refusalError(manager);
  if (typeof issuedOn !== 'string' || !isIsoDate(issuedOn))
    throw new AppError('VALIDATION_FAILED', [fieldError('issuedOn', 'INVALID_DATE')]);
  const ids = [...new Set(enrolmentIds)];
  if (ids.length === 0) return [];
  const year = Number(issuedOn.slice(0, 4));

  const rows = await certificatesRepo.findIssuableEnrolments(tx, ids);
  const byId = new Map(rows.map((r) => [r.enrolment_id, r]));
  const details: ErrorDetail[] = [];
  for (const [i, id] of ids.entries()) {
    const r = byId.get(id);
    if (!r) throw notFound();
    const issuer = managesCertificatesOf(user, r.organiser_path);
    if (issuer !== true) throw refusalError(issuer);
    if (r.certificate_id !== null) details.push(notIssuable(i, 'CERTIFICATE_ALREADY_ISSUED', r.full_name));
    else if (r.status !== 'completed') details.push(notIssuable(i, 'ENROLMENT_NOT_COMPLETED', r.full_name));
    else if (!r.classification) details.push(notIssuable(i, 'CLASSIFICATION_MISSING', r.full_name));
    // what will be signed must be printable: checked with a stand-in number before any number is taken
    else if (!validPayload(r, year, issuedOn)) details.push(notIssuable(i, 'CERTIFICATE_DATA_INVALID', r.full_name));
  }
  if (details.length > 0) throw new AppError('CERTIFICATES_NOT_ISSUABLE', details);

  const key = await ensureSigningKey(tx, actorOf(user));
  const numbers = await takeNumbers(tx, rows, year);

  const granted = rows.filter((r) => r.grants_kind !== null && r.grants_level !== null);
  const qualificationIds = await certificatesRepo.insertGraduatedQualifications(
    tx,
    granted.map((r) => ({
      personId: r.person_id,
      kind: r.grants_kind!,
      level: r.grants_level!,
      awardedOn: issuedOn,
      institution: r.organiser_name,
    })),
  );
  const qualificationOf = new Map(granted.map((r, i) => [r.enrolment_id, qualificationIds[i]!]));

  const writes: certificatesRepo.CertificateWrite[] = rows.map((r, i) => {
    const holderName = training.canonicalFullName(r.full_name);
    const number = numbers[i]!;
    const payload = payloadOf({
      number,
      person_id: r.person_id,
      holder_name: holderName,
      programme_code: r.programme_code,
      issued_on: issuedOn,
    });
    return {
      number,
      enrolmentId: r.enrolment_id,
      personId: r.person_id,
      programmeCode: r.programme_code,
      holderName,
      holderBirthDate: r.birth_date,
      classification: r.classification!,
      issuedOn,
      signature: training.encodeBase64Url(signBytes(key, training.signingBytes(payload))),
      qualificationId: qualificationOf.get(r.enrolment_id) ?? null,
    };
  });
  const certificateIds = await insertGuarded(tx, writes);

  const personIds = [...new Set(rows.map((r) => r.person_id))];
  await peopleRepo.refreshHighestLevels(tx, personIds);
  await certificatesRepo.touchPeople(tx, personIds);

  const actor = actorOf(user);
  await auditRepo.appendAuditMany(tx, [
    ...writes.map((w, i) => ({
      ...actor,
      action: 'issue',
      entity: 'certificate',
      entityId: certificateIds[i]!,
      personId: w.personId,
      after: {
        number: w.number,
        enrolmentId: w.enrolmentId,
        programmeCode: w.programmeCode,
        holderName: w.holderName,
        holderBirthDate: w.holderBirthDate,
        classification: w.classification,
        issuedOn: w.issuedOn,
        qualificationId: w.qualificationId,
      },
    })),
    ...granted.map((r, i) => ({
      ...actor,
      action: 'create',
      entity: 'qualification',
      entityId: qualificationIds[i]!,
      personId: r.person_id,
      after: { kind: r.grants_kind, level: r.grants_level, awardedOn: issuedOn, institution: r.organiser_name, source: 'graduated' },
    })),
  ]);

  return writes.map((w, i) => ({
    id: certificateIds[i]!,
    enrolmentId: w.enrolmentId,
    personId: w.personId,
    number: w.number,
    qualificationId: w.qualificationId,
  }));
}

function validPayload(r: certificatesRepo.IssuableEnrolmentRow, year: number, issuedOn: IsoDate): boolean {
  try {
    const number = training.formatCertificateNumber({ programmeCode: r.programme_code, year, sequence: 1 });
    return training.certificatePayload({
      number,
      personId: String(r.person_id),
      fullName: r.full_name,
      programmeCode: r.programme_code,
      issuedOn,
    }).ok;
  } catch (err) {
    if (err instanceof training.TrainingError) return false;
    throw err;
  }
}

/** One block of consecutive numbers per programme (rows are ordered by programme, class, name). */
async function takeNumbers(tx: Queryable, rows: readonly certificatesRepo.IssuableEnrolmentRow[], year: number): Promise<string[]> {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.programme_code, (counts.get(r.programme_code) ?? 0) + 1);
  const next = new Map<string, number>();
  for (const [code, count] of counts) {
    const last = await certificatesRepo.takeCertificateNumbers(tx, code, year, count);
    next.set(code, last - count + 1);
  }
  return rows.map((r) => {
    const sequence = next.get(r.programme_code)!;
    next.set(r.programme_code, sequence + 1);
    return training.formatCertificateNumber({ programmeCode: r.programme_code, year, sequence });
  });
}

/** A certificate issued meanwhile for the same enrolment (unique enrolment_id) answers like the check. */
async function insertGuarded(tx: Queryable, writes: certificatesRepo.CertificateWrite[]): Promise<number[]> {
  try {
    return await certificatesRepo.insertCertificates(tx, writes);
  } catch (err) {
    if (isUniqueViolation(err, 'certificates_enrolment_id_key')) {
      throw new AppError('CERTIFICATES_NOT_ISSUABLE', [
        { path: 'enrolmentIds', code: 'CERTIFICATE_ALREADY_ISSUED', message: FIELD_ERRORS.CERTIFICATE_ALREADY_ISSUED.vi },
      ]);
    }
    throw err;
  }
}

// ---------- public key and verification ----------

export async function getPublicKey(db: Db): Promise<SigningPublicKey> {
  const key = await db.transaction((tx) => ensureSigningKey(tx, { actorId: null, actorName: 'system' }));
  return { algorithm: 'Ed25519', format: 'spki-pem', publicKey: key.publicKeyPem, createdAt: key.createdAt };
}

function invalid(reason: VerificationInvalidReason, checkedAt: string): CertificateVerification {
  return {
    status: 'invalid',
    headline: VERIFICATION_STATUSES.invalid.vi,
    reason: { code: reason, message: VERIFICATION_INVALID_REASONS[reason].vi },
    certificate: null,
    revocation: null,
    checkedAt,
  };
}

/**
 * What anyone may learn from a code: valid, revoked (with the date and reason) or invalid (with
 * why). Invalid when the code does not decode, its signature does not verify with the
 * installation's key, its number is unknown, or what it says differs from the stored certificate.
 * Never throws on any input.
 */
export async function verifyCertificate(db: Queryable, code: string): Promise<CertificateVerification> {
  const checkedAt = new Date().toISOString();
  const decoded = training.decodeVerificationCode(code);
  if (!decoded.ok) return invalid('malformed', checkedAt);
  const { payload, fields, signature } = decoded.value;
  const keys = await loadVerifyingKeys(db);
  if (!verifyBytes(keys, training.signingBytes(payload), signature)) return invalid('signature', checkedAt);
  const row = await certificatesRepo.findCertificateByNumber(db, fields.number);
  if (!row) return invalid('unknown_number', checkedAt);
  if (payloadOf(row) !== payload) return invalid('mismatch', checkedAt);
  const kind = documentKindOf(row.programme_kind);
  const status = row.revoked_at ? 'revoked' : 'valid';
  return {
    status,
    headline: VERIFICATION_STATUSES[status].vi,
    reason: null,
    certificate: {
      number: row.number,
      documentKind: kind,
      documentTitle: CERTIFICATE_DOCUMENT_KINDS[kind].vi,
      holderName: row.holder_name,
      holderBirthYear: Number(row.holder_birth_date.slice(0, 4)),
      programme: { code: row.programme_code, name: row.programme_name },
      classification: { code: row.classification, label: classificationLabel(row.classification, row.grading_scheme) },
      issuedOn: row.issued_on,
      issuer: row.organiser_name,
    },
    revocation: row.revoked_at ? { revokedOn: todayInVietnam(new Date(row.revoked_at)), reason: row.revoke_reason ?? '' } : null,
    checkedAt,
  };
}

// ---------- reading ----------

export async function listPersonCertificates(db: Db, user: AuthUser, personId: number): Promise<CertificateList> {
  await requirePerson(db, user, personId, 'viewTraining');
  const rows = await certificatesRepo.listCertificatesOfPerson(db, personId);
  return { items: rows.map((row) => toCertificate(user, row)), total: rows.length };
}

/**
 * The certificates of a class that the user may see (the class policy's `viewCertificates`: a
 * graduated class, or any class for whoever manages certificates): their own people's, or all
 * when they manage its certificates.
 */
export async function listClassCertificates(db: Db, user: AuthUser, classId: number): Promise<CertificateList> {
  const facts = await loadClassFacts(db, user, classId);
  if (!facts) throw notFound();
  classPolicy.authorize(user, facts, 'viewCertificates');
  const rows = await certificatesRepo.listCertificatesOfClass(db, viewerOf(user), classId);
  return { items: rows.map((row) => toCertificate(user, row)), total: rows.length };
}

export interface CertificateFile {
  fileName: string;
  content: Buffer;
}

/** What the PDF prints, from the stored certificate and the verification URL. */
export function pdfDataOf(row: certificatesRepo.CertificateRow, baseUrl: string): CertificatePdfData {
  const kind = documentKindOf(row.programme_kind);
  return {
    documentKind: kind,
    documentTitle: CERTIFICATE_DOCUMENT_KINDS[kind].vi,
    issuerName: row.organiser_name,
    // a unit directly under the province is named without it (the province is in the place line)
    issuerParentName: row.organiser_depth > 1 ? row.organiser_parent_name : null,
    holderName: row.holder_name,
    holderGender: row.gender === 'female' || row.gender === 'male' ? row.gender : null,
    holderBirthDate: row.holder_birth_date,
    programmeName: row.programme_name,
    className: row.class_name,
    cohortCode: row.cohort_code,
    modeLabel: modeLabel(row.mode),
    startDate: row.start_date,
    endDate: row.end_date,
    classificationLabel: classificationLabel(row.classification, row.grading_scheme),
    number: row.number,
    place: placeOfProvince(row.province_name),
    issuedOn: row.issued_on,
    verificationUrl: `${baseUrl}/verify/${verificationCodeOf(row)}`,
    revoked: row.revoked_at !== null,
  };
}

/**
 * The PDF of a certificate the user may see (the holder, an officer whose scope holds the person,
 * or whoever manages the issuer's certificates). `baseUrl`: where the web app's /verify page lives.
 */
export async function getCertificatePdf(db: Db, user: AuthUser, id: number, baseUrl: string): Promise<CertificateFile> {
  const row = await certificatesRepo.findCertificate(db, viewerOf(user), id);
  if (!row) throw notFound();
  const data = pdfDataOf(row, baseUrl);
  // rendered in a worker thread (~60 ms of CPU each): the event loop stays free for other requests
  const pdf = asBuffer(await workerPool().run('certificatePdf', data));
  return {
    fileName: `${data.documentTitle} ${row.number.replaceAll('/', '-')} ${row.holder_name}.pdf`,
    // signed with the organiser's certificate when it has one (PAdES, decision 0061)
    content: await signedIfConfigured(db, row.organiser_id, pdf, { name: data.issuerName, location: data.place }),
  };
}

// ---------- revoking ----------

/**
 * Revokes a certificate, with the reason, as the certificate policy allows (a certificates manager
 * over the subtree of the class's organiser, decided on the locked row); removes the qualification
 * its graduation wrote and recomputes the holder's highest levels. A second revocation answers
 * CERTIFICATE_ALREADY_REVOKED and changes nothing.
 */
export async function revokeCertificate(db: Db, user: AuthUser, id: number, input: RevokeCertificate): Promise<Certificate> {
  return db.transaction(async (tx) => {
    const current = await certificatesRepo.lockCertificate(tx, id);
    if (!current) throw notFound();
    certificatePolicy.authorize(user, certificateFactsOf(current), 'revoke');
    const revokedAt = await certificatesRepo.markRevoked(tx, id, user.id, input.reason);
    const actor = actorOf(user);
    let removedQualification: Record<string, unknown> | null = null;
    if (current.qualification_id !== null) {
      removedQualification = await certificatesRepo.deleteGraduatedQualification(tx, current.qualification_id);
      if (removedQualification) {
        await peopleRepo.refreshHighestLevels(tx, [current.person_id]);
        await certificatesRepo.touchPeople(tx, [current.person_id]);
        await auditRepo.appendAudit(tx, {
          ...actor,
          action: 'delete',
          entity: 'qualification',
          entityId: current.qualification_id,
          personId: current.person_id,
          before: removedQualification,
          after: { reason: `Thu hồi văn bằng, chứng chỉ số ${current.number}` },
        });
      }
    }
    await auditRepo.appendAudit(tx, {
      ...actor,
      action: 'revoke',
      entity: 'certificate',
      entityId: id,
      personId: current.person_id,
      before: { number: current.number, revokedAt: null, qualificationId: current.qualification_id },
      after: {
        number: current.number,
        revokedAt,
        reason: input.reason,
        qualificationId: null,
        qualificationRemoved: removedQualification !== null,
      },
    });
    const row = await certificatesRepo.findCertificate(tx, viewerOf(user), id);
    return toCertificate(user, row!);
  });
}
