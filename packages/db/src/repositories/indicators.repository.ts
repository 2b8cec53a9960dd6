/**
 * Indicators (chỉ tiêu): their definitions (indicators, indicator_versions), the administrative-
 * reform flags of job positions and titles, and the counts an indicator's value is made of, as of
 * any date (docs/decisions/0046-indicators-as-data.md).
 *
 * As of a date D a person is in service when the latest assignment started on or before D has not
 * ended before D (a person without any assignment record counts from their record, at their current
 * unit and title) and no leaving (service_leavings) happened before D. Their unit and title on D are
 * that assignment's; category, management scope, job position, gender and ethnicity are the
 * record's (the registry keeps no history of them). A qualification counts from its awarded_on (one
 * without a date counts at every date); an administrative-reform training from the graduation (or
 * end) date of a completed class enrolment or the result date of a completed outside training.
 * The same query answers today and any past date (and a whole trend, one date per row of `d`).
 */
import type { Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { Params, likeEscape } from './scope.js';

// ---------- the counts ----------

/** A population resolved by the service (unit path, the flagged posts' ids). */
export interface PopulationFilter {
  unitPath?: string;
  unitId?: number;
  subtree: boolean;
  category?: string;
  titleIds?: number[];
  managementScopeId?: number;
  jobPositionId?: number;
  /** Holders of one of these job positions or titles (the administrative-reform posts). */
  adminReform?: { jobPositionIds: number[]; titleIds: number[] };
  gender?: string;
  ethnicity?: string;
}

export type ConditionFilter =
  | { kind: 'qualification'; qualificationKind: string; minRank: number }
  | { kind: 'adminReformTraining'; withinYears: number };

/** The people in the population on each date `d.on_date` (columns on_date, id, unit_id, title_id, path). */
function populationCte(scope: Scope, pop: PopulationFilter, p: Params): string {
  const person: string[] = [];
  if (pop.category) person.push(`p.category = ${p.add(pop.category)}`);
  if (pop.managementScopeId) person.push(`p.management_scope_id = ${p.add(pop.managementScopeId)}`);
  if (pop.jobPositionId) person.push(`p.job_position_id = ${p.add(pop.jobPositionId)}`);
  if (pop.gender) person.push(`p.gender = ${p.add(pop.gender)}`);
  if (pop.ethnicity === 'minority') person.push('p.ethnicity_code IN (SELECT code FROM ethnicities WHERE minority)');
  else if (pop.ethnicity) person.push(`p.ethnicity_code = ${p.add(pop.ethnicity)}`);
  const atDate: string[] = [];
  atDate.push(scope.kind === 'subtree' ? `u.path LIKE ${p.add(`${likeEscape(scope.unitPath)}%`)}` : 'false');
  if (pop.unitPath !== undefined) {
    atDate.push(pop.subtree ? `u.path LIKE ${p.add(`${likeEscape(pop.unitPath)}%`)}` : `x.unit_id = ${p.add(pop.unitId)}`);
  }
  if (pop.titleIds && pop.titleIds.length > 0) atDate.push(`x.title_id = ANY(${p.add(pop.titleIds)}::int[])`);
  if (pop.adminReform) {
    atDate.push(
      `(x.job_position_id = ANY(${p.add(pop.adminReform.jobPositionIds)}::int[]) OR x.title_id = ANY(${p.add(pop.adminReform.titleIds)}::int[]))`,
    );
  }
  // holders of a flagged job position when no title is flagged: a filter on the record, applied first
  if (pop.adminReform && pop.adminReform.titleIds.length === 0) person.push(`p.job_position_id = ANY(${p.add(pop.adminReform.jobPositionIds)}::int[])`);
  const personWhere = person.length > 0 ? person.join(' AND ') : 'true';
  // one row per assignment of the people who pass the record's filters, with the next one's start:
  // on date D the assignment in force is the one started on or before D whose successor starts
  // after D (the latest by start, then by id, as a lookup of "the latest started on or before D")
  return `
  ai AS (
    SELECT a.person_id, a.unit_id, a.title_id, a.started_on, a.ended_on, p.sort_key, p.full_name, p.birth_date, p.job_position_id,
           lead(a.started_on) OVER (PARTITION BY a.person_id ORDER BY a.started_on, a.id) AS next_start
    FROM assignments a JOIN people p ON p.id = a.person_id
    WHERE ${personWhere}
  ),
  x AS (
    SELECT d.on_date, ai.person_id AS id, ai.unit_id, ai.title_id, ai.sort_key, ai.full_name, ai.birth_date, ai.job_position_id
    FROM d JOIN ai ON ai.started_on <= d.on_date AND (ai.next_start IS NULL OR ai.next_start > d.on_date)
      AND (ai.ended_on IS NULL OR ai.ended_on >= d.on_date)
    UNION ALL
    SELECT d.on_date, p.id, p.unit_id, p.title_id, p.sort_key, p.full_name, p.birth_date, p.job_position_id
    FROM d CROSS JOIN people p
    WHERE ${personWhere} AND NOT EXISTS (SELECT 1 FROM assignments a0 WHERE a0.person_id = p.id)
  ),
  pop AS (
    SELECT x.*, u.path, u.name AS unit_name
    FROM x JOIN units u ON u.id = x.unit_id
    WHERE ${atDate.join(' AND ')}
      AND NOT EXISTS (SELECT 1 FROM service_leavings l WHERE l.person_id = x.id AND l.left_on < x.on_date)
  )`;
}

/** The condition on a row of `pop` (alias `pop`), as of its on_date. */
function conditionSql(c: ConditionFilter, p: Params): string {
  if (c.kind === 'qualification') {
    return `EXISTS (SELECT 1 FROM qualifications q JOIN qualification_levels ql ON ql.kind = q.kind AND ql.code = q.level
      WHERE q.person_id = pop.id AND q.kind = ${p.add(c.qualificationKind)} AND ql.rank >= ${p.add(c.minRank)}
        AND (q.awarded_on IS NULL OR q.awarded_on <= pop.on_date))`;
  }
  const years = p.add(c.withinYears);
  const window = (col: string) => `${col} <= pop.on_date AND ${col} > (pop.on_date - make_interval(years => ${years}::int))::date`;
  // the programmes of the kind are looked up once (an init plan), not per person
  return `(EXISTS (SELECT 1 FROM enrolments e
      WHERE e.person_id = pop.id AND e.programme_code = ANY(ARRAY(SELECT code FROM programmes WHERE kind = 'admin_reform')) AND e.status = 'completed'
        AND ${window('coalesce(e.graduated_on, e.ended_on)')})
    OR EXISTS (SELECT 1 FROM outside_trainings o
      WHERE o.person_id = pop.id AND o.programme_code = ANY(ARRAY(SELECT code FROM programmes WHERE kind = 'admin_reform')) AND o.status = 'completed' AND o.result = 'graduated'
        AND ${window('o.result_date')}))`;
}

/** What the condition looked at, for a drill-down row. */
function evidenceSql(c: ConditionFilter, p: Params): string {
  if (c.kind === 'qualification') {
    return `(SELECT ql.name FROM qualifications q JOIN qualification_levels ql ON ql.kind = q.kind AND ql.code = q.level
      WHERE q.person_id = pop.id AND q.kind = ${p.add(c.qualificationKind)} AND (q.awarded_on IS NULL OR q.awarded_on <= pop.on_date)
      ORDER BY ql.rank DESC LIMIT 1)`;
  }
  return `(SELECT max(t.trained_on)::text FROM (
      SELECT coalesce(e.graduated_on, e.ended_on) AS trained_on FROM enrolments e JOIN programmes pr ON pr.code = e.programme_code
      WHERE e.person_id = pop.id AND pr.kind = 'admin_reform' AND e.status = 'completed'
      UNION ALL
      SELECT o.result_date FROM outside_trainings o JOIN programmes pr ON pr.code = o.programme_code
      WHERE o.person_id = pop.id AND pr.kind = 'admin_reform' AND o.status = 'completed' AND o.result = 'graduated'
    ) t WHERE t.trained_on <= pop.on_date)`;
}

/** The SQL of the counts on each date (the benchmark's baseline runs the same text through bare pg). */
export function buildIndicatorCountSql(scope: Scope, pop: PopulationFilter, cond: ConditionFilter, dates: readonly string[]) {
  const p = new Params();
  const d = p.add(dates);
  const cte = populationCte(scope, pop, p);
  const met = conditionSql(cond, p);
  return {
    sql: `WITH d AS (SELECT unnest(${d}::date[]) AS on_date), ${cte}
      SELECT pop.on_date::text AS on_date, count(*)::int AS population, count(*) FILTER (WHERE ${met})::int AS counted
      FROM pop GROUP BY pop.on_date ORDER BY pop.on_date`,
    params: p.values,
  };
}

export interface CountRow {
  on_date: string;
  population: number;
  counted: number;
}

/** Population and counted on each date (a date with nobody gets zeros). */
export async function countIndicator(
  db: Queryable,
  scope: Scope,
  pop: PopulationFilter,
  cond: ConditionFilter,
  dates: readonly string[],
): Promise<CountRow[]> {
  const { sql, params } = buildIndicatorCountSql(scope, pop, cond, dates);
  const r = await db.query<CountRow>(sql, params);
  const byDate = new Map(r.rows.map((row) => [row.on_date, row]));
  return dates.map((date) => byDate.get(date) ?? { on_date: date, population: 0, counted: 0 });
}

export interface IndicatorPersonRow {
  id: number;
  full_name: string;
  birth_date: string;
  unit_id: number;
  unit_name: string;
  title_name: string | null;
  evidence: string | null;
}

function peopleSql(scope: Scope, pop: PopulationFilter, cond: ConditionFilter, date: string, set: 'counted' | 'missing', p: Params) {
  const d = p.add([date]);
  const cte = populationCte(scope, pop, p);
  const met = conditionSql(cond, p);
  return { head: `WITH d AS (SELECT unnest(${d}::date[]) AS on_date), ${cte}`, where: set === 'counted' ? met : `NOT ${met}` };
}

/** One page of the people counted (or missing) on a date, by name. */
export async function listIndicatorPeople(
  db: Queryable,
  scope: Scope,
  pop: PopulationFilter,
  cond: ConditionFilter,
  date: string,
  set: 'counted' | 'missing',
  limit: number,
  offset: number,
): Promise<{ rows: IndicatorPersonRow[]; total: number }> {
  const p = new Params();
  const { head, where } = peopleSql(scope, pop, cond, date, set, p);
  const ev = evidenceSql(cond, p);
  const page = await db.query<IndicatorPersonRow>(
    `${head}
     SELECT pop.id, pop.full_name, pop.birth_date, pop.unit_id, pop.unit_name, t.name AS title_name, ${ev} AS evidence
     FROM pop LEFT JOIN titles t ON t.id = pop.title_id
     WHERE ${where} ORDER BY pop.sort_key, pop.id LIMIT ${limit | 0} OFFSET ${offset | 0}`,
    p.values,
  );
  const pc = new Params();
  const c = peopleSql(scope, pop, cond, date, set, pc);
  const total = await db.query<{ n: number }>(`${c.head} SELECT count(*)::int AS n FROM pop WHERE ${c.where}`, pc.values);
  return { rows: page.rows, total: total.rows[0]?.n ?? 0 };
}

// ---------- definitions ----------

export interface IndicatorRow {
  id: number;
  code: string;
  name: string;
  population: Record<string, unknown>;
  condition: Record<string, unknown>;
  target_kind: 'share' | 'count';
  comparison: 'atLeast' | 'above';
  target_value: number;
  start_on: string;
  deadline: string;
  source: Record<string, unknown>;
  owner_unit_id: number;
  owner_unit_name: string;
  note: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

const INDICATOR_SELECT = `SELECT i.id, i.code, i.name, i.population, i.condition, i.target_kind, i.comparison, i.target_value::float8 AS target_value,
  i.start_on, i.deadline, i.source, i.owner_unit_id, u.name AS owner_unit_name, i.note, i.version, i.created_at, i.updated_at
  FROM indicators i JOIN units u ON u.id = i.owner_unit_id`;

/** Every indicator, by deadline then code (definitions are the province's: no scope). */
export async function listIndicators(db: Queryable): Promise<IndicatorRow[]> {
  return (await db.query<IndicatorRow>(`${INDICATOR_SELECT} ORDER BY i.deadline, i.code`)).rows;
}

export async function findIndicator(db: Queryable, id: number, forUpdate = false): Promise<IndicatorRow | null> {
  const r = await db.query<IndicatorRow>(`${INDICATOR_SELECT} WHERE i.id = $1${forUpdate ? ' FOR UPDATE OF i' : ''}`, [id]);
  return r.rows[0] ?? null;
}

export interface IndicatorWrite {
  code: string;
  name: string;
  population: unknown;
  condition: unknown;
  targetKind: string;
  comparison: string;
  targetValue: number;
  startOn: string;
  deadline: string;
  source: unknown;
  ownerUnitId: number;
  note: string | null;
}

const j = (v: unknown) => JSON.stringify(v);

export async function insertIndicator(tx: Queryable, w: IndicatorWrite, userId: number | null): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO indicators (code, name, population, condition, target_kind, comparison, target_value, start_on, deadline, source, owner_unit_id, note, created_by)
     VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13) RETURNING id`,
    [w.code, w.name, j(w.population), j(w.condition), w.targetKind, w.comparison, w.targetValue, w.startOn, w.deadline, j(w.source), w.ownerUnitId, w.note, userId],
  );
  return r.rows[0]!.id;
}

/** Rewrites the definition and bumps the version; returns the new version. */
export async function updateIndicator(tx: Queryable, id: number, w: Omit<IndicatorWrite, 'code'>): Promise<number> {
  const r = await tx.query<{ version: number }>(
    `UPDATE indicators SET name = $2, population = $3::jsonb, condition = $4::jsonb, target_kind = $5, comparison = $6, target_value = $7,
       start_on = $8, deadline = $9, source = $10::jsonb, owner_unit_id = $11, note = $12, version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING version`,
    [id, w.name, j(w.population), j(w.condition), w.targetKind, w.comparison, w.targetValue, w.startOn, w.deadline, j(w.source), w.ownerUnitId, w.note],
  );
  return r.rows[0]!.version;
}

export async function insertIndicatorVersion(tx: Queryable, id: number, version: number, definition: unknown, userId: number | null): Promise<void> {
  await tx.query(`INSERT INTO indicator_versions (indicator_id, version, definition, changed_by) VALUES ($1, $2, $3::jsonb, $4)`, [
    id,
    version,
    j(definition),
    userId,
  ]);
}

export async function listIndicatorVersions(db: Queryable, id: number): Promise<{ version: number; changed_at: string; changed_by: string | null }[]> {
  const r = await db.query<{ version: number; changed_at: string; changed_by: string | null }>(
    `SELECT v.version, v.changed_at, u.display_name AS changed_by FROM indicator_versions v LEFT JOIN users u ON u.id = v.changed_by
     WHERE v.indicator_id = $1 ORDER BY v.version DESC`,
    [id],
  );
  return r.rows;
}

export async function indicatorCodeExists(db: Queryable, code: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM indicators WHERE code = $1', [code])).rows.length > 0;
}

// ---------- what a definition refers to ----------

/** The ids among `ids` that `table` lacks. */
export async function missingIds(db: Queryable, table: 'units' | 'titles' | 'job_positions' | 'management_scopes', ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const r = await db.query<{ id: number }>(`SELECT id FROM ${table} WHERE id = ANY($1::int[])`, [ids]);
  const found = new Set(r.rows.map((x) => x.id));
  return ids.filter((id) => !found.has(id));
}

export async function levelRank(db: Queryable, kind: string, code: string): Promise<{ rank: number; name: string } | null> {
  const r = await db.query<{ rank: number; name: string }>('SELECT rank, name FROM qualification_levels WHERE kind = $1 AND code = $2', [kind, code]);
  return r.rows[0] ?? null;
}

export async function ethnicityExists(db: Queryable, code: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM ethnicities WHERE code = $1', [code])).rows.length > 0;
}

export async function namesOf(db: Queryable, table: 'units' | 'titles' | 'job_positions' | 'management_scopes', ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const r = await db.query<{ id: number; name: string }>(`SELECT id, name FROM ${table} WHERE id = ANY($1::int[])`, [ids]);
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

// ---------- administrative-reform posts ----------

export interface PostRow {
  id: number;
  code: string;
  name: string;
  admin_reform: boolean;
}

export async function listPosts(db: Queryable): Promise<{ jobPositions: PostRow[]; titles: PostRow[] }> {
  const jp = await db.query<PostRow>('SELECT id, code, name, admin_reform FROM job_positions ORDER BY id');
  const t = await db.query<PostRow>('SELECT id, code, name, admin_reform FROM titles ORDER BY sort_order, id');
  return { jobPositions: jp.rows, titles: t.rows };
}

export async function adminReformPostIds(db: Queryable): Promise<{ jobPositionIds: number[]; titleIds: number[] }> {
  const jp = await db.query<{ id: number }>('SELECT id FROM job_positions WHERE admin_reform ORDER BY id');
  const t = await db.query<{ id: number }>('SELECT id FROM titles WHERE admin_reform ORDER BY id');
  return { jobPositionIds: jp.rows.map((r) => r.id), titleIds: t.rows.map((r) => r.id) };
}

/** Sets the flag of one post; returns the previous value (null: no such post). */
export async function setPostFlag(tx: Queryable, table: 'job_positions' | 'titles', id: number, flag: boolean): Promise<boolean | null> {
  const before = await tx.query<{ admin_reform: boolean }>(`SELECT admin_reform FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
  if (before.rows.length === 0) return null;
  await tx.query(`UPDATE ${table} SET admin_reform = $2 WHERE id = $1`, [id, flag]);
  return before.rows[0]!.admin_reform;
}
