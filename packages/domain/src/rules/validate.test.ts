import { describe, expect, it } from 'vitest';
import { REFERENCE_LEVELS, REFERENCE_RANK_CODES, REFERENCE_TITLES, SHIPPED_PROGRAMMES, SHIPPED_RULE_SETS, SHIPPED_STANDARDS } from './seed.js';
import { makeRule, TEST_SOURCE } from './test-fixtures.js';
import type { AgeLimitRule, MinQualificationRule, PartyMemberRule, Rule, Standard } from './types.js';
import { addRuleVersion, addStandardVersion, findOverlaps, validateRule, validateRuleSet, validateStandard, validateStandards, type ReferenceCodes } from './validate.js';

const REFS: ReferenceCodes = {
  titles: Object.keys(REFERENCE_TITLES),
  ranks: REFERENCE_RANK_CODES,
  programmes: SHIPPED_PROGRAMMES.map((p) => p.code),
};

const college = makeRule<MinQualificationRule>('min_qualification', { kind: 'education', minLevel: 'cao_dang', alternatives: [{ when: 'ethnic_minority', level: 'thpt' }] });

function codes(rule: Rule): [string, string][] {
  return validateRule(rule, REFERENCE_LEVELS, REFS).map((e) => [e.path, e.code]);
}

describe('validateRule', () => {
  it('accepts a valid rule', () => {
    expect(codes(college)).toEqual([]);
  });

  it.each<[string, Rule, [string, string][]]>([
    ['unknown qualification kind', makeRule<MinQualificationRule>('min_qualification', { kind: 'cooking' as 'education', minLevel: 'dai_hoc' }), [['params.minLevel.kind', 'UNKNOWN_QUALIFICATION_KIND']]],
    ['unknown level', makeRule<MinQualificationRule>('min_qualification', { kind: 'education', minLevel: 'cu_nhan' }), [['params.minLevel', 'UNKNOWN_LEVEL']]],
    ['unknown alternative level', makeRule<MinQualificationRule>('min_qualification', { kind: 'education', minLevel: 'cao_dang', alternatives: [{ when: 'ethnic_minority', level: 'thcs' }] }), [['params.alternatives[0].level', 'UNKNOWN_LEVEL']]],
    ['unknown level in not_already_holding', makeRule('not_already_holding', { kind: 'political_theory', level: 'dai_hoc' }), [['params.level', 'UNKNOWN_LEVEL']]],
    ['period ending before it starts', { ...college, period: { from: '2025-08-29', to: '2025-08-28' } }, [['period.to', 'PERIOD_ENDS_BEFORE_START']]],
    ['invalid start date', { ...college, period: { from: '2025-02-30', to: null } }, [['period.from', 'INVALID_DATE']]],
    ['invalid end date', { ...college, period: { from: '2025-01-01', to: '31/12/2025' } }, [['period.to', 'INVALID_DATE']]],
    ['bad id', { ...college, id: 'có dấu cách' }, [['id', 'INVALID_ID']]],
    ['version 0', { ...college, version: 0 }, [['version', 'INVALID_VERSION']]],
    ['source without a number', { ...college, source: { ...TEST_SOURCE, code: ' ' } }, [['source.code', 'MISSING_SOURCE']]],
    ['source with a bad date', { ...college, source: { ...TEST_SOURCE, issuedOn: '2025-13-01' } }, [['source.issuedOn', 'INVALID_DATE']]],
    ['no description', { ...college, description: '' }, [['description', 'MISSING_DESCRIPTION']]],
    ['unknown rule kind', { ...college, kind: 'horoscope' } as unknown as Rule, [['kind', 'UNKNOWN_RULE_KIND']]],
    ['target post with nothing listed', makeRule('target_post', { includePlanned: true }), [['params', 'EMPTY_TARGET']]],
    ['unknown title code', makeRule('target_post', { titleCodes: ['BT_X', 'VUA'], includePlanned: true }), [['params.titleCodes[1]', 'UNKNOWN_TITLE']]],
    ['empty target group', makeRule('target_group', { anyOf: [] }), [['params.anyOf', 'EMPTY_TARGET']]],
    ['target group option with nothing', makeRule('target_group', { anyOf: [{}] }), [['params.anyOf[0]', 'EMPTY_TARGET']]],
    ['unknown category', makeRule('target_group', { anyOf: [{ categories: ['alien' as 'can_bo'] }] }), [['params.anyOf[0].categories[0]', 'UNKNOWN_CATEGORY']]],
    ['unknown rank', makeRule('target_group', { anyOf: [{ rankCodes: ['99.999'] }] }), [['params.anyOf[0].rankCodes[0]', 'UNKNOWN_RANK']]],
    ['unknown classification', makeRule('appraisal_streak', { minClassification: 'brilliant' as 'good', years: 2 }), [['params.minClassification', 'UNKNOWN_CLASSIFICATION']]],
    ['zero appraisal years', makeRule('appraisal_streak', { minClassification: 'good', years: 0 }), [['params.years', 'INVALID_NUMBER']]],
    ['fractional service years', makeRule('min_service_years', { years: 2.5 }), [['params.years', 'INVALID_NUMBER']]],
    ['negative party years', makeRule<PartyMemberRule>('party_member', { status: 'member', minYears: -1 }), [['params.minYears', 'INVALID_NUMBER']]],
    ['age limit without bounds', makeRule<AgeLimitRule>('age_limit', {}), [['params', 'EMPTY_TARGET']]],
    ['age minimum above maximum', makeRule<AgeLimitRule>('age_limit', { min: 50, max: { male: 45, female: 55 } }), [['params.min', 'AGE_MIN_ABOVE_MAX']]],
    ['absurd age', makeRule<AgeLimitRule>('age_limit', { max: 450 }), [['params.max', 'INVALID_NUMBER']]],
    ['unknown mode', makeRule<AgeLimitRule>('age_limit', { max: 45, modes: ['evening' as 'online'] }), [['params.modes[0]', 'UNKNOWN_MODE']]],
    ['unknown programme in not_enrolled', makeRule('not_enrolled', { programmeCodes: ['TC_LLCT', 'XYZ'] }), [['params.programmeCodes[1]', 'UNKNOWN_PROGRAMME']]],
    ['unknown education level for field matching', makeRule('field_matches_job', { subject: 'held_qualification', minLevel: 'cao_cap' }), [['params.minLevel', 'UNKNOWN_LEVEL']]],
  ])('%s', (_name, rule, expected) => {
    expect(codes(rule)).toEqual(expected);
  });

  it('reports every problem, with a Vietnamese message each', () => {
    const errors = validateRule({ ...college, version: -1, description: ' ', period: { from: '2025-02-30', to: null } }, REFERENCE_LEVELS);
    expect(errors.map((e) => e.code)).toEqual(['INVALID_VERSION', 'INVALID_DATE', 'MISSING_DESCRIPTION']);
    for (const e of errors) expect(e.message).toMatch(/[ạ-ỹđ]/);
  });

  it('does not check title codes when no title list is given', () => {
    expect(validateRule(makeRule('target_post', { titleCodes: ['VUA'], includePlanned: true }), REFERENCE_LEVELS)).toEqual([]);
  });
});

describe('validateRuleSet', () => {
  it('prefixes paths and finds overlapping versions and kind changes', () => {
    const v1 = { ...college, period: { from: '2025-01-01', to: '2025-12-31' } };
    const v2 = { ...college, version: 2, period: { from: '2025-12-31', to: null } };
    const v2again = { ...college, version: 2, period: { from: '2026-06-01', to: null } };
    const otherKind = makeRule('not_enrolled', {}, { version: 3, period: { from: '2027-01-01', to: null } });
    const bad = makeRule<MinQualificationRule>('min_qualification', { kind: 'education', minLevel: 'x' }, { id: 'TEST.other' });
    const errors = validateRuleSet({ programmeCode: 'NOPE', rules: [v1, v2, v2again, otherKind, bad] }, REFERENCE_LEVELS, REFS);
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['programmeCode', 'UNKNOWN_PROGRAMME'],
      ['rules[4].params.minLevel', 'UNKNOWN_LEVEL'],
      ['rules[2].version', 'DUPLICATE_VERSION'],
      ['rules[3].kind', 'KIND_MISMATCH'],
      ['rules[1].period', 'OVERLAPPING_PERIOD'],
      ['rules[2].period', 'OVERLAPPING_PERIOD'],
      ['rules[3].period', 'OVERLAPPING_PERIOD'],
      ['rules[3].period', 'OVERLAPPING_PERIOD'],
    ]);
  });

  it.each(SHIPPED_RULE_SETS.map((s) => [s.programmeCode, s] as const))('shipped rule set %s is valid', (_code, set) => {
    expect(validateRuleSet(set, REFERENCE_LEVELS, REFS)).toEqual([]);
  });
});

describe('validateStandard(s)', () => {
  const std: Standard = {
    id: 'STD.BT_X.political_theory',
    version: 1,
    titleCode: 'BT_X',
    requirement: { kind: 'political_theory', minLevel: 'trung_cap' },
    period: { from: '2020-01-02', to: null },
    source: TEST_SOURCE,
    description: 'Có trình độ trung cấp lý luận chính trị trở lên.',
  };
  it.each<[string, Standard, [string, string][]]>([
    ['valid', std, []],
    ['unknown level', { ...std, requirement: { kind: 'political_theory', minLevel: 'dai_hoc' } }, [['requirement.minLevel', 'UNKNOWN_LEVEL']]],
    ['unknown kind', { ...std, requirement: { kind: 'magic' as 'it', minLevel: 'co_ban' } }, [['requirement.minLevel.kind', 'UNKNOWN_QUALIFICATION_KIND']]],
    ['unknown title', { ...std, titleCode: 'VUA' }, [['titleCode', 'UNKNOWN_TITLE']]],
    ['neither title nor job position', { ...std, titleCode: undefined } as unknown as Standard, [['titleCode', 'TARGET_REQUIRED']]],
    ['both title and job position', { ...std, jobPositionCode: 'TCCB' } as unknown as Standard, [['titleCode', 'TARGET_REQUIRED']]],
    ['period ending before it starts', { ...std, period: { from: '2025-07-01', to: '2025-06-30' } }, [['period.to', 'PERIOD_ENDS_BEFORE_START']]],
  ])('%s', (_name, s, expected) => {
    expect(validateStandard(s, REFERENCE_LEVELS, REFS).map((e) => [e.path, e.code])).toEqual(expected);
  });

  it('the shipped standards are valid and do not overlap', () => {
    expect(validateStandards(SHIPPED_STANDARDS, REFERENCE_LEVELS, REFS)).toEqual([]);
  });

  it('refuses two overlapping versions of a standard', () => {
    const errors = validateStandards([std, { ...std, version: 2, period: { from: '2024-01-01', to: null } }], REFERENCE_LEVELS);
    expect(errors.map((e) => [e.path, e.code])).toEqual([['[1].period', 'OVERLAPPING_PERIOD']]);
  });
});

describe('findOverlaps', () => {
  const v = (id: string, version: number, from: string, to: string | null, supersededBy?: number) => ({ id, version, period: { from, to }, ...(supersededBy ? { supersededBy } : {}) });
  it.each([
    ['back to back', [v('a', 1, '2022-02-08', '2025-08-28'), v('a', 2, '2025-08-29', null)], []],
    ['sharing one day', [v('a', 1, '2022-02-08', '2025-08-29'), v('a', 2, '2025-08-29', null)], [{ id: 'a', versions: [1, 2] }]],
    ['two open versions', [v('a', 1, '2022-01-01', null), v('a', 2, '2025-01-01', null)], [{ id: 'a', versions: [1, 2] }]],
    ['one inside the other', [v('a', 1, '2020-01-01', '2030-12-31'), v('a', 2, '2025-01-01', '2025-12-31')], [{ id: 'a', versions: [1, 2] }]],
    ['different ids never clash', [v('a', 1, '2022-01-01', null), v('b', 1, '2022-01-01', null)], []],
    ['a superseded version is ignored', [v('a', 1, '2022-01-01', null, 2), v('a', 2, '2022-01-01', null)], []],
    ['with a gap', [v('a', 1, '2020-01-01', '2020-12-31'), v('a', 2, '2022-01-01', null)], []],
  ])('%s', (_name, versions, expected) => {
    expect(findOverlaps(versions)).toEqual(expected);
  });
});

describe('addRuleVersion', () => {
  const v1 = { ...college, period: { from: '2022-02-08', to: null } };

  it('closes the open version the day before the new one starts', () => {
    const v2 = { ...college, version: 2, period: { from: '2025-08-29', to: null } };
    const r = addRuleVersion([v1], v2);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.versions.map((x) => [x.version, x.period.from, x.period.to])).toEqual([
      [1, '2022-02-08', '2025-08-28'],
      [2, '2025-08-29', null],
    ]);
    expect(v1.period.to).toBeNull(); // the input is not modified
  });

  it('closes on 28 February when the new version starts on 1 March of a common year', () => {
    const r = addRuleVersion([v1], { ...college, version: 2, period: { from: '2026-03-01', to: null } });
    expect(r.ok && r.versions[0]?.period.to).toBe('2026-02-28');
  });

  it('fills a gap in history without touching the open version', () => {
    const open = { ...college, period: { from: '2025-01-01', to: null } };
    const r = addRuleVersion([open], { ...college, version: 2, period: { from: '2020-01-01', to: '2024-12-31' } });
    expect(r.ok && r.versions.map((x) => x.period)).toEqual([
      { from: '2025-01-01', to: null },
      { from: '2020-01-01', to: '2024-12-31' },
    ]);
  });

  it.each<[string, Rule[], Rule, string]>([
    ['starting on the same day as the open version', [v1], { ...college, version: 2, period: { from: '2022-02-08', to: null } }, 'OVERLAPPING_PERIOD'],
    ['starting before the open version', [v1], { ...college, version: 2, period: { from: '2021-01-01', to: null } }, 'OVERLAPPING_PERIOD'],
    [
      'inside a closed version',
      [{ ...college, period: { from: '2020-01-01', to: '2024-12-31' } }],
      { ...college, version: 2, period: { from: '2023-01-01', to: '2023-12-31' } },
      'OVERLAPPING_PERIOD',
    ],
    ['ending before it starts', [v1], { ...college, version: 2, period: { from: '2025-08-29', to: '2025-08-28' } }, 'PERIOD_ENDS_BEFORE_START'],
    ['skipping a version number', [v1], { ...college, version: 3, period: { from: '2025-08-29', to: null } }, 'VERSION_NOT_NEXT'],
    ['reusing a version number', [v1], { ...college, version: 1, period: { from: '2025-08-29', to: null } }, 'VERSION_NOT_NEXT'],
    ['another rule id', [v1], { ...college, id: 'TEST.other', version: 2, period: { from: '2025-08-29', to: null } }, 'ID_MISMATCH'],
    ['another rule kind', [v1], makeRule('not_enrolled', {}, { version: 2, period: { from: '2025-08-29', to: null } }), 'KIND_MISMATCH'],
    ['correcting a version that does not exist', [v1], { ...college, version: 2, corrects: 7, period: v1.period }, 'UNKNOWN_VERSION'],
    ['correcting with another period', [v1], { ...college, version: 2, corrects: 1, period: { from: '2023-01-01', to: null } }, 'CORRECTION_PERIOD_MISMATCH'],
  ])('refuses a version %s', (_name, existing, next, code) => {
    const r = addRuleVersion(existing, next);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toContain(code);
  });

  it('accepts the first version of a new rule', () => {
    expect(addRuleVersion([], v1)).toEqual({ ok: true, versions: [v1] });
  });

  it('a correction replaces a version for its whole period and keeps it for history', () => {
    const corrected = { ...college, version: 2, corrects: 1, period: { ...v1.period }, params: { kind: 'education' as const, minLevel: 'dai_hoc' } };
    const r = addRuleVersion([v1], corrected);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.versions[0]).toMatchObject({ version: 1, supersededBy: 2, period: v1.period });
    expect(findOverlaps(r.versions)).toEqual([]);
    // a superseded version cannot be corrected again
    const again = addRuleVersion(r.versions, { ...college, version: 3, corrects: 1, period: { ...v1.period } });
    expect(again.ok).toBe(false);
  });
});

describe('addStandardVersion', () => {
  const s1: Standard = {
    id: 'STD.TP_T.leadership',
    version: 1,
    titleCode: 'TP_T',
    requirement: { kind: 'leadership', minLevel: 'cap_phong' },
    period: { from: '2017-10-15', to: null },
    source: TEST_SOURCE,
    description: 'Đã bồi dưỡng lãnh đạo, quản lý cấp phòng.',
  };
  it('closes the open version the day before the next', () => {
    const r = addStandardVersion([s1], { ...s1, version: 2, period: { from: '2025-07-01', to: null } });
    expect(r.ok && r.versions[0]?.period.to).toBe('2025-06-30');
  });
  it('refuses an overlapping one', () => {
    const r = addStandardVersion([{ ...s1, period: { from: '2017-10-15', to: '2025-06-30' } }], { ...s1, version: 2, period: { from: '2025-06-30', to: null } });
    expect(r.ok).toBe(false);
  });
});
