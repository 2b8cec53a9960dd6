import { describe, expect, it } from 'vitest';
import { decideSubmit, dueOn, feedbackStatus, overdueFrom, remindersToSend, summariseFeedback, type FeedbackFact } from './agency-feedback.js';

describe('due dates at 6 and 12 months', () => {
  it.each([
    ['2026-01-15', 6, '2026-07-15'],
    ['2026-01-15', 12, '2027-01-15'],
    ['2025-08-31', 6, '2026-02-28'], // month end clamps
    ['2027-08-31', 6, '2028-02-29'], // leap year
    ['2026-03-31', 6, '2026-09-30'],
    ['2026-12-31', 6, '2027-06-30'],
    ['2026-02-28', 12, '2027-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-07-31', 12, '2027-07-31'],
  ] as const)('graduated %s, %i months → %s', (g, m, want) => expect(dueOn(g, m)).toBe(want));

  it('is overdue 31 days after the due date', () => expect(overdueFrom('2026-02-28')).toBe('2026-03-31'));
});

describe('status, submission and reminders', () => {
  const f = { dueOn: '2026-07-15', submitted: false };
  it.each([
    ['2026-07-14', 'upcoming'],
    ['2026-07-15', 'due'],
    ['2026-08-14', 'due'],
    ['2026-08-15', 'overdue'],
  ])('on %s: %s', (today, want) => expect(feedbackStatus(f, today)).toBe(want));
  it('submitted stays submitted', () => expect(feedbackStatus({ ...f, submitted: true }, '2030-01-01')).toBe('submitted'));

  it.each([
    [f, '2026-07-14', 'FEEDBACK_NOT_DUE'],
    [f, '2026-07-15', null],
    [f, '2027-01-01', null],
    [{ ...f, submitted: true }, '2026-08-01', 'FEEDBACK_SUBMITTED'],
    [{ ...f, submitted: true }, '2026-07-01', 'FEEDBACK_SUBMITTED'],
  ])('decideSubmit(%j, %s) → %s', (x, today, code) => {
    const v = decideSubmit(x, today);
    expect(v.ok ? null : v.code).toBe(code);
  });

  it.each([
    ['2026-07-14', [], []],
    ['2026-07-15', [], ['due']],
    ['2026-07-20', ['due'], []],
    ['2026-08-15', ['due'], ['overdue']],
    ['2026-08-16', ['due', 'overdue'], []],
    ['2026-09-01', [], ['overdue']],
  ] as const)('on %s having sent %j → %j', (today, sent, want) => expect(remindersToSend(f, today, sent)).toEqual(want));
  it('a submitted feedback is never reminded', () => expect(remindersToSend({ ...f, submitted: true }, '2026-09-01', [])).toEqual([]));
});

describe('summaries', () => {
  const fact = (milestone: 6 | 12, due: string, rating: number | null, applies: FeedbackFact['applies'] = null): FeedbackFact => ({
    milestone,
    dueOn: due,
    submitted: rating !== null,
    rating,
    applies,
  });
  it('counts owed, submitted, overdue and upcoming per milestone; averages the submitted ratings', () => {
    const s = summariseFeedback(
      [
        fact(6, '2026-01-10', 5, 'fully'),
        fact(6, '2026-01-10', 4, 'partly'),
        fact(6, '2026-01-10', 4, 'fully'),
        fact(6, '2026-01-10', null), // overdue on 2026-03-01
        fact(6, '2026-02-20', null), // due
        fact(12, '2026-07-10', null), // upcoming
        fact(12, '2026-01-10', 3, 'not_yet'),
      ],
      '2026-03-01',
    );
    expect(s).toEqual([
      { milestone: 6, owed: 5, submitted: 3, overdue: 1, upcoming: 0, averageRating: 4.33, applies: { fully: 2, partly: 1, not_yet: 0 } },
      { milestone: 12, owed: 1, submitted: 1, overdue: 0, upcoming: 1, averageRating: 3, applies: { fully: 0, partly: 0, not_yet: 1 } },
    ]);
  });
  it('has no average without submissions', () => expect(summariseFeedback([], '2026-01-01')[0]!.averageRating).toBeNull());
});
