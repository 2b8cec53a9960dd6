import { describe, expect, it } from 'vitest';
import { RulesError } from './errors.js';
import type { PersonFacts } from './facts.js';
import { computeGaps, type GapReport } from './gaps.js';
import { JOB_POSITION_FIELDS, REFERENCE_LEVELS, REFERENCE_TITLES, SHIPPED_STANDARDS } from './seed.js';
import { person, TEST_SOURCE } from './test-fixtures.js';
import type { Standard } from './types.js';

const q = (kind: string, level: string, awardedOn = '2015-01-01') => ({ kind, level, field: null, awardedOn });

function gaps(p: PersonFacts, asOf = '2025-09-15', standards: readonly Standard[] = SHIPPED_STANDARDS): GapReport {
  return computeGaps({ person: p, standards, levels: REFERENCE_LEVELS, titles: REFERENCE_TITLES, jobPositions: JOB_POSITION_FIELDS, asOf });
}

/** [target code, requirement kind, met, held level] for compact comparisons. */
function rows(r: GapReport): [string, string, boolean, string | null][] {
  return r.targets.flatMap((t) => t.requirements.map((x): [string, string, boolean, string | null] => [t.code, x.kind, x.met, x.heldLevel]));
}

describe('computeGaps for a current title and a planned title', () => {
  // a provincial deputy division head with trung cấp LLCT, planned for division head
  const deputy = person({
    currentTitleCode: 'PTP_T',
    jobPositionCode: 'TCCB',
    plannedTitles: [{ titleCode: 'TP_T', term: '2025-2030' }],
    qualifications: [q('education', 'dai_hoc'), q('political_theory', 'trung_cap')],
  });

  it('lists each requirement, met or not, with what is held', () => {
    const r = gaps(deputy);
    expect(r.targets.map((t) => [t.role, t.code, t.term])).toEqual([
      ['current_title', 'PTP_T', undefined],
      ['job_position', 'TCCB', undefined],
      ['planned_title', 'TP_T', '2025-2030'],
    ]);
    expect(rows(r)).toEqual([
      ['PTP_T', 'political_theory', true, 'trung_cap'],
      ['PTP_T', 'education', true, 'dai_hoc'],
      ['PTP_T', 'leadership', false, null],
      ['TP_T', 'political_theory', false, 'trung_cap'],
      ['TP_T', 'education', true, 'dai_hoc'],
      ['TP_T', 'leadership', false, null],
    ]);
  });

  it('gives each gap its required level, held level and source', () => {
    const tp = gaps(deputy).targets.find((t) => t.code === 'TP_T');
    expect(tp?.name).toBe('Trưởng phòng và tương đương (cấp tỉnh)');
    expect(tp?.gaps[0]).toMatchObject({
      standardId: 'STD.TP_T.political_theory',
      kind: 'political_theory',
      requiredLevel: 'cao_cap',
      requiredLevelName: 'Cao cấp',
      heldLevel: 'trung_cap',
      heldLevelName: 'Trung cấp',
      met: false,
      alternativeApplied: null,
      neededLevel: 'cao_cap',
      source: { code: '214-QĐ/TW', issuer: 'Bộ Chính trị' },
    });
    expect(tp?.met.map((m) => m.kind)).toEqual(['education']);
  });

  it('summarises the training that would close the gaps', () => {
    expect(gaps(deputy).summary).toEqual({
      targetCount: 3,
      targetsWithGaps: 2,
      gapCount: 3,
      needs: [
        { kind: 'leadership', level: 'cap_phong', levelName: 'Lãnh đạo, quản lý cấp phòng', forTargets: ['PTP_T', 'TP_T'] },
        { kind: 'political_theory', level: 'cao_cap', levelName: 'Cao cấp', forTargets: ['TP_T'] },
      ],
      text: '3 khoảng trống ở 2/3 chức danh, vị trí — cần: Bồi dưỡng lãnh đạo, quản lý: Lãnh đạo, quản lý cấp phòng; Lý luận chính trị: Cao cấp.',
    });
  });

  it('asks for the highest level needed across titles', () => {
    const commune = person({ currentTitleCode: 'CT_UBND_X', jobPositionCode: null, plannedTitles: [{ titleCode: 'GD_SO', term: '2025-2030' }], qualifications: [q('education', 'cao_dang')] });
    const needs = gaps(commune).summary.needs.map((n) => [n.kind, n.level, n.forTargets]);
    expect(needs).toEqual([
      ['political_theory', 'cao_cap', ['CT_UBND_X', 'GD_SO']],
      ['education', 'dai_hoc', ['CT_UBND_X', 'GD_SO']],
      ['state_management', 'chuyen_vien_chinh', ['GD_SO']],
      ['leadership', 'cap_so', ['GD_SO']],
    ]);
  });
});

describe('computeGaps: dates and versions', () => {
  it.each([
    ['2025-06-30', 1, '101/2017/NĐ-CP'],
    ['2025-07-01', 2, '171/2025/NĐ-CP'],
  ])('on %s the leadership standard is version %i (%s), once', (asOf, version, code) => {
    const r = gaps(person({ currentTitleCode: 'TP_T', plannedTitles: [] }), asOf);
    const leadership = r.targets[0]?.requirements.filter((x) => x.kind === 'leadership') ?? [];
    expect(leadership.map((x) => [x.version, x.source.code])).toEqual([[version, code]]);
  });

  it('ignores a qualification awarded after asOf', () => {
    const p = person({ currentTitleCode: 'BT_X', plannedTitles: [], qualifications: [q('education', 'dai_hoc'), q('political_theory', 'trung_cap', '2025-12-01')] });
    expect(rows(gaps(p))).toContainEqual(['BT_X', 'political_theory', false, null]);
    expect(rows(gaps(p, '2025-12-01'))).toContainEqual(['BT_X', 'political_theory', true, 'trung_cap']);
  });

  it('counts a title held and planned once, and drops plans of an ended term', () => {
    const p = person({ currentTitleCode: 'BT_X', jobPositionCode: null, plannedTitles: [{ titleCode: 'BT_X', term: '2025-2030' }, { titleCode: 'GD_SO', term: '2015-2020' }] });
    expect(gaps(p).targets.map((t) => t.code)).toEqual(['BT_X']);
  });

  it('has nothing to say about a person without title, job position or planning', () => {
    const r = gaps(person({ currentTitleCode: null, jobPositionCode: null, plannedTitles: [] }));
    expect(r.targets).toEqual([]);
    expect(r.summary.text).toBe('Chưa có chức danh, vị trí việc làm hoặc quy hoạch để xác định khoảng trống.');
  });

  it('says when everything is met', () => {
    const p = person({ currentTitleCode: 'CT_MTTQ_X', jobPositionCode: null, plannedTitles: [], qualifications: [q('political_theory', 'cao_cap')] });
    expect(gaps(p).summary).toMatchObject({ gapCount: 0, text: 'Đáp ứng đủ tiêu chuẩn của 1 chức danh, vị trí.' });
  });
});

describe('computeGaps: alternatives and job positions', () => {
  const base = { version: 1, period: { from: '2020-01-01', to: null }, source: TEST_SOURCE, description: 'Tốt nghiệp cao đẳng trở lên (THPT đối với người dân tộc thiểu số).' };
  const standards: Standard[] = [
    { ...base, id: 'STD.TEST.education', titleCode: 'PCT_UBND_X', requirement: { kind: 'education', minLevel: 'cao_dang', alternatives: [{ when: 'ethnic_minority', level: 'thpt' }] } },
    { ...base, id: 'STD.TCCB.state_management', jobPositionCode: 'TCCB', requirement: { kind: 'state_management', minLevel: 'chuyen_vien' }, description: 'Có chứng chỉ QLNN ngạch chuyên viên.' },
  ];
  const p = (over: Partial<PersonFacts>) => person({ currentTitleCode: 'PCT_UBND_X', jobPositionCode: 'TCCB', plannedTitles: [], ...over });

  it.each<[string, Partial<PersonFacts>, boolean, string | null, string | null]>([
    ['ethnic minority with upper secondary: met by the alternative', { ethnicMinority: true, qualifications: [q('education', 'thpt')] }, true, 'thpt', null],
    ['Kinh with upper secondary: gap, college needed', { ethnicMinority: false, qualifications: [q('education', 'thpt')] }, false, null, 'cao_dang'],
    ['ethnic minority with nothing: upper secondary closes the gap', { ethnicMinority: true, qualifications: [] }, false, null, 'thpt'],
    ['ethnic minority with college: met without the alternative', { ethnicMinority: true, qualifications: [q('education', 'cao_dang')] }, true, null, null],
  ])('%s', (_name, over, met, alternative, needed) => {
    const req = gaps(p(over), '2025-09-15', standards).targets[0]?.requirements[0];
    expect(req?.met).toBe(met);
    expect(req?.alternativeApplied?.level ?? null).toBe(alternative);
    expect(req?.neededLevel).toBe(needed);
  });

  it('includes the standards of the current job position', () => {
    const job = gaps(p({}), '2025-09-15', standards).targets.find((t) => t.role === 'job_position');
    expect(job).toMatchObject({ code: 'TCCB', name: 'Tham mưu tổ chức cán bộ' });
    expect(job?.gaps.map((g) => [g.kind, g.requiredLevel, g.heldLevel])).toEqual([['state_management', 'chuyen_vien', null]]);
  });
});

describe('computeGaps: bad input', () => {
  it.each([['2025-13-01'], ['15/09/2025'], ['']])('asOf %j → INVALID_AS_OF', (asOf) => {
    expect(() => gaps(person(), asOf)).toThrowError(expect.objectContaining({ code: 'INVALID_AS_OF' }));
  });

  it('a standard in force with an unknown level → INVALID_RULE', () => {
    const bad: Standard = { id: 'STD.X', version: 1, titleCode: 'BT_X', requirement: { kind: 'education', minLevel: 'thcs' }, period: { from: '2020-01-01', to: null }, source: TEST_SOURCE, description: 'Tốt nghiệp THCS.' };
    expect(() => gaps(person(), '2025-09-15', [bad])).toThrow(RulesError);
  });

  it('two versions of a standard in force at once → OVERLAPPING_VERSIONS', () => {
    const s = SHIPPED_STANDARDS[0] as Standard;
    expect(() => gaps(person(), '2025-09-15', [s, { ...s, version: 2 }])).toThrowError(expect.objectContaining({ code: 'OVERLAPPING_VERSIONS' }));
  });
});
