/**
 * The registry's state lives in the URL query string, so a link reproduces the list:
 * /people?unitId=12&category=cong_chuc&politicalTheoryLevel=none&sort=-birthDate&page=3
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { PeopleQuery } from '@nang-tam/contracts';

export const FILTER_KEYS = [
  'category',
  'titleId',
  'managementScopeId',
  'gender',
  'ethnicity',
  'ageBand',
  'educationLevel',
  'politicalTheoryLevel',
  'stateManagementLevel',
  'plannedTitleId',
  'planningTerm',
  'partyMembership',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export type PeopleSort = PeopleQuery['sort'];
/** The sort orders of GET /people (the same list as contracts' PEOPLE_SORTS, kept type-only here). */
const PEOPLE_SORTS = ['name', '-name', 'birthDate', '-birthDate', 'updatedAt', '-updatedAt', 'unit'] as const satisfies readonly PeopleSort[];
// Fails to compile if the API gains a sort order this list lacks.
const allSortsCovered: Exclude<PeopleSort, (typeof PEOPLE_SORTS)[number]> extends never ? true : false = true;
void allSortsCovered;
export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

export interface RegistryState {
  q: string;
  unitId: number | null;
  /** Include the unit's subordinate units (default). */
  subtree: boolean;
  filters: Partial<Record<FilterKey, string>>;
  sort: PeopleSort;
  page: number;
  pageSize: number;
}

function positiveInt(v: string | null): number | null {
  if (!v || !/^\d{1,9}$/.test(v)) return null;
  const n = Number(v);
  return n > 0 ? n : null;
}

export function parseRegistryState(sp: URLSearchParams): RegistryState {
  const filters: Partial<Record<FilterKey, string>> = {};
  for (const k of FILTER_KEYS) {
    const v = sp.get(k);
    if (v) filters[k] = v;
  }
  const sort = sp.get('sort');
  const size = positiveInt(sp.get('pageSize'));
  return {
    q: sp.get('q') ?? '',
    unitId: positiveInt(sp.get('unitId')),
    subtree: sp.get('subtree') !== 'false',
    filters,
    sort: (PEOPLE_SORTS as readonly string[]).includes(sort ?? '') ? (sort as PeopleSort) : 'name',
    page: positiveInt(sp.get('page')) ?? 1,
    pageSize: size && (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

/** Query parameters of GET /people (and, without limit/offset, the body of the export). */
export function toApiParams(s: RegistryState): Record<string, string> {
  const p: Record<string, string> = {};
  const q = s.q.trim();
  if (q) p.q = q;
  if (s.unitId) {
    p.unitId = String(s.unitId);
    if (!s.subtree) p.subtree = 'false';
  }
  for (const [k, v] of Object.entries(s.filters)) if (v) p[k] = v;
  p.sort = s.sort;
  return p;
}

export function countActiveFilters(s: RegistryState): number {
  return Object.values(s.filters).filter(Boolean).length;
}

export type RegistryChanges = Record<string, string | number | boolean | null | undefined>;

/**
 * The URL query after some changes: an empty value (null, '', false) removes its parameter, any
 * change but paging goes back to page 1, and defaults stay out of the URL (sort by name, the unit's
 * subtree, the default page size, page 1).
 */
export function changeRegistryParams(prev: URLSearchParams, changes: RegistryChanges, opts: { keepPage?: boolean } = {}): URLSearchParams {
  const next = new URLSearchParams(prev);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '' || v === false) next.delete(k);
    else next.set(k, String(v));
  }
  if (!opts.keepPage) next.delete('page');
  if (next.get('sort') === 'name') next.delete('sort');
  if (next.get('subtree') === 'true') next.delete('subtree');
  if (next.get('pageSize') === String(DEFAULT_PAGE_SIZE)) next.delete('pageSize');
  if (next.get('page') === '1') next.delete('page');
  return next;
}

export function useRegistryState() {
  const [sp, setSp] = useSearchParams();
  const state = useMemo(() => parseRegistryState(sp), [sp]);

  /** Changes some parameters; any change but paging goes back to page 1. */
  const update = useCallback(
    (changes: RegistryChanges, opts: { keepPage?: boolean; replace?: boolean } = {}) => {
      setSp((prev) => changeRegistryParams(prev, changes, opts), { replace: opts.replace ?? false });
    },
    [setSp],
  );

  const clearFilters = useCallback(() => {
    const clear: Record<string, null> = {};
    for (const k of FILTER_KEYS) clear[k] = null;
    update(clear);
  }, [update]);

  return { state, update, clearFilters };
}
