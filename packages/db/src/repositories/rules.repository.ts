/**
 * Rules as data: programmes, eligibility rule versions, programme notes, title / job-position
 * standards, and the reference codes rules may name. Plain rows out; the service maps them onto
 * the domain's `rules` types and validates every write with the domain before it gets here.
 */
import { rules } from '@nang-tam/domain';
import { insertRows } from '../batch.js';
import type { Db, Queryable } from '../create-db.js';
import { appendAudit } from './audit.repository.js';

// ---------- rows ----------

export interface ProgrammeRow {
  code: string;
  name: string;
  kind: string;
  modes: string[];
  grants_kind: string | null;
  grants_level: string | null;
  sort_order: number;
  /** Who runs it (migration 019, the programme catalogue). */
  organiser_type: string;
}

export interface RuleVersionRow {
  id: string;
  version: number;
  programme_code: string;
  kind: string;
  params: Record<string, unknown>;
  description: string;
  source: rules.SourceDocument;
  period_from: string;
  period_to: string | null;
  corrects: number | null;
  superseded_by: number | null;
  note: string | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
}

export interface ProgrammeNoteRow {
  id: number;
  programme_code: string;
  text: string;
  source: rules.SourceDocument;
  period_from: string;
  period_to: string | null;
}

export interface StandardVersionRow {
  id: string;
  version: number;
  title_code: string | null;
  job_position_code: string | null;
  requirement_kind: string;
  min_level: string;
  alternatives: rules.LevelAlternative[];
  description: string;
  source: rules.SourceDocument;
  period_from: string;
  period_to: string | null;
  corrects: number | null;
  superseded_by: number | null;
  note: string | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
}

/** The reference tables rules and standards speak in, with ids (for SQL pre-filters). */
export interface RuleReferenceRows {
  levels: { kind: string; code: string; name: string; rank: number }[];
  titles: { id: number; code: string; name: string; level: string; leadership: boolean }[];
  jobPositions: { id: number; code: string; name: string; fields: string[] }[];
  ranks: { id: number; code: string; name: string }[];
}

// ---------- reads ----------

export async function listProgrammes(db: Queryable): Promise<ProgrammeRow[]> {
  const r = await db.query<ProgrammeRow>(
    'SELECT code, name, kind, modes, grants_kind, grants_level, sort_order, organiser_type FROM programmes ORDER BY sort_order, code',
  );
  return r.rows;
}

export async function findProgramme(db: Queryable, code: string): Promise<ProgrammeRow | null> {
  const r = await db.query<ProgrammeRow>(
    'SELECT code, name, kind, modes, grants_kind, grants_level, sort_order, organiser_type FROM programmes WHERE code = $1',
    [code],
  );
  return r.rows[0] ?? null;
}

/** Sequential on purpose: it also runs inside transactions (one connection). */
export async function loadRuleReference(db: Queryable): Promise<RuleReferenceRows> {
  const levels = await db.query<RuleReferenceRows['levels'][number]>('SELECT kind, code, name, rank FROM qualification_levels ORDER BY kind, rank');
  const titles = await db.query<RuleReferenceRows['titles'][number]>('SELECT id, code, name, level, leadership FROM titles ORDER BY sort_order, id');
  const jobPositions = await db.query<RuleReferenceRows['jobPositions'][number]>('SELECT id, code, name, fields FROM job_positions ORDER BY id');
  const ranks = await db.query<RuleReferenceRows['ranks'][number]>('SELECT id, code, name FROM ranks ORDER BY id');
  return { levels: levels.rows, titles: titles.rows, jobPositions: jobPositions.rows, ranks: ranks.rows };
}

const RULE_COLUMNS = `rv.id, rv.version, rv.programme_code, rv.kind, rv.params, rv.description, rv.source, rv.period_from, rv.period_to,
  rv.corrects, rv.superseded_by, rv.note, rv.created_by, us.username AS created_by_name, rv.created_at`;

/**
 * Rule versions, every version of every id (history included), optionally of one programme or one
 * rule id, in the order each id was first written. `activeOn`: only the active versions in force
 * on one of these dates.
 */
export async function findRuleVersions(
  db: Queryable,
  filter: { programmeCode?: string; id?: string; activeOn?: string[] } = {},
): Promise<RuleVersionRow[]> {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (filter.programmeCode !== undefined) {
    params.push(filter.programmeCode);
    conds.push(`rv.programme_code = $${params.length}`);
  }
  if (filter.id !== undefined) {
    params.push(filter.id);
    conds.push(`rv.id = $${params.length}`);
  }
  if (filter.activeOn !== undefined) {
    params.push(filter.activeOn);
    conds.push(`rv.superseded_by IS NULL AND EXISTS (SELECT 1 FROM unnest($${params.length}::date[]) d(on_date)
      WHERE rv.period_from <= d.on_date AND (rv.period_to IS NULL OR rv.period_to >= d.on_date))`);
  }
  const r = await db.query<RuleVersionRow>(
    `SELECT ${RULE_COLUMNS} FROM rule_versions rv LEFT JOIN users us ON us.id = rv.created_by
     ${conds.length > 0 ? `WHERE ${conds.join(' AND ')}` : ''}
     ORDER BY rv.programme_code, min(rv.seq) OVER (PARTITION BY rv.id), rv.version`,
    params,
  );
  return r.rows;
}

export async function findProgrammeNotes(db: Queryable, programmeCode?: string): Promise<ProgrammeNoteRow[]> {
  const r = await db.query<ProgrammeNoteRow>(
    `SELECT id, programme_code, text, source, period_from, period_to FROM programme_notes
     ${programmeCode !== undefined ? 'WHERE programme_code = $1' : ''} ORDER BY programme_code, id`,
    programmeCode !== undefined ? [programmeCode] : [],
  );
  return r.rows;
}

const STANDARD_COLUMNS = `sv.id, sv.version, sv.title_code, sv.job_position_code, sv.requirement_kind, sv.min_level, sv.alternatives,
  sv.description, sv.source, sv.period_from, sv.period_to, sv.corrects, sv.superseded_by, sv.note, sv.created_by,
  us.username AS created_by_name, sv.created_at`;

/** Standard versions (history included), optionally of one title, one job position or one id. */
export async function findStandardVersions(
  db: Queryable,
  filter: { titleCode?: string; jobPositionCode?: string; id?: string; activeOn?: string[] } = {},
): Promise<StandardVersionRow[]> {
  const conds: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conds.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.titleCode !== undefined) add('sv.title_code = ?', filter.titleCode);
  if (filter.jobPositionCode !== undefined) add('sv.job_position_code = ?', filter.jobPositionCode);
  if (filter.id !== undefined) add('sv.id = ?', filter.id);
  if (filter.activeOn !== undefined) {
    add(
      `sv.superseded_by IS NULL AND EXISTS (SELECT 1 FROM unnest(?::date[]) d(on_date)
        WHERE sv.period_from <= d.on_date AND (sv.period_to IS NULL OR sv.period_to >= d.on_date))`,
      filter.activeOn,
    );
  }
  const r = await db.query<StandardVersionRow>(
    `SELECT ${STANDARD_COLUMNS} FROM standard_versions sv LEFT JOIN users us ON us.id = sv.created_by
     ${conds.length > 0 ? `WHERE ${conds.join(' AND ')}` : ''}
     ORDER BY min(sv.seq) OVER (PARTITION BY sv.id), sv.version`,
    params,
  );
  return r.rows;
}

// ---------- writes ----------

/**
 * Serialises writes to the versions of one rule or standard id until the transaction ends, so two
 * administrators adding versions at once cannot both pass the overlap check.
 */
export async function lockVersionedId(tx: Queryable, what: 'rule' | 'standard', id: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${what}:${id}`]);
}

const RULE_INSERT_COLUMNS = [
  'id',
  'version',
  'programme_code',
  'kind',
  'params',
  'description',
  'source',
  'period_from',
  'period_to',
  'corrects',
  'superseded_by',
  'note',
  'created_by',
] as const;

function ruleValues(programmeCode: string, r: rules.Rule, createdBy: number | null): unknown[] {
  return [
    r.id,
    r.version,
    programmeCode,
    r.kind,
    JSON.stringify(r.params),
    r.description,
    JSON.stringify(r.source),
    r.period.from,
    r.period.to,
    r.corrects ?? null,
    r.supersededBy ?? null,
    r.note ?? null,
    createdBy,
  ];
}

export async function insertRuleVersion(tx: Queryable, programmeCode: string, rule: rules.Rule, createdBy: number | null): Promise<void> {
  await insertRows(tx, 'rule_versions', RULE_INSERT_COLUMNS, [ruleValues(programmeCode, rule, createdBy)]);
}

/** Writes the period and supersession of an existing version (after addRuleVersion changed them). */
export async function updateRuleVersionState(tx: Queryable, id: string, version: number, periodTo: string | null, supersededBy: number | null): Promise<void> {
  await tx.query('UPDATE rule_versions SET period_to = $3, superseded_by = $4 WHERE id = $1 AND version = $2', [id, version, periodTo, supersededBy]);
}

const STANDARD_INSERT_COLUMNS = [
  'id',
  'version',
  'title_code',
  'job_position_code',
  'requirement_kind',
  'min_level',
  'alternatives',
  'description',
  'source',
  'period_from',
  'period_to',
  'corrects',
  'superseded_by',
  'note',
  'created_by',
] as const;

function standardValues(s: rules.Standard, createdBy: number | null): unknown[] {
  return [
    s.id,
    s.version,
    s.titleCode ?? null,
    s.jobPositionCode ?? null,
    s.requirement.kind,
    s.requirement.minLevel,
    JSON.stringify(s.requirement.alternatives ?? []),
    s.description,
    JSON.stringify(s.source),
    s.period.from,
    s.period.to,
    s.corrects ?? null,
    s.supersededBy ?? null,
    s.note ?? null,
    createdBy,
  ];
}

export async function insertStandardVersion(tx: Queryable, standard: rules.Standard, createdBy: number | null): Promise<void> {
  await insertRows(tx, 'standard_versions', STANDARD_INSERT_COLUMNS, [standardValues(standard, createdBy)]);
}

export async function updateStandardVersionState(tx: Queryable, id: string, version: number, periodTo: string | null, supersededBy: number | null): Promise<void> {
  await tx.query('UPDATE standard_versions SET period_to = $3, superseded_by = $4 WHERE id = $1 AND version = $2', [id, version, periodTo, supersededBy]);
}

/** Replaces a job position's matching fields; returns the previous fields, or null when there is no such position. */
export async function updateJobPositionFields(tx: Queryable, code: string, fields: string[]): Promise<string[] | null> {
  const before = await tx.query<{ fields: string[] }>('SELECT fields FROM job_positions WHERE code = $1 FOR UPDATE', [code]);
  if (before.rows.length === 0) return null;
  await tx.query('UPDATE job_positions SET fields = $2 WHERE code = $1', [code, fields]);
  return before.rows[0]!.fields;
}

// ---------- the shipped seed ----------

export interface SeedCounts {
  programmes: number;
  rules: number;
  notes: number;
  standards: number;
  jobPositions: number;
}

const SEED_LOCK = 7_020_252;

/**
 * Writes the shipped programmes, rule sets, notes, standards and job-position fields
 * (`rules.SHIPPED_*` in the domain) when the programmes table is empty; afterwards the database is
 * authoritative and this does nothing. Safe to call from several processes at once. Returns what it
 * wrote, or null when the rules were already there.
 */
export async function seedShippedRules(db: Db): Promise<SeedCounts | null> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const existing = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM programmes');
    if ((existing.rows[0]?.n ?? 0) > 0) return null;
    await insertRows(
      tx,
      'programmes',
      ['code', 'name', 'kind', 'modes', 'grants_kind', 'grants_level', 'sort_order'],
      rules.SHIPPED_PROGRAMMES.map((p, i) => [p.code, p.name, p.kind, p.modes, p.grants?.kind ?? null, p.grants?.level ?? null, i + 1]),
    );
    const ruleRows = [
      ...rules.SHIPPED_RULE_SETS.flatMap((set) => set.rules.map((r) => ruleValues(set.programmeCode, r, null))),
      ...rules.SHIPPED_SUPERSEDED_RULES.map(({ programmeCode, rule }) => ruleValues(programmeCode, rule, null)),
    ];
    await insertRows(tx, 'rule_versions', RULE_INSERT_COLUMNS, ruleRows, { batch: 200 });
    const noteRows = rules.SHIPPED_RULE_SETS.flatMap((set) =>
      (set.notes ?? []).map((n) => [set.programmeCode, n.text, JSON.stringify(n.source), n.period.from, n.period.to]),
    );
    await insertRows(tx, 'programme_notes', ['programme_code', 'text', 'source', 'period_from', 'period_to'], noteRows);
    await insertRows(tx, 'standard_versions', STANDARD_INSERT_COLUMNS, rules.SHIPPED_STANDARDS.map((s) => standardValues(s, null)), { batch: 200 });
    let jobPositions = 0;
    for (const [code, info] of Object.entries(rules.JOB_POSITION_FIELDS)) {
      const r = await tx.query("UPDATE job_positions SET fields = $2 WHERE code = $1 AND fields = '{}'", [code, [...info.fields]]);
      jobPositions += r.rowCount;
    }
    const counts: SeedCounts = {
      programmes: rules.SHIPPED_PROGRAMMES.length,
      rules: ruleRows.length,
      notes: noteRows.length,
      standards: rules.SHIPPED_STANDARDS.length,
      jobPositions,
    };
    await appendAudit(tx, { actorId: null, actorName: 'system', action: 'seed', entity: 'rules', entityId: 'shipped', after: counts });
    return counts;
  });
}

// ---------- shipped corrections reaching an existing database ----------

export interface ShippedRuleUpgrade {
  /** Rule ids shipped for the first time (all their shipped versions written). */
  added: string[];
  /** Rule ids whose untouched shipped version was replaced by a shipped correction. */
  corrected: string[];
  /** Rule ids whose shipped version 1 had a wrong start date, put right in place. */
  periodFixed: string[];
  /** Rule ids left alone because an administrator had already changed them. */
  skipped: string[];
  notes: number;
  /** Shipped notes already stored whose cited source was corrected (notes are never edited by hand). */
  noteSourcesFixed: number;
}

/** Two cited documents are the same citation (jsonb does not keep key order). */
function sameSource(a: rules.SourceDocument, b: rules.SourceDocument): boolean {
  const keys: (keyof rules.SourceDocument)[] = ['code', 'title', 'issuer', 'issuedOn', 'article'];
  return keys.every((k) => (a[k] ?? null) === (b[k] ?? null));
}

interface StoredVersion {
  id: string;
  version: number;
  period_from: string;
  period_to: string | null;
  superseded_by: number | null;
  created_by: number | null;
}

/**
 * Brings the shipped rule data of a newer release into a database seeded by an older one, without
 * touching anything an administrator wrote (docs/decisions/0025-shipped-rule-corrections.md):
 * - a rule id the database does not know is written with all its shipped versions;
 * - a shipped correction (version N+1, `corrects: N`) is written only when the database's latest
 *   version of that id is the shipped version N, untouched (written by the seed, still active, same
 *   period); version N is then marked superseded, as a correction by hand would. A database two
 *   corrections behind (stored N, shipped N+2) gets N+1 as history and N+2 in use;
 * - a shipped version 1 that is the only version and untouched gets its corrected start date;
 * - a shipped note the database lacks (same programme and text) is added; one it has with another
 *   source gets the shipped source (a citation fix: notes are written by the seed only).
 * Anything else is reported as skipped. Idempotent; returns null when nothing changed.
 */
export async function upgradeShippedRules(db: Db): Promise<ShippedRuleUpgrade | null> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const programmes = new Set((await tx.query<{ code: string }>('SELECT code FROM programmes')).rows.map((r) => r.code));
    if (programmes.size === 0) return null;
    const stored = await tx.query<StoredVersion>(
      'SELECT id, version, period_from::text AS period_from, period_to::text AS period_to, superseded_by, created_by FROM rule_versions ORDER BY id, version',
    );
    const byId = new Map<string, StoredVersion[]>();
    for (const row of stored.rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
    const history = new Map<string, rules.Rule[]>();
    for (const { rule } of rules.SHIPPED_SUPERSEDED_RULES) history.set(rule.id, [...(history.get(rule.id) ?? []), rule]);

    const result: ShippedRuleUpgrade = { added: [], corrected: [], periodFixed: [], skipped: [], notes: 0, noteSourcesFixed: 0 };
    const untouched = (v: StoredVersion | undefined, period: rules.EffectivePeriod): v is StoredVersion =>
      !!v && v.created_by === null && v.superseded_by === null && v.period_from === period.from && v.period_to === period.to;

    for (const set of rules.SHIPPED_RULE_SETS) {
      if (!programmes.has(set.programmeCode)) continue;
      for (const rule of set.rules) {
        const versions = byId.get(rule.id) ?? [];
        const same = versions.find((v) => v.version === rule.version);
        if (same) {
          if (same.created_by !== null) result.skipped.push(rule.id);
          const only = versions.length === 1 ? versions[0] : undefined;
          if (rule.version === 1 && only && only.created_by === null && only.superseded_by === null && only.period_to === rule.period.to && only.period_from !== rule.period.from) {
            await tx.query('UPDATE rule_versions SET period_from = $2 WHERE id = $1 AND version = 1', [rule.id, rule.period.from]);
            result.periodFixed.push(rule.id);
          }
          continue;
        }
        if (versions.length === 0) {
          const older = (history.get(rule.id) ?? []).filter((h) => h.version < rule.version);
          await insertRows(tx, 'rule_versions', RULE_INSERT_COLUMNS, [...older, rule].map((r) => ruleValues(set.programmeCode, r, null)));
          result.added.push(rule.id);
          continue;
        }
        const latest = versions[versions.length - 1];
        // the shipped corrections after the stored latest version, oldest first: a chain N+1 (corrects N), N+2 …
        const chain = latest ? [...(history.get(rule.id) ?? []).filter((h) => h.version > latest.version), rule].sort((a, b) => a.version - b.version) : [];
        const isChain = chain.every((r, i) => r.corrects === r.version - 1 && r.version === (latest?.version ?? 0) + 1 + i);
        if (rule.corrects !== undefined && latest && isChain && untouched(latest, rule.period)) {
          await updateRuleVersionState(tx, rule.id, latest.version, latest.period_to, chain[0]!.version);
          await insertRows(tx, 'rule_versions', RULE_INSERT_COLUMNS, chain.map((r) => ruleValues(set.programmeCode, r, null)));
          result.corrected.push(rule.id);
          continue;
        }
        result.skipped.push(rule.id);
      }
    }

    const notes = await tx.query<{ id: number; programme_code: string; text: string; source: rules.SourceDocument }>(
      'SELECT id, programme_code, text, source FROM programme_notes ORDER BY id',
    );
    const known = new Set(notes.rows.map((n) => `${n.programme_code}\u0000${n.text}`));
    for (const set of rules.SHIPPED_RULE_SETS) {
      for (const note of set.notes ?? []) {
        for (const stored of notes.rows.filter((n) => n.programme_code === set.programmeCode && n.text === note.text)) {
          if (sameSource(stored.source, note.source)) continue;
          await tx.query('UPDATE programme_notes SET source = $2 WHERE id = $1', [stored.id, JSON.stringify(note.source)]);
          result.noteSourcesFixed += 1;
        }
      }
    }
    const noteRows = rules.SHIPPED_RULE_SETS.flatMap((set) =>
      programmes.has(set.programmeCode)
        ? (set.notes ?? [])
            .filter((n) => !known.has(`${set.programmeCode}\u0000${n.text}`))
            .map((n) => [set.programmeCode, n.text, JSON.stringify(n.source), n.period.from, n.period.to])
        : [],
    );
    await insertRows(tx, 'programme_notes', ['programme_code', 'text', 'source', 'period_from', 'period_to'], noteRows);
    result.notes = noteRows.length;

    const changed = result.added.length + result.corrected.length + result.periodFixed.length + result.notes + result.noteSourcesFixed;
    if (changed === 0) return null;
    await appendAudit(tx, { actorId: null, actorName: 'system', action: 'seed', entity: 'rules', entityId: 'shipped-corrections', after: result });
    return result;
  });
}
