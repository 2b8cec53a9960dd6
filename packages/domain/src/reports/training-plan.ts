/**
 * How the person-time cells of a form are counted through the training statistics (decision 0047's
 * statisticsTable, the one definition of a person-time): cells that differ only in programme kind
 * and level share one call grouped by programme (its kind and level known), summed here; cells whose
 * other condition is only a list of modes or of organiser types share one call grouped by programme
 * and that dimension; a cell whose only other condition is female, ethnic minority, party member or
 * young reads that counter of the unfiltered call. Distinct people cannot be summed across groups:
 * each such cell is one call of its own.
 */
import type { CellQuery, ResolvedFilter } from './definitions.js';

export interface StatFilters {
  programmeCodes?: string[];
  modes?: string[];
  organiserTypes?: string[];
  gender?: 'male' | 'female';
  ethnicMinority?: boolean;
  partyMember?: boolean;
  young?: boolean;
  programmeKinds?: string[];
  programmeLevels?: string[];
}

/** The counters statisticsTable returns per group. */
export type StatCounter = 'person_times' | 'people' | 'female' | 'minority' | 'party_member' | 'young';

export type SecondDimension = 'mode' | 'organiserType';

export interface GroupedCell {
  id: number;
  kinds: string[] | null;
  levels: string[] | null;
  /** the codes of the call's second dimension this cell keeps (null: the call has none) */
  second: string[] | null;
  counter: StatCounter;
}

export interface TrainingCalls {
  /** grouped by programme, and by `second` when given */
  grouped: { filters: StatFilters; second: SecondDimension | null; cells: GroupedCell[] }[];
  /** no grouping: the counter of the single total row */
  single: { id: number; filters: StatFilters; counter: StatCounter }[];
}

const COUNTER_OF: Record<string, StatCounter> = {
  'gender:"female"': 'female',
  'ethnicMinority:true': 'minority',
  'partyMember:true': 'party_member',
  'young:true': 'young',
};

function statFilters(f: ResolvedFilter, withProgramme: boolean): StatFilters {
  const out: StatFilters = {};
  for (const k of ['programmeCodes', 'modes', 'organiserTypes', 'gender', 'ethnicMinority', 'partyMember', 'young'] as const) {
    if (f[k] !== undefined) (out as Record<string, unknown>)[k] = f[k];
  }
  if (withProgramme) {
    if (f.programmeKinds) out.programmeKinds = f.programmeKinds;
    if (f.programmeLevels) out.programmeLevels = f.programmeLevels;
  }
  return out;
}

/** The calls for the training cells (`id` = the cell's index); cells holding nobody are left out. */
export function planTrainingCalls(cells: readonly { id: number; cell: CellQuery }[]): TrainingCalls {
  const grouped = new Map<string, { filters: StatFilters; second: SecondDimension | null; cells: GroupedCell[] }>();
  const single: TrainingCalls['single'] = [];
  for (const { id, cell } of cells) {
    if (cell.filter === null) continue;
    if (cell.measure === 'people_trained') {
      single.push({ id, filters: statFilters(cell.filter, true), counter: 'people' });
      continue;
    }
    let filters = statFilters(cell.filter, false);
    let counter: StatCounter = 'person_times';
    let second: SecondDimension | null = null;
    let secondCodes: string[] | null = null;
    const entries = Object.entries(filters);
    if (entries.length === 1) {
      const [field, value] = entries[0]!;
      const c = COUNTER_OF[`${field}:${JSON.stringify(value)}`];
      if (c) {
        counter = c;
        filters = {};
      } else if (field === 'modes' || field === 'organiserTypes') {
        second = field === 'modes' ? 'mode' : 'organiserType';
        secondCodes = value as string[];
        filters = {};
      }
    }
    const key = `${second ?? ''}|${JSON.stringify(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)))}`;
    let call = grouped.get(key);
    if (!call) grouped.set(key, (call = { filters, second, cells: [] }));
    call.cells.push({
      id,
      kinds: cell.filter.programmeKinds ?? null,
      levels: cell.filter.programmeLevels ?? null,
      second: secondCodes,
      counter,
    });
  }
  return { grouped: [...grouped.values()], single };
}

/** A grouped cell's value from the rows (codes [programme, second?]) of its call; `programmes` gives each code's kind and level. */
export function sumGroups(
  cell: GroupedCell,
  rows: readonly { codes: readonly string[]; counts: Readonly<Record<StatCounter, number>> }[],
  programmes: ReadonlyMap<string, { kind: string; level: string | null }>,
): number {
  let total = 0;
  for (const r of rows) {
    const [code = '', secondCode = ''] = r.codes;
    const p = programmes.get(code);
    if (cell.kinds && !(p && cell.kinds.includes(p.kind))) continue;
    if (cell.levels && !(p?.level && cell.levels.includes(p.level))) continue;
    if (cell.second && !cell.second.includes(secondCode)) continue;
    total += r.counts[cell.counter];
  }
  return total;
}
