import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { usersRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { enrol, insertTrainingClass } from '../../../../tests/support/learners.js';
import { toAuthUser } from '../auth/auth-user.js';
import { issueCertificates } from '../services/certificates.service.js';

/**
 * The school's certificate for signing PDFs (PAdES, decision 0061), through the API: class G
 * (organised by Sở Y tế, the fixture registrar's unit) graduated with two certificates. Test
 * PKCS#12 files are made here (node:crypto keys, node-forge certificates and containers). Each
 * signed PDF is verified in Node (CMS parsed by node-forge, not by the code that wrote it: the
 * messageDigest over the ByteRange and the RSA signature over the signed attributes), and by
 * `pdfsig` (poppler) when it is installed (.ci/run installs it).
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const s: Record<string, Session> = {};
let classId = 0;
let certificateId = 0;
const PASSWORD = 'mật khẩu Trường 1';
const url = () => `/api/v1/units/${fx.units.department}/pdf-signing-certificate`;

function makeCertificate(cn: string, notBefore: Date, notAfter: Date) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);
  cert.serialNumber = '01' + createHash('sha1').update(cn).digest('hex').slice(0, 14);
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const attrs = [
    { shortName: 'CN', value: cn },
    { shortName: 'O', value: 'Nang Tam test' },
    { shortName: 'C', value: 'VN' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(key, forge.md.sha256.create());
  return { key, cert };
}

const p12Base64 = (key: forge.pki.rsa.PrivateKey | null, cert: forge.pki.Certificate, password: string) =>
  Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, cert, password, { algorithm: 'aes256' })).getBytes(), 'binary').toString(
    'base64',
  );

const day = 24 * 3600 * 1000;
const now = Date.now();
const valid = makeCertificate('Truong Chinh tri tinh (test)', new Date(now - day), new Date(now + 365 * day));
const replacement = makeCertificate('Truong Chinh tri tinh (thay)', new Date(now - day), new Date(now + 30 * day));
const expired = makeCertificate('Het han', new Date(now - 60 * day), new Date(now - day));

interface Verified {
  subFilter: string;
  signerSubject: string;
  /** The messageDigest attribute equals SHA-256 over the two ranges, and the signature verifies. */
  ok: boolean;
  coversWholeFile: boolean;
}

/** Checks a PDF's (last) signature independently of the code that wrote it. */
function verifyPdfSignature(pdf: Buffer): Verified {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  expect(ranges.length, 'one signature').toBe(1);
  const [a, b, c, d] = ranges[0]!.slice(1).map(Number) as [number, number, number, number];
  const signedBytes = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const hex = pdf
    .subarray(a + b + 1, c - 1)
    .toString('latin1')
    .replace(/0+$/, '');
  const cms = Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex');
  const p7 = forge.pkcs7.messageFromAsn1(
    forge.asn1.fromDer(forge.util.createBuffer(cms.toString('binary')), { parseAllBytes: false } as never),
  ) as forge.pkcs7.PkcsSignedData & {
    rawCapture: { authenticatedAttributes: forge.asn1.Asn1[]; signature: string };
  };
  const raw = p7.rawCapture;
  let digest: string | null = null;
  for (const attr of raw.authenticatedAttributes) {
    const oid = forge.asn1.derToOid((attr.value as forge.asn1.Asn1[])[0]!.value as string);
    if (oid === forge.pki.oids.messageDigest)
      digest = ((attr.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[])[0]!.value as string;
  }
  const setOfAttrs = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, raw.authenticatedAttributes);
  const signedAttrsDer = Buffer.from(forge.asn1.toDer(setOfAttrs).getBytes(), 'binary');
  const certPem = forge.pki.certificateToPem(p7.certificates[0]!);
  const x509 = new X509Certificate(certPem);
  const digestOk = digest !== null && Buffer.from(digest, 'binary').equals(createHash('sha256').update(signedBytes).digest());
  const signatureOk = cryptoVerify('sha256', signedAttrsDer, x509.publicKey, Buffer.from(raw.signature, 'binary'));
  return {
    subFilter: /\/SubFilter\s*\/([A-Za-z0-9.]+)/.exec(text)?.[1] ?? '',
    signerSubject: x509.subject,
    ok: digestOk && signatureOk,
    coversWholeFile: a === 0 && c + d === pdf.length,
  };
}

const hasPdfsig = (() => {
  try {
    execFileSync('pdfsig', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function pdfsig(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'pades-'));
  try {
    const file = join(dir, 'signed.pdf');
    writeFileSync(file, pdf);
    try {
      return execFileSync('pdfsig', [file], { encoding: 'utf8' });
    } catch (e) {
      // pdfsig exits non-zero when a certificate is not trusted (ours is self-signed): read its output anyway
      return String((e as { stdout?: string }).stdout ?? '');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const put = (who: string, body: unknown) =>
  app.inject({ method: 'PUT', url: url(), headers: as(s[who]!), payload: body as Record<string, unknown> });
const certificatePdf = async () =>
  (await app.inject({ url: `/api/v1/certificates/${certificateId}/pdf`, headers: as(s.registrar!) })).rawPayload;
const classPdf = async () =>
  (await app.inject({ url: `/api/v1/classes/${classId}/documents/certificates?format=pdf`, headers: as(s.registrar!) })).rawPayload;
const audits = async () =>
  (
    await db.query<{ action: string; before: unknown; after: unknown; text: string }>(
      "SELECT action, before, after, (coalesce(before::text, '') || coalesce(after::text, '')) AS text FROM audit_log WHERE entity = 'pdf_signing_certificate' ORDER BY id",
    )
  ).rows;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of ['registrar', 'board', 'officerA', 'learner']) s[u] = await loginAs(app, u);
  const g = await insertTrainingClass(db, {
    organiserUnitId: fx.units.department,
    cohortCode: 'G-KS',
    startDate: '2026-01-05',
    endDate: '2026-06-30',
    modules: [{ code: 'HP1', name: 'Triết học Mác - Lênin', periods: 40 }],
  });
  classId = g.id;
  const gAn = await enrol(db, g.id, fx.people.an);
  const gDung = await enrol(db, g.id, fx.people.dung);
  await db.query(
    "UPDATE enrolments SET status = 'completed', average = 8.6, classification = 'gioi', graduated_on = '2026-06-30' WHERE id = ANY($1::int[])",
    [[gAn, gDung]],
  );
  await db.query("UPDATE classes SET status = 'finished', graduated_at = now() WHERE id = $1", [g.id]);
  const registrar = toAuthUser((await usersRepo.findUserByUsername(db, 'registrar'))!, 'test', '');
  await db.transaction((tx) => issueCertificates(tx, registrar, [gAn, gDung], '2026-07-02'));
  certificateId = (await db.query<{ id: number }>('SELECT id FROM certificates ORDER BY id LIMIT 1')).rows[0]!.id;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the school certificate for signing PDFs', () => {
  it('leaves PDFs unsigned while none is configured', async () => {
    const res = await app.inject({ url: url(), headers: as(s.registrar!) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ unitId: fx.units.department, certificate: null, actions: ['update'] });
    expect((await certificatePdf()).toString('latin1')).not.toContain('/ByteRange');
    expect((await classPdf()).toString('latin1')).not.toContain('/ByteRange');
  });

  it.each([
    [
      'not a PKCS#12 at all',
      () => ({ pkcs12: Buffer.from('%PDF-1.7 not a certificate').toString('base64'), password: PASSWORD }),
      'pkcs12',
      'PKCS12_NOT_PKCS12',
    ],
    [
      'a PEM certificate, not a PKCS#12',
      () => ({ pkcs12: Buffer.from(forge.pki.certificateToPem(valid.cert)).toString('base64'), password: PASSWORD }),
      'pkcs12',
      'PKCS12_NOT_PKCS12',
    ],
    ['not base64', () => ({ pkcs12: '*** not base64 ***', password: PASSWORD }), 'pkcs12', 'PKCS12_NOT_PKCS12'],
    [
      'the wrong password',
      () => ({ pkcs12: p12Base64(valid.key, valid.cert, PASSWORD), password: 'sai mật khẩu' }),
      'password',
      'PKCS12_WRONG_PASSWORD',
    ],
    [
      'an expired certificate',
      () => ({ pkcs12: p12Base64(expired.key, expired.cert, PASSWORD), password: PASSWORD }),
      'pkcs12',
      'PKCS12_EXPIRED',
    ],
    [
      'a certificate without its private key',
      () => ({ pkcs12: p12Base64(null, valid.cert, PASSWORD), password: PASSWORD }),
      'pkcs12',
      'PKCS12_NO_PRIVATE_KEY',
    ],
    [
      'a key with somebody else’s certificate',
      () => ({ pkcs12: p12Base64(valid.key, replacement.cert, PASSWORD), password: PASSWORD }),
      'pkcs12',
      'PKCS12_NO_CERTIFICATE',
    ],
  ])('refuses %s with a 400 naming the field, and saves nothing', async (_what, body, field, code) => {
    const res = await put('registrar', body());
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([expect.objectContaining({ path: field, code })]);
    expect(error.details[0].message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/iu);
    expect((await app.inject({ url: url(), headers: as(s.registrar!) })).json().certificate).toBeNull();
    expect(await audits()).toEqual([]);
  });

  it('refuses whoever may not edit the unit’s document settings', async () => {
    const body = { pkcs12: p12Base64(valid.key, valid.cert, PASSWORD), password: PASSWORD };
    expect((await put('officerA', body)).statusCode).toBe(403);
    expect((await put('learner', body)).statusCode).toBe(403);
    expect(await audits()).toEqual([]);
  });

  it('keeps the certificate, never answers or audits its key or password, and signs every certificate PDF', async () => {
    const pkcs12 = p12Base64(valid.key, valid.cert, PASSWORD);
    const res = await put('registrar', { pkcs12, password: PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().certificate).toMatchObject({
      subject: 'CN=Truong Chinh tri tinh (test), O=Nang Tam test, C=VN',
      valid: true,
      version: 1,
      updatedBy: 'registrar',
    });
    for (const text of [res.body, (await app.inject({ url: url(), headers: as(s.board!) })).body, JSON.stringify(await audits())]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain(pkcs12.slice(0, 40));
    }
    const audit = await audits();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'create',
      before: null,
      after: { subject: 'CN=Truong Chinh tri tinh (test), O=Nang Tam test, C=VN' },
    });
    expect((audit[0]!.after as { validTo: string }).validTo).toBe(valid.cert.validity.notAfter.toISOString().replace(/\.\d+Z$/, '.000Z'));

    for (const pdf of [await certificatePdf(), await classPdf()]) {
      const v = verifyPdfSignature(pdf);
      expect(v).toEqual({
        subFilter: 'ETSI.CAdES.detached',
        signerSubject: 'CN=Truong Chinh tri tinh (test)\nO=Nang Tam test\nC=VN',
        ok: true,
        coversWholeFile: true,
      });
      // a byte changed inside the signed range: the same check fails
      const tampered = Buffer.from(pdf);
      tampered[200] = tampered[200]! ^ 0x01;
      expect(verifyPdfSignature(tampered).ok).toBe(false);
      if (hasPdfsig) {
        const out = pdfsig(pdf);
        expect(out).toContain('Signature Validation: Signature is Valid.');
        expect(out).toContain('ETSI.CAdES.detached');
        expect(out).toContain('Total document signed');
        expect(pdfsig(tampered)).not.toContain('Signature is Valid.');
      }
    }
  }, 60_000);

  it('replaces and removes the certificate, with an audit record of each, and stops signing once it expires', async () => {
    const res = await put('board', { pkcs12: p12Base64(replacement.key, replacement.cert, ''), password: '' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().certificate).toMatchObject({ subject: 'CN=Truong Chinh tri tinh (thay), O=Nang Tam test, C=VN', version: 2 });
    expect(verifyPdfSignature(await certificatePdf())).toMatchObject({
      ok: true,
      signerSubject: 'CN=Truong Chinh tri tinh (thay)\nO=Nang Tam test\nC=VN',
    });

    // the stored certificate ran out since: nothing is signed with it, and the page says so
    await db.query("UPDATE pdf_signing_certificates SET not_after = now() - interval '1 hour', not_before = now() - interval '2 days'");
    expect((await certificatePdf()).toString('latin1')).not.toContain('/ByteRange');
    expect((await app.inject({ url: url(), headers: as(s.registrar!) })).json().certificate.valid).toBe(false);

    const removed = await app.inject({ method: 'DELETE', url: url(), headers: as(s.registrar!) });
    expect([removed.statusCode, removed.json().certificate]).toEqual([200, null]);
    expect((await classPdf()).toString('latin1')).not.toContain('/ByteRange');
    expect(
      (await audits()).map((a) => [
        a.action,
        (a.before as { subject?: string } | null)?.subject ?? null,
        (a.after as { subject?: string } | null)?.subject ?? null,
      ]),
    ).toEqual([
      ['create', null, 'CN=Truong Chinh tri tinh (test), O=Nang Tam test, C=VN'],
      ['update', 'CN=Truong Chinh tri tinh (test), O=Nang Tam test, C=VN', 'CN=Truong Chinh tri tinh (thay), O=Nang Tam test, C=VN'],
      ['delete', 'CN=Truong Chinh tri tinh (thay), O=Nang Tam test, C=VN', null],
    ]);
    // removing nothing changes nothing
    expect((await app.inject({ method: 'DELETE', url: url(), headers: as(s.registrar!) })).statusCode).toBe(200);
    expect(await audits()).toHaveLength(3);
  }, 60_000);
});
