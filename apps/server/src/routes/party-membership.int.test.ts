/**
 * Party membership recorded explicitly (decision 0031), on both databases: the 023 migration of
 * existing records, the people API (explicit status, old clients, refusals), the list filter, and
 * what eligibility and the candidate pre-filter make of each status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadMigrations, migrate, peopleRepo, unitsRepo, type Db } from '@nang-tam/db';
import { rules, todayInVietnam } from '@nang-tam/domain';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, personWrite, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';

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

const today = todayInVietnam();
let n = 0;
const person = (over: Record<string, unknown>) => {
  n += 1;
  return {
    fullName: `Người Thử ${n}`,
    citizenId: `00809${String(700000 + n).padStart(7, '0')}`,
    birthDate: '1985-06-15',
    gender: 'male',
    ethnicityCode: '01',
    category: 'cong_chuc',
    unitId: fx.units.communeB,
    ...over,
  };
};
const create = (body: Record<string, unknown>, s: Session = board) =>
  app.inject({ method: 'POST', url: '/api/v1/people', headers: as(s), payload: body });

describe('migration 023 on records written before it', () => {
  it('makes members of people with dates, probationary members of those admitted within a year, and leaves the rest unknown', async () => {
    const recent = rules.addDays(today, -30);
    const rows = [
      ['008091000001', '2010-01-01', '2011-01-01'],
      ['008091000002', '2012-05-01', null],
      ['008091000003', recent, null],
      ['008091000004', null, null],
    ] as const;
    await peopleRepo.insertPeople(
      db,
      rows.map(([citizenId, joined, official], i) =>
        personWrite({ fullName: `Hồ Sơ Cũ ${i}`, unitId: fx.units.communeA, citizenId, partyJoinedOn: joined, partyOfficialOn: official }),
      ),
    );
    // back to the schema before 023, with the rows as an older release left them
    await db.exec(
      'ALTER TABLE people DROP COLUMN party_membership; ALTER TABLE import_staging DROP COLUMN party_membership; DELETE FROM schema_migrations WHERE version = 23;',
    );
    expect(
      await migrate(
        db,
        loadMigrations().filter((m) => m.version <= 23),
      ),
    ).toEqual(['023_party_membership']);
    const r = await db.query<{ citizen_id: string; party_membership: string | null }>(
      "SELECT citizen_id, party_membership FROM people WHERE citizen_id LIKE '008091%' ORDER BY citizen_id",
    );
    expect(r.rows.map((x) => x.party_membership)).toEqual(['member', 'member', 'probationary', null]);
    // the schema refuses dates on a non-member
    await expect(db.query("UPDATE people SET party_membership = 'not_member' WHERE citizen_id = '008091000001'")).rejects.toThrow();
  });
});

describe('the people API', () => {
  it('records each status, and "member, dates unknown"', async () => {
    const cases = [
      [{ partyMembership: 'member', partyJoinedOn: '2010-01-01', partyOfficialOn: '2011-01-01' }, 'member'],
      [{ partyMembership: 'member' }, 'member'],
      [{ partyMembership: 'probationary' }, 'probationary'],
      [{ partyMembership: 'not_member' }, 'not_member'],
      [{ partyMembership: null }, null],
    ] as const;
    for (const [over, expected] of cases) {
      const res = await create(person(over));
      expect(res.statusCode, JSON.stringify(res.json())).toBe(201);
      expect(res.json().partyMembership).toBe(expected);
    }
  });

  it('lets an old client that sends only dates keep working: the dates decide, no date is unknown', async () => {
    const old = await create(person({ partyJoinedOn: '2010-01-01', partyOfficialOn: '2011-01-01' }));
    expect(old.json().partyMembership).toBe('member');
    const none = await create(person({}));
    expect(none.json().partyMembership).toBeNull();
  });

  it('refuses dates that contradict the status, each at its field, and saves nothing', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]!.n;
    const cases = [
      [{ partyMembership: 'not_member', partyJoinedOn: '2010-01-01' }, 'partyJoinedOn', 'PARTY_DATE_NOT_MEMBER'],
      [{ partyMembership: null, partyJoinedOn: '2010-01-01' }, 'partyMembership', 'PARTY_MEMBERSHIP_REQUIRED'],
      [
        { partyMembership: 'probationary', partyJoinedOn: '2010-01-01', partyOfficialOn: '2011-01-01' },
        'partyOfficialOn',
        'PARTY_PROBATIONARY_OFFICIAL',
      ],
      [{ partyMembership: 'member', partyJoinedOn: today }, 'partyMembership', 'PARTY_STILL_PROBATIONARY'],
      [{ partyMembership: 'maybe' }, 'partyMembership', 'INVALID_VALUE'],
    ] as const;
    for (const [over, path, code] of cases) {
      const res = await create(person(over));
      expect(res.statusCode).toBe(400);
      const detail = res.json().error.details.find((d: { path: string }) => d.path === path);
      expect(detail, JSON.stringify(res.json())).toMatchObject({ path, code });
      expect(detail.message).toMatch(/[ạ-ỹĐđ]/);
    }
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]!.n).toBe(before);
  });

  it('audits a change of status, and filters the list by status', async () => {
    const created = (await create(person({ partyMembership: null, unitId: fx.units.communeA }), officerA)).json();
    const { id, version, ethnicity, unit, title, jobPosition, rank, managementScope, ...rest } = created;
    const body = {
      fullName: rest.fullName,
      citizenId: rest.citizenId,
      birthDate: rest.birthDate,
      gender: rest.gender,
      ethnicityCode: ethnicity.code,
      category: rest.category,
      unitId: unit.id,
      titleId: title?.id ?? null,
      jobPositionId: jobPosition?.id ?? null,
      rankId: rank?.id ?? null,
      managementScopeId: managementScope?.id ?? null,
      partyMembership: 'member',
      version,
    };
    const res = await app.inject({ method: 'PUT', url: `/api/v1/people/${id}`, headers: as(officerA), payload: body });
    expect(res.statusCode, JSON.stringify(res.json())).toBe(200);
    const audit = await db.query<{ before: { partyMembership: unknown }; after: { partyMembership: unknown } }>(
      "SELECT before, after FROM audit_log WHERE entity = 'person' AND entity_id = $1 AND action = 'update'",
      [String(id)],
    );
    expect(audit.rows.map((a) => [a.before.partyMembership, a.after.partyMembership])).toEqual([[null, 'member']]);

    const list = async (q: string) =>
      (await app.inject({ url: `/api/v1/people?unitId=${fx.units.communeB}&limit=100&${q}`, headers: as(board) })).json();
    const unknown = await list('partyMembership=unknown');
    expect(unknown.items.length).toBeGreaterThan(0);
    expect(unknown.items.every((p: { partyMembership: unknown }) => p.partyMembership === null)).toBe(true);
    const members = await list('partyMember=true');
    expect(new Set(members.items.map((p: { partyMembership: unknown }) => p.partyMembership))).toEqual(new Set(['member', 'probationary']));
    const not = await list('partyMember=false');
    expect(new Set(not.items.map((p: { partyMembership: unknown }) => p.partyMembership))).toEqual(new Set(['not_member']));
  });
});

describe('eligibility by status (trung cấp LLCT under 350-QĐ/TW, cao cấp for the official status)', () => {
  const ids: Record<string, number> = {};
  const statuses = {
    memberWithDates: { partyMembership: 'member', partyJoinedOn: '2010-01-01', partyOfficialOn: '2011-01-01' },
    memberNoDates: { partyMembership: 'member' },
    probationary: { partyMembership: 'probationary', partyJoinedOn: '2026-03-01' },
    notMember: { partyMembership: 'not_member' },
    unknown: { partyMembership: null },
  } as const;

  beforeAll(async () => {
    const unit = (await unitsRepo.insertUnits(db, [{ code: 'XTD', name: 'Xã Thử Đảng', kind: 'commune', parentCode: 'T99' }])).get('XTD')!;
    const title = (await db.query<{ id: number }>("SELECT id FROM titles WHERE code = 'PCT_UBND_X'")).rows[0]!.id;
    for (const [key, over] of Object.entries(statuses)) {
      const res = await create(person({ ...over, unitId: unit, titleId: title }));
      expect(res.statusCode, JSON.stringify(res.json())).toBe(201);
      const id = res.json().id as number;
      ids[key] = id;
      await db.query(
        "INSERT INTO qualifications (person_id, kind, level, awarded_on, source) VALUES ($1, 'education', 'dai_hoc', '2008-06-01', 'imported')",
        [id],
      );
      await db.query("INSERT INTO appraisals (person_id, year, classification) VALUES ($1, 2024, 'good'), ($1, 2025, 'good')", [id]);
      await peopleRepo.refreshHighestLevels(db, [id]);
    }
    ids.unit = unit;
  });

  const partyRule = async (key: string, programme: string) => {
    const res = await app.inject({
      url: `/api/v1/people/${ids[key]}/eligibility?programme=${programme}&mode=full_time&asOf=2026-06-01`,
      headers: as(board),
    });
    expect(res.statusCode).toBe(200);
    const result = res.json().results[0];
    return { result, rule: result.rules.find((r: { kind: string }) => r.kind === 'party_member') };
  };

  it.each([
    ['memberWithDates', 'pass', 'eligible', undefined],
    ['memberNoDates', 'pass', 'eligible', undefined],
    ['probationary', 'pass', 'eligible', undefined],
    ['notMember', 'fail', 'not_eligible', undefined],
    ['unknown', 'missing_fact', 'cannot_decide', ['partyMembership']],
  ])('trung cấp: %s → party rule %s, answer %s', async (key, ruleOutcome, outcome, missing) => {
    const { result, rule } = await partyRule(key, 'TC_LLCT');
    expect(rule.outcome).toBe(ruleOutcome);
    expect(result.outcome).toBe(outcome);
    if (missing) {
      expect(result.missing).toEqual(missing);
      expect(result.missingLabels[0]).toMatch(/tình trạng đảng viên/);
    }
  });

  it.each([
    ['memberWithDates', 'pass'],
    ['memberNoDates', 'pass'],
    ['probationary', 'fail'],
    ['notMember', 'fail'],
    ['unknown', 'missing_fact'],
  ])('cao cấp (official member): %s → %s', async (key, ruleOutcome) => {
    expect((await partyRule(key, 'CC_LLCT')).rule.outcome).toBe(ruleOutcome);
  });

  it('the candidate pre-filter keeps the members whose dates are unknown and the unknown, and drops the non-member', async () => {
    const q = `/api/v1/candidates?programme=TC_LLCT&mode=full_time&asOf=2026-06-01&unitId=${ids.unit}`;
    const eligible = (await app.inject({ url: q, headers: as(board) })).json();
    const names = (b: { items: { person: { id: number } }[] }) => b.items.map((c) => c.person.id).sort((a, b) => a - b);
    expect(names(eligible)).toEqual([ids.memberWithDates, ids.memberNoDates, ids.probationary].sort((a, b) => a! - b!));
    expect(eligible.counts).toEqual({ people: 5, eligible: 3, cannotDecide: 1, notEligible: 1 });
    const undecided = (await app.inject({ url: `${q}&outcome=cannot_decide`, headers: as(board) })).json();
    expect(names(undecided)).toEqual([ids.unknown]);
  });
});
