/**
 * The installation's Ed25519 key pair (node:crypto), kept in `signing_keys`: made on first use under
 * an advisory lock so that every server process signs and verifies with the same key. The private
 * key is PKCS#8 PEM, the public key SPKI PEM; the private key never leaves this module's callers.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { auditRepo, certificatesRepo, type Queryable } from '@nang-tam/db';

export interface SigningKey {
  id: number;
  privateKey: KeyObject;
  publicKeyPem: string;
  createdAt: string;
}

export interface VerifyingKey {
  id: number;
  publicKey: KeyObject;
  publicKeyPem: string;
  createdAt: string;
}

// Parsing a PEM costs more than signing with it: keep the parsed objects by their text.
const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();

function privateKeyOf(pem: string): KeyObject {
  let key = privateKeys.get(pem);
  if (!key) privateKeys.set(pem, (key = createPrivateKey(pem)));
  return key;
}

function publicKeyOf(pem: string): KeyObject {
  let key = publicKeys.get(pem);
  if (!key) publicKeys.set(pem, (key = createPublicKey(pem)));
  return key;
}

const toSigningKey = (r: certificatesRepo.SigningKeyRow): SigningKey => ({
  id: r.id,
  privateKey: privateKeyOf(r.private_key),
  publicKeyPem: r.public_key,
  createdAt: r.created_at,
});

/** A new key pair as PEM text. */
export function generateSigningKeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

/**
 * The key that signs (the oldest), made on first use. Call inside a transaction: the advisory lock
 * that makes two processes agree on one key is held until it ends. The creation is audited.
 */
export async function ensureSigningKey(tx: Queryable, actor: { actorId: number | null; actorName: string }): Promise<SigningKey> {
  const existing = await certificatesRepo.findSigningKeys(tx);
  if (existing[0]) return toSigningKey(existing[0]);
  await certificatesRepo.lockSigningKeys(tx);
  const again = await certificatesRepo.findSigningKeys(tx);
  if (again[0]) return toSigningKey(again[0]);
  const pair = generateSigningKeyPair();
  const row = await certificatesRepo.insertSigningKey(tx, pair.publicKeyPem, pair.privateKeyPem);
  await auditRepo.appendAudit(tx, {
    ...actor,
    action: 'create',
    entity: 'signing_key',
    entityId: row.id,
    after: { algorithm: 'Ed25519', publicKey: row.public_key },
  });
  return toSigningKey(row);
}

/** Every public key of the installation (none before the first certificate or public-key request). */
export async function loadVerifyingKeys(db: Queryable): Promise<VerifyingKey[]> {
  const rows = await certificatesRepo.findSigningKeys(db);
  return rows.map((r) => ({ id: r.id, publicKey: publicKeyOf(r.public_key), publicKeyPem: r.public_key, createdAt: r.created_at }));
}

/** The Ed25519 signature of `bytes` (64 bytes). */
export function signBytes(key: SigningKey, bytes: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, bytes, key.privateKey));
}

/** True when one of the keys made this signature over these bytes. Never throws. */
export function verifyBytes(keys: readonly VerifyingKey[], bytes: Uint8Array, signature: Uint8Array): boolean {
  return keys.some((k) => {
    try {
      return verify(null, bytes, k.publicKey, signature);
    } catch {
      return false;
    }
  });
}
