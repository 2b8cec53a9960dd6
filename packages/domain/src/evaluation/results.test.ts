import { describe, expect, it } from 'vitest';
import {
  ageBandBirthBounds,
  ageBandOn,
  compare,
  emptyTotals,
  evaluationReady,
  evaluationWindows,
  personOutcome,
  sharesOf,
  totalsOf,
  type GroupTotals,
  type PersonFacts,
} from './results.js';

describe('evaluationWindows', () => {
  it.each([
    // start, end, before, after, events to, ready on
    ['2022-03-01', '2022-06-30', [2020, 2021], [2022, 2023], '2024-06-30', '2024-06-30'],
    ['2022-03-01', '2022-07-01', [2020, 2021], [2023, 2024], '2024-07-01', '2024-07-01'],
    ['2022-09-05', '2022-12-30', [2020, 2021], [2023, 2024], '2024-12-30', '2024-12-30'],
    ['2021-09-01', '2022-04-15', [2019, 2020], [2022, 2023], '2024-04-15', '2024-04-15'],
    ['2023-10-01', '2023-12-31', [2021, 2022], [2024, 2025], '2025-12-31', '2025-12-31'],
  ] as const)('%s – %s: before %j, after %j', (start, end, before, after, to, ready) => {
    const w = evaluationWindows(start, end);
    expect(w.beforeYears).toEqual(before);
    expect(w.afterYears).toEqual(after);
    expect(w.eventsTo).toBe(to);
    expect(w.readyOn).toBe(ready);
    expect(w.matchOn).toBe(start);
  });
  it('starts the events window the day after the course ends', () => {
    expect(evaluationWindows('2022-11-01', '2022-12-31').eventsFrom).toBe('2023-01-01');
  });
  it.each([
    ['2022-06-30', '2024-06-29', false],
    ['2022-06-30', '2024-06-30', true],
    ['2022-06-30', '2026-01-01', true],
  ])('ended %s, ready on %s: %s', (end, today, want) => expect(evaluationReady(end, today)).toBe(want));
});

const w = evaluationWindows('2022-03-01', '2022-05-31');
const base: PersonFacts = {
  personId: 1,
  stratum: { category: 'cong_chuc', titleLevel: 'commune', ageBand: '30_39' },
  before: ['completed', 'good'],
  after: ['good', 'excellent'],
  planned: true,
  rotated: false,
  promoted: true,
  leftOn: null,
};

describe('personOutcome', () => {
  it.each<[string, Partial<PersonFacts>, Record<string, unknown>]>([
    ['all appraisals', {}, { beforeRated: 2, beforeGood: 1, afterRated: 2, afterGood: 2, beforeMissing: 0, afterMissing: 0, left: false }],
    ['an appraisal missing before', { before: ['good'] }, { beforeRated: 1, beforeGood: 1, beforeMissing: 1 }],
    ['no appraisal after', { after: [] }, { afterRated: 0, afterGood: 0, afterMissing: 2 }],
    ['not completed counts as rated, not good', { after: ['not_completed', 'completed'] }, { afterRated: 2, afterGood: 0 }],
    [
      'left inside the window: out of after and events',
      { leftOn: '2023-09-30' },
      { left: true, afterRated: 0, afterMissing: 0, planned: false, promoted: false, beforeRated: 2 },
    ],
    ['left on the last day of the window', { leftOn: '2024-05-31' }, { left: true }],
    [
      'left the day after the window: still counted',
      { leftOn: '2024-06-01' },
      { left: false, afterRated: 2, planned: true, promoted: true },
    ],
  ])('%s', (_label, patch, want) => expect(personOutcome({ ...base, ...patch }, w)).toMatchObject(want));
});

describe('shares', () => {
  it('divides appraisal records, and events by the people who stayed', () => {
    const t = totalsOf([
      personOutcome(base, w),
      personOutcome(
        { ...base, personId: 2, before: ['good', 'good'], after: ['completed'], planned: false, promoted: false, rotated: true },
        w,
      ),
      personOutcome({ ...base, personId: 3, leftOn: '2023-01-01' }, w),
    ]);
    expect(t).toMatchObject({
      people: 3,
      left: 1,
      beforeRated: 6,
      beforeGood: 4,
      afterRated: 3,
      afterGood: 2,
      planned: 1,
      rotated: 1,
      promoted: 1,
    });
    expect(sharesOf(t)).toEqual({ beforeGood: 66.7, afterGood: 66.7, planned: 50, rotated: 50, promoted: 50 });
  });
  it('has no share without a denominator', () => {
    expect(sharesOf(emptyTotals())).toEqual({ beforeGood: null, afterGood: null, planned: null, rotated: null, promoted: null });
  });
});

const controls = (people: number, p: Partial<GroupTotals> = {}): GroupTotals => ({
  ...emptyTotals(),
  people,
  beforeRated: people * 2,
  afterRated: people * 2,
  ...p,
});
const grads = (n: number, f: Partial<PersonFacts> = {}) =>
  Array.from({ length: n }, (_, i) => personOutcome({ ...base, ...f, personId: i + 1 }, w));
const s1 = { category: 'cong_chuc', titleLevel: 'commune', ageBand: '30_39' };
const s2 = { category: 'can_bo', titleLevel: 'commune', ageBand: '40_49' };

describe('compare', () => {
  it('weights each cell by its graduates (direct standardisation)', () => {
    const c = compare([
      // 10 graduates in s1; controls there 50% good after, 10% planned
      { cohort: 'A', stratum: s1, graduates: grads(10), controls: controls(20, { afterGood: 20, beforeGood: 20, planned: 2 }) },
      // 30 graduates in s2; controls there 100% good after, 0 planned
      { cohort: 'A', stratum: s2, graduates: grads(30), controls: controls(10, { afterGood: 20, beforeGood: 10 }) },
    ]);
    expect(c.matchedGraduates).toBe(40);
    expect(c.controls).toBe(30);
    expect(c.controlShares.afterGood).toBe(87.5); // (20×50 + 60×100) / 80
    expect(c.controlShares.planned).toBe(2.5); // (10×10 + 30×0) / 40
    expect(c.graduateShares.afterGood).toBe(100);
    expect(c.sufficient).toBe(true);
  });
  it('leaves graduates of a cell with too few comparable people unmatched', () => {
    const c = compare([
      { cohort: 'A', stratum: s1, graduates: grads(12), controls: controls(25, { afterGood: 25 }) },
      { cohort: 'A', stratum: s2, graduates: grads(5), controls: controls(2, { afterGood: 4 }) },
    ]);
    expect(c.matchedGraduates).toBe(12);
    expect(c.graduates.people).toBe(17);
    expect(c.controls).toBe(25);
    expect(c.controlShares.afterGood).toBe(50);
    expect(c.notes[1]).toBe('Ghép được 12/17 học viên với 25 người đối chứng.');
  });
  it.each([
    ['too few matched graduates', 9, 40, false],
    ['too few comparable people', 20, 19, false],
    ['just enough', 10, 20, true],
  ])('%s', (_l, g, c, ok) => {
    const r = compare([{ cohort: 'A', stratum: s1, graduates: grads(g), controls: controls(c) }]);
    expect(r.sufficient).toBe(ok);
    expect(r.notes.length).toBe(ok ? 2 : 3);
  });
  it.each<[string, GroupTotals, Record<string, number | null>]>([
    // the comparable people arrive summed per stratum (the repository's GROUP BY): shares come from those sums alone
    ['all comparable people left: no event or after share from the cell', { ...controls(5, { beforeGood: 5 }), left: 5, afterRated: 0, afterGood: 0 }, { planned: null, afterGood: null, beforeGood: 50 }],
    ['after appraisals missing: the after share is skipped, events kept', { ...controls(5, { planned: 1 }), afterRated: 0, afterGood: 0 }, { planned: 20, afterGood: null }],
    ['a rated share from records, not people', { ...controls(4, { afterGood: 6 }), afterRated: 7 }, { afterGood: 85.7 }],
  ])('aggregated comparable people: %s', (_l, c, want) => {
    const r = compare([{ cohort: 'A', stratum: s1, graduates: grads(10), controls: c }]);
    for (const [k, v] of Object.entries(want)) expect(r.controlShares[k as keyof typeof r.controlShares]).toBe(v);
  });
  it('pools cells of several cohorts with the same stratum as separate cells (a person comparable twice counts twice)', () => {
    const r = compare([
      { cohort: 'A', stratum: s1, graduates: grads(10), controls: controls(10, { afterGood: 10 }) },
      { cohort: 'B', stratum: s1, graduates: grads(10), controls: controls(10, { afterGood: 20 }) },
    ]);
    expect(r.controls).toBe(20);
    expect(r.controlShares.afterGood).toBe(75); // (20×50 + 20×100) / 40
  });
  it('ignores a cell whose graduates all left for the event shares', () => {
    const r = compare([
      { cohort: 'A', stratum: s1, graduates: grads(3, { leftOn: '2023-01-01' }), controls: controls(10, { planned: 10 }) },
      { cohort: 'A', stratum: s2, graduates: grads(10), controls: controls(10, { planned: 1 }) },
    ]);
    expect(r.controlShares.planned).toBe(10);
  });
});

describe('age bands on the course start', () => {
  it.each([
    ['1992-03-02', '2022-03-01', 'under_30'],
    ['1992-03-01', '2022-03-01', '30_39'],
    ['1982-03-02', '2022-03-01', '30_39'],
    ['1982-03-01', '2022-03-01', '40_49'],
    ['1960-01-01', '2022-03-01', '60_plus'],
  ])('born %s, on %s: %s', (birth, on, band) => expect(ageBandOn(birth, on)).toBe(band));
  it('searches the birth dates of a band that ageBandOn puts in it', () => {
    const b = ageBandBirthBounds('30_39', '2022-03-01');
    expect(b).toEqual({ bornAfter: '1982-03-01', bornOnOrBefore: '1992-03-01' });
    expect(ageBandOn('1982-03-02', '2022-03-01')).toBe('30_39');
    expect(ageBandOn(b.bornAfter, '2022-03-01')).toBe('40_49');
    expect(ageBandOn(b.bornOnOrBefore, '2022-03-01')).toBe('30_39');
  });
});
