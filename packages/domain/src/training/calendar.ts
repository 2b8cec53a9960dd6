/**
 * A class session as a calendar event (issue 14, point 9): what a learner's, a lecturer's or a
 * registrar's calendar shows and what the .ics feed publishes. Times are Vietnam's (UTC+7 all
 * year, no daylight saving), published in UTC; the UID is the session's and never changes; the
 * sequence rises with every change; a deleted session stays in the feed as cancelled.
 */
import type { SessionKind } from './types.js';

export interface CalendarSessionFacts {
  id: number;
  classId: number;
  className: string;
  cohortCode: string;
  programmeName: string;
  /** Where the class is taught (the school, a local site). */
  site: string;
  kind: SessionKind;
  moduleName: string | null;
  date: string;
  /** 'HH:MM', Vietnam time. */
  startTime: string;
  endTime: string;
  room: string | null;
  onlineLink: string | null;
  lecturerName: string | null;
  lecturerTitle: string | null;
  sequence: number;
  cancelled: boolean;
  /** When the session (or its cancellation) was last written, an ISO instant. */
  updatedAt: string;
}

export interface CalendarEvent {
  uid: string;
  sequence: number;
  /** ISO instants in UTC. */
  start: string;
  end: string;
  summary: string;
  description: string;
  location: string | null;
  url: string | null;
  status: 'CONFIRMED' | 'CANCELLED';
  lastModified: string;
}

const KIND_LABELS: Record<SessionKind, { vi: string; en: string }> = {
  lesson: { vi: 'Lên lớp', en: 'Lesson' },
  field_trip: { vi: 'Đi thực tế', en: 'Field trip' },
  exam: { vi: 'Thi, kiểm tra', en: 'Exam' },
};

const LABELS = {
  vi: {
    cancelled: 'ĐÃ HỦY',
    programme: 'Chương trình',
    cls: 'Lớp',
    module: 'Học phần',
    kind: 'Loại buổi',
    lecturer: 'Giảng viên',
    online: 'Học trực tuyến',
    cohort: 'khóa',
  },
  en: {
    cancelled: 'CANCELLED',
    programme: 'Programme',
    cls: 'Class',
    module: 'Module',
    kind: 'Kind',
    lecturer: 'Lecturer',
    online: 'Online',
    cohort: 'cohort',
  },
} as const;

/** Vietnam's offset from UTC, in minutes (Asia/Ho_Chi_Minh has kept UTC+7 since 1975). */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;

/** A Vietnam wall-clock time on a date as a UTC instant: ('2026-12-07', '07:30') → '2026-12-07T00:30:00Z'. */
export function vietnamInstant(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const utc = Date.UTC(y, m - 1, d, hh, mm) - VIETNAM_OFFSET_MINUTES * 60_000;
  return new Date(utc).toISOString().replace('.000Z', 'Z');
}

/** The session's UID in every calendar: stable for its whole life, cancellation included. */
export function sessionUid(sessionId: number): string {
  return `class-session-${sessionId}@nang-tam`;
}

/** The session as an event, its texts in the user's language. */
export function sessionEvent(f: CalendarSessionFacts, locale: 'vi' | 'en' = 'vi'): CalendarEvent {
  const l = LABELS[locale];
  const what = f.moduleName ?? KIND_LABELS[f.kind][locale];
  const title = `${what} – ${f.className}`;
  const lecturer = f.lecturerName ? [f.lecturerTitle, f.lecturerName].filter(Boolean).join(' ') : null;
  const description = [
    `${l.programme}: ${f.programmeName}`,
    `${l.cls}: ${f.className} (${l.cohort} ${f.cohortCode})`,
    ...(f.moduleName ? [`${l.module}: ${f.moduleName}`] : []),
    `${l.kind}: ${KIND_LABELS[f.kind][locale]}`,
    ...(lecturer ? [`${l.lecturer}: ${lecturer}`] : []),
    ...(f.onlineLink ? [`${l.online}: ${f.onlineLink}`] : []),
  ].join('\n');
  const location = f.room ? `${f.room}, ${f.site}` : f.onlineLink ? l.online : null;
  return {
    uid: sessionUid(f.id),
    sequence: f.sequence,
    start: vietnamInstant(f.date, f.startTime),
    end: vietnamInstant(f.date, f.endTime),
    summary: f.cancelled ? `[${l.cancelled}] ${title}` : title,
    description,
    location,
    url: f.onlineLink,
    status: f.cancelled ? 'CANCELLED' : 'CONFIRMED',
    lastModified: f.updatedAt,
  };
}

/** The Monday of the week a date falls in (calendars here start weeks on Monday). */
export function weekStart(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  const back = (t.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(y, m - 1, d - back)).toISOString().slice(0, 10);
}
