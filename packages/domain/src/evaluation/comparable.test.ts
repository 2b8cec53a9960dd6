import { describe, expect, it } from 'vitest';
import { dayNumber, NO_DAY, sumComparable, type CohortDays, type Spans, type StratumBounds } from './comparable.js';
import { ageBandBirthBounds, evaluationWindows } from './results.js';

/** One span per entry; a person with two assignments is two entries with the same facts. */
interface Span {
  group?: string;
  birth?: string;
  from: string;
  to?: string | null;
  left?: string | null;
  programmes?: string[];
  rated?: number[];
  good?: number[];
  planned?: string[];
  rotated?: string[];
  promoted?: string[];
}

function spansOf(xs: readonly Span[]): Spans {
  const days = (ds: readonly string[] | undefined) => (ds ?? []).map(dayNumber);
  return {
    group: xs.map((x) => x.group ?? 'cong_chuc|none'),
    birth: xs.map((x) => dayNumber(x.birth ?? '1985-06-15')),
    from: xs.map((x) => dayNumber(x.from)),
    to: xs.map((x) => (x.to ? dayNumber(x.to) : NO_DAY)),
    left: xs.map((x) => (x.left ? dayNumber(x.left) : NO_DAY)),
    programmes: xs.map((x) => x.programmes ?? []),
    rated: xs.map((x) => x.rated ?? []),
    good: xs.map((x) => x.good ?? []),
    planned: xs.map((x) => days(x.planned)),
    rotated: xs.map((x) => days(x.rotated)),
    promoted: xs.map((x) => days(x.promoted)),
  };
}

function cohort(classId: number, start: string, end: string, programmeCode = 'TC_LLCT'): CohortDays {
  const w = evaluationWindows(start, end);
  return {
    classId,
    programmeCode,
    matchOn: w.matchOn,
    beforeFrom: w.beforeYears[0],
    beforeTo: w.beforeYears[1],
    afterFrom: w.afterYears[0],
    afterTo: w.afterYears[1],
    eventsFrom: w.eventsFrom,
    eventsTo: w.eventsTo,
  };
}

const stratum = (c: CohortDays, band: '30_39' | '40_49' = '30_39', group = 'cong_chuc|none'): StratumBounds => {
  const b = ageBandBirthBounds(band, c.matchOn);
  const [category, titleLevel] = group.split('|') as [string, string];
  return { classId: c.classId, category, titleLevel, ageBand: band, bornAfter: b.bornAfter, bornUntil: b.bornOnOrBefore };
};

// a course 1/3–31/5/2022: before 2020–2021, after 2022–2023, events 1/6/2022–31/5/2024
const K = cohort(1, '2022-03-01', '2022-05-31');

describe('sumComparable (decision 0065): the rule of decision 0052 member by member', () => {
  it('counts members, appraisals and events inside the windows', () => {
    const [t] = sumComparable(
      spansOf([
        {
          from: '2015-01-01',
          rated: [2019, 2020, 2021, 2022, 2023, 2024],
          good: [2021, 2022, 2024],
          planned: ['2022-06-01'],
          promoted: ['2024-05-31'],
        },
        { from: '2015-01-01', rated: [2020], rotated: ['2022-05-31', '2024-06-01'] },
      ]),
      [K],
      [stratum(K)],
    );
    expect(t).toMatchObject({
      people: 2,
      left: 0,
      beforeRated: 3,
      beforeGood: 1,
      afterRated: 2,
      afterGood: 1,
      planned: 1,
      rotated: 0,
      promoted: 1,
    });
  });

  it('keeps out who was not covered on the first day, had left before it, is outside the band or took the programme', () => {
    const out = sumComparable(
      spansOf([
        { from: '2022-03-02' },
        { from: '2010-01-01', to: '2022-02-28' },
        { from: '2010-01-01', left: '2022-02-28' },
        { from: '2010-01-01', birth: '1982-03-01' }, // 40 on the first day
        { from: '2010-01-01', programmes: ['SC_LLCT', 'TC_LLCT'] },
        { from: '2010-01-01', group: 'cong_chuc|commune' },
      ]),
      [K],
      [stratum(K)],
    );
    expect(out).toEqual([]);
  });

  it('counts a person who left on the first day or inside the window as left, without after-figures or events', () => {
    const [t] = sumComparable(
      spansOf([
        { from: '2010-01-01', left: '2022-03-01', rated: [2020, 2022], planned: ['2022-07-01'] },
        { from: '2010-01-01', left: '2024-05-31', rated: [2023] },
        { from: '2010-01-01', left: '2024-06-01', rated: [2023], good: [2023] },
      ]),
      [K],
      [stratum(K)],
    );
    expect(t).toMatchObject({ people: 3, left: 2, beforeRated: 1, afterRated: 1, afterGood: 1, planned: 0 });
  });

  it('counts a person once per assignment covering the first day, as the statement over the records does', () => {
    const [t] = sumComparable(spansOf([{ from: '2010-01-01' }, { from: '2021-01-01', to: '2022-12-31' }]), [K], [stratum(K)]);
    expect(t!.people).toBe(2);
  });

  it('gives cohorts with the same programme and days the same figures, and counts cohorts decades apart in batches', () => {
    const twin = { ...K, classId: 2 };
    const old = cohort(3, '1992-03-01', '1992-05-31');
    const spans = spansOf([
      { from: '1990-01-01', birth: '1958-01-01', rated: [1990, 1991, 1992, 1993] },
      { from: '1990-01-01', rated: [2020, 2022] },
    ]);
    const out = sumComparable(spans, [K, twin, old], [stratum(K), stratum(twin), stratum(old)]);
    expect(out.map((t) => [t.classId, t.people, t.beforeRated, t.afterRated])).toEqual([
      [1, 1, 1, 1],
      [2, 1, 1, 1],
      [3, 1, 2, 2],
    ]);
  });
});
