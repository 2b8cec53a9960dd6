import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { ERRORS, type ErrorCode } from '@nang-tam/contracts';
import { todayInVietnam, training, type Role } from '@nang-tam/domain';
import { classesRepo, documentsRepo, enrolmentsRepo, nominationsRepo, peopleRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { addDays, assignLecturer, enrol, insertLecturer, insertSession, insertTrainingClass } from '../../../../tests/support/learners.js';
import { registerAuth, roleMeetsAccess } from '../auth/plugin.js';
import type { AuthUser } from '../auth/auth-user.js';
import { hidden, parsePolicyRef, type PolicyRef, type Refusal, type Verdict } from '../policies/index.js';
import { classPolicy, sessionActions } from '../policies/class.js';
import { enrolmentPolicy } from '../policies/enrolment.js';
import { nominationFactsOf, nominationPolicy } from '../policies/nomination.js';
import { personPolicy } from '../policies/person.js';
import { documentSettingsPolicy } from '../policies/document-settings.js';
import { resolveSession } from '../services/auth.service.js';
import { classFactsOf, lecturerIdOf, loadClassFacts } from '../services/access-facts.js';
import { loadEnrolment } from '../services/learner-records.js';
import { personFactsOf } from '../services/people.service.js';
import { visibilityOf } from '../services/nominations.service.js';

/**
 * Every API route × every role: a role without the route's permission gets 403; a role with it
 * never does. Then every record route × a record outside the user's scope answers 404.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const sessions = new Map<Role, Session>();
const USER_OF_ROLE: Record<Role, string> = {
  system_admin: 'sysadmin',
  province_board: 'board',
  home_affairs: 'noivu',
  unit_officer: 'officerA',
  school_registrar: 'registrar',
  lecturer: 'lecturer',
  learner: 'learner',
};

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const [role, username] of Object.entries(USER_OF_ROLE)) sessions.set(role as Role, await loginAs(app, username));
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const fill = (url: string, id: number) => url.replace(':id', String(id)).replace(':itemId', '999999');

describe('access matrix', () => {
  it('every /api route declares its access', async () => {
    expect(app.routeAccess.length).toBeGreaterThan(10);
    // the table only ever holds routes that declared an access: what makes that true is that a
    // route without one (or naming an unknown policy) cannot be registered
    for (const config of [{}, { access: 'people.read', policy: 'class.fly' }]) {
      const bare = Fastify();
      registerAuth(bare, db);
      const register = async () => {
        bare.get('/api/v1/undeclared', { config: config as never }, async () => ({}));
        await bare.ready();
      };
      await expect(register()).rejects.toThrow(/declares no access|unknown policy/);
      await bare.close().catch(() => undefined);
    }
  });

  it('refuses each route to each role without its permission, and to anonymous callers', async () => {
    const rows: string[] = [];
    for (const route of app.routeAccess) {
      if (route.access === 'public' || route.url === '/api/v1/auth/logout') continue; // logout is tested on its own
      const url = fill(route.url, fx.people.an);
      const anon = await app.inject({ method: route.method as 'GET', url, payload: route.method === 'GET' ? undefined : {} });
      rows.push(`${route.method} ${route.url} anonymous → ${anon.statusCode}`);
      expect(anon.statusCode, `${route.method} ${route.url} anonymous`).toBe(401);
      for (const [role, session] of sessions) {
        const res = await app.inject({ method: route.method as 'GET', url, headers: as(session), payload: route.method === 'GET' ? undefined : {} });
        const allowed = roleMeetsAccess(role, route.access);
        if (allowed) expect([401, 403], `${route.method} ${route.url} as ${role}: ${res.body}`).not.toContain(res.statusCode);
        else expect(res.statusCode, `${route.method} ${route.url} as ${role}`).toBe(403);
      }
    }
    expect(rows.length).toBeGreaterThan(5);
  });

  it('answers 404 for a person outside the scope on every person route', async () => {
    const officer = sessions.get('unit_officer')!; // commune A; Cường lives in commune B
    const learner = sessions.get('learner')!; // Bình; An is someone else
    const personRoutes = app.routeAccess.filter((r) => r.url.startsWith('/api/v1/people/:id'));
    expect(personRoutes.length).toBeGreaterThan(5);
    for (const route of personRoutes) {
      for (const [who, session, target] of [
        ['officer', officer, fx.people.cuong],
        ['learner', learner, fx.people.an],
      ] as const) {
        const allowed = roleMeetsAccess(who === 'officer' ? 'unit_officer' : 'learner', route.access);
        if (!allowed) continue;
        const res = await app.inject({ method: route.method as 'GET', url: fill(route.url, target), headers: as(session), payload: validBody(route.url) });
        expect(res.statusCode, `${route.method} ${route.url} as ${who}: ${res.body}`).toBe(404);
      }
    }
  });

  it('lets a learner read their own profile only', async () => {
    const learner = sessions.get('learner')!;
    expect((await app.inject({ url: `/api/v1/people/${fx.people.binh}`, headers: as(learner) })).statusCode).toBe(200);
    const list = (await app.inject({ url: '/api/v1/people', headers: as(learner) })).json();
    expect(list.items.map((p: { id: number }) => p.id)).toEqual([fx.people.binh]);
  });

  it('answers 404 for a unit outside the scope', async () => {
    const officer = sessions.get('unit_officer')!;
    expect((await app.inject({ url: `/api/v1/units/${fx.units.communeB}`, headers: as(officer) })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/units?parentId=${fx.units.root}`, headers: as(officer) })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/people?unitId=${fx.units.communeB}`, headers: as(officer) })).statusCode).toBe(404);
    const roots = (await app.inject({ url: '/api/v1/units', headers: as(officer) })).json();
    expect(roots.items.map((u: { id: number }) => u.id)).toEqual([fx.units.communeA]);
  });
});

/**
 * The policy decisions, generated: every route that declares a policy × every role × records in
 * reach, out of reach and in a state that forbids the action. For each, the facts are loaded as
 * the service loads them and the policy's verdict computed; the HTTP answer must agree (a refusal
 * with its status and code, an allowed request with no refusal), and so must the `actions` the
 * record's own response advertises.
 */
describe('policy matrix', () => {
  const today = todayInVietnam();
  type Kind = 'class' | 'session' | 'enrolment' | 'person' | 'nomination' | 'unit';
  interface Rec {
    id: number;
    classId: number;
    /** A module, a session and an enrolment of the record's class (for URLs and bodies). */
    moduleId: number;
    sessionId: number;
    enrolmentId: number;
    label: string;
  }
  interface Probe {
    kind: Kind;
    url: (r: Rec) => string;
    body?: (r: Rec) => unknown;
    /** Several bodies, each made just before it is sent (a decision: the body picks the policy action). */
    bodies?: ((r: Rec) => Promise<unknown>)[];
    /** Something to create first (a session to delete, a sub-record to delete): returns the URL. */
    prepare?: (r: Rec) => Promise<string>;
  }
  const records: Record<Kind, Rec[]> = { class: [], session: [], enrolment: [], person: [], nomination: [], unit: [] };
  const users = new Map<Role, AuthUser>();
  let sysadmin: Session;

  const PROBES: Record<string, Probe> = {
    'PATCH /api/v1/classes/:id': { kind: 'class', url: (r) => `/api/v1/classes/${r.classId}`, body: () => ({ version: 999 }) },
    'PUT /api/v1/classes/:id/modules/:moduleId/lecturers': {
      kind: 'class',
      url: (r) => `/api/v1/classes/${r.classId}/modules/${r.moduleId}/lecturers`,
      body: () => ({ lecturers: [{ lecturerId: 999999, periods: 1 }] }),
    },
    'POST /api/v1/classes/:id/sessions': {
      kind: 'class',
      url: (r) => `/api/v1/classes/${r.classId}/sessions`,
      body: () => ({ kind: 'field_trip', date: today, startTime: '19:00', endTime: '19:30', lecturerId: 999999 }),
    },
    'PATCH /api/v1/classes/:id/sessions/:sessionId': {
      kind: 'class',
      url: (r) => `/api/v1/classes/${r.classId}/sessions/${r.sessionId}`,
      body: () => ({ lecturerId: 999999 }),
    },
    'DELETE /api/v1/classes/:id/sessions/:sessionId': {
      kind: 'class',
      url: (r) => `/api/v1/classes/${r.classId}/sessions/:sessionId`,
      prepare: async (r) => `/api/v1/classes/${r.classId}/sessions/${await insertSession(db, r.classId, { moduleId: null, kind: 'field_trip', date: addDays(today, 2), start: '20:00', end: '20:30' })}`,
    },
    'GET /api/v1/sessions/:id/attendance': { kind: 'session', url: (r) => `/api/v1/sessions/${r.sessionId}/attendance` },
    'PUT /api/v1/sessions/:id/attendance': {
      kind: 'session',
      url: (r) => `/api/v1/sessions/${r.sessionId}/attendance`,
      body: (r) => ({ marks: [{ enrolmentId: r.enrolmentId, mark: 'present' }] }),
    },
    'GET /api/v1/sessions/:id/checkin-code': { kind: 'session', url: (r) => `/api/v1/sessions/${r.sessionId}/checkin-code` },
    'POST /api/v1/checkins': {
      kind: 'enrolment',
      url: () => '/api/v1/checkins',
      // a fresh token of today's session of the record's class, shown by the school
      prepare: async () => '/api/v1/checkins',
      body: () => ({ token: checkinToken, clientId: randomUUID(), checkedInAt: new Date().toISOString() }),
    },
    'POST /api/v1/enrolments/:id/recalls': { kind: 'enrolment', url: (r) => `/api/v1/enrolments/${r.id}/recalls`, body: () => ({ reason: 'Họp' }) },
    'POST /api/v1/enrolments/:id/make-ups': {
      kind: 'enrolment',
      url: (r) => `/api/v1/enrolments/${r.id}/make-ups`,
      body: () => ({ sessionId: 999999, doneOn: today }),
    },
    'GET /api/v1/enrolments/:id/progress': { kind: 'enrolment', url: (r) => `/api/v1/enrolments/${r.id}/progress` },
    'PUT /api/v1/enrolments/:id/conduct-report': {
      kind: 'enrolment',
      url: (r) => `/api/v1/enrolments/${r.id}/conduct-report`,
      body: () => ({ satisfactory: true, conduct: 'Tích cực', discipline: 'Chấp hành tốt' }),
    },
    'POST /api/v1/classes/:id/conduct-reports/request': {
      kind: 'class',
      url: (r) => `/api/v1/classes/${r.classId}/conduct-reports/request`,
      body: () => ({ dueOn: addDays(today, 30) }),
    },
    'GET /api/v1/classes/:id/grades': { kind: 'class', url: (r) => `/api/v1/classes/${r.classId}/grades` },
    'PUT /api/v1/classes/:id/grades': {
      kind: 'class',
      url: (r) => `/api/v1/classes/${r.classId}/grades`,
      body: (r) => ({ grades: [{ enrolmentId: r.enrolmentId, moduleId: r.moduleId, value: 8 }] }),
    },
    'GET /api/v1/classes/:id/graduation/preview': { kind: 'class', url: (r) => `/api/v1/classes/${r.classId}/graduation/preview` },
    'POST /api/v1/classes/:id/graduation': {
      kind: 'class',
      url: (r) => `/api/v1/classes/${r.classId}/graduation`,
      // before the class starts: refused after the policy allowed, so nothing graduates
      body: () => ({ decidedOn: '2000-01-01' }),
    },
    'POST /api/v1/classes/:id/nominations': {
      kind: 'class',
      url: (r) => `/api/v1/classes/${r.classId}/nominations`,
      // An (commune A): in every nominating role's scope; made once, then ALREADY_NOMINATED
      body: () => ({ personId: fx.people.an }),
    },
    'POST /api/v1/classes/:id/nominations/bulk': {
      kind: 'class',
      url: (r) => `/api/v1/classes/${r.classId}/nominations/bulk`,
      body: () => ({ personIds: [fx.people.an] }),
    },
    'POST /api/v1/nominations/:id/decision': {
      kind: 'nomination',
      url: (r) => `/api/v1/nominations/${r.id}/decision`,
      // the board's approval, the school's acceptance, and a refusal at the step now due
      bodies: [
        async () => ({ step: 'board', decision: 'approved' }),
        async () => ({ step: 'school', decision: 'approved' }),
        async (r) => {
          const n = await nominationsRepo.findNomination(db, r.id, { scope: { kind: 'subtree', unitPath: '/' }, viaOrganiser: false });
          return { step: training.refusalStep(n!.status as training.NominationStatus) ?? 'board', decision: 'refused', note: 'Không phù hợp' };
        },
      ],
    },
    'POST /api/v1/nominations/:id/withdraw': { kind: 'nomination', url: (r) => `/api/v1/nominations/${r.id}/withdraw`, body: () => ({ note: 'Rút hồ sơ' }) },
    'GET /api/v1/classes/:id/certificates': { kind: 'class', url: (r) => `/api/v1/classes/${r.classId}/certificates` },
    // printed documents (issue 10): the class list prints for every class with learners
    'GET /api/v1/classes/:id/documents': { kind: 'class', url: (r) => `/api/v1/classes/${r.classId}/documents` },
    'GET /api/v1/classes/:id/documents/:kind': { kind: 'class', url: (r) => `/api/v1/classes/${r.classId}/documents/class_list` },
    'POST /api/v1/classes/:id/documents/:kind/jobs': { kind: 'class', url: (r) => `/api/v1/classes/${r.classId}/documents/class_list/jobs` },
    'PUT /api/v1/units/:id/document-settings': {
      kind: 'unit',
      url: (r) => `/api/v1/units/${r.id}/document-settings`,
      // a stale version: refused with CONFLICT after the policy allowed it, so nothing is saved
      body: () => ({ headerStyle: 'state', parentBody: '', issuingBody: 'Sở Y tế', symbol: 'SYT', place: 'Thử Nghiệm', signerAuthority: '', signerTitle: 'GIÁM ĐỐC', signerName: '', version: 999 }),
    },
    'GET /api/v1/people/:id': { kind: 'person', url: (r) => `/api/v1/people/${r.id}` },
    'PUT /api/v1/people/:id': { kind: 'person', url: (r) => `/api/v1/people/${r.id}`, body: () => ({ ...validBody('/api/v1/people/:id'), version: 999 }) },
    'GET /api/v1/people/:id/audit': { kind: 'person', url: (r) => `/api/v1/people/${r.id}/audit` },
    'GET /api/v1/people/:id/certificates': { kind: 'person', url: (r) => `/api/v1/people/${r.id}/certificates` },
    ...Object.fromEntries(
      (['qualifications', 'assignments', 'planning-entries', 'appraisals'] as const).flatMap((sub) => [
        // the same body each time: made once, then a duplicate (409), both after the policy allowed it
        [`POST /api/v1/people/:id/${sub}`, { kind: 'person', url: (r: Rec) => `/api/v1/people/${r.id}/${sub}`, body: () => subBody(sub, false) }],
        [
          `DELETE /api/v1/people/:id/${sub}/:itemId`,
          {
            kind: 'person',
            url: (r: Rec) => `/api/v1/people/${r.id}/${sub}/:itemId`,
            // a fresh item made by the administrator, so an allowed delete has something to delete
            prepare: async (r: Rec) => {
              const before = await app.inject({ url: `/api/v1/people/${r.id}`, headers: as(sysadmin) });
              const made = await app.inject({ method: 'POST', url: `/api/v1/people/${r.id}/${sub}`, headers: as(sysadmin), payload: subBody(sub) as Record<string, unknown> });
              if (made.statusCode !== 201) throw new Error(`could not add ${sub} to ${r.label}: ${made.body}`);
              const key = { qualifications: 'qualifications', assignments: 'assignments', 'planning-entries': 'planningEntries', appraisals: 'appraisals' }[sub];
              const known = new Set((before.json()[key] as { id: number }[]).map((x) => x.id));
              const item = (made.json()[key] as { id: number }[]).find((x) => !known.has(x.id))!;
              return `/api/v1/people/${r.id}/${sub}/${item.id}`;
            },
          },
        ],
      ]),
    ),
  };
  let checkinToken = '';
  // appraisals and planning entries are unique per year / term: each one made here gets its own
  let appraisalYear = 1989;
  let termStart = 2030;
  function subBody(sub: string, fresh = true): unknown {
    if (sub === 'appraisals') return { year: fresh ? (appraisalYear += 1) : 2021, classification: 'good' };
    if (sub === 'planning-entries') return { titleId: 1, term: fresh ? `${(termStart += 5)}-${termStart + 5}` : '2026-2031' };
    return validBody(`/${sub}`);
  }

  /** The facts of a record as its services load them, and the verdict for one policy action. */
  async function verdict(user: AuthUser, ref: PolicyRef, kind: Kind, r: Rec): Promise<Verdict> {
    const { resource, action } = parsePolicyRef(ref);
    if (kind === 'class' || kind === 'session') {
      const facts =
        kind === 'class'
          ? (await loadClassFacts(db, user, r.classId))!
          : classFactsOf((await classesRepo.findClassContext(db, r.classId))!, {
              teaches: (await classesRepo.findSessionContext(db, r.sessionId, await lecturerIdOf(db, user)))!.taught_by_lecturer,
              teachesModule: false,
            });
      return classPolicy.decide(user, facts, action as never);
    }
    if (kind === 'nomination') {
      // out of the user's sight: 404 from the repository's visibility, before any rule
      const seen = await nominationsRepo.findNomination(db, r.id, visibilityOf(user));
      if (!seen) return hidden;
      const cls = (await classesRepo.findClass(db, seen.class_id))!;
      expect(resource).toBe('nomination');
      return nominationPolicy.decide(user, nominationFactsOf(cls, seen, today), action as never);
    }
    if (kind === 'enrolment') {
      // a check-in is about the caller's own enrolment in the class of the scanned session
      const id = ref === 'enrolment.checkIn' && user.personId !== null ? ((await enrolmentsRepo.findPersonEnrolment(db, r.classId, user.personId))?.id ?? r.id) : r.id;
      return enrolmentPolicy.decide(user, (await loadEnrolment(db, user, id))!.facts, action as never);
    }
    if (kind === 'unit') {
      expect(resource).toBe('documentSettings');
      return documentSettingsPolicy.decide(user, { unitPath: (await documentsRepo.findUnitNames(db, r.id))!.path }, action as never);
    }
    const row = (await peopleRepo.findPerson(db, { kind: 'subtree', unitPath: '/' }, r.id))!;
    expect(resource).toBe('person');
    return personPolicy.decide(user, personFactsOf(row), action as never);
  }

  /** The actions the record's own response advertises to the user (null when they cannot read it). */
  async function advertised(session: Session, kind: Kind, r: Rec): Promise<string[] | null> {
    const url = {
      class: `/api/v1/classes/${r.classId}`,
      session: `/api/v1/classes/${r.classId}/sessions`,
      enrolment: `/api/v1/enrolments/${r.id}/progress`,
      person: `/api/v1/people/${r.id}`,
      nomination: `/api/v1/nominations/${r.id}`,
      unit: `/api/v1/units/${r.id}/document-settings`,
    }[kind];
    const res = await app.inject({ url, headers: as(session) });
    if (res.statusCode !== 200) return null;
    const body = res.json();
    return kind === 'session' ? body.items.find((s: { id: number }) => s.id === r.sessionId).actions : body.actions;
  }

  beforeAll(async () => {
    for (const [role, session] of sessions) {
      const found = await resolveSession(db, session.cookie.slice('nt_session='.length));
      if (found.kind !== 'ok') throw new Error(`no session for ${role}`);
      users.set(role, found.user);
    }
    sysadmin = sessions.get('system_admin')!;
    const modules = [{ code: 'HP1', name: 'Học phần thử', periods: 20 }];
    const open = (organiserUnitId: number, cohortCode: string) =>
      insertTrainingClass(db, { organiserUnitId, cohortCode, startDate: addDays(today, -30), endDate: addDays(today, 60), modules });
    // the school (the registrar's department) runs A and F; B is organised by another unit
    const a = await open(fx.units.department, 'PM-A');
    const b = await open(fx.units.communeB, 'PM-B');
    const f = await open(fx.units.department, 'PM-F');
    const lecturer = await insertLecturer(db, 'Giảng viên Ma Trận', fx.units.department, fx.users.lecturer!.id);
    await assignLecturer(db, a.modules.HP1!, lecturer, 20);
    const past = (c: { id: number; modules: Record<string, number> }, lecturerId: number | null = null) =>
      insertSession(db, c.id, { moduleId: c.modules.HP1!, date: addDays(today, -7), lecturerId, start: '13:30', end: '16:30' });
    const sessionA = await past(a, lecturer);
    const sessionAToday = await insertSession(db, a.id, { moduleId: a.modules.HP1!, date: today, lecturerId: lecturer, start: '07:00', end: '23:59' });
    const sessionB = await past(b);
    const sessionF = await past(f);
    const binhA = await enrol(db, a.id, fx.people.binh);
    const cuongA = await enrol(db, a.id, fx.people.cuong);
    const dungB = await enrol(db, b.id, fx.people.dung);
    const anF = await enrol(db, f.id, fx.people.an);
    await db.query("UPDATE classes SET status = 'finished', graduated_at = now() WHERE id = $1", [f.id]);
    await db.query("UPDATE enrolments SET status = 'completed' WHERE id = $1", [anF]);
    const rec = (label: string, c: { id: number; modules: Record<string, number> }, id: number, sessionId: number, enrolmentId: number): Rec => ({
      id,
      classId: c.id,
      moduleId: c.modules.HP1!,
      sessionId,
      enrolmentId,
      label,
    });
    records.class = [rec('class in reach', a, a.id, sessionA, binhA), rec('class out of reach', b, b.id, sessionB, dungB), rec('graduated class', f, f.id, sessionF, anF)];
    records.session = [
      rec('past session', a, sessionA, sessionA, binhA),
      rec("today's session", a, sessionAToday, sessionAToday, binhA),
      rec('session out of reach', b, sessionB, sessionB, dungB),
      rec('session of a graduated class', f, sessionF, sessionF, anF),
    ];
    records.enrolment = [
      rec('learner Bình in A', a, binhA, sessionAToday, binhA),
      rec('learner Cường in A', a, cuongA, sessionAToday, cuongA),
      rec('learner Dung in B', b, dungB, sessionB, dungB),
      rec('graduated learner An', f, anF, sessionF, anF),
    ];
    records.person = [rec('An (commune A)', a, fx.people.an, 0, 0), rec('Cường (commune B)', a, fx.people.cuong, 0, 0), rec('Bình (the learner)', a, fx.people.binh, 0, 0)];
    // nominations, made as the agency's chain would: in a class of the school (N), in a class it
    // does not run (NB, organised by commune B), and in a class that has graduated since (NF)
    const n = await open(fx.units.department, 'PM-N');
    const nb = await open(fx.units.communeB, 'PM-NB');
    const nf = await open(fx.units.department, 'PM-NF');
    const nominate = async (c: { id: number }, personId: number, ...decisions: { step: string; decision: string }[]) => {
      const made = await app.inject({
        method: 'POST',
        url: `/api/v1/classes/${c.id}/nominations`,
        headers: as(sysadmin),
        payload: { personId, overrideReason: 'Thử ma trận quyền' },
      });
      if (made.statusCode !== 201) throw new Error(`could not nominate ${personId}: ${made.body}`);
      const id = made.json().id as number;
      for (const d of decisions) {
        const res = await app.inject({ method: 'POST', url: `/api/v1/nominations/${id}/decision`, headers: as(sysadmin), payload: d });
        if (res.statusCode !== 200) throw new Error(`could not decide ${JSON.stringify(d)} on ${id}: ${res.body}`);
      }
      return id;
    };
    const board = { step: 'board', decision: 'approved' };
    const school = { step: 'school', decision: 'approved' };
    const nomRec = (label: string, c: { id: number; modules: Record<string, number> }, id: number): Rec => rec(label, c, id, 0, 0);
    records.nomination = [
      nomRec('An nominated into N', n, await nominate(n, fx.people.an)),
      nomRec('Cường (commune B) nominated into N', n, await nominate(n, fx.people.cuong)),
      nomRec('Bình approved by the board in N', n, await nominate(n, fx.people.binh, board)),
      nomRec('Dung enrolled in N', n, await nominate(n, fx.people.dung, board, school)),
      nomRec('An approved by the board in NB', nb, await nominate(nb, fx.people.an, board)),
      nomRec('Cường enrolled in NB', nb, await nominate(nb, fx.people.cuong, board, school)),
      nomRec('Bình nominated into graduated NF', nf, await nominate(nf, fx.people.binh)),
    ];
    await db.query("UPDATE classes SET status = 'finished', graduated_at = now() WHERE id = $1", [nf.id]);
    records.unit = [rec('the school (department)', a, fx.units.department, 0, 0), rec('commune A', a, fx.units.communeA, 0, 0), rec('the province', a, fx.units.root, 0, 0)];
    checkinToken = (await app.inject({ url: `/api/v1/sessions/${sessionAToday}/checkin-code`, headers: as(sessions.get('school_registrar')!) })).json().token;
  });

  it('has a probe for every route that declares a policy', () => {
    const withPolicy = app.routeAccess.filter((r) => r.policies.length > 0).map((r) => `${r.method} ${r.url}`);
    expect(withPolicy.length).toBeGreaterThan(20);
    for (const key of withPolicy) expect(PROBES[key], `probe for ${key}`).toBeDefined();
  });

  it('answers every policy route as the policy decides, for every role and record', async () => {
    const refusalCodes = new Set<ErrorCode>(['NOT_FOUND', 'FORBIDDEN', 'CLASS_FINISHED', 'NOT_IN_CLASS', 'CLASS_CLOSED']);
    let decided = 0;
    for (const route of app.routeAccess.filter((r) => r.policies.length > 0)) {
      const probe = PROBES[`${route.method} ${route.url}`]!;
      for (const r of records[probe.kind]) {
        if (route.url === '/api/v1/checkins' && r.label !== 'learner Bình in A') continue; // the token names A's session
        for (const [role, session] of sessions) {
          if (!roleMeetsAccess(role, route.access)) continue; // 403 before any policy: the matrix above
          const user = users.get(role)!;
          for (const makeBody of probe.bodies ?? [async (x: Rec) => probe.body?.(x)]) {
            const body = await makeBody(r);
            // all the listed policies apply, or the one the body picks among alternatives
            const refs = route.chosenBy ? [route.chosenBy(body)] : route.policies;
            const verdicts = await Promise.all(refs.map((ref) => verdict(user, ref, probe.kind, r)));
            const refusal = verdicts.find((v): v is Refusal => v !== true);
            const url = probe.prepare ? await probe.prepare(r) : probe.url(r);
            const res = await app.inject({ method: route.method as 'GET', url, headers: as(session), payload: body as Record<string, unknown> | undefined });
            const what = `${route.method} ${route.url} ${JSON.stringify(body ?? null)} · ${r.label} · ${role}: ${res.statusCode} ${res.body.slice(0, 300)}`;
            if (refusal) {
              expect([res.statusCode, res.json().error?.code], what).toEqual([ERRORS[refusal.code].status, refusal.code]);
              if (refusal.message) expect(res.json().error.message, what).toBe(refusal.message);
            } else {
              expect([401, 403], what).not.toContain(res.statusCode);
              if (res.statusCode >= 400) expect(refusalCodes.has(res.json().error.code), what).toBe(false);
            }
            decided += 1;
          }
        }
      }
    }
    expect(decided).toBeGreaterThan(300);
  }, 600_000);

  it("advertises in each record's actions exactly what the policy allows", async () => {
    for (const kind of ['class', 'session', 'enrolment', 'person', 'nomination', 'unit'] as const) {
      for (const r of records[kind]) {
        for (const [role, session] of sessions) {
          const shown = await advertised(session, kind, r);
          if (shown === null) continue;
          const user = users.get(role)!;
          let expected: string[];
          if (kind === 'class') expected = classPolicy.allowedActions(user, (await loadClassFacts(db, user, r.classId))!);
          else if (kind === 'session') {
            const ctx = (await classesRepo.findSessionContext(db, r.sessionId, await lecturerIdOf(db, user)))!;
            expected = sessionActions(user, classFactsOf((await classesRepo.findClassContext(db, r.classId))!, { teaches: ctx.taught_by_lecturer, teachesModule: false }), ctx.on_date);
          } else if (kind === 'enrolment') expected = enrolmentPolicy.allowedActions(user, (await loadEnrolment(db, user, r.id))!.facts);
          else if (kind === 'nomination') {
            const seen = (await nominationsRepo.findNomination(db, r.id, visibilityOf(user)))!;
            expected = nominationPolicy.allowedActions(user, nominationFactsOf((await classesRepo.findClass(db, seen.class_id))!, seen, today));
          } else if (kind === 'unit') expected = documentSettingsPolicy.allowedActions(user, { unitPath: (await documentsRepo.findUnitNames(db, r.id))!.path });
          else expected = personPolicy.allowedActions(user, personFactsOf((await peopleRepo.findPerson(db, { kind: 'subtree', unitPath: '/' }, r.id))!));
          expect(shown, `${kind} ${r.label} as ${role}`).toEqual(expected);
        }
      }
    }
  }, 300_000);

  it("advertises on each nomination's person what the person policy allows", async () => {
    for (const r of records.nomination) {
      for (const [role, session] of sessions) {
        const res = await app.inject({ url: `/api/v1/nominations/${r.id}`, headers: as(session) });
        if (res.statusCode !== 200) continue;
        const person = res.json().person as { id: number; actions: string[] };
        const row = (await peopleRepo.findPerson(db, { kind: 'subtree', unitPath: '/' }, person.id))!;
        expect(person.actions, `${r.label} as ${role}`).toEqual(personPolicy.allowedActions(users.get(role)!, personFactsOf(row)));
      }
    }
  });
});

/** A body that passes validation for each write route, so only scope decides the answer. */
function validBody(url: string): Record<string, unknown> | undefined {
  if (url.endsWith('/qualifications')) return { kind: 'education', level: 'dai_hoc' };
  if (url.endsWith('/assignments')) return { unitId: fx.units.communeA, startedOn: '2020-01-01', reason: 'appointment' };
  if (url.endsWith('/planning-entries')) return { titleId: 1, term: '2025-2030' };
  if (url.endsWith('/appraisals')) return { year: 2023, classification: 'good' };
  if (url === '/api/v1/people/:id')
    return {
      fullName: 'Trần Văn Cường', citizenId: '008075000003', birthDate: '1975-07-07', gender: 'male', ethnicityCode: '01',
      category: 'cong_chuc', unitId: fx.units.communeA, version: 1,
    };
  return undefined;
}
