/**
 * Evaluation of results at two years and after (issue 11 point 4, docs/decisions/0052): the
 * registry facts of cohorts (graduates of classes) inside the windows the domain defines
 * (evaluationResults.evaluationWindows), for the graduates one row each and for comparable people
 * who did not attend the programme one row per class and stratum; and the evaluation campaigns with
 * their per-graduate assessments. Set-based: every cohort asked for is read in one statement.
 *
 * A stratum is (category, title level, age band) on the course's first day: the title of the
 * assignment covering that day ('none' without a title or without an assignment), its level; the
 * age in whole years. "Higher duties": an assignment started inside the events window whose title
 * ranks above the title held the day before (province titles above commune titles above no title;
 * within a level, the reference list's order, `titles.sort_order`, smaller is higher).
 *
 * Comparable people are read from `evaluation_spans` (migration 048, decision 0065): each person's
 * facts kept by triggers, one row per assignment; for many cohorts the spans are read once
 * (`listSpans`) and counted by the domain (evaluationResults.sumComparable).
 */
import type { evaluationResults } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { likeEscape } from './scope.js';

/** One cohort's windows (from the domain) and where its people are looked for: the domain's own shape. */
export type CohortWindow = evaluationResults.CohortDays;

const COHORTS = `c AS (
  SELECT * FROM unnest($1::int[], $2::text[], $3::date[], $4::int[], $5::int[], $6::int[], $7::int[], $8::date[], $9::date[])
    AS c(class_id, programme_code, match_on, bf, bt, af, at_, ef, et)
)`;

/** A title's rank (higher is higher): province above commune above none; within a level by sort_order. */
const RANK = (t: string) =>
  `(CASE WHEN ${t}.id IS NULL THEN 0 WHEN ${t}.level = 'province' THEN 2000 - ${t}.sort_order ELSE 1000 - ${t}.sort_order END)`;

/**
 * The facts of members (a CTE `m` with class_id, person_id and the `carried` columns, one row per
 * cohort and person), set-based: appraisals in the before and after years, a planning entry
 * approved, an assignment started by rotation or transfer, or to a higher title, inside the events
 * window; the leaving day. One UNION ALL of event rows grouped per member (no join of `m` with
 * itself, whose row estimate the planner cannot know). Defines the CTEs ev and f.
 */
function memberFacts(carried: readonly (readonly [string, string])[]): string {
  const own = carried.map(([col]) => `m.${col}`).join(', ');
  const none = carried.map(([col, type]) => `NULL::${type} AS ${col}`).join(', ');
  const kept = carried.map(([col]) => `max(ev.${col}) AS ${col}`).join(', ');
  return `
  ev AS (
    SELECT m.class_id, m.person_id, 0 AS kind, NULL::text AS cls, NULL::int AS yr, ${own} FROM m
    UNION ALL
    SELECT m.class_id, m.person_id, 1, a.classification, a.year, ${none}
    FROM m JOIN c ON c.class_id = m.class_id
    JOIN appraisals a ON a.person_id = m.person_id AND a.year BETWEEN least(c.bf, c.af) AND greatest(c.bt, c.at_)
    UNION ALL
    SELECT m.class_id, m.person_id, 2, NULL, NULL, ${none}
    FROM m JOIN c ON c.class_id = m.class_id
    JOIN planning_entries pe ON pe.person_id = m.person_id AND pe.approved_on BETWEEN c.ef AND c.et
    UNION ALL
    SELECT m.class_id, m.person_id, 3, NULL, NULL, ${none}
    FROM m JOIN c ON c.class_id = m.class_id
    JOIN assignments x ON x.person_id = m.person_id AND x.started_on BETWEEN c.ef AND c.et AND x.reason IN ('rotation', 'transfer')
    UNION ALL
    SELECT m.class_id, m.person_id, 4, NULL, NULL, ${none}
    FROM m JOIN c ON c.class_id = m.class_id
    JOIN assignments x ON x.person_id = m.person_id AND x.started_on BETWEEN c.ef AND c.et AND x.title_id IS NOT NULL
    JOIN titles xt ON xt.id = x.title_id
    WHERE ${RANK('xt')} > coalesce((
      SELECT ${RANK('yt')} FROM assignments y LEFT JOIN titles yt ON yt.id = y.title_id
      WHERE y.person_id = x.person_id AND y.started_on < x.started_on AND (y.ended_on IS NULL OR y.ended_on >= x.started_on - 1)
      ORDER BY y.started_on DESC LIMIT 1), 0)
  ),
  g AS (
    SELECT ev.class_id, ev.person_id, ${kept},
           coalesce(array_agg(ev.cls ORDER BY ev.yr) FILTER (WHERE ev.kind = 1 AND ev.yr BETWEEN c.bf AND c.bt), '{}') AS before,
           coalesce(array_agg(ev.cls ORDER BY ev.yr) FILTER (WHERE ev.kind = 1 AND ev.yr BETWEEN c.af AND c.at_), '{}') AS after,
           bool_or(ev.kind = 2) AS planned, bool_or(ev.kind = 3) AS rotated, bool_or(ev.kind = 4) AS promoted, c.et
    FROM ev JOIN c ON c.class_id = ev.class_id
    GROUP BY ev.class_id, ev.person_id, c.bf, c.bt, c.af, c.at_, c.et
  ),
  f AS (
    SELECT g.*, sl.left_on, (sl.left_on IS NOT NULL AND sl.left_on <= g.et) AS gone
    FROM g LEFT JOIN service_leavings sl ON sl.person_id = g.person_id
  )`;
}

function cohortParams(cohorts: readonly CohortWindow[]): unknown[] {
  return [
    cohorts.map((c) => c.classId),
    cohorts.map((c) => c.programmeCode),
    cohorts.map((c) => c.matchOn),
    cohorts.map((c) => c.beforeFrom),
    cohorts.map((c) => c.beforeTo),
    cohorts.map((c) => c.afterFrom),
    cohorts.map((c) => c.afterTo),
    cohorts.map((c) => c.eventsFrom),
    cohorts.map((c) => c.eventsTo),
  ];
}

/** The strata as parallel arrays, the parameters after the cohorts' and the path in both statements of the comparison. */
function strataParams(strata: readonly StratumOfCohort[]): unknown[] {
  return [
    strata.map((s) => s.classId),
    strata.map((s) => s.category),
    strata.map((s) => s.titleLevel),
    strata.map((s) => s.ageBand),
    strata.map((s) => s.bornAfter),
    strata.map((s) => s.bornUntil),
  ];
}

export interface GraduateFactsRow {
  class_id: number;
  person_id: number;
  full_name: string;
  unit_id: number;
  unit_name: string;
  category: string;
  title_level: string;
  birth_date: string;
  before: string[];
  after: string[];
  planned: boolean;
  rotated: boolean;
  promoted: boolean;
  left_on: string | null;
}

/**
 * The graduates (enrolments completed) of the cohorts whose current unit lies under `peoplePath`
 * ('/' for all), with their stratum and facts; by class, then name.
 */
export async function listGraduateFacts(db: Queryable, cohorts: readonly CohortWindow[], peoplePath: string): Promise<GraduateFactsRow[]> {
  if (cohorts.length === 0) return [];
  const r = await db.query<GraduateFactsRow>(
    `WITH ${COHORTS},
     m AS (
       SELECT c.class_id, p.id AS person_id, p.full_name, p.sort_key, u.id AS unit_id, u.name AS unit_name, p.category,
              coalesce(st.level, 'none') AS title_level, p.birth_date::text AS birth_date
       FROM c
       JOIN enrolments e ON e.class_id = c.class_id AND e.status = 'completed'
       JOIN people p ON p.id = e.person_id
       JOIN units u ON u.id = p.unit_id
       LEFT JOIN LATERAL (
         SELECT t.level FROM assignments y LEFT JOIN titles t ON t.id = y.title_id
         WHERE y.person_id = p.id AND y.started_on <= c.match_on AND (y.ended_on IS NULL OR y.ended_on >= c.match_on)
         ORDER BY y.started_on DESC LIMIT 1) st ON true
       WHERE u.path LIKE $10
     ),
     ${memberFacts([
       ['full_name', 'text'],
       ['sort_key', 'text'],
       ['unit_id', 'int'],
       ['unit_name', 'text'],
       ['category', 'text'],
       ['title_level', 'text'],
       ['birth_date', 'text'],
     ])}
     SELECT class_id, person_id, full_name, unit_id, unit_name, category, title_level, birth_date, before, after, planned, rotated, promoted, left_on
     FROM f ORDER BY class_id, sort_key, person_id`,
    [...cohortParams(cohorts), `${likeEscape(peoplePath)}%`],
  );
  return r.rows;
}

export interface ControlTotalsRow {
  class_id: number;
  category: string;
  title_level: string;
  age_band: string;
  people: number;
  left: number;
  before_rated: number;
  before_good: number;
  after_rated: number;
  after_good: number;
  planned: number;
  rotated: number;
  promoted: number;
}

/** A stratum of a cohort with its age band's birth dates on the course start (the domain's ageBandBirthBounds). */
export type StratumOfCohort = evaluationResults.StratumBounds;

/**
 * Comparable people of each cohort, summed per stratum, read from the kept `evaluation_spans`
 * (migration 048, decision 0065; the rule is decision 0052's, `sumControlsFromRecords` opens it from
 * the records and is the reference of the differential test): in service on the course's first day (an
 * assignment covers it, not left before it), never enrolled in the programme (any class, any status
 * but withdrawn), current unit under `peoplePath`, in one of the strata given (the graduates').
 * A person who left on or before the end of the events window counts in `left` and not in the
 * after-appraisals or the events (the domain's rule, evaluationResults.personOutcome).
 */
export async function sumControls(
  db: Queryable,
  cohorts: readonly CohortWindow[],
  strata: readonly StratumOfCohort[],
  peoplePath: string,
): Promise<ControlTotalsRow[]> {
  if (cohorts.length === 0 || strata.length === 0) return [];
  // Each member (class × stratum × span of the person covering the course start) is one row of
  // `evaluation_spans` found by the stratum index; its sums are read from the row's sorted arrays:
  // the number of elements of a sorted array within [a, b] is width_bucket(b) − width_bucket(a − 1).
  const within = (arr: string, from: string, to: string) => `(width_bucket(${to}, ${arr}) - width_bucket(${from} - 1, ${arr}))`;
  const r = await db.query<ControlTotalsRow>(
    `WITH ${COHORTS},
     s AS (
       SELECT * FROM unnest($11::int[], $12::text[], $13::text[], $14::text[], $15::date[], $16::date[])
         AS s(class_id, category, title_level, age_band, born_after, born_until)
     ),
     m AS (
       SELECT c.class_id, s.category, s.title_level, s.age_band, g.gone,
              ${within('x.rated', 'c.bf', 'c.bt')} AS br, ${within('x.good', 'c.bf', 'c.bt')} AS bg,
              CASE WHEN g.gone THEN 0 ELSE ${within('x.rated', 'c.af', 'c.at_')} END AS ar,
              CASE WHEN g.gone THEN 0 ELSE ${within('x.good', 'c.af', 'c.at_')} END AS ag,
              (NOT g.gone AND x.planned IS NOT NULL AND ${within('x.planned', 'c.ef', 'c.et')} > 0) AS pl,
              (NOT g.gone AND x.rotated IS NOT NULL AND ${within('x.rotated', 'c.ef', 'c.et')} > 0) AS ro,
              (NOT g.gone AND x.promoted IS NOT NULL AND ${within('x.promoted', 'c.ef', 'c.et')} > 0) AS pr
       FROM c
       JOIN s ON s.class_id = c.class_id
       JOIN evaluation_spans x ON x.category = s.category AND x.title_level = s.title_level
         AND x.birth_date > s.born_after AND x.birth_date <= s.born_until
         AND x.started_on <= c.match_on AND (x.ended_on IS NULL OR x.ended_on >= c.match_on)
       CROSS JOIN LATERAL (SELECT x.left_on IS NOT NULL AND x.left_on <= c.et AS gone) g
       WHERE (x.left_on IS NULL OR x.left_on >= c.match_on)
         AND NOT c.programme_code = ANY(x.programmes)
         AND ($10 = '/%' OR x.unit_id IN (SELECT u.id FROM units u WHERE u.path LIKE $10))
     )
     SELECT m.class_id, m.category, m.title_level, m.age_band,
            count(*)::int AS people,
            count(*) FILTER (WHERE gone)::int AS left,
            coalesce(sum(br), 0)::int AS before_rated,
            coalesce(sum(bg), 0)::int AS before_good,
            coalesce(sum(ar), 0)::int AS after_rated,
            coalesce(sum(ag), 0)::int AS after_good,
            count(*) FILTER (WHERE pl)::int AS planned,
            count(*) FILTER (WHERE ro)::int AS rotated,
            count(*) FILTER (WHERE pr)::int AS promoted
     FROM m
     GROUP BY m.class_id, m.category, m.title_level, m.age_band
     ORDER BY m.class_id, m.category, m.title_level, m.age_band`,
    [
      ...cohortParams(cohorts),
      `${likeEscape(peoplePath)}%`,
      ...strataParams(strata),
    ],
  );
  return r.rows;
}

export interface SpanColumns {
  group: string[];
  birth: number[];
  from: number[];
  to: number[];
  left: number[];
  programmes: string[];
  rated: string[];
  good: string[];
  planned: string[];
  rotated: string[];
  promoted: string[];
}

/**
 * The kept spans (`evaluation_spans`) that may be members of the cohorts, in flat arrays (one entry
 * per span; days since 1970-01-01; lists as space-separated text, '' when empty): categories asked
 * for, current unit under `peoplePath`, an assignment overlapping the cohorts' first days and a
 * person not left before the earliest of them. For the domain's count of many cohorts at once
 * (evaluationResults.sumComparable).
 */
export async function listSpans(
  db: Queryable,
  q: { categories: readonly string[]; firstDay: string; lastDay: string; peoplePath: string },
): Promise<SpanColumns> {
  const days = (col: string) => `coalesce(array_to_string(ARRAY(SELECT d - DATE '1970-01-01' FROM unnest(x.${col}) d), ' '), '')`;
  const r = await db.query<{ g: string[] | null } & Record<string, unknown[] | null>>(
    `SELECT array_agg(x.category || '|' || x.title_level) AS g,
            array_agg(x.birth_date - DATE '1970-01-01') AS birth,
            array_agg(x.started_on - DATE '1970-01-01') AS f,
            array_agg(coalesce(x.ended_on - DATE '1970-01-01', 2147483647)) AS t,
            array_agg(coalesce(x.left_on - DATE '1970-01-01', 2147483647)) AS l,
            array_agg(array_to_string(x.programmes, ' ')) AS programmes,
            array_agg(array_to_string(x.rated, ' ')) AS rated,
            array_agg(array_to_string(x.good, ' ')) AS good,
            array_agg(CASE WHEN x.planned IS NULL THEN '' ELSE ${days('planned')} END) AS planned,
            array_agg(CASE WHEN x.rotated IS NULL THEN '' ELSE ${days('rotated')} END) AS rotated,
            array_agg(CASE WHEN x.promoted IS NULL THEN '' ELSE ${days('promoted')} END) AS promoted
     FROM evaluation_spans x
     WHERE x.category = ANY($1::text[]) AND x.started_on <= $3::date AND (x.ended_on IS NULL OR x.ended_on >= $2::date)
       AND (x.left_on IS NULL OR x.left_on >= $2::date)
       AND ($4 = '/%' OR x.unit_id IN (SELECT u.id FROM units u WHERE u.path LIKE $4))`,
    [q.categories, q.firstDay, q.lastDay, `${likeEscape(q.peoplePath)}%`],
  );
  const row = r.rows[0]!;
  const ints = (k: string) => ((row[k] ?? []) as (string | number)[]).map(Number);
  const texts = (k: string) => (row[k] ?? []) as string[];
  return {
    group: (row.g ?? []) as string[],
    birth: ints('birth'),
    from: ints('f'),
    to: ints('t'),
    left: ints('l'),
    programmes: texts('programmes'),
    rated: texts('rated'),
    good: texts('good'),
    planned: texts('planned'),
    rotated: texts('rotated'),
    promoted: texts('promoted'),
  };
}

/**
 * The same sums as `sumControls`, opened from the records on the spot (decision 0052's statement,
 * before the kept `evaluation_spans` of decision 0065): the reference the differential test and the
 * bench compare the kept path with.
 */
export async function sumControlsFromRecords(
  db: Queryable,
  cohorts: readonly CohortWindow[],
  strata: readonly StratumOfCohort[],
  peoplePath: string,
): Promise<ControlTotalsRow[]> {
  if (cohorts.length === 0 || strata.length === 0) return [];
  // Each person's facts are read once, into one row (appraisals as bit masks of years, events as
  // arrays of days, the programmes enrolled in); the members `m` (class × stratum × person) are then
  // summed per class and stratum (GROUP BY) from that row alone, with no further join per member.
  const bits = (mask: string, from: string, to: string) =>
    `bit_count(((${mask} >> (${from} - yb.base)) & ((1::bigint << (${to} - ${from} + 1)) - 1))::bit(64))::int`;
  const r = await db.query<ControlTotalsRow>(
    `WITH ${COHORTS},
     s AS (
       SELECT * FROM unnest($11::int[], $12::text[], $13::text[], $14::text[], $15::date[], $16::date[])
         AS s(class_id, category, title_level, age_band, born_after, born_until)
     ),
     span AS (SELECT min(ef) AS ef, max(et) AS et FROM c),
     yb AS (SELECT least(min(bf), min(af)) AS base, greatest(max(bt), max(at_)) AS top FROM c),
     ap AS (
       SELECT a.person_id, bit_or(1::bigint << (a.year - yb.base)) AS rated,
              coalesce(bit_or(1::bigint << (a.year - yb.base)) FILTER (WHERE a.classification IN ('excellent', 'good')), 0) AS good
       FROM appraisals a, yb WHERE a.year BETWEEN yb.base AND yb.top
       GROUP BY a.person_id
     ),
     evp AS (
       SELECT person_id, array_agg(on_) FILTER (WHERE kind = 2) AS planned, array_agg(on_) FILTER (WHERE kind = 3) AS rotated,
              array_agg(on_) FILTER (WHERE kind = 4) AS promoted
       FROM (
         SELECT pe.person_id, 2 AS kind, pe.approved_on AS on_
         FROM planning_entries pe, span WHERE pe.approved_on BETWEEN span.ef AND span.et
         UNION ALL
         SELECT x.person_id, 3, x.started_on
         FROM assignments x, span WHERE x.started_on BETWEEN span.ef AND span.et AND x.reason IN ('rotation', 'transfer')
         UNION ALL
         SELECT x.person_id, 4, x.started_on
         FROM assignments x JOIN titles xt ON xt.id = x.title_id, span
         WHERE x.started_on BETWEEN span.ef AND span.et
           AND ${RANK('xt')} > coalesce((
             SELECT ${RANK('yt')} FROM assignments y LEFT JOIN titles yt ON yt.id = y.title_id
             WHERE y.person_id = x.person_id AND y.started_on < x.started_on AND (y.ended_on IS NULL OR y.ended_on >= x.started_on - 1)
             ORDER BY y.started_on DESC LIMIT 1), 0)
       ) ev
       GROUP BY person_id
     ),
     en AS (
       SELECT person_id, array_agg(DISTINCT programme_code) AS programmes FROM enrolments
       WHERE status <> 'withdrawn' AND programme_code IN (SELECT programme_code FROM c)
       GROUP BY person_id
     ),
     pp AS MATERIALIZED (
       SELECT p.id AS person_id, p.category, p.birth_date, sl.left_on, en.programmes,
              coalesce(ap.rated, 0) AS rated, coalesce(ap.good, 0) AS good, evp.planned, evp.rotated, evp.promoted
       FROM people p JOIN units u ON u.id = p.unit_id
       LEFT JOIN service_leavings sl ON sl.person_id = p.id
       LEFT JOIN en ON en.person_id = p.id
       LEFT JOIN ap ON ap.person_id = p.id
       LEFT JOIN evp ON evp.person_id = p.id
       WHERE u.path LIKE $10 AND p.category = ANY($12::text[])
     ),
     m AS (
       SELECT c.class_id, s.category, s.title_level, s.age_band, pp.person_id, pp.rated, pp.good, pp.planned, pp.rotated, pp.promoted, c.bf, c.bt, c.af, c.at_, c.ef, c.et,
              (pp.left_on IS NOT NULL AND pp.left_on <= c.et) AS gone
       FROM c
       JOIN s ON s.class_id = c.class_id
       JOIN pp ON pp.category = s.category AND pp.birth_date > s.born_after AND pp.birth_date <= s.born_until
       JOIN assignments y ON y.person_id = pp.person_id AND y.started_on <= c.match_on AND (y.ended_on IS NULL OR y.ended_on >= c.match_on)
       LEFT JOIN titles t ON t.id = y.title_id
       WHERE coalesce(t.level, 'none') = s.title_level
         AND (pp.left_on IS NULL OR pp.left_on >= c.match_on)
         AND (pp.programmes IS NULL OR NOT c.programme_code = ANY(pp.programmes))
     )
     SELECT m.class_id, m.category, m.title_level, m.age_band,
            count(*)::int AS people,
            count(*) FILTER (WHERE gone)::int AS left,
            coalesce(sum(${bits('rated', 'bf', 'bt')}), 0)::int AS before_rated,
            coalesce(sum(${bits('good', 'bf', 'bt')}), 0)::int AS before_good,
            coalesce(sum(${bits('rated', 'af', 'at_')}) FILTER (WHERE NOT gone), 0)::int AS after_rated,
            coalesce(sum(${bits('good', 'af', 'at_')}) FILTER (WHERE NOT gone), 0)::int AS after_good,
            count(*) FILTER (WHERE NOT gone AND planned IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(planned) d WHERE d BETWEEN ef AND et))::int AS planned,
            count(*) FILTER (WHERE NOT gone AND rotated IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(rotated) d WHERE d BETWEEN ef AND et))::int AS rotated,
            count(*) FILTER (WHERE NOT gone AND promoted IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(promoted) d WHERE d BETWEEN ef AND et))::int AS promoted
     FROM m, yb
     GROUP BY m.class_id, m.category, m.title_level, m.age_band
     ORDER BY m.class_id, m.category, m.title_level, m.age_band`,
    [
      ...cohortParams(cohorts),
      `${likeEscape(peoplePath)}%`,
      ...strataParams(strata),
    ],
  );
  return r.rows;
}

// ---------- the cohorts ----------

export interface CohortClassRow {
  id: number;
  name: string;
  cohort_code: string;
  programme_code: string;
  programme_name: string;
  start_date: string;
  end_date: string;
  organiser_unit_id: number;
  organiser_path: string;
  graduates: number;
}

/** Classes that have graduates, ending between `from` and `to` (inclusive), of a programme when given; latest first. */
export async function listCohortClasses(
  db: Queryable,
  q: { programmeCode?: string | null; from?: string | null; to?: string | null; classId?: number | null; limit?: number },
): Promise<CohortClassRow[]> {
  const r = await db.query<CohortClassRow>(
    `SELECT k.id, k.name, k.cohort_code, k.programme_code, pr.name AS programme_name, k.start_date, k.end_date,
            k.organiser_unit_id, ou.path AS organiser_path,
            (SELECT count(*) FROM enrolments e WHERE e.class_id = k.id AND e.status = 'completed')::int AS graduates
     FROM classes k JOIN programmes pr ON pr.code = k.programme_code JOIN units ou ON ou.id = k.organiser_unit_id
     WHERE ($1::text IS NULL OR k.programme_code = $1) AND ($2::date IS NULL OR k.end_date >= $2)
       AND ($3::date IS NULL OR k.end_date <= $3) AND ($4::int IS NULL OR k.id = $4)
       AND EXISTS (SELECT 1 FROM enrolments e WHERE e.class_id = k.id AND e.status = 'completed')
     ORDER BY k.end_date DESC, k.id DESC
     LIMIT $5`,
    [q.programmeCode ?? null, q.from ?? null, q.to ?? null, q.classId ?? null, q.limit ?? 1000],
  );
  return r.rows;
}

// ---------- campaigns ----------

export interface CampaignRow {
  id: number;
  /** The class of a class campaign; null for a programme campaign (migration 049). */
  class_id: number | null;
  class_name: string | null;
  programme_code: string;
  programme_name: string;
  start_date: string | null;
  end_date: string | null;
  /** The period of a programme campaign. */
  period_from: string | null;
  period_to: string | null;
  /** The class's organiser, or the unit that runs a programme campaign. */
  organiser_path: string;
  status: string;
  due_on: string;
  note: string | null;
  summary: unknown;
  opened_by_name: string | null;
  opened_at: string;
  closed_at: string | null;
  version: number;
  graduates: number;
  assessed: number;
  class_count: number;
}

const CAMPAIGN_SELECT = `
  SELECT g.id, g.class_id, k.name AS class_name, pr.code AS programme_code, pr.name AS programme_name, k.start_date, k.end_date,
         g.period_from, g.period_to,
         COALESCE(ou.path, gu.path) AS organiser_path, g.status, g.due_on, g.note, g.summary, u.display_name AS opened_by_name, g.opened_at, g.closed_at, g.version,
         (SELECT count(*) FROM evaluation_assessments a WHERE a.campaign_id = g.id)::int AS graduates,
         (SELECT count(*) FROM evaluation_assessments a WHERE a.campaign_id = g.id AND a.assessed_at IS NOT NULL)::int AS assessed,
         CASE WHEN g.class_id IS NOT NULL THEN 1 ELSE (SELECT count(*) FROM evaluation_campaign_classes cc WHERE cc.campaign_id = g.id)::int END AS class_count
  FROM evaluation_campaigns g
  LEFT JOIN classes k ON k.id = g.class_id
  JOIN programmes pr ON pr.code = COALESCE(g.programme_code, k.programme_code)
  LEFT JOIN units ou ON ou.id = k.organiser_unit_id
  LEFT JOIN units gu ON gu.id = g.organiser_unit_id
  LEFT JOIN users u ON u.id = g.opened_by`;

/** Campaigns, newest first; with `unitPath`, only those with a graduate whose unit (at opening) lies under it. */
export async function listCampaigns(db: Queryable, unitPath: string | null): Promise<CampaignRow[]> {
  const r = await db.query<CampaignRow>(
    `${CAMPAIGN_SELECT}
     WHERE $1::text IS NULL OR EXISTS (
       SELECT 1 FROM evaluation_assessments a JOIN units au ON au.id = a.unit_id WHERE a.campaign_id = g.id AND au.path LIKE $1)
     ORDER BY g.opened_at DESC, g.id DESC LIMIT 500`,
    [unitPath === null ? null : `${likeEscape(unitPath)}%`],
  );
  return r.rows;
}

export async function findCampaign(db: Queryable, id: number, lock = false): Promise<CampaignRow | null> {
  if (lock) await db.query('SELECT id FROM evaluation_campaigns WHERE id = $1 FOR UPDATE', [id]);
  const r = await db.query<CampaignRow>(`${CAMPAIGN_SELECT} WHERE g.id = $1`, [id]);
  return r.rows[0] ?? null;
}

export async function campaignOfClass(db: Queryable, classId: number): Promise<number | null> {
  const r = await db.query<{ id: number }>('SELECT id FROM evaluation_campaigns WHERE class_id = $1', [classId]);
  return r.rows[0]?.id ?? null;
}

export interface CampaignWrite {
  classId: number;
  dueOn: string;
  note: string | null;
  summary: unknown;
  openedBy: number;
}

/** Inserts the campaign; null when the class has one already (the unique class_id). */
export async function insertCampaign(tx: Queryable, w: CampaignWrite): Promise<number | null> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO evaluation_campaigns (class_id, due_on, note, summary, opened_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (class_id) DO NOTHING RETURNING id`,
    [w.classId, w.dueOn, w.note, JSON.stringify(w.summary), w.openedBy],
  );
  return r.rows[0]?.id ?? null;
}

export interface AssessmentSeed {
  personId: number;
  unitId: number;
  /** The class the person graduated from. */
  classId: number;
  facts: unknown;
}

export async function insertAssessments(tx: Queryable, campaignId: number, seeds: readonly AssessmentSeed[]): Promise<void> {
  if (seeds.length === 0) return;
  await tx.query(
    `INSERT INTO evaluation_assessments (campaign_id, person_id, unit_id, class_id, facts)
     SELECT $1, x.person_id, x.unit_id, x.class_id, x.facts::jsonb
     FROM unnest($2::int[], $3::int[], $4::int[], $5::text[]) AS x(person_id, unit_id, class_id, facts)`,
    [campaignId, seeds.map((s) => s.personId), seeds.map((s) => s.unitId), seeds.map((s) => s.classId), seeds.map((s) => JSON.stringify(s.facts))],
  );
}

// ---------- programme campaigns (branch lecturer-views, migration 049, decision 0066) ----------

/**
 * Locks the programme's row for the rest of the transaction (two programme campaigns opened at
 * once for overlapping periods are serialised on it); false when there is no such programme.
 */
export async function lockProgramme(tx: Queryable, code: string): Promise<boolean> {
  const r = await tx.query('SELECT code FROM programmes WHERE code = $1 FOR UPDATE', [code]);
  return r.rows.length > 0;
}

/** The open campaigns of the programme whose period overlaps [from, to]. */
export async function findOverlappingOpenCampaigns(tx: Queryable, programmeCode: string, from: string, to: string): Promise<{ id: number; period_from: string; period_to: string }[]> {
  const r = await tx.query<{ id: number; period_from: string; period_to: string }>(
    `SELECT id, period_from, period_to FROM evaluation_campaigns
     WHERE programme_code = $1 AND status = 'open' AND period_from <= $3::date AND period_to >= $2::date ORDER BY id`,
    [programmeCode, from, to],
  );
  return r.rows;
}

export interface ProgrammeCampaignWrite {
  programmeCode: string;
  from: string;
  to: string;
  organiserUnitId: number;
  classIds: readonly number[];
  dueOn: string;
  note: string | null;
  summary: unknown;
  openedBy: number;
}

export async function insertProgrammeCampaign(tx: Queryable, w: ProgrammeCampaignWrite): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO evaluation_campaigns (programme_code, period_from, period_to, organiser_unit_id, due_on, note, summary, opened_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [w.programmeCode, w.from, w.to, w.organiserUnitId, w.dueOn, w.note, JSON.stringify(w.summary), w.openedBy],
  );
  const id = r.rows[0]!.id;
  await tx.query('INSERT INTO evaluation_campaign_classes (campaign_id, class_id) SELECT $1, unnest($2::int[])', [id, w.classIds]);
  return id;
}

export interface CampaignClassRow {
  id: number;
  name: string;
  start_date: string;
  end_date: string;
}

/** The classes a campaign covers (its class, or a programme campaign's), latest end first. */
export async function listCampaignClasses(db: Queryable, campaignId: number): Promise<CampaignClassRow[]> {
  const r = await db.query<CampaignClassRow>(
    `SELECT k.id, k.name, k.start_date, k.end_date FROM classes k
     WHERE k.id IN (SELECT class_id FROM evaluation_campaigns WHERE id = $1 AND class_id IS NOT NULL
                    UNION SELECT class_id FROM evaluation_campaign_classes WHERE campaign_id = $1)
     ORDER BY k.end_date DESC, k.id DESC`,
    [campaignId],
  );
  return r.rows;
}

export async function closeCampaign(tx: Queryable, id: number, closedBy: number, summary: unknown): Promise<void> {
  await tx.query(
    `UPDATE evaluation_campaigns SET status = 'closed', closed_by = $2, closed_at = now(), summary = $3, version = version + 1 WHERE id = $1`,
    [id, closedBy, JSON.stringify(summary)],
  );
}

export interface AssessmentRow {
  campaign_id: number;
  class_id: number;
  class_name: string;
  person_id: number;
  full_name: string;
  birth_date: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  facts: unknown;
  applies_knowledge: string | null;
  work_change: string | null;
  comment: string | null;
  assessed_by_name: string | null;
  assessed_at: string | null;
}

const ASSESSMENT_SELECT = `
  SELECT a.campaign_id, a.class_id, ac.name AS class_name, a.person_id, p.full_name, p.birth_date, a.unit_id, u.name AS unit_name, u.path AS unit_path, a.facts,
         a.applies_knowledge, a.work_change, a.comment, ub.display_name AS assessed_by_name, a.assessed_at
  FROM evaluation_assessments a
  JOIN people p ON p.id = a.person_id
  JOIN units u ON u.id = a.unit_id
  JOIN classes ac ON ac.id = a.class_id
  LEFT JOIN users ub ON ub.id = a.assessed_by`;

/** A campaign's assessments whose unit lies under `unitPath` ('/' for all), by unit then name. */
export async function listAssessments(db: Queryable, campaignId: number, unitPath: string): Promise<AssessmentRow[]> {
  const r = await db.query<AssessmentRow>(
    `${ASSESSMENT_SELECT} WHERE a.campaign_id = $1 AND u.path LIKE $2 ORDER BY u.name, p.sort_key, p.id`,
    [campaignId, `${likeEscape(unitPath)}%`],
  );
  return r.rows;
}

export async function findAssessment(db: Queryable, campaignId: number, personId: number): Promise<AssessmentRow | null> {
  const r = await db.query<AssessmentRow>(`${ASSESSMENT_SELECT} WHERE a.campaign_id = $1 AND a.person_id = $2`, [campaignId, personId]);
  return r.rows[0] ?? null;
}

export interface AssessmentWrite {
  appliesKnowledge: string;
  workChange: string;
  comment: string | null;
  assessedBy: number;
}

export async function updateAssessment(tx: Queryable, campaignId: number, personId: number, w: AssessmentWrite): Promise<void> {
  await tx.query(
    `UPDATE evaluation_assessments SET applies_knowledge = $3, work_change = $4, comment = $5, assessed_by = $6, assessed_at = now()
     WHERE campaign_id = $1 AND person_id = $2`,
    [campaignId, personId, w.appliesKnowledge, w.workChange, w.comment, w.assessedBy],
  );
}

export interface OwedRow extends AssessmentRow {
  due_on: string;
}

/** The assessments of open campaigns a unit subtree owes (not yet given), by due date. */
export async function listOwed(db: Queryable, unitPath: string): Promise<OwedRow[]> {
  const r = await db.query<OwedRow>(
    `SELECT q.*, g.due_on FROM (${ASSESSMENT_SELECT} WHERE u.path LIKE $1 AND a.assessed_at IS NULL) q
     JOIN evaluation_campaigns g ON g.id = q.campaign_id AND g.status = 'open'
     ORDER BY g.due_on, g.id, q.unit_name, q.full_name LIMIT 1000`,
    [`${likeEscape(unitPath)}%`],
  );
  return r.rows;
}
