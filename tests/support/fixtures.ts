import type { FastifyInstance } from 'fastify';
import { membershipFromDates, todayInVietnam, type Role } from '@nang-tam/domain';
import { catalogueRepo, peopleRepo, rulesRepo, unitsRepo, usersRepo, type Db } from '@nang-tam/db';
import { buildApp } from '../../apps/server/src/app.js';
import { loadConfig, type Config } from '../../apps/server/src/config.js';
import { hashPassword } from '../../apps/server/src/auth/password.js';

export const PASSWORD = 'Test@12345';

export interface Fixture {
  units: { root: number; communeA: number; communeB: number; department: number };
  people: { an: number; binh: number; cuong: number; dung: number };
  users: Record<string, { id: number; username: string; role: Role }>;
}

export function personWrite(
  over: Partial<peopleRepo.PersonWrite> & { fullName: string; unitId: number; citizenId: string },
): peopleRepo.PersonWrite {
  // a fixture person with party dates is a member, one without is recorded as not a member; a test
  // wanting "not known" passes partyMembership: null
  const membership = over.partyJoinedOn || over.partyOfficialOn ? membershipFromDates(over.partyJoinedOn ?? null, over.partyOfficialOn ?? null, todayInVietnam()) : 'not_member';
  return {
    partyMembership: membership,
    birthDate: '1985-06-15',
    gender: 'male',
    ethnicityCode: '01',
    category: 'cong_chuc',
    partyJoinedOn: null,
    partyOfficialOn: null,
    titleId: null,
    jobPositionId: null,
    rankId: null,
    managementScopeId: null,
    phone: null,
    email: null,
    ...over,
  };
}

/** A small province: root → commune A, commune B, a department; four people; one user per role. */
export async function seedFixture(db: Db): Promise<Fixture> {
  const unitIds = await unitsRepo.insertUnits(db, [
    { code: 'T99', name: 'Tỉnh Thử Nghiệm', kind: 'province', parentCode: null },
    { code: 'XA', name: 'Xã Minh Quang', kind: 'commune', parentCode: 'T99' },
    { code: 'XB', name: 'Phường Hà Giang 1', kind: 'commune', parentCode: 'T99' },
    { code: 'SYT', name: 'Sở Y tế', kind: 'department', parentCode: 'T99' },
  ]);
  const unit = (code: string) => ({ id: unitIds.get(code)! });
  const [root, a, b, d] = [unit('T99'), unit('XA'), unit('XB'), unit('SYT')];
  const title = (await db.query<{ id: number }>("SELECT id FROM titles WHERE code = 'CT_UBND_X'")).rows[0]!.id;
  const [an, binh, cuong, dung] = await peopleRepo.insertPeople(db, [
    personWrite({
      fullName: 'Nguyễn Văn An',
      unitId: a.id,
      citizenId: '008080000001',
      birthDate: '1980-03-02',
      titleId: title,
      partyJoinedOn: '2005-01-01',
      partyOfficialOn: '2006-01-01',
    }),
    personWrite({
      fullName: 'Nguyễn Thị Bình',
      unitId: a.id,
      citizenId: '008192000002',
      birthDate: '1992-11-20',
      gender: 'female',
      ethnicityCode: '02',
      category: 'can_bo',
    }),
    personWrite({ fullName: 'Trần Văn Cường', unitId: b.id, citizenId: '008075000003', birthDate: '1975-07-07' }),
    personWrite({
      fullName: 'Lò Thị Dung',
      unitId: d.id,
      citizenId: '008188000004',
      birthDate: '1988-01-31',
      gender: 'female',
      ethnicityCode: '03',
      category: 'vien_chuc',
    }),
  ]);
  await db.query(
    `INSERT INTO qualifications (person_id, kind, level, field, source) VALUES
     ($1, 'education', 'dai_hoc', 'Luật', 'imported'), ($1, 'political_theory', 'trung_cap', NULL, 'imported'),
     ($2, 'education', 'thac_si', 'Kinh tế', 'imported')`,
    [an, binh],
  );
  await peopleRepo.refreshHighestLevels(db, [an!, binh!]);
  const hash = await hashPassword(PASSWORD);
  const users: Fixture['users'] = {};
  const add = async (username: string, role: Role, unitId: number, personId: number | null = null) => {
    const id = await usersRepo.insertUser(db, { username, passwordHash: hash, displayName: username, role, unitId, personId });
    users[username] = { id, username, role };
  };
  await add('board', 'province_board', root.id);
  await add('sysadmin', 'system_admin', root.id);
  await add('noivu', 'home_affairs', root.id);
  await add('officerA', 'unit_officer', a.id);
  await add('officerD', 'unit_officer', d.id);
  await add('registrar', 'school_registrar', d.id);
  await add('lecturer', 'lecturer', d.id);
  await add('learner', 'learner', a.id, binh!);
  await rulesRepo.seedShippedRules(db);
  await catalogueRepo.seedShippedProgrammes(db, todayInVietnam());
  await catalogueRepo.seedProgrammeCatalogue(db);
  return {
    units: { root: root.id, communeA: a.id, communeB: b.id, department: d.id },
    people: { an: an!, binh: binh!, cuong: cuong!, dung: dung! },
    users,
  };
}

export function testConfig(over: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ LOG_LEVEL: 'silent', DEMO: 'off' }),
    webDist: '/nonexistent',
    loginRateLimit: 1000,
    loginAddressRateLimit: 1000,
    // tests that change users or units with SQL expect the next request to see it; on PostgreSQL the
    // session cache hears of a change a moment after it commits (decision 0059), so it is off here
    // and tested on its own (apps/server/src/auth/session-cache*.test.ts)
    sessionCacheSeconds: 0,
    ...over,
  };
}

export async function buildTestApp(db: Db, over: Partial<Config> = {}): Promise<FastifyInstance> {
  const app = await buildApp({ db, config: testConfig(over) }, { logger: false });
  await app.ready();
  return app;
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function loginAs(app: FastifyInstance, username: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'nt_session')!;
  return { cookie: `nt_session=${cookie.value}`, csrf: res.json().csrfToken };
}

/** Headers of an authenticated request (with the CSRF token, harmless on reads). */
export function as(s: Session): Record<string, string> {
  return { cookie: s.cookie, 'x-csrf-token': s.csrf };
}
