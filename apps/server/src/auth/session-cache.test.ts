import { describe, expect, it } from 'vitest';
import type { Db, ListenHandlers } from '@nang-tam/db';
import type { AuthUser } from './auth-user.js';
import type { SessionLookup } from '../services/auth.service.js';
import { AUTH_CHANGED_CHANNEL, SessionCache } from './session-cache.js';

/** A database that only listens: the test drives its notifications and losses. */
function listeningDb() {
  let handlers: ListenHandlers | null = null;
  let channel = '';
  const db = {
    listen: async (c: string, h: ListenHandlers) => {
      channel = c;
      handlers = h;
      h.onListening();
      return async () => undefined;
    },
  } as unknown as Db;
  return { db, channel: () => channel, handlers: () => handlers! };
}

const user = (role: string) => ({ id: 1, role, sessionId: 's1' }) as unknown as AuthUser;

/** A lookup that counts its calls and answers `current()`. */
function lookupOf(current: () => SessionLookup) {
  let calls = 0;
  return {
    fn: async () => {
      calls++;
      return current();
    },
    calls: () => calls,
  };
}

describe('SessionCache', () => {
  it('keeps a live session until the ttl, then reads it again', async () => {
    let t = 1_000_000;
    const cache = new SessionCache(60_000, 100, () => t);
    const { db, channel } = listeningDb();
    await cache.start(db);
    expect(channel()).toBe(AUTH_CHANGED_CHANNEL);
    const l = lookupOf(() => ({ kind: 'ok', user: user('unit_officer'), expiresAt: t + 3_600_000 }));
    await cache.resolve('s1', l.fn);
    await cache.resolve('s1', l.fn);
    expect(l.calls()).toBe(1);
    t += 59_999;
    await cache.resolve('s1', l.fn);
    expect(l.calls()).toBe(1);
    t += 1;
    await cache.resolve('s1', l.fn);
    expect(l.calls()).toBe(2);
  });

  it('reads again once the session itself has expired', async () => {
    let t = 1_000_000;
    const cache = new SessionCache(60_000, 100, () => t);
    await cache.start(listeningDb().db);
    let answer: SessionLookup = { kind: 'ok', user: user('unit_officer'), expiresAt: t + 10_000 };
    const l = lookupOf(() => answer);
    await cache.resolve('s1', l.fn);
    t += 10_000;
    answer = { kind: 'expired' };
    expect(await cache.resolve('s1', l.fn)).toEqual({ kind: 'expired' });
    expect(l.calls()).toBe(2);
  });

  it('forgets everything on a notification, on losing the connection, and keeps nothing until it listens again', async () => {
    const cache = new SessionCache(60_000);
    const d = listeningDb();
    await cache.start(d.db);
    let role = 'unit_officer';
    const l = lookupOf(() => ({ kind: 'ok', user: user(role), expiresAt: Date.now() + 3_600_000 }));
    await cache.resolve('s1', l.fn);
    role = 'lecturer';
    expect(((await cache.resolve('s1', l.fn)) as { user: AuthUser }).user.role).toBe('unit_officer');
    d.handlers().onNotify('users');
    expect(((await cache.resolve('s1', l.fn)) as { user: AuthUser }).user.role).toBe('lecturer');
    d.handlers().onLost();
    expect(cache.active).toBe(false);
    expect(cache.size).toBe(0);
    await cache.resolve('s1', l.fn);
    await cache.resolve('s1', l.fn);
    expect(cache.size).toBe(0);
    expect(l.calls()).toBe(4);
    d.handlers().onListening();
    await cache.resolve('s1', l.fn);
    await cache.resolve('s1', l.fn);
    expect(l.calls()).toBe(5);
  });

  it('does not keep a lookup that raced with a change', async () => {
    const cache = new SessionCache(60_000);
    const d = listeningDb();
    await cache.start(d.db);
    const l = lookupOf(() => {
      // the change commits while the session is being read
      d.handlers().onNotify('users');
      return { kind: 'ok', user: user('unit_officer'), expiresAt: Date.now() + 3_600_000 };
    });
    await cache.resolve('s1', l.fn);
    expect(cache.size).toBe(0);
  });

  it('forgets one session on logout, and keeps nothing with a ttl of 0 or a database that cannot listen', async () => {
    const cache = new SessionCache(60_000);
    await cache.start(listeningDb().db);
    const ok = async (): Promise<SessionLookup> => ({ kind: 'ok', user: user('unit_officer'), expiresAt: Date.now() + 3_600_000 });
    await cache.resolve('s1', ok);
    await cache.resolve('s2', ok);
    cache.forget('s1');
    expect(cache.size).toBe(1);
    for (const [ttl, db] of [
      [0, listeningDb().db],
      [60_000, {} as Db],
    ] as const) {
      const c = new SessionCache(ttl);
      await c.start(db);
      await c.resolve('s1', ok);
      expect(c.size).toBe(0);
    }
  });
});
