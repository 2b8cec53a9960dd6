/**
 * Five-year and annual plans: plans, versions, lines (identity + what each version says), and the
 * realisation facts plan-against-actual counts (classes today; other sources join the union).
 */
import type { Queryable } from '../create-db.js';
import { Params, likeEscape } from './scope.js';

// ---------- annual plans and versions ----------

export interface AnnualPlanRow {
  id: number;
  year: number;
  title: string;
  percent_rounding: 'truncate' | 'half_up';
  percent_decimals: number;
}

export interface VersionRow {
  id: number;
  plan_id: number;
  plan_year: number;
  number: number;
  status: 'draft' | 'submitted' | 'approved';
  based_on_id: number | null;
  reason: string | null;
  decision_number: string | null;
  decision_date: string | null;
  submitted_at: string | null;
  approved_at: string | null;
  approved_by_name: string | null;
  row_version: number;
  created_at: string;
  line_count: number;
  /** No later version of the plan exists. */
  latest: boolean;
}

const PLAN_SELECT = 'SELECT id, year, title, percent_rounding, percent_decimals FROM annual_plans';

export async function listAnnualPlans(db: Queryable): Promise<AnnualPlanRow[]> {
  return (await db.query<AnnualPlanRow>(`${PLAN_SELECT} ORDER BY year DESC`)).rows;
}

export async function findAnnualPlanByYear(db: Queryable, year: number): Promise<AnnualPlanRow | null> {
  return (await db.query<AnnualPlanRow>(`${PLAN_SELECT} WHERE year = $1`, [year])).rows[0] ?? null;
}

export async function insertAnnualPlan(tx: Queryable, w: { year: number; title: string; createdBy: number | null }): Promise<number> {
  const r = await tx.query<{ id: number }>('INSERT INTO annual_plans (year, title, created_by) VALUES ($1, $2, $3) RETURNING id', [w.year, w.title, w.createdBy]);
  return r.rows[0]!.id;
}

const VERSION_SELECT = `
  SELECT v.id, v.plan_id, p.year AS plan_year, v.number, v.status, v.based_on_id, v.reason, v.decision_number, v.decision_date,
    v.submitted_at, v.approved_at, au.display_name AS approved_by_name, v.row_version, v.created_at,
    (SELECT count(*)::int FROM plan_line_versions lv WHERE lv.version_id = v.id) AS line_count,
    NOT EXISTS (SELECT 1 FROM plan_versions n WHERE n.plan_id = v.plan_id AND n.number > v.number) AS latest
  FROM plan_versions v
  JOIN annual_plans p ON p.id = v.plan_id
  LEFT JOIN users au ON au.id = v.approved_by`;

export async function listVersions(db: Queryable, planId: number): Promise<VersionRow[]> {
  return (await db.query<VersionRow>(`${VERSION_SELECT} WHERE v.plan_id = $1 ORDER BY v.number`, [planId])).rows;
}

export async function findVersion(db: Queryable, id: number, forUpdate = false): Promise<VersionRow | null> {
  if (forUpdate) await db.query('SELECT id FROM plan_versions WHERE id = $1 FOR UPDATE', [id]);
  return (await db.query<VersionRow>(`${VERSION_SELECT} WHERE v.id = $1`, [id])).rows[0] ?? null;
}

/** The version in force on `asOf`: the latest approved by then (null when none was). */
export async function versionInForce(db: Queryable, planId: number, asOf: string): Promise<VersionRow | null> {
  const r = await db.query<VersionRow>(
    `${VERSION_SELECT} WHERE v.plan_id = $1 AND v.status = 'approved' AND (v.approved_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= $2::date
     ORDER BY v.number DESC LIMIT 1`,
    [planId, asOf],
  );
  return r.rows[0] ?? null;
}

export interface VersionWrite {
  planId: number;
  number: number;
  basedOnId: number | null;
  reason: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  createdBy: number | null;
}

export async function insertVersion(tx: Queryable, w: VersionWrite): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO plan_versions (plan_id, number, based_on_id, reason, decision_number, decision_date, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [w.planId, w.number, w.basedOnId, w.reason, w.decisionNumber, w.decisionDate, w.createdBy],
  );
  return r.rows[0]!.id;
}

/** Moves a version through the workflow; `approvedBy` set when it is approved. */
export async function setVersionStatus(
  tx: Queryable,
  id: number,
  status: VersionRow['status'],
  by: number | null,
  decision?: { number: string | null; date: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE plan_versions SET status = $2, row_version = row_version + 1,
       submitted_at = CASE WHEN $2 = 'submitted' THEN now() WHEN $2 = 'draft' THEN NULL ELSE submitted_at END,
       approved_at = CASE WHEN $2 = 'approved' THEN now() ELSE approved_at END,
       approved_by = CASE WHEN $2 = 'approved' THEN $3::int ELSE approved_by END,
       decision_number = COALESCE($4, decision_number), decision_date = COALESCE($5::date, decision_date)
     WHERE id = $1`,
    [id, status, by, decision?.number ?? null, decision?.date ?? null],
  );
}

export async function touchVersion(tx: Queryable, id: number): Promise<void> {
  await tx.query('UPDATE plan_versions SET row_version = row_version + 1 WHERE id = $1', [id]);
}

// ---------- lines ----------

export interface LineFieldsWrite {
  programmeCode: string;
  mode: string;
  classes: number;
  learners: number;
  year: number;
  quarter: number;
  organiserUnitId: number;
  siteKind: 'school' | 'local';
  site: string;
  estimatedCost: number;
  carriedOver: boolean;
  note: string | null;
}

export interface LineRow {
  version_id: number;
  line_id: number;
  programme_code: string;
  programme_name: string;
  programme_kind: string;
  mode: 'full_time' | 'part_time' | 'online';
  classes: number;
  learners: number;
  year: number;
  quarter: number;
  organiser_unit_id: number;
  organiser_name: string;
  organiser_path: string;
  site_kind: 'school' | 'local';
  site: string;
  estimated_cost: number;
  carried_over: boolean;
  note: string | null;
}

const LINE_SELECT = `
  SELECT lv.version_id, lv.line_id, lv.programme_code, pr.name AS programme_name, pr.kind AS programme_kind, lv.mode, lv.classes,
    lv.learners, lv.year, lv.quarter, lv.organiser_unit_id, u.name AS organiser_name, u.path AS organiser_path, lv.site_kind,
    lv.site, lv.estimated_cost, lv.carried_over, lv.note
  FROM plan_line_versions lv
  JOIN programmes pr ON pr.code = lv.programme_code
  JOIN units u ON u.id = lv.organiser_unit_id`;

/** A version's lines, only those organised in `organiserPath`'s subtree when given. */
export async function linesOfVersion(db: Queryable, versionId: number, organiserPath: string | null = null): Promise<LineRow[]> {
  const p = new Params();
  const conds = [`lv.version_id = ${p.add(versionId)}`];
  if (organiserPath !== null) conds.push(`u.path LIKE ${p.add(`${likeEscape(organiserPath)}%`)}`);
  return (await db.query<LineRow>(`${LINE_SELECT} WHERE ${conds.join(' AND ')} ORDER BY lv.line_id`, p.values)).rows;
}

export async function findLineOfVersion(db: Queryable, versionId: number, lineId: number): Promise<LineRow | null> {
  return (await db.query<LineRow>(`${LINE_SELECT} WHERE lv.version_id = $1 AND lv.line_id = $2`, [versionId, lineId])).rows[0] ?? null;
}

const lineValues = (w: LineFieldsWrite) => [
  w.programmeCode,
  w.mode,
  w.classes,
  w.learners,
  w.year,
  w.quarter,
  w.organiserUnitId,
  w.siteKind,
  w.site,
  w.estimatedCost,
  w.carriedOver,
  w.note,
];

/** New lines (new identities) in a version, in one statement each; returns their line ids. */
export async function insertLines(tx: Queryable, planId: number, versionId: number, lines: readonly LineFieldsWrite[]): Promise<number[]> {
  const ids: number[] = [];
  for (const w of lines) {
    const id = (await tx.query<{ id: number }>('INSERT INTO plan_lines (plan_id) VALUES ($1) RETURNING id', [planId])).rows[0]!.id;
    await tx.query(
      `INSERT INTO plan_line_versions (version_id, line_id, programme_code, mode, classes, learners, year, quarter, organiser_unit_id,
         site_kind, site, estimated_cost, carried_over, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [versionId, id, ...lineValues(w)],
    );
    ids.push(id);
  }
  return ids;
}

export async function updateLine(tx: Queryable, versionId: number, lineId: number, w: LineFieldsWrite): Promise<void> {
  await tx.query(
    `UPDATE plan_line_versions SET programme_code = $3, mode = $4, classes = $5, learners = $6, year = $7, quarter = $8,
       organiser_unit_id = $9, site_kind = $10, site = $11, estimated_cost = $12, carried_over = $13, note = $14
     WHERE version_id = $1 AND line_id = $2`,
    [versionId, lineId, ...lineValues(w)],
  );
}

export async function deleteLine(tx: Queryable, versionId: number, lineId: number): Promise<void> {
  await tx.query('DELETE FROM plan_line_versions WHERE version_id = $1 AND line_id = $2', [versionId, lineId]);
}

/** An adjustment starts as a copy of its base's lines (same identities). */
export async function copyLines(tx: Queryable, fromVersionId: number, toVersionId: number): Promise<void> {
  await tx.query(
    `INSERT INTO plan_line_versions (version_id, line_id, programme_code, mode, classes, learners, year, quarter, organiser_unit_id,
       site_kind, site, estimated_cost, carried_over, note)
     SELECT $2, line_id, programme_code, mode, classes, learners, year, quarter, organiser_unit_id, site_kind, site, estimated_cost,
       carried_over, note
     FROM plan_line_versions WHERE version_id = $1`,
    [fromVersionId, toVersionId],
  );
}

/** What a class's link to a line must agree with: the line's plan year and its programme in the plan's latest version holding it. */
export interface LineLinkFacts {
  line_id: number;
  plan_year: number;
  programme_code: string;
  organiser_path: string;
}

export async function findLineLinkFacts(db: Queryable, lineId: number): Promise<LineLinkFacts | null> {
  const r = await db.query<LineLinkFacts>(
    `SELECT l.id AS line_id, p.year AS plan_year, lv.programme_code, u.path AS organiser_path
     FROM plan_lines l
     JOIN annual_plans p ON p.id = l.plan_id
     JOIN plan_line_versions lv ON lv.line_id = l.id
     JOIN plan_versions v ON v.id = lv.version_id
     JOIN units u ON u.id = lv.organiser_unit_id
     WHERE l.id = $1
     ORDER BY v.number DESC LIMIT 1`,
    [lineId],
  );
  return r.rows[0] ?? null;
}

/** Lines a class of `year` and `programmeCode` may link to: of the year's latest version, organised in the subtree. */
export async function linkableLines(db: Queryable, year: number, programmeCode: string | null, organiserPath: string | null): Promise<LineRow[]> {
  const p = new Params();
  const conds = [
    `lv.version_id = (SELECT v.id FROM plan_versions v JOIN annual_plans ap ON ap.id = v.plan_id WHERE ap.year = ${p.add(year)} ORDER BY v.number DESC LIMIT 1)`,
  ];
  if (organiserPath !== null) conds.push(`u.path LIKE ${p.add(`${likeEscape(organiserPath)}%`)}`);
  if (programmeCode !== null) conds.push(`lv.programme_code = ${p.add(programmeCode)}`);
  return (await db.query<LineRow>(`${LINE_SELECT} WHERE ${conds.join(' AND ')} ORDER BY lv.line_id`, p.values)).rows;
}

// ---------- realisation facts ----------

export interface RealisationFactRow {
  source: string;
  id: number;
  programme_code: string;
  mode: string;
  plan_line_id: number | null;
  outside_plan: boolean;
  start_date: string;
  end_date: string;
  completed: boolean;
  learners: number;
  /** 1 for a class, 0 for an outside-training record. */
  classes: number;
  organiser_path: string;
}

/**
 * The sources of realisation facts, each a SELECT of the same columns for the facts running in
 * [$1 = first day, $2 = last day]: classes and outside-training records.
 */
export const REALISATION_SOURCES: readonly string[] = [
  `SELECT 'class'::text AS source, c.id, c.programme_code, c.mode, c.plan_line_id, c.outside_plan, c.start_date, c.end_date,
     c.status = 'finished' AS completed,
     (SELECT count(*)::int FROM enrolments e WHERE e.class_id = c.id AND e.status <> 'withdrawn') AS learners, 1 AS classes,
     u.path AS organiser_path
   FROM classes c JOIN units u ON u.id = c.organiser_unit_id
   WHERE c.start_date <= $2::date AND c.end_date >= $1::date`,
  // Outside-training records that took place (sent, completed): one learner, no class (decision
  // 0035); a withdrawal from the course ends the record on its date. Organised, for the scope, by
  // the organiser of the line it realises (its latest version), else by the person's unit.
  `SELECT 'outside_training'::text AS source, o.id, o.programme_code, o.mode, o.plan_line_id, o.outside_plan, o.start_date,
     CASE WHEN o.result = 'withdrawn' AND o.result_date IS NOT NULL AND o.result_date < o.end_date THEN o.result_date ELSE o.end_date END AS end_date,
     o.status = 'completed' AS completed, 1 AS learners, 0 AS classes,
     COALESCE((SELECT lu.path FROM plan_line_versions plv JOIN units lu ON lu.id = plv.organiser_unit_id
                WHERE plv.line_id = o.plan_line_id ORDER BY plv.version_id DESC LIMIT 1), pu.path) AS organiser_path
   FROM outside_trainings o JOIN people op ON op.id = o.person_id JOIN units pu ON pu.id = op.unit_id
   WHERE o.status IN ('sent', 'completed') AND o.start_date <= $2::date AND o.end_date >= $1::date`,
];

/** Every fact running in the period, organised in `organiserPath`'s subtree when given. */
export async function realisationFacts(db: Queryable, from: string, to: string, organiserPath: string | null): Promise<RealisationFactRow[]> {
  const union = REALISATION_SOURCES.map((s) => `(${s})`).join(' UNION ALL ');
  const p = new Params();
  p.add(from);
  p.add(to);
  const cond = organiserPath === null ? 'true' : `f.organiser_path LIKE ${p.add(`${likeEscape(organiserPath)}%`)}`;
  return (await db.query<RealisationFactRow>(`SELECT * FROM (${union}) f WHERE ${cond} ORDER BY f.source, f.id`, p.values)).rows;
}

export interface FactClassRow {
  id: number;
  name: string;
  cohort_code: string;
  programme_code: string;
  programme_name: string;
  mode: string;
  organiser_name: string;
  site: string;
  start_date: string;
  end_date: string;
  status: string;
  learners: number;
}

export async function classesByIds(db: Queryable, ids: readonly number[]): Promise<FactClassRow[]> {
  if (ids.length === 0) return [];
  const r = await db.query<FactClassRow>(
    `SELECT c.id, c.name, c.cohort_code, c.programme_code, pr.name AS programme_name, c.mode, u.name AS organiser_name, c.site,
       c.start_date, c.end_date, c.status,
       (SELECT count(*)::int FROM enrolments e WHERE e.class_id = c.id AND e.status <> 'withdrawn') AS learners
     FROM classes c JOIN programmes pr ON pr.code = c.programme_code JOIN units u ON u.id = c.organiser_unit_id
     WHERE c.id = ANY($1::int[]) ORDER BY c.start_date, c.id`,
    [[...ids]],
  );
  return r.rows;
}

export interface FactPersonRow {
  person_id: number;
  full_name: string;
  unit_name: string;
  class_id: number;
  class_name: string;
  status: string;
}

/** The people behind a drill-down: live enrolments of the classes. */
export async function peopleOfClasses(db: Queryable, ids: readonly number[], limit: number, offset: number): Promise<{ rows: FactPersonRow[]; total: number }> {
  if (ids.length === 0) return { rows: [], total: 0 };
  const r = await db.query<FactPersonRow & { total: number }>(
    `SELECT p.id AS person_id, p.full_name, u.name AS unit_name, c.id AS class_id, c.name AS class_name, e.status, count(*) OVER ()::int AS total
     FROM enrolments e JOIN people p ON p.id = e.person_id JOIN units u ON u.id = p.unit_id JOIN classes c ON c.id = e.class_id
     WHERE e.class_id = ANY($1::int[]) AND e.status <> 'withdrawn'
     ORDER BY c.id, p.full_name, p.id LIMIT $2 OFFSET $3`,
    [[...ids], limit, offset],
  );
  return { rows: r.rows, total: r.rows[0]?.total ?? 0 };
}

export interface FactOutsideRow {
  id: number;
  person_id: number;
  full_name: string;
  unit_name: string;
  programme_code: string;
  programme_name: string;
  mode: string;
  institution: string;
  country: string | null;
  start_date: string;
  end_date: string;
  status: string;
  result: string | null;
}

/** The outside-training records behind a drill-down, each with its person. */
export async function outsideTrainingsByIds(db: Queryable, ids: readonly number[]): Promise<FactOutsideRow[]> {
  if (ids.length === 0) return [];
  const r = await db.query<FactOutsideRow>(
    `SELECT o.id, o.person_id, p.full_name, u.name AS unit_name, o.programme_code, pr.name AS programme_name, o.mode, o.institution, o.country,
       o.start_date, o.end_date, o.status, o.result
     FROM outside_trainings o JOIN people p ON p.id = o.person_id JOIN units u ON u.id = p.unit_id JOIN programmes pr ON pr.code = o.programme_code
     WHERE o.id = ANY($1::int[]) ORDER BY o.start_date, p.full_name, o.id`,
    [[...ids]],
  );
  return r.rows;
}

// ---------- five-year plans ----------

export interface FiveYearPlanRow {
  id: number;
  start_year: number;
  end_year: number;
  title: string;
  decision_number: string | null;
  decision_date: string | null;
  version: number;
}

export interface TargetRow {
  year: number;
  programme_code: string;
  programme_name: string;
  classes: number;
  learners: number;
}

const FIVE_SELECT = 'SELECT id, start_year, end_year, title, decision_number, decision_date, version FROM five_year_plans';

export async function listFiveYearPlans(db: Queryable): Promise<FiveYearPlanRow[]> {
  return (await db.query<FiveYearPlanRow>(`${FIVE_SELECT} ORDER BY start_year DESC`)).rows;
}

export async function findFiveYearPlan(db: Queryable, id: number, forUpdate = false): Promise<FiveYearPlanRow | null> {
  return (await db.query<FiveYearPlanRow>(`${FIVE_SELECT} WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id])).rows[0] ?? null;
}

export async function insertFiveYearPlan(
  tx: Queryable,
  w: { startYear: number; title: string; decisionNumber: string | null; decisionDate: string | null; createdBy: number | null },
): Promise<number> {
  const r = await tx.query<{ id: number }>(
    'INSERT INTO five_year_plans (start_year, end_year, title, decision_number, decision_date, created_by) VALUES ($1, $1::int + 4, $2, $3, $4, $5) RETURNING id',
    [w.startYear, w.title, w.decisionNumber, w.decisionDate, w.createdBy],
  );
  return r.rows[0]!.id;
}

export async function updateFiveYearPlan(tx: Queryable, id: number, w: { title: string; decisionNumber: string | null; decisionDate: string | null }): Promise<void> {
  await tx.query('UPDATE five_year_plans SET title = $2, decision_number = $3, decision_date = $4, version = version + 1 WHERE id = $1', [
    id,
    w.title,
    w.decisionNumber,
    w.decisionDate,
  ]);
}

export async function targetsOf(db: Queryable, planId: number): Promise<TargetRow[]> {
  const r = await db.query<TargetRow>(
    `SELECT t.year, t.programme_code, pr.name AS programme_name, t.classes, t.learners
     FROM five_year_targets t JOIN programmes pr ON pr.code = t.programme_code
     WHERE t.plan_id = $1 ORDER BY t.year, pr.sort_order, t.programme_code`,
    [planId],
  );
  return r.rows;
}

export async function replaceTargets(tx: Queryable, planId: number, targets: readonly { year: number; programmeCode: string; classes: number; learners: number }[]): Promise<void> {
  await tx.query('DELETE FROM five_year_targets WHERE plan_id = $1', [planId]);
  for (const t of targets) {
    await tx.query('INSERT INTO five_year_targets (plan_id, year, programme_code, classes, learners) VALUES ($1, $2, $3, $4, $5)', [
      planId,
      t.year,
      t.programmeCode,
      t.classes,
      t.learners,
    ]);
  }
}

/** The catalogue's programmes and the modes each offers (what a plan line may name). */
/** Each programme's modes, and whether the province opens its classes (organiser type, decision 0035). */
export async function programmeModes(db: Queryable): Promise<Map<string, { name: string; modes: string[]; opensClasses: boolean }>> {
  const r = await db.query<{ code: string; name: string; modes: string[]; opens_classes: boolean }>(
    `SELECT code, name, modes, organiser_type IN ('provincial_school', 'commune_centre') AS opens_classes FROM programmes ORDER BY sort_order, code`,
  );
  return new Map(r.rows.map((x) => [x.code, { name: x.name, modes: x.modes, opensClasses: x.opens_classes }]));
}

/** A class's place in the plan. */
export interface ClassPlanLink {
  plan_line_id: number | null;
  outside_plan: boolean;
}

export async function classPlanLink(db: Queryable, classId: number): Promise<ClassPlanLink | null> {
  return (await db.query<ClassPlanLink>('SELECT plan_line_id, outside_plan FROM classes WHERE id = $1', [classId])).rows[0] ?? null;
}

export async function setClassPlanLink(tx: Queryable, classId: number, link: { planLineId: number | null; outsidePlan: boolean }): Promise<void> {
  await tx.query('UPDATE classes SET plan_line_id = $2, outside_plan = $3 WHERE id = $1', [classId, link.planLineId, link.outsidePlan]);
}

/** The province (the root of the unit tree): the issuer of plan documents. */
export async function provinceName(db: Queryable): Promise<string> {
  const r = await db.query<{ name: string }>('SELECT name FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1');
  return r.rows[0]?.name ?? '';
}

// ---------- needs → plan (decision 0035) ----------

export interface ProposalProgrammeRow {
  code: string;
  name: string;
  opens_classes: boolean;
  /** The usual class size: the median capacity of its classes (null: none yet). */
  typical_capacity: number | null;
  default_institution: string | null;
}

/** Every programme in catalogue order, with what turning needs into plan lines asks of it. */
export async function proposalProgrammes(db: Queryable): Promise<ProposalProgrammeRow[]> {
  const r = await db.query<ProposalProgrammeRow>(
    `SELECT pr.code, pr.name, pr.organiser_type IN ('provincial_school', 'commune_centre') AS opens_classes, pr.default_institution,
       (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY c.capacity))::int FROM classes c WHERE c.programme_code = pr.code) AS typical_capacity
     FROM programmes pr ORDER BY pr.sort_order, pr.code`,
  );
  return r.rows;
}

/** The unit organising most classes in the subtree (the school), or null when none has. */
export async function usualOrganiser(db: Queryable, organiserPath: string): Promise<{ id: number; name: string } | null> {
  const r = await db.query<{ id: number; name: string }>(
    `SELECT u.id, u.name FROM classes c JOIN units u ON u.id = c.organiser_unit_id
     WHERE u.path LIKE $1 GROUP BY u.id, u.name ORDER BY count(*) DESC, u.id LIMIT 1`,
    [`${likeEscape(organiserPath)}%`],
  );
  return r.rows[0] ?? null;
}

/** Writes one line's fields of `fromVersionId` into `toVersionId` too (a line added to a version a later one copied). */
export async function copyLineToVersion(tx: Queryable, fromVersionId: number, toVersionId: number, lineId: number): Promise<void> {
  await tx.query(
    `INSERT INTO plan_line_versions (version_id, line_id, programme_code, mode, classes, learners, year, quarter, organiser_unit_id,
       site_kind, site, estimated_cost, carried_over, note)
     SELECT $2, line_id, programme_code, mode, classes, learners, year, quarter, organiser_unit_id, site_kind, site, estimated_cost,
       carried_over, note
     FROM plan_line_versions WHERE version_id = $1 AND line_id = $3`,
    [fromVersionId, toVersionId, lineId],
  );
}

/** Links outside-training records to a plan line. */
export async function linkOutsideTrainings(tx: Queryable, ids: readonly number[], lineId: number): Promise<void> {
  await tx.query('UPDATE outside_trainings SET plan_line_id = $2 WHERE id = ANY($1::int[])', [[...ids], lineId]);
}
