/**
 * The needs aggregation arithmetic: submitted answers' lines summed by programme, mode, quarter,
 * answering unit (with the roll-up of each unit's subtree) and target group. The target groups
 * (young, female, ethnic minority, planned cadres) can only be counted over the people a line
 * names: each tally says how many of its people were named, so a reader sees what the group
 * counts cover. Pure: the SQL gathers the facts (one row per line, with its named people counted by group).
 */
import type { StudyMode } from '../rules/types.js';
import { QUARTERS } from './needs.js';

/**
 * A line's named people by target group (judged on the campaign's dates): how many are named, and
 * of them young, female, ethnic minority, planned (a planning entry of a current term).
 */
export interface NamedCounts {
  count: number;
  young: number;
  female: number;
  minority: number;
  planned: number;
}

export interface AnswerLineFact {
  unitId: number;
  programmeCode: string;
  mode: StudyMode;
  quarter: number;
  people: number;
  named: NamedCounts;
}

export interface Tally {
  people: number;
  named: number;
  young: number;
  female: number;
  minority: number;
  planned: number;
}

export const emptyTally = (): Tally => ({ people: 0, named: 0, young: 0, female: 0, minority: 0, planned: 0 });

export function addLine(t: Tally, l: Pick<AnswerLineFact, 'people' | 'named'>): void {
  t.people += l.people;
  t.named += l.named.count;
  t.young += l.named.young;
  t.female += l.named.female;
  t.minority += l.named.minority;
  t.planned += l.named.planned;
}

export function addTally(into: Tally, t: Tally): void {
  into.people += t.people;
  into.named += t.named;
  into.young += t.young;
  into.female += t.female;
  into.minority += t.minority;
  into.planned += t.planned;
}

export interface ProgrammeRow {
  programmeCode: string;
  total: Tally;
  byMode: Partial<Record<StudyMode, number>>;
  /** People per quarter 1–4. */
  byQuarter: [number, number, number, number];
}

export interface UnitNode {
  id: number;
  parentId: number | null;
}

export interface UnitRow {
  unitId: number;
  /** The unit's own answer. */
  own: Tally;
  /** The unit and every unit below it in the tree. */
  subtree: Tally;
}

export interface NeedsAggregate {
  total: Tally;
  byProgramme: ProgrammeRow[];
  byMode: { mode: StudyMode; people: number }[];
  byQuarter: [number, number, number, number];
  byUnit: UnitRow[];
}

/**
 * Sums the lines. `programmeOrder` orders the programme rows (the campaign's offer order; others
 * after, by code); `units` is the tree the roll-up climbs (each unit's subtree total is its own plus
 * its children's, climbing parent links until a unit outside `units`); rows come in `units` order,
 * leaving out units with nothing in their subtree.
 */
export function aggregateNeeds(
  lines: readonly AnswerLineFact[],
  programmeOrder: readonly string[],
  units: readonly UnitNode[],
): NeedsAggregate {
  const total = emptyTally();
  const programmes = new Map<string, ProgrammeRow>();
  const modes = new Map<StudyMode, number>();
  const byQuarter: [number, number, number, number] = [0, 0, 0, 0];
  const own = new Map<number, Tally>();
  for (const l of lines) {
    if (!QUARTERS.includes(l.quarter as 1)) throw new RangeError(`quarter ${l.quarter}`);
    addLine(total, l);
    const row = programmes.get(l.programmeCode) ?? {
      programmeCode: l.programmeCode,
      total: emptyTally(),
      byMode: {},
      byQuarter: [0, 0, 0, 0],
    };
    programmes.set(l.programmeCode, row);
    addLine(row.total, l);
    row.byMode[l.mode] = (row.byMode[l.mode] ?? 0) + l.people;
    row.byQuarter[l.quarter - 1]! += l.people;
    modes.set(l.mode, (modes.get(l.mode) ?? 0) + l.people);
    byQuarter[l.quarter - 1]! += l.people;
    const t = own.get(l.unitId) ?? emptyTally();
    own.set(l.unitId, t);
    addLine(t, l);
  }
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const subtree = new Map<number, Tally>();
  for (const [unitId, t] of own) {
    // climb from the answering unit to the top of the given tree, adding to each
    for (
      let id: number | null = unitId, guard = 0;
      id !== null && parentOf.has(id) && guard < 1000;
      id = parentOf.get(id) ?? null, guard += 1
    ) {
      const s = subtree.get(id) ?? emptyTally();
      subtree.set(id, s);
      addTally(s, t);
    }
  }
  const rank = new Map(programmeOrder.map((c, i) => [c, i]));
  const byProgramme = [...programmes.values()].sort(
    (a, b) => (rank.get(a.programmeCode) ?? 1e9) - (rank.get(b.programmeCode) ?? 1e9) || a.programmeCode.localeCompare(b.programmeCode),
  );
  const MODE_ORDER: StudyMode[] = ['full_time', 'part_time', 'online'];
  return {
    total,
    byProgramme,
    byMode: MODE_ORDER.filter((m) => modes.has(m)).map((mode) => ({ mode, people: modes.get(mode)! })),
    byQuarter,
    byUnit: units
      .filter((u) => subtree.has(u.id))
      .map((u) => ({ unitId: u.id, own: own.get(u.id) ?? emptyTally(), subtree: subtree.get(u.id)! })),
  };
}

/** A share in percent with one decimal, rounded half up (0 when the whole is 0). */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.round((part * 1000) / whole) / 10;
}
