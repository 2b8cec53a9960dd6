import { z } from 'zod';
import { ZPage } from './common.js';

/** Notifications (issue 14, point 8; decision 0036): one's own event notifications and work waiting. */
export const NOTIFICATION_KINDS = ['waitlist_promoted', 'recall_recorded', 'nomination_decided', 'feedback_due', 'feedback_overdue'] as const;
export const WORK_KINDS = ['nominations', 'conductReports', 'needsAnswers', 'planApprovals', 'agencyFeedback'] as const;

export const ZNotificationListQuery = z.strictObject({
  /** 'true': unread ones only. */
  unread: z.enum(['true', 'false']).optional(),
  ...ZPage,
});
export type NotificationListQuery = z.infer<typeof ZNotificationListQuery>;

export const ZNotification = z.object({
  id: z.number(),
  kind: z.enum(NOTIFICATION_KINDS),
  /** In the user's language. */
  title: z.string(),
  body: z.string(),
  /** The page of the work, inside the web app. */
  link: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type Notification = z.infer<typeof ZNotification>;

export const ZNotificationPage = z.object({ total: z.number(), unread: z.number(), items: z.array(ZNotification) });
export type NotificationPage = z.infer<typeof ZNotificationPage>;

/** One piece of work waiting for the user, derived live from the records. */
export const ZWorkItem = z.object({
  kind: z.enum(WORK_KINDS),
  /** In the user's language, e.g. "Đề cử chờ anh/chị duyệt: Lớp trung cấp K12". */
  label: z.string(),
  count: z.number(),
  /** Of conduct reports: how many of `count` are past their due date. */
  overdue: z.number().optional(),
  link: z.string(),
});
export type WorkItem = z.infer<typeof ZWorkItem>;

/** What the bell shows: unread notifications, work waiting, and their sum. */
export const ZNotificationSummary = z.object({
  unread: z.number(),
  work: z.array(ZWorkItem),
  /** Unread notifications plus every work item's count. */
  total: z.number(),
  latest: z.array(ZNotification),
});
export type NotificationSummary = z.infer<typeof ZNotificationSummary>;

export const ZMarkedRead = z.object({ marked: z.number() });
