import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../tests/support/test-db.js';
import type { Db } from './create-db.js';

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

describe('statements one after another (an import staging its rows)', () => {
  it('let the event loop run between them: a timer due meanwhile fires before the chain ends (decision 0032)', async () => {
    await db.query('CREATE TEMP TABLE chain (n integer)');
    let done = 0;
    let firedAfter = -1;
    setTimeout(() => (firedAfter = done), 0);
    const t0 = performance.now();
    while (performance.now() - t0 < 50 || done < 20) {
      await db.query('INSERT INTO chain SELECT generate_series(1, 200)');
      done += 1;
    }
    // PGlite runs each statement on this thread and resolves it as a microtask: without a turn of the
    // event loop between statements the timer (and any request waiting) would only run after the loop
    expect(firedAfter).toBeGreaterThanOrEqual(0);
    expect(firedAfter).toBeLessThan(done);
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO chain VALUES (0)');
      await tx.query('INSERT INTO chain VALUES (0)');
    });
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chain WHERE n = 0')).rows[0]!.n).toBe(2);
  });
});
