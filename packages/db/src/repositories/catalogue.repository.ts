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
    `SELECT code, name, kind, modes, duration, grading_scheme, graduation_conditions, approver
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
