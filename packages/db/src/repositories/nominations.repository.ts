/**
 * Nominations, their approval steps, the class places they hold, the waitlist and the enrolment the
 * school's acceptance creates. Places are counted under a lock on the class row
 * (classes.repository's `lockClass`), which every write that takes or frees a place holds first,
 * then the nomination row (`lockNomination`): always in that order, so two writers never wait on
 * each other crosswise.
 */
import { training, type Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { insertRows } from '../batch.js';
import { Params, scopeCondition } from './scope.js';

// ---------- places: the SQL mirror of the training domain's rules ----------
// One place count and one waitlist order, used by the nominations, classes and boards repositories;
// nominations.differential.int.test.ts proves they agree with training.countPlaces and
// training.waitlistOrder over generated classes.

const sqlList = (statuses: readonly string[]) => statuses.map((s) => `'${s}'`).join(', ');
/** Statuses that hold a place in the class (the training domain's rule), as an SQL list. */
const PLACE_HOLDING_SQL = sqlList(training.PLACE_HOLDING_STATUSES);
/** Statuses that close a nomination (refused, withdrawn), as an SQL list: `status NOT IN (…)` is an open one. */
export const CLOSED_SQL = sqlList(training.CLOSED_STATUSES);

/**
 * Aggregates over a class's nominations (alias `n`): `places_taken` (place-holding statuses),
 * `waitlisted`, `enrolled`. Use with `FROM nominations n … GROUP BY` or in a lateral subquery.
 */
export function placeCountColumns(n: string): string {
  return `count(*) FILTER (WHERE ${n}.status IN (${PLACE_HOLDING_SQL}))::int AS places_taken,
    count(*) FILTER (WHERE ${n}.status = 'waitlisted')::int AS waitlisted,
    count(*) FILTER (WHERE ${n}.status = 'enrolled')::int AS enrolled`;
}

/** The waitlist's order (training.waitlistOrder): first nominated, ties by id. */
const WAITLIST_ORDER = 'nominated_at, id';

/** Nomination `n`'s 1-based place among its class's waitlisted nominations; null unless waitlisted. */
export function waitlistPositionSql(n: string): string {
  return `CASE WHEN ${n}.status = 'waitlisted' THEN (
    SELECT count(*)::int + 1 FROM nominations w
    WHERE w.class_id = ${n}.class_id AND w.status = 'waitlisted' AND (w.nominated_at, w.id) < (${n}.nominated_at, ${n}.id)
  ) END`;
}

export interface PlaceCounts {
  taken: number;
  waitlisted: number;
  /** The status of the person's open nomination in the class (null: none, or no person asked about). */
  live: string | null;
}

/** The class's places, and (given a person) the status of their open nomination in it, in one query. */
export async function countPlaces(db: Queryable, classId: number, personId: number | null = null): Promise<PlaceCounts> {
  const r = await db.query<{ places_taken: number; waitlisted: number; live: string | null }>(
    `SELECT ${placeCountColumns('n')},
       min(n.status) FILTER (WHERE n.person_id = $2 AND n.status NOT IN (${CLOSED_SQL})) AS live
     FROM nominations n WHERE n.class_id = $1`,
    [classId, personId],
  );
  const row = r.rows[0];
  return { taken: row?.places_taken ?? 0, waitlisted: row?.waitlisted ?? 0, live: row?.live ?? null };
}

// ---------- who sees a nomination ----------

/**
 * A nomination is visible when its person lies in the user's scope (the agency sees its own
 * people, the board everyone in its subtree) or, for the school (`viaOrganiser`), when the class's
 * organiser unit does.
 */
export interface Visibility {
  scope: Scope;
  viaOrganiser: boolean;
}

function visible(v: Visibility, p: Params): string {
  const person = scopeCondition(v.scope, p, 'pu', 'p');
  if (!v.viaOrganiser || v.scope.kind !== 'subtree') return person;
  return `(${person} OR ${scopeCondition(v.scope, p, 'ou')})`;
}

// ---------- reading nominations ----------

export interface NominationRow {
  id: number;
  class_id: number;
  person_id: number;
  status: string;
  outcome: string;
  overridden: boolean;
  nominated_by_name: string;
  nominated_at: string;
  decided_at: string | null;
  note: string | null;
  version: number;
  full_name: string;
  birth_date: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  title_id: number | null;
  title_name: string | null;
  organiser_path: string;
  /** 1-based, among the class's waitlisted nominations by (nominated_at, id); null unless waitlisted. */
  waitlist_position: number | null;
}

export interface NominationDetailRow extends NominationRow {
  eligibility: Record<string, unknown>;
  override_reason: string | null;
  override_by_name: string | null;
  enrolment_id: number | null;
}

const NOMINATION_COLUMNS = `
  n.id, n.class_id, n.person_id, n.status, n.eligibility->>'outcome' AS outcome, n.override_reason IS NOT NULL AS overridden,
  nb.display_name AS nominated_by_name, n.nominated_at, n.decided_at, n.note, n.version,
  p.full_name, p.birth_date, p.unit_id, pu.name AS unit_name, pu.path AS unit_path, p.title_id, t.name AS title_name,
  ou.path AS organiser_path,
  ${waitlistPositionSql('n')} AS waitlist_position`;

const NOMINATION_FROM = `
  FROM nominations n
  JOIN people p ON p.id = n.person_id
  JOIN units pu ON pu.id = p.unit_id
  LEFT JOIN titles t ON t.id = p.title_id
  JOIN classes c ON c.id = n.class_id
  JOIN units ou ON ou.id = c.organiser_unit_id
  JOIN users nb ON nb.id = n.nominated_by`;

/** One nomination the user may see, with the stored eligibility answer, or null. */
export async function findNomination(db: Queryable, id: number, v: Visibility): Promise<NominationDetailRow | null> {
  const p = new Params();
  const r = await db.query<NominationDetailRow>(
    `SELECT ${NOMINATION_COLUMNS}, n.eligibility, n.override_reason, ob.display_name AS override_by_name, e.id AS enrolment_id
     ${NOMINATION_FROM}
     LEFT JOIN users ob ON ob.id = n.override_by
     LEFT JOIN enrolments e ON e.nomination_id = n.id
     WHERE n.id = ${p.add(id)} AND ${visible(v, p)}`,
    p.values,
  );
  return r.rows[0] ?? null;
}

/** The nominations among `ids` the user may see (a bulk decision: the others answer not found). */
export async function findNominations(db: Queryable, ids: readonly number[], v: Visibility): Promise<NominationRow[]> {
  if (ids.length === 0) return [];
  const p = new Params();
  const r = await db.query<NominationRow>(
    `SELECT ${NOMINATION_COLUMNS}
     ${NOMINATION_FROM}
     WHERE n.id = ANY(${p.add([...ids])}::int[]) AND ${visible(v, p)}`,
    p.values,
  );
  return r.rows;
}

/** One page of a class's nominations the user may see (in nomination order: the waitlist's order within it). */
export async function listNominations(
  db: Queryable,
  classId: number,
  v: Visibility,
  q: { status?: string; limit: number; offset: number },
): Promise<{ total: number; rows: NominationRow[] }> {
  const p = new Params();
  const conds = [`n.class_id = ${p.add(classId)}`, visible(v, p)];
  if (q.status !== undefined) conds.push(`n.status = ${p.add(q.status)}`);
  const where = conds.join(' AND ');
  const whereValues = [...p.values];
  const r = await db.query<NominationRow & { total: number }>(
    `SELECT ${NOMINATION_COLUMNS}, count(*) OVER ()::int AS total
     ${NOMINATION_FROM}
     WHERE ${where}
     ORDER BY n.nominated_at, n.id
     LIMIT ${p.add(q.limit)} OFFSET ${p.add(q.offset)}`,
    p.values,
  );
  if (r.rows.length === 0 && q.offset > 0) {
    // past the last page: the count still answers
    const c = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${NOMINATION_FROM} WHERE ${where}`, whereValues);
    return { total: c.rows[0]?.n ?? 0, rows: [] };
  }
  return { total: r.rows[0]?.total ?? 0, rows: r.rows.map(({ total: _total, ...row }) => row) };
}

export interface StepRow {
  step: string;
  decision: string;
  note: string | null;
  decided_by_name: string | null;
  decided_at: string;
}

export async function listSteps(db: Queryable, nominationId: number): Promise<StepRow[]> {
  const r = await db.query<StepRow>(
    `SELECT s.step, s.decision, s.note, u.display_name AS decided_by_name, s.decided_at
     FROM nomination_steps s LEFT JOIN users u ON u.id = s.decided_by
     WHERE s.nomination_id = $1 ORDER BY s.id`,
    [nominationId],
  );
  return r.rows;
}

// ---------- writing ----------

export interface NominationWrite {
  classId: number;
  personId: number;
  status: 'nominated' | 'waitlisted';
  eligibility: unknown;
  overrideReason: string | null;
  overrideBy: number | null;
  nominatedBy: number;
  note: string | null;
}

export async function insertNomination(tx: Queryable, w: NominationWrite): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO nominations (class_id, person_id, status, eligibility, override_reason, override_by, nominated_by, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [w.classId, w.personId, w.status, JSON.stringify(w.eligibility), w.overrideReason, w.overrideBy, w.nominatedBy, w.note],
  );
  return r.rows[0]!.id;
}

export interface StepWrite {
  nominationId: number;
  step: string;
  decision: 'approved' | 'refused' | 'recorded';
  note: string | null;
  decidedBy: number | null;
}

export async function insertSteps(tx: Queryable, steps: readonly StepWrite[]): Promise<void> {
  await insertRows(
    tx,
    'nomination_steps',
    ['nomination_id', 'step', 'decision', 'note', 'decided_by'],
    steps.map((s) => [s.nominationId, s.step, s.decision, s.note, s.decidedBy]),
  );
}

export interface LockedNomination {
  id: number;
  class_id: number;
  person_id: number;
  status: string;
  version: number;
  /** Who proposed it (told of the decision, decision 0036). */
  nominated_by: number;
}

/** The nomination's row, locked (take the class lock first). */
export async function lockNomination(tx: Queryable, id: number): Promise<LockedNomination | null> {
  const r = await tx.query<LockedNomination>('SELECT id, class_id, person_id, status, version, nominated_by FROM nominations WHERE id = $1 FOR UPDATE', [
    id,
  ]);
  return r.rows[0] ?? null;
}

/** Moves a nomination to a status; `decided` stamps decided_at (a decision, not a move in the waitlist). */
export async function setNominationStatus(tx: Queryable, id: number, status: string, decided: boolean): Promise<void> {
  await tx.query(
    `UPDATE nominations SET status = $2, version = version + 1, decided_at = CASE WHEN $3::boolean THEN now() ELSE decided_at END WHERE id = $1`,
    [id, status, decided],
  );
}

/** The oldest waitlisted nominations of the class (the waitlist's order), locked, at most `limit`. */
export async function lockOldestWaitlisted(tx: Queryable, classId: number, limit: number): Promise<LockedNomination[]> {
  if (limit <= 0) return [];
  const r = await tx.query<LockedNomination>(
    `SELECT id, class_id, person_id, status, version, nominated_by FROM nominations
     WHERE class_id = $1 AND status = 'waitlisted' ORDER BY ${WAITLIST_ORDER} LIMIT $2 FOR UPDATE`,
    [classId, limit],
  );
  return r.rows;
}

export interface EnrolmentWrite {
  classId: number;
  nominationId: number;
  personId: number;
  programmeCode: string;
  startedOn: string;
  endedOn: string;
}

export async function insertEnrolment(tx: Queryable, w: EnrolmentWrite): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO enrolments (class_id, nomination_id, person_id, programme_code, started_on, ended_on, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'enrolled') RETURNING id`,
    [w.classId, w.nominationId, w.personId, w.programmeCode, w.startedOn, w.endedOn],
  );
  return r.rows[0]!.id;
}

/**
 * The learner leaves: the enrolment is marked withdrawn and ends on `leftOn` (not before it started,
 * so its span stays a real one). Returns what changed, or null when the nomination has none.
 */
export async function withdrawEnrolment(
  tx: Queryable,
  nominationId: number,
  leftOn: string,
): Promise<{ id: number; ended_on: string; before_ended_on: string | null } | null> {
  const r = await tx.query<{ id: number; ended_on: string; before_ended_on: string | null }>(
    `UPDATE enrolments e SET status = 'withdrawn', ended_on = GREATEST(e.started_on, $2::date)
     FROM enrolments old WHERE old.id = e.id AND e.nomination_id = $1
     RETURNING e.id, e.ended_on, old.ended_on AS before_ended_on`,
    [nominationId, leftOn],
  );
  return r.rows[0] ?? null;
}

// ---------- people of a bulk nomination ----------

export interface BulkPersonRow {
  id: number;
  citizen_id: string;
  full_name: string;
  unit_name: string;
}

const BULK_PERSON_SELECT = 'SELECT p.id, p.citizen_id, p.full_name, u.name AS unit_name FROM people p JOIN units u ON u.id = p.unit_id';

/** The people with these ids that lie in the scope. */
export async function findPeopleInScope(db: Queryable, scope: Scope, ids: readonly number[]): Promise<BulkPersonRow[]> {
  if (ids.length === 0) return [];
  const p = new Params();
  const r = await db.query<BulkPersonRow>(
    `${BULK_PERSON_SELECT} WHERE p.id = ANY(${p.add(ids)}::int[]) AND ${scopeCondition(scope, p, 'u', 'p')}`,
    p.values,
  );
  return r.rows;
}

/** The people with these citizen ids that lie in the scope. */
export async function findPeopleByCitizenIds(db: Queryable, scope: Scope, citizenIds: readonly string[]): Promise<BulkPersonRow[]> {
  if (citizenIds.length === 0) return [];
  const p = new Params();
  const r = await db.query<BulkPersonRow>(
    `${BULK_PERSON_SELECT} WHERE p.citizen_id = ANY(${p.add(citizenIds)}::text[]) AND ${scopeCondition(scope, p, 'u', 'p')}`,
    p.values,
  );
  return r.rows;
}
