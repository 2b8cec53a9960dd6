/**
 * Support for learners sent to training and its payment lists (issue 11 point 1,
 * docs/decisions/0049). Policies are data (support_policy_versions), versioned like the rules and
 * checked by the domain (training.addSupportPolicyVersion: rates, periods, groups). What each
 * learner is owed is derived on every read (training.assessSupport) from the course, the learner and
 * what was already paid; payments are stored, each refused when it is above what is still owed.
 *
 * Who sees what: the board, home affairs, an agency (support.read) see the rows of the learners in
 * their subtree; the school (or anyone) whose subtree holds the class's organiser sees every learner
 * of the class. A list with no row the user may see answers 404. A learner sees their own support
 * through GET /me/support. Recording a payment and the policies need support.manage.
 */
import { hasPermission, todayInVietnam, training, unitInScope, type Scope } from '@nang-tam/domain';
import type {
  ClassSupportPaymentInput,
  Job,
  MySupport,
  OutsideSupportPaymentInput,
  SupportBatches,
  SupportExport,
  SupportList,
  SupportPayment,
  SupportPolicy,
  SupportPolicyInput,
  SupportPolicyList,
  SupportRow,
} from '@nang-tam/contracts';
import { auditRepo, supportRepo, type Db, type Queryable } from '@nang-tam/db';
import { AppError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { queueJob, toJob } from './jobs.service.js';

const EVERYONE: Scope = { kind: 'subtree', unitPath: '/' };
export const SUPPORT_ROUNDING =
  'Số tiền tính bằng đồng, là số nguyên: số ngày × mức theo ngày; tiền ở theo số đêm (học tập trung); đi lại một lượt mỗi khóa; học phí theo tỷ lệ % làm tròn đến đồng (từ nửa đồng trở lên làm tròn lên). Chính sách áp dụng là chính sách có hiệu lực vào ngày khai giảng.';

// ---------- policies ----------

function policyOf(r: supportRepo.PolicyRow): training.SupportPolicy {
  return {
    id: r.id,
    version: r.version,
    period: { from: r.period_from, to: r.period_to },
    ...(r.corrects !== null ? { corrects: r.corrects } : {}),
    ...(r.superseded_by !== null ? { supersededBy: r.superseded_by } : {}),
    name: r.name,
    source: r.source,
    verified: r.verified,
    coverage: r.coverage as training.SupportCoverage,
    rates: r.rates as unknown as training.SupportRates,
    ...(r.note ? { note: r.note } : {}),
  };
}

export async function loadPolicies(db: Queryable): Promise<training.SupportPolicy[]> {
  return (await supportRepo.listPolicyVersions(db)).map(policyOf);
}

function toPolicy(r: supportRepo.PolicyRow, asOf: string): SupportPolicy {
  const p = policyOf(r);
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    source: r.source,
    verified: r.verified,
    coverage: p.coverage,
    rates: p.rates,
    period: { from: r.period_from, to: r.period_to },
    corrects: r.corrects,
    supersededBy: r.superseded_by,
    note: r.note,
    createdBy: r.created_by_name,
    createdAt: r.created_at,
    inForce: r.superseded_by === null && r.period_from <= asOf && (r.period_to === null || asOf <= r.period_to),
  };
}

/** GET /support-policies: every version of every policy (anyone who reads payment lists). */
export async function listPolicies(db: Queryable, user: AuthUser): Promise<SupportPolicyList> {
  const asOf = todayInVietnam();
  const rows = await supportRepo.listPolicyVersions(db);
  return { asOf, items: rows.map((r) => toPolicy(r, asOf)), actions: hasPermission(user.role, 'support.manage') ? ['create'] : [] };
}

/**
 * POST /support-policies: a new policy, a new version from a date (the open version is closed the
 * day before), or a correction of version N. Refused, nothing changed: a negative, missing or
 * fractional rate (SUPPORT_POLICY_INVALID, each field named); a period overlapping another version
 * of the policy, or another policy for a common group (SUPPORT_POLICY_OVERLAP).
 */
export async function addPolicyVersion(db: Db, user: AuthUser, input: SupportPolicyInput): Promise<SupportPolicyList> {
  await db.transaction(async (tx) => {
    await supportRepo.lockPolicies(tx);
    const all = await loadPolicies(tx);
    const existing = all.filter((p) => p.id === input.id);
    const others = all.filter((p) => p.id !== input.id);
    const version = existing.reduce((m, v) => Math.max(m, v.version), 0) + 1;
    const next: training.SupportPolicy = {
      id: input.id,
      version,
      period: { from: input.period.from, to: input.period.to },
      ...(input.corrects !== undefined ? { corrects: input.corrects } : {}),
      name: input.name,
      source: input.source,
      verified: input.verified,
      coverage: input.coverage,
      rates: input.rates as unknown as training.SupportRates,
      ...(input.note ? { note: input.note } : {}),
    };
    const r = training.addSupportPolicyVersion(existing, next, others);
    if (!r.ok) {
      const overlap = r.errors.some((e) => e.code === 'OVERLAPPING_PERIOD' || e.code === 'OVERLAPPING_GROUP');
      const invalid = r.errors.some((e) => e.code.startsWith('RATE_') || e.code === 'PERCENT_RANGE');
      const code = overlap ? 'SUPPORT_POLICY_OVERLAP' : invalid ? 'SUPPORT_POLICY_INVALID' : 'VALIDATION_FAILED';
      throw new AppError(code, r.errors, overlap ? r.errors[0]!.message : undefined);
    }
    for (const v of r.versions) {
      const before = existing.find((e) => e.version === v.version);
      if (!before) continue;
      if (before.period.to !== v.period.to || before.supersededBy !== v.supersededBy)
        await supportRepo.updatePolicyVersionState(tx, v.id, v.version, v.period.to, v.supersededBy ?? null);
    }
    await supportRepo.insertPolicyVersion(tx, {
      id: next.id,
      version,
      name: next.name,
      source: next.source,
      verified: next.verified,
      coverage: next.coverage,
      rates: next.rates,
      periodFrom: next.period.from,
      periodTo: next.period.to,
      corrects: input.corrects ?? null,
      note: input.note ? input.note : null,
      createdBy: user.id,
    });
    const previous = existing.find((e) => e.period.to === null && e.supersededBy === undefined);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: input.corrects !== undefined ? 'correct' : existing.length === 0 ? 'create' : 'add_version',
      entity: 'support_policy',
      entityId: `${next.id}@${version}`,
      before: previous ? { version: previous.version, period: previous.period, rates: previous.rates, coverage: previous.coverage } : undefined,
      after: { version, period: next.period, rates: next.rates, coverage: next.coverage, source: next.source, verified: next.verified },
    });
  });
  return listPolicies(db, user);
}

// ---------- assessing ----------

const num = (v: bigint | string | null): number => (v === null ? 0 : Number(v));

function learnerOf(r: supportRepo.LearnerRow): training.SupportLearner {
  return { category: r.category, gender: r.gender, ethnicMinority: r.minority };
}

const paidYearOf = (r: supportRepo.LearnerRow) => (policyId: string) => BigInt(r.paid_year?.[policyId] ?? '0');

function classCourseOf(c: supportRepo.ClassCourseRow): { course: training.SupportCourse; view: SupportRow['course'] } {
  const days = training.classStudyDays(c.start_date, c.end_date, c.session_days);
  const course: training.SupportCourse = {
    kind: 'class',
    programmeCode: c.programme_code,
    programmeKind: c.programme_kind,
    mode: c.mode as training.SupportCourse['mode'],
    organiserUnitId: c.organiser_unit_id,
    // classes are organised by the province's own school or centres: in the province
    place: 'in_province',
    startDate: c.start_date,
    endDate: c.end_date,
    studyDays: days.days,
    cost: null,
    daysBasis: days.basis,
  };
  return {
    course,
    view: {
      kind: 'class',
      id: c.id,
      name: c.name,
      programme: { code: c.programme_code, name: c.programme_name },
      mode: course.mode,
      place: 'in_province',
      organiser: c.organiser_name,
      startDate: c.start_date,
      endDate: c.end_date,
      studyDays: days.days,
      daysBasis: days.basis,
    },
  };
}

function outsideCourseOf(o: supportRepo.OutsideLearnerRow): { course: training.SupportCourse; view: SupportRow['course'] } {
  const days = training.nightsBetween(o.start_date, o.end_date) + 1;
  const basis = `từ ${o.start_date.split('-').reverse().join('/')} đến ${o.end_date.split('-').reverse().join('/')}`;
  const course: training.SupportCourse = {
    kind: 'outside',
    programmeCode: o.programme_code,
    programmeKind: o.programme_kind,
    mode: o.mode as training.SupportCourse['mode'],
    organiserUnitId: null,
    // sent to an institution outside the province's own schools
    place: 'outside_province',
    startDate: o.start_date,
    endDate: o.end_date,
    studyDays: days,
    cost: o.cost === null ? null : BigInt(o.cost),
    daysBasis: basis,
  };
  return {
    course,
    view: {
      kind: 'outside',
      id: o.outside_training_id,
      name: `${o.programme_name} — ${o.institution}${o.country ? ` (${o.country})` : ''}`,
      programme: { code: o.programme_code, name: o.programme_name },
      mode: course.mode,
      place: 'outside_province',
      organiser: o.institution,
      startDate: o.start_date,
      endDate: o.end_date,
      studyDays: days,
      daysBasis: basis,
    },
  };
}

interface Assessed {
  row: SupportRow;
  assessment: training.SupportAssessment;
  owed: bigint;
  paid: bigint;
}

function assessRow(user: AuthUser | null, policies: training.SupportPolicy[], r: supportRepo.LearnerRow, c: { course: training.SupportCourse; view: SupportRow['course'] }): Assessed {
  const a = training.assessSupport(policies, learnerOf(r), c.course, paidYearOf(r));
  const owed = a.total;
  const paid = BigInt(r.paid);
  const remaining = owed > paid ? owed - paid : 0n;
  const mayPay = user !== null && hasPermission(user.role, 'support.manage') && user.scope.kind === 'subtree' && unitInScope(user.scope, r.unit_path);
  return {
    owed,
    paid,
    assessment: a,
    row: {
      person: {
        id: r.person_id,
        fullName: r.full_name,
        birthDate: r.birth_date,
        gender: r.gender,
        ethnicMinority: r.minority,
        category: r.category,
        unit: { id: r.unit_id, name: r.unit_name },
      },
      course: c.view,
      covered: a.kind === 'covered',
      policy: a.kind === 'covered' ? { id: a.policy.id, version: a.policy.version, name: a.policy.name, sourceCode: a.policy.source.code, verified: a.policy.verified } : null,
      items: a.kind === 'covered' ? a.items.map((i) => ({ code: i.code, amount: Number(i.amount), explanation: i.explanation })) : [],
      owed: Number(owed),
      paid: Number(paid),
      remaining: Number(remaining),
      explanation: a.explanation,
      actions: mayPay && remaining > 0n ? ['recordPayment'] : [],
    },
  };
}

function toPayment(p: supportRepo.PaymentRow): SupportPayment {
  return {
    id: p.id,
    personId: p.person_id,
    classId: p.class_id,
    outsideTrainingId: p.outside_training_id,
    amount: num(p.amount),
    paidOn: p.paid_on,
    voucherNo: p.voucher_no,
    note: p.note,
    recordedBy: p.recorded_by_name,
    recordedAt: p.recorded_at,
  };
}

function totalsOf(rows: Assessed[]): SupportList['totals'] {
  const items: Record<string, number> = {};
  let owed = 0n;
  let paid = 0n;
  let remaining = 0n;
  for (const a of rows) {
    owed += a.owed;
    paid += a.paid;
    remaining += a.owed > a.paid ? a.owed - a.paid : 0n;
    for (const i of a.row.items) items[i.code] = (items[i.code] ?? 0) + i.amount;
  }
  return { owed: Number(owed), paid: Number(paid), remaining: Number(remaining), items };
}

function listActions(user: AuthUser, rows: Assessed[]): SupportList['actions'] {
  const out: SupportList['actions'] = ['export'];
  if (rows.some((r) => r.row.actions.includes('recordPayment'))) out.unshift('recordPayment');
  return out;
}

// ---------- a class ----------

/** The learners the user sees on a class's list: every learner when the user's subtree holds the organiser, else those in the user's subtree. */
async function classFacts(db: Queryable, user: AuthUser, classId: number) {
  const c = await supportRepo.findClassCourse(db, classId);
  if (!c) throw notFound();
  const organises = unitInScope(user.scope, c.organiser_path);
  const learners = await supportRepo.listClassLearners(db, organises ? EVERYONE : user.scope, classId, c.start_date);
  if (!organises && learners.length === 0) throw notFound();
  return { c, learners };
}

/**
 * Support owed for a class, for every learner (not withdrawn), without a user: the figure the
 * budgets (per-learner support as a cost category) read. Whole đồng.
 */
export async function supportOwedForClass(
  db: Queryable,
  classId: number,
): Promise<{ classId: number; learners: number; covered: number; total: bigint; paid: bigint; byItem: Record<string, bigint>; rows: { personId: number; owed: bigint; paid: bigint; policy: string | null }[] } | null> {
  const c = await supportRepo.findClassCourse(db, classId);
  if (!c) return null;
  const [policies, learners] = await Promise.all([loadPolicies(db), supportRepo.listClassLearners(db, EVERYONE, classId, c.start_date)]);
  const course = classCourseOf(c);
  const byItem: Record<string, bigint> = {};
  let total = 0n;
  let paid = 0n;
  let covered = 0;
  const rows = learners.map((r) => {
    const a = assessRow(null, policies, r, course);
    total += a.owed;
    paid += a.paid;
    if (a.assessment.kind === 'covered') {
      covered += 1;
      for (const i of a.assessment.items) byItem[i.code] = (byItem[i.code] ?? 0n) + i.amount;
    }
    return { personId: r.person_id, owed: a.owed, paid: a.paid, policy: a.assessment.kind === 'covered' ? `${a.assessment.policy.id}@${a.assessment.policy.version}` : null };
  });
  return { classId, learners: learners.length, covered, total, paid, byItem, rows };
}

/** GET /classes/:id/support: the class's payment list (danh sách chi trả) with each amount explained. */
export async function getClassSupport(db: Queryable, user: AuthUser, classId: number): Promise<SupportList> {
  const { c, learners } = await classFacts(db, user, classId);
  const policies = await loadPolicies(db);
  const course = classCourseOf(c);
  const rows = learners.map((r) => assessRow(user, policies, r, course));
  const visible = new Set(learners.map((l) => l.person_id));
  const payments = (await supportRepo.listPayments(db, EVERYONE, { classId })).filter((p) => visible.has(p.person_id));
  return {
    kind: 'class',
    classId,
    decisionNo: null,
    title: `Danh sách chi trả hỗ trợ học viên lớp ${c.name}`,
    asOf: todayInVietnam(),
    rows: rows.map((r) => r.row),
    totals: totalsOf(rows),
    payments: payments.map(toPayment),
    rounding: SUPPORT_ROUNDING,
    actions: listActions(user, rows),
  };
}

// ---------- an outside-training batch (one sending decision) ----------

export async function listBatches(db: Queryable, user: AuthUser): Promise<SupportBatches> {
  const rows = await supportRepo.listOutsideBatches(db, user.scope, 200);
  return { items: rows.map((r) => ({ decisionNo: r.decision_no, decisionDate: r.decision_date, people: r.people })) };
}

/** GET /outside-support?decisionNo=: the payment list of the people sent by one decision, in the user's subtree. */
export async function getBatchSupport(db: Queryable, user: AuthUser, decisionNo: string): Promise<SupportList> {
  const records = await supportRepo.listOutsideBatch(db, user.scope, decisionNo);
  if (records.length === 0) throw notFound();
  const policies = await loadPolicies(db);
  const rows = records.map((r) => assessRow(user, policies, r, outsideCourseOf(r)));
  const payments = await supportRepo.listPayments(db, user.scope, { outsideTrainingIds: records.map((r) => r.outside_training_id) });
  return {
    kind: 'outside',
    classId: null,
    decisionNo,
    title: `Danh sách chi trả hỗ trợ người được cử đi học theo Quyết định số ${decisionNo}`,
    asOf: todayInVietnam(),
    rows: rows.map((r) => r.row),
    totals: totalsOf(rows),
    payments: payments.map(toPayment),
    rounding: SUPPORT_ROUNDING,
    actions: listActions(user, rows),
  };
}

// ---------- payments ----------

function refuse(v: training.PaymentVerdict & { ok: false }): never {
  const code = v.code === 'NOTHING_OWED' ? 'SUPPORT_NOT_OWED' : 'SUPPORT_PAYMENT_ABOVE_OWED';
  throw new AppError(code, [{ path: 'amount', code: v.code, message: v.message }], v.message);
}

function mayManage(user: AuthUser, unitPath: string): void {
  if (user.scope.kind !== 'subtree' || !unitInScope(user.scope, unitPath)) throw notFound();
  if (!hasPermission(user.role, 'support.manage')) throw new AppError('FORBIDDEN', [], 'Việc chi trả hỗ trợ do Ban Tổ chức Tỉnh ủy hoặc Sở Nội vụ ghi nhận.');
}

/**
 * One payment against what the learner is owed (recomputed by the caller inside the transaction, the
 * learner's row locked): above what is still owed, or for someone the policy does not cover, is refused;
 * a payment dated after today is refused; otherwise written with its audit record.
 */
async function writePayment(
  tx: Queryable,
  user: AuthUser,
  a: Assessed,
  target: Pick<supportRepo.PaymentWrite, 'personId' | 'classId' | 'outsideTrainingId' | 'courseStart'>,
  input: Pick<ClassSupportPaymentInput, 'amount' | 'paidOn' | 'voucherNo' | 'note'>,
): Promise<void> {
  if (input.paidOn > todayInVietnam()) throw new AppError('VALIDATION_FAILED', [{ path: 'paidOn', code: 'DATE_IN_FUTURE', message: 'Ngày chi không được sau hôm nay.' }]);
  const v = training.checkSupportPayment(a.owed, a.paid, BigInt(input.amount));
  if (!v.ok) refuse(v);
  if (a.assessment.kind !== 'covered') throw new AppError('SUPPORT_NOT_OWED');
  const write: supportRepo.PaymentWrite = {
    ...target,
    policyId: a.assessment.policy.id,
    policyVersion: a.assessment.policy.version,
    amount: BigInt(input.amount),
    paidOn: input.paidOn,
    voucherNo: input.voucherNo ? input.voucherNo : null,
    note: input.note ? input.note : null,
    recordedBy: user.id,
  };
  const id = await supportRepo.insertPayment(tx, write);
  await auditRepo.appendAudit(tx, {
    ...actorOf(user),
    action: 'record_payment',
    entity: 'support_payment',
    entityId: id,
    personId: target.personId,
    before: { owed: a.owed.toString(), paid: a.paid.toString() },
    after: { ...write, amount: write.amount.toString(), paidAfter: (a.paid + write.amount).toString() },
  });
}

/**
 * POST /classes/:id/support/payments: one actual payment to one learner of the class, in one
 * transaction with its audit; the amount owed is computed again inside it (the learner's row locked),
 * and a payment above what is still owed is refused, nothing changed.
 */
export async function recordClassPayment(db: Db, user: AuthUser, classId: number, input: ClassSupportPaymentInput): Promise<SupportList> {
  await db.transaction(async (tx) => {
    const c = await supportRepo.findClassCourse(tx, classId);
    if (!c) throw notFound();
    if (!(await supportRepo.lockPerson(tx, input.personId))) throw notFound();
    const learner = (await supportRepo.listClassLearners(tx, user.scope, classId, c.start_date)).find((l) => l.person_id === input.personId);
    if (!learner) throw notFound();
    mayManage(user, learner.unit_path);
    const a = assessRow(user, await loadPolicies(tx), learner, classCourseOf(c));
    await writePayment(tx, user, a, { personId: input.personId, classId, outsideTrainingId: null, courseStart: c.start_date }, input);
  });
  return getClassSupport(db, user, classId);
}

/** POST /outside-support/payments: one payment for one outside-training record (same rules). */
export async function recordOutsidePayment(db: Db, user: AuthUser, input: OutsideSupportPaymentInput): Promise<SupportList> {
  const decisionNo = await db.transaction(async (tx) => {
    const first = await supportRepo.findOutsideLearner(tx, user.scope, input.outsideTrainingId);
    if (!first) throw notFound();
    if (!(await supportRepo.lockPerson(tx, first.person_id))) throw notFound();
    const r = (await supportRepo.findOutsideLearner(tx, user.scope, input.outsideTrainingId))!;
    mayManage(user, r.unit_path);
    const a = assessRow(user, await loadPolicies(tx), r, outsideCourseOf(r));
    await writePayment(tx, user, a, { personId: r.person_id, classId: null, outsideTrainingId: r.outside_training_id, courseStart: r.start_date }, input);
    return r.decision_no;
  });
  return getBatchSupport(db, user, decisionNo);
}

// ---------- the learner's own ----------

/** GET /me/support: the learner's own support, per course (what is owed, what was paid). */
export async function getMySupport(db: Queryable, user: AuthUser): Promise<MySupport> {
  if (user.role !== 'learner' || user.personId === null) throw new AppError('NOT_FOUND', [], 'Chỉ tài khoản học viên gắn với hồ sơ cán bộ mới xem được khoản hỗ trợ của mình.');
  const personId = user.personId;
  const self: Scope = { kind: 'self', personId };
  const policies = await loadPolicies(db);
  const rows: Assessed[] = [];
  const payments: SupportPayment[] = [];
  for (const classId of await supportRepo.listPersonClassIds(db, personId)) {
    const c = await supportRepo.findClassCourse(db, classId);
    if (!c) continue;
    const mine = await supportRepo.listClassLearners(db, self, classId, c.start_date);
    for (const r of mine) rows.push(assessRow(null, policies, r, classCourseOf(c)));
    payments.push(...(await supportRepo.listPayments(db, self, { classId })).map(toPayment));
  }
  const outsideIds = await supportRepo.listPersonOutsideIds(db, personId);
  for (const id of outsideIds) {
    const r = await supportRepo.findOutsideLearner(db, self, id);
    if (r) rows.push(assessRow(null, policies, r, outsideCourseOf(r)));
  }
  if (outsideIds.length > 0) payments.push(...(await supportRepo.listPayments(db, self, { outsideTrainingIds: outsideIds })).map(toPayment));
  const t = totalsOf(rows);
  return { asOf: todayInVietnam(), rows: rows.map((r) => r.row), payments, totals: { owed: t.owed, paid: t.paid } };
}

// ---------- export ----------

/** POST /exports/support-list: queues the Excel or PDF of a payment list (checked now: the list must be visible). */
export async function startSupportExport(db: Db, user: AuthUser, q: SupportExport): Promise<Job> {
  if ('classId' in q) await classFacts(db, user, q.classId);
  else if ((await supportRepo.listOutsideBatch(db, user.scope, q.decisionNo)).length === 0) throw notFound();
  return toJob(await queueJob(db, user, { kind: 'support_list_export', params: q }, { audit: 'export' }));
}
