import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { notInFuture, toDayjs, toIso } from './dates';
import { formatDate, formatDateTime, initials } from './format';
import { foldedFilter } from './select';

describe('dates as people read them', () => {
  it.each([
    ['2026-11-23', '23/11/2026'],
    [null, ''],
    [undefined, ''],
  ])('%s shows as "%s"', (iso, shown) => {
    expect(formatDate(iso)).toBe(shown);
  });

  it.each([
    ['2026-11-23T01:05:00Z', 'vi', ['23/11/2026', '08:05']],
    ['2026-11-22T20:30:00Z', 'vi', ['23/11/2026', '03:30']],
    ['2026-11-22T20:30:00Z', 'en', ['23/11/2026', '03:30']],
  ] as const)('the moment %s shows in Vietnam time (%s): %j', (ts, locale, parts) => {
    const shown = formatDateTime(ts, locale);
    for (const part of parts) expect(shown).toContain(part);
  });

  it('a moment that is not one shows as it came, and none as nothing', () => {
    expect(formatDateTime('not a time', 'vi')).toBe('not a time');
    expect(formatDateTime(null, 'vi')).toBe('');
  });

  it('a picked date goes to the API as YYYY-MM-DD and comes back', () => {
    expect(toIso(toDayjs('1980-05-17'))).toBe('1980-05-17');
    expect(toDayjs('17/05/1980')).toBeNull();
    expect(toDayjs('1980-02-30')).toBeNull();
    expect(toDayjs('')).toBeNull();
    expect(toIso(null)).toBeNull();
    expect(toIso(dayjs('nonsense'))).toBeNull();
  });

  it('a birth date may be today but not tomorrow', () => {
    expect(notInFuture(dayjs())).toBe(false);
    expect(notInFuture(dayjs().add(1, 'day'))).toBe(true);
    expect(notInFuture(dayjs().subtract(30, 'year'))).toBe(false);
  });
});

describe('the avatar’s initials', () => {
  it.each([
    ['Nguyễn Văn An', 'NA'],
    ['  đặng   thị  ánh  ', 'ĐÁ'],
    ['Lò', 'L'],
    ['', '?'],
  ])('%j → %s', (name, shown) => {
    expect(initials(name)).toBe(shown);
  });

  // demo and real institutional accounts: the office's first words, never "BỦ" or "C2"
  it.each([
    ['Ban Tổ chức Tỉnh ủy', 'BT'],
    ['Sở Nội vụ', 'SN'],
    ['Quản trị hệ thống', 'QT'],
    ['Cán bộ tổ chức Phường 2', 'CB'],
    ['Phòng Quản lý đào tạo, Trường Chính trị tỉnh Lạng Sơn', 'PQ'],
    ['Ủy ban nhân dân xã Tân Lập', 'ỦB'],
    ['Nguyễn Văn 2', 'NV'],
    ['Đoàn Thị Lan', 'ĐL'],
  ])('%j → %s', (name, shown) => {
    expect(initials(name)).toBe(shown);
  });
});

describe('searching a select list without diacritics', () => {
  it.each([
    ['quan ly', { label: 'Quản lý nhà nước' }, true],
    ['Quản Lý', { label: 'quan ly nha nuoc' }, true],
    ['duong', { label: 'Đường' }, true],
    ['kinh te', { label: 'Quản lý nhà nước' }, false],
    ['ha giang', { label: 'Phường 1', searchText: 'Phường 1 (Hà Giang cũ)' }, true],
    ['x', { label: 42 }, false],
    ['', undefined, true],
  ])('%j in %j: %s', (input, option, found) => {
    expect(foldedFilter(input, option)).toBe(found);
  });
});
