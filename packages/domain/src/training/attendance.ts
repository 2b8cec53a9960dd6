/**
 * Attendance (điểm danh), recalls (triệu tập về cơ quan) and make-up study (học bổ sung) of one learner.
 *
 * A session is held on `asOf` when it is not cancelled and its date is on or before `asOf`; exam
 * sessions are graded, not counted.
 * A session falls in a recall when `from ≤ date ≤ to`. The rate is (present + recalled) / held:
 * a recall does not count against the learner, but every recalled session must be made up.
 */
import { isIsoDate, type IsoDate } from '../dates.js';
import { assertDate, fail, ok, TrainingError, type RecallErrorCode, type Result } from './errors.js';
import type { AttendanceMark, AttendanceRecord, MakeUpRecord, Recall, Session } from './types.js';

export const ATTENDANCE_MARK_LABELS: Record<AttendanceMark, string> = {
  present: 'Có mặt',
  absent_excused: 'Vắng có phép',
  absent_unexcused: 'Vắng không phép',
  recalled: 'Được cơ quan triệu tập về',
};

// ---------- recalls ----------

export interface ValidRecall {
  id: string;
  from: IsoDate;
  to: IsoDate;
}

export interface InvalidRecall {
  recall: Recall;
  error: RecallErrorCode;
  message: string;
}

/** A recall needs both dates, each a real date, with `to ≥ from` (a one-day recall has from = to). */
export function validateRecall(recall: Pick<Recall, 'from' | 'to'>): Result<{ from: IsoDate; to: IsoDate }, RecallErrorCode> {
  const { from, to } = recall;
  if (from === null || from === undefined || from === '' || to === null || to === undefined || to === '')
    return fail('RECALL_DATES_REQUIRED', { from, to });
  if (!isIsoDate(from) || !isIsoDate(to)) return fail('RECALL_DATE_INVALID', { from, to });
  if (to < from) return fail('RECALL_PERIOD_INVALID', { from, to });
  return ok({ from, to });
}

/** Valid recalls, and the others with their error (ignored by the calculations, reported to the caller). */
export function partitionRecalls(recalls: readonly Recall[]): { valid: ValidRecall[]; invalid: InvalidRecall[] } {
  const valid: ValidRecall[] = [];
  const invalid: InvalidRecall[] = [];
  for (const recall of recalls) {
    const r = validateRecall(recall);
    if (r.ok) valid.push({ id: recall.id, ...r.value });
    else invalid.push({ recall, error: r.error, message: r.message });
  }
  return { valid, invalid };
}

function coveringRecall(date: IsoDate, recalls: readonly ValidRecall[]): ValidRecall | undefined {
  return recalls.find((r) => r.from <= date && date <= r.to);
}

// ---------- sessions and marks ----------

/** Sessions held on asOf that count in attendance (not cancelled, not exams), by date then id. */
export function heldSessions(sessions: readonly Session[], asOf: IsoDate): Session[] {
  assertDate(asOf, 'asOf');
  for (const s of sessions) assertDate(s.date, `sessions[${s.id}].date`);
  return sessions
    .filter((s) => !s.cancelled && s.kind !== 'exam' && s.date <= asOf)
    .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.date < b.date ? -1 : 1));
}

function markMap(marks: readonly AttendanceRecord[]): Map<string, AttendanceMark> {
  const map = new Map<string, AttendanceMark>();
  for (const m of marks) {
    if (map.has(m.sessionId))
      throw new TrainingError('INVALID_INPUT', 'Một buổi học có hai lần điểm danh cho cùng học viên.', { sessionId: m.sessionId });
    map.set(m.sessionId, m.mark);
  }
  return map;
}

/**
 * The mark that counts: 'present' stays present; otherwise a session in a recall counts as
 * 'recalled' whatever was marked; otherwise the mark, or null when none was taken.
 */
function effectiveMark(
  session: Session,
  marks: Map<string, AttendanceMark>,
  recalls: readonly ValidRecall[],
): { mark: AttendanceMark | null; recallId: string | null } {
  const mark = marks.get(session.id) ?? null;
  if (mark === 'present') return { mark, recallId: null };
  const recall = coveringRecall(session.date, recalls);
  if (recall) return { mark: 'recalled', recallId: recall.id };
  return { mark, recallId: null };
}

// ---------- attendance rate ----------

export interface AttendanceCounts {
  held: number;
  present: number;
  recalled: number;
  absentExcused: number;
  absentUnexcused: number;
  /** Held sessions without a mark. */
  unmarked: number;
  /** present + recalled. */
  attended: number;
  /** attended / held, unrounded; null when no session was held. */
  rate: number | null;
}

export interface AttendanceSummary extends AttendanceCounts {
  asOf: IsoDate;
  unmarkedSessionIds: string[];
  byModule: Record<string, AttendanceCounts>;
  invalidRecalls: InvalidRecall[];
}

function emptyCounts(): AttendanceCounts {
  return { held: 0, present: 0, recalled: 0, absentExcused: 0, absentUnexcused: 0, unmarked: 0, attended: 0, rate: null };
}

function tally(c: AttendanceCounts, mark: AttendanceMark | null): void {
  c.held += 1;
  if (mark === 'present') c.present += 1;
  else if (mark === 'recalled') c.recalled += 1;
  else if (mark === 'absent_excused') c.absentExcused += 1;
  else if (mark === 'absent_unexcused') c.absentUnexcused += 1;
  else c.unmarked += 1;
  c.attended = c.present + c.recalled;
  c.rate = c.attended / c.held;
}

export interface AttendanceInput {
  sessions: readonly Session[];
  marks: readonly AttendanceRecord[];
  /** The learner's recalls: sessions inside one count as recalled unless marked present. */
  recalls?: readonly Recall[];
  asOf: IsoDate;
}

/** Attendance of one learner over the sessions held on asOf, overall and per module. */
export function attendanceRate(input: AttendanceInput): AttendanceSummary {
  const held = heldSessions(input.sessions, input.asOf);
  const marks = markMap(input.marks);
  const { valid, invalid } = partitionRecalls(input.recalls ?? []);
  const total = emptyCounts();
  const byModule: Record<string, AttendanceCounts> = {};
  const unmarkedSessionIds: string[] = [];
  for (const s of held) {
    const { mark } = effectiveMark(s, marks, valid);
    tally(total, mark);
    tally((byModule[s.moduleCode] ??= emptyCounts()), mark);
    if (mark === null) unmarkedSessionIds.push(s.id);
  }
  return { asOf: input.asOf, ...total, unmarkedSessionIds, byModule, invalidRecalls: invalid };
}

const EPSILON = 1e-9;

/**
 * Does the attendance reach `minRate` (exactly the threshold passes)? null when it cannot be told
 * yet: no session held, or the unmarked sessions would decide it.
 */
export function meetsAttendance(counts: AttendanceCounts, minRate: number): boolean | null {
  if (counts.held === 0) return null;
  if (counts.attended / counts.held >= minRate - EPSILON) return true;
  if ((counts.attended + counts.unmarked) / counts.held >= minRate - EPSILON) return null;
  return false;
}

// ---------- make-up ----------

export interface MakeUpItem {
  sessionId: string;
  moduleCode: string;
  date: IsoDate;
  /** recall_period: the session falls in a recorded recall; recalled_mark: marked recalled, no recall recorded. */
  reason: 'recall_period' | 'recalled_mark';
  recallId: string | null;
  /** The earliest make-up completed on or before asOf; null while outstanding. */
  madeUpOn: IsoDate | null;
}

export interface ModuleMakeUp {
  moduleCode: string;
  required: string[];
  outstanding: string[];
}

export interface MakeUpSummary {
  asOf: IsoDate;
  required: MakeUpItem[];
  outstanding: MakeUpItem[];
  /** Modules with at least one session to make up, in order of their first such session. */
  byModule: ModuleMakeUp[];
  invalidRecalls: InvalidRecall[];
  /** Sessions marked recalled that no recorded recall covers (the recall document is missing). */
  recalledWithoutRecord: string[];
}

export interface MakeUpInput extends AttendanceInput {
  makeUps: readonly MakeUpRecord[];
}

/**
 * Which held sessions the learner must make up (each recalled session), which are done (a make-up
 * of that session completed on or before asOf) and which are still outstanding, per module.
 */
export function makeUpRequirements(input: MakeUpInput): MakeUpSummary {
  const held = heldSessions(input.sessions, input.asOf);
  const marks = markMap(input.marks);
  const { valid, invalid } = partitionRecalls(input.recalls ?? []);
  const done = new Map<string, IsoDate>();
  for (const m of input.makeUps) {
    assertDate(m.completedOn, `makeUps[${m.sessionId}].completedOn`);
    if (m.completedOn > input.asOf) continue;
    const prev = done.get(m.sessionId);
    if (prev === undefined || m.completedOn < prev) done.set(m.sessionId, m.completedOn);
  }
  const required: MakeUpItem[] = [];
  const modules = new Map<string, ModuleMakeUp>();
  const recalledWithoutRecord: string[] = [];
  for (const s of held) {
    const { mark, recallId } = effectiveMark(s, marks, valid);
    if (mark !== 'recalled') continue;
    if (recallId === null) recalledWithoutRecord.push(s.id);
    const item: MakeUpItem = {
      sessionId: s.id,
      moduleCode: s.moduleCode,
      date: s.date,
      reason: recallId === null ? 'recalled_mark' : 'recall_period',
      recallId,
      madeUpOn: done.get(s.id) ?? null,
    };
    required.push(item);
    let mod = modules.get(s.moduleCode);
    if (!mod) modules.set(s.moduleCode, (mod = { moduleCode: s.moduleCode, required: [], outstanding: [] }));
    mod.required.push(s.id);
    if (item.madeUpOn === null) mod.outstanding.push(s.id);
  }
  return {
    asOf: input.asOf,
    required,
    outstanding: required.filter((i) => i.madeUpOn === null),
    byModule: [...modules.values()],
    invalidRecalls: invalid,
    recalledWithoutRecord,
  };
}
