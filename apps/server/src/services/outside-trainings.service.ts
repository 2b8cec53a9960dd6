/**
 * Training outside the province's own classes (issue 9, docs/decisions/0027). The agency proposes a
 * person of its subtree for a programme at an outside institution (the national academy, a
 * university, abroad); the rules engine's answer for the programme and mode as of the start date is
 * stored with it, an ineligible person going only with the board's override and reason, as for a
 * nomination. The programme's approver (provincial board or home affairs) approves or refuses, then
 * records the sending decision; the agency (or the approver) records the result, and a graduation
 * writes the qualification the programme grants into the registry in the same transaction. Every
 * write is audited. The lifecycle is decided by the training domain (training/outside.ts).
 */
import { formatViDate, rules, searchWords, todayInVietnam, training } from '@nang-tam/domain';
import {
  type EligibilityResult,
  type OutsideCreate,
  type OutsideDecision,
  type OutsideDetail,
  type OutsideListQuery,
  type OutsidePage,
  type OutsideResultInput,
  type OutsideSendingDecision,
  type OutsideSummary,
  type OutsideWithdraw,
} from '@nang-tam/contracts';
import { auditRepo, outsideTrainingsRepo, peopleRepo, personFactsRepo, rulesRepo, type Db, type Queryable } from '@nang-tam/db';
import { AppError, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { personPolicy } from '../policies/person.js';
import { authorizeOutside, outsideFactsOf, outsideListActions, outsideTrainingPolicy } from '../policies/outside-training.js';
import { toEligibilityResult } from './eligibility.service.js';
import { loadCatalogue, withRulesErrors } from './rules.service.js';
import { notEligible } from './nominations.service.js';
import { checkOutsidePlanLink } from './plans.service.js';
import { openCaseOnResult } from './reimbursement.service.js';

type Row = outsideTrainingsRepo.OutsideTrainingRow;

// ---------- shaping ----------

const CLASSIFICATION_LABELS: Record<string, string> = Object.fromEntries(
  training.DEFAULT_GRADING_SCHEME.bands.map((b) => [b.code, b.label]),
);

function toSummary(user: AuthUser, r: Row): OutsideSummary {
  return {
    id: r.id,
    person: {
      id: r.person_id,
      fullName: r.full_name,
      birthDate: r.birth_date,
      unit: { id: r.unit_id, name: r.unit_name },
      actions: personPolicy.allowedActions(user, { personId: r.person_id, unitPath: r.unit_path }),
    },
    programme: { code: r.programme_code, name: r.programme_name },
    approver: r.approver,
    mode: r.mode as rules.StudyMode,
    institution: r.institution,
    country: r.country,
    startDate: r.start_date,
    endDate: r.end_date,
    cost: r.cost === null ? null : Number(r.cost),
    status: r.status as training.OutsideStatus,
    eligibilityOutcome: r.outcome as OutsideSummary['eligibilityOutcome'],
    overridden: r.overridden,
    decision:
      r.decision_no !== null && r.decision_date !== null
        ? { number: r.decision_no, date: r.decision_date, signer: r.decision_signer ?? '' }
        : null,
    result:
      r.result !== null && r.result_date !== null
        ? {
            result: r.result as training.OutsideResult,
            classification: r.classification
              ? { code: r.classification, label: CLASSIFICATION_LABELS[r.classification] ?? r.classification }
              : null,
            date: r.result_date,
            certificateNo: r.certificate_no,
            qualificationId: r.qualification_id,
          }
        : null,
    outsidePlan: r.outside_plan,
    planLineId: r.plan_line_id,
    actions: outsideTrainingPolicy.allowedActions(user, outsideFactsOf(r)),
  };
}

/** A record whose person lies in the user's scope, or 404. */
async function findVisible(db: Queryable, user: AuthUser, id: number): Promise<outsideTrainingsRepo.OutsideTrainingDetailRow> {
  const r = await outsideTrainingsRepo.findOutsideTraining(db, user.scope, id);
  if (!r) throw notFound();
  return r;
}

export async function getOutsideTraining(db: Queryable, user: AuthUser, id: number): Promise<OutsideDetail> {
  const r = await findVisible(db, user, id);
  const steps = await outsideTrainingsRepo.listOutsideSteps(db, id);
  return {
    ...toSummary(user, r),
    studyField: r.study_field,
    note: r.note,
    proposedBy: r.proposed_by_name,
    proposedAt: r.proposed_at,
    eligibility: r.eligibility as EligibilityResult,
    override: r.override_reason !== null ? { reason: r.override_reason, by: r.override_by_name ?? '' } : null,
    steps: steps.map((s) => ({
      step: s.step as OutsideDetail['steps'][number]['step'],
      decision: s.decision as OutsideDetail['steps'][number]['decision'],
      note: s.note,
      decidedBy: s.decided_by_name,
      decidedAt: s.decided_at,
    })),
    version: r.version,
  };
}

export async function listOutsideTrainings(db: Queryable, user: AuthUser, q: OutsideListQuery): Promise<OutsidePage> {
  const page = await outsideTrainingsRepo.listOutsideTrainings(db, user.scope, {
    year: q.year,
    status: q.status,
    institution: q.institution,
    programmeCode: q.programmeCode,
    personId: q.personId,
    words: q.q ? searchWords(q.q) : [],
    limit: q.limit,
    offset: q.offset,
  });
  return {
    total: page.total,
    items: page.rows.map((r) => toSummary(user, r)),
    institutions: await outsideTrainingsRepo.listInstitutions(db, user.scope),
    actions: outsideListActions(user),
    personTimes: q.year === undefined ? null : await personTimesOf(db, user, q.year),
  };
}

/** The year's person-times in the user's scope, summed over programmes, units and plan lines. */
async function personTimesOf(db: Queryable, user: AuthUser, year: number): Promise<NonNullable<OutsidePage['personTimes']>> {
  const rows = await outsideTrainingsRepo.countOutsideTrainingsByYear(db, user.scope, year);
  const sum = (k: 'sent' | 'started' | 'carried_over' | 'finished') => rows.reduce((n, r) => n + r[k], 0);
  return { year, sent: sum('sent'), started: sum('started'), carriedOver: sum('carried_over'), finished: sum('finished') };
}

// ---------- proposing ----------

function invalid(details: { path: string; code: string; message: string }[]): AppError {
  return new AppError('VALIDATION_FAILED', details);
}

/** The duplicate among the person's records of the programme, if any. */
function duplicateOf(
  existing: Awaited<ReturnType<typeof outsideTrainingsRepo.listPersonProgrammeRecords>>,
  wanted: { startDate: string; endDate: string },
) {
  return existing.find((e) =>
    training.blocksNewOutside(
      {
        status: e.status as training.OutsideStatus,
        result: e.result as training.OutsideResult | null,
        startDate: e.start_date,
        endDate: e.end_date,
      },
      wanted,
    ),
  );
}

function duplicateError(d: { start_date: string; end_date: string }, programmeName: string): AppError {
  const detail = training.duplicateOutside({ startDate: d.start_date, endDate: d.end_date, programmeName });
  return new AppError('DUPLICATE', [detail], detail.message);
}

/**
 * POST /outside-trainings: the agency proposes one person of its scope (404 otherwise). Refused
 * with field errors, nothing written: an unknown programme or a mode it does not offer, end before
 * start, a cost that is not a whole non-negative number, no institution, abroad without a country,
 * a record of the same programme overlapping in time (DUPLICATE); an ineligible person
 * (NOT_ELIGIBLE, each failed rule with its source) unless the board overrides with a reason.
 */
export async function proposeOutsideTraining(db: Db, user: AuthUser, input: OutsideCreate): Promise<OutsideDetail> {
  const programme = await rulesRepo.findProgramme(db, input.programmeCode);
  const details: { path: string; code: string; message: string }[] = [];
  if (!programme) details.push(fieldError('programmeCode', 'UNKNOWN_PROGRAMME'));
  else if (!programme.modes.includes(input.mode)) details.push(fieldError('mode', 'UNSUPPORTED_MODE'));
  const country = input.abroad ? (input.country ?? '') : null;
  details.push(
    ...training.checkOutsideProposal({
      startDate: input.startDate,
      endDate: input.endDate,
      cost: input.cost ?? null,
      institution: input.institution,
      abroad: input.abroad,
      country,
    }),
  );
  if (!input.abroad && input.country) details.push(fieldError('country', 'INVALID_VALUE'));
  const planLineId = input.planLineId ?? null;
  if (programme) details.push(...(await checkOutsidePlanLink(db, { planLineId, outsidePlan: input.outsidePlan, programmeCode: programme.code, startDate: input.startDate })));
  if (details.length > 0 || !programme) throw invalid(details);

  const facts = await personFactsRepo.loadPersonFacts(db, user.scope, input.personId);
  if (!facts) throw notFound();
  const wanted = { startDate: input.startDate, endDate: input.endDate };
  const before = duplicateOf(await outsideTrainingsRepo.listPersonProgrammeRecords(db, input.personId, programme.code), wanted);
  if (before) throw duplicateError(before, programme.name);

  const asOf = input.startDate;
  const catalogue = await loadCatalogue(db, { programmeCode: programme.code });
  const evaluate = withRulesErrors(() =>
    rules.prepareEligibility({
      programme: programme.code,
      mode: input.mode,
      programmes: catalogue.programmes,
      rules: catalogue.ruleSets,
      levels: catalogue.levels,
      titles: catalogue.titles,
      jobPositions: catalogue.jobPositions,
      asOf,
    }),
  );
  const eligibility = toEligibilityResult(withRulesErrors(() => evaluate(personFactsRepo.factsOn(facts, asOf), input.studyField ?? null)));
  let overrideReason: string | null = null;
  if (eligibility.outcome !== 'eligible') {
    const mayOverride = training.mayOverrideEligibility(user.role);
    if (input.overrideReason === undefined || !mayOverride)
      throw notEligible(eligibility, input.overrideReason !== undefined && !mayOverride);
    overrideReason = input.overrideReason;
  }
  const note = input.note ? input.note : null;
  const id = await db.transaction(async (tx) => {
    if (!(await outsideTrainingsRepo.lockPerson(tx, input.personId))) throw notFound();
    const dup = duplicateOf(await outsideTrainingsRepo.listPersonProgrammeRecords(tx, input.personId, programme.code), wanted);
    if (dup) throw duplicateError(dup, programme.name);
    const write: outsideTrainingsRepo.OutsideTrainingWrite = {
      personId: input.personId,
      programmeCode: programme.code,
      mode: input.mode,
      institution: input.institution,
      country,
      startDate: input.startDate,
      endDate: input.endDate,
      cost: input.cost ?? null,
      studyField: input.studyField ? input.studyField : null,
      eligibility,
      overrideReason,
      overrideBy: overrideReason !== null ? user.id : null,
      proposedBy: user.id,
      outsidePlan: input.outsidePlan,
      planLineId,
      note,
    };
    const newId = await outsideTrainingsRepo.insertOutsideTraining(tx, write);
    const steps: outsideTrainingsRepo.OutsideStepWrite[] = [];
    if (overrideReason !== null)
      steps.push({ outsideTrainingId: newId, step: 'override', decision: 'approved', note: overrideReason, decidedBy: user.id });
    steps.push({ outsideTrainingId: newId, step: 'agency', decision: 'approved', note, decidedBy: user.id });
    await outsideTrainingsRepo.insertOutsideSteps(tx, steps);
    const { eligibility: _e, ...rest } = write;
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'create',
      entity: 'outside_training',
      entityId: newId,
      personId: input.personId,
      after: { ...rest, status: 'proposed', eligibility: { outcome: eligibility.outcome, summary: eligibility.summary, asOf } },
    });
    return newId;
  });
  return getOutsideTraining(db, user, id);
}

// ---------- the chain ----------

/**
 * Inside the transaction: locks the record (after the visibility check) and re-reads its facts;
 * then the policy decides on the locked state.
 */
async function lockFacts(tx: Queryable, user: AuthUser, seen: outsideTrainingsRepo.OutsideTrainingDetailRow) {
  const locked = await outsideTrainingsRepo.lockOutsideTraining(tx, seen.id);
  if (!locked) throw notFound();
  return { locked, facts: outsideFactsOf({ ...seen, status: locked.status }) };
}

/** The approver's approval or refusal (a refusal needs its reason). */
export async function decideOutsideTraining(db: Db, user: AuthUser, id: number, input: OutsideDecision): Promise<OutsideDetail> {
  const seen = await findVisible(db, user, id);
  const note = input.note ? input.note : null;
  await db.transaction(async (tx) => {
    const { locked, facts } = await lockFacts(tx, user, seen);
    const status = authorizeOutside(user, facts, input.decision === 'approved' ? 'approve' : 'refuse');
    await outsideTrainingsRepo.setOutsideStatus(tx, id, status);
    await outsideTrainingsRepo.insertOutsideSteps(tx, [
      { outsideTrainingId: id, step: 'board', decision: input.decision, note, decidedBy: user.id },
    ]);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'decide',
      entity: 'outside_training',
      entityId: id,
      personId: locked.person_id,
      before: { status: locked.status },
      after: { status, decision: input.decision, note },
    });
  });
  return getOutsideTraining(db, user, id);
}

/** The sending decision (number, date, signer): signed on or before the first day, not in the future. */
export async function recordSendingDecision(db: Db, user: AuthUser, id: number, input: OutsideSendingDecision): Promise<OutsideDetail> {
  const seen = await findVisible(db, user, id);
  const note = input.note ? input.note : null;
  await db.transaction(async (tx) => {
    const { locked, facts } = await lockFacts(tx, user, seen);
    authorizeOutside(user, facts, 'recordDecision');
    const errors = training.checkSendingDecision({ decisionDate: input.date, startDate: locked.start_date, today: todayInVietnam() });
    if (errors.length > 0) throw invalid(errors.map((e) => ({ ...e, path: e.path === 'decisionDate' ? 'date' : e.path })));
    const decision = { number: input.number, date: input.date, signer: input.signer };
    await outsideTrainingsRepo.recordSendingDecision(tx, id, decision);
    const text = `Quyết định số ${decision.number} ngày ${formatViDate(decision.date)}, ${decision.signer} ký.`;
    await outsideTrainingsRepo.insertOutsideSteps(tx, [
      { outsideTrainingId: id, step: 'decision', decision: 'recorded', note: note ? `${text} ${note}` : text, decidedBy: user.id },
    ]);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'record_decision',
      entity: 'outside_training',
      entityId: id,
      personId: locked.person_id,
      before: { status: locked.status, decision: null },
      after: { status: 'sent', decision, note },
    });
  });
  return getOutsideTraining(db, user, id);
}

/**
 * The result. A graduation writes the qualification the programme grants into the person's record
 * (source 'graduated', awarded on the result date, the institution), refreshes their highest
 * levels, and audits both writes, in the same transaction.
 */
export async function recordOutsideResult(db: Db, user: AuthUser, id: number, input: OutsideResultInput): Promise<OutsideDetail> {
  const seen = await findVisible(db, user, id);
  const note = input.note ? input.note : null;
  const classification = input.classification ?? null;
  await db.transaction(async (tx) => {
    const { locked, facts } = await lockFacts(tx, user, seen);
    authorizeOutside(user, facts, 'recordResult');
    const errors = training.checkOutsideResult({
      result: input.result,
      classification,
      resultDate: input.date,
      startDate: locked.start_date,
      endDate: locked.end_date,
      today: todayInVietnam(),
    });
    if (errors.length > 0) throw invalid(errors.map((e) => ({ ...e, path: e.path === 'resultDate' ? 'date' : e.path })));
    const actor = actorOf(user);
    let qualificationId: number | null = null;
    if (input.result === 'graduated' && seen.grants_kind !== null && seen.grants_level !== null) {
      const institution = seen.country ? `${seen.institution} (${seen.country})` : seen.institution;
      const q = {
        kind: seen.grants_kind,
        level: seen.grants_level,
        field: seen.grants_kind === 'education' ? seen.study_field : null,
        awardedOn: input.date,
        institution,
        source: 'graduated',
      };
      qualificationId = await peopleRepo.insertQualification(tx, locked.person_id, q);
      await peopleRepo.refreshHighestLevels(tx, [locked.person_id]);
      await peopleRepo.touchPerson(tx, locked.person_id);
      await auditRepo.appendAudit(tx, {
        ...actor,
        action: 'create',
        entity: 'qualification',
        entityId: qualificationId,
        personId: locked.person_id,
        after: { ...q, outsideTrainingId: id },
      });
    }
    const certificateNo = input.certificateNo ? input.certificateNo : null;
    await outsideTrainingsRepo.recordResult(tx, id, {
      result: input.result,
      classification,
      resultDate: input.date,
      certificateNo,
      qualificationId,
    });
    const label = training.OUTSIDE_RESULT_LABELS[input.result].vi;
    const text = classification ? `${label}, xếp loại ${CLASSIFICATION_LABELS[classification] ?? classification}.` : `${label}.`;
    await outsideTrainingsRepo.insertOutsideSteps(tx, [
      { outsideTrainingId: id, step: 'result', decision: 'recorded', note: note ? `${text} ${note}` : text, decidedBy: user.id },
    ]);
    await auditRepo.appendAudit(tx, {
      ...actor,
      action: 'record_result',
      entity: 'outside_training',
      entityId: id,
      personId: locked.person_id,
      before: { status: locked.status, result: null },
      after: { status: 'completed', result: input.result, classification, resultDate: input.date, certificateNo, qualificationId, note },
    });
    // a course not completed that carried a service commitment owes its full cost (issue 11 point 3)
    if (input.result !== 'graduated') await openCaseOnResult(tx, user, id);
  });
  return getOutsideTraining(db, user, id);
}

/** The agency withdraws its proposal before the sending decision. */
export async function withdrawOutsideTraining(db: Db, user: AuthUser, id: number, input: OutsideWithdraw): Promise<OutsideDetail> {
  const seen = await findVisible(db, user, id);
  const note = input.note ? input.note : null;
  await db.transaction(async (tx) => {
    const { locked, facts } = await lockFacts(tx, user, seen);
    const status = authorizeOutside(user, facts, 'withdraw');
    await outsideTrainingsRepo.setOutsideStatus(tx, id, status);
    await outsideTrainingsRepo.insertOutsideSteps(tx, [
      { outsideTrainingId: id, step: 'withdrawn', decision: 'recorded', note, decidedBy: user.id },
    ]);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'withdraw',
      entity: 'outside_training',
      entityId: id,
      personId: locked.person_id,
      before: { status: locked.status },
      after: { status, note },
    });
  });
  return getOutsideTraining(db, user, id);
}
