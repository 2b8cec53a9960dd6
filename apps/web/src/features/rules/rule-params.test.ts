import { beforeAll, describe, expect, it } from 'vitest';
import { labelOf } from '@nang-tam/domain';
import { addDictionary, loadLocale, translate, type Locale, type MessageKey, type TParams } from '../../i18n';
import { vi } from '../../i18n/vi';
import type { CodeNames } from '../eligibility/facts';
import {
  ageBoundProblem,
  describeParams,
  describeRequirement,
  formToParams,
  paramsToForm,
  type AgeBoundValue,
  type DescribeContext,
  type Params,
  type RuleKind,
} from './rule-params';

// English is loaded on demand (docs/decisions/0044)
// the entry carries only the public pages' Vietnamese texts; the signed-in app adds the rest (decision 0060)
beforeAll(async () => {
  addDictionary('vi', vi);
  await loadLocale('en');
});

const NAMES: Record<string, string> = { CT_XA: 'Chủ tịch UBND xã', '01.003': 'Chuyên viên', LLCT_TC: 'Trung cấp lý luận chính trị' };
const LEVELS: Record<string, string> = {
  'political_theory/trung_cap': 'Trung cấp',
  'political_theory/so_cap': 'Sơ cấp',
  'education/dai_hoc': 'Đại học',
};
const byCode = (code: string) => NAMES[code] ?? code;
const names: CodeNames = {
  title: byCode,
  jobPosition: byCode,
  rank: byCode,
  programme: byCode,
  target: byCode,
  level: (kind, code) => LEVELS[`${kind}/${code}`] ?? code,
};
const ctx = (locale: Locale = 'vi'): DescribeContext => ({
  t: (key: MessageKey, params?: TParams) => translate(locale, key, params),
  label: (list, code) => labelOf(list, code, locale),
  names,
});

describe('a rule version through the form and back', () => {
  // What the API stores → what the form holds → what is saved unchanged.
  it.each<[RuleKind, Params]>([
    ['target_post', { titleCodes: ['CT_XA'], titleGroups: [{ level: 'commune', leadershipOnly: true }], includePlanned: true }],
    ['target_post', { titleGroups: [{ level: 'province' }], includePlanned: false }],
    ['target_group', { anyOf: [{ categories: ['cong_chuc'], rankCodes: ['01.003'] }, { partyMember: true }] }],
    ['target_group', { anyOf: [{ categories: ['cong_chuc'], unitLevel: 'commune' }] }],
    ['min_service_years', { years: 3, categories: ['can_bo', 'cong_chuc'] }],
    ['age_limit', { max: 40, categories: ['can_bo', 'cong_chuc'] }],
    ['party_member', { status: 'official', minYears: 5, since: 'official' }],
    ['party_member', { status: 'member' }],
    [
      'min_qualification',
      { kind: 'political_theory', minLevel: 'trung_cap', alternatives: [{ when: 'ethnic_minority', level: 'so_cap' }] },
    ],
    ['min_qualification', { kind: 'education', minLevel: 'dai_hoc' }],
    ['appraisal_streak', { minClassification: 'excellent', years: 3 }],
    ['age_limit', { min: 25, max: { male: 55, female: 50 }, modes: ['full_time'] }],
    ['age_limit', { max: 45 }],
    ['min_service_years', { years: 5 }],
    ['field_matches_job', { subject: 'held_qualification', minLevel: 'dai_hoc' }],
    ['field_matches_job', { subject: 'study_field' }],
    ['not_already_holding', { kind: 'political_theory', level: 'trung_cap' }],
    ['not_enrolled', { programmeCodes: ['LLCT_TC'] }],
    ['not_enrolled', {}],
  ])('%s %j', (kind, params) => {
    expect(formToParams(kind, paramsToForm(kind, params))).toEqual(params);
  });

  it.each<[string, RuleKind, Params, Params]>([
    ['a new target post includes the planned successors', 'target_post', {}, { titleCodes: [], titleGroups: [], includePlanned: true }],
    [
      'a new party rule asks for a member, years counted from joining',
      'party_member',
      {},
      { status: 'member', minYears: null, since: 'joined' },
    ],
    ['a new appraisal rule asks for two years of "good"', 'appraisal_streak', {}, { minClassification: 'good', years: 2, categories: [] }],
    [
      'a rule for some categories only keeps them',
      'min_service_years',
      { years: 3, categories: ['can_bo', 'cong_chuc'] },
      { years: 3, categories: ['can_bo', 'cong_chuc'] },
    ],
    [
      'age bounds become the age inputs',
      'age_limit',
      { min: 30, max: { male: 60, female: 55 } },
      {
        min: { mode: 'all', all: 30 },
        max: { mode: 'gender', male: 60, female: 55 },
        modes: [],
        categories: [],
      },
    ],
    ['no age bound is "no limit"', 'age_limit', {}, { min: { mode: 'none' }, max: { mode: 'none' }, modes: [], categories: [] }],
  ])('%s', (_what, kind, params, form) => {
    expect(paramsToForm(kind, params)).toEqual(form);
  });

  it.each<[string, RuleKind, Params, Params]>([
    [
      'empty lists and unticked boxes are left out',
      'target_group',
      { anyOf: [{ categories: [], rankCodes: [], partyMember: false }] },
      { anyOf: [{}] },
    ],
    [
      '"since" only goes with a number of years',
      'party_member',
      { status: 'member', minYears: null, since: 'official' },
      { status: 'member' },
    ],
    [
      'a level only matters for a held qualification',
      'field_matches_job',
      { subject: 'study_field', minLevel: 'dai_hoc' },
      { subject: 'study_field' },
    ],
    [
      'a bound per gender with one figure missing is not saved',
      'age_limit',
      { min: { mode: 'gender', male: 30, female: null }, max: { mode: 'none' }, modes: [] },
      {},
    ],
    [
      'a group not limited to leaders drops the flag',
      'target_post',
      { titleGroups: [{ level: 'commune', leadershipOnly: false }], includePlanned: false },
      {
        titleGroups: [{ level: 'commune' }],
        includePlanned: false,
      },
    ],
  ])('%s', (_what, kind, form, params) => {
    expect(formToParams(kind, form)).toEqual(params);
  });
});

describe('an age bound the form cannot save', () => {
  it.each<[AgeBoundValue | undefined, string | null]>([
    [undefined, null],
    [{ mode: 'none' }, null],
    [{ mode: 'all', all: 30 }, null],
    [{ mode: 'all', all: null }, 'Nhập số tuổi.'],
    [{ mode: 'gender', male: 60, female: 55 }, null],
    [{ mode: 'gender', male: 60 }, 'Nhập số tuổi cho cả nam và nữ.'],
  ])('%j → %s', (value, message) => {
    const problem = ageBoundProblem(value);
    expect(problem === null ? null : translate('vi', problem)).toBe(message);
  });
});

describe('a rule version in words', () => {
  it.each<[RuleKind, Params, string[]]>([
    [
      'target_post',
      { titleCodes: ['CT_XA'], titleGroups: [{ level: 'commune', leadershipOnly: true }], includePlanned: true },
      ['Chức danh: Chủ tịch UBND xã', 'Mọi chức danh lãnh đạo, quản lý cấp xã', 'Đương chức hoặc trong quy hoạch'],
    ],
    [
      'target_group',
      { anyOf: [{ categories: ['cong_chuc', 'vien_chuc'], rankCodes: ['01.003'] }] },
      ['Công chức hoặc Viên chức, ngạch Chuyên viên'],
    ],
    [
      'target_group',
      { anyOf: [{ categories: ['can_bo'] }, { partyMember: true }] },
      ['Thuộc một trong các nhóm:', '1) Cán bộ', '2) Là đảng viên'],
    ],
    [
      'party_member',
      { status: 'official', minYears: 5, since: 'official' },
      ['Đảng viên chính thức', 'Tuổi Đảng từ đủ 5 năm, tính từ ngày chính thức'],
    ],
    [
      'min_qualification',
      { kind: 'political_theory', minLevel: 'trung_cap', alternatives: [{ when: 'ethnic_minority', level: 'so_cap' }] },
      ['Lý luận chính trị: từ Trung cấp trở lên', 'Cán bộ người dân tộc thiểu số: từ Sơ cấp trở lên'],
    ],
    [
      'age_limit',
      { min: 25, max: { male: 55, female: 50 }, modes: ['full_time', 'online'] },
      ['Từ 25 tuổi trở lên', 'Nữ không quá 50 tuổi, nam không quá 55 tuổi', 'Chỉ áp dụng cho hình thức: Tập trung, Trực tuyến'],
    ],
    ['age_limit', { max: 45 }, ['Không quá 45 tuổi', 'Áp dụng cho mọi hình thức học']],
    ['min_service_years', { years: 5 }, ['Thời gian công tác từ đủ 5 năm']],
    [
      'field_matches_job',
      { subject: 'held_qualification', minLevel: 'dai_hoc' },
      ['Ngành của văn bằng chuyên môn đang có phù hợp với vị trí việc làm', 'Chỉ xét văn bằng từ Đại học trở lên'],
    ],
    ['not_already_holding', { kind: 'political_theory', level: 'trung_cap' }, ['Chưa có trình độ lý luận chính trị từ Trung cấp trở lên']],
    ['not_enrolled', { programmeCodes: ['LLCT_TC'] }, ['Không đang học: Trung cấp lý luận chính trị']],
    ['not_enrolled', {}, ['Không đang học chính chương trình này']],
  ])('%s %j', (kind, params, lines) => {
    expect(describeParams(ctx(), kind, params)).toEqual(lines);
  });

  it('says nothing about a kind it does not know', () => {
    expect(describeParams(ctx(), 'something_new', { a: 1 })).toEqual([]);
  });

  it('words a standard’s requirement like a minimum-qualification rule, or by its level alone', () => {
    const r = { kind: 'political_theory', minLevel: 'trung_cap', alternatives: [] };
    expect(describeRequirement(ctx(), r)).toEqual(['Lý luận chính trị: từ Trung cấp trở lên']);
    expect(describeRequirement(ctx(), r, false)).toEqual(['Từ Trung cấp trở lên']);
  });

  it('speaks English when the interface does', () => {
    expect(describeParams(ctx('en'), 'age_limit', { max: 45 })).toEqual(['Aged 45 at most', 'Every study mode']);
    expect(describeParams(ctx('en'), 'min_service_years', { years: 5 })).toEqual(['At least 5 years of service']);
  });
});
