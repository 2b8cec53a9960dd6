import { describe, expect, it } from 'vitest';
import { classDisplayStatus, classPhrase, classYearStatus, roomPhrase, isCarriedOver, validateModules } from './classes.js';
import { TrainingError } from './errors.js';
import type { ProgrammeModule } from './types.js';

describe('classYearStatus and isCarriedOver', () => {
  it.each<[string, string, string | null, number, 'opened' | 'carried_over' | 'not_running']>([
    ['opened and ended in the year', '2023-03-01', '2023-06-30', 2023, 'opened'],
    ['spanning the boundary: opened in its first year', '2022-09-05', '2023-06-30', 2022, 'opened'],
    ['spanning the boundary: carried over in the next', '2022-09-05', '2023-06-30', 2023, 'carried_over'],
    ['ending on 1 January still counts in that year', '2022-09-05', '2023-01-01', 2023, 'carried_over'],
    ['ending on 31 December is not carried over', '2022-01-10', '2022-12-31', 2023, 'not_running'],
    ['a two-year cao cấp class, second year', '2022-10-01', '2024-09-30', 2023, 'carried_over'],
    ['a two-year cao cấp class, third calendar year', '2022-10-01', '2024-09-30', 2024, 'carried_over'],
    ['after its end', '2022-10-01', '2024-09-30', 2025, 'not_running'],
    ['before its start', '2022-10-01', '2024-09-30', 2021, 'not_running'],
    ['open end: carried over while running', '2025-11-01', null, 2026, 'carried_over'],
    ['open end: opened', '2025-11-01', null, 2025, 'opened'],
  ])('%s', (_name, startDate, endDate, year, status) => {
    expect(classYearStatus({ startDate, endDate }, year)).toBe(status);
    expect(isCarriedOver({ startDate, endDate }, year)).toBe(status === 'carried_over');
  });

  it.each<[string, string, string | null]>([
    ['end before start', '2023-03-01', '2023-02-28'],
    ['malformed start', '01/03/2023', null],
    ['impossible end', '2023-03-01', '2023-02-30'],
  ])('refuses %s', (_name, startDate, endDate) => {
    expect(() => classYearStatus({ startDate, endDate }, 2023)).toThrow(TrainingError);
  });
});

describe('validateModules', () => {
  const ok: ProgrammeModule[] = [
    { code: 'HP1', name: 'Triết học Mác - Lênin', periods: 60 },
    { code: 'HP2', name: 'Kinh tế chính trị', periods: 45 },
  ];
  it('accepts a curriculum', () => {
    expect(validateModules(ok)).toEqual([]);
  });

  it.each<[string, ProgrammeModule[], string[]]>([
    ['duplicate code', [...ok, { code: 'HP1', name: 'Lặp', periods: 10 }], ['MODULE_CODE_DUPLICATE']],
    ['code with a space', [{ code: 'HP 1', name: 'X', periods: 10 }], ['MODULE_CODE_INVALID']],
    ['no name', [{ code: 'HP1', name: ' ', periods: 10 }], ['MODULE_NAME_REQUIRED']],
    ['zero periods', [{ code: 'HP1', name: 'X', periods: 0 }], ['MODULE_PERIODS_INVALID']],
    ['fractional periods', [{ code: 'HP1', name: 'X', periods: 7.5 }], ['MODULE_PERIODS_INVALID']],
  ])('%s', (_name, modules, codes) => {
    expect(validateModules(modules).map((e) => e.code)).toEqual(codes);
  });
});

describe('classPhrase: a class named once, never "lớp Lớp …"', () => {
  it.each<[string, string, 'start' | 'inside', string]>([
    ['a name without the word gets it', 'Trung cấp LLCT K12', 'inside', 'lớp Trung cấp LLCT K12'],
    ['… and at the start of a sentence', 'Trung cấp LLCT K12', 'start', 'Lớp Trung cấp LLCT K12'],
    ['a name that begins with "Lớp" is not doubled', 'Lớp trung cấp lý luận chính trị K12', 'inside', 'lớp trung cấp lý luận chính trị K12'],
    ['… and keeps its capital at the start', 'Lớp trung cấp lý luận chính trị K12', 'start', 'Lớp trung cấp lý luận chính trị K12'],
    ['a lower-case "lớp" starts a sentence with a capital', 'lớp bồi dưỡng', 'start', 'Lớp bồi dưỡng'],
    ['a decomposed "Lớp" (NFD) is recognised', 'Lớp cao cấp'.normalize('NFD'), 'inside', 'lớp cao cấp'],
    ['a word that only begins with "lớp" is not the word', 'Lớpxyz', 'inside', 'lớp Lớpxyz'],
    ['surrounding spaces are dropped', '  Lớp K1 ', 'inside', 'lớp K1'],
  ])('%s', (_name, name, at, expected) => {
    expect(classPhrase(name, at)).toBe(expected);
  });
});

describe('roomPhrase: a room named once, never "Phòng Phòng 301"', () => {
  it.each<[string, 'start' | 'inside', string]>([
    ['301', 'start', 'Phòng 301'],
    ['Phòng 301', 'start', 'Phòng 301'],
    ['Phòng 301', 'inside', 'phòng 301'],
    ['Hội trường A', 'inside', 'phòng Hội trường A'],
  ])('%s (%s) → %s', (name, at, expected) => {
    expect(roomPhrase(name, at)).toBe(expected);
  });
});

describe('classDisplayStatus: what a class is doing on a day', () => {
  it.each<[string, 'open' | 'closed' | 'finished', string, string | null, string, string]>([
    ['taking nominations', 'open', '2026-09-01', '2026-11-30', '2026-08-01', 'open'],
    ['an open class stays open even once started', 'open', '2026-09-01', '2026-11-30', '2026-09-10', 'open'],
    ['locked before its first day', 'closed', '2026-09-01', '2026-11-30', '2026-08-31', 'closed'],
    ['locked on its first day: under way', 'closed', '2026-09-01', '2026-11-30', '2026-09-01', 'in_progress'],
    ['locked in the middle: under way', 'closed', '2026-09-01', '2026-11-30', '2026-10-15', 'in_progress'],
    ['locked on its last day: still under way', 'closed', '2026-09-01', '2026-11-30', '2026-11-30', 'in_progress'],
    ['locked after its last day: awaiting graduation', 'closed', '2026-09-01', '2026-11-30', '2026-12-01', 'awaiting_graduation'],
    ['no end date: under way once started', 'closed', '2026-09-01', null, '2027-03-01', 'in_progress'],
    ['graduated', 'finished', '2026-09-01', '2026-11-30', '2026-10-01', 'finished'],
  ])('%s', (_name, status, startDate, endDate, today, expected) => {
    expect(classDisplayStatus({ status, startDate, endDate }, today)).toBe(expected);
  });
});
