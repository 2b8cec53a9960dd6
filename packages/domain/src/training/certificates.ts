/**
 * Certificates (bằng, chứng chỉ): the number, the canonical payload that the server signs, and the
 * compact verification code printed on the certificate (as text and QR).
 *
 * Number: `<PROGRAMME>/<YEAR>/<SEQUENCE>`, e.g. `TC-LLCT/2026/000123`: the programme code with `_`
 * written `-`, the year of issue, and a sequence per programme and year from 000001 (6 digits at
 * least, more after 999999).
 *
 * Payload: the JSON array `["NT-CERT-1", number, personId, fullName, programmeCode, issuedOn]`, with
 * the name in Unicode NFC, trimmed, and single spaces. JSON of an array of strings is unambiguous
 * (no field can run into the next) and one certificate has exactly one payload, so any change to
 * any field changes the signed bytes. Signing (Ed25519, node:crypto) happens in the server.
 *
 * Verification code: `base64url(UTF-8 payload) + "." + base64url(64-byte signature)`, unpadded.
 * Decoding never throws: garbage answers a typed error.
 */
import { isIsoDate, type IsoDate } from '../dates.js';
import { decodeBase64Url, encodeBase64Url } from './base64url.js';
import { fail, ok, TrainingError, type CertificateErrorCode, type Result, type VerificationCodeErrorCode } from './errors.js';

export const CERTIFICATE_PAYLOAD_VERSION = 'NT-CERT-1';
export const ED25519_SIGNATURE_LENGTH = 64;
/** Longer codes are refused before decoding. */
export const MAX_VERIFICATION_CODE_LENGTH = 2048;

const PROGRAMME_CODE = /^[A-Z0-9]+(?:_[A-Z0-9]+)*$/;
const NUMBER = /^([A-Z0-9]+(?:-[A-Z0-9]+)*)\/(\d{4})\/(\d{6,})$/;
// C0/C1 control characters, line and paragraph separators
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

// ---------- numbers ----------

export interface CertificateNumberParts {
  programmeCode: string;
  year: number;
  sequence: number;
}

/** `TC_LLCT`, 2026, 123 → `TC-LLCT/2026/000123`. Throws INVALID_INPUT for parts no number can hold. */
export function formatCertificateNumber(parts: CertificateNumberParts): string {
  const { programmeCode, year, sequence } = parts;
  if (!PROGRAMME_CODE.test(programmeCode))
    throw new TrainingError('INVALID_INPUT', 'Mã chương trình chỉ gồm chữ in hoa, số và dấu gạch dưới.', { programmeCode });
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new TrainingError('INVALID_INPUT', 'Năm cấp không hợp lệ.', { year });
  if (!Number.isSafeInteger(sequence) || sequence < 1)
    throw new TrainingError('INVALID_INPUT', 'Số thứ tự phải là số nguyên dương.', { sequence });
  return `${programmeCode.replaceAll('_', '-')}/${year}/${String(sequence).padStart(6, '0')}`;
}

/** The parts of a number in canonical form; anything else is CERTIFICATE_NUMBER_INVALID. */
export function parseCertificateNumber(value: string): Result<CertificateNumberParts, 'CERTIFICATE_NUMBER_INVALID'> {
  const m = typeof value === 'string' ? NUMBER.exec(value) : null;
  if (!m) return fail('CERTIFICATE_NUMBER_INVALID', { value });
  const parts = { programmeCode: m[1]!.replaceAll('-', '_'), year: Number(m[2]), sequence: Number(m[3]) };
  if (parts.year < 1900 || !Number.isSafeInteger(parts.sequence) || parts.sequence < 1)
    return fail('CERTIFICATE_NUMBER_INVALID', { value });
  // canonical: no extra leading zeros
  if (formatCertificateNumber(parts) !== value) return fail('CERTIFICATE_NUMBER_INVALID', { value });
  return ok(parts);
}

/** The next number of a programme and year after those already issued (others are ignored). */
export function nextCertificateNumber(issued: readonly string[], programmeCode: string, year: number): string {
  let max = 0;
  for (const n of issued) {
    const p = parseCertificateNumber(n);
    if (p.ok && p.value.programmeCode === programmeCode && p.value.year === year) max = Math.max(max, p.value.sequence);
  }
  return formatCertificateNumber({ programmeCode, year, sequence: max + 1 });
}

// ---------- payload ----------

export interface CertificateFields {
  number: string;
  personId: string;
  fullName: string;
  programmeCode: string;
  issuedOn: IsoDate;
}

/** NFC, trimmed, every run of white space one space: the form of a name that is signed. */
export function canonicalFullName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

const fieldError = (field: string, value: unknown) => fail('CERTIFICATE_FIELD_INVALID', { field, value });

/**
 * The canonical payload of a certificate, or why it cannot be issued: a malformed field, or a
 * number whose programme or year is not the certificate's.
 */
export function certificatePayload(fields: CertificateFields): Result<string, CertificateErrorCode> {
  const { number, personId, programmeCode, issuedOn } = fields;
  if (
    typeof personId !== 'string' ||
    personId.trim() === '' ||
    personId !== personId.trim() ||
    personId.length > 100 ||
    CONTROL.test(personId)
  )
    return fieldError('personId', personId);
  if (typeof fields.fullName !== 'string') return fieldError('fullName', fields.fullName);
  const fullName = canonicalFullName(fields.fullName);
  if (fullName === '' || fullName.length > 200 || CONTROL.test(fullName)) return fieldError('fullName', fields.fullName);
  if (typeof programmeCode !== 'string' || !PROGRAMME_CODE.test(programmeCode)) return fieldError('programmeCode', programmeCode);
  if (typeof issuedOn !== 'string' || !isIsoDate(issuedOn)) return fieldError('issuedOn', issuedOn);
  const parsed = parseCertificateNumber(number);
  if (!parsed.ok) return parsed;
  if (parsed.value.programmeCode !== programmeCode || parsed.value.year !== Number(issuedOn.slice(0, 4))) {
    return fail('CERTIFICATE_NUMBER_MISMATCH', { number, programmeCode, issuedOn });
  }
  return ok(JSON.stringify([CERTIFICATE_PAYLOAD_VERSION, number, personId, fullName, programmeCode, issuedOn]));
}

/** The fields of a canonical payload; a payload that is not one is refused. */
export function parseCertificatePayload(payload: string): Result<CertificateFields, 'PAYLOAD_INVALID' | 'PAYLOAD_NOT_CANONICAL'> {
  let data: unknown;
  try {
    data = JSON.parse(payload);
  } catch {
    return fail('PAYLOAD_INVALID', { reason: 'json' });
  }
  if (!Array.isArray(data) || data.length !== 6 || !data.every((x) => typeof x === 'string') || data[0] !== CERTIFICATE_PAYLOAD_VERSION) {
    return fail('PAYLOAD_INVALID', { reason: 'shape' });
  }
  const [, number, personId, fullName, programmeCode, issuedOn] = data as string[];
  const fields: CertificateFields = {
    number: number!,
    personId: personId!,
    fullName: fullName!,
    programmeCode: programmeCode!,
    issuedOn: issuedOn!,
  };
  const canonical = certificatePayload(fields);
  if (!canonical.ok) return fail('PAYLOAD_INVALID', { reason: canonical.error, ...canonical.details });
  if (canonical.value !== payload) return fail('PAYLOAD_NOT_CANONICAL', {});
  return ok(fields);
}

/** The exact bytes the server signs and verifies: the payload in UTF-8. */
export function signingBytes(payload: string): Uint8Array {
  return new TextEncoder().encode(payload);
}

// ---------- verification code ----------

/**
 * `base64url(payload).base64url(signature)`. Throws INVALID_INPUT for a payload that is not
 * canonical or a signature that is not 64 bytes (the server's own output, never user input).
 */
export function encodeVerificationCode(payload: string, signature: Uint8Array): string {
  const parsed = parseCertificatePayload(payload);
  if (!parsed.ok) throw new TrainingError('INVALID_INPUT', 'Nội dung văn bằng không ở dạng chuẩn.', { error: parsed.error });
  if (signature.length !== ED25519_SIGNATURE_LENGTH)
    throw new TrainingError('INVALID_INPUT', 'Chữ ký Ed25519 phải dài 64 byte.', { length: signature.length });
  return `${encodeBase64Url(signingBytes(payload))}.${encodeBase64Url(signature)}`;
}

export interface DecodedVerificationCode {
  payload: string;
  fields: CertificateFields;
  signature: Uint8Array;
}

/**
 * The payload, its fields and the signature bytes of a code (surrounding white space ignored).
 * The signature is not checked here: the caller verifies it over `signingBytes(payload)`.
 */
export function decodeVerificationCode(code: unknown): Result<DecodedVerificationCode, VerificationCodeErrorCode> {
  if (typeof code !== 'string') return fail('CODE_MALFORMED', { reason: 'type' });
  const text = code.trim();
  if (text.length === 0 || text.length > MAX_VERIFICATION_CODE_LENGTH) return fail('CODE_MALFORMED', { reason: 'length' });
  const parts = text.split('.');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return fail('CODE_MALFORMED', { reason: 'parts' });
  const payloadBytes = decodeBase64Url(parts[0]!);
  const signature = decodeBase64Url(parts[1]!);
  if (!payloadBytes || !signature) return fail('CODE_BAD_BASE64', {});
  if (signature.length !== ED25519_SIGNATURE_LENGTH) return fail('SIGNATURE_INVALID_LENGTH', { length: signature.length });
  let payload: string;
  try {
    // keep a byte-order mark as a character, so that it makes the payload invalid instead of vanishing
    payload = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(payloadBytes);
  } catch {
    return fail('PAYLOAD_NOT_UTF8', {});
  }
  const fields = parseCertificatePayload(payload);
  if (!fields.ok) return fields;
  return ok({ payload, fields: fields.value, signature });
}
