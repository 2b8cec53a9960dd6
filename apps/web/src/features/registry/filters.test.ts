import { describe, expect, it } from 'vitest';
import { changeRegistryParams, countActiveFilters, parseRegistryState, toApiParams, type RegistryChanges } from './filters';

const state = (query: string) => parseRegistryState(new URLSearchParams(query));

describe('the registry list a link reproduces', () => {
  it('opens on everyone by name, 20 a page, with the subtree of the chosen unit', () => {
    expect(state('')).toEqual({ q: '', unitId: null, subtree: true, filters: {}, sort: 'name', page: 1, pageSize: 20 });
  });

  it('reads every part of the list from the URL', () => {
    expect(state('q=an&unitId=12&subtree=false&category=cong_chuc&politicalTheoryLevel=none&sort=-birthDate&page=3&pageSize=50')).toEqual({
      q: 'an',
      unitId: 12,
      subtree: false,
      filters: { category: 'cong_chuc', politicalTheoryLevel: 'none' },
      sort: '-birthDate',
      page: 3,
      pageSize: 50,
    });
  });

  it.each([
    ['a unit that is not a number', 'unitId=abc', { unitId: null }],
    ['a unit 0', 'unitId=0', { unitId: null }],
    ['a negative page', 'page=-2', { page: 1 }],
    ['a page size the list does not offer', 'pageSize=33', { pageSize: 20 }],
    ['a sort order the API does not know', 'sort=salary', { sort: 'name' }],
    ['an unknown filter', 'salary=high', { filters: {} }],
    ['an empty filter', 'category=', { filters: {} }],
  ])('falls back to the default for %s', (_what, query, part) => {
    expect(state(query)).toMatchObject(part);
  });
});

describe('the request the list sends', () => {
  it.each([
    ['nothing chosen: sorted by name only', '', { sort: 'name' }],
    ['the search trimmed', 'q=%20%20Nguy%E1%BB%85n%20', { q: 'Nguyễn', sort: 'name' }],
    ['only spaces searched: no search', 'q=%20%20', { sort: 'name' }],
    ['a unit with its subtree', 'unitId=5', { unitId: '5', sort: 'name' }],
    ['a unit without its subtree', 'unitId=5&subtree=false', { unitId: '5', subtree: 'false', sort: 'name' }],
    ['"without subtree" and no unit: nothing to say', 'subtree=false', { sort: 'name' }],
    [
      'filters and the sort',
      'gender=female&partyMembership=unknown&sort=-updatedAt',
      { gender: 'female', partyMembership: 'unknown', sort: '-updatedAt' },
    ],
  ])('%s', (_what, query, params) => {
    expect(toApiParams(state(query))).toEqual(params);
  });

  it('counts the filters chosen (the badge on the filter button)', () => {
    expect(countActiveFilters(state('category=can_bo&gender=male&q=an&unitId=3'))).toBe(2);
    expect(countActiveFilters(state(''))).toBe(0);
  });
});

describe('changing the list', () => {
  const change = (query: string, changes: RegistryChanges, opts?: { keepPage?: boolean }) =>
    changeRegistryParams(new URLSearchParams(query), changes, opts).toString();

  it.each<[string, string, RegistryChanges, { keepPage?: boolean } | undefined, string]>([
    ['a new filter goes back to page 1', 'category=can_bo&page=4', { gender: 'male' }, undefined, 'category=can_bo&gender=male'],
    ['turning pages keeps the filters', 'category=can_bo&page=4', { page: 5 }, { keepPage: true }, 'category=can_bo&page=5'],
    ['back to page 1 leaves the page out', 'page=4', { page: 1 }, { keepPage: true }, ''],
    ['clearing a filter removes it', 'category=can_bo&gender=male', { category: null }, undefined, 'gender=male'],
    ['an empty search removes it', 'q=an', { q: '' }, undefined, ''],
    ['"include subordinate units" is the default', 'unitId=3&subtree=false', { subtree: true }, undefined, 'unitId=3'],
    ['"only this unit" is written', 'unitId=3', { subtree: 'false' }, undefined, 'unitId=3&subtree=false'],
    ['a false flag removes the parameter', 'partyMember=true', { partyMember: false }, undefined, ''],
    ['sorting by name is the default', 'sort=-name', { sort: 'name' }, undefined, ''],
    ['the default page size is left out', 'pageSize=50&page=2', { pageSize: 20 }, undefined, ''],
    ['other parameters stay as they were', 'unitId=3&sort=-birthDate', { q: 'bình' }, undefined, 'unitId=3&sort=-birthDate&q=b%C3%ACnh'],
  ])('%s', (_what, query, changes, opts, expected) => {
    expect(change(query, changes, opts)).toBe(expected);
  });

  it('does not touch the URL it was given', () => {
    const prev = new URLSearchParams('page=3');
    changeRegistryParams(prev, { gender: 'male' });
    expect(prev.toString()).toBe('page=3');
  });
});
