import { foldVietnamese, nameSortKey, type Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { BatchInserter, insertRows } from '../batch.js';
import { UNIQUE_VIOLATION } from '../errors.js';
import { Params, likeEscape, scopeCondition } from './scope.js';

/** Filters of the people list, already validated and resolved (unit path, birth-date range). */
export interface PeopleListFilter {
  words: string[];
  unitPath?: string;
  unitId?: number;
  subtree: boolean;
  category?: string;
  titleId?: number;
  managementScopeId?: number;
  gender?: string;
  ethnicity?: string;
  /** Inclusive birth-date bounds derived from an age band. */
  bornAfter?: string;
  bornOnOrBefore?: string;
  educationLevel?: string;
  politicalTheoryLevel?: string;
  stateManagementLevel?: string;
  plannedTitleId?: number;
  planningTerm?: string;
  /** true: a member (official or probationary); false: recorded as not a member. */
  partyMember?: boolean;
  /** One recorded status, or 'unknown' for records that do not say. */
  partyMembership?: 'member' | 'probationary' | 'not_member' | 'unknown';
  sort: string;
}

export interface PersonListRow {
  id: number;
  full_name: string;
  birth_date: string;
  gender: string;
  ethnicity_code: string;
  ethnicity_name: string;
  category: string;
  unit_id: number;
  unit_name: string;
  title_id: number | null;
  title_name: string | null;
  management_scope_id: number | null;
  management_scope_name: string | null;
  party_membership: 'member' | 'probationary' | 'not_member' | null;
  education_level: string | null;
  political_theory_level: string | null;
  state_management_level: string | null;
}

const SORTS: Record<string, string> = {
  name: 'p.sort_key, p.id',
  '-name': 'p.sort_key DESC, p.id DESC',
  birthDate: 'p.birth_date, p.id',
  '-birthDate': 'p.birth_date DESC, p.id DESC',
  updatedAt: 'p.updated_at, p.id',
  '-updatedAt': 'p.updated_at DESC, p.id DESC',
  unit: 'u.path, p.sort_key, p.id',
};

function levelCondition(column: string, value: string | undefined, p: Params): string | null {
  if (value === undefined) return null;
  return value === 'none' ? `${column} IS NULL` : `${column} = ${p.add(value)}`;
}

/** WHERE clause of the people list; shared by the page query, the count and the export. */
export function peopleWhere(filter: PeopleListFilter, scope: Scope, p: Params): string {
  const conds: (string | null)[] = [scopeCondition(scope, p, 'u', 'p')];
  for (const w of filter.words) {
    // the trigram index narrows on the substring; the second test keeps only word prefixes
    // (a tsvector of the name's words answering 'w':* was measured slower: decision 0059)
    const sub = p.add(`%${likeEscape(w)}%`);
    const prefix = p.add(`% ${likeEscape(w)}%`);
    conds.push(`p.search_name LIKE ${sub} AND (' ' || p.search_name) LIKE ${prefix}`);
  }
  if (filter.unitPath !== undefined) {
    conds.push(filter.subtree ? `u.path LIKE ${p.add(`${filter.unitPath}%`)}` : `p.unit_id = ${p.add(filter.unitId)}`);
  }
  if (filter.category) conds.push(`p.category = ${p.add(filter.category)}`);
  if (filter.titleId) conds.push(`p.title_id = ${p.add(filter.titleId)}`);
  if (filter.managementScopeId) conds.push(`p.management_scope_id = ${p.add(filter.managementScopeId)}`);
  if (filter.gender) conds.push(`p.gender = ${p.add(filter.gender)}`);
  if (filter.ethnicity === 'minority') conds.push('p.ethnicity_code IN (SELECT code FROM ethnicities WHERE minority)');
  else if (filter.ethnicity) conds.push(`p.ethnicity_code = ${p.add(filter.ethnicity)}`);
  if (filter.bornAfter) conds.push(`p.birth_date > ${p.add(filter.bornAfter)}`);
  if (filter.bornOnOrBefore) conds.push(`p.birth_date <= ${p.add(filter.bornOnOrBefore)}`);
  conds.push(levelCondition('p.education_level', filter.educationLevel, p));
  conds.push(levelCondition('p.political_theory_level', filter.politicalTheoryLevel, p));
  conds.push(levelCondition('p.state_management_level', filter.stateManagementLevel, p));
  if (filter.plannedTitleId || filter.planningTerm) {
    const sub = ['pe.person_id = p.id'];
    if (filter.plannedTitleId) sub.push(`pe.title_id = ${p.add(filter.plannedTitleId)}`);
    if (filter.planningTerm) sub.push(`pe.term = ${p.add(filter.planningTerm)}`);
    conds.push(`EXISTS (SELECT 1 FROM planning_entries pe WHERE ${sub.join(' AND ')})`);
  }
  if (filter.partyMember !== undefined) conds.push(filter.partyMember ? "p.party_membership IN ('member', 'probationary')" : "p.party_membership = 'not_member'");
  if (filter.partyMembership === 'unknown') conds.push('p.party_membership IS NULL');
  else if (filter.partyMembership) conds.push(`p.party_membership = ${p.add(filter.partyMembership)}`);
  return conds.filter((c): c is string => c !== null).join(' AND ');
}

const LIST_COLUMNS = `
  p.id, p.full_name, p.birth_date, p.gender, p.ethnicity_code, e.name AS ethnicity_name, p.category,
  p.unit_id, u.name AS unit_name, p.title_id, t.name AS title_name,
  p.management_scope_id, ms.name AS management_scope_name, p.party_membership,
  p.education_level, p.political_theory_level, p.state_management_level`;

const LIST_FROM = `
  FROM people p
  JOIN units u ON u.id = p.unit_id
  JOIN ethnicities e ON e.code = p.ethnicity_code
  LEFT JOIN titles t ON t.id = p.title_id
  LEFT JOIN management_scopes ms ON ms.id = p.management_scope_id`;

/**
 * Above this many matches the list's total is not counted exactly: the count stops at CAP + 1
 * (decision 0040), so a province-wide list costs a bounded count, not a scan of every person.
 */
export const PEOPLE_TOTAL_CAP = 1_000;

/** The columns of people the list shows and sorts on (the page is chosen from people alone). */
const PAGE_COLUMNS = `p.id, p.full_name, p.birth_date, p.gender, p.ethnicity_code, p.category, p.unit_id, p.title_id,
  p.management_scope_id, p.party_membership, p.education_level, p.political_theory_level, p.state_management_level,
  p.sort_key, p.updated_at`;

/**
 * The SQL of one page of the people list with its total, as ONE statement (the benchmark's baseline
 * runs the same). The page is chosen from people and their unit alone (filters, scope, order, limit),
 * and only its rows are joined to the names of their ethnicity, title and management scope. The
 * total is `offset + rows` when the page is neither empty nor full; otherwise the matches are
 * counted up to cap + 1 (more than cap means "more than cap"; decision 0040). Every row carries the
 * total in `total_n` (and `total_counted`: whether it is that count); an empty page is one row of
 * nulls with the total.
 */
export function buildPeopleListSql(scope: Scope, filter: PeopleListFilter, limit: number, offset: number, cap = PEOPLE_TOTAL_CAP) {
  const p = new Params();
  const where = peopleWhere(filter, scope, p);
  const order = SORTS[filter.sort] ?? SORTS.name;
  const countSql = `SELECT count(*)::int AS n FROM (SELECT 1 FROM people p JOIN units u ON u.id = p.unit_id WHERE ${where} LIMIT ${(cap | 0) + 1}) m`;
  return {
    listSql: `WITH page AS (
      SELECT ${PAGE_COLUMNS}, u.name AS unit_name, u.path AS unit_path
      FROM people p JOIN units u ON u.id = p.unit_id WHERE ${where}
      ORDER BY ${order} LIMIT ${limit | 0} OFFSET ${offset | 0})
    SELECT x.*, t.n AS total_n, t.counted AS total_counted
    FROM (SELECT CASE WHEN k.counted THEN (${countSql}) ELSE ${offset | 0} + k.rows END AS n, k.counted
          FROM (SELECT count(*)::int AS rows, count(*) = 0 OR count(*) >= ${limit | 0} AS counted FROM page) k) t
    LEFT JOIN LATERAL (
      SELECT p.id, p.full_name, p.birth_date, p.gender, p.ethnicity_code, e.name AS ethnicity_name, p.category,
        p.unit_id, p.unit_name, p.title_id, ti.name AS title_name,
        p.management_scope_id, ms.name AS management_scope_name, p.party_membership,
        p.education_level, p.political_theory_level, p.state_management_level
      FROM page p
      JOIN units u ON u.id = p.unit_id
      JOIN ethnicities e ON e.code = p.ethnicity_code
      LEFT JOIN titles ti ON ti.id = p.title_id
      LEFT JOIN management_scopes ms ON ms.id = p.management_scope_id
      ORDER BY ${order}) x ON true`,
    countSql,
    exactCountSql: `SELECT count(*)::int AS n FROM people p JOIN units u ON u.id = p.unit_id WHERE ${where}`,
    params: p.values,
  };
}

/**
 * One page and its total, in one statement. `totalExact` false means more than `cap` people match
 * and `total` is `cap`. When the page is not full the total is known without counting.
 */
export async function listPeople(
  db: Queryable,
  scope: Scope,
  filter: PeopleListFilter,
  limit: number,
  offset: number,
  cap = PEOPLE_TOTAL_CAP,
): Promise<{ rows: PersonListRow[]; total: number; totalExact: boolean }> {
  const { listSql, params } = buildPeopleListSql(scope, filter, limit, offset, cap);
  const r = await db.query<PersonListRow & { total_n: number; total_counted: boolean }>(listSql, params);
  const first = r.rows[0];
  const n = first?.total_n ?? 0;
  const rows: PersonListRow[] = [];
  for (const { total_n: _n, total_counted: _c, ...row } of r.rows) if (row.id !== null) rows.push(row);
  if (first && !first.total_counted) return { rows, total: n, totalExact: true };
  return { rows, total: Math.min(n, cap), totalExact: n <= cap };
}

/** Streams the whole filtered list in pages of `batch` rows ordered by id (exports). */
export async function* iteratePeople(db: Queryable, scope: Scope, filter: PeopleListFilter, batch = 2000): AsyncGenerator<PersonListRow[]> {
  let afterId = 0;
  for (;;) {
    const p = new Params();
    const where = peopleWhere(filter, scope, p);
    const r = await db.query<PersonListRow>(
      `SELECT ${LIST_COLUMNS} ${LIST_FROM} WHERE ${where} AND p.id > ${p.add(afterId)} ORDER BY p.id LIMIT ${batch | 0}`,
      p.values,
    );
    if (r.rows.length === 0) return;
    yield r.rows;
    afterId = r.rows[r.rows.length - 1]!.id;
  }
}

/** The exact number of people matching the filter (exports, reports, the list's "count exactly"). */
export async function countPeople(db: Queryable, scope: Scope, filter: PeopleListFilter): Promise<number> {
  const { exactCountSql: countSql, params } = buildPeopleListSql(scope, filter, 0, 0);
  const r = await db.query<{ n: number }>(countSql, params);
  return r.rows[0]?.n ?? 0;
}

export interface PersonRow extends PersonListRow {
  citizen_id: string;
  party_joined_on: string | null;
  party_official_on: string | null;
  unit_path: string;
  job_position_id: number | null;
  job_position_name: string | null;
  rank_id: number | null;
  rank_name: string | null;
  phone: string | null;
  email: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** One person in scope, or null (out of scope and missing look the same). */
export async function findPerson(db: Queryable, scope: Scope, id: number, forUpdate = false): Promise<PersonRow | null> {
  const p = new Params();
  const r = await db.query<PersonRow>(
    `SELECT ${LIST_COLUMNS}, p.citizen_id, p.party_joined_on, p.party_official_on, u.path AS unit_path,
       p.job_position_id, jp.name AS job_position_name, p.rank_id, rk.name AS rank_name, p.phone, p.email,
       p.version, p.created_at, p.updated_at
     ${LIST_FROM}
     LEFT JOIN job_positions jp ON jp.id = p.job_position_id
     LEFT JOIN ranks rk ON rk.id = p.rank_id
     WHERE p.id = ${p.add(id)} AND ${scopeCondition(scope, p, 'u', 'p')}
     ${forUpdate ? 'FOR UPDATE OF p' : ''}`,
    p.values,
  );
  return r.rows[0] ?? null;
}

export interface QualificationRow {
  id: number;
  kind: string;
  level: string | null;
  level_name: string | null;
  field: string | null;
  awarded_on: string | null;
  institution: string | null;
  source: string;
}
export interface AssignmentRow {
  id: number;
  unit_id: number;
  unit_name: string;
  title_id: number | null;
  title_name: string | null;
  started_on: string;
  ended_on: string | null;
  reason: string;
  decision_no: string | null;
}
export interface PlanningRow {
  id: number;
  title_id: number;
  title_name: string;
  term: string;
  approved_on: string | null;
}
export interface AppraisalRow {
  id: number;
  year: number;
  classification: string;
}

/** A person's histories; sequential, as it also runs inside transactions (one connection). */
export async function findPersonHistory(db: Queryable, personId: number) {
  const qualifications = await db.query<QualificationRow>(
    `SELECT q.id, q.kind, q.level, ql.name AS level_name, q.field, q.awarded_on, q.institution, q.source
       FROM qualifications q LEFT JOIN qualification_levels ql ON ql.kind = q.kind AND ql.code = q.level
       WHERE q.person_id = $1 ORDER BY q.kind, q.awarded_on NULLS LAST, q.id`,
    [personId],
  );
  const assignments = await db.query<AssignmentRow>(
    `SELECT a.id, a.unit_id, u.name AS unit_name, a.title_id, t.name AS title_name, a.started_on, a.ended_on, a.reason, a.decision_no
       FROM assignments a JOIN units u ON u.id = a.unit_id LEFT JOIN titles t ON t.id = a.title_id
       WHERE a.person_id = $1 ORDER BY a.started_on DESC, a.id DESC`,
    [personId],
  );
  const planning = await db.query<PlanningRow>(
    `SELECT pe.id, pe.title_id, t.name AS title_name, pe.term, pe.approved_on
       FROM planning_entries pe JOIN titles t ON t.id = pe.title_id
       WHERE pe.person_id = $1 ORDER BY pe.term DESC, t.sort_order`,
    [personId],
  );
  const appraisals = await db.query<AppraisalRow>(
    'SELECT id, year, classification FROM appraisals WHERE person_id = $1 ORDER BY year DESC',
    [personId],
  );
  return { qualifications: qualifications.rows, assignments: assignments.rows, planning: planning.rows, appraisals: appraisals.rows };
}

/** Columns a person is written with (create, update, import); the search name and sort key follow from the name. */
export interface PersonWrite {
  citizenId: string;
  fullName: string;
  birthDate: string;
  gender: string;
  ethnicityCode: string;
  category: string;
  partyMembership: 'member' | 'probationary' | 'not_member' | null;
  partyJoinedOn: string | null;
  partyOfficialOn: string | null;
  unitId: number;
  titleId: number | null;
  jobPositionId: number | null;
  rankId: number | null;
  managementScopeId: number | null;
  phone: string | null;
  email: string | null;
}

const WRITE_COLUMNS = [
  'citizen_id',
  'full_name',
  'search_name',
  'sort_key',
  'birth_date',
  'gender',
  'ethnicity_code',
  'category',
  'party_membership',
  'party_joined_on',
  'party_official_on',
  'unit_id',
  'title_id',
  'job_position_id',
  'rank_id',
  'management_scope_id',
  'phone',
  'email',
] as const;

function writeValues(w: PersonWrite): unknown[] {
  return [
    w.citizenId,
    w.fullName,
    foldVietnamese(w.fullName),
    nameSortKey(w.fullName),
    w.birthDate,
    w.gender,
    w.ethnicityCode,
    w.category,
    w.partyMembership,
    w.partyJoinedOn,
    w.partyOfficialOn,
    w.unitId,
    w.titleId,
    w.jobPositionId,
    w.rankId,
    w.managementScopeId,
    w.phone,
    w.email,
  ];
}

/** The columns a person is written with, and a person's values in that order (import staging). */
export { WRITE_COLUMNS as PERSON_WRITE_COLUMNS, writeValues as personWriteValues };

/**
 * Raised, as the unique index would, when a person would be saved with a citizen id that an import
 * is publishing (decision 0054): on PGlite its chunks hold the id in a prepared transaction, and an
 * insert of the same id would wait for that transaction — on the one connection, for ever.
 */
export class CitizenIdBeingImported extends Error {
  readonly code = UNIQUE_VIOLATION;
  readonly constraint = 'people_citizen_id_key';
  constructor(citizenId: string) {
    super(`citizen id ${citizenId} is being imported`);
    this.name = 'CitizenIdBeingImported';
  }
}

/** Asks before a citizen id is written: an import in its publish (stage `inserting`) holds it. */
async function guardCitizenId(tx: Queryable, citizenId: string): Promise<void> {
  const r = await tx.query(
    `SELECT 1 FROM jobs j
     WHERE j.status = 'running' AND j.stage = 'inserting'
       AND EXISTS (SELECT 1 FROM import_staging s WHERE s.job_id = j.id AND s.citizen_id = $1)
     LIMIT 1`,
    [citizenId],
  );
  if (r.rows.length > 0) throw new CitizenIdBeingImported(citizenId);
}

export async function insertPerson(tx: Queryable, w: PersonWrite): Promise<number> {
  await guardCitizenId(tx, w.citizenId);
  const cols = WRITE_COLUMNS.join(', ');
  const params = WRITE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
  const r = await tx.query<{ id: number }>(`INSERT INTO people (${cols}) VALUES (${params}) RETURNING id`, writeValues(w));
  return r.rows[0]!.id;
}

/** Highest levels a new person arrives with (imports know them; otherwise refreshHighestLevels). */
export interface PersonLevels {
  educationLevel?: string | null;
  politicalTheoryLevel?: string | null;
  stateManagementLevel?: string | null;
}

/**
 * Inserts many people in multi-row statements, their highest levels included when given; returns
 * their ids in input order. Writing the levels with the row is much cheaper than setting them
 * afterwards, which rewrites every row and its index entries (it doubled a 100k-row import).
 */
export async function insertPeople(tx: Queryable, rows: (PersonWrite & PersonLevels)[], batch = 1000): Promise<number[]> {
  const columns = [...WRITE_COLUMNS, 'education_level', 'political_theory_level', 'state_management_level'];
  const values = rows.map((w) => [
    ...writeValues(w),
    w.educationLevel ?? null,
    w.politicalTheoryLevel ?? null,
    w.stateManagementLevel ?? null,
  ]);
  return insertRows<number>(tx, 'people', columns, values, { batch, returning: 'id' });
}

/** Updates when the stored version still equals `version`; returns false on a lost race. */
export async function updatePerson(tx: Queryable, id: number, version: number, w: PersonWrite): Promise<boolean> {
  await guardCitizenId(tx, w.citizenId);
  const sets = WRITE_COLUMNS.map((c, i) => `${c} = $${i + 1}`).join(', ');
  const n = WRITE_COLUMNS.length;
  const r = await tx.query(
    `UPDATE people SET ${sets}, version = version + 1, updated_at = now() WHERE id = $${n + 1} AND version = $${n + 2}`,
    [...writeValues(w), id, version],
  );
  return r.rowCount === 1;
}

export async function findExistingCitizenIds(db: Queryable, citizenIds: string[]): Promise<Set<string>> {
  if (citizenIds.length === 0) return new Set();
  const r = await db.query<{ citizen_id: string }>('SELECT citizen_id FROM people WHERE citizen_id = ANY($1::text[])', [citizenIds]);
  return new Set(r.rows.map((x) => x.citizen_id));
}

/** A person with their unit and the codes of their title and job position. */
export interface PersonPostRow {
  id: number;
  full_name: string;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  unit_path: string;
  title_code: string | null;
  job_code: string | null;
  education_level: string | null;
}

/** Everyone in the registry by id, with their posts (the demo school picks its learners from them). */
export async function listPeopleWithPosts(db: Queryable): Promise<PersonPostRow[]> {
  const r = await db.query<PersonPostRow>(
    `SELECT p.id, p.full_name, p.unit_id, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path,
       t.code AS title_code, jp.code AS job_code, p.education_level
     FROM people p JOIN units u ON u.id = p.unit_id
     LEFT JOIN titles t ON t.id = p.title_id
     LEFT JOIN job_positions jp ON jp.id = p.job_position_id
     ORDER BY p.id`,
  );
  return r.rows;
}

/** The registry holds at least one person. */
export async function hasPeople(db: Queryable): Promise<boolean> {
  const r = await db.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM people) AS found');
  return r.rows[0]?.found === true;
}

/** The person holding a citizen id (unique), or null. */
export async function findPersonIdByCitizenId(db: Queryable, citizenId: string): Promise<number | null> {
  const r = await db.query<{ id: number }>('SELECT id FROM people WHERE citizen_id = $1', [citizenId]);
  return r.rows[0]?.id ?? null;
}

/** Recomputes the highest level held of each kind for the given people (after qualification writes). */
export async function refreshHighestLevels(tx: Queryable, personIds: number[]): Promise<void> {
  if (personIds.length === 0) return;
  const column = (kind: string) => `(
    SELECT q.level FROM qualifications q JOIN qualification_levels ql ON ql.kind = q.kind AND ql.code = q.level
    WHERE q.person_id = people.id AND q.kind = '${kind}' ORDER BY ql.rank DESC LIMIT 1)`;
  await tx.query(
    `UPDATE people SET education_level = ${column('education')},
       political_theory_level = ${column('political_theory')},
       state_management_level = ${column('state_management')}
     WHERE id = ANY($1::int[])`,
    [personIds],
  );
}

export async function touchPerson(tx: Queryable, personId: number): Promise<void> {
  await tx.query('UPDATE people SET updated_at = now() WHERE id = $1', [personId]);
}

export async function insertQualification(
  tx: Queryable,
  personId: number,
  q: { kind: string; level: string | null; field: string | null; awardedOn: string | null; institution: string | null; source: string },
): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO qualifications (person_id, kind, level, field, awarded_on, institution, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [personId, q.kind, q.level, q.field, q.awardedOn, q.institution, q.source],
  );
  return r.rows[0]!.id;
}

export async function insertAssignment(
  tx: Queryable,
  personId: number,
  a: { unitId: number; titleId: number | null; startedOn: string; endedOn: string | null; reason: string; decisionNo: string | null },
): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO assignments (person_id, unit_id, title_id, started_on, ended_on, reason, decision_no)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [personId, a.unitId, a.titleId, a.startedOn, a.endedOn, a.reason, a.decisionNo],
  );
  return r.rows[0]!.id;
}

export async function insertPlanningEntry(
  tx: Queryable,
  personId: number,
  e: { titleId: number; term: string; approvedOn: string | null },
): Promise<number | null> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO planning_entries (person_id, title_id, term, approved_on) VALUES ($1, $2, $3, $4)
     ON CONFLICT (person_id, title_id, term) DO NOTHING RETURNING id`,
    [personId, e.titleId, e.term, e.approvedOn],
  );
  return r.rows[0]?.id ?? null;
}

export async function insertAppraisal(
  tx: Queryable,
  personId: number,
  a: { year: number; classification: string },
): Promise<number | null> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO appraisals (person_id, year, classification) VALUES ($1, $2, $3)
     ON CONFLICT (person_id, year) DO NOTHING RETURNING id`,
    [personId, a.year, a.classification],
  );
  return r.rows[0]?.id ?? null;
}

/**
 * A bulk load's qualifications, assignments, planning entries and appraisals, buffered and written
 * about 1,000 rows a statement (the demo province writes hundreds of thousands).
 */
export class PersonRecordsBatch {
  private readonly qualifications: BatchInserter;
  private readonly assignments: BatchInserter;
  private readonly planning: BatchInserter;
  private readonly appraisals: BatchInserter;

  constructor(tx: Queryable) {
    this.qualifications = new BatchInserter(tx, 'qualifications', ['person_id', 'kind', 'level', 'field', 'awarded_on', 'institution', 'source']);
    this.assignments = new BatchInserter(tx, 'assignments', ['person_id', 'unit_id', 'title_id', 'started_on', 'ended_on', 'reason', 'decision_no']);
    this.planning = new BatchInserter(tx, 'planning_entries', ['person_id', 'title_id', 'term', 'approved_on']);
    this.appraisals = new BatchInserter(tx, 'appraisals', ['person_id', 'year', 'classification']);
  }

  addQualification(
    personId: number,
    q: { kind: string; level: string | null; field: string | null; awardedOn: string | null; institution: string | null; source: string },
  ): Promise<void> {
    return this.qualifications.add([personId, q.kind, q.level, q.field, q.awardedOn, q.institution, q.source]);
  }

  addAssignment(
    personId: number,
    a: { unitId: number; titleId: number | null; startedOn: string; endedOn: string | null; reason: string; decisionNo: string | null },
  ): Promise<void> {
    return this.assignments.add([personId, a.unitId, a.titleId, a.startedOn, a.endedOn, a.reason, a.decisionNo]);
  }

  addPlanningEntry(personId: number, e: { titleId: number; term: string; approvedOn: string | null }): Promise<void> {
    return this.planning.add([personId, e.titleId, e.term, e.approvedOn]);
  }

  addAppraisal(personId: number, a: { year: number; classification: string }): Promise<void> {
    return this.appraisals.add([personId, a.year, a.classification]);
  }

  /** Writes the buffered qualifications (before the people's highest levels are refreshed). */
  flushQualifications(): Promise<void> {
    return this.qualifications.flush();
  }

  /** Writes everything buffered; returns how many rows of each kind were written in all. */
  async flush(): Promise<{ qualifications: number; assignments: number; planning: number; appraisals: number }> {
    for (const inserter of [this.qualifications, this.assignments, this.planning, this.appraisals]) await inserter.flush();
    return {
      qualifications: this.qualifications.inserted,
      assignments: this.assignments.inserted,
      planning: this.planning.inserted,
      appraisals: this.appraisals.inserted,
    };
  }
}

export const SUB_RECORD_TABLES = {
  qualifications: 'qualifications',
  assignments: 'assignments',
  'planning-entries': 'planning_entries',
  appraisals: 'appraisals',
} as const;
export type SubRecordKind = keyof typeof SUB_RECORD_TABLES;

/** Deletes one sub-record of a person; returns the deleted row, or null when it is not theirs. */
export async function deleteSubRecord(
  tx: Queryable,
  kind: SubRecordKind,
  personId: number,
  itemId: number,
): Promise<Record<string, unknown> | null> {
  const r = await tx.query<Record<string, unknown>>(`DELETE FROM ${SUB_RECORD_TABLES[kind]} WHERE id = $1 AND person_id = $2 RETURNING *`, [
    itemId,
    personId,
  ]);
  return r.rows[0] ?? null;
}

/** Reference ids that exist, for validating a write in one round trip per list. */
export async function findExistingReferenceIds(
  db: Queryable,
  ids: { titles: number[]; jobPositions: number[]; ranks: number[]; managementScopes: number[]; ethnicities: string[] },
) {
  const [t, j, r, m, e] = await Promise.all([
    db.query<{ id: number }>('SELECT id FROM titles WHERE id = ANY($1::int[])', [ids.titles]),
    db.query<{ id: number }>('SELECT id FROM job_positions WHERE id = ANY($1::int[])', [ids.jobPositions]),
    db.query<{ id: number }>('SELECT id FROM ranks WHERE id = ANY($1::int[])', [ids.ranks]),
    db.query<{ id: number }>('SELECT id FROM management_scopes WHERE id = ANY($1::int[])', [ids.managementScopes]),
    db.query<{ code: string }>('SELECT code FROM ethnicities WHERE code = ANY($1::text[])', [ids.ethnicities]),
  ]);
  return {
    titles: new Set(t.rows.map((x) => x.id)),
    jobPositions: new Set(j.rows.map((x) => x.id)),
    ranks: new Set(r.rows.map((x) => x.id)),
    managementScopes: new Set(m.rows.map((x) => x.id)),
    ethnicities: new Set(e.rows.map((x) => x.code)),
  };
}

export async function findQualificationLevel(db: Queryable, kind: string, code: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM qualification_levels WHERE kind = $1 AND code = $2', [kind, code]);
  return r.rows.length > 0;
}
