import type { CheckinInput, CheckinResult } from '@nang-tam/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, CLIENT_ERROR_CODES } from '../../api/client';

// The server, as the queue sees it: who is signed in, and the check-in endpoint.
const server = vi.hoisted(() => ({
  signedIn: true,
  checkIn: (_body: CheckinInput): Promise<unknown> => Promise.reject(new Error('no answer set')),
  sent: [] as CheckinInput[],
}));
vi.mock('../../app/session-core', () => ({
  onSignIn: () => () => undefined,
  fetchMe: async () => (server.signedIn ? { id: 1 } : null),
}));
vi.mock('../../api/learners', () => ({
  attendanceApi: {
    checkIn: (body: CheckinInput) => {
      server.sent.push(body);
      return server.checkIn(body);
    },
  },
}));

const { CHECKIN_TOKEN, localIsoNow, onSyncOutcome, pendingCheckins, scan, syncOne, syncPending } = await import('./pending');

/** localStorage as the phone has it: a string store (or one that refuses every write, as in private mode). */
class FakeStorage {
  readonly items = new Map<string, string>();
  constructor(private readonly refuses = false) {}
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.refuses) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const KEY = 'nangtam.pendingCheckins';
const token = (n: number) => `${n}.29123456.${'a'.repeat(42)}${n % 10}`;
const RESULT = { status: 'checked_in', message: 'Đã điểm danh' } as CheckinResult;
let storage: FakeStorage;

beforeEach(() => {
  storage = new FakeStorage();
  vi.stubGlobal('localStorage', storage);
  server.signedIn = true;
  server.sent = [];
  server.checkIn = async () => RESULT;
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('a scan', () => {
  it('is stored on the phone before anything is sent, with a clientId and the moment of the scan', () => {
    const p = scan(token(1));
    expect(p.token).toBe(token(1));
    expect(p.clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Math.abs(Date.parse(p.checkedInAt) - Date.now())).toBeLessThan(2000);
    expect(server.sent).toEqual([]);
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual([p]);
  });

  it('of a code already waiting (the page reloaded, or opened twice) is the same check-in, stored once', () => {
    const first = scan(token(1));
    const second = scan(token(2));
    expect(scan(token(1))).toEqual(first);
    expect(pendingCheckins()).toEqual([first, second]);
  });

  it('still gives a check-in to send when the phone refuses to store it (private mode, full storage)', () => {
    vi.stubGlobal('localStorage', new FakeStorage(true));
    expect(scan(token(1)).token).toBe(token(1));
    expect(pendingCheckins()).toEqual([]);
  });
});

describe('the stored queue', () => {
  const valid = { token: token(1), clientId: '4f1c2b9e-8d7a-4c3b-9a2e-1f0e9d8c7b6a', checkedInAt: new Date().toISOString() };
  it.each([
    ['nothing stored', null, []],
    ['not JSON', '{oops', []],
    ['not a list', JSON.stringify({ token: 'x' }), []],
    ['a well-formed check-in', JSON.stringify([valid]), [valid]],
    ['an entry missing its clientId', JSON.stringify([{ token: 'x', checkedInAt: valid.checkedInAt }, valid]), [valid]],
    ['a scan older than two days', JSON.stringify([{ ...valid, checkedInAt: new Date(Date.now() - 49 * 3600_000).toISOString() }]), []],
    ['a scan of yesterday', JSON.stringify([{ ...valid, checkedInAt: new Date(Date.now() - 24 * 3600_000).toISOString() }]), 1],
  ])('reads %s', (_what, raw, expected) => {
    if (raw !== null) storage.items.set(KEY, raw);
    const list = pendingCheckins();
    if (typeof expected === 'number') expect(list).toHaveLength(expected);
    else expect(list).toEqual(expected);
  });
});

describe('syncing a check-in', () => {
  it('sends the scan as it was stored and drops it once the server recorded it', async () => {
    const p = scan(token(1));
    const outcome = await syncOne(p);
    expect(outcome).toEqual({ kind: 'done', pending: p, result: RESULT });
    expect(server.sent).toEqual([{ token: p.token, clientId: p.clientId, checkedInAt: p.checkedInAt }]);
    expect(pendingCheckins()).toEqual([]);
    expect(storage.getItem(KEY)).toBeNull();
  });

  const failures: [string, 'waiting' | 'login' | 'rejected', () => unknown][] = [
    ['no network', 'waiting', () => new ApiError(0, CLIENT_ERROR_CODES.NETWORK, '')],
    ['a gateway while the server restarts', 'waiting', () => new ApiError(503, CLIENT_ERROR_CODES.NETWORK, '')],
    ['a server error', 'waiting', () => new ApiError(500, 'INTERNAL', '')],
    ['too many requests', 'waiting', () => new ApiError(429, 'RATE_LIMITED', '')],
    ['an answer that is not ours', 'waiting', () => new ApiError(404, CLIENT_ERROR_CODES.BAD_RESPONSE, '')],
    ['fetch itself failing', 'waiting', () => new TypeError('Failed to fetch')],
    ['an expired session', 'login', () => new ApiError(401, 'SESSION_EXPIRED', 'Phiên đăng nhập đã hết hạn')],
    ['a wrong code', 'rejected', () => new ApiError(422, 'CHECKIN_INVALID', 'Mã điểm danh không hợp lệ')],
    ['a learner not in the class', 'rejected', () => new ApiError(404, 'NOT_FOUND', 'Không tìm thấy')],
  ];
  it.each(failures)('on %s: %s', async (_what, kind, error) => {
    server.checkIn = async () => {
      throw error();
    };
    const p = scan(token(1));
    const outcome = await syncOne(p);
    expect(outcome.kind).toBe(kind);
    // kept to be sent again later, except what the server refused for good
    expect(pendingCheckins()).toEqual(kind === 'rejected' ? [] : [p]);
    if (outcome.kind === 'rejected') expect(outcome.error.message).toBeTruthy();
  });

  it('waits for someone to sign in on the phone, then sends the same check-in', async () => {
    server.signedIn = false;
    const p = scan(token(1));
    expect((await syncOne(p)).kind).toBe('login');
    expect(server.sent).toEqual([]);
    expect(pendingCheckins()).toEqual([p]);
    server.signedIn = true;
    expect((await syncOne(p)).kind).toBe('done');
    expect(server.sent.map((s) => s.clientId)).toEqual([p.clientId]);
  });

  it('sends a check-in again with the same clientId after the network came back, so the server counts it once', async () => {
    server.checkIn = async () => {
      throw new ApiError(0, CLIENT_ERROR_CODES.NETWORK, '');
    };
    const p = scan(token(1));
    await syncOne(p);
    server.checkIn = async () => RESULT;
    await syncPending();
    expect(server.sent.map((s) => s.clientId)).toEqual([p.clientId, p.clientId]);
    expect(pendingCheckins()).toEqual([]);
  });

  it('shares one request between two syncs of the same check-in running at once', async () => {
    let answer!: (r: CheckinResult) => void;
    server.checkIn = () => new Promise((resolve) => (answer = resolve));
    const p = scan(token(1));
    const a = syncOne(p);
    const b = syncOne(p);
    await vi.waitFor(() => expect(server.sent).toHaveLength(1));
    answer(RESULT);
    expect(await a).toEqual(await b);
    expect(server.sent).toHaveLength(1);
  });

  it('tells every listener the outcome until it stops listening', async () => {
    const heard: string[] = [];
    const stop = onSyncOutcome((o) => heard.push(`${o.kind} ${o.pending.token}`));
    await syncOne(scan(token(1)));
    stop();
    await syncOne(scan(token(2)));
    expect(heard).toEqual([`done ${token(1)}`]);
  });
});

describe('syncing the whole queue', () => {
  it('sends the check-ins in the order they were scanned', async () => {
    const ps = [scan(token(1)), scan(token(2)), scan(token(3))];
    const outcomes = await syncPending();
    expect(outcomes.map((o) => o.kind)).toEqual(['done', 'done', 'done']);
    expect(server.sent.map((s) => s.token)).toEqual(ps.map((p) => p.token));
    expect(pendingCheckins()).toEqual([]);
  });

  it('stops at the first check-in that finds no network: the rest would fail the same way', async () => {
    const ps = [scan(token(1)), scan(token(2)), scan(token(3))];
    server.checkIn = async (body) => {
      if (body.token === token(2)) throw new ApiError(0, CLIENT_ERROR_CODES.NETWORK, '');
      return RESULT;
    };
    const outcomes = await syncPending();
    expect(outcomes.map((o) => o.kind)).toEqual(['done', 'waiting']);
    expect(server.sent.map((s) => s.token)).toEqual([token(1), token(2)]);
    expect(pendingCheckins()).toEqual([ps[1], ps[2]]);
  });

  it('goes past a refused check-in to the next one', async () => {
    scan(token(1));
    const second = scan(token(2));
    server.checkIn = async (body) => {
      if (body.token === token(1)) throw new ApiError(422, 'CHECKIN_INVALID', 'Mã điểm danh không hợp lệ');
      return RESULT;
    };
    expect((await syncPending()).map((o) => [o.kind, o.pending.token])).toEqual([
      ['rejected', token(1)],
      ['done', second.token],
    ]);
    expect(pendingCheckins()).toEqual([]);
  });
});

describe('the code and the time sent', () => {
  it.each([
    [token(1), true],
    ['12.34.' + 'A-_z9'.repeat(8) + 'abc', true],
    ['12.34.short', false],
    ['abc.34.' + 'a'.repeat(43), false],
    ['https://example.org/checkin?t=1.2.' + 'a'.repeat(43), false],
  ])('%s is a check-in code: %s', (t, ok) => {
    expect(CHECKIN_TOKEN.test(t)).toBe(ok);
  });

  it('stamps the scan in the phone’s own time with its offset, to the second', () => {
    const d = new Date('2026-11-23T01:05:12.345Z');
    const s = localIsoNow(d);
    expect(s).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(Date.parse(s)).toBe(Date.parse('2026-11-23T01:05:12Z'));
  });
});
