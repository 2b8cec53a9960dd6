import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@nang-tam/db';
import { auditRepo, loginFailuresRepo, usersRepo } from '@nang-tam/db';
import type { LoginRequest } from '@nang-tam/contracts';
import { AppError } from '../errors.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { toAuthUser, type AuthUser } from '../auth/auth-user.js';

/** The id a session is stored under: the SHA-256 of its token (the token itself is never stored). */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

// verified against when the username does not exist, so both failures take the same time
let dummyHash: Promise<string> | null = null;

/**
 * The one form of a username that login looks up and the login limit counts: trimmed (spaces,
 * tabs), NFC, lower case (accounts are matched case-insensitively). " giangvien", "giangvien\t"
 * and "GiangVien" are one account and share one limit.
 */
export function normaliseUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}

export interface LoginLimits {
  /** The client's address (the socket's, or the one a trusted proxy forwards). */
  address: string;
  /** Attempts allowed per username, and per address, within the window. */
  perUsername: number;
  perAddress: number;
  windowSeconds: number;
}

/** Login records (success and failure) in the audit log: who, from where; never the password. */
async function auditLogin(
  db: Db,
  action: 'login' | 'login_failed' | 'login_refused',
  username: string,
  address: string,
  userId: number | null,
) {
  await auditRepo.appendAudit(db, {
    actorId: userId,
    actorName: username.slice(0, 64),
    action,
    entity: 'session',
    entityId: userId ?? '-',
    after: { address },
  });
}

/**
 * Signs a user in. The login limit lives in the database, so every app node enforces the same
 * one: each attempt is recorded before its password is checked and counted per normalised username
 * and per address; past either limit the attempt is refused (429) without checking. A successful
 * login, or a refused one, does not count.
 */
export async function login(
  db: Db,
  input: LoginRequest,
  ttlMinutes: number,
  limits: LoginLimits,
): Promise<{ token: string; user: AuthUser }> {
  const username = normaliseUsername(input.username);
  const attempt = await loginFailuresRepo.recordAttempt(db, username, limits.address, limits.windowSeconds);
  if (attempt.byUsername > limits.perUsername || attempt.byAddress > limits.perAddress) {
    await loginFailuresRepo.forgetAttempt(db, attempt.id);
    await auditLogin(db, 'login_refused', username, limits.address, null);
    throw new AppError('RATE_LIMITED');
  }
  const row = username === '' ? null : await usersRepo.findUserByUsername(db, username);
  if (!row || !row.active) {
    dummyHash ??= hashPassword('not-a-password');
    await verifyPassword(input.password, await dummyHash);
    await auditLogin(db, 'login_failed', username, limits.address, null);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!(await verifyPassword(input.password, row.password_hash))) {
    await auditLogin(db, 'login_failed', username, limits.address, row.id);
    throw new AppError('INVALID_CREDENTIALS');
  }
  await loginFailuresRepo.forgetAttempt(db, attempt.id);
  await auditLogin(db, 'login', row.username, limits.address, row.id);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const id = sessionIdOf(token);
  await usersRepo.deleteExpiredSessions(db, row.id);
  await usersRepo.insertSession(db, { id, userId: row.id, csrfToken, expiresAt: new Date(Date.now() + ttlMinutes * 60_000) });
  return { token, user: toAuthUser(row, id, csrfToken) };
}

/** `expiresAt`: when the session expires (ms since the epoch). */
export type SessionLookup = { kind: 'ok'; user: AuthUser; expiresAt: number } | { kind: 'expired' } | { kind: 'none' };

export async function resolveSession(db: Db, token: string): Promise<SessionLookup> {
  const id = sessionIdOf(token);
  const row = await usersRepo.findSession(db, id);
  if (!row || !row.active) return { kind: 'none' };
  const expiresAt = new Date(row.expires_at).getTime();
  if (expiresAt <= Date.now()) {
    await usersRepo.deleteSession(db, id);
    return { kind: 'expired' };
  }
  return { kind: 'ok', user: toAuthUser(row, id, row.csrf_token), expiresAt };
}

export async function logout(db: Db, user: AuthUser): Promise<void> {
  await usersRepo.deleteSession(db, user.sessionId);
}
