/**
 * Annual and five-year plans: the annual plan's versions (draft → submitted → approved, frozen
 * once approved, adjusted by new versions), its lines (the school drafts the lines it organises),
 * the comparison of two versions, plan against actual with its drill-down, and the five-year
 * targets the annual plans are measured against. SQL in plansRepo, decisions in the domain's
 * `plans`, permissions in policies/plan.ts.
 */
import { plans, todayInVietnam, unitInScope } from '@nang-tam/domain';
import { auditRepo, needsRepo, plansRepo, unitsRepo, isUniqueViolation, type Db, type Queryable } from '@nang-tam/db';
import type { AnnualPlan, Drill, ErrorDetail, FiveYearPlan, NeedsPlanProposal, PlanComparison, PlanLine, PlanLineInput, PlanVersion, Realisation } from '@nang-tam/contracts';
import { FIELD_ERRORS } from '@nang-tam/contracts';
import { z } from 'zod';
import type { ZAdjustmentCreate, ZAnnualPlanList, ZDrillQuery, ZFiveYearCreate, ZFiveYearList, ZFiveYearUpdate, ZLinkableLines, ZPlanStep } from '@nang-tam/contracts';
import { AppError, assertNoFieldErrors, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { fiveYearPolicy, planLinePolicy, planListPolicy, planVersionPolicy } from '../policies/plan.js';
import { needsCampaignPolicy, reachesCampaign } from '../policies/needs.js';
import { loadCampaignFacts } from './needs.service.js';

type VersionSummary = AnnualPlan['versions'][number];

/** The subtree whose lines and classes the user sees (plans are read by subtree roles only). */
const scopePath = (user: AuthUser): string => (user.scope.kind === 'subtree' ? user.scope.unitPath : '/__none__/');

const roundingOf = (p: plansRepo.AnnualPlanRow): plans.PercentRounding => ({ mode: p.percent_rounding, decimals: p.percent_decimals });

function toVersionSummary(v: plansRepo.VersionRow): VersionSummary {
  return {
    id: v.id,
    number: v.number,
    status: v.status,
    isAdjustment: v.number > 1,
    basedOnId: v.based_on_id,
    reason: v.reason,
    decisionNumber: v.decision_number,
    decisionDate: v.decision_date,
    submittedAt: v.submitted_at,
    approvedAt: v.approved_at,
    approvedBy: v.approved_by_name,
    rowVersion: v.row_version,
    lineCount: v.line_count,
  };
}

const versionFacts = (v: plansRepo.VersionRow) => ({ status: v.status, lineCount: v.line_count, latest: v.latest });

function toDomainLine(r: plansRepo.LineRow): plans.PlanLine {
  return {
    lineId: r.line_id,
    programmeCode: r.programme_code,
    mode: r.mode,
    classes: r.classes,
    learners: r.learners,
    year: r.year,
    quarter: r.quarter,
    organiserUnitId: r.organiser_unit_id,
    siteKind: r.site_kind,
    site: r.site,
    estimatedCost: r.estimated_cost,
    carriedOver: r.carried_over,
    note: r.note,
  };
}

function toLine(user: AuthUser, status: plans.PlanStatus, r: plansRepo.LineRow): PlanLine {
  return {
    lineId: r.line_id,
    programme: { code: r.programme_code, name: r.programme_name, kind: r.programme_kind },
    mode: r.mode,
    classes: r.classes,
    learners: r.learners,
    year: r.year,
    quarter: r.quarter,
    organiser: { id: r.organiser_unit_id, name: r.organiser_name },
    siteKind: r.site_kind,
    site: r.site,
    estimatedCost: r.estimated_cost,
    carriedOver: r.carried_over,
    note: r.note,
    actions: planLinePolicy.allowedActions(user, { status, organiserPath: r.organiser_path }),
  };
}

const brief = (r: plansRepo.LineRow) => ({
  lineId: r.line_id,
  programmeCode: r.programme_code,
  programmeName: r.programme_name,
  mode: r.mode,
  classes: r.classes,
  learners: r.learners,
  quarter: r.quarter,
  organiser: r.organiser_name,
  site: r.site,
  estimatedCost: r.estimated_cost,
});

// ---------- annual plans ----------

export async function listAnnualPlans(db: Db, user: AuthUser): Promise<z.infer<typeof ZAnnualPlanList>> {
  const rows = await plansRepo.listAnnualPlans(db);
  const items = [];
  for (const p of rows) {
    const versions = await plansRepo.listVersions(db, p.id);
    items.push({ id: p.id, year: p.year, title: p.title, latestStatus: versions.at(-1)?.status ?? 'draft', versions: versions.length });
  }
  return { items, actions: planListPolicy.allowedActions(user, null) };
}

async function planOfYear(db: Queryable, year: number): Promise<plansRepo.AnnualPlanRow> {
  const p = await plansRepo.findAnnualPlanByYear(db, year);
  if (!p) throw notFound();
  return p;
}

export async function getAnnualPlan(db: Db, _user: AuthUser, year: number): Promise<AnnualPlan> {
  const p = await planOfYear(db, year);
  const versions = await plansRepo.listVersions(db, p.id);
  const inForce = [...versions].reverse().find((v) => v.status === 'approved') ?? null;
  return { id: p.id, year: p.year, title: p.title, rounding: roundingOf(p), versions: versions.map(toVersionSummary), inForceVersionId: inForce?.id ?? null };
}

/** Opens the annual plan of a year with its version 1 as an empty draft. */
export async function createAnnualPlan(db: Db, user: AuthUser, input: { year: number; title: string }): Promise<AnnualPlan> {
  planListPolicy.authorize(user, null, 'create');
  try {
    await db.transaction(async (tx) => {
      const planId = await plansRepo.insertAnnualPlan(tx, { year: input.year, title: input.title, createdBy: user.id });
      const versionId = await plansRepo.insertVersion(tx, { planId, number: 1, basedOnId: null, reason: null, decisionNumber: null, decisionDate: null, createdBy: user.id });
      await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'create', entity: 'annual_plan', entityId: planId, after: { ...input, versionId } });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'annual_plans_year_key')) throw new AppError('PLAN_EXISTS', [fieldError('year', 'DUPLICATE_ENTRY')]);
    throw err;
  }
  return getAnnualPlan(db, user, input.year);
}

async function loadVersion(db: Queryable, id: number, forUpdate = false): Promise<plansRepo.VersionRow> {
  const v = await plansRepo.findVersion(db, id, forUpdate);
  if (!v) throw notFound();
  return v;
}

export async function getVersion(db: Queryable, user: AuthUser, id: number): Promise<PlanVersion> {
  const v = await loadVersion(db, id);
  const p = (await plansRepo.findAnnualPlanByYear(db, v.plan_year))!;
  const lines = await plansRepo.linesOfVersion(db, id, scopePath(user));
  const totals = plans.versionTotals(lines.map(toDomainLine));
  return {
    ...toVersionSummary(v),
    plan: { id: p.id, year: p.year, title: p.title },
    lines: lines.map((l) => toLine(user, v.status, l)),
    totals,
    actions: planVersionPolicy.allowedActions(user, versionFacts(v)),
  };
}

function checkRowVersion(v: plansRepo.VersionRow, rowVersion: number): void {
  if (v.row_version !== rowVersion) throw new AppError('CONFLICT', [fieldError('rowVersion', 'INVALID_VERSION')]);
}

/** A line as written, checked against the plan and the catalogue, and its organiser against the user's subtree. */
async function lineWrite(db: Queryable, user: AuthUser, planYear: number, input: PlanLineInput, prefix: string, details: ErrorDetail[]): Promise<plansRepo.LineFieldsWrite> {
  const programmes = await plansRepo.programmeModes(db);
  const w: plansRepo.LineFieldsWrite = {
    programmeCode: input.programmeCode,
    mode: input.mode,
    classes: input.classes,
    learners: input.learners,
    year: input.year,
    quarter: input.quarter,
    organiserUnitId: input.organiserUnitId ?? user.unitId,
    siteKind: input.siteKind,
    site: input.site,
    estimatedCost: input.estimatedCost,
    carriedOver: input.carriedOver ?? false,
    note: input.note === undefined || input.note === null || input.note === '' ? null : input.note,
  };
  for (const i of plans.validatePlanLine(w as plans.PlanLineFields, planYear, programmes, prefix)) details.push({ path: i.path, code: i.code, message: i.message });
  if (!(await unitsRepo.findUnitById(db, user.scope, w.organiserUnitId))) details.push(fieldError(`${prefix}organiserUnitId`, 'UNIT_OUT_OF_SCOPE'));
  return w;
}

/**
 * Adds lines to a draft version, in the caller's transaction: the one entry point for every way
 * lines arrive (typed in the grid, or turned from aggregated needs). Refuses with every problem at
 * its field (lines.N.quarter …), nothing written.
 */
export async function addLines(tx: Queryable, user: AuthUser, version: plansRepo.VersionRow, lines: readonly PlanLineInput[]): Promise<number[]> {
  planVersionPolicy.authorize(user, versionFacts(version), 'addLines');
  const details: ErrorDetail[] = [];
  const writes: plansRepo.LineFieldsWrite[] = [];
  for (const [i, l] of lines.entries()) writes.push(await lineWrite(tx, user, version.plan_year, l, `lines.${i}.`, details));
  assertNoFieldErrors(details);
  const ids = await plansRepo.insertLines(tx, version.plan_id, version.id, writes);
  await plansRepo.touchVersion(tx, version.id);
  await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'create', entity: 'plan_line', entityId: ids.join(','), after: { versionId: version.id, lines: writes } });
  return ids;
}

export async function addLinesToVersion(db: Db, user: AuthUser, versionId: number, input: { rowVersion: number; lines: PlanLineInput[] }): Promise<PlanVersion> {
  return db.transaction(async (tx) => {
    const v = await loadVersion(tx, versionId, true);
    planVersionPolicy.authorize(user, versionFacts(v), 'addLines');
    checkRowVersion(v, input.rowVersion);
    await addLines(tx, user, v, input.lines);
    return getVersion(tx, user, versionId);
  });
}

async function lockedLine(tx: Queryable, user: AuthUser, versionId: number, lineId: number, rowVersion: number, action: 'update' | 'delete') {
  const v = await loadVersion(tx, versionId, true);
  const line = await plansRepo.findLineOfVersion(tx, versionId, lineId);
  if (!line || !unitInScope(user.scope, line.organiser_path)) throw notFound();
  planLinePolicy.authorize(user, { status: v.status, organiserPath: line.organiser_path }, action);
  checkRowVersion(v, rowVersion);
  return { v, line };
}

export async function updateLine(db: Db, user: AuthUser, versionId: number, lineId: number, input: { rowVersion: number; line: PlanLineInput }): Promise<PlanVersion> {
  return db.transaction(async (tx) => {
    const { v, line } = await lockedLine(tx, user, versionId, lineId, input.rowVersion, 'update');
    const details: ErrorDetail[] = [];
    const w = await lineWrite(tx, user, v.plan_year, input.line, 'line.', details);
    assertNoFieldErrors(details);
    await plansRepo.updateLine(tx, versionId, lineId, w);
    await plansRepo.touchVersion(tx, versionId);
    await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'update', entity: 'plan_line', entityId: `${versionId}/${lineId}`, before: toDomainLine(line), after: w });
    return getVersion(tx, user, versionId);
  });
}

export async function deleteLine(db: Db, user: AuthUser, versionId: number, lineId: number, input: { rowVersion: number }): Promise<PlanVersion> {
  return db.transaction(async (tx) => {
    const { line } = await lockedLine(tx, user, versionId, lineId, input.rowVersion, 'delete');
    await plansRepo.deleteLine(tx, versionId, lineId);
    await plansRepo.touchVersion(tx, versionId);
    await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'delete', entity: 'plan_line', entityId: `${versionId}/${lineId}`, before: toDomainLine(line) });
    return getVersion(tx, user, versionId);
  });
}

/** submit / return / approve, on the locked version. */
export async function stepVersion(db: Db, user: AuthUser, versionId: number, step: 'submit' | 'return' | 'approve', input: z.infer<typeof ZPlanStep>): Promise<PlanVersion> {
  return db.transaction(async (tx) => {
    const v = await loadVersion(tx, versionId, true);
    planVersionPolicy.authorize(user, versionFacts(v), step);
    checkRowVersion(v, input.rowVersion);
    const next = plans.planStep(versionFacts(v), step);
    if (!next.ok) throw new AppError(next.code as 'PLAN_EMPTY', [], next.message);
    const decision = step === 'approve' ? { number: input.decisionNumber ?? null, date: input.decisionDate ?? null } : undefined;
    await plansRepo.setVersionStatus(tx, versionId, next.status, user.id, decision);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: step,
      entity: 'plan_version',
      entityId: versionId,
      before: { status: v.status },
      after: { status: next.status, ...(decision ? { decisionNumber: decision.number, decisionDate: decision.date } : {}) },
    });
    return getVersion(tx, user, versionId);
  });
}

/**
 * An adjustment of the latest approved version: a new draft version copying its lines, with the
 * reason and the decision number. Two adjustments racing on the same version: the first wins
 * (lock, then the unique constraint on based_on_id), the other is told PLAN_ADJUSTMENT_RACE.
 */
export async function createAdjustment(db: Db, user: AuthUser, versionId: number, input: z.infer<typeof ZAdjustmentCreate>): Promise<PlanVersion> {
  try {
    return await db.transaction(async (tx) => {
      const base = await loadVersion(tx, versionId, true);
      planVersionPolicy.authorize(user, versionFacts(base), 'adjust');
      checkRowVersion(base, input.rowVersion);
      const id = await plansRepo.insertVersion(tx, {
        planId: base.plan_id,
        number: base.number + 1,
        basedOnId: base.id,
        reason: input.reason,
        decisionNumber: input.decisionNumber,
        decisionDate: input.decisionDate,
        createdBy: user.id,
      });
      await plansRepo.copyLines(tx, base.id, id);
      await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'adjust', entity: 'plan_version', entityId: id, after: { basedOn: base.id, number: base.number + 1, ...input } });
      return getVersion(tx, user, id);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'plan_versions_based_on_key') || isUniqueViolation(err, 'plan_versions_number_key')) throw new AppError('PLAN_ADJUSTMENT_RACE');
    throw err;
  }
}

/** Two versions of one plan, line by line (the lines the user sees). */
export async function compare(db: Db, user: AuthUser, fromId: number, toId: number): Promise<PlanComparison> {
  const [a, b] = [await loadVersion(db, fromId), await loadVersion(db, toId)];
  if (a.plan_id !== b.plan_id) throw new AppError('VALIDATION_FAILED', [fieldError('to', 'INVALID_VALUE')]);
  const [la, lb] = [await plansRepo.linesOfVersion(db, fromId, scopePath(user)), await plansRepo.linesOfVersion(db, toId, scopePath(user))];
  const rows = new Map<string, plansRepo.LineRow>([...la.map((l) => [`a${l.line_id}`, l] as const), ...lb.map((l) => [`b${l.line_id}`, l] as const)]);
  const c = plans.compareVersions(la.map(toDomainLine), lb.map(toDomainLine));
  return {
    from: toVersionSummary(a),
    to: toVersionSummary(b),
    added: c.added.map((l) => brief(rows.get(`b${l.lineId}`)!)),
    removed: c.removed.map((l) => brief(rows.get(`a${l.lineId}`)!)),
    changed: c.changed.map((x) => ({
      lineId: x.lineId,
      before: brief(rows.get(`a${x.lineId}`)!),
      after: brief(rows.get(`b${x.lineId}`)!),
      fields: x.fields.map((f) => ({ field: f.field, before: f.before, after: f.after })),
    })),
    unchanged: c.unchanged,
    totals: c.totals,
  };
}

// ---------- plan against actual ----------

const toFact = (r: plansRepo.RealisationFactRow): plans.RealisationFact => ({
  source: r.source,
  id: r.id,
  programmeCode: r.programme_code,
  mode: r.mode,
  planLineId: r.plan_line_id,
  outsidePlan: r.outside_plan,
  startDate: r.start_date,
  endDate: r.end_date,
  completed: r.completed,
  learners: r.learners,
  classes: r.classes,
});

interface Computed {
  plan: plansRepo.AnnualPlanRow | null;
  version: plansRepo.VersionRow | null;
  approved: boolean;
  lines: plansRepo.LineRow[];
  result: plans.Realisation;
}

/** The realisation of `year` on `asOf` as the user sees it (their subtree's lines and classes). */
export async function computeRealisation(db: Queryable, user: AuthUser, year: number, asOf: string): Promise<Computed> {
  const plan = await plansRepo.findAnnualPlanByYear(db, year);
  let version: plansRepo.VersionRow | null = null;
  let approved = false;
  if (plan) {
    version = await plansRepo.versionInForce(db, plan.id, asOf);
    approved = version !== null;
    if (!version) version = (await plansRepo.listVersions(db, plan.id)).at(-1) ?? null;
  }
  const lines = version ? await plansRepo.linesOfVersion(db, version.id, scopePath(user)) : [];
  const facts = await plansRepo.realisationFacts(db, `${year}-01-01`, `${year}-12-31`, scopePath(user));
  const rounding = plan ? roundingOf(plan) : plans.DEFAULT_PERCENT_ROUNDING;
  const result = plans.planAgainstActual(
    year,
    asOf,
    lines.map((l) => ({ lineId: l.line_id, programmeCode: l.programme_code, mode: l.mode, classes: l.classes, learners: l.learners, carriedOver: l.carried_over })),
    facts.map(toFact),
    rounding,
  );
  return { plan, version, approved, lines, result };
}

const pct = (p: plans.Percent) => ({ value: p.value, text: plans.formatPercentVi(p) });
const figures = (f: plans.RowFigures) => ({ ...f, classesPercent: pct(f.classesPercent), learnersPercent: pct(f.learnersPercent) });

/** The convention, stated with the figures (decision 0030). */
export function realisationNotes(rounding: plans.PercentRounding, approved: boolean): string[] {
  return [
    'Số lớp thực hiện = lớp khai giảng trong năm + lớp chuyển tiếp từ năm trước (đang học vào ngày 1/1); kế hoạch năm tính cả lớp chuyển tiếp.',
    'Lớp chuyển tiếp sang năm sau: đã tính trong năm nay và còn học sau ngày 31/12; năm sau được tính lại là lớp chuyển tiếp.',
    'Lớp ngoài kế hoạch (mở thêm tại địa phương) thống kê riêng, không tính vào tỷ lệ hoàn thành kế hoạch.',
    'Số học viên là số lượt học viên (mỗi người ở mỗi lớp tính một lượt).',
    'Người được cử đi đào tạo ngoài tỉnh (Học viện, trường đại học, nước ngoài) đã có quyết định cử đi học tính một lượt học viên vào dòng kế hoạch của mình, không tính là lớp.',
    plans.roundingNoteVi(rounding),
    ...(approved ? [] : ['Kế hoạch chưa được phê duyệt đến ngày này: số liệu so với phiên bản mới nhất (dự thảo).']),
  ];
}

export async function getRealisation(db: Db, user: AuthUser, year: number, asOfInput: string | undefined): Promise<Realisation> {
  const asOf = asOfInput ?? todayInVietnam();
  const c = await computeRealisation(db, user, year, asOf);
  const byId = new Map(c.lines.map((l) => [l.line_id, l]));
  return {
    year,
    asOf,
    plan: c.plan ? { id: c.plan.id, title: c.plan.title } : null,
    version: c.version ? toVersionSummary(c.version) : null,
    rounding: c.result.rounding,
    notes: realisationNotes(c.result.rounding, c.approved),
    lines: c.result.lines.map((r) => {
      const id = (r.key as { lineId: number }).lineId;
      return { row: `line:${id}`, line: brief(byId.get(id)!), figures: figures(r.figures) };
    }),
    total: figures(c.result.total.figures),
    extra: figures(c.result.extra.figures),
    unlinked: figures(c.result.unlinked.figures),
  };
}

/** The classes, outside-training records and people behind one figure. */
export async function drill(db: Db, user: AuthUser, year: number, q: z.infer<typeof ZDrillQuery>): Promise<Drill> {
  const c = await computeRealisation(db, user, year, q.asOf ?? todayInVietnam());
  const row =
    q.row === 'total' ? c.result.total : q.row === 'extra' ? c.result.extra : q.row === 'unlinked' ? c.result.unlinked : c.result.lines.find((r) => `line:${(r.key as { lineId: number }).lineId}` === q.row);
  if (!row) throw notFound();
  const keys = row.facts[q.measure];
  const classIds = keys.filter((k) => k.startsWith('class:')).map((k) => Number(k.slice('class:'.length)));
  const outsideIds = keys.filter((k) => k.startsWith('outside_training:')).map((k) => Number(k.slice('outside_training:'.length)));
  const classes = await plansRepo.classesByIds(db, classIds);
  const people = await plansRepo.peopleOfClasses(db, classIds, q.limit, q.offset);
  const outside = await plansRepo.outsideTrainingsByIds(db, outsideIds);
  return {
    outside: outside.map((o) => ({
      source: 'outside_training',
      id: o.id,
      person: { id: o.person_id, fullName: o.full_name, unit: o.unit_name },
      programme: { code: o.programme_code, name: o.programme_name },
      mode: o.mode,
      institution: o.institution,
      country: o.country,
      startDate: o.start_date,
      endDate: o.end_date,
      status: o.status,
      result: o.result,
    })),
    classes: classes.map((x) => ({
      source: 'class',
      id: x.id,
      name: x.name,
      cohortCode: x.cohort_code,
      programme: { code: x.programme_code, name: x.programme_name },
      mode: x.mode,
      organiser: x.organiser_name,
      site: x.site,
      startDate: x.start_date,
      endDate: x.end_date,
      status: x.status,
      learners: x.learners,
    })),
    people: {
      total: people.total,
      items: people.rows.map((p) => ({ personId: p.person_id, fullName: p.full_name, unit: p.unit_name, classId: p.class_id, className: p.class_name, status: p.status })),
    },
  };
}

// ---------- classes and plan lines ----------

/**
 * The lines a class opening in `year` may link to (the class form's picker): the year's latest
 * version, organised in the caller's subtree; for an outside-training record, any line of the plan.
 */
export async function linkableLines(
  db: Db,
  user: AuthUser,
  year: number,
  programme: string | undefined,
  purpose: 'class' | 'outside' = 'class',
): Promise<z.infer<typeof ZLinkableLines>> {
  const plan = await plansRepo.findAnnualPlanByYear(db, year);
  if (!plan) return { items: [] };
  const latest = (await plansRepo.listVersions(db, plan.id)).at(-1);
  // an outside-training record may realise any line of the province's plan (checkOutsidePlanLink)
  const rows = await plansRepo.linkableLines(db, year, programme ?? null, purpose === 'outside' ? null : scopePath(user));
  return { items: rows.map((r) => ({ ...brief(r), planTitle: plan.title, versionNumber: latest?.number ?? 1 })) };
}

/**
 * A class's place in the plan, checked: a line of the year the class opens in and of its
 * programme, organised in the caller's subtree; or outside the plan; not both.
 */
export async function checkClassPlanLink(
  db: Queryable,
  user: AuthUser,
  c: { planLineId: number | null; outsidePlan: boolean; programmeCode: string; startDate: string },
): Promise<ErrorDetail[]> {
  if (c.planLineId === null) return [];
  if (c.outsidePlan) return [fieldError('outsidePlan', 'PLAN_LINE_OR_OUTSIDE')];
  const line = await plansRepo.findLineLinkFacts(db, c.planLineId);
  if (!line || !unitInScope(user.scope, line.organiser_path)) return [fieldError('planLineId', 'PLAN_LINE_UNKNOWN')];
  const out: ErrorDetail[] = [];
  if (line.plan_year !== Number(c.startDate.slice(0, 4))) out.push(fieldError('planLineId', 'PLAN_LINE_OTHER_YEAR'));
  if (line.programme_code !== c.programmeCode) out.push(fieldError('planLineId', 'PLAN_LINE_OTHER_PROGRAMME'));
  return out;
}

/**
 * An outside-training record's place in the plan (decision 0035), checked like a class's: a line of
 * the plan of the year the training starts and of its programme; or outside the plan; not both. The
 * line may be organised anywhere in the province (the agency proposing the record does not organise
 * the line of "cao cấp LLCT tại Học viện"): the plan is the province's.
 */
export async function checkOutsidePlanLink(
  db: Queryable,
  c: { planLineId: number | null; outsidePlan: boolean; programmeCode: string; startDate: string },
): Promise<ErrorDetail[]> {
  if (c.planLineId === null) return [];
  if (c.outsidePlan) return [fieldError('outsidePlan', 'PLAN_LINE_OR_OUTSIDE')];
  const line = await plansRepo.findLineLinkFacts(db, c.planLineId);
  if (!line) return [fieldError('planLineId', 'PLAN_LINE_UNKNOWN')];
  const out: ErrorDetail[] = [];
  if (line.plan_year !== Number(c.startDate.slice(0, 4))) out.push(fieldError('planLineId', 'PLAN_LINE_OTHER_YEAR'));
  if (line.programme_code !== c.programmeCode) out.push(fieldError('planLineId', 'PLAN_LINE_OTHER_PROGRAMME'));
  return out;
}

// ---------- needs → plan (decision 0035) ----------

/**
 * GET /needs/campaigns/:id/plan-lines: the campaign's aggregated needs (submitted answers under its
 * owner) proposed as lines of its year's plan, one per programme × mode × quarter
 * (plans.proposeLinesFromNeeds), with the draft version they may be added to. Nothing is written:
 * the user reviews the lines and adds them through `addLinesToVersion` (one transaction, audited,
 * refused on an approved version, which needs an adjustment).
 */
export async function proposeLinesFromCampaign(
  db: Db,
  user: AuthUser,
  campaignId: number,
  q: { classSize?: number | undefined; organiserUnitId?: number | undefined },
): Promise<NeedsPlanProposal> {
  const campaign = await needsRepo.findCampaign(db, campaignId);
  if (!campaign) throw notFound();
  const facts = await loadCampaignFacts(db, user, campaign);
  if (!reachesCampaign(user, facts)) throw notFound();
  needsCampaignPolicy.authorize(user, facts, 'viewAggregate');
  const organiser =
    q.organiserUnitId !== undefined
      ? await unitsRepo.findUnitById(db, user.scope, q.organiserUnitId)
      : ((await plansRepo.usualOrganiser(db, scopePath(user))) ?? (await unitsRepo.findUnitById(db, user.scope, user.unitId)));
  if (!organiser) throw new AppError('VALIDATION_FAILED', [fieldError('organiserUnitId', 'UNIT_OUT_OF_SCOPE')]);
  // needs aggregation's facts: the target-group arguments do not change the people counted
  const [cells, programmeRows, plan] = await Promise.all([
    needsRepo.findAggregateLines(db, campaign.id, campaign.owner_path, `${campaign.year}-01-01`, campaign.year),
    plansRepo.proposalProgrammes(db),
    plansRepo.findAnnualPlanByYear(db, campaign.year),
  ]);
  const programmes = new Map(
    programmeRows.map((p) => [p.code, { name: p.name, opensClasses: p.opens_classes, typicalCapacity: p.typical_capacity, defaultInstitution: p.default_institution }]),
  );
  const proposal = plans.proposeLinesFromNeeds(
    cells.map((c) => ({ programmeCode: c.programme_code, mode: c.mode, quarter: c.quarter, people: c.people })),
    programmes,
    { year: campaign.year, classSize: q.classSize ?? null, organiserUnitId: organiser.id, siteKind: 'school', site: organiser.name, note: `Từ nhu cầu: ${campaign.title}` },
  );
  if (proposal.issues.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      proposal.issues.map((i) => ({ path: i.path, code: i.code, message: `${FIELD_ERRORS.NEEDS_PLAN_CLASS_SIZE.vi} (${programmes.get(i.programmeCode)?.name ?? i.programmeCode}).` })),
    );
  }
  const latest = plan ? (await plansRepo.listVersions(db, plan.id)).at(-1) : undefined;
  return {
    campaign: { id: campaign.id, title: campaign.title, year: campaign.year },
    organiser: { id: organiser.id, name: organiser.name },
    classSize: q.classSize ?? null,
    plan: plan ? { id: plan.id, year: plan.year, title: plan.title } : null,
    draftVersion: latest && latest.status === 'draft' ? { id: latest.id, number: latest.number, rowVersion: latest.row_version } : null,
    lines: proposal.lines,
  };
}

// ---------- five-year plans ----------

export async function listFiveYearPlans(db: Db, user: AuthUser): Promise<z.infer<typeof ZFiveYearList>> {
  const rows = await plansRepo.listFiveYearPlans(db);
  return {
    items: rows.map((r) => ({ id: r.id, startYear: r.start_year, endYear: r.end_year, title: r.title })),
    actions: fiveYearPolicy.may(user, null, 'update') ? ['create'] : [],
  };
}

export async function getFiveYearPlan(db: Db, user: AuthUser, id: number): Promise<FiveYearPlan> {
  const p = await plansRepo.findFiveYearPlan(db, id);
  if (!p) throw notFound();
  const targets = await plansRepo.targetsOf(db, id);
  const today = todayInVietnam();
  const planned = new Map<string, { classes: number; learners: number }>();
  const done = new Map<string, { classes: number; learners: number }>();
  const add = (m: Map<string, { classes: number; learners: number }>, k: string, classes: number, learners: number) => {
    const x = m.get(k) ?? { classes: 0, learners: 0 };
    m.set(k, { classes: x.classes + classes, learners: x.learners + learners });
  };
  for (let year = p.start_year; year <= p.end_year; year++) {
    if (`${year}-01-01` > today) break;
    const c = await computeRealisation(db, user, year, year < Number(today.slice(0, 4)) ? `${year}-12-31` : today);
    if (!c.version) continue;
    const byId = new Map(c.lines.map((l) => [l.line_id, l]));
    for (const r of c.result.lines) {
      const l = byId.get((r.key as { lineId: number }).lineId)!;
      add(planned, `${year}:${l.programme_code}`, l.classes, l.learners);
      add(done, `${year}:${l.programme_code}`, r.figures.doneClasses, r.figures.doneLearners);
    }
  }
  const names = new Map(targets.map((t) => [t.programme_code, t.programme_name]));
  const progress = plans.targetProgress(
    targets.map((t) => ({ year: t.year, programmeCode: t.programme_code, classes: t.classes, learners: t.learners })),
    planned,
    done,
  );
  return {
    id: p.id,
    startYear: p.start_year,
    endYear: p.end_year,
    title: p.title,
    decisionNumber: p.decision_number,
    decisionDate: p.decision_date,
    version: p.version,
    rounding: plans.DEFAULT_PERCENT_ROUNDING,
    targets: progress.map((t) => ({
      year: t.year,
      programme: { code: t.programmeCode, name: names.get(t.programmeCode) ?? t.programmeCode },
      classes: t.classes,
      learners: t.learners,
      plannedClasses: t.plannedClasses,
      plannedLearners: t.plannedLearners,
      doneClasses: t.doneClasses,
      doneLearners: t.doneLearners,
      planPercent: pct(t.planPercent),
      donePercent: pct(t.donePercent),
    })),
    actions: fiveYearPolicy.allowedActions(user, null),
  };
}

export async function createFiveYearPlan(db: Db, user: AuthUser, input: z.infer<typeof ZFiveYearCreate>): Promise<FiveYearPlan> {
  fiveYearPolicy.authorize(user, null, 'update');
  let id = 0;
  try {
    id = await db.transaction(async (tx) => {
      const w = { startYear: input.startYear, title: input.title, decisionNumber: input.decisionNumber ?? null, decisionDate: input.decisionDate ?? null, createdBy: user.id };
      const newId = await plansRepo.insertFiveYearPlan(tx, w);
      await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'create', entity: 'five_year_plan', entityId: newId, after: w });
      return newId;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'five_year_plans_start_year_key')) throw new AppError('PLAN_EXISTS', [fieldError('startYear', 'DUPLICATE_ENTRY')]);
    throw err;
  }
  return getFiveYearPlan(db, user, id);
}

export async function updateFiveYearPlan(db: Db, user: AuthUser, id: number, input: z.infer<typeof ZFiveYearUpdate>): Promise<FiveYearPlan> {
  await db.transaction(async (tx) => {
    const p = await plansRepo.findFiveYearPlan(tx, id, true);
    if (!p) throw notFound();
    fiveYearPolicy.authorize(user, null, 'update');
    if (p.version !== input.version) throw new AppError('CONFLICT', [fieldError('version', 'INVALID_VERSION')]);
    const programmes = await plansRepo.programmeModes(tx);
    const details: ErrorDetail[] = [];
    const seen = new Set<string>();
    input.targets.forEach((t, i) => {
      if (t.year < p.start_year || t.year > p.end_year) details.push(fieldError(`targets.${i}.year`, 'TARGET_YEAR_OUTSIDE_PERIOD'));
      if (!programmes.has(t.programmeCode)) details.push(fieldError(`targets.${i}.programmeCode`, 'UNKNOWN_PROGRAMME'));
      const k = `${t.year}:${t.programmeCode}`;
      if (seen.has(k)) details.push(fieldError(`targets.${i}.programmeCode`, 'DUPLICATE_TARGET'));
      seen.add(k);
    });
    assertNoFieldErrors(details);
    const before = { title: p.title, decisionNumber: p.decision_number, decisionDate: p.decision_date, targets: await plansRepo.targetsOf(tx, id) };
    const after = { title: input.title, decisionNumber: input.decisionNumber ?? null, decisionDate: input.decisionDate ?? null };
    await plansRepo.updateFiveYearPlan(tx, id, after);
    await plansRepo.replaceTargets(tx, id, input.targets);
    await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'update', entity: 'five_year_plan', entityId: id, before, after: { ...after, targets: input.targets } });
  });
  return getFiveYearPlan(db, user, id);
}
