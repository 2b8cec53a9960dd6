/**
 * A person's records over time: assignments since 2016 (contiguous, the last one open at their
 * current post), planning entries for higher titles, and yearly appraisals.
 */
import type { AppraisalClassification, AssignmentReason, IsoDate } from '@nang-tam/domain';
import { addDays, isoToDay, maxDate, minDate } from './days.js';
import type { Rng, Weighted } from './random.js';
import { TITLE_PROFILES, type TitleCode } from './profiles.js';
import { REORGANISATION_DATE, type UnitSpec } from './units.js';

export interface AssignmentDraft {
  unitCode: string;
  titleCode: TitleCode | null;
  startedOn: IsoDate;
  endedOn: IsoDate | null;
  reason: AssignmentReason;
  decisionNo: string;
}

export interface PlanningDraft {
  titleCode: TitleCode;
  term: string;
  approvedOn: IsoDate;
}

export interface AppraisalDraft {
  year: number;
  classification: AppraisalClassification;
}

const HISTORY_START: IsoDate = '2016-01-01';

/** Election windows: party congresses (2020, 2025) and people's council sessions (2021, 2026). */
const ELECTIONS: Record<'party' | 'council', Record<'commune' | 'province', readonly (readonly [IsoDate, IsoDate])[]>> = {
  party: {
    commune: [
      ['2020-04-15', '2020-07-15'],
      ['2025-08-01', '2025-09-15'],
    ],
    province: [
      ['2020-10-10', '2020-10-20'],
      ['2025-09-25', '2025-10-15'],
    ],
  },
  council: {
    commune: [
      ['2021-06-20', '2021-07-10'],
      ['2026-03-25', '2026-04-15'],
    ],
    province: [
      ['2021-06-15', '2021-06-30'],
      ['2026-03-20', '2026-04-05'],
    ],
  },
};

export interface HistoryInput {
  unit: UnitSpec;
  title: TitleCode | null;
  /** First day of work (recruitment), from the person's age. */
  careerStart: IsoDate;
  /** The pre-merger province the person worked in before 1/7/2025, if they moved at the merger. */
  movedFrom: string | null;
  today: IsoDate;
  /** Other units of the same kind and sector, for rotations and transfers. */
  peers: readonly UnitSpec[];
}

interface ChangePoint {
  date: IsoDate;
  reason: AssignmentReason;
}

/** How many assignments since 2016: leaders move more than their staff. */
const SEGMENT_COUNTS: Record<'leader' | 'staff', readonly Weighted<number>[]> = {
  leader: [
    [1, 25],
    [2, 35],
    [3, 28],
    [4, 12],
  ],
  staff: [
    [1, 55],
    [2, 32],
    [3, 10],
    [4, 3],
  ],
};
const MIN_GAP_DAYS = 90;

function decisionNo(rng: Rng, reason: AssignmentReason, party: boolean): string {
  if (reason === 'election' && !party) return `${rng.int(1, 60)}/NQ-HĐND`;
  return party ? `${rng.int(1, 2400)}-QĐ/TU` : `${rng.int(1, 2400)}/QĐ-UBND`;
}

function farFromAll(date: IsoDate, points: readonly ChangePoint[]): boolean {
  const d = isoToDay(date);
  return points.every((p) => Math.abs(isoToDay(p.date) - d) >= MIN_GAP_DAYS);
}

/**
 * The dates since 2016 the person's post changed, ascending, at most three: the merger (if they
 * moved), the elections of their title, then appointments, rotations and transfers. Whoever holds a
 * title was elected or appointed to it at some point.
 */
function changePoints(rng: Rng, input: HistoryInput): ChangePoint[] {
  const { today, title, unit } = input;
  const earliest = maxDate(addDays(input.careerStart, MIN_GAP_DAYS + 1), HISTORY_START);
  const latest = addDays(today, -30);
  const inRange = (d: IsoDate) => d >= earliest && d <= latest;
  const points: ChangePoint[] = [];
  // movedFrom is only set for people recruited before the merger
  if (input.movedFrom && REORGANISATION_DATE <= latest) points.push({ date: REORGANISATION_DATE, reason: 'reorganisation' });
  const elected = title ? TITLE_PROFILES[title].elected : null;
  if (elected) {
    const level = unit.kind === 'commune' ? 'commune' : 'province';
    for (const [from, to] of [...ELECTIONS[elected][level]].reverse()) {
      const date = rng.date(from, to);
      if (inRange(date) && farFromAll(date, points) && rng.chance(0.8)) points.push({ date, reason: 'election' });
    }
  }
  const mustBeAppointed = title !== null && !points.some((p) => p.reason === 'election');
  const segments = Math.max(
    rng.weighted(SEGMENT_COUNTS[title ? 'leader' : 'staff']),
    mustBeAppointed ? 2 : 1,
    Math.min(points.length + 1, 4),
  );
  points.splice(segments - 1);
  for (let tries = 0; points.length < segments - 1 && tries < 8; tries++) {
    const date = rng.date(earliest, latest);
    if (!inRange(date) || !farFromAll(date, points)) continue;
    const appointed = points.some((p) => p.reason === 'appointment' || p.reason === 'election');
    const reason: AssignmentReason = !title
      ? 'transfer'
      : mustBeAppointed && !appointed
        ? 'appointment'
        : rng.weighted<AssignmentReason>([
            ['appointment', 60],
            ['rotation', 25],
            ['transfer', 15],
          ]);
    points.push({ date, reason });
  }
  return points.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * Assignments from the recruitment to today, with the changes since 2016, walked backwards from the
 * current post: before a reorganisation the person was in the pre-merger province, before an
 * appointment or an election one title lower (or the same, when re-elected), before a rotation or a
 * transfer in another unit of the same kind and sector. Everyone was recruited without a title.
 */
export function generateAssignments(rng: Rng, input: HistoryInput): AssignmentDraft[] {
  const points = changePoints(rng, input);
  const party = input.unit.sector === 'party' || (input.title !== null && TITLE_PROFILES[input.title].scope === 'BTV_TU');

  let unitCode = input.unit.code;
  let title = input.title;
  let end: IsoDate | null = null;
  const out: AssignmentDraft[] = [];
  for (let i = points.length - 1; i >= 0; i--) {
    const { date, reason } = points[i]!;
    out.push({ unitCode, titleCode: title, startedOn: date, endedOn: end, reason, decisionNo: decisionNo(rng, reason, party) });
    end = addDays(date, -1);
    const historical = unitCode === input.movedFrom;
    switch (reason) {
      case 'reorganisation':
        unitCode = input.movedFrom ?? unitCode;
        break;
      case 'election':
        if (title && rng.chance(0.5)) title = TITLE_PROFILES[title].lower;
        break;
      case 'appointment':
        title = title ? TITLE_PROFILES[title].lower : null;
        break;
      default:
        if (!historical && input.peers.length > 0) unitCode = rng.pick(input.peers).code;
        if (reason === 'rotation' && title && rng.chance(0.4)) title = TITLE_PROFILES[title].lower;
    }
  }
  if (out.length > 0) title = null;
  out.push({
    unitCode,
    titleCode: title,
    startedOn: input.careerStart,
    endedOn: end,
    reason: 'recruitment',
    decisionNo: decisionNo(rng, 'recruitment', party),
  });
  return out.reverse();
}

export interface PlanningInput {
  title: TitleCode | null;
  unit: UnitSpec;
  age: number;
  staffTarget: TitleCode;
  today: IsoDate;
}

/** Planning entries (quy hoạch) for higher titles: about one person in twelve. */
export function generatePlanning(rng: Rng, p: PlanningInput): PlanningDraft[] {
  const targets = p.title ? TITLE_PROFILES[p.title].higher : p.age < 45 ? [p.staffTarget] : [];
  const share = p.title ? (p.title === 'BT_CB' ? 0.1 : 0.35) : 0.05;
  const first = targets[0];
  if (!first || !rng.chance(share)) return [];
  const latest = addDays(p.today, -1);
  const out: PlanningDraft[] = [{ titleCode: first, term: '2025-2030', approvedOn: minDate(rng.date('2023-03-01', '2025-12-31'), latest) }];
  const second = targets[1];
  if (second && rng.chance(0.2)) out.push({ titleCode: second, term: '2025-2030', approvedOn: out[0]!.approvedOn });
  if (rng.chance(0.3)) out.push({ titleCode: first, term: '2020-2025', approvedOn: minDate(rng.date('2018-06-01', '2019-12-31'), latest) });
  return out;
}

const CLASSIFICATIONS: readonly Weighted<AppraisalClassification>[] = [
  ['excellent', 15],
  ['good', 70],
  ['completed', 13],
  ['not_completed', 2],
];

/** One appraisal per year for the five years before this one, from the year the person started. */
export function generateAppraisals(rng: Rng, firstDay: IsoDate, today: IsoDate): AppraisalDraft[] {
  const thisYear = Number(today.slice(0, 4));
  const out: AppraisalDraft[] = [];
  for (let year = thisYear - 5; year < thisYear; year++) {
    if (firstDay <= `${year}-06-30`) out.push({ year, classification: rng.weighted(CLASSIFICATIONS) });
  }
  return out;
}
