import { describe, expect, it } from 'vitest';
import { foldVietnamese, nameSortKey, normaliseSpaces, searchWords } from './text.js';

describe('foldVietnamese', () => {
  it.each([
    ['Nguyễn Văn An', 'nguyen van an'],
    ['ĐẶNG THỊ ĐÀO', 'dang thi dao'],
    ['Lò  Thị   Dung ', 'lo thi dung'],
    ['Hầu A Páo', 'hau a pao'],
    ['Trường Chính trị tỉnh', 'truong chinh tri tinh'],
    // decomposed input (NFD) folds the same as composed input
    ['Nguye\u0302\u0303n', 'nguyen'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });
});

describe('searchWords', () => {
  it.each([
    ['nguyen van', ['nguyen', 'van']],
    ['  Nguyễn   VĂN ', ['nguyen', 'van']],
    ['100%_an', ['100', 'an']],
    ['', []],
    ['a b c d e f g h i j', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']],
  ])('%j → %j', (input, expected) => {
    expect(searchWords(input)).toEqual(expected);
  });
});

describe('nameSortKey', () => {
  it('sorts by given name first, as Vietnamese lists do', () => {
    const names = ['Trần Văn Cường', 'Nguyễn Văn An', 'Lò Thị Dung', 'Nguyễn Thị Bình', 'Đỗ Văn Đức'];
    expect([...names].sort((a, b) => nameSortKey(a).localeCompare(nameSortKey(b)))).toEqual([
      'Nguyễn Văn An',
      'Nguyễn Thị Bình',
      'Trần Văn Cường',
      'Đỗ Văn Đức',
      'Lò Thị Dung',
    ]);
  });
});

describe('normaliseSpaces', () => {
  it('composes to NFC and collapses spaces', () => {
    expect(normaliseSpaces('  Nguye\u0302\u0303n \t Văn ')).toBe('Nguyễn Văn');
  });
});
