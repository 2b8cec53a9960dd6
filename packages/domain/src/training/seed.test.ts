import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../dates.js';
import { SHIPPED_PROGRAMMES } from '../rules/seed.js';
import type { ProgrammeKind } from '../rules/types.js';
import { classify, validateGradingScheme } from './grading.js';
import {
  APPROVAL_ROUTES,
  DEFAULT_GRADING_SCHEME,
  DEFAULT_GRADUATION_CONDITIONS,
  PROGRAMME_GRADUATION_CONDITIONS,
  SHIPPED_GRADING_SCHEMES,
  UNVERIFIED,
  graduationConditionsFor,
} from './seed.js';
import type { GraduationConditions } from './types.js';

const KINDS = Object.keys(DEFAULT_GRADUATION_CONDITIONS) as ProgrammeKind[];

describe('shipped grading schemes', () => {
  it.each(SHIPPED_GRADING_SCHEMES.map((s) => [s.code, s] as const))('%s validates', (_code, scheme) => {
    expect(validateGradingScheme(scheme)).toEqual([]);
  });

  it('is the 10-point scale with a 5.0 pass mark and the five classifications of DOMAIN.md', () => {
    expect(DEFAULT_GRADING_SCHEME.scale).toEqual({ min: 0, max: 10, step: 0.1 });
    expect(DEFAULT_GRADING_SCHEME.passMark).toBe(5);
    expect(DEFAULT_GRADING_SCHEME.bands.map((b) => [b.label, b.min])).toEqual([
      ['Xuất sắc', 9],
      ['Giỏi', 8],
      ['Khá', 7],
      ['Trung bình khá', 6],
      ['Trung bình', 5],
    ]);
    expect(classify(DEFAULT_GRADING_SCHEME, DEFAULT_GRADING_SCHEME.passMark)).toMatchObject({ code: 'trung_binh' });
  });

  it('names its basis and flags it as unverified', () => {
    // decision 0031: the regulation schools cite since 2016; the 2010 one stays as history
    expect(DEFAULT_GRADING_SCHEME.basis?.source).toMatchObject({ code: '1855-QĐ/HVCTQG', issuedOn: '2016-04-21' });
    expect(DEFAULT_GRADING_SCHEME.basis?.previousSources?.map((p) => [p.source.code, p.source.issuedOn])).toEqual([['268/QĐ-HVCT-HCQG', '2010-02-03']]);
    expect(DEFAULT_GRADING_SCHEME.basis?.note).toContain(UNVERIFIED);
  });
});

describe('shipped graduation conditions', () => {
  const all: Array<[string, GraduationConditions]> = [
    ...KINDS.map((k) => [k, DEFAULT_GRADUATION_CONDITIONS[k]] as [string, GraduationConditions]),
    ...Object.entries(PROGRAMME_GRADUATION_CONDITIONS),
  ];

  it.each(all)('%s is well-formed and cites a source', (_name, c) => {
    if (c.minAttendanceRate !== null) {
      expect(c.minAttendanceRate).toBeGreaterThan(0);
      expect(c.minAttendanceRate).toBeLessThanOrEqual(1);
    }
    expect(['exam', 'thesis', 'none']).toContain(c.finalExam);
    if (c.thesisAllowedInsteadOfExam) expect(c.finalExam).toBe('exam');
    expect(c.basis?.source.code).toBeTruthy();
    expect(isIsoDate(c.basis!.source.issuedOn)).toBe(true);
  });

  it.each<[string, boolean]>([
    ['SC_LLCT', false],
    ['TC_LLCT', true],
    ['CC_LLCT', true],
    ['QLNN_CV', false],
    ['QLNN_CVC', false],
    ['QLNN_CVCC', false],
    ['SDH_THS', false],
  ])('%s: conduct report required = %s', (code, required) => {
    const programme = SHIPPED_PROGRAMMES.find((p) => p.code === code)!;
    expect(graduationConditionsFor(programme).conductReportRequired).toBe(required);
  });

  it('trung cấp and cao cấp cite the Long An article for the conduct report', () => {
    expect(PROGRAMME_GRADUATION_CONDITIONS.TC_LLCT?.basis?.evidence).toMatch(/^seeds\/003/);
    expect(PROGRAMME_GRADUATION_CONDITIONS.CC_LLCT?.basis?.evidence).toMatch(/^seeds\/003/);
  });

  it('prefers the catalogue entry, then the programme, then the kind', () => {
    const own: GraduationConditions = { allModulesPassed: false, minAttendanceRate: 0.5, finalExam: 'none', conductReportRequired: false };
    expect(graduationConditionsFor({ code: 'TC_LLCT', kind: 'political_theory', graduation: own })).toBe(own);
    expect(graduationConditionsFor({ code: 'TC_LLCT', kind: 'political_theory' })).toBe(PROGRAMME_GRADUATION_CONDITIONS.TC_LLCT);
    expect(graduationConditionsFor({ code: 'NEW', kind: 'thematic' })).toBe(DEFAULT_GRADUATION_CONDITIONS.thematic);
  });
});

describe('approval routes', () => {
  it('cover every programme kind', () => {
    expect(Object.keys(APPROVAL_ROUTES).sort()).toEqual([...KINDS].sort());
  });

  it.each<[ProgrammeKind, string]>([
    ['political_theory', 'province_board'],
    ['state_management', 'home_affairs'],
  ])('%s → %s', (kind, approver) => {
    expect(APPROVAL_ROUTES[kind]).toBe(approver);
  });
});
