/**
 * Training statistics (issue 10, docs/decisions/0047): person-times and distinct people trained.
 *
 * What counts as trained is plans' realisation (decision 0030): the facts of
 * `plansRepo.REALISATION_SOURCES` running in the period, opened into person-times — each live
 * enrolment (not withdrawn) of a class fact, the person of an outside-training fact. The pure model
 * of this query is `statistics.group` in the domain; the differential test compares them and a
 * hand-written SQL.
 *
 * Stable for the report forms (branch `reports`): `statisticsTable(db, q)` with `q: StatQuery`.
 * Add optional fields; do not rename.
 */
import type { statistics } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { REALISATION_SOURCES } from './plans.repository.js';
import { Params, likeEscape } from './scope.js';

export interface StatFiltersRow {
  programmeCodes?: readonly string[];
  programmeKinds?: readonly string[];
  programmeLevels?: readonly string[];
  modes?: readonly string[];
  organiserTypes?: readonly string[];
  sources?: readonly string[];
  gender?: 'male' | 'female';
  ethnicMinority?: boolean;
  partyMember?: boolean;
  young?: boolean;
  managementScopeCodes?: readonly string[];
}

export interface StatQuery {
  /** The period [from, to]; a training counts when it runs in it (start ≤ to and end ≥ from). */
  from: string;
  to: string;
  /** The subtree's root path (a unit's `path`, e.g. '/1/4/'). */
  subtreePath: string;
  /** Whose unit must lie in the subtree: the learner's (default) or the organiser's. */
  unitBasis: statistics.StatUnitBasis;
  /** enrolled: every counted person-time; completed: the graduated ones. */
  basis: statistics.StatBasis;
  /** Young: age on the training's start date below this. */
  youngUnderAge: number;
  filters: StatFiltersRow;
  /** Up to two dimensions. */
  groupBy: readonly statistics.StatDimension[];
}

export interface StatTableRow {
  /** One code per group-by dimension (text; booleans 'true' / 'false'; empty for none). */
  codes: string[];
  /** The names the records give (programme, unit, management scope); null where a code is all. */
  labels: (string | null)[];
  person_times: number;
  people: number;
  young: number;
  female: number;
  minority: number;
  party_member: number;
}

/**
 * The person-times of the period as rows `x` (one per fact and person), with every dimension's
 * inputs, restricted to the subtree, the basis and the filters. `$1`, `$2` are from and to.
 */
function personTimes(q: StatQuery, p: Params): string {
  const union = REALISATION_SOURCES.map((s) => `(${s})`).join(' UNION ALL ');
  const conds: string[] = ['(e.id IS NOT NULL OR o.id IS NOT NULL)'];
  const pathCol = q.unitBasis === 'organiser' ? 'f.organiser_path' : 'pu.path';
  conds.push(`${pathCol} LIKE ${p.add(`${likeEscape(q.subtreePath)}%`)}`);
  if (q.basis === 'completed') conds.push(`(CASE WHEN f.source = 'class' THEN f.completed AND e.status = 'completed' ELSE f.completed AND o.result = 'graduated' END)`);
  const f = q.filters;
  const list = (col: string, v: readonly string[] | undefined) => {
    if (v !== undefined) conds.push(`${col} = ANY(${p.add([...v])}::text[])`);
  };
  list('f.programme_code', f.programmeCodes);
  list('pr.kind', f.programmeKinds);
  list(`COALESCE(pr.level, '')`, f.programmeLevels);
  list('f.mode', f.modes);
  list(ORGANISER_TYPE, f.organiserTypes);
  list('f.source', f.sources);
  list(`COALESCE(ms.code, '')`, f.managementScopeCodes);
  if (f.gender !== undefined) conds.push(`p.gender = ${p.add(f.gender)}`);
  if (f.ethnicMinority !== undefined) conds.push(`eth.minority = ${p.add(f.ethnicMinority)}`);
  if (f.partyMember !== undefined) conds.push(`${PARTY} = ${p.add(f.partyMember)}`);
  const youngParam = p.add(q.youngUnderAge);
  const young = `(p.birth_date > (f.start_date - make_interval(years => ${youngParam}::int))::date)`;
  if (f.young !== undefined) conds.push(`${young} = ${p.add(f.young)}`);
  return `
    SELECT f.source, f.id AS fact_id, p.id AS person_id, f.programme_code, pr.name AS programme_name, pr.kind AS programme_kind,
      COALESCE(pr.level, '') AS programme_level, f.mode, ${ORGANISER_TYPE} AS organiser_type, f.start_date, f.end_date,
      CASE WHEN f.source = 'class' THEN f.completed AND e.status = 'completed' ELSE f.completed AND o.result = 'graduated' END AS completed,
      ${q.unitBasis === 'organiser' ? 'f.organiser_path' : 'pu.path'} AS unit_path,
      p.gender, eth.minority, ${PARTY} AS party_member, ${young} AS young,
      COALESCE(ms.code, '') AS ms_code, ms.name AS ms_name
    FROM (${union}) f
    LEFT JOIN enrolments e ON f.source = 'class' AND e.class_id = f.id AND e.status <> 'withdrawn'
    LEFT JOIN outside_trainings o ON f.source = 'outside_training' AND o.id = f.id
    JOIN people p ON p.id = COALESCE(e.person_id, o.person_id)
    JOIN units pu ON pu.id = p.unit_id
    JOIN ethnicities eth ON eth.code = p.ethnicity_code
    LEFT JOIN management_scopes ms ON ms.id = p.management_scope_id
    JOIN programmes pr ON pr.code = f.programme_code
    WHERE ${conds.join(' AND ')}`;
}

/** A class's organiser is its programme's organiser type; an outside record is abroad or an outside institution. */
const ORGANISER_TYPE = `(CASE WHEN f.source = 'class' THEN pr.organiser_type WHEN o.country IS NOT NULL THEN 'abroad' ELSE 'outside_institution' END)`;
/** A party member on the training's start date. */
const PARTY = '(p.party_joined_on IS NOT NULL AND p.party_joined_on <= f.start_date)';

/** Code and label expressions of a dimension over `x` (and `cu`, `yr`). */
function dimension(d: statistics.StatDimension): { code: string; label: string } {
  switch (d) {
    case 'year':
      return { code: 'yr.y::text', label: 'NULL::text' };
    case 'programme':
      return { code: 'x.programme_code', label: 'x.programme_name' };
    case 'programmeKind':
      return { code: 'x.programme_kind', label: 'NULL::text' };
    case 'programmeLevel':
      return { code: 'x.programme_level', label: 'NULL::text' };
    case 'mode':
      return { code: 'x.mode', label: 'NULL::text' };
    case 'organiserType':
      return { code: 'x.organiser_type', label: 'NULL::text' };
    case 'source':
      return { code: 'x.source', label: 'NULL::text' };
    case 'unit':
      return { code: 'cu.id::text', label: 'cu.name' };
    case 'gender':
      return { code: 'x.gender', label: 'NULL::text' };
    case 'ethnicMinority':
      return { code: 'x.minority::text', label: 'NULL::text' };
    case 'partyMember':
      return { code: 'x.party_member::text', label: 'NULL::text' };
    case 'young':
      return { code: 'x.young::text', label: 'NULL::text' };
    case 'managementScope':
      return { code: 'x.ms_code', label: 'x.ms_name' };
  }
}

/** FROM x with the year expansion (each year the training runs in within the period) and the child unit. */
function fromX(q: StatQuery, p: Params, dims: readonly statistics.StatDimension[]): string {
  let s = `FROM (${personTimes(q, p)}) x`;
  if (dims.includes('year')) {
    s += ` CROSS JOIN LATERAL generate_series(
        extract(year FROM GREATEST(x.start_date, $1::date))::int,
        extract(year FROM LEAST(x.end_date, $2::date))::int) AS yr(y)`;
  }
  if (dims.includes('unit')) {
    const root = p.add(q.subtreePath);
    s += ` JOIN units cu ON cu.path = CASE WHEN x.unit_path = ${root} THEN ${root}
        ELSE ${root} || split_part(substr(x.unit_path, length(${root}) + 1), '/', 1) || '/' END`;
  }
  return s;
}

function newParams(q: StatQuery): Params {
  const p = new Params();
  p.add(q.from);
  p.add(q.to);
  return p;
}

/** The SQL of a statistic's table (text and values), as statisticsTable runs it; the benchmark's baseline runs it through bare pg. */
export function statisticsTableSql(q: StatQuery): { text: string; values: unknown[] } {
  const p = newParams(q);
  const dims = q.groupBy.map(dimension);
  const from = fromX(q, p, q.groupBy);
  const codeCols = dims.map((d, i) => `${d.code} AS c${i}, ${d.label} AS l${i}`);
  const groupCols = dims.map((d) => `${d.code}, ${d.label}`);
  const text = `
    SELECT ${[...codeCols, 'count(*)::int AS person_times', 'count(DISTINCT x.person_id)::int AS people',
      'count(*) FILTER (WHERE x.young)::int AS young', `count(*) FILTER (WHERE x.gender = 'female')::int AS female`,
      'count(*) FILTER (WHERE x.minority)::int AS minority', 'count(*) FILTER (WHERE x.party_member)::int AS party_member'].join(', ')}
    ${from}
    ${groupCols.length > 0 ? `GROUP BY ${groupCols.join(', ')} ORDER BY ${dims.map((_, i) => `c${i}`).join(', ')}` : ''}`;
  return { text, values: p.values };
}

/** Rows of statisticsTableSql as the repository returns them. */
export function toTableRows(q: StatQuery, rows: Record<string, unknown>[]): StatTableRow[] {
  return rows.map((row) => ({
    codes: q.groupBy.map((_, i) => String(row[`c${i}`] ?? '')),
    labels: q.groupBy.map((_, i) => (row[`l${i}`] as string | null) ?? null),
    person_times: Number(row.person_times),
    people: Number(row.people),
    young: Number(row.young),
    female: Number(row.female),
    minority: Number(row.minority),
    party_member: Number(row.party_member),
  }));
}

/** The statistic's table: one row per group (no group-by: one row, the total), ordered by the codes. */
export async function statisticsTable(db: Queryable, q: StatQuery): Promise<StatTableRow[]> {
  const { text, values } = statisticsTableSql(q);
  return toTableRows(q, (await db.query<Record<string, unknown>>(text, values)).rows);
}

export interface StatDrillRowDb {
  source: 'class' | 'outside_training';
  fact_id: number;
  person_id: number;
  full_name: string;
  birth_date: string;
  gender: string;
  unit_name: string;
  programme_code: string;
  programme_name: string;
  mode: string;
  where: string;
  start_date: string;
  end_date: string;
  completed: boolean;
}

/**
 * The person-times behind one cell (`cell[i]` the code of `q.groupBy[i]`), paged by person name;
 * with their count and the distinct people among them. Under `year` a training is behind the cell
 * of every year it runs in.
 */
export async function statisticsDrill(
  db: Queryable,
  q: StatQuery,
  cell: readonly string[],
  limit: number,
  offset: number,
): Promise<{ rows: StatDrillRowDb[]; total: number; people: number }> {
  const p = newParams(q);
  const dims = q.groupBy.map(dimension);
  const from = fromX(q, p, q.groupBy);
  const conds = dims.map((d, i) => `${d.code} = ${p.add(cell[i] ?? '')}`);
  const where = conds.length > 0 ? `WHERE ${conds.join(' AND ')}` : '';
  const cte = `WITH cellx AS (SELECT x.* ${from} ${where})`;
  const counts = await db.query<{ total: number; people: number }>(
    `${cte} SELECT count(*)::int AS total, count(DISTINCT person_id)::int AS people FROM cellx`,
    p.values,
  );
  const lim = p.add(limit);
  const off = p.add(offset);
  const r = await db.query<StatDrillRowDb>(
    `${cte}
     SELECT cx.source, cx.fact_id, cx.person_id, pp.full_name, pp.birth_date, pp.gender, u.name AS unit_name, cx.programme_code, cx.programme_name,
       cx.mode, CASE WHEN cx.source = 'class' THEN (SELECT c.name FROM classes c WHERE c.id = cx.fact_id)
                     ELSE (SELECT ot.institution FROM outside_trainings ot WHERE ot.id = cx.fact_id) END AS "where",
       cx.start_date, cx.end_date, cx.completed
     FROM cellx cx JOIN people pp ON pp.id = cx.person_id JOIN units u ON u.id = pp.unit_id
     ORDER BY pp.sort_key, pp.id, cx.start_date, cx.source, cx.fact_id
     LIMIT ${lim} OFFSET ${off}`,
    p.values,
  );
  return { rows: r.rows, total: counts.rows[0]?.total ?? 0, people: counts.rows[0]?.people ?? 0 };
}

/** The young age limit in force on `on` (the latest setting valid from on or before it). */
export async function youngSetting(db: Queryable, on: string): Promise<{ underAge: number; source: string } | null> {
  const r = await db.query<{ young_under_age: number; source: string }>(
    'SELECT young_under_age, source FROM statistics_settings WHERE valid_from <= $1::date ORDER BY valid_from DESC LIMIT 1',
    [on],
  );
  const row = r.rows[0];
  return row ? { underAge: row.young_under_age, source: row.source } : null;
}

/** Person-times by year (each year a training runs in), for the dashboards: [from, to] in the subtree. */
export async function personTimesByYear(db: Queryable, q: Omit<StatQuery, 'groupBy'>): Promise<StatTableRow[]> {
  return statisticsTable(db, { ...q, groupBy: ['year'] });
}
