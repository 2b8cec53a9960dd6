import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../tests/support/test-db.js';
import { as, loginAs, seedFixture, testConfig, type Fixture } from '../../../tests/support/fixtures.js';
import { buildApp } from './app.js';
import { withFallback } from './database.js';

let db: Db;
let fx: Fixture;
let app: FastifyInstance;
const replicaSql: string[] = [];

/** A "replica" that is the test database itself, recording what is read through it. */
function recording(inner: Db, log: string[]): Db {
  return {
    kind: inner.kind,
    query: (sql, params) => (log.push(sql), inner.query(sql, params)),
    transaction: (fn) => inner.transaction(fn),
    exec: (sql) => inner.exec(sql),
    close: async () => undefined,
  };
}

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildApp({ db, config: testConfig(), replica: recording(db, replicaSql) }, { logger: false });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('DATABASE_REPLICA_URL', () => {
  it('serves unit gaps and the class board from the replica, and everything else from the primary', async () => {
    const board = await loginAs(app, 'board');
    expect(replicaSql).toEqual([]);
    const gaps = await app.inject({ url: `/api/v1/units/${fx.units.root}/gaps?asOf=2026-06-01`, headers: as(board) });
    expect(gaps.statusCode).toBe(200);
    const afterGaps = replicaSql.length;
    expect(afterGaps).toBeGreaterThan(0);
    const people = await app.inject({ url: '/api/v1/people', headers: as(board) });
    expect(people.statusCode).toBe(200);
    expect(replicaSql.length).toBe(afterGaps);
    const classes = await app.inject({ url: '/api/v1/classes/board', headers: as(board) });
    expect(classes.statusCode).toBe(200);
    expect(replicaSql.length).toBeGreaterThan(afterGaps);
  });

  it('falls back to the primary when the replica cannot be reached, not when the query is wrong', async () => {
    const down: Db = {
      kind: 'postgres',
      query: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' })),
      transaction: () => Promise.reject(new Error('down')),
      exec: () => Promise.reject(new Error('down')),
      close: async () => undefined,
    };
    const reads = withFallback(down, db);
    expect((await reads.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    const broken = withFallback(db, down);
    await expect(broken.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ code: '42P01' });
  });
});
