/**
 * Service commitments and reimbursement cases (issue 11 point 3, docs/decisions/0045). A person's
 * commitments are derived from their outside-training records (sent or completed, with a cost paid
 * by the state) by the training domain (training/commitments.ts); nothing about them is stored. A
 * case opens, in the same transaction as its cause, when the registry records the person leaving the
 * service (POST /people/:id/leaving), when a result "not graduated" or "withdrew" is recorded, or
 * when the board opens it for a record whose cause was recorded before. The case freezes the amount
 * and its explanation; its steps (agreed, payments, waived with a decision) are audited.
 */
import { todayInVietnam, searchWords, training } from '@nang-tam/domain';
import type {
  CaseDetail,
  CaseListQuery,
  CaseOpen,
  CasePage,
  CaseStepInput,
  CaseSummary,
  CommitmentAction,
  CommitmentList,
  CommitmentListItem,
  CommitmentListQuery,
  LeavingInput,
  LeavingResult,
  PersonCommitments,
} from '@nang-tam/contracts';
import { auditRepo, outsideTrainingsRepo, peopleRepo, reimbursementRepo, type Db, type Queryable } from '@nang-tam/db';
import { AppError, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { personPolicy } from '../policies/person.js';
import { caseFactsOf, managesCases, reimbursementCasePolicy } from '../policies/reimbursement-case.js';
import { refusalError } from '../policies/policy.js';

type Source = reimbursementRepo.CommitmentSourceRow;
type Leaving = Pick<reimbursementRepo.LeavingRow, 'left_on' | 'reason'>;

// ---------- deriving ----------

function commitmentOf(s: Source): training.Commitment | null {
  if (s.decision_date === null) return null;
  const cost = s.cost === null ? 0n : BigInt(s.cost);
  return training.commitmentFor({
    programmeCode: s.programme_code,
    statePaid: cost > 0n,
    decisionDate: s.decision_date,
    startDate: s.start_date,
    endDate: s.end_date,
  });
}

interface Due {
  source: Source;
  commitment: training.Commitment;
  cause: 'left_service' | 'course_not_completed';
  assessment: training.ReimbursementAssessment;
}

/** What a record owes now, given the person's leaving (if any); null when it creates no commitment or nothing happened. */
function dueOf(s: Source, leaving: Leaving | null): Due | null {
  const commitment = commitmentOf(s);
  if (!commitment) return null;
  const cost = BigInt(s.cost ?? '0');
  if (s.status === 'completed' && s.result !== null && s.result !== 'graduated') {
    const outcome = s.result as 'not_graduated' | 'withdrawn';
    return { source: s, commitment, cause: 'course_not_completed', assessment: training.assessReimbursement(commitment, cost, { kind: 'course_not_completed', outcome }) };
  }
  if (!leaving) return null;
  const reason = leaving.reason as training.LeavingReason;
  if (s.status === 'sent' && leaving.left_on <= s.end_date && reason !== 'transferred_political_system')
    return { source: s, commitment, cause: 'course_not_completed', assessment: training.assessReimbursement(commitment, cost, { kind: 'course_not_completed', outcome: 'withdrawn' }) };
  return { source: s, commitment, cause: 'left_service', assessment: training.assessReimbursement(commitment, cost, { kind: 'left_service', reason, date: leaving.left_on }) };
}

/** Opens the case a due record calls for (status notified, its first step, audited); the id, or null when nothing is owed or a case exists. */
async function openDue(tx: Queryable, user: AuthUser, d: Due): Promise<number | null> {
  if (d.assessment.kind !== 'owed') return null;
  const a = d.assessment;
  const write: reimbursementRepo.CaseWrite = {
    personId: d.source.person_id,
    outsideTrainingId: d.source.outside_training_id,
    cause: d.cause,
    basis: a.basis,
    source: d.commitment.source,
    cost: a.cost,
    commitmentMonths: a.months,
    monthsServed: a.served,
    amount: a.amount,
    explanation: a.explanation,
    openedBy: user.id,
  };
  const id = await reimbursementRepo.insertCase(tx, write);
  if (id === null) return null;
  await reimbursementRepo.insertCaseStep(tx, { caseId: id, step: 'notified', amount: a.amount, decisionNo: null, note: a.explanation, decidedBy: user.id });
  await auditRepo.appendAudit(tx, {
    ...actorOf(user),
    action: 'open',
    entity: 'reimbursement_case',
    entityId: id,
    personId: d.source.person_id,
    after: { ...write, cost: write.cost.toString(), amount: write.amount.toString(), status: 'notified' },
  });
  return id;
}

/**
 * Called by the outside-training service inside the transaction that records a result: a course
 * not completed (not graduated, withdrew) that carried a commitment opens its case (full cost).
 */
export async function openCaseOnResult(tx: Queryable, user: AuthUser, outsideTrainingId: number): Promise<number | null> {
  const s = await reimbursementRepo.findCommitmentSource(tx, outsideTrainingId);
  if (!s) return null;
  const d = dueOf(s, null);
  return d ? openDue(tx, user, d) : null;
}

/** Inside the transaction that records a leaving: opens the case of every commitment it breaks; the ids opened. */
export async function openCasesOnLeaving(tx: Queryable, user: AuthUser, personId: number, leaving: Leaving): Promise<number[]> {
  const cased = await reimbursementRepo.listCasedTrainings(tx, personId);
  const ids: number[] = [];
  for (const s of await reimbursementRepo.listCommitmentSources(tx, personId)) {
    if (cased.has(s.outside_training_id)) continue;
    const d = dueOf(s, leaving);
    const id = d ? await openDue(tx, user, d) : null;
    if (id !== null) ids.push(id);
  }
  return ids;
}

// ---------- shaping ----------

const num = (v: string | null): number => (v === null ? 0 : Number(v));

function toSummary(user: AuthUser, r: reimbursementRepo.CaseRow): CaseSummary {
  return {
    id: r.id,
    person: { id: r.person_id, fullName: r.full_name, unit: { id: r.unit_id, name: r.unit_name } },
    outsideTrainingId: r.outside_training_id,
    programme: { code: r.programme_code, name: r.programme_name },
    institution: r.institution,
    cause: r.cause as CaseSummary['cause'],
    basis: r.basis as CaseSummary['basis'],
    source: r.source,
    cost: num(r.cost),
    commitmentMonths: r.commitment_months,
    monthsServed: r.months_served,
    amount: num(r.amount),
    paid: num(r.paid),
    explanation: r.explanation,
    status: r.status as CaseSummary['status'],
    waiver:
      r.waiver_ground !== null && r.waiver_decision_no !== null
        ? { ground: r.waiver_ground as training.ExemptionGround, decisionNo: r.waiver_decision_no }
        : null,
    openedAt: r.opened_at,
    actions: reimbursementCasePolicy.allowedActions(user, caseFactsOf(r)),
  };
}

// ---------- a person's commitments ----------

async function visiblePerson(db: Queryable, user: AuthUser, personId: number) {
  const p = await peopleRepo.findPerson(db, user.scope, personId);
  if (!p) throw notFound();
  return p;
}

/** GET /people/:id/commitments: the person's commitments as of today, their leaving and their cases (anyone who reads the person). */
export async function getPersonCommitments(db: Queryable, user: AuthUser, personId: number): Promise<PersonCommitments> {
  const person = await visiblePerson(db, user, personId);
  const asOf = todayInVietnam();
  const [sources, leaving, page] = await Promise.all([
    reimbursementRepo.listCommitmentSources(db, personId),
    reimbursementRepo.findLeaving(db, personId),
    reimbursementRepo.listCases(db, user.scope, { personId, words: [], limit: 200, offset: 0 }),
  ]);
  const commitments: PersonCommitments['commitments'] = [];
  for (const s of sources) {
    if (s.status === 'completed' && s.result !== 'graduated') continue;
    const c = commitmentOf(s);
    if (!c) continue;
    const progress = training.commitmentProgress(c, leaving && leaving.left_on < asOf ? leaving.left_on : asOf);
    commitments.push({
      outsideTrainingId: s.outside_training_id,
      programme: { code: s.programme_code, name: s.programme_name },
      institution: s.institution,
      courseStart: s.start_date,
      courseEnd: s.end_date,
      cost: num(s.cost),
      source: c.source,
      sourceNote: c.sourceNote,
      multiplier: c.multiplier,
      trainingMonths: c.trainingMonths,
      months: c.months,
      from: c.from,
      to: c.to,
      served: s.status === 'sent' ? 0 : progress.served,
      remaining: s.status === 'sent' ? c.months : progress.remaining,
      fulfilled: s.status !== 'sent' && progress.fulfilled,
      inProgress: s.status === 'sent',
    });
  }
  const facts = { personId, unitPath: person.unit_path };
  const actions: CommitmentAction[] = [];
  if (leaving === null && personPolicy.may(user, facts, 'update')) actions.push('recordLeaving');
  if (managesCases(user, person.unit_path) === true) actions.push('openCase');
  return {
    personId,
    asOf,
    commitments,
    leaving: leaving
      ? {
          leftOn: leaving.left_on,
          reason: leaving.reason as training.LeavingReason,
          decisionNo: leaving.decision_no,
          note: leaving.note,
          recordedBy: leaving.recorded_by_name,
        }
      : null,
    cases: page.rows.map((r) => toSummary(user, r)),
    actions,
  };
}

/**
 * POST /people/:id/leaving: the registry records that the person left the service (the agency or
 * any officer who updates the person). In the same transaction, every commitment the leaving breaks
 * opens its case: the prorated cost, or the full cost when the course was still running; a transfer
 * within the political system opens none (exempt).
 */
export async function recordLeaving(db: Db, user: AuthUser, personId: number, input: LeavingInput): Promise<LeavingResult> {
  const person = await visiblePerson(db, user, personId);
  personPolicy.authorize(user, { personId, unitPath: person.unit_path }, 'update');
  if (input.leftOn > todayInVietnam()) throw new AppError('VALIDATION_FAILED', [fieldError('leftOn', 'DATE_IN_FUTURE')]);
  const opened = await db.transaction(async (tx) => {
    if (!(await outsideTrainingsRepo.lockPerson(tx, personId))) throw notFound();
    const write: reimbursementRepo.LeavingWrite = {
      personId,
      leftOn: input.leftOn,
      reason: input.reason,
      decisionNo: input.decisionNo ? input.decisionNo : null,
      note: input.note ? input.note : null,
      recordedBy: user.id,
    };
    if (!(await reimbursementRepo.insertLeaving(tx, write))) throw new AppError('LEAVING_RECORDED');
    await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'record_leaving', entity: 'service_leaving', entityId: personId, personId, after: write });
    return openCasesOnLeaving(tx, user, personId, { left_on: input.leftOn, reason: input.reason });
  });
  return { commitments: await getPersonCommitments(db, user, personId), openedCaseIds: opened };
}

// ---------- cases ----------

/** POST /reimbursement-cases: the board opens the case of a record whose cause was recorded before the case existed. */
export async function openCase(db: Db, user: AuthUser, input: CaseOpen): Promise<CaseDetail> {
  const s = await reimbursementRepo.findCommitmentSource(db, input.outsideTrainingId);
  if (!s) throw notFound();
  const person = await peopleRepo.findPerson(db, user.scope, s.person_id);
  if (!person) throw notFound();
  const reach = managesCases(user, person.unit_path);
  if (reach !== true) throw refusalError(reach);
  const id = await db.transaction(async (tx) => {
    if (!(await outsideTrainingsRepo.lockPerson(tx, s.person_id))) throw notFound();
    const fresh = (await reimbursementRepo.findCommitmentSource(tx, input.outsideTrainingId))!;
    if (!['sent', 'completed'].includes(fresh.status) || commitmentOf(fresh) === null)
      throw new AppError('COMMITMENT_NONE', [fieldError('outsideTrainingId', 'INVALID_VALUE')]);
    if ((await reimbursementRepo.listCasedTrainings(tx, s.person_id)).has(fresh.outside_training_id))
      throw new AppError('DUPLICATE', [{ path: 'outsideTrainingId', code: 'DUPLICATE', message: 'Hồ sơ đi học này đã có hồ sơ đền bù.' }], 'Hồ sơ đi học này đã có hồ sơ đền bù.');
    const d = dueOf(fresh, await reimbursementRepo.findLeaving(tx, s.person_id));
    if (!d || d.assessment.kind !== 'owed') {
      throw new AppError('REIMBURSEMENT_NOT_DUE', [], d && d.assessment.kind === 'none' ? d.assessment.explanation : undefined);
    }
    return (await openDue(tx, user, d))!;
  });
  return getCase(db, user, id);
}

async function findVisible(db: Queryable, user: AuthUser, id: number): Promise<reimbursementRepo.CaseRow> {
  const r = await reimbursementRepo.findCase(db, user.scope, id);
  if (!r) throw notFound();
  return r;
}

/** GET /reimbursement-cases/:id: the case and its steps (board or home affairs over the person). */
export async function getCase(db: Queryable, user: AuthUser, id: number): Promise<CaseDetail> {
  const r = await findVisible(db, user, id);
  const steps = await reimbursementRepo.listCaseSteps(db, id);
  return {
    ...toSummary(user, r),
    openedBy: r.opened_by_name,
    steps: steps.map((s) => ({
      step: s.step as CaseDetail['steps'][number]['step'],
      amount: s.amount === null ? null : Number(s.amount),
      decisionNo: s.decision_no,
      note: s.note,
      decidedBy: s.decided_by_name,
      decidedAt: s.decided_at,
    })),
    version: r.version,
  };
}

export async function listCases(db: Queryable, user: AuthUser, q: CaseListQuery): Promise<CasePage> {
  const page = await reimbursementRepo.listCases(db, user.scope, {
    status: q.status,
    words: q.q ? searchWords(q.q) : [],
    limit: q.limit,
    offset: q.offset,
  });
  return { total: page.total, items: page.rows.map((r) => toSummary(user, r)) };
}

/** POST /reimbursement-cases/:id/steps: agree, record a payment (not above what is still owed), waive with a decision. */
export async function stepCase(db: Db, user: AuthUser, id: number, input: CaseStepInput): Promise<CaseDetail> {
  await findVisible(db, user, id);
  await db.transaction(async (tx) => {
    const locked = await reimbursementRepo.findCase(tx, user.scope, id, true);
    if (!locked) throw notFound();
    reimbursementCasePolicy.authorize(user, caseFactsOf(locked), input.action);
    const before: training.CaseFacts = { status: locked.status as training.CaseStatus, amount: BigInt(locked.amount), paid: BigInt(locked.paid) };
    const step: training.CaseStep =
      input.action === 'recordPayment'
        ? { action: 'recordPayment', amount: BigInt(input.amount) }
        : input.action === 'waive'
          ? { action: 'waive', ground: input.ground, decisionNumber: input.decisionNo }
          : { action: 'agree' };
    const v = training.applyCaseStep(before, step);
    if (!v.ok) {
      const code = v.refusal.code === 'PAYMENT_ABOVE_OWED' || v.refusal.code === 'CASE_STEP_ORDER' ? v.refusal.code : 'VALIDATION_FAILED';
      throw new AppError(code, [{ path: v.refusal.field ?? 'action', code: v.refusal.code, message: v.refusal.message }], v.refusal.message);
    }
    const waived = input.action === 'waive';
    await reimbursementRepo.updateCase(tx, id, {
      status: v.value.status,
      paid: v.value.paid,
      waiverGround: waived ? input.ground : null,
      waiverDecisionNo: waived ? input.decisionNo : null,
    });
    const note = input.note ? input.note : null;
    await reimbursementRepo.insertCaseStep(tx, {
      caseId: id,
      step: input.action === 'agree' ? 'agreed' : input.action === 'waive' ? 'waived' : 'payment',
      amount: input.action === 'recordPayment' ? BigInt(input.amount) : null,
      decisionNo: waived ? input.decisionNo : null,
      note,
      decidedBy: user.id,
    });
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: input.action === 'agree' ? 'agree' : input.action === 'waive' ? 'waive' : 'record_payment',
      entity: 'reimbursement_case',
      entityId: id,
      personId: locked.person_id,
      before: { status: before.status, paid: before.paid.toString() },
      after: {
        status: v.value.status,
        paid: v.value.paid.toString(),
        ...(input.action === 'recordPayment' ? { amount: input.amount } : {}),
        ...(waived ? { ground: input.ground, decisionNo: input.decisionNo } : {}),
        note,
      },
    });
  });
  return getCase(db, user, id);
}

// ---------- the agency's graduates under commitment (issue 11 point 5) ----------

const COMMITMENT_PROGRAMMES = [...new Set(training.COMMITMENT_RULES.flatMap((r) => r.programmeCodes))];

/**
 * GET /commitments: the people of the user's subtree under a service commitment (an agency sees its
 * graduates: who, which programme, from when to when, months served), as of today.
 */
export async function listCommitments(db: Queryable, user: AuthUser, q: CommitmentListQuery): Promise<CommitmentList> {
  const asOf = todayInVietnam();
  const rows = await reimbursementRepo.listScopedCommitmentSources(db, user.scope, COMMITMENT_PROGRAMMES, q.q ? searchWords(q.q) : []);
  const all: CommitmentListItem[] = [];
  for (const s of rows) {
    if (s.status === 'completed' && s.result !== 'graduated') continue;
    const c = commitmentOf(s);
    if (!c) continue;
    const inCourse = s.status === 'sent';
    const until = s.left_on !== null && s.left_on < asOf ? s.left_on : asOf;
    const progress = training.commitmentProgress(c, until);
    const state: CommitmentListItem['state'] = inCourse ? 'in_course' : s.left_on !== null && s.left_on <= asOf && !progress.fulfilled ? 'left' : progress.fulfilled ? 'fulfilled' : 'serving';
    all.push({
      person: { id: s.person_id, fullName: s.full_name, unit: { id: s.unit_id, name: s.unit_name } },
      outsideTrainingId: s.outside_training_id,
      programme: { code: s.programme_code, name: s.programme_name },
      institution: s.institution,
      source: c.source,
      months: c.months,
      from: c.from,
      to: c.to,
      served: inCourse ? 0 : progress.served,
      remaining: inCourse ? c.months : progress.remaining,
      state,
    });
  }
  const wanted = q.state === 'all' ? all : all.filter((i) => i.state === q.state);
  return { asOf, total: wanted.length, items: wanted.slice(q.offset, q.offset + q.limit) };
}
