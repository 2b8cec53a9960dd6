/**
 * The programme catalogue's teaching side: duration, grading scheme, graduation conditions, who
 * approves nominations, and the modules (học phần) with their periods. The eligibility side of a
 * programme lives in rules.repository.ts.
 */
import { rules, training } from '@nang-tam/domain';
import { insertRows } from '../batch.js';
import type { Db, Queryable } from '../create-db.js';
import { appendAudit } from './audit.repository.js';

// ---------- rows ----------

export type ApproverCode = training.Approver;

export interface CatalogueRow {
  code: string;
  name: string;
  kind: string;
  modes: string[];
  duration: string | null;
  grading_scheme: training.GradingScheme | null;
  graduation_conditions: training.GraduationConditions | null;
  approver: ApproverCode;
  /** Who runs it (migration 019): classes open only for the school's and the commune centres' programmes. */
  organiser_type: training.OrganiserType;
}

export interface ProgrammeModuleRow {
  code: string;
  name: string;
  periods: number;
  sort_order: number;
}

export interface CatalogueWrite {
  duration: string | null;
  approver: ApproverCode;
  gradingScheme: training.GradingScheme;
  graduationConditions: training.GraduationConditions;
}

// ---------- reads ----------

export async function findCatalogue(db: Queryable, code: string, forUpdate = false): Promise<CatalogueRow | null> {
  const r = await db.query<CatalogueRow>(
    `SELECT code, name, kind, modes, duration, grading_scheme, graduation_conditions, approver, organiser_type
     FROM programmes WHERE code = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [code],
  );
  return r.rows[0] ?? null;
}

export async function findProgrammeModules(db: Queryable, code: string): Promise<ProgrammeModuleRow[]> {
  const r = await db.query<ProgrammeModuleRow>(
    'SELECT code, name, periods, sort_order FROM programme_modules WHERE programme_code = $1 ORDER BY sort_order, code',
    [code],
  );
  return r.rows;
}

// ---------- writes ----------

export async function updateCatalogue(tx: Queryable, code: string, w: CatalogueWrite): Promise<void> {
  await tx.query('UPDATE programmes SET duration = $2, approver = $3, grading_scheme = $4, graduation_conditions = $5 WHERE code = $1', [
    code,
    w.duration,
    w.approver,
    JSON.stringify(w.gradingScheme),
    JSON.stringify(w.graduationConditions),
  ]);
}

/** Replaces a programme's modules (classes already opened keep their own copies). */
export async function replaceProgrammeModules(tx: Queryable, code: string, modules: readonly training.ProgrammeModule[]): Promise<void> {
  await tx.query('DELETE FROM programme_modules WHERE programme_code = $1', [code]);
  await insertRows(
    tx,
    'programme_modules',
    ['programme_code', 'code', 'name', 'periods', 'sort_order'],
    modules.map((m, i) => [code, m.code, m.name, m.periods, i + 1]),
  );
}

// ---------- the shipped catalogue ----------

/** The approver of a programme kind (the training domain's approval routes). */
export function approverOfKind(kind: string): ApproverCode {
  return training.approverOfKind(kind);
}

export interface CatalogueSeedCounts {
  programmes: number;
  modules: number;
}

const SEED_LOCK = 7_020_253;

/**
 * Fills the teaching side of every programme whose catalogue is empty with the shipped entry
 * (training.shippedCatalogueOf: the default grading scheme, the programme's graduation conditions,
 * its duration and modules) and the approver by programme kind (LLCT → the provincial board, state
 * management → home affairs). A programme whose scheme or modules the board has written is left alone, so
 * this is safe to run at every start and from several processes at once. Returns what it wrote, or
 * null when there was nothing to fill.
 */
export async function seedProgrammeCatalogue(db: Db): Promise<CatalogueSeedCounts | null> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const programmes = await tx.query<{ code: string; kind: string; empty_scheme: boolean; module_count: number }>(
      `SELECT p.code, p.kind, p.grading_scheme IS NULL AS empty_scheme,
         (SELECT count(*)::int FROM programme_modules m WHERE m.programme_code = p.code) AS module_count
       FROM programmes p ORDER BY p.sort_order, p.code`,
    );
    let filled = 0;
    let modules = 0;
    const written: string[] = [];
    for (const p of programmes.rows) {
      const shipped = training.shippedCatalogueOf({ code: p.code, kind: p.kind as rules.ProgrammeKind });
      let touched = false;
      if (p.empty_scheme) {
        await tx.query(
          `UPDATE programmes SET duration = coalesce(duration, $2), approver = $3, grading_scheme = $4, graduation_conditions = coalesce(graduation_conditions, $5)
           WHERE code = $1 AND grading_scheme IS NULL`,
          [p.code, shipped.duration, approverOfKind(p.kind), JSON.stringify(shipped.gradingScheme), JSON.stringify(shipped.graduationConditions)],
        );
        filled += 1;
        touched = true;
      }
      if (p.module_count === 0 && shipped.modules.length > 0) {
        await replaceProgrammeModules(tx, p.code, shipped.modules);
        modules += shipped.modules.length;
        touched = true;
      }
      if (touched) written.push(p.code);
    }
    if (written.length === 0) return null;
    const counts: CatalogueSeedCounts = { programmes: filled, modules };
    await appendAudit(tx, {
      actorId: null,
      actorName: 'system',
      action: 'seed',
      entity: 'programme_catalogue',
      entityId: 'shipped',
      after: { ...counts, codes: written },
    });
    return counts;
  });
}

// ---------- programme versions (issue 9: the catalogue of every kind of training) ----------

export interface ProgrammeVersionRow {
  programme_code: string;
  version: number;
  name: string;
  kind: string;
  level: string | null;
  duration: { value: number; unit: training.DurationUnit } | null;
  modes: string[];
  target_groups: string[];
  grants_kind: string | null;
  grants_level: string | null;
  organiser_type: training.OrganiserType;
  default_institution: string | null;
  admission_deadline_months: number | null;
  note: string | null;
  source: rules.SourceDocument;
  reason: string;
  period_from: string;
  period_to: string | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
  sort_order: number;
}

const VERSION_COLUMNS = `pv.programme_code, pv.version, pv.name, pv.kind, pv.level, pv.duration, pv.modes, pv.target_groups,
  pv.grants_kind, pv.grants_level, pv.organiser_type, pv.default_institution, pv.admission_deadline_months, pv.note,
  pv.source, pv.reason, pv.period_from::text AS period_from, pv.period_to::text AS period_to, pv.created_by,
  us.username AS created_by_name, pv.created_at, p.sort_order`;

/** Every version of every programme (or of one), in catalogue order then version order. */
export async function findProgrammeVersions(db: Queryable, code?: string): Promise<ProgrammeVersionRow[]> {
  const r = await db.query<ProgrammeVersionRow>(
    `SELECT ${VERSION_COLUMNS}
     FROM programme_versions pv JOIN programmes p ON p.code = pv.programme_code LEFT JOIN users us ON us.id = pv.created_by
     ${code !== undefined ? 'WHERE pv.programme_code = $1' : ''}
     ORDER BY p.sort_order, p.code, pv.version`,
    code !== undefined ? [code] : [],
  );
  return r.rows;
}

/** Rule ids in force on a date, counted per programme (its eligibility rule set; none when absent). */
export async function countRulesInForce(db: Queryable, asOf: string): Promise<Map<string, number>> {
  const r = await db.query<{ programme_code: string; n: number }>(
    `SELECT programme_code, count(DISTINCT id)::int AS n FROM rule_versions
     WHERE superseded_by IS NULL AND period_from <= $1 AND (period_to IS NULL OR period_to >= $1)
     GROUP BY programme_code`,
    [asOf],
  );
  return new Map(r.rows.map((x) => [x.programme_code, x.n]));
}

export async function programmeCodeTaken(db: Queryable, code: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM programmes WHERE code = $1', [code]);
  return r.rows.length > 0;
}

/** Serialises writes to one programme's versions (and its creation) until the transaction ends. */
export async function lockProgrammeCode(tx: Queryable, code: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`programme:${code}`]);
}

/** The programme header row of a new programme, last in the catalogue order. */
export async function insertProgrammeHead(tx: Queryable, v: training.ProgrammeVersion): Promise<void> {
  await tx.query(
    `INSERT INTO programmes (code, name, kind, modes, grants_kind, grants_level, level, organiser_type, default_institution, sort_order)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT coalesce(max(sort_order), 0) + 1 FROM programmes))`,
    [v.code, v.name, v.kind, v.modes, v.grants?.kind ?? null, v.grants?.level ?? null, v.level, v.organiserType, v.defaultInstitution],
  );
}

const PROGRAMME_VERSION_COLUMNS = [
  'programme_code',
  'version',
  'name',
  'kind',
  'level',
  'duration',
  'modes',
  'target_groups',
  'grants_kind',
  'grants_level',
  'organiser_type',
  'default_institution',
  'admission_deadline_months',
  'note',
  'source',
  'reason',
  'period_from',
  'period_to',
  'created_by',
] as const;

function programmeVersionValues(v: training.ProgrammeVersion, createdBy: number | null): unknown[] {
  return [
    v.code,
    v.version,
    v.name,
    v.kind,
    v.level,
    v.duration ? JSON.stringify(v.duration) : null,
    v.modes,
    v.targetGroups,
    v.grants?.kind ?? null,
    v.grants?.level ?? null,
    v.organiserType,
    v.defaultInstitution,
    v.admissionDeadlineMonths,
    v.note,
    JSON.stringify(v.source),
    v.reason,
    v.period.from,
    v.period.to,
    createdBy,
  ];
}

export async function insertProgrammeVersions(tx: Queryable, versions: readonly training.ProgrammeVersion[], createdBy: number | null): Promise<void> {
  await insertRows(tx, 'programme_versions', PROGRAMME_VERSION_COLUMNS, versions.map((v) => programmeVersionValues(v, createdBy)), { batch: 100 });
}

export async function closeProgrammeVersion(tx: Queryable, code: string, version: number, to: string): Promise<void> {
  await tx.query('UPDATE programme_versions SET period_to = $3 WHERE programme_code = $1 AND version = $2', [code, version, to]);
}

/**
 * Copies onto each `programmes` row the version the catalogue shows today (in force, else the first
 * one not yet in force): the name, kind, modes, grants, level and organiser the rules and classes
 * read. Returns how many rows changed.
 */
export async function refreshProgrammeHeads(tx: Queryable, today: string): Promise<number> {
  const r = await tx.query(
    `UPDATE programmes p SET name = v.name, kind = v.kind, modes = v.modes, grants_kind = v.grants_kind, grants_level = v.grants_level,
       level = v.level, organiser_type = v.organiser_type, default_institution = v.default_institution
     FROM (SELECT DISTINCT ON (programme_code) * FROM programme_versions
           WHERE (period_from <= $1::date AND (period_to IS NULL OR period_to >= $1::date)) OR period_from > $1::date
           ORDER BY programme_code, (period_from <= $1::date) DESC, version) v
     WHERE v.programme_code = p.code
       AND (p.name, p.kind, p.modes, p.grants_kind, p.grants_level, p.level, p.organiser_type, p.default_institution)
         IS DISTINCT FROM (v.name, v.kind, v.modes, v.grants_kind, v.grants_level, v.level, v.organiser_type, v.default_institution)`,
    [today],
  );
  return r.rowCount;
}

export interface ProgrammeSeedResult {
  /** Shipped programmes the database did not have (header and versions written). */
  added: string[];
  /** Programmes that had no catalogue versions yet (their shipped versions written). */
  versioned: string[];
}

const PROGRAMME_SEED_LOCK = 7_020_254;

/**
 * The shipped programme catalogue (training.SHIPPED_PROGRAMME_VERSIONS) reaching any database, new
 * or seeded by an older release (docs/decisions/0026): a shipped programme the database lacks is
 * added with all its versions; a programme without catalogue versions (seeded before versions
 * existed) gets its shipped versions. Programmes that already have versions are the administrators'
 * and left alone. Then the `programmes` rows are refreshed to the version in force `today`.
 * Idempotent and safe from several processes; returns null when nothing was written.
 */
export async function seedShippedProgrammes(db: Db, today: string): Promise<ProgrammeSeedResult | null> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [PROGRAMME_SEED_LOCK]);
    const heads = new Set((await tx.query<{ code: string }>('SELECT code FROM programmes')).rows.map((r) => r.code));
    const versioned = new Set(
      (await tx.query<{ programme_code: string }>('SELECT DISTINCT programme_code FROM programme_versions')).rows.map((r) => r.programme_code),
    );
    const result: ProgrammeSeedResult = { added: [], versioned: [] };
    const toWrite: training.ProgrammeVersion[] = [];
    for (const code of training.shippedProgrammeCodes()) {
      if (versioned.has(code)) continue;
      const versions = training.SHIPPED_PROGRAMME_VERSIONS.filter((v) => v.code === code);
      if (!heads.has(code)) {
        await insertProgrammeHead(tx, versions[versions.length - 1]!);
        result.added.push(code);
      } else result.versioned.push(code);
      toWrite.push(...versions);
    }
    await insertProgrammeVersions(tx, toWrite, null);
    await refreshProgrammeHeads(tx, today);
    if (toWrite.length === 0) return null;
    await appendAudit(tx, { actorId: null, actorName: 'system', action: 'seed', entity: 'programme_catalogue', entityId: 'shipped-programmes', after: result });
    return result;
  });
}

// ---------- a corrected citation reaching an existing database (decision 0031) ----------

export interface CitationCorrection {
  /** Programmes whose grading scheme / graduation conditions now cite the corrected source. */
  programmeSchemes: number;
  programmeConditions: number;
  /** Classes whose snapshot of the scheme / conditions was corrected likewise. */
  classSchemes: number;
  classConditions: number;
}

/**
 * Wherever a grading scheme cites the 2010 regulation 268/QĐ-HVCT-HCQG, and wherever the
 * graduation conditions of an LLCT programme (kind political_theory) cite it, the basis now cites
 * 1855-QĐ/HVCTQG of 21/4/2016 and keeps the old source in `previousSources`. Only the citation
 * changes: figures, notes and anything else an administrator wrote stay as they are; classes'
 * snapshots get the same citation fix. Idempotent (nothing cites 268 afterwards for those); one
 * audit entry; null when nothing changed.
 */
export async function correctTrainingCitations(db: Db): Promise<CitationCorrection | null> {
  const before = training.GRADING_SOURCE_BEFORE_1855;
  const now = JSON.stringify(training.TRAINING_SOURCES.HV_1855);
  const previous = JSON.stringify([before]);
  const fix = (column: string, value = column) =>
    `${column} = jsonb_set(jsonb_set(${value}, '{basis,source}', $1::jsonb), '{basis,previousSources}',
       coalesce(${value}->'basis'->'previousSources', '[]'::jsonb) || $2::jsonb)`;
  const cites = (column: string) => `${column}->'basis'->'source'->>'code' = $3`;
  return db.transaction(async (tx) => {
    const params = [now, previous, before.source.code];
    const run = async (sql: string) => (await tx.query(sql, params)).rowCount ?? 0;
    const result: CitationCorrection = {
      programmeSchemes: await run(`UPDATE programmes SET ${fix('grading_scheme')} WHERE ${cites('grading_scheme')}`),
      programmeConditions: await run(
        `UPDATE programmes SET ${fix('graduation_conditions')} WHERE kind = 'political_theory' AND ${cites('graduation_conditions')}`,
      ),
      classSchemes: await run(`UPDATE classes SET ${fix('grading_scheme')} WHERE ${cites('grading_scheme')}`),
      classConditions: await run(
        `UPDATE classes c SET ${fix('graduation_conditions', 'c.graduation_conditions')} FROM programmes p
          WHERE p.code = c.programme_code AND p.kind = 'political_theory' AND ${cites('c.graduation_conditions')}`,
      ),
    };
    if (Object.values(result).every((n) => n === 0)) return null;
    await appendAudit(tx, { actorId: null, actorName: 'system', action: 'seed', entity: 'programme_catalogue', entityId: 'citation-1855', after: result });
    return result;
  });
}
