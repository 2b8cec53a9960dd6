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
import { hasPermission, rules, todayInVietnam, training } from '@nang-tam/domain';
import {
  ERRORS,
  FIELD_ERRORS,
  type EligibilityResult,
  type ErrorDetail,
  type NominationClass,
  type NominationCreate,
  type NominationBulkDecision,
  type NominationBulkDecisionItem,
  type NominationBulkDecisionResult,
  type NominationDecision,
  type NominationDetail,
  type NominationListQuery,
  type NominationPage,
  type NominationStatus,
  type NominationSummary,
  type NominationWithdraw,
} from '@nang-tam/contracts';
import { auditRepo, classesRepo, isUniqueViolation, jobsRepo, nominationsRepo, personFactsRepo, type Db, type Queryable } from '@nang-tam/db';
import { AppError, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { personPolicy } from '../policies/person.js';
import {
  authorizeDecision,
  authorizeWithdrawal,
  classNominationActions,
  nominationClassOf,
  nominationFactsOf,
  nominationPolicy,
  refusalError,
  refuseUnlessTakesNominations,
} from '../policies/nomination.js';
import { toEligibilityResult } from './eligibility.service.js';
import { loadCatalogue, withRulesErrors } from './rules.service.js';
import { queueJob, refuseDeclaredBomb, toJob } from './jobs.service.js';
import { notifyEvent } from './notifications.service.js';

type ClassRow = classesRepo.ClassRow;

// ---------- shaping ----------

function toNominationClass(c: ClassRow, today: string): NominationClass {
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
    approver: c.approver,
    takesNominations: training.classRefusesNominations(nominationClassOf(c), today) === null,
  };
}

function toSummary(user: AuthUser, r: nominationsRepo.NominationRow, cls: ClassRow, today: string): NominationSummary {
  const status = r.status as NominationStatus;
  return {
    id: r.id,
    classId: r.class_id,
    person: {
      id: r.person_id,
      fullName: r.full_name,
      birthDate: r.birth_date,
      unit: { id: r.unit_id, name: r.unit_name },
      title: r.title_id !== null ? { id: r.title_id, name: r.title_name ?? '' } : null,
      actions: personPolicy.allowedActions(user, { personId: r.person_id, unitPath: r.unit_path }),
    },
    status,
    eligibilityOutcome: r.outcome as NominationSummary['eligibilityOutcome'],
    overridden: r.overridden,
    waitlistPosition: r.waitlist_position,
    nominatedBy: r.nominated_by_name,
    nominatedAt: r.nominated_at,
    decidedAt: r.decided_at,
    note: r.note,
    refusalStep: training.refusalStep(status),
    actions: nominationPolicy.allowedActions(user, nominationFactsOf(cls, r, today)),
  };
}

/** Who sees a nomination: people in the user's scope; for the school, also its own classes' nominations. */
export function visibilityOf(user: AuthUser): nominationsRepo.Visibility {
  return { scope: user.scope, viaOrganiser: hasPermission(user.role, 'classes.manage') };
}

// ---------- the class ----------

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
  const cls = await classesRepo.findClass(db, classId);
  if (!cls) throw notFound();
  refuseUnlessTakesNominations(cls, todayInVietnam());
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
export function notEligible(result: EligibilityResult, overrideRefused: boolean): AppError {
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
    const { live } = await nominationsRepo.countPlaces(db, classId, input.personId);
    if (live) throw alreadyNominated(live);
    const mayOverride = training.mayOverrideEligibility(user.role);
    if (input.overrideReason === undefined || !mayOverride)
      throw notEligible(eligibility, input.overrideReason !== undefined && !mayOverride);
    overrideReason = input.overrideReason;
  }
  const note = input.note ? input.note : null;
  try {
    return await db.transaction(async (tx) => {
      const cls = await classesRepo.lockClass(tx, null, classId);
      if (!cls) throw notFound();
      refuseUnlessTakesNominations(cls, todayInVietnam());
      const { live, ...places } = await nominationsRepo.countPlaces(tx, classId, input.personId);
      const placed = training.placeNomination({ capacity: cls.capacity, places, live: live as NominationStatus | null });
      if (!placed.ok) throw refusalError(placed.refusal);
      const { status, waitlistPosition } = placed.value;
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
          note: training.waitlistNote(cls.capacity),
          decidedBy: user.id,
        });
      }
      await nominationsRepo.insertSteps(tx, steps);
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
    if (isUniqueViolation(err, 'nominations_live_idx')) throw alreadyNominated(null);
    throw err;
  }
}

function alreadyNominated(status: string | null): AppError {
  return refusalError(training.alreadyNominated(status as NominationStatus | null));
}

/** POST /classes/:id/nominations: one person, answered with the nomination and its explanation. */
export async function nominate(db: Db, user: AuthUser, classId: number, input: NominationCreate): Promise<NominationDetail> {
  const prepared = await prepareClass(db, classId);
  const done = await nominatePerson(db, user, prepared, input);
  return getNomination(db, user, done.id);
}

// ---------- places ----------

/**
 * Gives the class's free places to the oldest waitlisted nominations (training.placesToFill, in the
 * waitlist's order): each moves up to 'nominated' with a 'promoted' step and its audit record. Call
 * inside the transaction that freed the place, with the class row locked. A finished class
 * promotes nobody.
 */
export async function fillFreePlaces(tx: Queryable, user: AuthUser, cls: Pick<ClassRow, 'id' | 'name' | 'capacity' | 'status'>): Promise<number[]> {
  const places = await nominationsRepo.countPlaces(tx, cls.id);
  const next = await nominationsRepo.lockOldestWaitlisted(tx, cls.id, training.placesToFill(cls, places));
  for (const n of next) {
    await nominationsRepo.setNominationStatus(tx, n.id, training.PROMOTED_STATUS, false);
    await nominationsRepo.insertSteps(tx, [
      { nominationId: n.id, step: 'promoted', decision: 'recorded', note: training.PROMOTION_NOTE, decidedBy: user.id },
    ]);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'promote',
      entity: 'nomination',
      entityId: n.id,
      personId: n.person_id,
      before: { status: 'waitlisted' },
      after: { status: training.PROMOTED_STATUS },
    });
    // the nominating agency learns that its waitlisted person has a place (decision 0036)
    await notifyEvent(tx, {
      kind: 'waitlist_promoted',
      actorId: user.id,
      personId: n.person_id,
      link: `/classes/${cls.id}?tab=nominations`,
      params: { className: cls.name },
    });
  }
  return next.map((n) => n.id);
}

// ---------- the approval chain ----------

/** A nomination the user may see, or 404. */
async function findVisible(db: Queryable, user: AuthUser, id: number): Promise<nominationsRepo.NominationDetailRow> {
  const seen = await nominationsRepo.findNomination(db, id, visibilityOf(user));
  if (!seen) throw notFound();
  return seen;
}

/**
 * Inside the transaction: locks the class row, then the nomination (always in that order, so two
 * writers never wait on each other crosswise), and gathers the facts the nomination rules decide on.
 */
async function lockNominationFacts(tx: Queryable, seen: Pick<nominationsRepo.NominationDetailRow, 'id' | 'class_id' | 'unit_path'>) {
  const cls = await classesRepo.lockClass(tx, null, seen.class_id);
  const n = await nominationsRepo.lockNomination(tx, seen.id);
  if (!cls || !n) throw notFound();
  return { cls, n, facts: nominationFactsOf(cls, { status: n.status, unit_path: seen.unit_path }, todayInVietnam()) };
}

/**
 * A board or school decision. The school's approval creates the enrolment (class dates as its span);
 * a refusal of a place-holding nomination gives the place to the oldest waitlisted one, in the same
 * transaction.
 */
export async function decideNomination(db: Db, user: AuthUser, id: number, input: NominationDecision): Promise<NominationDetail> {
  const seen = await findVisible(db, user, id);
  await decideSeen(db, user, seen, input);
  return getNomination(db, user, id);
}

/**
 * One decision on a nomination the user sees, in its own transaction (class row, then nomination
 * locked, as every write that takes or frees a place): the single decision and each item of a
 * bulk one. Answers the nomination's new status; throws the chain's refusal with nothing written.
 */
async function decideSeen(
  db: Db,
  user: AuthUser,
  seen: Pick<nominationsRepo.NominationDetailRow, 'id' | 'class_id' | 'unit_path'>,
  input: NominationDecision,
): Promise<NominationStatus> {
  const id = seen.id;
  const note = input.note ? input.note : null;
  return db.transaction(async (tx) => {
    const { cls, n, facts } = await lockNominationFacts(tx, seen);
    const outcome = authorizeDecision(user, facts, input);
    const { status } = outcome;
    await nominationsRepo.setNominationStatus(tx, id, status, true);
    await nominationsRepo.insertSteps(tx, [{ nominationId: id, step: input.step, decision: input.decision, note, decidedBy: user.id }]);
    let enrolmentId: number | null = null;
    if (outcome.enrols) {
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
    // the proposer learns of the decision, in this transaction (decision 0036)
    await notifyEvent(tx, {
      kind: 'nomination_decided',
      actorId: user.id,
      personId: n.person_id,
      proposerId: n.nominated_by,
      link: `/classes/${cls.id}?tab=nominations`,
      params: { className: cls.name, decision: input.decision },
    });
    if (outcome.freesPlace) await fillFreePlaces(tx, user, cls);
    return status as NominationStatus;
  });
}

/**
 * POST /nominations/decisions: the same decision on many nominations (docs/decisions/0038). Each
 * is decided on its own, through decideSeen (the same locks, rules and audit as a single decision),
 * in its own transaction: one refused by the chain leaves nothing written for it and does not stop
 * the others. A nomination out of the user's sight answers `not_found`, as the single route's 404.
 */
export async function decideNominations(db: Db, user: AuthUser, input: NominationBulkDecision): Promise<NominationBulkDecisionResult> {
  const ids = [...new Set(input.ids)];
  const seen = new Map((await nominationsRepo.findNominations(db, ids, visibilityOf(user))).map((r) => [r.id, r]));
  const decision: NominationDecision = { step: input.step, decision: input.decision, ...(input.note ? { note: input.note } : {}) };
  const items: NominationBulkDecisionItem[] = [];
  for (const id of ids) {
    const row = seen.get(id);
    if (!row) {
      items.push({ id, outcome: 'not_found', personName: null, status: null, error: { code: 'NOT_FOUND', message: ERRORS.NOT_FOUND.vi } });
      continue;
    }
    try {
      const status = await decideSeen(db, user, row, decision);
      items.push({ id, outcome: 'decided', personName: row.full_name, status, error: null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const outcome = err.code === 'NOT_FOUND' ? 'not_found' : 'refused';
      items.push({ id, outcome, personName: outcome === 'not_found' ? null : row.full_name, status: null, error: { code: err.code, message: err.message } });
    }
  }
  const count = (o: NominationBulkDecisionItem['outcome']) => items.filter((i) => i.outcome === o).length;
  return { decided: count('decided'), refused: count('refused'), notFound: count('not_found'), items };
}

/**
 * Withdrawal: the sending agency (a person of its scope, before enrolment) or the school (an enrolled
 * learner who leaves; the enrolment ends today). A freed place goes to the oldest waitlisted
 * nomination in the same transaction.
 */
export async function withdrawNomination(db: Db, user: AuthUser, id: number, input: NominationWithdraw): Promise<NominationDetail> {
  const seen = await findVisible(db, user, id);
  const note = input.note ? input.note : null;
  await db.transaction(async (tx) => {
    const { cls, n, facts } = await lockNominationFacts(tx, seen);
    const outcome = authorizeWithdrawal(user, facts);
    await nominationsRepo.setNominationStatus(tx, id, outcome.status, true);
    await nominationsRepo.insertSteps(tx, [{ nominationId: id, step: 'withdrawn', decision: 'recorded', note, decidedBy: user.id }]);
    if (outcome.endsEnrolmentOn !== null) {
      const ended = await nominationsRepo.withdrawEnrolment(tx, id, outcome.endsEnrolmentOn);
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
      after: { status: outcome.status, note },
    });
    if (outcome.freesPlace) await fillFreePlaces(tx, user, cls);
  });
  return getNomination(db, user, id);
}

// ---------- reading ----------

/** One nomination with its steps and the stored eligibility explanation; out of sight answers 404. */
export async function getNomination(db: Queryable, user: AuthUser, id: number): Promise<NominationDetail> {
  const r = await findVisible(db, user, id);
  const [steps, cls] = [await nominationsRepo.listSteps(db, id), await classesRepo.findClass(db, r.class_id)];
  const today = todayInVietnam();
  return {
    ...toSummary(user, r, cls!, today),
    class: toNominationClass(cls!, today),
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
  const cls = await classesRepo.findClass(db, classId);
  if (!cls) throw notFound();
  const page = await nominationsRepo.listNominations(db, classId, visibilityOf(user), q);
  const today = todayInVietnam();
  return {
    class: toNominationClass(cls, today),
    places: {
      capacity: cls.capacity,
      taken: cls.places_taken,
      free: training.freePlaces(cls.capacity, cls.places_taken),
      waitlisted: cls.waitlisted,
    },
    actions: classNominationActions(user, cls, today),
    total: page.total,
    items: page.rows.map((r) => toSummary(user, r, cls, today)),
  };
}

// ---------- bulk ----------

export type BulkSource = { personIds: number[] } | { fileName: string; content: Buffer };

/**
 * Queues a bulk nomination (a list of ids, or an .xlsx with a "Số CCCD" column). A missing, closed
 * or finished class is refused now; the people are checked one by one by the job.
 */
export async function startBulkNomination(db: Db, user: AuthUser, classId: number, source: BulkSource) {
  const cls = await classesRepo.findClass(db, classId);
  if (!cls) throw notFound();
  refuseUnlessTakesNominations(cls, todayInVietnam());
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
