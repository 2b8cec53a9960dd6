/**
 * Explainable eligibility ("đúng, đủ, rõ"): one person against one or every programme, with every
 * rule's outcome, facts and source; the ranked candidate list of a unit subtree; and what-if
 * comparisons between two dates. The engine (rules.prepareEligibility) decides every answer; SQL
 * pre-filters only skip people who fail a rule for certain (see person-facts.repository.ts).
 */
import { ageOn, rules, todayInVietnam } from '@nang-tam/domain';
import { personFactsRepo, unitsRepo, type Db, type Queryable } from '@nang-tam/db';
import type { Candidate, CandidatePage, CandidatesExport, CandidatesQuery, EligibilityResult, PersonEligibility, WhatIf, WhatIfQuery } from '@nang-tam/contracts';
import { AppError, fieldError, notFound } from '../errors.js';
import type { AuthUser } from '../auth/auth-user.js';
import { summariesOf } from './gaps.service.js';
import { loadCatalogue, missingLabels, requireMode, requireProgramme, rulesInForceOf, withRulesErrors, type RulesCatalogue } from './rules.service.js';

export function toEligibilityResult(r: rules.EligibilityResult): EligibilityResult {
  return {
    programmeCode: r.programmeCode,
    programmeName: r.programmeName,
    mode: r.mode,
    asOf: r.asOf,
    outcome: r.outcome,
    rules: r.rules.map((x) => ({ ...x, missing: x.missing ?? [], note: x.note ?? null })),
    missing: r.missing,
    missingLabels: missingLabels(r.missing),
    notes: r.notes,
    summary: r.summary,
  };
}

function evaluationInput(catalogue: RulesCatalogue, programme: string, mode: rules.StudyMode, asOf: string): rules.EligibilityContext {
  return {
    programme,
    mode,
    programmes: catalogue.programmes,
    rules: catalogue.ruleSets,
    levels: catalogue.levels,
    titles: catalogue.titles,
    jobPositions: catalogue.jobPositions,
    asOf,
  };
}

// ---------- one person ----------

/**
 * A person's eligibility on asOf: for one programme (or all), in one mode (or every mode the
 * programme offers). Out of scope answers 404, before anything about the programme is said.
 */
export async function getPersonEligibility(
  db: Db,
  user: AuthUser,
  personId: number,
  q: { programme?: string; mode?: rules.StudyMode; asOf?: string; studyField?: string },
): Promise<PersonEligibility> {
  const asOf = q.asOf ?? todayInVietnam();
  const row = await personFactsRepo.loadPersonFacts(db, user.scope, personId);
  if (!row) throw notFound();
  const [person] = await summariesOf(db, [personId]);
  const catalogue = await loadCatalogue(db);
  const programmes = q.programme !== undefined ? [requireProgramme(catalogue, q.programme)] : catalogue.programmes;
  if (q.programme !== undefined && q.mode !== undefined) requireMode(programmes[0]!, q.mode);
  const facts = personFactsRepo.factsOn(row, asOf);
  const results = programmes.flatMap((p) =>
    p.modes
      .filter((m) => q.mode === undefined || m === q.mode)
      .map((mode) => withRulesErrors(() => rules.prepareEligibility(evaluationInput(catalogue, p.code, mode, asOf))(facts, q.studyField ?? null))),
  );
  return { person: { id: personId, fullName: person!.fullName }, asOf, results: results.map(toEligibilityResult) };
}

// ---------- a unit subtree ----------

interface SubtreeEvaluation {
  catalogue: RulesCatalogue;
  programme: rules.Programme;
  mode: rules.StudyMode;
  dates: string[];
  unitPath: string;
  /** Young / female / minority, applied before anything else. */
  demographic?: personFactsRepo.Condition;
  studyField: string | null;
  /** Skip people who fail a rule for certain on every date (default). Off: evaluate everyone. */
  prefilter: boolean;
}

/** What to load for the rules in force on the dates (and the standards of the granted kind). */
function factsOptionsFor(inForce: readonly rules.Rule[][], dates: readonly string[], extraKinds: readonly string[]): personFactsRepo.FactsOptions {
  const all = inForce.flat();
  const kinds = new Set(extraKinds);
  let withFields = false;
  let withServiceStart = false;
  let from = Infinity;
  let to = -Infinity;
  for (const r of all) {
    if (r.kind === 'min_qualification' || r.kind === 'not_already_holding') kinds.add(r.params.kind);
    if (r.kind === 'field_matches_job' && r.params.subject === 'held_qualification') {
      kinds.add('education');
      withFields = true;
    }
    if (r.kind === 'min_service_years') withServiceStart = true;
  }
  dates.forEach((d, i) => {
    const year = Number(d.slice(0, 4));
    for (const r of inForce[i] ?? []) {
      if (r.kind !== 'appraisal_streak') continue;
      from = Math.min(from, year - r.params.years);
      to = Math.max(to, year - 1);
    }
  });
  return { kinds: [...kinds], withFields, withServiceStart, appraisalYears: Number.isFinite(from) ? { from, to } : 'none' };
}

/** Evaluates every person of the subtree who could pass on one of the dates, one result per date. */
async function evaluateSubtree(db: Queryable, e: SubtreeEvaluation, onPerson: (row: personFactsRepo.PersonFactsRow, facts: rules.PersonFacts, results: rules.EligibilityResult[]) => void): Promise<void> {
  const { catalogue, programme, mode } = e;
  const prepared = e.dates.map((asOf) => withRulesErrors(() => rules.prepareEligibility(evaluationInput(catalogue, programme.code, mode, asOf))));
  const inForce = e.dates.map((asOf) => rulesInForceOf(catalogue, programme.code, asOf));
  const options = factsOptionsFor(inForce, e.dates, programme.grants ? [programme.grants.kind] : []);
  let ids: number[];
  if (e.prefilter) {
    // one query per date (each a plain conjunction the planner can drive from its most selective
    // part), then the union: possibly eligible on at least one date
    const lists = await Promise.all(
      e.dates.map((asOf, i) =>
        personFactsRepo.findSubtreePersonIds(
          db,
          e.unitPath,
          personFactsRepo.bothConditions(
            e.demographic,
            personFactsRepo.eligibilityCondition(inForce[i]!, {
              asOf,
              mode,
              programmeCode: programme.code,
              levels: catalogue.levels,
              titles: catalogue.reference.titles,
              ranks: catalogue.reference.ranks,
            }),
          ),
        ),
      ),
    );
    ids = personFactsRepo.unionIds(lists);
  } else {
    ids = await personFactsRepo.findSubtreePersonIds(db, e.unitPath, e.demographic);
  }
  for await (const chunk of personFactsRepo.streamPersonFacts(db, { ids, options })) {
    for (const row of chunk) {
      const facts = personFactsRepo.factsOn(row, e.dates[e.dates.length - 1]!);
      const results = prepared.map((evaluate, i) => evaluate(i === e.dates.length - 1 ? facts : personFactsRepo.factsOn(row, e.dates[i]!), e.studyField));
      onPerson(row, facts, results);
    }
  }
}

const PRIORITY_ORDER: Record<Candidate['priority'], number> = { planned: 0, post_requires: 1, other: 2 };

/**
 * Ranks a candidate: planned (a planning entry of a current term), then post_requires (a standard
 * in force of their current title or job position needs the programme's qualification at its level
 * or above, and they lack it), then other.
 */
function priorityRanker(catalogue: RulesCatalogue, programme: rules.Programme, asOf: string): (facts: rules.PersonFacts) => Candidate['priority'] {
  const grants = programme.grants;
  const byTarget = new Map<string, rules.Requirement[]>();
  if (grants) {
    const grantsRank = catalogue.levels[grants.kind]?.[grants.level]?.rank ?? Infinity;
    for (const s of withRulesErrors(() => rules.inForce(catalogue.standards, asOf))) {
      const req = s.requirement;
      if (req.kind !== grants.kind || (catalogue.levels[req.kind]?.[req.minLevel]?.rank ?? 0) < grantsRank) continue;
      const key = s.titleCode !== undefined ? `t:${s.titleCode}` : `j:${s.jobPositionCode}`;
      byTarget.set(key, [...(byTarget.get(key) ?? []), req]);
    }
  }
  return (facts) => {
    if (facts.plannedTitles.some((t) => rules.isTermCurrent(t.term, asOf))) return 'planned';
    if (!grants) return 'other';
    const reqs = [...(byTarget.get(`t:${facts.currentTitleCode}`) ?? []), ...(byTarget.get(`j:${facts.jobPositionCode}`) ?? [])];
    if (reqs.length === 0) return 'other';
    const held = rules.highestHeld(facts.qualifications, catalogue.levels, grants.kind, asOf);
    return reqs.some((r) => !rules.meetsRequirement(r, held, catalogue.levels, { ethnicMinority: facts.ethnicMinority }).met) ? 'post_requires' : 'other';
  };
}

export interface Listed {
  id: number;
  sortKey: string;
  priority: Candidate['priority'];
  outcome: rules.EligibilityOutcome;
  missing: string[];
  plannedTitles: rules.PlannedTitle[];
}

function byPriorityThenName(a: Listed, b: Listed): number {
  return PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0) || a.id - b.id;
}

/** The unit (in the user's scope), the catalogue, the programme and its mode of a candidate question. */
export async function resolveCandidateScope(db: Db, user: AuthUser, q: { programme: string; mode?: rules.StudyMode; unitId?: number }) {
  const unit = await unitsRepo.findUnitRefInScope(db, user.scope, q.unitId ?? user.unitId);
  if (!unit) throw notFound();
  const catalogue = await loadCatalogue(db);
  const programme = requireProgramme(catalogue, q.programme);
  const mode = requireMode(programme, q.mode);
  return { unit, catalogue, programme, mode };
}

function demographicOf(q: { young?: boolean; female?: boolean; minority?: boolean }, asOf: string) {
  return personFactsRepo.demographicCondition({ youngOn: q.young ? asOf : undefined, female: q.female, minority: q.minority });
}

/** The whole ranked list (ids and what the ranking needs), with the counts of every outcome. */
interface RankedCandidates {
  programme: rules.Programme;
  mode: rules.StudyMode;
  asOf: string;
  unit: unitsRepo.UnitRef;
  counts: CandidatePage['counts'];
  listed: Listed[];
}

/**
 * The candidates of a unit subtree for a programme and mode on asOf: eligible (or, on request,
 * undecided for missing facts), ranked planned → post requires it → others, then by name; with the
 * counts of every outcome. `prefilter: false` evaluates everyone (tests compare both ways).
 */
export async function rankCandidates(db: Db, user: AuthUser, q: CandidatesExport, options: { prefilter?: boolean } = {}): Promise<RankedCandidates> {
  const asOf = q.asOf ?? todayInVietnam();
  const { unit, catalogue, programme, mode } = await resolveCandidateScope(db, user, q);
  const demographic = demographicOf(q, asOf);
  const rank = priorityRanker(catalogue, programme, asOf);
  const listed: Listed[] = [];
  let eligible = 0;
  let cannotDecide = 0;
  const counting = personFactsRepo.countSubtreePeople(db, unit.path, demographic);
  counting.catch(() => undefined); // awaited below; not unhandled if the evaluation fails first
  await evaluateSubtree(
    db,
    { catalogue, programme, mode, dates: [asOf], unitPath: unit.path, demographic, studyField: q.studyField ?? null, prefilter: options.prefilter ?? true },
    (row, facts, [result]) => {
      const outcome = result!.outcome;
      if (outcome === 'eligible') eligible += 1;
      else if (outcome === 'cannot_decide') cannotDecide += 1;
      if (outcome !== q.outcome) return;
      listed.push({ id: row.id, sortKey: row.sortKey, priority: rank(facts), outcome, missing: result!.missing, plannedTitles: facts.plannedTitles.filter((t) => rules.isTermCurrent(t.term, asOf)) });
    },
  );
  const people = await counting;
  listed.sort(byPriorityThenName);
  return { programme, mode, asOf, unit, counts: { people, eligible, cannotDecide, notEligible: people - eligible - cannotDecide }, listed };
}

/** Ranked candidates with their person summaries, in list order (people deleted meanwhile are left out). */
export async function candidatesOf(db: Queryable, listed: readonly Listed[], asOf: string): Promise<Candidate[]> {
  const byId = new Map((await summariesOf(db, listed.map((c) => c.id))).map((x) => [x.id, x]));
  return listed.flatMap((c): Candidate[] => {
    const person = byId.get(c.id);
    if (!person) return [];
    return [{
      person,
      age: ageOn(person.birthDate, asOf),
      outcome: c.outcome,
      priority: c.priority,
      plannedTitles: c.plannedTitles,
      missing: c.missing,
      missingLabels: missingLabels(c.missing),
    }];
  });
}

/** One page of the ranked candidate list. */
export async function listCandidates(db: Db, user: AuthUser, q: CandidatesQuery, options: { prefilter?: boolean } = {}): Promise<CandidatePage> {
  const ranked = await rankCandidates(db, user, q, options);
  return {
    programme: { code: ranked.programme.code, name: ranked.programme.name },
    mode: ranked.mode,
    asOf: ranked.asOf,
    unit: { id: ranked.unit.id, name: ranked.unit.name },
    counts: ranked.counts,
    total: ranked.listed.length,
    items: await candidatesOf(db, ranked.listed.slice(q.offset, q.offset + q.limit), ranked.asOf),
  };
}

function side(r: rules.EligibilityResult) {
  return {
    outcome: r.outcome,
    failed: r.rules.filter((x) => x.outcome === 'fail').map((x) => ({ ruleId: x.ruleId, version: x.version, description: x.description, source: x.source.code })),
    missing: r.missing,
  };
}

/**
 * Who changes status between two dates (e.g. 28/8/2025 under 57-QĐ/TW and 29/8/2025 under
 * 350-QĐ/TW): counts on each date, transitions, and the people who change, by name.
 */
export async function whatIf(db: Db, user: AuthUser, q: WhatIfQuery, options: { prefilter?: boolean } = {}): Promise<WhatIf> {
  const { unit, catalogue, programme, mode } = await resolveCandidateScope(db, user, q);
  if (q.to === q.from) throw new AppError('VALIDATION_FAILED', [fieldError('to', 'INVALID_VALUE')]);
  const demographic = demographicOf(q, q.to);
  const counts = [0, 1].map(() => ({ eligible: 0, cannotDecide: 0, notEligible: 0 }));
  const changed: { id: number; sortKey: string; from: rules.EligibilityResult; to: rules.EligibilityResult }[] = [];
  const counting = personFactsRepo.countSubtreePeople(db, unit.path, demographic);
  counting.catch(() => undefined); // awaited below; not unhandled if the evaluation fails first
  await evaluateSubtree(
    db,
    { catalogue, programme, mode, dates: [q.from, q.to], unitPath: unit.path, demographic, studyField: q.studyField ?? null, prefilter: options.prefilter ?? true },
    (row, _facts, results) => {
      results.forEach((r, i) => {
        if (r.outcome === 'eligible') counts[i]!.eligible += 1;
        else if (r.outcome === 'cannot_decide') counts[i]!.cannotDecide += 1;
      });
      const [a, b] = results as [rules.EligibilityResult, rules.EligibilityResult];
      if (a.outcome !== b.outcome) changed.push({ id: row.id, sortKey: row.sortKey, from: a, to: b });
    },
  );
  const people = await counting;
  for (const c of counts) c.notEligible = people - c.eligible - c.cannotDecide;
  const transitions = new Map<string, number>();
  for (const c of changed) transitions.set(`${c.from.outcome}>${c.to.outcome}`, (transitions.get(`${c.from.outcome}>${c.to.outcome}`) ?? 0) + 1);
  changed.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id - b.id));
  const page = changed.slice(q.offset, q.offset + q.limit);
  const summaries = await summariesOf(
    db,
    page.map((c) => c.id),
  );
  const ruleIds = (asOf: string) => rulesInForceOf(catalogue, programme.code, asOf).map((r) => `${r.id}@${r.version}`);
  return {
    programme: { code: programme.code, name: programme.name },
    mode,
    unit: { id: unit.id, name: unit.name },
    from: q.from,
    to: q.to,
    rules: { from: ruleIds(q.from), to: ruleIds(q.to) },
    counts: { from: counts[0]!, to: counts[1]!, people },
    transitions: [...transitions.entries()].map(([k, n]) => {
      const [from, to] = k.split('>') as [rules.EligibilityOutcome, rules.EligibilityOutcome];
      return { from, to, people: n };
    }),
    total: changed.length,
    items: page.flatMap((c) => {
      const person = summaries.find((x) => x.id === c.id);
      return person ? [{ person, from: side(c.from), to: side(c.to) }] : [];
    }),
  };
}
