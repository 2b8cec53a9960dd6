/**
 * Behaviour at work (Kirkpatrick level 3; issue 11 point 4, docs/decisions/0051): the home agency's
 * feedback on each graduate at 6 and 12 months after graduation, on a short form (applies what was
 * learned; a rating; a comment). Pure: the service loads the graduation date and what was submitted.
 *
 * Dates (stated once, used everywhere):
 * - The feedback at M months is due on the graduation date plus M calendar months; a day missing in
 *   the target month clamps to its last day (graduated 31/8 → due 28/2 or 29/2).
 * - It may be submitted from its due date on, never before; it is overdue when not submitted
 *   `OVERDUE_AFTER_DAYS` days after its due date (a product setting: no legal text fixes it).
 * - Reminders: one when it falls due, one when it becomes overdue, each recorded once per feedback.
 */
import type { IsoDate } from '../dates.js';
import { addDays } from '../rules/period.js';
import { addMonths } from '../training/commitments.js';

export const MILESTONES = [6, 12] as const;
export type Milestone = (typeof MILESTONES)[number];

/** Days after the due date before an unsubmitted feedback is overdue. */
export const OVERDUE_AFTER_DAYS = 30;

/** Reminders and the bell look at feedback that fell due within this many days; older is listed, not reminded. */
export const REMINDER_HORIZON_DAYS = 120;

export const APPLIES = ['fully', 'partly', 'not_yet'] as const;
export type Applies = (typeof APPLIES)[number];
export const APPLIES_LABELS: Record<Applies, { vi: string; en: string }> = {
  fully: { vi: 'Vận dụng tốt vào công việc', en: 'Applies it well' },
  partly: { vi: 'Vận dụng một phần', en: 'Applies it partly' },
  not_yet: { vi: 'Chưa vận dụng', en: 'Not yet applied' },
};

export const RATING_LABELS = ['Kém', 'Yếu', 'Trung bình', 'Khá', 'Tốt'] as const;

export const MAX_FEEDBACK_COMMENT = 2000;

export type FeedbackStatus = 'upcoming' | 'due' | 'overdue' | 'submitted';

export function dueOn(graduatedOn: IsoDate, milestone: Milestone): IsoDate {
  return addMonths(graduatedOn, milestone);
}

export function overdueFrom(due: IsoDate): IsoDate {
  return addDays(due, OVERDUE_AFTER_DAYS + 1);
}

export function feedbackStatus(f: { dueOn: IsoDate; submitted: boolean }, today: IsoDate): FeedbackStatus {
  if (f.submitted) return 'submitted';
  if (today < f.dueOn) return 'upcoming';
  return today >= overdueFrom(f.dueOn) ? 'overdue' : 'due';
}

export type SubmitRefusalCode = 'FEEDBACK_NOT_DUE' | 'FEEDBACK_SUBMITTED';

/** May the agency submit this milestone's feedback today? */
export function decideSubmit(
  f: { dueOn: IsoDate; submitted: boolean },
  today: IsoDate,
): { ok: true } | { ok: false; code: SubmitRefusalCode; message: string } {
  if (f.submitted) return { ok: false, code: 'FEEDBACK_SUBMITTED', message: 'Cơ quan đã gửi nhận xét mốc này cho người này; mỗi mốc chỉ gửi một lần.' };
  if (today < f.dueOn) {
    const d = f.dueOn.split('-').reverse().join('/');
    return { ok: false, code: 'FEEDBACK_NOT_DUE', message: `Chưa đến hạn nhận xét: mốc này nhận xét từ ngày ${d}.` };
  }
  return { ok: true };
}

export type ReminderKind = 'due' | 'overdue';

/** The reminders a feedback calls for today that were not sent yet (idempotent: `sent` says which were). */
export function remindersToSend(f: { dueOn: IsoDate; submitted: boolean }, today: IsoDate, sent: readonly ReminderKind[]): ReminderKind[] {
  const status = feedbackStatus(f, today);
  const want: ReminderKind[] = status === 'due' ? ['due'] : status === 'overdue' ? ['overdue'] : [];
  return want.filter((k) => !sent.includes(k));
}

// ---------- results ----------

export interface FeedbackFact {
  milestone: Milestone;
  dueOn: IsoDate;
  submitted: boolean;
  rating: number | null;
  applies: Applies | null;
}

export interface MilestoneSummary {
  milestone: Milestone;
  /** Graduates whose feedback at this milestone is due by today (submitted or not). */
  owed: number;
  submitted: number;
  overdue: number;
  upcoming: number;
  /** Mean rating of the submitted, rounded half up to 2 decimals. */
  averageRating: number | null;
  applies: Record<Applies, number>;
}

/** Per milestone, over the graduates of a group (a class, a programme). */
export function summariseFeedback(facts: readonly FeedbackFact[], today: IsoDate): MilestoneSummary[] {
  return MILESTONES.map((m) => {
    const of = facts.filter((f) => f.milestone === m);
    const statuses = of.map((f) => feedbackStatus(f, today));
    const ratings = of.filter((f) => f.submitted && f.rating !== null).map((f) => f.rating!);
    const applies: Record<Applies, number> = { fully: 0, partly: 0, not_yet: 0 };
    for (const f of of) if (f.submitted && f.applies) applies[f.applies] += 1;
    return {
      milestone: m,
      owed: statuses.filter((s) => s !== 'upcoming').length,
      submitted: statuses.filter((s) => s === 'submitted').length,
      overdue: statuses.filter((s) => s === 'overdue').length,
      upcoming: statuses.filter((s) => s === 'upcoming').length,
      averageRating: ratings.length === 0 ? null : Math.round((ratings.reduce((s, v) => s + v, 0) * 100) / ratings.length) / 100,
      applies,
    };
  });
}
