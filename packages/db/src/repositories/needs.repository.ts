/**
 * Needs campaigns, the units that must answer, their answers (lines and named people), the
 * reminders, and the facts the aggregation sums. Scope: a campaign is reached through the units it
 * asks (their paths) or its owner unit; the service decides what the user may see.
 */
import type { Queryable } from '../create-db.js';
import { insertRows } from '../batch.js';
import { likeEscape, Params } from './scope.js';

export interface CampaignRow {
  id: number;
  year: number;
  title: string;
  deadline: string;
  status: 'open' | 'closed';
  owner_unit_id: number;
  owner_name: string;
  owner_path: string;
  target: { kinds?: string[]; unitIds?: number[] };
  note: string | null;
  version: number;
  created_at: string;
}

const CAMPAIGN_COLUMNS = `c.id, c.year, c.title, c.deadline::text AS deadline, c.status, c.owner_unit_id, o.name AS owner_name, o.path AS owner_path,
  c.target, c.note, c.version, c.created_at`;

export interface OfferRow {
  programme_code: string;
  programme_name: string;
  modes: string[];
  grants_kind: string | null;
  grants_level: string | null;
}

export interface CampaignInsert {
  year: number;
  title: string;
  deadline: string;
  ownerUnitId: number;
  target: CampaignRow['target'];
  note: string | null;
  createdBy: number;
}

export async function insertCampaign(tx: Queryable, c: CampaignInsert): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO needs_campaigns (year, title, deadline, owner_unit_id, target, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [c.year, c.title, c.deadline, c.ownerUnitId, JSON.stringify(c.target), c.note, c.createdBy],
  );
  return r.rows[0]!.id;
}

export async function insertOffers(
  tx: Queryable,
  campaignId: number,
  offers: readonly { programmeCode: string; modes: readonly string[] }[],
): Promise<void> {
  if (offers.length === 0) return;
  await insertRows(
    tx,
    'needs_campaign_offers',
    ['campaign_id', 'programme_code', 'modes', 'sort_order'],
    offers.map((o, i) => [campaignId, o.programmeCode, o.modes, i]),
  );
}

export async function insertCampaignUnits(tx: Queryable, campaignId: number, unitIds: readonly number[]): Promise<void> {
  if (unitIds.length === 0) return;
  await insertRows(
    tx,
    'needs_campaign_units',
    ['campaign_id', 'unit_id'],
    unitIds.map((u) => [campaignId, u]),
  );
}

/**
 * The units of a subtree that a target picks: every unit of the given kinds, or the listed ids
 * (those inside the subtree only), in tree order.
 */
export async function findTargetUnits(
  q: Queryable,
  rootPath: string,
  target: { kinds?: readonly string[]; unitIds?: readonly number[] },
): Promise<{ id: number; name: string }[]> {
  const p = new Params();
  const cond = target.unitIds ? `u.id = ANY(${p.add(target.unitIds)}::int[])` : `u.kind = ANY(${p.add(target.kinds ?? [])}::text[])`;
  const r = await q.query<{ id: number; name: string }>(
    `SELECT u.id, u.name FROM units u WHERE u.path LIKE ${p.add(`${likeEscape(rootPath)}%`)} AND ${cond} ORDER BY u.path`,
    p.values,
  );
  return r.rows;
}

export async function findCampaign(q: Queryable, id: number, forUpdate = false): Promise<CampaignRow | null> {
  const r = await q.query<CampaignRow>(
    `SELECT ${CAMPAIGN_COLUMNS} FROM needs_campaigns c JOIN units o ON o.id = c.owner_unit_id WHERE c.id = $1 ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
    [id],
  );
  return r.rows[0] ?? null;
}

export async function findOffers(q: Queryable, campaignId: number): Promise<OfferRow[]> {
  const r = await q.query<OfferRow>(
    `SELECT o.programme_code, p.name AS programme_name, o.modes, p.grants_kind, p.grants_level
       FROM needs_campaign_offers o JOIN programmes p ON p.code = o.programme_code
      WHERE o.campaign_id = $1 ORDER BY o.sort_order, o.programme_code`,
    [campaignId],
  );
  return r.rows;
}

export interface CampaignListRow extends CampaignRow {
  required_units: number;
  submitted_units: number;
  /** Of the units the list was asked about (the caller's subtree): how many must answer, how many did. */
  my_units: number;
  my_submitted: number;
  people: number;
}

/**
 * Campaigns seen from a subtree: every campaign (`all`), or those it owns or asks a unit of it to
 * answer (`onlyId`: that one alone). Newest year first.
 */
export async function listCampaigns(q: Queryable, scopePath: string, all: boolean, onlyId?: number): Promise<CampaignListRow[]> {
  const p = new Params();
  const like = p.add(`${likeEscape(scopePath)}%`);
  const one = onlyId !== undefined ? `c.id = ${p.add(onlyId)} AND ` : '';
  const r = await q.query<CampaignListRow>(
    `SELECT ${CAMPAIGN_COLUMNS},
            (SELECT count(*)::int FROM needs_campaign_units cu WHERE cu.campaign_id = c.id) AS required_units,
            (SELECT count(*)::int FROM needs_answers a WHERE a.campaign_id = c.id AND a.status = 'submitted') AS submitted_units,
            (SELECT count(*)::int FROM needs_campaign_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.campaign_id = c.id AND u.path LIKE ${like}) AS my_units,
            (SELECT count(*)::int FROM needs_answers a JOIN units u ON u.id = a.unit_id
              WHERE a.campaign_id = c.id AND a.status = 'submitted' AND u.path LIKE ${like}) AS my_submitted,
            (SELECT coalesce(sum(l.people), 0)::int FROM needs_answers a JOIN needs_answer_lines l ON l.answer_id = a.id
              WHERE a.campaign_id = c.id AND a.status = 'submitted') AS people
       FROM needs_campaigns c JOIN units o ON o.id = c.owner_unit_id
      WHERE ${one}${all ? 'true' : `(o.path LIKE ${like} OR EXISTS (SELECT 1 FROM needs_campaign_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.campaign_id = c.id AND u.path LIKE ${like}))`}
      ORDER BY c.year DESC, c.id DESC`,
    p.values,
  );
  return r.rows;
}

export interface CampaignUnitRow {
  unit_id: number;
  unit_name: string;
  unit_path: string;
  parent_id: number | null;
  reopened_until: string | null;
  answer_id: number | null;
  status: 'draft' | 'submitted' | 'returned' | null;
  version: number | null;
  submitted_at: string | null;
  return_comment: string | null;
  people: number;
  reminders: string[];
}

/** The units a campaign asks (those under `scopePath`), with their answer's state, in tree order. */
export async function findCampaignUnits(q: Queryable, campaignId: number, scopePath: string, unitId?: number): Promise<CampaignUnitRow[]> {
  const p = new Params();
  const conds = [`cu.campaign_id = ${p.add(campaignId)}`, `u.path LIKE ${p.add(`${likeEscape(scopePath)}%`)}`];
  if (unitId !== undefined) conds.push(`cu.unit_id = ${p.add(unitId)}`);
  const r = await q.query<CampaignUnitRow>(
    `SELECT cu.unit_id, u.name AS unit_name, u.path AS unit_path, u.parent_id, cu.reopened_until::text AS reopened_until,
            a.id AS answer_id, a.status, a.version, a.submitted_at, a.return_comment,
            coalesce((SELECT sum(l.people) FROM needs_answer_lines l WHERE l.answer_id = a.id), 0)::int AS people,
            coalesce((SELECT array_agg(r.kind ORDER BY r.kind) FROM needs_reminders r WHERE r.campaign_id = cu.campaign_id AND r.unit_id = cu.unit_id), '{}') AS reminders
       FROM needs_campaign_units cu
       JOIN units u ON u.id = cu.unit_id
       LEFT JOIN needs_answers a ON a.campaign_id = cu.campaign_id AND a.unit_id = cu.unit_id
      WHERE ${conds.join(' AND ')}
      ORDER BY u.path`,
    p.values,
  );
  return r.rows;
}

/** Locks a unit's place in a campaign (always taken before its answer's row), or null. */
export async function lockCampaignUnit(
  tx: Queryable,
  campaignId: number,
  unitId: number,
): Promise<{ reopened_until: string | null } | null> {
  const r = await tx.query<{ reopened_until: string | null }>(
    'SELECT reopened_until::text AS reopened_until FROM needs_campaign_units WHERE campaign_id = $1 AND unit_id = $2 FOR UPDATE',
    [campaignId, unitId],
  );
  return r.rows[0] ?? null;
}

export async function setReopenedUntil(tx: Queryable, campaignId: number, unitId: number, until: string | null): Promise<void> {
  await tx.query('UPDATE needs_campaign_units SET reopened_until = $3 WHERE campaign_id = $1 AND unit_id = $2', [
    campaignId,
    unitId,
    until,
  ]);
}

export interface CampaignChange {
  title: string;
  deadline: string;
  status: 'open' | 'closed';
  note: string | null;
}

/** Changes a campaign read at `version`; false when someone changed it meanwhile. */
export async function updateCampaign(tx: Queryable, id: number, version: number, c: CampaignChange): Promise<boolean> {
  const r = await tx.query(
    'UPDATE needs_campaigns SET title = $3, deadline = $4, status = $5, note = $6, version = version + 1 WHERE id = $1 AND version = $2',
    [id, version, c.title, c.deadline, c.status, c.note],
  );
  return r.rowCount === 1;
}

// ---------- answers ----------

export interface AnswerRow {
  id: number;
  status: 'draft' | 'submitted' | 'returned';
  version: number;
  submitted_at: string | null;
  submitted_by_name: string | null;
  return_comment: string | null;
  returned_at: string | null;
  returned_by_name: string | null;
  updated_at: string;
  updated_by_name: string | null;
}

export async function findAnswer(q: Queryable, campaignId: number, unitId: number, forUpdate = false): Promise<AnswerRow | null> {
  const r = await q.query<AnswerRow>(
    `SELECT a.id, a.status, a.version, a.submitted_at, s.display_name AS submitted_by_name, a.return_comment, a.returned_at,
            rb.display_name AS returned_by_name, a.updated_at, ub.display_name AS updated_by_name
       FROM needs_answers a
       LEFT JOIN users s ON s.id = a.submitted_by
       LEFT JOIN users rb ON rb.id = a.returned_by
       LEFT JOIN users ub ON ub.id = a.updated_by
      WHERE a.campaign_id = $1 AND a.unit_id = $2 ${forUpdate ? 'FOR UPDATE OF a' : ''}`,
    [campaignId, unitId],
  );
  return r.rows[0] ?? null;
}

export interface LineRow {
  id: number;
  line_no: number;
  programme_code: string;
  mode: 'full_time' | 'part_time' | 'online';
  quarter: number;
  people: number;
  named: { id: number; fullName: string; unitName: string }[];
}

export async function findLines(q: Queryable, answerId: number): Promise<LineRow[]> {
  const r = await q.query<LineRow>(
    `SELECT l.id, l.line_no, l.programme_code, l.mode, l.quarter::int AS quarter, l.people,
            coalesce((SELECT json_agg(json_build_object('id', pe.id, 'fullName', pe.full_name, 'unitName', u.name) ORDER BY pe.sort_key, pe.id)
                        FROM needs_answer_people np JOIN people pe ON pe.id = np.person_id JOIN units u ON u.id = pe.unit_id
                       WHERE np.line_id = l.id), '[]'::json) AS named
       FROM needs_answer_lines l WHERE l.answer_id = $1 ORDER BY l.line_no`,
    [answerId],
  );
  return r.rows;
}

/** A new draft answer (version 1). */
export async function insertAnswer(tx: Queryable, campaignId: number, unitId: number, userId: number): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO needs_answers (campaign_id, unit_id, status, updated_by) VALUES ($1, $2, 'draft', $3) RETURNING id`,
    [campaignId, unitId, userId],
  );
  return r.rows[0]!.id;
}

/** Replaces an answer's lines and named people. */
export async function replaceLines(
  tx: Queryable,
  answerId: number,
  lines: readonly { programmeCode: string; mode: string; quarter: number; people: number; personIds: readonly number[] }[],
): Promise<void> {
  await tx.query('DELETE FROM needs_answer_lines WHERE answer_id = $1', [answerId]);
  if (lines.length === 0) return;
  const ids = await insertRows<number>(
    tx,
    'needs_answer_lines',
    ['answer_id', 'line_no', 'programme_code', 'mode', 'quarter', 'people'],
    lines.map((l, i) => [answerId, i + 1, l.programmeCode, l.mode, l.quarter, l.people]),
    { returning: 'id' },
  );
  const named = lines.flatMap((l, i) => l.personIds.map((p) => [ids[i], p]));
  if (named.length > 0) await insertRows(tx, 'needs_answer_people', ['line_id', 'person_id'], named);
}

export type AnswerTransition = { kind: 'save' } | { kind: 'submit' } | { kind: 'return'; comment: string };

/** Moves an answer read at `version` (draft saved, submitted, returned); false when it changed meanwhile. */
export async function touchAnswer(tx: Queryable, answerId: number, version: number, userId: number, t: AnswerTransition): Promise<boolean> {
  const sets =
    t.kind === 'save'
      ? `status = CASE WHEN status = 'returned' THEN 'returned' ELSE 'draft' END`
      : t.kind === 'submit'
        ? `status = 'submitted', submitted_at = now(), submitted_by = $3`
        : `status = 'returned', return_comment = $4, returned_at = now(), returned_by = $3`;
  const params: unknown[] = [answerId, version, userId];
  if (t.kind === 'return') params.push(t.comment);
  const r = await tx.query(
    `UPDATE needs_answers SET ${sets}, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1 AND version = $2`,
    params,
  );
  return r.rowCount === 1;
}

/** The unit path of each person (missing ids are left out). */
export async function findPeopleUnitPaths(q: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const r = await q.query<{ id: number; path: string }>(
    'SELECT pe.id, u.path FROM people pe JOIN units u ON u.id = pe.unit_id WHERE pe.id = ANY($1::int[])',
    [ids],
  );
  return new Map(r.rows.map((x) => [x.id, x.path]));
}

// ---------- aggregation facts ----------

export interface AggregateLineRow {
  unit_id: number;
  programme_code: string;
  mode: 'full_time' | 'part_time' | 'online';
  quarter: number;
  people: number;
  named: number;
  young: number;
  female: number;
  minority: number;
  planned: number;
}

/**
 * Every line of the submitted answers of units under `scopePath`, with its named people counted by
 * group: young (born after `youngBornAfter`), female, ethnic minority, planned (a planning entry
 * of a current term in `year`: as rules.isTermCurrent, the term ends in `year` or later, or is not
 * written "YYYY-YYYY").
 */
export async function findAggregateLines(
  q: Queryable,
  campaignId: number,
  scopePath: string,
  youngBornAfter: string,
  year: number,
): Promise<AggregateLineRow[]> {
  const r = await q.query<AggregateLineRow>(
    `WITH lines AS (
       SELECT l.id, a.unit_id, l.programme_code, l.mode, l.quarter::int AS quarter, l.people
         FROM needs_answers a
         JOIN units u ON u.id = a.unit_id
         JOIN needs_answer_lines l ON l.answer_id = a.id
        WHERE a.campaign_id = $1 AND a.status = 'submitted' AND u.path LIKE $2
     ), tags AS (
       SELECT np.line_id,
              count(*)::int AS named,
              count(*) FILTER (WHERE pe.birth_date > $3::date)::int AS young,
              count(*) FILTER (WHERE pe.gender = 'female')::int AS female,
              count(*) FILTER (WHERE e.minority)::int AS minority,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM planning_entries pl
                 WHERE pl.person_id = pe.id
                   AND CASE WHEN pl.term ~ '^\s*[0-9]{4}\s*[-–]\s*[0-9]{4}\s*$'
                            THEN substring(pl.term from '([0-9]{4})\s*$')::int >= $4 ELSE true END))::int AS planned
         FROM needs_answer_people np
         JOIN lines ON lines.id = np.line_id
         JOIN people pe ON pe.id = np.person_id
         JOIN ethnicities e ON e.code = pe.ethnicity_code
        GROUP BY np.line_id
     )
     SELECT lines.unit_id, lines.programme_code, lines.mode, lines.quarter, lines.people,
            coalesce(t.named, 0) AS named, coalesce(t.young, 0) AS young, coalesce(t.female, 0) AS female,
            coalesce(t.minority, 0) AS minority, coalesce(t.planned, 0) AS planned
       FROM lines LEFT JOIN tags t ON t.line_id = lines.id`,
    [campaignId, `${likeEscape(scopePath)}%`, youngBornAfter, year],
  );
  return r.rows;
}

/** The units a campaign asks under `scopePath` and their ancestors up to `topPath`: the roll-up tree, in tree order. */
export async function findRollupTree(
  q: Queryable,
  campaignId: number,
  scopePath: string,
  topPath: string,
): Promise<{ id: number; parent_id: number | null; name: string; path: string }[]> {
  const r = await q.query<{ id: number; parent_id: number | null; name: string; path: string }>(
    `SELECT u.id, u.parent_id, u.name, u.path FROM units u
      WHERE u.path LIKE $3 AND EXISTS (
        SELECT 1 FROM needs_campaign_units cu JOIN units x ON x.id = cu.unit_id
         WHERE cu.campaign_id = $1 AND x.path LIKE $2 AND x.path LIKE u.path || '%')
      ORDER BY u.path`,
    [campaignId, `${likeEscape(scopePath)}%`, `${likeEscape(topPath)}%`],
  );
  return r.rows;
}

// ---------- history and reminders ----------

export interface HistoryRow {
  campaign_id: number;
  year: number;
  title: string;
  deadline: string;
  campaign_status: 'open' | 'closed';
  status: 'draft' | 'submitted' | 'returned' | null;
  submitted_at: string | null;
  return_comment: string | null;
  lines: number;
  people: number;
  named: number;
}

/** Every campaign that asked the unit, newest first, with what became of its answer. */
export async function findUnitHistory(q: Queryable, unitId: number): Promise<HistoryRow[]> {
  const r = await q.query<HistoryRow>(
    `SELECT c.id AS campaign_id, c.year, c.title, c.deadline::text AS deadline, c.status AS campaign_status,
            a.status, a.submitted_at, a.return_comment,
            (SELECT count(*)::int FROM needs_answer_lines l WHERE l.answer_id = a.id) AS lines,
            coalesce((SELECT sum(l.people) FROM needs_answer_lines l WHERE l.answer_id = a.id), 0)::int AS people,
            (SELECT count(*)::int FROM needs_answer_lines l JOIN needs_answer_people np ON np.line_id = l.id WHERE l.answer_id = a.id) AS named
       FROM needs_campaign_units cu
       JOIN needs_campaigns c ON c.id = cu.campaign_id
       LEFT JOIN needs_answers a ON a.campaign_id = cu.campaign_id AND a.unit_id = cu.unit_id
      WHERE cu.unit_id = $1
      ORDER BY c.year DESC, c.id DESC`,
    [unitId],
  );
  return r.rows;
}

export interface ReminderCandidateRow {
  campaign_id: number;
  year: number;
  deadline: string;
  campaign_status: 'open' | 'closed';
  unit_id: number;
  unit_name: string;
  status: 'draft' | 'submitted' | 'returned' | null;
  recorded: string[];
}

/** Units of open campaigns that have not submitted, with the reminders already recorded. */
export async function findReminderCandidates(q: Queryable): Promise<ReminderCandidateRow[]> {
  const r = await q.query<ReminderCandidateRow>(
    `SELECT c.id AS campaign_id, c.year, c.deadline::text AS deadline, c.status AS campaign_status, cu.unit_id, u.name AS unit_name, a.status,
            coalesce((SELECT array_agg(r.kind) FROM needs_reminders r WHERE r.campaign_id = c.id AND r.unit_id = cu.unit_id), '{}') AS recorded
       FROM needs_campaigns c
       JOIN needs_campaign_units cu ON cu.campaign_id = c.id
       JOIN units u ON u.id = cu.unit_id
       LEFT JOIN needs_answers a ON a.campaign_id = cu.campaign_id AND a.unit_id = cu.unit_id
      WHERE c.status = 'open' AND (a.status IS NULL OR a.status <> 'submitted')`,
  );
  return r.rows;
}

/** Records reminders; one already recorded (same campaign, unit, kind) is left as it was. Returns how many were new. */
export async function insertReminders(
  tx: Queryable,
  rows: readonly { campaignId: number; unitId: number; kind: string; message: string }[],
): Promise<number> {
  let added = 0;
  for (const r of rows) {
    const res = await tx.query(
      `INSERT INTO needs_reminders (campaign_id, unit_id, kind, message) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [r.campaignId, r.unitId, r.kind, r.message],
    );
    added += res.rowCount;
  }
  return added;
}

export interface ReminderRow {
  campaign_id: number;
  year: number;
  unit_id: number;
  unit_name: string;
  kind: 'before_deadline' | 'after_deadline';
  message: string;
  created_at: string;
}

/** Reminders for units under `scopePath` whose answer is still not submitted in an open campaign, newest first. */
export async function findOpenReminders(q: Queryable, scopePath: string): Promise<ReminderRow[]> {
  const r = await q.query<ReminderRow>(
    `SELECT r.campaign_id, c.year, r.unit_id, u.name AS unit_name, r.kind, r.message, r.created_at
       FROM needs_reminders r
       JOIN needs_campaigns c ON c.id = r.campaign_id
       JOIN units u ON u.id = r.unit_id
       LEFT JOIN needs_answers a ON a.campaign_id = r.campaign_id AND a.unit_id = r.unit_id
      WHERE u.path LIKE $1 AND c.status = 'open' AND (a.status IS NULL OR a.status <> 'submitted')
      ORDER BY r.created_at DESC, r.unit_id
      LIMIT 50`,
    [`${likeEscape(scopePath)}%`],
  );
  return r.rows;
}

/** Whether the campaign asks at least one unit under `scopePath`. */
export async function asksUnitsUnder(q: Queryable, campaignId: number, scopePath: string): Promise<boolean> {
  const r = await q.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM needs_campaign_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.campaign_id = $1 AND u.path LIKE $2) AS found`,
    [campaignId, `${likeEscape(scopePath)}%`],
  );
  return r.rows[0]!.found;
}

// ---------- generated data (the demo province, benchmarks) ----------

export interface AnswerState {
  campaignId: number;
  unitId: number;
  status: 'draft' | 'submitted' | 'returned';
  /** Each step taken so far counts one version, as the service would have counted them. */
  version: number;
  submittedAt: string | null;
  submittedBy: number | null;
  returnComment: string | null;
  returnedAt: string | null;
  returnedBy: number | null;
  updatedAt: string;
  updatedBy: number | null;
}

/** Writes answers in a given state (generated data: the service's lifecycle was played out beforehand). Returns their ids in order. */
export async function insertAnswersAs(tx: Queryable, answers: readonly AnswerState[]): Promise<number[]> {
  return insertRows<number>(
    tx,
    'needs_answers',
    [
      'campaign_id',
      'unit_id',
      'status',
      'version',
      'submitted_at',
      'submitted_by',
      'return_comment',
      'returned_at',
      'returned_by',
      'updated_at',
      'updated_by',
    ],
    answers.map((a) => [
      a.campaignId,
      a.unitId,
      a.status,
      a.version,
      a.submittedAt,
      a.submittedBy,
      a.returnComment,
      a.returnedAt,
      a.returnedBy,
      a.updatedAt,
      a.updatedBy,
    ]),
    { returning: 'id' },
  );
}

/** The lines of many answers at once (generated data). */
export async function insertLinesMany(
  tx: Queryable,
  lines: readonly {
    answerId: number;
    lineNo: number;
    programmeCode: string;
    mode: string;
    quarter: number;
    people: number;
    personIds: readonly number[];
  }[],
): Promise<void> {
  if (lines.length === 0) return;
  const ids = await insertRows<number>(
    tx,
    'needs_answer_lines',
    ['answer_id', 'line_no', 'programme_code', 'mode', 'quarter', 'people'],
    lines.map((l) => [l.answerId, l.lineNo, l.programmeCode, l.mode, l.quarter, l.people]),
    { returning: 'id' },
  );
  const named = lines.flatMap((l, i) => l.personIds.map((p) => [ids[i], p]));
  if (named.length > 0) await insertRows(tx, 'needs_answer_people', ['line_id', 'person_id'], named);
}

/** Up to `perUnit` people of each unit's subtree (lowest ids first), to name in generated answers. */
export async function samplePeopleOfUnits(q: Queryable, unitIds: readonly number[], perUnit: number): Promise<Map<number, number[]>> {
  if (unitIds.length === 0) return new Map();
  const r = await q.query<{ id: number; people: number[] | null }>(
    `SELECT u.id, (SELECT array_agg(x.id ORDER BY x.id) FROM (
              SELECT pe.id FROM people pe JOIN units pu ON pu.id = pe.unit_id
               WHERE pu.path LIKE u.path || '%' ORDER BY pe.id LIMIT $2) x) AS people
       FROM units u WHERE u.id = ANY($1::int[])`,
    [unitIds, perUnit],
  );
  return new Map(r.rows.map((x) => [x.id, x.people ?? []]));
}
