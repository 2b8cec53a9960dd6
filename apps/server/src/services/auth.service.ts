import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@nang-tam/db';
import { usersRepo } from '@nang-tam/db';
import type { LoginRequest } from '@nang-tam/contracts';
import { AppError } from '../errors.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { toAuthUser, type AuthUser } from '../auth/auth-user.js';

const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

// verified against when the username does not exist, so both failures take the same time
let dummyHash: Promise<string> | null = null;

export async function login(db: Db, input: LoginRequest, ttlMinutes: number): Promise<{ token: string; user: AuthUser }> {
  const row = await usersRepo.findUserByUsername(db, input.username.trim());
  if (!row || !row.active) {
    dummyHash ??= hashPassword('not-a-password');
    await verifyPassword(input.password, await dummyHash);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!(await verifyPassword(input.password, row.password_hash))) throw new AppError('INVALID_CREDENTIALS');
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const id = sessionIdOf(token);
  await usersRepo.deleteExpiredSessions(db, row.id);
  await usersRepo.insertSession(db, { id, userId: row.id, csrfToken, expiresAt: new Date(Date.now() + ttlMinutes * 60_000) });
  return { token, user: toAuthUser(row, id, csrfToken) };
}

export type SessionLookup = { kind: 'ok'; user: AuthUser } | { kind: 'expired' } | { kind: 'none' };

export async function resolveSession(db: Db, token: string): Promise<SessionLookup> {
  const id = sessionIdOf(token);
  const row = await usersRepo.findSession(db, id);
  if (!row || !row.active) return { kind: 'none' };
  if (new Date(row.expires_at).getTime() <= Date.now()) {
    await usersRepo.deleteSession(db, id);
    return { kind: 'expired' };
  }
  return { kind: 'ok', user: toAuthUser(row, id, row.csrf_token) };
}

export async function logout(db: Db, user: AuthUser): Promise<void> {
  await usersRepo.deleteSession(db, user.sessionId);
}
