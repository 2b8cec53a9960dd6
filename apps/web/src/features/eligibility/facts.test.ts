import type { Reference } from '@nang-tam/contracts';
import { labelOf } from '@nang-tam/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDictionary, loadLocale, translate, type Locale, type MessageKey, type TParams } from '../../i18n';
import { vi } from '../../i18n/vi';
import { codeNamesOf, formatFacts } from './facts';

// English is loaded on demand (docs/decisions/0044)
// the entry carries only the public pages' Vietnamese texts; the signed-in app adds the rest (decision 0060)
beforeAll(async () => {
  addDictionary('vi', vi);
  await loadLocale('en');
});

const REF: Reference = {
  titles: [{ id: 1, code: 'PCT_XA', name: 'Phó Chủ tịch UBND xã, phường', level: 'commune', leadership: true }],
  jobPositions: [{ id: 2, code: 'VT_KT', name: 'Kế toán' }],
  ranks: [{ id: 3, code: '01.003', name: 'Chuyên viên' }],
  managementScopes: [],
  ethnicities: [],
  qualificationLevels: [
    { kind: 'political_theory', code: 'trung_cap', name: 'Trung cấp', rank: 2 },
    { kind: 'political_theory', code: 'so_cap', name: 'Sơ cấp', rank: 1 },
  ],
  terms: [],
};
const PROGRAMMES = [{ code: 'LLCT_TC', name: 'Trung cấp lý luận chính trị' }];

const names = codeNamesOf(REF, PROGRAMMES);
const facts = (f: Record<string, unknown>, locale: Locale = 'vi') =>
  formatFacts(
    (key: MessageKey, params?: TParams) => translate(locale, key, params),
    (list, code) => labelOf(list, code, locale),
    names,
    f,
  );

describe('the facts behind an eligibility answer, as the explanation shows them', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['an age against its limit', { age: 44, max: 45 }, 'Tuổi: 44 · Giới hạn: 45'],
    ['a limit per gender', { gender: 'female', max: { male: 60, female: 55 } }, 'Giới tính: Nữ · Giới hạn: nam 60, nữ 55'],
    ['a date, as dd/mm/yyyy', { partyJoinedOn: '2010-03-02' }, 'Ngày vào Đảng: 02/03/2010'],
    ['a missing fact', { partyOfficialOn: null, fields: [] }, 'Ngày chính thức: không có · Ngành đào tạo: không có'],
    ['a yes/no', { partyMember: true, ethnicMinority: false }, 'Đảng viên: Có · Dân tộc thiểu số: Không'],
    [
      'party membership and the date it counts from',
      { required: 'official', since: 'joined' },
      'Yêu cầu: Đảng viên chính thức · Tính từ: ngày vào Đảng',
    ],
    [
      'levels, named within the rule’s kind',
      { kind: 'political_theory', required: 'trung_cap', held: 'so_cap' },
      'Loại: Lý luận chính trị · Yêu cầu: Trung cấp · Đang có: Sơ cấp',
    ],
    ['an appraisal requirement', { required: 'good' }, 'Yêu cầu: Hoàn thành tốt nhiệm vụ'],
    [
      'appraisals by year, the latest first',
      { classifications: { 2024: 'good', 2025: 'excellent' } },
      'Xếp loại: 2025: Hoàn thành xuất sắc nhiệm vụ; 2024: Hoàn thành tốt nhiệm vụ',
    ],
    ['the years checked', { years: [2024, 2025] }, 'Các năm xét: 2024, 2025'],
    ['a number of years', { years: 5 }, 'Số năm: 5'],
    ['study modes', { modes: ['full_time', 'online'] }, 'Áp dụng cho hình thức: Tập trung, Trực tuyến'],
    [
      'codes, by the names of the reference tables',
      { rankCode: '01.003', jobPositionCode: 'VT_KT', category: 'cong_chuc' },
      'Ngạch: Chuyên viên · Vị trí việc làm: Kế toán · Đối tượng: Công chức',
    ],
    ['a programme being studied', { enrolledProgrammeCodes: ['LLCT_TC'] }, 'Đang học: Trung cấp lý luận chính trị'],
    [
      'planned titles with their terms, apart with semicolons (names hold commas)',
      {
        plannedTitles: [
          { titleCode: 'PCT_XA', term: '2025-2030' },
          { titleCode: 'PCT_XA', term: '2030-2035' },
        ],
      },
      'Quy hoạch: Phó Chủ tịch UBND xã, phường (nhiệm kỳ 2025-2030); Phó Chủ tịch UBND xã, phường (nhiệm kỳ 2030-2035)',
    ],
    ['a code no table names stays a code', { currentTitleCode: 'XYZ' }, 'Chức danh hiện tại: XYZ'],
    ['a fact the screen has no label for, under its own name', { somethingNew: 'x' }, 'somethingNew: x'],
  ])('%s', (_what, f, shown) => {
    expect(facts(f)).toBe(shown);
  });

  it('speaks English when the interface does', () => {
    expect(facts({ gender: 'male', partyMember: true }, 'en')).toBe(
      `${translate('en', 'fact.gender')}: Male · ${translate('en', 'fact.partyMember')}: Yes`,
    );
  });
});

describe('the names of codes', () => {
  it('names titles and job positions alike as targets', () => {
    expect([names.target('PCT_XA'), names.target('VT_KT'), names.target('NOPE')]).toEqual([
      'Phó Chủ tịch UBND xã, phường',
      'Kế toán',
      'NOPE',
    ]);
  });

  it('shows the codes themselves while the reference lists load', () => {
    const loading = codeNamesOf(undefined, undefined);
    expect([loading.title('PCT_XA'), loading.programme('LLCT_TC'), loading.level('political_theory', 'trung_cap')]).toEqual([
      'PCT_XA',
      'LLCT_TC',
      'trung_cap',
    ]);
  });
});
