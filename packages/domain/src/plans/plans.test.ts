import { describe, expect, it } from 'vitest';
import { compareVersions, planStep, validatePlanLine, type PlanLine, type PlanLineFields, type PlanStep, type VersionState } from './plans.js';

const programmes = new Map<string, { modes: string[]; opensClasses?: boolean }>([
  ['TC_LLCT', { modes: ['full_time', 'part_time'] }],
  ['CC_LLCT', { modes: ['full_time', 'part_time'], opensClasses: true }],
  // taught at the national academy: the line plans people sent, no classes (decision 0035)
  ['SDH_THS', { modes: ['full_time', 'part_time'], opensClasses: false }],
]);

const line = (over: Partial<PlanLineFields> = {}): PlanLineFields => ({
  programmeCode: 'TC_LLCT',
  mode: 'full_time',
  classes: 5,
  learners: 400,
  year: 2023,
  quarter: 1,
  organiserUnitId: 7,
  siteKind: 'school',
  site: 'Trường Chính trị tỉnh',
  estimatedCost: 1_200_000_000,
  carriedOver: false,
  note: null,
  ...over,
});

describe('validatePlanLine', () => {
  it.each<[string, Partial<PlanLineFields>, string[]]>([
    ['a good line', {}, []],
    ['quarter 0', { quarter: 0 }, ['quarter:PLAN_LINE_QUARTER']],
    ['quarter 5', { quarter: 5 }, ['quarter:PLAN_LINE_QUARTER']],
    ['another year', { year: 2024 }, ['year:PLAN_LINE_YEAR']],
    ['negative classes', { classes: -1 }, ['classes:PLAN_LINE_COUNT']],
    ['fractional learners', { learners: 2.5 }, ['learners:PLAN_LINE_COUNT']],
    ['negative cost', { estimatedCost: -1 }, ['estimatedCost:PLAN_LINE_COST']],
    ['classes without learners', { learners: 0 }, ['learners:PLAN_LINE_LEARNERS']],
    ['unknown programme', { programmeCode: 'XX' }, ['programmeCode:UNKNOWN_PROGRAMME']],
    ['mode not offered', { mode: 'online' }, ['mode:UNSUPPORTED_MODE']],
    ['several at once', { quarter: 9, year: 2022 }, ['year:PLAN_LINE_YEAR', 'quarter:PLAN_LINE_QUARTER']],
    ['an outside programme: people sent, 0 classes', { programmeCode: 'SDH_THS', classes: 0, learners: 6 }, []],
    ['an outside programme with classes', { programmeCode: 'SDH_THS', classes: 1, learners: 6 }, ['classes:PLAN_LINE_NO_CLASSES']],
    ['people sent to the academy for a programme the province also teaches', { programmeCode: 'CC_LLCT', classes: 0, learners: 6 }, []],
  ])('%s', (_name, over, expected) => {
    expect(validatePlanLine(line(over), 2023, programmes).map((i) => `${i.path}:${i.code}`)).toEqual(expected);
  });

  it('prefixes paths (lines.3.quarter)', () => {
    expect(validatePlanLine(line({ quarter: 0 }), 2023, programmes, 'lines.3.')[0]!.path).toBe('lines.3.quarter');
  });
});

describe('planStep: draft → submitted → approved, frozen once approved', () => {
  const v = (status: VersionState['status'], lineCount = 3, latest = true): VersionState => ({ status, lineCount, latest });
  it.each<[VersionState, PlanStep, string]>([
    [v('draft'), 'editLines', 'draft'],
    [v('submitted'), 'editLines', 'PLAN_VERSION_SUBMITTED'],
    [v('approved'), 'editLines', 'PLAN_VERSION_FROZEN'],
    [v('draft'), 'submit', 'submitted'],
    [v('draft', 0), 'submit', 'PLAN_EMPTY'],
    [v('submitted'), 'submit', 'PLAN_STEP_ORDER'],
    [v('approved'), 'submit', 'PLAN_VERSION_FROZEN'],
    [v('submitted'), 'return', 'draft'],
    [v('draft'), 'return', 'PLAN_STEP_ORDER'],
    [v('approved'), 'return', 'PLAN_VERSION_FROZEN'],
    [v('submitted'), 'approve', 'approved'],
    [v('submitted', 0), 'approve', 'PLAN_EMPTY'],
    [v('draft'), 'approve', 'PLAN_STEP_ORDER'],
    [v('approved'), 'approve', 'PLAN_VERSION_FROZEN'],
    [v('approved'), 'adjust', 'approved'],
    [v('approved', 3, false), 'adjust', 'PLAN_ADJUSTMENT_RACE'],
    [v('draft'), 'adjust', 'PLAN_STEP_ORDER'],
    [v('submitted'), 'adjust', 'PLAN_STEP_ORDER'],
  ])('%o %s → %s', (state, step, expected) => {
    const r = planStep(state, step);
    expect(r.ok ? r.status : r.code).toBe(expected);
  });
});

describe('compareVersions: added, removed, changed with field diffs', () => {
  const l = (lineId: number, over: Partial<PlanLineFields> = {}): PlanLine => ({ lineId, ...line(over) });
  // Long An 2023, trung cấp: the approved plan had 23 classes (13 carried over, 10 new); the
  // adjustment opened two more part-time classes and dropped a workshop.
  const v1 = [l(1, { classes: 13, learners: 1040, carriedOver: true }), l(2, { classes: 10, learners: 800 }), l(3, { programmeCode: 'CC_LLCT', classes: 1, learners: 80 })];
  const v2 = [l(1, { classes: 13, learners: 1040, carriedOver: true }), l(2, { classes: 12, learners: 960, mode: 'part_time' }), l(4, { programmeCode: 'CC_LLCT', classes: 1, learners: 90, quarter: 3 })];

  it('matches lines by identity', () => {
    const c = compareVersions(v1, v2);
    expect(c.added.map((x) => x.lineId)).toEqual([4]);
    expect(c.removed.map((x) => x.lineId)).toEqual([3]);
    expect(c.unchanged).toBe(1);
    expect(c.changed).toHaveLength(1);
    expect(c.changed[0]!.fields).toEqual([
      { field: 'mode', before: 'full_time', after: 'part_time' },
      { field: 'classes', before: 10, after: 12 },
      { field: 'learners', before: 800, after: 960 },
    ]);
    expect(c.totals.before).toEqual({ lines: 3, classes: 24, learners: 1920, estimatedCost: 3_600_000_000 });
    expect(c.totals.after.classes).toBe(26);
  });

  it.each<[string, PlanLine[], PlanLine[], [number, number, number, number]]>([
    ['identical', v1, v1, [0, 0, 0, 3]],
    ['from nothing', [], v1, [3, 0, 0, 0]],
    ['to nothing', v1, [], [0, 3, 0, 0]],
    ['a note only', [l(1)], [l(1, { note: 'Lớp ghép' })], [0, 0, 1, 0]],
    ['cost only', [l(1)], [l(1, { estimatedCost: 1 })], [0, 0, 1, 0]],
  ])('%s', (_n, a, b, [added, removed, changed, unchanged]) => {
    const c = compareVersions(a, b);
    expect([c.added.length, c.removed.length, c.changed.length, c.unchanged]).toEqual([added, removed, changed, unchanged]);
  });
});
