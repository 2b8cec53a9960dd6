/**
 * Budgets of classes and plan lines (issue 11 point 2, docs/decisions/0050). The estimate is
 * computed by the domain (plans.computeEstimate: lecturers' fees from the rates in force on the
 * holder's first day, per-learner support, venue, materials, other) and stored with its items; the
 * actual cost is the sum of dated cost entries with their document numbers. Every write is one
 * transaction with its audit record. The report compares estimate and actual per line, programme,
 * unit or year, with the cost per learner and per person-time (plans' realisation facts).
 */
import { hasPermission, plans, todayInVietnam, type IsoDate } from '@nang-tam/domain';
import type { Budget, BudgetFigures, BudgetReport, BudgetReportQuery, CostEntriesInput, CostEntryVoid, EstimateInput, LecturerRate, LecturerRateInput, LecturerRateList } from '@nang-tam/contracts';
import { auditRepo, budgetsRepo, type Db, type Queryable } from '@nang-tam/db';
import { AppError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { budgetPolicy, readsBudget, type BudgetFacts } from '../policies/budget.js';
import { refusalError } from '../policies/policy.js';

type Holder = budgetsRepo.HolderRef;

const scopePath = (user: AuthUser): string => (user.scope.kind === 'subtree' ? user.scope.unitPath : '/__none__/');

export function ratesOf(rows: budgetsRepo.RateRow[]): plans.LecturerRate[] {
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    label: r.label,
    amount: BigInt(r.amount),
    per: r.per,
    sourceCode: r.source_code,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
  }));
}

/** A rate as the API shows it (a budget's rates, the rates page). */
const rateJson = (r: budgetsRepo.RateRow): LecturerRate => ({
  id: r.id,
  category: r.category,
  label: r.label,
  amount: Number(r.amount),
  per: r.per,
  source: { code: r.source_code, title: r.source_title },
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  note: r.note,
});

export function figuresJson(f: plans.BudgetFigures): BudgetFigures {
  const cat = (c: plans.ByCategory) => ({ lecturers: Number(c.lecturers), support: Number(c.support), venue: Number(c.venue), materials: Number(c.materials), other: Number(c.other) });
  return {
    estimate: Number(f.estimate),
    actual: Number(f.actual),
    difference: Number(f.difference),
    estimateByCategory: cat(f.estimateByCategory),
    actualByCategory: cat(f.actualByCategory),
    learners: f.learners,
    personTimes: f.personTimes,
    costPerLearner: f.costPerLearner === null ? null : Number(f.costPerLearner),
    costPerPersonTime: f.costPerPersonTime === null ? null : Number(f.costPerPersonTime),
  };
}

/** The holder in the user's reach (404 otherwise), with its policy facts. */
async function visibleHolder(db: Queryable, user: AuthUser, h: Holder): Promise<{ row: budgetsRepo.HolderFactsRow; facts: BudgetFacts }> {
  const row = await budgetsRepo.findHolder(db, h);
  if (!row) throw notFound();
  const facts: BudgetFacts = { kind: h.kind, organiserPath: row.organiser_path };
  const v = readsBudget(user, facts);
  if (v !== true) throw refusalError(v);
  return { row, facts };
}

const byCategory = (rows: { category: string; amount: string | number }[]): plans.ByCategory => {
  const c = plans.zeroByCategory();
  for (const r of rows) c[r.category as plans.BudgetCategory] += BigInt(r.amount);
  return c;
};

/** GET /classes/:id/budget, /plan-lines/:id/budget. */
export async function getBudget(db: Queryable, user: AuthUser, h: Holder): Promise<Budget> {
  const { row, facts } = await visibleHolder(db, user, h);
  const [estimate, entries, rates] = await Promise.all([budgetsRepo.findEstimate(db, h), budgetsRepo.listCostEntries(db, h), budgetsRepo.listRates(db)]);
  const items = estimate ? await budgetsRepo.listEstimateItems(db, estimate.id) : [];
  const figures = plans.figuresOf(byCategory(items), byCategory(entries.filter((e) => e.voided_at === null)), row.people, row.learners);
  return {
    holder: { kind: h.kind, id: h.id, name: row.name },
    asOf: row.start_date,
    learnersNow: row.default_learners,
    estimate: estimate
      ? {
          version: estimate.version,
          learners: estimate.learners,
          total: Number(estimate.total),
          note: estimate.note,
          updatedBy: estimate.updated_by_name,
          updatedAt: estimate.updated_at,
          items: items.map((i) => ({
            category: i.category as plans.BudgetCategory,
            description: i.description,
            rateCategory: i.rate_category,
            quantity: i.quantity,
            unitAmount: Number(i.unit_amount),
            amount: Number(i.amount),
          })),
        }
      : null,
    entries: entries.map((e) => ({
      id: e.id,
      category: e.category as plans.BudgetCategory,
      spentOn: e.spent_on,
      amount: Number(e.amount),
      documentNo: e.document_no,
      description: e.description,
      recordedBy: e.recorded_by_name,
      recordedAt: e.recorded_at,
      class: e.class_id !== null && h.kind === 'line' ? { id: e.class_id, name: e.class_name ?? '' } : null,
      voided: e.voided_at !== null ? { at: e.voided_at, by: e.voided_by_name, reason: e.void_reason ?? '' } : null,
    })),
    figures: figuresJson(figures),
    rates: rates.map(rateJson),
    roundingNote: plans.ROUNDING_NOTE_VI,
    actions: budgetPolicy.allowedActions(user, facts),
  };
}

function refused(refusals: plans.BudgetRefusal[]): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    refusals.map((r) => ({ path: r.field, code: r.code, message: r.message })),
    refusals[0]?.message,
  );
}

/** PUT /…/budget/estimate: computes the estimate from the rates in force on the holder's first day and stores it. */
export async function saveEstimate(db: Db, user: AuthUser, h: Holder, input: EstimateInput): Promise<Budget> {
  const { facts } = await visibleHolder(db, user, h);
  budgetPolicy.authorize(user, facts, 'editEstimate');
  await db.transaction(async (tx) => {
    const row = await budgetsRepo.findHolder(tx, h);
    if (!row) throw notFound();
    const rates = ratesOf(await budgetsRepo.listRates(tx));
    const asOf = row.start_date as IsoDate;
    const v = plans.computeEstimate(
      {
        lecturers: input.lecturers,
        learners: input.learners,
        supportPerLearner: BigInt(input.supportPerLearner),
        venue: BigInt(input.venue),
        materials: BigInt(input.materials),
        other: BigInt(input.other),
      },
      rates,
      asOf,
    );
    if (!v.ok) throw refused(v.refusals);
    const before = await budgetsRepo.findEstimate(tx, h, true);
    if ((before?.version ?? null) !== input.version) throw new AppError('CONFLICT');
    const write: budgetsRepo.EstimateWrite = {
      asOf,
      learners: input.learners,
      total: v.value.total,
      note: input.note ? input.note : null,
      updatedBy: user.id,
      items: v.value.items,
    };
    const id = await budgetsRepo.saveEstimate(tx, h, input.version, write);
    if (id === null) throw new AppError('CONFLICT');
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: before ? 'update' : 'create',
      entity: 'budget_estimate',
      entityId: id,
      before: before ? { total: before.total, learners: before.learners, version: before.version } : undefined,
      after: {
        holder: `${h.kind}:${h.id}`,
        asOf,
        learners: input.learners,
        total: v.value.total.toString(),
        items: v.value.items.map((i) => ({ category: i.category, quantity: i.quantity, unitAmount: i.unitAmount.toString(), amount: i.amount.toString() })),
      },
    });
  });
  return getBudget(db, user, h);
}

/** POST /…/budget/costs: records vouchers (all or none, one transaction, each audited). */
export async function recordCosts(db: Db, user: AuthUser, h: Holder, input: CostEntriesInput): Promise<Budget> {
  const { facts } = await visibleHolder(db, user, h);
  budgetPolicy.authorize(user, facts, 'recordCost');
  const refusals: plans.BudgetRefusal[] = [];
  input.entries.forEach((e, i) => {
    const r = plans.checkCostAmount(BigInt(e.amount));
    if (r) refusals.push({ ...r, field: `entries.${i}.amount` });
  });
  if (refusals.length > 0) throw refused(refusals);
  await db.transaction(async (tx) => {
    if (!(await budgetsRepo.findHolder(tx, h))) throw notFound();
    const writes = input.entries.map((e) => ({
      category: e.category,
      spentOn: e.spentOn,
      amount: BigInt(e.amount),
      documentNo: e.documentNo,
      description: e.description ? e.description : null,
      recordedBy: user.id,
    }));
    const ids = await budgetsRepo.insertCostEntries(tx, h, writes);
    for (const [i, id] of ids.entries()) {
      const w = writes[i]!;
      await auditRepo.appendAudit(tx, {
        ...actorOf(user),
        action: 'create',
        entity: 'budget_cost_entry',
        entityId: id,
        after: { holder: `${h.kind}:${h.id}`, category: w.category, spentOn: w.spentOn, amount: w.amount.toString(), documentNo: w.documentNo, description: w.description },
      });
    }
  });
  return getBudget(db, user, h);
}

/**
 * POST /…/budget/costs/:entryId/void: a voucher entered by mistake is voided with a reason (kept on the
 * list, out of the actual cost), in one transaction with its audit. An entry of another holder, or of
 * a line's class asked through the line, answers 404; one already voided, 409 COST_ENTRY_VOIDED.
 */
export async function voidCost(db: Db, user: AuthUser, h: Holder, entryId: number, input: CostEntryVoid): Promise<Budget> {
  const { facts } = await visibleHolder(db, user, h);
  budgetPolicy.authorize(user, facts, 'recordCost');
  const reason = input.reason.trim();
  await db.transaction(async (tx) => {
    const r = await budgetsRepo.voidCostEntry(tx, h, entryId, reason, user.id);
    if (r.state === 'missing') throw notFound();
    if (r.state === 'already') throw new AppError('COST_ENTRY_VOIDED');
    const e = r.before!;
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'void',
      entity: 'budget_cost_entry',
      entityId: entryId,
      before: { holder: `${h.kind}:${h.id}`, category: e.category, spentOn: e.spent_on, amount: e.amount, documentNo: e.document_no },
      after: { voided: true, reason },
    });
  });
  return getBudget(db, user, h);
}

// ---------- the report ----------

export interface ReportHolders {
  holders: (plans.BudgetHolder & { label: string; planEstimateOnly: boolean })[];
}

const MODE_VI: Record<string, string> = { full_time: 'tập trung', part_time: 'vừa làm vừa học', online: 'trực tuyến' };

/** The budget holders of a year in the user's scope, with their estimates, actual costs and learners. */
export async function reportHolders(db: Queryable, user: AuthUser, year: number): Promise<ReportHolders> {
  const path = scopePath(user);
  const [lines, facts] = await Promise.all([budgetsRepo.reportLines(db, year, path), budgetsRepo.reportFacts(db, year, path)]);
  const lineIds = lines.map((l) => l.line_id);
  const lineSet = new Set(lineIds);
  // facts of the year's lines belong to the line; a class without a line of this year is its own holder
  const holderOfFact = (f: budgetsRepo.ReportFactRow): string | null =>
    f.plan_line_id !== null && lineSet.has(f.plan_line_id) ? `line:${f.plan_line_id}` : f.source === 'class' ? `class:${f.id}` : null;
  const ownClassIds = facts.filter((f) => f.source === 'class' && holderOfFact(f) === `class:${f.id}`).map((f) => f.id);
  const classFacts = facts.filter((f) => f.source === 'class').map((f) => f.id);
  const outsideFacts = facts.filter((f) => f.source === 'outside_training').map((f) => f.id);
  const [classes, estimates, detailed, actuals, people] = await Promise.all([
    budgetsRepo.reportClasses(db, ownClassIds),
    budgetsRepo.reportEstimates(db, lineIds, ownClassIds),
    budgetsRepo.estimatedHolders(db, lineIds, ownClassIds),
    budgetsRepo.reportActuals(db, lineIds, ownClassIds),
    budgetsRepo.reportPeople(db, classFacts, outsideFacts),
  ]);
  const group = <T extends { holder: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.holder, [...(m.get(r.holder) ?? []), r]);
    return m;
  };
  const est = group(estimates);
  const act = group(actuals);
  const factHolder = new Map<string, string>();
  const personTimes = new Map<string, number>();
  for (const f of facts) {
    const h = holderOfFact(f);
    if (h === null) continue;
    factHolder.set(`${f.source}:${f.id}`, h);
    personTimes.set(h, (personTimes.get(h) ?? 0) + f.learners);
  }
  const peopleOf = new Map<string, number[]>();
  for (const p of people) {
    const h = factHolder.get(p.fact);
    if (h === undefined) continue;
    const list = peopleOf.get(h);
    if (list) list.push(p.person_id);
    else peopleOf.set(h, [p.person_id]);
  }
  const holders: ReportHolders['holders'] = [];
  for (const l of lines) {
    const key = `line:${l.line_id}`;
    const planEstimateOnly = !detailed.has(key);
    const e = planEstimateOnly ? { ...plans.zeroByCategory(), other: BigInt(l.planned_cost) } : byCategory(est.get(key) ?? []);
    holders.push({
      key,
      kind: 'line',
      label: `${l.programme_name} (${MODE_VI[l.mode] ?? l.mode}, quý ${l.quarter}) — ${l.unit_name}`,
      programmeCode: l.programme_code,
      programmeName: l.programme_name,
      unitId: l.unit_id,
      unitName: l.unit_name,
      year,
      estimateByCategory: e,
      actualByCategory: byCategory(act.get(key) ?? []),
      people: peopleOf.get(key) ?? [],
      personTimes: personTimes.get(key) ?? 0,
      planEstimateOnly,
    });
  }
  for (const c of classes) {
    const key = `class:${c.id}`;
    holders.push({
      key,
      kind: 'class',
      label: `${c.name} (ngoài kế hoạch) — ${c.unit_name}`,
      programmeCode: c.programme_code,
      programmeName: c.programme_name,
      unitId: c.unit_id,
      unitName: c.unit_name,
      year,
      estimateByCategory: byCategory(est.get(key) ?? []),
      actualByCategory: byCategory(act.get(key) ?? []),
      people: peopleOf.get(key) ?? [],
      personTimes: personTimes.get(key) ?? 0,
      planEstimateOnly: false,
    });
  }
  return { holders };
}

export const REPORT_NOTES = [
  plans.ROUNDING_NOTE_VI,
  'Số lượt người theo cách tính kết quả thực hiện kế hoạch: mỗi học viên của lớp (trừ người rút khỏi lớp) và mỗi hồ sơ đi học ngoài tỉnh là một lượt; một người học hai lớp là hai lượt nhưng một học viên.',
  'Dòng kế hoạch chưa lập dự toán chi tiết: dự toán là kinh phí dự kiến ghi trong kế hoạch (tính vào "Chi khác").',
  'Thực chi của dòng kế hoạch gồm các chứng từ ghi cho dòng và cho các lớp thực hiện dòng đó.',
];

/** GET /budgets/report?year=&by=. */
export async function getReport(db: Queryable, user: AuthUser, q: BudgetReportQuery): Promise<BudgetReport> {
  const { holders } = await reportHolders(db, user, q.year);
  const onlyPlan = new Map(holders.map((h) => [h.key, h.planEstimateOnly]));
  const groups = plans.groupHolders(holders, q.by);
  return {
    year: q.year,
    by: q.by,
    rows: groups.map((g) => ({
      key: g.key,
      label: g.label,
      holders: g.holders,
      planEstimateOnly: q.by === 'line' ? (onlyPlan.get(g.key) ?? false) : false,
      figures: figuresJson(g.figures),
    })),
    total: figuresJson(plans.totalOf(holders)),
    notes: REPORT_NOTES,
  };
}

// ---------- lecturers' rates (docs/decisions/0063) ----------

const rateVersionOf = (r: budgetsRepo.RateVersionRow): plans.LecturerRateVersion => ({
  id: r.category,
  version: r.version,
  period: { from: r.effective_from, to: r.effective_to },
  ...(r.superseded_by !== null ? { supersededBy: r.superseded_by } : {}),
  label: r.label,
  amount: BigInt(r.amount),
  per: r.per,
  source: { code: r.source_code, title: r.source_title },
  ...(r.note ? { note: r.note } : {}),
});

/** GET /lecturer-rates: every category's versions, corrected ones included, and whether the user may add one. */
export async function listRateVersions(db: Queryable, user: AuthUser): Promise<LecturerRateList> {
  const rows = await budgetsRepo.listRateVersions(db);
  return {
    asOf: todayInVietnam(),
    items: rows.map((r) => ({
      ...rateJson(r),
      version: r.version,
      supersededBy: r.superseded_by,
      createdBy: r.created_by_name,
      createdAt: r.created_at,
    })),
    actions: hasPermission(user.role, 'support.manage') ? ['create'] : [],
  };
}

/**
 * POST /lecturer-rates: a new rate of a category from a date, a new category, or a correction of a
 * version (plans.addLecturerRateVersion decides). Refused, nothing changed: an amount not above zero,
 * a missing label or source (LECTURER_RATE_INVALID); a period overlapping another version in use
 * (LECTURER_RATE_OVERLAP). Estimates already made keep the rate and amount they used.
 */
export async function addRateVersion(db: Db, user: AuthUser, input: LecturerRateInput): Promise<LecturerRateList> {
  await db.transaction(async (tx) => {
    await budgetsRepo.lockRates(tx);
    const existing = (await budgetsRepo.listRateVersions(tx)).filter((r) => r.category === input.category).map(rateVersionOf);
    const version = existing.reduce((m, v) => Math.max(m, v.version), 0) + 1;
    const next: plans.LecturerRateVersion = {
      id: input.category,
      version,
      period: { from: input.period.from, to: input.period.to },
      ...(input.corrects !== undefined ? { corrects: input.corrects } : {}),
      label: input.label,
      amount: BigInt(input.amount),
      per: input.per,
      source: input.source,
      ...(input.note ? { note: input.note } : {}),
    };
    const r = plans.addLecturerRateVersion(existing, next);
    if (!r.ok) {
      const overlap = r.errors.some((e) => e.code === 'OVERLAPPING_PERIOD');
      const invalid = r.errors.some((e) => ['RATE_NOT_POSITIVE', 'AMOUNT_TOO_LARGE', 'REQUIRED', 'RATE_CATEGORY_INVALID'].includes(e.code));
      throw new AppError(overlap ? 'LECTURER_RATE_OVERLAP' : invalid ? 'LECTURER_RATE_INVALID' : 'VALIDATION_FAILED', r.errors, overlap ? r.errors[0]!.message : undefined);
    }
    for (const v of r.versions) {
      const before = existing.find((e) => e.version === v.version);
      if (before && (before.period.to !== v.period.to || before.supersededBy !== v.supersededBy))
        await budgetsRepo.updateRateVersionState(tx, v.id, v.version, v.period.to, v.supersededBy ?? null);
    }
    const id = await budgetsRepo.insertRateVersion(tx, {
      category: next.id,
      version,
      label: next.label.trim(),
      amount: next.amount,
      per: next.per,
      sourceCode: next.source.code.trim(),
      sourceTitle: next.source.title.trim(),
      effectiveFrom: next.period.from,
      effectiveTo: next.period.to,
      note: next.note ?? null,
      createdBy: user.id,
    });
    const previous = input.corrects !== undefined ? existing.find((e) => e.version === input.corrects) : existing.find((e) => e.period.to === null && e.supersededBy === undefined);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: input.corrects !== undefined ? 'correct' : existing.length === 0 ? 'create' : 'add_version',
      entity: 'lecturer_rate',
      entityId: String(id),
      before: previous ? { category: previous.id, version: previous.version, period: previous.period, amount: previous.amount.toString() } : undefined,
      after: { category: next.id, version, period: next.period, amount: next.amount.toString(), per: next.per, source: next.source, label: next.label },
    });
  });
  return listRateVersions(db, user);
}
