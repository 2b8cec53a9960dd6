import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { peopleRepo, type Db } from '@nang-tam/db';
import { ZPeoplePage } from '@nang-tam/contracts';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let board: Session;
let officerA: Session;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  board = await loginAs(app, 'board');
  officerA = await loginAs(app, 'officerA');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const validPerson = () => ({
  fullName: '  Hoàng   Văn Đức ',
  citizenId: '008090001111',
  birthDate: '1990-02-28',
  gender: 'male',
  ethnicityCode: '02',
  category: 'cong_chuc',
  unitId: fx.units.communeA,
});

describe('health and session', () => {
  it('reports the database kind', async () => {
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: db.kind });
  });

  it('refuses a wrong password with a Vietnamese message and sets no cookie', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'board', password: 'wrong' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(res.json().error.message).toMatch(/mật khẩu/);
    expect(res.cookies).toHaveLength(0);
  });

  it('sets an HttpOnly SameSite session cookie', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'board', password: 'Test@12345' } });
    const c = res.cookies.find((x) => x.name === 'nt_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    expect(res.json()).toMatchObject({ username: 'board', role: 'province_board', unit: { id: fx.units.root } });
  });

  it('answers 401 without a session and SESSION_EXPIRED for an expired one', async () => {
    expect((await app.inject({ url: '/api/v1/people' })).json().error.code).toBe('UNAUTHENTICATED');
    const s = await loginAs(app, 'officerD');
    await db.query("UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1", [fx.users.officerD!.id]);
    const res = await app.inject({ url: '/api/v1/people', headers: as(s) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('refuses a write without the CSRF token', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie: board.cookie }, payload: validPerson() });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
  });

  it('logs out: the cookie no longer works', async () => {
    const s = await loginAs(app, 'noivu');
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: as(s) })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: as(s) })).statusCode).toBe(401);
  });
});

describe('people list', () => {
  const list = async (s: Session, query: string) => {
    const res = await app.inject({ url: `/api/v1/people?${query}`, headers: as(s) });
    expect(res.statusCode, res.body).toBe(200);
    // the route writes its answer without re-checking it (decision 0059): every answer here is the contract's
    expect(ZPeoplePage.strict().parse(res.json())).toEqual(res.json());
    return res.json() as { items: { fullName: string; id: number }[]; total: number; totalExact: boolean };
  };
  const count = async (s: Session, query: string) => {
    const res = await app.inject({ url: `/api/v1/people/count?${query}`, headers: as(s) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number };
  };

  it('finds names without diacritics, by word prefix', async () => {
    const r = await list(board, 'q=nguyen%20van');
    expect(r.items.map((p) => p.fullName)).toEqual(['Nguyễn Văn An']);
    expect((await list(board, 'q=NGUY%E1%BB%84N')).total).toBe(2);
    expect((await list(board, 'q=guyen')).total).toBe(0);
    expect((await list(board, 'q=lo%20thi')).items.map((p) => p.fullName)).toEqual(['Lò Thị Dung']);
  });

  it('sorts by given name as Vietnamese lists do', async () => {
    expect((await list(board, 'sort=name')).items.map((p) => p.fullName)).toEqual([
      'Nguyễn Văn An',
      'Nguyễn Thị Bình',
      'Trần Văn Cường',
      'Lò Thị Dung',
    ]);
  });

  it('filters by unit subtree, gender, ethnicity, level and party membership', async () => {
    expect((await list(board, `unitId=${fx.units.communeA}`)).total).toBe(2);
    expect((await list(board, 'gender=female')).total).toBe(2);
    expect((await list(board, 'ethnicity=minority')).items.map((p) => p.fullName).sort()).toEqual(['Lò Thị Dung', 'Nguyễn Thị Bình']);
    expect((await list(board, 'politicalTheoryLevel=trung_cap')).items.map((p) => p.fullName)).toEqual(['Nguyễn Văn An']);
    expect((await list(board, 'politicalTheoryLevel=none')).total).toBe(3);
    expect((await list(board, 'educationLevel=thac_si')).items.map((p) => p.fullName)).toEqual(['Nguyễn Thị Bình']);
    expect((await list(board, 'partyMember=true')).items.map((p) => p.fullName)).toEqual(['Nguyễn Văn An']);
  });

  it('pages with limit/offset and keeps the total', async () => {
    const r = await list(board, 'limit=2&offset=2&sort=name');
    expect(r.total).toBe(4);
    expect(r.items.map((p) => p.fullName)).toEqual(['Trần Văn Cường', 'Lò Thị Dung']);
  });

  it('says whether the total is exact: below the cap it always is', async () => {
    expect(await list(board, 'limit=2&sort=name')).toMatchObject({ total: 4, totalExact: true });
    expect(await list(board, 'limit=2&offset=4')).toMatchObject({ items: [], total: 4, totalExact: true });
    expect(await list(board, 'q=zzz')).toMatchObject({ items: [], total: 0, totalExact: true });
  });

  it('caps the count: above the cap the total is the cap and not exact, paging still works', async () => {
    const root = (await db.query<{ path: string }>('SELECT path FROM units WHERE id = $1', [fx.units.root])).rows[0]!.path;
    const scope = { kind: 'subtree', unitPath: root } as const;
    const filter = { words: [], subtree: true, sort: 'name' };
    // a full page, more matches than the cap: "more than 2"
    expect(await peopleRepo.listPeople(db, scope, filter, 2, 0, 2)).toMatchObject({ total: 2, totalExact: false });
    expect(await peopleRepo.listPeople(db, scope, filter, 1, 3, 2)).toMatchObject({ total: 2, totalExact: false });
    // exactly the cap is exact
    expect(await peopleRepo.listPeople(db, scope, filter, 2, 0, 4)).toMatchObject({ total: 4, totalExact: true });
    // the last, partial page tells the exact total without counting
    const last = await peopleRepo.listPeople(db, scope, filter, 3, 3, 2);
    expect(last).toMatchObject({ total: 4, totalExact: true });
    expect(last.rows).toHaveLength(1);
    // the exact count (exports, "count exactly") is never capped
    expect(await peopleRepo.countPeople(db, scope, filter)).toBe(4);
  });

  it('counts exactly on request, with the same filters and scope as the list', async () => {
    expect(await count(board, '')).toEqual({ total: 4 });
    expect(await count(board, 'gender=female')).toEqual({ total: 2 });
    expect(await count(board, 'q=nguyen')).toEqual({ total: 2 });
    expect(await count(officerA, '')).toEqual({ total: 2 });
    const outside = await app.inject({ url: `/api/v1/people/count?unitId=${fx.units.communeB}`, headers: as(officerA) });
    expect(outside.statusCode).toBe(404);
    const paged = await app.inject({ url: '/api/v1/people/count?limit=20', headers: as(board) });
    expect(paged.statusCode).toBe(400);
    expect(paged.json().error.details).toEqual([expect.objectContaining({ path: 'limit', code: 'UNKNOWN_FIELD' })]);
    expect((await app.inject({ url: '/api/v1/people/count' })).statusCode).toBe(401);
  });

  it('shows an agency officer only their subtree', async () => {
    const r = await list(officerA, '');
    expect(r.items.map((p) => p.fullName).sort()).toEqual(['Nguyễn Thị Bình', 'Nguyễn Văn An']);
  });

  it('refuses unknown query fields and bad values with field paths', async () => {
    const res = await app.inject({ url: '/api/v1/people?limit=5000&colour=red', headers: as(board) });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { path: string; code: string }[];
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'limit', code: 'OUT_OF_RANGE' }),
        expect.objectContaining({ path: 'colour', code: 'UNKNOWN_FIELD' }),
      ]),
    );
  });
});

describe('profile and edits', () => {
  it('opens a profile with history, and answers 404 out of scope', async () => {
    const res = await app.inject({ url: `/api/v1/people/${fx.people.an}`, headers: as(officerA) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      fullName: 'Nguyễn Văn An',
      educationLevel: 'dai_hoc',
      politicalTheoryLevel: 'trung_cap',
      partyMembership: 'member',
    });
    expect(res.json().qualifications).toHaveLength(2);
    const out = await app.inject({ url: `/api/v1/people/${fx.people.cuong}`, headers: as(officerA) });
    expect(out.statusCode).toBe(404);
    expect(out.json().error.code).toBe('NOT_FOUND');
  });

  it('creates a person, tidying spaces, and records the audit', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/people', headers: as(officerA), payload: validPerson() });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.fullName).toBe('Hoàng Văn Đức');
    const audit = await app.inject({ url: `/api/v1/people/${created.id}/audit`, headers: as(officerA) });
    expect(audit.json().items[0]).toMatchObject({ actor: 'officerA', action: 'create', entity: 'person' });
    expect(audit.json().items[0].after.fullName).toBe('Hoàng Văn Đức');
  });

  it('refuses bad input with every field problem at once, and saves nothing', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]!.n;
    const bad = { ...validPerson(), citizenId: '12345', birthDate: '1990-02-31', gender: 'x', nickname: 'Đức', fullName: 'A'.repeat(200) };
    const res = await app.inject({ method: 'POST', url: '/api/v1/people', headers: as(board), payload: bad });
    expect(res.statusCode).toBe(400);
    const paths = Object.fromEntries((res.json().error.details as { path: string; code: string }[]).map((d) => [d.path, d.code]));
    expect(paths).toMatchObject({
      citizenId: 'INVALID_CITIZEN_ID',
      birthDate: 'INVALID_DATE',
      gender: 'INVALID_VALUE',
      nickname: 'UNKNOWN_FIELD',
      fullName: 'TOO_LONG',
    });
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]!.n).toBe(before);
  });

  it('refuses a future birth date, an unknown unit and a duplicate citizen id', async () => {
    const future = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: as(board),
      payload: { ...validPerson(), citizenId: '008090002222', birthDate: '2090-01-01' },
    });
    expect(future.json().error.details).toEqual([expect.objectContaining({ path: 'birthDate', code: 'DATE_IN_FUTURE' })]);
    const unit = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: as(officerA),
      payload: { ...validPerson(), citizenId: '008090002222', unitId: fx.units.communeB },
    });
    expect(unit.json().error.details).toEqual([expect.objectContaining({ path: 'unitId', code: 'UNKNOWN_CODE' })]);
    const dup = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: as(board),
      payload: { ...validPerson(), citizenId: '008080000001' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details).toEqual([expect.objectContaining({ path: 'citizenId', code: 'DUPLICATE_CITIZEN_ID' })]);
  });

  it('answers malformed JSON with a clear code', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { ...as(board), 'content-type': 'application/json' },
      payload: '{"fullName": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });

  it('refuses the second of two concurrent edits with a conflict', async () => {
    const read = (await app.inject({ url: `/api/v1/people/${fx.people.binh}`, headers: as(board) })).json();
    const edit = (s: Session, phone: string) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/people/${fx.people.binh}`,
        headers: as(s),
        payload: {
          fullName: read.fullName,
          citizenId: read.citizenId,
          birthDate: read.birthDate,
          gender: read.gender,
          ethnicityCode: read.ethnicity.code,
          category: read.category,
          unitId: read.unit.id,
          phone,
          version: read.version,
        },
      });
    const first = await edit(board, '0912345678');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(read.version + 1);
    const second = await edit(officerA, '0987654321');
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('CONFLICT');
    const now = (await app.inject({ url: `/api/v1/people/${fx.people.binh}`, headers: as(board) })).json();
    expect(now.phone).toBe('0912345678');
    const audit = (await app.inject({ url: `/api/v1/people/${fx.people.binh}/audit`, headers: as(board) })).json();
    expect(audit.items[0]).toMatchObject({ action: 'update', before: { phone: null }, after: { phone: '0912345678' } });
  });

  it('adds and removes a qualification, keeping the highest level current', async () => {
    const add = await app.inject({
      method: 'POST',
      url: `/api/v1/people/${fx.people.an}/qualifications`,
      headers: as(board),
      payload: {
        kind: 'political_theory',
        level: 'cao_cap',
        awardedOn: '2024-06-30',
        institution: 'Học viện Chính trị quốc gia Hồ Chí Minh',
      },
    });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json().politicalTheoryLevel).toBe('cao_cap');
    const q = add.json().qualifications.find((x: { level: string }) => x.level === 'cao_cap');
    expect(q.source).toBe('entered');
    const del = await app.inject({ method: 'DELETE', url: `/api/v1/people/${fx.people.an}/qualifications/${q.id}`, headers: as(board) });
    expect(del.json().politicalTheoryLevel).toBe('trung_cap');
    const bad = await app.inject({
      method: 'POST',
      url: `/api/v1/people/${fx.people.an}/qualifications`,
      headers: as(board),
      payload: { kind: 'political_theory', level: 'tien_si' },
    });
    expect(bad.json().error.details).toEqual([expect.objectContaining({ path: 'level', code: 'UNKNOWN_CODE' })]);
  });

  it('refuses a second appraisal for the same year', async () => {
    const url = `/api/v1/people/${fx.people.an}/appraisals`;
    expect(
      (await app.inject({ method: 'POST', url, headers: as(board), payload: { year: 2024, classification: 'good' } })).statusCode,
    ).toBe(201);
    const dup = await app.inject({ method: 'POST', url, headers: as(board), payload: { year: 2024, classification: 'excellent' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0].code).toBe('DUPLICATE_YEAR');
  });
});
