import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { NOMINATIONS_DECISIONS_MAX, type NominationBulkDecisionResult } from '@nang-tam/contracts';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { insertClass, insertPeople } from '../../../../tests/support/classes.js';

/**
 * POST /nominations/decisions: the same decision on many nominations, each decided by the
 * nomination chain on its own (docs/decisions/0038): per-item outcomes, nothing written for a
 * refused one, out-of-scope ids answering not found, one audit record per decided nomination.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const USERS = ['board', 'registrar', 'officerA', 'officerD'] as const;
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
const decide = (who: Who, payload: unknown) => post(who, '/api/v1/nominations/decisions', payload);

/** `n` fresh nominations of commune A people (officerA's unit) into a new class of the department. */
async function nominations(n: number, capacity = 300): Promise<number[]> {
  const classId = await insertClass(db, { organiserUnitId: fx.units.department, capacity });
  const people = await insertPeople(db, n, { unitId: fx.units.communeA });
  const ids: number[] = [];
  for (const p of people) {
    const res = await post('officerA', `/api/v1/classes/${classId}/nominations`, { personId: p.id });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id as number);
  }
  return ids;
}

const statusOf = async (id: number) =>
  (await db.query<{ status: string }>('SELECT status FROM nominations WHERE id = $1', [id])).rows[0]!.status;
const decideAudits = async (id: number) =>
  (
    await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity = 'nomination' AND entity_id = $1 AND action = 'decide'",
      [id],
    )
  ).rows[0]!.n;

describe('bulk decision on nominations', () => {
  it('approves many at the board step, one audit record each', async () => {
    const ids = await nominations(3);
    const res = await decide('board', { ids, step: 'board', decision: 'approved' });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<NominationBulkDecisionResult>();
    expect(r).toMatchObject({ decided: 3, refused: 0, notFound: 0 });
    expect(r.items.map((i) => [i.id, i.outcome, i.status])).toEqual(ids.map((id) => [id, 'decided', 'approved_board']));
    for (const id of ids) {
      expect(await statusOf(id)).toBe('approved_board');
      expect(await decideAudits(id)).toBe(1);
    }
  });

  it('reports mixed outcomes item by item, writing nothing for a refused one', async () => {
    const [fresh, done] = await nominations(2);
    expect((await decide('board', { ids: [done], step: 'board', decision: 'approved' })).statusCode).toBe(200);
    const res = await decide('board', { ids: [fresh, done, 99_999_999], step: 'board', decision: 'approved' });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<NominationBulkDecisionResult>();
    expect(r).toMatchObject({ decided: 1, refused: 1, notFound: 1 });
    const [a, b, c] = r.items;
    expect(a).toMatchObject({ id: fresh, outcome: 'decided', status: 'approved_board', error: null });
    expect(b).toMatchObject({ id: done, outcome: 'refused', status: null });
    expect(b!.error!.message).toMatch(/[à-ỹ]/);
    expect(c).toEqual({
      id: 99_999_999,
      outcome: 'not_found',
      personName: null,
      status: null,
      error: { code: 'NOT_FOUND', message: expect.any(String) },
    });
    expect(await statusOf(done!)).toBe('approved_board');
    expect(await decideAudits(done!)).toBe(1);
  });

  it('the school enrols many after the board, and refuses with its reason', async () => {
    const ids = await nominations(3);
    expect((await decide('board', { ids, step: 'board', decision: 'approved' })).json().decided).toBe(3);
    const [x, y, z] = ids;
    const enrolled = (
      await decide('registrar', { ids: [x, y], step: 'school', decision: 'approved' })
    ).json<NominationBulkDecisionResult>();
    expect(enrolled.decided).toBe(2);
    const refused = (
      await decide('registrar', { ids: [z], step: 'school', decision: 'refused', note: 'Không bố trí được thời gian' })
    ).json<NominationBulkDecisionResult>();
    expect(refused.items[0]).toMatchObject({ outcome: 'decided', status: 'refused' });
    const enrolments = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM enrolments WHERE nomination_id = ANY($1::int[])', [
      ids,
    ]);
    expect(enrolments.rows[0]!.n).toBe(2);
  });

  it('out of scope: an agency of another unit is told not found, never who was nominated; the agency itself is refused the board step', async () => {
    const ids = await nominations(2);
    const other = (await decide('officerD', { ids, step: 'board', decision: 'approved' })).json<NominationBulkDecisionResult>();
    expect(other).toMatchObject({ decided: 0, refused: 0, notFound: 2 });
    expect(other.items.every((i) => i.personName === null)).toBe(true);
    const own = (await decide('officerA', { ids, step: 'board', decision: 'approved' })).json<NominationBulkDecisionResult>();
    expect(own).toMatchObject({ decided: 0, refused: 2, notFound: 0 });
    for (const id of ids) expect(await statusOf(id)).toBe('nominated');
  });

  it('a refusal needs its note; the list has limits', async () => {
    const ids = await nominations(1);
    const noNote = await decide('board', { ids, step: 'board', decision: 'refused' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.details).toEqual([expect.objectContaining({ path: 'note', code: 'REQUIRED' })]);
    expect((await decide('board', { ids: [], step: 'board', decision: 'approved' })).statusCode).toBe(400);
    const tooMany = Array.from({ length: NOMINATIONS_DECISIONS_MAX + 1 }, (_, i) => i + 1);
    expect((await decide('board', { ids: tooMany, step: 'board', decision: 'approved' })).statusCode).toBe(400);
    expect(await statusOf(ids[0]!)).toBe('nominated');
  });

  it('a duplicate id is decided once', async () => {
    const [id] = await nominations(1);
    const r = (await decide('board', { ids: [id, id], step: 'board', decision: 'approved' })).json<NominationBulkDecisionResult>();
    expect(r.items).toHaveLength(1);
    expect(await decideAudits(id!)).toBe(1);
  });

  it('races with a concurrent single decision: each nomination is decided exactly once', async () => {
    const ids = await nominations(4);
    const [bulk, ...singles] = await Promise.all([
      decide('board', { ids, step: 'board', decision: 'approved' }),
      ...ids.map((id) => post('board', `/api/v1/nominations/${id}/decision`, { step: 'board', decision: 'refused', note: 'Trùng' })),
    ]);
    expect(bulk!.statusCode, bulk!.body).toBe(200);
    const r = bulk!.json<NominationBulkDecisionResult>();
    ids.forEach((id, i) => {
      const single = singles[i]!;
      const bulkWon = r.items[i]!.outcome === 'decided';
      expect(bulkWon).toBe(single.statusCode !== 200);
    });
    for (const id of ids) {
      expect(['approved_board', 'refused']).toContain(await statusOf(id));
      expect(await decideAudits(id)).toBe(1);
    }
  });
});
