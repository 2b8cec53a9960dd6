/**
 * The programme catalogue's teaching side: read by everyone who reads classes, corrected by the
 * provincial board (who owns the programmes) — validated against the training domain's rules for
 * grading schemes and module lists, written with its audit record in one transaction. Classes
 * already opened keep their own snapshot.
 */
import { training } from '@nang-tam/domain';
import { auditRepo, catalogueRepo, type Db, type Queryable } from '@nang-tam/db';
import type { ErrorDetail, ProgrammeCatalogue, ProgrammeCatalogueInput } from '@nang-tam/contracts';
import { AppError, fieldError } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';

type StudyMode = ProgrammeCatalogue['programme']['modes'][number];

/** "bands[2].min" → "bands.2.min": the same paths as request validation. */
export function dottedPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1');
}

export function toCatalogue(row: catalogueRepo.CatalogueRow, modules: readonly catalogueRepo.ProgrammeModuleRow[]): ProgrammeCatalogue {
  return {
    programme: { code: row.code, name: row.name, kind: row.kind, modes: row.modes as StudyMode[] },
    duration: row.duration,
    approver: row.approver,
    gradingScheme: row.grading_scheme,
    graduationConditions: row.graduation_conditions,
    modules: modules.map((m) => ({ code: m.code, name: m.name, periods: m.periods })),
    totalPeriods: modules.reduce((sum, m) => sum + m.periods, 0),
  };
}

export async function requireCatalogue(db: Queryable, code: string, path = 'code', forUpdate = false): Promise<catalogueRepo.CatalogueRow> {
  const row = await catalogueRepo.findCatalogue(db, code, forUpdate);
  if (!row) throw new AppError('UNKNOWN_PROGRAMME', [fieldError(path, 'UNKNOWN_PROGRAMME')], `Không có chương trình "${code}".`);
  return row;
}

export async function getProgrammeCatalogue(db: Db, code: string): Promise<ProgrammeCatalogue> {
  const row = await requireCatalogue(db, code);
  return toCatalogue(row, await catalogueRepo.findProgrammeModules(db, code));
}

/**
 * Every problem of a catalogue: the domain's scheme checks (scale, step, pass mark on the scale,
 * bands on the scale, not below the pass mark, no duplicates), bands listed from the highest down,
 * a thesis alternative only with a written exam, and the module list (codes unique, periods > 0).
 */
export function catalogueProblems(
  scheme: training.GradingScheme,
  conditions: training.GraduationConditions,
  modules: readonly training.ProgrammeModule[],
): ErrorDetail[] {
  const details: ErrorDetail[] = training
    .validateGradingScheme(scheme)
    .map((e) => ({ path: `gradingScheme.${dottedPath(e.path)}`, code: e.code, message: e.message }));
  scheme.bands.forEach((band, i) => {
    if (i > 0 && band.min >= scheme.bands[i - 1]!.min) details.push(fieldError(`gradingScheme.bands.${i}.min`, 'BANDS_NOT_DESCENDING'));
  });
  if (conditions.thesisAllowedInsteadOfExam && conditions.finalExam !== 'exam') {
    details.push(fieldError('graduationConditions.thesisAllowedInsteadOfExam', 'INVALID_VALUE'));
  }
  for (const e of training.validateModules(modules)) details.push({ path: dottedPath(e.path), code: e.code, message: e.message });
  return details;
}

function catalogueSnapshot(
  row: Pick<catalogueRepo.CatalogueRow, 'duration' | 'approver' | 'grading_scheme' | 'graduation_conditions'>,
  modules: readonly training.ProgrammeModule[],
) {
  return {
    duration: row.duration,
    approver: row.approver,
    gradingScheme: row.grading_scheme,
    graduationConditions: row.graduation_conditions,
    modules: modules.map((m) => ({ code: m.code, name: m.name, periods: m.periods })),
  };
}

/** Replaces the teaching side of a programme (PUT); refused with field paths when not usable. */
export async function updateProgrammeCatalogue(
  db: Db,
  user: AuthUser,
  code: string,
  input: ProgrammeCatalogueInput,
): Promise<ProgrammeCatalogue> {
  const scheme: training.GradingScheme = {
    code: input.gradingScheme.code,
    name: input.gradingScheme.name,
    scale: input.gradingScheme.scale,
    passMark: input.gradingScheme.passMark,
    bands: input.gradingScheme.bands,
    ...(input.gradingScheme.basis ? { basis: input.gradingScheme.basis } : {}),
  };
  const { basis, ...conditionFields } = input.graduationConditions;
  const conditions: training.GraduationConditions = { ...conditionFields, ...(basis ? { basis } : {}) };
  const modules: training.ProgrammeModule[] = input.modules.map((m) => ({ code: m.code, name: m.name, periods: m.periods }));
  return db.transaction(async (tx) => {
    const row = await requireCatalogue(tx, code, 'code', true);
    const problems = catalogueProblems(scheme, conditions, modules);
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
    const beforeModules = await catalogueRepo.findProgrammeModules(tx, code);
    const write = {
      duration: input.duration === '' ? null : input.duration,
      approver: input.approver,
      gradingScheme: scheme,
      graduationConditions: conditions,
    };
    await catalogueRepo.updateCatalogue(tx, code, write);
    await catalogueRepo.replaceProgrammeModules(tx, code, modules);
    const after = await requireCatalogue(tx, code);
    const afterModules = await catalogueRepo.findProgrammeModules(tx, code);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'update',
      entity: 'programme_catalogue',
      entityId: code,
      before: catalogueSnapshot(row, beforeModules),
      after: catalogueSnapshot(after, afterModules),
    });
    return toCatalogue(after, afterModules);
  });
}
