import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../tests/support/fixtures.js';
import { insertClass } from '../../../tests/support/classes.js';

/**
 * Fuzzing every operation of the OpenAPI document, as three roles (nobody, a unit officer, the
 * system administrator), with malformed input of every kind the review found answering 500:
 * hexadecimal, exponent and out-of-range ids, NUL bytes and lone surrogates in any text, wrong
 * types, missing and giant bodies, invalid JSON, malformed multipart. A fixed seed makes a failure
 * reproducible; the budget of requests is fixed so the file stays well under a minute.
 *
 * Fails on any 5xx, and on any refused request (4xx) that changed the audit log, the jobs queue or
 * the registry's row counts (a refusal must write nothing; a failed login is the exception: it is
 * recorded by design).
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  nullable?: boolean;
  const?: unknown;
};

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: Record<string, JsonSchema>;
  json?: JsonSchema;
  multipart: boolean;
}

const SEED = 20_261_207;
/** Requests per operation and role (anonymous callers are mostly turned away before validation: fewer). */
const CASES = { signedIn: 4, anonymous: 1 };

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'x\ud800y';
const GIANT = 'Đ'.repeat(200_000);

/** Ids as they arrive in a path or query string. */
const BAD_ID_TEXT = [
  '0x10',
  '1e1',
  '2147483648',
  '9007199254740991',
  '-1',
  '0',
  '1.5',
  '+1',
  '%20%31',
  'abc',
  '%00',
  '99999999999999999999',
  '',
];
/** Malformed values for any JSON field. */
const BAD_VALUES: unknown[] = [
  NUL,
  LONE_SURROGATE,
  '\udc00',
  GIANT,
  9_007_199_254_740_991,
  2_147_483_648,
  -1,
  0,
  1e308,
  -1e308,
  0.5,
  true,
  null,
  [],
  {},
  [NUL],
  { a: NUL },
  '2026-02-31',
  '0x10',
  '',
];
/** Malformed values for query strings. */
const BAD_QUERY = [
  '%00',
  'a%00b',
  '0x10',
  '1e1',
  '2147483648',
  '9007199254740991',
  '-1',
  'x'.repeat(20_000),
  '%E0%A4%A',
  '%ED%A0%80',
  'true',
  '',
];

function schemaOf(s: JsonSchema | undefined): JsonSchema | undefined {
  if (!s) return s;
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return schemaOf(alt.find((x) => x.type !== 'null') ?? alt[0]);
  if (s.allOf?.length) return schemaOf(s.allOf[0]);
  return s;
}

/** A plausible value for a schema (the fuzz then breaks one part of it). */
function plausible(s0: JsonSchema | undefined, depth = 0, ids: number[] = [1]): unknown {
  const s = schemaOf(s0);
  if (!s || depth > 6) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return pick(s.enum);
  if (s.example !== undefined) return s.example;
  if (s.examples?.length) return s.examples[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        if (s.required?.includes(k) || random() < 0.5) out[k] = plausible(v, depth + 1, ids);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => plausible(s.items, depth + 1, ids));
    case 'integer':
    case 'number': {
      const min = s.minimum ?? 1;
      const max = s.maximum ?? min + 100;
      const v = type === 'integer' ? pick(ids) : min;
      return Math.min(Math.max(v, min), max);
    }
    case 'boolean':
      return random() < 0.5;
    case 'string':
      if (s.format === 'date') return '2027-03-15';
      if (s.format === 'date-time') return '2027-03-15T08:00:00.000Z';
      if (s.format === 'email') return 'a@b.vn';
      if (s.format === 'uri') return 'https://example.vn/x';
      return 'Nguyễn Văn Thử'.slice(0, Math.max(s.minLength ?? 1, Math.min(s.maxLength ?? 14, 14)));
    default:
      return 'x';
  }
}

/** The same value with one field (at any depth) replaced by a malformed one. */
function breakOne(value: unknown, bad: unknown): unknown {
  if (value === null || typeof value !== 'object') return bad;
  const keys = Object.keys(value);
  if (keys.length === 0) return Array.isArray(value) ? [bad] : { x: bad };
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const key = pick(keys);
  const child = (copy as Record<string, unknown>)[key];
  (copy as Record<string, unknown>)[key] = random() < 0.6 || child === null || typeof child !== 'object' ? bad : breakOne(child, bad);
  return copy;
}

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []) as Array<{ in: string; name: string; schema: JsonSchema }>;
      const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        json: content['application/json']?.schema,
        multipart: 'multipart/form-data' in content,
      });
    }
  }
  return ops;
}

const BOUNDARY = '----nangtamfuzz';
function multipartCases(): Array<Pick<InjectOptions, 'headers' | 'payload'>> {
  const part = (name: string, fileName: string, body: string) =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n${body}\r\n`;
  const type = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
  return [
    { headers: { 'content-type': 'multipart/form-data' }, payload: part('file', 'a.xlsx', 'PK') + `--${BOUNDARY}--\r\n` },
    { headers: type, payload: part('file', 'a.xlsx', 'PK\u0003\u0004 truncated') },
    { headers: type, payload: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n` },
    { headers: type, payload: `--${BOUNDARY}\r\nthis is no header\r\n\r\nbody\r\n--${BOUNDARY}--\r\n` },
    { headers: type, payload: part('other', 'a.xlsx', 'PK') + `--${BOUNDARY}--\r\n` },
    { headers: type, payload: Buffer.from(part('file', 'tên\u0000\ud800.xlsx', 'not a workbook') + `--${BOUNDARY}--\r\n`, 'utf8') },
    { headers: type, payload: part('file', 'a.xlsx', 'PK') + part('file', 'b.xlsx', 'PK') + `--${BOUNDARY}--\r\n` },
    { headers: type, payload: '' },
  ];
}

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const sessions: Record<string, Session | null> = {};
const ROLES = { anonymous: null, officerA: 'officerA', sysadmin: 'sysadmin' } as const;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  await insertClass(db, { organiserUnitId: fx.units.department });
  app = await buildTestApp(db);
  for (const [role, user] of Object.entries(ROLES)) sessions[role] = user ? await loginAs(app, user) : null;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** Rows that any write leaves behind: every write is audited; jobs and the registry's main tables are counted too. */
async function writeFingerprint(): Promise<string> {
  const r = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM audit_log)::int AS audit, (SELECT count(*) FROM jobs)::int AS jobs,
            (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM units)::int AS units,
            (SELECT count(*) FROM classes)::int AS classes, (SELECT count(*) FROM nominations)::int AS nominations`,
  );
  return JSON.stringify(r.rows[0]);
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it('never answers 5xx, and a refused request writes nothing', async () => {
    const doc = app.swagger() as unknown as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(50);
    const realIds = [fx.people.an, fx.units.communeA, 1];
    const failures: string[] = [];
    let requests = 0;
    let refusals = 0;
    let last = await writeFingerprint();

    for (const op of ops) {
      for (const role of Object.keys(ROLES)) {
        // the kinds of malformed input this operation takes: 0 a bad id, 1 a bad query value, 2 a broken
        // body field, 3 a broken envelope (JSON, multipart, no body); an operation without input is called once
        const hasBody = !['GET', 'DELETE', 'HEAD'].includes(op.method);
        const kinds = [op.pathParams.length > 0 && 0, Object.keys(op.query).length > 0 && 1, hasBody && 2, hasBody && 3].filter(
          (k) => k !== false,
        );
        // an upload operation also gets every malformed multipart body once per signed-in role
        const uploads = op.multipart && sessions[role] ? multipartCases() : [];
        const n = (kinds.length === 0 ? 1 : sessions[role] ? CASES.signedIn : CASES.anonymous) + uploads.length;
        for (let i = 0; i < n; i++) {
          const session = sessions[role] ?? null;
          const headers = session ? as(session) : {};
          const upload = i >= n - uploads.length ? uploads[i - (n - uploads.length)] : undefined;
          const kind = upload ? 3 : kinds.length === 0 ? -1 : kinds[i % kinds.length]!;
          let url = op.path.replace(/\{(\w+)\}/g, () => String(kind === 0 ? pick(BAD_ID_TEXT) : pick(realIds)));
          const query = Object.keys(op.query);
          const qs: string[] = [];
          if (query.length > 0 && (kind === 1 || random() < 0.3)) {
            const name = pick(query);
            qs.push(`${name}=${pick(BAD_QUERY)}`);
            if (random() < 0.3) qs.push(`${name}=1`); // the same parameter twice: an array
          }
          if (qs.length) url += `?${qs.join('&')}`;
          const req: InjectOptions = { method: op.method as InjectOptions['method'], url, headers: { ...headers } };
          if (op.method !== 'GET' && op.method !== 'DELETE') {
            if (kind === 3 && op.multipart && (upload || random() < 0.7)) {
              const m = upload ?? pick(multipartCases());
              req.headers = { ...req.headers, ...m.headers };
              req.payload = m.payload;
            } else if (kind === 3) {
              const envelope = pick(['invalid-json', 'no-body', 'array', 'string', 'text-plain', 'deep']);
              if (envelope === 'invalid-json')
                Object.assign(req, { payload: '{"a": ', headers: { ...req.headers, 'content-type': 'application/json' } });
              else if (envelope === 'array') req.payload = [plausible(op.json, 0, realIds)] as never;
              else if (envelope === 'string')
                Object.assign(req, { payload: JSON.stringify(NUL), headers: { ...req.headers, 'content-type': 'application/json' } });
              else if (envelope === 'text-plain')
                Object.assign(req, { payload: 'hello', headers: { ...req.headers, 'content-type': 'text/plain' } });
              else if (envelope === 'deep')
                Object.assign(req, {
                  payload: '['.repeat(5000) + ']'.repeat(5000),
                  headers: { ...req.headers, 'content-type': 'application/json' },
                });
            } else if (op.json) {
              const base = plausible(op.json, 0, realIds);
              req.payload = (kind === 2 || random() < 0.5 ? breakOne(base, pick(BAD_VALUES)) : base) as never;
            }
          }
          // requests run one after another: the state after the previous request is the state before this one
          const before = last;
          let res: LightMyRequestResponse;
          try {
            res = await app.inject(req);
          } catch (err) {
            failures.push(`${op.method} ${url} as ${role}: threw ${(err as Error).message}`);
            continue;
          }
          requests += 1;
          const label = () => {
            const shown =
              typeof req.payload === 'string' || Buffer.isBuffer(req.payload) ? String(req.payload) : JSON.stringify(req.payload ?? '');
            return `${op.method} ${url.slice(0, 120)} as ${role} [${shown.slice(0, 100)}]`;
          };
          if (res.statusCode >= 500) failures.push(`${label()} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (res.statusCode >= 400 && res.statusCode < 500) {
            refusals += 1;
            const code = res.json<{ error?: { code?: string } }>().error?.code;
            const loginRecorded = op.path === '/api/v1/auth/login';
            if (!loginRecorded && (last = await writeFingerprint()) !== before)
              failures.push(`${label()} → ${res.statusCode} ${code} but wrote rows`);
            if (typeof code !== 'string') failures.push(`${label()} → ${res.statusCode} without an error code`);
          }
          if (res.statusCode < 400 || op.path === '/api/v1/auth/login') last = await writeFingerprint();
          // the fuzz may log a role out (POST /auth/logout succeeds): log it back in
          if (op.path === '/api/v1/auth/logout' && res.statusCode === 204 && session) {
            sessions[role] = await loginAs(app, ROLES[role as keyof typeof ROLES]!);
            last = await writeFingerprint();
          }
        }
      }
    }
    expect(failures, failures.slice(0, 25).join('\n')).toEqual([]);
    // the budget was spent on real requests, most of them refused
    expect(requests).toBeGreaterThan(ops.length * 7);
    expect(refusals).toBeGreaterThan(requests / 2);
  }, 180_000); // ≈ 700 requests; the time depends on what else the machine runs (see the decision note)
});
