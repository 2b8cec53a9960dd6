import type { Reference } from '@nang-tam/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDictionary, loadLocale, translate, type Locale, type MessageKey, type TParams } from '../../i18n';
import { vi } from '../../i18n/vi';
import { auditSubject, auditVerb, diffSnapshots, type DiffRow } from './audit-diff';

// English is loaded on demand (docs/decisions/0044)
// the entry carries only the public pages' Vietnamese texts; the signed-in app adds the rest (decision 0060)
beforeAll(async () => {
  addDictionary('vi', vi);
  await loadLocale('en');
});

const REF: Reference = {
  titles: [{ id: 7, code: 'CT', name: 'Chủ tịch', level: 'commune', leadership: true }],
  jobPositions: [{ id: 3, code: 'VP', name: 'Văn phòng' }],
  ranks: [{ id: 4, code: '01.003', name: 'Chuyên viên' }],
  managementScopes: [{ id: 5, code: 'TU', name: 'Tỉnh ủy quản lý' }],
  ethnicities: [{ code: '01', name: 'Kinh', minority: false }],
  qualificationLevels: [
    { kind: 'political_theory', code: 'trung_cap', name: 'Trung cấp', rank: 2 },
    { kind: 'education', code: 'trung_cap', name: 'Trung cấp chuyên nghiệp', rank: 2 },
  ],
  terms: ['2025-2030'],
};

const ctx = (locale: Locale = 'vi') => ({
  t: (key: MessageKey, params?: TParams) => translate(locale, key, params),
  locale,
  ref: REF as Reference | undefined,
});
/** The rows as the history shows them: "label: before → after". */
const shown = (rows: DiffRow[]) => rows.map((r) => `${r.label}: ${r.before ?? '—'} → ${r.after ?? '—'}`);

describe('the changes an audit entry shows', () => {
  it.each<[string, unknown, unknown, string[]]>([
    ['a new name', { fullName: 'Nguyễn Văn An' }, { fullName: 'Nguyễn Văn Ân' }, ['Họ và tên: Nguyễn Văn An → Nguyễn Văn Ân']],
    ['a date, as dd/mm/yyyy', { birthDate: '1980-05-17' }, { birthDate: '1980-07-05' }, ['Ngày sinh: 17/05/1980 → 05/07/1980']],
    ['a vocabulary code, by its Vietnamese name', { gender: 'male' }, { gender: 'female' }, ['Giới tính: Nam → Nữ']],
    ['a yes/no', { partyMember: false }, { partyMember: true }, ['Đảng viên: Không → Có']],
    ['a title id, by its name', { titleId: null }, { titleId: 7 }, ['Chức danh, chức vụ: — → Chủ tịch']],
    ['a title the reference lists no longer', { titleId: 7 }, { titleId: 99 }, ['Chức danh, chức vụ: Chủ tịch → #99']],
    ['an ethnicity code, by its name', { ethnicityCode: null }, { ethnicityCode: '01' }, ['Dân tộc: — → Kinh']],
    [
      'a level, named within the snapshot’s kind',
      { kind: 'political_theory', level: null },
      { kind: 'political_theory', level: 'trung_cap' },
      ['Trình độ: — → Trung cấp'],
    ],
    [
      'a unit, by the name the snapshot carries',
      { unitId: 1, unitName: 'Sở Y tế' },
      { unitId: 2, unitName: 'Sở Nội vụ' },
      ['Đơn vị: Sở Y tế → Sở Nội vụ'],
    ],
    ['a removed value', { phone: '0912345678' }, { phone: '' }, ['Điện thoại: 0912345678 → —']],
    ['a list, by its length', { tags: ['a'] }, { tags: ['a', 'b', 'c'] }, ['tags: 1 mục → 3 mục']],
    ['an unknown field, under its own name', { note: 'x' }, { note: 'y' }, ['note: x → y']],
  ])('%s', (_what, before, after, expected) => {
    expect(shown(diffSnapshots(before, after, ctx()))).toEqual(expected);
  });

  it('leaves out what did not change and the bookkeeping fields', () => {
    const before = { id: 1, version: 3, updatedAt: '2026-01-01T00:00:00Z', sortKey: 'an', fullName: 'An', email: 'a@x.vn' };
    const after = { id: 1, version: 4, updatedAt: '2026-02-01T00:00:00Z', sortKey: 'ân', fullName: 'An', email: 'b@x.vn' };
    expect(diffSnapshots(before, after, ctx()).map((r) => r.field)).toEqual(['email']);
  });

  it('shows a created record field by field, in the form’s order, unknown fields last', () => {
    const rows = diffSnapshots(null, { zeta: 1, gender: 'male', fullName: 'Trần Thị Bình', birthDate: '1990-01-02' }, ctx());
    expect(rows.map((r) => [r.field, r.before, r.after])).toEqual([
      ['fullName', null, 'Trần Thị Bình'],
      ['birthDate', null, '02/01/1990'],
      ['gender', null, 'Nam'],
      ['zeta', null, '1'],
    ]);
  });

  it('reads snapshots that are not objects as empty', () => {
    expect(diffSnapshots('oops', [1, 2], ctx())).toEqual([]);
  });

  it('speaks English when the interface does', () => {
    expect(shown(diffSnapshots({ gender: 'male' }, { gender: 'female' }, ctx('en')))).toEqual(['Gender: Male → Female']);
  });

  it('shows ids when the reference lists are not loaded yet', () => {
    expect(shown(diffSnapshots({ rankId: 4 }, { rankId: 5 }, { ...ctx(), ref: undefined }))).toEqual(['Ngạch: #4 → #5']);
  });

  it('shortens a long nested value', () => {
    const [row] = diffSnapshots({}, { extra: { a: 'x'.repeat(200) } }, ctx());
    expect(row!.after).toHaveLength(118);
    expect(row!.after!.endsWith('…')).toBe(true);
  });
});

describe('what an audit entry is about', () => {
  it.each([
    ['people.import', null, {}, 'import'],
    ['person.delete', {}, null, 'delete'],
    ['qualification.remove', {}, null, 'delete'],
    ['person.create', null, {}, 'create'],
    ['assignment.add', null, {}, 'create'],
    ['person.update', {}, {}, 'update'],
    ['person.merge', null, {}, 'create'],
    ['person.merge', {}, null, 'delete'],
    ['person.merge', {}, {}, 'update'],
    ['person.merge', null, null, 'other'],
  ])('%s (before %j, after %j) is a %s', (action, before, after, verb) => {
    expect(auditVerb(action, before, after)).toBe(verb);
  });

  it.each([
    ['person', 'qualification.add', 'qualification'],
    ['person', 'assignment.end', 'assignment'],
    ['planning_entry', 'create', 'planning'],
    ['appraisal', 'update', 'appraisal'],
    ['person', 'update', 'person'],
    ['job', 'people.import', 'person'],
    ['class', 'update', 'other'],
  ])('entity %s, action %s: about a %s', (entity, action, subject) => {
    expect(auditSubject(entity, action)).toBe(subject);
  });
});
