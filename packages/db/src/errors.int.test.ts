import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../tests/support/test-db.js';
import type { Db, Queryable } from './create-db.js';
import { UNIQUE_CONSTRAINTS, isUniqueViolation } from './errors.js';

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

describe('unique violations on this engine', () => {
  it('names only constraints and indexes the migrated schema has, each of them unique', async () => {
    const r = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.indisunique AND n.nspname = 'public'`,
    );
    const unique = new Set(r.rows.map((x) => x.name));
    for (const name of UNIQUE_CONSTRAINTS) expect(unique.has(name), name).toBe(true);
  });

  it('recognises the error the engine raises when a second lecturer record takes the same account in a transaction', async () => {
    const unit = await db.query<{ id: number }>(
      `INSERT INTO units (code, name, search_name, kind, path, depth) VALUES ('T1', 'Trường', 'truong', 'school', '/t1/', 0) RETURNING id`,
    );
    const unitId = unit.rows[0]!.id;
    const user = await db.query<{ id: number }>(
      `INSERT INTO users (username, password_hash, display_name, role, unit_id) VALUES ('gv', 'x', 'Giảng viên', 'lecturer', $1) RETURNING id`,
      [unitId],
    );
    const insert = (q: Queryable) =>
      q.query(`INSERT INTO lecturers (full_name, search_name, kind, user_id, unit_id) VALUES ('Lê Văn Giảng', 'le van giang', 'school', $1, $2)`, [
        user.rows[0]!.id,
        unitId,
      ]);
    await insert(db);
    // as services meet it: inside a transaction, which rolls back and hands the error on
    const err = await db.transaction((tx) => insert(tx)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(err, 'lecturers_user_id_key')).toBe(true);
    expect(isUniqueViolation(err, 'people_citizen_id_key')).toBe(false);
  });
});
