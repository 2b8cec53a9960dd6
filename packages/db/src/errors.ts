/**
 * What the database's errors mean, in one place. Both engines raise the server's error fields:
 * node-postgres a `DatabaseError` from pg-protocol, PGlite its own copy of that class, each with
 * `code` (the SQLSTATE) and `constraint` (the constraint or unique index that was violated).
 */

/** SQLSTATE unique_violation. */
export const UNIQUE_VIOLATION = '23505';

/**
 * The unique constraints and indexes whose violation a caller answers as a user's error (two
 * writers racing past the same check). The migrations name them; an integration test checks that
 * each one exists.
 */
export const UNIQUE_CONSTRAINTS = [
  /** people.citizen_id */
  'people_citizen_id_key',
  /** lecturers.user_id: one lecturer record per account */
  'lecturers_user_id_key',
  /** classes (programme_code, cohort_code) */
  'classes_programme_code_cohort_code_key',
  /** certificates.enrolment_id: one certificate per enrolment */
  'certificates_enrolment_id_key',
  /** one live (not refused, not withdrawn) nomination of a person to a class */
  'nominations_live_idx',
  /** plans (issue 9): one annual plan per year, one five-year plan per period, one adjustment per approved version */
  'annual_plans_year_key',
  'five_year_plans_start_year_key',
  'plan_versions_based_on_key',
  'plan_versions_number_key',
] as const;

export type UniqueConstraint = (typeof UNIQUE_CONSTRAINTS)[number];

/**
 * The error is a unique violation raised by either engine, of `constraint` when one is given.
 */
export function isUniqueViolation(err: unknown, constraint?: UniqueConstraint): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === UNIQUE_VIOLATION && (constraint === undefined || e.constraint === constraint);
}
