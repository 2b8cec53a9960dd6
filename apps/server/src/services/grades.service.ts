/**
 * Grades (điểm) of a class: a matrix of learners × modules plus the final exam or thesis, entered
 * by the school (every cell) or by a lecturer (the modules they teach, per class_module_lecturers).
 * Each grade is validated by the training rules against the class's own grading scheme (on the
 * scale, on its step); a batch is written in one transaction, last write wins, and every changed
 * cell is audited with its value before and after.
 *
 * Access: the school running the class, or a lecturer assigned to at least one of its modules;
 * anyone else gets 404 (the class is not theirs). A lecturer who sends a grade for a module they do
 * not teach (or for the final exam, which the school enters) gets 403 FORBIDDEN naming each such
 * row (`grades.<i>.moduleId`, MODULE_NOT_TAUGHT): the class is theirs, that cell is not.
 */
import { training } from '@nang-tam/domain';
import { auditRepo, classesRepo, learnersRepo, type Db, type Queryable } from '@nang-tam/db';
import type { ErrorDetail, GradeMatrix, GradesInput } from '@nang-tam/contracts';
import { AppError, assertNoFieldErrors, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { conditionsOf, enrolmentActionsOf, personOf, runsClass, schemeOf } from './learner-records.js';
import { classPolicy, mayGradeCell, type ClassFacts } from '../policies/class.js';
import { classFactsOf, teachingIn } from './access-facts.js';

interface GradeAccess {
  user: AuthUser;
  cls: learnersRepo.ClassContextRow;
  facts: ClassFacts;
  /** The modules a lecturer teaches (empty for the school, which may grade all). */
  modules: Set<number>;
}

/** A class whose grades the caller may see (policy `class.viewGrades`): the school, or a lecturer of one of its modules. */
async function requireGradeAccess(db: Queryable, user: AuthUser, classId: number): Promise<GradeAccess> {
  const cls = await learnersRepo.findClassContext(db, classId);
  if (!cls) throw notFound();
  const teaching = await teachingIn(db, user, classId);
  const facts = classFactsOf(cls, teaching);
  classPolicy.authorize(user, facts, 'viewGrades');
  return { user, cls, facts, modules: new Set(runsClass(user, cls.organiser_path) ? [] : teaching.modules) };
}

const sameGrade = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);

async function loadMatrix(db: Queryable, access: GradeAccess): Promise<GradeMatrix> {
  const { cls, user, facts } = access;
  const scheme = schemeOf(cls);
  const conditions = conditionsOf(cls);
  const modules = await classesRepo.listClassModules(db, cls.id);
  const ruleModules = modules.map((m) => ({ code: m.code, name: m.name, periods: m.periods }));
  const enrolments = await learnersRepo.listClassEnrolments(db, cls.id);
  const actionsOf = await enrolmentActionsOf(db, user, enrolments.map((e) => e.id));
  const grades = new Map<string, learnersRepo.GradeRow>();
  for (const g of await learnersRepo.listGrades(db, { classId: cls.id })) grades.set(`${g.enrolment_id}:${g.class_module_id ?? 'final'}`, g);
  const cell = (g: learnersRepo.GradeRow | undefined) => ({ value: g?.value ?? null, enteredBy: g?.entered_by_name ?? null, enteredAt: g?.entered_at ?? null });
  return {
    class: { id: cls.id, name: cls.name, cohortCode: cls.cohort_code, status: cls.status },
    scheme,
    finalExam: conditions.finalExam,
    modules: modules.map((m) => ({ id: m.id, code: m.code, name: m.name, periods: m.periods, editable: mayGradeCell(user, facts, access.modules, m.id) })),
    finalEditable: mayGradeCell(user, facts, access.modules, null) && conditions.finalExam !== 'none',
    rows: enrolments.map((e) => {
      const byCode: Record<string, number> = {};
      const cells = modules.map((m) => {
        const g = grades.get(`${e.id}:${m.id}`);
        if (g) byCode[m.code] = g.value;
        return { moduleId: m.id, ...cell(g) };
      });
      return {
        enrolmentId: e.id,
        person: personOf(e),
        status: e.status,
        modules: cells,
        final: cell(grades.get(`${e.id}:final`)),
        average: training.moduleAverage(ruleModules, byCode).average,
        actions: actionsOf(e.id),
      };
    }),
  };
}

export async function getGradeMatrix(db: Db, user: AuthUser, classId: number): Promise<GradeMatrix> {
  return loadMatrix(db, await requireGradeAccess(db, user, classId));
}

/**
 * Writes a batch of grades (null removes one). Refused, with every row named: the same cell twice,
 * a module not of the class, a final grade where the programme has no final exam, a value off the
 * scale or off its step (400); a cell the lecturer does not teach (403); a learner not enrolled in
 * the class (422 NOT_IN_CLASS). Nothing is written unless every row passes.
 */
export async function saveGrades(db: Db, user: AuthUser, classId: number, input: GradesInput): Promise<GradeMatrix> {
  const access = await requireGradeAccess(db, user, classId);
  return db.transaction(async (tx) => {
    const cls = await learnersRepo.lockClassShared(tx, classId);
    if (!cls) throw notFound();
    classPolicy.authorize(user, { ...access.facts, status: cls.status }, 'grade');
    const scheme = schemeOf(cls);
    const conditions = conditionsOf(cls);
    const modules = new Map((await classesRepo.listClassModules(tx, classId)).map((m) => [m.id, m]));
    const { min, max, step } = scheme.scale;
    const range = `thang điểm từ ${training.formatGrade(min)} đến ${training.formatGrade(max)}, bước ${training.formatGrade(step)}`;

    const details: ErrorDetail[] = [];
    const seen = new Set<string>();
    const values: (number | null)[] = [];
    input.grades.forEach((g, i) => {
      const key = `${g.enrolmentId}:${g.moduleId ?? 'final'}`;
      if (seen.has(key)) details.push(fieldError(`grades.${i}.enrolmentId`, 'DUPLICATE_ENTRY'));
      seen.add(key);
      if (g.moduleId !== null && !modules.has(g.moduleId)) details.push(fieldError(`grades.${i}.moduleId`, 'UNKNOWN_MODULE'));
      if (g.moduleId === null && conditions.finalExam === 'none') details.push(fieldError(`grades.${i}.moduleId`, 'NO_FINAL_EXAM'));
      if (g.value === null) {
        values.push(null);
        return;
      }
      const v = training.validateGrade(scheme, g.value);
      if (v.ok) values.push(v.value);
      else {
        values.push(null);
        details.push({ ...fieldError(`grades.${i}.value`, v.error), message: `Điểm ${training.formatGrade(g.value)}: ${v.message.replace(/\.$/, '').toLowerCase()} (${range}).` });
      }
    });
    assertNoFieldErrors(details);

    {
      const notTaught = input.grades.flatMap((g, i) =>
        mayGradeCell(user, access.facts, access.modules, g.moduleId)
          ? []
          : [
              {
                ...fieldError(`grades.${i}.moduleId`, 'MODULE_NOT_TAUGHT'),
                ...(g.moduleId === null ? { message: 'Điểm thi tốt nghiệp, khóa luận do phòng đào tạo nhập.' } : {}),
              },
            ],
      );
      if (notTaught.length > 0) throw new AppError('FORBIDDEN', notTaught);
    }

    const enrolled = new Map((await learnersRepo.listClassEnrolments(tx, classId)).filter((e) => e.status === 'enrolled').map((e) => [e.id, e]));
    const outsiders = input.grades.flatMap((g, i) => (enrolled.has(g.enrolmentId) ? [] : [fieldError(`grades.${i}.enrolmentId`, 'NOT_IN_CLASS')]));
    if (outsiders.length > 0) throw new AppError('NOT_IN_CLASS', outsiders);

    const before = new Map<string, number>();
    for (const g of await learnersRepo.lockGrades(tx, [...new Set(input.grades.map((g) => g.enrolmentId))])) {
      before.set(`${g.enrolment_id}:${g.class_module_id ?? 'final'}`, g.value);
    }
    const changes = input.grades
      .map((g, i) => ({ ...g, value: values[i]!, before: before.get(`${g.enrolmentId}:${g.moduleId ?? 'final'}`) ?? null }))
      .filter((c) => !sameGrade(c.before, c.value));
    await learnersRepo.upsertGrades(
      tx,
      changes.filter((c) => c.value !== null).map((c) => ({ enrolmentId: c.enrolmentId, moduleId: c.moduleId, value: c.value! })),
      user.id,
    );
    await learnersRepo.deleteGrades(tx, changes.filter((c) => c.value === null));
    const actor = actorOf(user);
    await auditRepo.appendAuditMany(
      tx,
      changes.map((c) => {
        const module = c.moduleId === null ? 'final' : modules.get(c.moduleId)!.code;
        const snapshot = (value: number) => ({ classId, enrolmentId: c.enrolmentId, moduleId: c.moduleId, module, value });
        return {
          ...actor,
          action: c.before === null ? 'create' : c.value === null ? 'delete' : 'update',
          entity: 'grade',
          entityId: `${c.enrolmentId}:${module}`,
          personId: enrolled.get(c.enrolmentId)!.person_id,
          before: c.before === null ? undefined : snapshot(c.before),
          after: c.value === null ? undefined : snapshot(c.value),
        };
      }),
    );
    return loadMatrix(tx, { ...access, cls });
  });
}
