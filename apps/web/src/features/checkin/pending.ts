/**
 * QR check-ins that wait on the phone for the network (or for the learner to log in).
 *
 * A scan becomes one pending check-in — its token, a clientId made once (crypto.randomUUID) and the
 * moment of the scan — stored in localStorage before anything is sent. It is sent when the page
 * opens, again on every `online` event, when the app opens next and when a user signs in, always
 * with the same clientId: the server records one attendance whatever the number of syncs. It leaves
 * the store once the server answered (recorded, or refused for good: a wrong code, a learner not in
 * the class); network failures, server errors and a missing session keep it.
 */
import type { CheckinResult } from '@nang-tam/contracts';
import { ApiError, CLIENT_ERROR_CODES, isApiError } from '../../api/client';
import { attendanceApi } from '../../api/learners';
import { fetchMe, onSignIn } from '../../app/session-core';

const STORAGE_KEY = 'nangtam.pendingCheckins';
/** Older scans are of no use: the server refuses a check-in outside its session anyway. */
const MAX_AGE_MS = 2 * 24 * 3600 * 1000;

export interface PendingCheckin {
  token: string;
  clientId: string;
  /** When the phone scanned the code (ISO 8601 with offset). */
  checkedInAt: string;
}

export type SyncOutcome =
  | { kind: 'done'; pending: PendingCheckin; result: CheckinResult }
  /** No network (or the server is unreachable): kept, sent again later. */
  | { kind: 'waiting'; pending: PendingCheckin }
  /** Nobody is signed in on this phone: kept until someone is. */
  | { kind: 'login'; pending: PendingCheckin }
  /** The server refused it for good (wrong code, not in the class…): dropped. */
  | { kind: 'rejected'; pending: PendingCheckin; error: ApiError };

/** The token of a check-in QR code: session id, time window, 43-character signature. */
export const CHECKIN_TOKEN = /^\d{1,9}\.\d{1,12}\.[A-Za-z0-9_-]{43}$/;

function read(): PendingCheckin[] {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    if (!Array.isArray(list)) return [];
    const now = Date.now();
    return list.filter(
      (p): p is PendingCheckin =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as PendingCheckin).token === 'string' &&
        typeof (p as PendingCheckin).clientId === 'string' &&
        typeof (p as PendingCheckin).checkedInAt === 'string' &&
        now - Date.parse((p as PendingCheckin).checkedInAt) < MAX_AGE_MS,
    );
  } catch {
    return [];
  }
}

function write(list: PendingCheckin[]): void {
  try {
    if (list.length === 0) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(list));
  } catch {
    /* private mode or full storage: the check-in is still sent while the page is open */
  }
}

export function pendingCheckins(): PendingCheckin[] {
  return read();
}

/** An ISO 8601 timestamp with the phone's offset ("2026-11-23T08:05:12+07:00"). */
export function localIsoNow(d = new Date()): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`
  );
}

function newClientId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // crypto.randomUUID needs a secure context (https or localhost); a phone on plain http gets a v4 UUID by hand
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The scan of a token: the pending check-in already stored for it (the page reloaded, or opened
 * twice), else a new one stored now with its clientId and the current time.
 */
export function scan(token: string): PendingCheckin {
  const list = read();
  const existing = list.find((p) => p.token === token);
  if (existing) return existing;
  const p: PendingCheckin = { token, clientId: newClientId(), checkedInAt: localIsoNow() };
  write([...list, p]);
  return p;
}

function drop(clientId: string): void {
  write(read().filter((p) => p.clientId !== clientId));
}

type Listener = (o: SyncOutcome) => void;
const listeners = new Set<Listener>();
/** Outcomes of every sync (the check-in page follows its own scan). */
export function onSyncOutcome(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

const inFlight = new Map<string, Promise<SyncOutcome>>();

function isTransient(e: unknown): boolean {
  if (!isApiError(e)) return true;
  return (
    e.code === CLIENT_ERROR_CODES.NETWORK ||
    e.status === 0 ||
    e.status >= 500 ||
    e.status === 429 ||
    e.code === CLIENT_ERROR_CODES.BAD_RESPONSE
  );
}

async function send(p: PendingCheckin): Promise<SyncOutcome> {
  try {
    // the session's anti-forgery token (and whether anyone is signed in at all)
    const me = await fetchMe();
    if (!me) return { kind: 'login', pending: p };
    const result = await attendanceApi.checkIn(p);
    drop(p.clientId);
    return { kind: 'done', pending: p, result };
  } catch (e) {
    if (isApiError(e) && e.isAuthError) return { kind: 'login', pending: p };
    if (isTransient(e)) return { kind: 'waiting', pending: p };
    drop(p.clientId);
    return { kind: 'rejected', pending: p, error: e as ApiError };
  }
}

/** Sends one pending check-in (a second call while the first runs shares its answer). */
export function syncOne(p: PendingCheckin): Promise<SyncOutcome> {
  const running = inFlight.get(p.clientId);
  if (running) return running;
  const job = send(p)
    .then((o) => {
      for (const fn of listeners) fn(o);
      return o;
    })
    .finally(() => inFlight.delete(p.clientId));
  inFlight.set(p.clientId, job);
  return job;
}

/** Sends every pending check-in, one after the other. */
export async function syncPending(): Promise<SyncOutcome[]> {
  const out: SyncOutcome[] = [];
  for (const p of read()) {
    const o = await syncOne(p);
    out.push(o);
    if (o.kind === 'waiting') break; // no network: the rest would fail the same way
  }
  return out;
}

let started = false;
/**
 * Once per app: sends what is pending now (the app just opened), on every `online` event, and
 * whenever a user signs in (also on the public login page, before the signed-in app is loaded).
 */
export function startPendingCheckinSync(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  const run = () => {
    if (read().length > 0) void syncPending();
  };
  window.addEventListener('online', run);
  onSignIn(() => run());
  run();
}
