import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeBase64Url } from './base64url.js';
import {
  canonicalFullName,
  certificatePayload,
  decodeVerificationCode,
  encodeVerificationCode,
  formatCertificateNumber,
  nextCertificateNumber,
  parseCertificateNumber,
  parseCertificatePayload,
  signingBytes,
  type CertificateFields,
} from './certificates.js';
import { TrainingError } from './errors.js';

const FIELDS: CertificateFields = {
  number: 'TC-LLCT/2026/000123',
  personId: '0f8e2c9a-3b7d-4c1e-9a55-2d4f6b8c0e11',
  fullName: 'Nguyễn Thị Thu Hà',
  programmeCode: 'TC_LLCT',
  issuedOn: '2026-06-30',
};

function payloadOf(fields: CertificateFields): string {
  const r = certificatePayload(fields);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('certificate numbers: <PROGRAMME>/<YEAR>/<SEQUENCE>', () => {
  it.each<[string, number, number, string]>([
    ['TC_LLCT', 2026, 123, 'TC-LLCT/2026/000123'],
    ['CC_LLCT', 2025, 1, 'CC-LLCT/2025/000001'],
    ['QLNN_CVC', 2026, 999_999, 'QLNN-CVC/2026/999999'],
    ['QLNN_CVC', 2026, 1_000_000, 'QLNN-CVC/2026/1000000'],
    ['CCHC2026', 2026, 42, 'CCHC2026/2026/000042'],
  ])('%s %s #%s → %s', (programmeCode, year, sequence, text) => {
    expect(formatCertificateNumber({ programmeCode, year, sequence })).toBe(text);
    expect(parseCertificateNumber(text)).toEqual({ ok: true, value: { programmeCode, year, sequence } });
  });

  it.each<[string, string]>([
    ['lower case', 'tc-llct/2026/000123'],
    ['underscore kept', 'TC_LLCT/2026/000123'],
    ['short sequence', 'TC-LLCT/2026/123'],
    ['extra leading zero', 'TC-LLCT/2026/0000123'],
    ['sequence zero', 'TC-LLCT/2026/000000'],
    ['two-digit year', 'TC-LLCT/26/000123'],
    ['surrounding space', ' TC-LLCT/2026/000123'],
    ['empty', ''],
  ])('refuses %s', (_name, text) => {
    expect(parseCertificateNumber(text)).toMatchObject({ ok: false, error: 'CERTIFICATE_NUMBER_INVALID' });
  });

  it.each<[string, { programmeCode: string; year: number; sequence: number }]>([
    ['a lower-case code', { programmeCode: 'tc_llct', year: 2026, sequence: 1 }],
    ['a hyphen in the code', { programmeCode: 'TC-LLCT', year: 2026, sequence: 1 }],
    ['sequence 0', { programmeCode: 'TC_LLCT', year: 2026, sequence: 0 }],
    ['a fractional sequence', { programmeCode: 'TC_LLCT', year: 2026, sequence: 1.5 }],
  ])('formatting refuses %s', (_name, parts) => {
    expect(() => formatCertificateNumber(parts)).toThrow(TrainingError);
  });

  it('numbers per programme and year', () => {
    const issued = ['TC-LLCT/2026/000007', 'TC-LLCT/2026/000012', 'TC-LLCT/2025/000500', 'CC-LLCT/2026/000900', 'rubbish'];
    expect(nextCertificateNumber(issued, 'TC_LLCT', 2026)).toBe('TC-LLCT/2026/000013');
    expect(nextCertificateNumber(issued, 'TC_LLCT', 2027)).toBe('TC-LLCT/2027/000001');
    expect(nextCertificateNumber(issued, 'SC_LLCT', 2026)).toBe('SC-LLCT/2026/000001');
  });
});

describe('certificatePayload: one canonical string per certificate', () => {
  it('is a JSON array led by the version tag', () => {
    expect(payloadOf(FIELDS)).toBe(
      '["NT-CERT-1","TC-LLCT/2026/000123","0f8e2c9a-3b7d-4c1e-9a55-2d4f6b8c0e11","Nguyễn Thị Thu Hà","TC_LLCT","2026-06-30"]',
    );
  });

  it.each<[string, string]>([
    ['decomposed diacritics (NFD)', 'Nguyễn Thị Thu Hà'.normalize('NFD')],
    ['surrounding and double spaces', '  Nguyễn  Thị Thu\tHà '],
    ['a line break', 'Nguyễn Thị\nThu Hà'],
  ])('signs the same bytes for %s', (_name, fullName) => {
    expect(payloadOf({ ...FIELDS, fullName })).toBe(payloadOf(FIELDS));
  });

  it('canonicalFullName', () => {
    expect(canonicalFullName(' Lò  Văn\u00a0Páo ')).toBe('Lò Văn Páo');
  });

  it('cannot be confused by separators inside a field', () => {
    const a = payloadOf({ ...FIELDS, fullName: 'A","B' });
    const b = payloadOf({ ...FIELDS, fullName: 'A' });
    expect(a).not.toBe(b);
    expect(parseCertificatePayload(a)).toMatchObject({ ok: true, value: { fullName: 'A","B' } });
  });

  it.each<[string, Partial<CertificateFields>, string]>([
    ['number of another programme', { number: 'CC-LLCT/2026/000123' }, 'CERTIFICATE_NUMBER_MISMATCH'],
    ['number of another year', { issuedOn: '2027-01-05' }, 'CERTIFICATE_NUMBER_MISMATCH'],
    ['malformed number', { number: 'TC-LLCT-2026-123' }, 'CERTIFICATE_NUMBER_INVALID'],
    ['empty name', { fullName: '   ' }, 'CERTIFICATE_FIELD_INVALID'],
    ['a control character in the name', { fullName: 'Nguyễn\u0007Hà' }, 'CERTIFICATE_FIELD_INVALID'],
    ['empty person id', { personId: '' }, 'CERTIFICATE_FIELD_INVALID'],
    ['person id with spaces around', { personId: ' 42 ' }, 'CERTIFICATE_FIELD_INVALID'],
    ['not a date', { issuedOn: '30/06/2026' }, 'CERTIFICATE_FIELD_INVALID'],
    ['lower-case programme code', { programmeCode: 'tc_llct' }, 'CERTIFICATE_FIELD_INVALID'],
  ])('refuses %s', (_name, over, error) => {
    expect(certificatePayload({ ...FIELDS, ...over })).toMatchObject({ ok: false, error });
  });
});

describe('verification code', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const payload = payloadOf(FIELDS);
  const signature = new Uint8Array(sign(null, signingBytes(payload), privateKey));
  const code = encodeVerificationCode(payload, signature);

  /** What the server will do: decode, then verify the signature over the decoded payload. */
  function verifies(text: string): boolean | string {
    const d = decodeVerificationCode(text);
    if (!d.ok) return d.error;
    return verify(null, signingBytes(d.value.payload), publicKey, d.value.signature);
  }

  it('round-trips and verifies', () => {
    expect(code).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    const d = decodeVerificationCode(code);
    expect(d).toMatchObject({ ok: true, value: { payload, fields: { ...FIELDS } } });
    expect(verifies(code)).toBe(true);
    expect(verifies(`  ${code}\n`)).toBe(true);
  });

  it('a tampered field is caught by the signature', () => {
    const forged = encodeVerificationCode(payloadOf({ ...FIELDS, fullName: 'Nguyễn Thị Thu Hải' }), signature);
    expect(verifies(forged)).toBe(false);
    const otherYear = encodeVerificationCode(payloadOf({ ...FIELDS, number: 'TC-LLCT/2026/000124' }), signature);
    expect(verifies(otherYear)).toBe(false);
  });

  it('no single changed character of the code passes', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < code.length; i++) {
      if (code[i] === '.') continue;
      const replacement = alphabet[(alphabet.indexOf(code[i]!) + 1) % alphabet.length]!;
      const tampered = code.slice(0, i) + replacement + code.slice(i + 1);
      expect(verifies(tampered), `position ${i}`).not.toBe(true);
    }
  });

  it('a non-canonical payload with a valid signature over it is refused', () => {
    const loose = payload.replace('"Nguyễn Thị Thu Hà"', '"Nguyễn  Thị Thu Hà"');
    const looseSig = new Uint8Array(sign(null, signingBytes(loose), privateKey));
    const text = `${encodeBase64Url(signingBytes(loose))}.${encodeBase64Url(looseSig)}`;
    expect(decodeVerificationCode(text)).toMatchObject({ ok: false, error: 'PAYLOAD_NOT_CANONICAL' });
  });

  const [p64, s64] = code.split('.') as [string, string];
  it.each<[string, unknown, string]>([
    ['not a string', 42, 'CODE_MALFORMED'],
    ['null', null, 'CODE_MALFORMED'],
    ['empty', '', 'CODE_MALFORMED'],
    ['no dot', p64 + s64, 'CODE_MALFORMED'],
    ['three parts', `${p64}.${s64}.x`, 'CODE_MALFORMED'],
    ['empty signature', `${p64}.`, 'CODE_MALFORMED'],
    ['too long', `${'A'.repeat(3000)}.${s64}`, 'CODE_MALFORMED'],
    ['standard base64 characters', `${p64}.${s64.replace(/-/g, '+').replace(/_/g, '/')}+`, 'CODE_BAD_BASE64'],
    ['padding', `${p64}.${s64}==`, 'CODE_BAD_BASE64'],
    ['short signature', `${p64}.${s64.slice(0, 40)}`, 'SIGNATURE_INVALID_LENGTH'],
    ['invalid UTF-8', `${encodeBase64Url(new Uint8Array([0xc3, 0x28]))}.${s64}`, 'PAYLOAD_NOT_UTF8'],
    ['not JSON', `${encodeBase64Url(signingBytes('hello'))}.${s64}`, 'PAYLOAD_INVALID'],
    ['JSON of another shape', `${encodeBase64Url(signingBytes('{"number":"TC-LLCT/2026/000123"}'))}.${s64}`, 'PAYLOAD_INVALID'],
    ['another version tag', `${encodeBase64Url(signingBytes(payload.replace('NT-CERT-1', 'NT-CERT-2')))}.${s64}`, 'PAYLOAD_INVALID'],
    ['a byte-order mark before the payload', `${encodeBase64Url(signingBytes(`\ufeff${payload}`))}.${s64}`, 'PAYLOAD_INVALID'],
    ['spaces inside the JSON', `${encodeBase64Url(signingBytes(payload.replaceAll('","', '", "')))}.${s64}`, 'PAYLOAD_NOT_CANONICAL'],
    [
      'a field that fails validation',
      `${encodeBase64Url(signingBytes(payload.replace('2026-06-30', '2026-02-30')))}.${s64}`,
      'PAYLOAD_INVALID',
    ],
  ])('decoding %s answers %s, never throws', (_name, input, error) => {
    expect(() => decodeVerificationCode(input)).not.toThrow();
    const d = decodeVerificationCode(input);
    expect(d).toMatchObject({ ok: false, error });
    if (!d.ok) expect(d.message).toMatch(/^[A-ZĐ]/);
  });

  it('encoding refuses what the server should never produce', () => {
    expect(() => encodeVerificationCode(payload, new Uint8Array(63))).toThrow(TrainingError);
    expect(() => encodeVerificationCode(payload.replace('","', '", "'), signature)).toThrow(TrainingError);
  });
});
