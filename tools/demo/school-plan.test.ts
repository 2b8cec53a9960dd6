import { describe, expect, it } from 'vitest';
import { training } from '@nang-tam/domain';
import { addDays } from './days.js';
import {
  ScheduleBook,
  isHoliday,
  isWorkday,
  periodsBySessions,
  planSchoolYear,
  scheduleClass,
  sessionsOf,
  weekdayOf,
  type ClassKey,
  type ClassPlan,
  type PlannedSession,
} from './school-plan.js';

const modulesOf = (plan: ClassPlan) => training.SHIPPED_CATALOGUE[plan.programmeCode]!.modules;

/** Days the demo may be built on: new year, Tết, a holiday, mid-year, late in the year. */
const TODAYS = [
  '2026-01-02',
  '2026-01-15',
  '2026-02-18',
  '2026-06-30',
  '2026-09-02',
  '2026-11-23',
  '2026-12-20',
  '2026-12-31',
  '2027-04-30',
];

const RUNNING: readonly ClassKey[] = ['tc_anchor', 'tc_local', 'sc_running', 'cv_running', 'cvc_running'];
const NOT_STARTED: readonly ClassKey[] = ['tc_upcoming', 'sc_local_upcoming', 'cv_waitlist', 'cvc_upcoming'];

describe('days', () => {
  it.each([
    ['2026-11-23', 1, true, false],
    ['2026-11-28', 6, false, false],
    ['2026-02-17', 2, false, true],
    ['2026-02-13', 5, true, false],
    ['2026-02-14', 6, false, true],
    ['2026-09-02', 3, false, true],
    ['2027-01-01', 5, false, true],
  ] as const)('%s: weekday %i, workday %s, holiday %s', (date, weekday, workday, holiday) => {
    expect(weekdayOf(date)).toBe(weekday);
    expect(isWorkday(date)).toBe(workday);
    expect(isHoliday(date)).toBe(holiday);
  });
});

describe.each(TODAYS)('the school year planned on %s', (today) => {
  const year = Number(today.slice(0, 4));
  const plans = planSchoolYear(today);
  const schedules = new Map<ClassKey, PlannedSession[]>(plans.map((p) => [p.key, scheduleClass(p, modulesOf(p))]));
  const start = (key: ClassKey) => schedules.get(key)![0]!.date;
  const end = (key: ClassKey) => schedules.get(key)!.at(-1)!.date;

  it('has twelve classes of 40 to 120 places', () => {
    expect(plans).toHaveLength(12);
    expect(new Set(plans.map((p) => p.key)).size).toBe(12);
    expect(plans.every((p) => p.capacity >= 40 && p.capacity <= 120)).toBe(true);
  });

  it('teaches every period of every module on the class’s working days, one session per half-day, then the exam', () => {
    for (const plan of plans) {
      const sessions = schedules.get(plan.key)!;
      const modules = modulesOf(plan);
      expect(sessions).toHaveLength(modules.reduce((n, m) => n + sessionsOf(m), 0) + 1);
      for (const m of modules) expect(sessions.filter((s) => s.moduleCode === m.code)).toHaveLength(sessionsOf(m));
      expect(sessions.every((s) => isWorkday(s.date) && plan.weekdays.includes(weekdayOf(s.date)))).toBe(true);
      const slots = sessions.map((s) => `${s.date} ${s.halfDay === 'morning' ? 'a' : 'b'}`);
      expect(new Set(slots).size).toBe(slots.length);
      expect([...slots].sort()).toEqual(slots);
      expect(sessions.at(-1)).toMatchObject({ kind: 'exam', moduleCode: null, halfDay: 'morning' });
      expect(sessions.filter((s) => s.kind === 'exam')).toHaveLength(1);
    }
  });

  it('has a class finished last year, one carried over from it, five under way and four not yet started', () => {
    expect(end('tc_last_year') < `${year}-01-01`).toBe(true);
    expect(start('tc_carried_over') < `${year}-01-01`).toBe(true);
    expect(end('tc_carried_over') >= `${year}-01-01`).toBe(true);
    for (const key of RUNNING) {
      expect(start(key) < today, key).toBe(true);
      expect(end(key) > today, key).toBe(true);
    }
    for (const key of NOT_STARTED) expect(start(key) > today, key).toBe(true);
  });

  it('gives the running classes a graded module and the trung cấp class enough days for its recalls', () => {
    for (const key of ['sc_running', 'cv_running', 'cvc_running'] as const) {
      const done = schedules.get(key)!.filter((s) => s.moduleCode !== null && s.date <= addDays(today, -3));
      const finished = modulesOf(plans.find((p) => p.key === key)!).filter(
        (m) => done.filter((s) => s.moduleCode === m.code).length === sessionsOf(m),
      );
      expect(finished.length, key).toBeGreaterThan(0);
    }
    const held = new Set(
      schedules
        .get('tc_anchor')!
        .filter((s) => s.date < today)
        .map((s) => s.date),
    );
    expect(held.size).toBeGreaterThanOrEqual(20);
  });
});

describe('ScheduleBook', () => {
  it('books a room or a lecturer once per half-day, rooms compared without case or diacritics', () => {
    const book = new ScheduleBook();
    book.bookRoom('Hội trường A', '2026-11-23', 'morning');
    expect(book.roomFree('hoi truong a', '2026-11-23', 'morning')).toBe(false);
    expect(book.roomFree('Hội trường A', '2026-11-23', 'afternoon')).toBe(true);
    expect(() => book.bookRoom('HỘI TRƯỜNG A', '2026-11-23', 'morning')).toThrow(/already booked/);
    book.bookLecturer(7, '2026-11-23', 'morning');
    expect(book.lecturerFree(7, '2026-11-23', 'morning')).toBe(false);
    expect(book.lecturerFree(8, '2026-11-23', 'morning')).toBe(true);
    expect(() => book.bookLecturer(7, '2026-11-23', 'morning')).toThrow(/already booked/);
  });
});

describe('periodsBySessions', () => {
  it.each([
    [60, [[1, 12]], [[1, 60]]],
    [
      56,
      [
        [1, 11],
        [2, 1],
      ],
      [
        [1, 51],
        [2, 5],
      ],
    ],
    [
      8,
      [
        [1, 1],
        [2, 1],
      ],
      [
        [1, 4],
        [2, 4],
      ],
    ],
    [
      200,
      [
        [3, 30],
        [4, 9],
        [5, 1],
      ],
      [
        [3, 150],
        [4, 45],
        [5, 5],
      ],
    ],
  ] as const)('shares %i periods by sessions taught', (periods, sessions, expected) => {
    const out = periodsBySessions(periods, new Map(sessions.map(([l, n]) => [l, n])));
    expect([...out].sort((a, b) => a[0] - b[0])).toEqual(expected.map(([l, p]) => [l, p]));
    expect([...out.values()].reduce((a, b) => a + b, 0)).toBe(periods);
  });
});
