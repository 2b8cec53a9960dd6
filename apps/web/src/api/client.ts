/**
 * The one typed fetch client of the web app.
 *
 * - JSON in and out, cookies sent (`credentials: 'same-origin'`).
 * - Every non-GET request carries `X-CSRF-Token` (the token comes from /auth/me or /auth/login).
 * - Error bodies `{ error: { code, message, details } }` become an {@link ApiError}.
 * - A 401 SESSION_EXPIRED / UNAUTHENTICATED on an ordinary request calls the unauthorised handler
 *   (the app sends the user to the login page with a notice).
 */
import type { ErrorDetail } from '@nang-tam/contracts';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** True for the 401 codes that mean "log in (again)". */
  get isAuthError(): boolean {
    return this.status === 401 && (this.code === 'SESSION_EXPIRED' || this.code === 'UNAUTHENTICATED');
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Codes the client itself produces (no HTTP answer, or an answer that is not our error shape). */
export const CLIENT_ERROR_CODES = { NETWORK: 'NETWORK', BAD_RESPONSE: 'BAD_RESPONSE' } as const;

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorisedHandler = (code: string) => void;
let onUnauthorised: UnauthorisedHandler | null = null;
/** Registered once by the app: what to do when the session is gone. */
export function setUnauthorisedHandler(handler: UnauthorisedHandler | null): void {
  onUnauthorised = handler;
}

/** Asked for a fresh CSRF token when the server refuses ours (the app re-reads /auth/me). */
type CsrfRefresher = () => Promise<string | null>;
let refreshCsrf: CsrfRefresher | null = null;
export function setCsrfRefresher(fn: CsrfRefresher | null): void {
  refreshCsrf = fn;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** JSON body (objects) or multipart (FormData). */
  body?: unknown;
  signal?: AbortSignal;
  /** Do not redirect to the login page on 401 (login and the initial /auth/me use this). */
  noAuthRedirect?: boolean;
}

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function isErrorBody(x: unknown): x is { error: { code: string; message: string; details?: ErrorDetail[] } } {
  if (typeof x !== 'object' || x === null || !('error' in x)) return false;
  const e = (x as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string';
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body; // the browser sets the multipart boundary
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const url = path.startsWith('/api/') ? path : `${API_BASE}${path}`;
  return fetch(url + buildQuery(opts.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: opts.signal,
  });
}

async function toApiError(res: Response): Promise<ApiError> {
  let parsed: unknown = null;
  try {
    parsed = await res.json();
  } catch {
    parsed = null;
  }
  if (isErrorBody(parsed)) {
    const { code, message, details } = parsed.error;
    return new ApiError(res.status, code, message, Array.isArray(details) ? details : []);
  }
  // No error body: a proxy or gateway answered (502/503/504 while the server restarts), or something else.
  if (res.status === 502 || res.status === 503 || res.status === 504) return new ApiError(res.status, CLIENT_ERROR_CODES.NETWORK, '');
  return new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : CLIENT_ERROR_CODES.BAD_RESPONSE, '');
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await send(method, path, opts);
    // A stale anti-forgery token (e.g. after logging in again in another tab): refresh once, retry.
    if (res.status === 403 && method !== 'GET' && refreshCsrf) {
      const err = await toApiError(res.clone());
      if (err.code === 'CSRF_INVALID') {
        const fresh = await refreshCsrf();
        if (fresh) {
          csrfToken = fresh;
          res = await send(method, path, opts);
        }
      }
    }
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, CLIENT_ERROR_CODES.NETWORK, e instanceof Error ? e.message : 'Network error');
  }

  if (!res.ok) {
    const err = await toApiError(res);
    if (err.isAuthError && !opts.noAuthRedirect) onUnauthorised?.(err.code);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(res.status, CLIENT_ERROR_CODES.BAD_RESPONSE, 'The server answer is not JSON');
  }
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};

/** Absolute-path URL of an API resource, for plain links (downloads use the session cookie). */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  return `${API_BASE}${path}${buildQuery(query)}`;
}

/** Starts a browser download of a same-origin URL (the server sends Content-Disposition). */
export function downloadUrl(url: string, fileName?: string): void {
  const a = document.createElement('a');
  a.href = url;
  if (fileName) a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
