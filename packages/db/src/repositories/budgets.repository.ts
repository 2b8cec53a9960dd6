/**
 * Budgets (lecturer_rates, budget_estimates, budget_estimate_items, budget_cost_entries;
 * docs/decisions/0050). A budget holder is a plan line or a class; the caller checks the holder's
 * scope (its organiser unit) before reading or writing here. The report gathers, for a year, the
 * holders (the lines of the year's latest plan version; the classes of the year without a line),
 * their estimates and actual costs by category, and their learners from the plans' realisation
 * facts (REALISATION_SOURCES); the domain (plans/budgets.ts) adds them up.
 */
import type { Queryable } from '../create-db.js';
import { Params, likeEscape } from './scope.js';
import { REALISATION_SOURCES } from './plans.repository.js';

export type HolderRef = { kind: 'class'; id: number } | { kind: 'line'; id: number };

const holderCol = (h: HolderRef) => (h.kind === 'class' ? 'class_id' : 'plan_line_id');

// ---------- rates ----------

export interface RateRow {
  id: number;
  category: string;
  label: string;
  amount: string;
  per: 'session' | 'day';
  source_code: string;
  source_title: string;
  effective_from: string;
  effective_to: string | null;
  note: string | null;
}

/** The rates in use (a corrected version is left out: estimates never read it). */
export async function listRates(db: Queryable): Promise<RateRow[]> {
  const r = await db.query<RateRow>(
    `SELECT id, category, label, amount::text AS amount, per, source_code, source_title, effective_from, effective_to, note
     FROM lecturer_rates WHERE superseded_by IS NULL ORDER BY amount DESC, category, effective_from`,
  );
  return r.rows;
}

export interface RateVersionRow extends RateRow {
  version: number;
  superseded_by: number | null;
  created_by_name: string | null;
  created_at: string;
}

/** Every version of every category, corrected ones included (the history the rates page shows). */
export async function listRateVersions(db: Queryable): Promise<RateVersionRow[]> {
  const r = await db.query<RateVersionRow>(
    `SELECT lr.id, lr.category, lr.label, lr.amount::text AS amount, lr.per, lr.source_code, lr.source_title, lr.effective_from, lr.effective_to,
            lr.note, lr.version, lr.superseded_by, u.display_name AS created_by_name, lr.created_at::text AS created_at
     FROM lecturer_rates lr LEFT JOIN users u ON u.id = lr.created_by
     ORDER BY lr.category, lr.version`,
  );
  return r.rows;
}

/** Serialises changes of the rates (the versions of a category are checked, then written). */
export async function lockRates(tx: Queryable): Promise<void> {
  await tx.query('LOCK TABLE lecturer_rates IN SHARE ROW EXCLUSIVE MODE');
}

export interface RateVersionWrite {
  category: string;
  version: number;
  label: string;
  amount: bigint;
  per: 'session' | 'day';
  sourceCode: string;
  sourceTitle: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  note: string | null;
  createdBy: number;
}

export async function insertRateVersion(tx: Queryable, w: RateVersionWrite): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO lecturer_rates (category, version, label, amount, per, source_code, source_title, effective_from, effective_to, note, created_by)
     VALUES ($1, $2, $3, $4::bigint, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [w.category, w.version, w.label, w.amount.toString(), w.per, w.sourceCode, w.sourceTitle, w.effectiveFrom, w.effectiveTo, w.note, w.createdBy],
  );
  return r.rows[0]!.id;
}

/** Closes a version (its last day) or marks it corrected by a later version. */
export async function updateRateVersionState(tx: Queryable, category: string, version: number, effectiveTo: string | null, supersededBy: number | null): Promise<void> {
  await tx.query('UPDATE lecturer_rates SET effective_to = $3, superseded_by = $4 WHERE category = $1 AND version = $2', [category, version, effectiveTo, supersededBy]);
}

// ---------- the holder ----------

export interface HolderFactsRow {
  organiser_path: string;
  /** the class's first day, or 1 January of the plan's year */
  start_date: string;
  name: string;
  /** person-times now: live enrolments (and, for a line, its outside-training records) */
  learners: number;
  /** distinct people among them */
  people: number;
  /** the count a new estimate starts from: enrolled (class) or planned (line) */
  default_learners: number;
}

/** What the policy and the estimate need about a class or a plan line (its latest version); null when there is none. */
export async function findHolder(db: Queryable, h: HolderRef): Promise<HolderFactsRow | null> {
  if (h.kind === 'class') {
    const r = await db.query<HolderFactsRow>(
      `SELECT u.path AS organiser_path, c.start_date, c.name, x.n AS learners, x.n AS people, x.n AS default_learners
       FROM classes c JOIN units u ON u.id = c.organiser_unit_id
       CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM enrolments e WHERE e.class_id = c.id AND e.status <> 'withdrawn') x
       WHERE c.id = $1`,
      [h.id],
    );
    return r.rows[0] ?? null;
  }
  const r = await db.query<HolderFactsRow>(
    `WITH t AS (
       SELECT e.person_id FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE c.plan_line_id = $1 AND e.status <> 'withdrawn'
       UNION ALL
       SELECT o.person_id FROM outside_trainings o WHERE o.plan_line_id = $1 AND o.status IN ('sent', 'completed'))
     SELECT u.path AS organiser_path, make_date(p.year, 1, 1)::text AS start_date,
       pr.name || ' (quý ' || lv.quarter || '/' || lv.year || ')' AS name,
       (SELECT count(*)::int FROM t) AS learners, (SELECT count(DISTINCT person_id)::int FROM t) AS people, lv.learners AS default_learners
     FROM plan_lines l
     JOIN annual_plans p ON p.id = l.plan_id
     JOIN plan_line_versions lv ON lv.line_id = l.id
     JOIN plan_versions v ON v.id = lv.version_id
     JOIN programmes pr ON pr.code = lv.programme_code
     JOIN units u ON u.id = lv.organiser_unit_id
     WHERE l.id = $1 ORDER BY v.number DESC LIMIT 1`,
    [h.id],
  );
  return r.rows[0] ?? null;
}

// ---------- estimates ----------

export interface EstimateRow {
  id: number;
  as_of: string;
  learners: number;
  total: string;
  note: string | null;
  version: number;
  updated_by_name: string | null;
  updated_at: string;
}

export interface EstimateItemRow {
  category: string;
  description: string;
  lecturer_rate_id: number | null;
  rate_category: string | null;
  quantity: number;
  unit_amount: string;
  amount: string;
}

export async function findEstimate(db: Queryable, h: HolderRef, forUpdate = false): Promise<EstimateRow | null> {
  const r = await db.query<EstimateRow>(
    `SELECT e.id, e.as_of, e.learners, e.total::text AS total, e.note, e.version, u.display_name AS updated_by_name, e.updated_at
     FROM budget_estimates e LEFT JOIN users u ON u.id = e.updated_by WHERE e.${holderCol(h)} = $1${forUpdate ? ' FOR UPDATE OF e' : ''}`,
    [h.id],
  );
  return r.rows[0] ?? null;
}

export async function listEstimateItems(db: Queryable, estimateId: number): Promise<EstimateItemRow[]> {
  const r = await db.query<EstimateItemRow>(
    `SELECT i.category, i.description, i.lecturer_rate_id, lr.category AS rate_category, i.quantity, i.unit_amount::text AS unit_amount, i.amount::text AS amount
     FROM budget_estimate_items i LEFT JOIN lecturer_rates lr ON lr.id = i.lecturer_rate_id
     WHERE i.estimate_id = $1 ORDER BY i.sort_order, i.id`,
    [estimateId],
  );
  return r.rows;
}

export interface EstimateWrite {
  asOf: string;
  learners: number;
  total: bigint;
  note: string | null;
  updatedBy: number;
  items: readonly { category: string; description: string; rateId: number | null; quantity: number; unitAmount: bigint; amount: bigint }[];
}

/**
 * Writes the estimate of a holder (inside the caller's transaction): a new one when `version` is
 * null (false when one exists meanwhile), else replaces the one at `version` (false when it moved).
 */
export async function saveEstimate(tx: Queryable, h: HolderRef, version: number | null, w: EstimateWrite): Promise<number | null> {
  let id: number | null;
  if (version === null) {
    const r = await tx.query<{ id: number }>(
      `INSERT INTO budget_estimates (${holderCol(h)}, as_of, learners, total, note, updated_by) VALUES ($1, $2, $3, $4::bigint, $5, $6)
       ON CONFLICT (${holderCol(h)}) DO NOTHING RETURNING id`,
      [h.id, w.asOf, w.learners, w.total.toString(), w.note, w.updatedBy],
    );
    id = r.rows[0]?.id ?? null;
  } else {
    const r = await tx.query<{ id: number }>(
      `UPDATE budget_estimates SET as_of = $3, learners = $4, total = $5::bigint, note = $6, updated_by = $7, updated_at = now(), version = version + 1
       WHERE ${holderCol(h)} = $1 AND version = $2 RETURNING id`,
      [h.id, version, w.asOf, w.learners, w.total.toString(), w.note, w.updatedBy],
    );
    id = r.rows[0]?.id ?? null;
    if (id !== null) await tx.query('DELETE FROM budget_estimate_items WHERE estimate_id = $1', [id]);
  }
  if (id === null) return null;
  let n = 0;
  for (const i of w.items) {
    await tx.query(
      `INSERT INTO budget_estimate_items (estimate_id, category, description, lecturer_rate_id, quantity, unit_amount, amount, sort_order)
       VALUES ($1, $2, $3, $4, $5, $6::bigint, $7::bigint, $8)`,
      [id, i.category, i.description, i.rateId, i.quantity, i.unitAmount.toString(), i.amount.toString(), n++],
    );
  }
  return id;
}

// ---------- cost entries ----------

export interface CostEntryRow {
  id: number;
  category: string;
  spent_on: string;
  amount: string;
  document_no: string;
  description: string | null;
  recorded_by_name: string | null;
  recorded_at: string;
  /** the class an entry of a plan line's class belongs to */
  class_id: number | null;
  class_name: string | null;
  voided_at: string | null;
  voided_by_name: string | null;
  void_reason: string | null;
}

/** The entries of a class; of a plan line, its own and those of the classes that realise it (voided ones too). */
export async function listCostEntries(db: Queryable, h: HolderRef): Promise<CostEntryRow[]> {
  const cond = h.kind === 'class' ? 'ce.class_id = $1' : 'ce.plan_line_id = $1 OR c.plan_line_id = $1';
  const r = await db.query<CostEntryRow>(
    `SELECT ce.id, ce.category, ce.spent_on, ce.amount::text AS amount, ce.document_no, ce.description, u.display_name AS recorded_by_name, ce.recorded_at,
       ce.class_id, c.name AS class_name, ce.voided_at::text AS voided_at, vu.display_name AS voided_by_name, ce.void_reason
     FROM budget_cost_entries ce LEFT JOIN classes c ON c.id = ce.class_id LEFT JOIN users u ON u.id = ce.recorded_by
       LEFT JOIN users vu ON vu.id = ce.voided_by
     WHERE ${cond} ORDER BY ce.spent_on, ce.id`,
    [h.id],
  );
  return r.rows;
}

export interface CostEntryWrite {
  category: string;
  spentOn: string;
  amount: bigint;
  documentNo: string;
  description: string | null;
  recordedBy: number;
}

export async function insertCostEntries(tx: Queryable, h: HolderRef, entries: readonly CostEntryWrite[]): Promise<number[]> {
  const ids: number[] = [];
  for (const w of entries) {
    const r = await tx.query<{ id: number }>(
      `INSERT INTO budget_cost_entries (${holderCol(h)}, category, spent_on, amount, document_no, description, recorded_by)
       VALUES ($1, $2, $3, $4::bigint, $5, $6, $7) RETURNING id`,
      [h.id, w.category, w.spentOn, w.amount.toString(), w.documentNo, w.description, w.recordedBy],
    );
    ids.push(r.rows[0]!.id);
  }
  return ids;
}

/**
 * Voids one entry recorded on the holder itself (a line's classes' entries are voided on the class),
 * if it is not voided already; the row as it was, or null when there is no such live entry.
 */
export async function voidCostEntry(tx: Queryable, h: HolderRef, entryId: number, reason: string, by: number): Promise<{ before: CostEntryRow | null; state: 'voided' | 'missing' | 'already' }> {
  const cur = await tx.query<CostEntryRow>(
    `SELECT ce.id, ce.category, ce.spent_on, ce.amount::text AS amount, ce.document_no, ce.description, NULL::text AS recorded_by_name, ce.recorded_at,
       ce.class_id, NULL::text AS class_name, ce.voided_at::text AS voided_at, NULL::text AS voided_by_name, ce.void_reason
     FROM budget_cost_entries ce WHERE ce.id = $1 AND ${holderCol(h)} = $2 FOR UPDATE`,
    [entryId, h.id],
  );
  const before = cur.rows[0] ?? null;
  if (!before) return { before: null, state: 'missing' };
  if (before.voided_at !== null) return { before, state: 'already' };
  await tx.query('UPDATE budget_cost_entries SET voided_at = now(), voided_by = $2, void_reason = $3 WHERE id = $1', [entryId, by, reason]);
  return { before, state: 'voided' };
}

// ---------- the report of a year ----------

export interface ReportLineRow {
  line_id: number;
  programme_code: string;
  programme_name: string;
  mode: string;
  quarter: number;
  unit_id: number;
  unit_name: string;
  /** the plan version's estimated cost (bigint as text): the estimate when no detailed one exists */
  planned_cost: string;
}

/** The lines of the year's latest plan version, organised in `organiserPath`'s subtree when given. */
export async function reportLines(db: Queryable, year: number, organiserPath: string | null): Promise<ReportLineRow[]> {
  const p = new Params();
  const conds = [
    `lv.version_id = (SELECT v.id FROM plan_versions v JOIN annual_plans ap ON ap.id = v.plan_id WHERE ap.year = ${p.add(year)} ORDER BY v.number DESC LIMIT 1)`,
  ];
  if (organiserPath !== null) conds.push(`u.path LIKE ${p.add(`${likeEscape(organiserPath)}%`)}`);
  const r = await db.query<ReportLineRow>(
    `SELECT lv.line_id, lv.programme_code, pr.name AS programme_name, lv.mode, lv.quarter, u.id AS unit_id, u.name AS unit_name,
       lv.estimated_cost::text AS planned_cost
     FROM plan_line_versions lv JOIN programmes pr ON pr.code = lv.programme_code JOIN units u ON u.id = lv.organiser_unit_id
     WHERE ${conds.join(' AND ')} ORDER BY lv.line_id`,
    p.values,
  );
  return r.rows;
}

export interface ReportFactRow {
  source: string;
  id: number;
  plan_line_id: number | null;
  learners: number;
}

/** The realisation facts (classes, outside-training records) running in the year, organised in the subtree. */
export async function reportFacts(db: Queryable, year: number, organiserPath: string | null): Promise<ReportFactRow[]> {
  const union = REALISATION_SOURCES.map((s) => `(${s})`).join(' UNION ALL ');
  const p = new Params();
  p.add(`${year}-01-01`);
  p.add(`${year}-12-31`);
  const cond = organiserPath === null ? 'true' : `f.organiser_path LIKE ${p.add(`${likeEscape(organiserPath)}%`)}`;
  return (await db.query<ReportFactRow>(`SELECT f.source, f.id, f.plan_line_id, f.learners FROM (${union}) f WHERE ${cond}`, p.values)).rows;
}

export interface ReportClassRow {
  id: number;
  name: string;
  programme_code: string;
  programme_name: string;
  unit_id: number;
  unit_name: string;
}

export async function reportClasses(db: Queryable, ids: readonly number[]): Promise<ReportClassRow[]> {
  if (ids.length === 0) return [];
  const r = await db.query<ReportClassRow>(
    `SELECT c.id, c.name, c.programme_code, pr.name AS programme_name, u.id AS unit_id, u.name AS unit_name
     FROM classes c JOIN programmes pr ON pr.code = c.programme_code JOIN units u ON u.id = c.organiser_unit_id
     WHERE c.id = ANY($1::int[]) ORDER BY c.start_date, c.id`,
    [[...ids]],
  );
  return r.rows;
}

export interface AmountRow {
  /** 'line:12' or 'class:34' */
  holder: string;
  category: string;
  amount: string;
  detailed?: boolean;
}

/** Estimates by holder and category. */
export async function reportEstimates(db: Queryable, lineIds: readonly number[], classIds: readonly number[]): Promise<AmountRow[]> {
  const r = await db.query<AmountRow>(
    `SELECT CASE WHEN e.plan_line_id IS NOT NULL THEN 'line:' || e.plan_line_id ELSE 'class:' || e.class_id END AS holder,
       i.category, sum(i.amount)::text AS amount
     FROM budget_estimates e JOIN budget_estimate_items i ON i.estimate_id = e.id
     WHERE e.plan_line_id = ANY($1::int[]) OR e.class_id = ANY($2::int[])
     GROUP BY 1, 2`,
    [[...lineIds], [...classIds]],
  );
  return r.rows;
}

/** Which holders have an estimate at all (an estimate of 0 đồng has items too). */
export async function estimatedHolders(db: Queryable, lineIds: readonly number[], classIds: readonly number[]): Promise<Set<string>> {
  const r = await db.query<{ holder: string }>(
    `SELECT CASE WHEN plan_line_id IS NOT NULL THEN 'line:' || plan_line_id ELSE 'class:' || class_id END AS holder
     FROM budget_estimates WHERE plan_line_id = ANY($1::int[]) OR class_id = ANY($2::int[])`,
    [[...lineIds], [...classIds]],
  );
  return new Set(r.rows.map((x) => x.holder));
}

/** Actual costs by holder and category: a line's own entries and its classes'; a class outside any line its own. */
export async function reportActuals(db: Queryable, lineIds: readonly number[], classIds: readonly number[]): Promise<AmountRow[]> {
  const r = await db.query<AmountRow>(
    `SELECT CASE WHEN ce.plan_line_id IS NOT NULL THEN 'line:' || ce.plan_line_id
                 WHEN c.plan_line_id = ANY($1::int[]) THEN 'line:' || c.plan_line_id
                 ELSE 'class:' || c.id END AS holder,
       ce.category, sum(ce.amount)::text AS amount
     FROM budget_cost_entries ce LEFT JOIN classes c ON c.id = ce.class_id
     WHERE ce.voided_at IS NULL AND (ce.plan_line_id = ANY($1::int[]) OR c.plan_line_id = ANY($1::int[]) OR ce.class_id = ANY($2::int[]))
     GROUP BY 1, 2`,
    [[...lineIds], [...classIds]],
  );
  return r.rows;
}

/** The people behind the facts: live enrolments of the classes, the persons of the outside-training records. */
export async function reportPeople(db: Queryable, classIds: readonly number[], outsideIds: readonly number[]): Promise<{ fact: string; person_id: number }[]> {
  const r = await db.query<{ fact: string; person_id: number }>(
    `SELECT 'class:' || e.class_id AS fact, e.person_id FROM enrolments e WHERE e.class_id = ANY($1::int[]) AND e.status <> 'withdrawn'
     UNION ALL
     SELECT 'outside_training:' || o.id, o.person_id FROM outside_trainings o WHERE o.id = ANY($2::int[])`,
    [[...classIds], [...outsideIds]],
  );
  return r.rows;
}
