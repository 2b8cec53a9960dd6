import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, type Db } from '@nang-tam/db';
import { waitForDatabase } from './lifecycle.js';

/** A database that refuses connections `failures` times, then answers. */
function flakyDb(
  failures: number,
  error: () => Error = () =>
    new DatabaseUnavailableError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
) {
  let calls = 0;
  const db = {
    kind: 'postgres',
    query: async () => {
      calls += 1;
      if (calls <= failures) throw error();
      return { rows: [], rowCount: 0 };
    },
  } as unknown as Db;
  return { db, calls: () => calls };
}

describe('waiting for the database at start-up', () => {
  it('says so on one line per attempt and starts once the database answers', async () => {
    const lines: string[] = [];
    const { db, calls } = flakyDb(3);
    await waitForDatabase(db, { log: (l) => lines.push(l), firstDelayMs: 5, maxDelayMs: 10, describe: 'db.example:5432/nangtam' });
    expect(calls()).toBe(4);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^database not reachable at db\.example:5432\/nangtam \(connect ECONNREFUSED 127\.0\.0\.1:5432\); attempt 1, retrying in/,
    );
    expect(lines[3]).toBe('database reachable after 4 attempts; starting');
  });

  it('stops waiting when told to (SIGTERM)', async () => {
    const controller = new AbortController();
    const { db } = flakyDb(1_000);
    const waiting = waitForDatabase(db, { log: () => undefined, firstDelayMs: 50, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stopped by SIGTERM')), 120);
    await expect(waiting).rejects.toThrow('stopped by SIGTERM');
  });

  it('does not wait for a mistake that time will not fix (a wrong password)', async () => {
    const { db, calls } = flakyDb(5, () => Object.assign(new Error('password authentication failed for user "x"'), { code: '28P01' }));
    await expect(waitForDatabase(db, { log: () => undefined, firstDelayMs: 5 })).rejects.toThrow(/password authentication failed/);
    expect(calls()).toBe(1);
  });
});
