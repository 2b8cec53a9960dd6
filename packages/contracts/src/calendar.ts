import { z } from 'zod';
import { ZIsoDate } from './common.js';

/** Whose calendar: a learner's classes, a lecturer's teaching, a registrar's unit subtree's classes. */
export const CALENDAR_KINDS = ['learner', 'lecturer', 'registrar'] as const;

export const ZCalendarQuery = z.strictObject({
  /** Default: the Monday of this week (Vietnam). */
  from: ZIsoDate.optional(),
  /** Default: 41 days after `from` (six weeks, a month view); at most 366 days after it. */
  to: ZIsoDate.optional(),
});
export type CalendarQuery = z.infer<typeof ZCalendarQuery>;

export const ZCalendarEntry = z.object({
  /** The session's id; its iCalendar UID is `uid`. */
  id: z.number(),
  uid: z.string(),
  classId: z.number(),
  className: z.string(),
  cohortCode: z.string(),
  programmeName: z.string(),
  site: z.string(),
  kind: z.enum(['lesson', 'field_trip', 'exam']),
  moduleName: z.string().nullable(),
  date: ZIsoDate,
  /** 'HH:MM', Vietnam time. */
  startTime: z.string(),
  endTime: z.string(),
  room: z.string().nullable(),
  onlineLink: z.string().nullable(),
  lecturerName: z.string().nullable(),
  /** Raised by every change of the session (the .ics SEQUENCE). */
  sequence: z.number(),
  /** Deleted by the school since: shown struck through, published as STATUS:CANCELLED. */
  cancelled: z.boolean(),
});
export type CalendarEntry = z.infer<typeof ZCalendarEntry>;

export const ZCalendarFeed = z.object({
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type CalendarFeed = z.infer<typeof ZCalendarFeed>;

export const ZCalendar = z.object({
  kind: z.enum(CALENDAR_KINDS),
  from: ZIsoDate,
  to: ZIsoDate,
  items: z.array(ZCalendarEntry),
  /** The caller's active subscription (its secret address is shown once, when created). */
  feed: ZCalendarFeed.nullable(),
});
export type Calendar = z.infer<typeof ZCalendar>;

/** A new subscription: its address carries the secret token and is shown this once. */
export const ZCalendarFeedCreated = ZCalendarFeed.extend({
  url: z.string(),
  /** The same address with the webcal: scheme, which phones open in their calendar app. */
  webcalUrl: z.string(),
});
export type CalendarFeedCreated = z.infer<typeof ZCalendarFeedCreated>;

/** The subscription address's token: 32 random bytes, base64url. */
export const ZCalendarFeedParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/) });
