import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';

/**
 * The session cache (decision 0059) on both databases: a node keeps the sessions it has read, and any
 * change of a user, a session or a unit — made by SQL, outside the app — takes effect on its next
 * requests. On PostgreSQL the node hears of a change a moment after it commits (LISTEN), so the
 * changes are awaited for a bounded time; what is asserted is that they do take effect.
 */
let db: Db;
let app: FastifyInstance;
let other: FastifyInstance;
let fx: Fixture;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db, { sessionCacheSeconds: 60 });
  // a second node on the same database
  other = await buildTestApp(db, { sessionCacheSeconds: 60 });
});
afterAll(async () => {
  await app?.close();
  await other?.close();
  await db?.close();
});

const get = (a: FastifyInstance, s: Session, url: string) => a.inject({ url, headers: as(s) }).then((r) => r.statusCode);

/** Retries until `check` holds (a change reaches the node), for at most 5 s. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + 5000;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error('the change did not take effect within 5 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs fn with the notifying triggers off, so the node is not told (proves what it keeps). */
async function unannounced(fn: () => Promise<unknown>): Promise<void> {
  await db.exec('ALTER TABLE sessions DISABLE TRIGGER sessions_auth_changed');
  try {
    await fn();
  } finally {
    await db.exec('ALTER TABLE sessions ENABLE TRIGGER sessions_auth_changed');
  }
}

describe('session cache', () => {
  it('keeps a session it has read: the request does not need the session row again', async () => {
    const s = await loginAs(app, 'officerA');
    expect(app.sessionCache.active).toBe(true);
    expect(await get(app, s, '/api/v1/people')).toBe(200);
    // the row goes without the node being told: the kept session still answers
    await unannounced(() => db.query("DELETE FROM sessions WHERE user_id = $1", [fx.users.officerA!.id]));
    expect(await get(app, s, '/api/v1/people')).toBe(200);
    // the node that never read it answers from the database
    expect(await get(other, s, '/api/v1/people')).toBe(401);
    app.sessionCache.forgetAll();
    expect(await get(app, s, '/api/v1/people')).toBe(401);
  });

  it('a changed role takes effect (people.read withdrawn)', async () => {
    const s = await loginAs(app, 'officerD');
    expect(await get(app, s, '/api/v1/people')).toBe(200);
    expect(app.sessionCache.size).toBeGreaterThan(0);
    await db.query("UPDATE users SET role = 'lecturer' WHERE id = $1", [fx.users.officerD!.id]);
    try {
      await eventually(async () => (await get(app, s, '/api/v1/people')) === 403);
    } finally {
      await db.query("UPDATE users SET role = 'unit_officer' WHERE id = $1", [fx.users.officerD!.id]);
    }
    await eventually(async () => (await get(app, s, '/api/v1/people')) === 200);
  });

  it("a changed unit moves the scope: the old unit's people are not found, the new unit's are", async () => {
    const s = await loginAs(app, 'officerA');
    expect(await get(app, s, `/api/v1/people/${fx.people.an}`)).toBe(200);
    expect(await get(app, s, `/api/v1/people/${fx.people.cuong}`)).toBe(404);
    await db.query('UPDATE users SET unit_id = $1 WHERE id = $2', [fx.units.communeB, fx.users.officerA!.id]);
    try {
      await eventually(async () => (await get(app, s, `/api/v1/people/${fx.people.an}`)) === 404);
      expect(await get(app, s, `/api/v1/people/${fx.people.cuong}`)).toBe(200);
      const list = await app.inject({ url: '/api/v1/people', headers: as(s) });
      expect((list.json() as { items: { id: number }[] }).items.map((p) => p.id)).toEqual([fx.people.cuong]);
    } finally {
      await db.query('UPDATE users SET unit_id = $1 WHERE id = $2', [fx.units.communeA, fx.users.officerA!.id]);
    }
  });

  it('a moved or renamed unit takes effect (the unit is read with the session)', async () => {
    const s = await loginAs(app, 'officerD');
    const me = async () => (await app.inject({ url: '/api/v1/auth/me', headers: as(s) })).json() as { unit: { name: string } };
    expect((await me()).unit.name).toBe('Sở Y tế');
    await db.query("UPDATE units SET name = 'Sở Y tế (mới)' WHERE id = $1", [fx.units.department]);
    try {
      await eventually(async () => (await me()).unit.name === 'Sở Y tế (mới)');
    } finally {
      await db.query("UPDATE units SET name = 'Sở Y tế' WHERE id = $1", [fx.units.department]);
    }
  });

  it('a deactivated account is signed out', async () => {
    const s = await loginAs(app, 'noivu');
    expect(await get(app, s, '/api/v1/people')).toBe(200);
    await db.query('UPDATE users SET active = false WHERE id = $1', [fx.users.noivu!.id]);
    try {
      await eventually(async () => (await get(app, s, '/api/v1/people')) === 401);
    } finally {
      await db.query('UPDATE users SET active = true WHERE id = $1', [fx.users.noivu!.id]);
    }
  });

  it('logout ends the session at once on this node, and on the other node once it hears of it', async () => {
    const s = await loginAs(app, 'board');
    expect(await get(app, s, '/api/v1/people')).toBe(200);
    expect(await get(other, s, '/api/v1/people')).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: as(s) });
    expect(out.statusCode).toBe(204);
    expect(await get(app, s, '/api/v1/people')).toBe(401);
    await eventually(async () => (await get(other, s, '/api/v1/people')) === 401);
  });
});
