/**
 * The facts the rules engine reads (`rules.PersonFacts`), for one person or streamed in chunks for
 * a whole unit subtree. Set-based: one query lists the ids, then each chunk of ids is loaded in one
 * query whose sub-records (qualifications, planning, appraisals, enrolments, first assignment) are
 * aggregated per person into compact delimited strings, so a chunk costs a few index range scans
 * and hash joins, never one query per person.
 *
 * SQL pre-filters (`eligibilityCondition`, `gapTargetsCondition`) narrow the people loaded to those
 * a rule set could possibly pass or a standard could apply to. Each pre-filter is a necessary
 * condition only (it drops nobody the engine would not fail for certain); the engine still
 * decides every answer, so answers with and without the pre-filter are identical (tested).
 */
import { addYears, birthDateBounds, rules, type Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { Params, likeEscape, scopeCondition } from './scope.js';

// ---------- what to load ----------

export interface FactsOptions {
  /** Qualification kinds to load; null for every kind. */
  kinds: readonly string[] | null;
  /** Load the field of each qualification (field-matching rules only). */
  withFields: boolean;
  /** Appraisal years to load (inclusive); null for every year, 'none' for none. */
  appraisalYears: { from: number; to: number } | null | 'none';
  /** Load the first assignment's start (service-years rules only). */
  withServiceStart: boolean;
}

/** Everything, for one person's explanations. */
export const ALL_FACTS: FactsOptions = { kinds: null, withFields: true, appraisalYears: null, withServiceStart: true };

/**
 * An enrolment's span: enrolled on D when from <= D and (to is null or D <= to) — except that a
 * completed enrolment ends the day before `to`: on the graduation day the graduate holds the
 * qualification and is no longer enrolled (enrolledOn).
 */
export interface EnrolmentSpan {
  programmeCode: string;
  from: string;
  to: string | null;
  completed: boolean;
}

/** Whether the enrolment runs on `asOf` (see EnrolmentSpan). */
export function enrolledOn(e: EnrolmentSpan, asOf: string): boolean {
  if (asOf < e.from) return false;
  if (e.to === null) return true;
  return e.completed ? asOf < e.to : asOf <= e.to;
}

export interface PersonFactsRow {
  id: number;
  unitId: number;
  unitPath: string;
  sortKey: string;
  /** enrolledProgrammeCodes is empty here: it depends on the date, see factsOn(). */
  facts: rules.PersonFacts;
  enrolments: EnrolmentSpan[];
}

/** The person's facts on one date (the enrolments running on that date filled in). */
export function factsOn(row: PersonFactsRow, asOf: string): rules.PersonFacts {
  if (row.enrolments.length === 0) return row.facts;
  const codes = row.enrolments.filter((e) => enrolledOn(e, asOf)).map((e) => e.programmeCode);
  return { ...row.facts, enrolledProgrammeCodes: [...new Set(codes)] };
}

// ---------- the queries ----------

/** A SQL condition over `p` (people) and `u` (its unit), with its parameters added to `p`. */
export type Condition = (params: Params) => string;

// One chunk comes back as ONE text value: people separated by FS, facts by GS, the items of a list
// by RS, an item's parts by US. Per-row, per-column decoding in the driver cost more than the query
// itself (15–20 µs a row); splitting one string costs a fraction of that. Free text is stripped of
// the four separators first.
const FS = '\x1c';
const GS = '\x1d';
const RS = '\x1e';
const US = '\x1f';
const CTL = "chr(28) || chr(29) || chr(30) || chr(31)";
const clean = (sql: string) => `translate(${sql}, ${CTL}, '    ')`;
const txt = (sql: string) => `coalesce(${sql}::text, '')`;

/** The facts of the people whose ids are in `idsParam` (an int[] parameter), as one encoded text. */
/**
 * `ids` selects the people; `sub` restricts the sub-record tables (alias x) to them: the same id
 * list, or for a dense chunk the id range, which index range scans read far faster (the few
 * sub-records of people outside the list are aggregated and dropped by the join).
 */
function factsSql(p: Params, o: FactsOptions, ids: string, sub: (alias: string) => string, extraWhere = 'true'): string {
  const kinds = o.kinds === null ? 'true' : `q.kind = ANY(${p.add(o.kinds)}::text[])`;
  const years =
    o.appraisalYears === null ? 'true' : o.appraisalYears === 'none' ? 'false' : `a.year BETWEEN ${p.add(o.appraisalYears.from)}::int AND ${p.add(o.appraisalYears.to)}::int`;
  const field = o.withFields ? ` || chr(31) || ${clean("coalesce(q.field, '')")}` : '';
  const serviceStart = o.withServiceStart
    ? `LEFT JOIN (SELECT s.person_id, min(s.started_on) AS d FROM assignments s WHERE ${sub('s')} GROUP BY 1) sv ON sv.person_id = p.id`
    : '';
  const columns = [
    'p.id',
    'u.path',
    clean('p.sort_key'),
    txt('p.birth_date'),
    txt('p.gender'),
    "CASE WHEN e.minority THEN '1' ELSE '' END",
    txt('p.category'),
    txt('rk.code'),
    txt('p.party_joined_on'),
    txt('p.party_official_on'),
    txt('t.code'),
    txt('jp.code'),
    o.withServiceStart ? txt('sv.d') : "''",
    txt('qa.s'),
    txt('pl.s'),
    txt('ap.s'),
    txt('en.s'),
    txt('p.party_membership'),
    // commune level: the unit is a commune or ward or lies under one (its path holds a commune's id)
    `CASE WHEN string_to_array(btrim(u.path, '/'), '/')::int[] && ${COMMUNE_IDS} THEN 'commune' ELSE 'province' END`,
  ];
  return `
    SELECT string_agg(${columns.join(` || chr(29) || `)}, chr(28) ORDER BY p.id) AS facts
    FROM people p
    JOIN units u ON u.id = p.unit_id
    JOIN ethnicities e ON e.code = p.ethnicity_code
    LEFT JOIN ranks rk ON rk.id = p.rank_id
    LEFT JOIN titles t ON t.id = p.title_id
    LEFT JOIN job_positions jp ON jp.id = p.job_position_id
    ${serviceStart}
    LEFT JOIN (
      SELECT q.person_id,
        string_agg(q.kind || chr(31) || coalesce(q.level, '') || chr(31) || coalesce(q.awarded_on::text, '')${field}, chr(30) ORDER BY q.id) AS s
      FROM qualifications q WHERE ${sub('q')} AND ${kinds} GROUP BY 1
    ) qa ON qa.person_id = p.id
    LEFT JOIN (
      SELECT pe.person_id, string_agg(pt.code || chr(31) || ${clean('pe.term')}, chr(30) ORDER BY pe.id) AS s
      FROM planning_entries pe JOIN titles pt ON pt.id = pe.title_id WHERE ${sub('pe')} GROUP BY 1
    ) pl ON pl.person_id = p.id
    LEFT JOIN (
      SELECT a.person_id, string_agg(a.year::text || chr(31) || a.classification, chr(30)) AS s
      FROM appraisals a WHERE ${sub('a')} AND ${years} GROUP BY 1
    ) ap ON ap.person_id = p.id
    LEFT JOIN (
      SELECT n.person_id, string_agg(n.programme_code || chr(31) || n.started_on::text || chr(31) || coalesce(n.ended_on::text, '') || chr(31) || n.status, chr(30)) AS s
      FROM (
        SELECT n.person_id, n.programme_code, n.started_on, n.ended_on, n.status FROM enrolments n WHERE ${sub('n')} AND n.status <> 'withdrawn'
        UNION ALL
        -- study outside the province's classes once sent (decision 0027): enrolled from its start to its
        -- end, or to its result; a graduation ends it like a completed enrolment; a withdrawal not at all
        SELECT o.person_id, o.programme_code, o.start_date, coalesce(o.result_date, o.end_date),
          CASE WHEN o.result = 'graduated' THEN 'completed' ELSE 'enrolled' END
        FROM outside_trainings o WHERE ${sub('o')} AND (o.status = 'sent' OR (o.status = 'completed' AND o.result <> 'withdrawn'))
      ) n GROUP BY 1
    ) en ON en.person_id = p.id
    WHERE p.id = ANY(${ids}) AND ${extraWhere}`;
}

function items(s: string | undefined): string[][] {
  if (!s) return [];
  return s.split(RS).map((item) => item.split(US));
}

const orNull = (s: string | undefined): string | null => (s ? s : null);

function decodePerson(line: string): PersonFactsRow {
  const f = line.split(GS);
  const unitPath = f[1]!;
  const segments = unitPath.split('/');
  return {
    id: Number(f[0]),
    unitId: Number(segments[segments.length - 2]),
    unitPath,
    sortKey: f[2]!,
    facts: {
      birthDate: orNull(f[3]),
      gender: orNull(f[4]) as rules.PersonFacts['gender'],
      ethnicMinority: f[5] === '1',
      category: orNull(f[6]) as rules.PersonFacts['category'],
      unitLevel: f[18] === 'commune' ? 'commune' : 'province',
      rankCode: orNull(f[7]),
      // recorded explicitly (decision 0031): '' is unknown, never "not a member"
      partyMembership: orNull(f[17]) as rules.PersonFacts['partyMembership'],
      partyJoinedOn: orNull(f[8]),
      partyOfficialOn: orNull(f[9]),
      currentTitleCode: orNull(f[10]),
      jobPositionCode: orNull(f[11]),
      serviceStartedOn: orNull(f[12]),
      qualifications: items(f[13]).map(([kind, level, awarded, field]) => ({ kind: kind!, level: orNull(level), awardedOn: orNull(awarded), field: orNull(field) })),
      plannedTitles: items(f[14]).map(([titleCode, term]) => ({ titleCode: titleCode!, term: term! })),
      appraisals: items(f[15]).map(([year, classification]) => ({
        year: Number(year),
        classification: classification as rules.AppraisalRecord['classification'],
      })),
      enrolledProgrammeCodes: [],
    },
    enrolments: items(f[16]).map(([programmeCode, from, to, status]) => ({ programmeCode: programmeCode!, from: from!, to: orNull(to), completed: status === 'completed' })),
  };
}

function decode(text: string | null | undefined): PersonFactsRow[] {
  return text ? text.split(FS).map(decodePerson) : [];
}

/** One person's facts if the person is in scope (else null), with everything loaded. */
export async function loadPersonFacts(db: Queryable, scope: Scope, personId: number, options: FactsOptions = ALL_FACTS): Promise<PersonFactsRow | null> {
  const p = new Params();
  const ids = `${p.add([personId])}::int[]`;
  const sql = factsSql(p, options, ids, (x) => `${x}.person_id = ANY(${ids})`, scopeCondition(scope, p, 'u', 'p'));
  const r = await db.query<{ facts: string | null }>(sql, p.values);
  return decode(r.rows[0]?.facts)[0] ?? null;
}

/** Ids of the people of a unit subtree that meet `where`, in id order. */
export async function findSubtreePersonIds(db: Queryable, unitPath: string, where?: Condition): Promise<number[]> {
  const p = new Params();
  const path = p.add(`${likeEscape(unitPath)}%`);
  const extra = where ? ` AND (${where(p)})` : '';
  const r = await db.query<{ ids: number[] | null }>(
    `SELECT array_agg(p.id ORDER BY p.id) AS ids FROM people p JOIN units u ON u.id = p.unit_id WHERE u.path LIKE ${path}${extra}`,
    p.values,
  );
  return r.rows[0]?.ids ?? [];
}

/** Sorted union of id lists (each sorted). */
export function unionIds(lists: readonly (readonly number[])[]): number[] {
  if (lists.length === 1) return [...lists[0]!];
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/** How many people of a unit subtree meet `where`. */
export async function countSubtreePeople(db: Queryable, unitPath: string, where?: Condition): Promise<number> {
  const p = new Params();
  const path = p.add(`${likeEscape(unitPath)}%`);
  const extra = where ? ` AND (${where(p)})` : '';
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM people p JOIN units u ON u.id = p.unit_id WHERE u.path LIKE ${path}${extra}`, p.values);
  return r.rows[0]?.n ?? 0;
}

export interface PersonSummaryRow {
  id: number;
  full_name: string;
  birth_date: string;
  gender: string;
  ethnicity_code: string;
  ethnicity_name: string;
  minority: boolean;
  unit_id: number;
  unit_name: string;
  title_id: number | null;
  title_name: string | null;
}

/** What a list shows of each person, for one page of ids (unscoped: the ids come from a scoped query). */
export async function findPersonSummaries(db: Queryable, ids: readonly number[]): Promise<Map<number, PersonSummaryRow>> {
  if (ids.length === 0) return new Map();
  const r = await db.query<PersonSummaryRow>(
    `SELECT p.id, p.full_name, p.birth_date, p.gender, p.ethnicity_code, e.name AS ethnicity_name, e.minority,
       p.unit_id, u.name AS unit_name, p.title_id, t.name AS title_name
     FROM people p JOIN units u ON u.id = p.unit_id JOIN ethnicities e ON e.code = p.ethnicity_code
     LEFT JOIN titles t ON t.id = p.title_id
     WHERE p.id = ANY($1::int[])`,
    [ids],
  );
  return new Map(r.rows.map((x) => [x.id, x]));
}

/** The facts of the given people (sorted ids in, id order out), in one query. */
export async function loadFactsOf(db: Queryable, ids: readonly number[], options: FactsOptions): Promise<PersonFactsRow[]> {
  if (ids.length === 0) return [];
  const p = new Params();
  const idsParam = `${p.add(ids)}::int[]`;
  const lo = ids[0]!;
  const hi = ids[ids.length - 1]!;
  const dense = hi >= lo && ids.length / (hi - lo + 1) >= 0.25;
  const range = dense ? [p.add(lo), p.add(hi)] : [];
  const sub = dense ? (x: string) => `${x}.person_id BETWEEN ${range[0]}::int AND ${range[1]}::int` : (x: string) => `${x}.person_id = ANY(${idsParam})`;
  const r = await db.query<{ facts: string | null }>(factsSql(p, options, idsParam, sub), p.values);
  return decode(r.rows[0]?.facts);
}

export interface StreamQuery {
  /** The people, sorted, e.g. from findSubtreePersonIds (with a pre-filter). */
  ids: readonly number[];
  options: FactsOptions;
  /** People per chunk (one query each); default 4,000. */
  chunkSize?: number;
  /** Chunks requested ahead of the one being worked on (PostgreSQL runs them on other connections). */
  prefetch?: number;
}

/**
 * The facts of the given people in chunks of `chunkSize` (one query each), in id order. Later
 * chunks are requested while the caller works on the current one.
 */
export async function* streamPersonFacts(db: Queryable, q: StreamQuery): AsyncGenerator<PersonFactsRow[]> {
  const size = q.chunkSize ?? 4000;
  const ahead = Math.max(1, q.prefetch ?? 2);
  const chunks: (readonly number[])[] = [];
  for (let i = 0; i < q.ids.length; i += size) chunks.push(q.ids.slice(i, i + size));
  const pending: Promise<PersonFactsRow[]>[] = [];
  let requested = 0;
  const request = () => {
    while (requested < chunks.length && pending.length < ahead) {
      const chunk = loadFactsOf(db, chunks[requested++]!, q.options);
      chunk.catch(() => undefined); // observed below, or dropped when the caller stops early
      pending.push(chunk);
    }
  };
  request();
  while (pending.length > 0) {
    const rows = await pending.shift()!;
    request();
    yield rows;
  }
}

// ---------- pre-filters ----------

/** What a pre-filter needs besides the rules: the date, mode and the reference tables with ids. */
export interface PrefilterContext {
  asOf: string;
  mode: rules.StudyMode;
  programmeCode: string;
  levels: rules.LevelCatalogue;
  titles: readonly { id: number; code: string; level: string; leadership: boolean }[];
  ranks: readonly { id: number; code: string }[];
}

const ALWAYS = 'true';

function titleIdsOf(rule: rules.TargetPostRule, titles: PrefilterContext['titles']): number[] {
  const { titleCodes = [], titleGroups = [] } = rule.params;
  return titles
    .filter((t) => titleCodes.includes(t.code) || titleGroups.some((g) => g.level === t.level && (!g.leadershipOnly || t.leadership)))
    .map((t) => t.id);
}

function rankOf(levels: rules.LevelCatalogue, kind: string, level: string): number {
  return levels[kind]?.[level]?.rank ?? 0;
}

/** Holds a qualification of `kind` of rank >= minRank on asOf. */
function holdsSql(p: Params, kind: string, minRank: number, asOf: string): string {
  return `EXISTS (SELECT 1 FROM qualifications q JOIN qualification_levels l ON l.kind = q.kind AND l.code = q.level
    WHERE q.person_id = p.id AND q.kind = ${p.add(kind)} AND l.rank >= ${p.add(minRank)}::int
      AND (q.awarded_on IS NULL OR q.awarded_on <= ${p.add(asOf)}::date))`;
}

function boundValues(b: rules.AgeBound | undefined): number[] {
  if (b === undefined) return [];
  return typeof b === 'number' ? [b] : [b.male, b.female];
}

const CLASSIFICATION_ORDER = ['not_completed', 'completed', 'good', 'excellent'];

/** The ids of every commune or ward (an uncorrelated subquery: computed once per statement). */
const COMMUNE_IDS = "(SELECT coalesce(array_agg(c.id), '{}') FROM units c WHERE c.kind = 'commune')";

/**
 * Not certainly a non-member on asOf (rules.isPartyMemberOn is not false): not recorded as a
 * non-member, and not admitted after asOf. A member or unknown status without dates passes.
 */
function mayBeMemberSql(p: Params, asOf: string): string {
  return `(p.party_membership IS DISTINCT FROM 'not_member' AND (p.party_joined_on IS NULL OR p.party_joined_on <= ${p.add(asOf)}::date))`;
}

/**
 * A rule limited to some categories fails nobody outside them (not applicable) nor anyone whose
 * category is unknown (missing): its condition binds only people of those categories.
 */
function ruleCondition(rule: rules.Rule, ctx: PrefilterContext, p: Params): string {
  const condition = applicableRuleCondition(rule, ctx, p);
  const categories = 'categories' in rule.params ? rule.params.categories : undefined;
  if (!categories?.length || condition === ALWAYS) return condition;
  return `(p.category IS NULL OR p.category <> ALL(${p.add(categories)}::text[]) OR ${condition})`;
}

/** A necessary condition for one rule not to fail for certain (true when nothing cheap is known). */
function applicableRuleCondition(rule: rules.Rule, ctx: PrefilterContext, p: Params): string {
  const { asOf } = ctx;
  switch (rule.kind) {
    case 'target_post': {
      const ids = titleIdsOf(rule, ctx.titles);
      if (ids.length === 0) return 'false';
      const idsParam = `${p.add(ids)}::int[]`;
      if (!rule.params.includePlanned) return `p.title_id = ANY(${idsParam})`;
      // one semi-join the planner can start from (an OR of the two would be checked row by row)
      return `p.id IN (SELECT x.id FROM people x WHERE x.title_id = ANY(${idsParam})
        UNION ALL SELECT pe.person_id FROM planning_entries pe WHERE pe.title_id = ANY(${idsParam}))`;
    }
    case 'target_group': {
      const options = rule.params.anyOf.map((opt) => {
        const parts: string[] = [];
        if (opt.categories?.length) parts.push(`p.category = ANY(${p.add(opt.categories)}::text[])`);
        if (opt.rankCodes?.length) {
          const ids = ctx.ranks.filter((r) => opt.rankCodes!.includes(r.code)).map((r) => r.id);
          parts.push(`p.rank_id = ANY(${p.add(ids)}::int[])`);
        }
        if (opt.partyMember) parts.push(mayBeMemberSql(p, asOf));
        if (opt.unitLevel) parts.push(`(string_to_array(btrim(u.path, '/'), '/')::int[] && ${COMMUNE_IDS}) = ${opt.unitLevel === 'commune' ? 'true' : 'false'}`);
        return parts.length > 0 ? `(${parts.join(' AND ')})` : ALWAYS;
      });
      return options.length > 0 ? `(${options.join(' OR ')})` : 'false';
    }
    case 'party_member':
      return mayBeMemberSql(p, asOf);
    case 'min_qualification': {
      const { kind, minLevel, alternatives = [] } = rule.params;
      const ranks = [minLevel, ...alternatives.map((a) => a.level)].map((l) => rankOf(ctx.levels, kind, l));
      return holdsSql(p, kind, Math.min(...ranks), asOf);
    }
    case 'not_already_holding':
      return `NOT ${holdsSql(p, rule.params.kind, rankOf(ctx.levels, rule.params.kind, rule.params.level), asOf)}`;
    case 'appraisal_streak': {
      const minIndex = CLASSIFICATION_ORDER.indexOf(rule.params.minClassification);
      const below = CLASSIFICATION_ORDER.slice(0, Math.max(0, minIndex));
      if (below.length === 0) return ALWAYS;
      const year = Number(asOf.slice(0, 4));
      return `NOT EXISTS (SELECT 1 FROM appraisals a WHERE a.person_id = p.id
        AND a.year BETWEEN ${p.add(year - rule.params.years)}::int AND ${p.add(year - 1)}::int
        AND a.classification = ANY(${p.add(below)}::text[]))`;
    }
    case 'age_limit': {
      const { min, max, modes } = rule.params;
      if (modes && !modes.includes(ctx.mode)) return ALWAYS;
      const parts: string[] = [];
      const lo = boundValues(min);
      const hi = boundValues(max);
      // widened by a few days either side: birthdays on 29 February are the engine's to decide
      if (lo.length > 0) parts.push(`p.birth_date <= ${p.add(rules.addDays(birthDateBounds(Math.min(...lo), 200, asOf).bornOnOrBefore, 3))}::date`);
      if (hi.length > 0) parts.push(`p.birth_date > ${p.add(rules.addDays(addYears(asOf, -(Math.max(...hi) + 1)), -3))}::date`);
      return parts.length > 0 ? `(p.birth_date IS NULL OR (${parts.join(' AND ')}))` : ALWAYS;
    }
    case 'not_enrolled': {
      const codes = rule.params.programmeCodes ?? [ctx.programmeCode];
      return `NOT EXISTS (SELECT 1 FROM enrolments en WHERE en.person_id = p.id AND en.programme_code = ANY(${p.add(codes)}::text[]) AND en.status <> 'withdrawn'
        AND en.started_on <= ${p.add(asOf)}::date
        AND (en.ended_on IS NULL OR en.ended_on > ${p.add(asOf)}::date OR (en.ended_on = ${p.add(asOf)}::date AND en.status <> 'completed')))`;
    }
    case 'min_service_years':
    case 'field_matches_job':
      return ALWAYS;
  }
}

/**
 * A necessary condition for passing-or-undecided under `rulesInForce` (the programme's rules in
 * force on ctx.asOf): people who do not meet it fail at least one rule for certain. No rule in
 * force means "cannot decide" for everyone, so nobody is dropped.
 */
export function eligibilityCondition(rulesInForce: readonly rules.Rule[], ctx: PrefilterContext): Condition {
  return (p) => {
    if (rulesInForce.length === 0) return ALWAYS;
    const parts = rulesInForce.map((r) => ruleCondition(r, ctx, p)).filter((c) => c !== ALWAYS);
    return parts.length > 0 ? parts.join(' AND ') : ALWAYS;
  };
}

/** People whose current title or job position, or a title they are planned for, has a standard. */
export function gapTargetsCondition(titleIds: readonly number[], jobPositionIds: readonly number[]): Condition {
  return (p) => {
    if (titleIds.length === 0 && jobPositionIds.length === 0) return 'false';
    const t = `${p.add(titleIds)}::int[]`;
    const j = `${p.add(jobPositionIds)}::int[]`;
    // on the person's row, the planned titles as one hashed set: the subtree's people are read first
    // (an IN over people of every unit made the planner probe the whole country's holders one by one)
    return `(p.title_id = ANY(${t}) OR p.job_position_id = ANY(${j})
      OR p.id IN (SELECT pe.person_id FROM planning_entries pe WHERE pe.title_id = ANY(${t})))`;
  };
}

/** Young (under 35 on youngOn), female, ethnic minority: each only when asked for. */
export function demographicCondition(f: { youngOn?: string; female?: boolean; minority?: boolean }): Condition | undefined {
  if (!f.youngOn && !f.female && !f.minority) return undefined;
  return (p) => {
    const parts: string[] = [];
    // age < 35 on youngOn ⇔ born after the day 35 years before (a birthday on youngOn counts)
    if (f.youngOn) parts.push(`p.birth_date > ${p.add(addYears(f.youngOn, -35))}::date`);
    if (f.female) parts.push(`p.gender = 'female'`);
    if (f.minority) parts.push('p.ethnicity_code IN (SELECT code FROM ethnicities WHERE minority)');
    return parts.join(' AND ');
  };
}

/** Both conditions; either may be absent. */
export function bothConditions(a: Condition | undefined, b: Condition | undefined): Condition | undefined {
  if (!a) return b;
  if (!b) return a;
  return (p) => `(${a(p)}) AND (${b(p)})`;
}
