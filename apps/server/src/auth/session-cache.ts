import type { Db } from '@nang-tam/db';
import type { AuthUser } from './auth-user.js';
import type { SessionLookup } from '../services/auth.service.js';

/** The channel migration 042 notifies when users, sessions or units change. */
export const AUTH_CHANGED_CHANNEL = 'nt_auth_changed';

interface Entry {
  user: AuthUser;
  /** The session's own expiry (ms): past it the session is looked up again (and found expired). */
  expiresAt: number;
  /** When this node read it (ms): kept at most `ttlMs`. */
  readAt: number;
}

/**
 * The sessions this node has resolved, kept for at most `ttlMs` (decision 0059), so a request does
 * not read the session, its user and their unit from the database each time. Scope is security, so
 * what is kept is forgotten as soon as anything it was read from changes: every update or delete of
 * a user, a session or a unit notifies AUTH_CHANGED_CHANNEL (migration 042, on every node's
 * database connection) and this node then forgets everything. Nothing is kept until the node
 * listens, nor while its listening connection is lost (notifications may have been missed), nor
 * when `ttlMs` is 0. A lookup that raced with a change is not kept (the generation moved on).
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private listening = false;
  private stop: (() => Promise<void>) | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts listening for changes (without a database that can listen, nothing is ever kept). */
  async start(db: Db): Promise<void> {
    if (this.ttlMs <= 0 || !db.listen) return;
    this.stop = await db.listen(AUTH_CHANGED_CHANNEL, {
      onNotify: () => this.forgetAll(),
      onListening: () => {
        this.forgetAll();
        this.listening = true;
      },
      onLost: () => {
        this.listening = false;
        this.forgetAll();
      },
    });
  }

  async close(): Promise<void> {
    this.listening = false;
    this.forgetAll();
    await this.stop?.();
    this.stop = null;
  }

  /** Whether entries are kept now (listening, and a ttl above 0). */
  get active(): boolean {
    return this.listening && this.ttlMs > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  forgetAll(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Forgets one session on this node at once (logout; the other nodes hear of it from the database). */
  forget(sessionId: string): void {
    this.generation++;
    this.entries.delete(sessionId);
  }

  /**
   * The kept user of a session, or the result of `lookup` (which is kept when it found a live
   * session and nothing changed while it ran).
   */
  async resolve(sessionId: string, lookup: () => Promise<SessionLookup>): Promise<SessionLookup> {
    const t = this.now();
    if (this.active) {
      const e = this.entries.get(sessionId);
      if (e && t < e.expiresAt && t - e.readAt < this.ttlMs) return { kind: 'ok', user: e.user, expiresAt: e.expiresAt };
      if (e) this.entries.delete(sessionId);
    }
    const generation = this.generation;
    const found = await lookup();
    if (found.kind === 'ok' && this.active && generation === this.generation) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(sessionId, { user: found.user, expiresAt: found.expiresAt, readAt: t });
    }
    return found;
  }
}
