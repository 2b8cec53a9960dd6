import { describe, expect, it } from 'vitest';
import * as reaction from './reaction.js';
import {
  DEFAULT_QUESTIONNAIRE,
  aggregateReaction,
  average,
  decideAnswer,
  earliestOpening,
  distribution,
  ratePercent,
  surveyState,
  validateAnswer,
  validateQuestionnaire,
  type QuestionnaireDefinition,
  type ReactionAnswer,
} from './reaction.js';

const Q: QuestionnaireDefinition = {
  questions: [
    { code: 'c1', section: 'content', text: 'Nội dung' },
    { code: 'l1', section: 'lecturers', text: 'Giảng viên' },
    { code: 'o1', section: 'organisation', text: 'Tổ chức' },
    { code: 'u1', section: 'usefulness', text: 'Hữu ích' },
  ],
  commentPrompt: 'Ý kiến khác',
};
const answer = (c: number, o: number, u: number, lecturers: Record<string, number>, comment?: string): ReactionAnswer => ({
  items: { c1: c, o1: o, u1: u },
  lecturers: Object.fromEntries(Object.entries(lecturers).map(([id, v]) => [id, { l1: v }])),
  comment,
});

describe('averages, distributions and rates', () => {
  it.each([
    [[5, 4], 4.5],
    [[1, 2, 2], 1.67],
    [[1, 1, 1, 1, 1, 1, 1, 2], 1.13], // 1.125 rounds half up
    [[3], 3],
    [[], null],
  ])('average(%j) = %s', (v, want) => expect(average(v)).toBe(want));

  it.each([
    [[1, 5, 5, 3], [1, 0, 1, 0, 2]],
    [[0, 6, 2.5, 2], [0, 1, 0, 0, 0]],
  ])('distribution(%j)', (v, want) => expect(distribution(v)).toEqual(want));

  it.each([
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 8, 12.5],
    [0, 10, 0],
    [5, 0, null],
  ])('%i of %i = %s %', (a, b, want) => expect(ratePercent(a, b)).toBe(want));
});

describe('anonymity threshold', () => {
  const five = [answer(5, 4, 5, { 7: 5 }, 'Rất tốt'), answer(4, 4, 4, { 7: 4, 9: 3 }), answer(5, 3, 5, { 7: 5 }), answer(3, 4, 4, { 7: 4 }), answer(4, 5, 5, { 7: 3, 9: 2 }, 'Cần thêm tình huống')];
  it.each([
    ['below the threshold', five.slice(0, 4), 5, true],
    ['at the threshold', five, 5, false],
    ['threshold one', five.slice(0, 1), 1, false],
  ])('%s', (_label, responses, min, hidden) => {
    const r = aggregateReaction(Q, responses, 20, min);
    expect(r.suppressed).toBe(hidden);
    expect(r.responses).toBe(responses.length);
    expect(r.responseRate).toBe(ratePercent(responses.length, 20));
    if (hidden) {
      expect(r.overall).toEqual({ average: null, distribution: null });
      expect(r.questions.every((q) => q.average === null && q.distribution === null)).toBe(true);
      expect(r.sections.every((s) => s.average === null)).toBe(true);
      expect(r.comments).toEqual([]);
    } else expect(r.overall.average).not.toBeNull();
  });

  it('computes per question, per section and per lecturer; a lecturer rated by too few is suppressed alone', () => {
    const r = aggregateReaction(Q, five, 10, 5);
    expect(r.responseRate).toBe(50);
    expect(r.questions.find((q) => q.code === 'c1')).toMatchObject({ average: 4.2, distribution: [0, 0, 1, 2, 2] });
    // the lecturer question pools every lecturer's answers: 5,4,3,5,4,3,2
    expect(r.questions.find((q) => q.code === 'l1')).toMatchObject({ average: 3.71, distribution: [0, 1, 2, 2, 2] });
    expect(r.sections.find((s) => s.section === 'organisation')!.average).toBe(4);
    expect(r.lecturers).toEqual([
      { lecturerId: 7, responses: 5, suppressed: false, average: 4.2, distribution: [0, 0, 1, 2, 2] },
      { lecturerId: 9, responses: 2, suppressed: true, average: null, distribution: null },
    ]);
    expect(r.comments).toEqual(['Cần thêm tình huống', 'Rất tốt']);
  });
});

describe('answering', () => {
  it.each([
    ['complete', answer(5, 4, 3, { 7: 5, 9: 4 }), []],
    ['a lecturer missing', answer(5, 4, 3, { 7: 5 }), ['lecturers.9.l1']],
    ['out of the scale', answer(6, 0, 3, { 7: 5, 9: 4 }), ['items.c1', 'items.o1']],
    ['not an integer', answer(4.5, 4, 3, { 7: 5, 9: 4 }), ['items.c1']],
    ['a lecturer of another class', answer(5, 4, 3, { 7: 5, 9: 4, 11: 3 }), ['lecturers.11']],
    ['an unknown question', { ...answer(5, 4, 3, { 7: 5, 9: 4 }), items: { c1: 5, o1: 4, u1: 3, x: 2 } }, ['items.x']],
    ['a comment too long', answer(5, 4, 3, { 7: 5, 9: 4 }, 'x'.repeat(1001)), ['comment']],
  ])('%s', (_l, a, paths) => expect(validateAnswer(Q, [7, 9], a).map((p) => p.path)).toEqual(paths));

  it.each([
    [{ opensOn: '2026-06-01', closesOn: '2026-06-10' }, '2026-05-31', 'not_open'],
    [{ opensOn: '2026-06-01', closesOn: '2026-06-10' }, '2026-06-01', 'open'],
    [{ opensOn: '2026-06-01', closesOn: '2026-06-10' }, '2026-06-10', 'open'],
    [{ opensOn: '2026-06-01', closesOn: '2026-06-10' }, '2026-06-11', 'closed'],
    [{ opensOn: '2026-06-01', closesOn: '2026-06-10', closedEarly: true }, '2026-06-05', 'closed'],
  ])('surveyState(%j, %s) = %s', (w, today, want) => expect(surveyState(w, today)).toBe(want));

  it.each([
    [{ learnerOfClass: true, alreadyAnswered: false, state: 'open' as const }, null],
    [{ learnerOfClass: false, alreadyAnswered: false, state: 'open' as const }, 'NOT_FOUND'],
    [{ learnerOfClass: true, alreadyAnswered: true, state: 'open' as const }, 'SURVEY_ANSWERED'],
    [{ learnerOfClass: true, alreadyAnswered: false, state: 'closed' as const }, 'SURVEY_CLOSED'],
    [{ learnerOfClass: true, alreadyAnswered: false, state: 'not_open' as const }, 'SURVEY_NOT_OPEN'],
    [{ learnerOfClass: true, alreadyAnswered: true, state: 'closed' as const }, 'SURVEY_ANSWERED'],
  ])('decideAnswer(%j) → %s', (f, code) => {
    const v = decideAnswer(f);
    expect(v.ok ? null : v.code).toBe(code);
  });
});

describe('the earliest opening, at the end of the class', () => {
  it.each([
    ['2026-12-23', '2026-12-02'],
    ['2026-03-10', '2026-02-17'],
    ['2028-03-21', '2028-02-29'],
  ])('a class ending %s opens from %s', (end, want) => expect(earliestOpening(end)).toBe(want));
});

describe('definitions', () => {
  it('ships a valid default', () => expect(validateQuestionnaire(DEFAULT_QUESTIONNAIRE)).toEqual([]));
  it.each([
    ['no question', { ...Q, questions: [] }, 'questions'],
    ['a duplicate code', { ...Q, questions: [...Q.questions, { code: 'c1', section: 'content' as const, text: 'Lặp' }] }, 'questions.4.code'],
    ['a bad code', { ...Q, questions: [...Q.questions, { code: 'Câu 1', section: 'content' as const, text: 'x' }] }, 'questions.4.code'],
    ['an empty text', { ...Q, questions: [...Q.questions, { code: 'c2', section: 'content' as const, text: '  ' }] }, 'questions.4.text'],
    ['a section without a question', { ...Q, questions: Q.questions.filter((q) => q.section !== 'usefulness') }, 'questions'],
  ])('refuses %s', (_l, q, path) => expect(validateQuestionnaire(q).map((p) => p.path)).toContain(path));
});

// ---------- one lecturer's own results (lecturer-views, decision 0066) ----------

describe('lecturerOwnResults', () => {
  const Q = [
    { code: 'lecturer_1', section: 'lecturers' as const, text: 'Truyền đạt rõ ràng' },
    { code: 'lecturer_2', section: 'lecturers' as const, text: 'Liên hệ thực tiễn' },
  ];
  // a response rating lecturer 7 (a, b) and lecturer 9 (always 1: must never leak into 7's figures)
  const r = (a: number, b: number) => ({ lecturers: { '7': { lecturer_1: a, lecturer_2: b }, '9': { lecturer_1: 1, lecturer_2: 1 } } });
  const other = { lecturers: { '9': { lecturer_1: 5, lecturer_2: 5 } } };

  it.each([
    // [label, responses of class 1, responses of class 2, min, class 1 avg, class 2 suppressed, overall avg, overall responses]
    ['both classes shown', [r(5, 4), r(4, 4), r(3, 4)], [r(5, 5), r(5, 5), r(5, 5)], 3, 4, false, 4.5, 6],
    ['class 2 under the threshold adds nothing', [r(5, 4), r(4, 4), r(3, 4)], [r(1, 1), r(1, 1), other, other], 3, 4, true, 4, 3],
    ['answers about colleagues only do not count as responses', [r(2, 2), r(2, 2), r(2, 2), other], [r(4, 4), r(4, 4), r(4, 4)], 3, 2, false, 3, 6],
  ] as const)('%s', (_label, c1, c2, min, avg1, sup2, overall, n) => {
    const res = reaction.lecturerOwnResults(7, [
      { classId: 1, questions: Q, responses: c1 },
      { classId: 2, questions: Q, responses: c2 },
    ], min);
    expect(res.classes[0]!.average).toBe(avg1);
    expect(res.classes[1]!.suppressed).toBe(sup2);
    expect(res.overall.average).toBe(overall);
    expect(res.overall.responses).toBe(n);
  });

  it('shows counts only under the threshold, per class and pooled', () => {
    const res = reaction.lecturerOwnResults(7, [{ classId: 1, questions: Q, responses: [r(5, 5), r(5, 5)] }], 3);
    expect(res.classes[0]).toMatchObject({ responses: 2, suppressed: true, average: null, distribution: null });
    expect(res.classes[0]!.questions.map((q) => [q.ratings, q.average, q.distribution])).toEqual([[2, null, null], [2, null, null]]);
    expect(res.overall).toMatchObject({ responses: 0, suppressed: true, average: null, classesShown: 0 });
  });

  it('pools questions by code, with distributions', () => {
    const res = reaction.lecturerOwnResults(7, [
      { classId: 1, questions: Q, responses: [r(5, 4), r(4, 4)] },
      { classId: 2, questions: [Q[0]!], responses: [r(3, 2)] },
    ], 1);
    expect(res.overall.questions).toEqual([
      { code: 'lecturer_1', text: 'Truyền đạt rõ ràng', ratings: 3, average: 4, distribution: [0, 0, 1, 1, 1] },
      { code: 'lecturer_2', text: 'Liên hệ thực tiễn', ratings: 2, average: 4, distribution: [0, 0, 0, 2, 0] },
    ]);
    expect(res.overall.distribution).toEqual([0, 0, 1, 3, 1]);
  });
});
