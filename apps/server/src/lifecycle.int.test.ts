import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../../tests/support/test-db.js';
import { testConfig } from '../../../tests/support/fixtures.js';
import { buildApp } from './app.js';
import { prepareShutdown } from './lifecycle.js';

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

function get(agent: http.Agent, port: number, path: string): Promise<{ status: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
      })
      .on('error', reject);
  });
}

describe('SIGTERM', () => {
  it('lets requests in flight finish, closes kept-alive connections, and is done in well under the keep-alive timeout', async () => {
    const app = await buildApp({ db, config: testConfig() }, { logger: false });
    app.get('/api/test/slow', { config: { access: 'public' } }, async () => {
      await new Promise((r) => setTimeout(r, 600));
      return { finished: true };
    });
    let dbClosed = false;
    const shutdown = prepareShutdown(app, { db: { ...db, close: async () => void (dbClosed = true) } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    try {
      // an idle kept-alive connection (a browser tab left open) and a request in flight
      expect((await get(agent, port, '/api/health')).status).toBe(200);
      const inFlight = get(agent, port, '/api/test/slow');
      await new Promise((r) => setTimeout(r, 150));
      const started = Date.now();
      await shutdown();
      const took = Date.now() - started;
      const slow = await inFlight;
      expect(slow).toMatchObject({ status: 200, connection: 'close' });
      expect(JSON.parse(slow.body)).toEqual({ finished: true });
      expect(took).toBeLessThan(5000); // Fastify's keep-alive timeout is 72 s
      expect(dbClosed).toBe(true);
      await expect(get(new http.Agent(), port, '/api/health')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      agent.destroy();
    }
  });
});
