/**
 * Gaps (khoảng trống): what a person lacks for their current title, job position and planned
 * titles, as of a date; and, for a unit subtree, how many people lack what, per direct child unit,
 * with a drill-down to the people. The engine (rules.computeGaps) decides every gap; SQL only
 * narrows the people loaded to those a standard in force applies to.
 */
import { QUALIFICATION_KINDS, rules, todayInVietnam } from '@nang-tam/domain';
import { personFactsRepo, unitsRepo, type Db, type Queryable } from '@nang-tam/db';
import type { PersonGaps, UnitGapPeople, UnitGaps } from '@nang-tam/contracts';
import { AppError, fieldError, notFound } from '../errors.js';
import type { AuthUser } from '../auth/auth-user.js';
import { loadCatalogue, withRulesErrors, type RulesCatalogue } from './rules.service.js';

// ---------- shared with the eligibility service ----------

/** A unit in the user's scope (else 404); without an id, the user's own unit. */
export async function resolveUnit(db: Queryable, user: AuthUser, unitId: number | undefined): Promise<unitsRepo.UnitRow> {
  const unit = await unitsRepo.findUnitById(db, user.scope, unitId ?? user.unitId);
  if (!unit) throw notFound();
  return unit;
}

export function toPersonSummary(r: personFactsRepo.PersonSummaryRow) {
  return {
    id: r.id,
    fullName: r.full_name,
    birthDate: r.birth_date,
    gender: r.gender as 'male' | 'female',
    ethnicity: { code: r.ethnicity_code, name: r.ethnicity_name, minority: r.minority },
    unit: { id: r.unit_id, name: r.unit_name },
    title: r.title_id !== null ? { id: r.title_id, name: r.title_name ?? '' } : null,
  };
}

/** Summaries of one page of people, in the page's order. */
export async function summariesOf(db: Queryable, ids: readonly number[]) {
  const byId = await personFactsRepo.findPersonSummaries(db, ids);
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toPersonSummary(r)] : [];
  });
}

// ---------- one person ----------

function toTarget(t: rules.TargetGaps) {
  const status = (r: rules.RequirementStatus) => ({
    ...r,
    alternativeApplied: r.alternativeApplied ? { when: r.alternativeApplied.when, level: r.alternativeApplied.level } : null,
    note: r.note ?? null,
  });
  return { role: t.role, code: t.code, name: t.name, term: t.term ?? null, requirements: t.requirements.map(status), gaps: t.gaps.map(status) };
}

export async function getPersonGaps(db: Db, user: AuthUser, personId: number, asOfInput?: string): Promise<PersonGaps> {
  const asOf = asOfInput ?? todayInVietnam();
  const row = await personFactsRepo.loadPersonFacts(db, user.scope, personId);
  if (!row) throw notFound();
  const [person] = await summariesOf(db, [personId]);
  const catalogue = await loadCatalogue(db);
  const report = withRulesErrors(() =>
    rules.computeGaps({
      person: personFactsRepo.factsOn(row, asOf),
      standards: catalogue.standards,
      levels: catalogue.levels,
      titles: catalogue.titles,
      jobPositions: catalogue.jobPositions,
      asOf,
    }),
  );
  return { person: { id: personId, fullName: person!.fullName }, asOf, targets: report.targets.map(toTarget), summary: report.summary };
}

// ---------- a unit subtree ----------

interface GapScan {
  catalogue: RulesCatalogue;
  asOf: string;
  unit: unitsRepo.UnitRow;
}

/**
 * Streams every person of the subtree a standard in force on one of `dates` could apply to, once,
 * with their gap report on each date (`reports[i]` for `dates[i]`). The facts loaded are every
 * qualification kind a standard in force on one of the dates reads: a person is loaded once whatever
 * the number of dates. The pre-filter is the union of each date's (a necessary condition only: a
 * person no standard in force on a date applies to has no requirement on it, as the engine decides).
 */
async function scanGapsOnDates(
  db: Queryable,
  scan: { catalogue: RulesCatalogue; dates: readonly string[]; unit: { path: string } },
  onPerson: (row: personFactsRepo.PersonFactsRow, reports: rules.GapReport[]) => void,
): Promise<void> {
  const { catalogue, dates } = scan;
  const evaluators = dates.map((asOf) =>
    withRulesErrors(() =>
      rules.prepareGaps({ standards: catalogue.standards, levels: catalogue.levels, titles: catalogue.titles, jobPositions: catalogue.jobPositions, asOf }),
    ),
  );
  const inForce = dates.flatMap((asOf) => withRulesErrors(() => rules.inForce(catalogue.standards, asOf)));
  const titleCodes = new Set(inForce.flatMap((s) => (s.titleCode !== undefined ? [s.titleCode] : [])));
  const jobCodes = new Set(inForce.flatMap((s) => (s.jobPositionCode !== undefined ? [s.jobPositionCode] : [])));
  const titleIds = catalogue.reference.titles.filter((t) => titleCodes.has(t.code)).map((t) => t.id);
  const jobIds = catalogue.reference.jobPositions.filter((j) => jobCodes.has(j.code)).map((j) => j.id);
  const options: personFactsRepo.FactsOptions = {
    kinds: [...new Set(inForce.map((s) => s.requirement.kind))],
    withFields: false,
    appraisalYears: 'none',
    withServiceStart: false,
  };
  const ids = await personFactsRepo.findSubtreePersonIds(db, scan.unit.path, personFactsRepo.gapTargetsCondition(titleIds, jobIds));
  for await (const chunk of personFactsRepo.streamPersonFacts(db, { ids, options })) {
    for (const row of chunk) onPerson(row, evaluators.map((evaluate) => evaluate(row.facts)));
  }
}

/**
 * For each date, how many people of a unit subtree have a standard and how many lack a qualification
 * of `kind` — the totals getUnitGaps gives on that date (`withStandards`, the people of the needs of
 * that kind) — from one scan of the subtree instead of one per date (the gaps trend, decision 0070).
 */
export async function unitGapCountsOnDates(
  db: Queryable,
  unit: { path: string },
  dates: readonly string[],
  kind: string,
): Promise<{ asOf: string; withStandards: number; lacking: number }[]> {
  const catalogue = await loadCatalogue(db);
  const out = dates.map((asOf) => ({ asOf, withStandards: 0, lacking: 0 }));
  await scanGapsOnDates(db, { catalogue, dates, unit }, (_row, reports) => {
    reports.forEach((report, i) => {
      if (!report.targets.some((t) => t.requirements.length > 0)) return;
      out[i]!.withStandards += 1;
      if (report.summary.gapCount > 0 && report.summary.needs.some((n) => n.kind === kind)) out[i]!.lacking += 1;
    });
  });
  return out;
}

/** Streams every person of the subtree a standard in force could apply to, with their gap report. */
async function scanGaps(db: Queryable, scan: GapScan, onPerson: (row: personFactsRepo.PersonFactsRow, report: rules.GapReport) => void): Promise<void> {
  await scanGapsOnDates(db, { catalogue: scan.catalogue, dates: [scan.asOf], unit: scan.unit }, (row, reports) => onPerson(row, reports[0]!));
}

const KIND_ORDER: readonly string[] = QUALIFICATION_KINDS.map((k) => k.code);

class GapTally {
  people = 0;
  withStandards = 0;
  withGaps = 0;
  private readonly needs = new Map<string, number>();

  add(report: rules.GapReport): void {
    if (!report.targets.some((t) => t.requirements.length > 0)) return;
    this.withStandards += 1;
    if (report.summary.gapCount === 0) return;
    this.withGaps += 1;
    for (const n of report.summary.needs) {
      const key = `${n.kind}\u001f${n.level}`;
      this.needs.set(key, (this.needs.get(key) ?? 0) + 1);
    }
  }

  merge(other: GapTally): void {
    this.withStandards += other.withStandards;
    this.withGaps += other.withGaps;
    for (const [k, v] of other.needs) this.needs.set(k, (this.needs.get(k) ?? 0) + v);
  }

  toRow(levels: rules.LevelCatalogue) {
    const needs = [...this.needs.entries()].map(([key, people]) => {
      const [kind, level] = key.split('\u001f') as [string, string];
      return { kind, level, levelName: rules.levelName(levels, kind, level), people };
    });
    const rank = (kind: string, level: string) => levels[kind]?.[level]?.rank ?? 0;
    needs.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || rank(a.kind, a.level) - rank(b.kind, b.level));
    return { people: this.people, withStandards: this.withStandards, withGaps: this.withGaps, needs };
  }
}

/**
 * The gaps dashboard of a unit: for its whole subtree and for each direct child unit (and the
 * people placed directly in the unit), how many people have standards, how many lack something,
 * and how many lack each qualification (per kind, the highest level they need).
 */
export async function getUnitGaps(db: Db, user: AuthUser, unitId: number, asOfInput?: string): Promise<UnitGaps> {
  const asOf = asOfInput ?? todayInVietnam();
  const unit = await resolveUnit(db, user, unitId);
  const children = await unitsRepo.findUnitChildren(db, user.scope, unit.id);
  const catalogue = await loadCatalogue(db);
  const direct = new GapTally();
  const perChild = children.map((c) => ({ unit: c, tally: new GapTally() }));
  const byChildId = new Map(perChild.map((c) => [String(c.unit.id), c]));
  // a path is '/…/<unit id>/<child id>/…': the segment after the unit's own path names the child
  const childOf = (path: string) => byChildId.get(path.slice(unit.path.length).split('/', 1)[0]!);
  await scanGaps(db, { catalogue, asOf, unit }, (row, report) => (childOf(row.unitPath)?.tally ?? direct).add(report));
  const total = new GapTally();
  total.people = unit.people_count;
  direct.people = unit.people_count - children.reduce((n, c) => n + c.people_count, 0);
  total.merge(direct);
  for (const c of perChild) {
    c.tally.people = c.unit.people_count;
    total.merge(c.tally);
  }
  const rows: UnitGaps['children'] = perChild.map((c) => ({ unit: { id: c.unit.id, name: c.unit.name }, ...c.tally.toRow(catalogue.levels) }));
  if (direct.people > 0 || direct.withStandards > 0) rows.unshift({ unit: null, ...direct.toRow(catalogue.levels) });
  return { unit: { id: unit.id, name: unit.name }, asOf, totals: total.toRow(catalogue.levels), children: rows };
}

/**
 * Everyone of a unit subtree who lacks something their post or a planned post requires, with what
 * they need (per kind, the highest level), as of a date: the raw material of a needs suggestion.
 */
export async function subtreeGapNeeds(db: Queryable, unit: unitsRepo.UnitRow, asOf: string): Promise<{ personId: number; needs: rules.GapNeed[] }[]> {
  const catalogue = await loadCatalogue(db);
  const out: { personId: number; needs: rules.GapNeed[] }[] = [];
  await scanGaps(db, { catalogue, asOf, unit }, (row, report) => {
    if (report.summary.gapCount > 0) out.push({ personId: row.id, needs: report.summary.needs });
  });
  return out;
}

/** The people of a unit subtree who lack a qualification kind (at one needed level, if given). */
export async function listUnitGapPeople(
  db: Db,
  user: AuthUser,
  unitId: number,
  q: { kind: string; level?: string; asOf?: string; limit: number; offset: number },
): Promise<UnitGapPeople> {
  const asOf = q.asOf ?? todayInVietnam();
  const unit = await resolveUnit(db, user, unitId);
  const catalogue = await loadCatalogue(db);
  if (q.level !== undefined && !catalogue.levels[q.kind]?.[q.level]) throw new AppError('VALIDATION_FAILED', [fieldError('level', 'UNKNOWN_LEVEL')]);
  const matches: { id: number; sortKey: string; needs: rules.GapNeed[] }[] = [];
  await scanGaps(db, { catalogue, asOf, unit }, (row, report) => {
    const need = report.summary.needs.find((n) => n.kind === q.kind);
    if (need && (q.level === undefined || need.level === q.level)) matches.push({ id: row.id, sortKey: row.sortKey, needs: report.summary.needs });
  });
  matches.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id - b.id));
  const page = matches.slice(q.offset, q.offset + q.limit);
  const needsById = new Map(page.map((m) => [m.id, m.needs]));
  const people = await summariesOf(
    db,
    page.map((m) => m.id),
  );
  return {
    unit: { id: unit.id, name: unit.name },
    asOf,
    kind: q.kind,
    level: q.level ?? null,
    total: matches.length,
    items: people.map((p) => ({ ...p, needs: needsById.get(p.id) ?? [] })),
  };
}
