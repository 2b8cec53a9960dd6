/**
 * Graduation (xét tốt nghiệp) of a whole class in one action. For every learner still enrolled the
 * training rules decide (`training.graduationDecision`, as of the decision date): graduated with a
 * classification of the periods-weighted module average, not graduated, or pending (a grade, a
 * mark, the conduct report… is missing). One pending learner stops the whole graduation: the
 * answer (409 GRADUATION_PENDING) names each person and each missing fact, and nothing changes.
 * Otherwise, in one transaction under the class lock: each enrolment becomes completed (average,
 * classification, graduated on) or failed, the class becomes finished, the graduates' certificates
 * are issued (numbered, signed, their qualification written into the registry), and every change
 * is audited. A finished class cannot be graduated again (409 CLASS_FINISHED).
 *
 * The preview gives the same analysis without writing anything.
 */
import { formatViDate, todayInVietnam, training, type IsoDate } from '@nang-tam/domain';
import { auditRepo, classesRepo, enrolmentsRepo, graduationRepo, type Db, type Queryable } from '@nang-tam/db';
import type { ErrorDetail, GraduationInput, GraduationPreview, GraduationResult } from '@nang-tam/contracts';
import { AppError, fieldError, notFound } from '../errors.js';
import { classPolicy } from '../policies/class.js';
import { classFactsOf } from './access-facts.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { issueCertificates } from './certificates.service.js';
import {
  EMPTY_RECORDS,
  classRefOf,
  decisionOf,
  evaluateLearner,
  loadClassLearnerRecords,
  loadClassRecords,
  personOf,
  type ClassRecords,
  type LearnerEvaluation,
} from './learner-records.js';

interface Analysis {
  records: ClassRecords;
  learners: { enrolment: enrolmentsRepo.EnrolmentRow; ev: LearnerEvaluation }[];
}

/** Every learner of the class (of `statuses`) through the training rules on `asOf`; the class's data read once. */
async function analyse(db: Queryable, cls: classesRepo.ClassContextRow, asOf: IsoDate, statuses: readonly string[]): Promise<Analysis> {
  const records = await loadClassRecords(db, cls);
  const enrolments = (await enrolmentsRepo.listClassEnrolments(db, cls.id)).filter((e) => statuses.includes(e.status));
  const all = await loadClassLearnerRecords(db, cls.id);
  return { records, learners: enrolments.map((enrolment) => ({ enrolment, ev: evaluateLearner(records, all.get(enrolment.id) ?? EMPTY_RECORDS, asOf) })) };
}

function learnersOf(a: Analysis) {
  return a.learners.map((l) => ({ enrolmentId: l.enrolment.id, person: personOf(l.enrolment), decision: decisionOf(l.ev.decision, a.records.ruleModules) }));
}

function countsOf(a: Analysis) {
  const n = (o: string) => a.learners.filter((l) => l.ev.decision.outcome === o).length;
  return { graduated: n('graduated'), notGraduated: n('not_graduated'), pending: n('pending') };
}

/** The graduation as it would fall on `asOf` (default today), for the school running the class. */
export async function previewGraduation(db: Db, user: AuthUser, classId: number, asOf?: IsoDate): Promise<GraduationPreview> {
  const cls = await classesRepo.findClassContext(db, classId);
  if (!cls) throw notFound();
  classPolicy.authorize(user, classFactsOf(cls), 'previewGraduation');
  const on = asOf ?? todayInVietnam();
  // after graduation the learners are completed or failed: the preview then shows how they stand
  const analysis = await analyse(db, cls, on, cls.status === 'finished' ? ['completed', 'failed'] : ['enrolled']);
  const counts = countsOf(analysis);
  return { class: classRefOf(cls), asOf: on, ready: cls.status !== 'finished' && counts.pending === 0, counts, learners: learnersOf(analysis) };
}

/** Each pending learner and each fact they lack: `enrolments.<id>.<fact>`, named in Vietnamese. */
function pendingDetails(a: Analysis): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const l of a.learners) {
    if (l.ev.decision.outcome !== 'pending') continue;
    for (const m of decisionOf(l.ev.decision, a.records.ruleModules).missing) {
      out.push({ path: `enrolments.${l.enrolment.id}.${m.key}`, code: 'FACT_MISSING', message: `${l.enrolment.full_name}: còn thiếu ${m.label}.` });
    }
  }
  return out;
}

export async function graduateClass(db: Db, user: AuthUser, classId: number, input: GraduationInput): Promise<GraduationResult> {
  const decidedOn = input.decidedOn;
  if (decidedOn > todayInVietnam()) throw new AppError('VALIDATION_FAILED', [fieldError('decidedOn', 'DATE_IN_FUTURE')]);
  return db.transaction((tx) => graduateClassInTransaction(tx, user, classId, decidedOn));
}

/**
 * The graduation itself, inside the caller's transaction (graduateClass above; the demo province
 * graduates its finished classes with it). The caller checks that `decidedOn` is not in the future.
 */
export async function graduateClassInTransaction(tx: Queryable, user: AuthUser, classId: number, decidedOn: IsoDate): Promise<GraduationResult> {
  // the class row is locked for update: learner writes (which share-lock it) wait, and so does a second graduation
  const locked = await classesRepo.lockClass(tx, user.scope, classId);
  const cls = await classesRepo.findClassContext(tx, classId);
  if (!cls) throw notFound();
  classPolicy.authorize(user, classFactsOf(cls), 'graduate');
  if (!locked) throw notFound();
  if (decidedOn < cls.start_date) {
    throw new AppError('VALIDATION_FAILED', [{ ...fieldError('decidedOn', 'DATE_BEFORE_START'), message: `Ngày xét tốt nghiệp trước ngày khai giảng (${formatViDate(cls.start_date)}).` }]);
  }
  const analysis = await analyse(tx, cls, decidedOn, ['enrolled']);
  const counts = countsOf(analysis);
  if (counts.pending > 0) {
    throw new AppError('GRADUATION_PENDING', pendingDetails(analysis), `Chưa thể xét tốt nghiệp ${training.classPhrase(cls.name)}: ${counts.pending} học viên còn thiếu thông tin (xem từng người).`);
  }

  const outcomes: graduationRepo.OutcomeWrite[] = analysis.learners.map(({ enrolment, ev }) => {
    const graduated = ev.decision.outcome === 'graduated';
    return {
      enrolmentId: enrolment.id,
      status: graduated ? 'completed' : 'failed',
      average: ev.decision.average,
      finalGrade: ev.finalGrade,
      classification: graduated ? (ev.decision.classification?.code ?? null) : null,
      graduatedOn: graduated ? decidedOn : null,
      endedOn: decidedOn,
    };
  });
  await graduationRepo.writeOutcomes(tx, outcomes);
  await graduationRepo.finishClass(tx, classId);
  const completed = outcomes.filter((o) => o.status === 'completed').map((o) => o.enrolmentId);
  const certificates = await issueCertificates(tx, user, completed, decidedOn);

  const actor = actorOf(user);
  const personOfEnrolment = new Map(analysis.learners.map((l) => [l.enrolment.id, l.enrolment.person_id]));
  await auditRepo.appendAuditMany(tx, [
    ...outcomes.map((o) => ({
      ...actor,
      action: 'graduate',
      entity: 'enrolment',
      entityId: o.enrolmentId,
      personId: personOfEnrolment.get(o.enrolmentId)!,
      before: { status: 'enrolled' },
      after: { classId, status: o.status, average: o.average, finalGrade: o.finalGrade, classification: o.classification, graduatedOn: o.graduatedOn },
    })),
    {
      ...actor,
      action: 'graduate',
      entity: 'class',
      entityId: classId,
      before: { status: cls.status },
      after: { status: 'finished', decidedOn, completed: completed.length, failed: outcomes.length - completed.length },
    },
  ]);
  const finished = (await classesRepo.findClassContext(tx, classId))!;
  return {
    class: classRefOf(finished),
    decidedOn,
    completed: completed.length,
    failed: outcomes.length - completed.length,
    certificates: certificates.map((c) => ({ enrolmentId: c.enrolmentId, number: c.number })),
    learners: learnersOf(analysis),
  };
}
