/**
 * Training needs: the board's campaigns, each unit's answer (draft → submitted → returned …, with
 * optimistic versions), the suggestion from gaps (the gaps engine and the eligibility engine, not
 * rules of its own), the aggregation (domain arithmetic over facts SQL gathers), the unit's history
 * and the reminders. Every write runs in one transaction with its audit record.
 */
import { addYears, hasPermission, needs, rules, todayInVietnam, type IsoDate } from '@nang-tam/domain';
import { auditRepo, needsRepo, unitsRepo, type Db, type Queryable } from '@nang-tam/db';
import type {
  ErrorDetail,
  Job,
  NeedsAggregate,
  NeedsAnswer,
  NeedsAnswerSave,
  NeedsCampaign,
  NeedsCampaignCreate,
  NeedsCampaignDetail,
  NeedsCampaignUpdate,
  NeedsHistory,
  NeedsLine,
  NeedsReminder,
  NeedsSuggestion,
} from '@nang-tam/contracts';
import { AppError, assertNoFieldErrors, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import {
  needsAnswerFactsOf,
  needsAnswerPolicy,
  needsCampaignListPolicy,
  needsCampaignPolicy,
  reachesAnswer,
  reachesCampaign,
  runsCampaign,
  type NeedsAnswerFacts,
  type NeedsCampaignFacts,
} from '../policies/needs.js';
import { loadCatalogue } from './rules.service.js';
import { subtreeGapNeeds, summariesOf } from './gaps.service.js';
import { rankCandidates } from './eligibility.service.js';
import { queueJob, toJob } from './jobs.service.js';

const scopePathOf = (user: AuthUser): string | null => (user.scope.kind === 'subtree' ? user.scope.unitPath : null);
const ALL = '/';

// ---------- facts ----------

export async function loadCampaignFacts(db: Queryable, user: AuthUser, c: needsRepo.CampaignRow): Promise<NeedsCampaignFacts> {
  const path = scopePathOf(user);
  return { ownerPath: c.owner_path, asksMyUnits: path !== null && (await needsRepo.asksUnitsUnder(db, c.id, path)) };
}

/** The campaign the user reaches (else 404), with its facts. */
async function reachCampaign(db: Queryable, user: AuthUser, id: number, forUpdate = false) {
  const campaign = await needsRepo.findCampaign(db, id, forUpdate);
  if (!campaign) throw notFound();
  const facts = await loadCampaignFacts(db, user, campaign);
  if (!reachesCampaign(user, facts)) throw notFound();
  return { campaign, facts };
}

/** An answer's facts: the campaign, the unit's place in it and its answer's status (null: the unit is not asked). */
export async function loadAnswerFacts(db: Queryable, campaignId: number, unitId: number, today: IsoDate = todayInVietnam()) {
  const campaign = await needsRepo.findCampaign(db, campaignId);
  if (!campaign) return null;
  const [unit] = await needsRepo.findCampaignUnits(db, campaignId, ALL, unitId);
  if (!unit) return null;
  return { campaign, unit, facts: needsAnswerFactsOf(campaign, unit, today) };
}

async function reachAnswer(db: Queryable, user: AuthUser, campaignId: number, unitId: number) {
  const found = await loadAnswerFacts(db, campaignId, unitId);
  if (!found || !reachesAnswer(user, found.facts)) throw notFound();
  return found;
}

// ---------- shaping ----------

function toCampaign(c: needsRepo.CampaignRow, counts: Partial<needsRepo.CampaignListRow>, today: IsoDate): NeedsCampaign {
  return {
    id: c.id,
    year: c.year,
    title: c.title,
    deadline: c.deadline,
    status: c.status,
    pastDeadline: today > c.deadline,
    owner: { id: c.owner_unit_id, name: c.owner_name },
    note: c.note,
    version: c.version,
    requiredUnits: counts.required_units ?? 0,
    submittedUnits: counts.submitted_units ?? 0,
    myUnits: counts.my_units ?? 0,
    mySubmitted: counts.my_submitted ?? 0,
    people: counts.people ?? 0,
  };
}

const toOffer = (o: needsRepo.OfferRow) => ({
  programmeCode: o.programme_code,
  programmeName: o.programme_name,
  modes: o.modes as rules.StudyMode[],
});

function toReminder(r: needsRepo.ReminderRow): NeedsReminder {
  return {
    campaignId: r.campaign_id,
    year: r.year,
    unit: { id: r.unit_id, name: r.unit_name },
    kind: r.kind,
    message: r.message,
    createdAt: r.created_at,
  };
}

// ---------- campaigns ----------

export async function listCampaigns(db: Db, user: AuthUser) {
  const today = todayInVietnam();
  const path = scopePathOf(user);
  const rows = path === null ? [] : await needsRepo.listCampaigns(db, path, hasPermission(user.role, 'needs.aggregate'));
  return { items: rows.map((r) => toCampaign(r, r, today)), actions: needsCampaignListPolicy.allowedActions(user, null) };
}

export async function getCampaign(db: Db, user: AuthUser, id: number): Promise<NeedsCampaignDetail> {
  const today = todayInVietnam();
  const { campaign, facts } = await reachCampaign(db, user, id);
  const path = scopePathOf(user) ?? ALL;
  const seesAll = runsCampaign(user, campaign.owner_path) || hasPermission(user.role, 'needs.aggregate');
  const [offers, units, listed] = await Promise.all([
    needsRepo.findOffers(db, id),
    needsRepo.findCampaignUnits(db, id, seesAll ? ALL : path),
    needsRepo.listCampaigns(db, path, true, id),
  ]);
  const counts = listed.find((r) => r.id === id) ?? {};
  return {
    ...toCampaign(campaign, counts, today),
    offers: offers.map(toOffer),
    target: campaign.target,
    units: units.map((u) => {
      const f = needsAnswerFactsOf(campaign, u, today);
      return {
        unit: { id: u.unit_id, name: u.unit_name },
        status: f.status,
        version: u.version ?? 0,
        submittedAt: u.submitted_at,
        people: u.people,
        reopenedUntil: u.reopened_until,
        late: needs.isLate(f.campaign, f.status, today),
        returnComment: u.return_comment,
        reminders: u.reminders as ('before_deadline' | 'after_deadline')[],
        actions: needsAnswerPolicy.allowedActions(user, f),
      };
    }),
    actions: needsCampaignPolicy.allowedActions(user, facts),
  };
}

/** The offers of a new campaign, checked against the catalogue: each programme once, its modes among the programme's. */
async function offerProblems(db: Queryable, offers: NeedsCampaignCreate['offers']): Promise<ErrorDetail[]> {
  const catalogue = await loadCatalogue(db);
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  offers.forEach((o, i) => {
    const programme = catalogue.programmes.find((p) => p.code === o.programmeCode);
    if (!programme) details.push(fieldError(`offers.${i}.programmeCode`, 'UNKNOWN_PROGRAMME'));
    else
      o.modes.forEach((m, j) => {
        if (!programme.modes.includes(m)) details.push(fieldError(`offers.${i}.modes.${j}`, 'UNSUPPORTED_MODE'));
      });
    if (seen.has(o.programmeCode)) details.push(fieldError(`offers.${i}.programmeCode`, 'NEEDS_DUPLICATE_OFFER'));
    seen.add(o.programmeCode);
  });
  return details;
}

/** Opens a campaign for a year: its offers and the units of the caller's subtree that must answer. */
export async function createCampaign(db: Db, user: AuthUser, input: NeedsCampaignCreate): Promise<NeedsCampaignDetail> {
  needsCampaignListPolicy.authorize(user, null, 'create');
  const owner = await unitsRepo.findUnitById(db, user.scope, user.unitId);
  if (!owner) throw notFound();
  const details = await offerProblems(db, input.offers);
  if (input.deadline > `${input.year}-12-31`) details.push(fieldError('deadline', 'NEEDS_DEADLINE_OUTSIDE_YEAR'));
  const units = await needsRepo.findTargetUnits(db, owner.path, input.target);
  if (input.target.unitIds) {
    const found = new Set(units.map((u) => u.id));
    input.target.unitIds.forEach((id, i) => {
      if (!found.has(id)) details.push(fieldError(`target.unitIds.${i}`, 'UNIT_OUT_OF_SCOPE'));
    });
  }
  if (details.length === 0 && units.length === 0) details.push(fieldError('target', 'NEEDS_NO_UNITS'));
  assertNoFieldErrors(details);
  const unitIds = [...new Set(units.map((u) => u.id))];
  const id = await db.transaction(async (tx) => {
    const id = await needsRepo.insertCampaign(tx, {
      year: input.year,
      title: input.title,
      deadline: input.deadline,
      ownerUnitId: owner.id,
      target: input.target,
      note: input.note ?? null,
      createdBy: user.id,
    });
    await needsRepo.insertOffers(tx, id, input.offers);
    await needsRepo.insertCampaignUnits(tx, id, unitIds);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'create',
      entity: 'needs_campaign',
      entityId: id,
      after: {
        year: input.year,
        title: input.title,
        deadline: input.deadline,
        offers: input.offers,
        target: input.target,
        units: unitIds.length,
      },
    });
    return id;
  });
  return getCampaign(db, user, id);
}

/** Changes a campaign read at `version`: title, deadline, note, open/closed. */
export async function updateCampaign(db: Db, user: AuthUser, id: number, input: NeedsCampaignUpdate): Promise<NeedsCampaignDetail> {
  await db.transaction(async (tx) => {
    const { campaign, facts } = await reachCampaign(tx, user, id, true);
    needsCampaignPolicy.authorize(user, facts, 'update');
    if (campaign.version !== input.version) throw new AppError('CONFLICT');
    const next: needsRepo.CampaignChange = {
      title: input.title ?? campaign.title,
      deadline: input.deadline ?? campaign.deadline,
      status: input.status ?? campaign.status,
      note: input.note === undefined ? campaign.note : input.note,
    };
    if (next.deadline > `${campaign.year}-12-31`)
      throw new AppError('VALIDATION_FAILED', [fieldError('deadline', 'NEEDS_DEADLINE_OUTSIDE_YEAR')]);
    if (!(await needsRepo.updateCampaign(tx, id, input.version, next))) throw new AppError('CONFLICT');
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'update',
      entity: 'needs_campaign',
      entityId: id,
      before: { title: campaign.title, deadline: campaign.deadline, status: campaign.status, note: campaign.note },
      after: next,
    });
  });
  return getCampaign(db, user, id);
}

/** Lets one unit answer until a date (after the deadline or the close), or ends that. */
export async function reopenForUnit(
  db: Db,
  user: AuthUser,
  id: number,
  unitId: number,
  until: string | null,
): Promise<NeedsCampaignDetail> {
  await db.transaction(async (tx) => {
    const { facts } = await reachCampaign(tx, user, id);
    const place = await needsRepo.lockCampaignUnit(tx, id, unitId);
    needsCampaignPolicy.authorize(user, facts, 'reopenUnit');
    if (!place) throw notFound();
    await needsRepo.setReopenedUntil(tx, id, unitId, until);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'reopen',
      entity: 'needs_campaign_unit',
      entityId: `${id}/${unitId}`,
      before: { reopenedUntil: place.reopened_until },
      after: { reopenedUntil: until },
    });
  });
  return getCampaign(db, user, id);
}

// ---------- one unit's answer ----------

function toLines(offers: readonly needsRepo.OfferRow[], rows: readonly needsRepo.LineRow[]): NeedsLine[] {
  const name = new Map(offers.map((o) => [o.programme_code, o.programme_name]));
  return rows.map((l) => ({
    programmeCode: l.programme_code,
    programmeName: name.get(l.programme_code) ?? l.programme_code,
    mode: l.mode,
    quarter: l.quarter,
    people: l.people,
    named: l.named,
  }));
}

export async function getAnswer(db: Queryable, user: AuthUser, campaignId: number, unitId: number): Promise<NeedsAnswer> {
  const { campaign, unit, facts } = await reachAnswer(db, user, campaignId, unitId);
  const [offers, answer, reminders] = await Promise.all([
    needsRepo.findOffers(db, campaignId),
    needsRepo.findAnswer(db, campaignId, unitId),
    needsRepo.findOpenReminders(db, unit.unit_path),
  ]);
  const lines = answer ? toLines(offers, await needsRepo.findLines(db, answer.id)) : [];
  return {
    campaign: { id: campaign.id, year: campaign.year, title: campaign.title, deadline: campaign.deadline, status: campaign.status },
    unit: { id: unit.unit_id, name: unit.unit_name },
    status: facts.status,
    version: answer?.version ?? 0,
    submittedAt: answer?.submitted_at ?? null,
    submittedBy: answer?.submitted_by_name ?? null,
    returnComment: answer?.return_comment ?? null,
    returnedAt: answer?.returned_at ?? null,
    returnedBy: answer?.returned_by_name ?? null,
    updatedAt: answer?.updated_at ?? null,
    reopenedUntil: unit.reopened_until,
    closedMessage: needs.answerWindowRefusal(facts.campaign, facts.reopenedUntil, facts.today)?.message ?? null,
    offers: offers.map(toOffer),
    lines,
    totals: { people: lines.reduce((n, l) => n + l.people, 0), named: lines.reduce((n, l) => n + l.named.length, 0) },
    reminders: reminders.filter((r) => r.campaign_id === campaignId && r.unit_id === unitId).map(toReminder),
    actions: needsAnswerPolicy.allowedActions(user, facts),
  };
}

/**
 * In one transaction: locks the unit's place in the campaign (then its answer), reloads the facts on
 * the locked rows, applies the policy action, and checks the version read.
 */
async function lockedAnswer(
  tx: Queryable,
  user: AuthUser,
  campaignId: number,
  unitId: number,
  action: 'edit' | 'submit' | 'return',
  version: number,
) {
  const found = await loadAnswerFacts(tx, campaignId, unitId);
  if (!found || !reachesAnswer(user, found.facts)) throw notFound();
  const place = await needsRepo.lockCampaignUnit(tx, campaignId, unitId);
  if (!place) throw notFound();
  const answer = await needsRepo.findAnswer(tx, campaignId, unitId, true);
  const facts: NeedsAnswerFacts = { ...found.facts, reopenedUntil: place.reopened_until, status: answer?.status ?? 'not_started' };
  needsAnswerPolicy.authorize(user, facts, action);
  if ((answer?.version ?? 0) !== version)
    throw new AppError(
      'CONFLICT',
      [],
      'Bản đăng ký vừa được người khác sửa hoặc gửi trong lúc bạn đang sửa. Vui lòng tải lại để xem bản mới nhất rồi sửa lại.',
    );
  return { ...found, facts, answer };
}

/** What an audit record keeps of an answer's lines: programme, mode, quarter, people and who is named. */
type LineSnapshot = { programmeCode: string; mode: string; quarter: number; people: number; personIds: readonly number[] };
const inputSnapshot = (lines: NeedsAnswerSave['lines']): LineSnapshot[] =>
  lines.map((l) => ({ programmeCode: l.programmeCode, mode: l.mode, quarter: l.quarter, people: l.people, personIds: l.personIds }));
const storedSnapshot = (rows: readonly needsRepo.LineRow[]): LineSnapshot[] =>
  rows.map((l) => ({
    programmeCode: l.programme_code,
    mode: l.mode,
    quarter: l.quarter,
    people: l.people,
    personIds: l.named.map((n) => n.id),
  }));

/** Saves the unit's lines as a draft (a returned answer stays returned until submitted again). */
export async function saveAnswer(db: Db, user: AuthUser, campaignId: number, unitId: number, input: NeedsAnswerSave): Promise<NeedsAnswer> {
  await db.transaction(async (tx) => {
    const { unit, answer } = await lockedAnswer(tx, user, campaignId, unitId, 'edit', input.version);
    const offers = await needsRepo.findOffers(tx, campaignId);
    const paths = await needsRepo.findPeopleUnitPaths(tx, [...new Set(input.lines.flatMap((l) => l.personIds))]);
    const problems = needs.lineProblems(
      offers.map((o) => ({ programmeCode: o.programme_code, programmeName: o.programme_name, modes: o.modes as rules.StudyMode[] })),
      input.lines,
      (id) => paths.get(id)?.startsWith(unit.unit_path) ?? false,
    );
    if (problems.length > 0)
      throw new AppError(
        'VALIDATION_FAILED',
        problems.map((p) => ({ path: p.path, code: p.code, message: p.message })),
      );
    const before = answer ? storedSnapshot(await needsRepo.findLines(tx, answer.id)) : null;
    let answerId: number;
    if (answer) {
      answerId = answer.id;
      if (!(await needsRepo.touchAnswer(tx, answer.id, input.version, user.id, { kind: 'save' }))) throw new AppError('CONFLICT');
    } else answerId = await needsRepo.insertAnswer(tx, campaignId, unitId, user.id);
    await needsRepo.replaceLines(tx, answerId, input.lines);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: answer ? 'update' : 'create',
      entity: 'needs_answer',
      entityId: answerId,
      before: before ? { status: answer!.status, lines: before } : undefined,
      after: { campaignId, unitId, status: answer?.status === 'returned' ? 'returned' : 'draft', lines: inputSnapshot(input.lines) },
    });
  });
  return getAnswer(db, user, campaignId, unitId);
}

export async function submitAnswer(db: Db, user: AuthUser, campaignId: number, unitId: number, version: number): Promise<NeedsAnswer> {
  await db.transaction(async (tx) => {
    const { answer } = await lockedAnswer(tx, user, campaignId, unitId, 'submit', version);
    if (!(await needsRepo.touchAnswer(tx, answer!.id, version, user.id, { kind: 'submit' }))) throw new AppError('CONFLICT');
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'submit',
      entity: 'needs_answer',
      entityId: answer!.id,
      before: { status: answer!.status },
      after: { status: 'submitted' },
    });
  });
  return getAnswer(db, user, campaignId, unitId);
}

/** The board returns a submitted answer with a comment; past the window, the return reopens it for the unit (a week). */
export async function returnAnswer(
  db: Db,
  user: AuthUser,
  campaignId: number,
  unitId: number,
  version: number,
  comment: string,
): Promise<NeedsAnswer> {
  await db.transaction(async (tx) => {
    const { answer, facts } = await lockedAnswer(tx, user, campaignId, unitId, 'return', version);
    const reopened = needs.reopenAfterReturn(facts.campaign, facts.reopenedUntil, facts.today);
    if (reopened !== facts.reopenedUntil) await needsRepo.setReopenedUntil(tx, campaignId, unitId, reopened);
    if (!(await needsRepo.touchAnswer(tx, answer!.id, version, user.id, { kind: 'return', comment }))) throw new AppError('CONFLICT');
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'return',
      entity: 'needs_answer',
      entityId: answer!.id,
      before: { status: answer!.status, reopenedUntil: facts.reopenedUntil },
      after: { status: 'returned', comment, reopenedUntil: reopened },
    });
  });
  return getAnswer(db, user, campaignId, unitId);
}

/**
 * Suggest from gaps: the people of the unit's subtree who lack what their post or a planned post
 * requires (the gaps engine) and are already eligible (the eligibility engine) for an offered
 * programme that closes the gap, one line per programme × its first offered mode.
 */
export async function suggestAnswer(db: Db, user: AuthUser, campaignId: number, unitId: number): Promise<NeedsSuggestion> {
  const { campaign, facts } = await reachAnswer(db, user, campaignId, unitId);
  needsAnswerPolicy.authorize(user, facts, 'edit');
  const asOf = todayInVietnam();
  const unit = await unitsRepo.findUnitById(db, { kind: 'subtree', unitPath: ALL }, unitId);
  if (!unit) throw notFound();
  const [offers, catalogue, gapPeople] = await Promise.all([
    needsRepo.findOffers(db, campaignId),
    loadCatalogue(db),
    subtreeGapNeeds(db, unit, asOf),
  ]);
  const rank = (kind: string, level: string) => catalogue.levels[kind]?.[level]?.rank ?? 0;
  const granting = offers.map((o) => ({
    code: o.programme_code,
    grants: o.grants_kind && o.grants_level ? { kind: o.grants_kind, rank: rank(o.grants_kind, o.grants_level) } : null,
  }));
  const neededKinds = new Set(gapPeople.flatMap((p) => p.needs.map((n) => n.kind)));
  // the eligible people of the subtree for each offered programme that could close a gap
  const eligible = new Map<string, Set<number>>();
  for (const o of offers) {
    if (!o.grants_kind || !neededKinds.has(o.grants_kind)) continue;
    const ranked = await rankCandidates(db, user, {
      programme: o.programme_code,
      mode: o.modes[0] as rules.StudyMode,
      unitId,
      asOf,
      outcome: 'eligible',
    });
    eligible.set(o.programme_code, new Set(ranked.listed.map((c) => c.id)));
  }
  const modeOf = new Map(offers.map((o) => [o.programme_code, o.modes[0] as rules.StudyMode]));
  const picks = gapPeople.flatMap((p) =>
    needs
      .programmesForGaps(
        p.needs.map((n) => ({ kind: n.kind, rank: rank(n.kind, n.level) })),
        granting,
        (code) => eligible.get(code)?.has(p.personId) ?? false,
      )
      .map((code) => ({ personId: p.personId, programmeCode: code, mode: modeOf.get(code)! })),
  );
  const quarter = needs.suggestedQuarter(campaign.year, campaign.deadline);
  const lines = needs.sortLines(
    offers.map((o) => ({ programmeCode: o.programme_code, programmeName: o.programme_name, modes: o.modes as rules.StudyMode[] })),
    needs.suggestionLines(picks, quarter),
  );
  const people = new Map((await summariesOf(db, [...new Set(picks.map((p) => p.personId))])).map((s) => [s.id, s]));
  const names = new Map(offers.map((o) => [o.programme_code, o.programme_name]));
  return {
    asOf,
    quarter,
    peopleWithGaps: gapPeople.length,
    lines: lines.map((l) => ({
      programmeCode: l.programmeCode,
      programmeName: names.get(l.programmeCode) ?? l.programmeCode,
      mode: l.mode,
      quarter: l.quarter,
      people: l.people,
      named: l.personIds.flatMap((id) => {
        const s = people.get(id);
        return s ? [{ id, fullName: s.fullName, unitName: s.unit.name }] : [];
      }),
    })),
  };
}

// ---------- aggregation ----------

const zeroModes = () => ({ full_time: 0, part_time: 0, online: 0 });

/** The campaign's submitted needs under a unit (default: the campaign's owner), summed every way. */
export async function aggregateCampaign(db: Queryable, user: AuthUser, id: number, q: { unitId?: number }): Promise<NeedsAggregate> {
  const today = todayInVietnam();
  const { campaign, facts } = await reachCampaign(db, user, id);
  needsCampaignPolicy.authorize(user, facts, 'viewAggregate');
  const root = await unitsRepo.findUnitById(db, { kind: 'subtree', unitPath: campaign.owner_path }, q.unitId ?? campaign.owner_unit_id);
  if (!root) throw notFound();
  const judgedOn = needs.youngJudgedOn(campaign.year);
  const [offers, lineRows, tree, units, listed] = await Promise.all([
    needsRepo.findOffers(db, id),
    needsRepo.findAggregateLines(db, id, root.path, addYears(judgedOn, -needs.YOUNG_CADRE_DEFINITION.maxAgeExclusive), campaign.year),
    needsRepo.findRollupTree(db, id, root.path, root.path),
    needsRepo.findCampaignUnits(db, id, root.path),
    needsRepo.listCampaigns(db, ALL, true, id),
  ]);
  const agg = needs.aggregateNeeds(
    lineRows.map((l) => ({
      unitId: l.unit_id,
      programmeCode: l.programme_code,
      mode: l.mode,
      quarter: l.quarter,
      people: l.people,
      named: { count: l.named, young: l.young, female: l.female, minority: l.minority, planned: l.planned },
    })),
    offers.map((o) => o.programme_code),
    tree.map((u) => ({ id: u.id, parentId: u.parent_id })),
  );
  const names = new Map(offers.map((o) => [o.programme_code, o.programme_name]));
  const treeById = new Map(tree.map((u) => [u.id, u]));
  const required = new Map(units.map((u) => [u.unit_id, u]));
  const depthOf = (path: string) => path.split('/').length - root.path.split('/').length;
  return {
    campaign: toCampaign(campaign, listed.find((r) => r.id === id) ?? {}, today),
    unit: { id: root.id, name: root.name },
    youngDefinition: {
      maxAgeExclusive: needs.YOUNG_CADRE_DEFINITION.maxAgeExclusive,
      judgedOn,
      source: { ...needs.YOUNG_CADRE_DEFINITION.source },
    },
    total: agg.total,
    byProgramme: agg.byProgramme.map((p) => ({
      programmeCode: p.programmeCode,
      programmeName: names.get(p.programmeCode) ?? p.programmeCode,
      total: p.total,
      byMode: { ...zeroModes(), ...p.byMode },
      byQuarter: p.byQuarter,
    })),
    byMode: agg.byMode,
    byQuarter: agg.byQuarter,
    byUnit: agg.byUnit.map((r) => {
      const u = treeById.get(r.unitId)!;
      const req = required.get(r.unitId);
      return {
        unit: { id: u.id, name: u.name },
        depth: depthOf(u.path),
        required: !!req,
        status: req ? (req.status ?? 'not_started') : null,
        own: r.own,
        subtree: r.subtree,
      };
    }),
    notAnswered: units
      .filter((u) => u.status !== 'submitted')
      .map((u) => {
        const status = u.status ?? 'not_started';
        return {
          unit: { id: u.unit_id, name: u.unit_name },
          status,
          late: needs.isLate(campaign, status, today),
          reminders: u.reminders.length,
        };
      }),
    counts: { required: units.length, submitted: units.filter((u) => u.status === 'submitted').length },
  };
}

// ---------- history and reminders ----------

const OUTCOME_VI: Record<needs.AnswerStatus, string> = {
  not_started: 'Chưa đăng ký',
  draft: 'Đang soạn, chưa gửi',
  returned: 'Ban Tổ chức trả lại, cần sửa và gửi lại',
  submitted: 'Đã gửi, được tổng hợp vào nhu cầu chung',
};

/** Every campaign that asked the unit, with what became of its answer. */
export async function unitHistory(db: Db, user: AuthUser, unitId: number): Promise<NeedsHistory> {
  if (!hasPermission(user.role, 'needs.read')) throw new AppError('FORBIDDEN');
  const unit = await unitsRepo.findUnitById(db, user.scope, unitId);
  if (!unit) throw notFound();
  const rows = await needsRepo.findUnitHistory(db, unitId);
  return {
    unit: { id: unit.id, name: unit.name },
    items: rows.map((r) => {
      const status = r.status ?? 'not_started';
      const closed = r.campaign_status === 'closed';
      return {
        campaign: { id: r.campaign_id, year: r.year, title: r.title, deadline: r.deadline, status: r.campaign_status },
        status,
        submittedAt: r.submitted_at,
        returnComment: r.return_comment,
        lines: r.lines,
        people: r.people,
        named: r.named,
        outcome: status !== 'submitted' && closed ? 'Đợt đã đóng, đơn vị không gửi đăng ký' : OUTCOME_VI[status],
      };
    }),
  };
}

/** The reminders of the caller's units that have still not submitted (for the units' officers). */
export async function listReminders(db: Db, user: AuthUser): Promise<{ items: NeedsReminder[] }> {
  const path = scopePathOf(user);
  // for the units' own officers: those who run campaigns follow every unit on the campaign page
  if (path === null || !hasPermission(user.role, 'needs.write') || hasPermission(user.role, 'needs.manage')) return { items: [] };
  return { items: (await needsRepo.findOpenReminders(db, path)).map(toReminder) };
}

/**
 * Records the reminders due today (D-3 and D+1) for every unit of an open campaign that has not
 * submitted; each at most once (idempotent), with an audit record. Returns how many were new.
 */
export async function recordNeedsReminders(db: Db, today: IsoDate = todayInVietnam()): Promise<number> {
  const candidates = await needsRepo.findReminderCandidates(db);
  const due = candidates.flatMap((c) =>
    needs
      .remindersDue(
        { year: c.year, status: c.campaign_status, deadline: c.deadline },
        c.status ?? 'not_started',
        new Set(c.recorded as needs.ReminderKind[]),
        today,
      )
      .map((kind) => ({
        campaignId: c.campaign_id,
        unitId: c.unit_id,
        kind,
        message: needs.reminderMessage(kind, { year: c.year, deadline: c.deadline }, c.unit_name),
      })),
  );
  if (due.length === 0) return 0;
  return db.transaction(async (tx) => {
    const added = await needsRepo.insertReminders(tx, due);
    await auditRepo.appendAuditMany(
      tx,
      due.map((d) => ({
        actorId: null,
        actorName: 'system',
        action: 'remind',
        entity: 'needs_campaign_unit',
        entityId: `${d.campaignId}/${d.unitId}`,
        after: { kind: d.kind },
      })),
    );
    return added;
  });
}

// ---------- exports (background jobs) ----------

/** Queues the unit's needs-registration form as Excel or PDF (a job); out of reach: 404 now. */
export async function startAnswerExport(db: Db, user: AuthUser, campaignId: number, unitId: number, format: 'xlsx' | 'pdf'): Promise<Job> {
  const { facts } = await reachAnswer(db, user, campaignId, unitId);
  needsAnswerPolicy.authorize(user, facts, 'export');
  return toJob(await queueJob(db, user, { kind: 'needs_answer_export', params: { campaignId, unitId, format } }, { audit: 'export' }));
}

/** Queues the campaign's aggregated needs as Excel or PDF (a job). */
export async function startAggregateExport(
  db: Db,
  user: AuthUser,
  campaignId: number,
  format: 'xlsx' | 'pdf',
  unitId?: number,
): Promise<Job> {
  const { campaign, facts } = await reachCampaign(db, user, campaignId);
  needsCampaignPolicy.authorize(user, facts, 'export');
  if (unitId !== undefined && !(await unitsRepo.findUnitById(db, { kind: 'subtree', unitPath: campaign.owner_path }, unitId)))
    throw notFound();
  return toJob(
    await queueJob(
      db,
      user,
      { kind: 'needs_aggregate_export', params: { campaignId, format, ...(unitId !== undefined ? { unitId } : {}) } },
      { audit: 'export' },
    ),
  );
}
