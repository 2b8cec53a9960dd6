import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MySupport, SupportList, SupportPolicyList } from '@nang-tam/contracts';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, type Session } from '../../tests/support/fixtures.js';
import { DEMO_PASSWORD } from './accounts.js';
import { seedDemoProvince } from './generate.js';

/** Support for learners in the demo province (issue 11 point 1): the policies and payments a fresh `npm start` shows. */
let db: Db;
let app: FastifyInstance;
const sessions: Record<string, Session> = {};
const progress: string[] = [];

beforeAll(async () => {
  db = await createTestDb();
  await seedDemoProvince(db, { people: 1_500, onProgress: (m) => progress.push(m) });
  app = await buildTestApp(db);
  for (const u of ['noivu', 'unit', 'hocvien']) sessions[u] = await loginAs(app, u, DEMO_PASSWORD);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('demo support payments', () => {
  it('has a resolution-shaped policy with its source, marked not verified', async () => {
    const list = (await app.inject({ url: '/api/v1/support-policies', headers: as(sessions.noivu!) })).json() as SupportPolicyList;
    expect(list.items.map((p) => p.id).sort()).toEqual(['HTDT_LOP_TINH', 'HTDT_NGOAI_TINH']);
    expect(list.items.every((p) => p.inForce && !p.verified && p.source.code.includes('NQ-HĐND'))).toBe(true);
  });

  it('paid the classes that ended: most in full, some in part or not yet, never above what is owed', async () => {
    const line = progress.find((m) => m.startsWith('support:'));
    expect(line).toMatch(/support: 2 policies, [1-9]\d* payments in [1-9] classes/);
    const classes = (await db.query<{ class_id: number }>('SELECT DISTINCT class_id FROM support_payments')).rows.map((r) => r.class_id);
    let partly = 0;
    for (const id of classes) {
      const l = (await app.inject({ url: `/api/v1/classes/${id}/support`, headers: as(sessions.noivu!) })).json() as SupportList;
      expect(l.totals.paid).toBeGreaterThan(0);
      for (const r of l.rows) expect(r.paid).toBeLessThanOrEqual(r.owed);
      partly += l.rows.filter((r) => r.remaining > 0).length;
    }
    expect(partly).toBeGreaterThan(0);
  });

  it('the learner account sees its own support', async () => {
    const res = await app.inject({ url: '/api/v1/me/support', headers: as(sessions.hocvien!) });
    expect(res.statusCode).toBe(200);
    const me = res.json() as MySupport;
    expect(new Set(me.rows.map((r) => r.person.id)).size).toBeLessThanOrEqual(1);
  });
});
