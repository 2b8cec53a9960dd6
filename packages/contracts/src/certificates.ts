/**
 * Certificates (issue 4): bằng tốt nghiệp and giấy chứng nhận issued at graduation, numbered per
 * programme and year, signed (Ed25519) and verifiable by anyone from the code in their QR.
 */
import { z } from 'zod';
import { ZIsoDate, zRequiredText } from './common.js';
import { zActions } from './actions.js';

/** A bằng tốt nghiệp (political theory, postgraduate) or a giấy chứng nhận (every other course). */
export const CERTIFICATE_DOCUMENT_KINDS = {
  diploma: { vi: 'Bằng tốt nghiệp', en: 'Diploma' },
  certificate: { vi: 'Giấy chứng nhận', en: 'Certificate of completion' },
} as const;
export type CertificateDocumentKind = keyof typeof CERTIFICATE_DOCUMENT_KINDS;
export const ZCertificateDocumentKind = z.enum(['diploma', 'certificate']);

const ZClassification = z.object({ code: z.string(), label: z.string().meta({ example: 'Giỏi' }) });
const ZProgrammeRef = z.object({ code: z.string(), name: z.string() });

/** One certificate: what its row offers (apps/server/src/policies/certificate.ts decides). */
export const CERTIFICATE_ACTIONS = [
  /** Revoke it with a reason (the school running the class's organiser subtree; not once revoked). */
  'revoke',
] as const;
export type CertificateAction = (typeof CERTIFICATE_ACTIONS)[number];
export const ZCertificateActions = zActions(CERTIFICATE_ACTIONS);

/** A certificate as its holder, their agency and the school see it. */
export const ZCertificate = z.object({
  id: z.number(),
  number: z.string().meta({ example: 'TC-LLCT/2026/000123' }),
  documentKind: ZCertificateDocumentKind,
  /** 'Bằng tốt nghiệp' or 'Giấy chứng nhận'. */
  documentTitle: z.string(),
  /** The registry record (its name today). */
  person: z.object({ id: z.number(), fullName: z.string() }),
  /** As certified at issue. */
  holderName: z.string(),
  holderBirthDate: ZIsoDate,
  programme: ZProgrammeRef,
  class: z.object({ id: z.number(), name: z.string(), cohortCode: z.string() }),
  /** The organiser unit (the school or a political centre). */
  issuer: z.object({ id: z.number(), name: z.string() }),
  classification: ZClassification,
  issuedOn: ZIsoDate,
  /** What the QR carries: base64url(payload).base64url(signature). */
  verificationCode: z.string(),
  /** The public page of the web app: `/verify/<code>`. */
  verificationPath: z.string(),
  /** The qualification written into the registry at graduation; null once revoked or deleted. */
  qualificationId: z.number().nullable(),
  revocation: z.object({ revokedAt: z.string(), revokedBy: z.string().nullable(), reason: z.string() }).nullable(),
  actions: ZCertificateActions,
});
export type Certificate = z.infer<typeof ZCertificate>;

export const ZCertificateList = z.object({ items: z.array(ZCertificate), total: z.number() });
export type CertificateList = z.infer<typeof ZCertificateList>;

export const ZRevokeCertificate = z.strictObject({ reason: zRequiredText(1000) });
export type RevokeCertificate = z.infer<typeof ZRevokeCertificate>;

/** The installation's public key: anyone can check a code's signature offline with it. */
export const ZSigningPublicKey = z.object({
  algorithm: z.literal('Ed25519'),
  format: z.literal('spki-pem'),
  publicKey: z.string(),
  createdAt: z.string(),
});
export type SigningPublicKey = z.infer<typeof ZSigningPublicKey>;

// ---------- public verification ----------

export const VERIFICATION_STATUSES = {
  valid: { vi: 'Văn bằng, chứng chỉ hợp lệ', en: 'Valid' },
  revoked: { vi: 'Văn bằng, chứng chỉ đã bị thu hồi', en: 'Revoked' },
  invalid: { vi: 'Không xác thực được văn bằng, chứng chỉ', en: 'Not valid' },
} as const;
export type VerificationStatus = keyof typeof VERIFICATION_STATUSES;

// without zod in their module: the public verification page imports them (docs/decisions/0060)
import { VERIFICATION_INVALID_REASONS } from './verification-reasons.js';
export { VERIFICATION_INVALID_REASONS };
export type VerificationInvalidReason = keyof typeof VERIFICATION_INVALID_REASONS;

/**
 * The answer of the public verification page. Only a valid or revoked certificate shows its
 * details, and of the holder only the full name and the year of birth.
 */
export const ZCertificateVerification = z.object({
  status: z.enum(['valid', 'revoked', 'invalid']),
  /** Vietnamese headline for the page, e.g. 'Văn bằng, chứng chỉ hợp lệ'. */
  headline: z.string(),
  reason: z.object({ code: z.enum(['malformed', 'signature', 'unknown_number', 'mismatch']), message: z.string() }).nullable(),
  certificate: z
    .object({
      number: z.string(),
      documentKind: ZCertificateDocumentKind,
      documentTitle: z.string(),
      holderName: z.string(),
      holderBirthYear: z.number(),
      programme: ZProgrammeRef,
      classification: ZClassification,
      issuedOn: ZIsoDate,
      issuer: z.string(),
    })
    .nullable(),
  revocation: z.object({ revokedOn: ZIsoDate, reason: z.string() }).nullable(),
  checkedAt: z.string(),
});
export type CertificateVerification = z.infer<typeof ZCertificateVerification>;
