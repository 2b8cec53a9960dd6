import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { DatabaseUnavailableError, createDb, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../tests/support/test-db.js';
import { testDatabaseUrl } from '../../../tests/support/test-db-config.js';
import { withDatabase } from '../../../tests/support/global-setup.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../tests/support/fixtures.js';

/**
 * The database blinks (a restart, a failover, an administrator's pg_terminate_backend, the
 * embedded database closed): the request that met it answers 503 DATABASE_UNAVAILABLE, nothing of
 * its transaction is kept, and the server lives on to answer the next request.
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let board: Session;

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  board = await loginAs(app, 'board');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const newPerson = (citizenId: string) => ({
  fullName: 'Phạm Văn Mất Kết Nối',
  citizenId,
  birthDate: '1990-02-28',
  gender: 'male',
  ethnicityCode: '01',
  category: 'cong_chuc',
  unitId: fx.units.communeA,
});
const peopleWith = async (citizenId: string) =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE citizen_id = $1', [citizenId])).rows[0]!.n;

const url = testDatabaseUrl();

// each engine runs only its own block (registered, not skipped, on the other)
if (url)
  describe('PostgreSQL: a connection killed inside a transaction', () => {
    let admin: pg.Client;
    let dbUrl: string;
    beforeAll(async () => {
      const name = (await db.query<{ name: string }>('SELECT current_database() AS name')).rows[0]!.name;
      dbUrl = withDatabase(url!, name);
      admin = new pg.Client({ connectionString: dbUrl });
      await admin.connect();
    });
    afterAll(async () => {
      await admin?.end();
    });

    it('fails that transaction with DatabaseUnavailableError and leaves the process and the pool working', async () => {
      const failed = db.transaction(async (tx) => {
        await tx.query("UPDATE units SET name = 'Đổi tên dở dang' WHERE id = $1", [fx.units.communeB]);
        const pid = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        // killed while the transaction is idle between two statements (an import working on its next batch):
        // node-postgres reports it as an 'error' event on the checked-out client, not through a query
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        for (let i = 0; i < 100; i += 1) {
          const gone = (await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rows.length === 0;
          if (gone) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await new Promise((r) => setTimeout(r, 100));
        await tx.query('SELECT 1');
      });
      await expect(failed).rejects.toBeInstanceOf(DatabaseUnavailableError);
      const unit = await db.query<{ name: string }>('SELECT name FROM units WHERE id = $1', [fx.units.communeB]);
      expect(unit.rows[0]!.name).toBe('Phường Hà Giang 1');
    });

    it('answers 503 to the request whose transaction was cut, and the next request works', async () => {
      // hold the audit log so the request stops inside its transaction, after writing the person
      const locker = new pg.Client({ connectionString: dbUrl });
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE');
      const lockerPid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const pending = app.inject({ method: 'POST', url: '/api/v1/people', headers: as(board), payload: newPerson('008090007771') });
      let waiting = 0;
      for (let i = 0; i < 200 && waiting === 0; i += 1) {
        await new Promise((r) => setTimeout(r, 50));
        waiting = (
          await admin.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1",
            [lockerPid],
          )
        ).rows[0]!.n;
      }
      expect(waiting).toBe(1);
      // what an operator or a failover does: every other connection of the database is terminated
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), $1)',
        [lockerPid],
      );
      const res = await pending;
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        error: { code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/cơ sở dữ liệu/), details: [] },
      });
      expect(res.headers['retry-after']).toBe('5');
      await locker.query('ROLLBACK');
      await locker.end();

      // nothing of the cut transaction was kept; the server answers the next request with a fresh connection
      expect(await peopleWith('008090007771')).toBe(0);
      expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
      const again = await app.inject({ method: 'POST', url: '/api/v1/people', headers: as(board), payload: newPerson('008090007771') });
      expect(again.statusCode).toBe(201);
      expect(await peopleWith('008090007771')).toBe(1);
    });

    it('answers 503 on health while the database cannot be reached', async () => {
      const unreachable = await createDb({ databaseUrl: 'postgres://postgres@127.0.0.1:1/nowhere', poolSize: 1 });
      const down = await buildTestApp(unreachable);
      try {
        const res = await down.inject({ url: '/api/health' });
        expect(res.statusCode).toBe(503);
        expect(res.json().error.code).toBe('DATABASE_UNAVAILABLE');
        const login = await down.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'board', password: 'x' } });
        expect(login.statusCode).toBe(503);
      } finally {
        await down.close();
        await unreachable.close();
      }
    });
  });

if (!url)
  describe('PGlite: the embedded database closed under a running server', () => {
    it('answers 503 to requests that need it, and the server still answers the rest', async () => {
      const closing = await createTestDb();
      const node = await buildTestApp(closing);
      try {
        expect((await node.inject({ url: '/api/health' })).statusCode).toBe(200);
        await closing.close();
        const health = await node.inject({ url: '/api/health' });
        expect(health.statusCode).toBe(503);
        expect(health.json().error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/cơ sở dữ liệu/) });
        const write = await node.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'board', password: 'x' } });
        expect(write.statusCode).toBe(503);
        expect((await node.inject({ url: '/api/openapi.json' })).statusCode).toBe(200);
      } finally {
        await node.close();
      }
    });
  });

describe('both databases: a failed transaction leaves no trace and the next one works', () => {
  it('rolls back a transaction whose work throws, then commits the next', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("UPDATE units SET name = 'Tạm' WHERE id = $1", [fx.units.department]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.query<{ name: string }>('SELECT name FROM units WHERE id = $1', [fx.units.department])).rows[0]!.name).toBe('Sở Y tế');
    expect((await app.inject({ url: `/api/v1/people/${fx.people.an}`, headers: as(board) })).statusCode).toBe(200);
  });
});
