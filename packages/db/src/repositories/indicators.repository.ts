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
import type { Db, Queryable } from '../create-db.js';
import { Params, likeEscape, subtreeHoldsEveryUnit } from './scope.js';

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

/**
 * A version of a standard of the rules engine (standard_versions, corrections applied): its period and
 * requirement as ranks. On a date, the version in force decides (no version in force: nobody counts);
 * a person meets it as `rules.meetsRequirement(highestHeld(…, date))` does: the highest level of the
 * kind held on the date (awarded on or before it, or without a date) reaches the minimum rank or, for
 * a member of an ethnic minority, the alternative's rank.
 */
export interface StandardVersionRanks {
  from: string;
  to: string | null;
  qualificationKind: string;
  minRank: number;
  /** The ethnic-minority alternative's rank, if the version has one. */
  minorityRank: number | null;
}

export type ConditionFilter =
  | { kind: 'qualification'; qualificationKind: string; minRank: number }
  | { kind: 'adminReformTraining'; withinYears: number }
  | { kind: 'standard'; versions: StandardVersionRanks[] };

/**
 * The people in the population on each date `d.on_date` (CTE `pop`: on_date, id, unit_id, title_id,
 * sort_key, full_name, birth_date, path, unit_name).
 *
 * One pass over the population's assignments: every person of the record's filters is joined to
 * their assignments (a person without any gets one row, in force from -infinity, at the record's unit
 * and title), each row carries the next one's start, and a date picks the row in force on it.
 */
/**
 * The population's people narrowed by the record: the conditions on people `p`, and those on the
 * scope's units, apart (`scopeLike`: the scope narrows, see below; null when it holds every unit).
 */
function recordConditions(scope: Scope, pop: PopulationFilter, p: Params, scopeCoversAll: boolean, forIds = false) {
  const person: string[] = [];
  if (pop.category) person.push(`p.category = ${p.add(pop.category)}`);
  if (pop.managementScopeId) person.push(`p.management_scope_id = ${p.add(pop.managementScopeId)}`);
  if (pop.jobPositionId) person.push(`p.job_position_id = ${p.add(pop.jobPositionId)}`);
  if (pop.gender) person.push(`p.gender = ${p.add(pop.gender)}`);
  if (pop.ethnicity === 'minority') person.push('p.ethnicity_code IN (SELECT code FROM ethnicities WHERE minority)');
  else if (pop.ethnicity) person.push(`p.ethnicity_code = ${p.add(pop.ethnicity)}`);
  // Necessary conditions on the record for what is read as of the date (unit, title): someone under
  // a unit (or holding a title) on some date has it on their record (no assignment history) or in one
  // of their assignments. They narrow the people whose history is read, and decide nothing.
  const everUnder = (pathLike: string) =>
    `(p.unit_id IN (SELECT id FROM units WHERE path LIKE ${pathLike}) OR p.id IN (SELECT a2.person_id FROM assignments a2 JOIN units u2 ON u2.id = a2.unit_id WHERE u2.path LIKE ${pathLike}))`;
  const everTitle = (ids: string) => `(p.title_id = ANY(${ids}::int[]) OR p.id IN (SELECT a3.person_id FROM assignments a3 WHERE a3.title_id = ANY(${ids}::int[])))`;
  // a management scope, a job position or the CCHC posts already narrow to a few people: reading
  // every assignment under a unit would cost more than it saves
  const narrow = pop.managementScopeId !== undefined || pop.jobPositionId !== undefined || pop.adminReform !== undefined;
  const atDate: string[] = [];
  // the conditions as of the date (on x, u) only for the count, with their own parameters only then
  const at = (cond: () => string) => {
    if (!forIds) atDate.push(cond());
  };
  let scopeLike: string | null = null;
  if (scope.kind === 'subtree') {
    const like = p.add(`${likeEscape(scope.unitPath)}%`);
    at(() => `u.path LIKE ${like}`);
    // the scope narrows whatever else does, unless it holds every unit (then it narrows nothing): the
    // CCHC posts of one province out of 34 are 1/34 of the country's (decision 0070)
    if (!scopeCoversAll) scopeLike = like;
  } else at(() => 'false');
  if (pop.unitPath !== undefined) {
    if (pop.subtree) {
      const unitLike = p.add(`${likeEscape(pop.unitPath)}%`);
      at(() => `u.path LIKE ${unitLike}`);
      if (!narrow) person.push(everUnder(unitLike));
    } else {
      let unitId: string | null = null;
      const uid = () => (unitId ??= p.add(pop.unitId));
      at(() => `x.unit_id = ${uid()}`);
      if (!narrow) person.push(`(p.unit_id = ${uid()} OR p.id IN (SELECT a4.person_id FROM assignments a4 WHERE a4.unit_id = ${uid()}))`);
    }
  }
  if (pop.titleIds && pop.titleIds.length > 0) {
    const ids = p.add(pop.titleIds);
    at(() => `x.title_id = ANY(${ids}::int[])`);
    person.push(everTitle(ids));
  }
  if (pop.adminReform) {
    const jp = p.add(pop.adminReform.jobPositionIds);
    const titleIds = pop.adminReform.titleIds;
    at(() => `(x.job_position_id = ANY(${jp}::int[]) OR x.title_id = ANY(${p.add(titleIds)}::int[]))`);
    // holders of a flagged job position (the record's), or of a flagged title on some date
    person.push(
      pop.adminReform.titleIds.length === 0
        ? `p.job_position_id = ANY(${jp}::int[])`
        : `(p.job_position_id = ANY(${jp}::int[]) OR ${everTitle(p.add(pop.adminReform.titleIds))})`,
    );
  }
  return { person, atDate, scopeLike };
}

/**
 * The ids of the people the population's record lets through in a scope that does not hold every
 * unit (one statement before the count): placed in one of the scope's units on their record, or in
 * one of their assignments. Read per branch from the scope's units (people by unit, assignments by
 * unit), not by testing every person of the registry; and given to the count as a list, so that the
 * planner knows how few they are (as one condition on people it expected hundreds of thousands and
 * read every assignment of the country, decision 0070).
 */
function populationIdsSql(scope: Scope, pop: PopulationFilter): { sql: string; params: unknown[] } | null {
  const p = new Params();
  const { person, scopeLike } = recordConditions(scope, pop, p, false, true);
  if (scopeLike === null) return null;
  const where = person.length > 0 ? person.join(' AND ') : 'true';
  return {
    sql: `SELECT coalesce(array_agg(DISTINCT x.id), '{}') AS ids FROM (
        SELECT p.id FROM units su JOIN people p ON p.unit_id = su.id WHERE su.path LIKE ${scopeLike} AND ${where}
        UNION ALL
        SELECT p.id FROM units su JOIN assignments sa ON sa.unit_id = su.id JOIN people p ON p.id = sa.person_id WHERE su.path LIKE ${scopeLike} AND ${where}
      ) x`,
    params: p.values,
  };
}

/** The population's people as a list of ids when the scope narrows them (null: it holds every unit). */
async function populationIds(db: Queryable, scope: Scope, pop: PopulationFilter): Promise<number[] | null> {
  if (await coversAllUnits(db, scope)) return null;
  const q = populationIdsSql(scope, pop);
  if (q === null) return null;
  return (await readTuned<{ ids: number[] }>(db, q.sql, q.params))[0]?.ids ?? [];
}

function populationCte(scope: Scope, pop: PopulationFilter, p: Params, ids: readonly number[] | null): { cte: string; personWhere: string } {
  const { person, atDate } = recordConditions(scope, pop, p, ids === null);
  // the people resolved beforehand (populationIds) first; the record's conditions again (already met by
  // them: they read the same parameters as the conditions as of the date)
  const all = ids !== null ? [`p.id = ANY(${p.add(ids)}::int[])`, ...person] : person;
  const personWhere = all.length > 0 ? all.join(' AND ') : 'true';
  const cte = `
  pp AS MATERIALIZED (
    SELECT p.id, p.unit_id, p.title_id, p.sort_key, p.full_name, p.birth_date, p.job_position_id FROM people p WHERE ${personWhere}
  ),
  ai AS (
    SELECT p.id AS person_id,
           CASE WHEN a.id IS NULL THEN p.unit_id ELSE a.unit_id END AS unit_id,
           CASE WHEN a.id IS NULL THEN p.title_id ELSE a.title_id END AS title_id,
           coalesce(a.started_on, '-infinity'::date) AS started_on, a.ended_on,
           p.sort_key, p.full_name, p.birth_date, p.job_position_id,
           lead(a.started_on) OVER (PARTITION BY p.id ORDER BY a.started_on, a.id) AS next_start
    FROM pp p LEFT JOIN assignments a ON a.person_id = p.id
  ),
  x AS (
    SELECT d.on_date, ai.person_id AS id, ai.unit_id, ai.title_id, ai.sort_key, ai.full_name, ai.birth_date, ai.job_position_id
    FROM d JOIN ai ON ai.started_on <= d.on_date AND (ai.next_start IS NULL OR ai.next_start > d.on_date)
      AND (ai.ended_on IS NULL OR ai.ended_on >= d.on_date)
  ),
  pop AS (
    SELECT x.*, u.path, u.name AS unit_name
    FROM x JOIN units u ON u.id = x.unit_id
    WHERE ${atDate.join(' AND ')}
      AND NOT EXISTS (SELECT 1 FROM service_leavings l WHERE l.person_id = x.id AND l.left_on < x.on_date)
  )`;
  return { cte, personWhere };
}

/**
 * The condition as a set (CTE \`met\`) joined once to \`pop\` (LEFT JOIN), and the test on a joined row.
 * Set-based (hash joins), not one probe per person and date: the CCHC indicator's 20,000 people
 * over four dates were 78,000 probes of enrolments (decision 0057).
 */
function conditionJoin(c: ConditionFilter, p: Params, personWhere: string): { cte: string; join: string; test: string } {
  // the records read are those of the people the population's record filters let through (an
  // estimate the planner gets right, unlike the population by date's)
  const of = (col: string) => (personWhere === 'true' ? '' : `AND ${col} IN (SELECT id FROM pp)`);
  if (c.kind === 'qualification') {
    // holding a level of the kind at or above the minimum is monotone in time: one "since" per person
    return {
      cte: `met AS (
        SELECT q.person_id AS id, min(coalesce(q.awarded_on, '-infinity'::date)) AS since
        FROM qualifications q JOIN qualification_levels ql ON ql.kind = q.kind AND ql.code = q.level
        WHERE q.kind = ${p.add(c.qualificationKind)} AND ql.rank >= ${p.add(c.minRank)} ${of('q.person_id')}
        GROUP BY q.person_id)`,
      join: 'LEFT JOIN met ON met.id = pop.id',
      test: 'coalesce(met.since <= pop.on_date, false)',
    };
  }
  if (c.kind === 'adminReformTraining') {
    const years = p.add(c.withinYears);
    return {
      cte: `tr AS (
        SELECT e.person_id, coalesce(e.graduated_on, e.ended_on) AS trained_on FROM enrolments e
        WHERE e.programme_code IN (SELECT code FROM programmes WHERE kind = 'admin_reform') AND e.status = 'completed'
          ${of('e.person_id')}
        UNION ALL
        SELECT o.person_id, o.result_date FROM outside_trainings o
        WHERE o.programme_code IN (SELECT code FROM programmes WHERE kind = 'admin_reform') AND o.status = 'completed' AND o.result = 'graduated'
          ${of('o.person_id')}
      ),
      met AS (
        SELECT DISTINCT d.on_date, tr.person_id AS id
        FROM d JOIN tr ON tr.trained_on <= d.on_date AND tr.trained_on > (d.on_date - make_interval(years => ${years}::int))::date)`,
      join: 'LEFT JOIN met ON met.id = pop.id AND met.on_date = pop.on_date',
      test: '(met.id IS NOT NULL)',
    };
  }
  const v = c.versions;
  return {
    cte: `sv AS (
        SELECT * FROM unnest(${p.add(v.map((x) => x.from))}::date[], ${p.add(v.map((x) => x.to))}::date[], ${p.add(v.map((x) => x.qualificationKind))}::text[],
          ${p.add(v.map((x) => x.minRank))}::int[], ${p.add(v.map((x) => x.minorityRank))}::int[]) AS sv(valid_from, valid_to, kind, min_rank, minority_rank)
      ),
      sd AS (
        SELECT d.on_date, sv.kind, sv.min_rank, sv.minority_rank FROM d JOIN sv ON sv.valid_from <= d.on_date AND (sv.valid_to IS NULL OR sv.valid_to >= d.on_date)
      ),
      met AS (
        SELECT DISTINCT sd.on_date, q.person_id AS id
        FROM sd JOIN qualifications q ON q.kind = sd.kind AND (q.awarded_on IS NULL OR q.awarded_on <= sd.on_date)
          JOIN qualification_levels ql ON ql.kind = q.kind AND ql.code = q.level
          JOIN people pm ON pm.id = q.person_id
        WHERE (ql.rank >= sd.min_rank OR (ql.rank >= sd.minority_rank AND pm.ethnicity_code IN (SELECT code FROM ethnicities WHERE minority)))
          ${of('q.person_id')} AND EXISTS (SELECT 1 FROM pop WHERE pop.id = q.person_id AND pop.on_date = sd.on_date))`,
    join: 'LEFT JOIN met ON met.id = pop.id AND met.on_date = pop.on_date',
    test: '(met.id IS NOT NULL)',
  };
}

/** What the condition looked at, for a drill-down row. */
function evidenceSql(c: ConditionFilter, p: Params): string {
  if (c.kind === 'qualification' || c.kind === 'standard') {
    const kind = c.kind === 'qualification' ? p.add(c.qualificationKind) : '(SELECT sd.kind FROM sd WHERE sd.on_date = pop.on_date)';
    return `(SELECT ql.name FROM qualifications q JOIN qualification_levels ql ON ql.kind = q.kind AND ql.code = q.level
      WHERE q.person_id = pop.id AND q.kind = ${kind} AND (q.awarded_on IS NULL OR q.awarded_on <= pop.on_date)
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
export function buildIndicatorCountSql(scope: Scope, pop: PopulationFilter, cond: ConditionFilter, dates: readonly string[], ids: readonly number[] | null = null) {
  const p = new Params();
  const d = p.add(dates);
  const { cte, personWhere } = populationCte(scope, pop, p, ids);
  const c = conditionJoin(cond, p, personWhere);
  return {
    sql: `WITH d AS (SELECT unnest(${d}::date[]) AS on_date), ${cte}, ${c.cte}
      SELECT pop.on_date::text AS on_date, count(*)::int AS population, count(*) FILTER (WHERE ${c.test})::int AS counted
      FROM pop ${c.join} GROUP BY pop.on_date ORDER BY pop.on_date`,
    params: p.values,
  };
}

/**
 * Runs a read on PostgreSQL with JIT compilation off and index access priced as for cached data, in
 * a transaction (both settings end with it): the statement's estimated cost passes the JIT threshold
 * and compiling its expressions cost more than it saved (0.2 s of 3.5 s for the CCHC trend); with the
 * default random_page_cost the planner read all 211,000 assignments to find a few hundred people's.
 * PGlite has neither; a transaction given in runs as is.
 */
async function readTuned<T>(db: Queryable, sql: string, params: unknown[]): Promise<T[]> {
  const d = db as Partial<Db>;
  if (d.kind === 'postgres' && typeof d.transaction === 'function') {
    return d.transaction(async (tx) => {
      await tx.query("SELECT set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true)");
      return (await tx.query<T>(sql, params)).rows;
    });
  }
  return (await db.query<T>(sql, params)).rows;
}

/** Whether a subtree scope holds every unit of the registry (its root is the only root). */
export async function coversAllUnits(db: Queryable, scope: Scope): Promise<boolean> {
  return scope.kind === 'subtree' && subtreeHoldsEveryUnit(db, scope.unitPath);
}

export interface CountRow {
  on_date: string;
  population: number;
  counted: number;
}

/** Population and counted on each date (a date with nobody gets zeros): one statement for all dates. */
export async function countIndicator(
  db: Queryable,
  scope: Scope,
  pop: PopulationFilter,
  cond: ConditionFilter,
  dates: readonly string[],
): Promise<CountRow[]> {
  const { sql, params } = buildIndicatorCountSql(scope, pop, cond, dates, await populationIds(db, scope, pop));
  const rows = await readTuned<CountRow>(db, sql, params);
  const byDate = new Map(rows.map((row) => [row.on_date, row]));
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

function peopleSql(scope: Scope, pop: PopulationFilter, cond: ConditionFilter, date: string, set: 'counted' | 'missing', p: Params, ids: readonly number[] | null) {
  const d = p.add([date]);
  const { cte, personWhere } = populationCte(scope, pop, p, ids);
  const c = conditionJoin(cond, p, personWhere);
  return { head: `WITH d AS (SELECT unnest(${d}::date[]) AS on_date), ${cte}, ${c.cte}`, join: c.join, where: set === 'counted' ? c.test : `NOT ${c.test}` };
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
  const ids = await populationIds(db, scope, pop);
  const p = new Params();
  const { head, join, where } = peopleSql(scope, pop, cond, date, set, p, ids);
  const ev = evidenceSql(cond, p);
  const page = await readTuned<IndicatorPersonRow>(
    db,
    `${head}
     SELECT pop.id, pop.full_name, pop.birth_date, pop.unit_id, pop.unit_name, t.name AS title_name, ${ev} AS evidence
     FROM pop ${join} LEFT JOIN titles t ON t.id = pop.title_id
     WHERE ${where} ORDER BY pop.sort_key, pop.id LIMIT ${limit | 0} OFFSET ${offset | 0}`,
    p.values,
  );
  const pc = new Params();
  const c = peopleSql(scope, pop, cond, date, set, pc, ids);
  const total = await readTuned<{ n: number }>(db, `${c.head} SELECT count(*)::int AS n FROM pop ${c.join} WHERE ${c.where}`, pc.values);
  return { rows: page, total: total[0]?.n ?? 0 };
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
