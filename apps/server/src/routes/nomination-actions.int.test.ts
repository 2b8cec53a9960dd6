import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import type { MyLearners, NominationAction, NominationDetail, NominationPage } from '@nang-tam/contracts';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { insertClass, insertPeople, type ClassInput } from '../../../../tests/support/classes.js';

/**
 * The `actions` a nomination response advertises (the nomination policy, over the training
 * domain's lifecycle) for each role and status, and their agreement with the server: an action
 * advertised is a request the server then accepts; one not advertised, a request it refuses.
 * Classes are sơ cấp LLCT (approved by the provincial board) organised by the department (the
 * registrar's unit); the nominated people belong to commune A (officerA's unit).
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const USERS = ['board', 'noivu', 'registrar', 'officerA', 'officerD', 'sysadmin', 'lecturer', 'learner'] as const;
type Who = (typeof USERS)[number];
const s = {} as Record<Who, Session>;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of USERS) s[u] = await loginAs(app, u);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const post = (who: Who, url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, headers: as(s[who]), payload: payload as object });
const get = (who: Who, url: string) => app.inject({ url, headers: as(s[who]) });
const newClass = (over: Partial<ClassInput> = {}) => insertClass(db, { organiserUnitId: fx.units.department, ...over });

type Status = 'nominated' | 'approved_board' | 'enrolled' | 'waitlisted' | 'refused' | 'withdrawn';

/** The request each action stands for, given the step a refusal is due at. */
function act(who: Who, id: number, action: NominationAction, refusalStep: 'board' | 'school' | null) {
  switch (action) {
    case 'approve':
      return post(who, `/api/v1/nominations/${id}/decision`, { step: 'board', decision: 'approved' });
    case 'enrol':
      return post(who, `/api/v1/nominations/${id}/decision`, { step: 'school', decision: 'approved' });
    case 'refuse':
      return post(who, `/api/v1/nominations/${id}/decision`, { step: refusalStep ?? 'board', decision: 'refused', note: 'Không phù hợp' });
    case 'withdraw':
      return post(who, `/api/v1/nominations/${id}/withdraw`, {});
  }
}

let open: number;
let full: number;
beforeAll(async () => {
  open = await newClass({ capacity: 300 });
  full = await newClass({ capacity: 1 });
  const [first] = await insertPeople(db, 1, { unitId: fx.units.communeA });
  expect((await post('officerA', `/api/v1/classes/${full}/nominations`, { personId: first!.id })).statusCode).toBe(201);
});

/** A fresh nomination of a commune A person, brought to `status` through the API. */
async function nominationIn(status: Status, into = open): Promise<number> {
  const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA });
  const res = await post('officerA', `/api/v1/classes/${status === 'waitlisted' ? full : into}/nominations`, { personId: p!.id });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  const step = async (who: Who, body: object, url = `/api/v1/nominations/${id}/decision`) =>
    expect((await post(who, url, body)).statusCode).toBe(200);
  if (status === 'approved_board' || status === 'enrolled') await step('board', { step: 'board', decision: 'approved' });
  if (status === 'enrolled') await step('registrar', { step: 'school', decision: 'approved' });
  if (status === 'refused') await step('board', { step: 'board', decision: 'refused', note: 'Không phù hợp' });
  if (status === 'withdrawn') await step('officerA', {}, `/api/v1/nominations/${id}/withdraw`);
  return id;
}

/** The actions `who` is offered on the nomination, or null when they may not read it (404, or 403 for the route). */
async function actionsOf(who: Who, id: number): Promise<{ actions: NominationAction[]; refusalStep: 'board' | 'school' | null } | null> {
  const res = await get(who, `/api/v1/nominations/${id}`);
  if (res.statusCode === 404 || res.statusCode === 403) return null;
  expect(res.statusCode, res.body).toBe(200);
  const n = res.json<NominationDetail>();
  expect(n.status).toBeDefined();
  return { actions: n.actions, refusalStep: n.refusalStep };
}

describe('the actions of a nomination, by role and status', () => {
  it.each<[Who, Status, NominationAction[] | null]>([
    ['board', 'nominated', ['approve', 'refuse', 'withdraw']],
    ['board', 'waitlisted', ['refuse', 'withdraw']],
    ['board', 'approved_board', ['withdraw']],
    ['board', 'enrolled', []],
    ['board', 'refused', []],
    ['noivu', 'nominated', ['withdraw']],
    ['registrar', 'nominated', []],
    ['registrar', 'approved_board', ['refuse', 'enrol']],
    ['registrar', 'enrolled', ['withdraw']],
    ['registrar', 'withdrawn', []],
    ['officerA', 'nominated', ['withdraw']],
    ['officerA', 'waitlisted', ['withdraw']],
    ['officerA', 'approved_board', ['withdraw']],
    ['officerA', 'enrolled', []],
    ['sysadmin', 'approved_board', ['refuse', 'enrol', 'withdraw']],
    ['officerD', 'nominated', null],
    ['lecturer', 'approved_board', null],
    ['learner', 'nominated', null],
  ])('%s on a %s nomination: %o', async (who, status, expected) => {
    const id = await nominationIn(status);
    expect((await actionsOf(who, id))?.actions ?? null).toEqual(expected);
  });

  it('names the step a refusal is due at: the board for a waitlisted one, the school after the board', async () => {
    expect((await actionsOf('board', await nominationIn('waitlisted')))?.refusalStep).toBe('board');
    expect((await actionsOf('registrar', await nominationIn('approved_board')))?.refusalStep).toBe('school');
    expect((await actionsOf('registrar', await nominationIn('enrolled')))?.refusalStep).toBeNull();
  });

  it('gives the same actions in the class list as on the nomination', async () => {
    const id = await nominationIn('approved_board');
    for (const who of ['board', 'registrar', 'officerA'] as const) {
      const page = (await get(who, `/api/v1/classes/${open}/nominations?status=approved_board&limit=200`)).json<NominationPage>();
      const item = page.items.find((n) => n.id === id)!;
      expect(item.actions, who).toEqual((await actionsOf(who, id))!.actions);
    }
  });
});

describe('an advertised action is exactly a request the server accepts', () => {
  const STATUSES: Status[] = ['nominated', 'waitlisted', 'approved_board', 'enrolled', 'withdrawn'];
  const ACTIONS: NominationAction[] = ['approve', 'refuse', 'enrol', 'withdraw'];
  it.each(USERS.map((who) => [who]))('%s', async (who) => {
    let accepted = 0;
    for (const status of STATUSES) {
      let id = await nominationIn(status);
      const offered = await actionsOf(who, id);
      // a refused request changes nothing: every action not offered is tried on the same nomination
      for (const action of ACTIONS.filter((a) => !offered?.actions.includes(a))) {
        const res = await act(who, id, action, offered?.refusalStep ?? null);
        const label = `${who} ${action} on ${status}: ${res.body}`;
        if (offered === null) expect([403, 404], label).toContain(res.statusCode);
        else expect([403, 409], label).toContain(res.statusCode);
      }
      // each offered action on a nomination of its own in that status, offered the same
      for (const [i, action] of (offered?.actions ?? []).entries()) {
        if (i > 0) {
          id = await nominationIn(status);
          expect((await actionsOf(who, id))?.actions).toEqual(offered!.actions);
        }
        const res = await act(who, id, action, offered!.refusalStep);
        expect(res.statusCode, `${who} ${action} on ${status}: ${res.body}`).toBe(200);
        accepted += 1;
      }
    }
    // the chain's own users each take some step; the others none
    expect(accepted > 0, who).toBe(['board', 'noivu', 'registrar', 'officerA', 'sysadmin'].includes(who));
  });
});

describe('what a user may do with a class’s nominations', () => {
  it.each<[Who, 'open' | 'closed', string[], boolean]>([
    ['officerA', 'open', ['nominate'], true],
    ['board', 'open', ['nominate', 'override'], true],
    ['registrar', 'open', [], true],
    ['officerA', 'closed', [], false],
    ['board', 'closed', [], false],
  ])('%s, %s class → %o', async (who, status, actions, takes) => {
    const cls = await newClass({ status });
    const page = (await get(who, `/api/v1/classes/${cls}/nominations`)).json<NominationPage>();
    expect(page.actions).toEqual(actions);
    expect(page.class.takesNominations).toBe(takes);
    // and the server agrees: a nomination into it is accepted only when offered
    const [p] = await insertPeople(db, 1, { unitId: fx.units.communeA });
    const res = await post(who, `/api/v1/classes/${cls}/nominations`, { personId: p!.id });
    expect(res.statusCode, res.body).toBe(actions.includes('nominate') ? 201 : status === 'closed' && who !== 'registrar' ? 409 : 403);
  });

  it('takes no nominations into a class that has ended, though still open', async () => {
    const cls = await newClass({ startDate: '2024-01-01', endDate: '2024-03-01' });
    const page = (await get('officerA', `/api/v1/classes/${cls}/nominations`)).json<NominationPage>();
    expect([page.actions, page.class.takesNominations]).toEqual([[], false]);
  });
});

describe('the agency’s “my learners” board carries the same actions', () => {
  it('offers officerA the withdrawal of a nomination and nothing on an enrolled learner', async () => {
    const cls = await newClass();
    const nominated = await nominationIn('nominated', cls);
    const enrolled = await nominationIn('enrolled', cls);
    const mine = (await get('officerA', `/api/v1/me/learners?classId=${cls}`)).json<MyLearners>();
    const of = (id: number) => mine.items.find((i) => i.nomination?.id === id)!.nomination!;
    expect(of(nominated).actions).toEqual((await actionsOf('officerA', nominated))!.actions);
    expect(of(nominated).actions).toEqual(['withdraw']);
    expect(of(enrolled).actions).toEqual([]);
    const byBoard = (await get('board', `/api/v1/me/learners?classId=${cls}`)).json<MyLearners>();
    expect(byBoard.items.find((i) => i.nomination?.id === nominated)!.nomination!.actions).toEqual(['approve', 'refuse', 'withdraw']);
  });
});
