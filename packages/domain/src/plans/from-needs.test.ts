import { describe, expect, it } from 'vitest';
import { proposeLinesFromNeeds, type NeedsCell, type ProposalOptions, type ProposalProgramme } from './from-needs.js';

const ACADEMY = 'Học viện Chính trị quốc gia Hồ Chí Minh';
const programmes = new Map<string, ProposalProgramme>([
  ['TC_LLCT', { name: 'Trung cấp lý luận chính trị', opensClasses: true, typicalCapacity: 60, defaultInstitution: null }],
  ['QLNN_CV', { name: 'Quản lý nhà nước ngạch chuyên viên', opensClasses: true, typicalCapacity: null, defaultInstitution: null }],
  ['SDH_THS', { name: 'Đào tạo trình độ thạc sĩ', opensClasses: false, typicalCapacity: null, defaultInstitution: ACADEMY }],
  ['BD_NUOC_NGOAI', { name: 'Bồi dưỡng ở nước ngoài', opensClasses: false, typicalCapacity: null, defaultInstitution: null }],
]);
const options = (over: Partial<ProposalOptions> = {}): ProposalOptions => ({
  year: 2026,
  classSize: null,
  organiserUnitId: 3,
  siteKind: 'school',
  site: 'Trường Chính trị tỉnh',
  note: 'Từ nhu cầu: Đăng ký nhu cầu năm 2026',
  ...over,
});
const cell = (programmeCode: string, quarter: number, people: number, mode: NeedsCell['mode'] = 'full_time'): NeedsCell => ({ programmeCode, mode, quarter, people });

describe('proposeLinesFromNeeds: classes = ⌈learners ÷ class size⌉', () => {
  it.each<[string, NeedsCell[], number | null, [string, string, number, number, number][]]>([
    ['one cell, the programme’s capacity', [cell('TC_LLCT', 1, 120)], null, [['TC_LLCT', 'full_time', 1, 2, 120]]],
    ['a remainder opens one more class', [cell('TC_LLCT', 1, 121)], null, [['TC_LLCT', 'full_time', 1, 3, 121]]],
    ['fewer than a class: one class', [cell('TC_LLCT', 2, 7)], null, [['TC_LLCT', 'full_time', 2, 1, 7]]],
    ['the user’s class size wins', [cell('TC_LLCT', 1, 120)], 50, [['TC_LLCT', 'full_time', 1, 3, 120]]],
    ['units’ lines of one key are summed', [cell('TC_LLCT', 1, 40), cell('TC_LLCT', 1, 30)], null, [['TC_LLCT', 'full_time', 1, 2, 70]]],
    [
      'modes and quarters apart, catalogue order then quarter',
      [cell('SDH_THS', 3, 4), cell('TC_LLCT', 2, 10, 'part_time'), cell('TC_LLCT', 1, 10)],
      null,
      [
        ['TC_LLCT', 'full_time', 1, 1, 10],
        ['TC_LLCT', 'part_time', 2, 1, 10],
        ['SDH_THS', 'full_time', 3, 0, 4],
      ],
    ],
    ['taught outside: people sent, 0 classes whatever the size', [cell('SDH_THS', 3, 130)], 20, [['SDH_THS', 'full_time', 3, 0, 130]]],
    ['empty cells propose nothing', [cell('TC_LLCT', 1, 0)], null, []],
    ['a programme not in the catalogue is left out', [cell('XX', 1, 5)], null, []],
  ])('%s', (_n, cells, classSize, expected) => {
    const p = proposeLinesFromNeeds(cells, programmes, options({ classSize }));
    expect(p.lines.map((l) => [l.programmeCode, l.mode, l.quarter, l.classes, l.learners])).toEqual(expected);
    expect(p.issues).toEqual([]);
  });

  it('fills the line: year, organiser, site (the institution when taught outside), cost 0, the note', () => {
    const p = proposeLinesFromNeeds([cell('TC_LLCT', 1, 60), cell('SDH_THS', 3, 2), cell('BD_NUOC_NGOAI', 4, 1)], programmes, options());
    expect(p.lines[0]).toMatchObject({ year: 2026, organiserUnitId: 3, siteKind: 'school', site: 'Trường Chính trị tỉnh', estimatedCost: 0, carriedOver: false, classSize: 60, note: 'Từ nhu cầu: Đăng ký nhu cầu năm 2026' });
    expect(p.lines[1]).toMatchObject({ site: ACADEMY, classSize: null, classes: 0 });
    expect(p.lines[2]).toMatchObject({ site: 'Cơ sở đào tạo ngoài tỉnh', classes: 0, learners: 1 });
  });

  it('asks for a class size when a programme of the province has no typical capacity (once per programme)', () => {
    const p = proposeLinesFromNeeds([cell('QLNN_CV', 1, 30), cell('QLNN_CV', 2, 30), cell('TC_LLCT', 1, 60)], programmes, options());
    expect(p.issues).toEqual([{ path: 'classSize', code: 'NEEDS_PLAN_CLASS_SIZE', programmeCode: 'QLNN_CV' }]);
    expect(p.lines.map((l) => l.programmeCode)).toEqual(['TC_LLCT']);
    const set = proposeLinesFromNeeds([cell('QLNN_CV', 1, 30)], programmes, options({ classSize: 25 }));
    expect([set.issues, set.lines[0]!.classes]).toEqual([[], 2]);
  });
});
