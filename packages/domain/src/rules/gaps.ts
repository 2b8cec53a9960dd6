/**
 * Gaps (khoảng trống): the standards of a person's current title, current job position and every
 * title they are planned for, minus what they hold on asOf.
 */
import type { IsoDate } from '../dates.js';
import { QUALIFICATION_KINDS, labelOf } from '../vocabulary.js';
import { isTermCurrent } from './checks.js';
import { RulesError } from './errors.js';
import type { JobPositionCatalogue, LevelCatalogue, PersonFacts, TitleCatalogue } from './facts.js';
import { highestHeld, levelName, meetsRequirement, requireLevel } from './levels.js';
import { assertAsOf, inForce } from './period.js';
import type { LevelAlternative, SourceDocument, Standard } from './types.js';
import { validateStandard } from './validate.js';

export interface ComputeGapsInput {
  person: PersonFacts;
  standards: readonly Standard[];
  levels: LevelCatalogue;
  titles?: TitleCatalogue;
  jobPositions?: JobPositionCatalogue;
  asOf: string;
}

export type GapTargetRole = 'current_title' | 'job_position' | 'planned_title';

export interface RequirementStatus {
  standardId: string;
  version: number;
  description: string;
  kind: string;
  requiredLevel: string;
  requiredLevelName: string;
  heldLevel: string | null;
  heldLevelName: string;
  met: boolean;
  /** The alternative that made it met (e.g. upper secondary for an ethnic-minority cadre). */
  alternativeApplied: LevelAlternative | null;
  /** The lowest level that closes the gap for this person (the alternative when one applies); null when met. */
  neededLevel: string | null;
  source: SourceDocument;
  note?: string;
}

export interface TargetGaps {
  role: GapTargetRole;
  code: string;
  name: string;
  term?: string;
  requirements: RequirementStatus[];
  met: RequirementStatus[];
  gaps: RequirementStatus[];
}

/** What training would close the gaps of one qualification kind: the highest level needed. */
export interface GapNeed {
  kind: string;
  level: string;
  levelName: string;
  /** Codes of the titles / job position that have a gap of this kind. */
  forTargets: string[];
}

export interface GapSummary {
  targetCount: number;
  targetsWithGaps: number;
  gapCount: number;
  needs: GapNeed[];
  text: string;
}

export interface GapReport {
  asOf: IsoDate;
  targets: TargetGaps[];
  summary: GapSummary;
}

interface Target {
  role: GapTargetRole;
  code: string;
  term?: string;
}

/** Current title, current job position, then each planned title of a current term (once each). */
function targetsOf(person: PersonFacts, asOf: IsoDate): Target[] {
  const out: Target[] = [];
  if (person.currentTitleCode !== null) out.push({ role: 'current_title', code: person.currentTitleCode });
  if (person.jobPositionCode !== null) out.push({ role: 'job_position', code: person.jobPositionCode });
  const seen = new Set(person.currentTitleCode !== null ? [person.currentTitleCode] : []);
  for (const plan of person.plannedTitles) {
    if (seen.has(plan.titleCode) || !isTermCurrent(plan.term, asOf)) continue;
    seen.add(plan.titleCode);
    out.push({ role: 'planned_title', code: plan.titleCode, term: plan.term });
  }
  return out;
}

function appliesTo(standard: Standard, target: Target): boolean {
  return target.role === 'job_position' ? standard.jobPositionCode === target.code : standard.titleCode === target.code;
}

function statusOf(standard: Standard, input: ComputeGapsInput, asOf: IsoDate): RequirementStatus {
  const { requirement: req } = standard;
  const { person, levels } = input;
  const held = highestHeld(person.qualifications, levels, req.kind, asOf);
  const r = meetsRequirement(req, held, levels, { ethnicMinority: person.ethnicMinority });
  const alternative = (req.alternatives ?? []).find((a) => a.when === 'ethnic_minority' && person.ethnicMinority);
  return {
    standardId: standard.id,
    version: standard.version,
    description: standard.description,
    kind: req.kind,
    requiredLevel: req.minLevel,
    requiredLevelName: levelName(levels, req.kind, req.minLevel),
    heldLevel: held?.level ?? null,
    heldLevelName: levelName(levels, req.kind, held?.level ?? null),
    met: r.met,
    alternativeApplied: r.alternativeApplied,
    neededLevel: r.met ? null : (alternative?.level ?? req.minLevel),
    source: standard.source,
    ...(standard.note ? { note: standard.note } : {}),
  };
}

function targetName(target: Target, input: ComputeGapsInput): string {
  if (target.role === 'job_position') return input.jobPositions?.[target.code]?.name ?? target.code;
  return input.titles?.[target.code]?.name ?? target.code;
}

function needsOf(targets: readonly TargetGaps[], levels: LevelCatalogue): GapNeed[] {
  const byKind = new Map<string, GapNeed & { rank: number }>();
  for (const t of targets) {
    for (const g of t.gaps) {
      const level = g.neededLevel ?? g.requiredLevel;
      const rank = requireLevel(levels, g.kind, level).rank;
      const need = byKind.get(g.kind);
      if (!need) byKind.set(g.kind, { kind: g.kind, level, levelName: levelName(levels, g.kind, level), forTargets: [t.code], rank });
      else {
        if (!need.forTargets.includes(t.code)) need.forTargets.push(t.code);
        if (rank > need.rank) Object.assign(need, { level, levelName: levelName(levels, g.kind, level), rank });
      }
    }
  }
  return [...byKind.values()].map(({ rank: _rank, ...need }) => need);
}

function summaryText(s: Omit<GapSummary, 'text'>): string {
  if (s.targetCount === 0) return 'Chưa có chức danh, vị trí việc làm hoặc quy hoạch để xác định khoảng trống.';
  if (s.gapCount === 0) return `Đáp ứng đủ tiêu chuẩn của ${s.targetCount} chức danh, vị trí.`;
  const needs = s.needs.map((n) => `${labelOf(QUALIFICATION_KINDS, n.kind)}: ${n.levelName}`).join('; ');
  return `${s.gapCount} khoảng trống ở ${s.targetsWithGaps}/${s.targetCount} chức danh, vị trí — cần: ${needs}.`;
}

/** Everything computeGaps needs except the person. */
export type GapsContext = Omit<ComputeGapsInput, 'person'>;

/** computeGaps with the standards and date fixed: for evaluating many people. */
export type PreparedGaps = (person: PersonFacts) => GapReport;

/**
 * Does the per-date work of computeGaps once (date checked, standards in force picked and
 * validated) and returns a function that computes one person's gaps. Throws as computeGaps does.
 */
export function prepareGaps(input: GapsContext): PreparedGaps {
  const { asOf } = input;
  assertAsOf(asOf);
  const standards = inForce(input.standards, asOf);
  for (const s of standards) {
    const errors = validateStandard(s, input.levels);
    if (errors.length > 0) throw new RulesError('INVALID_RULE', `Tiêu chuẩn ${s.id} (phiên bản ${s.version}) không hợp lệ.`, { standardId: s.id, version: s.version, errors });
  }
  // the standards of each title and job position, in their order, looked up once per target
  const byTarget = new Map<string, Standard[]>();
  for (const s of standards) {
    const key = s.jobPositionCode !== undefined ? `j:${s.jobPositionCode}` : `t:${s.titleCode}`;
    const list = byTarget.get(key);
    if (list) list.push(s);
    else byTarget.set(key, [s]);
  }
  return (person) => {
    const full: ComputeGapsInput = { ...input, person };
    const targets = targetsOf(person, asOf).map((target): TargetGaps => {
      const applying = byTarget.get(`${target.role === 'job_position' ? 'j' : 't'}:${target.code}`) ?? [];
      const requirements = applying.filter((s) => appliesTo(s, target)).map((s) => statusOf(s, full, asOf));
      return {
        ...target,
        name: targetName(target, full),
        requirements,
        met: requirements.filter((r) => r.met),
        gaps: requirements.filter((r) => !r.met),
      };
    });
    const partial = {
      targetCount: targets.length,
      targetsWithGaps: targets.filter((t) => t.gaps.length > 0).length,
      gapCount: targets.reduce((n, t) => n + t.gaps.length, 0),
      needs: needsOf(targets, input.levels),
    };
    return { asOf, targets, summary: { ...partial, text: summaryText(partial) } };
  };
}

/**
 * The gaps of a person on asOf, per target (current title, job position, planned titles), with
 * sources, and a summary of what training would close them. Throws RulesError INVALID_AS_OF for a
 * bad date and INVALID_RULE for a standard in force that does not validate.
 */
export function computeGaps(input: ComputeGapsInput): GapReport {
  return prepareGaps(input)(input.person);
}
