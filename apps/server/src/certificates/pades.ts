/**
 * Signing PDF files with the school's own certificate (PAdES baseline B, decision 0061).
 *
 * - `readPkcs12` opens an uploaded PKCS#12 (.p12/.pfx) with its password (node-forge decodes the
 *   container; node:crypto reads the key and the certificates), and refuses what cannot sign: not a
 *   PKCS#12, a wrong password, no private key, no certificate for the key, an unsupported key type,
 *   a certificate that is expired or not yet valid.
 * - `signPdf` adds a signature field to a finished PDF (@signpdf/placeholder-plain, an incremental
 *   update), and fills it (@signpdf/signpdf computes the ByteRange) with a detached CMS SignedData
 *   (SubFilter ETSI.CAdES.detached) built here: signed attributes contentType, messageDigest and
 *   signingCertificateV2, SHA-256, RSA PKCS#1 v1.5 or ECDSA by node:crypto. node-forge's own PKCS#7
 *   signer is not used: it hashes and signs in JavaScript and parses the PKCS#12 again for every
 *   signature (hundreds of milliseconds each on this machine).
 */
import { createHash, createPrivateKey, sign as cryptoSign, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { SignPdf } from '@signpdf/signpdf';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';

// ---------- reading a PKCS#12 ----------

export type Pkcs12Refusal =
  | { code: 'PKCS12_NOT_PKCS12'; field: 'pkcs12' }
  | { code: 'PKCS12_WRONG_PASSWORD'; field: 'password' }
  | { code: 'PKCS12_UNSUPPORTED'; field: 'pkcs12' }
  | { code: 'PKCS12_NO_PRIVATE_KEY'; field: 'pkcs12' }
  | { code: 'PKCS12_NO_CERTIFICATE'; field: 'pkcs12' }
  | { code: 'PKCS12_KEY_UNSUPPORTED'; field: 'pkcs12' }
  | { code: 'PKCS12_EXPIRED'; field: 'pkcs12' }
  | { code: 'PKCS12_NOT_YET_VALID'; field: 'pkcs12' };

/** What signing needs (kept) and what describes the certificate (shown and audited). */
export interface Pkcs12Contents {
  /** PKCS#8 PEM, encrypted (AES-256-CBC) with the password when there is one. */
  privateKeyPem: string;
  /** The signer's certificate first, then the others the file holds. */
  chainPem: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the signer's certificate, hex, colon-separated. */
  fingerprint: string;
}

export type Pkcs12Result = { ok: true; value: Pkcs12Contents } | { ok: false; refusal: Pkcs12Refusal };

const refuse = (refusal: Pkcs12Refusal): Pkcs12Result => ({ ok: false, refusal });
const derOf = (a: forge.asn1.Asn1): Buffer => Buffer.from(forge.asn1.toDer(a).getBytes(), 'binary');
/** node's multi-line distinguished name ("CN=…\nO=…") on one line. */
const oneLine = (dn: string): string =>
  dn
    .split('\n')
    .filter((s) => s !== '')
    .join(', ');

/** Opens a PKCS#12 with its password; `now` decides whether the certificate is valid. */
export function readPkcs12(file: Buffer, password: string, now: Date): Pkcs12Result {
  let asn: forge.asn1.Asn1;
  try {
    asn = forge.asn1.fromDer(forge.util.createBuffer(file.toString('binary')), { strict: false } as never);
  } catch {
    return refuse({ code: 'PKCS12_NOT_PKCS12', field: 'pkcs12' });
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(asn, false, password);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/not an PKCS#12|PFX|Too few bytes|Unparsed DER/i.test(message)) return refuse({ code: 'PKCS12_NOT_PKCS12', field: 'pkcs12' });
    if (/unsupported|not supported/i.test(message)) return refuse({ code: 'PKCS12_UNSUPPORTED', field: 'pkcs12' });
    // a MAC that does not verify, or (without a MAC) contents that do not decrypt to ASN.1
    return refuse({ code: 'PKCS12_WRONG_PASSWORD', field: 'password' });
  }

  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag!] ?? []),
  ];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag!] ?? [];
  if (keyBags.length === 0) return refuse({ code: 'PKCS12_NO_PRIVATE_KEY', field: 'pkcs12' });

  let key: KeyObject;
  try {
    const bag = keyBags[0]!;
    // forge reads RSA keys only; any other kind stays as its PrivateKeyInfo, which node reads
    const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey)) : bag.asn1;
    key = createPrivateKey({ key: derOf(info as forge.asn1.Asn1), format: 'der', type: 'pkcs8' });
  } catch {
    return refuse({ code: 'PKCS12_KEY_UNSUPPORTED', field: 'pkcs12' });
  }
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') return refuse({ code: 'PKCS12_KEY_UNSUPPORTED', field: 'pkcs12' });

  const certs: X509Certificate[] = [];
  for (const bag of certBags) {
    try {
      certs.push(new X509Certificate(bag.cert ? derOf(forge.pki.certificateToAsn1(bag.cert)) : derOf(bag.asn1 as forge.asn1.Asn1)));
    } catch {
      // a certificate node cannot read is not the signer's; leave it out of the chain
    }
  }
  const signer = certs.find((c) => c.checkPrivateKey(key));
  if (!signer) return refuse({ code: 'PKCS12_NO_CERTIFICATE', field: 'pkcs12' });
  const notBefore = new Date(signer.validFrom);
  const notAfter = new Date(signer.validTo);
  if (notAfter.getTime() < now.getTime()) return refuse({ code: 'PKCS12_EXPIRED', field: 'pkcs12' });
  if (notBefore.getTime() > now.getTime()) return refuse({ code: 'PKCS12_NOT_YET_VALID', field: 'pkcs12' });

  const chain = [signer, ...certs.filter((c) => c !== signer)];
  return {
    ok: true,
    value: {
      privateKeyPem:
        password === ''
          ? (key.export({ type: 'pkcs8', format: 'pem' }) as string)
          : (key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: password }) as string),
      chainPem: chain.map((c) => c.toString()).join(''),
      subject: oneLine(signer.subject),
      issuer: oneLine(signer.issuer),
      serialNumber: signer.serialNumber,
      notBefore,
      notAfter,
      fingerprint: signer.fingerprint256,
    },
  };
}

// ---------- DER, as little as a SignedData needs ----------

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
};
const seq = (...c: Buffer[]) => tlv(0x30, ...c);
/** A DER SET OF: its elements in the order of their encodings. */
const setOf = (...c: Buffer[]) => tlv(0x31, ...[...c].sort(Buffer.compare));
const octets = (b: Buffer) => tlv(0x04, b);
const int = (n: number) => tlv(0x02, Buffer.from([n]));
const NULL = Buffer.from([0x05, 0x00]);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const out: number[] = [a * 40 + b];
  for (const n of rest) {
    const groups: number[] = [];
    let v = n;
    do {
      groups.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    out.push(...groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g)));
  }
  return tlv(0x06, Buffer.from(out));
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
};

/** One TLV of a DER buffer: where its content starts and ends. */
function readTlv(buf: Buffer, at: number): { tag: number; start: number; end: number } {
  const tag = buf[at]!;
  let len = buf[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i]!;
    start += n;
  }
  return { tag, start, end: start + len };
}

/** The issuer Name and serial INTEGER of a certificate, as their DER bytes (IssuerAndSerialNumber). */
function issuerAndSerial(certDer: Buffer): Buffer {
  const cert = readTlv(certDer, 0);
  const tbs = readTlv(certDer, cert.start);
  const fields: Buffer[] = [];
  for (let at = tbs.start; at < tbs.end && fields.length < 4;) {
    const f = readTlv(certDer, at);
    fields.push(certDer.subarray(at, f.end));
    at = f.end;
  }
  // [0] version is optional (v1 certificates omit it)
  const [serial, , issuer] = fields[0]![0] === 0xa0 ? fields.slice(1) : fields;
  return seq(issuer!, serial!);
}

// ---------- signing ----------

/** What the worker is handed to sign with (the key stays encrypted until it gets there). */
export interface PdfSigning {
  privateKeyPem: string;
  passphrase: string;
  chainPem: string;
  /** Names the key in the per-process cache. */
  fingerprint: string;
  /** The signature dictionary's /Name, /Location and /Reason. */
  name: string;
  location: string;
  reason: string;
}

interface ReadyKey {
  key: KeyObject;
  chainDer: Buffer[];
  sid: Buffer;
  certHash: Buffer;
}

// decrypting the key and reading the chain once per process and certificate
const ready = new Map<string, ReadyKey>();

function readyKeyOf(s: PdfSigning): ReadyKey {
  const cacheKey = `${s.fingerprint}\n${createHash('sha256').update(s.privateKeyPem).digest('hex')}`;
  let r = ready.get(cacheKey);
  if (!r) {
    const key = createPrivateKey(s.passphrase === '' ? s.privateKeyPem : { key: s.privateKeyPem, passphrase: s.passphrase });
    const chainDer = [...s.chainPem.matchAll(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g)].map(
      (m) => new X509Certificate(m[0]).raw,
    );
    if (chainDer.length === 0) throw new Error('the signing certificate chain is empty');
    r = { key, chainDer, sid: issuerAndSerial(chainDer[0]!), certHash: createHash('sha256').update(chainDer[0]!).digest() };
    if (ready.size > 16) ready.clear();
    ready.set(cacheKey, r);
  }
  return r;
}

/** A detached CMS SignedData over `content` (the PDF's ByteRange), as PAdES baseline B asks. */
export function cmsSignedData(content: Buffer, s: PdfSigning): Buffer {
  const r = readyKeyOf(s);
  const attrs = [
    seq(oid(OID.contentType), setOf(oid(OID.data))),
    seq(oid(OID.messageDigest), setOf(octets(createHash('sha256').update(content).digest()))),
    // SigningCertificateV2 { certs: [ESSCertIDv2 { certHash }] } (hash algorithm: the default, SHA-256)
    seq(oid(OID.signingCertificateV2), setOf(seq(seq(seq(octets(r.certHash)))))),
  ];
  const signedAttrs = setOf(...attrs);
  const isRsa = r.key.asymmetricKeyType === 'rsa';
  const signature = cryptoSign('sha256', signedAttrs, r.key);
  const signerInfo = seq(
    int(1),
    r.sid,
    seq(oid(OID.sha256)),
    // the same SET, tagged [0] IMPLICIT
    Buffer.concat([Buffer.from([0xa0]), signedAttrs.subarray(1)]),
    isRsa ? seq(oid(OID.rsaEncryption), NULL) : seq(oid(OID.ecdsaWithSha256)),
    octets(signature),
  );
  const signedData = seq(int(1), setOf(seq(oid(OID.sha256))), seq(oid(OID.data)), tlv(0xa0, ...r.chainDer), setOf(signerInfo));
  return seq(oid(OID.signedData), tlv(0xa0, signedData));
}

class CmsSigner extends Signer {
  constructor(private readonly s: PdfSigning) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return cmsSignedData(pdfBuffer, this.s);
  }
}

const signPdfInstance = new SignPdf();

/**
 * The signature dictionary's texts in ASCII: @signpdf writes a non-ASCII text as UTF-16 and then
 * the whole dictionary as UTF-8, which garbles it; readers show the signer from the certificate.
 */
export const asciiText = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '');

/** The PDF with an invisible signature of the whole file by the school's certificate. */
export async function signPdf(pdf: Buffer, s: PdfSigning, signingTime = new Date()): Promise<Buffer> {
  const chainBytes = readyKeyOf(s).chainDer.reduce((n, c) => n + c.length, 0);
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: asciiText(s.reason),
    contactInfo: '',
    name: asciiText(s.name),
    location: asciiText(s.location),
    signingTime,
    // room for the chain, the signed attributes and a signature of up to 8192-bit RSA
    signatureLength: chainBytes + 3072,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    // a PDF name: no spaces
    appName: 'NangTam',
  });
  return signPdfInstance.sign(withPlaceholder, new CmsSigner(s), signingTime);
}
