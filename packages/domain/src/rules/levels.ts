/** Qualification levels: ranks, names, and the highest level a person holds on a date. */
import type { IsoDate } from '../dates.js';
import type { HeldQualification, LevelCatalogue, LevelInfo } from './facts.js';
import { RulesError } from './errors.js';
import type { LevelAlternative, Requirement } from './types.js';

export function levelInfo(levels: LevelCatalogue, kind: string, level: string): LevelInfo | undefined {
  return levels[kind]?.[level];
}

/** The level's info; a level missing from the catalogue here is a rule that skipped validation. */
export function requireLevel(levels: LevelCatalogue, kind: string, level: string): LevelInfo {
  const info = levelInfo(levels, kind, level);
  if (!info) throw new RulesError('INVALID_RULE', `Không có trình độ ${kind}/${level} trong danh mục.`, { kind, level });
  return info;
}

export function levelName(levels: LevelCatalogue, kind: string, level: string | null): string {
  if (level === null) return 'chưa có';
  return levelInfo(levels, kind, level)?.name ?? level;
}

export interface HeldLevel {
  level: string;
  rank: number;
}

/**
 * The highest level of `kind` held on asOf. Qualifications awarded after asOf, without a level, or
 * with a level the catalogue does not know are ignored.
 */
export function highestHeld(qualifications: readonly HeldQualification[], levels: LevelCatalogue, kind: string, asOf: IsoDate): HeldLevel | null {
  let best: HeldLevel | null = null;
  for (const q of qualifications) {
    if (q.kind !== kind || q.level === null) continue;
    if (q.awardedOn !== null && q.awardedOn > asOf) continue;
    const info = levelInfo(levels, kind, q.level);
    if (info && (best === null || info.rank > best.rank)) best = { level: q.level, rank: info.rank };
  }
  return best;
}

export interface RequirementCheck {
  met: boolean;
  held: HeldLevel | null;
  /** The alternative that made the requirement met, if the main level did not. */
  alternativeApplied: LevelAlternative | null;
}

/** Whether a person with `held` and the given conditions meets the requirement. */
export function meetsRequirement(req: Requirement, held: HeldLevel | null, levels: LevelCatalogue, conditions: { ethnicMinority: boolean }): RequirementCheck {
  const heldRank = held?.rank ?? 0;
  if (heldRank >= requireLevel(levels, req.kind, req.minLevel).rank) return { met: true, held, alternativeApplied: null };
  for (const alt of req.alternatives ?? []) {
    const applies = alt.when === 'ethnic_minority' && conditions.ethnicMinority;
    if (applies && heldRank >= requireLevel(levels, req.kind, alt.level).rank) return { met: true, held, alternativeApplied: alt };
  }
  return { met: false, held, alternativeApplied: null };
}
