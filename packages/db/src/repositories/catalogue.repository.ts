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
