import { describe, expect, it } from 'vitest';
import { lineForCarriedOver, planAgainstActual, targetProgress, type RealisationFact, type RealisationLine } from './realisation.js';

let nextId = 1;
const fact = (over: Partial<RealisationFact>): RealisationFact => ({
  source: 'class',
  id: nextId++,
  programmeCode: 'TC_LLCT',
  mode: 'full_time',
  planLineId: null,
  outsidePlan: false,
  startDate: '2023-03-01',
  endDate: '2023-09-30',
  completed: false,
  learners: 94,
  classes: 1,
  ...over,
});
const many = (n: number, over: Partial<RealisationFact>) => Array.from({ length: n }, () => fact(over));

/**
 * Long An, Trường Chính trị, 2023 (seed 003): "50/48 lớp … đạt 104,16%": 25/23 trung cấp (13
 * carried over from 2022, 12 opened in 2023: 5 full-time, 7 part-time), 21/21 bồi dưỡng, 4/4 cao
 * cấp (3 carried over, 1 opened); 33 extra classes at local sites with 3,153 person-times.
 */
function longAn2023() {
  const lines: RealisationLine[] = [
    { lineId: 1, programmeCode: 'TC_LLCT', mode: 'part_time', classes: 13, learners: 0, carriedOver: true },
    { lineId: 2, programmeCode: 'TC_LLCT', mode: 'full_time', classes: 4, learners: 0, carriedOver: false },
    { lineId: 3, programmeCode: 'TC_LLCT', mode: 'part_time', classes: 6, learners: 0, carriedOver: false },
    { lineId: 4, programmeCode: 'BD_DANG', mode: 'full_time', classes: 21, learners: 0, carriedOver: false },
    { lineId: 5, programmeCode: 'CC_LLCT', mode: 'part_time', classes: 4, learners: 0, carriedOver: false },
  ];
  const facts = [
    ...many(13, { mode: 'part_time', startDate: '2022-06-01', endDate: '2024-03-31', planLineId: 901 }),
    ...many(5, { planLineId: 2, startDate: '2023-04-01', endDate: '2023-11-30' }),
    ...many(7, { planLineId: 3, mode: 'part_time', startDate: '2023-05-01', endDate: '2025-01-31' }),
    ...many(21, { programmeCode: 'BD_DANG', planLineId: 4, startDate: '2023-02-01', endDate: '2023-02-15', completed: true }),
    ...many(3, { programmeCode: 'CC_LLCT', mode: 'part_time', startDate: '2022-09-01', endDate: '2023-12-31', planLineId: 902 }),
    fact({ programmeCode: 'CC_LLCT', mode: 'part_time', planLineId: 5, startDate: '2023-10-01', endDate: '2025-06-30', learners: 75 }),
    ...many(32, { programmeCode: 'BD_DANG', outsidePlan: true, learners: 96, startDate: '2023-05-01', endDate: '2023-05-05' }),
    fact({ programmeCode: 'BD_DANG', outsidePlan: true, learners: 81, startDate: '2023-06-01', endDate: '2023-06-03' }),
    // before and after the year: not counted
    fact({ startDate: '2021-01-01', endDate: '2022-12-31', planLineId: 2 }),
    fact({ startDate: '2024-01-02', endDate: '2024-06-01', planLineId: 2 }),
  ];
  return { lines, facts };
}

describe('plan against actual: the seeds figures (Long An 2023)', () => {
  const { lines, facts } = longAn2023();
  const r = planAgainstActual(2023, '2023-12-31', lines, facts);
  const byLine = new Map(r.lines.map((x) => [x.key.kind === 'line' ? x.key.lineId : 0, x.figures]));

  it('50 / 48 classes = 104.16% (truncated), 4,681 person-times', () => {
    expect(r.total.figures.plannedClasses).toBe(48);
    expect(r.total.figures.doneClasses).toBe(50);
    expect(r.total.figures.classesPercent.value).toBe(104.16);
    expect(r.total.figures.classesPercent.rounding).toEqual({ mode: 'truncate', decimals: 2 });
    expect(r.total.figures.doneLearners).toBe(4681);
  });

  it('25 / 23 trung cấp: 13 carried over from 2022 on the carried-over line, 12 opened', () => {
    const tc = [1, 2, 3].map((id) => byLine.get(id)!);
    expect(tc.reduce((s, f) => s + f.plannedClasses, 0)).toBe(23);
    expect(tc.reduce((s, f) => s + f.doneClasses, 0)).toBe(25);
    expect(tc.map((f) => [f.carriedInClasses, f.openedClasses])).toEqual([
      [13, 0],
      [0, 5],
      [0, 7],
    ]);
    // the 7 part-time classes end in 2025: carried over into 2024
    expect(byLine.get(3)!.carriedOutClasses).toBe(7);
    expect(byLine.get(1)!.carriedOutClasses).toBe(13);
  });

  it('21 / 21 bồi dưỡng, all finished; 4 / 4 cao cấp (3 carried over, 1 opened)', () => {
    expect(byLine.get(4)).toMatchObject({ plannedClasses: 21, doneClasses: 21, finishedClasses: 21 });
    expect(byLine.get(4)!.classesPercent.value).toBe(100);
    expect(byLine.get(5)).toMatchObject({ plannedClasses: 4, doneClasses: 4, carriedInClasses: 3, openedClasses: 1, finishedClasses: 3 });
  });

  it('33 extra classes with 3,153 person-times, outside the percentages', () => {
    expect(r.extra.figures).toMatchObject({ doneClasses: 33, doneLearners: 3153, plannedClasses: 0 });
    expect(r.extra.figures.classesPercent.value).toBeNull();
    expect(r.unlinked.figures.doneClasses).toBe(0);
  });

  it('drills down to the facts behind a figure', () => {
    expect(r.lines[0]!.facts.carriedIn).toHaveLength(13);
    expect(r.total.facts.done).toHaveLength(50);
    expect(new Set(r.total.facts.done).size).toBe(50);
  });

  it.each([
    // on 30/6/2023 the cao cấp class opened in October has not started
    ['2023-06-30', 49, 102.08],
    ['2023-01-01', 16, 33.33],
    ['2023-03-31', 37, 77.08],
  ])('on %s: %i classes done, %d%%', (asOf, done, pct) => {
    const at = planAgainstActual(2023, asOf, lines, facts);
    expect(at.total.figures.doneClasses).toBe(done);
    expect(at.total.figures.classesPercent.value).toBe(pct);
  });

  it('half-up rounding gives 104.17', () => {
    expect(planAgainstActual(2023, '2023-12-31', lines, facts, { mode: 'half_up', decimals: 2 }).total.figures.classesPercent.value).toBe(104.17);
  });
});

describe('Cao Bằng 2021 (seed 000): 13 classes carried over from 2020 with 933 learners, 33 opened with 2,011', () => {
  it('counts 46 classes and 2,944 person-times against one line per programme', () => {
    const lines: RealisationLine[] = [{ lineId: 1, programmeCode: 'TC_LLCT', mode: 'full_time', classes: 46, learners: 2944, carriedOver: false }];
    const facts = [
      ...many(12, { startDate: '2020-05-01', endDate: '2021-04-30', learners: 72 }),
      fact({ startDate: '2020-05-01', endDate: '2021-04-30', learners: 69 }),
      ...many(32, { planLineId: 1, startDate: '2021-03-01', endDate: '2021-10-30', learners: 61 }),
      fact({ planLineId: 1, startDate: '2021-03-01', endDate: '2021-10-30', learners: 59 }),
    ];
    const r = planAgainstActual(2021, '2021-12-31', lines, facts);
    expect(r.total.figures).toMatchObject({ doneClasses: 46, carriedInClasses: 13, openedClasses: 33, doneLearners: 2944, finishedClasses: 46 });
    expect(r.total.figures.learnersPercent.value).toBe(100);
  });
});

describe('where a fact counts', () => {
  const lines: RealisationLine[] = [
    { lineId: 10, programmeCode: 'TC_LLCT', mode: 'full_time', classes: 2, learners: 100, carriedOver: false },
    { lineId: 11, programmeCode: 'TC_LLCT', mode: 'part_time', classes: 2, learners: 100, carriedOver: false },
    { lineId: 12, programmeCode: 'TC_LLCT', mode: 'full_time', classes: 1, learners: 50, carriedOver: true },
  ];
  it.each<[string, Partial<RealisationFact>, string]>([
    ['opened, linked', { planLineId: 11 }, 'line:11'],
    ['opened, not linked', {}, 'unlinked'],
    ['opened, linked to a line removed by an adjustment', { planLineId: 99 }, 'unlinked'],
    ['opened, outside the plan', { outsidePlan: true, planLineId: null }, 'extra'],
    ['carried over: the carried-over line first', { startDate: '2022-10-01', mode: 'part_time' }, 'line:12'],
    ['carried over of another programme', { startDate: '2022-10-01', programmeCode: 'CC_LLCT' }, 'unlinked'],
    ['carried over, outside the plan', { startDate: '2022-10-01', outsidePlan: true }, 'extra'],
  ])('%s → %s', (_n, over, expected) => {
    const r = planAgainstActual(2023, '2023-12-31', lines, [fact(over)]);
    const rows = [...r.lines.map((x) => [`line:${(x.key as { lineId: number }).lineId}`, x] as const), ['extra', r.extra] as const, ['unlinked', r.unlinked] as const];
    expect(rows.filter(([, x]) => x.figures.doneClasses === 1).map(([k]) => k)).toEqual([expected]);
  });

  it.each<[string, RealisationLine[], number | null]>([
    ['prefers a carried-over line of the same mode', [{ lineId: 3, programmeCode: 'P', mode: 'full_time', classes: 1, learners: 1, carriedOver: true }, { lineId: 2, programmeCode: 'P', mode: 'part_time', classes: 1, learners: 1, carriedOver: true }], 2],
    ['then any carried-over line', [{ lineId: 3, programmeCode: 'P', mode: 'full_time', classes: 1, learners: 1, carriedOver: true }, { lineId: 2, programmeCode: 'P', mode: 'part_time', classes: 1, learners: 1, carriedOver: false }], 3],
    ['then the same mode', [{ lineId: 3, programmeCode: 'P', mode: 'full_time', classes: 1, learners: 1, carriedOver: false }, { lineId: 4, programmeCode: 'P', mode: 'part_time', classes: 1, learners: 1, carriedOver: false }], 4],
    ['then the lowest line', [{ lineId: 5, programmeCode: 'P', mode: 'online', classes: 1, learners: 1, carriedOver: false }, { lineId: 3, programmeCode: 'P', mode: 'full_time', classes: 1, learners: 1, carriedOver: false }], 3],
    ['none of the programme', [{ lineId: 5, programmeCode: 'Q', mode: 'part_time', classes: 1, learners: 1, carriedOver: true }], null],
  ])('lineForCarriedOver %s', (_n, ls, expected) => {
    expect(lineForCarriedOver({ programmeCode: 'P', mode: 'part_time' }, ls)).toBe(expected);
  });
});

describe('targetProgress: five-year targets against the annual plan and what was done', () => {
  it.each([
    [{ classes: 23, learners: 1900 }, { classes: 25, learners: 2000 }, 95.83, 104.16],
    [undefined, { classes: 0, learners: 0 }, null, 0],
  ])('planned %o done %o', (planned, done, planPct, donePct) => {
    const t = { year: 2023, programmeCode: 'TC_LLCT', classes: 24, learners: 1920 };
    const p = new Map(planned ? [['2023:TC_LLCT', planned]] : []);
    const [row] = targetProgress([t], p, new Map([['2023:TC_LLCT', done]]));
    expect(row!.planPercent.value).toBe(planPct);
    expect(row!.donePercent.value).toBe(donePct);
    expect(row!.plannedClasses).toBe(planned?.classes ?? null);
  });
});

describe('plan against actual: outside-training records are learners, not classes (decision 0035)', () => {
  const outside = (over: Partial<RealisationFact>) =>
    fact({ source: 'outside_training', classes: 0, learners: 1, programmeCode: 'CC_LLCT', mode: 'full_time', ...over });
  const lines: RealisationLine[] = [
    { lineId: 1, programmeCode: 'TC_LLCT', mode: 'full_time', classes: 2, learners: 180, carriedOver: false },
    { lineId: 2, programmeCode: 'CC_LLCT', mode: 'full_time', classes: 0, learners: 4, carriedOver: false },
  ];
  const facts = [
    fact({ planLineId: 1, learners: 90 }),
    outside({ planLineId: 2, startDate: '2023-03-01', endDate: '2023-12-20', completed: true }),
    outside({ planLineId: 2, startDate: '2023-09-01', endDate: '2024-06-30' }),
    // carried over from 2022 (linked to last year's line): counts against this year's line of the programme
    outside({ planLineId: 77, startDate: '2022-09-01', endDate: '2023-06-30' }),
    // extra, not linked, not started by the as-of date, refused earlier: not in the line
    outside({ outsidePlan: true, startDate: '2023-05-01', endDate: '2023-08-01' }),
    outside({ planLineId: null, startDate: '2023-05-01', endDate: '2023-08-01' }),
    outside({ planLineId: 2, startDate: '2024-01-05', endDate: '2024-09-01' }),
  ];
  const r = planAgainstActual(2023, '2023-12-31', lines, facts);
  const line2 = r.lines.find((x) => x.key.kind === 'line' && x.key.lineId === 2)!;

  it.each([
    ['doneClasses', 0],
    ['doneLearners', 3],
    ['openedClasses', 0],
    ['carriedInClasses', 0],
    ['finishedClasses', 0],
    ['carriedOutClasses', 0],
  ] as const)('the outside line: %s = %d', (field, value) => {
    expect(line2.figures[field]).toBe(value);
  });

  it('a line of 0 classes: 3 of 4 learners = 75%, classes percent has no base', () => {
    expect(line2.figures.learnersPercent.value).toBe(75);
    expect(line2.figures.classesPercent.value).toBeNull();
  });

  it('the drill-down lists the records behind each measure', () => {
    expect(line2.facts.done).toHaveLength(3);
    expect(line2.facts.opened).toHaveLength(2);
    expect(line2.facts.carriedIn).toHaveLength(1);
    expect(line2.facts.finished).toHaveLength(2);
    expect(line2.facts.carriedOut).toHaveLength(1);
    expect(line2.facts.done.every((k) => k.startsWith('outside_training:'))).toBe(true);
  });

  it('the total adds classes of classes and learners of both', () => {
    expect(r.total.figures.doneClasses).toBe(1);
    expect(r.total.figures.doneLearners).toBe(93);
    expect(r.total.figures.plannedLearners).toBe(184);
    expect(r.total.facts.done).toHaveLength(4);
  });

  it('extra and not-linked records are apart, 1 learner each, no class', () => {
    expect(r.extra.figures).toMatchObject({ doneClasses: 0, doneLearners: 1 });
    expect(r.unlinked.figures).toMatchObject({ doneClasses: 0, doneLearners: 1 });
  });
});
