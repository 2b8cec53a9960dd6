import { describe, expect, it } from 'vitest';
import { scrollWidth, storageKey, visibleKeys, type PickableColumn } from './columns';

const cols: PickableColumn[] = [
  { key: 'name', width: 200 },
  { key: 'birth', width: 120 },
  { key: 'gender', width: 90, hiddenByDefault: true },
  { key: 'llct', width: 110 },
];

describe('column choice', () => {
  it.each([
    { stored: null, want: ['name', 'birth', 'llct'] },
    { stored: '["gender"]', want: ['name', 'gender'] },
    { stored: '["birth","gender","llct"]', want: ['name', 'birth', 'gender', 'llct'] },
    { stored: '[]', want: ['name'] },
    { stored: '["unknown","llct"]', want: ['name', 'llct'] },
    { stored: 'not json', want: ['name', 'birth', 'llct'] },
    { stored: '{"a":1}', want: ['name', 'birth', 'llct'] },
    { stored: '[1,2]', want: ['name', 'birth', 'llct'] },
  ])('stored $stored shows $want', ({ stored, want }) => {
    expect(visibleKeys(cols, stored)).toEqual(want);
  });

  it('sums the widths of the shown columns', () => {
    expect(scrollWidth(cols, ['name', 'birth', 'llct'])).toBe(430);
    expect(scrollWidth(cols, ['name'])).toBe(200);
  });

  it('keys the choice by user and table', () => {
    expect(storageKey(7, 'registry')).toBe('nt.columns.7.registry');
    expect(storageKey(7, 'registry')).not.toBe(storageKey(8, 'registry'));
  });
});
