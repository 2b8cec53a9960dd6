/**
 * The calendar's periods: a week (Monday to Sunday) or a month shown as the six weeks that hold
 * it; moving by one period; sessions grouped by day in time order. Dates are ISO strings.
 */
import { training } from '@nang-tam/domain';

export type CalendarView = 'week' | 'month';

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export const firstOfMonth = (date: string): string => `${date.slice(0, 7)}-01`;

/** The days a view shows around `anchor`: 7 from its Monday, or 42 from the Monday before the 1st of its month. */
export function periodOf(view: CalendarView, anchor: string): { from: string; to: string; days: string[] } {
  const from = training.weekStart(view === 'week' ? anchor : firstOfMonth(anchor));
  const count = view === 'week' ? 7 : 42;
  const days = Array.from({ length: count }, (_, i) => addDays(from, i));
  return { from, to: days[count - 1]!, days };
}

/** The anchor one period earlier (-1) or later (1): a week, or the 1st of the month before or after. */
export function shiftAnchor(view: CalendarView, anchor: string, step: -1 | 1): string {
  if (view === 'week') return addDays(anchor, 7 * step);
  const [y, m] = anchor.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + step, 1)).toISOString().slice(0, 10);
}

/** Sessions by date, each day's in start-time order. */
export function groupByDate<T extends { date: string; startTime: string; id: number }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const s of [...items].sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.id - b.id)) {
    const day = out.get(s.date);
    if (day) day.push(s);
    else out.set(s.date, [s]);
  }
  return out;
}

/** The classes among the sessions (for the class filter), by name. */
export function classesOf<T extends { classId: number; className: string; cohortCode: string }>(
  items: readonly T[],
): { id: number; label: string }[] {
  const seen = new Map<number, string>();
  for (const s of items) if (!seen.has(s.classId)) seen.set(s.classId, `${s.className} (${s.cohortCode})`);
  return [...seen].map(([id, label]) => ({ id, label })).sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}
