import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { messages } from '@electric-sql/pglite';
import { isUniqueViolation } from './errors.js';

/** A server error as each engine's client raises it. */
function pgError(code: string, constraint?: string): Error {
  const e = new pg.DatabaseError('duplicate key value violates unique constraint', 0, 'error');
  e.code = code;
  e.constraint = constraint;
  return e;
}
function pgliteError(code: string, constraint?: string): Error {
  const e = new messages.DatabaseError('duplicate key value violates unique constraint', 0, 'error');
  e.code = code;
  e.constraint = constraint;
  return e;
}

describe('isUniqueViolation', () => {
  for (const [engine, make] of [
    ['node-postgres', pgError],
    ['PGlite', pgliteError],
  ] as const) {
    it(`recognises a unique violation raised by ${engine}, of any constraint or of the one named`, () => {
      const err = make('23505', 'people_citizen_id_key');
      expect(isUniqueViolation(err)).toBe(true);
      expect(isUniqueViolation(err, 'people_citizen_id_key')).toBe(true);
      expect(isUniqueViolation(err, 'lecturers_user_id_key')).toBe(false);
    });

    it(`does not take another ${engine} error for a unique violation`, () => {
      expect(isUniqueViolation(make('23503', 'people_citizen_id_key'))).toBe(false); // foreign key
      expect(isUniqueViolation(make('23514'), 'people_citizen_id_key')).toBe(false); // check
    });
  }

  it('answers no for things that are not database errors', () => {
    expect(isUniqueViolation(new Error('23505'))).toBe(false);
    expect(isUniqueViolation('23505')).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(isUniqueViolation({ code: 23505 })).toBe(false);
  });
});
