import { describe, expect, it } from 'vitest';
import {
  attendanceRate,
  heldSessions,
  makeUpRequirements,
  meetsAttendance,
  partitionRecalls,
  validateRecall,
  type AttendanceCounts,
} from './attendance.js';
import { TrainingError } from './errors.js';
import type { AttendanceMark, AttendanceRecord, MakeUpRecord, Recall, Session } from './types.js';

/** HP1: 2026-03-02 … 2026-03-06 (5 sessions); HP2: 2026-03-09 … 2026-03-13 (5 sessions). */
const SESSIONS: Session[] = [
  ...['02', '03', '04', '05', '06'].map((d) => ({ id: `hp1-${d}`, moduleCode: 'HP1', date: `2026-03-${d}` })),
  ...['09', '10', '11', '12', '13'].map((d) => ({ id: `hp2-${d}`, moduleCode: 'HP2', date: `2026-03-${d}` })),
];

function marks(over: Record<string, AttendanceMark | null> = {}): AttendanceRecord[] {
  return SESSIONS.flatMap((s) => {
    const mark = s.id in over ? over[s.id] : 'present';
    return mark ? [{ sessionId: s.id, mark }] : [];
  });
}

const recall = (id: string, from: string | null, to: string | null): Recall => ({ id, from, to });

describe('validateRecall', () => {
  it.each<[string, string | null, string | null, string | null]>([
    ['one day (from = to)', '2026-03-10', '2026-03-10', null],
    ['three days', '2026-03-10', '2026-03-12', null],
    ['no start', null, '2026-03-12', 'RECALL_DATES_REQUIRED'],
    ['no end', '2026-03-10', null, 'RECALL_DATES_REQUIRED'],
    ['empty strings', '', '', 'RECALL_DATES_REQUIRED'],
    ['end before start', '2026-03-12', '2026-03-11', 'RECALL_PERIOD_INVALID'],
    ['not a real date', '2026-02-30', '2026-03-02', 'RECALL_DATE_INVALID'],
    ['Vietnamese form is not accepted here', '10/03/2026', '2026-03-12', 'RECALL_DATE_INVALID'],
  ])('%s', (_name, from, to, error) => {
    const r = validateRecall({ from, to });
    if (error === null) expect(r).toEqual({ ok: true, value: { from, to } });
    else expect(r).toMatchObject({ ok: false, error });
  });

  it('partitions recalls into usable ones and errors with Vietnamese messages', () => {
    const { valid, invalid } = partitionRecalls([recall('a', '2026-03-10', '2026-03-11'), recall('b', '2026-03-12', null)]);
    expect(valid.map((r) => r.id)).toEqual(['a']);
    expect(invalid).toEqual([
      {
        recall: recall('b', '2026-03-12', null),
        error: 'RECALL_DATES_REQUIRED',
        message: 'Phải nhập ngày bắt đầu và ngày kết thúc đợt triệu tập về cơ quan.',
      },
    ]);
  });
});

describe('heldSessions', () => {
  it('counts sessions on or before asOf, never cancelled ones, in date order', () => {
    const sessions: Session[] = [SESSIONS[2]!, SESSIONS[0]!, { ...SESSIONS[1]!, cancelled: true }, SESSIONS[3]!];
    expect(heldSessions(sessions, '2026-03-05').map((s) => s.id)).toEqual(['hp1-02', 'hp1-04', 'hp1-05']);
    expect(heldSessions(sessions, '2026-03-04').map((s) => s.id)).toEqual(['hp1-02', 'hp1-04']);
  });

  it('counts field trips like lessons, and exams not at all', () => {
    const sessions: Session[] = [
      { ...SESSIONS[0]!, kind: 'lesson' },
      { ...SESSIONS[1]!, kind: 'field_trip' },
      { ...SESSIONS[2]!, kind: 'exam' },
    ];
    expect(heldSessions(sessions, '2026-03-31').map((s) => s.id)).toEqual(['hp1-02', 'hp1-03']);
  });

  it('refuses a malformed asOf', () => {
    expect(() => heldSessions(SESSIONS, '2026-3-5')).toThrow(TrainingError);
  });
});

describe('attendanceRate: (present + recalled) / held', () => {
  it.each<[string, Record<string, AttendanceMark | null>, Recall[], Partial<AttendanceCounts>]>([
    ['all present', {}, [], { held: 10, attended: 10, rate: 1 }],
    [
      'two unexcused absences: exactly 80%',
      { 'hp1-02': 'absent_unexcused', 'hp2-09': 'absent_unexcused' },
      [],
      { attended: 8, absentUnexcused: 2, rate: 0.8 },
    ],
    [
      'excused absences count against the rate too',
      { 'hp1-02': 'absent_excused', 'hp1-03': 'absent_excused', 'hp1-04': 'absent_unexcused' },
      [],
      { attended: 7, absentExcused: 2, rate: 0.7 },
    ],
    [
      'recalled sessions do not count against the learner',
      { 'hp2-10': 'recalled', 'hp2-11': 'recalled', 'hp2-12': 'recalled' },
      [],
      { attended: 10, present: 7, recalled: 3, rate: 1 },
    ],
    [
      'absences inside a recorded recall count as recalled',
      { 'hp2-10': 'absent_unexcused', 'hp2-11': 'absent_excused' },
      [recall('r1', '2026-03-10', '2026-03-11')],
      { attended: 10, recalled: 2, absentUnexcused: 0, absentExcused: 0 },
    ],
    ['present inside a recall stays present', {}, [recall('r1', '2026-03-10', '2026-03-11')], { present: 10, recalled: 0 }],
    ['unmarked sessions are not attended', { 'hp1-02': null, 'hp1-03': null }, [], { attended: 8, unmarked: 2, rate: 0.8 }],
    [
      'an invalid recall covers nothing',
      { 'hp2-10': 'absent_unexcused' },
      [recall('r1', '2026-03-11', '2026-03-09')],
      { attended: 9, recalled: 0 },
    ],
  ])('%s', (_name, over, recalls, expected) => {
    expect(attendanceRate({ sessions: SESSIONS, marks: marks(over), recalls, asOf: '2026-03-31' })).toMatchObject(expected);
  });

  it('counts only the sessions held on asOf, per module too', () => {
    const r = attendanceRate({ sessions: SESSIONS, marks: marks({ 'hp1-02': 'absent_unexcused' }), asOf: '2026-03-09' });
    expect(r).toMatchObject({ held: 6, attended: 5 });
    expect(r.byModule).toEqual({
      HP1: { held: 5, present: 4, recalled: 0, absentExcused: 0, absentUnexcused: 1, unmarked: 0, attended: 4, rate: 0.8 },
      HP2: { held: 1, present: 1, recalled: 0, absentExcused: 0, absentUnexcused: 0, unmarked: 0, attended: 1, rate: 1 },
    });
  });

  it('lists unmarked sessions and reports invalid recalls', () => {
    const r = attendanceRate({
      sessions: SESSIONS,
      marks: marks({ 'hp1-05': null }),
      recalls: [recall('x', null, null)],
      asOf: '2026-03-31',
    });
    expect(r.unmarkedSessionIds).toEqual(['hp1-05']);
    expect(r.invalidRecalls.map((i) => i.error)).toEqual(['RECALL_DATES_REQUIRED']);
  });

  it('has no rate before the first session', () => {
    expect(attendanceRate({ sessions: SESSIONS, marks: [], asOf: '2026-03-01' })).toMatchObject({ held: 0, rate: null });
  });

  it('refuses two marks for one session', () => {
    expect(() =>
      attendanceRate({ sessions: SESSIONS, marks: [...marks(), { sessionId: 'hp1-02', mark: 'absent_excused' }], asOf: '2026-03-31' }),
    ).toThrow(TrainingError);
  });
});

describe('meetsAttendance: exactly the threshold passes', () => {
  const counts = (held: number, attended: number, unmarked = 0): AttendanceCounts => ({
    held,
    attended,
    unmarked,
    present: attended,
    recalled: 0,
    absentExcused: 0,
    absentUnexcused: held - attended - unmarked,
    rate: held ? attended / held : null,
  });
  it.each<[string, AttendanceCounts, number, boolean | null]>([
    ['8/10 at 80%', counts(10, 8), 0.8, true],
    ['7/10 at 80%', counts(10, 7), 0.8, false],
    ['24/30 at 80% (floating point)', counts(30, 24), 0.8, true],
    ['23/30 at 80%', counts(30, 23), 0.8, false],
    ['7/10 with 1 unmarked: could still reach 80%', counts(10, 7, 1), 0.8, null],
    ['6/10 with 1 unmarked: cannot reach 80%', counts(10, 6, 1), 0.8, false],
    ['8/10 with 2 unmarked: already 80%', counts(10, 8, 2), 0.8, true],
    ['nothing held', counts(0, 0), 0.8, null],
    ['threshold 0.7 and 7/10', counts(10, 7), 0.7, true],
  ])('%s', (_name, c, min, expected) => {
    expect(meetsAttendance(c, min)).toBe(expected);
  });
});

describe('makeUpRequirements', () => {
  const input = (over: Record<string, AttendanceMark | null>, recalls: Recall[], makeUps: MakeUpRecord[] = [], asOf = '2026-03-31') => ({
    sessions: SESSIONS,
    marks: marks(over),
    recalls,
    makeUps,
    asOf,
  });

  it('a recall overlapping sessions requires each of them, except those attended anyway', () => {
    // recall 5/3 … 10/3 spans the end of HP1 and the start of HP2; present on 9/3 regardless
    const r = makeUpRequirements(
      input({ 'hp1-05': 'absent_excused', 'hp1-06': 'recalled', 'hp2-10': null }, [recall('r1', '2026-03-05', '2026-03-10')]),
    );
    expect(r.required.map((i) => [i.sessionId, i.reason, i.recallId])).toEqual([
      ['hp1-05', 'recall_period', 'r1'],
      ['hp1-06', 'recall_period', 'r1'],
      ['hp2-10', 'recall_period', 'r1'],
    ]);
    expect(r.byModule).toEqual([
      { moduleCode: 'HP1', required: ['hp1-05', 'hp1-06'], outstanding: ['hp1-05', 'hp1-06'] },
      { moduleCode: 'HP2', required: ['hp2-10'], outstanding: ['hp2-10'] },
    ]);
  });

  it('a cancelled session inside a recall needs no make-up', () => {
    const sessions = SESSIONS.map((s) => (s.id === 'hp2-11' ? { ...s, cancelled: true } : s));
    const r = makeUpRequirements({
      sessions,
      marks: marks({ 'hp2-10': 'recalled', 'hp2-11': null }),
      recalls: [recall('r1', '2026-03-10', '2026-03-11')],
      makeUps: [],
      asOf: '2026-03-31',
    });
    expect(r.required.map((i) => i.sessionId)).toEqual(['hp2-10']);
  });

  it.each<[string, MakeUpRecord[], string, string[]]>([
    ['nothing made up', [], '2026-03-31', ['hp2-10', 'hp2-11']],
    ['one made up', [{ sessionId: 'hp2-10', completedOn: '2026-03-20' }], '2026-03-31', ['hp2-11']],
    [
      'both made up',
      [
        { sessionId: 'hp2-10', completedOn: '2026-03-20' },
        { sessionId: 'hp2-11', completedOn: '2026-03-31' },
      ],
      '2026-03-31',
      [],
    ],
    ['a make-up after asOf does not count yet', [{ sessionId: 'hp2-10', completedOn: '2026-04-01' }], '2026-03-31', ['hp2-10', 'hp2-11']],
    [
      'a make-up of another session does not count',
      [{ sessionId: 'hp2-12', completedOn: '2026-03-20' }],
      '2026-03-31',
      ['hp2-10', 'hp2-11'],
    ],
  ])('%s', (_name, makeUps, asOf, outstanding) => {
    const r = makeUpRequirements(
      input({ 'hp2-10': 'recalled', 'hp2-11': 'recalled' }, [recall('r1', '2026-03-10', '2026-03-11')], makeUps, asOf),
    );
    expect(r.outstanding.map((i) => i.sessionId)).toEqual(outstanding);
    expect(r.required).toHaveLength(2);
  });

  it('keeps the earliest make-up date', () => {
    const r = makeUpRequirements(
      input(
        { 'hp2-10': 'recalled' },
        [],
        [
          { sessionId: 'hp2-10', completedOn: '2026-03-25' },
          { sessionId: 'hp2-10', completedOn: '2026-03-18' },
        ],
      ),
    );
    expect(r.required[0]).toMatchObject({ madeUpOn: '2026-03-18' });
  });

  it('a session marked recalled without a recorded recall still needs make-up, and is flagged', () => {
    const r = makeUpRequirements(input({ 'hp1-03': 'recalled' }, []));
    expect(r.required).toEqual([
      { sessionId: 'hp1-03', moduleCode: 'HP1', date: '2026-03-03', reason: 'recalled_mark', recallId: null, madeUpOn: null },
    ]);
    expect(r.recalledWithoutRecord).toEqual(['hp1-03']);
  });

  it('sessions not yet held need nothing yet', () => {
    const unmarked = { 'hp2-10': null, 'hp2-11': null, 'hp2-12': null };
    const recalls = [recall('r1', '2026-03-10', '2026-03-12')];
    expect(makeUpRequirements(input(unmarked, recalls, [], '2026-03-09')).required).toEqual([]);
    expect(makeUpRequirements(input(unmarked, recalls, [], '2026-03-10')).required.map((i) => i.sessionId)).toEqual(['hp2-10']);
    expect(makeUpRequirements(input(unmarked, recalls, [], '2026-03-12')).required.map((i) => i.sessionId)).toEqual([
      'hp2-10',
      'hp2-11',
      'hp2-12',
    ]);
  });

  it('reports invalid recalls instead of guessing their period', () => {
    const r = makeUpRequirements(input({ 'hp2-10': 'absent_unexcused' }, [recall('r1', '2026-03-10', null)]));
    expect(r.required).toEqual([]);
    expect(r.invalidRecalls.map((i) => i.error)).toEqual(['RECALL_DATES_REQUIRED']);
  });
});
