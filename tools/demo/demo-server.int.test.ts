import type { Db } from '@nang-tam/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from '../../apps/server/src/server.js';
import { testConfig } from '../../tests/support/fixtures.js';
import { createTestDb } from '../../tests/support/test-db.js';
import { DEMO_PASSWORD } from './accounts.js';
import { startDemoServer } from './demo-server.js';

let db: Db;
const config = (demo: 'auto' | 'off') => testConfig({ port: 0, host: '127.0.0.1', demo, demoPeople: 100 });
const count = async (table: 'units' | 'people' | 'users'): Promise<number> =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

beforeEach(async () => {
  db = await createTestDb();
});

afterEach(async () => {
  await db?.close();
});

describe('the demo start-up behind `npm start`', () => {
  it('builds the demo province into an empty database, serves it, and leaves it as it is on the next start', async () => {
    const server = await startDemoServer(config('auto'), { db });
    try {
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', db: db.kind });
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
    } finally {
      await server.stop();
    }
    expect(await count('people')).toBe(100);
    const units = await count('units');

    const again = await startDemoServer(config('auto'), { db });
    await again.stop();
    expect(await count('people')).toBe(100);
    expect(await count('units')).toBe(units);
  });

  it('with DEMO=off starts on an empty database and leaves it empty', async () => {
    const server = await startDemoServer(config('off'), { db });
    try {
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      await server.stop();
    }
    expect([await count('units'), await count('people'), await count('users')]).toEqual([0, 0, 0]);
  });
});

describe('the production server (apps/server/src/main.ts)', () => {
  it('never builds demo data, whatever DEMO says', async () => {
    const server = await startServer(config('auto'), { db });
    try {
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      await server.stop();
    }
    expect([await count('units'), await count('people'), await count('users')]).toEqual([0, 0, 0]);
  });
});
