import { describe, expect, it } from 'vitest';
import { appraisalYears, evaluateRule, fieldMatches, isOfficialMemberOn, isPartyMemberOn, isTermCurrent } from './checks.js';
import { RulesError } from './errors.js';
import type { PersonFacts } from './facts.js';
import { context, makeRule, person } from './test-fixtures.js';
import type {
  AgeLimitRule,
  AppraisalStreakRule,
  FieldMatchesJobRule,
  MinQualificationRule,
  MinServiceYearsRule,
  NotAlreadyHoldingRule,
  NotEnrolledRule,
  PartyMemberRule,
  StudyMode,
  TargetGroupRule,
  TargetPostRule,
} from './types.js';

const ASOF = '2025-10-01';

describe('age_limit: whole years on asOf, the birthday itself counts', () => {
  const partTime = makeRule<AgeLimitRule>('age_limit', { min: { female: 28, male: 30 }, modes: ['part_time'] });
  const max45 = makeRule<AgeLimitRule>('age_limit', { max: 45 });
  it.each<[string, AgeLimitRule, Partial<PersonFacts>, StudyMode, string, number | null]>([
    ['woman turning 28 on asOf', partTime, { birthDate: '1997-10-01', gender: 'female' }, 'part_time', 'pass', 28],
    ['woman turning 28 the day after asOf', partTime, { birthDate: '1997-10-02', gender: 'female' }, 'part_time', 'fail', 27],
    ['man aged 29', partTime, { birthDate: '1995-10-02', gender: 'male' }, 'part_time', 'fail', 29],
    ['man turning 30 on asOf', partTime, { birthDate: '1995-10-01', gender: 'male' }, 'part_time', 'pass', 30],
    ['woman aged 29 (the male limit does not apply)', partTime, { birthDate: '1996-05-01', gender: 'female' }, 'part_time', 'pass', 29],
    ['full-time study: the part-time limit is not applicable', partTime, { birthDate: '2001-01-01', gender: 'female' }, 'full_time', 'not_applicable', null],
    ['45 years to the day', max45, { birthDate: '1980-10-01' }, 'full_time', 'pass', 45],
    ['46 the day after asOf (still 45)', max45, { birthDate: '1979-10-02' }, 'full_time', 'pass', 45],
    ['46 on asOf', max45, { birthDate: '1979-10-01' }, 'full_time', 'fail', 46],
    ['born 29 February, 45 on 28 February', max45, { birthDate: '1980-02-29' }, 'full_time', 'pass', 45],
  ])('%s', (_name, rule, over, mode, outcome, age) => {
    const r = evaluateRule(rule, context({ person: person(over), mode, asOf: ASOF }));
    expect(r.outcome).toBe(outcome);
    if (age !== null) expect(r.facts.age).toBe(age);
  });

  it('born 29 February 1980 turns 46 on 1 March 2026, not on 28 February', () => {
    const p = person({ birthDate: '1980-02-29' });
    expect(evaluateRule(max45, context({ person: p, asOf: '2026-02-28' })).outcome).toBe('pass');
    expect(evaluateRule(max45, context({ person: p, asOf: '2026-03-01' })).outcome).toBe('fail');
  });

  it.each<[string, Partial<PersonFacts>, string[]]>([
    ['missing birth date', { birthDate: null }, ['birthDate']],
    ['missing gender where the limit differs by gender', { gender: null }, ['gender']],
    ['missing both', { birthDate: null, gender: null }, ['birthDate', 'gender']],
  ])('%s → missing_fact naming it', (_name, over, missing) => {
    const r = evaluateRule(partTime, context({ person: person(over), mode: 'part_time' }));
    expect(r.outcome).toBe('missing_fact');
    expect(r.missing).toEqual(missing);
    expect(r.message).toMatch(/^Chưa thể kết luận: thiếu /);
  });

  it('does not need the gender when the limit is the same for both', () => {
    expect(evaluateRule(max45, context({ person: person({ gender: null, birthDate: '1990-01-01' }) })).outcome).toBe('pass');
  });

  it('explains itself in Vietnamese with the figures used', () => {
    const r = evaluateRule(partTime, context({ person: person({ birthDate: '1997-10-02' }), mode: 'part_time', asOf: ASOF }));
    expect(r.message).toBe('Tuổi tại ngày 01/10/2025: 27 (sinh ngày 02/10/1997); yêu cầu nữ từ 28 tuổi — không đạt.');
    expect(r.facts).toMatchObject({ age: 27, min: 28, max: null, gender: 'female' });
  });
});

describe('target_group: unit level (công chức cấp xã)', () => {
  const rule = makeRule<TargetGroupRule>('target_group', { anyOf: [{ categories: ['cong_chuc'], unitLevel: 'commune' }] });
  it.each<[string, Partial<PersonFacts>, string, string[]?]>([
    ['commune civil servant', { unitLevel: 'commune' }, 'pass'],
    ['province civil servant', { unitLevel: 'province' }, 'fail'],
    ['commune public employee', { unitLevel: 'commune', category: 'vien_chuc' }, 'fail'],
    ['level not known', { unitLevel: null }, 'missing_fact', ['unitLevel']],
  ])('%s → %s', (_name, over, outcome, missing) => {
    const r = evaluateRule(rule, context({ person: person(over), asOf: ASOF }));
    expect(r.outcome).toBe(outcome);
    if (missing) expect(r.missing).toEqual(missing);
  });

  it('names the level in its finding', () => {
    expect(evaluateRule(rule, context({ person: person(), asOf: ASOF })).message).toBe('Thuộc đối tượng: công chức, công tác ở cấp xã — đạt.');
  });
});

describe('party_member', () => {
  const member = makeRule<PartyMemberRule>('party_member', { status: 'member' });
  const official = makeRule<PartyMemberRule>('party_member', { status: 'official' });
  const fiveYears = makeRule<PartyMemberRule>('party_member', { status: 'official', minYears: 5 });
  const fiveYearsJoined = makeRule<PartyMemberRule>('party_member', { status: 'member', minYears: 5, since: 'joined' });
  const M = { partyMembership: 'member' } as const;
  const P = { partyMembership: 'probationary' } as const;
  const NOT = { partyMembership: 'not_member', partyJoinedOn: null, partyOfficialOn: null } as const;
  const UNKNOWN = { partyMembership: null, partyJoinedOn: null, partyOfficialOn: null } as const;
  const NO_DATES = { partyJoinedOn: null, partyOfficialOn: null } as const;
  // decision 0031: member with dates, member without dates, probationary, not a member, unknown
  it.each<[string, PartyMemberRule, Partial<PersonFacts>, string, string[]?]>([
    ['member with dates', member, { ...M, partyJoinedOn: '2015-05-19', partyOfficialOn: '2016-05-19' }, 'pass'],
    ['member, dates unknown', member, { ...M, ...NO_DATES }, 'pass'],
    ['probationary member counts as a member', member, { ...P, partyJoinedOn: '2025-06-01', partyOfficialOn: null }, 'pass'],
    ['probationary, admission date unknown', member, { ...P, ...NO_DATES }, 'pass'],
    ['not a member', member, NOT, 'fail'],
    ['unknown: cannot decide, the status is missing', member, UNKNOWN, 'missing_fact', ['partyMembership']],
    ['joined on asOf', member, { ...P, partyJoinedOn: ASOF, partyOfficialOn: null }, 'pass'],
    ['joins the day after asOf', member, { ...P, partyJoinedOn: '2025-10-02', partyOfficialOn: null }, 'fail'],
    ['status unknown but an admission date recorded', member, { partyMembership: null, partyJoinedOn: '2015-05-19', partyOfficialOn: null }, 'pass'],
    ['official: member with dates', official, { ...M, partyJoinedOn: '2015-05-19', partyOfficialOn: '2016-05-19' }, 'pass'],
    ['official: member, dates unknown', official, { ...M, ...NO_DATES }, 'pass'],
    ['official: probationary, joined 4 months ago', official, { ...P, partyJoinedOn: '2025-06-01', partyOfficialOn: null }, 'fail'],
    ['official: probationary, date unknown', official, { ...P, ...NO_DATES }, 'fail'],
    ['official: not a member', official, NOT, 'fail'],
    ['official: unknown', official, UNKNOWN, 'missing_fact', ['partyMembership']],
    ['official from the day after asOf', official, { ...M, partyJoinedOn: '2024-10-02', partyOfficialOn: '2025-10-02' }, 'fail'],
    ['official: member admitted 4 months before asOf (still probationary then)', official, { ...M, partyJoinedOn: '2025-06-01', partyOfficialOn: null }, 'fail'],
    ['official: member admitted 2 years ago, official date not recorded', official, { ...M, partyJoinedOn: '2023-06-01', partyOfficialOn: null }, 'pass'],
    ['official: status unknown, admitted 2 years ago', official, { partyMembership: null, partyJoinedOn: '2023-06-01', partyOfficialOn: null }, 'missing_fact', ['partyOfficialOn']],
    ['official exactly 5 years before asOf', fiveYears, { ...M, partyJoinedOn: '2019-10-01', partyOfficialOn: '2020-10-01' }, 'pass'],
    ['official 5 years before the day after asOf', fiveYears, { ...M, partyJoinedOn: '2019-10-02', partyOfficialOn: '2020-10-02' }, 'fail'],
    ['5 years official: member, dates unknown', fiveYears, { ...M, ...NO_DATES }, 'missing_fact', ['partyOfficialOn']],
    ['5 years official: probationary', fiveYears, { ...P, partyJoinedOn: '2025-06-01', partyOfficialOn: null }, 'fail'],
    ['5 years official: not a member', fiveYears, NOT, 'fail'],
    ['5 years official: unknown', fiveYears, UNKNOWN, 'missing_fact', ['partyMembership']],
    ['joined exactly 5 years before asOf', fiveYearsJoined, { ...M, partyJoinedOn: '2020-10-01', partyOfficialOn: null }, 'pass'],
    ['5 years since joining: member, date unknown → missing joining date, not "not eligible"', fiveYearsJoined, { ...M, ...NO_DATES }, 'missing_fact', ['partyJoinedOn']],
    ['5 years since joining: probationary, date unknown', fiveYearsJoined, { ...P, ...NO_DATES }, 'missing_fact', ['partyJoinedOn']],
    ['5 years since joining: not a member', fiveYearsJoined, NOT, 'fail'],
    ['5 years since joining: unknown', fiveYearsJoined, UNKNOWN, 'missing_fact', ['partyMembership']],
  ])('%s → %s', (_name, rule, over, outcome, missing) => {
    const r = evaluateRule(rule, context({ person: person(over), asOf: ASOF }));
    expect(r.outcome).toBe(outcome);
    if (missing) expect(r.missing).toEqual(missing);
  });

  it('names the missing fact in Vietnamese', () => {
    expect(evaluateRule(fiveYearsJoined, context({ person: person({ ...M, ...NO_DATES }), asOf: ASOF })).message).toBe('Chưa thể kết luận: thiếu ngày vào Đảng.');
    expect(evaluateRule(member, context({ person: person(UNKNOWN), asOf: ASOF })).message).toContain('thiếu tình trạng đảng viên');
  });

  it.each<[Partial<PersonFacts>, boolean | null, boolean | null]>([
    [{}, true, true],
    [NOT, false, false],
    [{ ...M, ...NO_DATES }, true, true],
    [{ ...P, ...NO_DATES }, true, false],
    [{ partyMembership: null, partyJoinedOn: null, partyOfficialOn: '2020-01-01' }, true, true],
    [UNKNOWN, null, null],
  ])('membership and official status of %j', (over, isMember, isOfficial) => {
    expect(isPartyMemberOn(person(over), ASOF)).toBe(isMember);
    expect(isOfficialMemberOn(person(over), ASOF)).toBe(isOfficial);
  });
});

describe('appraisal_streak: the N calendar years before asOf’s year', () => {
  const twoGood = makeRule<AppraisalStreakRule>('appraisal_streak', { minClassification: 'good', years: 2 });
  it.each([
    ['2025-10-01', 2, [2024, 2023]],
    ['2025-01-01', 3, [2024, 2023, 2022]],
    ['2026-12-31', 1, [2025]],
  ])('asOf %s, %i years → %j', (asOf, n, years) => {
    expect(appraisalYears(asOf, n)).toEqual(years);
  });

  it.each<[string, PersonFacts['appraisals'], string, string[]?]>([
    ['good and excellent', [{ year: 2023, classification: 'good' }, { year: 2024, classification: 'excellent' }], 'pass'],
    ['completed in 2024', [{ year: 2023, classification: 'good' }, { year: 2024, classification: 'completed' }], 'fail'],
    ['the current year does not count', [{ year: 2023, classification: 'good' }, { year: 2024, classification: 'good' }, { year: 2025, classification: 'not_completed' }], 'pass'],
    ['a year before the window does not count', [{ year: 2022, classification: 'not_completed' }, { year: 2023, classification: 'good' }, { year: 2024, classification: 'good' }], 'pass'],
    ['2023 not recorded', [{ year: 2024, classification: 'good' }], 'missing_fact', ['appraisals.2023']],
    ['no record at all', [], 'missing_fact', ['appraisals.2024', 'appraisals.2023']],
    ['a failing year wins over a missing one', [{ year: 2024, classification: 'completed' }], 'fail'],
  ])('%s → %s', (_name, appraisals, outcome, missing) => {
    const r = evaluateRule(twoGood, context({ person: person({ appraisals }), asOf: ASOF }));
    expect(r.outcome).toBe(outcome);
    if (missing) expect(r.missing).toEqual(missing);
  });

  it('names the missing year in Vietnamese', () => {
    const r = evaluateRule(twoGood, context({ person: person({ appraisals: [{ year: 2024, classification: 'good' }] }), asOf: ASOF }));
    expect(r.message).toBe('Chưa thể kết luận: thiếu xếp loại đánh giá năm 2023.');
  });
});

describe('min_service_years', () => {
  const three = makeRule<MinServiceYearsRule>('min_service_years', { years: 3 });
  it.each<[string | null, string, number | undefined]>([
    ['2022-10-01', 'pass', 3],
    ['2022-10-02', 'fail', 2],
    ['2026-01-01', 'fail', 0],
    [null, 'missing_fact', undefined],
  ])('started %s → %s', (start, outcome, years) => {
    const r = evaluateRule(three, context({ person: person({ serviceStartedOn: start }), asOf: ASOF }));
    expect(r.outcome).toBe(outcome);
    expect(r.facts.years).toBe(years);
  });
});

describe('min_qualification, with the ethnic-minority alternative', () => {
  const collegeOrUpperSecondary = makeRule<MinQualificationRule>('min_qualification', {
    kind: 'education',
    minLevel: 'cao_dang',
    alternatives: [{ when: 'ethnic_minority', level: 'thpt' }],
  });
  const edu = (level: string | null, awardedOn: string | null = '2010-01-01') => [{ kind: 'education', level, field: null, awardedOn }];
  it.each<[string, Partial<PersonFacts>, string, string | null]>([
    ['college', { qualifications: edu('cao_dang') }, 'pass', null],
    ['university (higher holds the lower)', { qualifications: edu('dai_hoc') }, 'pass', null],
    ['upper secondary, Kinh', { qualifications: edu('thpt') }, 'fail', null],
    ['upper secondary, ethnic minority', { qualifications: edu('thpt'), ethnicMinority: true }, 'pass', 'thpt'],
    ['college, ethnic minority: no alternative needed', { qualifications: edu('cao_dang'), ethnicMinority: true }, 'pass', null],
    ['nothing recorded, ethnic minority', { qualifications: [], ethnicMinority: true }, 'fail', null],
    ['college awarded after asOf', { qualifications: edu('cao_dang', '2025-12-01') }, 'fail', null],
    ['college without an award date counts', { qualifications: edu('cao_dang', null) }, 'pass', null],
    ['a level the catalogue does not know is ignored', { qualifications: edu('bogus') }, 'fail', null],
  ])('%s → %s', (_name, over, outcome, alt) => {
    const r = evaluateRule(collegeOrUpperSecondary, context({ person: person(over), asOf: ASOF }));
    expect(r.outcome).toBe(outcome);
    expect(r.facts.alternativeApplied).toBe(alt);
  });

  it('says the alternative was applied', () => {
    const r = evaluateRule(collegeOrUpperSecondary, context({ person: person({ qualifications: edu('thpt'), ethnicMinority: true }) }));
    expect(r.message).toBe('Chuyên môn: Tốt nghiệp THPT; áp dụng tiêu chuẩn đối với người dân tộc thiểu số (từ Tốt nghiệp THPT trở lên) — đạt.');
  });
});

describe('not_already_holding', () => {
  const trungCap = makeRule<NotAlreadyHoldingRule>('not_already_holding', { kind: 'political_theory', level: 'trung_cap' });
  const llct = (level: string, awardedOn = '2020-01-01') => [{ kind: 'political_theory', level, field: null, awardedOn }];
  it.each<[string, PersonFacts['qualifications'], string]>([
    ['nothing', [], 'pass'],
    ['sơ cấp', llct('so_cap'), 'pass'],
    ['trung cấp', llct('trung_cap'), 'fail'],
    ['cao cấp', llct('cao_cap'), 'fail'],
    ['cử nhân', llct('cu_nhan'), 'fail'],
    ['trung cấp awarded after asOf', llct('trung_cap', '2026-01-01'), 'pass'],
    ['an education degree of the same code does not count', [{ kind: 'education', level: 'trung_cap', field: null, awardedOn: null }], 'pass'],
  ])('holding %s → %s', (_name, qualifications, outcome) => {
    expect(evaluateRule(trungCap, context({ person: person({ qualifications }), asOf: ASOF })).outcome).toBe(outcome);
  });
});

describe('not_enrolled', () => {
  const own = makeRule<NotEnrolledRule>('not_enrolled', {});
  const both = makeRule<NotEnrolledRule>('not_enrolled', { programmeCodes: ['TC_LLCT', 'CC_LLCT'] });
  it.each<[string, NotEnrolledRule, string[], string]>([
    ['not enrolled', both, [], 'pass'],
    ['enrolled in this programme', both, ['TC_LLCT'], 'fail'],
    ['enrolled in cao cấp', both, ['CC_LLCT'], 'fail'],
    ['enrolled elsewhere', both, ['QLNN_CV'], 'pass'],
    ['default: the programme being checked', own, ['TC_LLCT'], 'fail'],
  ])('%s → %s', (_name, rule, enrolled, outcome) => {
    expect(evaluateRule(rule, context({ person: person({ enrolledProgrammeCodes: enrolled }) })).outcome).toBe(outcome);
  });
});

describe('target_post', () => {
  const byCode = makeRule<TargetPostRule>('target_post', { titleCodes: ['TP_X', 'CT_UBND_X'], includePlanned: true });
  const heldOnly = makeRule<TargetPostRule>('target_post', { titleCodes: ['TP_X'], includePlanned: false });
  const byGroup = makeRule<TargetPostRule>('target_post', { titleGroups: [{ level: 'commune', leadershipOnly: true }], includePlanned: true });
  it.each<[string, TargetPostRule, Partial<PersonFacts>, string, unknown]>([
    ['holds a listed title', byCode, { currentTitleCode: 'CT_UBND_X', plannedTitles: [] }, 'pass', { titleCode: 'CT_UBND_X', as: 'current' }],
    ['planned for a listed title', byCode, {}, 'pass', { titleCode: 'TP_X', as: 'planned', term: '2025-2030' }],
    ['planned in a term that has ended', byCode, { plannedTitles: [{ titleCode: 'TP_X', term: '2020-2025' }] }, 'pass', { titleCode: 'TP_X', as: 'planned', term: '2020-2025' }],
    ['planned in a term ended the year before', byCode, { plannedTitles: [{ titleCode: 'TP_X', term: '2015-2020' }] }, 'fail', undefined],
    ['planning does not count when the rule wants the post held', heldOnly, {}, 'fail', undefined],
    ['no title, no planning', byCode, { currentTitleCode: null, plannedTitles: [] }, 'fail', undefined],
    ['commune leadership group', byGroup, { currentTitleCode: 'PTP_X' }, 'pass', { titleCode: 'PTP_X', as: 'current' }],
    ['not leadership: village party cell secretary', byGroup, { currentTitleCode: 'BT_CB', plannedTitles: [] }, 'fail', undefined],
    ['province title is not in the commune group', byGroup, { currentTitleCode: 'PTP_T', plannedTitles: [] }, 'fail', undefined],
  ])('%s → %s', (_name, rule, over, outcome, matched) => {
    const r = evaluateRule(rule, context({ person: person(over), asOf: ASOF }));
    expect(r.outcome).toBe(outcome);
    expect(r.facts.matched).toEqual(matched);
  });

  it('needs the title catalogue for title groups', () => {
    expect(() => evaluateRule(byGroup, context({ titles: undefined }))).toThrow(RulesError);
  });

  it.each([
    ['2025-2030', true],
    ['2020-2025', true],
    ['2015-2020', false],
    ['2020 – 2025', true],
    ['nhiệm kỳ mới', true],
  ])('term %s is current in 2025: %s', (term, current) => {
    expect(isTermCurrent(term, ASOF)).toBe(current);
  });
});

describe('target_group', () => {
  const rule = makeRule<TargetGroupRule>('target_group', { anyOf: [{ partyMember: true }, { categories: ['khong_chuyen_trach'] }, { categories: ['cong_chuc'], rankCodes: ['01.003'] }] });
  it.each<[string, Partial<PersonFacts>, string, string[]?]>([
    ['party member', { category: 'vien_chuc' }, 'pass'],
    ['part-time commune staff, not a member', { partyMembership: 'not_member', category: 'khong_chuyen_trach' }, 'pass'],
    ['civil servant with the rank', { partyMembership: 'not_member' }, 'pass'],
    ['civil servant with another rank', { partyMembership: 'not_member', rankCode: '01.002' }, 'fail'],
    ['public employee, not a member', { partyMembership: 'not_member', category: 'vien_chuc' }, 'fail'],
    ['public employee, membership unknown', { partyMembership: null, partyJoinedOn: null, partyOfficialOn: null, category: 'vien_chuc' }, 'missing_fact', ['partyMembership']],
    ['province civil servant with the rank', { partyMembership: 'not_member', unitLevel: 'province' }, 'pass'],
  ])('%s → %s', (_name, over, outcome, missing) => {
    const r = evaluateRule(rule, context({ person: person(over) }));
    expect(r.outcome).toBe(outcome);
    if (missing) expect(r.missing).toEqual(missing);
  });
});

describe('field_matches_job', () => {
  const study = makeRule<FieldMatchesJobRule>('field_matches_job', { subject: 'study_field' });
  const held = makeRule<FieldMatchesJobRule>('field_matches_job', { subject: 'held_qualification', minLevel: 'dai_hoc' });
  it.each<[string, FieldMatchesJobRule, Partial<PersonFacts>, string | null, string, string[]?]>([
    ['law for a justice post', study, {}, 'Luật kinh tế', 'pass'],
    ['diacritics and case do not matter', study, {}, 'LUAT HIEN PHAP', 'pass'],
    ['electrical engineering for a justice post', study, {}, 'Kỹ thuật điện', 'fail'],
    ['no study field given', study, {}, null, 'missing_fact', ['studyField']],
    ['no job position', study, { jobPositionCode: null }, 'Luật', 'missing_fact', ['jobPositionCode']],
    ['a job position without fields', study, { jobPositionCode: 'XX' }, 'Luật', 'missing_fact', ['jobPositionFields']],
    ['held law degree', held, {}, null, 'pass'],
    ['held degree without a field', held, { qualifications: [{ kind: 'education', level: 'dai_hoc', field: null, awardedOn: null }] }, null, 'missing_fact', ['qualificationField']],
    ['only a college degree (below the minimum level)', held, { qualifications: [{ kind: 'education', level: 'cao_dang', field: 'Luật', awardedOn: null }] }, null, 'fail'],
  ])('%s → %s', (_name, rule, over, studyField, outcome, missing) => {
    const r = evaluateRule(rule, context({ person: person(over), studyField }));
    expect(r.outcome).toBe(outcome);
    if (missing) expect(r.missing).toEqual(missing);
  });

  it.each([
    ['Luật kinh tế', 'luật', true],
    ['Kế toán doanh nghiệp', 'Kế toán', true],
    ['Y học cổ truyền', 'y học', true],
    ['Hóa học', 'y học', false],
    ['Quản lý đất đai', 'đất đai', true],
    ['Kỹ thuật điện', 'điện tử', false],
    ['Kinh tế học', 'tế học kinh', false],
    ['Công nghệ thông tin', '', false],
  ])('"%s" matches keyword "%s": %s', (field, keyword, expected) => {
    expect(fieldMatches(field, keyword)).toBe(expected);
  });
});
