import { describe, expect, it } from 'vitest';
import { attendanceRate, makeUpRequirements } from './attendance.js';
import { examEligibility, graduationDecision, missingLabel, type GraduationCheckCode, type GraduationInput } from './graduation.js';
import { DEFAULT_GRADING_SCHEME, DEFAULT_GRADUATION_CONDITIONS, PROGRAMME_GRADUATION_CONDITIONS } from './seed.js';
import type { AttendanceMark, GraduationConditions, MakeUpRecord, ProgrammeModule, Recall, Session } from './types.js';

const MODULES: ProgrammeModule[] = [
  { code: 'HP1', name: 'Triết học Mác - Lênin', periods: 60 },
  { code: 'HP2', name: 'Kinh tế chính trị', periods: 45 },
  { code: 'HP3', name: 'Xây dựng Đảng', periods: 30 },
];

/** 10 sessions: 4 of HP1, 3 of HP2, 3 of HP3, on 2–11 March 2026. */
const SESSIONS: Session[] = Array.from({ length: 10 }, (_, i) => ({
  id: `s${i + 1}`,
  moduleCode: i < 4 ? 'HP1' : i < 7 ? 'HP2' : 'HP3',
  date: `2026-03-${String(i + 2).padStart(2, '0')}`,
}));
const ASOF = '2026-04-15';

const TC = PROGRAMME_GRADUATION_CONDITIONS.TC_LLCT!;
const SC = DEFAULT_GRADUATION_CONDITIONS.political_theory;
const QLNN = DEFAULT_GRADUATION_CONDITIONS.state_management;
const UPDATE = DEFAULT_GRADUATION_CONDITIONS.knowledge_update;

interface Over {
  conditions?: GraduationConditions;
  modules?: ProgrammeModule[];
  grades?: Record<string, number | null>;
  marks?: Record<string, AttendanceMark | null>;
  recalls?: Recall[];
  makeUps?: MakeUpRecord[];
  conductReport?: GraduationInput['conductReport'];
  finalExam?: GraduationInput['finalExam'];
}

/** A trung cấp LLCT learner who meets everything: grades 8 / 8.5 / 9, present every day, exam 8. */
function learner(over: Over = {}): GraduationInput {
  const marks = SESSIONS.flatMap((s) => {
    const mark = over.marks && s.id in over.marks ? over.marks[s.id] : 'present';
    return mark ? [{ sessionId: s.id, mark }] : [];
  });
  const base = { sessions: SESSIONS, marks, recalls: over.recalls ?? [], asOf: ASOF };
  return {
    conditions: over.conditions ?? TC,
    scheme: DEFAULT_GRADING_SCHEME,
    modules: over.modules ?? MODULES,
    grades: { HP1: 8, HP2: 8.5, HP3: 9, ...over.grades },
    attendance: attendanceRate(base),
    makeUps: makeUpRequirements({ ...base, makeUps: over.makeUps ?? [] }),
    conductReport: over.conductReport === undefined ? { received: true, satisfactory: true } : over.conductReport,
    finalExam: over.finalExam === undefined ? { kind: 'exam', grade: 8 } : over.finalExam,
  };
}

type Passed = Partial<Record<GraduationCheckCode, boolean | null | 'absent'>>;

describe('graduationDecision', () => {
  it.each<[string, Over, 'graduated' | 'not_graduated' | 'pending', Passed, string[]]>([
    [
      'everything met',
      {},
      'graduated',
      { modules_passed: true, attendance: true, make_up: true, conduct_report: true, final_exam: true },
      [],
    ],
    [
      'a module at exactly the pass mark, and the exam too',
      { grades: { HP2: 5 }, finalExam: { kind: 'exam', grade: 5 } },
      'graduated',
      { modules_passed: true, final_exam: true },
      [],
    ],
    ['a module just below the pass mark', { grades: { HP2: 4.9 } }, 'not_graduated', { modules_passed: false }, []],
    ['a module at the scale maximum', { grades: { HP1: 10 } }, 'graduated', { modules_passed: true }, []],
    ['a grade not entered', { grades: { HP3: null } }, 'pending', { modules_passed: null }, ['grades.HP3']],
    ['an off-step grade is not a grade', { grades: { HP3: 8.25 } }, 'pending', { modules_passed: null }, ['grades.HP3']],
    ['a grade above the scale is not a grade', { grades: { HP3: 11 } }, 'pending', { modules_passed: null }, ['grades.HP3']],
    ['attendance exactly 80%', { marks: { s1: 'absent_unexcused', s5: 'absent_excused' } }, 'graduated', { attendance: true }, []],
    [
      'attendance 70%',
      { marks: { s1: 'absent_unexcused', s5: 'absent_excused', s9: 'absent_unexcused' } },
      'not_graduated',
      { attendance: false },
      [],
    ],
    [
      'attendance 70% with one session unmarked',
      { marks: { s1: 'absent_unexcused', s5: 'absent_excused', s9: null } },
      'pending',
      { attendance: null },
      ['attendance.unmarked'],
    ],
    [
      'recalled for three sessions and all made up',
      {
        recalls: [{ id: 'r1', from: '2026-03-05', to: '2026-03-07' }],
        marks: { s4: 'recalled', s5: 'recalled', s6: 'recalled' },
        makeUps: ['s4', 's5', 's6'].map((id) => ({ sessionId: id, completedOn: '2026-03-20' })),
      },
      'graduated',
      { attendance: true, make_up: true },
      [],
    ],
    [
      'recalled for three sessions, one not made up',
      {
        recalls: [{ id: 'r1', from: '2026-03-05', to: '2026-03-07' }],
        marks: { s4: 'recalled', s5: 'recalled', s6: 'recalled' },
        makeUps: ['s4', 's5'].map((id) => ({ sessionId: id, completedOn: '2026-03-20' })),
      },
      'not_graduated',
      { attendance: true, make_up: false },
      [],
    ],
    [
      'a recall without an end date and absences',
      {
        recalls: [{ id: 'r1', from: '2026-03-05', to: null }],
        marks: { s4: 'absent_unexcused', s5: 'absent_unexcused', s6: 'absent_unexcused' },
      },
      'pending',
      { attendance: null, make_up: null },
      ['recalls.dates'],
    ],
    [
      'conduct report not received (trung cấp)',
      { conductReport: null },
      'pending',
      { conduct_report: null, final_exam: true },
      ['conductReport'],
    ],
    [
      'conduct report received, not yet assessed',
      { conductReport: { received: true, satisfactory: null } },
      'pending',
      { conduct_report: null },
      ['conductReport.satisfactory'],
    ],
    [
      'conduct report unsatisfactory',
      { conductReport: { received: true, satisfactory: false } },
      'not_graduated',
      { conduct_report: false },
      [],
    ],
    [
      'state management: no conduct report needed, a thesis is',
      { conditions: QLNN, conductReport: null, finalExam: { kind: 'thesis', grade: 7 } },
      'graduated',
      { conduct_report: 'absent', final_exam: true },
      [],
    ],
    [
      'state management: an exam is not the thesis',
      { conditions: QLNN, finalExam: { kind: 'exam', grade: 7 } },
      'not_graduated',
      { final_exam: false },
      [],
    ],
    ['final exam not graded yet', { finalExam: { kind: 'exam', grade: null } }, 'pending', { final_exam: null }, ['finalExam']],
    ['no final exam result', { finalExam: null }, 'pending', { final_exam: null }, ['finalExam']],
    ['final exam just below the pass mark', { finalExam: { kind: 'exam', grade: 4.9 } }, 'not_graduated', { final_exam: false }, []],
    ['final exam off-step', { finalExam: { kind: 'exam', grade: 7.77 } }, 'pending', { final_exam: null }, ['finalExam.grade']],
    ['trung cấp: a thesis replaces the exam', { finalExam: { kind: 'thesis', grade: 8.5 } }, 'graduated', { final_exam: true }, []],
    [
      'sơ cấp: a thesis does not replace the exam',
      { conditions: SC, finalExam: { kind: 'thesis', grade: 8.5 } },
      'not_graduated',
      { final_exam: false, conduct_report: 'absent' },
      [],
    ],
    [
      'a failed module and a missing report: not graduated, the report still listed',
      { grades: { HP1: 3 }, conductReport: null },
      'not_graduated',
      { modules_passed: false, conduct_report: null },
      ['conductReport'],
    ],
    [
      'knowledge update: attendance only',
      { conditions: UPDATE, grades: { HP1: null, HP2: null, HP3: null }, finalExam: null, conductReport: null },
      'graduated',
      { modules_passed: 'absent', final_exam: 'absent', attendance: true },
      [],
    ],
    ['no module in the class', { modules: [] }, 'pending', { modules_passed: null }, ['modules']],
  ])('%s → %s', (_name, over, outcome, passed, missing) => {
    const d = graduationDecision(learner(over));
    expect(d.outcome).toBe(outcome);
    expect(d.missing).toEqual(missing);
    for (const [code, value] of Object.entries(passed)) {
      const c = d.checks.find((x) => x.code === code);
      if (value === 'absent') expect(c).toBeUndefined();
      else expect(c?.passed, code).toBe(value);
    }
    for (const c of d.checks) expect(c.detail).toMatch(/ — (đạt|không đạt|chưa thể kết luận)\.$/);
  });

  it.each<[string, Record<string, number>, ProgrammeModule[] | undefined, number, string | null]>([
    ['8 / 8.5 / 9 over 60 / 45 / 30 periods: 8.39, giỏi', {}, undefined, 8.39, 'gioi'],
    ['exactly 8.00: giỏi', { HP1: 8, HP2: 8, HP3: 8 }, undefined, 8, 'gioi'],
    [
      '7.99: khá',
      { HP1: 8, HP2: 8, HP3: 7.9 },
      [{ ...MODULES[0]!, periods: 45 }, MODULES[1]!, { ...MODULES[2]!, periods: 10 }],
      7.99,
      'kha',
    ],
    [
      '8.995 rounds half up to 9.00: xuất sắc',
      { HP1: 9, HP2: 8 },
      [
        { ...MODULES[0]!, periods: 199 },
        { ...MODULES[1]!, periods: 1 },
      ],
      9,
      'xuat_sac',
    ],
    ['all at the minimum pass: trung bình', { HP1: 5, HP2: 5, HP3: 5 }, undefined, 5, 'trung_binh'],
  ])('classifies the periods-weighted average: %s', (_name, grades, modules, average, band) => {
    const d = graduationDecision(learner({ grades, ...(modules ? { modules } : {}) }));
    expect(d.outcome).toBe('graduated');
    expect(d.average).toBe(average);
    expect(d.classification?.code ?? null).toBe(band);
  });

  it('gives the average but no classification when not graduated', () => {
    const d = graduationDecision(learner({ finalExam: { kind: 'exam', grade: 4 } }));
    expect(d.average).toBe(8.39);
    expect(d.classification).toBeNull();
  });

  it('explains every condition in Vietnamese with its facts', () => {
    const d = graduationDecision(learner({ marks: { s1: 'absent_unexcused', s4: 'recalled' }, grades: { HP2: 4.5 } }));
    expect(d.summary).toBe('Không đủ điều kiện tốt nghiệp: kết quả các học phần, học bổ sung không đạt.');
    expect(d.checks.map((c) => [c.code, c.detail])).toEqual([
      ['modules_passed', 'Học phần dưới 5 điểm: HP2 Kinh tế chính trị (4,5); yêu cầu mọi học phần đạt từ 5 điểm — không đạt.'],
      ['attendance', 'Dự 9/10 buổi (90%, trong đó 1 buổi được cơ quan triệu tập về); yêu cầu tối thiểu 80% — đạt.'],
      ['make_up', 'Còn 1/1 buổi phải học bổ sung: HP1 (05/03/2026) — không đạt.'],
      ['conduct_report', 'Cơ quan nhận xét học viên chấp hành tốt ý thức, tổ chức kỷ luật trong thời gian học — đạt.'],
      ['final_exam', 'Điểm thi tốt nghiệp: 8; yêu cầu từ 5 điểm — đạt.'],
    ]);
    expect(d.checks[1]!.facts).toMatchObject({
      held: 10,
      attended: 9,
      present: 8,
      recalled: 1,
      absentUnexcused: 1,
      rate: 0.9,
      minRate: 0.8,
    });
    expect(d.checks[0]!.facts).toMatchObject({ passMark: 5, failed: ['HP2'], missing: [] });
  });

  it('summarises a graduation with its classification', () => {
    expect(graduationDecision(learner()).summary).toBe('Đủ điều kiện tốt nghiệp, xếp loại Giỏi (điểm trung bình các học phần 8,39).');
  });

  it('summarises what is missing', () => {
    const d = graduationDecision(learner({ grades: { HP3: null }, conductReport: null }));
    expect(d.summary).toBe('Chưa thể xét tốt nghiệp: còn thiếu điểm học phần HP3 Xây dựng Đảng, nhận xét của cơ quan cử đi học.');
  });
});

describe('examEligibility: the conditions to sit the final exam or write the thesis', () => {
  it.each<[string, Over, 'eligible' | 'not_eligible' | 'pending', GraduationCheckCode[]]>([
    [
      'everything met (the exam itself is not a condition)',
      { finalExam: null },
      'eligible',
      ['modules_passed', 'attendance', 'make_up', 'conduct_report'],
    ],
    [
      'trung cấp without the conduct report',
      { conductReport: { received: false, satisfactory: null } },
      'pending',
      ['modules_passed', 'attendance', 'make_up', 'conduct_report'],
    ],
    [
      'state management without the conduct report',
      { conditions: QLNN, conductReport: null },
      'eligible',
      ['modules_passed', 'attendance', 'make_up'],
    ],
    ['a failed module', { grades: { HP1: 4 } }, 'not_eligible', ['modules_passed', 'attendance', 'make_up', 'conduct_report']],
    ['outstanding make-up', { marks: { s2: 'recalled' } }, 'not_eligible', ['modules_passed', 'attendance', 'make_up', 'conduct_report']],
  ])('%s → %s', (_name, over, outcome, codes) => {
    const e = examEligibility(learner(over));
    expect(e.outcome).toBe(outcome);
    expect(e.checks.map((c) => c.code)).toEqual(codes);
  });

  it('summarises', () => {
    expect(examEligibility(learner()).summary).toBe('Đủ điều kiện dự thi tốt nghiệp hoặc làm khóa luận.');
    expect(examEligibility(learner({ conditions: QLNN })).summary).toBe('Đủ điều kiện làm khóa luận, tiểu luận cuối khóa.');
    expect(examEligibility(learner({ conditions: SC, grades: { HP1: 4 } })).summary).toBe(
      'Không đủ điều kiện dự thi tốt nghiệp: kết quả các học phần không đạt.',
    );
    expect(examEligibility(learner({ conductReport: null })).summary).toBe(
      'Chưa thể xét điều kiện dự thi tốt nghiệp hoặc làm khóa luận: còn thiếu nhận xét của cơ quan cử đi học.',
    );
  });
});

describe('missingLabel', () => {
  it.each<[string, string]>([
    ['grades.HP1', 'điểm học phần HP1 Triết học Mác - Lênin'],
    ['grades.X9', 'điểm học phần X9'],
    ['conductReport', 'nhận xét của cơ quan cử đi học'],
    ['finalExam', 'kết quả thi tốt nghiệp hoặc khóa luận'],
    ['something.else', 'something.else'],
  ])('%s → %s', (key, label) => {
    expect(missingLabel(key, MODULES)).toBe(label);
  });
});
