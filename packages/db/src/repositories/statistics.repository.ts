/**
 * Training statistics (issue 10, docs/decisions/0047): person-times and distinct people trained.
 *
 * What counts as trained is plans' realisation (decision 0030): the facts of
 * `plansRepo.REALISATION_SOURCES` running in the period, opened into person-times — each live
 * enrolment (not withdrawn) of a class fact, the person of an outside-training fact. Since decision
 * 0056 those person-times are kept as rows in `stat_person_times` by triggers (migration 039) and
 * every statistic reads them there; the records' form (`'records'`) is kept as the reference the
 * differential tests compare with. The pure model of this query is `statistics.group` in the domain.
 *
 * Stable for the report forms (branch `reports`): `statisticsTable(db, q)` with `q: StatQuery`.
 * Add optional fields; do not rename.
 */
import type { statistics } from '@nang-tam/domain';
import type { Db, Queryable } from '../create-db.js';
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
 * Where person-times are read from: `facts` — the table `stat_person_times` the triggers keep equal to
 * the records (migration 039, decision 0056), what every statistic reads; `records` — plans' realisation
 * facts opened on the spot (REALISATION_SOURCES × live enrolments), the reference the differential test
 * and the benchmark's baseline compare with.
 */
export type PersonTimesSource = 'facts' | 'records';

/** The person-times from plans' realisation facts, opened on the spot (columns as stat_person_times has them). */
function factsFromRecords(): string {
  const union = REALISATION_SOURCES.map((s) => `(${s})`).join(' UNION ALL ');
  return `
      SELECT f.*, p.unit_id AS person_unit_id, p.gender, eth.minority, p.birth_date, p.party_joined_on, p.management_scope_id
      FROM (
        SELECT f.source, f.id AS fact_id, e.person_id, f.programme_code, f.mode, f.start_date, f.end_date,
          f.completed AND e.status = 'completed' AS graduated, false AS abroad, f.organiser_path
        FROM (${union}) f JOIN enrolments e ON e.class_id = f.id AND e.status <> 'withdrawn'
        WHERE f.source = 'class'
        UNION ALL
        SELECT f.source, f.id, o.person_id, f.programme_code, f.mode, f.start_date, f.end_date,
          COALESCE(f.completed AND o.result = 'graduated', false), o.country IS NOT NULL, f.organiser_path
        FROM (${union}) f JOIN outside_trainings o ON o.id = f.id
        WHERE f.source = 'outside_training'
      ) f
      JOIN people p ON p.id = f.person_id
      JOIN ethnicities eth ON eth.code = p.ethnicity_code`;
}

/**
 * The person-times of the period as rows `x` (one per fact and person), with every dimension's
 * inputs, restricted to the subtree, the basis and the filters. `$1`, `$2` are from and to.
 */
function personTimes(q: StatQuery, p: Params, source: PersonTimesSource, withYears: boolean, only?: readonly string[]): string {
  const conds: string[] = [];
  const pathCol = q.unitBasis === 'organiser' ? ORGANISER_PATH[source] : 'pu.path';
  conds.push(`${pathCol} LIKE ${p.add(`${likeEscape(q.subtreePath)}%`)}`);
  if (q.basis === 'completed') conds.push('f.graduated');
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
  if (f.gender !== undefined) conds.push(`f.gender = ${p.add(f.gender)}`);
  if (f.ethnicMinority !== undefined) conds.push(`f.minority = ${p.add(f.ethnicMinority)}`);
  if (f.partyMember !== undefined) conds.push(`${PARTY} = ${p.add(f.partyMember)}`);
  // the young age is a parameter only where it is read (an unread parameter has no type)
  const readsYoung = f.young !== undefined || only === undefined || only.includes('young');
  const young = readsYoung ? `(f.birth_date > (f.start_date - make_interval(years => ${p.add(q.youngUnderAge)}::int))::date)` : 'NULL::boolean';
  if (f.young !== undefined) conds.push(`${young} = ${p.add(f.young)}`);
  const facts =
    source === 'facts'
      ? `stat_person_times f ${q.unitBasis === 'organiser' ? 'LEFT JOIN units ou ON ou.id = f.organiser_unit_id' : ''}`
      : `(${factsFromRecords()}) f`;
  // the facts table holds every period: the period's bounds are read here (the records' form has them in its sources)
  if (source === 'facts') conds.unshift('f.start_date <= $2::date', 'f.end_date >= $1::date');
  // with the dimension year: each training opened into the years of the period it runs in, `y` (a
  // set-returning function in the select list: one or two rows per training, where a join to the
  // period's years tested ten)
  const years = withYears
    ? `, generate_series(extract(year FROM GREATEST(f.start_date, $1::date))::int, extract(year FROM LEAST(f.end_date, $2::date))::int) AS y`
    : '';
  const cols: [string, string][] = [
    ['source', 'f.source'],
    ['fact_id', 'f.fact_id'],
    ['person_id', 'f.person_id'],
    ['programme_code', 'f.programme_code'],
    ['programme_name', 'pr.name'],
    ['programme_kind', 'pr.kind'],
    ['programme_level', `COALESCE(pr.level, '')`],
    ['mode', 'f.mode'],
    ['organiser_type', ORGANISER_TYPE],
    ['start_date', 'f.start_date'],
    ['end_date', 'f.end_date'],
    ['completed', 'f.graduated'],
    ['unit_path', pathCol],
    ['gender', 'f.gender'],
    ['minority', 'f.minority'],
    ['party_member', PARTY],
    ['young', young],
    ['ms_code', `COALESCE(ms.code, '')`],
    ['ms_name', 'ms.name'],
  ];
  // only the columns the caller reads (a statistic's table: its dimensions and counters), so that
  // nothing else is computed per person-time
  const select = cols.filter(([name]) => only === undefined || only.includes(name)).map(([name, expr]) => `${expr} AS ${name}`);
  // programmes is joined LEFT on its key (every fact's programme exists): unread, the join is dropped
  return `
    SELECT ${select.join(', ')}${years}
    FROM ${facts}
    JOIN units pu ON pu.id = f.person_unit_id
    LEFT JOIN management_scopes ms ON ms.id = f.management_scope_id
    LEFT JOIN programmes pr ON pr.code = f.programme_code
    WHERE ${conds.join(' AND ')}`;
}

/** The organiser's path: the class's organiser; an outside record's line organiser, else the person's unit. */
const ORGANISER_PATH: Record<PersonTimesSource, string> = { facts: 'COALESCE(ou.path, pu.path)', records: 'f.organiser_path' };
/** A class's organiser is its programme's organiser type; an outside record is abroad or an outside institution. */
const ORGANISER_TYPE = `(CASE WHEN f.source = 'class' THEN pr.organiser_type WHEN f.abroad THEN 'abroad' ELSE 'outside_institution' END)`;
/** A party member on the training's start date. */
const PARTY = '(f.party_joined_on IS NOT NULL AND f.party_joined_on <= f.start_date)';

/** The columns of `x` a dimension reads. */
const DIMENSION_COLUMNS: Record<statistics.StatDimension, readonly string[]> = {
  year: [],
  programme: ['programme_code', 'programme_name'],
  programmeKind: ['programme_kind'],
  programmeLevel: ['programme_level'],
  mode: ['mode'],
  organiserType: ['organiser_type'],
  source: ['source'],
  unit: ['unit_path'],
  gender: ['gender'],
  ethnicMinority: ['minority'],
  partyMember: ['party_member'],
  young: ['young'],
  managementScope: ['ms_code', 'ms_name'],
};
/** The columns of `x` a statistic's counters read. */
const COUNTER_COLUMNS = ['person_id', 'young', 'gender', 'minority', 'party_member'];

/** Code and label expressions of a dimension over `x` (and `cu`). */
function dimension(d: statistics.StatDimension): { code: string; label: string } {
  switch (d) {
    case 'year':
      return { code: 'x.y::text', label: 'NULL::text' };
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

/** FROM x with the year expansion (each year the training runs in within the period, `x.y`) and the child unit. */
function fromX(q: StatQuery, p: Params, dims: readonly statistics.StatDimension[], source: PersonTimesSource = 'facts', only?: readonly string[]): string {
  let s = `FROM (${personTimes(q, p, source, dims.includes('year'), only)}) x`;
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

/**
 * The SQL of a statistic's table (text and values), as statisticsTable runs it (`facts`); with
 * `records`, the same statistic opened from the records on the spot — the differential test's and the
 * benchmark's reference.
 */
export function statisticsTableSql(q: StatQuery, source: PersonTimesSource = 'facts'): { text: string; values: unknown[] } {
  const p = newParams(q);
  const dims = q.groupBy.map(dimension);
  const only = [...COUNTER_COLUMNS, ...q.groupBy.flatMap((d) => DIMENSION_COLUMNS[d])];
  const from = fromX(q, p, q.groupBy, source, only);
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

/**
 * Runs a statistic's statement on PostgreSQL with JIT compilation off (in a read-only transaction):
 * on a 100,000-row aggregate, compiling its expressions cost seconds more than it saved (measured:
 * 8.6 s of JIT for a 4 s query). PGlite has no JIT; a transaction given in runs as is.
 */
export async function runWithoutJit<T>(db: Queryable, text: string, values: unknown[]): Promise<T[]> {
  const d = db as Partial<Db>;
  if (d.kind === 'postgres' && typeof d.transaction === 'function') {
    return d.transaction(async (tx) => {
      await tx.query('SET LOCAL jit = off');
      // distinct people per group sort every person-time: in memory rather than in batches on disk
      await tx.query("SET LOCAL work_mem = '64MB'");
      return (await tx.query<T>(text, values)).rows;
    });
  }
  return (await db.query<T>(text, values)).rows;
}

/** The statistic's table: one row per group (no group-by: one row, the total), ordered by the codes. */
export async function statisticsTable(db: Queryable, q: StatQuery): Promise<StatTableRow[]> {
  const { text, values } = statisticsTableSql(q);
  return toTableRows(q, await runWithoutJit<Record<string, unknown>>(db, text, values));
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
  const qn = narrowToYear(q, cell);
  const cellWhere = (p: Params) => {
    const conds = q.groupBy.map(dimension).map((d, i) => `${d.code} = ${p.add(cell[i] ?? '')}`);
    return conds.length > 0 ? `WHERE ${conds.join(' AND ')}` : '';
  };
  // the cell's counts (only the columns its conditions and counters read) and its page, side by side
  const pc = newParams(qn);
  const countFrom = fromX(qn, pc, q.groupBy, 'facts', ['person_id', ...q.groupBy.flatMap((d) => DIMENSION_COLUMNS[d])]);
  const countsP = runWithoutJit<{ total: number; people: number }>(
    db,
    `SELECT count(*)::int AS total, count(DISTINCT x.person_id)::int AS people ${countFrom} ${cellWhere(pc)}`,
    pc.values,
  );
  const p = newParams(qn);
  const cte = `WITH cellx AS (SELECT x.* ${fromX(qn, p, q.groupBy)} ${cellWhere(p)})`;
  const lim = p.add(limit);
  const off = p.add(offset);
  const rowsP = runWithoutJit<StatDrillRowDb>(
    db,
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
  const [[counts], rows] = await Promise.all([countsP, rowsP]);
  return { rows, total: counts?.total ?? 0, people: counts?.people ?? 0 };
}

/**
 * A cell of year Y holds the trainings running in Y within the period: the same as those running in
 * [max(from, Y-01-01), min(to, Y-12-31)], whose years within it are Y alone. The drill-down reads
 * that one year instead of opening every year of the period and keeping Y.
 */
function narrowToYear(q: StatQuery, cell: readonly string[]): StatQuery {
  const i = q.groupBy.indexOf('year');
  const y = i < 0 ? undefined : cell[i];
  if (y === undefined || !/^\d{4}$/.test(y)) return q;
  const from = q.from > `${y}-01-01` ? q.from : `${y}-01-01`;
  const to = q.to < `${y}-12-31` ? q.to : `${y}-12-31`;
  return from <= to ? { ...q, from, to } : q;
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
