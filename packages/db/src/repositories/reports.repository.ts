/**
 * Statistical report forms (issue 10 point 3, docs/decisions/0048): the versioned definitions, and
 * the cells of a form counted in one statement per measure. Headcount cells are counted over the
 * registry as of the period's last day here; person-time cells are counted by the training
 * statistics (statisticsRepo.statisticsTable, decision 0047) — the service plans those calls.
 */
import { PERSON_CATEGORIES, reports, training } from '@nang-tam/domain';
import type { Db, Queryable } from '../create-db.js';
import { appendAudit } from './audit.repository.js';
import { likeEscape, Params, subtreeHoldsEveryUnit } from './scope.js';

export interface FormVersionRow {
  form_code: string;
  version: number;
  body: reports.ReportDefinitionBody;
  source: reports.ReportSource;
  reason: string;
  period_from: string;
  period_to: string | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
}

const VERSION_COLUMNS = `v.form_code, v.version, v.body, v.source, v.reason, v.period_from::text AS period_from, v.period_to::text AS period_to,
  v.created_by, u.display_name AS created_by_name, v.created_at::text AS created_at`;

/** Every form with its latest version. */
export async function listForms(db: Queryable): Promise<FormVersionRow[]> {
  const r = await db.query<FormVersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM report_forms f
     JOIN LATERAL (SELECT * FROM report_form_versions x WHERE x.form_code = f.code ORDER BY x.version DESC LIMIT 1) v ON true
     LEFT JOIN users u ON u.id = v.created_by
     ORDER BY f.sort_order, f.code`,
  );
  return r.rows;
}

export async function formVersions(db: Queryable, code: string): Promise<FormVersionRow[]> {
  const r = await db.query<FormVersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM report_form_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.form_code = $1 ORDER BY v.version DESC`,
    [code],
  );
  return r.rows;
}

/** The version that fills a period ending on `on`: the latest whose periods hold that day. */
export async function versionInForce(db: Queryable, code: string, on: string): Promise<FormVersionRow | null> {
  const r = await db.query<FormVersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM report_form_versions v LEFT JOIN users u ON u.id = v.created_by
     WHERE v.form_code = $1 AND v.period_from <= $2::date AND (v.period_to IS NULL OR v.period_to >= $2::date)
     ORDER BY v.version DESC LIMIT 1`,
    [code, on],
  );
  return r.rows[0] ?? null;
}

export interface NewFormVersion {
  code: string;
  body: reports.ReportDefinitionBody;
  source: reports.ReportSource;
  reason: string;
  periodFrom: string;
  periodTo: string | null;
}

const REPORT_LOCK = 7_031_048;

/**
 * Writes the next version of a form (creating the form when new): open versions that started
 * earlier end the day before it; one audit record with the version before and after.
 */
export async function addVersion(db: Db, v: NewFormVersion, actor: { id: number | null; name: string }): Promise<FormVersionRow> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [REPORT_LOCK, v.code]);
    const before = (await formVersions(tx, v.code))[0] ?? null;
    await tx.query(
      'INSERT INTO report_forms (code, sort_order) VALUES ($1, (SELECT count(*)::int FROM report_forms)) ON CONFLICT (code) DO NOTHING',
      [v.code],
    );
    await tx.query(
      `UPDATE report_form_versions SET period_to = $2::date - 1
       WHERE form_code = $1 AND period_from < $2::date AND (period_to IS NULL OR period_to >= $2::date)`,
      [v.code, v.periodFrom],
    );
    const next = (before?.version ?? 0) + 1;
    await insertVersion(tx, v, next, actor.id);
    const after = (await formVersions(tx, v.code))[0]!;
    await appendAudit(tx, {
      actorId: actor.id,
      actorName: actor.name,
      action: before ? 'update' : 'create',
      entity: 'report_form',
      entityId: v.code,
      before: before ? { version: before.version, body: before.body, source: before.source, periodFrom: before.period_from } : null,
      after: {
        version: after.version,
        body: after.body,
        source: after.source,
        reason: after.reason,
        periodFrom: after.period_from,
        periodTo: after.period_to,
      },
    });
    return after;
  });
}

async function insertVersion(tx: Queryable, v: NewFormVersion, version: number, createdBy: number | null): Promise<void> {
  await tx.query(
    `INSERT INTO report_form_versions (form_code, version, body, source, reason, period_from, period_to, created_by)
     VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6::date, $7::date, $8)`,
    [v.code, version, JSON.stringify(v.body), JSON.stringify(v.source), v.reason, v.periodFrom, v.periodTo, createdBy],
  );
}

/**
 * The shipped forms (domain reports.SHIPPED_REPORT_VERSIONS) reaching any database: a shipped form
 * the database lacks is written with its versions; a form already there is the administrators'.
 * Idempotent and safe from several processes; null when nothing was written.
 */
export async function seedShippedReports(db: Db): Promise<{ added: string[] } | null> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [REPORT_LOCK]);
    const have = new Set((await tx.query<{ code: string }>('SELECT code FROM report_forms')).rows.map((r) => r.code));
    const added: string[] = [];
    const codes = [...new Set(reports.SHIPPED_REPORT_VERSIONS.map((v) => v.code))];
    for (const [i, code] of codes.entries()) {
      if (have.has(code)) continue;
      await tx.query('INSERT INTO report_forms (code, sort_order) VALUES ($1, $2)', [code, i]);
      for (const v of reports.SHIPPED_REPORT_VERSIONS.filter((x) => x.code === code))
        await insertVersion(
          tx,
          { code, body: v.body, source: v.source, reason: v.reason, periodFrom: v.periodFrom, periodTo: v.periodTo },
          v.version,
          null,
        );
      added.push(code);
    }
    if (added.length === 0) return null;
    await appendAudit(tx, {
      actorId: null,
      actorName: 'system',
      action: 'seed',
      entity: 'report_form',
      entityId: 'shipped-report-forms',
      after: { added },
    });
    return { added };
  });
}

/** The codes a definition may use, from the reference tables and the catalogue. */
export async function vocabulary(db: Queryable): Promise<reports.ReportVocabulary> {
  const levels: Record<string, Record<string, number>> = {};
  for (const l of (await db.query<{ kind: string; code: string; rank: number }>('SELECT kind, code, rank FROM qualification_levels')).rows)
    (levels[l.kind] ??= {})[l.code] = l.rank;
  const programmes = (await db.query<{ code: string; kind: string; level: string | null }>('SELECT code, kind, level FROM programmes'))
    .rows;
  return {
    categories: PERSON_CATEGORIES.map((c) => c.code),
    levels,
    programmeKinds: [...new Set([...training.PROGRAMME_KINDS, ...programmes.map((p) => p.kind)])],
    programmeLevels: [...new Set([...Object.keys(training.PROGRAMME_LEVELS), ...programmes.flatMap((p) => (p.level ? [p.level] : []))])],
    programmeCodes: programmes.map((p) => p.code),
    modes: ['full_time', 'part_time', 'online'],
    organiserTypes: training.ORGANISER_TYPES,
  };
}

/** Each programme's kind and level (what a person-time grouped by programme is summed into). */
export async function programmeKinds(db: Queryable): Promise<Map<string, { kind: string; level: string | null }>> {
  const r = await db.query<{ code: string; kind: string; level: string | null }>('SELECT code, kind, level FROM programmes');
  return new Map(r.rows.map((p) => [p.code, { kind: p.kind, level: p.level }]));
}

/** The first day the records cover: the earliest assignment (registry) and the earliest course (training). */
export async function earliestRecords(db: Queryable): Promise<{ registry: string | null; training: string | null }> {
  const r = await db.query<{ registry: string | null; training: string | null }>(
    `SELECT (SELECT min(started_on)::text FROM assignments) AS registry,
       (SELECT least((SELECT min(start_date) FROM classes), (SELECT min(start_date) FROM outside_trainings WHERE status IN ('sent', 'completed')))::text) AS training`,
  );
  return r.rows[0]!;
}

// ---------- evaluation ----------

export interface CellToCount {
  /** the cell's index in the answer */
  id: number;
  measure: reports.ReportMeasure;
  filter: reports.ResolvedFilter;
}

/** Years before `on` (ISO): the birth dates strictly after it are younger than `years` on `on`. */
function yearsBefore(on: string, years: number): string {
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0); // 29 February → 28 February
  return date.toISOString().slice(0, 10);
}

/** Conditions on the person (alias p, ethnicity e) shared by every measure. */
function personConditions(f: reports.ResolvedFilter, p: Params, on: string): string[] {
  const parts: string[] = [];
  if (f.categories) parts.push(`p.category = ANY(${p.add(f.categories)}::text[])`);
  if (f.gender) parts.push(`p.gender = ${p.add(f.gender)}`);
  if (f.ethnicMinority !== undefined) parts.push(f.ethnicMinority ? 'e.minority' : 'NOT e.minority');
  if (f.partyMember !== undefined) {
    const member = `(p.party_membership IN ('member', 'probationary') AND (p.party_joined_on IS NULL OR p.party_joined_on <= ${p.add(on)}::date))`;
    parts.push(f.partyMember ? member : `NOT ${member}`);
  }
  if (f.ageBelow !== undefined) parts.push(`p.birth_date > ${p.add(yearsBefore(on, f.ageBelow))}::date`);
  return parts;
}

const and = (parts: string[]) => (parts.length === 0 ? 'true' : parts.join(' AND '));

/**
 * Headcount cells: the people of the unit subtree (current unit) who had not left the service
 * before `on`, with the highest rank of each qualification kind awarded on or before `on`.
 */
export async function countHeadcounts(
  db: Queryable,
  unitPath: string,
  on: string,
  cells: readonly CellToCount[],
): Promise<Map<number, number>> {
  if (cells.length === 0) return new Map();
  const p = new Params();
  const kinds = [...new Set(cells.flatMap((c) => c.filter.qualifications.map((q) => q.kind)))];
  const rankColumn = (kind: string) => `coalesce(q.r${kinds.indexOf(kind)}, 0)`;
  const filters = cells.map((c) => {
    const parts = personConditions(c.filter, p, on);
    for (const q of c.filter.qualifications) {
      parts.push(`${rankColumn(q.kind)} >= ${p.add(q.minRank)}::int`);
      if (q.maxRank !== null) parts.push(`${rankColumn(q.kind)} <= ${p.add(q.maxRank)}::int`);
    }
    return `count(*) FILTER (WHERE ${and(parts)})::int AS c${c.id}`;
  });
  const everyUnit = await subtreeHoldsEveryUnit(db, unitPath);
  const onParam = p.add(on);
  const pathLike = p.add(`${likeEscape(unitPath)}%`);
  // the qualifications of the subtree's people only (a province of the country reads its own, not the
  // country's 7 million: decision 0070)
  const ranks =
    kinds.length === 0
      ? ''
      : `LEFT JOIN (SELECT x.person_id, ${kinds.map((k, i) => `max(l.rank) FILTER (WHERE x.kind = ${p.add(k)}) AS r${i}`).join(', ')}
           FROM ${everyUnit ? '' : 'units xu JOIN people xp ON xp.unit_id = xu.id JOIN '}qualifications x${everyUnit ? '' : ' ON x.person_id = xp.id'}
           JOIN qualification_levels l ON l.kind = x.kind AND l.code = x.level
           WHERE ${everyUnit ? '' : `xu.path LIKE ${pathLike} AND `}x.kind = ANY(${p.add(kinds)}::text[]) AND (x.awarded_on IS NULL OR x.awarded_on <= ${onParam}::date)
           GROUP BY x.person_id) q ON q.person_id = p.id`;
  const sql = `SELECT ${filters.join(', ')}
    FROM people p JOIN units u ON u.id = p.unit_id JOIN ethnicities e ON e.code = p.ethnicity_code
    ${ranks}
    WHERE u.path LIKE ${pathLike}
      AND NOT EXISTS (SELECT 1 FROM service_leavings sl WHERE sl.person_id = p.id AND sl.left_on < ${onParam}::date)`;
  const row = (await db.query<Record<string, number>>(sql, p.values)).rows[0] ?? {};
  return new Map(cells.map((c) => [c.id, Number(row[`c${c.id}`] ?? 0)]));
}
