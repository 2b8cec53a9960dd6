import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { ERRORS, type ErrorCode } from '@nang-tam/contracts';
import { todayInVietnam, training, type Role } from '@nang-tam/domain';
import { budgetsRepo, certificatesRepo, classesRepo, documentsRepo, enrolmentsRepo, feedbackRepo, needsRepo, nominationsRepo, outsideTrainingsRepo, peopleRepo, plansRepo, reimbursementRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { addDays, assignLecturer, enrol, insertLecturer, insertSession, insertTrainingClass } from '../../../../tests/support/learners.js';
import { registerAuth, roleMeetsAccess } from '../auth/plugin.js';
import type { AuthUser } from '../auth/auth-user.js';
import { hidden, parsePolicyRef, type PolicyRef, type Refusal, type Verdict } from '../policies/index.js';
import { classPolicy, sessionActions } from '../policies/class.js';
import { enrolmentPolicy } from '../policies/enrolment.js';
import { nominationActorOf, nominationFactsOf, nominationPolicy } from '../policies/nomination.js';
import { outsideFactsOf, outsideTrainingPolicy } from '../policies/outside-training.js';
import { caseFactsOf, reimbursementCasePolicy } from '../policies/reimbursement-case.js';
import { budgetPolicy } from '../policies/budget.js';
import { agencyFeedbackPolicy } from '../policies/feedback.js';
import { personPolicy } from '../policies/person.js';
import { fiveYearPolicy, planLinePolicy, planListPolicy, planVersionPolicy } from '../policies/plan.js';
import { documentSettingsPolicy } from '../policies/document-settings.js';
import { certificateFactsOf, certificatePolicy } from '../policies/certificate.js';
import { issueCertificates } from '../services/certificates.service.js';
import { resolveSession } from '../services/auth.service.js';
import { classFactsOf, lecturerIdOf, loadClassFacts } from '../services/access-facts.js';
import { loadEnrolment } from '../services/learner-records.js';
import { personFactsOf } from '../services/people.service.js';
import { visibilityOf } from '../services/nominations.service.js';
import { needsAnswerPolicy, needsCampaignPolicy } from '../policies/needs.js';
import { indicatorListPolicy, indicatorPolicy } from '../policies/indicator.js';
import { loadAnswerFacts, loadCampaignFacts } from '../services/needs.service.js';

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
  }, 600_000); // every route × every role: over a minute when the 2 cores are shared

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
  type Kind = 'class' | 'session' | 'enrolment' | 'person' | 'nomination' | 'outside' | 'needsCampaign' | 'needsAnswer' | 'planVersion' | 'planLine' | 'planList' | 'unit' | 'certificate' | 'reimbursementCase' | 'feedback' | 'indicator' | 'indicatorList';
  interface Rec {
    id: number;
    classId: number;
    /** A module, a session and an enrolment of the record's class (for URLs and bodies). */
    moduleId: number;
    sessionId: number;
    enrolmentId: number;
    label: string;
    /** A needs answer's (or a needs campaign's probed) unit; `id` is then the campaign. */
    unitId?: number;
    /** A plan line (planLine records: `id` is its version). */
    lineId?: number;
    /** Agency feedback (decision 0051): the milestone of the graduate's enrolment (`id`). */
    milestone?: 6 | 12;
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
  const records: Record<Kind, Rec[]> = { class: [], session: [], enrolment: [], person: [], nomination: [], outside: [], needsCampaign: [], needsAnswer: [], planVersion: [], planLine: [], planList: [], unit: [], certificate: [], reimbursementCase: [], feedback: [], indicator: [], indicatorList: [] };
  /** The period of each outside-training record, by id (the bodies' dates fit it). */
  const outsidePeriod = new Map<number, { start: string; end: string }>();
  const users = new Map<Role, AuthUser>();
  let sysadmin: Session;

  const freshCostEntry = async (h: { kind: 'class' | 'line'; id: number }) =>
    (await budgetsRepo.insertCostEntries(db, h, [{ category: 'other', spentOn: today, amount: 1n, documentNo: 'PC-VOID', description: null, recordedBy: users.get('system_admin')!.id }]))[0]!;

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
    // training needs: versions never read (999), so an allowed write answers 409 CONFLICT and changes nothing
    'PATCH /api/v1/needs/campaigns/:id': { kind: 'needsCampaign', url: (r) => `/api/v1/needs/campaigns/${r.id}`, body: () => ({ version: 999 }) },
    'POST /api/v1/needs/campaigns/:id/units/:unitId/reopen': {
      kind: 'needsCampaign',
      url: (r) => `/api/v1/needs/campaigns/${r.id}/units/${r.unitId}/reopen`,
      body: () => ({ until: null }),
    },
    'GET /api/v1/needs/campaigns/:id/aggregate': { kind: 'needsCampaign', url: (r) => `/api/v1/needs/campaigns/${r.id}/aggregate` },
    'POST /api/v1/needs/campaigns/:id/aggregate/export': { kind: 'needsCampaign', url: (r) => `/api/v1/needs/campaigns/${r.id}/aggregate/export`, body: () => ({ format: 'xlsx' }) },
    // needs → plan (decision 0035): a class size, so a programme without classes yet is no refusal
    'GET /api/v1/needs/campaigns/:id/plan-lines': { kind: 'needsCampaign', url: (r) => `/api/v1/needs/campaigns/${r.id}/plan-lines?classSize=50` },
    'POST /api/v1/needs/campaigns/:id/answers/:unitId/export': {
      kind: 'needsAnswer',
      url: (r) => `/api/v1/needs/campaigns/${r.id}/answers/${r.unitId}/export`,
      body: () => ({ format: 'pdf' }),
    },
    'PUT /api/v1/needs/campaigns/:id/answers/:unitId': {
      kind: 'needsAnswer',
      url: (r) => `/api/v1/needs/campaigns/${r.id}/answers/${r.unitId}`,
      body: () => ({ version: 999, lines: [] }),
    },
    'GET /api/v1/needs/campaigns/:id/answers/:unitId/suggestion': { kind: 'needsAnswer', url: (r) => `/api/v1/needs/campaigns/${r.id}/answers/${r.unitId}/suggestion` },
    'POST /api/v1/needs/campaigns/:id/answers/:unitId/submit': {
      kind: 'needsAnswer',
      url: (r) => `/api/v1/needs/campaigns/${r.id}/answers/${r.unitId}/submit`,
      body: () => ({ version: 999 }),
    },
    'POST /api/v1/needs/campaigns/:id/answers/:unitId/return': {
      kind: 'needsAnswer',
      url: (r) => `/api/v1/needs/campaigns/${r.id}/answers/${r.unitId}/return`,
      body: () => ({ version: 999, comment: 'Đề nghị bổ sung' }),
    },
    'GET /api/v1/classes/:id/certificates': { kind: 'class', url: (r) => `/api/v1/classes/${r.classId}/certificates` },
    'POST /api/v1/certificates/:id/revoke': {
      kind: 'certificate',
      url: (r) => `/api/v1/certificates/${r.id}/revoke`,
      // an allowed revocation revokes: the certificates meant to stay issued are issued again before each probe
      bodies: [
        async (r) => {
          if (freshCertificates.has(r.id)) await db.query('UPDATE certificates SET revoked_at = NULL, revoked_by = NULL, revoke_reason = NULL WHERE id = $1', [r.id]);
          return { reason: 'Cấp nhầm' };
        },
      ],
    },
    // training outside the province's classes (issue 9)
    'POST /api/v1/outside-trainings/:id/decision': {
      kind: 'outside',
      url: (r) => `/api/v1/outside-trainings/${r.id}/decision`,
      bodies: [async () => ({ decision: 'approved' }), async () => ({ decision: 'refused', note: 'Không phù hợp' })],
    },
    'POST /api/v1/outside-trainings/:id/sending-decision': {
      kind: 'outside',
      url: (r) => `/api/v1/outside-trainings/${r.id}/sending-decision`,
      body: (r) => ({ number: '99-QĐ/TU', date: outsidePeriod.get(r.id)!.start, signer: 'Trưởng ban' }),
    },
    'POST /api/v1/outside-trainings/:id/result': {
      kind: 'outside',
      url: (r) => `/api/v1/outside-trainings/${r.id}/result`,
      body: (r) => ({ result: 'not_graduated', date: outsidePeriod.get(r.id)!.end }),
    },
    'POST /api/v1/outside-trainings/:id/withdraw': { kind: 'outside', url: (r) => `/api/v1/outside-trainings/${r.id}/withdraw`, body: () => ({ note: 'Rút' }) },
    // reimbursement cases (issue 11 point 3): the body picks the step
    'POST /api/v1/reimbursement-cases/:id/steps': {
      kind: 'reimbursementCase',
      url: (r) => `/api/v1/reimbursement-cases/${r.id}/steps`,
      bodies: [async () => ({ action: 'agree' }), async () => ({ action: 'recordPayment', amount: 1 }), async () => ({ action: 'waive', ground: 'illness', decisionNo: '1-QĐ/BTCTU' })],
    },
    // budgets (issue 11 point 2): a stale estimate version is refused (CONFLICT) after the policy allowed it; a voucher of 1 đồng is recorded
    'PUT /api/v1/classes/:id/budget/estimate': {
      kind: 'class',
      url: (r) => `/api/v1/classes/${r.classId}/budget/estimate`,
      body: () => ({ version: 999, lecturers: [], learners: 0, supportPerLearner: 0, venue: 0, materials: 0, other: 0 }),
    },
    'POST /api/v1/classes/:id/budget/costs': {
      kind: 'class',
      url: (r) => `/api/v1/classes/${r.classId}/budget/costs`,
      body: () => ({ entries: [{ category: 'venue', spentOn: today, amount: 1, documentNo: 'PC-MT' }] }),
    },
    'PUT /api/v1/plan-lines/:id/budget/estimate': {
      kind: 'planLine',
      url: (r) => `/api/v1/plan-lines/${r.lineId}/budget/estimate`,
      body: () => ({ version: 999, lecturers: [], learners: 0, supportPerLearner: 0, venue: 0, materials: 0, other: 0 }),
    },
    'POST /api/v1/plan-lines/:id/budget/costs': {
      kind: 'planLine',
      url: (r) => `/api/v1/plan-lines/${r.lineId}/budget/costs`,
      body: () => ({ entries: [{ category: 'venue', spentOn: today, amount: 1, documentNo: 'PC-MT' }] }),
    },
    // voiding a voucher (decision 0063): a fresh entry of the holder for each probe, so an allowed void voids
    'POST /api/v1/classes/:id/budget/costs/:entryId/void': {
      kind: 'class',
      url: () => '',
      prepare: async (r) => `/api/v1/classes/${r.classId}/budget/costs/${await freshCostEntry({ kind: 'class', id: r.classId })}/void`,
      body: () => ({ reason: 'Ghi nhầm' }),
    },
    'POST /api/v1/plan-lines/:id/budget/costs/:entryId/void': {
      kind: 'planLine',
      url: () => '',
      prepare: async (r) => `/api/v1/plan-lines/${r.lineId}/budget/costs/${await freshCostEntry({ kind: 'line', id: r.lineId! })}/void`,
      body: () => ({ reason: 'Ghi nhầm' }),
    },
    // the agency's feedback on a graduate (decision 0051): the body names the enrolment and milestone
    'POST /api/v1/agency-feedback': {
      kind: 'feedback',
      url: () => '/api/v1/agency-feedback',
      body: (r) => ({ enrolmentId: r.id, milestone: r.milestone, applies: 'partly', rating: 4 }),
    },
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
    // the school's certificate for signing PDFs (decision 0061): a file that is not a PKCS#12 is refused after the policy allowed it; removing none changes nothing
    'PUT /api/v1/units/:id/pdf-signing-certificate': {
      kind: 'unit',
      url: (r) => `/api/v1/units/${r.id}/pdf-signing-certificate`,
      body: () => ({ pkcs12: Buffer.from('not a certificate').toString('base64'), password: 'x' }),
    },
    'DELETE /api/v1/units/:id/pdf-signing-certificate': { kind: 'unit', url: (r) => `/api/v1/units/${r.id}/pdf-signing-certificate` },
    'GET /api/v1/people/:id': { kind: 'person', url: (r) => `/api/v1/people/${r.id}` },
    'PUT /api/v1/people/:id': { kind: 'person', url: (r) => `/api/v1/people/${r.id}`, body: () => ({ ...validBody('/api/v1/people/:id'), version: 999 }) },
    'GET /api/v1/people/:id/audit': { kind: 'person', url: (r) => `/api/v1/people/${r.id}/audit` },
    'GET /api/v1/people/:id/certificates': { kind: 'person', url: (r) => `/api/v1/people/${r.id}/certificates` },
    // annual and five-year plans (issue 9): a stale row version answers CONFLICT once the policy allowed it
    'POST /api/v1/plans/annual': { kind: 'planList', url: () => '/api/v1/plans/annual', body: () => ({ year: 2095, title: 'Kế hoạch ma trận' }) },
    'POST /api/v1/plans/versions/:id/lines': {
      kind: 'planVersion',
      url: (r) => `/api/v1/plans/versions/${r.id}/lines`,
      body: () => ({ rowVersion: 999999, lines: [planLineBody()] }),
    },
    'PUT /api/v1/plans/versions/:id/lines/:lineId': {
      kind: 'planLine',
      url: (r) => `/api/v1/plans/versions/${r.id}/lines/${r.lineId}`,
      body: () => ({ rowVersion: 999999, line: planLineBody() }),
    },
    'DELETE /api/v1/plans/versions/:id/lines/:lineId': { kind: 'planLine', url: (r) => `/api/v1/plans/versions/${r.id}/lines/${r.lineId}?rowVersion=999999` },
    ...Object.fromEntries(
      (['submit', 'return', 'approve'] as const).map((step) => [
        `POST /api/v1/plans/versions/:id/${step}`,
        { kind: 'planVersion', url: (r: Rec) => `/api/v1/plans/versions/${r.id}/${step}`, body: () => ({ rowVersion: 999999 }) },
      ]),
    ),
    'POST /api/v1/plans/versions/:id/adjustments': {
      kind: 'planVersion',
      url: (r) => `/api/v1/plans/versions/${r.id}/adjustments`,
      body: () => ({ rowVersion: 999999, reason: 'Thử', decisionNumber: '1-QĐ/TU', decisionDate: '2090-05-01' }),
    },
    // indicators (issue 10 point 1): a stale version answers CONFLICT once the policy allowed it
    'POST /api/v1/indicators': { kind: 'indicatorList', url: () => '/api/v1/indicators', body: () => ({ ...indicatorBody(), code: `MT-${(indicatorCode += 1)}` }) },
    'PUT /api/v1/indicators/admin-reform-posts': { kind: 'indicatorList', url: () => '/api/v1/indicators/admin-reform-posts', body: () => ({ jobPositions: [], titles: [] }) },
    'PUT /api/v1/indicators/:id': { kind: 'indicator', url: (r) => `/api/v1/indicators/${r.id}`, body: () => ({ ...indicatorBody(), version: 999 }) },
    'POST /api/v1/indicators/:id/people/export': { kind: 'indicator', url: (r) => `/api/v1/indicators/${r.id}/people/export`, body: () => ({ set: 'missing' }) },
    'POST /api/v1/plans/five-year': { kind: 'planList', url: () => '/api/v1/plans/five-year', body: () => ({ startYear: 2095, title: 'Giai đoạn ma trận' }) },
    'PUT /api/v1/plans/five-year/:id': {
      kind: 'planList',
      url: () => `/api/v1/plans/five-year/${fiveYearId}`,
      body: () => ({ version: 999999, title: 'Giai đoạn', targets: [] }),
    },
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
  let fiveYearId = 0;
  let indicatorCode = 0;
  const indicatorBody = () => ({
    name: 'Chỉ tiêu ma trận',
    population: { unitId: fx.units.root },
    condition: { kind: 'qualification', qualificationKind: 'education', minLevel: 'thac_si' },
    target: { kind: 'share', value: 40 },
    startOn: '2021-01-01',
    deadline: '2030-12-31',
    source: { kind: 'resolution', number: '1-NQ/TU', issuedOn: '2020-10-20', issuer: 'Tỉnh ủy' },
    ownerUnitId: fx.units.root,
  });
  /** Certificates kept unrevoked between probes (the revoked one stays revoked). */
  const freshCertificates = new Set<number>();
  const planLineBody = () => ({ programmeCode: 'TC_LLCT', mode: 'full_time', classes: 1, learners: 50, year: 2090, quarter: 1, siteKind: 'school', site: 'Trường', estimatedCost: 0 });
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
    if (kind === 'indicatorList') return indicatorListPolicy.decide(user, null, action as never);
    if (kind === 'indicator') return indicatorPolicy.decide(user, null, action as never);
    if (kind === 'planList') return resource === 'plans' ? planListPolicy.decide(user, null, action as never) : fiveYearPolicy.decide(user, null, action as never);
    if (resource === 'budget') {
      const holder = (await budgetsRepo.findHolder(db, kind === 'planLine' ? { kind: 'line', id: r.lineId! } : { kind: 'class', id: r.classId }))!;
      return budgetPolicy.decide(user, { kind: kind === 'planLine' ? 'line' : 'class', organiserPath: holder.organiser_path }, action as never);
    }
    if (kind === 'planVersion') {
      const v = (await plansRepo.findVersion(db, r.id))!;
      return planVersionPolicy.decide(user, { status: v.status, lineCount: v.line_count, latest: v.latest }, action as never);
    }
    if (kind === 'planLine') {
      const v = (await plansRepo.findVersion(db, r.id))!;
      const l = (await plansRepo.findLineOfVersion(db, r.id, r.lineId!))!;
      return planLinePolicy.decide(user, { status: v.status, organiserPath: l.organiser_path }, action as never);
    }
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
    if (kind === 'outside') {
      // a person out of the user's scope: 404 from the repository, before any rule
      const seen = await outsideTrainingsRepo.findOutsideTraining(db, user.scope, r.id);
      if (!seen) return hidden;
      expect(resource).toBe('outsideTraining');
      return outsideTrainingPolicy.decide(user, outsideFactsOf(seen), action as never);
    }
    if (kind === 'reimbursementCase') {
      const seen = await reimbursementRepo.findCase(db, user.scope, r.id);
      if (!seen) return hidden;
      expect(resource).toBe('reimbursementCase');
      return reimbursementCasePolicy.decide(user, caseFactsOf(seen), action as never);
    }
    if (kind === 'feedback') {
      // not a graduate, or out of the user's subtree: 404 from the service, before the rule
      const seen = await feedbackRepo.findFeedback(db, r.id, r.milestone!);
      if (!seen || user.scope.kind !== 'subtree' || !seen.unit_path.startsWith(user.scope.unitPath)) return hidden;
      expect(resource).toBe('agencyFeedback');
      return agencyFeedbackPolicy.decide(user, { personUnitPath: seen.unit_path, dueOn: seen.due_on, submitted: seen.feedback_id !== null, today }, action as never);
    }
    if (kind === 'needsCampaign') {
      const campaign = (await needsRepo.findCampaign(db, r.id))!;
      return needsCampaignPolicy.decide(user, await loadCampaignFacts(db, user, campaign), action as never);
    }
    if (kind === 'needsAnswer') {
      const found = (await loadAnswerFacts(db, r.id, r.unitId!))!;
      return needsAnswerPolicy.decide(user, found.facts, action as never);
    }
    if (kind === 'enrolment') {
      // a check-in is about the caller's own enrolment in the class of the scanned session
      const id = ref === 'enrolment.checkIn' && user.personId !== null ? ((await enrolmentsRepo.findPersonEnrolment(db, r.classId, user.personId))?.id ?? r.id) : r.id;
      return enrolmentPolicy.decide(user, (await loadEnrolment(db, user, id))!.facts, action as never);
    }
    if (kind === 'certificate') {
      expect(resource).toBe('certificate');
      const row = (await certificatesRepo.findCertificate(db, { scope: { kind: 'subtree', unitPath: '/' }, managesCertificates: true }, r.id))!;
      return certificatePolicy.decide(user, certificateFactsOf(row), action as never);
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
  async function advertised(session: Session, kind: Exclude<Kind, 'planList' | 'indicatorList'>, r: Rec): Promise<string[] | null> {
    if (kind === 'certificate') {
      const res = await app.inject({ url: `/api/v1/classes/${r.classId}/certificates`, headers: as(session) });
      if (res.statusCode !== 200) return null;
      return res.json().items.find((c: { id: number }) => c.id === r.id)?.actions ?? null;
    }
    if (kind === 'feedback') {
      const res = await app.inject({ url: `/api/v1/agency-feedback?limit=200`, headers: as(session) });
      if (res.statusCode !== 200) return null;
      return res.json().items.find((i: { enrolmentId: number; milestone: number }) => i.enrolmentId === r.id && i.milestone === r.milestone)?.actions ?? null;
    }
    if (kind === 'planVersion' || kind === 'planLine') {
      const res = await app.inject({ url: `/api/v1/plans/versions/${r.id}`, headers: as(session) });
      if (res.statusCode !== 200) return null;
      if (kind === 'planVersion') return res.json().actions;
      return res.json().lines.find((l: { lineId: number }) => l.lineId === r.lineId)?.actions ?? null;
    }
    const url = {
      class: `/api/v1/classes/${r.classId}`,
      session: `/api/v1/classes/${r.classId}/sessions`,
      enrolment: `/api/v1/enrolments/${r.id}/progress`,
      person: `/api/v1/people/${r.id}`,
      nomination: `/api/v1/nominations/${r.id}`,
      outside: `/api/v1/outside-trainings/${r.id}`,
      reimbursementCase: `/api/v1/reimbursement-cases/${r.id}`,
      indicator: `/api/v1/indicators/${r.id}`,
      needsCampaign: `/api/v1/needs/campaigns/${r.id}`,
      needsAnswer: `/api/v1/needs/campaigns/${r.id}/answers/${r.unitId}`,
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
    // outside trainings: An (commune A) proposed, approved and sent; Cường (commune B) proposed; one refused
    const sendOutside = async (personId: number, year: number, ...steps: [string, unknown][]) => {
      const period = { start: `${year}-03-02`, end: `${year}-06-30` };
      const made = await app.inject({
        method: 'POST',
        url: '/api/v1/outside-trainings',
        headers: as(sysadmin),
        payload: { personId, programmeCode: 'SC_LLCT', mode: 'full_time', institution: 'Học viện Chính trị quốc gia Hồ Chí Minh', startDate: period.start, endDate: period.end, overrideReason: 'Thử ma trận quyền' },
      });
      if (made.statusCode !== 201) throw new Error(`could not propose ${personId}: ${made.body}`);
      const id = made.json().id as number;
      for (const [path, body] of steps) {
        const res = await app.inject({ method: 'POST', url: `/api/v1/outside-trainings/${id}/${path}`, headers: as(sysadmin), payload: body as Record<string, unknown> });
        if (res.statusCode !== 200) throw new Error(`could not ${path} ${id}: ${res.body}`);
      }
      outsidePeriod.set(id, period);
      return id;
    };
    const approveOutside: [string, unknown] = ['decision', { decision: 'approved' }];
    const outRec = (label: string, id: number): Rec => ({ id, classId: 0, moduleId: 0, sessionId: 0, enrolmentId: 0, label });
    records.outside = [
      outRec('An proposed to go outside', await sendOutside(fx.people.an, 2019)),
      outRec('An approved to go outside', await sendOutside(fx.people.an, 2020, approveOutside)),
      outRec('An sent outside', await sendOutside(fx.people.an, 2021, approveOutside, ['sending-decision', { number: '1-QĐ/TU', date: '2021-03-01', signer: 'Trưởng ban' }])),
      outRec('Cường (commune B) proposed to go outside', await sendOutside(fx.people.cuong, 2019)),
      outRec('An refused to go outside', await sendOutside(fx.people.an, 2022, ['decision', { decision: 'refused', note: 'Không' }])),
    ];
    // reimbursement cases: An's (commune A) notified, agreed and paid; Cường's (commune B) notified
    const openCase = async (label: string, personId: number, outsideTrainingId: number, status: string, paid: number): Promise<Rec> => {
      const made = await db.query<{ id: number }>(
        `INSERT INTO reimbursement_cases (person_id, outside_training_id, cause, basis, source, cost, commitment_months, months_served, amount, paid, explanation, status, opened_by)
         VALUES ($1, $2, 'left_service', 'partial', '171/2025/NĐ-CP', 90000000, 36, 6, 75000000, $3, 'Ma trận quyền', $4, $5) RETURNING id`,
        [personId, outsideTrainingId, paid, status, fx.users.sysadmin!.id],
      );
      return { id: made.rows[0]!.id, classId: 0, moduleId: 0, sessionId: 0, enrolmentId: 0, label };
    };
    records.reimbursementCase = [
      await openCase('An notified to reimburse', fx.people.an, records.outside[0]!.id, 'notified', 0),
      await openCase('An agreed to reimburse', fx.people.an, records.outside[1]!.id, 'agreed', 0),
      await openCase('An paid the reimbursement', fx.people.an, records.outside[2]!.id, 'paid', 75_000_000),
      await openCase('Cường (commune B) notified to reimburse', fx.people.cuong, records.outside[3]!.id, 'notified', 0),
    ];
    // needs: campaign N1 asks the three units (A not started, B a draft, Sở Y tế submitted); N2 asks
    // commune B only (out of the agency's reach) and is closed with B's draft in it
    const campaign = async (target: Record<string, unknown>) => {
      const offers = [{ programmeCode: 'TC_LLCT', modes: ['full_time'] }];
      const res = await app.inject({ method: 'POST', url: '/api/v1/needs/campaigns', headers: as(sysadmin), payload: { year: 2031, title: 'Ma trận', deadline: addDays(today, 10), offers, target } });
      if (res.statusCode !== 201) throw new Error(`could not open a campaign: ${res.body}`);
      return res.json() as { id: number; version: number };
    };
    const n1 = await campaign({ unitIds: [fx.units.communeA, fx.units.communeB, fx.units.department] });
    const n2 = await campaign({ unitIds: [fx.units.communeB] });
    const save = async (c: number, unitId: number) => {
      const res = await app.inject({ method: 'PUT', url: `/api/v1/needs/campaigns/${c}/answers/${unitId}`, headers: as(sysadmin), payload: { version: 0, lines: [] } });
      if (res.statusCode !== 200) throw new Error(`could not save: ${res.body}`);
    };
    await save(n1.id, fx.units.communeB);
    await save(n1.id, fx.units.department);
    await app.inject({ method: 'POST', url: `/api/v1/needs/campaigns/${n1.id}/answers/${fx.units.department}/submit`, headers: as(sysadmin), payload: { version: 1 } });
    await save(n2.id, fx.units.communeB);
    await app.inject({ method: 'PATCH', url: `/api/v1/needs/campaigns/${n2.id}`, headers: as(sysadmin), payload: { version: n2.version, status: 'closed' } });
    const needsRec = (label: string, campaignId: number, unitId: number): Rec => ({ id: campaignId, unitId, classId: 0, moduleId: 0, sessionId: 0, enrolmentId: 0, label });
    records.needsCampaign = [needsRec('campaign asking commune A', n1.id, fx.units.communeA), needsRec('closed campaign asking commune B only', n2.id, fx.units.communeB)];
    records.needsAnswer = [
      needsRec('commune A, not started', n1.id, fx.units.communeA),
      needsRec('commune B, a draft', n1.id, fx.units.communeB),
      needsRec('Sở Y tế, submitted', n1.id, fx.units.department),
      needsRec('commune B in a closed campaign', n2.id, fx.units.communeB),
    ];
    records.unit = [rec('the school (department)', a, fx.units.department, 0, 0), rec('commune A', a, fx.units.communeA, 0, 0), rec('the province', a, fx.units.root, 0, 0)];
    checkinToken = (await app.inject({ url: `/api/v1/sessions/${sessionAToday}/checkin-code`, headers: as(sessions.get('school_registrar')!) })).json().token;
    // plans: a draft (lines of the school and of commune B), an approved version since adjusted, its
    // submitted adjustment, and an approved version in force
    const api = async (method: 'POST' | 'PUT', url: string, payload: Record<string, unknown>) => {
      const res = await app.inject({ method, url, headers: as(sysadmin), payload });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.body}`);
      return res.json();
    };
    const planOf = async (year: number, organisers: number[]) => {
      const plan = await api('POST', '/api/v1/plans/annual', { year, title: `Kế hoạch ${year}` });
      const v = plan.versions[0];
      const lines = organisers.map((organiserUnitId) => ({ ...planLineBody(), year, organiserUnitId }));
      return api('POST', `/api/v1/plans/versions/${v.id}/lines`, { rowVersion: v.rowVersion, lines });
    };
    const approve = async (v: { id: number; rowVersion: number }) => {
      const submitted = await api('POST', `/api/v1/plans/versions/${v.id}/submit`, { rowVersion: v.rowVersion });
      return api('POST', `/api/v1/plans/versions/${v.id}/approve`, { rowVersion: submitted.rowVersion });
    };
    const draft = await planOf(2090, [fx.units.department, fx.units.communeB]);
    const adjusted = await approve(await planOf(2091, [fx.units.department]));
    const adjustment = await api('POST', `/api/v1/plans/versions/${adjusted.id}/adjustments`, { rowVersion: adjusted.rowVersion, reason: 'Thử', decisionNumber: '2-QĐ/TU', decisionDate: '2091-05-01' });
    await api('POST', `/api/v1/plans/versions/${adjustment.id}/submit`, { rowVersion: adjustment.rowVersion });
    const inForce = await approve(await planOf(2092, [fx.units.department]));
    const planRec = (label: string, id: number, lineId?: number): Rec => ({ id, classId: 0, moduleId: 0, sessionId: 0, enrolmentId: 0, label, lineId });
    records.planVersion = [
      planRec('draft plan version', draft.id),
      planRec('approved version already adjusted', adjusted.id),
      planRec('submitted adjustment', adjustment.id),
      planRec('approved version in force', inForce.id),
    ];
    records.planLine = [
      planRec("draft line of the school", draft.id, draft.lines[0].lineId),
      planRec('draft line of commune B', draft.id, draft.lines[1].lineId),
      planRec('line of an approved version', inForce.id, inForce.lines[0].lineId),
    ];
    records.planList = [planRec('the plans', 0)];
    records.indicatorList = [planRec('the indicators', 0)];
    records.indicator = [planRec('an indicator of the province', (await api('POST', '/api/v1/indicators', { ...indicatorBody(), code: 'MT-0' })).id)];
    fiveYearId = (await api('POST', '/api/v1/plans/five-year', { startYear: 2086, title: 'Giai đoạn 2086–2090' })).id;
    // certificates: two graduated classes, of the school (CF) and of commune B (CB); Dung holds one of
    // each, Cường one of CF that is revoked
    const graduated = async (organiserUnitId: number, cohortCode: string, personIds: number[]) => {
      const c = await insertTrainingClass(db, { organiserUnitId, cohortCode, startDate: addDays(today, -90), endDate: addDays(today, -10), modules });
      const ids: number[] = [];
      for (const personId of personIds) ids.push(await enrol(db, c.id, personId));
      await db.query("UPDATE classes SET status = 'finished', graduated_at = now() WHERE id = $1", [c.id]);
      await db.query("UPDATE enrolments SET status = 'completed', average = 8.2, classification = 'kha', graduated_on = ended_on WHERE id = ANY($1::int[])", [ids]);
      const issued = await db.transaction((tx) => issueCertificates(tx, users.get('system_admin')!, ids, addDays(today, -5)));
      return { c, issued };
    };
    const cf = await graduated(fx.units.department, 'PM-CF', [fx.people.dung, fx.people.cuong]);
    const cb = await graduated(fx.units.communeB, 'PM-CB', [fx.people.dung]);
    const certRec = (label: string, c: { id: number; modules: Record<string, number> }, id: number): Rec => rec(label, c, id, 0, 0);
    const revokedId = cf.issued.find((x) => x.personId === fx.people.cuong)!.id;
    await api('POST', `/api/v1/certificates/${revokedId}/revoke`, { reason: 'Cấp nhầm' });
    records.certificate = [
      certRec('certificate of the school', cf.c, cf.issued.find((x) => x.personId === fx.people.dung)!.id),
      certRec('certificate of commune B', cb.c, cb.issued[0]!.id),
      certRec('revoked certificate', cf.c, revokedId),
    ];
    for (const r of records.certificate.slice(0, 2)) freshCertificates.add(r.id);
    // agency feedback (decision 0051): An graduated 7 months ago (6 months due, 12 not yet) and 14
    // months ago (6 submitted, 12 due); Cường (commune B) graduated 7 months ago
    const graduate = async (cohortCode: string, monthsAgo: number, personIds: number[]) => {
      const on = training.addMonths(today, -monthsAgo);
      const c = await insertTrainingClass(db, { organiserUnitId: fx.units.department, cohortCode, startDate: addDays(on, -60), endDate: on, modules });
      const ids: number[] = [];
      for (const personId of personIds) ids.push(await enrol(db, c.id, personId));
      await db.query("UPDATE enrolments SET status = 'completed', graduated_on = $2 WHERE id = ANY($1::int[])", [ids, on]);
      return ids;
    };
    const [an7, cuong7] = await graduate('PM-FB7', 7, [fx.people.an, fx.people.cuong]);
    const [an14] = await graduate('PM-FB14', 14, [fx.people.an]);
    await db.query(
      "INSERT INTO agency_feedback (enrolment_id, milestone, due_on, applies, rating, unit_id, submitted_by) VALUES ($1, 6, $2, 'fully', 5, $3, $4)",
      [an14, training.addMonths(training.addMonths(today, -14), 6), fx.units.communeA, fx.users.sysadmin!.id],
    );
    const fbRec = (label: string, id: number, milestone: 6 | 12): Rec => ({ id, milestone, classId: 0, moduleId: 0, sessionId: 0, enrolmentId: id, label });
    records.feedback = [
      fbRec('An, 6 months due', an7!, 6),
      fbRec('An, 12 months not yet due', an7!, 12),
      fbRec('Cường (commune B), 6 months due', cuong7!, 6),
      fbRec('An, 6 months submitted', an14!, 6),
      fbRec('An, 12 months overdue', an14!, 12),
    ];
  });

  it('has a probe for every route that declares a policy', () => {
    const withPolicy = app.routeAccess.filter((r) => r.policies.length > 0).map((r) => `${r.method} ${r.url}`);
    expect(withPolicy.length).toBeGreaterThan(20);
    for (const key of withPolicy) expect(PROBES[key], `probe for ${key}`).toBeDefined();
  });

  it('answers every policy route as the policy decides, for every role and record', async () => {
    const refusalCodes = new Set<ErrorCode>([
      'NOT_FOUND', 'FORBIDDEN', 'CLASS_FINISHED', 'NOT_IN_CLASS', 'CLASS_CLOSED', 'OUTSIDE_STEP_ORDER', 'OUTSIDE_CLOSED',
      'NEEDS_CAMPAIGN_CLOSED', 'NEEDS_ANSWER_SUBMITTED', 'NEEDS_ANSWER_NOT_SUBMITTED', 'NEEDS_ANSWER_NOT_SAVED',
      'CASE_STEP_ORDER', 'FEEDBACK_NOT_DUE', 'FEEDBACK_SUBMITTED',
    ]);
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
    for (const kind of ['class', 'session', 'enrolment', 'person', 'nomination', 'outside', 'needsCampaign', 'needsAnswer', 'planVersion', 'planLine', 'unit', 'certificate', 'reimbursementCase', 'feedback', 'indicator'] as const) {
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
          else if (kind === 'needsCampaign') expected = needsCampaignPolicy.allowedActions(user, await loadCampaignFacts(db, user, (await needsRepo.findCampaign(db, r.id))!));
          else if (kind === 'needsAnswer') expected = needsAnswerPolicy.allowedActions(user, (await loadAnswerFacts(db, r.id, r.unitId!))!.facts);
          else if (kind === 'nomination') {
            const seen = (await nominationsRepo.findNomination(db, r.id, visibilityOf(user)))!;
            expected = nominationPolicy.allowedActions(user, nominationFactsOf((await classesRepo.findClass(db, seen.class_id))!, seen, today));
          } else if (kind === 'outside') {
            expected = outsideTrainingPolicy.allowedActions(user, outsideFactsOf((await outsideTrainingsRepo.findOutsideTraining(db, user.scope, r.id))!));
          } else if (kind === 'reimbursementCase') {
            expected = reimbursementCasePolicy.allowedActions(user, caseFactsOf((await reimbursementRepo.findCase(db, { kind: 'subtree', unitPath: '/' }, r.id))!));
          } else if (kind === 'feedback') {
            const f = (await feedbackRepo.findFeedback(db, r.id, r.milestone!))!;
            expected = agencyFeedbackPolicy.allowedActions(user, { personUnitPath: f.unit_path, dueOn: f.due_on, submitted: f.feedback_id !== null, today });
          } else if (kind === 'planVersion') {
            const v = (await plansRepo.findVersion(db, r.id))!;
            expected = planVersionPolicy.allowedActions(user, { status: v.status, lineCount: v.line_count, latest: v.latest });
          } else if (kind === 'planLine') {
            const v = (await plansRepo.findVersion(db, r.id))!;
            expected = planLinePolicy.allowedActions(user, { status: v.status, organiserPath: (await plansRepo.findLineOfVersion(db, r.id, r.lineId!))!.organiser_path });
          } else if (kind === 'certificate') {
            const row = (await certificatesRepo.findCertificate(db, { scope: { kind: 'subtree', unitPath: '/' }, managesCertificates: true }, r.id))!;
            expected = certificatePolicy.allowedActions(user, certificateFactsOf(row));
          } else if (kind === 'indicator') {
            expected = indicatorPolicy.allowedActions(user, null);
          } else if (kind === 'unit') {
            expected = documentSettingsPolicy.allowedActions(user, { unitPath: (await documentsRepo.findUnitNames(db, r.id))!.path });
          } else expected = personPolicy.allowedActions(user, personFactsOf((await peopleRepo.findPerson(db, { kind: 'subtree', unitPath: '/' }, r.id))!));
          expect(shown, `${kind} ${r.label} as ${role}`).toEqual(expected);
        }
      }
    }
  }, 300_000);

  // The bulk decision (POST /nominations/decisions) declares no policy of its own: the nomination
  // policy decides each item, so each item's outcome must agree with it, for every role and record.
  it('decides each item of a bulk decision as the nomination policy decides it', async () => {
    const bodies = [
      { step: 'board', decision: 'approved' },
      { step: 'school', decision: 'approved' },
      { step: 'board', decision: 'refused', note: 'Không phù hợp' },
      { step: 'school', decision: 'refused', note: 'Không phù hợp' },
    ] as const;
    let decided = 0;
    for (const [role, session] of sessions) {
      const user = users.get(role)!;
      for (const body of bodies) {
        // the nomination policy's rule for exactly this step and decision (its `refuse` action asks
        // at the step a refusal is due; a bulk refusal names its step, as the single route's body does)
        const verdicts = await Promise.all(
          records.nomination.map(async (r): Promise<Verdict> => {
            const seen = await nominationsRepo.findNomination(db, r.id, visibilityOf(user));
            if (!seen) return hidden;
            const f = nominationFactsOf((await classesRepo.findClass(db, seen.class_id))!, seen, today);
            const v = training.decideNomination(nominationActorOf(user, f), f, { step: body.step, decision: body.decision });
            return v.ok ? true : { code: v.refusal.code as ErrorCode };
          }),
        );
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/nominations/decisions',
          headers: as(session),
          payload: { ids: records.nomination.map((r) => r.id), ...body },
        });
        if (!roleMeetsAccess(role, 'classes.read')) {
          expect(res.statusCode, `${role}`).toBe(403);
          continue;
        }
        expect(res.statusCode, `${role} ${res.body}`).toBe(200);
        const items = res.json().items as { id: number; outcome: string; personName: string | null; error: { code: string } | null }[];
        records.nomination.forEach((r, i) => {
          const v = verdicts[i]!;
          const item = items[i]!;
          const what = `${JSON.stringify(body)} · ${r.label} · ${role}: ${JSON.stringify(item)}`;
          expect(item.id, what).toBe(r.id);
          if (v === hidden) expect([item.outcome, item.personName], what).toEqual(['not_found', null]);
          else if (v !== true) expect([item.outcome, item.error?.code], what).toEqual(['refused', v.code]);
          else expect(item.outcome, what).not.toBe('not_found');
          decided += 1;
        });
      }
    }
    expect(decided).toBeGreaterThan(100);
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
  if (url.endsWith('/leaving')) return { leftOn: '2024-01-31', reason: 'resigned' };
  if (url === '/api/v1/people/:id')
    return {
      fullName: 'Trần Văn Cường', citizenId: '008075000003', birthDate: '1975-07-07', gender: 'male', ethnicityCode: '01',
      category: 'cong_chuc', unitId: fx.units.communeA, version: 1,
    };
  return undefined;
}
