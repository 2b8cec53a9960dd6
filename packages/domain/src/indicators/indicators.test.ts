import { describe, expect, it } from 'vitest';
import { checkDefinition, meetsTarget, project, roundValue, statusOf, trainingWindow, trendDates, valueOf, type Target, type TrendPoint } from './indicators.js';

const share = (value: number, comparison: Target['comparison'] = 'atLeast'): Target => ({ kind: 'share', comparison, value });
const count = (value: number, comparison: Target['comparison'] = 'atLeast'): Target => ({ kind: 'count', comparison, value });

describe('valueOf', () => {
  it.each([
    ['share', 553, 1000, 55.3],
    ['share', 0, 10, 0],
    ['share', 10, 10, 100],
    ['share', 0, 0, null],
    ['count', 7, 0, 7],
    ['count', 7, 100, 7],
  ] as const)('%s %i of %i → %s', (kind, counted, population, want) => {
    expect(valueOf(kind, { counted, population })).toBe(want);
  });
});

describe('meetsTarget (exact at the boundary)', () => {
  it.each([
    [share(40), 400, 1000, true],
    [share(40), 399, 1000, false],
    [share(40, 'above'), 400, 1000, false],
    [share(40, 'above'), 401, 1000, true],
    [share(85), 17, 20, true],
    [share(85, 'above'), 17, 20, false],
    [share(33.33), 1, 3, true], // 33.333…% ≥ 33.33%
    [share(33.34), 1, 3, false],
    [share(0), 0, 5, true],
    [share(0), 0, 0, false], // nobody in the population: not met
    [share(100), 5, 5, true],
    [share(100, 'above'), 5, 5, false],
    [count(10), 10, 0, true],
    [count(10, 'above'), 10, 0, false],
    [count(10), 9, 100, false],
  ] as const)('%o with %i of %i → %s', (t, counted, population, want) => {
    expect(meetsTarget(t, { counted, population })).toBe(want);
  });
});

describe('roundValue', () => {
  it.each([
    ['share', 55.25, 55.3],
    ['share', 55.24, 55.2],
    ['share', 100, 100],
    ['count', 4.5, 5],
  ] as const)('%s %f → %f', (kind, v, want) => expect(roundValue(kind, v)).toBe(want));
});

describe('trendDates', () => {
  it.each([
    ['2021-01-01', '2026-12-07', ['2021-12-31', '2022-12-31', '2023-12-31', '2024-12-31', '2025-12-31', '2026-12-07']],
    ['2026-03-01', '2026-12-07', ['2026-12-07']],
    ['2025-06-01', '2026-01-01', ['2025-12-31', '2026-01-01']],
    ['2025-06-01', '2025-12-31', ['2025-12-31']],
    ['2027-01-01', '2026-12-07', ['2026-12-07']],
  ])('%s → %s', (start, asOf, want) => expect(trendDates(start, asOf)).toEqual(want));
});

describe('trainingWindow', () => {
  it.each([
    ['2025-12-31', 5, '2020-12-31'],
    ['2024-02-29', 1, '2023-02-28'],
  ] as const)('%s within %i years → after %s', (asOf, n, after) => expect(trainingWindow(asOf, n)).toEqual({ after, onOrBefore: asOf }));
});

const line = (values: (number | null)[], firstYear = 2020): TrendPoint[] => values.map((v, i) => ({ date: `${firstYear + i}-12-31`, value: v }));

describe('project', () => {
  it('extends an exact straight line to the deadline', () => {
    const p = project('share', line([50, 55, 60, 65]), '2025-12-31')!;
    expect(p.points).toBe(4);
    expect(p.value).toBeCloseTo(75, 1);
    expect(p.slopePerYear).toBeCloseTo(5, 1);
  });
  it.each([
    ['clamps a share at 100%', 'share', [80, 90, 100], '2030-12-31', 100],
    ['clamps a share at 0%', 'share', [30, 20, 10], '2030-12-31', 0],
    ['clamps a count at 0', 'count', [30, 20, 10], '2030-12-31', 0],
    ['does not clamp a count above 100', 'count', [100, 200, 300], '2024-12-31', 500],
    ['one point: flat', 'share', [42], '2030-12-31', 42],
    ['skips empty years', 'share', [null, 40, null, 60], '2025-12-31', 80],
  ] as const)('%s', (_, kind, values, deadline, want) => {
    expect(project(kind, line([...values]), deadline)!.value).toBeCloseTo(want, 0);
  });
  it('fits only the last N points', () => {
    // flat at 10 for years, then a steady rise of 10 a year over the last 3: fitted on those 3 only
    const p = project('count', line([10, 10, 10, 10, 20, 30]), "2026-12-31", 3)!;
    expect(p.value).toBeCloseTo(40, 0); // 2023: 10, 2024: 20, 2025: 30 → 2026: 40 (all six would give less)
  });
  it.each([
    ['no points', [null, null], '2030-12-31'],
    ['deadline on the last point', [10, 20], '2021-12-31'],
    ['deadline before the last point', [10, 20], '2021-01-01'],
  ] as const)('nothing to project: %s', (_, values, deadline) => expect(project('share', line([...values]), deadline)).toBeNull());
});

describe('statusOf', () => {
  const proj = (value: number) => ({ value, slopePerYear: 1, points: 3, method: '' });
  it.each([
    ['met exactly at the target', share(40), 400, 1000, '2025-01-01', '2030-12-31', null, 'met'],
    ['met after the deadline', share(40), 553, 1000, '2031-01-01', '2030-12-31', null, 'met'],
    ['just under, projection meets: on track', share(40), 399, 1000, '2025-01-01', '2030-12-31', proj(41), 'on_track'],
    ['projection exactly at an "above" target: at risk', share(85, 'above'), 80, 100, '2025-01-01', '2025-12-31', proj(85), 'at_risk'],
    ['projection exactly at an "at least" target: on track', share(85), 80, 100, '2025-01-01', '2025-12-31', proj(85), 'on_track'],
    ['on the deadline, not met: projection still decides', share(85), 80, 100, '2025-12-31', '2025-12-31', proj(90), 'on_track'],
    ['the day after the deadline, not met: at risk', share(85), 80, 100, '2026-01-01', '2025-12-31', proj(90), 'at_risk'],
    ['no projection, not met: at risk', share(85), 80, 100, '2025-01-01', '2025-12-31', null, 'at_risk'],
    ['empty population: at risk', share(0), 0, 0, '2025-01-01', '2025-12-31', null, 'at_risk'],
    ['count met', count(100), 100, 0, '2025-01-01', '2025-12-31', null, 'met'],
  ] as const)('%s', (_, target, counted, population, asOf, deadline, projection, want) => {
    const v = statusOf({ target, count: { counted, population }, asOf, deadline, projection });
    expect(v.status).toBe(want);
    expect(v.explanation.length).toBeGreaterThan(10);
  });
  it('explains with the value and the target', () => {
    expect(statusOf({ target: share(40), count: { counted: 553, population: 1000 }, asOf: '2025-01-01', deadline: '2030-12-31', projection: null }).explanation).toBe(
      'Đã đạt: 55,3%, chỉ tiêu từ 40%.',
    );
  });
});

describe('checkDefinition', () => {
  it.each([
    ['share 0', 'share', 0, '2021-01-01', '2025-12-31', []],
    ['share 100', 'share', 100, '2021-01-01', '2025-12-31', []],
    ['share over 100', 'share', 100.01, '2021-01-01', '2025-12-31', ['target.value']],
    ['share below 0', 'share', -1, '2021-01-01', '2025-12-31', ['target.value']],
    ['count over 100 is fine', 'count', 250, '2021-01-01', '2025-12-31', []],
    ['count fractional', 'count', 2.5, '2021-01-01', '2025-12-31', ['target.value']],
    ['deadline on the start', 'share', 50, '2025-12-31', '2025-12-31', []],
    ['deadline before the start', 'share', 50, '2025-12-31', '2025-12-30', ['deadline']],
  ] as const)('%s', (_, targetKind, targetValue, startOn, deadline, paths) => {
    expect(checkDefinition({ targetKind, targetValue, startOn, deadline }).map((p) => p.path)).toEqual(paths);
  });
});
