/**
 * Nomination and enrolment: an agency nominates people of its subtree into an open class; the rules
 * engine's answer for the class's programme and mode, as of the class start date, is stored with the
 * nomination; an ineligible person goes only with the provincial board's override and reason. The
 * chain then runs through the board (or home affairs, by programme) to the school, whose acceptance
 * creates the enrolment.
 *
 * Places: every write that takes or frees a place locks the class row first (then the nomination),
 * counts the place-holding nominations and decides in the same transaction, so concurrent
 * nominations never overbook, and a freed place goes to the oldest waitlisted nomination at once.
 */
import { formatViDate, hasPermission, rules, todayInVietnam, unitInScope } from '@nang-tam/domain';
import {
  ERRORS,
  FIELD_ERRORS,
  NOMINATION_STATUS_LABELS,
  type EligibilityResult,
  type ErrorDetail,
  type NominationClass,
  type NominationCreate,
  type NominationDecision,
  type NominationDetail,
  type NominationListQuery,
  type NominationPage,
  type NominationStatus,
  type NominationSummary,
  type NominationWithdraw,
} from '@nang-tam/contracts';
import { auditRepo, jobsRepo, nominationsRepo, personFactsRepo, type Db, type Queryable } from '@nang-tam/db';
import { AppError, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { toEligibilityResult } from './eligibility.service.js';
import { loadCatalogue, withRulesErrors } from './rules.service.js';
import { queueJob, refuseDeclaredBomb, toJob } from './jobs.service.js';

type ClassRow = nominationsRepo.ClassRow;

const { PLACE_HOLDING } = nominationsRepo;

const APPROVER_NAMES: Record<string, string> = { province_board: 'Ban Tổ chức Tỉnh ủy', home_affairs: 'Sở Nội vụ' };

// ---------- shaping ----------

function toNominationClass(c: ClassRow): NominationClass {
  return {
    id: c.id,
    name: c.name,
    cohortCode: c.cohort_code,
    programme: { code: c.programme_code, name: c.programme_name },
    mode: c.mode as rules.StudyMode,
    startDate: c.start_date,
    endDate: c.end_date,
    capacity: c.capacity,
    status: c.status as NominationClass['status'],
    organiserUnit: { id: c.organiser_unit_id, name: c.organiser_name },
    approver: c.approver as NominationClass['approver'],
  };
}

function toSummary(r: nominationsRepo.NominationRow): NominationSummary {
  return {
    id: r.id,
    classId: r.class_id,
    person: {
      id: r.person_id,
      fullName: r.full_name,
      birthDate: r.birth_date,
      unit: { id: r.unit_id, name: r.unit_name },
      title: r.title_id !== null ? { id: r.title_id, name: r.title_name ?? '' } : null,
    },
    status: r.status as NominationStatus,
    eligibilityOutcome: r.outcome as NominationSummary['eligibilityOutcome'],
    overridden: r.overridden,
    waitlistPosition: r.waitlist_position,
    nominatedBy: r.nominated_by_name,
    nominatedAt: r.nominated_at,
    decidedAt: r.decided_at,
    note: r.note,
  };
}

/** Who sees a nomination: people in the user's scope; for the school, also its own classes' nominations. */
function visibilityOf(user: AuthUser): nominationsRepo.Visibility {
  return { scope: user.scope, viaOrganiser: hasPermission(user.role, 'classes.manage') };
}

// ---------- the class ----------

/** Nominations are taken only into an open class that has not ended. */
function assertTakesNominations(c: ClassRow, today: string): void {
  if (c.status === 'finished' || c.end_date < today) {
    throw new AppError(
      'CLASS_FINISHED',
      [],
      `Lớp ${c.name} đã kết thúc (${c.status === 'finished' ? 'đã xét tốt nghiệp' : `ngày ${formatViDate(c.end_date)}`}), không nhận thêm người được cử.`,
    );
  }
  if (c.status === 'closed') throw new AppError('CLASS_CLOSED', [], `Lớp ${c.name} đã khóa danh sách, không nhận thêm người được cử.`);
}

/** A class ready to take nominations: its row and the rules engine prepared for its programme, mode and start date. */
export interface PreparedClass {
  cls: ClassRow;
  evaluate: rules.PreparedEligibility;
}

/**
 * Loads the class (404 when there is none), refuses a closed or finished one, and prepares the
 * engine once: for one nomination, or for every person of a bulk nomination.
 */
export async function prepareClass(db: Queryable, classId: number): Promise<PreparedClass> {
  const cls = await nominationsRepo.findClass(db, classId);
  if (!cls) throw notFound();
  assertTakesNominations(cls, todayInVietnam());
  const catalogue = await loadCatalogue(db, { programmeCode: cls.programme_code });
  const evaluate = withRulesErrors(() =>
    rules.prepareEligibility({
      programme: cls.programme_code,
      mode: cls.mode as rules.StudyMode,
      programmes: catalogue.programmes,
      rules: catalogue.ruleSets,
      levels: catalogue.levels,
      titles: catalogue.titles,
      jobPositions: catalogue.jobPositions,
      asOf: cls.start_date,
    }),
  );
  return { cls, evaluate };
}

// ---------- nominating ----------

function sourceText(s: { code: string; article?: string }): string {
  return s.article ? `${s.code}, ${s.article}` : s.code;
}

/** The refusal of an ineligible person: one detail per failed (or undecidable) condition, with its source. */
function notEligible(result: EligibilityResult, overrideRefused: boolean): AppError {
  const details: ErrorDetail[] = result.rules
    .filter((r) => r.outcome === 'fail' || r.outcome === 'missing_fact')
    .map((r) => ({
      path: `rules.${r.ruleId}`,
      code: r.outcome === 'fail' ? 'RULE_NOT_MET' : 'FACT_MISSING',
      message: `${r.description} (căn cứ ${sourceText(r.source)}): ${r.message}`,
    }));
  if (overrideRefused)
    details.push({ path: 'overrideReason', code: 'OVERRIDE_NOT_ALLOWED', message: FIELD_ERRORS.OVERRIDE_NOT_ALLOWED.vi });
  return new AppError('NOT_ELIGIBLE', details, `${ERRORS.NOT_ELIGIBLE.vi} ${result.summary}`);
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

export interface Nominated {
  id: number;
  status: 'nominated' | 'waitlisted';
  /** 1-based place in the waitlist when waitlisted. */
  waitlistPosition: number | null;
  eligibility: EligibilityResult;
}

/**
 * Nominates one person into a prepared class: the person must be in the user's scope (404
 * otherwise), eligible (or overridden by the board with a reason) and not already nominated; then,
 * under the class lock, takes a place or the waitlist. Writes the nomination, its steps and the
 * audit record in one transaction. Used by the single nomination and by each row of a bulk one.
 */
export async function nominatePerson(
  db: Db,
  user: AuthUser,
  prepared: PreparedClass,
  input: NominationCreate,
  /** The person's facts, loaded by a caller that has already found them in the user's scope (bulk). */
  preloaded?: personFactsRepo.PersonFactsRow,
): Promise<Nominated> {
  const classId = prepared.cls.id;
  const facts = preloaded?.id === input.personId ? preloaded : await personFactsRepo.loadPersonFacts(db, user.scope, input.personId);
  if (!facts) throw notFound();
  const asOf = prepared.cls.start_date;
  const eligibility = toEligibilityResult(
    withRulesErrors(() => prepared.evaluate(personFactsRepo.factsOn(facts, asOf), input.studyField ?? null)),
  );
  let overrideReason: string | null = null;
  if (eligibility.outcome !== 'eligible') {
    // someone already in the class (enrolled, say) is better told so than that they are "not eligible"
    const { live } = await nominationsRepo.placesFor(db, classId, input.personId);
    if (live) throw alreadyNominated(live);
    const mayOverride = hasPermission(user.role, 'nominations.override');
    if (input.overrideReason === undefined || !mayOverride)
      throw notEligible(eligibility, input.overrideReason !== undefined && !mayOverride);
    overrideReason = input.overrideReason;
  }
  const note = input.note ? input.note : null;
  try {
    return await db.transaction(async (tx) => {
      const cls = await nominationsRepo.lockClass(tx, classId);
      if (!cls) throw notFound();
      assertTakesNominations(cls, todayInVietnam());
      const { live, ...places } = await nominationsRepo.placesFor(tx, classId, input.personId);
      if (live) throw alreadyNominated(live);
      const status = places.taken < cls.capacity ? 'nominated' : 'waitlisted';
      const id = await nominationsRepo.insertNomination(tx, {
        classId,
        personId: input.personId,
        status,
        eligibility,
        overrideReason,
        overrideBy: overrideReason !== null ? user.id : null,
        nominatedBy: user.id,
        note,
      });
      const steps: nominationsRepo.StepWrite[] = [];
      if (overrideReason !== null)
        steps.push({ nominationId: id, step: 'override', decision: 'approved', note: overrideReason, decidedBy: user.id });
      steps.push({ nominationId: id, step: 'agency', decision: 'approved', note, decidedBy: user.id });
      if (status === 'waitlisted') {
        steps.push({
          nominationId: id,
          step: 'waitlist',
          decision: 'recorded',
          note: `Lớp đã đủ ${cls.capacity} chỗ.`,
          decidedBy: user.id,
        });
      }
      await nominationsRepo.insertSteps(tx, steps);
      const waitlistPosition = status === 'waitlisted' ? places.waitlisted + 1 : null;
      await auditRepo.appendAudit(tx, {
        ...actorOf(user),
        action: 'create',
        entity: 'nomination',
        entityId: id,
        personId: input.personId,
        after: {
          classId,
          status,
          waitlistPosition,
          eligibility: { outcome: eligibility.outcome, summary: eligibility.summary, asOf },
          overrideReason,
          note,
        },
      });
      return { id, status, waitlistPosition, eligibility };
    });
  } catch (err) {
    // the class lock makes this unreachable in practice; the unique index is the last guard
    if (isUniqueViolation(err)) throw alreadyNominated(null);
    throw err;
  }
}

function alreadyNominated(status: string | null): AppError {
  const label = status ? ` (${NOMINATION_STATUS_LABELS[status as NominationStatus].vi.toLowerCase()})` : '';
  const message = `Người này đã có trong danh sách cử vào lớp${label}; không cử lần thứ hai.`;
  return new AppError('ALREADY_NOMINATED', [{ path: 'personId', code: 'ALREADY_NOMINATED', message }], message);
}

/** POST /classes/:id/nominations: one person, answered with the nomination and its explanation. */
export async function nominate(db: Db, user: AuthUser, classId: number, input: NominationCreate): Promise<NominationDetail> {
  const prepared = await prepareClass(db, classId);
  const done = await nominatePerson(db, user, prepared, input);
  return getNomination(db, user, done.id);
}

// ---------- places ----------

/**
 * Gives the class's free places to the oldest waitlisted nominations (nominated_at, then id): each
 * moves up to 'nominated' with a 'promoted' step and its audit record. Call inside the transaction
 * that freed the place, with the class row locked. A finished class promotes nobody.
 */
export async function fillFreePlaces(tx: Queryable, user: AuthUser, cls: ClassRow): Promise<number[]> {
  if (cls.status === 'finished') return [];
  const places = await nominationsRepo.countPlaces(tx, cls.id);
  const next = await nominationsRepo.lockOldestWaitlisted(tx, cls.id, cls.capacity - places.taken);
  for (const n of next) {
    await nominationsRepo.setNominationStatus(tx, n.id, 'nominated', false);
    await nominationsRepo.insertSteps(tx, [
      {
        nominationId: n.id,
        step: 'promoted',
        decision: 'recorded',
        note: 'Lớp có chỗ trống; chuyển từ danh sách chờ vào lớp.',
        decidedBy: user.id,
      },
    ]);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'promote',
      entity: 'nomination',
      entityId: n.id,
      personId: n.person_id,
      before: { status: 'waitlisted' },
      after: { status: 'nominated' },
    });
  }
  return next.map((n) => n.id);
}

// ---------- the approval chain ----------

function forbidden(message: string): AppError {
  return new AppError('FORBIDDEN', [], message);
}

function stepOrder(message: string): AppError {
  return new AppError('NOMINATION_STEP_ORDER', [], message);
}

/** Who may take a step: the board step by programme approver, the school step by organiser unit. */
function assertMayDecide(user: AuthUser, step: NominationDecision['step'], cls: ClassRow): void {
  if (step === 'board') {
    const approver = APPROVER_NAMES[cls.approver] ?? cls.approver;
    if (!hasPermission(user.role, 'nominations.approve')) throw forbidden(`Bước này do ${approver} duyệt.`);
    if (user.role !== 'system_admin' && user.role !== cls.approver) {
      throw forbidden(`Chương trình ${cls.programme_name} do ${approver} duyệt, không phải đơn vị của bạn.`);
    }
    return;
  }
  if (!hasPermission(user.role, 'classes.manage') || !unitInScope(user.scope, cls.organiser_path)) {
    throw forbidden(`Bước tiếp nhận do cơ sở đào tạo tổ chức lớp (${cls.organiser_name}) thực hiện.`);
  }
}

function assertOpenNomination(status: string): void {
  if (status === 'refused' || status === 'withdrawn') {
    throw new AppError(
      'NOMINATION_CLOSED',
      [],
      `Hồ sơ cử đi học đã kết thúc (${NOMINATION_STATUS_LABELS[status].vi.toLowerCase()}); không duyệt hay rút được nữa.`,
    );
  }
}

/** The chain's order: board after the agency, school after the board; a waitlisted nomination can only be refused. */
function assertStepDue(step: NominationDecision['step'], decision: NominationDecision['decision'], status: string, cls: ClassRow): void {
  assertOpenNomination(status);
  const approver = APPROVER_NAMES[cls.approver] ?? cls.approver;
  if (status === 'waitlisted' && (step === 'school' || decision === 'approved')) {
    throw stepOrder('Hồ sơ đang trong danh sách chờ: chỉ được duyệt khi lớp có chỗ và hồ sơ được chuyển vào lớp.');
  }
  if (step === 'board') {
    if (status === 'approved_board') throw stepOrder(`${approver} đã duyệt hồ sơ này; bước tiếp theo là cơ sở đào tạo tiếp nhận.`);
    if (status === 'enrolled') throw stepOrder('Học viên đã được ghi danh vào lớp; không duyệt lại được.');
    return;
  }
  if (status === 'nominated' || status === 'approved_agency') {
    throw stepOrder(`${approver} chưa duyệt hồ sơ này; cơ sở đào tạo chỉ tiếp nhận sau khi ${approver} duyệt.`);
  }
  if (status === 'enrolled') throw stepOrder('Học viên đã được ghi danh vào lớp.');
}

const STATUS_AFTER: Record<NominationDecision['step'], NominationStatus> = { board: 'approved_board', school: 'enrolled' };

/**
 * A board or school decision. The school's approval creates the enrolment (class dates as its span);
 * a refusal of a place-holding nomination gives the place to the oldest waitlisted one, in the same
 * transaction.
 */
export async function decideNomination(db: Db, user: AuthUser, id: number, input: NominationDecision): Promise<NominationDetail> {
  const seen = await nominationsRepo.findNomination(db, id, visibilityOf(user));
  if (!seen) throw notFound();
  const note = input.note ? input.note : null;
  await db.transaction(async (tx) => {
    const cls = await nominationsRepo.lockClass(tx, seen.class_id);
    const n = await nominationsRepo.lockNomination(tx, id);
    if (!cls || !n) throw notFound();
    assertMayDecide(user, input.step, cls);
    assertStepDue(input.step, input.decision, n.status, cls);
    const approved = input.decision === 'approved';
    if (approved && input.step === 'school' && cls.status === 'finished') {
      throw new AppError('CLASS_FINISHED', [], `Lớp ${cls.name} đã kết thúc, không tiếp nhận thêm học viên.`);
    }
    const status: NominationStatus = approved ? STATUS_AFTER[input.step] : 'refused';
    await nominationsRepo.setNominationStatus(tx, id, status, true);
    await nominationsRepo.insertSteps(tx, [{ nominationId: id, step: input.step, decision: input.decision, note, decidedBy: user.id }]);
    let enrolmentId: number | null = null;
    if (status === 'enrolled') {
      enrolmentId = await nominationsRepo.insertEnrolment(tx, {
        classId: cls.id,
        nominationId: id,
        personId: n.person_id,
        programmeCode: cls.programme_code,
        startedOn: cls.start_date,
        endedOn: cls.end_date,
      });
      await auditRepo.appendAudit(tx, {
        ...actorOf(user),
        action: 'create',
        entity: 'enrolment',
        entityId: enrolmentId,
        personId: n.person_id,
        after: {
          classId: cls.id,
          nominationId: id,
          programmeCode: cls.programme_code,
          startedOn: cls.start_date,
          endedOn: cls.end_date,
          status: 'enrolled',
        },
      });
    }
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'decide',
      entity: 'nomination',
      entityId: id,
      personId: n.person_id,
      before: { status: n.status },
      after: { status, step: input.step, decision: input.decision, note, enrolmentId },
    });
    if (!approved && PLACE_HOLDING.includes(n.status)) await fillFreePlaces(tx, user, cls);
  });
  return getNomination(db, user, id);
}

/**
 * Withdrawal: the sending agency (a person of its scope, before enrolment) or the school (an enrolled
 * learner who leaves; the enrolment ends today). A freed place goes to the oldest waitlisted
 * nomination in the same transaction.
 */
export async function withdrawNomination(db: Db, user: AuthUser, id: number, input: NominationWithdraw): Promise<NominationDetail> {
  const seen = await nominationsRepo.findNomination(db, id, visibilityOf(user));
  if (!seen) throw notFound();
  const note = input.note ? input.note : null;
  await db.transaction(async (tx) => {
    const cls = await nominationsRepo.lockClass(tx, seen.class_id);
    const n = await nominationsRepo.lockNomination(tx, id);
    if (!cls || !n) throw notFound();
    assertOpenNomination(n.status);
    if (n.status === 'enrolled') {
      if (!hasPermission(user.role, 'classes.manage') || !unitInScope(user.scope, cls.organiser_path)) {
        throw forbidden('Học viên đã ghi danh vào lớp: việc rút khỏi lớp do cơ sở đào tạo tổ chức lớp thực hiện.');
      }
    } else if (!hasPermission(user.role, 'nominations.write') || !unitInScope(user.scope, seen.unit_path)) {
      throw forbidden(
        'Chỉ cơ quan, đơn vị cử người đi học mới rút được hồ sơ chưa ghi danh; cơ sở đào tạo dùng quyết định không tiếp nhận.',
      );
    }
    await nominationsRepo.setNominationStatus(tx, id, 'withdrawn', true);
    await nominationsRepo.insertSteps(tx, [{ nominationId: id, step: 'withdrawn', decision: 'recorded', note, decidedBy: user.id }]);
    if (n.status === 'enrolled') {
      const ended = await nominationsRepo.withdrawEnrolment(tx, id, todayInVietnam());
      if (ended) {
        await auditRepo.appendAudit(tx, {
          ...actorOf(user),
          action: 'update',
          entity: 'enrolment',
          entityId: ended.id,
          personId: n.person_id,
          before: { status: 'enrolled', endedOn: ended.before_ended_on },
          after: { status: 'withdrawn', endedOn: ended.ended_on },
        });
      }
    }
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'withdraw',
      entity: 'nomination',
      entityId: id,
      personId: n.person_id,
      before: { status: n.status },
      after: { status: 'withdrawn', note },
    });
    if (PLACE_HOLDING.includes(n.status)) await fillFreePlaces(tx, user, cls);
  });
  return getNomination(db, user, id);
}

// ---------- reading ----------

/** One nomination with its steps and the stored eligibility explanation; out of sight answers 404. */
export async function getNomination(db: Queryable, user: AuthUser, id: number): Promise<NominationDetail> {
  const r = await nominationsRepo.findNomination(db, id, visibilityOf(user));
  if (!r) throw notFound();
  const [steps, cls] = [await nominationsRepo.listSteps(db, id), await nominationsRepo.findClass(db, r.class_id)];
  return {
    ...toSummary(r),
    class: toNominationClass(cls!),
    eligibility: r.eligibility as EligibilityResult,
    override: r.override_reason !== null ? { reason: r.override_reason, by: r.override_by_name ?? '' } : null,
    steps: steps.map((s) => ({
      step: s.step as NominationDetail['steps'][number]['step'],
      decision: s.decision as NominationDetail['steps'][number]['decision'],
      note: s.note,
      decidedBy: s.decided_by_name,
      decidedAt: s.decided_at,
    })),
    enrolmentId: r.enrolment_id,
    version: r.version,
  };
}

/** A class's nominations the user may see (an agency its own people), with the class's places. */
export async function listClassNominations(db: Db, user: AuthUser, classId: number, q: NominationListQuery): Promise<NominationPage> {
  const cls = await nominationsRepo.findClass(db, classId);
  if (!cls) throw notFound();
  const page = await nominationsRepo.listNominations(db, classId, visibilityOf(user), q);
  const places = await nominationsRepo.countPlaces(db, classId);
  return {
    class: toNominationClass(cls),
    places: { capacity: cls.capacity, taken: places.taken, free: Math.max(0, cls.capacity - places.taken), waitlisted: places.waitlisted },
    total: page.total,
    items: page.rows.map(toSummary),
  };
}

// ---------- bulk ----------

export type BulkSource = { personIds: number[] } | { fileName: string; content: Buffer };

/**
 * Queues a bulk nomination (a list of ids, or an .xlsx with a "Số CCCD" column). A missing, closed
 * or finished class is refused now; the people are checked one by one by the job.
 */
export async function startBulkNomination(db: Db, user: AuthUser, classId: number, source: BulkSource) {
  const cls = await nominationsRepo.findClass(db, classId);
  if (!cls) throw notFound();
  assertTakesNominations(cls, todayInVietnam());
  if (!('personIds' in source)) refuseDeclaredBomb(source.content);
  const job =
    'personIds' in source
      ? await queueJob(db, user, { kind: 'nominations_bulk', params: { classId, personIds: source.personIds } })
      : await queueJob(db, user, {
          kind: 'nominations_bulk',
          params: { classId, fileName: source.fileName.slice(0, 255) },
          input: source.content,
        });
  return toJob(job);
}

/** A bulk nomination without its list or its file. */
export const missingBulkSource = (path: 'file' | 'personIds') => new AppError('VALIDATION_FAILED', [fieldError(path, 'REQUIRED')]);
