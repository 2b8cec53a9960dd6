/**
 * Plan against actual (kết quả thực hiện kế hoạch): what was done of a year's plan, line by line,
 * on any date. The counting convention (decision 0030), the one the schools' reports use
 * (Long An 2023: "25/23 lớp trung cấp (13 lớp chuyển tiếp năm 2022; 12 lớp khai giảng năm 2023)"):
 *
 * - A class (or any other realisation fact: outside training …) counts in year Y when it runs in Y
 *   and has started by the as-of date: **opened** in Y (starts in Y), or **carried over from last
 *   year** (started before 1/1/Y and still running on 1/1/Y). Done = opened + carried over from
 *   last year, and the year's plan counts its carried-over classes among its planned classes.
 * - A class opened in Y counts against the plan line it is linked to; one carried over from last
 *   year counts against this year's line of the same programme, first a line marked "carried over"
 *   (lớp chuyển tiếp) of the same mode, then one of any mode, then any line of the programme (same
 *   mode first), the lowest line first.
 * - **Carried over into next year**: counted (done) this year and still running after 31/12/Y; it
 *   is counted again next year as carried over from last year. **Finished**: ended by the as-of date.
 * - Classes marked outside the plan (extra classes at local sites …) are reported apart and never
 *   enter the percentages; classes neither linked nor marked are reported as "not linked yet".
 * - Learners are person-times (lượt học viên): each live enrolment of a counted class.
 * - An outside-training record (a person sent to the national academy, a university, abroad:
 *   decision 0035) is one learner and no class: it adds 1 to the learners of its line and 0 to its
 *   classes, by the same opened / carried-over / extra / not-linked rules. A line of a programme
 *   taught outside the province ("cao cấp LLCT tại Học viện") plans 0 classes and N learners.
 */
import { DEFAULT_PERCENT_ROUNDING, percent, type Percent, type PercentRounding } from './percent.js';

/** One thing that realises (part of) a plan: a class; later also an outside-training record. */
export interface RealisationFact {
  /** Where the fact comes from ('class', 'outside_training' …) and its id there. */
  source: string;
  id: number;
  programmeCode: string;
  mode: string;
  /** The plan line (its identity across versions) the fact was opened against, if any. */
  planLineId: number | null;
  /** Marked outside the plan (extra). */
  outsidePlan: boolean;
  startDate: string;
  endDate: string;
  /** Graduated / completed (counts as finished even before its end date). */
  completed: boolean;
  /** Person-times. */
  learners: number;
  /** Classes the fact is: 1 for a class, 0 for an outside-training record (one person, no class). */
  classes: number;
}

/** A line as plan-against-actual needs it. */
export interface RealisationLine {
  lineId: number;
  programmeCode: string;
  mode: string;
  classes: number;
  learners: number;
  carriedOver: boolean;
}

export const MEASURES = ['done', 'opened', 'carriedIn', 'finished', 'carriedOut'] as const;
export type Measure = (typeof MEASURES)[number];

export interface RowFigures {
  plannedClasses: number;
  plannedLearners: number;
  /** opened + carriedIn */
  doneClasses: number;
  doneLearners: number;
  openedClasses: number;
  carriedInClasses: number;
  finishedClasses: number;
  carriedOutClasses: number;
  classesPercent: Percent;
  learnersPercent: Percent;
}

/** A row: a plan line, or one of the buckets outside the lines. */
export type RowKey = { kind: 'line'; lineId: number } | { kind: 'extra' } | { kind: 'unlinked' };

export interface RealisationRow {
  key: RowKey;
  figures: RowFigures;
  /** The facts behind each measure (source:id), for the drill-down. */
  facts: Record<Measure, string[]>;
}

export interface Realisation {
  year: number;
  asOf: string;
  rounding: PercentRounding;
  lines: RealisationRow[];
  /** The plan's lines together (extra and unlinked facts excluded). */
  total: RealisationRow;
  /** Outside the plan: extra classes. */
  extra: RealisationRow;
  /** Opened this year or carried over, neither linked to a line in force nor marked outside the plan. */
  unlinked: RealisationRow;
}

export const factKey = (f: Pick<RealisationFact, 'source' | 'id'>) => `${f.source}:${f.id}`;

const emptyFacts = (): Record<Measure, string[]> => ({ done: [], opened: [], carriedIn: [], finished: [], carriedOut: [] });

interface Acc {
  facts: Record<Measure, string[]>;
  /** Classes behind each measure (an outside-training record is a fact but no class). */
  classes: Record<Measure, number>;
  learners: number;
}

const emptyCounts = (): Record<Measure, number> => ({ done: 0, opened: 0, carriedIn: 0, finished: 0, carriedOut: 0 });

/** Which line a carried-over fact counts against, by the convention above (null: none). */
export function lineForCarriedOver(fact: Pick<RealisationFact, 'programmeCode' | 'mode'>, lines: readonly RealisationLine[]): number | null {
  const ofProgramme = lines.filter((l) => l.programmeCode === fact.programmeCode).sort((a, b) => a.lineId - b.lineId);
  const pick =
    ofProgramme.find((l) => l.carriedOver && l.mode === fact.mode) ??
    ofProgramme.find((l) => l.carriedOver) ??
    ofProgramme.find((l) => l.mode === fact.mode) ??
    ofProgramme[0];
  return pick?.lineId ?? null;
}

/**
 * Plan against actual for `year` on `asOf` (yyyy-mm-dd): per line, the plan's total, the extra
 * and the not-linked facts, each with planned / done / opened / carried in / finished / carried
 * out, and percentages done ÷ planned under `rounding`.
 */
export function planAgainstActual(
  year: number,
  asOf: string,
  lines: readonly RealisationLine[],
  facts: readonly RealisationFact[],
  rounding: PercentRounding = DEFAULT_PERCENT_ROUNDING,
): Realisation {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const lineIds = new Set(lines.map((l) => l.lineId));
  const acc = new Map<string, Acc>();
  const bucket = (k: string): Acc => {
    let a = acc.get(k);
    if (!a) acc.set(k, (a = { facts: emptyFacts(), classes: emptyCounts(), learners: 0 }));
    return a;
  };
  for (const f of facts) {
    if (f.startDate > asOf || f.startDate > yearEnd || f.endDate < yearStart) continue;
    const opened = f.startDate >= yearStart;
    let target: string;
    if (f.outsidePlan) target = 'extra';
    else if (opened) target = f.planLineId !== null && lineIds.has(f.planLineId) ? `line:${f.planLineId}` : 'unlinked';
    else {
      const line = lineForCarriedOver(f, lines);
      target = line === null ? 'unlinked' : `line:${line}`;
    }
    const a = bucket(target);
    const key = factKey(f);
    const measures: Measure[] = ['done', opened ? 'opened' : 'carriedIn'];
    if (f.completed || f.endDate <= asOf) measures.push('finished');
    if (f.endDate > yearEnd) measures.push('carriedOut');
    for (const m of measures) {
      a.facts[m].push(key);
      a.classes[m] += f.classes;
    }
    a.learners += f.learners;
  }
  const row = (key: RowKey, accKey: string, plannedClasses: number, plannedLearners: number): RealisationRow => {
    const a = acc.get(accKey) ?? { facts: emptyFacts(), classes: emptyCounts(), learners: 0 };
    const done = a.classes.done;
    return {
      key,
      facts: a.facts,
      figures: {
        plannedClasses,
        plannedLearners,
        doneClasses: done,
        doneLearners: a.learners,
        openedClasses: a.classes.opened,
        carriedInClasses: a.classes.carriedIn,
        finishedClasses: a.classes.finished,
        carriedOutClasses: a.classes.carriedOut,
        classesPercent: percent(done, plannedClasses, rounding),
        learnersPercent: percent(a.learners, plannedLearners, rounding),
      },
    };
  };
  const lineRows = [...lines].sort((a, b) => a.lineId - b.lineId).map((l) => row({ kind: 'line', lineId: l.lineId }, `line:${l.lineId}`, l.classes, l.learners));
  const totalFacts = emptyFacts();
  const totalClasses = emptyCounts();
  let totalLearners = 0;
  for (const r of lineRows) {
    const a = acc.get(`line:${(r.key as { lineId: number }).lineId}`);
    if (!a) continue;
    for (const m of MEASURES) {
      totalFacts[m].push(...a.facts[m]);
      totalClasses[m] += a.classes[m];
    }
    totalLearners += a.learners;
  }
  acc.set('total', { facts: totalFacts, classes: totalClasses, learners: totalLearners });
  const plannedClasses = lines.reduce((s, l) => s + l.classes, 0);
  const plannedLearners = lines.reduce((s, l) => s + l.learners, 0);
  return {
    year,
    asOf,
    rounding,
    lines: lineRows,
    total: row({ kind: 'line', lineId: 0 }, 'total', plannedClasses, plannedLearners),
    extra: row({ kind: 'extra' }, 'extra', 0, 0),
    unlinked: row({ kind: 'unlinked' }, 'unlinked', 0, 0),
  };
}

/** A five-year plan's target for one year and programme. */
export interface YearTarget {
  year: number;
  programmeCode: string;
  classes: number;
  learners: number;
}

export interface TargetProgress extends YearTarget {
  /** The annual plan in force for the year: its classes / learners of the programme (null: no plan). */
  plannedClasses: number | null;
  plannedLearners: number | null;
  doneClasses: number;
  doneLearners: number;
  /** Annual plan ÷ target (no value without an annual plan), done ÷ target. */
  planPercent: Percent;
  donePercent: Percent;
}

/** Each five-year target beside the year's annual plan and what was done (per programme). */
export function targetProgress(
  targets: readonly YearTarget[],
  planned: ReadonlyMap<string, { classes: number; learners: number }>,
  done: ReadonlyMap<string, { classes: number; learners: number }>,
  rounding: PercentRounding = DEFAULT_PERCENT_ROUNDING,
): TargetProgress[] {
  return targets.map((t) => {
    const key = `${t.year}:${t.programmeCode}`;
    const p = planned.get(key) ?? null;
    const d = done.get(key) ?? { classes: 0, learners: 0 };
    return {
      ...t,
      plannedClasses: p?.classes ?? null,
      plannedLearners: p?.learners ?? null,
      doneClasses: d.classes,
      doneLearners: d.learners,
      // no annual plan for the year: no percentage (not 0%)
      planPercent: p ? percent(p.classes, t.classes, rounding) : { value: null, done: 0, planned: t.classes, rounding },
      donePercent: percent(d.classes, t.classes, rounding),
    };
  });
}
