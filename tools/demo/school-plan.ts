/**
 * The political school's year, planned without a database: which classes run (relative to the
 * reference date, so that whatever day the demo is built one class finished last year, one was
 * carried over from last year, several are running and several are still taking nominations), the
 * teaching days of each (weekdays without public holidays), and each session's module, date and
 * half-day. Rooms and lecturers are given by `ScheduleBook`, which refuses a room or a lecturer
 * twice in the same half-day, as the server's clash check does.
 */
import { foldVietnamese, type IsoDate, type training } from '@nang-tam/domain';
import { addDays, isoToDay } from './days.js';

// ---------- days ----------

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: IsoDate): number {
  // 1970-01-01 (day 0) was a Thursday
  return ((((isoToDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** Fixed public holidays (month-day): New Year, Reunification Day, Labour Day, National Day. */
const FIXED_HOLIDAYS = new Set(['01-01', '04-30', '05-01', '09-01', '09-02']);

/**
 * The first day of Tết (lunar new year) in Vietnam; the school closes from three days before to
 * five days after. Years outside the table have no Tết break in the demo schedule.
 */
const TET: Record<number, IsoDate> = {
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
};

export function isHoliday(date: IsoDate): boolean {
  if (FIXED_HOLIDAYS.has(date.slice(5))) return true;
  const tet = TET[Number(date.slice(0, 4))];
  if (!tet) return false;
  const offset = isoToDay(date) - isoToDay(tet);
  return offset >= -3 && offset <= 5;
}

/** A working day: Monday to Friday, not a holiday. */
export function isWorkday(date: IsoDate): boolean {
  return weekdayOf(date) <= 5 && !isHoliday(date);
}

/** The working day on or before `date`. */
export function workdayOnOrBefore(date: IsoDate): IsoDate {
  let d = date;
  while (!isWorkday(d)) d = addDays(d, -1);
  return d;
}

/** The working day on or after `date`. */
export function workdayOnOrAfter(date: IsoDate): IsoDate {
  let d = date;
  while (!isWorkday(d)) d = addDays(d, 1);
  return d;
}

/** The first day on or after `date` that is a working day and one of `weekdays`. */
export function teachingDayOnOrAfter(date: IsoDate, weekdays: readonly number[]): IsoDate {
  let d = date;
  while (!isWorkday(d) || !weekdays.includes(weekdayOf(d))) d = addDays(d, 1);
  return d;
}

// ---------- half-days ----------

export type HalfDay = 'morning' | 'afternoon';

export const HALF_DAYS: Record<HalfDay, { start: string; end: string }> = {
  morning: { start: '07:30', end: '11:00' },
  afternoon: { start: '13:30', end: '17:00' },
};

/** Periods (tiết) taught in one half-day session. */
export const PERIODS_PER_SESSION = 5;

// ---------- the classes of the year ----------

export type PlanProgramme = 'TC_LLCT' | 'SC_LLCT' | 'QLNN_CV' | 'QLNN_CVC';
export type PlanMode = 'full_time' | 'part_time';

/**
 * What the demo does with a class: `history` ones are filled and followed to the end (attendance,
 * grades, conduct reports, graduation when due); `pipeline` ones take nominations that are still
 * moving through the approval chain.
 */
export type ClassKey =
  | 'tc_last_year'
  | 'tc_carried_over'
  | 'tc_anchor'
  | 'tc_local'
  | 'tc_upcoming'
  | 'sc_running'
  | 'sc_local_upcoming'
  | 'cv_past'
  | 'cv_running'
  | 'cv_waitlist'
  | 'cvc_running'
  | 'cvc_upcoming';

/** How the places of a class not yet started are taken: shares of the nominations by status. */
export interface Pipeline {
  enrolled: number;
  approvedBoard: number;
  /** Waitlisted beyond a full class. */
  waitlisted: number;
  /** Refused by the board, with a note. */
  refused: number;
}

export interface ClassPlan {
  key: ClassKey;
  programmeCode: PlanProgramme;
  mode: PlanMode;
  /** The school itself, or a commune hall (the local site named by the caller). */
  site: 'school' | 'local_north' | 'local_south';
  capacity: number;
  /** Share of the capacity nominated (a class not yet started: share of places taken). */
  fill: number;
  weekdays: readonly number[];
  startDate: IsoDate;
  pipeline: Pipeline | null;
  /** The school's request for the home agencies' conduct reports, as days from the reference date. */
  conduct: { requestedDaysAgo: number; dueInDays: number } | null;
}

const FULL_WEEK = [1, 2, 3, 4, 5] as const;
/** Part-time (vừa làm vừa học) classes meet on Thursdays and Fridays. */
const PART_TIME_DAYS = [4, 5] as const;

/**
 * Twelve classes around the reference date `today`. A class is placed by its start; what has
 * happened in it by `today` follows from its schedule.
 */
export function planSchoolYear(today: IsoDate): ClassPlan[] {
  const year = Number(today.slice(0, 4));
  const fullTime = (offsetDays: number) => teachingDayOnOrAfter(addDays(today, offsetDays), FULL_WEEK);
  // the latest start in this year for a class that needs this year's appraisals to be decided
  const latestThisYear = `${year}-12-14`;
  const upcomingThisYear = (offsetDays: number) =>
    addDays(today, offsetDays) > latestThisYear && addDays(today, 3) <= latestThisYear
      ? teachingDayOnOrAfter(latestThisYear, FULL_WEEK)
      : fullTime(offsetDays);
  const plan = (
    key: ClassKey,
    programmeCode: PlanProgramme,
    mode: PlanMode,
    site: ClassPlan['site'],
    capacity: number,
    fill: number,
    startDate: IsoDate,
    extra: Partial<Pick<ClassPlan, 'pipeline' | 'conduct'>> = {},
  ): ClassPlan => ({
    key,
    programmeCode,
    mode,
    site,
    capacity,
    fill,
    weekdays: mode === 'part_time' ? PART_TIME_DAYS : FULL_WEEK,
    startDate: mode === 'part_time' ? teachingDayOnOrAfter(startDate, PART_TIME_DAYS) : teachingDayOnOrAfter(startDate, FULL_WEEK),
    pipeline: extra.pipeline ?? null,
    conduct: extra.conduct ?? null,
  });
  return [
    plan('tc_last_year', 'TC_LLCT', 'full_time', 'school', 80, 0.8, `${year - 1}-03-09`),
    plan('tc_carried_over', 'TC_LLCT', 'part_time', 'school', 60, 0.8, `${year - 1}-11-05`),
    plan('tc_anchor', 'TC_LLCT', 'full_time', 'school', 90, 0.85, fullTime(-63), { conduct: { requestedDaysAgo: 9, dueInDays: 6 } }),
    plan('tc_local', 'TC_LLCT', 'part_time', 'local_north', 60, 0.8, addDays(today, -154), {
      conduct: { requestedDaysAgo: 26, dueInDays: -5 },
    }),
    // before the year's end while there is time: nominations for a trung cấp class starting next year
    // cannot be decided until this year's appraisals are in (two years running are required)
    plan('tc_upcoming', 'TC_LLCT', 'full_time', 'school', 120, 0.6, upcomingThisYear(17), {
      pipeline: { enrolled: 0, approvedBoard: 0.5, waitlisted: 0, refused: 0 },
    }),
    plan('sc_running', 'SC_LLCT', 'full_time', 'school', 70, 0.85, fullTime(-20)),
    plan('sc_local_upcoming', 'SC_LLCT', 'part_time', 'local_south', 50, 0.7, addDays(today, 24), {
      pipeline: { enrolled: 0.5, approvedBoard: 0.3, waitlisted: 0, refused: 0 },
    }),
    plan('cv_past', 'QLNN_CV', 'full_time', 'school', 60, 0.85, fullTime(-150)),
    plan('cv_running', 'QLNN_CV', 'full_time', 'school', 50, 0.85, fullTime(-16)),
    plan('cv_waitlist', 'QLNN_CV', 'full_time', 'school', 40, 1, fullTime(10), {
      pipeline: { enrolled: 0.6, approvedBoard: 0.25, waitlisted: 4, refused: 0 },
    }),
    plan('cvc_running', 'QLNN_CVC', 'full_time', 'school', 60, 0.8, fullTime(-27)),
    plan('cvc_upcoming', 'QLNN_CVC', 'full_time', 'school', 80, 0.5, fullTime(31), {
      pipeline: { enrolled: 0, approvedBoard: 0.5, waitlisted: 0, refused: 1 },
    }),
  ];
}

// ---------- sessions ----------

export interface PlannedSession {
  /** null for the final exam. */
  moduleCode: string | null;
  kind: 'lesson' | 'field_trip' | 'exam';
  date: IsoDate;
  halfDay: HalfDay;
}

/** Modules taught away from the school (thực tế): each session is a field trip. */
export function isFieldTripModule(m: training.ProgrammeModule): boolean {
  return /^(đi |nghiên cứu )?thực tế/i.test(m.name);
}

/** Sessions a module needs: one per five periods, the last one shorter. */
export function sessionsOf(m: training.ProgrammeModule): number {
  return Math.ceil(m.periods / PERIODS_PER_SESSION);
}

/**
 * The schedule of a class: modules in order, two sessions a teaching day (a field trip takes the
 * whole day), then the final exam in the morning two teaching days after the last lesson.
 */
export function scheduleClass(
  plan: Pick<ClassPlan, 'startDate' | 'weekdays'>,
  modules: readonly training.ProgrammeModule[],
): PlannedSession[] {
  const out: PlannedSession[] = [];
  const at: { day: IsoDate; half: HalfDay } = { day: teachingDayOnOrAfter(plan.startDate, plan.weekdays), half: 'morning' };
  const nextDay = () => {
    at.day = teachingDayOnOrAfter(addDays(at.day, 1), plan.weekdays);
    at.half = 'morning';
  };
  const advance = () => {
    if (at.half === 'morning') at.half = 'afternoon';
    else nextDay();
  };
  for (const m of modules) {
    const trip = isFieldTripModule(m);
    // a field trip starts in the morning
    if (trip && at.half === 'afternoon') nextDay();
    for (let i = 0; i < sessionsOf(m); i++) {
      out.push({ moduleCode: m.code, kind: trip ? 'field_trip' : 'lesson', date: at.day, halfDay: at.half });
      advance();
    }
  }
  // a free teaching day to revise, then the exam
  if (at.half === 'afternoon') nextDay();
  nextDay();
  out.push({ moduleCode: null, kind: 'exam', date: at.day, halfDay: 'morning' });
  return out;
}

// ---------- rooms and lecturers ----------

/** The school's rooms, largest first, with their seats. */
export const SCHOOL_ROOMS: readonly { name: string; seats: number }[] = [
  { name: 'Hội trường A', seats: 150 },
  { name: 'Hội trường B', seats: 120 },
  { name: 'Phòng 201', seats: 80 },
  { name: 'Phòng 202', seats: 80 },
  { name: 'Phòng 203', seats: 60 },
  { name: 'Phòng 301', seats: 60 },
  { name: 'Phòng 302', seats: 50 },
];

/** Where classes go on field trips (thực tế). */
export const FIELD_TRIP_PLACES: readonly string[] = [
  'Khu di tích quốc gia đặc biệt Tân Trào',
  'Khu di tích lịch sử Kim Bình',
  'Cột cờ Lũng Cú',
  'Khu di tích Nhà tù Đồng Văn',
  'Khu di tích Định Hóa - Tân Trào (ATK)',
];

/**
 * Who and what is taken in which half-day: a room (compared as the server compares rooms, without
 * case or diacritics) or a lecturer can be booked once per half-day.
 */
export class ScheduleBook {
  private readonly taken = new Set<string>();

  private static key(kind: 'room' | 'lecturer', who: string | number, date: IsoDate, half: HalfDay): string {
    return `${kind}:${kind === 'room' ? foldVietnamese(String(who)) : who}:${date}:${half}`;
  }

  roomFree(room: string, date: IsoDate, half: HalfDay): boolean {
    return !this.taken.has(ScheduleBook.key('room', room, date, half));
  }

  lecturerFree(lecturer: number, date: IsoDate, half: HalfDay): boolean {
    return !this.taken.has(ScheduleBook.key('lecturer', lecturer, date, half));
  }

  bookRoom(room: string, date: IsoDate, half: HalfDay): void {
    const key = ScheduleBook.key('room', room, date, half);
    if (this.taken.has(key)) throw new Error(`room ${room} is already booked on ${date} (${half})`);
    this.taken.add(key);
  }

  bookLecturer(lecturer: number, date: IsoDate, half: HalfDay): void {
    const key = ScheduleBook.key('lecturer', lecturer, date, half);
    if (this.taken.has(key)) throw new Error(`lecturer ${lecturer} is already booked on ${date} (${half})`);
    this.taken.add(key);
  }
}

/** The teaching hours of a module shared by sessions taught: whole periods summing to the module's. */
export function periodsBySessions(modulePeriods: number, sessionsByLecturer: ReadonlyMap<number, number>): Map<number, number> {
  const total = [...sessionsByLecturer.values()].reduce((a, b) => a + b, 0);
  const out = new Map<number, number>();
  if (total === 0) return out;
  let given = 0;
  const entries = [...sessionsByLecturer.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (const [i, [lecturer, sessions]] of entries.entries()) {
    const periods = i === entries.length - 1 ? modulePeriods - given : Math.max(1, Math.round((modulePeriods * sessions) / total));
    out.set(lecturer, periods);
    given += periods;
  }
  return out;
}

/** The first word of a commune's name lowercased, as Vietnamese writes it mid-sentence: "phường Hà Giang 1". */
export function communeInSentence(name: string): string {
  return name.replace(/^(Phường|Xã|Đặc khu)/, (w) => w.toLowerCase());
}

/** Days between two dates (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return isoToDay(b) - isoToDay(a);
}
