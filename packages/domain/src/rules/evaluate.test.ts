import { describe, expect, it } from 'vitest';
import { RulesError } from './errors.js';
import { checkEligibility, type EligibilityResult } from './evaluate.js';
import type { PersonFacts } from './facts.js';
import { REFERENCE_LEVELS, SHIPPED_PROGRAMMES, SHIPPED_RULE_SETS, SHIPPED_SUPERSEDED_RULES } from './seed.js';
import { check, makeRule, person } from './test-fixtures.js';
import type { AgeLimitRule, MinQualificationRule, Rule, RuleSet, StudyMode } from './types.js';
import { addRuleVersion } from './validate.js';

const edu = (level: string) => ({ kind: 'education', level, field: 'Luật', awardedOn: '2010-06-30' });
const llct = (level: string) => ({ kind: 'political_theory', level, field: null, awardedOn: '2020-01-01' });

function outcomeOf(r: EligibilityResult, ruleId: string): string | undefined {
  return r.rules.find((x) => x.ruleId === ruleId)?.outcome;
}

describe('checkEligibility: trung cấp LLCT', () => {
  it('answers with every rule in force, its facts and its source', () => {
    const r = check('TC_LLCT', 'full_time', '2025-08-29');
    expect(r.outcome).toBe('eligible');
    expect(r.missing).toEqual([]);
    expect(r.rules.map((x) => [x.ruleId, x.outcome])).toEqual([
      ['TC_LLCT_350.target_post', 'pass'],
      ['TC_LLCT_350.party_member', 'pass'],
      ['TC_LLCT_350.education', 'pass'],
      ['TC_LLCT_350.appraisal_streak', 'pass'],
      ['TC_LLCT_350.age_part_time', 'not_applicable'],
      ['TC_LLCT_350.not_already_holding', 'pass'],
      ['TC_LLCT_350.not_enrolled', 'pass'],
    ]);
    for (const x of r.rules) {
      expect(x.source).toMatchObject({ code: '350-QĐ/TW', issuer: 'Ban Bí thư', issuedOn: '2025-08-29' });
      expect(x.period).toEqual({ from: '2025-08-29', to: null });
      expect(x.message.length).toBeGreaterThan(0);
    }
    expect(r.rules[0]).toMatchObject({ facts: { matched: { titleCode: 'PTP_X', as: 'current' } }, message: 'Đang giữ chức danh Phó Trưởng phòng chuyên môn thuộc UBND xã, phường — đạt.' });
    expect(r.summary).toBe('Đủ điều kiện (chương trình Trung cấp lý luận chính trị, ngày 29/08/2025).');
  });

  it.each<[string, string]>([
    ['2025-08-28', '_57.'],
    ['2025-08-29', '_350.'],
  ])('on %s uses the rules of %s', (asOf, tag) => {
    const r = check('TC_LLCT', 'full_time', asOf);
    expect(r.rules.length).toBeGreaterThan(0);
    expect(r.rules.every((x) => x.ruleId.includes(tag))).toBe(true);
  });

  it.each<[string, string, Partial<PersonFacts>, string, string?]>([
    ['college education', '2025-08-29', { qualifications: [edu('cao_dang')] }, 'eligible'],
    ['vocational (trung cấp) education under 57-QĐ/TW', '2025-08-28', { qualifications: [edu('trung_cap')] }, 'eligible'],
    ['vocational (trung cấp) education under 350-QĐ/TW', '2025-08-29', { qualifications: [edu('trung_cap')] }, 'not_eligible', 'TC_LLCT_350.education'],
    ['upper secondary, Kinh', '2025-08-29', { qualifications: [edu('thpt')] }, 'not_eligible', 'TC_LLCT_350.education'],
    ['upper secondary, ethnic minority', '2025-08-29', { qualifications: [edu('thpt')], ethnicMinority: true }, 'eligible'],
    ['already holds trung cấp LLCT', '2025-09-15', { qualifications: [edu('dai_hoc'), llct('trung_cap')] }, 'not_eligible', 'TC_LLCT_350.not_already_holding'],
    ['already holds cao cấp LLCT', '2025-09-15', { qualifications: [edu('dai_hoc'), llct('cao_cap')] }, 'not_eligible', 'TC_LLCT_350.not_already_holding'],
    ['already enrolled in trung cấp', '2025-09-15', { enrolledProgrammeCodes: ['TC_LLCT'] }, 'not_eligible', 'TC_LLCT_350.not_enrolled'],
    ['only "completed" in 2024', '2025-09-15', { appraisals: [{ year: 2023, classification: 'good' }, { year: 2024, classification: 'completed' }] }, 'not_eligible', 'TC_LLCT_350.appraisal_streak'],
    ['not a party member', '2025-09-15', { partyMembership: 'not_member', partyJoinedOn: null, partyOfficialOn: null }, 'not_eligible', 'TC_LLCT_350.party_member'],
    ['probationary member', '2025-09-15', { partyJoinedOn: '2025-03-02', partyOfficialOn: null }, 'eligible'],
    ['no title and no planning', '2025-09-15', { currentTitleCode: null, plannedTitles: [] }, 'not_eligible', 'TC_LLCT_350.target_post'],
    ['no title but planned for a commune post', '2025-09-15', { currentTitleCode: null, plannedTitles: [{ titleCode: 'DUV_X', term: '2025-2030' }] }, 'eligible'],
  ])('%s on %s → %s', (_name, asOf, over, outcome, failing) => {
    const r = check('TC_LLCT', 'full_time', asOf, person(over));
    expect(r.outcome).toBe(outcome);
    if (failing) expect(outcomeOf(r, failing)).toBe('fail');
  });

  it('applies the ethnic-minority alternative and says so', () => {
    const r = check('TC_LLCT', 'full_time', '2025-08-29', person({ qualifications: [edu('thpt')], ethnicMinority: true }));
    const rule = r.rules.find((x) => x.ruleId === 'TC_LLCT_350.education');
    expect(rule?.facts).toMatchObject({ required: 'cao_dang', held: 'thpt', alternativeApplied: 'thpt', ethnicMinority: true });
  });

  it.each<[string, Partial<PersonFacts>, StudyMode, string, Record<string, unknown>?]>([
    ['woman turning 28 on the nomination date', { gender: 'female', birthDate: '1997-08-29' }, 'part_time', 'eligible', { age: 28, min: 28 }],
    ['woman turning 28 the next day', { gender: 'female', birthDate: '1997-08-30' }, 'part_time', 'not_eligible', { age: 27, min: 28 }],
    ['man aged 29', { gender: 'male', birthDate: '1996-01-15' }, 'part_time', 'not_eligible', { age: 29, min: 30 }],
    ['man turning 30 on the nomination date', { gender: 'male', birthDate: '1995-08-29' }, 'part_time', 'eligible', { age: 30, min: 30 }],
    ['young woman, full-time: no age limit', { gender: 'female', birthDate: '2000-01-01' }, 'full_time', 'eligible'],
  ])('part-time age: %s', (_name, over, mode, outcome, facts) => {
    const r = check('TC_LLCT', mode, '2025-08-29', person(over));
    expect(r.outcome).toBe(outcome);
    if (facts) expect(r.rules.find((x) => x.ruleId === 'TC_LLCT_350.age_part_time')?.facts).toMatchObject(facts);
  });
});

describe('checkEligibility: missing facts are named, never guessed', () => {
  it('part-time without a birth date cannot be decided', () => {
    const r = check('TC_LLCT', 'part_time', '2025-09-15', person({ birthDate: null }));
    expect(r.outcome).toBe('cannot_decide');
    expect(r.missing).toEqual(['birthDate']);
    expect(outcomeOf(r, 'TC_LLCT_350.age_part_time')).toBe('missing_fact');
    expect(r.summary).toBe('Chưa thể kết luận (chương trình Trung cấp lý luận chính trị, ngày 15/09/2025): thiếu ngày sinh.');
  });

  it('full-time needs no birth date for trung cấp', () => {
    expect(check('TC_LLCT', 'full_time', '2025-09-15', person({ birthDate: null })).outcome).toBe('eligible');
  });

  it('unknown membership without party dates cannot be decided', () => {
    const r = check('TC_LLCT', 'full_time', '2025-09-15', person({ partyMembership: null, partyJoinedOn: null, partyOfficialOn: null }));
    expect(r.outcome).toBe('cannot_decide');
    expect(r.missing).toEqual(['partyMembership']);
    expect(r.rules.find((x) => x.ruleId === 'TC_LLCT_350.party_member')?.message).toBe(
      'Chưa thể kết luận: thiếu tình trạng đảng viên (chính thức, dự bị, không phải đảng viên).',
    );
  });

  it('a member whose dates are unknown is a member (decision 0031)', () => {
    const r = check('TC_LLCT', 'full_time', '2025-09-15', person({ partyMembership: 'member', partyJoinedOn: null, partyOfficialOn: null }));
    expect(r.outcome).toBe('eligible');
  });

  it('cao cấp needs the official date of someone of unknown status who joined long ago', () => {
    const r = check('CC_LLCT', 'full_time', '2025-09-15', person({ currentTitleCode: 'TP_T', partyMembership: null, partyOfficialOn: null }));
    expect(r.outcome).toBe('cannot_decide');
    expect(r.missing).toEqual(['partyOfficialOn']);
  });

  it('a failing rule makes it not eligible, and the missing facts are still listed', () => {
    const r = check('TC_LLCT', 'part_time', '2025-09-15', person({ birthDate: null, enrolledProgrammeCodes: ['TC_LLCT'], appraisals: [] }));
    expect(r.outcome).toBe('not_eligible');
    expect(r.missing).toEqual(['appraisals.2024', 'appraisals.2023', 'birthDate']);
    expect(r.summary).toContain('Không đủ điều kiện');
    expect(r.summary).toContain('còn thiếu xếp loại đánh giá năm 2024, xếp loại đánh giá năm 2023, ngày sinh');
    // one full stop at the end, none doubled where a rule's description ends its sentence
    expect(r.summary).toMatch(/[^.]\.$/);
    expect(r.summary).not.toContain('..');
  });

  it('no rule in force on asOf is "cannot decide", never eligible', () => {
    const r = check('TC_LLCT', 'full_time', '2020-01-01');
    expect(r).toMatchObject({ outcome: 'cannot_decide', rules: [], missing: ['rulesInForce'] });
    expect(r.summary).toContain('không có quy định nào có hiệu lực');
  });
});

describe('checkEligibility: bad input throws a typed error', () => {
  function code(fn: () => unknown): string | undefined {
    try {
      fn();
    } catch (e) {
      return e instanceof RulesError ? e.code : 'not a RulesError';
    }
    return undefined;
  }

  it.each([['2025-02-30'], ['29/08/2025'], ['2025-8-29'], [''], ['2025-08-29T00:00:00Z']])('asOf %j → INVALID_AS_OF', (asOf) => {
    expect(code(() => check('TC_LLCT', 'full_time', asOf))).toBe('INVALID_AS_OF');
  });

  it.each([['XYZ'], [''], ['tc_llct']])('programme %j → UNKNOWN_PROGRAMME', (programme) => {
    expect(code(() => check(programme, 'full_time', '2025-09-15'))).toBe('UNKNOWN_PROGRAMME');
  });

  it.each<[string, string]>([
    ['TC_LLCT', 'online'],
    ['SDH_THS', 'online'],
    ['TC_LLCT', 'evening'],
  ])('%s in mode %s → UNSUPPORTED_MODE', (programme, mode) => {
    expect(code(() => check(programme, mode as StudyMode, '2025-09-15'))).toBe('UNSUPPORTED_MODE');
  });

  it('a malformed date among the facts → INVALID_FACT', () => {
    expect(code(() => check('TC_LLCT', 'full_time', '2025-09-15', person({ birthDate: '10/03/1988' })))).toBe('INVALID_FACT');
  });

  const base = (rules: Rule[]): RuleSet[] => [{ programmeCode: 'TC_LLCT', rules }];
  const run = (sets: RuleSet[]) =>
    checkEligibility({ person: person(), programme: 'TC_LLCT', mode: 'full_time', programmes: SHIPPED_PROGRAMMES, rules: sets, levels: REFERENCE_LEVELS, asOf: '2025-09-15' });

  it('two versions of a rule in force on asOf → OVERLAPPING_VERSIONS', () => {
    const a = makeRule<AgeLimitRule>('age_limit', { max: 60 });
    expect(code(() => run(base([a, { ...a, version: 2 }])))).toBe('OVERLAPPING_VERSIONS');
  });

  it('a rule in force naming an unknown level → INVALID_RULE', () => {
    expect(code(() => run(base([makeRule<MinQualificationRule>('min_qualification', { kind: 'education', minLevel: 'thcs' })])))).toBe('INVALID_RULE');
  });
});

describe('checkEligibility: versions', () => {
  it('uses the correction, not the corrected version', () => {
    const v1 = makeRule<AgeLimitRule>('age_limit', { max: 30 });
    const fixed = addRuleVersion([v1], { ...v1, version: 2, corrects: 1, params: { max: 50 } });
    expect(fixed.ok).toBe(true);
    if (!fixed.ok) return;
    const r = checkEligibility({
      person: person(),
      programme: 'TC_LLCT',
      mode: 'full_time',
      programmes: SHIPPED_PROGRAMMES,
      rules: [{ programmeCode: 'TC_LLCT', rules: fixed.versions }],
      levels: REFERENCE_LEVELS,
      asOf: '2025-09-15',
    });
    expect(r.rules.map((x) => [x.version, x.outcome])).toEqual([[2, 'pass']]);
  });
});

describe('checkEligibility: cao cấp LLCT', () => {
  const leader = (over: Partial<PersonFacts> = {}) => person({ currentTitleCode: 'TP_T', ...over });
  it.each<[string, StudyMode, string, Partial<PersonFacts>, string, string?]>([
    ['provincial division head', 'full_time', '2025-09-15', {}, 'eligible'],
    ['deputy division head is not a target under 350', 'full_time', '2025-09-15', { currentTitleCode: 'PTP_T', plannedTitles: [] }, 'not_eligible', 'CC_LLCT_350.target_post'],
    ['planned for division head', 'full_time', '2025-09-15', { currentTitleCode: 'PTP_T', plannedTitles: [{ titleCode: 'TP_T', term: '2025-2030' }] }, 'eligible'],
    ['full-time, turning 51 on the nomination date', 'full_time', '2025-09-15', { birthDate: '1974-09-15' }, 'not_eligible', 'CC_LLCT_350.age_full_time'],
    ['part-time, woman aged 34', 'part_time', '2025-09-15', { birthDate: '1991-01-01' }, 'not_eligible', 'CC_LLCT_350.age_part_time'],
    ['only two good years out of three', 'full_time', '2025-09-15', { appraisals: [{ year: 2022, classification: 'completed' }, { year: 2023, classification: 'good' }, { year: 2024, classification: 'good' }] }, 'not_eligible', 'CC_LLCT_350.appraisal_streak'],
    ['college degree only', 'full_time', '2025-09-15', { qualifications: [edu('cao_dang')] }, 'not_eligible', 'CC_LLCT_350.education'],
    ['commune party committee member under 57 is not a target', 'full_time', '2025-08-28', { currentTitleCode: 'DUV_X', plannedTitles: [] }, 'not_eligible', 'CC_LLCT_57.target_post'],
    ['commune party committee member under 350 is a target', 'full_time', '2025-08-29', { currentTitleCode: 'DUV_X', plannedTitles: [] }, 'eligible'],
  ])('%s (%s, %s) → %s', (_name, mode, asOf, over, outcome, failing) => {
    const r = check('CC_LLCT', mode, asOf, leader(over));
    expect(r.outcome).toBe(outcome);
    if (failing) expect(outcomeOf(r, failing)).toBe('fail');
  });
});

describe('checkEligibility: sơ cấp LLCT and state management', () => {
  it.each<[string, string, string, Partial<PersonFacts>, string]>([
    ['SC_LLCT', '2025-09-15', 'party member without LLCT', { qualifications: [edu('dai_hoc')] }, 'eligible'],
    ['SC_LLCT', '2025-09-15', 'already holds sơ cấp', {}, 'not_eligible'],
    ['SC_LLCT', '2025-09-15', 'prospective member (quần chúng)', { qualifications: [], category: 'quan_chung', partyMembership: 'not_member', partyJoinedOn: null, partyOfficialOn: null }, 'not_eligible'],
    ['QLNN_CV', '2025-06-30', 'chuyên viên without the certificate (NĐ 101)', {}, 'eligible'],
    ['QLNN_CV', '2025-07-01', 'chuyên viên without the certificate (NĐ 171)', {}, 'eligible'],
    ['QLNN_CV', '2025-07-01', 'already holds chuyên viên chính', { qualifications: [{ kind: 'state_management', level: 'chuyen_vien_chinh', field: null, awardedOn: '2020-01-01' }] }, 'not_eligible'],
    ['QLNN_CVC', '2025-07-01', 'chuyên viên, university', {}, 'eligible'],
    ['QLNN_CVC', '2025-07-01', 'cán sự rank', { rankCode: '01.004' }, 'not_eligible'],
    ['QLNN_CVCC', '2025-07-01', 'chuyên viên rank', {}, 'not_eligible'],
    ['QLNN_CVCC', '2025-07-01', 'chuyên viên chính rank', { rankCode: '01.002' }, 'eligible'],
  ])('%s on %s: %s → %s', (programme, asOf, _name, over, outcome) => {
    expect(check(programme, 'full_time', asOf, person(over)).outcome).toBe(outcome);
  });

  it('names the document in force on each side of 1/7/2025', () => {
    expect(check('QLNN_CV', 'online', '2025-06-30').rules[0]?.source.code).toBe('101/2017/NĐ-CP');
    expect(check('QLNN_CV', 'online', '2025-07-01').rules[0]?.source.code).toBe('171/2025/NĐ-CP');
  });
});

describe('checkEligibility: postgraduate (NĐ 171/2025)', () => {
  const asOf = '2025-09-15';
  it('is eligible with a matching field, and carries the service commitment as a note', () => {
    const r = check('SDH_THS', 'full_time', asOf, person(), 'Luật kinh tế');
    expect(r.outcome).toBe('eligible');
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]?.text).toContain('gấp 03 lần thời gian đào tạo');
    expect(r.notes[0]?.source.code).toBe('171/2025/NĐ-CP');
  });

  it.each<[string, Partial<PersonFacts>, string | null, string, string[]]>([
    ['turning 45 on the nomination date', { birthDate: '1980-09-15' }, 'Luật', 'eligible', []],
    ['turning 46 on the nomination date', { birthDate: '1979-09-15' }, 'Luật', 'not_eligible', []],
    ['exactly 3 years of service', { serviceStartedOn: '2022-09-15' }, 'Luật', 'eligible', []],
    ['3 years of service the next day', { serviceStartedOn: '2022-09-16' }, 'Luật', 'not_eligible', []],
    ['a field unrelated to the job', {}, 'Kỹ thuật điện', 'not_eligible', []],
    ['no study field given', {}, null, 'cannot_decide', ['studyField']],
    ['no service start recorded', { serviceStartedOn: null }, 'Luật', 'cannot_decide', ['serviceStartedOn']],
    ['already holds a master’s', { qualifications: [edu('thac_si')] }, 'Luật', 'not_eligible', []],
    ['a public employee (viên chức)', { category: 'vien_chuc' }, 'Luật', 'not_eligible', []],
  ])('%s → %s', (_name, over, field, outcome, missing) => {
    const r = check('SDH_THS', 'full_time', asOf, person(over), field);
    expect(r.outcome).toBe(outcome);
    expect(r.missing).toEqual(missing);
  });

  it('the day before NĐ 171/2025 took effect, NĐ 101/2017 decides', () => {
    const r = check('SDH_THS', 'full_time', '2025-06-30', person({ birthDate: '1990-01-01' }), 'Luật');
    expect(r.outcome).toBe('eligible');
    expect(r.rules.every((x) => x.source.code === '101/2017/NĐ-CP')).toBe(true);
  });

  it('doctorate: a master’s holder may apply, a doctor may not', () => {
    expect(check('SDH_TS', 'full_time', asOf, person({ qualifications: [edu('thac_si')] }), 'Luật').outcome).toBe('eligible');
    expect(check('SDH_TS', 'full_time', asOf, person({ qualifications: [edu('tien_si')] }), 'Luật').outcome).toBe('not_eligible');
  });
});

describe('checkEligibility: postgraduate under NĐ 101/2017 (amended by NĐ 89/2021)', () => {
  const asOf = '2023-09-15';
  it('is eligible with a matching field, and carries the 2× service commitment as a note', () => {
    const r = check('SDH_THS', 'full_time', asOf, person({ birthDate: '1985-01-01' }), 'Luật kinh tế');
    expect(r.outcome).toBe('eligible');
    expect(r.rules.map((x) => x.ruleId)).toContain('SDH_THS_101.age_limit');
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]?.text).toContain('gấp 02 lần thời gian đào tạo');
    expect(r.notes[0]?.source.code).toBe('101/2017/NĐ-CP');
  });

  it.each<[string, string, Partial<PersonFacts>, string | null, string]>([
    ['turning 40 on the nomination date', asOf, { birthDate: '1983-09-15' }, 'Luật', 'eligible'],
    ['turning 41 on the nomination date', asOf, { birthDate: '1982-09-15' }, 'Luật', 'not_eligible'],
    ['exactly 3 years of service', asOf, { birthDate: '1990-01-01', serviceStartedOn: '2020-09-15' }, 'Luật', 'eligible'],
    ['3 years of service the next day', asOf, { birthDate: '1990-01-01', serviceStartedOn: '2020-09-16' }, 'Luật', 'not_eligible'],
    ['a cadre (cán bộ)', asOf, { birthDate: '1990-01-01', category: 'can_bo' }, 'Luật', 'eligible'],
    ['a public employee (viên chức)', asOf, { birthDate: '1990-01-01', category: 'vien_chuc' }, 'Luật', 'eligible'],
    ['a part-time commune worker', asOf, { birthDate: '1990-01-01', category: 'khong_chuyen_trach' }, 'Luật', 'not_eligible'],
    ['on 21/10/2017, the day the decree took effect', '2017-10-21', { birthDate: '1985-01-01', serviceStartedOn: '2012-08-01', appraisals: [{ year: 2016, classification: 'good' }, { year: 2015, classification: 'good' }] }, 'Luật', 'eligible'],
    ['on 20/10/2017, before the decree', '2017-10-20', { birthDate: '1985-01-01' }, 'Luật', 'cannot_decide'],
  ])('%s (%s) → %s', (_name, on, over, field, outcome) => {
    expect(check('SDH_THS', 'full_time', on, person(over), field).outcome).toBe(outcome);
  });
});

describe('shipped corrections', () => {
  it.each<[string, string, Partial<PersonFacts>, string]>([
    ['QLNN_CV', '2025-07-01', { category: 'vien_chuc' }, 'not_eligible'],
    ['QLNN_CV', '2025-07-01', { category: 'can_bo', rankCode: null }, 'not_eligible'],
    ['QLNN_CV', '2025-06-30', { category: 'vien_chuc' }, 'eligible'],
    ['QLNN_CV', '2025-06-30', { category: 'can_bo', rankCode: null }, 'eligible'],
    ['QLNN_CVC', '2025-07-01', { category: 'vien_chuc' }, 'not_eligible'],
  ])('%s on %s for %o → %s (NĐ 171/2025 covers công chức only)', (programme, asOf, over, outcome) => {
    expect(check(programme, 'full_time', asOf, person(over)).outcome).toBe(outcome);
  });

  it('the corrected versions say what the text says, and the replaced ones stay in the history', () => {
    const sc = SHIPPED_RULE_SETS.find((s) => s.programmeCode === 'SC_LLCT')?.rules.find((r) => r.id === 'SC_LLCT_57.target_group');
    expect(sc).toMatchObject({ version: 3, corrects: 2 });
    expect(sc?.kind === 'target_group' && sc.params.anyOf).toContainEqual({ categories: ['cong_chuc'], unitLevel: 'commune' });
    expect(sc?.description).toContain('trừ trưởng công an và chỉ huy trưởng quân sự cấp xã');
    expect(sc?.description).toContain('đoàn viên, hội viên');
    expect(sc?.description).toContain('trung học cơ sở');
    const history = SHIPPED_SUPERSEDED_RULES.map(({ rule }) => [rule.id, rule.version, rule.supersededBy]);
    expect(history).toEqual([
      ['SC_LLCT_57.target_group', 1, 2],
      ['SC_LLCT_57.target_group', 2, 3],
      ['QLNN_CV_171.target_group', 1, 2],
      ['QLNN_CVC_171.target_group', 1, 2],
      ['QLNN_CVCC_171.target_group', 1, 2],
      ...['SDH_THS', 'SDH_TS'].flatMap((p) =>
        ['target_group', 'age_limit', 'service_years', 'appraisal_streak', 'field_matches_job', 'education', 'not_already_holding', 'not_enrolled'].map((c) => [`${p}_101.${c}`, 1, 2]),
      ),
    ]);
  });

  it('NĐ 101/2017 Điều 6: the age, service and appraisal conditions bind cán bộ and công chức, not viên chức (decision 0031)', () => {
    const base = {
      category: 'cong_chuc' as const,
      birthDate: '1980-01-01', // 45 on asOf: over 40
      serviceStartedOn: '2024-01-01', // under 3 years
      appraisals: [],
      jobPositionCode: 'KT',
      qualifications: [{ kind: 'education' as const, level: 'dai_hoc', field: 'Kế toán', awardedOn: '2005-06-30' }],
      enrolledProgrammeCodes: [],
    };
    const ask = (over: Partial<PersonFacts>) => check('SDH_THS', 'full_time', '2025-03-01', person({ ...base, ...over }), 'Kế toán');
    const civilServant = ask({});
    expect(civilServant.outcome).toBe('not_eligible');
    expect(civilServant.rules.filter((r) => r.outcome === 'fail').map((r) => r.ruleId).sort()).toEqual(['SDH_THS_101.age_limit', 'SDH_THS_101.service_years']);
    const employee = ask({ category: 'vien_chuc' });
    expect(employee.outcome).toBe('eligible');
    expect(employee.rules.filter((r) => r.outcome === 'not_applicable').map((r) => r.ruleId).sort()).toEqual([
      'SDH_THS_101.age_limit',
      'SDH_THS_101.appraisal_streak',
      'SDH_THS_101.service_years',
    ]);
    expect(employee.rules.find((r) => r.ruleId === 'SDH_THS_101.age_limit')?.source.article).toBe('Điều 6');
    const unknown = ask({ category: null });
    expect(unknown.outcome).toBe('cannot_decide');
    expect(unknown.missing).toContain('category');
  });
});

describe('shipped programmes and rule sets', () => {
  it('every rule set names a shipped programme', () => {
    const codes = new Set(SHIPPED_PROGRAMMES.map((p) => p.code));
    for (const s of SHIPPED_RULE_SETS) expect(codes.has(s.programmeCode)).toBe(true);
  });
});

describe('checkEligibility: the summary names what is wrong, not what the rule requires', () => {
  const edu = (level: string) => ({ kind: 'education' as const, level, field: null, awardedOn: '2010-06-30' });
  const llct = (level: string) => ({ kind: 'political_theory' as const, level, field: null, awardedOn: '2015-06-30' });
  it.each<[string, Partial<PersonFacts>, string, string]>([
    [
      'already holds trung cấp LLCT',
      { qualifications: [edu('dai_hoc'), llct('trung_cap')] },
      'đã có lý luận chính trị Trung cấp (từ Trung cấp trở lên)',
      'Chưa có trình độ trung cấp',
    ],
    [
      'already holds cao cấp LLCT',
      { qualifications: [edu('dai_hoc'), llct('cao_cap')] },
      'đã có lý luận chính trị Cao cấp (từ Trung cấp trở lên)',
      'Chưa có trình độ trung cấp',
    ],
    ['not a party member', { partyMembership: 'not_member', partyJoinedOn: null, partyOfficialOn: null }, 'không phải đảng viên tại ngày 15/09/2025', 'Là đảng viên'],
    ['already enrolled', { enrolledProgrammeCodes: ['TC_LLCT'] }, 'đang học chương trình Trung cấp lý luận chính trị', 'Không đang học'],
  ])('%s', (_name, facts, reason, requirement) => {
    const r = check('TC_LLCT', 'full_time', '2025-09-15', person(facts));
    expect(r.outcome).toBe('not_eligible');
    expect(r.summary).toBe(`Không đủ điều kiện (chương trình Trung cấp lý luận chính trị, ngày 15/09/2025): ${reason}.`);
    expect(r.summary).not.toContain(requirement);
  });

  it('lists every failed finding, each once, in rule order', () => {
    const r = check('TC_LLCT', 'full_time', '2025-09-15', person({ qualifications: [edu('dai_hoc'), llct('trung_cap')], enrolledProgrammeCodes: ['TC_LLCT'] }));
    expect(r.summary).toMatch(/: đã có lý luận chính trị Trung cấp \(từ Trung cấp trở lên\); đang học chương trình Trung cấp lý luận chính trị\.$/);
  });
});
